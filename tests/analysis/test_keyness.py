"""Tests of discourse.analysis.keyness: words counted per group, quanteda's feature orders,
stop words, stemming and the errors (the statistics: test_keyness_scores.py)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from discourse.analysis.keyness import compute_keyness
from discourse.errors import AnalysisError, ParameterError


def _docs(d1, d2, *, lang="en"):
    return pd.DataFrame({"side": ["d1", "d2"], "lang": lang, "text": [d1, d2]})


QUANTEDA = _docs("a a a b b c c c c c c d e f g h h", "a a b c c d d d d e f h")


@pytest.mark.parametrize("target, measure, correction, order", [
    ("d1", "chi2", "default", list("gcbhaefd")),
    ("d2", "chi2", "default", list("defabhcg")),
    ("d1", "lr", "none", list("cgbhaefd")),
    ("d2", "lr", "none", list("defabhgc")),
])
def test_feature_order_matches_quanteda(target, measure, correction, order):
    out = compute_keyness(QUANTEDA, target=target, measure=measure, correction=correction,
                          min_count=1)
    assert out["feature"].tolist() == order


def test_counts_attrs_and_reference():
    out = compute_keyness(QUANTEDA, target="d1", min_count=1).set_index("feature")
    assert out.loc["c", ["n_target", "n_reference"]].tolist() == [6, 2]
    assert out.attrs["n_target_tokens"] == 17 and out.attrs["n_reference_tokens"] == 12
    assert (out.attrs["target"], out.attrs["reference"], out.attrs["correction"]) == (
        "d1", "reference", "yates")
    pmi = compute_keyness(QUANTEDA, target="d1", measure="pmi", min_count=1)
    assert pmi.set_index("feature").loc["a", "statistic"] == pytest.approx(
        math.log(3 * 29 / (5 * 17)), abs=1e-6)


def test_min_count_filters_rows_not_totals():
    all_rows = compute_keyness(QUANTEDA, target="d1", min_count=1).set_index("feature")
    kept = compute_keyness(QUANTEDA, target="d1", min_count=3).set_index("feature")
    assert "g" not in kept.index and "e" not in kept.index
    assert kept.loc["c", "statistic"] == pytest.approx(all_rows.loc["c", "statistic"])


def test_french_stopwords_elisions_and_stemming():
    st = pd.DataFrame({
        "side": ["CN", "CN", "KH", "narrator"],
        "lang": "fr",
        "text": ["La coopération et l’amitié sont les coopérations de l'avenir.",
                 "Le développement de la coopération",
                 "L'amitié de fer avec la Chine", "Xi Jinping a rencontré Hun Sen"],
    })
    out = compute_keyness(st, target="CN", reference="KH", stopwords="fr", min_count=1)
    words = set(out["feature"])
    assert {"la", "le", "et", "de", "l'", "l’", "les"}.isdisjoint(words)
    assert "xi" not in words  # the narrator is neither target nor reference
    assert {"coopération", "amitié", "coopérations"} <= words
    stemmed = compute_keyness(st, target="CN", reference="KH", stopwords="auto", stem=True,
                              min_count=1).set_index("feature")
    # Snowball French: -ation removed, then step 6 un-accents the é: coopération -> cooper
    assert stemmed.loc["cooper", "n_target"] == 3  # coopération x2 + coopérations
    assert stemmed.loc["amiti", ["n_target", "n_reference"]].tolist() == [1, 1]


def test_custom_stopword_list_and_lang_override():
    st = _docs("Cooperation cooperation partnership", "friendship friendship cooperation",
               lang=None).drop(columns="lang")
    out = compute_keyness(st, target="d1", stopwords=["partnership"], lang="en", min_count=1)
    assert "partnership" not in set(out["feature"])
    assert out.iloc[0]["feature"] == "cooperation" and out.iloc[0]["statistic"] > 0
    with pytest.raises(ParameterError, match="no lang column; pass lang="):
        compute_keyness(st, target="d1")


def test_one_side_only_and_missing_target():
    st = pd.DataFrame({"side": ["CN", "CN", None], "lang": "en",
                       "text": ["win-win cooperation", "cooperation", "They met."]})
    with pytest.raises(AnalysisError, match=r"reference \(KH\) holds no statement: only one "
                                            r"side \(CN\) in the 'side' column"):
        compute_keyness(st, target="CN", reference="KH")
    with pytest.raises(AnalysisError, match=r"target='KH' is not in the 'side' column|"
                                            r"only one side \(CN\)"):
        compute_keyness(st, target="KH")
    with pytest.raises(ParameterError, match="both target and reference"):
        compute_keyness(st, target="CN", reference=["CN"])
    empty = pd.DataFrame({"side": ["CN", "KH"], "lang": "en", "text": ["the", "and"]})
    with pytest.raises(AnalysisError, match="hold no word"):
        compute_keyness(empty, target="CN", stopwords="en")


def test_sorted_by_statistic_then_feature():
    out = compute_keyness(QUANTEDA, target="d1", min_count=1)
    stats = out["statistic"].to_numpy()
    assert (np.diff(stats) <= 0).all()
