"""Pandas helpers of the coding stage: statement texts fed to the matcher, columns built fast.

- :func:`_lang_groups` groups a table's rows by statement language;
- :class:`_Texts` joins statement texts by the matcher's separator a block at a time (in
  pyarrow when pyarrow holds them);
- :func:`_taken` and :func:`_labels` build the string columns of a new table the way pandas
  stores them, without a Python object per row where it can;
- :func:`_offsets`, :func:`_positions` and :func:`_unique_rows` read statement offsets, find
  stmt_ids and group identical rows of theme flags.

Examples
--------
>>> import pandas as pd
>>> _Texts(pd.Series(["ab", None, "c"])).joined(np.array([0, 2]))
'ab\\x00c'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ContractError
from .matcher import _lang_key
from .workcopy import _SEP


def _lang_groups(df: pd.DataFrame, lang: str | None) -> dict:
    """Language key -> row positions (a statement's ``lang``, else ``lang=``)."""
    default = _lang_key(lang)
    if "lang" not in df.columns:
        return {default: np.arange(len(df), dtype=np.int64)}
    codes, uniques = pd.factorize(df["lang"], use_na_sentinel=True)
    keys = [_lang_key(v) or default for v in uniques] + [default]   # last: missing values
    names = list(dict.fromkeys(keys))
    key_code = np.array([names.index(k) for k in keys], np.int64)[codes]
    order = np.argsort(key_code, kind="stable")
    bounds = np.searchsorted(key_code[order], np.arange(len(names) + 1))
    return {k: order[bounds[i]:bounds[i + 1]] for i, k in enumerate(names)
            if bounds[i + 1] > bounds[i]}


def _inferred_str():
    """The dtype pandas gives a column built from Python strings (``str`` or object)."""
    return pd.Series(np.array(["a"], dtype=object)).dtype


def _texts(col: pd.Series) -> list:
    """The statement texts as a list of str (missing or non-text values: '')."""
    if isinstance(col.dtype, pd.StringDtype):
        return (col.fillna("") if col.hasnans else col).to_numpy(dtype=object).tolist()
    return [t if isinstance(t, str) else "" for t in col.tolist()]


class _Texts:
    """The statement texts, joined by the matcher's separator a block of rows at a time.

    Texts held by pyarrow are joined there (no Python str per statement); others are read
    once as a list. Missing values are empty texts.
    """

    def __init__(self, col: pd.Series):
        self.arrow = None
        if _arrow_text(col):
            # lazy: pyarrow is optional, needed only for texts pandas holds in pyarrow
            import pyarrow as pa
            import pyarrow.compute as pc

            arr = pa.array(col.array)
            if isinstance(arr, pa.ChunkedArray):
                arr = arr.combine_chunks()
            if arr.null_count:
                arr = pc.fill_null(arr, "")
            self.arrow = arr.cast(pa.large_string())
            self.lens = np.asarray(pc.utf8_length(self.arrow).to_numpy(zero_copy_only=False),
                                   np.int64)
        else:
            self.texts = _texts(col)
            self.lens = np.fromiter(map(len, self.texts), np.int64, len(self.texts))

    def joined(self, rows: np.ndarray) -> str:
        """The texts of these rows joined by the separator."""
        if self.arrow is None:
            return _SEP.join([self.texts[i] for i in rows.tolist()])
        import pyarrow as pa  # lazy: optional dependency (see __init__)
        import pyarrow.compute as pc

        part = self.arrow.take(pa.array(rows))
        lists = pa.LargeListArray.from_arrays(pa.array([0, len(part)], pa.int64()), part)
        return pc.binary_join(lists, pa.scalar(_SEP, pa.large_string()))[0].as_py()


def _arrow_text(col: pd.Series) -> bool:
    """Whether a column's strings are held by pyarrow (texts joined there, see :class:`_Texts`)."""
    return isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow"


def _taken(col: pd.Series, row: np.ndarray):
    """``col.to_numpy()[row]``, as pandas stores it in a new frame (taken fast if it can)."""
    inferred = _inferred_str()
    if (len(row) and isinstance(col.dtype, pd.StringDtype)
            and isinstance(inferred, pd.StringDtype) and not col.hasnans):
        return col.array.take(row).astype(inferred, copy=False)
    return col.to_numpy()[row]


def _labels(values: list, index: np.ndarray):
    """``[values[i] for i in index]`` (strings) as a column, built once per value."""
    inferred = _inferred_str()
    if len(index) and isinstance(inferred, pd.StringDtype):
        return pd.array(np.array(values, dtype=object), dtype=inferred).take(index)
    return np.array(values, dtype=object)[index]


def _offsets(df: pd.DataFrame, where: str) -> np.ndarray:
    start = pd.to_numeric(df["start"], errors="coerce")
    if start.isna().any():
        bad = df.loc[start.isna(), "stmt_id"].tolist()[:3]
        raise ContractError(
            f"{where}: the column start has missing or non-numeric values (stmt_id {bad}); "
            "it must hold each statement's offset in its document (see split_statements)"
        )
    return start.to_numpy(dtype=np.int64)


def _positions(stmt_ids: pd.Series, wanted: pd.Series, where: str) -> np.ndarray:
    """Position of each wanted stmt_id in stmt_ids (-1 if absent); stmt_ids must be unique."""
    n = len(stmt_ids)
    if not (stmt_ids.hasnans or wanted.hasnans):     # one hashing pass over both
        codes, _ = pd.factorize(pd.concat([stmt_ids, wanted], ignore_index=True))
        if np.array_equal(codes[:n], np.arange(n)):  # codes follow first appearance: unique
            pos = codes[n:].astype(np.int64)
            pos[pos >= n] = -1
            return pos
    stmt = pd.Index(stmt_ids)
    if not stmt.is_unique:
        dup = stmt[stmt.duplicated()].unique().tolist()[:3]
        raise ContractError(f"{where}: stmt_id must be unique; repeated: {dup}")
    return stmt.get_indexer(wanted)


def _unique_rows(flags: np.ndarray) -> tuple[list, np.ndarray]:
    """The distinct rows of a boolean matrix (as lists of bool) and each row's one."""
    n, width = flags.shape
    if not width:
        return [[]], np.zeros(n, np.int64)
    packed = np.packbits(flags, axis=1, bitorder="little")
    if width <= 16:             # a row is a number < 2**16: count them
        key = packed[:, 0].astype(np.int64)
        if width > 8:
            key |= packed[:, 1].astype(np.int64) << 8
        present = np.flatnonzero(np.bincount(key, minlength=1 << width))
        which = np.zeros(1 << width, np.int64)
        which[present] = np.arange(len(present))
        bits = (present[:, None] >> np.arange(width)) & 1
        return bits.astype(bool).tolist(), which[key]
    size = -(-packed.shape[1] // 8) * 8
    keys = np.ascontiguousarray(np.pad(packed, ((0, 0), (0, size - packed.shape[1]))))
    keys = keys.view("<u8")
    _, first, which = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return flags[first].tolist(), np.asarray(which).reshape(-1)
