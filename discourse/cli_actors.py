"""``discourse actors``: grow the actors file from what a run found.

The subcommand of :mod:`discourse.cli` that lists the named speakers a run found and the
actors file does not hold, and writes them as a draft actors file to review::

    discourse actors suggest RUN_DIR --out DRAFT.yml [--table FILE.csv] [--actors FILE]
                             [--min-statements N] [--force]

The draft never replaces the actors file: the researcher copies the entries they accept.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> add_actors_parser(parser.add_subparsers(dest="command"))
>>> parser.parse_args(["actors", "suggest", "run", "--out", "draft.yml"]).min_statements
1
"""

from __future__ import annotations

import argparse

from .errors import ParameterError
from .io.files import check_writable, write_atomic
from .pipeline.folder import read_run
from .speakers.actors import read_actors
from .speakers.suggestions import draft_actors, suggest_actors

__all__ = ["add_actors_parser", "run_actors_command"]


def add_actors_parser(sub) -> None:
    """Add ``discourse actors suggest`` to the subcommands ``sub``."""
    actors = sub.add_parser("actors", help="grow the actors file: suggest the speakers a run "
                            "found that it does not hold")
    asub = actors.add_subparsers(dest="actors_command", required=True, metavar="ACTION")
    sg = asub.add_parser("suggest", help="write a draft actors file of the named speakers a "
                         "run found outside the actors file")
    sg.add_argument("run", help="a run folder written by `discourse run`")
    sg.add_argument("--out", required=True, help="the draft actors file (.yml) to write")
    sg.add_argument("--table", help="also write the suggestions' table (.csv): counts, forms, "
                    "side, links and why, an example")
    sg.add_argument("--actors", help="the actors file the run used (default: the default "
                    "actors)")
    sg.add_argument("--min-statements", type=int, default=1,
                    help="leave out speakers with fewer statements (default 1)")
    sg.add_argument("--force", action="store_true", help="replace existing files")


def run_actors_command(args: argparse.Namespace) -> int:
    """Carry out ``discourse actors suggest``; return the exit status (0).

    Raises
    ------
    ParameterError
        If the run was attributed with another actors file than the one given (the
        suggestions would list actors the file holds, or miss people it lacks).
    """
    run = read_run(args.run)
    actors = read_actors(args.actors)
    used = (run["provenance"].get("actors") or {}).get("sha256")
    if used and actors.sha256 and used != actors.sha256:
        raise ParameterError(
            f"{args.run}: the run was attributed with another actors file than "
            f"{actors.path} (sha256 {used[:12]}... in provenance.json); give the file it "
            "used with --actors, or run `discourse run` again with this one")
    table = suggest_actors(run["coded"], actors=actors, min_statements=args.min_statements)
    draft = draft_actors(table, source=f"the run {args.run}")
    if not draft:
        print(f"discourse: nothing to suggest: every named speaker of {args.run} is in "
              f"{actors.path}")
        return 0
    targets = [(args.out, draft)]
    if args.table:
        targets.append((args.table, table.to_csv(index=False, lineterminator="\n")))
    paths = [check_writable(path, overwrite=args.force) for path, _ in targets]
    for path, (_, text) in zip(paths, targets):
        write_atomic(path, text)
    linked = int((table["same_as"] != "").sum())
    print(f"discourse: {len(table)} named speaker(s) outside {actors.path} ({linked} linked "
          f"to another id) -> {args.out}" + (f", {args.table}" if args.table else ""))
    return 0
