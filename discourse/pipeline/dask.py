"""The pipeline on a Dask cluster: a streamed run whose batches go to Dask workers, or lazily.

- :func:`run_on_dask` is :func:`discourse.pipeline.streaming.run_streaming` with the batches
  processed on a Dask cluster: a ``LocalCluster`` started for the run, or the scheduler at
  ``scheduler=`` (e.g. a SLURM cluster started with ``dask-jobqueue``). It writes the same
  files, byte for byte.
- :func:`run_dask` applies the pipeline to a ``dask.dataframe`` of documents partition by
  partition and returns the coded statements and matches as lazy Dask DataFrames.

Dask is optional: these functions import it when called, and say how to install it.

Examples
--------
>>> from discourse.pipeline.dask import run_on_dask
>>> run_on_dask("corpus.jsonl", out="run", n_workers=2)                 # doctest: +SKIP
>>> run_on_dask("corpus.jsonl", out="run", scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
"""

from __future__ import annotations

import os
from typing import Any

from ..coding.codebook import Codebook, read_codebook
from ..errors import ParameterError
from ..speakers.actors import Actors, read_actors
from ..speakers.known_people import with_known_people
from .batch import process_batch
from .options import RunOptions
from .streaming import StreamResult, stream_run

__all__ = ["run_on_dask", "run_dask", "stream_on_dask", "require_distributed"]


def require_distributed():
    """The ``distributed`` package (ParameterError saying how to install it if missing).

    Examples
    --------
    >>> require_distributed().__name__                    # doctest: +SKIP
    'distributed'
    """
    try:  # Dask is optional and heavy: imported only for a Dask run
        import distributed
    except ImportError:
        raise ParameterError("engine='dask' needs the dask and distributed packages; "
                             "install them (pip install 'dask[distributed]')") from None
    return distributed


def stream_on_dask(corpus: Any, *, out: str | os.PathLike, actors: Actors, codebook: Codebook,
                   options: RunOptions, bom: bool = False, n_workers: int = 2,
                   threads_per_worker: int = 1) -> StreamResult:
    """:func:`run_on_dask` with the actors and codebook read and the options checked.

    The cluster is the scheduler at ``options.scheduler``, or a ``LocalCluster`` of
    ``n_workers`` processes started for the run.

    Examples
    --------
    >>> from discourse.coding.codebook import read_codebook
    >>> from discourse.speakers.actors import read_actors
    >>> stream_on_dask("corpus.jsonl", out="run", actors=read_actors(),   # doctest: +SKIP
    ...                codebook=read_codebook(), options=RunOptions(engine="dask"))
    """
    distributed = require_distributed()

    def on(client) -> StreamResult:
        slots = max(1, sum(client.nthreads().values()))
        return stream_run(corpus, out=out, actors=actors, codebook=codebook, options=options,
                          executor=client.get_executor(), slots=slots, bom=bom)

    if options.scheduler is None:
        with distributed.LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker,
                                      processes=True, dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            return on(client)
    with distributed.Client(options.scheduler) as client:
        return on(client)


def run_on_dask(
    corpus: Any,
    *,
    out: str | os.PathLike,
    scheduler: str | None = None,
    n_workers: int = 2,
    threads_per_worker: int = 1,
    actors: Any = None,
    codebook: Any = None,
    bom: bool = False,
    options: RunOptions | None = None,
    **overrides: Any,
) -> StreamResult:
    """Run :func:`discourse.pipeline.streaming.run_streaming` with the batches on Dask.

    Parameters
    ----------
    corpus, out, actors, codebook, bom
        As for :func:`~discourse.pipeline.streaming.run_streaming`.
    scheduler
        The address of a running Dask scheduler (``tcp://host:8786``, e.g. of a SLURM cluster
        started with ``dask-jobqueue``); None starts a ``LocalCluster`` of ``n_workers``
        processes for the run.
    n_workers, threads_per_worker
        The size of the ``LocalCluster`` (when ``scheduler`` is None).
    options, **overrides
        A :class:`~discourse.pipeline.options.RunOptions` and / or its fields
        (``batch_size``, ``progress``, reading and coding options); ``jobs`` is ignored: the
        cluster's workers run the batches.

    Returns
    -------
    StreamResult

    Examples
    --------
    >>> r = run_on_dask("corpus.jsonl", out="run", n_workers=2)     # doctest: +SKIP
    >>> r.n_statements                                             # doctest: +SKIP
    """
    overrides.pop("jobs", None)
    options = RunOptions.build(options, **overrides)
    options = RunOptions.build(options, jobs=1, engine="dask",
                               scheduler=scheduler if scheduler is not None else options.scheduler)
    return stream_on_dask(corpus, out=out, actors=with_known_people(
        read_actors(actors), known_people=options.known_people),
                          codebook=read_codebook(codebook), options=options, bom=bom,
                          n_workers=n_workers, threads_per_worker=threads_per_worker)


def run_dask(documents: Any, *, actors: Any = None, codebook: Any = None,
             options: RunOptions | None = None, **overrides: Any):
    """Apply the pipeline to a ``dask.dataframe`` of documents, partition by partition.

    Parameters
    ----------
    documents
        A Dask DataFrame with the documents contract (doc_id, text, lang, date...).
    actors, codebook
        As for :func:`discourse.run`.
    options, **overrides
        A :class:`~discourse.pipeline.options.RunOptions` and / or its coding options
        (``levels``, ``fold_accents``, ``nested_scope``, ``names``).

    Returns
    -------
    coded, matches : dask.dataframe.DataFrame
        Lazy tables; ``.compute()`` gives the same rows as the in-memory run (in partition
        order; sort with :func:`discourse.io.order.order_coded` or ``sort_values``).

    Examples
    --------
    >>> import dask.dataframe as dd                                        # doctest: +SKIP
    >>> coded, matches = run_dask(dd.from_pandas(docs, npartitions=4))     # doctest: +SKIP
    >>> coded.groupby("side").theme_sovereignty.mean().compute()           # doctest: +SKIP
    """
    # Dask is optional and heavy: imported only for a Dask run
    import dask
    import dask.dataframe as dd

    options = RunOptions.build(options, **overrides)
    actors_obj = with_known_people(read_actors(actors), known_people=options.known_people)
    codebook_obj = read_codebook(codebook)
    sample = documents.head(1, npartitions=-1)
    _, _, coded_meta, matches_meta = process_batch(sample, actors=actors_obj,
                                                   codebook=codebook_obj, options=options)
    coded_meta, matches_meta = coded_meta.iloc[:0], matches_meta.iloc[:0]

    def one(part):
        _, _, coded, matches = process_batch(part, actors=actors_obj, codebook=codebook_obj,
                                             options=options)
        return coded.reset_index(drop=True), matches.reset_index(drop=True)

    parts = [dask.delayed(one)(p) for p in documents.to_delayed()]
    coded = dd.from_delayed([p[0] for p in parts], meta=coded_meta, verify_meta=False)
    matches = dd.from_delayed([p[1] for p in parts], meta=matches_meta, verify_meta=False)
    return coded, matches
