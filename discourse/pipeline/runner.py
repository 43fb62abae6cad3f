"""The whole pipeline in one call: read → statements → speakers → themes → tables.

:func:`run` chains the stages exactly as a notebook would with ``.pipe`` and returns every
intermediate table in a :class:`RunResult`; :func:`write_run` writes a run folder (coded CSV,
matches, theme counts, data dictionary, provenance, figures). :func:`write_run_folder` does
both for the command line ``discourse run``: in memory by default, or streamed batch by batch
on processes or Dask (:mod:`discourse.pipeline.engines`) for large corpora, writing the same files byte
for byte (:data:`RUN_FILES`, ``documents.jsonl`` included: a streamed run writes it batch by
batch in a first reading pass). :func:`read_run` reads a run folder back (for
``discourse export``).

Examples
--------
>>> import discourse
>>> result = discourse.run("data/raw")                      # doctest: +SKIP
>>> result.coded[["stmt_id", "speaker", "themes"]].head()   # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..speakers.actors import Actors, read_actors
from ..speakers.attribution import attribute_speakers
from ..coding.codebook import Codebook, read_codebook
from ..coding.themes import code_themes, find_matches
from ..corpus.reader import read_corpus
from ..io.files import write_atomic
from ..errors import ExportError, ParameterError
from ..text.statements import split_statements
from ..analysis.counts import count_themes, top_level

__all__ = ["RunResult", "RunSummary", "run", "process_batch", "write_run", "write_run_folder",
           "read_run", "RUN_FILES"]

#: The files a run folder holds, relative to it (figures get .png and .pdf).
RUN_FILES = (
    "documents.jsonl",
    "codebook.yml",
    "coded_statements.csv",
    "matches.csv",
    "theme_counts.csv",
    "theme_counts_by_speaker.csv",
    "data_dictionary.csv",
    "data_dictionary.md",
    "provenance.json",
    "figures/theme_shares.png",
    "figures/theme_shares.pdf",
    "figures/speaker_heatmap.png",
    "figures/speaker_heatmap.pdf",
)


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
        The options of the run, recorded in the provenance.
    input_paths
        The files the corpus was read from (with a corpus folder's ``metadata.csv``).
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


def run(
    corpus: str | os.PathLike | pd.DataFrame,
    *,
    actors: str | os.PathLike | Actors | None = None,
    codebook: str | os.PathLike | Codebook | None = None,
    levels: int | None = None,
    fold_accents: bool = False,
    nested_scope: str = "theme",
    encoding: str = "utf-8",
    lang: str | None = None,
) -> RunResult:
    """Run the whole pipeline on a corpus and return every table.

    Parameters
    ----------
    corpus
        A folder of readouts, a CSV / JSONL / Parquet file (see :func:`read_corpus`), or a
        documents DataFrame already read.
    actors
        The actors file (or object); None uses the default ``data/actors.yml``.
    codebook
        The codebook file (or object); None uses the default codebook.
    levels, fold_accents, nested_scope
        Coding options, see :func:`discourse.code_themes`.
    encoding, lang
        Reading options, see :func:`discourse.read_corpus`.

    Returns
    -------
    RunResult

    Examples
    --------
    >>> import discourse
    >>> r = discourse.run("data/raw")                               # doctest: +SKIP
    >>> r.counts.query("theme == 'sovereignty'")[["side", "share"]]  # doctest: +SKIP
    """
    actors_obj = actors if isinstance(actors, Actors) else read_actors(actors)
    codebook_obj = read_codebook(codebook)          # the small files first: errors come fast
    if isinstance(corpus, pd.DataFrame):
        documents = corpus
    else:
        documents = read_corpus(corpus, encoding=encoding, lang=lang)
    options = {"levels": levels, "fold_accents": fold_accents, "nested_scope": nested_scope}
    statements, attributed, coded, matches = process_batch(
        documents, actors=actors_obj, codebook=codebook_obj, **options
    )
    counts = count_themes(coded, by="side", matches=matches)
    counts_by_speaker = count_themes(coded, by=["side", "speaker_name"], matches=matches)
    paths = ()
    if "path" in documents.columns:
        paths = tuple(str(p) for p in documents["path"].dropna().unique())
    paths = _input_paths(None if isinstance(corpus, pd.DataFrame) else corpus, paths)
    parameters = {
        **options,
        "encoding": encoding,
        "lang": lang,
        "corpus": None if isinstance(corpus, pd.DataFrame) else str(corpus),
    }
    return RunResult(
        documents=documents,
        statements=statements,
        attributed=attributed,
        coded=coded,
        matches=matches,
        counts=counts,
        counts_by_speaker=counts_by_speaker,
        codebook=codebook_obj,
        actors=actors_obj,
        parameters=parameters,
        input_paths=paths,
    )


def process_batch(
    documents: pd.DataFrame,
    *,
    actors: Actors,
    codebook: Codebook,
    levels: int | None = None,
    fold_accents: bool = False,
    nested_scope: str = "theme",
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Run the per-document stages on a batch of documents.

    Every stage from statements to themes depends on one document at a time, so a corpus can
    be processed batch by batch (streaming, processes, Dask partitions) with the same result
    as in one piece.

    Returns
    -------
    statements, attributed, coded, matches : DataFrame
    """
    options = {"levels": levels, "fold_accents": fold_accents, "nested_scope": nested_scope}
    statements = split_statements(documents)
    attributed = attribute_speakers(statements, actors=actors)
    matches = find_matches(attributed, codebook=codebook, **options)
    coded = code_themes(attributed, codebook=codebook, matches=matches, **options)
    return statements, attributed, coded, matches


def _check_run_folder(out: Path, *, force: bool) -> None:
    """Refuse to write into a non-empty folder that a previous run did not write.

    A folder holding the ``provenance.json`` of a run is a run folder: its run files are
    replaced, and any other file in it (notes, notebooks) is left alone. Hidden files
    (``.gitkeep``) do not count.
    """
    if not out.exists():
        return
    if not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder; give a folder for the run outputs")
    if force or _is_run_folder(out):
        return
    present = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    if present:
        raise ExportError(
            f"{out}: the folder is not empty and was not written by discourse (it holds "
            f"{', '.join(present[:3])}{'…' if len(present) > 3 else ''}); choose an empty or "
            "new folder, or pass force=True (--force on the command line) to write into it"
        )


def _is_run_folder(out: Path) -> bool:
    """True if ``out`` holds the provenance.json of a discourse run."""
    try:
        prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(prov, dict) and str(prov.get("format", "")).startswith("discourse-")


def write_run(
    result: RunResult, out: str | os.PathLike, *, force: bool = False, bom: bool = False
) -> list[Path]:
    """Write a run folder: coded CSV, matches, theme counts, data dictionary, provenance, figures.

    Parameters
    ----------
    result
        What :func:`run` returned.
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
        The files written (:data:`RUN_FILES`).

    Raises
    ------
    ExportError
        If ``out`` is a non-empty folder not written by discourse and ``force`` is false.

    Examples
    --------
    >>> import discourse, tempfile
    >>> files = discourse.write_run(discourse.run("data/raw"), tempfile.mkdtemp())  # doctest: +SKIP
    """
    from ..io.export import write_coded_csv, write_matches_csv, write_table_csv

    out = Path(out)
    _check_run_folder(out, force=force)
    out.mkdir(parents=True, exist_ok=True)
    keep = {"overwrite": True}
    written = [
        write_atomic(out / "documents.jsonl", format_documents_jsonl(result.documents)),
        write_coded_csv(result.coded, out / "coded_statements.csv", bom=bom, **keep),
        write_matches_csv(result.matches, out / "matches.csv", bom=bom, **keep),
        write_table_csv(result.counts, out / "theme_counts.csv", bom=bom, **keep),
        write_table_csv(
            result.counts_by_speaker, out / "theme_counts_by_speaker.csv", bom=bom, **keep
        ),
    ]
    return _write_run_rest(
        out,
        written,
        codebook=result.codebook,
        actors=result.actors,
        counts=result.counts,
        counts_by_speaker=result.counts_by_speaker,
        input_paths=result.input_paths,
        parameters=result.parameters,
    )


def _write_run_rest(
    out: Path,
    written: list[Path],
    *,
    codebook: Codebook,
    actors: Actors,
    counts: pd.DataFrame,
    counts_by_speaker: pd.DataFrame,
    input_paths,
    parameters: dict,
) -> list[Path]:
    """Write what every run folder holds beyond the tables: the same for every engine.

    The codebook, the data dictionary (of ``coded_statements.csv`` as written: its columns in
    file order, their types as a reader sees them), the figures and, last, the provenance
    listing every file of the run.
    """
    import matplotlib.pyplot as plt

    from ..coding.codebook import write_codebook
    from ..io.datadict import write_data_dictionary
    from ..io.export import read_table_csv
    from ..analysis.figures.heatmap import plot_speaker_heatmap
    from ..analysis.figures.shares import plot_theme_shares
    from ..analysis.figures.writer import write_figure
    from ..io.provenance import make_provenance, write_provenance

    written = list(written)
    written.append(write_codebook(codebook, out / "codebook.yml", overwrite=True))
    head = _coded_head(out / "coded_statements.csv")
    for name in ("data_dictionary.csv", "data_dictionary.md"):
        written.append(write_data_dictionary(head, out / name, codebook=codebook,
                                             overwrite=True))
    labels = {t.id: t.label for t in codebook.themes}
    for name, plot, table, csv in (
        ("theme_shares", plot_theme_shares, counts, "theme_counts.csv"),
        ("speaker_heatmap", plot_speaker_heatmap, counts_by_speaker,
         "theme_counts_by_speaker.csv"),
    ):
        # Drawn from the table as written, so every engine draws the same figure (their
        # float sums may differ in the last bits, which the CSV's 6 decimals do not show).
        as_written = read_table_csv(out / csv)
        as_written.attrs.update(table.attrs)
        fig = plot(top_level(as_written), labels=labels)
        try:
            written += write_figure(fig, out / "figures" / name, formats=("png", "pdf"))
        finally:
            plt.close(fig)
    prov = make_provenance(
        codebook=codebook, actors_path=actors, input_paths=input_paths, parameters=parameters
    )
    prov["files"] = sorted(p.relative_to(out).as_posix() for p in written) + ["provenance.json"]
    written.append(write_provenance(prov, out / "provenance.json", overwrite=True))
    return written


def _coded_head(path: Path, nrows: int = 1000) -> pd.DataFrame:
    """The first rows of a coded CSV, typed as :func:`discourse.read_table_csv` types them.

    The data dictionary describes the file as written, so it is the same whichever engine
    wrote the file.
    """
    from ..io.export import TEXT_COLUMNS

    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    dtypes = {c: "string" for c in header if c in TEXT_COLUMNS}
    return pd.read_csv(path, nrows=nrows, dtype=dtypes, encoding="utf-8-sig",
                       keep_default_na=False, na_values=[""])


def _input_paths(corpus, paths) -> tuple[str, ...]:
    """The files a run read: the documents' files, and a corpus folder's ``metadata.csv``."""
    found = set(str(p) for p in paths)
    if corpus is not None and Path(corpus).is_dir() and (Path(corpus) / "metadata.csv").is_file():
        found.add(str(Path(corpus) / "metadata.csv"))
    return tuple(sorted(found))


@dataclass(frozen=True)
class RunSummary:
    """What :func:`write_run_folder` wrote.

    Attributes
    ----------
    files
        The files written (:data:`RUN_FILES`).
    n_documents, n_statements, n_matches
        Totals of the run.
    engine
        How the run was done: ``"memory"``, ``"streaming"`` or ``"dask"``.
    """

    files: tuple[Path, ...]
    n_documents: int
    n_statements: int
    n_matches: int
    engine: str


def write_run_folder(
    corpus: str | os.PathLike | pd.DataFrame,
    out: str | os.PathLike,
    *,
    actors: str | os.PathLike | Actors | None = None,
    codebook: str | os.PathLike | Codebook | None = None,
    jobs: int = 1,
    batch_size: int | None = None,
    engine: str = "pandas",
    scheduler: str | None = None,
    progress: bool = True,
    force: bool = False,
    bom: bool = False,
    levels: int | None = None,
    fold_accents: bool = False,
    nested_scope: str = "theme",
    encoding: str = "utf-8",
    lang: str | None = None,
) -> RunSummary:
    """Run the pipeline on a corpus and write its run folder, in memory or streamed.

    With the defaults (``jobs=1``, no ``batch_size``, ``engine="pandas"``) the corpus is
    processed in memory (:func:`run` then :func:`write_run`). Otherwise it is streamed batch
    by batch (:func:`discourse.pipeline.engines.run_streaming`, on ``jobs`` processes, or on Dask with
    ``engine="dask"``) in bounded memory. Both write the same files, byte for byte: the
    execution options (jobs, batch size, engine, scheduler) do not change the results and
    are not recorded in ``provenance.json``. A streamed run reads the corpus twice: once to
    write ``documents.jsonl`` (batch by batch), once to process it.

    Parameters
    ----------
    corpus, actors, codebook, levels, fold_accents, nested_scope, encoding, lang
        As for :func:`run`.
    out, force, bom
        As for :func:`write_run`.
    jobs
        Processes (-1: one per CPU core). With ``engine="dask"`` and no ``scheduler``: the
        workers of the ``LocalCluster`` started for the run.
    batch_size
        Documents per batch (default 500 when streaming); giving it streams the run.
    engine
        ``"pandas"`` (this machine) or ``"dask"`` (a Dask cluster).
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``); only with ``engine="dask"``.
    progress
        Show a progress bar (documents/s) when streaming on a terminal or in a notebook.

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
    from .engines import ENGINES

    if engine not in ENGINES:
        raise ParameterError(f"engine={engine!r} is not valid; valid: {', '.join(ENGINES)}")
    if scheduler is not None and engine != "dask":
        raise ParameterError(f"scheduler={scheduler!r} needs the Dask engine; add "
                             "engine='dask' (--engine dask on the command line)")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs == 0 or jobs < -1:
        raise ParameterError(f"jobs={jobs!r} is not valid; give a number of processes >= 1, "
                             "or -1 for one per CPU core")
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(
            batch_size, int) or batch_size < 1):
        raise ParameterError(f"batch_size={batch_size!r} is not valid; give a number of "
                             "documents >= 1 (e.g. 500)")
    options = {"levels": levels, "fold_accents": fold_accents, "nested_scope": nested_scope}
    reading = {"encoding": encoding, "lang": lang}
    _check_run_folder(Path(out), force=force)    # before the work, not after it
    if engine == "pandas" and jobs == 1 and batch_size is None:
        result = run(corpus, actors=actors, codebook=codebook, **options, **reading)
        files = write_run(result, out, force=force, bom=bom)
        return RunSummary(files=tuple(files), n_documents=len(result.documents),
                          n_statements=len(result.coded), n_matches=len(result.matches),
                          engine="memory")
    return _write_run_streamed(
        corpus, Path(out), actors=actors, codebook=codebook, jobs=jobs,
        batch_size=batch_size or 500, engine=engine, scheduler=scheduler, progress=progress,
        force=force, bom=bom, options=options, reading=reading)


def _write_run_streamed(corpus, out: Path, *, actors, codebook, jobs, batch_size, engine,
                        scheduler, progress, force, bom, options, reading) -> RunSummary:
    """The streamed run folder (see :func:`write_run_folder`)."""
    from . import engines

    if engine == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ParameterError("engine='dask' needs the dask and distributed packages; "
                                 "install them (pip install 'dask[distributed]')") from None
        if scheduler is not None and jobs != 1:
            raise ParameterError("jobs sets the size of the local Dask cluster; with a "
                                 "scheduler the cluster's own workers are used: drop jobs "
                                 "(--jobs)")
    actors_obj = actors if isinstance(actors, Actors) else read_actors(actors)
    codebook_obj = read_codebook(codebook)
    _check_run_folder(out, force=force)
    out.mkdir(parents=True, exist_ok=True)
    documents, paths, n_documents = _write_documents_streamed(
        corpus, out / "documents.jsonl", batch_size=batch_size, **reading)
    common = dict(out=out, actors=actors_obj, codebook=codebook_obj, batch_size=batch_size,
                  progress=progress, bom=bom, **reading, **options)
    if engine == "dask":
        workers = (os.cpu_count() or 1) if jobs in (-1, 1) else jobs
        streamed = engines.run_on_dask(corpus, scheduler=scheduler, n_workers=workers,
                                       **common)
    else:
        streamed = engines.run_streaming(corpus, jobs=jobs, **common)
    parameters = {**options, **reading,
                  "corpus": None if isinstance(corpus, pd.DataFrame) else str(corpus)}
    written = [documents, *streamed.files]
    files = _write_run_rest(
        out, written, codebook=codebook_obj, actors=actors_obj, counts=streamed.counts,
        counts_by_speaker=streamed.counts_by_speaker,
        input_paths=_input_paths(parameters["corpus"], paths), parameters=parameters)
    return RunSummary(files=tuple(files), n_documents=n_documents,
                      n_statements=streamed.n_statements, n_matches=streamed.n_matches,
                      engine="dask" if engine == "dask" else "streaming")


def _write_documents_streamed(corpus, path: Path, *, batch_size: int, encoding: str,
                              lang: str | None) -> tuple[Path, set, int]:
    """Write ``documents.jsonl`` batch by batch; return it, the files read and the count."""
    from ..io.files import open_atomic
    from .engines import iter_batches

    paths: set = set()
    n = 0
    with open_atomic(path, "w", overwrite=True) as fh:
        for batch in iter_batches(corpus, batch_size=batch_size, encoding=encoding, lang=lang):
            fh.write(format_documents_jsonl(batch))
            if "path" in batch.columns:
                paths.update(str(p) for p in batch["path"].dropna().unique())
            n += len(batch)
    return path, paths, n


def format_documents_jsonl(documents: pd.DataFrame) -> str:
    """The documents table as JSON lines (one document a line, text exactly as read)."""
    lines = []
    for row in documents.to_dict(orient="records"):
        clean = {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in row.items()}
        lines.append(json.dumps(clean, ensure_ascii=False, sort_keys=True, default=str))
    return "\n".join(lines) + ("\n" if lines else "")


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
        If the folder is not a run folder (no ``provenance.json``), lacks a file, or its
        ``provenance.json`` or ``documents.jsonl`` is damaged.

    Examples
    --------
    >>> tables = read_run("data/processed/run")                     # doctest: +SKIP
    >>> tables["coded"][["stmt_id", "speaker", "themes"]].head()     # doctest: +SKIP
    """
    from ..coding.codebook import read_codebook
    from ..io.export import read_table_csv

    out = Path(out)
    if not (out / "provenance.json").is_file():
        raise ParameterError(
            f"{out}: not a run folder (no provenance.json); give a folder written by "
            "`discourse run CORPUS --out FOLDER`"
        )
    needed = ["codebook.yml", "coded_statements.csv", "matches.csv", "theme_counts.csv"]
    missing = [n for n in needed if not (out / n).is_file()]
    if missing:
        raise ParameterError(
            f"{out}: the run folder lacks {', '.join(missing)}; run `discourse run` again"
        )
    try:
        provenance = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ParameterError(f"{out / 'provenance.json'}: damaged ({err}); run `discourse "
                             "run` again") from None
    documents = None
    if (out / "documents.jsonl").is_file():
        documents = _read_documents_jsonl(out / "documents.jsonl")
    coded = read_table_csv(out / "coded_statements.csv")
    matches = read_table_csv(out / "matches.csv")
    for table in (coded, matches):
        table["doc_id"] = table["doc_id"].astype(str)
    return {
        "documents": documents,
        "coded": coded,
        "matches": matches,
        "theme_counts": read_table_csv(out / "theme_counts.csv"),
        "codebook": read_codebook(out / "codebook.yml"),
        "provenance": provenance,
    }


def _read_documents_jsonl(path: Path) -> pd.DataFrame:
    """The documents table of a run folder, values exactly as written (no type guessing)."""
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
