"""CsvPart: an output CSV written batch by batch, in doc_id order, in bounded memory."""

from __future__ import annotations

import contextlib
import random
import tracemalloc

from discourse.pipeline.parts import CsvPart


def _write(path, batches):
    """Write batches of (doc_id, n) rows; a batch holds whole documents, as in a run."""
    with contextlib.ExitStack() as stack:
        part = CsvPart(path, bom=False, stack=stack)
        for batch in batches:
            body = b"".join(f"{d},{n}\n".encode() for d, n in batch)
            sizes: dict[str, int] = {}
            for d, n in batch:
                sizes[d] = sizes.get(d, 0) + len(f"{d},{n}\n".encode())
            part.append(b"doc_id,n", body, list(sizes.items()))
        part.finish()
    return path.read_text(encoding="utf-8")


def test_batches_out_of_order_are_rewritten_in_doc_id_order(tmp_path):
    ids = [f"doc{i:03d}" for i in range(60)] + ["é1", "中国", "ក"]   # non-ASCII ids too
    rows = [(d, k) for d in ids for k in range(2)]                     # two rows a document
    batches = [rows[i:i + 6] for i in range(0, len(rows), 6)]         # three documents each
    random.Random(3).shuffle(batches)
    text = _write(tmp_path / "t.csv", batches)
    want = "doc_id,n\n" + "".join(f"{d},{n}\n" for d, n in sorted(rows, key=lambda r: r[0]))
    assert text == want


def test_batches_in_order_are_written_as_they_come(tmp_path):
    rows = [(f"d{i:04d}", 1) for i in range(100)]
    text = _write(tmp_path / "t.csv", [rows[:50], rows[50:]])
    assert text == "doc_id,n\n" + "".join(f"{d},1\n" for d, _ in rows)


def test_memory_does_not_grow_with_the_documents_appended(tmp_path):
    # the spans of the documents go to a temporary file: 20,000 documents more cost
    # (almost) nothing in memory; the list they were kept in took ~200 bytes a document
    def peak(n_docs):
        with contextlib.ExitStack() as stack:
            part = CsvPart(tmp_path / f"m{n_docs}.csv", bom=False, stack=stack)
            tracemalloc.start()
            for start in range(0, n_docs, 500):
                spans = [(f"document-{i:08d}", 4) for i in range(start, start + 500)]
                part.append(b"h", b"x,1\n" * 500, spans)
            size = tracemalloc.get_traced_memory()[0]
            tracemalloc.stop()
            part.finish()
        return size

    assert peak(20_500) - peak(500) < 200_000      # a list of spans: ~4,000,000 bytes


def _temporary_bytes(monkeypatch):
    """Record the temporary files CsvPart opens; return a function summing their sizes."""
    import tempfile

    import discourse.pipeline.parts as parts

    opened = []
    real = tempfile.TemporaryFile

    def recording(*args, **kwargs):
        fh = real(*args, **kwargs)
        opened.append(fh)
        return fh

    monkeypatch.setattr(parts.tempfile, "TemporaryFile", recording)

    def total():
        size = 0
        for fh in opened:
            if not fh.closed:
                fh.seek(0, 2)
                size += fh.tell()
        return size
    return total


def _long_rows(ids):
    return [(d, "x" * 300) for d in ids]


def test_batches_in_order_are_written_once(tmp_path, monkeypatch):
    # in order, the rows go to the output file only: no second copy in a spill file
    total = _temporary_bytes(monkeypatch)
    rows = _long_rows(f"d{i:04d}" for i in range(200))
    with contextlib.ExitStack() as stack:
        part = CsvPart(tmp_path / "t.csv", bom=True, stack=stack)
        for i in range(0, 200, 40):
            batch = rows[i:i + 40]
            part.append(b"doc_id,n", b"".join(f"{d},{n}\n".encode() for d, n in batch),
                        [(d, len(f"{d},{n}\n")) for d, n in batch])
        body = sum(len(f"{d},{n}\n") for d, n in rows)
        assert total() < body / 5            # the spans' index only (~30 bytes a document)
        part.finish()
    want = "\ufeffdoc_id,n\n" + "".join(f"{d},{n}\n" for d, n in rows)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == want


def test_a_late_batch_out_of_order_after_many_in_order(tmp_path):
    ids = [f"d{i:04d}" for i in range(100)]
    rows = _long_rows(ids)
    batches = [rows[10:30], rows[30:60], rows[:10], rows[80:], rows[60:80]]
    text = _write(tmp_path / "t.csv", batches)
    assert text == "doc_id,n\n" + "".join(f"{d},{n}\n" for d, n in rows)
