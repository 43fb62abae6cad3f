"""CSV files of the coded tables, for R, Stata, Excel and Python, and reading them back.

Every writer is atomic (a temporary file renamed over the target, see :mod:`discourse.io.files`),
deterministic (the same tables give byte-identical files: a fixed float format, no
timestamps) and refuses to replace an existing file unless ``overwrite=True`` (on the
command line ``--force``). The Parquet, Stata and Excel writers are in
:mod:`discourse.io.formats`, the data dictionary in :mod:`discourse.io.datadict`, the order of
columns and rows in :mod:`discourse.io.order`.

CSV conventions (:func:`write_coded_csv`, :func:`write_matches_csv`, :func:`write_table_csv`)
-------------------------------------------------------------------------------------------
- UTF-8, optionally with a byte-order mark (``bom=True``) so that Excel on Windows opens it
  as UTF-8; ``\\n`` line endings; a comma separator; quotes only where needed.
- Columns in the contract order of :mod:`discourse.schema` (for the coded table: doc_id,
  stmt_id, paragraph, sentence, start, end, text, n_tokens, lang, date, speaker,
  speaker_name, side, cue, cue_text, confidence, theme_<id>..., themes, n_matches), then any
  other column in its order. Rows sorted by doc_id, then statement order
  (:mod:`discourse.io.order`).
- Missing values are empty cells. Floats are written with at most 6 decimals, trailing zeros
  removed (``0.85``, ``0.333333``, ``1.0``).
- **Formula injection.** A spreadsheet treats a cell starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return as a formula, so a hostile (or unlucky) readout could run
  a formula in the researcher's Excel. In the text columns only, such a cell is written with a
  leading single quote ``'`` (``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``); a text cell that
  already starts with quotes followed by one of those characters gets one more quote, so
  :func:`read_table_csv` restores every text exactly. Numeric columns are never touched: a
  negative number stays a number. Pass ``neutralize=False`` to write the raw text.
  In ``.xlsx`` files the text is stored unchanged as a string cell, which Excel never
  evaluates.

Examples
--------
>>> import pandas as pd, pathlib, tempfile
>>> from discourse.io.export import write_table_csv, read_table_csv
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = write_table_csv(pd.DataFrame({"text": ["=1+1", "é"], "x": [-1.5, 2.0]}), p)
>>> print(p.read_text(encoding="utf-8"), end="")
text,x
'=1+1,-1.5
é,2.0
>>> read_table_csv(p)["text"].tolist()
['=1+1', 'é']
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ExportError
from .cells import TRIGGERS, csv_field, format_body
from .files import open_atomic
from .order import order_coded, order_matches
from .provenance import write_with_provenance

__all__ = [
    "TEXT_COLUMNS",
    "neutralize_formula",
    "restore_formula",
    "format_csv",
    "write_table_csv",
    "write_coded_csv",
    "write_matches_csv",
    "read_table_csv",
    "iter_table_csv",
    "CHUNK_ROWS",
]

#: Rows formatted (or read) at a time when a table is large.
CHUNK_ROWS = 100_000

#: Text columns: read back as text, never as numbers (doc_id "001" stays "001").
TEXT_COLUMNS = (
    "doc_id", "stmt_id", "text", "lang", "date", "title", "source", "path", "speaker",
    "speaker_name", "side", "cue", "cue_text", "themes", "theme", "pattern", "matched",
)
#: Text columns read back with '' (not missing) for an empty cell.
_EMPTY_IS_TEXT = ("cue_text", "themes")


# ----------------------------------------------------------------------------- helpers
def neutralize_formula(value: Any) -> Any:
    """Prefix ``'`` to a text that a spreadsheet would run as a formula.

    Non-strings are returned unchanged. A text starting with quotes followed by a trigger
    character gets one more quote, so :func:`restore_formula` undoes it exactly.

    Examples
    --------
    >>> [neutralize_formula(v) for v in ["=SUM(A1)", "-5", "@x", "'=x", "ok", -5]]
    ["'=SUM(A1)", "'-5", "'@x", "''=x", 'ok', -5]
    """
    if isinstance(value, str) and value.lstrip("'")[:1] in TRIGGERS and value.lstrip("'"):
        return "'" + value
    return value


def restore_formula(value: Any) -> Any:
    """Undo :func:`neutralize_formula`.

    Examples
    --------
    >>> [restore_formula(v) for v in ["'=SUM(A1)", "''=x", "'quoted", "ok"]]
    ['=SUM(A1)', "'=x", "'quoted", 'ok']
    """
    if isinstance(value, str) and value.startswith("'"):
        rest = value[1:]
        if rest.lstrip("'")[:1] in TRIGGERS and rest.lstrip("'"):
            return rest
    return value


def format_csv(
    df: pd.DataFrame, *, bom: bool = False, neutralize: bool = True, digits: int = 6
) -> bytes:
    """The bytes of ``df`` as a CSV (see the module conventions); no sorting or reordering.

    A cell is quoted (RFC 4180) when it holds a comma, a double quote, a line feed or a
    carriage return.

    Examples
    --------
    >>> format_csv(pd.DataFrame({"a": [0.1 + 0.2, None], "b": ["+x", "x,y"]}))
    b'a,b\\n0.3,\\'+x\\n,"x,y"\\n'
    """
    header = ",".join(csv_field(str(c)) for c in df.columns)
    head = (("\ufeff" if bom else "") + header + "\n").encode("utf-8")
    return head + format_body(df, neutralize=neutralize, digits=digits)


# ----------------------------------------------------------------------------- CSV
def write_table_csv(
    df: pd.DataFrame,
    path: str | os.PathLike,
    *,
    bom: bool = False,
    overwrite: bool = False,
    provenance: Mapping[str, Any] | None = None,
    neutralize: bool = True,
    digits: int = 6,
) -> Path:
    """Write any table as CSV, atomically and deterministically (rows and columns as given).

    Parameters
    ----------
    df
        The table.
    path
        The ``.csv`` file to write.
    bom
        Start the file with a UTF-8 byte-order mark (for Excel on Windows).
    overwrite
        Replace an existing file (by default an ExportError: nothing a user made is lost).
    provenance
        A record from :func:`discourse.make_provenance`; written beside the CSV as
        ``<file>.provenance.json`` with the CSV's SHA-256 added.
    neutralize
        Neutralise cells a spreadsheet would run as formulas (see the module docstring).
    digits
        Maximum decimals of float columns.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ExportError
        If the file exists and ``overwrite`` is false.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = write_table_csv(pd.DataFrame({"a": [1]}), p)
    >>> write_table_csv(pd.DataFrame({"a": [1]}), p)
    Traceback (most recent call last):
    ...
    discourse.errors.ExportError: ...: the file exists and would be overwritten; pass overwrite=True (or --force on the command line) to replace it, or choose another name
    """
    if not isinstance(df, pd.DataFrame):
        raise ExportError(f"{path}: expected a pandas DataFrame to write, got {type(df).__name__}")
    if provenance is None and len(df) > CHUNK_ROWS:
        # a large table is formatted a slice of rows at a time (the same bytes: every cell is
        # formatted on its own), so the file is never held whole in memory
        with open_atomic(path, "wb", overwrite=overwrite) as fh:
            fh.write(format_csv(df.iloc[:0], bom=bom))
            for i in range(0, len(df), CHUNK_ROWS):
                fh.write(format_body(df.iloc[i:i + CHUNK_ROWS], neutralize=neutralize,
                                     digits=digits))
        return Path(path)
    data = format_csv(df, bom=bom, neutralize=neutralize, digits=digits)
    return write_with_provenance(Path(path), data, overwrite=overwrite, provenance=provenance,
                                 fmt="csv")


def write_coded_csv(
    coded: pd.DataFrame,
    path: str | os.PathLike,
    *,
    bom: bool = False,
    overwrite: bool = False,
    provenance: Mapping[str, Any] | None = None,
    neutralize: bool = True,
) -> Path:
    """Write the coded table as CSV: contract column order, rows by document and statement.

    Parameters are those of :func:`write_table_csv`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> coded = pd.DataFrame({"stmt_id": ["d.2", "d.1"], "doc_id": ["d", "d"],
    ...                       "themes": ["", "peace"], "theme_peace": [0, 1]})
    >>> p = write_coded_csv(coded, pathlib.Path(tempfile.mkdtemp()) / "coded.csv")
    >>> print(p.read_text(), end="")
    doc_id,stmt_id,theme_peace,themes
    d,d.1,1,peace
    d,d.2,0,
    """
    table = order_coded(coded)
    return write_table_csv(table, path, bom=bom, overwrite=overwrite, provenance=provenance,
                           neutralize=neutralize)


def write_matches_csv(
    matches: pd.DataFrame,
    path: str | os.PathLike,
    *,
    bom: bool = False,
    overwrite: bool = False,
    provenance: Mapping[str, Any] | None = None,
    neutralize: bool = True,
) -> Path:
    """Write the matches table as CSV: contract column order, rows by document and offset.

    Parameters are those of :func:`write_table_csv`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> m = pd.DataFrame({"doc_id": ["d", "d"], "stmt_id": ["d.1", "d.1"], "theme": ["b", "a"],
    ...                   "start": [4, 0], "end": [8, 3]})
    >>> p = write_matches_csv(m, pathlib.Path(tempfile.mkdtemp()) / "matches.csv")
    >>> p.read_text().splitlines()[1]
    'd,d.1,a,0,3'
    """
    table = order_matches(matches)
    return write_table_csv(table, path, bom=bom, overwrite=overwrite, provenance=provenance,
                           neutralize=neutralize)


def read_table_csv(path: str | os.PathLike, *, neutralized: bool = True) -> pd.DataFrame:
    """Read a CSV written by discourse back into a DataFrame, restoring the text exactly.

    Identifier and text columns are read as strings (``doc_id`` ``"001"`` stays ``"001"``);
    an empty cell is missing, except in ``cue_text`` and ``themes`` where it is ``''``. The
    ``'`` added against formula injection is removed (``neutralized=False`` keeps it).

    Raises
    ------
    ExportError
        If the file is missing or is not a CSV.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = p.write_text("doc_id,text,themes\\n001,'-moins,\\n", encoding="utf-8")
    >>> read_table_csv(p).iloc[0].tolist()
    ['001', '-moins', '']
    """
    p = Path(path)
    with _csv_errors(p):
        dtypes = _text_dtypes(p)
        df = pd.read_csv(p, dtype=dtypes, encoding="utf-8-sig", keep_default_na=False,
                         na_values=[""])
    return _restore_text(df, dtypes, neutralized)


def iter_table_csv(path: str | os.PathLike, *, rows: int = CHUNK_ROWS,
                   neutralized: bool = True) -> Iterator[pd.DataFrame]:
    """Read a CSV written by discourse in slices of ``rows`` rows, as :func:`read_table_csv`.

    For a table too large to hold whole (the theme counts by speaker of a large corpus):
    each slice is typed and restored as :func:`read_table_csv` would (its integer and float
    columns inferred on the slice).

    Raises
    ------
    ExportError
        If the file is missing or is not a CSV.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = p.write_text("doc_id,n\\n001,1\\n002,2\\n003,3\\n", encoding="utf-8")
    >>> [part["doc_id"].tolist() for part in iter_table_csv(p, rows=2)]
    [['001', '002'], ['003']]
    """
    p = Path(path)
    with _csv_errors(p):
        dtypes = _text_dtypes(p)
        with pd.read_csv(p, dtype=dtypes, encoding="utf-8-sig", keep_default_na=False,
                         na_values=[""], chunksize=rows) as reader:
            for df in reader:
                yield _restore_text(df, dtypes, neutralized)


@contextlib.contextmanager
def _csv_errors(p: Path) -> Iterator[None]:
    """Reading errors of a discourse CSV as an :class:`ExportError` naming the file."""
    try:
        yield
    except FileNotFoundError:
        raise ExportError(f"{p}: no such file") from None
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as err:
        raise ExportError(f"{p}: cannot be read as a discourse CSV ({err})") from None


def _text_dtypes(p: Path) -> dict[str, str]:
    """The text columns of the CSV at ``p``, read as strings."""
    header = pd.read_csv(p, nrows=0, encoding="utf-8-sig").columns
    return {c: "string" for c in header if c in TEXT_COLUMNS}


def _restore_text(df: pd.DataFrame, dtypes: dict, neutralized: bool) -> pd.DataFrame:
    """The text columns of a CSV as read: missing as None, the formula quote removed."""
    for c in df.columns:
        if c in dtypes:
            s = df[c].astype(object).where(df[c].notna(), None)
            if neutralized:
                s = s.map(restore_formula)
            if c in _EMPTY_IS_TEXT:
                s = s.fillna("")
            df[c] = pd.Series(s, index=df.index, dtype=object).astype(
                "str" if c in _EMPTY_IS_TEXT else object)
    return df
