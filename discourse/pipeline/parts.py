"""An output CSV written batch by batch, in ``doc_id`` order whatever order the batches come in.

Examples
--------
>>> import contextlib, pathlib, tempfile
>>> out = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> with contextlib.ExitStack() as stack:
...     part = CsvPart(out, bom=False, stack=stack)
...     part.append(b"doc_id", b"b\\n", [("b", 2)])
...     part.append(b"doc_id", b"a\\n", [("a", 2)])
...     part.finish()
>>> out.read_text()
'doc_id\\na\\nb\\n'
"""

from __future__ import annotations

import shutil
import struct
import tempfile
from pathlib import Path

from ..errors import ParameterError
from ..io.files import open_atomic

__all__ = ["CsvPart"]


class CsvPart:
    """One output CSV written batch by batch.

    Rows are appended in batch order, straight to the output file while the batches come in
    ``doc_id`` order (the usual case: each byte written once). The byte span of each document
    goes to a temporary index file (not to memory: a list of spans grew by about 200 bytes a
    document, 200 MB per million readouts). When a batch comes out of ``doc_id`` order, the
    rows written so far are copied to a temporary spill file, later batches go there, and the
    file is rewritten at the end in ``doc_id`` order (the order of the in-memory writers);
    only then are the spans read back and sorted.

    Examples
    --------
    >>> import contextlib, pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> with contextlib.ExitStack() as stack:
    ...     part = CsvPart(out, bom=False, stack=stack)
    ...     part.append(b"doc_id", b"a\\n", [("a", 2)])
    ...     part.finish()
    >>> out.read_text()
    'doc_id\\na\\n'
    """

    def __init__(self, path: Path, *, bom: bool, stack):
        self.path, self.bom, self.stack = path, bom, stack
        self.fh = stack.enter_context(open_atomic(path, "w+b", overwrite=True))
        self.spill = None             # opened when a batch comes out of doc_id order
        self.header = None
        self.start = 0                # where the rows start in the output file
        self.size = 0                 # bytes of rows appended
        self.last = None
        self.index = stack.enter_context(tempfile.TemporaryFile(dir=path.parent))

    @property
    def sorted(self) -> bool:
        """True while the batches have come in ``doc_id`` order."""
        return self.spill is None

    def append(self, head: bytes, body: bytes, spans: list[tuple[str, int]]) -> None:
        if self.header is None:
            self.header = head
            self.fh.write(("\ufeff".encode() if self.bom else b"") + head + b"\n")
            self.start = self.fh.tell()
        elif head != self.header:
            raise ParameterError(
                f"{self.path}: a batch has the columns {head.decode()!r}, not those of the "
                f"first batch {self.header.decode()!r}; give every document the same "
                "metadata columns")
        if spans:
            if self.sorted and self.last is not None and spans[0][0] < self.last:
                self._spill_rows()
            self.last = spans[-1][0] if self.last is None else max(self.last, spans[-1][0])
        offset = self.size
        records = []
        for doc_id, size in spans:
            key = doc_id.encode("utf-8")
            records.append(_SPAN.pack(len(key), offset, size) + key)
            offset += size
        self.index.write(b"".join(records))
        (self.fh if self.spill is None else self.spill).write(body)
        self.size += len(body)

    def _spill_rows(self) -> None:
        """Copy the rows written so far to a spill file, where later batches go too."""
        self.spill = self.stack.enter_context(tempfile.TemporaryFile(dir=self.path.parent))
        self.fh.seek(self.start)
        shutil.copyfileobj(self.fh, self.spill, _CHUNK)      # leaves fh at its end

    def finish(self) -> None:
        """Rewrite the file in doc_id order if the batches were not in that order."""
        if self.sorted:
            return
        self.fh.seek(self.start)
        self.fh.truncate()
        for _, offset, size in sorted(self._spans(), key=lambda span: span[0]):
            self.spill.seek(offset)
            self.fh.write(self.spill.read(size))

    def _spans(self) -> list[tuple[str, int, int]]:
        """The (doc_id, offset in the spill file, bytes) of every document appended."""
        self.index.seek(0)
        data, spans, i = self.index.read(), [], 0
        while i < len(data):
            n, offset, size = _SPAN.unpack_from(data, i)
            i += _SPAN.size
            spans.append((data[i:i + n].decode("utf-8"), offset, size))
            i += n
        return spans


#: One span record of the index file: the doc_id's length in bytes, the offset and size of
#: its rows in the spill file (the doc_id's UTF-8 bytes follow).
_SPAN = struct.Struct("<IQQ")
#: Bytes copied at a time to the spill file.
_CHUNK = 1 << 20
