"""The carry decision of uncued statements: the rule, the learned model, its weights file.

The paragraphs are made up for these tests and written from data/real/CONVENTIONS.md
(rule 5: a statement with no cue that goes on with the previous speaker's content is that
speaker's; facts and history told by the journalist are the narrator's), in English, French
and Chinese, before looking at the output. Both deciders (the hand-written rule, the
default, and the shipped model) must get them right.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from discourse.errors import DiscourseError, ModelFileError
from discourse.speakers.attribution import attribute_speakers
from discourse.speakers.attributor import DocumentAttributor
from discourse.speakers.carry_features import FEATURES, Context, carry_features
from discourse.speakers.carry_model import (RULES, CarryModel, format_carry_model,
                                            parse_carry_model, read_carry_model)
from discourse.speakers.findings import Finding

from .test_attribution import statements_of

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "data" / "real" / "texts"


@pytest.fixture(params=["rules", "model"])
def decider(request):
    """Each test runs with the hand-written rule and with the shipped model."""
    old = DocumentAttributor.carry_model
    DocumentAttributor.carry_model = RULES if request.param == "rules" else read_carry_model()
    yield request.param
    DocumentAttributor.carry_model = old


def _decided(*paragraphs, lang):
    out = attribute_speakers(statements_of(*paragraphs, lang=lang, date="2024-05-06"))
    return list(zip(out["speaker"], out["cue"]))


def test_the_rule_decides_by_default():
    assert DocumentAttributor.carry_model == RULES


def test_a_stance_after_a_speaker_goes_on_with_the_speaker_en(decider):
    out = _decided(["Chinese Foreign Minister Wang Yi said China values its friendship with "
                    "Cambodia.", "China is ready to deepen cooperation in trade and "
                    "investment with Cambodia."], lang="en")
    assert out == [("wang_yi", "explicit"), ("wang_yi", "carried")]


def test_history_in_a_paragraph_of_its_own_is_the_narrators_en(decider):
    out = _decided(["Chinese Foreign Minister Wang Yi said China values its friendship with "
                    "Cambodia."], ["The bridge was built in 1998 with a Chinese loan of "
                                   "30 million dollars."], lang="en")
    assert out[1] == ("narrator", "narrator")


def test_a_stance_after_a_speaker_goes_on_with_the_speaker_fr(decider):
    out = _decided(["Le ministre chinois des Affaires étrangères Wang Yi a déclaré que la "
                    "Chine attache une grande importance à son amitié avec le Cambodge.",
                    "La Chine est prête à renforcer la coopération avec le Cambodge dans "
                    "tous les domaines."], lang="fr")
    assert out == [("wang_yi", "explicit"), ("wang_yi", "carried")]


def test_history_in_a_paragraph_of_its_own_is_the_narrators_fr(decider, request):
    if decider == "model":   # one reason the model is not the default (README)
        request.applymarker(pytest.mark.xfail(strict=True, reason=(
            "the shipped model carries it (P=0.52): it learned almost no weight for "
            "background facts (-0.04), and 'un prêt' (a loan) reads as a stance")))
    out = _decided(["Le ministre chinois des Affaires étrangères Wang Yi a déclaré que la "
                    "Chine attache une grande importance à son amitié avec le Cambodge."],
                   ["Le pont a été construit en 1998 grâce à un prêt chinois de 30 millions "
                    "de dollars."], lang="fr")
    assert out[1] == ("narrator", "narrator")


def test_a_side_going_on_with_its_speaker_is_carried_zh(decider):
    # (Chinese is attributed by its own cue analysis; the decider must not change it.)
    out = _decided(["王毅表示，中方愿同柬方深化各领域合作。",
                    "中方坚定支持柬方维护国家主权。"], lang="zh")
    assert [s for s, _ in out] == ["wang_yi", "wang_yi"]
    assert out[1][1] == "carried"


def test_the_models_confidence_is_its_probability():
    old = DocumentAttributor.carry_model
    DocumentAttributor.carry_model = read_carry_model()
    try:
        out = attribute_speakers(statements_of(
            ["Chinese Foreign Minister Wang Yi said China values its friendship with "
             "Cambodia.", "China is ready to deepen cooperation with Cambodia."], lang="en"))
    finally:
        DocumentAttributor.carry_model = old
    assert 0.5 <= out["confidence"].iat[1] <= 0.95


# --- the features -------------------------------------------------------------------------

def _features(text, lang, **ctx):
    base = dict(prev_kind="speaker", last_side="CN", names_last=False, new_par=False,
                in_quote=False, distance=0, par_position=1, doc_position=0.5)
    base.update(ctx)
    return dict(zip(FEATURES, carry_features(Finding(None), text, lang, Context(**base))))


def test_the_word_features_read_each_languages_lists():
    assert _features("nous devons renforcer la cooperation.", "fr")["we"] == 1.0
    assert _features("nous devons renforcer la cooperation.", "fr")["modal"] == 1.0
    assert _features("we must strengthen cooperation.", "en")["we"] == 1.0
    assert _features("la cooperation se renforcera.", "fr")["future"] == 1.0
    assert _features("the cooperation will grow.", "fr")["we"] == 0.0   # French lists only


def test_past_facts_and_amounts_are_features():
    x = _features("since 2013, china has provided 30 million dollars.", "en")
    assert (x["year"], x["year_phrase"], x["past"], x["quantity"]) == (1.0, 1.0, 1.0, 1.0)
    assert _features("china supports cambodia.", "en")["year"] == 0.0


def test_a_language_without_a_carry_file_has_no_word_features():
    x = _features("我们将深化合作。", "zh")
    assert x["we"] == x["modal"] == x["evaluative"] == 0.0
    assert x["prev_speaker"] == 1.0


def test_every_feature_is_between_0_and_1():
    x = _features("«" + "very long sentence " * 40 + "»", "en", distance=40, par_position=20,
                  doc_position=1.0)
    assert all(0.0 <= v <= 1.0 for v in x.values())


# --- the weights file ---------------------------------------------------------------------

def _valid():
    return {"features": {k: 0.0 for k in FEATURES}, "intercept": -1.0, "threshold": 0.5,
            "training": {"date": "2026-12-07"}}


def test_the_shipped_weights_load_with_their_provenance():
    model = read_carry_model()
    assert model.features == FEATURES and len(model.weights) == len(FEATURES)
    training = dict(model.training)
    assert len(training["table_sha256"]) == 64 and training["statements"] > 100


@pytest.mark.parametrize("change, message", [
    (lambda d: d["features"].update(we_speak=1.0), "unknown feature(s) we_speak; valid: "
                                                    "prev_speaker"),
    (lambda d: d["features"].pop("speech"), "features lacks speech"),
    (lambda d: d.update(threshold=1.5), "threshold is 1.5; it must be between 0 and 1"),
    (lambda d: d["features"].update(speech="high"), "features.speech is 'high'; it must be "
                                                    "a finite number"),
    (lambda d: d.update(intercept=None), "intercept is None"),
    (lambda d: d.update(weights=[]), "unknown field(s) weights"),
    (lambda d: d.update(training=[1]), "training is [1]; expected a mapping"),
])
def test_a_bad_weights_file_is_refused_naming_the_file_and_the_field(change, message):
    data = _valid()
    change(data)
    with pytest.raises(ModelFileError) as err:
        parse_carry_model(data, "my_model.yml")
    assert str(err.value).startswith("my_model.yml: ") and message in str(err.value)
    assert isinstance(err.value, DiscourseError)


def test_a_missing_or_broken_weights_file_names_the_path(tmp_path):
    with pytest.raises(ModelFileError, match="nowhere.yml: cannot read"):
        read_carry_model(tmp_path / "nowhere.yml")
    broken = tmp_path / "broken.yml"
    broken.write_text("features: [a\n", encoding="utf-8")
    with pytest.raises(ModelFileError, match="broken.yml: not valid YAML"):
        read_carry_model(broken)
    listed = tmp_path / "listed.yml"
    listed.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(ModelFileError, match="expected a mapping with 'features'"):
        read_carry_model(listed)


def test_a_weights_file_round_trips_byte_for_byte(tmp_path):
    model = parse_carry_model(_valid(), "x")
    text = format_carry_model(model)
    path = tmp_path / "m.yml"
    path.write_text(text, encoding="utf-8")
    again = read_carry_model(path)
    assert again == model and format_carry_model(again) == text


def test_the_probability_is_the_logistic_of_the_weighted_sum():
    m = CarryModel(("a", "b"), (2.0, -1.0), -0.5)
    assert m.probability([0.0, 0.0]) == pytest.approx(0.3775406688)
    assert m.probability([1.0, 1.0]) == pytest.approx(0.6224593312)


# --- retraining -----------------------------------------------------------------------------

def _trainer():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("train_carry_model",
                                                  ROOT / "benchmarks" / "train_carry_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _table():
    rows = []
    for i in range(60):   # made up: carried after a speaker with speech, else narrator
        x = dict.fromkeys(FEATURES, 0.0)
        x["prev_speaker"] = float(i % 2)
        x["speech"] = float(i % 3 != 0)
        x["year"] = float(i % 5 == 0)
        carried = x["prev_speaker"] == 1.0 and x["speech"] == 1.0 and x["year"] == 0.0
        rows.append({"doc_id": f"d{i // 6}", "group": f"g{i // 12}", "lang": "en",
                     "label": "carried" if carried else "narrator", "has_target": True,
                     "rule": carried, **x})
    return pd.DataFrame(rows)


def test_retraining_is_deterministic_and_learns_the_signal():
    trainer = _trainer()
    first = trainer.fit(_table(), 1.0)
    assert trainer.fit(_table(), 1.0) == first
    w = dict(zip(FEATURES, first.weights))
    assert w["prev_speaker"] > 0 and w["speech"] > 0 and w["year"] < 0
    text = trainer.weights_text(_table(), 1.0, "figures", "made-up table")
    assert text == trainer.weights_text(_table(), 1.0, "figures", "made-up table")
    assert parse_carry_model(__import__("yaml").safe_load(text), "x").weights == first.weights


@pytest.mark.skipif(not TEXTS.is_dir() or not any(TEXTS.glob("*.txt")),
                    reason="the real readouts' texts are absent (git-ignored; see "
                           "data/real/README.md to rebuild them)")
def test_retraining_on_the_real_labels_gives_the_same_bytes(tmp_path):
    out = tmp_path / "carry_model.yml"
    trainer = _trainer()
    assert trainer.main(["--out", str(out), "--folds", "2"]) == 0
    assert trainer.main(["--out", str(out), "--folds", "2", "--check"]) == 0
    assert read_carry_model(out).features == FEATURES
