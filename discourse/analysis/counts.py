"""Theme counts of a coded corpus: shares per group with Wilson intervals, and rates.

:func:`count_themes` takes the coded table (see :mod:`discourse.schema`) and returns a new,
tidy (long) DataFrame, one row per group x theme, in a deterministic order: groups sorted by
their keys, themes in codebook order (the order of the ``theme_<id>`` columns). Statements
with a missing grouping value form a group of their own (see
:mod:`discourse.analysis.grouping`). :func:`combine_theme_counts` adds up the counts of
batches of a corpus (the streamed run), giving the table of the whole.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.counts import count_themes
>>> coded = pd.DataFrame({
...     "stmt_id": ["d.1", "d.2", "d.3"], "n_tokens": [10, 20, 10],
...     "side": ["CN", "CN", "KH"], "speaker": ["xi", "xi", "hun_sen"],
...     "theme_cooperation": [1, 0, 1],
... })
>>> count_themes(coded)[["side", "theme", "n_statements", "n_coded", "share"]]
  side        theme  n_statements  n_coded  share
0   CN  cooperation             2        1    0.5
1   KH  cooperation             1        1    1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from ..errors import ParameterError
from ..schema import require_columns
from .grouping import (
    as_keys,
    empty_table,
    group_codes,
    group_frame,
    missing_last,
    select_themes,
    theme_matrix,
)

__all__ = ["COUNT_COLUMNS", "SUM_COLUMNS", "count_themes", "wilson_interval",
           "combine_theme_counts", "shares_from_sums", "top_level"]

#: The columns count_themes adds after the group keys, in order.
COUNT_COLUMNS = (
    "theme", "n_statements", "n_coded", "share", "ci_low", "ci_high",
    "n_matches", "n_tokens", "rate_per_1000_tokens",
)
#: The count columns that add up over batches of statements.
SUM_COLUMNS = ("n_statements", "n_coded", "n_matches", "n_tokens")


def count_themes(
    coded: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "side",
    matches: pd.DataFrame | None = None,
    themes: Iterable[str] | None = None,
    ci: float = 0.95,
    dropna: bool = False,
) -> pd.DataFrame:
    """Count, per group and theme, the statements coded with the theme, with Wilson intervals.

    Parameters
    ----------
    coded
        The coded table (needs ``stmt_id``, ``n_tokens`` and the ``theme_<id>`` columns).
    by
        A column name or a list of them (``"side"``, ``["side", "speaker"]``, ``"doc_id"``,
        ``"source"``...), or None for the whole corpus. ``"year"`` and ``"month"`` are
        derived from the ``date`` column when the table has no such column.
    matches
        The matches table of the same run. When given, ``n_matches`` counts its rows (one per
        counted match, only for statements of ``coded``; a sub-theme's match also counts for
        its parent themes); when None, ``n_matches`` counts each
        coded statement once (a lower bound), so the rate is then a rate of coded statements.
    themes
        Dotted theme ids to count (default: every ``theme_<id>`` column, in order).
    ci
        Confidence level of the Wilson score interval (statsmodels ``proportion_confint``).
    dropna
        False (default): statements with a missing grouping value form the group
        ``"(none)"`` (``"narrator"`` for a missing side of the narrator). True: they are left
        out.

    Returns
    -------
    DataFrame
        One row per group x theme (every pair, zeros included): the group keys, ``theme``
        (dotted id), ``n_statements`` (statements in the group), ``n_coded`` (statements
        coded with the theme), ``share`` (n_coded / n_statements), ``ci_low``, ``ci_high``,
        ``n_matches``, ``n_tokens`` (tokens of the group's statements) and
        ``rate_per_1000_tokens`` (1000 x n_matches / n_tokens). Groups sorted by their keys,
        themes in codebook order. An empty coded table gives an empty table with these
        columns.

    Raises
    ------
    ContractError
        If a needed column is missing.
    ParameterError
        If ``by`` or ``themes`` name something the table lacks, or ``ci`` is not in (0, 1).
    AnalysisError
        If ``by`` includes ``year``/``month`` and the dates are all missing or malformed.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"stmt_id": ["d.1", "d.2"], "n_tokens": [10, 30],
    ...     "side": ["CN", pd.NA], "speaker": ["xi", "narrator"], "theme_sovereignty": [1, 0]})
    >>> count_themes(coded)[["side", "n_coded", "share", "ci_low"]].round(3)
           side  n_coded  share  ci_low
    0        CN        1    1.0   0.207
    1  narrator        0    0.0   0.000
    """
    where = "count_themes"
    require_columns(coded, ["stmt_id", "n_tokens"], where=where)
    if not 0 < ci < 1:
        raise ParameterError(f"{where}: ci={ci!r} must be a confidence level in (0, 1), e.g. 0.95")
    keys = as_keys(by, where=where)
    selected = select_themes(coded, themes, where=where)
    frame = group_frame(coded, keys, dropna=dropna, where=where)
    columns = [*keys, *COUNT_COLUMNS]
    if frame.empty or not selected:
        return empty_table(columns)
    ids = [t for t, _ in selected]
    matrix = theme_matrix(frame, [c for _, c in selected])
    codes, groups = group_codes(frame, keys)
    n_groups = len(groups)
    n_statements = np.bincount(codes, minlength=n_groups)
    tokens = pd.to_numeric(frame["n_tokens"], errors="coerce").fillna(0).to_numpy()
    n_tokens = np.bincount(codes, weights=tokens, minlength=n_groups).round().astype(np.int64)
    n_coded = np.vstack(
        [np.bincount(codes, weights=matrix[:, j], minlength=n_groups) for j in range(len(ids))]
    ).T.astype(np.int64)
    if matches is not None:
        n_matches = _count_matches(frame, matches, codes, ids, n_groups, where=where)
    else:
        n_matches = n_coded.copy()
    rows = n_groups * len(ids)
    out = groups.loc[groups.index.repeat(len(ids))].reset_index(drop=True)
    out["theme"] = pd.Series(np.tile(np.array(ids, dtype=object), n_groups), dtype=object)
    out["n_statements"] = np.repeat(n_statements, len(ids)).astype(np.int64)
    out["n_coded"] = n_coded.reshape(rows)
    out["share"] = out["n_coded"] / out["n_statements"]
    out["ci_low"], out["ci_high"] = wilson_interval(
        out["n_coded"].to_numpy(), out["n_statements"].to_numpy(), ci=ci
    )
    out["n_matches"] = n_matches.reshape(rows).astype(np.int64)
    out["n_tokens"] = np.repeat(n_tokens, len(ids))
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = 1000.0 * out["n_matches"].to_numpy() / out["n_tokens"].to_numpy()
    out["rate_per_1000_tokens"] = np.where(out["n_tokens"].to_numpy() > 0, rate, np.nan)
    out = out[columns]
    out.attrs["ci"] = ci
    return out


def wilson_interval(k, n, *, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of the proportions ``k / n`` (statsmodels), clipped to the share.

    Rounding in the formula can put a bound a hair on the wrong side of the share (5.6e-17
    for 0 of 7); each bound is clipped to [0, share] and [share, 1].

    Examples
    --------
    >>> low, high = wilson_interval([0, 81], [7, 263])
    >>> low.round(4).tolist(), high.round(4).tolist()
    ([0.0, 0.2553], [0.3543, 0.3662])
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    low, high = proportion_confint(k, n, alpha=1 - ci, method="wilson")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = k / n
    low = np.minimum(np.clip(np.asarray(low, dtype=float), 0.0, 1.0), share)
    high = np.maximum(np.clip(np.asarray(high, dtype=float), 0.0, 1.0), share)
    return low, high


def _count_matches(frame, matches, codes, ids, n_groups, *, where) -> np.ndarray:
    require_columns(matches, ["stmt_id", "theme"], where=f"{where} (matches=)")
    ids_of_rows = pd.Index(frame["stmt_id"].astype(str).to_numpy())
    first = ~ids_of_rows.duplicated()
    position = np.flatnonzero(first)
    # A match of a sub-theme ("sovereignty.security") also counts for its ancestors, as the
    # coding credits the statement to them: n_matches stays consistent with n_coded. Each
    # distinct theme id is expanded once; every match then takes its theme's columns.
    theme_index = {t: j for j, t in enumerate(ids)}
    codes_of, names = pd.factorize(matches["theme"].astype(str).to_numpy())
    expanded = [[theme_index[t] for t in (".".join(parts[:k]) for k in range(len(parts), 0, -1))
                 if t in theme_index] for parts in (str(n).split(".") for n in names)]
    per = np.array([len(e) for e in expanded], np.int64)
    flat = np.array([j for e in expanded for j in e], np.int64)
    offset = np.cumsum(per) - per
    rep = per[codes_of] if len(names) else np.zeros(len(codes_of), np.int64)
    within = np.arange(int(rep.sum())) - np.repeat(np.cumsum(rep) - rep, rep)
    cols = flat[np.repeat(offset[codes_of] if len(names) else rep, rep) + within]
    found = ids_of_rows[first].get_indexer(matches["stmt_id"].astype(str).to_numpy())
    found = np.repeat(found, rep)
    keep = found >= 0
    cols = cols[keep]
    group = codes[position[found[keep]]]
    counts = np.zeros((n_groups, len(ids)), dtype=np.int64)
    np.add.at(counts, (group, cols), 1)
    return counts


def combine_theme_counts(partials, *, ci: float = 0.95) -> pd.DataFrame:
    """Theme counts of a whole corpus from the counts of its batches.

    The counts (statements, coded statements, matches, tokens) are sums over groups, so the
    counts of the batches add up; shares, Wilson intervals and rates are then computed from
    the totals exactly as :func:`discourse.count_themes` does on the whole table.

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.analysis.counts import count_themes
    >>> coded = pd.DataFrame({"stmt_id": ["a", "b", "c"], "n_tokens": [10, 20, 30],
    ...                       "side": ["CN", "KH", "CN"], "theme_peace": [1, 0, 0]})
    >>> whole = count_themes(coded)
    >>> parts = [count_themes(coded.iloc[:2]), count_themes(coded.iloc[2:])]
    >>> combine_theme_counts(parts).to_csv() == whole.to_csv()
    True
    """
    partials = [p for p in partials if p is not None and len(p)]
    if not partials:
        return pd.DataFrame()
    columns = list(partials[0].columns)
    keys = columns[:columns.index("theme")]
    themes = list(dict.fromkeys(t for p in partials for t in p["theme"]))
    table = pd.concat(partials, ignore_index=True)
    for c in SUM_COLUMNS:
        table[c] = table[c].astype("int64")
    if keys:
        sums = table.groupby(keys + ["theme"], sort=False, dropna=False)[list(SUM_COLUMNS)].sum()
        sums = sums.reset_index()
        groups = sums[keys].drop_duplicates()
        groups = groups.sort_values(keys, key=missing_last, kind="mergesort")
        groups = groups.reset_index(drop=True)
        grid = groups.loc[groups.index.repeat(len(themes))].reset_index(drop=True)
        grid["theme"] = themes * len(groups)
        out = grid.merge(sums, on=keys + ["theme"], how="left", sort=False)
    else:
        sums = table.groupby("theme", sort=False)[list(SUM_COLUMNS)].sum()
        out = sums.reindex(themes).reset_index()
    for c in SUM_COLUMNS:
        out[c] = out[c].fillna(0).astype("int64")
    return shares_from_sums(out, keys, columns, partials[0].columns.dtype, ci=ci)


def shares_from_sums(out: pd.DataFrame, keys: list[str], columns: list, columns_dtype, *,
                     ci: float = 0.95) -> pd.DataFrame:
    """Complete a table of summed counts: shares, Wilson intervals, rates, column order.

    ``out`` holds the group ``keys``, ``theme`` and the :data:`SUM_COLUMNS` (int64); it is
    completed in place and returned with the ``columns`` of a theme-count table (their
    index of dtype ``columns_dtype``), as :func:`combine_theme_counts` returns it.

    Examples
    --------
    >>> sums = pd.DataFrame({"side": ["CN"], "theme": ["peace"], "n_statements": [4],
    ...                      "n_coded": [1], "n_matches": [2], "n_tokens": [40]})
    >>> shares_from_sums(sums, ["side"], ["side", *COUNT_COLUMNS], object)[
    ...     ["share", "rate_per_1000_tokens"]].values.tolist()
    [[0.25, 50.0]]
    """
    for k in keys:
        out[k] = out[k].astype(object)
    out["theme"] = out["theme"].astype(object)
    out["share"] = out["n_coded"] / out["n_statements"]
    out["ci_low"], out["ci_high"] = wilson_interval(
        out["n_coded"].to_numpy(), out["n_statements"].to_numpy(), ci=ci
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = 1000.0 * out["n_matches"].to_numpy() / out["n_tokens"].to_numpy()
    out["rate_per_1000_tokens"] = np.where(out["n_tokens"].to_numpy() > 0, rate, np.nan)
    out = out[columns]
    out.columns = pd.Index(columns, dtype=columns_dtype)
    out.attrs["ci"] = ci
    return out


# ----------------------------------------------------------------------------- writing


def top_level(counts: pd.DataFrame) -> pd.DataFrame:
    """Keep the rows of top-level themes (no dot in the id) of a theme-count table.

    Examples
    --------
    >>> import pandas as pd
    >>> top_level(pd.DataFrame({"theme": ["cooperation", "cooperation.exchanges"]}))["theme"].tolist()
    ['cooperation']
    """
    return counts[~counts["theme"].astype(str).str.contains(".", regex=False)].reset_index(drop=True)
