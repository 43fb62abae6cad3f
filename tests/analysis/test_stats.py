"""Tests of discourse.analysis.stats.compare_groups against published worked examples."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from discourse.errors import AnalysisError, ParameterError
from discourse.analysis.stats import COMPARISON_COLUMNS, compare_groups


def _two_groups(k1, n1, k2, n2, *, theme="t", g=("CN", "KH")):
    """A coded table with k1 of n1 statements of g[0] and k2 of n2 of g[1] coded ``theme``."""
    side = [g[0]] * n1 + [g[1]] * n2
    flags = [int(i < k1) for i in range(n1)] + [int(i < k2) for i in range(n2)]
    return pd.DataFrame({"stmt_id": [f"s.{i}" for i in range(n1 + n2)], "side": side,
                         f"theme_{theme}": flags})


def test_fisher_tea_tasting():
    # Fisher (1935) lady tasting tea, table [[3, 1], [1, 3]]. R's fisher.test documentation
    # (stats package, example TeaTasting): two-sided p = 0.4857, conditional MLE odds ratio
    # 6.408309, 95 % CI 0.2117329 to 621.9337505 (R's root finder; scipy's is tighter).
    out = compare_groups(_two_groups(3, 4, 1, 4)).iloc[0]
    assert out["test"] == "fisher"
    assert math.isnan(out["statistic"])
    assert out["p"] == pytest.approx(0.4857, abs=1e-4)
    assert out["odds_ratio"] == pytest.approx(6.408309, rel=1e-5)
    assert out["or_ci_low"] == pytest.approx(0.2117329, rel=1e-3)
    assert out["or_ci_high"] == pytest.approx(621.93, rel=0.01)


def test_newcombe_difference_intervals():
    # Newcombe RG (1998) Interval estimation for the difference between independent
    # proportions: comparison of eleven methods. Stat Med 17:873-890, Table II, method 10
    # (hybrid score): (a) 56/70 - 48/80 -> 0.0524 to 0.3339; (b) 9/10 - 3/10 -> 0.1705 to 0.8090
    a = compare_groups(_two_groups(56, 70, 48, 80)).iloc[0]
    assert a["difference"] == pytest.approx(0.2)
    assert (a["diff_ci_low"], a["diff_ci_high"]) == pytest.approx((0.0524, 0.3339), abs=5e-5)
    b = compare_groups(_two_groups(9, 10, 3, 10)).iloc[0]
    assert (b["diff_ci_low"], b["diff_ci_high"]) == pytest.approx((0.1705, 0.8090), abs=5e-5)


def test_ztest_when_expected_counts_large():
    # 56/70 vs 48/80: smallest expected count 150*46/... > 5, so the z-test; z^2 equals
    # Pearson's chi-squared without continuity correction (an identity of the 2 x 2 table).
    out = compare_groups(_two_groups(56, 70, 48, 80)).iloc[0]
    assert out["test"] == "ztest" and out["min_expected"] > 5
    chi2, p, _, _ = chi2_contingency([[56, 14], [48, 32]], correction=False)
    assert out["statistic"] ** 2 == pytest.approx(chi2)
    assert out["p"] == pytest.approx(p)
    assert out["statistic"] > 0  # group 1 higher


def test_cohens_h():
    # Cohen (1988, ch. 6): h = phi1 - phi2 with phi = 2 arcsin sqrt(P); phi(.50) = 1.5708,
    # phi(.25) = 1.0472 -> h = 0.5236 ("medium").
    out = compare_groups(_two_groups(2, 4, 1, 4)).iloc[0]
    assert out["cohens_h"] == pytest.approx(0.5236, abs=1e-4)


def test_holm_adjustment_across_themes():
    # Holm (1979) step-down: raw p (0.01, 0.04, 0.03, 0.005) -> (0.03, 0.06, 0.06, 0.02), as
    # R's p.adjust(method = "holm"). Here we check the same procedure on real comparisons:
    # sorted p_i * (m - i + 1), made monotone, capped at 1.
    coded = _two_groups(9, 10, 1, 10, theme="a")
    coded["theme_b"] = _two_groups(6, 10, 4, 10)["theme_t"]
    coded["theme_c"] = _two_groups(10, 10, 0, 10)["theme_t"]
    out = compare_groups(coded).set_index("theme")
    p = out["p"].to_numpy()
    order = np.argsort(p)
    by_hand = np.maximum.accumulate(np.minimum(1, p[order] * (len(p) - np.arange(len(p)))))
    expected = np.empty_like(by_hand)
    expected[order] = by_hand
    assert out["p_holm"].to_numpy() == pytest.approx(expected)
    assert out.loc["c", "significant"] and not out.loc["b", "significant"]
    from statsmodels.stats.multitest import multipletests

    assert multipletests([0.01, 0.04, 0.03, 0.005], method="holm")[1] == pytest.approx(
        [0.03, 0.06, 0.06, 0.02])


def test_method_can_be_forced_and_columns_documented():
    coded = _two_groups(56, 70, 48, 80)
    assert compare_groups(coded, method="fisher")["test"].iloc[0] == "fisher"
    small = compare_groups(_two_groups(1, 3, 0, 2), method="ztest").iloc[0]
    assert small["test"] == "ztest"
    assert list(compare_groups(coded).columns) == list(COMPARISON_COLUMNS)


def test_zero_matches_and_single_statement_groups():
    coded = _two_groups(0, 1, 0, 1)  # one statement each, theme never coded
    out = compare_groups(coded).iloc[0]
    assert out["p"] == 1.0 and out["difference"] == 0.0
    assert math.isnan(out["odds_ratio"])
    assert out["diff_ci_low"] < 0 < out["diff_ci_high"]


def test_group_order_and_none_groups():
    coded = _two_groups(3, 4, 1, 4, g=("KH", "CN"))
    out = compare_groups(coded, groups=("CN", "KH")).iloc[0]
    assert (out["group_1"], out["coded_1"], out["coded_2"]) == ("CN", 1, 3)
    assert out["difference"] == pytest.approx(-0.5)
    out2 = compare_groups(coded, groups=None).iloc[0]
    assert out2["group_1"] == "CN"  # sorted when taken from the column


def test_one_side_only_says_so():
    coded = _two_groups(3, 4, 0, 0)
    coded.loc[len(coded)] = ["n.1", pd.NA, 0]
    with pytest.raises(AnalysisError, match=r"only one side \(CN\) in the 'side' column; "
                                            r"compare_groups needs two: found values CN \(4\), \(none\) \(1\)"):
        compare_groups(coded)


def test_missing_group_and_bad_options():
    coded = _two_groups(3, 4, 1, 4, g=("CN", "joint"))
    with pytest.raises(AnalysisError, match="the group 'KH' is not in the 'side' column"):
        compare_groups(coded)
    with pytest.raises(ParameterError, match="method='chi'"):
        compare_groups(coded, method="chi")
    with pytest.raises(AnalysisError, match="empty"):
        compare_groups(coded.iloc[:0])
    three = pd.concat([coded, _two_groups(1, 2, 0, 0, g=("KH", "x"))])
    with pytest.raises(ParameterError, match="pass groups"):
        compare_groups(three, groups=None)
