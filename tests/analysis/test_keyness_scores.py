"""Tests of discourse.analysis.keyness_scores against published worked examples (quanteda's
feature orders, below, are checked by test_keyness.py).

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

import pytest

from discourse.analysis.keyness_scores import score_keyness
from discourse.errors import ParameterError


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
