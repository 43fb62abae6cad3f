"""The real-readouts corpus: recipes and hand labels committed, third-party text kept out of git.

Published readouts cannot be redistributed, so the repository keeps, per document, a *recipe*
(``data/real/docs/<doc_id>.yml``): the page's address, the query that finds its stored copy,
the character span kept, SHA-256 digests of the page and of the kept text, the metadata, and the
hand labels as character offsets into the kept text. The texts themselves live in git-ignored
folders:

- ``data/real/pages/<doc_id>.txt``: the stored page text exactly as retrieved;
- ``data/real/texts/<doc_id>.txt``: the kept span (the article), which discourse reads;
- ``data/real/work/<doc_id>.json``: the labeller's worksheet (anchors are quoted text).

Commands::

    python benchmarks/real_corpus.py ingest data/real/work/<doc_id>.json [...]
        check the page against the reserved readouts, cut the kept span, resolve every
        labelled statement's anchor to offsets, write texts/<doc_id>.txt and docs/<doc_id>.yml
    python benchmarks/real_corpus.py status      which texts are present, missing or changed
    python benchmarks/real_corpus.py rebuild     cut texts/ again from pages/ (after a re-fetch)
    python benchmarks/real_corpus.py recipe      write data/real/recipe.csv (one row a document)
    python benchmarks/real_corpus.py split       assign each document to ``dev`` or ``test``
        once (data/real/split.csv), by outlet: about 30 % of each language's documents, from
        outlets that no development document comes from; refuses to redo an existing split
    python benchmarks/real_corpus.py split-new   add the labelled documents split.csv lacks,
        by the rule for documents added after the split (data/real/README.md)

``recipe.csv`` is in discourse's recipe format (:mod:`discourse.corpus.recipes`): the same
file serves ``discourse corpus fetch`` (the live address; the text is found in the live page by
its digest, else reported as changed) and the rebuild from the store (``query``, ``span``).

A worksheet (JSON) holds: doc_id, url, query, outlet, outlet_side, lang, date (ISO), title,
story (meeting key, e.g. ``2024-12-03 Xi Jinping - Hun Sen``), keep_from / keep_to (verbatim
snippets that open and close the kept span; keep_to is included), themes_labelled (bool), and
statements: a list of {anchor, speaker, side, cue, themes}, one per sentence in reading order,
``anchor`` being the sentence's opening words verbatim (at least 20 characters or the whole
sentence). ``statements`` may be empty: an unlabelled readout (in the corpus, not in the
evaluation; its recipe has ``n_statements`` 0). A statement runs from its anchor to the next anchor (trailing white space trimmed).
The annotation conventions are in ``data/real/CONVENTIONS.md``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "data" / "real"
CHECKER = next((p for p in (ROOT.parent / "shared" / "tools" / "check_reserved.py",
                            Path("/work/shared/tools/check_reserved.py")) if p.exists()),
               ROOT.parent / "shared" / "tools" / "check_reserved.py")
CUES = {"explicit", "pronoun", "inverted", "participial", "carried", "description", "joint",
        "narrator", "none", "quote", "apposition", "lead"}
META = ["doc_id", "url", "query", "outlet", "outlet_side", "lang", "date", "title", "story"]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fail(where: str, message: str) -> None:
    raise SystemExit(f"{where}: {message}")


def check_reserved(path: Path, url: str) -> bool:
    """True when the shared checker flags the page (text or address)."""
    if not CHECKER.exists():
        fail(str(CHECKER), "the reserved-readouts checker is missing; cannot ingest safely")
    proc = subprocess.run([sys.executable, str(CHECKER), str(path), "--url", url],
                          capture_output=True, text=True)
    return proc.returncode != 0


def resolve_span(page: str, work: dict, where: str) -> tuple[int, int]:
    start = page.find(work["keep_from"])
    if start < 0:
        fail(where, f"keep_from {work['keep_from']!r} is not in the page text")
    stop = page.find(work["keep_to"], start)
    if stop < 0:
        fail(where, f"keep_to {work['keep_to']!r} is not in the page after keep_from")
    return start, stop + len(work["keep_to"])


def resolve_statements(text: str, work: dict, where: str) -> list[list]:
    starts, pos = [], 0
    for i, st in enumerate(work["statements"]):
        anchor = st["anchor"]
        at = text.find(anchor, pos)
        if at < 0:
            fail(where, f"statement {i}: anchor {anchor!r} not found after offset {pos}")
        starts.append(at)
        pos = at + 1
    rows = []
    for i, st in enumerate(work["statements"]):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        while end > starts[i] and text[end - 1].isspace():
            end -= 1
        speaker = str(st["speaker"]).strip()
        side = str(st.get("side") or "").strip()
        if speaker == "narrator":
            side = ""  # `unknown` keeps a side: a group named only by its side (CONVENTIONS.md)
        cue = str(st.get("cue") or "").strip()
        if cue and cue not in CUES:
            fail(where, f"statement {i}: cue {cue!r} is not one of {sorted(CUES)}")
        themes = st.get("themes") or []
        if isinstance(themes, str):
            themes = [t for t in themes.split(";") if t]
        rows.append([starts[i], end, speaker, side, cue, ";".join(sorted(themes))])
    return rows


def ingest(path: Path) -> str:
    work = json.loads(path.read_text(encoding="utf-8"))
    where = str(path)
    for key in META + ["keep_from", "keep_to", "statements"]:
        if key not in work:
            fail(where, f"missing field {key!r}")
    doc_id = work["doc_id"]
    page_path = REAL / "pages" / f"{doc_id}.txt"
    if not page_path.exists():
        fail(where, f"no page text at {page_path}")
    page = page_path.read_text(encoding="utf-8")
    if check_reserved(page_path, work["url"]):
        fail(where, "RESERVED: the checker flags this page; delete it and its worksheet")
    start, end = resolve_span(page, work, where)
    text = page[start:end]
    rows = resolve_statements(text, work, where)
    (REAL / "texts").mkdir(parents=True, exist_ok=True)
    (REAL / "texts" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    doc = {k: work[k] for k in META}
    doc.update({
        "batch": work.get("batch", ""),
        "page_sha256": sha256(page), "page_chars": len(page),
        "span": [start, end], "text_sha256": sha256(text), "text_chars": len(text),
        "themes_labelled": bool(work.get("themes_labelled", False)),
        "columns": ["start", "end", "speaker", "side", "cue", "themes"],
        "statements": rows,
    })
    (REAL / "docs").mkdir(parents=True, exist_ok=True)
    out = REAL / "docs" / f"{doc_id}.yml"
    buf = io.StringIO()
    yaml.safe_dump(doc, buf, allow_unicode=True, sort_keys=False, width=100,
                   default_flow_style=None)
    out.write_text(buf.getvalue(), encoding="utf-8")
    return f"{doc_id}: {len(rows)} statements, {len(text)} characters"


def read_docs() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((REAL / "docs").glob("*.yml"))]


def status() -> int:
    bad = 0
    for doc in read_docs():
        p = REAL / "texts" / f"{doc['doc_id']}.txt"
        if not p.exists():
            state = "missing"
        elif sha256(p.read_text(encoding="utf-8")) != doc["text_sha256"]:
            state = "CHANGED"
        else:
            state = "ok"
        bad += state != "ok"
        print(f"{state:8} {doc['doc_id']}  {doc['url']}  query: {doc['query']}")
    return 1 if bad else 0


def rebuild() -> int:
    bad = 0
    for doc in read_docs():
        page_path = REAL / "pages" / f"{doc['doc_id']}.txt"
        if not page_path.exists():
            print(f"missing page {doc['doc_id']}")
            bad += 1
            continue
        page = page_path.read_text(encoding="utf-8")
        if sha256(page) != doc["page_sha256"]:
            print(f"page changed {doc['doc_id']}: kept apart, not used")
            bad += 1
            continue
        start, end = doc["span"]
        (REAL / "texts").mkdir(parents=True, exist_ok=True)
        (REAL / "texts" / f"{doc['doc_id']}.txt").write_text(page[start:end], encoding="utf-8")
    return 1 if bad else 0


RECIPE_META = ["query", "outlet", "outlet_side", "lang", "date", "title", "story", "batch",
               "n_statements", "themes_labelled"]


def recipe_rows() -> list[dict]:
    """The recipe rows of the committed documents, in discourse's recipe format.

    The columns of :data:`discourse.corpus.recipes.RECIPE_COLUMNS` (address, span of the text
    in the stored page text, page and text digests and lengths), then the metadata; a
    document without hand labels has ``n_statements`` 0.
    """
    rows = []
    for d in read_docs():
        row = {"doc_id": d["doc_id"], "url": d["url"], "span_start": d["span"][0],
               "span_end": d["span"][1], "page_sha256": d["page_sha256"],
               "page_chars": d["page_chars"], "text_sha256": d["text_sha256"],
               "text_chars": d["text_chars"]}
        row.update({k: d.get(k, "") for k in RECIPE_META})
        row["n_statements"] = len(d["statements"])
        rows.append(row)
    return rows


def recipe() -> int:
    import pandas as pd

    from discourse.corpus.recipes import validate_recipe

    table = validate_recipe(pd.DataFrame(recipe_rows()), where="data/real/docs")
    (REAL / "recipe.csv").write_text(table.to_csv(index=False, lineterminator="\n"),
                                     encoding="utf-8")
    print(f"wrote {REAL / 'recipe.csv'} ({len(table)} documents)")
    return 0


_SECOND_LEVEL = {"com", "org", "gov", "net", "edu", "co", "go", "ac"}


def outlet_key(url: str) -> str:
    """The site an address belongs to (``en.people.cn`` -> ``people.cn``)."""
    from urllib.parse import urlparse

    host = urlparse(url).netloc.lower().rstrip(".").split(":")[0]
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def split(force: bool = False) -> int:
    out = REAL / "split.csv"
    if out.exists() and not force:
        print(f"{out} exists: the split is made once (never tune on the test part)")
        return 1
    docs = read_docs()
    rows = []
    for lang in sorted({d["lang"] for d in docs}):
        mine = [d for d in docs if d["lang"] == lang]
        by_outlet: dict[str, list] = {}
        for d in mine:
            by_outlet.setdefault(outlet_key(d["url"]), []).append(d)
        order = sorted(by_outlet, key=lambda o: hashlib.sha256(o.encode()).hexdigest())
        target, test = round(0.3 * len(mine)), set()
        for o in order:
            n = sum(len(by_outlet[x]) for x in test)
            if n >= target:
                break
            if n + len(by_outlet[o]) <= target + 2:
                test.add(o)
        dev_stories = {str(d["story"])[:10] for d in mine if outlet_key(d["url"]) not in test}
        for d in mine:
            part = "test" if outlet_key(d["url"]) in test else "dev"
            if part == "test" and str(d["story"])[:10] in dev_stories:
                part = "dev"  # a relay of a development story: not unseen text
            rows.append((d["doc_id"], lang, outlet_key(d["url"]), part))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["doc_id", "lang", "outlet", "part"])
    w.writerows(sorted(rows))
    out.write_text(buf.getvalue(), encoding="utf-8")
    for lang in sorted({r[1] for r in rows}):
        n = [r for r in rows if r[1] == lang]
        print(f"{lang}: {sum(r[3] == 'test' for r in n)} test / {len(n)} documents")
    return 0


def same_meeting(a, b) -> bool:
    """Two story keys (``2024-04-22 Hun Manet / Hun Sen - Wang Yi``) name one meeting.

    The same date (the first ten characters) and at least two participants in common
    (names split at `` - ``, ``/`` and ``,``; a parenthesised note is ignored).
    """
    import re

    def parts(story) -> tuple[str, set[str]]:
        story = re.sub(r"\(.*?\)", "", str(story)).strip()
        date, _, names = story.partition(" ")
        return date[:10], {n.strip().lower() for n in re.split(r" - |/|,", names) if n.strip()}

    (da, na), (db, nb) = parts(a), parts(b)
    return bool(da) and da == db and len(na & nb) >= 2


def part_of_new(doc: dict, rows: list[dict]) -> str:
    """The part of a document labelled after the split (data/real/README.md's rule).

    A meeting with a development copy -> ``dev``; an outlet already split -> its part (same
    language first); a new outlet -> ``test`` when SHA-256(outlet key) starts with 0-4.
    """
    by_id = {d["doc_id"]: d for d in read_docs()}
    key = outlet_key(doc["url"])
    if any(r["part"] == "dev" and same_meeting(by_id.get(r["doc_id"], {}).get("story", ""),
                                               doc["story"]) for r in rows):
        return "dev"
    same = [r["part"] for r in rows if r["outlet"] == key and r["part"] in {"dev", "test"}]
    mine = [r["part"] for r in rows if r["outlet"] == key and r["lang"] == doc["lang"]
            and r["part"] in {"dev", "test"}]
    if mine or same:
        return (mine or same)[0]
    return "test" if hashlib.sha256(key.encode("utf-8")).hexdigest()[0] in "01234" else "dev"


def split_new() -> int:
    """Add to split.csv the labelled documents it lacks, by :func:`part_of_new`."""
    out = REAL / "split.csv"
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    known = {r["doc_id"] for r in rows}
    for doc in read_docs():
        if doc["doc_id"] in known or not doc["statements"]:
            continue
        part = part_of_new(doc, rows)
        rows.append({"doc_id": doc["doc_id"], "lang": doc["lang"],
                     "outlet": outlet_key(doc["url"]), "part": part})
        print(f"{doc['doc_id']}: {part}")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["doc_id", "lang", "outlet", "part"])
    w.writerows(sorted((r["doc_id"], r["lang"], r["outlet"], r["part"]) for r in rows))
    out.write_text(buf.getvalue(), encoding="utf-8")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    cmd, rest = argv[0], argv[1:]
    if cmd == "ingest":
        for p in rest:
            print(ingest(Path(p)))
        return 0
    if cmd == "split":
        return split(force="--force" in rest)
    if cmd == "split-new":
        return split_new()
    if cmd in {"status", "rebuild", "recipe"}:
        return {"status": status, "rebuild": rebuild, "recipe": recipe}[cmd]()
    print(f"unknown command {cmd!r}; one of ingest, status, rebuild, recipe, split, split-new")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
