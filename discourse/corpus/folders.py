"""Reading a folder of readouts: its files, its metadata table, one document per file.

Helpers of :func:`discourse.corpus.reader.read_corpus` and
:func:`discourse.corpus.reader.iter_corpus` for a folder (the rules are in
:mod:`discourse.corpus.reader`): :func:`_folder_plan` lists the readable files and reads the
metadata table beside them (checked row by row), :func:`_folder_documents` reads a batch of
files into documents with their metadata.

Examples
--------
>>> files, meta = _folder_plan(Path("data/raw"), "utf-8", None)
>>> [p.name for p in files], meta.key
(['000_38ca568774651fa9.txt'], 'file')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import CorpusError
from ..schema import COLUMNS
from .files import (TABLE_SUFFIXES, TEXT_SUFFIXES, _iter_table, _missing, _normalise_date,
                    _read_text_file)

_KNOWN = COLUMNS["documents"]


def _folder_files(folder: Path, metadata_name: str) -> tuple[list[Path], list[str]]:
    """The readable files of ``folder`` (sorted by doc_id) and the names left aside."""
    files, ignored = [], []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or p.name == metadata_name:
            continue
        if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and p.stem.lower() != "readme":
            files.append(p)
        else:
            ignored.append(p.name + ("/" if p.is_dir() else ""))
    files.sort(key=lambda p: (p.stem, p.name))
    return files, ignored


@dataclass(frozen=True)
class _Metadata:
    """A folder's metadata: rows by file name (key 'file') or stem (key 'doc_id')."""

    rows: dict[str, dict] = field(default_factory=dict)
    key: str | None = None
    dtypes: dict[str, object] = field(default_factory=dict)


def _read_metadata(folder: Path, metadata, encoding: str, files: list[Path]) -> _Metadata:
    """The folder's metadata table, checked (empty when there is none)."""
    path = Path(metadata) if metadata is not None else folder / "metadata.csv"
    if not path.is_file():
        if metadata is not None:
            raise CorpusError(f"{path}: metadata file not found; give the path of a .csv, "
                              ".jsonl or .parquet table, or leave metadata= out")
        return _Metadata()
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise CorpusError(f"{path}: unsupported metadata file type {path.suffix!r}; valid: "
                          f"{', '.join(TABLE_SUFFIXES)}")
    meta = pd.concat(list(_iter_table(path, encoding, None)))
    key = "file" if "file" in meta.columns else "doc_id" if "doc_id" in meta.columns else None
    if key is None:
        raise CorpusError(f"{path}: the metadata needs a 'file' column (the file name) or a "
                          f"'doc_id' column (the file stem); found "
                          f"{', '.join(map(str, meta.columns)) or 'no column'}")
    for col in ("text", "path"):
        if col in meta.columns:
            raise CorpusError(f"{path}: column {col!r} would replace the documents' {col}; "
                              "rename it (e.g. to 'original_' + name)")
    present = {p.name if key == "file" else p.stem for p in files}
    rows: dict[str, dict] = {}
    for i, rec in enumerate(meta.to_dict(orient="records"), start=1):
        name = rec.pop(key)
        name = "" if _missing(name) else str(name)
        name = name.strip()
        where = f"{path}: row {i}"
        if not name:
            raise CorpusError(f"{where}: the {key!r} column is empty; name the document")
        if name in rows:
            raise CorpusError(f"{where}: {key} {name!r} appears twice (also in row "
                              f"{rows[name]['_row']}); keep one row per document")
        if name not in present:
            raise CorpusError(f"{where}: {key} {name!r} is not a readout in {folder} (readable "
                              f"files: {', '.join(TEXT_SUFFIXES)}); fix the name or remove "
                              "the row")
        if "date" in rec:
            rec["date"] = _normalise_date(rec["date"], f"{where} ({name})")
        rec["_row"] = i
        rows[name] = rec
    return _Metadata(rows, key, {c: meta[c].dtype for c in meta.columns if c != key})


def _folder_documents(files: list[Path], metadata: _Metadata, encoding: str) -> pd.DataFrame:
    records = []
    for p in files:
        rec: dict = {"doc_id": p.stem, **_read_text_file(p, encoding), "path": str(p),
                     "_source": str(p)}
        extra = metadata.rows.get(p.name if metadata.key == "file" else p.stem, {})
        for col, value in extra.items():
            missing = _missing(value) or isinstance(value, str) and not value.strip()
            if col != "_row" and (not missing or col not in rec):
                rec[col] = value
        records.append(rec)
    columns = dict.fromkeys(["doc_id", "text", "path", "_source"])
    columns.update(dict.fromkeys(metadata.dtypes))
    columns.update(dict.fromkeys(c for r in records for c in r))
    frame = pd.DataFrame(records, columns=list(columns))
    for col, dtype in metadata.dtypes.items():  # the same dtypes in every batch
        if col not in _KNOWN:
            try:
                frame[col] = frame[col].astype(dtype)
            except (TypeError, ValueError):
                pass
    return frame


def _folder_plan(path: Path, encoding: str, metadata):
    folder = path if path.is_dir() else path.parent
    meta_name = Path(metadata).name if metadata is not None else "metadata.csv"
    files, ignored = _folder_files(folder, meta_name)
    if not files:
        found = f"found only: {', '.join(ignored[:10])}" if ignored else "it is empty"
        raise CorpusError(f"{folder}: the folder holds no readable readout "
                          f"({', '.join(TEXT_SUFFIXES)} files; {found}); put the readouts "
                          "there or give a .csv/.jsonl/.parquet file")
    meta = _read_metadata(folder, metadata, encoding, files)
    if path.is_file():
        files = [path]
    return files, meta
