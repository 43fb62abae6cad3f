"""Read a corpus of readouts into the documents table.

:func:`read_corpus` reads

- a **folder** of ``.txt`` / ``.md`` files, or saved web pages (``.html`` / ``.htm``), one
  document per file, with an optional metadata table beside them (``metadata.csv``, or the
  file named by ``metadata=``): a ``file`` column (the file name) or a ``doc_id`` column (the
  file stem), and any of ``lang``, ``date``, ``title``, ``source`` and the user's own columns;
- or **one table file**, ``.csv``, ``.jsonl`` or ``.parquet``, with a text column and any
  metadata columns (``doc_id``, ``text``, ``lang``, ``date``, ``title``, ``source`` are
  recognised by name; other columns are kept as metadata).

Text files are kept **exactly as read**: only a UTF-8 byte-order mark is removed, line endings
are not translated, so offsets found later point into the file. For a saved web page the text
is the page's article text (the paragraphs of ``<article>``, or of ``<body>`` without scripts,
navigation, headers and footers), one paragraph per blank-line-separated block: offsets
then point into that extracted text, which is what ``documents.text`` holds.

The language comes from the metadata, else from ``lang=``, else it is detected: the share of
French and of English stop words (stopwordsiso) among the words, the larger wins when it is
clear (``und`` — undetermined — when the text is too short or ambiguous).

Examples
--------
>>> docs = read_corpus("data/raw")                                    # doctest: +SKIP
>>> docs[["doc_id", "lang", "date", "source"]].values.tolist()         # doctest: +SKIP
[['000_38ca568774651fa9', 'fr', '2024-12-03', 'Xinhua (service français)']]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import CorpusError, ParameterError

__all__ = ["read_corpus", "iter_corpus", "detect_language", "TEXT_SUFFIXES", "TABLE_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
_KNOWN = ("doc_id", "text", "lang", "date", "title", "source", "path")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    import stopwordsiso

    return {lang: frozenset(stopwordsiso.stopwords(lang)) for lang in ("fr", "en")}


def detect_language(text: str, *, min_words: int = 5) -> str:
    """Guess whether ``text`` is French or English from its share of stop words.

    Returns ``"fr"``, ``"en"`` or ``"und"`` (too short, or no clear winner: the larger share
    must exceed the smaller by half).

    Examples
    --------
    >>> detect_language("Xi a déclaré que la Chine est prête à travailler avec le Cambodge.")
    'fr'
    >>> detect_language("Xi said that China is ready to work with Cambodia.")
    'en'
    >>> detect_language("Xinhua")
    'und'
    """
    words = [w.lower().split("'")[0].split("’")[0] for w in _WORD.findall(text[:20000])]
    if len(words) < min_words:
        return "und"
    sw = _stopwords()
    # Words that are stop words in both languages (e.g. "a", "on") say nothing.
    both = sw["fr"] & sw["en"]
    fr = sum(1 for w in words if w in sw["fr"] and w not in both)
    en = sum(1 for w in words if w in sw["en"] and w not in both)
    if max(fr, en) < 2 or max(fr, en) < 1.5 * min(fr, en):
        return "und"
    return "fr" if fr > en else "en"


def _decode(data: bytes, path: Path, encoding: str) -> str:
    if b"\x00" in data[:8192] and encoding.lower().replace("-", "") not in ("utf16", "utf32"):
        raise CorpusError(
            f"{path}: looks like a binary file (it holds NUL bytes), not text; remove it from "
            f"the corpus folder or convert it to a .txt file"
        )
    if encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig"):
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            raise CorpusError(
                f"{path}: line {line}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset "
                f"{err.start}); pass encoding='cp1252' (Windows), 'latin-1' or the file's "
                "encoding, or save the file as UTF-8"
            ) from None
    try:
        return data.decode(encoding)
    except LookupError:
        raise ParameterError(f"encoding={encoding!r} is not a known text encoding; use e.g. "
                             "'utf-8', 'cp1252' or 'latin-1'") from None
    except UnicodeDecodeError as err:
        raise CorpusError(f"{path}: cannot be decoded as {encoding} (offset {err.start}); pass "
                          "the file's real encoding with encoding=") from None


def _html_text(raw: str, path: Path) -> str:
    import lxml.html

    try:
        tree = lxml.html.fromstring(raw)
    except Exception as err:  # lxml raises several kinds
        raise CorpusError(f"{path}: cannot be parsed as HTML ({err}); save the page as text") from None
    for bad in tree.xpath("//script|//style|//nav|//header|//footer|//noscript|//form|//aside"):
        bad.drop_tree()
    roots = tree.xpath("//article") or tree.xpath("//body") or [tree]
    blocks = roots[0].xpath(".//p|.//h1|.//h2|.//h3|.//li|.//blockquote|.//figcaption")
    paragraphs = []
    for el in blocks:
        if el.xpath("ancestor::p|ancestor::li|ancestor::blockquote"):
            continue  # text already taken with its ancestor
        text = " ".join(el.text_content().split())
        if text:
            paragraphs.append(text)
    if not paragraphs:
        text = "\n".join(line.strip() for line in roots[0].text_content().splitlines())
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(paragraphs)


def _read_text_file(path: Path, encoding: str) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise CorpusError(f"{path}: the file is empty; add the readout's text or remove the file")
    text = _decode(data, path, encoding)
    if path.suffix.lower() in (".html", ".htm"):
        text = _html_text(text, path)
        if not text.strip():
            raise CorpusError(f"{path}: the page has no paragraph text; save the article as text")
    elif not text.strip():
        raise CorpusError(f"{path}: the file holds only white space; add the readout's text")
    return text


def _normalise_date(value: object, where: str) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return pd.NA
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return pd.NA
    for fmt in ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text[:19] if "T" in fmt or " " in fmt else text,
                                        fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    if re.fullmatch(r"\d{4}-\d{2}", text) or re.fullmatch(r"\d{4}", text):
        return text
    raise CorpusError(f"{where}: date {text!r} is not an ISO date; write it as YYYY-MM-DD "
                      "(e.g. 2024-12-03), or YYYY-MM / YYYY when only the month or year is known")


def _read_table(path: Path, encoding: str, *, what: str) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            text = _decode(path.read_bytes(), path, encoding)
            if not text.strip():
                raise CorpusError(f"{path}: the {what} file is empty")
            return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                               na_values=[""], quoting=csv.QUOTE_MINIMAL)
        if suffix == ".jsonl":
            rows = []
            text = _decode(path.read_bytes(), path, encoding)
            for n, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    raise CorpusError(f"{path}: line {n}: not valid JSON ({err.msg}); each line "
                                      "must be one JSON object") from None
                if not isinstance(row, dict):
                    raise CorpusError(f"{path}: line {n}: a JSON object {{...}} is expected, got "
                                      f"{type(row).__name__}")
                rows.append(row)
            if not rows:
                raise CorpusError(f"{path}: the {what} file holds no row")
            return pd.DataFrame(rows)
        if suffix == ".parquet":
            return pd.read_parquet(path)
    except CorpusError:
        raise
    except (ValueError, OSError, pd.errors.ParserError) as err:
        raise CorpusError(f"{path}: cannot be read as {suffix[1:].upper()}: {err}") from None
    raise CorpusError(f"{path}: unsupported file type {suffix!r}; valid: "
                      f"{', '.join(TEXT_SUFFIXES + TABLE_SUFFIXES)}")


def _finish(frame: pd.DataFrame, *, lang: str | None, where: str) -> pd.DataFrame:
    """Check ids, fill lang/date, order the columns and the rows."""
    dup = frame["doc_id"][frame["doc_id"].duplicated(keep=False)]
    if len(dup):
        first = dup.iloc[0]
        sources = frame.loc[frame["doc_id"] == first, "path"].astype(str).tolist()
        raise CorpusError(f"{where}: duplicate doc_id {first!r} (from {', '.join(sources)}); "
                          "give every document a distinct id")
    for col in ("lang", "date", "title", "source"):
        if col not in frame.columns:
            frame[col] = pd.NA
    langs = []
    for text, given in zip(frame["text"], frame["lang"]):
        if isinstance(given, str) and given.strip():
            langs.append(given.strip().lower())
        elif lang:
            langs.append(lang)
        else:
            langs.append(detect_language(text))
    frame["lang"] = langs
    frame["date"] = [
        _normalise_date(v, f"{where}: document {d!r}") for v, d in zip(frame["date"], frame["doc_id"])
    ]
    others = [c for c in frame.columns if c not in _KNOWN]
    frame = frame[list(_KNOWN) + others].sort_values("doc_id", kind="stable")
    frame = frame.reset_index(drop=True)
    for col in ("doc_id", "text", "lang", "date", "title", "source", "path"):
        frame[col] = frame[col].astype("string")
    return frame


def _folder_metadata(folder: Path, metadata: str | os.PathLike | None, encoding: str
                     ) -> pd.DataFrame | None:
    path = Path(metadata) if metadata is not None else folder / "metadata.csv"
    if metadata is not None and not path.is_file():
        raise CorpusError(f"{path}: metadata file not found")
    if not path.is_file():
        return None
    meta = _read_table(path, encoding, what="metadata")
    if "file" not in meta.columns and "doc_id" not in meta.columns:
        raise CorpusError(f"{path}: the metadata needs a 'file' column (the file name) or a "
                          f"'doc_id' column (the file stem); found {', '.join(map(str, meta.columns))}")
    return meta


def _read_folder(folder: Path, *, encoding: str, metadata, files: list[Path] | None = None
                 ) -> pd.DataFrame:
    meta = _folder_metadata(folder, metadata, encoding)
    meta_name = Path(metadata).name if metadata is not None else "metadata.csv"
    if files is None:
        files = sorted(p for p in folder.iterdir()
                       if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                       and not p.name.startswith(".") and p.name != meta_name)
    rows = [{"doc_id": p.stem, "text": _read_text_file(p, encoding), "path": str(p),
             "file": p.name} for p in files]
    frame = pd.DataFrame(rows, columns=["doc_id", "text", "path", "file"])
    if meta is not None:
        key = "file" if "file" in meta.columns else "doc_id"
        meta = meta.copy()
        meta[key] = meta[key].astype(str)
        known = set(frame[key])
        if files is not None and metadata is None:
            pass
        everything = {p.name if key == "file" else p.stem
                      for p in folder.iterdir() if p.suffix.lower() in TEXT_SUFFIXES}
        missing = sorted(set(meta[key]) - everything)
        if missing:
            raise CorpusError(f"{folder / meta_name}: names {key} {missing[0]!r}, which is not a "
                              f"readout in {folder}; fix the name or remove the row")
        dups = meta[key][meta[key].duplicated()]
        if len(dups):
            raise CorpusError(f"{folder / meta_name}: {key} {dups.iloc[0]!r} appears twice; keep "
                              "one row per document")
        meta = meta[meta[key].isin(known)]
        extra = [c for c in meta.columns if c != key]
        frame = frame.drop(columns=[c for c in extra if c in frame.columns and c != "path"])
        frame = frame.merge(meta, on=key, how="left")
        if key == "doc_id" or "doc_id" in extra:
            pass
    return frame.drop(columns=["file"])


def _read_table_corpus(path: Path, *, encoding: str, text_column: str, id_column: str
                       ) -> pd.DataFrame:
    frame = _read_table(path, encoding, what="corpus")
    if text_column not in frame.columns:
        raise CorpusError(f"{path}: no text column {text_column!r}; the columns are "
                          f"{', '.join(map(str, frame.columns))}; pass text_column= to name it")
    frame = frame.rename(columns={text_column: "text"})
    if id_column in frame.columns:
        frame = frame.rename(columns={id_column: "doc_id"})
        if frame["doc_id"].isna().any():
            row = int(frame.index[frame["doc_id"].isna()][0]) + 1
            raise CorpusError(f"{path}: row {row}: the {id_column!r} column is empty; give every "
                              "document an id")
        frame["doc_id"] = frame["doc_id"].astype(str)
    else:
        width = len(str(len(frame)))
        frame["doc_id"] = [f"{path.stem}-{i:0{width}d}" for i in range(1, len(frame) + 1)]
    for i, text in enumerate(frame["text"], start=1):
        if not isinstance(text, str) or not text.strip():
            raise CorpusError(f"{path}: row {i} (doc_id {frame['doc_id'].iloc[i - 1]!r}): the "
                              f"text is empty; fill it or remove the row")
    frame["path"] = str(path)
    return frame


def read_corpus(
    path: str | os.PathLike,
    *,
    encoding: str = "utf-8",
    lang: str | None = None,
    text_column: str = "text",
    id_column: str = "doc_id",
    metadata: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Read a folder of readouts or a table file into the documents table.

    Parameters
    ----------
    path
        A folder of ``.txt``/``.md``/``.html`` files, one file of those, or a ``.csv`` /
        ``.jsonl`` / ``.parquet`` table.
    encoding
        Text encoding of the files (UTF-8 by default, with or without BOM).
    lang
        Language of every document that has none in its metadata (default: detected).
    text_column, id_column
        Names of the text and id columns of a table file.
    metadata
        A metadata table for a folder (default: ``metadata.csv`` in the folder, if any).

    Returns
    -------
    DataFrame
        One row per document, sorted by ``doc_id``: doc_id, text, lang, date (ISO), title,
        source, path, then the metadata columns.

    Raises
    ------
    CorpusError
        Naming the file (and line or row) for: a missing path, an unsupported file type, a
        file that is not UTF-8 (pass ``encoding=``), an empty or binary file, a missing text
        column, a duplicate doc_id, a metadata row naming no file, a date that is not ISO.

    Examples
    --------
    >>> docs = read_corpus("data/raw")
    >>> docs.loc[0, ["doc_id", "lang", "date"]].tolist()
    ['000_38ca568774651fa9', 'fr', '2024-12-03']
    """
    path = Path(path)
    if lang is not None and (not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}", lang)):
        raise ParameterError(f"lang={lang!r} is not a language code; use e.g. 'fr' or 'en'")
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder; give a folder of readouts or a "
                          ".csv/.jsonl/.parquet file")
    if path.is_dir():
        frame = _read_folder(path, encoding=encoding, metadata=metadata)
        if frame.empty:
            raise CorpusError(f"{path}: the folder holds no readout ({', '.join(TEXT_SUFFIXES)} "
                              "files); put the readouts there or give a table file")
    elif path.suffix.lower() in TEXT_SUFFIXES:
        frame = _read_folder(path.parent, encoding=encoding, metadata=metadata, files=[path])
    elif path.suffix.lower() in TABLE_SUFFIXES:
        frame = _read_table_corpus(path, encoding=encoding, text_column=text_column,
                                   id_column=id_column)
    else:
        raise CorpusError(f"{path}: unsupported file type {path.suffix!r}; valid: "
                          f"{', '.join(TEXT_SUFFIXES + TABLE_SUFFIXES)} or a folder")
    return _finish(frame, lang=lang, where=str(path))


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

    For a JSONL file the lines are read as they come (bounded memory); a folder is read file
    by file; CSV and Parquet files are read in chunks. The rows are those of
    :func:`read_corpus`; a JSONL or CSV file is yielded in file order, so a doc_id repeated
    across batches is reported when it is met.

    Examples
    --------
    >>> [len(b) for b in iter_corpus("data/raw", batch_size=10)]
    [1]
    """
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ParameterError(f"batch_size must be a positive whole number, got {batch_size!r}")
    path = Path(path)
    if path.is_dir():
        meta_name = Path(metadata).name if metadata is not None else "metadata.csv"
        files = sorted(p for p in path.iterdir()
                       if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                       and not p.name.startswith(".") and p.name != meta_name)
        files.sort(key=lambda p: p.stem)
        if not files:
            raise CorpusError(f"{path}: the folder holds no readout ({', '.join(TEXT_SUFFIXES)})")
        for i in range(0, len(files), batch_size):
            frame = _read_folder(path, encoding=encoding, metadata=metadata,
                                 files=files[i:i + batch_size])
            yield _finish(frame, lang=lang, where=str(path))
        return
    if path.suffix.lower() != ".jsonl":
        yield read_corpus(path, encoding=encoding, lang=lang, text_column=text_column,
                          id_column=id_column, metadata=metadata)
        return
    seen: set[str] = set()
    rows: list[dict] = []
    count = 0
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            line = _decode(raw, path, encoding) if encoding.lower() != "utf-8" else None
            try:
                row = json.loads(line if line is not None else raw.decode("utf-8"))
            except UnicodeDecodeError:
                raise CorpusError(f"{path}: line {n}: not valid UTF-8; pass encoding=") from None
            except json.JSONDecodeError as err:
                raise CorpusError(f"{path}: line {n}: not valid JSON ({err.msg})") from None
            if text_column not in row:
                raise CorpusError(f"{path}: line {n}: no {text_column!r} field; the fields are "
                                  f"{', '.join(row)}; pass text_column= to name it")
            count += 1
            row["text"] = row.pop(text_column)
            if not isinstance(row["text"], str) or not row["text"].strip():
                raise CorpusError(f"{path}: line {n}: the text is empty; fill it or remove the line")
            row["doc_id"] = str(row.pop(id_column)) if id_column in row else f"{path.stem}-{count}"
            if row["doc_id"] in seen:
                raise CorpusError(f"{path}: line {n}: duplicate doc_id {row['doc_id']!r}; give "
                                  "every document a distinct id")
            seen.add(row["doc_id"])
            row["path"] = str(path)
            rows.append(row)
            if len(rows) == batch_size:
                yield _finish(pd.DataFrame(rows), lang=lang, where=str(path)).sort_index()
                rows = []
    if rows:
        yield _finish(pd.DataFrame(rows), lang=lang, where=str(path))
