"""The options of a run, in one place: :class:`RunOptions`.

A run reads a corpus, codes it and may be executed in several ways; every function of
:mod:`discourse.pipeline` (and the command line) takes its options as one frozen
:class:`RunOptions`, checked once when it is made, instead of passing each option along:

========================= ==================================================================
options                   what they do
========================= ==================================================================
``encoding``, ``lang``    reading the corpus (:func:`discourse.read_corpus`)
``levels``,               coding (:func:`discourse.code_themes`); ``names="count"`` counts
``fold_accents``,         the theme words inside proper names ("the Belt and Road Forum for
``nested_scope``,         International Cooperation"), which by default do not code
``names``
``parser``                speaker attribution (:func:`discourse.attribute_speakers`): the
                          French dependency parser where the rules are unsure ("off",
                          "auto", "always"); recorded in the provenance when not "off"
``jobs``, ``batch_size``, executing the run: in memory, streamed in batches, on processes or
``engine``,               on Dask. They never change the results, so they are not recorded
``scheduler``,            in the provenance. A corpus larger than ``stream_threshold_mb``
``progress``, ``stream``, is streamed even without them (``stream=True`` / ``False``
``stream_threshold_mb``   forces either way).
========================= ==================================================================

The public functions also take the options as keyword arguments
(``discourse.run("data/raw", levels=1)``), which :meth:`RunOptions.build` turns into one
``RunOptions``.

Examples
--------
>>> from discourse.pipeline.options import RunOptions
>>> options = RunOptions(levels=1, jobs=2)
>>> options.coding, options.streamed
({'levels': 1, 'fold_accents': False, 'nested_scope': 'theme', 'names': 'exclude'}, True)
>>> RunOptions(jobs=0)
Traceback (most recent call last):
...
discourse.errors.ParameterError: jobs=0 is not valid; give a number of processes >= 1, or -1 for one per CPU core
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

from ..coding.names import NAME_MODES
from ..errors import ParameterError
from ..speakers.parse import check_parser_mode

__all__ = ["RunOptions", "ENGINES", "DEFAULT_BATCH_SIZE", "STREAM_THRESHOLD_MB", "corpus_size"]

#: Valid values of ``engine`` (the command line's ``--engine``).
ENGINES = ("pandas", "dask")
#: Documents per batch of a streamed run when ``batch_size`` is not given.
DEFAULT_BATCH_SIZE = 500
#: Corpora larger than this (in MB, 10**6 bytes of files) are streamed when ``stream`` is None.
STREAM_THRESHOLD_MB = 16.0


def corpus_size(corpus: Any) -> int:
    """The bytes of a corpus on disk: a file's size, or the sum of a folder's files (0 else).

    Examples
    --------
    >>> corpus_size("no/such/file.jsonl")
    0
    """
    if not isinstance(corpus, (str, os.PathLike)):
        return 0
    path = os.fspath(corpus)
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for folder, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, f)) for f in files)
    return total


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class RunOptions:
    """How a run reads, codes and is executed (see the module for the groups).

    Attributes
    ----------
    encoding, lang
        Reading options, see :func:`discourse.read_corpus`.
    levels, fold_accents, nested_scope, names
        Coding options, see :func:`discourse.code_themes`: ``names="exclude"`` (default)
        drops the matches inside proper names, ``names="count"`` counts them.
    parser
        Speaker attribution's dependency parser (:func:`discourse.attribute_speakers`):
        ``"off"`` (default), ``"auto"`` or ``"always"``.
    jobs
        Processes (-1: one per CPU core). With ``engine="dask"`` and no ``scheduler``: the
        workers of the ``LocalCluster`` started for the run.
    batch_size
        Documents per batch; giving it streams the run (default
        :data:`DEFAULT_BATCH_SIZE` when streaming).
    engine
        ``"pandas"`` (this machine) or ``"dask"`` (a Dask cluster).
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``); only with
        ``engine="dask"``.
    progress
        Show a progress bar (documents/s) when streaming on a terminal or in a notebook.
    stream
        None (default): stream a corpus file or folder larger than ``stream_threshold_mb``
        (or when ``jobs``, ``batch_size`` or Dask ask for it); True: always stream; False:
        never (an error with ``jobs``, ``batch_size`` or Dask).
    known_people
        The known world figures consulted after the actors file
        (:mod:`discourse.speakers.known_people`): ``"default"``, ``"none"`` or a file's path.
    stream_threshold_mb
        The size above which ``stream=None`` streams (default :data:`STREAM_THRESHOLD_MB`).

    Raises
    ------
    ParameterError
        For an invalid ``jobs``, ``batch_size``, ``engine``, a ``scheduler`` without Dask,
        or ``jobs`` with a ``scheduler``.

    Examples
    --------
    >>> RunOptions(levels=1).parameters("data/raw")["levels"]
    1
    """

    encoding: str = "utf-8"
    lang: str | None = None
    levels: int | None = None
    fold_accents: bool = False
    nested_scope: str = "theme"
    names: str = "exclude"
    parser: str = "off"
    jobs: int = 1
    batch_size: int | None = None
    engine: str = "pandas"
    scheduler: str | None = None
    progress: bool = True
    stream: bool | None = None
    stream_threshold_mb: float = STREAM_THRESHOLD_MB
    known_people: str = "default"

    def __post_init__(self) -> None:
        if self.names not in NAME_MODES:
            raise ParameterError(f"names={self.names!r} is not valid; use 'exclude' (the words "
                                 "of a proper name do not code, the default) or 'count' "
                                 "(--count-names on the command line)")
        check_parser_mode(self.parser)
        if self.engine not in ENGINES:
            raise ParameterError(f"engine={self.engine!r} is not valid; valid: "
                                 f"{', '.join(ENGINES)}")
        if self.scheduler is not None and self.engine != "dask":
            raise ParameterError(f"scheduler={self.scheduler!r} needs the Dask engine; add "
                                 "engine='dask' (--engine dask on the command line)")
        if not _is_int(self.jobs) or self.jobs == 0 or self.jobs < -1:
            raise ParameterError(f"jobs={self.jobs!r} is not valid; give a number of "
                                 "processes >= 1, or -1 for one per CPU core")
        if self.batch_size is not None and (not _is_int(self.batch_size)
                                            or self.batch_size < 1):
            raise ParameterError(f"batch_size={self.batch_size!r} is not valid; give a number "
                                 "of documents >= 1 (e.g. 500)")
        if self.stream not in (None, True, False):
            raise ParameterError(f"stream={self.stream!r} is not valid; give None (stream "
                                 "large corpora), True or False")
        if not isinstance(self.stream_threshold_mb, (int, float)) \
                or isinstance(self.stream_threshold_mb, bool) or self.stream_threshold_mb < 0:
            raise ParameterError(f"stream_threshold_mb={self.stream_threshold_mb!r} is not "
                                 "valid; give a size in MB >= 0 (e.g. 16)")
        if self.stream is False and self.streamed:
            raise ParameterError("stream=False (--no-stream) runs in memory, in one process: "
                                 "drop jobs, batch_size and engine='dask', or the stream option")
        if self.scheduler is not None and self.jobs != 1:
            raise ParameterError("jobs sets the size of the local Dask cluster; with a "
                                 "scheduler the cluster's own workers are used: drop jobs "
                                 "(--jobs)")

    @classmethod
    def build(cls, options: RunOptions | None = None, **overrides: Any) -> RunOptions:
        """``options`` (default: the defaults) with the fields named in ``overrides`` replaced.

        Raises
        ------
        ParameterError
            If an override is not a field of RunOptions.

        Examples
        --------
        >>> RunOptions.build(RunOptions(levels=1), lang="fr").lang
        'fr'
        """
        base = options if options is not None else cls()
        if not isinstance(base, cls):
            raise ParameterError(f"options={options!r} is not valid; give a RunOptions")
        fields = [f.name for f in dataclasses.fields(cls)]
        unknown = sorted(set(overrides) - set(fields))
        if unknown:
            raise ParameterError(f"unknown option(s) {', '.join(unknown)}; valid options: "
                                 f"{', '.join(fields)}")
        return dataclasses.replace(base, **overrides) if overrides else base

    @property
    def coding(self) -> dict[str, Any]:
        """The coding options, as keyword arguments of find_matches / code_themes."""
        return {"levels": self.levels, "fold_accents": self.fold_accents,
                "nested_scope": self.nested_scope, "names": self.names}

    @property
    def reading(self) -> dict[str, Any]:
        """The reading options, as keyword arguments of read_corpus / iter_corpus."""
        return {"encoding": self.encoding, "lang": self.lang}

    @property
    def streamed(self) -> bool:
        """True if the run goes batch by batch (jobs, a batch size or Dask asked for it)."""
        return self.engine != "pandas" or self.jobs != 1 or self.batch_size is not None

    def streams(self, corpus: Any) -> bool:
        """True if a run folder of ``corpus`` is written batch by batch (see ``stream``).

        Examples
        --------
        >>> RunOptions(stream_threshold_mb=0).streams("data/raw"), RunOptions().streams(None)
        (True, False)
        """
        if self.stream is not None:
            return self.stream
        return self.streamed or corpus_size(corpus) > self.stream_threshold_mb * 1e6

    @property
    def batch(self) -> int:
        """Documents per batch when streaming."""
        return self.batch_size or DEFAULT_BATCH_SIZE

    @property
    def workers(self) -> int:
        """The number of processes ``jobs`` asks for (-1: the CPU cores)."""
        return (os.cpu_count() or 1) if self.jobs == -1 else self.jobs

    def parameters(self, corpus: Any) -> dict[str, Any]:
        """The options that shape the results, and the corpus, as recorded in the provenance.

        Examples
        --------
        >>> sorted(RunOptions().parameters("data/raw"))
        ['corpus', 'encoding', 'fold_accents', 'known_people', 'lang', 'levels', 'names', 'nested_scope']
        """
        parser = {"parser": self.parser} if self.parser != "off" else {}
        return {**self.coding, **self.reading, **parser, "known_people": str(self.known_people),
                "corpus": None if corpus is None or not isinstance(corpus, (str, os.PathLike))
                else str(corpus)}
