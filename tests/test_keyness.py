"""Tests of discourse.analysis.keyness against published worked examples.

Sources of the expected values:

- Dunning's own implementation of the G2 log-likelihood ratio (Dunning 1993, "Accurate
  methods for the statistics of surprise and coincidence", Computational Linguistics 19(1)),
  as tested in Apache Mahout's ``LogLikelihoodTest`` and Apache Commons Math's
  ``GTestTest.testRootLogLikelihood``: logLikelihoodRatio(k11, k12, k21, k22) =
  (1, 0, 0, 1) 2.772589; (10, 0, 0, 10) 27.72589; (5, 1995, 0, 100000) 39.33052;
  (1000, 1995, 1000, 100000) 4730.737; (1000, 1000, 1000, 100000) 5734.343;
  (1000, 1000, 1000, 99000) 5714.932; the signed root is negative for (0, 100000, 5, 1995).
- quanteda.textstats' tests of ``textstat_keyness`` (tests/testthat/test-textstat_keyness.R):
  the chi2 of d1 = "b b b b b b b a a a" vs d2 = "a a a a a a a b b" equals R's
  ``chisq.test(correct = TRUE)``; the feature orders of d1 = "a a a b b c c c c c c d e f g h
  h" vs d2 = "a a b c c d d d d e f h" (chi2 default: g c b h a e f d; target d2: d e f a b h
  c g; lr without correction: c g b h a e f d, and d e f a b h g c for d2); the PMI of "a"
  = log(a N / ((a + b) T)).
- R's ``fisher.test`` documentation, the tea-tasting table [[3, 1], [1, 3]]: odds ratio
  6.408309, two-sided p = 0.4857.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from discourse.errors import AnalysisError, ParameterError
from discourse.analysis.keyness import compute_keyness, score_keyness


def _score(a, b, c, d, **kw):
    stat, p = score_keyness([a], [b], [a + c], [b + d], **kw)
    return float(stat[0]), float(p[0])


@pytest.mark.parametrize("cells, g2", [
    ((1, 0, 0, 1), 2.772589),
    ((10, 0, 0, 10), 27.72589),
    ((5, 1995, 0, 100000), 39.33052),
    ((1000, 1995, 1000, 100000), 4730.737),
    ((1000, 1000, 1000, 100000), 5734.343),
    ((1000, 1000, 1000, 99000), 5714.932),
])
def test_g2_matches_dunning_implementation(cells, g2):
    stat, p = _score(*cells, measure="lr", correction="none")
    assert stat == pytest.approx(g2, abs=1e-3)
    # p from the chi-squared distribution with 1 df: P(X > x) = erfc(sqrt(x / 2))
    assert p == pytest.approx(math.erfc(math.sqrt(stat / 2)), rel=1e-9, abs=1e-300)
    assert p < 0.1


def test_g2_sign_negative_when_target_uses_word_less():
    stat, _ = _score(0, 100000, 5, 1995, measure="lr", correction="none")
    assert stat == pytest.approx(-39.33052, abs=1e-4)


def test_chi2_yates_matches_quanteda_test():
    # feature "a": 3 of 10 tokens in d1 (target), 7 of 9 in d2; |ad - bc| = 43 >= N/2 and an
    # expected count < 5, so Yates applies: 19 (43 - 9.5)^2 / (10 * 9 * 10 * 9) = 2.632438
    stat, p = _score(3, 7, 7, 2)
    assert stat == pytest.approx(-19 * 33.5 ** 2 / 8100)
    assert stat == pytest.approx(-2.632438, abs=1e-6)
    none, _ = _score(3, 7, 7, 2, correction="none")
    assert none == pytest.approx(-19 * 43 ** 2 / 8100)


def test_chi2_yates_not_applied_when_ad_bc_small():
    # quanteda's rule: no correction when |ad - bc| < N/2 (here 2 < 14.5)
    assert _score(3, 2, 14, 10) == pytest.approx(_score(3, 2, 14, 10, correction="none"))


def test_williams_correction_is_default_for_lr():
    a, b, c, d = 1000, 1995, 1000, 100000
    n = a + b + c + d
    q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    plain, _ = _score(a, b, c, d, measure="lr", correction="none")
    assert _score(a, b, c, d, measure="lr")[0] == pytest.approx(plain / q)
    assert _score(a, b, c, d, measure="lr", correction="williams")[0] == pytest.approx(plain / q)


def test_exact_tea_tasting():
    stat, p = _score(3, 1, 1, 3, measure="exact")
    assert stat == pytest.approx(6.408309, rel=1e-5)
    assert p == pytest.approx(0.4857, abs=1e-4)


def test_pmi_and_correction_rules():
    stat, p = _score(3, 2, 14, 10, measure="pmi")
    assert stat == pytest.approx(math.log(3 * 29 / (5 * 17)), abs=1e-6)
    assert math.isnan(p)
    with pytest.raises(ParameterError, match="does not apply to measure='pmi'"):
        _score(3, 2, 14, 10, measure="pmi", correction="yates")
    with pytest.raises(ParameterError, match="measure='dice'"):
        _score(3, 2, 14, 10, measure="dice")


# --------------------------------------------------------------------------- compute_keyness

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
