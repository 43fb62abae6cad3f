"""Run the pipeline on corpora of any size: streamed in batches, on processes, or on Dask.

Every stage from statements to themes works one document at a time
(:func:`discourse.pipeline.runner.process_batch`), so a corpus can be cut into batches of documents
and the batches processed anywhere, in any order, and put back together in corpus order:

- :func:`run_streaming` reads the corpus batch by batch (:func:`discourse.corpus.reader.iter_corpus`),
  processes each batch (``jobs=1``: here; ``jobs>1``: on a pool of processes; or on any
  ``concurrent.futures`` executor, e.g. a Dask client's), and appends each batch's rows to
  ``coded_statements.csv`` and ``matches.csv`` as it goes. Only the theme counts of each batch
  are kept (sums per group), so memory stays bounded whatever the corpus size; the theme-count
  tables are produced from them at the end. The files are written to temporary names and
  renamed when the run has finished (an interrupted run leaves no partial file).
- :func:`run_on_dask` does the same on a Dask cluster: a ``LocalCluster`` started for the run,
  or the scheduler at ``scheduler=`` (e.g. a SLURM cluster started with ``dask-jobqueue``).
- :func:`run_dask` applies the pipeline to a ``dask.dataframe`` of documents partition by
  partition and returns the coded statements and matches as lazy Dask DataFrames.

The outputs are the same bytes as the in-memory run's (:func:`discourse.run` then
:func:`discourse.write_run`) when the corpus lists its documents in ``doc_id`` order (as
:func:`discourse.read_corpus` does for a folder); otherwise the batches are merged into that
order at the end.

Examples
--------
>>> import discourse.pipeline.engines as engines
>>> engines.run_streaming("corpus.jsonl", out="run", jobs=2)        # doctest: +SKIP
>>> engines.run_on_dask("corpus.jsonl", out="run", n_workers=2)     # doctest: +SKIP
"""

from __future__ import annotations

import os
import tempfile
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..io.files import open_atomic
from ..errors import ParameterError

__all__ = ["StreamResult", "run_streaming", "run_on_dask", "run_dask",
           "iter_batches", "ENGINES"]

#: Valid values of ``engine`` (the command line's ``--engine``).
ENGINES = ("pandas", "dask")

#: The files :func:`run_streaming` writes in its output folder.
STREAM_FILES = ("coded_statements.csv", "matches.csv", "theme_counts.csv",
                "theme_counts_by_speaker.csv")

_COUNT_BY = {"theme_counts.csv": ["side"], "theme_counts_by_speaker.csv": ["side", "speaker_name"]}
_SUMS = ("n_statements", "n_coded", "n_matches", "n_tokens")


@dataclass(frozen=True)
class StreamResult:
    """What a streamed run wrote and counted.

    Attributes
    ----------
    files
        The files written (see :data:`STREAM_FILES`).
    n_documents, n_statements, n_matches
        Totals of the run.
    counts, counts_by_speaker
        The theme counts by side and by side and speaker (as :func:`discourse.count_themes`).
    """

    files: tuple[Path, ...]
    n_documents: int
    n_statements: int
    n_matches: int
    counts: pd.DataFrame = field(repr=False)
    counts_by_speaker: pd.DataFrame = field(repr=False)


# ----------------------------------------------------------------------------- batches
def iter_batches(corpus, *, batch_size: int = 500, encoding: str = "utf-8",
                 lang: str | None = None):
    """Yield the documents of a corpus in batches (DataFrames of at most ``batch_size`` rows).

    ``corpus`` is a documents DataFrame (cut into slices) or anything
    :func:`discourse.corpus.reader.iter_corpus` reads (a JSONL / CSV file, a folder).

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": list("abcde"), "text": ["x"] * 5})
    >>> [len(b) for b in iter_batches(docs, batch_size=2)]
    [2, 2, 1]
    """
    _check_batch_size(batch_size)
    if isinstance(corpus, pd.DataFrame):
        for i in range(0, len(corpus), batch_size):
            yield corpus.iloc[i:i + batch_size].reset_index(drop=True)
        return
    from ..corpus.reader import iter_corpus

    yield from iter_corpus(corpus, batch_size=batch_size, encoding=encoding, lang=lang)


def _check_batch_size(batch_size) -> None:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ParameterError(f"batch_size={batch_size!r} is not valid; give a number of "
                             "documents >= 1 (e.g. 500)")


def _check_jobs(jobs) -> int:
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs == 0 or jobs < -1:
        raise ParameterError(f"jobs={jobs!r} is not valid; give a number of processes >= 1, "
                             "or -1 for one per CPU core")
    return (os.cpu_count() or 1) if jobs == -1 else jobs


# ----------------------------------------------------------------------------- one batch
_WORKER: dict = {}


def _init_worker(actors, codebook, options) -> None:
    _WORKER.update(actors=actors, codebook=codebook, options=options)


def _process(documents: pd.DataFrame, actors=None, codebook=None, options=None) -> dict:
    """Process one batch and format its rows: what the writer needs, small to send back."""
    from ..io.export import format_csv
    from ..io.order import order_coded, order_matches
    from .runner import process_batch
    from ..analysis.counts import count_themes

    if actors is None:
        actors, codebook, options = _WORKER["actors"], _WORKER["codebook"], _WORKER["options"]
    _, _, coded, matches = process_batch(documents, actors=actors, codebook=codebook,
                                         **options)
    coded = order_coded(coded)
    matches = order_matches(matches)
    out = {"n_documents": len(documents), "n_statements": len(coded),
           "n_matches": len(matches)}
    for name, table in (("coded", coded), ("matches", matches)):
        head, _, body = format_csv(table).partition(b"\n")
        out[name] = (head, body, _doc_spans(body, table["doc_id"].astype(str).to_numpy()))
    for name, by in _COUNT_BY.items():
        out[name] = count_themes(coded, by=by, matches=matches)
    return out


def _doc_spans(body: bytes, doc_ids: np.ndarray) -> list[tuple[str, int]]:
    """(doc_id, bytes) of each document's rows in a CSV body sorted by document.

    A row ends at a line feed outside quotes (quoted fields may hold line breaks).
    """
    if not len(doc_ids):
        return []
    b = np.frombuffer(body, np.uint8)
    quotes = np.cumsum(b == 34)
    nl = np.flatnonzero(b == 10)
    ends = nl[quotes[nl] % 2 == 0] + 1
    last = np.append(np.flatnonzero(doc_ids[1:] != doc_ids[:-1]), len(doc_ids) - 1)
    stop = ends[last]
    sizes = np.diff(np.concatenate(([0], stop)))
    return list(zip(doc_ids[last].tolist(), sizes.tolist()))


# ----------------------------------------------------------------------------- counts
def _combine(partials, ci: float = 0.95):
    from ..analysis.counts import combine_theme_counts

    return combine_theme_counts(partials, ci=ci)


# ----------------------------------------------------------------------------- writing
class _Part:
    """One output CSV written batch by batch.

    Rows are appended in batch order. Each batch is also kept in a temporary spill file with
    the byte span of each document, so that if the batches do not come in ``doc_id`` order
    the file is rewritten at the end in that order (the order of the in-memory writers).
    """

    def __init__(self, path: Path, *, bom: bool, stack):
        self.path, self.bom = path, bom
        self.fh = stack.enter_context(open_atomic(path, "wb", overwrite=True))
        self.spill = stack.enter_context(tempfile.TemporaryFile(dir=path.parent))
        self.header = None
        self.sorted = True
        self.last = None
        self.spans: list[tuple[str, int, int]] = []   # doc_id, offset in spill, bytes

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
        for doc_id, size in spans:
            self.spans.append((doc_id, offset, size))
            offset += size
        if self.sorted:
            self.fh.write(body)

    def finish(self) -> None:
        """Rewrite the file in doc_id order if the batches were not in that order."""
        if self.sorted:
            return
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(("\ufeff".encode() if self.bom else b"") + self.header + b"\n")
        for _, offset, size in sorted(self.spans, key=lambda span: span[0]):
            self.spill.seek(offset)
            self.fh.write(self.spill.read(size))


def _progress(progress: bool, unit: str = "doc"):
    """A tqdm bar (notebook-aware), or None when off or not on a terminal / notebook."""
    if not progress:
        return None
    in_notebook = "ipykernel" in sys.modules
    if not in_notebook and not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty()):
        return None
    from tqdm.auto import tqdm

    return tqdm(unit=unit, unit_scale=True, desc="discourse", smoothing=0.1)


def run_streaming(
    corpus,
    *,
    out: str | os.PathLike,
    actors=None,
    codebook=None,
    batch_size: int = 500,
    jobs: int = 1,
    executor: Executor | None = None,
    progress: bool = True,
    bom: bool = False,
    encoding: str = "utf-8",
    lang: str | None = None,
    levels: int | None = None,
    fold_accents: bool = False,
    nested_scope: str = "theme",
) -> StreamResult:
    """Run the pipeline batch by batch, writing the coded CSVs and theme counts as it goes.

    Parameters
    ----------
    corpus
        A JSONL / CSV file or folder (read with :func:`discourse.corpus.reader.iter_corpus`), or a
        documents DataFrame.
    out
        The output folder (created if needed); its files (:data:`STREAM_FILES`) are replaced.
    actors, codebook
        Files or objects; None: the defaults.
    batch_size
        Documents per batch (memory grows with it; 500 readouts take a few MB).
    jobs
        Processes (1: in this process; -1: one per CPU core). The output is the same.
    executor
        A ``concurrent.futures`` executor to run the batches on instead (e.g.
        ``distributed.Client(...).get_executor()``); ``jobs`` is then ignored.
    progress
        Show a progress bar (documents/s) when on a terminal or in a notebook.
    bom
        Start the CSV files with a UTF-8 byte-order mark (Excel on Windows).
    encoding, lang
        Reading options (see :func:`discourse.read_corpus`).
    levels, fold_accents, nested_scope
        Coding options (see :func:`discourse.code_themes`).

    Returns
    -------
    StreamResult

    Examples
    --------
    >>> r = run_streaming("corpus.jsonl", out="run", jobs=2, progress=False)  # doctest: +SKIP
    >>> r.n_statements                                                       # doctest: +SKIP
    """
    from contextlib import ExitStack

    from ..speakers.actors import Actors, read_actors
    from ..coding.codebook import read_codebook
    from ..io.export import write_table_csv

    _check_batch_size(batch_size)
    jobs = _check_jobs(jobs)
    actors_obj = actors if isinstance(actors, Actors) else read_actors(actors)
    codebook_obj = read_codebook(codebook)
    options = {"levels": levels, "fold_accents": fold_accents, "nested_scope": nested_scope}
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    batches = iter_batches(corpus, batch_size=batch_size, encoding=encoding, lang=lang)
    pool = None
    if executor is None and jobs > 1:
        pool = executor = ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker,
            initargs=(actors_obj, codebook_obj, options))
        submit = executor.submit
        args: tuple = ()
    elif executor is not None:
        submit = executor.submit
        args = (actors_obj, codebook_obj, options)
    bar = _progress(progress)
    partial: dict[str, list] = {name: [] for name in _COUNT_BY}
    totals = {"n_documents": 0, "n_statements": 0, "n_matches": 0}
    try:
        with ExitStack() as stack:
            coded_part = _Part(out / "coded_statements.csv", bom=bom, stack=stack)
            match_part = _Part(out / "matches.csv", bom=bom, stack=stack)

            def take(result: dict) -> None:
                coded_part.append(*result["coded"])
                match_part.append(*result["matches"])
                for name in _COUNT_BY:
                    partial[name].append(result[name])
                for k in totals:
                    totals[k] += result[k]
                if bar is not None:
                    bar.update(result["n_documents"])

            if executor is None:
                for batch in batches:
                    take(_process(batch, actors_obj, codebook_obj, options))
            else:
                pending: list = []
                depth = 2 * max(jobs, 2)          # batches in flight: bounds memory
                for batch in batches:
                    pending.append(submit(_process, batch, *args))
                    while len(pending) >= depth:
                        take(pending.pop(0).result())
                while pending:
                    take(pending.pop(0).result())
            coded_part.finish()
            match_part.finish()
            for part in (coded_part, match_part):
                if part.header is None:
                    raise ParameterError(f"{corpus}: the corpus has no documents; nothing to "
                                         "code")
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    counts = _combine(partial["theme_counts.csv"])
    by_speaker = _combine(partial["theme_counts_by_speaker.csv"])
    files = [out / "coded_statements.csv", out / "matches.csv"]
    for name, table in (("theme_counts.csv", counts), ("theme_counts_by_speaker.csv",
                                                       by_speaker)):
        files.append(write_table_csv(table, out / name, bom=bom, overwrite=True))
    return StreamResult(files=tuple(files), counts=counts, counts_by_speaker=by_speaker,
                        **totals)


# ----------------------------------------------------------------------------- Dask
def run_on_dask(corpus, *, out: str | os.PathLike, scheduler: str | None = None,
                n_workers: int = 2, threads_per_worker: int = 1, **options) -> StreamResult:
    """Run :func:`run_streaming` with the batches processed on a Dask cluster.

    Parameters
    ----------
    corpus, out, options
        As for :func:`run_streaming` (``batch_size``, ``actors``, ``codebook``...).
    scheduler
        The address of a running Dask scheduler (``tcp://host:8786``, e.g. of a SLURM cluster
        started with ``dask-jobqueue``); None starts a ``LocalCluster`` of ``n_workers``
        processes for the run.
    n_workers, threads_per_worker
        The size of the ``LocalCluster`` (when ``scheduler`` is None).

    Examples
    --------
    >>> run_on_dask("corpus.jsonl", out="run", n_workers=2)                 # doctest: +SKIP
    >>> run_on_dask("corpus.jsonl", out="run", scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
    """
    from distributed import Client, LocalCluster

    options.pop("jobs", None)

    def on(client):
        slots = max(1, sum(client.nthreads().values()))
        return run_streaming(corpus, out=out, executor=client.get_executor(), jobs=slots,
                             **options)

    if scheduler is None:
        with LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker,
                          processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            return on(client)
    with Client(scheduler) as client:
        return on(client)


def run_dask(documents, *, actors=None, codebook=None, levels: int | None = None,
             fold_accents: bool = False, nested_scope: str = "theme"):
    """Apply the pipeline to a ``dask.dataframe`` of documents, partition by partition.

    Parameters
    ----------
    documents
        A Dask DataFrame with the documents contract (doc_id, text, lang, date...).
    actors, codebook, levels, fold_accents, nested_scope
        As for :func:`discourse.run`.

    Returns
    -------
    coded, matches : dask.dataframe.DataFrame
        Lazy tables; ``.compute()`` gives the same rows as the in-memory run (in partition
        order; sort with :func:`discourse.io.export.write_coded_csv` or ``sort_values``).

    Examples
    --------
    >>> import dask.dataframe as dd                                        # doctest: +SKIP
    >>> coded, matches = run_dask(dd.from_pandas(docs, npartitions=4))     # doctest: +SKIP
    >>> coded.groupby("side").theme_sovereignty.mean().compute()           # doctest: +SKIP
    """
    import dask
    import dask.dataframe as dd

    from ..speakers.actors import Actors, read_actors
    from ..coding.codebook import read_codebook
    from .runner import process_batch

    actors_obj = actors if isinstance(actors, Actors) else read_actors(actors)
    codebook_obj = read_codebook(codebook)
    options = {"levels": levels, "fold_accents": fold_accents, "nested_scope": nested_scope}
    sample = documents.head(1, npartitions=-1)
    _, _, coded_meta, matches_meta = process_batch(sample, actors=actors_obj,
                                                   codebook=codebook_obj, **options)
    coded_meta, matches_meta = coded_meta.iloc[:0], matches_meta.iloc[:0]

    def one(part):
        _, _, coded, matches = process_batch(part, actors=actors_obj, codebook=codebook_obj,
                                             **options)
        return coded.reset_index(drop=True), matches.reset_index(drop=True)

    parts = [dask.delayed(one)(p) for p in documents.to_delayed()]
    coded = dd.from_delayed([p[0] for p in parts], meta=coded_meta, verify_meta=False)
    matches = dd.from_delayed([p[1] for p in parts], meta=matches_meta, verify_meta=False)
    return coded, matches
