"""Comparing two groups (e.g. the Chinese and the Cambodian side) theme by theme.

:func:`compare_groups` asks, for each theme, whether the share of statements coded with it
differs between two groups by more than chance would give, and by how much:

- the shares of both groups, their difference with Newcombe's hybrid score interval
  (Newcombe 1998, method 10; statsmodels ``confint_proportions_2indep(method="newcomb")``),
- two effect sizes: Cohen's h (``2 asin sqrt p1 - 2 asin sqrt p2``; 0.2 small, 0.5 medium,
  0.8 large, Cohen 1988) and the odds ratio (the conditional maximum-likelihood estimate with
  its exact interval, as R's ``fisher.test`` reports; it stays finite-or-infinite honestly
  when a cell is 0, where the sample odds ratio would be undefined),
- a test: Fisher's exact test when any expected count of the 2 x 2 table is below 5 (the
  usual rule, Cochran 1954), otherwise the two-proportion z-test with the pooled variance
  (equal to Pearson's chi-squared without continuity correction); the ``test`` column says
  which one was used, and ``method=`` can force one,
- Holm's step-down adjustment of the p-values across the themes compared (Holm 1979), which
  controls the family-wise error rate without assuming independence between themes.

With a single readout the counts are tiny: read the intervals, not only the p-values.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.stats import compare_groups
>>> coded = pd.DataFrame({"side": ["CN"] * 4 + ["KH"] * 4,
...                       "theme_sovereignty": [1, 1, 1, 0, 0, 0, 0, 1]})
>>> compare_groups(coded)[["theme", "share_1", "share_2", "test", "p"]].round(3)
         theme  share_1  share_2    test      p
0  sovereignty     0.75     0.25  fisher  0.486
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy.stats import fisher_exact
from scipy.stats.contingency import odds_ratio
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_effectsize,
    proportions_ztest,
)

from ..errors import AnalysisError, ParameterError
from ..schema import require_columns
from .clustered import CLUSTER_COLUMNS, compare_clustered
from .grouping import MISSING_LABEL, select_themes, theme_matrix

__all__ = ["compare_groups", "COMPARISON_COLUMNS", "CLUSTER_COLUMNS"]

#: Columns of the table returned by :func:`compare_groups`, in order.
COMPARISON_COLUMNS = (
    "theme", "group_1", "group_2",
    "n_1", "coded_1", "share_1", "n_2", "coded_2", "share_2",
    "difference", "diff_ci_low", "diff_ci_high",
    "cohens_h", "odds_ratio", "or_ci_low", "or_ci_high",
    "min_expected", "test", "statistic", "p", "p_holm", "significant",
)

_METHODS = ("auto", "fisher", "ztest")


def _values_found(column: pd.Series) -> str:
    counts = column.astype("object").where(column.notna(), MISSING_LABEL).value_counts()
    ordered = sorted(counts.items(), key=lambda kv: (kv[0] == MISSING_LABEL, str(kv[0])))
    return ", ".join(f"{v} ({n})" for v, n in ordered)


def _pick_groups(coded: pd.DataFrame, by: str, groups, *, where: str) -> tuple[str, str]:
    column = coded[by]
    present = sorted({str(v) for v in column.dropna().tolist() if str(v) != ""})
    noun = "side" if by == "side" else "value"
    if len(present) < 2:
        only = f" ({present[0]})" if present else ""
        raise AnalysisError(
            f"{where}: only {'one' if present else 'no'} {noun}{only} in the {by!r} column; "
            f"{where} needs two: found values {_values_found(column) or '(none)'}; compare "
            f"two groups of a corpus where both speak, or choose another by= column"
        )
    if groups is None:
        if len(present) != 2:
            raise ParameterError(
                f"{where}: the {by!r} column has {len(present)} values ({', '.join(present)}); "
                "pass groups=(a, b) to say which two to compare"
            )
        return present[0], present[1]
    if isinstance(groups, str) or len(groups) != 2:
        raise ParameterError(
            f"{where}: groups={groups!r} must be two values of the {by!r} column, e.g. "
            f"('CN', 'KH'); found values {', '.join(present)}"
        )
    g1, g2 = (str(g) for g in groups)
    if g1 == g2:
        raise ParameterError(f"{where}: groups={groups!r} names the same group twice")
    for g in (g1, g2):
        if g not in present:
            raise AnalysisError(
                f"{where}: the group {g!r} is not in the {by!r} column (found values "
                f"{_values_found(column)}); pass groups= with two of them"
            )
    return g1, g2


def _odds_ratio(table: np.ndarray, alpha: float) -> tuple[float, float, float]:
    if (table.sum(axis=0) == 0).any() or (table.sum(axis=1) == 0).any():
        return np.nan, np.nan, np.nan
    res = odds_ratio(table, kind="conditional")
    ci = res.confidence_interval(confidence_level=1 - alpha)
    return float(res.statistic), float(ci.low), float(ci.high)


def _compare_theme(tid: str, k1: int, n1: int, k2: int, n2: int, groups, *, method: str,
                   alpha: float) -> dict:
    """One row of the simple comparison: shares, Newcombe interval, effect sizes, test."""
    table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / (n1 + n2)
    min_expected = float(expected.min())
    test = method if method != "auto" else ("fisher" if min_expected < 5 else "ztest")
    if test == "fisher":
        statistic, p = np.nan, float(fisher_exact(table).pvalue)
    elif k1 + k2 in (0, n1 + n2):
        statistic, p = np.nan, 1.0  # no variance: both shares 0 or both 1
    else:
        z, p = proportions_ztest([k1, k2], [n1, n2])
        statistic, p = float(z), float(p)
    low, high = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff",
                                           alpha=alpha)
    or_, or_low, or_high = _odds_ratio(table, alpha)
    p1, p2 = k1 / n1, k2 / n2
    return {
        "theme": tid, "group_1": groups[0], "group_2": groups[1],
        "n_1": n1, "coded_1": k1, "share_1": p1, "n_2": n2, "coded_2": k2, "share_2": p2,
        "difference": p1 - p2, "diff_ci_low": float(low), "diff_ci_high": float(high),
        "cohens_h": float(proportion_effectsize(p1, p2)),
        "odds_ratio": or_, "or_ci_low": or_low, "or_ci_high": or_high,
        "min_expected": min_expected, "test": test, "statistic": statistic, "p": p,
    }


def compare_groups(
    coded: pd.DataFrame,
    *,
    by: str = "side",
    groups: Sequence[str] | None = ("CN", "KH"),
    themes: Iterable[str] | None = None,
    alpha: float = 0.05,
    method: str = "auto",
    cluster: str | None = "doc_id",
    **clustered,
) -> pd.DataFrame:
    """Compare, theme by theme, the share of statements of two groups coded with the theme.

    Parameters
    ----------
    coded
        The coded table (needs the ``by`` column and ``theme_<id>`` columns).
    by
        The column holding the groups (default ``"side"``).
    groups
        The two values of ``by`` to compare, group 1 first (default ``("CN", "KH")``); None
        takes the two values of the column when it has exactly two.
    themes
        Dotted theme ids (default all, in codebook order).
    alpha
        Level of the intervals (1 - alpha) and of the ``significant`` flag (Holm-adjusted p
        below alpha).
    method
        ``"auto"`` (Fisher's exact test when an expected count is below 5, else the z-test),
        ``"fisher"`` or ``"ztest"`` to force one.
    cluster
        The column of the readouts the statements are nested in (default ``doc_id``). When
        the table has it, the readout-aware columns of
        :func:`discourse.analysis.clustered.compare_clustered` (:data:`CLUSTER_COLUMNS`: a
        cluster-bootstrap interval of the difference, a logistic model with cluster-robust
        errors) follow the simple ones; None leaves them out.
    **clustered
        Options of :func:`~discourse.analysis.clustered.compare_clustered` (``covariates``,
        ``n_boot``, ``seed``, ``min_level``).

    Returns
    -------
    DataFrame
        One row per theme, columns :data:`COMPARISON_COLUMNS`: ``group_1``/``group_2`` (the
        labels), ``n_*`` statements, ``coded_*`` statements coded, ``share_*``;
        ``difference`` = share_1 - share_2 with its Newcombe interval; ``cohens_h``;
        ``odds_ratio`` (conditional MLE, group 1 vs group 2) with its exact interval (NaN when
        no statement of either group, or every one, has the theme); ``min_expected`` (the
        smallest expected count); ``test`` (``fisher`` or ``ztest``); ``statistic`` (z for
        the z-test, empty for Fisher's test, which has none); ``p`` (two-sided); ``p_holm``;
        ``significant``. The simple test, its p-values and the Newcombe interval **assume
        independent statements**; with ``cluster``, :data:`CLUSTER_COLUMNS` follow (the
        readout-clustered interval and p-value). ``attrs`` records by, groups, alpha, method
        and ``independence`` (what the simple columns assume).

    Raises
    ------
    AnalysisError
        If the table is empty, the column has fewer than two groups ("only one side (CN) in
        the 'side' column; compare_groups needs two: found values ..."), or a requested group
        is absent.
    ParameterError
        For a bad ``method``, ``alpha``, ``groups`` or ``themes``.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"side": ["CN"] * 3 + ["KH"] * 3, "theme_a": [1, 1, 0, 0, 0, 0]})
    >>> r = compare_groups(coded)
    >>> r[["coded_1", "coded_2", "difference", "test"]].round(3)
       coded_1  coded_2  difference    test
    0        2        0       0.667  fisher
    """
    where = "compare_groups"
    if method not in _METHODS:
        raise ParameterError(f"{where}: method={method!r}; valid values: {', '.join(_METHODS)}")
    if not 0 < alpha < 1:
        raise ParameterError(f"{where}: alpha={alpha!r} must be in (0, 1), e.g. 0.05")
    require_columns(coded, [by], where=where)
    if coded.empty:
        raise AnalysisError(f"{where}: the coded table is empty (0 statements); nothing to compare")
    selected = select_themes(coded, themes, where=where)
    if not selected:
        raise AnalysisError(f"{where}: the coded table has no theme_<id> column to compare")
    g1, g2 = _pick_groups(coded, by, groups, where=where)
    labels = coded[by].astype("object").map(lambda v: None if pd.isna(v) else str(v))
    m1 = (labels == g1).to_numpy()
    m2 = (labels == g2).to_numpy()
    matrix = theme_matrix(coded, [c for _, c in selected])
    n1, n2 = int(m1.sum()), int(m2.sum())
    rows = [_compare_theme(tid, int(matrix[m1, j].sum()), n1, int(matrix[m2, j].sum()), n2,
                           (g1, g2), method=method, alpha=alpha)
            for j, (tid, _) in enumerate(selected)]
    out = pd.DataFrame.from_records(rows, columns=[c for c in COMPARISON_COLUMNS
                                                   if c not in ("p_holm", "significant")])
    pvals = out["p"].to_numpy(dtype=float)
    adjusted = np.full(len(pvals), np.nan)
    ok = ~np.isnan(pvals)
    if ok.any():
        adjusted[ok] = multipletests(pvals[ok], alpha=alpha, method="holm")[1]
    out["p_holm"] = adjusted
    out["significant"] = out["p_holm"] < alpha
    for c in ("n_1", "coded_1", "n_2", "coded_2"):
        out[c] = out[c].astype(np.int64)
    out = out[list(COMPARISON_COLUMNS)]
    out.attrs.update({"by": by, "groups": (g1, g2), "alpha": alpha, "method": method,
                      "independence": "test, p, p_holm, diff_ci_* assume independent statements"})
    if cluster is None or cluster not in coded.columns:
        return out
    readout = compare_clustered(coded, by=by, groups=(g1, g2), cluster=cluster,
                                themes=[t for t, _ in selected], alpha=alpha, **clustered)
    merged = out.merge(readout, on="theme", how="left", validate="one_to_one")
    merged.attrs.update({**out.attrs, **{f"cluster_{k}": v for k, v in readout.attrs.items()}})
    return merged
