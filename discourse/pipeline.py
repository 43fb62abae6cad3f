"""The whole pipeline in one call: read → statements → speakers → themes → tables.

:func:`run` chains the stages exactly as a notebook would with ``.pipe`` and returns every
intermediate table in a :class:`RunResult`; :func:`write_run` writes a run folder (coded CSV,
matches, theme counts, data dictionary, provenance, figures) that the command line
``discourse run`` also produces.

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

from .actors import Actors, read_actors
from .attribution import attribute_speakers
from .codebook import Codebook, read_codebook
from .coding import code_themes, find_matches
from .corpus import read_corpus
from ._io import write_atomic
from .errors import ExportError, ParameterError
from .statements import split_statements
from .tables import count_themes

__all__ = ["RunResult", "run", "process_batch", "write_run", "read_run", "top_level", "RUN_FILES"]

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
        The files the corpus was read from.
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
    if isinstance(corpus, pd.DataFrame):
        documents = corpus
    else:
        documents = read_corpus(corpus, encoding=encoding, lang=lang)
    actors_obj = actors if isinstance(actors, Actors) else read_actors(actors)
    codebook_obj = read_codebook(codebook)
    options = {"levels": levels, "fold_accents": fold_accents, "nested_scope": nested_scope}
    statements, attributed, coded, matches = process_batch(
        documents, actors=actors_obj, codebook=codebook_obj, **options
    )
    counts = count_themes(coded, by="side", matches=matches)
    counts_by_speaker = count_themes(coded, by=["side", "speaker_name"], matches=matches)
    paths = tuple(sorted(str(p) for p in documents["path"].dropna().unique()))
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

    A folder holding ``provenance.json`` is a run folder: its run files are replaced, and any
    other file in it (notes, notebooks) is left alone.
    """
    if not out.exists():
        return
    if not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder; give a folder for the run outputs")
    if (out / "provenance.json").exists() or force:
        return
    present = sorted(p.name for p in out.iterdir())
    if present:
        raise ExportError(
            f"{out}: the folder is not empty and was not written by discourse (it holds "
            f"{', '.join(present[:3])}{'…' if len(present) > 3 else ''}); choose an empty or "
            "new folder, or pass force=True (--force on the command line) to write into it"
        )


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

    Examples
    --------
    >>> import discourse, tempfile
    >>> files = discourse.write_run(discourse.run("data/raw"), tempfile.mkdtemp())  # doctest: +SKIP
    """
    from .export import write_coded_csv, write_data_dictionary, write_matches_csv, write_table_csv
    from .figures import plot_speaker_heatmap, plot_theme_shares, write_figure
    from .codebook import write_codebook
    from .provenance import make_provenance, write_provenance

    out = Path(out)
    _check_run_folder(out, force=force)
    out.mkdir(parents=True, exist_ok=True)
    keep = {"overwrite": True}
    labels = {t.id: t.label for t in result.codebook.themes}
    written = [
        write_atomic(out / "documents.jsonl", format_documents_jsonl(result.documents)),
        write_codebook(result.codebook, out / "codebook.yml", overwrite=True),
        write_coded_csv(result.coded, out / "coded_statements.csv", bom=bom, **keep),
        write_matches_csv(result.matches, out / "matches.csv", bom=bom, **keep),
        write_table_csv(result.counts, out / "theme_counts.csv", bom=bom, **keep),
        write_table_csv(
            result.counts_by_speaker, out / "theme_counts_by_speaker.csv", bom=bom, **keep
        ),
        write_data_dictionary(
            result.coded, out / "data_dictionary.csv", codebook=result.codebook, **keep
        ),
        write_data_dictionary(
            result.coded, out / "data_dictionary.md", codebook=result.codebook, **keep
        ),
    ]
    import matplotlib.pyplot as plt

    for name, plot, counts in (
        ("theme_shares", plot_theme_shares, top_level(result.counts)),
        ("speaker_heatmap", plot_speaker_heatmap, top_level(result.counts_by_speaker)),
    ):
        fig = plot(counts, labels=labels)
        try:
            written += write_figure(fig, out / "figures" / name, formats=("png", "pdf"))
        finally:
            plt.close(fig)
    prov = make_provenance(
        codebook=result.codebook,
        actors_path=result.actors,
        input_paths=result.input_paths,
        parameters=result.parameters,
    )
    prov["files"] = sorted(str(p.relative_to(out)) for p in written) + ["provenance.json"]
    written.append(write_provenance(prov, out / "provenance.json", overwrite=True))
    return written


def top_level(counts: pd.DataFrame) -> pd.DataFrame:
    """Keep the rows of top-level themes (no dot in the id) of a theme-count table.

    Examples
    --------
    >>> import pandas as pd
    >>> top_level(pd.DataFrame({"theme": ["cooperation", "cooperation.exchanges"]}))["theme"].tolist()
    ['cooperation']
    """
    return counts[~counts["theme"].astype(str).str.contains(".", regex=False)].reset_index(drop=True)


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
        ``documents``, ``coded``, ``matches``, ``theme_counts`` (DataFrames), ``codebook``
        (the codebook the run used) and ``provenance`` (dict).

    Raises
    ------
    ParameterError
        If the folder is not a run folder (no ``provenance.json``) or lacks a file.
    """
    from .codebook import read_codebook
    from .export import read_table_csv

    out = Path(out)
    if not (out / "provenance.json").is_file():
        raise ParameterError(
            f"{out}: not a run folder (no provenance.json); give a folder written by "
            "`discourse run CORPUS --out FOLDER`"
        )
    needed = ["documents.jsonl", "codebook.yml", "coded_statements.csv", "matches.csv",
              "theme_counts.csv"]
    missing = [n for n in needed if not (out / n).is_file()]
    if missing:
        raise ParameterError(
            f"{out}: the run folder lacks {', '.join(missing)}; run `discourse run` again"
        )
    documents = pd.read_json(out / "documents.jsonl", lines=True, dtype=False)
    documents["doc_id"] = documents["doc_id"].astype(str)
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
        "provenance": json.loads((out / "provenance.json").read_text(encoding="utf-8")),
    }
