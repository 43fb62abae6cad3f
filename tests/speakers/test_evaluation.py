"""Tests of the attribution evaluation and of the accuracy reached on the evaluation set."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from discourse.speakers.actors import read_actors
from discourse.speakers.attribution import attribute_speakers
from discourse.errors import ContractError, CorpusError
from discourse.speakers.evaluation import evaluate_attribution, gold_statements, read_attribution_gold

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests/data/attribution"


def test_gold_offsets_point_at_the_sentences():
    documents, gold = read_attribution_gold(EVAL)
    texts = documents.set_index("doc_id")["text"]
    for r in gold.itertuples():
        assert texts[r.doc_id][r.start:r.end] == r.text
    assert set(documents["lang"]) == {"fr", "en"}
    assert gold.groupby("doc_id")["n"].min().eq(1).all()


def test_paragraphs_are_joined_by_a_blank_line(tmp_path):
    (tmp_path / "x.yml").write_text(
        "id: x\nlang: en\ndate: 2024-01-01\nparagraphs:\n"
        "  - - {speaker: narrator, cue: narrator, text: A b.}\n"
        "    - {speaker: narrator, cue: narrator, text: C d.}\n"
        "  - - {speaker: xi_jinping, cue: explicit, text: Xi said so.}\n", encoding="utf-8")
    documents, gold = read_attribution_gold(tmp_path)
    assert documents["text"].iloc[0] == "A b. C d.\n\nXi said so."
    assert gold["paragraph"].tolist() == [1, 1, 2] and gold["sentence"].tolist() == [1, 2, 1]


@pytest.mark.parametrize("text, match", [
    ("id: x\nparagraphs:\n  - - {speaker: a, text: t, colour: red}\n",
     "paragraph 1 sentence 1: expected keys speaker, cue, text"),
    ("id: x\nparagraphs:\n  - []\n", "paragraph 1 must be a non-empty list"),
    ("id: x\nlang: en\n", "expected a mapping with id, lang, date, paragraphs"),
    ("id: x\nauthor: me\nparagraphs: []\n", r"unknown key\(s\) author"),
])
def test_malformed_gold_files(tmp_path, text, match):
    (tmp_path / "x.yml").write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=match):
        read_attribution_gold(tmp_path)


def test_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match="no evaluation files"):
        read_attribution_gold(tmp_path)


def test_alignment_by_offsets_tolerates_another_segmentation():
    gold = pd.DataFrame({"doc_id": "d", "start": [0, 10, 20], "end": [9, 19, 29],
                         "text": ["a", "b", "c"], "speaker": ["xi", "xi", "narrator"],
                         "cue": ["explicit", "carried", "narrator"], "lang": "en"})
    # One statement covers the first two gold sentences.
    att = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "start": [0, 20],
                        "end": [19, 29], "text": ["a b", "c"], "speaker": ["xi", "hun_sen"],
                        "cue": ["explicit", "explicit"], "cue_text": ["x", "y"],
                        "confidence": [0.9, 0.9]})
    ev = evaluate_attribution(att, gold)
    assert ev.aligned["stmt_id"].tolist() == ["d.1", "d.1", "d.2"]
    assert ev.accuracy == pytest.approx(2 / 3)
    assert ev.confusion.loc["narrator", "hun_sen"] == 1
    assert ev.errors["before"].tolist() == ["b"]
    assert ev.by_cue.set_index("gold_cue")["accuracy"].to_dict() == {
        "carried": 1.0, "explicit": 1.0, "narrator": 0.0}


def test_missing_statement_counts_as_an_error():
    gold = pd.DataFrame({"doc_id": ["d", "z"], "start": [0, 0], "end": [5, 5],
                         "text": ["a", "b"], "speaker": ["xi", "xi"]})
    att = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1"], "start": [0], "end": [5],
                        "speaker": ["xi"], "cue": ["explicit"]})
    ev = evaluate_attribution(att, gold)
    assert ev.accuracy == 0.5
    assert ev.errors["predicted"].tolist() == ["(no statement)"]


def test_contract_errors():
    with pytest.raises(ContractError, match=r"evaluate_attribution\(gold\)"):
        evaluate_attribution(pd.DataFrame({"doc_id": [], "stmt_id": [], "start": [], "end": [],
                                           "speaker": [], "cue": []}), pd.DataFrame())


@pytest.fixture(scope="module")
def evaluation():
    documents, gold = read_attribution_gold(EVAL)
    attributed = attribute_speakers(gold_statements(documents, gold),
                                    actors=read_actors(EVAL / "actors.yml"))
    return evaluate_attribution(attributed, gold)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_accuracy_on_the_evaluation_set(evaluation, lang):
    by_lang = evaluation.by_lang.set_index("lang")
    assert by_lang.loc[lang, "n"] >= 200
    errors = evaluation.errors.query("lang == @lang")[["doc_id", "text", "gold", "predicted"]]
    assert by_lang.loc[lang, "accuracy"] >= 0.97, errors.to_string()


def test_every_cue_type_is_mostly_right(evaluation):
    assert (evaluation.by_cue["accuracy"] >= 0.9).all(), evaluation.by_cue
