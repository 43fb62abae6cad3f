"""``discourse corpus``: relayed copies, recipes, rebuilding from live addresses, overview.

The subcommands of :mod:`discourse.cli` that work on a corpus before any run::

    discourse corpus dedupe CORPUS --out REPORT.csv [--flags FILE.csv] [--min-shared X]
                            [--original SOURCE ...]
    discourse corpus recipe CORPUS --out recipe.csv [--pages DIR]
    discourse corpus fetch recipe.csv --out DIR [--delay S] [--retries N] [--timeout S]
    discourse corpus summary CORPUS --out DIR [--speakers] [--keep-relays]

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> add_corpus_parser(parser.add_subparsers(dest="command"))
>>> parser.parse_args(["corpus", "fetch", "recipe.csv", "--out", "texts"]).delay
2.0
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .analysis.figures.writer import write_figure
from .corpus.fetch import fetch_corpus
from .corpus.reader import read_corpus
from .corpus.recipes import make_recipe, write_recipe
from .corpus.relays import find_relays, report_relays
from .corpus.summary import plot_corpus_summary, summarize_corpus
from .io.files import check_writable, write_atomic
from .speakers.attribution import attribute_speakers
from .text.statements import split_statements

__all__ = ["add_corpus_parser", "run_corpus_command"]


def add_corpus_parser(sub) -> None:
    """Add ``discourse corpus dedupe|recipe|fetch|summary`` to the subcommands ``sub``."""
    corpus = sub.add_parser("corpus", help="relayed copies, recipes, rebuilding, overview")
    csub = corpus.add_subparsers(dest="corpus_command", required=True, metavar="ACTION")
    dd = csub.add_parser("dedupe", help="find relayed copies; write the groups' report")
    dd.add_argument("corpus", help="a folder of readouts or a table file")
    dd.add_argument("--out", required=True, help="the report (.csv): groups, similarity, kept")
    dd.add_argument("--flags", help="also write doc_id, relay_group, relay_of... (.csv), one "
                    "row per document, to merge into metadata.csv")
    dd.add_argument("--min-shared", type=float, default=0.8,
                    help="share of the shorter text found in the other (default 0.8)")
    dd.add_argument("--original", action="append", default=[], metavar="SOURCE",
                    help="a source whose copy is the original (repeatable)")
    rc = csub.add_parser("recipe", help="write the corpus recipe (addresses, checksums, spans)")
    rc.add_argument("corpus", help="a folder of saved pages or readouts with a url column")
    rc.add_argument("--out", required=True, help="the recipe (.csv)")
    rc.add_argument("--pages", help="folder of the pages the texts were cut from")
    fe = csub.add_parser("fetch", help="rebuild a corpus from its recipe (polite, resumable)")
    fe.add_argument("recipe", help="a recipe .csv")
    fe.add_argument("--out", required=True, help="the folder of rebuilt texts")
    fe.add_argument("--delay", type=float, default=2.0, help="seconds between requests to a host")
    fe.add_argument("--retries", type=int, default=3, help="retries of a failed request")
    fe.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    su = csub.add_parser("summary", help="readouts per outlet, year, language, side; speakers")
    su.add_argument("corpus", help="a folder of readouts or a table file")
    su.add_argument("--out", required=True, help="folder for corpus_summary.csv and .png")
    su.add_argument("--speakers", action="store_true",
                    help="attribute speakers (default actors) and count statements per speaker")
    su.add_argument("--keep-relays", action="store_true", help="do not look for relays")
    for p in (dd, rc, fe, su):
        p.add_argument("--force", action="store_true", help="replace existing files")


def run_corpus_command(args: argparse.Namespace) -> int:
    """Carry out ``discourse corpus ACTION``; return the exit status (0, or 1 if a fetch failed)."""
    action = args.corpus_command
    if action == "fetch":
        report = fetch_corpus(args.recipe, args.out, delay=args.delay, retries=args.retries,
                              timeout=args.timeout)
        bad = report[report["status"] != "ok"]
        print(f"discourse: rebuilt {len(report) - len(bad)} of {len(report)} documents in "
              f"{args.out}; see fetch_report.csv" + "".join(
                  f"\n  {r.status:11} {r.doc_id}: {r.detail}" for r in bad.itertuples()))
        return 1 if len(bad) else 0
    docs = read_corpus(args.corpus)
    if action == "recipe":
        path = write_recipe(make_recipe(docs, pages=args.pages), args.out, overwrite=args.force)
        print(f"discourse: wrote {path} ({len(docs)} documents)")
        return 0
    if action == "dedupe":
        flagged = find_relays(docs, min_shared=args.min_shared, originals=args.original)
        report = report_relays(flagged, originals=args.original)
        for path, table in ((args.out, report), (args.flags, flagged.drop(
                columns=[c for c in ("text", "path") if c in flagged]))):
            if path:
                write_atomic(check_writable(path, overwrite=args.force),
                             table.to_csv(index=False, lineterminator="\n"))
        print(f"discourse: {report['relay_group'].nunique()} groups, "
              f"{int((~report['kept']).sum())} relays; wrote {args.out}")
        return 0
    return _corpus_summary(args, docs if args.keep_relays else find_relays(docs))


def _corpus_summary(args: argparse.Namespace, docs) -> int:
    attributed = None
    if args.speakers:
        attributed = attribute_speakers(split_statements(docs))
    summary = summarize_corpus(docs, attributed=attributed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(check_writable(out / "corpus_summary.csv", overwrite=args.force),
                 summary.to_csv(index=False, lineterminator="\n"))
    write_figure(plot_corpus_summary(summary), out / "corpus_summary", formats=("png",),
                 overwrite=args.force)
    print(summary.to_string(index=False))
    return 0
