"""Parquet, Stata and Excel writers for the coded tables (CSV: :mod:`discourse.io.export`).

Each writer is atomic, deterministic (no timestamps: Stata's file date, the workbook's
created / modified dates and the zip entry dates are fixed) and refuses to replace an
existing file unless ``overwrite=True``. Each carries the data dictionary's descriptions and
the provenance: Parquet in its metadata, Stata in its variable labels, dataset label and a
``<file>.provenance.json`` sidecar, Excel in ``dictionary`` and ``provenance`` sheets.

Examples
--------
>>> import pandas as pd, pathlib, tempfile
>>> from discourse.io.formats import write_parquet
>>> p = write_parquet(pd.DataFrame({"text": ["中国"]}), pathlib.Path(tempfile.mkdtemp()) / "t.parquet")
>>> pd.read_parquet(p)["text"].tolist()
['中国']
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ExportError, ParameterError
from ..schema import is_theme_column
from .archive import deterministic_zip, fix_core_xml
from .datadict import describe_columns
from .files import check_writable, write_atomic
from .provenance import format_provenance, make_provenance, write_with_provenance

__all__ = ["write_parquet", "write_stata", "write_excel"]

_FIXED_DATETIME = _dt.datetime(2000, 1, 1)


def _is_text(series: pd.Series) -> bool:
    return (pd.api.types.is_string_dtype(series) or pd.api.types.is_object_dtype(series)
            or isinstance(series.dtype, pd.CategoricalDtype))


# ----------------------------------------------------------------------------- Parquet
def write_parquet(
    table: pd.DataFrame,
    path: str | os.PathLike,
    *,
    codebook: Any = None,
    provenance: Mapping[str, Any] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write a table as Parquet with its provenance and column descriptions inside.

    The provenance (JSON) is the file's key-value metadata ``discourse.io.provenance``; each
    field's description (the data dictionary) is its field metadata ``description``. Rows and
    columns are written as given.

    Examples
    --------
    >>> import pathlib, tempfile, pyarrow.parquet as pq
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
    >>> _ = write_parquet(pd.DataFrame({"doc_id": ["é"]}), p, provenance={"format": "x"})
    >>> pq.read_schema(p).metadata[b"discourse.io.provenance"]
    b'{\\n  "format": "x"\\n}\\n'
    """
    # pyarrow is heavy and only needed here: imported on first use
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = check_writable(path, overwrite=overwrite)
    prov = provenance if provenance is not None else make_provenance(codebook=codebook)
    dictionary = describe_columns(table, codebook=codebook).set_index("column")
    arrow = pa.Table.from_pandas(table.reset_index(drop=True), preserve_index=False)
    fields = [
        f.with_metadata({b"description": dictionary.loc[f.name, "description"].encode()})
        for f in arrow.schema
    ]
    meta = dict(arrow.schema.metadata or {})
    meta[b"discourse.io.provenance"] = format_provenance(prov).encode("utf-8")
    arrow = arrow.cast(pa.schema(fields, metadata=meta))
    buf = io.BytesIO()
    pq.write_table(arrow, buf, compression="snappy")
    write_atomic(target, buf.getvalue(), overwrite=overwrite)
    return target


# ----------------------------------------------------------------------------- Stata
def _label(text: str, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def write_stata(
    table: pd.DataFrame,
    path: str | os.PathLike,
    *,
    codebook: Any = None,
    provenance: Mapping[str, Any] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write a table as a Stata 14+ ``.dta`` file (format 118, Unicode).

    - Variable names are made valid for Stata with :func:`stata_names` (the data dictionary
      lists the mapping); variable labels are the data dictionary's descriptions (cut to 80
      characters).
    - ``theme_<id>`` and boolean columns are 0/1 bytes with the value labels 0 "no" 1 "yes".
    - Missing text is the empty string (Stata has no other missing string); text longer than
      2,045 bytes is stored as strL.
    - The dataset label names discourse and the codebook; with ``provenance`` the full record
      is written beside the file as ``<file>.provenance.json``. The file's timestamp is fixed
      (1 Jan 2000) so reruns are byte-identical.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.dta"
    >>> _ = write_stata(pd.DataFrame({"text": ["ក្រុង 中国"], "theme_peace": [1]}), p)
    >>> back = pd.read_stata(p, convert_categoricals=False)
    >>> back.loc[0, "text"], int(back.loc[0, "theme_peace"])
    ('ក្រុង 中国', 1)
    """
    target = check_writable(path, overwrite=overwrite)
    dictionary = describe_columns(table, codebook=codebook)
    rename = dict(zip(dictionary["column"], dictionary["stata_name"]))
    df = table.reset_index(drop=True).copy()
    value_labels: dict[str, dict[int, str]] = {}
    strl: list[str] = []
    for col in df.columns:
        s = df[col]
        if is_theme_column(col) or pd.api.types.is_bool_dtype(s):
            if s.isna().any():
                raise ExportError(f"{target}: column {col} has missing values; a 0/1 column "
                                  "must be complete for Stata")
            df[col] = s.astype("int8")
            value_labels[rename[col]] = {0: "no", 1: "yes"}
        elif _is_text(s):
            df[col] = s.astype(object).map(lambda v: "" if v is None or v is pd.NA
                                           or (isinstance(v, float) and np.isnan(v)) else str(v))
            if len(df) and df[col].map(lambda v: len(v.encode("utf-8"))).max() > 2045:
                strl.append(rename[col])
    df = df.rename(columns=rename)
    labels = {rename[c]: _label(d) for c, d in zip(dictionary["column"], dictionary["description"])}
    version = make_provenance()["discourse_version"]
    data_label = f"discourse {version}"
    if codebook is not None:
        data_label += f"; codebook {codebook.id} {codebook.version}"
    buf = io.BytesIO()
    try:
        df.to_stata(buf, write_index=False, version=118, variable_labels=labels,
                    value_labels=value_labels, convert_strl=strl, data_label=_label(data_label),
                    time_stamp=_FIXED_DATETIME)
    except ValueError as err:
        raise ExportError(f"{target}: cannot be written as Stata ({err})") from None
    return write_with_provenance(target, buf.getvalue(), overwrite=overwrite,
                                 provenance=provenance, fmt="stata")


# ----------------------------------------------------------------------------- Excel
def _flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, Mapping):
        out = []
        for k in sorted(value):
            out += _flatten(value[k], f"{prefix}.{k}" if prefix else str(k))
        return out
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (Mapping, list, tuple)) for v in value):
            return [(prefix, "; ".join(str(v) for v in value))]
        out = []
        for i, v in enumerate(value):
            out += _flatten(v, f"{prefix}[{i}]")
        return out
    return [(prefix, value)]


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_EXCEL_CELL_MAX = 32767


def _cell_value(v: Any, where: str) -> Any:
    # openpyxl is only needed for Excel files: imported on first use
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if v is None or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
        return None
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, str):
        if len(v) > _EXCEL_CELL_MAX:
            raise ExportError(f"{where}: the text has {len(v)} characters, more than an Excel "
                              f"cell holds ({_EXCEL_CELL_MAX}); export this table as CSV or "
                              "Parquet instead")
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", v)
    return v if isinstance(v, (int, float)) else str(v)


def _add_sheet(wb: Any, name: str, df: pd.DataFrame, target: Path) -> None:
    ws = wb.create_sheet(title=name)
    for j, col in enumerate(df.columns, start=1):
        cell = ws.cell(row=1, column=j, value=_cell_value(str(col), f"{target} [{name}]"))
        cell.data_type = "s"
    for i, row in enumerate(df.itertuples(index=False, name=None), start=2):
        for j, v in enumerate(row, start=1):
            value = _cell_value(v, f"{target} [{name}] row {i} column {df.columns[j - 1]}")
            if value is None:
                continue
            cell = ws.cell(row=i, column=j, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    ws.freeze_panes = "A2"


def write_excel(
    tables: pd.DataFrame | Mapping[str, pd.DataFrame],
    path: str | os.PathLike,
    *,
    codebook: Any = None,
    provenance: Mapping[str, Any] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write tables to an ``.xlsx`` workbook: one sheet each, a dictionary and a provenance sheet.

    Parameters
    ----------
    tables
        A DataFrame (sheet ``coded``) or a mapping sheet name -> DataFrame, e.g.
        ``{"coded": coded, "matches": matches, "theme_counts": counts}``.
    path
        The ``.xlsx`` file.
    codebook
        The codebook (theme descriptions in the dictionary; recorded in the provenance).
    provenance
        The record for the ``provenance`` sheet (default: :func:`make_provenance` of the
        codebook).
    overwrite
        Replace an existing file.

    Notes
    -----
    Text cells are stored as strings, so Excel never runs a text as a formula, and their
    text is unchanged. Control characters that XML cannot hold are replaced by U+FFFD. The
    workbook's creation and modification dates and the zip entry dates are fixed, so the
    same tables give byte-identical files.

    Examples
    --------
    >>> import pathlib, tempfile, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> _ = write_excel({"coded": pd.DataFrame({"text": ["=1+1"]})}, p)
    >>> wb = openpyxl.load_workbook(p)
    >>> wb.sheetnames, wb["coded"]["A2"].value, wb["coded"]["A2"].data_type
    (['coded', 'dictionary', 'provenance'], '=1+1', 's')
    """
    # openpyxl is only needed for Excel files: imported on first use
    from openpyxl import Workbook

    target = check_writable(path, overwrite=overwrite)
    if isinstance(tables, pd.DataFrame):
        tables = {"coded": tables}
    names = list(tables)
    for name in names:
        if (not isinstance(name, str) or not name or len(name) > 31 or _SHEET_BAD.search(name)
                or name in ("dictionary", "provenance")):
            raise ParameterError(
                f"write_excel: sheet name {name!r} is not valid; use 1-31 characters without "
                "[ ] : * ? / \\, other than 'dictionary' and 'provenance'"
            )
    prov = provenance if provenance is not None else make_provenance(codebook=codebook)
    wb = Workbook()
    wb.remove(wb.active)
    parts = []
    for name in names:
        df = tables[name]
        _add_sheet(wb, name, df, target)
        parts.append(describe_columns(df, codebook=codebook).assign(sheet=name))
    dictionary = (pd.concat(parts, ignore_index=True) if parts else
                  pd.DataFrame(columns=["column", "type", "description", "stata_name", "sheet"]))
    _add_sheet(wb, "dictionary", dictionary[["sheet", "column", "type", "description"]], target)
    _add_sheet(wb, "provenance", pd.DataFrame(_flatten(dict(prov)), columns=["key", "value"])
               .astype({"value": object}), target)
    buf = io.BytesIO()
    wb.save(buf)
    entries = []
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        for info in zf.infolist():
            data = zf.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = fix_core_xml(data)
            entries.append((info.filename, data))
    write_atomic(target, deterministic_zip(entries), overwrite=overwrite)
    return target
