"""The documents table of a run folder: ``documents.jsonl``, one document a line.

A run folder keeps the documents exactly as read (the REFI-QDA export needs their texts). A
streamed run writes the file batch by batch, in a first reading pass.

Examples
--------
>>> import pandas as pd
>>> from discourse.pipeline.documents import format_documents_jsonl
>>> print(format_documents_jsonl(pd.DataFrame({"doc_id": ["a"], "text": ["L’ami"]})), end="")
{"doc_id": "a", "text": "L’ami"}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..io.files import open_atomic
from .options import RunOptions
from .streaming import iter_batches

__all__ = ["format_documents_jsonl", "read_documents_jsonl", "write_documents_streamed",
           "DocumentsWriter"]


def format_documents_jsonl(documents: pd.DataFrame) -> str:
    """The documents table as JSON lines (one document a line, text exactly as read).

    Examples
    --------
    >>> format_documents_jsonl(pd.DataFrame({"doc_id": ["a"], "date": [None]}))
    '{"date": null, "doc_id": "a"}\\n'
    """
    lines = []
    for row in documents.to_dict(orient="records"):
        clean = {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in row.items()}
        lines.append(json.dumps(clean, ensure_ascii=False, sort_keys=True, default=str))
    return "\n".join(lines) + ("\n" if lines else "")


def read_documents_jsonl(path: Path) -> pd.DataFrame:
    """The documents table of a run folder, values exactly as written (no type guessing).

    Raises
    ------
    ParameterError
        If a line is not a JSON record (the file is damaged).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "documents.jsonl"
    >>> _ = p.write_text('{"doc_id": 1, "date": "2024-12-03"}\\n', encoding="utf-8")
    >>> read_documents_jsonl(p).values.tolist()
    [['1', '2024-12-03']]
    """
    rows = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ParameterError(f"{path}, line {i}: not a JSON record ({err.msg}); run "
                                     "`discourse run` again") from None
    documents = pd.DataFrame(rows)
    if "doc_id" in documents.columns:
        documents["doc_id"] = documents["doc_id"].astype(str)
    return documents


def write_documents_streamed(corpus: Any, path: Path, *,
                             options: RunOptions) -> tuple[Path, set, int]:
    """Write ``documents.jsonl`` batch by batch; return it, the files read and the count.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["x", "y", "z"]})
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "documents.jsonl"
    >>> _, paths, n = write_documents_streamed(docs, out, options=RunOptions(batch_size=2))
    >>> n, len(out.read_text(encoding="utf-8").splitlines())
    (3, 3)
    """
    with open_atomic(path, "w", overwrite=True) as fh:
        writer = DocumentsWriter(fh)
        for batch in iter_batches(corpus, batch_size=options.batch, **options.reading):
            writer.add(batch)
    return path, writer.paths, writer.n


class DocumentsWriter:
    """``documents.jsonl`` written batch by batch, as the batches are read for processing.

    A streamed run on processes hands :meth:`add` to :func:`~discourse.pipeline.streaming.
    stream_run` (``on_batch``): the corpus is then read once, not once for this file and
    once for the coding. ``paths`` holds the files read, ``n`` the documents written.

    Examples
    --------
    >>> import io
    >>> w = DocumentsWriter(io.StringIO())
    >>> w.add(pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"]}))
    >>> w.n, w.fh.getvalue().count("\\n")
    (2, 2)
    """

    def __init__(self, fh):
        self.fh, self.paths, self.n = fh, set(), 0

    def add(self, batch: pd.DataFrame) -> None:
        """Write the batch's documents (and note the files they were read from)."""
        self.fh.write(format_documents_jsonl(batch))
        if "path" in batch.columns:
            self.paths.update(str(p) for p in batch["path"].dropna().unique())
        self.n += len(batch)
