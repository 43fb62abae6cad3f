"""Run the pipeline on corpora of any size: batch by batch, in bounded memory.

:func:`run_streaming` reads the corpus batch by batch (:func:`iter_batches`), processes each
batch (here, on a pool of processes, or on any ``concurrent.futures`` executor, see
:mod:`discourse.pipeline.parallel`), and appends each batch's rows to
``coded_statements.csv`` and ``matches.csv`` as it goes (:mod:`discourse.pipeline.parts`).
Only the theme counts of each batch are kept, added as they come into one integer array
per table (:class:`discourse.analysis.count_sums.CountSums`), so memory stays bounded
whatever the corpus size (it grows with the number of distinct speakers only); the
theme-count tables are produced from the sums at the end. The files are written to
temporary names and renamed when the run has finished (an interrupted run leaves no partial
file).

The outputs are the same bytes as the in-memory run's (:func:`discourse.run` then
:func:`discourse.write_run`) when the corpus lists its documents in ``doc_id`` order (as
:func:`discourse.read_corpus` does for a folder); otherwise the batches are merged into that
order at the end.

Examples
--------
>>> from discourse.pipeline.streaming import run_streaming
>>> run_streaming("corpus.jsonl", out="run", jobs=2)        # doctest: +SKIP
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.count_sums import CountSums
from ..coding.codebook import Codebook, read_codebook
from ..corpus.reader import iter_corpus
from ..errors import ParameterError
from ..io.export import write_table_csv
from ..speakers.actors import Actors, read_actors
from ..speakers.known_people import with_known_people
from ..speakers.ambiguity import ambiguous_table, warn_ambiguous_aliases
from .options import DEFAULT_BATCH_SIZE, RunOptions
from .parallel import formatted_batches
from .parts import CsvPart
from .run_files import AMBIGUOUS_FILE, CODED_FILE, COUNT_GROUPINGS, COUNTS_BY_SPEAKER_FILE, \
    COUNTS_FILE, MATCHES_FILE

__all__ = ["StreamResult", "run_streaming", "stream_run", "iter_batches"]


@dataclass(frozen=True)
class StreamResult:
    """What a streamed run wrote and counted.

    Attributes
    ----------
    files
        The files written (see :data:`~discourse.pipeline.run_files.STREAM_FILES`).
    n_documents, n_statements, n_matches
        Totals of the run.
    counts, counts_by_speaker
        The theme counts by side and by side and speaker (as :func:`discourse.count_themes`).
    ambiguous_aliases
        The aliases shared by several actors that a document did not decide
        (:mod:`discourse.speakers.ambiguity`; also written to ``ambiguous_aliases.csv``
        when there are some).

    Examples
    --------
    >>> r = run_streaming("corpus.jsonl", out="run", progress=False)   # doctest: +SKIP
    >>> r.files[0].name                                              # doctest: +SKIP
    'coded_statements.csv'
    """

    files: tuple[Path, ...]
    n_documents: int
    n_statements: int
    n_matches: int
    counts: pd.DataFrame = field(repr=False)
    counts_by_speaker: pd.DataFrame = field(repr=False)
    ambiguous_aliases: pd.DataFrame | None = field(default=None, repr=False)


def iter_batches(corpus: Any, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 encoding: str = "utf-8", lang: str | None = None) -> Iterator[pd.DataFrame]:
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
    RunOptions(batch_size=batch_size)            # checks it
    if isinstance(corpus, pd.DataFrame):
        for i in range(0, len(corpus), batch_size):
            yield corpus.iloc[i:i + batch_size].reset_index(drop=True)
        return
    yield from iter_corpus(corpus, batch_size=batch_size, encoding=encoding, lang=lang)


def _tapped(batches: Iterator[pd.DataFrame], on_batch) -> Iterator[pd.DataFrame]:
    for batch in batches:
        on_batch(batch)
        yield batch


def _progress(progress: bool, unit: str = "doc"):
    """A tqdm bar (notebook-aware), or None when off or not on a terminal / notebook."""
    if not progress:
        return None
    in_notebook = "ipykernel" in sys.modules
    if not in_notebook and not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty()):
        return None
    # tqdm.auto picks the notebook widget in a kernel: imported only when a bar is shown
    from tqdm.auto import tqdm

    return tqdm(unit=unit, unit_scale=True, desc="discourse", smoothing=0.1)


def _write_tables(corpus: Any, out: Path, results: Iterator[dict], *, bom: bool,
                  bar) -> tuple[dict[str, CountSums], dict[str, int], list[tuple]]:
    """Append each batch's rows to the CSV files; return the summed counts, totals and the
    batches' ambiguous aliases."""
    sums = {name: CountSums() for name in COUNT_GROUPINGS}
    ambiguous = []
    totals = {"n_documents": 0, "n_statements": 0, "n_matches": 0}
    with ExitStack() as stack:
        parts = {"coded": CsvPart(out / CODED_FILE, bom=bom, stack=stack),
                 "matches": CsvPart(out / MATCHES_FILE, bom=bom, stack=stack)}
        for result in results:
            for name, part in parts.items():
                part.append(*result[name])
            for name in COUNT_GROUPINGS:
                sums[name].add(result[name])
            for k in totals:
                totals[k] += result[k]
            ambiguous += result["ambiguous"]
            if bar is not None:
                bar.update(result["n_documents"])
        for part in parts.values():
            part.finish()
        if any(part.header is None for part in parts.values()):
            raise ParameterError(f"{corpus}: the corpus has no documents; nothing to code")
    return sums, totals, ambiguous


def stream_run(corpus: Any, *, out: str | os.PathLike, actors: Actors, codebook: Codebook,
               options: RunOptions, executor: Executor | None = None, slots: int | None = None,
               bom: bool = False, on_batch: Callable[[pd.DataFrame], None] | None = None
               ) -> StreamResult:
    """:func:`run_streaming` with the actors and codebook read and the options checked.

    ``slots``: the batches an ``executor`` runs at once (default: ``options.jobs``).
    ``on_batch``: called with each batch of documents as it is read, before it is coded
    (the run folder's ``documents.jsonl`` is written so, in the same reading pass).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "lang": "en", "text": ["Peace.", "War."]})
    >>> r = stream_run(docs, out=tempfile.mkdtemp(), actors=read_actors(),
    ...                codebook=read_codebook(), options=RunOptions(batch_size=1, progress=False))
    >>> r.n_documents, [p.name for p in r.files][:2]
    (2, ['coded_statements.csv', 'matches.csv'])
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    batches = iter_batches(corpus, batch_size=options.batch, **options.reading)
    if on_batch is not None:
        batches = _tapped(batches, on_batch)
    results = formatted_batches(batches, actors=actors, codebook=codebook, options=options,
                                executor=executor, jobs=slots or options.workers)
    bar = _progress(options.progress)
    try:
        sums, totals, ambiguous = _write_tables(corpus, out, results, bom=bom, bar=bar)
    finally:
        results.close()           # a pool of processes is shut down, even on an error
        if bar is not None:
            bar.close()
    counts = sums[COUNTS_FILE].table()
    by_speaker = sums.pop(COUNTS_BY_SPEAKER_FILE).table()
    files = [out / CODED_FILE, out / MATCHES_FILE]
    for name, table in ((COUNTS_FILE, counts), (COUNTS_BY_SPEAKER_FILE, by_speaker)):
        files.append(write_table_csv(table, out / name, bom=bom, overwrite=True))
    ambiguous = ambiguous_table(ambiguous)
    if len(ambiguous):               # one summary for the run, the documents in a file
        files.append(write_table_csv(ambiguous, out / AMBIGUOUS_FILE, bom=bom, overwrite=True))
        warn_ambiguous_aliases(ambiguous, where="discourse run",
                               detail=f"{AMBIGUOUS_FILE} in the run folder {out}")
    return StreamResult(files=tuple(files), counts=counts, counts_by_speaker=by_speaker,
                        ambiguous_aliases=ambiguous, **totals)


def run_streaming(
    corpus: Any,
    *,
    out: str | os.PathLike,
    actors: Any = None,
    codebook: Any = None,
    executor: Executor | None = None,
    bom: bool = False,
    options: RunOptions | None = None,
    **overrides: Any,
) -> StreamResult:
    """Run the pipeline batch by batch, writing the coded CSVs and theme counts as it goes.

    Parameters
    ----------
    corpus
        A JSONL / CSV file or folder (read with :func:`discourse.corpus.reader.iter_corpus`),
        or a documents DataFrame.
    out
        The output folder (created if needed); its files
        (:data:`~discourse.pipeline.run_files.STREAM_FILES`) are replaced.
    actors, codebook
        Files or objects; None: the defaults.
    executor
        A ``concurrent.futures`` executor to run the batches on instead (e.g.
        ``distributed.Client(...).get_executor()``); ``jobs`` then sets the batches in
        flight.
    bom
        Start the CSV files with a UTF-8 byte-order mark (Excel on Windows).
    options, **overrides
        A :class:`~discourse.pipeline.options.RunOptions` and / or its fields:
        ``batch_size`` (documents per batch, default 500; memory grows with it), ``jobs``
        (processes; 1: in this process; -1: one per CPU core; the output is the same),
        ``progress`` (a progress bar on a terminal or in a notebook), the reading options
        ``encoding``, ``lang`` and the coding options ``levels``, ``fold_accents``,
        ``nested_scope``, ``names``.

    Returns
    -------
    StreamResult

    Examples
    --------
    >>> r = run_streaming("corpus.jsonl", out="run", jobs=2, progress=False)  # doctest: +SKIP
    >>> r.n_statements                                                       # doctest: +SKIP
    """
    options = RunOptions.build(options, **overrides)
    return stream_run(corpus, out=out, actors=with_known_people(
        read_actors(actors), known_people=options.known_people),
                      codebook=read_codebook(codebook), options=options, executor=executor,
                      bom=bom)
