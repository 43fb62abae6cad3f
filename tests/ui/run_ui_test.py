"""Real-browser test of the notebooks: JupyterLab + Debian's chromium driven by Playwright.

``make test-ui`` runs this script. It

1. copies the notebooks of ``notebooks/`` into a temporary folder that mirrors the
   repository (the other top-level entries are symlinked, so ``../data`` still resolves),
   so the notebooks themselves are never touched (JupyterLab saves outputs into the file);
2. registers the project's kernel (``discourse``) if it is missing, as ``make install`` does;
3. starts JupyterLab on 127.0.0.1, a free port and a random token, with its own settings,
   workspaces and runtime folders (no news pop-up, no autosave, every cell in the DOM);
4. opens each notebook in chromium (``/usr/bin/chromium``, headless, a fresh profile), runs
   all cells from the Run menu, waits until every code cell has run and the kernel is idle;
5. checks that no output is an error, that every chart is an image the browser decoded
   (``naturalWidth > 0``), at least one per plotting cell and per image output, that the
   tables render, and that widgets render; saves a full-page screenshot to
   ``<out>/screenshots/<notebook>.png``;
6. stops the server it started, by process id, in a ``finally`` block, and checks that the
   notebooks in ``notebooks/`` are byte-unchanged.

Exit status 0 when every notebook passes, 1 when one fails, 2 when the set-up fails.

Usage::

    .venv/bin/python tests/ui/run_ui_test.py [--out data/processed] [--notebooks notebooks]
                                             [--only 01] [--timeout 240]

Needs Playwright for Python (``pip install playwright``) and Debian's chromium
(``apt-get install chromium``); never ``playwright install``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lab import Lab, SetupError  # noqa: E402  (tests/ui/_lab.py, beside this script)

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
KERNEL = "discourse"
#: A code cell that plots: it must show at least one decoded image.
PLOTTING = re.compile(r"\bplot_\w+\(|\bplt\.|\.plot\(|\bsns\.\w+plot\(|\bplot_figure\(")


def log(msg: str) -> None:
    print(msg, flush=True)


# ----------------------------------------------------------------------------- preparation
def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_kernel(python: Path) -> None:
    """Register the ``discourse`` kernel for this environment if it is missing."""
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL in KernelSpecManager().find_kernel_specs():
        return
    log(f"registering the {KERNEL!r} kernel (as `make install` does)")
    subprocess.run([str(python), "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL,
                    "--display-name", "Python (discourse)"], check=True,
                   stdout=subprocess.DEVNULL)


def mirror(notebooks: list[Path], source_root: Path, run_root: Path) -> Path:
    """Copy the notebooks into ``run_root/notebooks`` and symlink the rest of the repository.

    The copies are set to the project's kernel. Returns the copies' folder.
    """
    nb_dir = notebooks[0].parent
    for entry in source_root.iterdir():
        if entry.name.startswith(".") or entry.resolve() == nb_dir.resolve():
            continue
        (run_root / entry.name).symlink_to(entry)
    target = run_root / nb_dir.name
    target.mkdir()
    for nb in notebooks:
        data = json.loads(nb.read_text(encoding="utf-8"))
        data.setdefault("metadata", {})["kernelspec"] = {
            "name": KERNEL, "display_name": "Python (discourse)", "language": "python"}
        (target / nb.name).write_text(json.dumps(data, indent=1, ensure_ascii=False),
                                      encoding="utf-8")
    return target


# ----------------------------------------------------------------------------- one notebook
def notebook_expectations(path: Path) -> dict:
    """What the notebook's code says it will show: cells to run, plotting cells."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = ["".join(c.get("source", "")) for c in nb["cells"] if c["cell_type"] == "code"]
    return {"cells": len(code), "to_run": sum(1 for s in code if s.strip()),
            "plotting": sum(1 for s in code if PLOTTING.search(s))}


def saved_outputs(path: Path) -> dict:
    """Count what the saved copy's outputs hold (errors, images, HTML tables, widgets)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = {"errors": [], "images": 0, "tables": 0, "widgets": 0, "counts": []}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        out["counts"].append(cell.get("execution_count"))
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                out["errors"].append(f"{o.get('ename')}: {o.get('evalue')}")
            data = o.get("data", {})
            out["images"] += sum(1 for k in data if k.startswith("image/"))
            if "application/vnd.jupyter.widget-view+json" in data:
                out["widgets"] += 1
            elif "<table" in "".join(data.get("text/html", "")):
                out["tables"] += 1
    return out


JS_STATE = """() => {
  const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  if (!nb) return null;
  const prompts = [...nb.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
      .map(p => p.textContent.trim());
  return {prompts};
}"""

JS_CHECK = """() => {
  const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const outs = nb.querySelectorAll('.jp-OutputArea-output');
  const errors = [];
  for (const o of outs) {
    const mime = o.getAttribute('data-mime-type') || '';
    const text = o.textContent || '';
    if (mime === 'application/vnd.jupyter.error' ||
        (mime === 'application/vnd.jupyter.stderr' &&
         /Traceback|^\\w*(Error|Exception)\\b/m.test(text)))
      errors.push(text.slice(0, 2000));
  }
  for (const o of nb.querySelectorAll('.jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]'))
    errors.push((o.textContent || '').slice(0, 2000));
  const imgs = [...nb.querySelectorAll('.jp-OutputArea-output img')];
  const widgets = nb.querySelectorAll('.jp-OutputArea-output .jupyter-widgets');
  const broken = [...nb.querySelectorAll('.jp-OutputArea-output')]
      .filter(o => /Error displaying widget/.test(o.textContent || '')).length;
  return {
    errors,
    images: imgs.length,
    decoded: imgs.filter(i => i.complete && i.naturalWidth > 0).length,
    tables: nb.querySelectorAll('.jp-RenderedHTMLCommon table').length,
    widgetTables: nb.querySelectorAll('.jupyter-widgets table').length,
    widgets: widgets.length,
    brokenWidgets: broken,
  };
}"""


def kernel_idle(lab: Lab, path: str) -> bool:
    for s in lab.api("GET", "/api/sessions") or []:
        if s.get("path") == path and s.get("kernel"):
            return s["kernel"].get("execution_state") == "idle"
    return False


def session_of(lab: Lab, path: str) -> dict | None:
    for s in lab.api("GET", "/api/sessions") or []:
        if s.get("path") == path:
            return s
    return None


def wait_for(predicate, timeout: float, what: str, poll: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(poll)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")


def run_notebook(context, lab: Lab, run_root: Path, copy: Path, out: Path,
                 timeout: float) -> list[str]:
    """Open one notebook copy, run all cells, check it; return the failures."""
    rel = copy.relative_to(run_root).as_posix()
    expect = notebook_expectations(copy)
    failures: list[str] = []
    page = context.new_page()
    try:
        page.goto(lab.url(rel), wait_until="domcontentloaded", timeout=60_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
        session = wait_for(lambda: session_of(lab, rel), 60, f"a kernel for {rel}")
        if session["kernel"]["name"] != KERNEL:
            failures.append(f"runs on kernel {session['kernel']['name']!r}, not {KERNEL!r}")
        wait_for(lambda: kernel_idle(lab, rel), 60, f"the kernel of {rel} to be ready")
        # Collapse the file browser so the screenshot is the notebook.
        current = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if current.count():
            current.first.click()
        page.locator(".jp-NotebookPanel .jp-Notebook").first.click()
        # Run > Run All Cells, as a user does.
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).first.click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).first.click()

        ran = 0

        def finished():
            nonlocal ran
            state = page.evaluate(JS_STATE)
            if not state:
                return False
            ran = sum(1 for p in state["prompts"] if re.fullmatch(r"\[\d+\]:", p))
            busy = any("*" in p for p in state["prompts"])
            if busy or not kernel_idle(lab, rel):
                return False
            # Run All stops at an error: the cells after it never run.
            return ran >= expect["to_run"] or (ran and page.evaluate(JS_CHECK)["errors"])

        try:
            wait_for(finished, timeout, f"all {expect['to_run']} code cells of {rel} to run")
        except TimeoutError as exc:
            failures.append(str(exc))
        # Let images decode, then check.
        page.wait_for_timeout(500)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-OutputArea-output img')]"
            ".every(i => i.complete)", timeout=20_000)
        seen = page.evaluate(JS_CHECK)
        # Save the copy (Ctrl+S) to read the outputs JupyterLab holds.
        page.keyboard.press("Control+s")
        page.wait_for_timeout(1000)
        saved = saved_outputs(copy)
        for err in seen["errors"]:
            failures.append("a cell shows an error:\n    " + err.strip().replace("\n", "\n    "))
        for err in saved["errors"]:
            if not seen["errors"]:
                failures.append(f"a cell raised {err}")
        want_images = max(saved["images"], expect["plotting"])
        if seen["decoded"] < want_images:
            failures.append(f"{seen['decoded']} chart image(s) rendered ({seen['images']} img "
                            f"elements), expected at least {want_images} (plotting cells: "
                            f"{expect['plotting']}, image outputs: {saved['images']})")
        if seen["tables"] < saved["tables"]:
            failures.append(f"{seen['tables']} HTML table(s) rendered, expected at least "
                            f"{saved['tables']} (table outputs)")
        if seen["widgets"] < saved["widgets"] or seen["brokenWidgets"]:
            failures.append(f"{seen['widgets']} widget(s) rendered of {saved['widgets']} "
                            f"widget outputs; {seen['brokenWidgets']} show an error")
        log(f"  {rel}: {ran} of {expect['to_run']} code cells ran, {seen['decoded']}/{seen['images']} images "
            f"decoded (plotting cells: {expect['plotting']}), {seen['tables']} tables, "
            f"{seen['widgets']} widgets ({seen['widgetTables']} widget tables)")
        if not seen["errors"]:
            failures += check_review_widgets(page)
        screenshot(page, out / "screenshots" / f"{copy.stem}.png")
    finally:
        try:
            s = session_of(lab, rel)
            if s:
                lab.api("DELETE", f"/api/sessions/{s['id']}")   # frees the kernel
        except Exception:  # noqa: BLE001
            pass
        page.close()
    return failures


def check_review_widgets(page) -> list[str]:
    """Use each review widget (discourse.review_coding): a filter must change the table."""
    failures = []
    reviews = page.locator(".jp-OutputArea-output .widget-vbox:has(table.discourse-review)")
    for i in range(reviews.count()):
        review = reviews.nth(i)
        counter = review.locator(".widget-html-content", has_text=re.compile(r"of \d+ statements"))
        select = review.locator(".widget-dropdown select").first
        if not counter.count() or not select.count():
            failures.append(f"review widget {i + 1}: no statement count or no filter shown")
            continue
        before = counter.first.inner_text()
        options = select.locator("option").all_inner_texts()
        changed = None
        for index in range(1, len(options)):
            select.select_option(index=index)
            try:
                page.wait_for_function(
                    "([el, text]) => el.innerText !== text",
                    arg=[counter.first.element_handle(), before], timeout=5_000)
            except Exception:  # noqa: BLE001 - this option keeps every statement
                continue
            changed = counter.first.inner_text()
            break
        if len(options) > 2 and changed is None:
            failures.append(f"review widget {i + 1}: choosing a {options[1]!r} filter did not "
                            f"change the table ({before!r}): the kernel did not answer")
        elif changed is not None:
            shown = int(re.search(r"(\d+) of", changed).group(1))
            rows = review.locator("table.discourse-review tbody tr").count()
            limited = review.locator(".discourse-note").count() > 0    # max_rows reached
            if (rows != shown and not limited) or (limited and rows >= shown):
                failures.append(f"review widget {i + 1}: says {changed!r} but shows {rows} rows")
            log(f"  review widget {i + 1}: filter -> {changed!r} ({rows} rows)")
        select.select_option(index=0)
        page.wait_for_function("([el, text]) => el.innerText === text",
                               arg=[counter.first.element_handle(), before], timeout=10_000)
    return failures


def screenshot(page, target: Path) -> None:
    """A full-page screenshot of the notebook (the viewport grown to its height)."""
    height = page.evaluate("""() => {
      const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
      const scroller = panel.querySelector('.jp-WindowedPanel-outer') ||
                       panel.querySelector('.jp-Notebook');
      return scroller.scrollHeight + (window.innerHeight - scroller.clientHeight);
    }""")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 600), 20000)})
    page.evaluate("""() => {
      const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
      for (const el of panel.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook'))
        el.scrollTop = 0;
    }""")
    page.wait_for_timeout(700)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    page.screenshot(path=str(partial), type="png", full_page=True)
    os.replace(partial, target)
    page.set_viewport_size(size)


# ----------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notebooks", default=str(REPO / "notebooks"),
                    help="folder of numbered notebooks (default: notebooks/)")
    ap.add_argument("--out", default="data/processed",
                    help="screenshots go to <out>/screenshots (default: data/processed)")
    ap.add_argument("--only", action="append", default=[],
                    help="only notebooks whose names start with this (repeatable)")
    ap.add_argument("--timeout", type=float, default=240,
                    help="seconds for one notebook's cells to run (default 240)")
    args = ap.parse_args(argv)
    started = time.monotonic()
    nb_dir = Path(args.notebooks).resolve()
    out = Path(args.out).resolve()
    notebooks = sorted(p for p in nb_dir.glob("[0-9]*.ipynb") if p.is_file()
                       and (not args.only or any(p.name.startswith(o) for o in args.only)))
    if not notebooks:
        log(f"FAIL: no numbered notebook in {nb_dir}")
        return 2
    if not Path(CHROMIUM).exists():
        log(f"FAIL: {CHROMIUM} not found; install Debian's chromium: apt-get install chromium")
        return 2
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        log("FAIL: Playwright for Python is missing: .venv/bin/pip install playwright "
            "(never `playwright install`: the test uses /usr/bin/chromium)")
        return 2
    before = {p: sha256(p) for p in nb_dir.glob("*.ipynb")}
    python = Path(sys.executable)
    ensure_kernel(python)
    home = Path(tempfile.mkdtemp(prefix="discourse-ui-"))
    run_root = home / "root"
    run_root.mkdir()
    copies = mirror(notebooks, nb_dir.parent, run_root)
    lab = Lab(run_root, home, python)

    def on_term(*_):
        # `kill <pid>` of this script: stop the server and its kernels, then leave (the
        # Playwright driver closes chromium when this process ends).
        log("terminated: stopping JupyterLab")
        lab.stop()
        shutil.rmtree(home, ignore_errors=True)
        os._exit(143)

    signal.signal(signal.SIGTERM, on_term)
    results: dict[str, list[str]] = {}
    status = 0
    try:
        log(f"starting JupyterLab on {lab.base} (log: {lab.log_path})")
        lab.start()
        log(f"JupyterLab answers after {time.monotonic() - started:.1f} s")
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                str(home / "chromium-profile"), executable_path=CHROMIUM, headless=True,
                args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900},
                ignore_https_errors=False)
            try:
                for nb in notebooks:
                    t0 = time.monotonic()
                    try:
                        results[nb.name] = run_notebook(context, lab, run_root,
                                                        copies / nb.name, out, args.timeout)
                    except Exception as exc:  # noqa: BLE001 - reported per notebook
                        results[nb.name] = [f"{type(exc).__name__}: {exc}"]
                    log(f"  {nb.name}: {time.monotonic() - t0:.1f} s")
            finally:
                context.close()
    except SetupError as exc:
        log(f"FAIL (set-up): {exc}")
        status = 2
    finally:
        lab.stop()
        shutil.rmtree(home, ignore_errors=True)
    after = {p: sha256(p) for p in nb_dir.glob("*.ipynb")}
    if after != before:
        changed = sorted(str(p) for p in set(before) | set(after) if before.get(p) != after.get(p))
        log(f"FAIL: the notebooks were modified by the test: {changed}")
        status = 1
    for name, failures in results.items():
        if failures:
            status = status or 1
            log(f"FAIL {name}:")
            for f in failures:
                log(f"  - {f}")
        else:
            log(f"ok   {name}  (screenshot: {out / 'screenshots' / (Path(name).stem + '.png')})")
    log(f"{'PASSED' if status == 0 else 'FAILED'}: {len(results)} notebook(s) in "
        f"{time.monotonic() - started:.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
