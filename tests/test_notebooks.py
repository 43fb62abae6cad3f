"""Tests of the notebooks: each one runs headlessly, end to end, and shows what it should.

Every numbered notebook of ``notebooks/`` is executed with papermill (kernel ``python3``, i.e.
the Python running the tests, in the notebooks' own folder as ``make reproduce`` does) into a
temporary folder, with ``RESULTS`` pointed at a temporary folder too, so neither the committed
notebooks nor ``data/processed`` are touched. The executed copy must have no error and nothing on
stderr, every chart cell must show an image and every table an HTML table, and the files the
notebook writes must be there. The committed notebooks must be clean (no outputs) and their
parameters cell must be readable by papermill.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
import pytest

papermill = pytest.importorskip("papermill")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9]*.ipynb"))
PARAMETERS = {"CORPUS", "CODEBOOK", "ACTORS", "RESULTS"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _ids(paths):
    return [p.name.split("-")[0] for p in paths]


def _notebook(prefix: str) -> Path:
    found = [p for p in NOTEBOOKS if p.name.startswith(prefix)]
    if not found:
        pytest.fail(f"notebooks/{prefix}-….ipynb is missing")
    return found[0]


@pytest.fixture(scope="module")
def execute(tmp_path_factory):
    """Run a notebook once per test session; return (executed notebook, results folder)."""
    done: dict[str, tuple[nbformat.NotebookNode, Path] | Exception] = {}

    def run(path: Path):
        if path.name not in done:   # a notebook that fails is run once, not once per test
            out = tmp_path_factory.mktemp(path.stem)
            results = out / "results"
            before = hashlib.sha256(path.read_bytes()).hexdigest()
            try:
                papermill.execute_notebook(
                    str(path), str(out / path.name),
                    parameters={"RESULTS": str(results)},
                    kernel_name="python3", cwd=str(NOTEBOOKS_DIR),
                    progress_bar=False, execution_timeout=300,
                )
                done[path.name] = (nbformat.read(out / path.name, as_version=4), results)
            except Exception as err:  # noqa: BLE001 - re-raised below, in every test using it
                done[path.name] = err
            finally:
                assert hashlib.sha256(path.read_bytes()).hexdigest() == before, (
                    f"{path.name} was modified by running it")
        if isinstance(done[path.name], Exception):
            raise done[path.name]
        return done[path.name]

    return run


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _outputs(nb, output_type=None):
    for cell in _code_cells(nb):
        for out in cell.get("outputs", []):
            if output_type is None or out.output_type == output_type:
                yield cell, out


def _stdout(nb) -> str:
    return "".join(o.text for _, o in _outputs(nb, "stream") if o.name == "stdout")


# --- the committed notebooks ------------------------------------------------------------

def test_there_are_the_three_notebooks():
    assert _ids(NOTEBOOKS)[:3] == ["01", "02", "03"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_committed_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "discourse"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    for cell in _code_cells(nb):
        assert cell.outputs == [], f"{path.name}: a cell is committed with outputs"
        assert cell.execution_count is None, f"{path.name}: a cell has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_parameters_cell_is_read_by_papermill(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: needs exactly one cell tagged 'parameters'"
    # papermill's parser skips a line with a second '=' (e.g. in a comment: "# None = ...");
    # the parameter is then "unknown" to `papermill --help-notebook` and papermill warns.
    names = set(papermill.inspect_notebook(str(path)))
    assert PARAMETERS <= names, (
        f"{path.name}: papermill cannot read parameter(s) {sorted(PARAMETERS - names)} "
        "of the parameters cell; keep '=' out of the comments on those lines")


# --- the executed notebooks -------------------------------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs_without_error(execute, path):
    nb, _ = execute(path)
    errors = [o for _, o in _outputs(nb, "error")]
    assert not errors, f"{path.name}: {errors[0].ename}: {errors[0].evalue}" if errors else ""
    stderr = [o.text for _, o in _outputs(nb, "stream") if o.name == "stderr"]
    assert not stderr, f"{path.name} printed to stderr (a warning?): {stderr[0][:500]}"
    assert all(c.execution_count for c in _code_cells(nb)), f"{path.name}: a cell did not run"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_charts_are_shown_as_images(execute, path):
    nb, _ = execute(path)
    charts = [c for c in _code_cells(nb) if "discourse.plot_" in c.source]
    for cell in charts:
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), (
            f"{path.name}: the chart cell {cell.source.splitlines()[0]!r} shows no image")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_tables_are_shown_as_html(execute, path):
    nb, _ = execute(path)
    html = [o["data"]["text/html"] for _, o in _outputs(nb, "execute_result")
            if "text/html" in o.get("data", {})]
    assert len(html) >= 5, f"{path.name}: only {len(html)} HTML outputs"
    assert all("<table" in h for h in html), f"{path.name}: an HTML output holds no table"


def test_02_shows_every_chart_and_writes_tables_and_figures(execute):
    nb, results = execute(_notebook("02"))
    images = [o for _, o in _outputs(nb) if "image/png" in o.get("data", {})]
    assert len(images) >= 7   # shares, speakers, keyness, co-occurrence; 3 on the evaluation texts
    for name in ("theme_shares_by_side", "comparison_sides", "keyness_sides",
                 "evaluation_texts_comparison_sides"):
        tex = (results / "tables" / f"{name}.tex").read_text(encoding="utf-8")
        assert "\\begin{tabular}" in tex and "\\label{tab:" + name + "}" in tex
        markdown = (results / "tables" / f"{name}.md").read_text(encoding="utf-8")
        assert markdown.startswith("Table: ") and "\n| " in markdown and "| ---" in markdown
        assert (results / "tables" / f"{name}.csv").stat().st_size > 0
    comparison = (results / "tables" / "comparison_sides.csv").read_text(encoding="utf-8")
    assert comparison.splitlines()[0].startswith("theme,group_1,coded_1,n_1")
    assert {line.split(",")[0] for line in comparison.splitlines()[1:]} == {
        "sovereignty", "cooperation", "anti_cold_war", "friendship"}
    for name in ("theme_shares_by_side", "theme_shares_by_speaker", "keyness_sides",
                 "cooccurrence_by_side", "evaluation_texts_over_time",
                 "evaluation_texts_theme_shares_by_speaker", "evaluation_texts_keyness_sides"):
        stem = results / "figures" / name
        assert stem.with_suffix(".png").read_bytes().startswith(PNG_MAGIC)
        assert stem.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
        assert b"<svg" in stem.with_suffix(".svg").read_bytes()[:2000]
    # a corpus without dates gets the clear message, shown rather than raised
    assert "AnalysisError: count_over_time: the coded table has no date column" in _stdout(nb)


def test_02_reviews_the_coding_with_highlighted_evidence(execute):
    nb, _ = execute(_notebook("02"))
    review = [c for c in _code_cells(nb) if "review_coding" in c.source]
    assert len(review) == 1
    html = review[0].outputs[0]["data"]["text/html"]
    assert "<mark" in html and "Hun Sen" in html


def test_03_writes_coding_sheets_and_is_honest_about_the_small_sample(execute):
    nb, results = execute(_notebook("03"))
    sheet = results / "validation" / "coding_sheet.csv"
    header = sheet.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("stmt_id,doc_id,coder,context_before,statement,context_after,speaker")
    assert "theme_cooperation" in header
    assert (results / "validation" / "coding_sheet.instructions.md").exists()
    assert (results / "validation" / "coding_sheet.xlsx").read_bytes().startswith(b"PK")
    for name in ("validation_agreement", "validation_machine_vs_human",
                 "validation_dictionary_vs_classifier", "validation_attribution_by_cue"):
        assert "\\begin{tabular}" in (results / "tables" / f"{name}.tex").read_text(encoding="utf-8")
    out = _stdout(nb)
    assert "AnalysisError: cross_validate_themes: only 14 hand-coded statements: far too few" in out
    assert "speaker accuracy: " in out and " on 495 gold sentences" in out


def test_05_revises_a_codebook_and_writes_its_version_history(execute):
    nb, results = execute(_notebook("05"))
    written = results / "codebooks" / "codebook-developed.yml"
    assert written.exists()
    from discourse import read_codebook

    cb = read_codebook(written)
    assert cb.version == "1.0.0+dev1" and cb.history[-1]["version"] == "1.0.0+dev1"
    assert any("added en patterns" in c for c in cb.history[-1]["changes"])
    assert set(cb.history[-1]["measured"]) == {"en", "fr"}
