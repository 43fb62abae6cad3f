"""Tests of the readout-aware comparison (cluster bootstrap, cluster-robust logit)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from discourse.analysis.clustered import bootstrap_differences, compare_clustered
from discourse.analysis.stats import CLUSTER_COLUMNS, COMPARISON_COLUMNS, compare_groups
from discourse.errors import AnalysisError, ParameterError


def _corpus(seed: int = 1, n_docs: int = 30) -> pd.DataFrame:
    """Readouts whose theme rate varies by readout (strong within-readout correlation)."""
    rng = np.random.default_rng(seed)
    rows = []
    for d in range(n_docs):
        rate = rng.uniform(0, 1)
        for side, shift in (("CN", 0.15), ("KH", 0.0)):
            for _ in range(rng.integers(2, 7)):
                rows.append({"doc_id": f"d{d:02d}", "side": side,
                             "lang": "fr" if d % 2 else "en",
                             "theme_x": int(rng.uniform() < min(1, rate + shift))})
    return pd.DataFrame(rows)


def test_bootstrap_replicates_match_a_hand_computation():
    # three readouts; CN statements (coded/total): a 1/2, b 0/1, c 2/2; KH: a 0/1, b 1/1, c 0/2
    k1, n1 = np.array([[1], [0], [2]]), np.array([2, 1, 2])
    k2, n2 = np.array([[0], [1], [0]]), np.array([1, 1, 2])
    # readout a twice and c once: CN (1+1+2)/(2+2+2) = 4/6, KH (0+0+0)/(1+1+2) = 0
    # readout b three times: CN 0/3, KH 3/3
    got = bootstrap_differences(k1, n1, k2, n2, np.array([[2, 0, 1], [0, 3, 0]])).ravel()
    assert got == pytest.approx([4 / 6, -1.0])


def test_bootstrap_interval_matches_the_exact_bootstrap_distribution():
    k1, n1 = np.array([[1], [0], [2]]), np.array([2, 1, 2])
    k2, n2 = np.array([[0], [1], [0]]), np.array([1, 1, 2])
    # the exact distribution: all 27 equally likely ordered draws of 3 readouts
    draws = np.array([np.bincount(d, minlength=3) for d in itertools.product(range(3), repeat=3)])
    exact = bootstrap_differences(k1, n1, k2, n2, draws).ravel()
    rows = []
    for doc, (a, n, b, m) in zip("abc", [(1, 2, 0, 1), (0, 1, 1, 1), (2, 2, 0, 2)]):
        rows += [{"doc_id": doc, "side": "CN", "theme_x": int(i < a)} for i in range(n)]
        rows += [{"doc_id": doc, "side": "KH", "theme_x": int(i < b)} for i in range(m)]
    out = compare_clustered(pd.DataFrame(rows), n_boot=20000, seed=3, covariates=None,
                            alpha=0.4, min_clusters=2).iloc[0]
    # the 20 % and 80 % points of the 27 equally likely values (CDF steps at 4/27, 7/27, 20/27
    # and 23/27: far from 0.2 and 0.8, so sampling noise cannot move the quantile)
    assert out["cluster_ci_low"] == pytest.approx(np.quantile(exact, 0.2, method="inverted_cdf"))
    assert out["cluster_ci_high"] == pytest.approx(np.quantile(exact, 0.8, method="inverted_cdf"))
    assert out["n_boot_used"] == 20000


def test_logit_matches_statsmodels_cluster_robust_glm_and_gee():
    coded = _corpus()
    out = compare_clustered(coded, covariates=None, n_boot=200).iloc[0]
    x = sm.add_constant((coded["side"] == "CN").astype(float).to_numpy())
    groups = pd.factorize(coded["doc_id"], sort=True)[0]
    fit = sm.GLM(coded["theme_x"].to_numpy(float), x, family=sm.families.Binomial()).fit(
        cov_type="cluster", cov_kwds={"groups": groups})
    assert out["cluster_odds_ratio"] == pytest.approx(np.exp(fit.params[1]))
    assert out["cluster_p"] == pytest.approx(fit.pvalues[1])
    # GEE with an independence working correlation gives the same odds ratio
    gee = sm.GEE(coded["theme_x"].to_numpy(float), x, groups=groups,
                 family=sm.families.Binomial(), cov_struct=sm.cov_struct.Independence()).fit()
    assert out["cluster_odds_ratio"] == pytest.approx(np.exp(gee.params[1]), rel=1e-6)


def test_duplicating_statements_keeps_the_clustered_interval_and_shrinks_the_naive_one():
    coded = _corpus()
    doubled = pd.concat([coded, coded], ignore_index=True)
    a = compare_groups(coded, groups=("CN", "KH"), seed=5).iloc[0]
    b = compare_groups(doubled, groups=("CN", "KH"), seed=5).iloc[0]
    naive_a, naive_b = a["diff_ci_high"] - a["diff_ci_low"], b["diff_ci_high"] - b["diff_ci_low"]
    clus_a = a["cluster_ci_high"] - a["cluster_ci_low"]
    clus_b = b["cluster_ci_high"] - b["cluster_ci_low"]
    assert naive_b < 0.8 * naive_a                     # the naive interval shrinks (~1/sqrt 2)
    assert clus_b == pytest.approx(clus_a, rel=0.1)     # the clustered one does not
    assert b["p"] < a["p"]
    assert b["cluster_p"] == pytest.approx(a["cluster_p"], rel=0.1)


def test_compare_groups_puts_the_clustered_columns_after_the_simple_ones():
    out = compare_groups(_corpus(), groups=("CN", "KH"), n_boot=200)
    assert list(out.columns) == list(COMPARISON_COLUMNS) + list(CLUSTER_COLUMNS)
    assert "independent" in out.attrs["independence"]
    assert list(compare_groups(_corpus(), cluster=None).columns) == list(COMPARISON_COLUMNS)


def test_covariates_enter_only_when_the_data_allow():
    coded = _corpus()
    assert compare_clustered(coded, n_boot=200)["model_covariates"].iloc[0] == "lang"
    # a covariate identical to the side is collinear with it: left out
    coded["outlet_side"] = coded["side"]
    out = compare_clustered(coded, n_boot=200, covariates=["outlet_side", "lang"]).iloc[0]
    assert out["model_covariates"] == "lang"


def test_same_seed_same_interval_and_separation_is_reported():
    coded = _corpus()
    a = compare_clustered(coded, n_boot=300, seed=2)
    assert a.equals(compare_clustered(coded, n_boot=300, seed=2))
    coded["theme_y"] = (coded["side"] == "CN").astype(int)
    out = compare_clustered(coded, n_boot=300).set_index("theme").loc["y"]
    assert np.isnan(out["cluster_p"]) and out["cluster_note"].startswith("separation")
    assert out["cluster_ci_low"] == pytest.approx(1.0)


def test_too_few_readouts_give_no_readout_level_result():
    coded = _corpus(n_docs=4)
    out = compare_clustered(coded, n_boot=200).iloc[0]
    assert np.isnan(out["cluster_ci_low"]) and np.isnan(out["cluster_p"])
    assert out["cluster_note"] == "4 readouts (fewer than 5): no readout-level inference"
    out = compare_clustered(coded, n_boot=200, min_clusters=4).iloc[0]
    assert not np.isnan(out["cluster_ci_low"]) and np.isnan(out["cluster_p"])
    assert out["cluster_note"].startswith("fewer than 10 readouts: no cluster-robust model")
    out = compare_clustered(coded, n_boot=200, min_clusters=4, min_model_clusters=4).iloc[0]
    assert not np.isnan(out["cluster_p"])


def test_errors_name_the_bad_value():
    with pytest.raises(ParameterError, match="n_boot=10"):
        compare_clustered(_corpus(), n_boot=10)
    with pytest.raises(AnalysisError, match="'LA'"):
        compare_clustered(_corpus(), groups=("CN", "LA"))
