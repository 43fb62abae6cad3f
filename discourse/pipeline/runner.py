"""The whole pipeline in one call: read → statements → speakers → themes → tables.

:func:`run` chains the stages exactly as a notebook would with ``.pipe`` and returns every
intermediate table in a :class:`RunResult`. :mod:`discourse.pipeline.folder` writes it as a
run folder and reads it back; :mod:`discourse.pipeline.streaming` and
:mod:`discourse.pipeline.dask` run large corpora batch by batch.

Examples
--------
>>> import discourse
>>> result = discourse.run("data/raw")                      # doctest: +SKIP
>>> result.coded[["stmt_id", "speaker", "themes"]].head()   # doctest: +SKIP
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.counts import count_themes
from ..coding.codebook import Codebook, read_codebook
from ..corpus.reader import read_corpus
from ..errors import ParameterError
from ..speakers.actors import Actors, read_actors
from ..speakers.known_people import with_known_people
from .batch import process_batch
from ..speakers.ambiguity import ambiguous_table, warn_ambiguous_aliases
from .options import RunOptions
from .run_files import AMBIGUOUS_FILE

__all__ = ["RunResult", "run", "input_paths"]


@dataclass(frozen=True)
class RunResult:
    """Every table of one pipeline run, and what produced it.

    Attributes
    ----------
    documents, statements, attributed, coded, matches
        The stage tables (see :mod:`discourse.schema`).
    counts
        Theme counts by side (:func:`discourse.count_themes`).
    counts_by_speaker
        Theme counts by speaker.
    codebook, actors
        The codebook and actors used.
    parameters
        The options of the run that shape its results, recorded in the provenance
        (:meth:`RunOptions.parameters <discourse.pipeline.options.RunOptions.parameters>`).
    input_paths
        The files the corpus was read from (with a corpus folder's ``metadata.csv``).
    options
        The :class:`~discourse.pipeline.options.RunOptions` of the run.

    Examples
    --------
    >>> import discourse
    >>> result = discourse.run("data/raw")                   # doctest: +SKIP
    >>> result.options.coding                                # doctest: +SKIP
    {'levels': None, 'fold_accents': False, 'nested_scope': 'theme', 'names': 'exclude'}
    """

    documents: pd.DataFrame
    statements: pd.DataFrame
    attributed: pd.DataFrame
    coded: pd.DataFrame
    matches: pd.DataFrame
    counts: pd.DataFrame
    counts_by_speaker: pd.DataFrame
    codebook: Codebook
    actors: Actors
    parameters: dict = field(default_factory=dict)
    input_paths: tuple[str, ...] = ()
    options: RunOptions = field(default_factory=RunOptions)


def input_paths(corpus: Any, paths) -> tuple[str, ...]:
    """The files a run read: the documents' files, and a corpus folder's ``metadata.csv``.

    Examples
    --------
    >>> input_paths(None, ["b.txt", "a.txt"])
    ('a.txt', 'b.txt')
    """
    found = set(str(p) for p in paths)
    if isinstance(corpus, (str, os.PathLike)) and Path(corpus).is_dir() \
            and (Path(corpus) / "metadata.csv").is_file():
        found.add(str(Path(corpus) / "metadata.csv"))
    return tuple(sorted(found))


def run(
    corpus: str | os.PathLike | pd.DataFrame,
    *,
    actors: str | os.PathLike | Actors | None = None,
    codebook: str | os.PathLike | Codebook | None = None,
    options: RunOptions | None = None,
    **overrides: Any,
) -> RunResult:
    """Run the whole pipeline on a corpus, in memory, and return every table.

    Parameters
    ----------
    corpus
        A folder of readouts, a CSV / JSONL / Parquet file (see :func:`read_corpus`), or a
        documents DataFrame already read.
    actors
        The actors file (or object); None uses the default ``data/actors.yml``.
    codebook
        The codebook file (or object); None uses the default codebook.
    options, **overrides
        A :class:`~discourse.pipeline.options.RunOptions` and / or its fields: the coding
        options ``levels``, ``fold_accents``, ``nested_scope`` and ``names`` (``"count"``
        counts the theme words inside proper names; see :func:`discourse.code_themes`) and the reading options ``encoding``, ``lang`` (see
        :func:`discourse.read_corpus`).

    Returns
    -------
    RunResult

    Raises
    ------
    ParameterError
        For an unknown or invalid option, or an option that streams the run (``jobs``,
        ``batch_size``, ``engine="dask"``: use :func:`discourse.write_run_folder`).

    Examples
    --------
    >>> import discourse
    >>> r = discourse.run("data/raw", levels=1)                      # doctest: +SKIP
    >>> r.counts.query("theme == 'sovereignty'")[["side", "share"]]  # doctest: +SKIP
    """
    options = RunOptions.build(options, **overrides)
    if options.streamed:
        raise ParameterError("run() works in memory; for jobs, batch_size or engine='dask' "
                             "use discourse.write_run_folder (or `discourse run --jobs`)")
    actors_obj = with_known_people(read_actors(actors), known_people=options.known_people)
    codebook_obj = read_codebook(codebook)          # the small files first: errors come fast
    if isinstance(corpus, pd.DataFrame):
        documents = corpus
    else:
        documents = read_corpus(corpus, **options.reading)
    statements, attributed, coded, matches = process_batch(
        documents, actors=actors_obj, codebook=codebook_obj, options=options,
        warn_ambiguous=False)
    warn_ambiguous_aliases(ambiguous_table(attributed.attrs["ambiguous_aliases"]),
                           where="discourse.run",
                           detail="ambiguous_table(result.attributed.attrs['ambiguous_aliases']"
                                  f") (and {AMBIGUOUS_FILE} in a run folder written from it)")
    paths = ()
    if "path" in documents.columns:
        paths = tuple(str(p) for p in documents["path"].dropna().unique())
    return RunResult(
        documents=documents,
        statements=statements,
        attributed=attributed,
        coded=coded,
        matches=matches,
        counts=count_themes(coded, by="side", matches=matches),
        counts_by_speaker=count_themes(coded, by=["side", "speaker_name"], matches=matches),
        codebook=codebook_obj,
        actors=actors_obj,
        parameters=options.parameters(corpus),
        input_paths=input_paths(corpus, paths),
        options=options,
    )
