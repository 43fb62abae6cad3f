"""Run folders: writing them (in memory or streamed, byte for byte the same) and reading them.

:func:`write_run` writes the run folder of a :class:`~discourse.pipeline.runner.RunResult`
(coded CSV, matches, theme counts, data dictionary, provenance, figures: the files of
:data:`~discourse.pipeline.run_files.RUN_FILES`). :func:`write_run_folder` runs the pipeline
and writes its folder, for the command line ``discourse run``: in memory by default, or
streamed batch by batch on processes or Dask (:mod:`discourse.pipeline.streaming`,
:mod:`discourse.pipeline.dask`) for large corpora, writing the same files byte for byte
(``documents.jsonl`` included: a streamed run writes it batch by batch, as it reads the
batches it codes; on Dask in a first reading pass). :func:`read_run` reads a run folder back (for ``discourse export``).

Examples
--------
>>> import tempfile
>>> from discourse.pipeline.folder import write_run_folder
>>> s = write_run_folder("data/raw", tempfile.mkdtemp(), jobs=2)   # doctest: +SKIP
>>> s.engine, s.n_statements                                      # doctest: +SKIP
('streaming', 14)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..coding.codebook import Codebook, read_codebook, write_codebook
from ..errors import ExportError, ParameterError
from ..io.datadict import write_data_dictionary
from ..io.export import TEXT_COLUMNS, read_table_csv, write_coded_csv, write_matches_csv, \
    write_table_csv
from ..io.files import open_atomic, write_atomic
from ..io.provenance import make_provenance, write_provenance
from ..speakers.actors import Actors, read_actors
from ..speakers.known_people import with_known_people
from ..speakers.ambiguity import ambiguous_table
from .completion import begin_run, check_not_interrupted, finish_run, interrupted_message, \
    is_interrupted
from .dask import require_distributed, stream_on_dask
from .documents import DocumentsWriter, format_documents_jsonl, read_documents_jsonl, \
    write_documents_streamed
from .options import RunOptions
from .run_files import AMBIGUOUS_FILE, CODEBOOK_FILE, CODED_FILE, COUNTS_BY_SPEAKER_FILE, \
    COUNTS_FILE, DICTIONARY_FILES, DOCUMENTS_FILE, MATCHES_FILE, PROVENANCE_FILE
from .run_figures import write_run_figures
from .runner import RunResult, input_paths, run
from .streaming import stream_run

__all__ = ["RunSummary", "write_run", "write_run_folder", "read_run", "check_run_folder"]

#: The files read_run needs.
_NEEDED = (CODEBOOK_FILE, CODED_FILE, MATCHES_FILE, COUNTS_FILE)


@dataclass(frozen=True)
class RunSummary:
    """What :func:`write_run_folder` wrote.

    Attributes
    ----------
    files
        The files written (:data:`~discourse.pipeline.run_files.RUN_FILES`).
    n_documents, n_statements, n_matches
        Totals of the run.
    engine
        How the run was done: ``"memory"``, ``"streaming"`` or ``"dask"``.

    Examples
    --------
    >>> RunSummary(files=(), n_documents=1, n_statements=2, n_matches=0, engine="memory").engine
    'memory'
    """

    files: tuple[Path, ...]
    n_documents: int
    n_statements: int
    n_matches: int
    engine: str


# ----------------------------------------------------------------------------- the folder
def _is_run_folder(out: Path) -> bool:
    """True if ``out`` holds the provenance.json of a discourse run."""
    try:
        prov = json.loads((out / PROVENANCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(prov, dict) and str(prov.get("format", "")).startswith("discourse-")


def check_run_folder(out: Path, *, force: bool) -> None:
    """Refuse to write into a non-empty folder that a previous run did not write.

    A folder holding the ``provenance.json`` of a run is a run folder: its run files are
    replaced, and any other file in it (notes, notebooks) is left alone. Hidden files
    (``.gitkeep``) do not count. A folder an interrupted run left
    (:mod:`discourse.pipeline.completion`) is refused unless ``force``.

    Raises
    ------
    ExportError
        If ``out`` is a file, a folder an interrupted run left, or a non-empty folder not
        written by discourse, and ``force`` is false.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "notes.txt").write_text("mine")
    >>> check_run_folder(folder, force=False)
    Traceback (most recent call last):
    ...
    discourse.errors.ExportError: ...: the folder is not empty and was not written by discourse (it holds notes.txt); choose an empty or new folder, or pass force=True (--force on the command line) to write into it
    """
    if not out.exists():
        return
    if not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder; give a folder for the run outputs")
    check_not_interrupted(out, force=force)
    if force or _is_run_folder(out):
        return
    present = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    if present:
        raise ExportError(
            f"{out}: the folder is not empty and was not written by discourse (it holds "
            f"{', '.join(present[:3])}{'…' if len(present) > 3 else ''}); choose an empty or "
            "new folder, or pass force=True (--force on the command line) to write into it"
        )


def _coded_head(path: Path, nrows: int = 1000) -> pd.DataFrame:
    """The first rows of a coded CSV, typed as :func:`discourse.read_table_csv` types them.

    The data dictionary describes the file as written, so it is the same whichever engine
    wrote the file.
    """
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    dtypes = {c: "string" for c in header if c in TEXT_COLUMNS}
    return pd.read_csv(path, nrows=nrows, dtype=dtypes, encoding="utf-8-sig",
                       keep_default_na=False, na_values=[""])


def _write_rest(out: Path, written: list[Path], *, codebook: Codebook, actors: Actors,
                attrs: dict[str, dict], paths: tuple[str, ...],
                parameters: dict, jobs: int = 1) -> list[Path]:
    """Write what every run folder holds beyond the tables: the same for every engine.

    The codebook, the data dictionary (of ``coded_statements.csv`` as written: its columns in
    file order, their types as a reader sees them), the figures and, last, the provenance
    listing every file of the run.
    """
    written = list(written)
    written.append(write_codebook(codebook, out / CODEBOOK_FILE, overwrite=True))
    head = _coded_head(out / CODED_FILE)
    for name in DICTIONARY_FILES:
        written.append(write_data_dictionary(head, out / name, codebook=codebook,
                                             overwrite=True))
    written += write_run_figures(out, codebook, attrs, jobs=jobs)
    prov = make_provenance(codebook=codebook, actors_path=actors, input_paths=paths,
                           parameters=parameters)
    prov["files"] = sorted(p.relative_to(out).as_posix() for p in written) + [PROVENANCE_FILE]
    written.append(write_provenance(prov, out / PROVENANCE_FILE, overwrite=True))
    finish_run(out)
    return written


# ----------------------------------------------------------------------------- writing
def write_run(
    result: RunResult, out: str | os.PathLike, *, force: bool = False, bom: bool = False
) -> list[Path]:
    """Write a run folder: coded CSV, matches, theme counts, data dictionary, provenance, figures.

    Parameters
    ----------
    result
        What :func:`discourse.run` returned.
    out
        The folder (created if needed). A folder written by an earlier run is updated in
        place; a non-empty folder that discourse did not write is refused unless ``force``.
    force
        Write into a non-empty folder that discourse did not write (its other files are kept).
    bom
        Start the CSV files with a UTF-8 byte-order mark (for Excel on Windows).

    Returns
    -------
    list of Path
        The files written (:data:`~discourse.pipeline.run_files.RUN_FILES`).

    Raises
    ------
    ExportError
        If ``out`` is a non-empty folder not written by discourse and ``force`` is false.

    Examples
    --------
    >>> import discourse, tempfile
    >>> files = discourse.write_run(discourse.run("data/raw"), tempfile.mkdtemp())  # doctest: +SKIP
    """
    out = Path(out)
    check_run_folder(out, force=force)
    begin_run(out)
    keep = {"overwrite": True, "bom": bom}
    written = [
        write_atomic(out / DOCUMENTS_FILE, format_documents_jsonl(result.documents)),
        write_coded_csv(result.coded, out / CODED_FILE, **keep),
        write_matches_csv(result.matches, out / MATCHES_FILE, **keep),
        write_table_csv(result.counts, out / COUNTS_FILE, **keep),
        write_table_csv(result.counts_by_speaker, out / COUNTS_BY_SPEAKER_FILE, **keep),
    ]
    ambiguous = result.attributed.attrs.get("ambiguous_aliases")
    if ambiguous:                                      # written only when there are some
        written.append(write_table_csv(ambiguous_table(ambiguous), out / AMBIGUOUS_FILE,
                                       **keep))
    attrs = {COUNTS_FILE: dict(result.counts.attrs),
             COUNTS_BY_SPEAKER_FILE: dict(result.counts_by_speaker.attrs)}
    return _write_rest(out, written, codebook=result.codebook, actors=result.actors,
                       attrs=attrs, paths=result.input_paths, parameters=result.parameters)


def _write_streamed(corpus: Any, out: Path, *, actors: Any, codebook: Any,
                    options: RunOptions, force: bool, bom: bool) -> RunSummary:
    """The streamed run folder (see :func:`write_run_folder`)."""
    if options.engine == "dask":
        require_distributed()
    actors_obj = with_known_people(read_actors(actors), known_people=options.known_people)
    codebook_obj = read_codebook(codebook)
    check_run_folder(out, force=force)
    begin_run(out)
    common = {"out": out, "actors": actors_obj, "codebook": codebook_obj,
              "options": options, "bom": bom}
    if options.engine == "dask":
        documents, paths, n_documents = write_documents_streamed(
            corpus, out / DOCUMENTS_FILE, options=options)
        workers = (os.cpu_count() or 1) if options.jobs in (-1, 1) else options.jobs
        streamed = stream_on_dask(corpus, n_workers=workers, **common)
    else:        # one reading pass: documents.jsonl is written as the batches are read
        with open_atomic(out / DOCUMENTS_FILE, "w", overwrite=True) as fh:
            docs = DocumentsWriter(fh)
            streamed = stream_run(corpus, on_batch=docs.add, **common)
        documents, paths, n_documents = out / DOCUMENTS_FILE, docs.paths, docs.n
        workers = options.workers
    parameters = options.parameters(corpus)
    # only the tables' attrs go on: the tables (the counts by speaker of a large corpus take
    # tens of MB) are freed before the figures are drawn from their files
    attrs = {COUNTS_FILE: dict(streamed.counts.attrs),
             COUNTS_BY_SPEAKER_FILE: dict(streamed.counts_by_speaker.attrs)}
    written, totals = [documents, *streamed.files], (streamed.n_statements, streamed.n_matches)
    del streamed
    files = _write_rest(out, written, codebook=codebook_obj, actors=actors_obj, attrs=attrs,
                        paths=input_paths(parameters["corpus"], paths), parameters=parameters,
                        jobs=workers)
    return RunSummary(files=tuple(files), n_documents=n_documents, n_statements=totals[0],
                      n_matches=totals[1],
                      engine="dask" if options.engine == "dask" else "streaming")


def write_run_folder(
    corpus: str | os.PathLike | pd.DataFrame,
    out: str | os.PathLike,
    *,
    actors: str | os.PathLike | Actors | None = None,
    codebook: str | os.PathLike | Codebook | None = None,
    force: bool = False,
    bom: bool = False,
    options: RunOptions | None = None,
    **overrides: Any,
) -> RunSummary:
    """Run the pipeline on a corpus and write its run folder, in memory or streamed.

    With the default options (``jobs=1``, no ``batch_size``, ``engine="pandas"``) a corpus
    of at most ``stream_threshold_mb`` (16 MB) is processed in memory (:func:`discourse.run`
    then :func:`write_run`). A larger one, or any with those options (or ``stream=True``), is
    streamed batch by batch (here, on ``jobs`` processes, or on Dask with
    ``engine="dask"``) in bounded memory. Both write the same files, byte for byte: the execution options (jobs,
    batch size, engine, scheduler) do not change the results and are not recorded in
    ``provenance.json``. A streamed run reads the corpus once (on Dask twice: once to
    write ``documents.jsonl``, once to process it); with ``jobs`` above 1 the figures are
    drawn at once, each in its own process.

    Parameters
    ----------
    corpus, actors, codebook
        As for :func:`discourse.run`.
    out, force, bom
        As for :func:`write_run`.
    options, **overrides
        A :class:`~discourse.pipeline.options.RunOptions` and / or its fields: the reading
        and coding options of :func:`discourse.run`, and ``jobs``, ``batch_size``,
        ``engine``, ``scheduler``, ``progress`` (how the run is executed).

    Returns
    -------
    RunSummary

    Raises
    ------
    ParameterError
        For an invalid ``jobs``, ``batch_size``, ``engine``, or a ``scheduler`` without Dask.

    Examples
    --------
    >>> import tempfile
    >>> s = write_run_folder("data/raw", tempfile.mkdtemp(), jobs=2)   # doctest: +SKIP
    >>> s.engine, s.n_statements                                      # doctest: +SKIP
    ('streaming', 14)
    """
    options = RunOptions.build(options, **overrides)
    out = Path(out)
    check_run_folder(out, force=force)    # before the work, not after it
    if options.streams(corpus):
        return _write_streamed(corpus, out, actors=actors, codebook=codebook,
                               options=options, force=force, bom=bom)
    result = run(corpus, actors=actors, codebook=codebook, options=options)
    files = write_run(result, out, force=force, bom=bom)
    return RunSummary(files=tuple(files), n_documents=len(result.documents),
                      n_statements=len(result.coded), n_matches=len(result.matches),
                      engine="memory")


# ----------------------------------------------------------------------------- reading
def read_run(out: str | os.PathLike) -> dict:
    """Read a run folder written by :func:`write_run` back into tables.

    Returns
    -------
    dict
        ``documents`` (None if the folder has no ``documents.jsonl``, e.g. one written by an
        older version; only the REFI-QDA project export needs it), ``coded``, ``matches``,
        ``theme_counts`` (DataFrames), ``codebook`` (the codebook the run used) and
        ``provenance`` (dict).

    Raises
    ------
    ParameterError
        If the folder is not a run folder (no ``provenance.json``), was left by an interrupted
        run, lacks a file, or its
        ``provenance.json`` or ``documents.jsonl`` is damaged.

    Examples
    --------
    >>> tables = read_run("data/processed/run")                     # doctest: +SKIP
    >>> tables["coded"][["stmt_id", "speaker", "themes"]].head()     # doctest: +SKIP
    """
    out = Path(out)
    if is_interrupted(out):
        raise ParameterError(interrupted_message(out))
    if not (out / PROVENANCE_FILE).is_file():
        raise ParameterError(
            f"{out}: not a run folder (no provenance.json); give a folder written by "
            "`discourse run CORPUS --out FOLDER`"
        )
    missing = [n for n in _NEEDED if not (out / n).is_file()]
    if missing:
        raise ParameterError(
            f"{out}: the run folder lacks {', '.join(missing)}; run `discourse run` again"
        )
    try:
        provenance = json.loads((out / PROVENANCE_FILE).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ParameterError(f"{out / PROVENANCE_FILE}: damaged ({err}); run `discourse "
                             "run` again") from None
    documents = None
    if (out / DOCUMENTS_FILE).is_file():
        documents = read_documents_jsonl(out / DOCUMENTS_FILE)
    coded = read_table_csv(out / CODED_FILE)
    matches = read_table_csv(out / MATCHES_FILE)
    for table in (coded, matches):
        table["doc_id"] = table["doc_id"].astype(str)
    return {
        "documents": documents,
        "coded": coded,
        "matches": matches,
        "theme_counts": read_table_csv(out / COUNTS_FILE),
        "codebook": read_codebook(out / CODEBOOK_FILE),
        "provenance": provenance,
    }
