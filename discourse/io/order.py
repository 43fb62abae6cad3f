"""The order of the coded and matches tables as written: their columns and their rows.

Every writer of the coded table (the CSV writer, the streamed run of
:mod:`discourse.pipeline.streaming`) puts its columns and rows in the same order, so a file
is the same bytes whichever way it was written. This module owns that order:

- columns in the contract order of :mod:`discourse.schema` (:data:`CODED_ORDER`,
  :data:`MATCHES_ORDER`), the ``theme_<id>`` columns before ``themes``, then any other
  column in its order (:func:`order_columns`);
- rows by doc_id, then statement number (from stmt_id), start and end (:func:`sort_rows`).

Examples
--------
>>> import pandas as pd
>>> from discourse.io.order import order_coded
>>> coded = pd.DataFrame({"stmt_id": ["d.10", "d.2"], "doc_id": ["d", "d"],
...                       "themes": ["", "peace"], "theme_peace": [0, 1]})
>>> order_coded(coded).values.tolist()
[['d', 'd.2', 1, 'peace'], ['d', 'd.10', 0, '']]
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..schema import is_theme_column

__all__ = ["CODED_ORDER", "MATCHES_ORDER", "order_columns", "sort_rows", "order_coded",
           "order_matches"]

#: Column order of the coded table (theme_<id> columns go before ``themes``).
CODED_ORDER = (
    "doc_id", "stmt_id", "paragraph", "sentence", "start", "end", "text", "n_tokens",
    "lang", "date", "speaker", "speaker_name", "side", "cue", "cue_text", "cue_start",
    "cue_end", "confidence", "themes", "n_matches",
)
#: Column order of the matches table.
MATCHES_ORDER = (
    "doc_id", "stmt_id", "theme", "pattern", "matched", "start", "end", "negated",
    "lang", "speaker", "side",
)


def order_columns(df: pd.DataFrame, order: Iterable[str] = CODED_ORDER) -> pd.DataFrame:
    """Return ``df`` with its columns in ``order``; theme_<id> columns before ``themes``.

    Columns of ``order`` that ``df`` lacks are skipped; columns not in ``order`` follow, in
    their order.

    Examples
    --------
    >>> df = pd.DataFrame(columns=["themes", "extra", "theme_a", "doc_id"])
    >>> list(order_columns(df).columns)
    ['doc_id', 'theme_a', 'themes', 'extra']
    """
    order = [c for c in order if c in df.columns]
    themes = [c for c in df.columns if is_theme_column(c) and c not in order]
    if "themes" in order:
        i = order.index("themes")
        head = order[:i] + themes + order[i:]
    else:
        head = order + themes
    rest = [c for c in df.columns if c not in head]
    return df[head + rest]


def sort_rows(df: pd.DataFrame, *, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Sort by doc_id, then statement number (from stmt_id), start, end and ``extra``.

    The sort is stable: rows equal on every key keep their order. A table without doc_id
    is returned as it is (with a fresh index).

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["b", "a", "a"], "stmt_id": ["b.1", "a.10", "a.9"]})
    >>> sort_rows(df)["stmt_id"].tolist()
    ['a.9', 'a.10', 'b.1']
    """
    if "doc_id" not in df.columns or df.empty:
        return df.reset_index(drop=True)
    keys = [_text_rank(df["doc_id"])]
    if "stmt_id" in df.columns:
        keys += _statement_keys(df["stmt_id"])
    for c in ("start", "end") + tuple(extra):
        if c in df.columns:
            keys.append(_number_rank(df[c]) if c in ("start", "end") else _text_rank(df[c]))
    order = np.lexsort(keys[::-1])            # stable: equal rows keep their order
    if (order == np.arange(len(order))).all():   # already in order (the usual case)
        return df.reset_index(drop=True)
    return df.take(order).reset_index(drop=True)


def _statement_keys(stmt_id: pd.Series) -> list[np.ndarray]:
    """Sort keys of the statement numbers: (missing, number), missing ones last.

    ASCII ids (those split_statements makes) are parsed by Arrow (exact in int64); others,
    or numbers beyond int64, as pandas parses them.
    """
    ids = pa.array(stmt_id.astype("string"))
    ids = ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids
    if pc.all(pc.fill_null(pc.string_is_ascii(ids), True)).as_py() is not False:
        found = pc.struct_field(pc.extract_regex(ids, r"\.(?P<n>[0-9]+)$"), [0])
        try:
            numbers = pc.cast(found, pa.int64())
        except pa.ArrowInvalid:                # beyond int64
            numbers = None
        if numbers is not None:
            missing = numbers.is_null().to_numpy(zero_copy_only=False)
            return [missing, numbers.fill_null(0).to_numpy()]
    parsed = pd.to_numeric(_statement_numbers(stmt_id), errors="coerce")
    return [parsed.to_numpy(dtype="float64", na_value=np.nan)]


def _text_rank(s: pd.Series) -> np.ndarray:
    """Each value's rank among the column's distinct values as text; missing ranks last."""
    codes, _ = pd.factorize(s.astype("string"), sort=True)
    return np.where(codes < 0, codes.max() + 1, codes)


def _number_rank(s: pd.Series) -> np.ndarray:
    """A numeric column as float64 (missing: NaN, which sorts last), else as text ranks."""
    try:
        return s.to_numpy(dtype="float64", na_value=np.nan)
    except (TypeError, ValueError):
        return _text_rank(s)


def _statement_numbers(stmt_id: pd.Series) -> pd.Series:
    """The digits after the last dot of each statement id (missing when there are none)."""
    ids = pa.array(stmt_id.astype("string").to_numpy(dtype=object, na_value=None),
                   type=pa.large_string())
    if pc.all(pc.fill_null(pc.string_is_ascii(ids), True)).as_py() is not False:
        # ASCII ids (those split_statements makes): Arrow's regex, [0-9] being Python's \d
        found = pc.struct_field(pc.extract_regex(ids, r"\.(?P<n>[0-9]+)$"), [0])
        return pd.Series(found.to_numpy(zero_copy_only=False), index=stmt_id.index, dtype=object)
    return stmt_id.astype("string").str.extract(r"\.(\d+)$", expand=False)


def order_coded(coded: pd.DataFrame) -> pd.DataFrame:
    """The coded table as written: rows by document and statement, contract column order.

    Examples
    --------
    >>> order_coded(pd.DataFrame({"themes": [""], "doc_id": ["d"]})).columns.tolist()
    ['doc_id', 'themes']
    """
    return order_columns(sort_rows(coded), CODED_ORDER)


def order_matches(matches: pd.DataFrame) -> pd.DataFrame:
    """The matches table as written: rows by document, offset, theme and pattern.

    Examples
    --------
    >>> m = pd.DataFrame({"theme": ["b", "a"], "doc_id": ["d", "d"], "start": [0, 0]})
    >>> order_matches(m)["theme"].tolist()
    ['a', 'b']
    """
    return order_columns(sort_rows(matches, extra=("theme", "pattern")), MATCHES_ORDER)
