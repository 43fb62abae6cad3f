"""Notebook 2 run on another corpus: every number of its prose agrees with its tables."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill
import pytest

import discourse

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02-comparing-rhetoric.ipynb"
SIDES = ("CN", "KH")
CORPORA = {
    "readouts": (ROOT / "tests" / "data" / "readouts", None),    # five self-written readouts
    "sample": (ROOT / "data" / "raw", None),                     # the sample readout
}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def executed(request, tmp_path_factory):
    corpus, actors = CORPORA[request.param]
    out = tmp_path_factory.mktemp(f"prose_{request.param}")
    papermill.execute_notebook(
        str(NOTEBOOK), str(out / NOTEBOOK.name),
        parameters={"CORPUS": str(corpus), "RESULTS": None, "EVALUATION_TEXTS": None},
        kernel_name="python3", cwd=str(NOTEBOOK.parent), progress_bar=False,
        execution_timeout=300)
    nb = nbformat.read(out / NOTEBOOK.name, as_version=4)
    prose = [
        "".join(o["data"]["text/markdown"]) for c in nb.cells if c.cell_type == "code"
        for o in c.outputs if "text/markdown" in o.get("data", {})
    ]
    result = discourse.run(str(corpus), actors=actors)
    return nb, "\n".join(prose), result


def test_the_corpus_description_matches_the_corpus(executed):
    _, prose, result = executed
    coded = result.coded
    found = re.search(r"(\d+) readouts?, (\d+) statements?", prose)
    assert found, prose[:300]
    assert (int(found[1]), int(found[2])) == (coded["doc_id"].nunique(), len(coded))
    for side in SIDES:
        rows = coded[coded["side"] == side]
        found = re.search(rf"{side}: (\d+) statements? in (\d+) readouts?", prose)
        assert (int(found[1]), int(found[2])) == (len(rows), rows["doc_id"].nunique())


def test_every_theme_sentence_matches_the_comparison_table(executed):
    _, prose, result = executed
    top = [t.id for t in result.codebook.themes if t.parent is None]
    coded = discourse.assign_outlets(result.coded)
    table = discourse.compare_groups(coded, groups=SIDES, themes=top)
    labels = {t.id: t.label for t in result.codebook.themes}
    sentence = re.compile(r"\*\*(.+?)\*\*: CN (\d+) of (\d+) statements \((\d+) %\), "
                          r"KH (\d+) of (\d+) \((\d+) %\); difference ([+-]\d+) points")
    found = sentence.findall(prose.split("as reported by")[0])
    assert len(found) == len(top)
    for (label, k1, n1, pct1, k2, n2, pct2, diff), (_, row) in zip(found, table.iterrows()):
        assert label == labels[row["theme"]]
        assert (int(k1), int(n1), int(k2), int(n2)) == (row["coded_1"], row["n_1"],
                                                        row["coded_2"], row["n_2"])
        assert int(pct1) == round(100 * row["share_1"]) and int(pct2) == round(100 * row["share_2"])
        assert int(diff) == round(100 * row["difference"])


def test_the_static_prose_holds_no_count(executed):
    nb, _, _ = executed
    static = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    # "per 1,000 words" is a unit, not a count
    assert not re.search(r"(?<![\d,])\d+ (statements|readouts|texts|words)\b", static)
    assert "sample readout gives" not in static


def test_the_study_notebook_says_which_corpus_it_ran_on(tmp_path):
    """Without the real texts, notebook 4 runs on the invented texts and says so everywhere."""
    study = ROOT / "notebooks" / "04-study.ipynb"
    papermill.execute_notebook(
        str(study), str(tmp_path / study.name),
        parameters={"REAL": str(tmp_path / "no_real_corpus"), "RESULTS": str(tmp_path / "out")},
        kernel_name="python3", cwd=str(study.parent), progress_bar=False, execution_timeout=300)
    nb = nbformat.read(tmp_path / study.name, as_version=4)
    prose = "\n".join("".join(o["data"]["text/markdown"]) for c in nb.cells if c.cell_type == "code"
                      for o in c.outputs if "text/markdown" in o.get("data", {}))
    assert "self-written evaluation texts (invented, not data)" in prose
    assert "real corpus" not in prose.replace("Rebuild", "")
    assert prose.count("*invented texts (not data)*") >= 5       # every result is labelled
    documents, _ = discourse.read_attribution_gold(ROOT / "tests" / "data" / "attribution")
    coded = discourse.run(documents, actors=ROOT / "tests" / "data" / "attribution" / "actors.yml").coded
    found = re.search(r"(\d+) readouts?, (\d+) statements?", prose)
    assert (int(found[1]), int(found[2])) == (coded["doc_id"].nunique(), len(coded))
    assert (tmp_path / "out" / "figures" / "study_comparison_sides.png").exists()
    # the people outside the actors file, counted as suggest_actors counts them
    outside = discourse.suggest_actors(coded, actors=ROOT / "tests" / "data" / "attribution"
                                       / "actors.yml")
    found = re.search(r"(\d+) named speakers? outside the actors file", prose)
    assert found and int(found[1]) == len(outside)
