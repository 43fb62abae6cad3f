"""Decoding and parsing the files of a corpus (for :mod:`discourse.corpus.reader`).

Text files are decoded exactly (only a byte-order mark is removed); saved web pages are
reduced to their article text and metadata by :mod:`discourse.corpus.webpage`; CSV,
JSONL and Parquet tables are read whole or in
chunks. Every problem is a :class:`~discourse.errors.CorpusError` naming the file, the line
or byte offset, and what to do.

Examples
--------
>>> _decode("été".encode("utf-8"), "a.txt", "utf-8")
'été'
>>> _normalise_date("2024-12-03T10:00:00Z", "a.txt")
'2024-12-03'
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ..errors import CorpusError, ParameterError
from .webpage import extract_page

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
_DATE = re.compile(r"(\d{4})([-/]?)(\d{2})\2(\d{2})"
                   r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?")
_QUOTED = re.compile(r'"[^"]*"')


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig")


def _decode(data: bytes, where: str, encoding: str, *, offset: int = 0, lines: bool = True
            ) -> str:
    """Decode ``data`` (bytes of ``where`` starting at byte ``offset``), removing a BOM."""
    wide = encoding.lower().replace("-", "").replace("_", "").startswith(("utf16", "utf32"))
    if _is_utf8(encoding) and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise CorpusError(f"{where}: the file is UTF-16 text (it starts with a UTF-16 byte-order "
                          "mark); pass encoding='utf-16' or save the file as UTF-8")
    if not wide and b"\x00" in data:
        raise CorpusError(
            f"{where}: looks like a binary file (NUL byte at offset {offset + data.index(0)}), "
            "not text; remove it from the corpus or convert it to a UTF-8 .txt file")
    try:
        text = data.decode("utf-8" if _is_utf8(encoding) else encoding)
    except LookupError:
        raise ParameterError(f"encoding={encoding!r} is not a known text encoding; use e.g. "
                             "'utf-8', 'cp1252' or 'latin-1'") from None
    except UnicodeDecodeError as err:
        line = f"line {data.count(10, 0, err.start) + 1}, " if lines else ""
        hint = ("pass encoding='cp1252' (Windows), 'latin-1' or the file's real encoding, or "
                "save the file as UTF-8" if _is_utf8(encoding)
                else "pass the file's real encoding with encoding=")
        raise CorpusError(
            f"{where}: not valid {encoding} at byte offset {offset + err.start} ({line}"
            f"byte 0x{data[err.start]:02x}); {hint}") from None
    return text[1:] if text.startswith("\ufeff") else text


def _read_text_file(path: Path, encoding: str) -> dict[str, str]:
    """Fields of one text file or web page: text (exactly as read), perhaps title and date."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot be read ({err.strerror}); check its permissions") \
            from None
    if not data:
        raise CorpusError(f"{path}: the file is empty; add the readout's text or remove the file")
    text = _decode(data, str(path), encoding)
    if path.suffix.lower() in (".html", ".htm"):
        fields = extract_page(text, where=str(path))
        if not fields["text"].strip():
            raise CorpusError(f"{path}: the page has no paragraph text; save the article's text "
                              "as a .txt file")
        return fields
    if not text.strip():
        raise CorpusError(f"{path}: the file holds only white space; add the readout's text or "
                          "remove the file")
    return {"text": text}


def _missing(value: object) -> bool:
    """True for None, NaN, NA, NaT."""
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value)


def _normalise_date(value: object, where: str) -> object:
    """``value`` as a ``YYYY-MM-DD`` string (pd.NA when missing)."""
    if _missing(value):
        return pd.NA
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return pd.NA
    m = _DATE.fullmatch(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
        except ValueError:
            raise CorpusError(f"{where}: date {text!r} is not a calendar date; check the day "
                              "and the month (YYYY-MM-DD)") from None
    raise CorpusError(f"{where}: date {text!r} is not an ISO date; write it as YYYY-MM-DD "
                      "(e.g. 2024-12-03); put a partial or free-form date in another column")


def _csv_separator(text: str) -> str:
    """The field separator of a CSV file: ``,``, or ``;`` / tab if its header has more of them.

    A spreadsheet saved as CSV in a French locale separates its fields with ``;``.

    >>> _csv_separator("doc_id;text;lang\\nx;Oui, non;fr\\n"), _csv_separator("a,b\\n")
    (';', ',')
    """
    header = _QUOTED.sub("", text.split("\n", 1)[0])
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def _iter_table(path: Path, encoding: str, rows: int | None) -> Iterator[pd.DataFrame]:
    """The rows of a CSV / JSONL / Parquet file, all at once (``rows=None``) or in chunks.

    Each chunk keeps the file's 0-based row numbers as its index.
    """
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _iter_jsonl(path, encoding, rows)
        return
    try:
        if suffix == ".csv":
            options = dict(dtype=str, keep_default_na=False, na_values=[""])
            if rows is None:
                text = _decode(path.read_bytes(), str(path), encoding)
                yield pd.read_csv(io.StringIO(text), sep=_csv_separator(text), **options)
                return
            with path.open("rb") as fh:
                head = fh.read(65536)
            head = _decode(head[: head.rfind(b"\n") + 1], str(path), encoding)
            options["sep"] = _csv_separator(head)  # (the decoding checked binary, UTF-16)
            enc = "utf-8-sig" if _is_utf8(encoding) else encoding
            try:
                for chunk in pd.read_csv(path, encoding=enc, chunksize=rows, **options):
                    yield chunk
            except UnicodeDecodeError:  # find where, for the message
                _decode(path.read_bytes(), str(path), encoding)
                raise
            return
        if suffix == ".parquet":
            if rows is None:
                yield pd.read_parquet(path)
                return
            import pyarrow.parquet as pq

            start = 0
            for batch in pq.ParquetFile(path).iter_batches(batch_size=rows):
                chunk = batch.to_pandas()
                chunk.index = pd.RangeIndex(start, start + len(chunk))
                start += len(chunk)
                yield chunk
            return
    except (CorpusError, ParameterError):
        raise
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: the file is empty; it needs a header row and one row per "
                          "document") from None
    except (ValueError, OSError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise CorpusError(f"{path}: cannot be read as {suffix[1:].upper()}: {err}") from None
    raise CorpusError(f"{path}: unsupported file type {suffix!r}; valid: "
                      f"{', '.join(TABLE_SUFFIXES)}")


def _iter_jsonl(path: Path, encoding: str, rows: int | None) -> Iterator[pd.DataFrame]:
    buffer: list[dict] = []
    index: list[int] = []
    offset = 0
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, start=1):
            line = _decode(raw, f"{path}: line {n}", encoding, offset=offset, lines=False)
            offset += len(raw)
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise CorpusError(f"{path}: line {n}: not valid JSON ({err.msg}); each line must "
                                  "be one JSON object") from None
            if not isinstance(row, dict):
                raise CorpusError(f"{path}: line {n}: a JSON object {{...}} is expected, got "
                                  f"{type(row).__name__}")
            buffer.append(row)
            index.append(n - 1)
            if rows is not None and len(buffer) == rows:
                yield pd.DataFrame(buffer, index=index)
                buffer, index = [], []
    if buffer or not index and rows is None:
        yield pd.DataFrame(buffer, index=index)
