"""Read a corpus of readouts into the documents table.

:func:`read_corpus` reads

- a **folder** of ``.txt`` / ``.md`` files or saved web pages (``.html`` / ``.htm``), one
  document per file (sub-folders, hidden files and ``README.*`` notes are not read), with an
  optional metadata table beside them (``metadata.csv``, or the file named by
  ``metadata=``): a ``file`` column (the file name) or a ``doc_id`` column (the file stem),
  and any of ``lang``, ``date``, ``title``, ``source`` and the user's own columns, which are
  kept. With a ``file`` column, a ``doc_id`` column may rename the documents;
- or **one table file**, ``.csv``, ``.jsonl`` or ``.parquet``, with a text column and any
  metadata columns (``doc_id``, ``text``, ``lang``, ``date``, ``title``, ``source`` are
  recognised by name; other columns are kept as metadata). Without an id column, the doc_id
  is ``<file stem>-<row number, 6 digits>`` (``corpus-000001``...). A CSV file (the
  metadata table too) may separate its fields with ``,``, or with ``;`` or a tab, as a
  spreadsheet saved in a French locale does: the header line tells which.

Text files are kept **exactly as read**: only a UTF-8 byte-order mark is removed; line
endings are not translated (``\\r\\n`` stays), so offsets found later point into the file.
For a **saved web page** the text is the page's article text, extracted by
:func:`discourse.corpus.webpage.extract_page` (trafilatura, precision settings; the
article's headings, paragraphs, list items and quotes, each with its white space collapsed,
joined by blank lines; navigation, related links, share buttons and comments left out).
``documents.text`` holds that extracted text and every offset points into it, not into the
HTML. The page's title, publication date, site name (``source``), canonical address
(``url``) and ``<html lang>`` fill those columns when the metadata table gives none: a
``metadata.csv`` beside the pages overrides what was extracted.

Language: from the metadata, else from ``lang=``, else detected by
:func:`discourse.lang.detect.detect_language` (``und``, undetermined, when it cannot tell; not an error).
Dates are normalised to ``YYYY-MM-DD`` strings; a date that is not ISO is an error.

Every problem is a :class:`~discourse.errors.CorpusError` naming the file (and line or row)
and what to do: a path that does not exist, an unsupported file type, a file that is not
UTF-8 (with the byte offset; pass ``encoding=``), an empty or binary file, a missing text
column, a duplicate doc_id (naming both sources), a metadata row naming no file, a bad date,
a folder with no readable file.

A folder's files and metadata table are read by :mod:`discourse.corpus.folders`, table
files and text files decoded by :mod:`discourse.corpus.files`.

Examples
--------
>>> docs = read_corpus("data/raw")
>>> docs[["doc_id", "lang", "date", "source"]].values.tolist()
[['000_38ca568774651fa9', 'fr', '2024-12-03', 'Xinhua (French service)']]
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ..errors import CorpusError, ParameterError
from ..lang.detect import detect_language
from ..schema import COLUMNS
from .files import TABLE_SUFFIXES, TEXT_SUFFIXES, _iter_table, _missing, _normalise_date
from .folders import _folder_documents, _folder_plan

__all__ = ["read_corpus", "iter_corpus", "TEXT_SUFFIXES", "TABLE_SUFFIXES"]

_KNOWN = COLUMNS["documents"]
_TEXT_DTYPE = pd.Series(["a"]).dtype  # "str" with pandas 3, object with pandas 2
_LANG_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _table_documents(chunk: pd.DataFrame, path: Path, *, text_column: str, id_column: str
                     ) -> pd.DataFrame:
    """A chunk of a table file as documents (before :func:`_finish`)."""
    unit = "line" if path.suffix.lower() == ".jsonl" else "row"
    if text_column not in chunk.columns:
        found = ", ".join(map(str, chunk.columns)) or "none"
        raise CorpusError(f"{path}: no text column {text_column!r}; the columns are {found}; "
                          "pass text_column= to name the column that holds the text")
    # A column already named "text" (or "doc_id") that is not the one chosen stays, renamed.
    frame = chunk.rename(columns={
        **({"text": "original_text"} if text_column != "text" else {}),
        **({"doc_id": "original_doc_id"} if id_column != "doc_id" else {}),
    }).rename(columns={text_column: "text"})
    rows = [int(i) + 1 for i in frame.index]
    if id_column in chunk.columns:
        ids = frame.pop(id_column if id_column != text_column else "text")
        for r, v in zip(rows, ids):
            if _missing(v) or not str(v).strip():
                raise CorpusError(f"{path}: {unit} {r}: the {id_column!r} column is empty; give "
                                  "every document an id")
        frame["doc_id"] = [str(v).strip() for v in ids]
    else:
        frame["doc_id"] = [f"{path.stem}-{r:06d}" for r in rows]
    for r, d, text in zip(rows, frame["doc_id"], frame["text"]):
        if not isinstance(text, str) or not text.strip():
            what = ("empty" if _missing(text) or isinstance(text, str)
                    else f"not text but {type(text).__name__} {text!r}")
            raise CorpusError(f"{path}: {unit} {r} (doc_id {d!r}): the text is {what}; fill it "
                              "or remove the row")
    if "path" not in frame.columns:
        frame = frame.assign(path=str(path))
    return frame.assign(_source=[f"{path} {unit} {r}" for r in rows]).reset_index(drop=True)


# --- common end -----------------------------------------------------------------------------

def _finish(frame: pd.DataFrame, *, lang: str | None, seen: dict[str, str] | None = None,
            sort: bool = True) -> pd.DataFrame:
    """Check ids, fill lang, normalise dates, order the columns (and the rows by doc_id)."""
    seen = {} if seen is None else seen
    frame = frame.copy()
    frame["doc_id"] = frame["doc_id"].astype(str)
    for doc_id, source in zip(frame["doc_id"], frame["_source"]):
        if doc_id in seen:
            raise CorpusError(f"duplicate doc_id {doc_id!r}: {seen[doc_id]} and {source}; give "
                              "every document a distinct id (rename a file, or fix the id "
                              "column)")
        seen[doc_id] = source
    for col in ("lang", "date", "title", "source"):
        if col not in frame.columns:
            frame[col] = pd.NA
    langs = []
    for text, given in zip(frame["text"], frame["lang"]):
        if isinstance(given, str) and given.strip():
            langs.append(given.strip().lower())
        else:
            langs.append(lang or detect_language(text))
    frame["lang"] = langs
    frame["date"] = [_normalise_date(v, f"{s}: column 'date'")
                     for v, s in zip(frame["date"], frame["_source"])]
    others = [c for c in frame.columns if c not in _KNOWN and c not in ("_source", "file")]
    for col in others:  # text metadata: the dtype pandas gives text, whatever the batch holds
        if frame[col].dtype == object and all(
                isinstance(v, str) or _missing(v) for v in frame[col]):
            frame[col] = frame[col].astype(_TEXT_DTYPE)
    frame = frame[list(_KNOWN) + others]
    if sort:
        frame = frame.sort_values("doc_id", kind="stable")
    frame = frame.reset_index(drop=True)
    for col in _KNOWN:
        frame[col] = frame[col].astype("string")
    return frame


def _check(path, lang, encoding, batch_size=1) -> Path:
    if lang is not None and (not isinstance(lang, str) or not _LANG_CODE.fullmatch(lang)):
        raise ParameterError(f"lang={lang!r} is not a language code; use e.g. 'fr' or 'en' "
                             "(or leave it out to use the metadata or detect the language)")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ParameterError(f"batch_size must be a positive whole number, got {batch_size!r}")
    try:
        codecs.lookup(encoding)
    except (LookupError, TypeError):
        raise ParameterError(f"encoding={encoding!r} is not a known text encoding; use e.g. "
                             "'utf-8', 'cp1252' or 'latin-1'") from None
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder; give a folder of readouts "
                          f"({', '.join(TEXT_SUFFIXES)}) or a .csv/.jsonl/.parquet file")
    if path.is_file() and path.suffix.lower() not in TEXT_SUFFIXES + TABLE_SUFFIXES:
        raise CorpusError(f"{path}: unsupported file type {path.suffix!r}; valid: "
                          f"{', '.join(TEXT_SUFFIXES + TABLE_SUFFIXES)}, or a folder of them")
    return path


def read_corpus(
    path: str | os.PathLike,
    *,
    encoding: str = "utf-8",
    lang: str | None = None,
    text_column: str = "text",
    id_column: str = "doc_id",
    metadata: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Read a folder of readouts, or a table file, into the documents table.

    Parameters
    ----------
    path
        A folder of ``.txt``/``.md``/``.html``/``.htm`` files, one such file (with its
        folder's metadata), or a ``.csv`` / ``.jsonl`` / ``.parquet`` table.
    encoding
        Text encoding of the files (UTF-8 by default, with or without BOM); e.g. ``"cp1252"``
        or ``"latin-1"`` for old Windows files.
    lang
        Language of every document whose metadata gives none (default: detected).
    text_column, id_column
        Names of the text and id columns of a table file.
    metadata
        The metadata table of a folder (default: ``metadata.csv`` in the folder, if any).

    Returns
    -------
    DataFrame
        One row per document, sorted by ``doc_id``: doc_id, text, lang, date (``YYYY-MM-DD``
        or missing), title, source, path (string dtype), then the other metadata columns.

    Raises
    ------
    CorpusError
        Naming the file (and line or row) for: a missing path, an unsupported file type, a
        file that is not UTF-8 (pass ``encoding=``), an empty or binary file, a missing text
        column, a duplicate doc_id, a metadata row naming no file, a date that is not ISO, a
        folder with no readable file.
    ParameterError
        For a bad ``lang`` or ``encoding``.

    Examples
    --------
    >>> docs = read_corpus("data/raw")
    >>> docs.loc[0, ["doc_id", "lang", "date"]].tolist()
    ['000_38ca568774651fa9', 'fr', '2024-12-03']
    """
    path = _check(path, lang, encoding)
    if path.is_dir() or path.suffix.lower() in TEXT_SUFFIXES:
        files, meta = _folder_plan(path, encoding, metadata)
        return _finish(_folder_documents(files, meta, encoding), lang=lang)
    if metadata is not None:
        raise ParameterError("metadata= applies to a folder of text files; for a table file "
                             "put the metadata in the table's columns")
    chunk = next(_iter_table(path, encoding, None))
    if chunk.empty:
        raise CorpusError(f"{path}: the file holds no document (no row under the header)")
    frame = _table_documents(chunk, path, text_column=text_column, id_column=id_column)
    return _finish(frame, lang=lang)


def iter_corpus(
    path: str | os.PathLike,
    *,
    batch_size: int = 1000,
    encoding: str = "utf-8",
    lang: str | None = None,
    text_column: str = "text",
    id_column: str = "doc_id",
    metadata: str | os.PathLike | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield the documents table in batches of at most ``batch_size`` documents.

    Memory stays bounded by the batch: a folder is read file by file, a JSONL file line by
    line, a CSV file in chunks of rows, a Parquet file in record batches. Together the
    batches hold exactly the rows of :func:`read_corpus`, with the same columns in every
    batch (a JSONL file is read twice: first for the names of its fields, which need not
    all be in every line). The order: a folder's documents come in doc_id order, so the
    concatenated batches equal :func:`read_corpus`; a table file's rows come in the file's
    order, which :func:`read_corpus` sorts by doc_id (sort the concatenated batches by
    doc_id to compare them). A doc_id met twice is reported when the second is met.

    Parameters
    ----------
    path, encoding, lang, text_column, id_column, metadata
        As for :func:`read_corpus`.
    batch_size
        Most documents per batch.

    Yields
    ------
    DataFrame
        A documents table.

    Examples
    --------
    >>> [len(b) for b in iter_corpus("data/raw", batch_size=10)]
    [1]
    """
    path = _check(path, lang, encoding, batch_size)
    seen: dict[str, str] = {}
    if path.is_dir() or path.suffix.lower() in TEXT_SUFFIXES:
        files, meta = _folder_plan(path, encoding, metadata)
        for i in range(0, len(files), batch_size):
            frame = _folder_documents(files[i:i + batch_size], meta, encoding)
            yield _finish(frame, lang=lang, seen=seen)
        return
    if metadata is not None:
        raise ParameterError("metadata= applies to a folder of text files; for a table file "
                             "put the metadata in the table's columns")
    fields = None
    if path.suffix.lower() == ".jsonl":  # every field of the file, in order of appearance
        fields = list(dict.fromkeys(
            c for chunk in _iter_table(path, encoding, batch_size) for c in chunk.columns))
    empty = True
    for chunk in _iter_table(path, encoding, batch_size):
        if chunk.empty:
            continue
        empty = False
        if fields is not None:
            chunk = chunk.reindex(columns=fields).astype(
                {c: object for c in fields if c not in chunk.columns})
        frame = _table_documents(chunk, path, text_column=text_column, id_column=id_column)
        yield _finish(frame, lang=lang, seen=seen, sort=False)
    if empty:
        raise CorpusError(f"{path}: the file holds no document (no row under the header)")
