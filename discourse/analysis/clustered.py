"""Readout-aware comparison of two groups: statements are nested in readouts.

Statements of one readout share a writer, an occasion and an agenda, so they are not
independent draws. :func:`compare_clustered` compares the share of statements coded with each
theme in two groups (e.g. the Chinese and the Cambodian side) in two ways that respect that
nesting:

- a **cluster bootstrap** of the difference in shares: whole readouts (clusters) are drawn
  with replacement, the shares recomputed as ratios of the resampled sums, and the
  percentile interval of the differences reported (``cluster_ci_low``/``cluster_ci_high``);
  replicates in which a group has no statement are dropped and counted;
- a **logistic model** ``theme ~ group + covariates`` (statsmodels GLM, binomial family) with
  **cluster-robust** (sandwich) standard errors by readout, giving the group's odds ratio, its
  interval and a p-value (``cluster_p``, Holm-adjusted across themes in ``cluster_p_holm``).
  Covariates (language, outlet, the outlet's side...) enter when the data allow: a column
  present, with at least two levels among the compared statements, levels with fewer than
  ``min_level`` readouts pooled into ``"other"``, and dropped when it would make the design
  rank-deficient (e.g. an outlet nested in a side).

A theme that one group never (or always) has gives no finite odds ratio (separation): the
model columns are then empty and ``cluster_note`` says why; the bootstrap interval remains.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.clustered import compare_clustered
>>> coded = pd.DataFrame({"doc_id": list("aabbccddee") * 2,
...     "side": ["CN", "KH"] * 10, "theme_x": [1, 0, 1, 1, 0, 0, 1, 0, 1, 1] * 2})
>>> compare_clustered(coded, n_boot=200)[["theme", "n_clusters"]]
  theme  n_clusters
0     x           5
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests

from ..errors import AnalysisError, ParameterError
from ..schema import require_columns
from .grouping import select_themes, theme_matrix

__all__ = ["compare_clustered", "bootstrap_differences", "CLUSTER_COLUMNS"]

#: Columns added by the readout-aware comparison, in order (after ``theme``).
CLUSTER_COLUMNS = (
    "n_clusters", "cluster_ci_low", "cluster_ci_high", "n_boot_used",
    "cluster_odds_ratio", "cluster_or_ci_low", "cluster_or_ci_high", "cluster_p",
    "cluster_p_holm", "model_covariates", "cluster_note",
)

#: Covariates tried by default, in this order, when the table has them.
DEFAULT_COVARIATES = ("lang", "outlet_side", "outlet")


def bootstrap_differences(k1: np.ndarray, n1: np.ndarray, k2: np.ndarray, n2: np.ndarray,
                          weights: np.ndarray) -> np.ndarray:
    """Differences of shares (group 1 - group 2) for each row of cluster weights.

    ``k1``/``k2`` are (clusters x themes) sums of coded statements, ``n1``/``n2`` (clusters,)
    numbers of statements, ``weights`` (replicates x clusters) how often each cluster is
    drawn. A replicate where a group has no statement gives NaN.

    Examples
    --------
    >>> k1, n1 = np.array([[1], [2]]), np.array([2, 2])
    >>> k2, n2 = np.array([[0], [1]]), np.array([1, 1])
    >>> bootstrap_differences(k1, n1, k2, n2, np.array([[2, 0], [1, 1]])).ravel().tolist()
    [0.5, 0.25]
    """
    w = np.asarray(weights, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        s1 = (w @ k1) / (w @ n1)[:, None]
        s2 = (w @ k2) / (w @ n2)[:, None]
    return s1 - s2


def _cluster_sums(y: np.ndarray, is1: np.ndarray, codes: np.ndarray, n_clusters: int):
    def sums(mask):
        k = np.zeros((n_clusters, y.shape[1]))
        np.add.at(k, codes[mask], y[mask])
        n = np.bincount(codes[mask], minlength=n_clusters).astype(float)
        return k, n
    return (*sums(is1), *sums(~is1))


def _bootstrap(y, is1, codes, n_clusters, *, n_boot, seed, alpha):
    k1, n1, k2, n2 = _cluster_sums(y, is1, codes, n_clusters)
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(n_clusters, np.full(n_clusters, 1 / n_clusters), size=n_boot)
    diffs = bootstrap_differences(k1, n1, k2, n2, weights)
    used = ~np.isnan(diffs[:, 0]) if diffs.size else np.zeros(0, bool)
    if used.sum() < 2:
        return np.full(y.shape[1], np.nan), np.full(y.shape[1], np.nan), int(used.sum())
    low = np.quantile(diffs[used], alpha / 2, axis=0)
    high = np.quantile(diffs[used], 1 - alpha / 2, axis=0)
    return low, high, int(used.sum())


def _pool_levels(values: pd.Series, clusters: pd.Series, min_level: int) -> pd.Series:
    values = values.astype("object").where(values.notna(), "(none)").astype(str)
    per_level = clusters.groupby(values).nunique()
    small = set(per_level[per_level < min_level].index)
    return values.where(~values.isin(small), "other")


def _design(frame: pd.DataFrame, is1: np.ndarray, candidates, cluster: str,
            min_level: int) -> list[tuple[str, np.ndarray]]:
    """Intercept and group indicator, then the covariate blocks that keep the design full
    rank, as (name, columns) pairs."""
    design = np.column_stack([np.ones(len(frame)), is1.astype(float)])
    blocks: list[tuple[str, np.ndarray]] = [("", design)]
    for name in candidates:
        if name not in frame.columns:
            continue
        levels = _pool_levels(frame[name], frame[cluster], min_level)
        if levels.nunique() < 2:
            continue
        dummies = pd.get_dummies(levels, drop_first=True, dtype=float).to_numpy()
        trial = np.column_stack([design, dummies])
        if np.linalg.matrix_rank(trial) == trial.shape[1]:
            design = trial
            blocks.append((name, dummies))
    return blocks


def _fit_with_covariates(y, blocks, codes, alpha):
    """Fit with every covariate; on separation or failure, drop the last one and refit."""
    for n in range(len(blocks), 0, -1):
        design = np.column_stack([b for _, b in blocks[:n]])
        fitted = _fit_logit(y, design, codes, alpha)
        if not fitted[4] or n == 1 or fitted[4].startswith("separation: a group"):
            names = [name for name, _ in blocks[1:n]]
            dropped = [name for name, _ in blocks[n:]]
            note = fitted[4]
            if dropped and not note:
                note = f"without {', '.join(dropped)} (separation or failure with it)"
            return (*fitted[:4], ";".join(names), note)
    raise AssertionError("unreachable")


def _fit_logit(y: np.ndarray, design: np.ndarray, codes: np.ndarray, alpha: float):
    """Odds ratio of the group (column 1), its interval and p; NaNs and a note on failure."""
    ones, zeros = y[design[:, 1] == 1], y[design[:, 1] == 0]
    if ones.min() == ones.max() or zeros.min() == zeros.max():
        return np.nan, np.nan, np.nan, np.nan, "separation: a group never or always has it"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = sm.GLM(y, design, family=sm.families.Binomial()).fit(
                cov_type="cluster", cov_kwds={"groups": codes})
    except (np.linalg.LinAlgError, ValueError) as err:  # statsmodels' failures to fit
        return np.nan, np.nan, np.nan, np.nan, f"model failed: {err}"
    beta, se = float(fit.params[1]), float(fit.bse[1])
    if not np.isfinite(se) or abs(beta) > 15:
        return np.nan, np.nan, np.nan, np.nan, "separation within covariate levels"
    low, high = fit.conf_int(alpha=alpha)[1]
    return float(np.exp(beta)), float(np.exp(low)), float(np.exp(high)), float(fit.pvalues[1]), ""


def _check(coded, by, groups, cluster, n_boot, alpha, where):
    require_columns(coded, [by, cluster], where=where)
    if groups is None or isinstance(groups, str) or len(groups) != 2:
        raise ParameterError(f"{where}: groups={groups!r} must be two values of {by!r}")
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 100:
        raise ParameterError(f"{where}: n_boot={n_boot!r} must be an integer >= 100, e.g. 2000")
    if not 0 < alpha < 1:
        raise ParameterError(f"{where}: alpha={alpha!r} must be in (0, 1), e.g. 0.05")


def compare_clustered(
    coded: pd.DataFrame,
    *,
    by: str = "side",
    groups: Sequence[str] = ("CN", "KH"),
    cluster: str = "doc_id",
    themes: Iterable[str] | None = None,
    covariates: Iterable[str] | None = DEFAULT_COVARIATES,
    min_level: int = 2,
    min_clusters: int = 5,
    min_model_clusters: int = 10,
    n_boot: int = 2000,
    seed: int = 0,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Readout-aware comparison of two groups, theme by theme (see the module).

    Parameters
    ----------
    coded
        The coded table (``by``, ``cluster`` and ``theme_<id>`` columns).
    by, groups
        The grouping column and its two values, group 1 first.
    cluster
        The column of the readouts statements are nested in (default ``doc_id``).
    themes
        Dotted theme ids (default all).
    covariates
        Columns tried as covariates of the logistic model, in order (default language,
        outlet side, outlet, when present); None or ``()`` for none.
    min_level
        A covariate level seen in fewer readouts is pooled into ``"other"``.
    min_clusters
        With fewer readouts than this, no readout-level result is given (NaN, with a note):
        a bootstrap over two or three readouts, or sandwich errors from so few clusters, would
        pretend a precision they do not have (cluster-robust tests over-reject with few
        clusters; Cameron & Miller 2015).
    min_model_clusters
        With fewer readouts than this (but at least ``min_clusters``), the bootstrap interval
        is given but not the model's cluster-robust p-value and odds ratio.
    n_boot, seed
        Bootstrap replicates and the seed of the generator (same seed, same interval).
    alpha
        Level of the intervals (1 - alpha).

    Returns
    -------
    DataFrame
        One row per theme: ``theme`` then :data:`CLUSTER_COLUMNS`. ``attrs`` records the
        options and the covariates used.

    Raises
    ------
    AnalysisError
        If a group has no statement.

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "side": ["CN", "KH"] * 2,
    ...                       "theme_x": [1, 0, 1, 1]})
    >>> compare_clustered(coded, n_boot=100, min_clusters=2,
    ...                   min_model_clusters=2)["cluster_note"].iloc[0]
    'separation: a group never or always has it'
    """
    where = "compare_clustered"
    _check(coded, by, groups, cluster, n_boot, alpha, where)
    labels = coded[by].astype("object").map(lambda v: None if pd.isna(v) else str(v))
    g1, g2 = (str(g) for g in groups)
    frame = coded[labels.isin([g1, g2]).to_numpy()]
    is1 = (labels[labels.isin([g1, g2])] == g1).to_numpy()
    for g, mask in ((g1, is1), (g2, ~is1)):
        if not mask.any():
            raise AnalysisError(f"{where}: no statement of the group {g!r} in the {by!r} column")
    selected = select_themes(coded, themes, where=where)
    y = theme_matrix(frame, [c for _, c in selected]).astype(float)
    clusters = frame[cluster].astype("object").where(frame[cluster].notna(), "(none)").astype(str)
    codes, uniques = pd.factorize(clusters, sort=True)
    if len(uniques) < max(2, min_clusters):
        return _too_few(selected, len(uniques), min_clusters, (by, (g1, g2), cluster, alpha))
    low, high, used = _bootstrap(y, is1, codes, len(uniques), n_boot=n_boot, seed=seed,
                                 alpha=alpha)
    blocks = _design(frame, is1, list(covariates or ()), cluster, min_level)
    rows = []
    for j, (tid, _) in enumerate(selected):
        if len(uniques) < min_model_clusters:
            fitted = (np.nan,) * 4 + ("", f"fewer than {min_model_clusters} readouts: no "
                                          "cluster-robust model (its p-value would be too small)")
        else:
            fitted = _fit_with_covariates(y[:, j], blocks, codes, alpha)
        rows.append((tid, len(uniques), low[j], high[j], used, *fitted))
    out = pd.DataFrame.from_records(
        rows, columns=["theme"] + [c for c in CLUSTER_COLUMNS if c != "cluster_p_holm"])
    out.insert(out.columns.get_loc("cluster_p") + 1, "cluster_p_holm", _holm(out["cluster_p"]))
    out.attrs.update({"by": by, "groups": (g1, g2), "cluster": cluster, "alpha": alpha,
                      "n_boot": n_boot, "seed": seed,
                      "covariates": [name for name, _ in blocks[1:]]})
    return out


def _too_few(selected, n_clusters: int, min_clusters: int, options) -> pd.DataFrame:
    """The table when there are too few readouts for readout-level inference."""
    note = (f"{n_clusters} readout{'s' if n_clusters != 1 else ''} (fewer than "
            f"{max(2, min_clusters)}): no readout-level inference")
    out = pd.DataFrame({"theme": [t for t, _ in selected]})
    for column in CLUSTER_COLUMNS:
        out[column] = np.nan
    out["n_clusters"], out["n_boot_used"] = n_clusters, 0
    out["model_covariates"], out["cluster_note"] = "", note
    by, groups, cluster, alpha = options
    out.attrs.update({"by": by, "groups": groups, "cluster": cluster, "alpha": alpha,
                      "covariates": []})
    return out


def _holm(pvalues: pd.Series) -> np.ndarray:
    p = pvalues.to_numpy(dtype=float)
    adjusted = np.full(len(p), np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        adjusted[ok] = multipletests(p[ok], method="holm")[1]
    return adjusted
