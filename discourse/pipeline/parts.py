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

import struct
import tempfile
from pathlib import Path

from ..errors import ParameterError
from ..io.files import open_atomic

__all__ = ["CsvPart"]


class CsvPart:
    """One output CSV written batch by batch.

    Rows are appended in batch order. Each batch is also kept in a temporary spill file, and
    the byte span of each document in a temporary index file (not in memory: a list of spans
    grew by about 200 bytes a document, 200 MB per million readouts), so that if the batches
    do not come in ``doc_id`` order the file is rewritten at the end in that order (the order
    of the in-memory writers); only then are the spans read back and sorted.

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
        self.path, self.bom = path, bom
        self.fh = stack.enter_context(open_atomic(path, "wb", overwrite=True))
        self.spill = stack.enter_context(tempfile.TemporaryFile(dir=path.parent))
        self.header = None
        self.sorted = True
        self.last = None
        self.index = stack.enter_context(tempfile.TemporaryFile(dir=path.parent))

    def append(self, head: bytes, body: bytes, spans: list[tuple[str, int]]) -> None:
        if self.header is None:
            self.header = head
            self.fh.write(("\ufeff".encode() if self.bom else b"") + head + b"\n")
        elif head != self.header:
            raise ParameterError(
                f"{self.path}: a batch has the columns {head.decode()!r}, not those of the "
                f"first batch {self.header.decode()!r}; give every document the same "
                "metadata columns")
        if spans:
            if self.last is not None and spans[0][0] < self.last:
                self.sorted = False
            self.last = spans[-1][0] if self.last is None else max(self.last, spans[-1][0])
        offset = self.spill.tell()
        self.spill.write(body)
        records = []
        for doc_id, size in spans:
            key = doc_id.encode("utf-8")
            records.append(_SPAN.pack(len(key), offset, size) + key)
            offset += size
        self.index.write(b"".join(records))
        if self.sorted:
            self.fh.write(body)

    def finish(self) -> None:
        """Rewrite the file in doc_id order if the batches were not in that order."""
        if self.sorted:
            return
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(("\ufeff".encode() if self.bom else b"") + self.header + b"\n")
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
