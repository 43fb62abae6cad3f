"""The ``discourse`` command line: run the pipeline, export a run, execute the notebooks.

::

    discourse run CORPUS --out DIR [--actors FILE] [--codebook FILE] [--force]
    discourse export RUN_DIR --format {csv,parquet,stata,xlsx,qdpx,qdc} --out FILE [--force]
    discourse notebooks [--corpus PATH] [--codebook FILE] [--actors FILE] --out DIR
    discourse appendix [CODEBOOK] --out FILE.md|FILE.tex

Bad input ends the command with a one-line message naming the file and what to do, and a
non-zero exit status (2); ``python -m discourse`` works the same.

Examples
--------
>>> from discourse.cli import main
>>> main(["run", "no/such/folder", "--out", "/tmp/x"])  # doctest: +SKIP
discourse: no/such/folder: no such file or folder; ...
2
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import DiscourseError, ParameterError

__all__ = ["main", "build_parser"]

EXPORT_FORMATS = ("csv", "parquet", "stata", "xlsx", "qdpx", "qdc")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``discourse`` command."""
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
    run.add_argument("--codebook", help="codebook file: .yml, .dic (LIWC), .lc3 (Lexicoder)")
    run.add_argument("--levels", type=int, help="code themes down to this depth (1 = top level)")
    run.add_argument("--fold-accents", action="store_true", help="match without accents")
    run.add_argument("--nested-scope", choices=("theme", "all"), default="theme",
                     help="where the longest-match rule applies (default: within a theme)")
    run.add_argument("--encoding", default="utf-8", help="text encoding of the corpus files")
    run.add_argument("--lang", help="language of every document (default: metadata or detected)")
    run.add_argument("--bom", action="store_true", help="write CSVs with a UTF-8 BOM (Excel)")
    run.add_argument("--force", action="store_true",
                     help="write into a non-empty folder not written by discourse")

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
    nb.add_argument("--results", help="folder where the notebooks write tables and figures")
    nb.add_argument("--only", action="append", help="only notebooks starting with this (e.g. 01)")

    app = sub.add_parser("appendix", help="write the codebook as a Markdown or LaTeX appendix")
    app.add_argument("codebook", nargs="?", help="codebook file (default: the default codebook)")
    app.add_argument("--out", required=True, help="a .md or .tex file")
    app.add_argument("--force", action="store_true", help="replace an existing file")
    return parser


def _cmd_run(args: argparse.Namespace) -> int:
    from .pipeline import run, write_run

    result = run(
        args.corpus,
        actors=args.actors,
        codebook=args.codebook,
        levels=args.levels,
        fold_accents=args.fold_accents,
        nested_scope=args.nested_scope,
        encoding=args.encoding,
        lang=args.lang,
    )
    write_run(result, args.out, force=args.force, bom=args.bom)
    coded = result.coded
    print(
        f"discourse: {len(result.documents)} document(s), {len(coded)} statement(s), "
        f"{int((coded['themes'] != '').sum())} coded, {len(result.matches)} match(es) "
        f"-> {args.out}"
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .pipeline import read_run

    run_dir = Path(args.run_dir)
    tables = read_run(run_dir)
    out, fmt, force = Path(args.out), args.format, args.force
    from . import export

    prov = tables["provenance"]
    if fmt == "csv":
        export.write_coded_csv(tables["coded"], out, overwrite=force, provenance=prov)
    elif fmt == "parquet":
        export.write_parquet(tables["coded"], out, overwrite=force, provenance=prov)
    elif fmt == "stata":
        export.write_stata(tables["coded"], out, codebook=tables["codebook"],
                           overwrite=force, provenance=prov)
    elif fmt == "xlsx":
        sheets = {"coded": tables["coded"], "matches": tables["matches"],
                  "theme_counts": tables["theme_counts"]}
        export.write_excel(sheets, out, codebook=tables["codebook"], overwrite=force,
                           provenance=prov)
    elif fmt in ("qdpx", "qdc"):
        from .refi import write_qdc, write_qdpx

        if fmt == "qdc":
            write_qdc(tables["codebook"], out, overwrite=force)
        else:
            write_qdpx(tables["coded"], tables["documents"], out, codebook=tables["codebook"],
                       unit=args.unit, matches=tables["matches"], overwrite=force,
                       provenance=prov)
    print(f"discourse: wrote {out}")
    return 0


def _cmd_notebooks(args: argparse.Namespace) -> int:
    from .notebooks import execute_notebooks

    params = {
        key: value
        for key, value in {
            "CORPUS": args.corpus,
            "CODEBOOK": args.codebook,
            "ACTORS": args.actors,
            "RESULTS": args.results,
        }.items()
        if value is not None
    }
    written = execute_notebooks(args.folder, out=args.out, parameters=params, names=args.only)
    for path in written:
        print(f"discourse: executed {path}")
    return 0


def _cmd_appendix(args: argparse.Namespace) -> int:
    from .appendix import write_codebook_appendix
    from .codebook import read_codebook

    path = write_codebook_appendix(read_codebook(args.codebook), args.out, overwrite=args.force)
    print(f"discourse: wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 success, 2 bad input).

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
    }
    try:
        return commands[args.command](args)
    except DiscourseError as err:
        print(f"discourse: {err}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as err:  # a damaged provenance.json in a run folder
        print(f"discourse: {ParameterError(str(err))}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
