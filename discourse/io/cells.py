"""The CSV cells of a table, a column at a time (pyarrow compute kernels, no Python per cell).

:func:`format_body` gives the bytes of a table's rows as :func:`discourse.io.export.format_csv`
writes them: every column becomes an Arrow array of its cells, the columns are joined with
commas and each row ends with ``\\n``; the body is then one copy of the joined array's data
buffer. A cell is

- text (``str``, pandas' string dtypes, an object column of strings): neutralised against
  formula injection when asked (a leading ``'`` before ``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return, after any run of ``'``), then quoted (RFC 4180: ``"`` doubled, the cell
  in double quotes) when it holds a comma, a double quote, a line feed or a carriage return;
- an integer in decimal (``-5``), a boolean ``True`` / ``False``;
- a float with at most ``digits`` decimals, trailing zeros removed but one (``0.85``,
  ``1.0``, ``-0.0``): each distinct value (by its bits) is formatted once in Python;
- missing (None, NaN, ``pd.NA``): an empty cell.

Any other column (dates, categories, an object column mixing types) takes the per-value path,
which gives the same cells one value at a time. Both paths give the same bytes; the tests
compare them on random tables.

Examples
--------
>>> import pandas as pd
>>> format_body(pd.DataFrame({"t": ["=1", 'a"b', None], "n": [1, -2, 3],
...                           "x": [0.5, None, 1 / 3]}), neutralize=True, digits=6)
b'\\'=1,1,0.5\\n"a""b",-2,\\n,3,0.333333\\n'
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["format_body", "column_cells", "format_float", "csv_field", "TRIGGERS"]

#: The first characters (after any ``'``) that make a spreadsheet run a cell as a formula.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
_TEXT = pa.large_string()
# RE2 (Arrow's regex engine) forms of the two tests above.
_FORMULA_RE2 = r"^'*[=+\-@\t\r]"
_QUOTES_RE2 = r'[,"\r\n]'
_SHORT = 32           # bytes per value (on average) under which a text column is dictionary-encoded


def _scalar(text: str) -> pa.Scalar:
    return pa.scalar(text, _TEXT)


def csv_field(text: str) -> str:
    """One text as a CSV field: quoted (``"`` doubled) when it holds ``,`` ``"`` or a line end.

    Examples
    --------
    >>> csv_field("a,b"), csv_field('say "hi" now'), csv_field("plain")
    ('"a,b"', '"say ""hi"" now"', 'plain')
    """
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def format_float(value: Any, digits: int) -> str:
    """A float with at most ``digits`` decimals, trailing zeros removed but one; missing -> ''.

    Examples
    --------
    >>> format_float(0.1 + 0.2, 6), format_float(2.0, 6), format_float(None, 6)
    ('0.3', '2.0', '')
    """
    if value is None or pd.isna(value):
        return ""
    text = f"{float(value):.{digits}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _neutralized(value: str) -> str:
    stripped = value.lstrip("'")
    return "'" + value if stripped[:1] in TRIGGERS else value


def _one_cell(value: Any, neutralize: bool, digits: int) -> str:
    if isinstance(value, str):
        return csv_field(_neutralized(value) if neutralize else value)
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (float, np.floating)):
        return format_float(value, digits)
    return csv_field(str(value))


def _cells_per_value(s: pd.Series, neutralize: bool, digits: int) -> pa.Array:
    """The cells of any column, one value at a time (the path of unusual dtypes)."""
    missing = s.isna().to_numpy()
    values = s.astype(object).to_numpy()
    cells = ["" if miss else _one_cell(v, neutralize, digits)
             for v, miss in zip(values, missing)]
    return pa.array(cells, type=_TEXT)


def _float_cells(s: pd.Series, digits: int) -> pa.Array:
    values = s.to_numpy(dtype="float64", na_value=np.nan)
    # Distinct values by their bits: -0.0 and 0.0 stay apart (their cells differ).
    bits, inverse = np.unique(values.view(np.int64), return_inverse=True)
    texts = pa.array([format_float(v, digits) for v in bits.view(np.float64)], type=_TEXT)
    return texts.take(pa.array(inverse.reshape(-1), type=pa.int64()))


def _text_cells(arr: pa.Array, neutralize: bool) -> pa.Array:
    """The cells of a text column; a column of short, repeated values (ids, codes, names)
    is formatted once per distinct value."""
    if len(arr) >= 64 and (pc.sum(pc.binary_length(arr)).as_py() or 0) <= _SHORT * len(arr):
        encoded = arr.dictionary_encode()
        if 2 * len(encoded.dictionary) <= len(arr):
            cells = _distinct_text_cells(encoded.dictionary, neutralize)
            return cells.take(encoded.indices).fill_null("")
    return _distinct_text_cells(arr, neutralize)


def _distinct_text_cells(arr: pa.Array, neutralize: bool) -> pa.Array:
    arr = arr.fill_null("")
    if neutralize:
        formula = pc.match_substring_regex(arr, _FORMULA_RE2)
        if pc.any(formula).as_py():
            arr = pc.if_else(formula, pc.binary_join_element_wise(
                _scalar("'"), arr, _scalar("")), arr)
    quote = pc.match_substring_regex(arr, _QUOTES_RE2)
    if not pc.any(quote).as_py():         # most columns: nothing to quote
        return arr
    quoted = pc.binary_join_element_wise(
        _scalar('"'), pc.replace_substring(arr, '"', '""'), _scalar('"'), _scalar(""))
    return pc.if_else(quote, quoted, arr)


def _arrow(s: pd.Series, type_: pa.DataType | None = None) -> pa.Array:
    arr = pa.array(s, type=type_)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _as_text(s: pd.Series) -> pa.Array | None:
    """A text column as an Arrow array (missing -> null), or None when it holds non-text."""
    if isinstance(s.dtype, pd.StringDtype):
        return _arrow(s).cast(_TEXT)
    if s.dtype != object or pd.api.types.infer_dtype(s, skipna=True) not in ("string", "empty"):
        return None
    values = s.to_numpy(dtype=object)
    values = np.where(pd.isna(values), None, values)
    try:
        return pa.array(values, type=_TEXT)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None


def column_cells(s: pd.Series, *, neutralize: bool, digits: int) -> pa.Array:
    """One column as an Arrow array of its CSV cells (no nulls: a missing value is '').

    Examples
    --------
    >>> column_cells(pd.Series([True, None], dtype="boolean"), neutralize=True,
    ...              digits=6).to_pylist()
    ['True', '']
    """
    if pd.api.types.is_bool_dtype(s.dtype):
        flags = _arrow(s, pa.bool_())
        return pc.if_else(flags, _scalar("True"), _scalar("False")).fill_null("")
    if pd.api.types.is_float_dtype(s.dtype):
        return _float_cells(s, digits)
    if pd.api.types.is_integer_dtype(s.dtype):
        return _arrow(s).cast(_TEXT).fill_null("")
    text = _as_text(s)
    if text is not None:
        return _text_cells(text, neutralize)
    return _cells_per_value(s, neutralize, digits)


def format_body(df: pd.DataFrame, *, neutralize: bool, digits: int) -> bytes:
    """The bytes of the rows of ``df`` as CSV lines, each ending with ``\\n`` (no header).

    Examples
    --------
    >>> format_body(pd.DataFrame({"a": [1, 2], "b": ["x,y", "-z"]}), neutralize=True,
    ...             digits=6)
    b'1,"x,y"\\n2,\\'-z\\n'
    """
    if not len(df):
        return b""
    if not df.shape[1]:
        return b"\n" * len(df)
    cells = [column_cells(df.iloc[:, i], neutralize=neutralize, digits=digits)
             for i in range(df.shape[1])]
    lines = pc.binary_join_element_wise(*cells, _scalar(","))
    lines = pc.binary_join_element_wise(lines, _scalar("\n"), _scalar(""))
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    first, last = int(offsets[lines.offset]), int(offsets[lines.offset + len(lines)])
    return lines.buffers()[2].slice(first, last - first).to_pybytes()
