"""Groups of statements for the analysis tables: keys, missing values, dates, theme columns.

The tables of :mod:`discourse.analysis.counts`, :mod:`~discourse.analysis.cooccurrence`,
:mod:`~discourse.analysis.time` and :mod:`~discourse.analysis.stats` group the coded table
the same way, with the helpers here:

- groups are sorted by their keys, themes come in codebook order (the order of the
  ``theme_<id>`` columns);
- nothing is silently dropped: a statement whose grouping value is missing forms a group of
  its own, labelled :data:`MISSING_LABEL` (``"(none)"``), sorted last; for the ``side``
  column, whose value is missing for the narrator, the group of the narrator's statements is
  labelled ``"narrator"`` (the speaker label) and only other missing sides (a statement with
  speaker ``unknown``) are ``"(none)"``. ``dropna=True`` leaves those statements out instead;
- ``year`` and ``month`` are derived from the ``date`` column when the table has no such
  column (ISO dates; clear errors when they are missing or malformed).

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.grouping import group_frame
>>> coded = pd.DataFrame({"side": ["CN", None], "speaker": ["xi", "narrator"]})
>>> group_frame(coded, ["side"], dropna=False, where="example")["side"].tolist()
['CN', 'narrator']
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..errors import AnalysisError, ParameterError
from ..schema import is_theme_column, theme_columns, theme_id

__all__ = [
    "MISSING_LABEL", "DERIVED_KEYS", "select_themes", "as_keys", "parse_dates", "period_labels",
    "group_frame", "theme_matrix", "group_codes", "missing_last", "empty_table",
]

#: Label of the group of statements whose grouping value is missing.
MISSING_LABEL = "(none)"

#: Grouping keys derived from the ``date`` column when the table lacks them.
DERIVED_KEYS = ("year", "month")

_PERIOD_FORMATS = {"year": "%Y", "month": "%Y-%m"}


def select_themes(coded: pd.DataFrame, themes: Iterable[str] | str | None, *,
                  where: str) -> list[tuple[str, str]]:
    """(id, column) pairs of the requested themes, in codebook (column) order.

    Raises
    ------
    ParameterError
        If a requested theme has no ``theme_<id>`` column.

    Examples
    --------
    >>> coded = pd.DataFrame(columns=["theme_a", "theme_b__c"])
    >>> select_themes(coded, None, where="example")
    [('a', 'theme_a'), ('b.c', 'theme_b__c')]
    """
    available = [(theme_id(c), c) for c in theme_columns(coded)]
    if themes is None:
        return available
    wanted = [themes] if isinstance(themes, str) else list(themes)
    ids = [t for t, _ in available]
    unknown = [t for t in wanted if t not in ids]
    if unknown:
        raise ParameterError(
            f"{where}: themes= names {', '.join(map(repr, unknown))}, not a theme_<id> column "
            f"of the coded table; valid themes: {', '.join(ids) or '(none: no theme_ column)'}"
        )
    return [(t, c) for t, c in available if t in wanted]


def as_keys(by: str | Iterable[str] | None, *, where: str) -> list[str]:
    """The grouping columns of a ``by=`` option as a list (empty for None).

    Examples
    --------
    >>> as_keys("side", where="example"), as_keys(None, where="example")
    (['side'], [])
    """
    if by is None:
        return []
    keys = [by] if isinstance(by, str) else list(by)
    if not all(isinstance(k, str) for k in keys):
        raise ParameterError(f"{where}: by= must be a column name or a list of them, got {by!r}")
    if len(set(keys)) != len(keys):
        raise ParameterError(f"{where}: by= names a column twice: {keys!r}")
    return keys


def _no_dates(where: str, detail: str) -> AnalysisError:
    return AnalysisError(
        f"{where}: {detail}; add dates in the corpus metadata (a 'date' column, YYYY-MM-DD, "
        "in the metadata table or sidecar) and run the pipeline again"
    )


def parse_dates(coded: pd.DataFrame, *, where: str) -> pd.Series:
    """The ``date`` column as datetimes (NaT where missing); clear errors otherwise.

    Raises
    ------
    AnalysisError
        If the table has no date column, every date is missing, or a date is not ISO.

    Examples
    --------
    >>> parse_dates(pd.DataFrame({"date": ["2024-12-03", None]}), where="x").dt.year.tolist()
    [2024.0, nan]
    """
    if "date" not in coded.columns:
        raise _no_dates(where, "the coded table has no date column")
    raw = coded["date"]
    if pd.api.types.is_datetime64_any_dtype(raw):
        return pd.to_datetime(raw)
    text = raw.astype("object").where(raw.notna(), None)
    text = text.map(lambda v: None if v is None or str(v).strip() == "" else str(v).strip())
    if text.isna().all():
        raise _no_dates(where, f"the date column is empty for all {len(coded)} statements")
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


def period_labels(dates: pd.Series, freq: str) -> pd.Series:
    """Each date's period (``"2024"`` for ``freq="year"``, ``"2024-12"`` for ``"month"``).

    Missing dates get :data:`MISSING_LABEL`.

    Examples
    --------
    >>> period_labels(pd.Series(pd.to_datetime(["2024-12-03", None])), "month").tolist()
    ['2024-12', '(none)']
    """
    fmt = _PERIOD_FORMATS[freq]
    return pd.Series(
        [MISSING_LABEL if pd.isna(d) else d.strftime(fmt) for d in dates],
        index=dates.index, dtype=object,
    )


def _label_missing(frame: pd.DataFrame, key: str, missing: pd.Series) -> pd.Series:
    labels = pd.Series(MISSING_LABEL, index=frame.index, dtype=object)
    if key == "side" and "speaker" in frame.columns:
        labels = labels.mask(frame["speaker"].astype("object") == "narrator", "narrator")
    values = frame[key].astype("object").map(lambda v: v if isinstance(v, str) else str(v))
    return values.where(~missing, labels).astype(object)


def group_frame(coded: pd.DataFrame, keys: list[str], *, dropna: bool,
                where: str) -> pd.DataFrame:
    """A copy of ``coded`` with the key columns derived (year/month) and missing values
    labelled (or their rows dropped with ``dropna``); see the module for the rule.

    Examples
    --------
    >>> coded = pd.DataFrame({"side": ["CN", None], "speaker": ["xi", "unknown"]})
    >>> group_frame(coded, ["side"], dropna=True, where="example")["side"].tolist()
    ['CN']
    """
    frame = coded.copy()
    for key in keys:
        if key in frame.columns:
            continue
        if key not in DERIVED_KEYS:
            raise ParameterError(
                f"{where}: by= names the column {key!r}, which the coded table lacks; valid "
                f"columns: {', '.join(c for c in frame.columns if not is_theme_column(c))}"
                " (or 'year' / 'month', derived from the date)"
            )
        frame[key] = period_labels(parse_dates(frame, where=where), key)
    for key in keys:
        col = frame[key]
        missing = col.isna() | (col.astype("object") == "")
        if not missing.any():
            continue
        if dropna:
            frame = frame[~missing]
        else:
            frame[key] = _label_missing(frame, key, missing)
    return frame


def theme_matrix(frame: pd.DataFrame, cols: list[str]) -> np.ndarray:
    """The 0/1 matrix (statements x themes) of the theme columns ``cols``.

    Examples
    --------
    >>> theme_matrix(pd.DataFrame({"theme_a": [1, 0, None]}), ["theme_a"]).ravel().tolist()
    [1, 0, 0]
    """
    if not cols:
        return np.zeros((len(frame), 0), dtype=np.int64)
    values = frame[cols].apply(pd.to_numeric, errors="coerce").fillna(0)
    return (values.to_numpy(dtype=float) > 0).astype(np.int64)


def group_codes(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Group index per row and the sorted table of group keys (the missing group last).

    Examples
    --------
    >>> codes, groups = group_codes(pd.DataFrame({"side": ["KH", "(none)", "CN"]}), ["side"])
    >>> codes.tolist(), groups["side"].tolist()
    ([1, 2, 0], ['CN', 'KH', '(none)'])
    """
    if not keys:
        return np.zeros(len(frame), dtype=np.int64), pd.DataFrame(index=[0])
    grouped = frame.groupby(keys, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy()
    groups = grouped.size().reset_index()[keys]
    # the "(none)" group goes last (after the real groups), whatever its characters
    order = groups.sort_values(keys, key=missing_last, kind="mergesort").index.to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], groups.loc[order].reset_index(drop=True)


def missing_last(values: pd.Series) -> pd.Series:
    """Sort key putting :data:`MISSING_LABEL` after every other text value.

    Examples
    --------
    >>> s = pd.Series(["(none)", "CN", "KH"])
    >>> s.sort_values(key=missing_last).tolist()
    ['CN', 'KH', '(none)']
    """
    if values.dtype != object and not pd.api.types.is_string_dtype(values):
        return values
    text = values.astype(str)
    return (text == MISSING_LABEL).map({True: "1", False: "0"}) + text


def _dtype(column: str):
    if column.startswith("n_"):
        return "int64"
    if column in ("share", "ci_low", "ci_high", "rate_per_1000_tokens", "c"):
        return "float64"
    return object


def empty_table(columns: list[str]) -> pd.DataFrame:
    """An empty table with these columns, typed as the non-empty tables are.

    Examples
    --------
    >>> empty_table(["side", "n_coded", "share"]).dtypes.astype(str).tolist()
    ['object', 'int64', 'float64']
    """
    return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in columns})
