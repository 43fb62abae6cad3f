"""Batches processed here, on a pool of processes, or on any ``concurrent.futures`` executor.

:func:`formatted_batches` yields :func:`~discourse.pipeline.batch.format_batch` of each batch,
in the order of the batches, wherever they are processed: in this process (``jobs=1``), on a
pool of ``jobs`` processes (the actors, codebook and options are sent once to each worker),
or on an executor given by the caller (a Dask client's). At most ``2 x jobs`` batches are in
flight at once, so memory stays bounded whatever the size of the corpus.

Examples
--------
>>> import pandas as pd
>>> from discourse.coding.codebook import read_codebook
>>> from discourse.speakers.actors import read_actors
>>> from discourse.pipeline.options import RunOptions
>>> batches = [pd.DataFrame({"doc_id": ["d"], "lang": ["en"], "text": ["Peace."]})]
>>> [r["n_statements"] for r in formatted_batches(
...     batches, actors=read_actors(), codebook=read_codebook(), options=RunOptions())]
[1]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

import pandas as pd

from ..coding.codebook import Codebook
from ..speakers.actors import Actors
from .batch import format_batch
from .options import RunOptions

__all__ = ["formatted_batches"]

#: What each worker process of a pool was given once, at its start.
_WORKER: dict = {}


def _init_worker(actors: Actors, codebook: Codebook, options: RunOptions) -> None:
    _WORKER.update(actors=actors, codebook=codebook, options=options)


def _format_in_worker(documents: pd.DataFrame) -> dict:
    return format_batch(documents, **_WORKER)


def _format_with(documents: pd.DataFrame, actors: Actors, codebook: Codebook,
                 options: RunOptions) -> dict:
    return format_batch(documents, actors=actors, codebook=codebook, options=options)


def _in_order(submit, batches: Iterable[pd.DataFrame], depth: int) -> Iterator[dict]:
    """Submit the batches, keeping at most ``depth`` in flight; yield results in order."""
    pending: list = []
    for batch in batches:
        pending.append(submit(batch))
        while len(pending) >= depth:
            yield pending.pop(0).result()
    while pending:
        yield pending.pop(0).result()


def formatted_batches(
    batches: Iterable[pd.DataFrame],
    *,
    actors: Actors,
    codebook: Codebook,
    options: RunOptions,
    executor: Executor | None = None,
    jobs: int = 1,
) -> Iterator[dict]:
    """Yield the formatted result of each batch, in order (see the module).

    Parameters
    ----------
    batches
        Documents tables.
    actors, codebook, options
        What :func:`~discourse.pipeline.batch.format_batch` needs.
    executor
        A ``concurrent.futures`` executor to process the batches on (``jobs`` then sets how
        many are in flight); None: here (``jobs=1``) or on a pool of ``jobs`` processes.
    jobs
        Processes of the pool, or slots of the executor.

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.coding.codebook import read_codebook
    >>> from discourse.speakers.actors import read_actors
    >>> batches = [pd.DataFrame({"doc_id": [d], "lang": ["en"], "text": ["Peace."]}) for d in "ab"]
    >>> [r["n_documents"] for r in formatted_batches(
    ...     batches, actors=read_actors(), codebook=read_codebook(), options=RunOptions())]
    [1, 1]
    """
    depth = 2 * max(jobs, 2)          # batches in flight: bounds memory
    if executor is not None:
        yield from _in_order(
            lambda b: executor.submit(_format_with, b, actors, codebook, options),
            batches, depth)
        return
    if jobs <= 1:
        for batch in batches:
            yield format_batch(batch, actors=actors, codebook=codebook, options=options)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                               initargs=(actors, codebook, options))
    try:
        yield from _in_order(lambda b: pool.submit(_format_in_worker, b), batches, depth)
    finally:
        pool.shutdown(cancel_futures=True)
