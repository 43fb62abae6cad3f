"""Frequency tables of a coded corpus: theme shares, co-occurrence, time series, and writers.

Every function takes the coded table (see :mod:`discourse.schema`) and returns a new, tidy
(long) DataFrame, one row per group x theme, in a deterministic order: groups sorted by their
keys, themes in codebook order (the order of the ``theme_<id>`` columns).

Nothing is silently dropped. A statement whose grouping value is missing forms a group of its
own, labelled :data:`MISSING_LABEL` (``"(none)"``); for the ``side`` column, whose value is
missing for the narrator, the group of the narrator's statements is labelled ``"narrator"``
(the speaker label) and only other missing sides (a statement with speaker ``unknown``) are
``"(none)"``. Pass ``dropna=True`` to leave those statements out instead.

:func:`format_table` renders a table as LaTeX (pandas Styler) or Markdown, and
:func:`write_table` writes it (``.tex``, ``.md`` or ``.csv``) atomically and byte-for-byte
reproducibly.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.tables import count_themes
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

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from ..io.files import write_atomic
from ..errors import AnalysisError, ParameterError
from ..schema import require_columns, theme_columns

__all__ = [
    "MISSING_LABEL",
    "COUNT_COLUMNS",
    "theme_id",
    "count_themes",
    "wilson_interval",
    "count_cooccurrence",
    "count_over_time",
    "format_table",
    "write_table",
]

#: Label of the group of statements whose grouping value is missing.
MISSING_LABEL = "(none)"

#: The columns count_themes adds after the group keys, in order.
COUNT_COLUMNS = (
    "theme", "n_statements", "n_coded", "share", "ci_low", "ci_high",
    "n_matches", "n_tokens", "rate_per_1000_tokens",
)

_DERIVED = {"year": "year", "month": "month"}


def theme_id(column: str) -> str:
    """Return the dotted theme id of a ``theme_<id>`` column.

    Examples
    --------
    >>> theme_id("theme_sovereignty__territorial")
    'sovereignty.territorial'
    """
    return column[len("theme_"):].replace("__", ".")


def _select_themes(coded: pd.DataFrame, themes, *, where: str) -> list[tuple[str, str]]:
    """(id, column) pairs of the requested themes, in codebook (column) order."""
    available = [(theme_id(c), c) for c in theme_columns(coded)]
    if themes is None:
        return available
    if isinstance(themes, str):
        themes = [themes]
    wanted = list(themes)
    ids = [t for t, _ in available]
    unknown = [t for t in wanted if t not in ids]
    if unknown:
        raise ParameterError(
            f"{where}: themes= names {', '.join(map(repr, unknown))}, not a theme_<id> column "
            f"of the coded table; valid themes: {', '.join(ids) or '(none: no theme_ column)'}"
        )
    return [(t, c) for t, c in available if t in wanted]


def _as_keys(by, *, where: str) -> list[str]:
    if by is None:
        return []
    keys = [by] if isinstance(by, str) else list(by)
    if not all(isinstance(k, str) for k in keys):
        raise ParameterError(f"{where}: by= must be a column name or a list of them, got {by!r}")
    if len(set(keys)) != len(keys):
        raise ParameterError(f"{where}: by= names a column twice: {keys!r}")
    return keys


def _parse_dates(coded: pd.DataFrame, *, where: str) -> pd.Series:
    """The ``date`` column as datetimes (NaT where missing); clear errors otherwise."""
    if "date" not in coded.columns:
        raise AnalysisError(
            f"{where}: the coded table has no date column; add dates in the corpus metadata "
            "(a 'date' column, YYYY-MM-DD, in the metadata table or sidecar) and run the "
            "pipeline again"
        )
    raw = coded["date"]
    if pd.api.types.is_datetime64_any_dtype(raw):
        return pd.to_datetime(raw)
    text = raw.astype("object").where(raw.notna(), None)
    text = text.map(lambda v: None if v is None or str(v).strip() == "" else str(v).strip())
    if text.isna().all():
        raise AnalysisError(
            f"{where}: the date column is empty for all {len(coded)} statements; add dates in "
            "the corpus metadata (a 'date' column, YYYY-MM-DD, in the metadata table or "
            "sidecar) and run the pipeline again"
        )
    parsed = pd.to_datetime(text, errors="coerce", format="ISO8601")
    bad = text.notna() & parsed.isna()
    if bad.any():
        ids = coded["stmt_id"] if "stmt_id" in coded.columns else coded.index.to_series()
        examples = ", ".join(
            f"{i}: {v!r}" for i, v in list(zip(ids[bad], text[bad]))[:3]
        )
        raise AnalysisError(
            f"{where}: {int(bad.sum())} date(s) are not ISO dates (YYYY-MM-DD), e.g. "
            f"{examples}; correct them in the corpus metadata"
        )
    return parsed


def _period(dates: pd.Series, freq: str) -> pd.Series:
    fmt = {"year": "%Y", "month": "%Y-%m"}[freq]
    out = pd.Series(
        [MISSING_LABEL if pd.isna(d) else d.strftime(fmt) for d in dates],
        index=dates.index, dtype=object,
    )
    return out


def _group_frame(coded: pd.DataFrame, keys: list[str], *, dropna: bool, where: str):
    """A copy of ``coded`` with the key columns derived (year/month) and missing values labelled."""
    frame = coded.copy()
    for key in keys:
        if key not in frame.columns:
            if key in _DERIVED:
                frame[key] = _period(_parse_dates(frame, where=where), key)
            else:
                raise ParameterError(
                    f"{where}: by= names the column {key!r}, which the coded table lacks; valid "
                    f"columns: {', '.join(c for c in frame.columns if not c.startswith('theme_'))}"
                    " (or 'year' / 'month', derived from the date)"
                )
    for key in keys:
        col = frame[key]
        missing = col.isna() | (col.astype("object") == "")
        if not missing.any():
            continue
        if dropna:
            frame = frame[~missing]
            continue
        labels = pd.Series(MISSING_LABEL, index=frame.index, dtype=object)
        if key == "side" and "speaker" in frame.columns:
            labels = labels.mask(frame["speaker"].astype("object") == "narrator", "narrator")
        values = col.astype("object").map(lambda v: v if isinstance(v, str) else str(v))
        frame[key] = values.where(~missing, labels).astype(object)
    return frame


def _theme_matrix(frame: pd.DataFrame, cols: list[str]) -> np.ndarray:
    if not cols:
        return np.zeros((len(frame), 0), dtype=np.int64)
    values = frame[cols].apply(pd.to_numeric, errors="coerce").fillna(0)
    return (values.to_numpy(dtype=float) > 0).astype(np.int64)


def _group_codes(frame: pd.DataFrame, keys: list[str]):
    """Group index per row and the sorted table of group keys."""
    if not keys:
        return np.zeros(len(frame), dtype=np.int64), pd.DataFrame(index=[0])
    grouped = frame.groupby(keys, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy()
    groups = grouped.size().reset_index()[keys]
    # the "(none)" group goes last (after the real groups), whatever its characters
    order = groups.sort_values(keys, key=_missing_last, kind="mergesort").index.to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], groups.loc[order].reset_index(drop=True)


def _missing_last(values: pd.Series) -> pd.Series:
    if values.dtype != object and not pd.api.types.is_string_dtype(values):
        return values
    text = values.astype(str)
    return (text == MISSING_LABEL).map({True: "1", False: "0"}) + text


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
    keys = _as_keys(by, where=where)
    selected = _select_themes(coded, themes, where=where)
    frame = _group_frame(coded, keys, dropna=dropna, where=where)
    columns = [*keys, *COUNT_COLUMNS]
    if frame.empty or not selected:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in columns})
    ids = [t for t, _ in selected]
    matrix = _theme_matrix(frame, [c for _, c in selected])
    codes, groups = _group_codes(frame, keys)
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


def _dtype(column: str):
    if column.startswith("n_"):
        return "int64"
    if column in ("share", "ci_low", "ci_high", "rate_per_1000_tokens", "c"):
        return "float64"
    return object


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
    position = pd.Series(np.arange(len(frame)), index=frame["stmt_id"].astype(str).to_numpy())
    position = position[~position.index.duplicated()]
    # A match of a sub-theme ("sovereignty.security") also counts for its ancestors, as the
    # coding credits the statement to them: n_matches stays consistent with n_coded.
    wanted = set(ids)
    stmt, theme = [], []
    for sid, tid in zip(matches["stmt_id"].astype(str), matches["theme"].astype(str)):
        parts = tid.split(".")
        for k in range(len(parts), 0, -1):
            t = ".".join(parts[:k])
            if t in wanted:
                stmt.append(sid)
                theme.append(t)
    sub = pd.DataFrame({"stmt_id": stmt, "theme": theme})
    rows = position.reindex(sub["stmt_id"].to_numpy()).to_numpy(dtype=float)
    keep = ~np.isnan(rows)
    theme_index = {t: j for j, t in enumerate(ids)}
    cols = sub["theme"].map(theme_index).to_numpy()[keep].astype(np.int64)
    group = codes[rows[keep].astype(np.int64)]
    counts = np.zeros((n_groups, len(ids)), dtype=np.int64)
    np.add.at(counts, (group, cols), 1)
    return counts


def count_cooccurrence(
    coded: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    themes: Iterable[str] | None = None,
    dropna: bool = False,
) -> pd.DataFrame:
    """Count, per group, the statements coded with both themes of each pair, and the c-coefficient.

    The c-coefficient is ATLAS.ti's normalised co-occurrence, the Jaccard index of the two
    sets of statements: ``c = n_ab / (n_a + n_b - n_ab)``, from 0 (never together) to 1
    (always together). It is NaN when no statement of the group has either theme.

    Parameters
    ----------
    coded
        The coded table.
    by
        Grouping column(s) as in :func:`count_themes`, or None (default) for all statements.
    themes
        Dotted theme ids (default: all, in codebook order).
    dropna
        As in :func:`count_themes`.

    Returns
    -------
    DataFrame
        One row per group and unordered pair of themes (``theme_a`` before ``theme_b`` in
        codebook order): the group keys, ``theme_a``, ``theme_b``, ``n_statements``, ``n_a``,
        ``n_b``, ``n_ab``, ``c``.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"stmt_id": ["1", "2", "3"], "n_tokens": [5, 5, 5],
    ...     "theme_a": [1, 1, 0], "theme_b": [1, 0, 1]})
    >>> count_cooccurrence(coded)[["theme_a", "theme_b", "n_a", "n_b", "n_ab", "c"]]
      theme_a theme_b  n_a  n_b  n_ab         c
    0       a       b    2    2     1  0.333333
    """
    where = "count_cooccurrence"
    require_columns(coded, ["stmt_id"], where=where)
    keys = _as_keys(by, where=where)
    selected = _select_themes(coded, themes, where=where)
    frame = _group_frame(coded, keys, dropna=dropna, where=where)
    columns = [*keys, "theme_a", "theme_b", "n_statements", "n_a", "n_b", "n_ab", "c"]
    pairs = [(i, j) for i in range(len(selected)) for j in range(i + 1, len(selected))]
    if frame.empty or not pairs:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in columns})
    ids = [t for t, _ in selected]
    matrix = _theme_matrix(frame, [c for _, c in selected])
    codes, groups = _group_codes(frame, keys)
    records = []
    for g in range(len(groups)):
        x = matrix[codes == g]
        joint = x.T @ x
        n = int(x.shape[0])
        for i, j in pairs:
            n_a, n_b, n_ab = int(joint[i, i]), int(joint[j, j]), int(joint[i, j])
            union = n_a + n_b - n_ab
            records.append(
                {**{k: groups.iloc[g][k] for k in keys}, "theme_a": ids[i], "theme_b": ids[j],
                 "n_statements": n, "n_a": n_a, "n_b": n_b, "n_ab": n_ab,
                 "c": n_ab / union if union else np.nan}
            )
    out = pd.DataFrame.from_records(records, columns=columns)
    for c in ("n_statements", "n_a", "n_b", "n_ab"):
        out[c] = out[c].astype(np.int64)
    out["c"] = out["c"].astype(float)
    return out


def count_over_time(
    coded: pd.DataFrame,
    *,
    freq: str = "year",
    by: str | Sequence[str] | None = "side",
    matches: pd.DataFrame | None = None,
    themes: Iterable[str] | None = None,
    ci: float = 0.95,
    dropna: bool = False,
) -> pd.DataFrame:
    """Theme shares per period (year or month of the ``date`` column) and group.

    Parameters
    ----------
    coded
        The coded table; needs a ``date`` column (ISO ``YYYY-MM-DD``; ``YYYY-MM`` and
        ``YYYY`` are accepted too).
    freq
        ``"year"`` (periods ``"2024"``) or ``"month"`` (``"2024-12"``).
    by, matches, themes, ci, dropna
        As in :func:`count_themes`. Statements without a date form the period ``"(none)"``
        (or are left out with ``dropna=True``).

    Returns
    -------
    DataFrame
        The columns of :func:`count_themes`, with ``period`` first; sorted by period, then
        group. ``attrs["freq"]`` records ``freq``.

    Raises
    ------
    AnalysisError
        If the table has no date column, if every date is missing ("the date column is empty
        for all N statements; add dates in the corpus metadata ..."), or if a date is not ISO.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"stmt_id": ["1", "2"], "n_tokens": [5, 5], "side": ["CN", "CN"],
    ...     "date": ["2023-05-01", "2024-12-03"], "theme_a": [1, 0]})
    >>> count_over_time(coded)[["period", "side", "share"]]
      period side  share
    0   2023   CN    1.0
    1   2024   CN    0.0
    """
    where = "count_over_time"
    if freq not in ("year", "month"):
        raise ParameterError(f"{where}: freq={freq!r}; valid values: 'year', 'month'")
    require_columns(coded, ["stmt_id", "n_tokens"], where=where)
    keys = _as_keys(by, where=where)
    if "period" in keys:
        raise ParameterError(f"{where}: by= may not name 'period' (it is the time column)")
    frame = coded.copy()
    frame["period"] = _period(_parse_dates(frame, where=where), freq)
    out = count_themes(
        frame, by=["period", *keys], matches=matches, themes=themes, ci=ci, dropna=dropna
    )
    out.attrs.update({"freq": freq, "ci": ci})
    return out


# --------------------------------------------------------------------------- formatting

def _is_p_column(name: str) -> bool:
    return name == "p" or name.startswith("p_") or name.endswith("_p")


def _format_cell(value, column: str, digits: int) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if np.isinf(v):
            return "inf" if v > 0 else "-inf"
        if _is_p_column(column):
            return f"<{10 ** -digits:.{digits}f}" if v < 10 ** -digits else f"{v:.{digits}f}"
        return f"{v:.{digits}f}"
    return str(value)


def _formatted(df: pd.DataFrame, digits: int) -> pd.DataFrame:
    return pd.DataFrame(
        {c: [_format_cell(v, str(c), digits) for v in df[c].tolist()] for c in df.columns},
        columns=df.columns, dtype=object,
    )


def _numeric_flags(df: pd.DataFrame) -> list[bool]:
    return [
        pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
        for c in df.columns
    ]


def _markdown(text: pd.DataFrame, numeric: list[bool], caption: str | None) -> str:
    header = [str(c).replace("|", "\\|") for c in text.columns]
    rows = [[str(v).replace("|", "\\|").replace("\n", " ") for v in r]
            for r in text.itertuples(index=False)]
    widths = [max([len(h), 3, *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]

    def line(cells):
        return "| " + " | ".join(
            c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)
        ) + " |"

    rule = "| " + " | ".join(
        ("-" * (w - 1) + ":") if num else "-" * w for w, num in zip(widths, numeric)
    ) + " |"
    lines = [line(header), rule, *(line(r) for r in rows)]
    if caption:
        lines = [f"Table: {caption}", "", *lines]
    return "\n".join(lines) + "\n"


def format_table(
    df: pd.DataFrame,
    *,
    format: str = "markdown",
    caption: str | None = None,
    label: str | None = None,
    digits: int = 3,
) -> str:
    """Render a table as LaTeX (booktabs, via pandas Styler) or as a Markdown pipe table.

    Floats are shown with ``digits`` decimals; p-value columns (``p``, ``p_*``, ``*_p``) below
    ``10**-digits`` as ``<0.001``; missing values as empty cells; booleans as yes/no. Text is
    escaped for LaTeX (``_``, ``%``, ``&``...). The index is not shown: reset it first if it
    holds data.

    Parameters
    ----------
    df
        The table (e.g. from :func:`count_themes` or :func:`discourse.analysis.stats.compare_groups`).
    format
        ``"latex"`` or ``"markdown"``.
    caption, label
        Caption (both formats) and LaTeX ``\\label`` (LaTeX only).
    digits
        Decimals of floats.

    Returns
    -------
    str
        The table source, ending with a newline.

    Examples
    --------
    >>> import pandas as pd
    >>> print(format_table(pd.DataFrame({"side": ["CN"], "share": [0.5]})), end="")
    | side | share |
    | ---- | ----: |
    | CN   | 0.500 |
    """
    if not isinstance(df, pd.DataFrame):
        raise ParameterError(f"format_table: expected a DataFrame, got {type(df).__name__}")
    if format not in ("latex", "markdown"):
        raise ParameterError(f"format_table: format={format!r}; valid values: 'latex', 'markdown'")
    if not isinstance(digits, int) or digits < 0:
        raise ParameterError(f"format_table: digits={digits!r} must be an integer >= 0")
    text = _formatted(df.reset_index(drop=True), digits)
    if format == "markdown":
        return _markdown(text, _numeric_flags(df), caption)
    styler = text.style.hide(axis="index")
    styler = styler.format(escape="latex").format_index(escape="latex", axis=1)
    align = "".join("r" if num else "l" for num in _numeric_flags(df))
    latex = styler.to_latex(
        caption=caption, label=label, hrules=True, column_format=align or None,
        position_float="centering" if (caption or label) else None,
        environment="table" if (caption or label) else None,
    )
    return latex if latex.endswith("\n") else latex + "\n"


def write_table(
    df: pd.DataFrame,
    path: str | os.PathLike,
    *,
    format: str | None = None,
    caption: str | None = None,
    label: str | None = None,
    digits: int = 3,
    overwrite: bool = True,
) -> Path:
    """Write a table to ``path`` atomically: LaTeX (``.tex``), Markdown (``.md``) or CSV.

    The format comes from ``format`` or the file suffix. CSV is written in full precision,
    UTF-8, ``\\n`` line ends, without the index; the same table always gives the same bytes.

    Parameters
    ----------
    df
        The table.
    path
        Target file (its folder is created).
    format
        ``"latex"``, ``"markdown"`` or ``"csv"``; default from the suffix.
    caption, label, digits
        See :func:`format_table`.
    overwrite
        Replace an existing file (default True); False raises ExportError if it exists.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.md"
    >>> write_table(pd.DataFrame({"a": [1]}), p).read_text(encoding="utf-8").splitlines()[0]
    '| a   |'
    """
    path = Path(path)
    if format is None:
        format = {".tex": "latex", ".md": "markdown", ".csv": "csv"}.get(path.suffix.lower())
        if format is None:
            raise ParameterError(
                f"write_table: {path}: cannot tell the format from the suffix "
                f"{path.suffix!r}; use .tex, .md or .csv, or pass format="
            )
    if format == "csv":
        data = df.to_csv(index=False, lineterminator="\n")
    else:
        data = format_table(df, format=format, caption=caption, label=label, digits=digits)
    write_atomic(path, data, overwrite=overwrite)
    return path
