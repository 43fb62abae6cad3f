"""Tests of discourse.validation.supervised: the scikit-learn baseline, honest about small samples."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from discourse.errors import AnalysisError, ContractError, ParameterError
from discourse.validation.supervised import (compare_with_dictionary, cross_validate_themes,
                                  suggest_themes, train_theme_classifier)

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "tests/data/validation/eval_themes.csv"


@pytest.fixture(scope="module")
def labels():
    return pd.read_csv(LABELS)


def test_labels_are_the_attribution_sentences(labels):
    from discourse.speakers.evaluation import read_attribution_gold

    _, gold = read_attribution_gold(ROOT / "tests/data/attribution")
    gold["stmt_id"] = gold.doc_id + "." + gold.n.astype(str)
    merged = labels.merge(gold[["stmt_id", "text"]], on="stmt_id", suffixes=("", "_gold"))
    assert len(merged) == len(labels) == 143
    assert (merged.text == merged.text_gold).all()
    assert labels.filter(like="theme_").sum().tolist() == [11, 82, 4, 32]


def test_cross_validation_is_honest_about_small_themes(labels):
    with pytest.warns(UserWarning, match="theme_anti_cold_war: not cross-validated: 4 "
                      "positive and 139 negative"):
        out = cross_validate_themes(labels, seed=0)
    out = out.set_index("theme")
    with pytest.warns(UserWarning):
        again = cross_validate_themes(labels, seed=0).set_index("theme")
    assert np.isnan(out.loc["anti_cold_war", "f1"]) and out.loc["anti_cold_war", "k"] == 0
    # cooperation (82 of 143) is learnable well above the all-positive baseline
    # (F1 of always saying 1 = 2*0.573/(1+0.573) = 0.729)
    assert out.loc["cooperation", "f1"] > 0.729
    assert out.equals(again)


def test_the_sample_readout_alone_is_too_small(labels):
    sample = pd.read_csv(ROOT / "data/hand_coding/sample_readout_coder1.csv",
                         encoding="utf-8-sig").rename(columns={"statement": "text"})
    with pytest.raises(AnalysisError, match="only 14 hand-coded statements: far too few"):
        cross_validate_themes(sample)
    # even when the size rule is waived, only cooperation (6 of 14) and friendship (5 of 14)
    # have 5 statements of each class; sovereignty (2) and anti-Cold War (1) are refused
    with pytest.warns(UserWarning) as rec:
        out = cross_validate_themes(sample, min_statements=1, k=3)
    assert [str(w.message).split(":")[1].strip() for w in rec] == [
        "theme_sovereignty", "theme_anti_cold_war"]
    assert out.k.tolist() == [0, 3, 0, 3]


def test_k_is_reduced_for_small_classes(labels):
    small = labels[labels.theme_sovereignty.eq(0)].head(20)
    small = pd.concat([small, labels[labels.theme_sovereignty.eq(1)].head(3)])
    out = cross_validate_themes(small, themes="sovereignty", k=5, min_class=3,
                                min_statements=20).iloc[0]
    assert out.k == 3 and "k reduced from 5 to 3" in out.note


def test_train_and_suggest(labels):
    model = train_theme_classifier(labels, themes=["cooperation", "friendship"], seed=0)
    assert model.themes == ["theme_cooperation", "theme_friendship"]
    new = pd.DataFrame({"stmt_id": ["x.1", "x.2"],
                        "text": ["The two sides agreed to deepen cooperation in trade.",
                                 "Cambodia is China's most trustworthy friend."]})
    out = suggest_themes(model, new)
    assert out.columns.tolist() == ["stmt_id", "p_cooperation", "p_friendship", "suggested"]
    assert out.p_cooperation[0] > out.p_cooperation[1]
    assert out.p_friendship[1] > out.p_friendship[0]
    assert "friendship" in out.suggested[1].split(";")
    with pytest.raises(AnalysisError, match="0 positive"):
        train_theme_classifier(labels.assign(theme_x=0), themes="x")


def test_compare_with_dictionary_on_same_statements(labels):
    coded = labels[["stmt_id"]].copy()
    for c in labels.filter(like="theme_"):
        coded[c] = labels[c]  # a perfect "dictionary"
    coded.loc[0, "theme_friendship"] = 1 - coded.loc[0, "theme_friendship"]
    out = compare_with_dictionary(coded, labels, themes=["friendship"]).iloc[0]
    # one false positive: precision 32/33, recall 1
    assert out.dictionary_recall == 1.0
    assert out.dictionary_precision == pytest.approx(32 / 33)
    assert 0 < out.classifier_f1 <= 1


def test_errors(labels):
    with pytest.raises(ContractError, match="no text column 'sentence'"):
        cross_validate_themes(labels, text="sentence")
    with pytest.raises(ContractError, match="no column.*theme_peace"):
        train_theme_classifier(labels, themes="peace")
    with pytest.raises(ParameterError, match="k=1"):
        cross_validate_themes(labels, k=1)
    with pytest.raises(ParameterError, match="ThemeClassifier"):
        suggest_themes(object(), labels)
