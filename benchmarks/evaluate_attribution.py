"""Evaluate speaker attribution on the hand-written evaluation set.

Prints statement-level accuracy per language and per gold cue type, the speaker x speaker
confusion table and (with --errors) every error with its context, plus the throughput.

Usage::

    python benchmarks/evaluate_attribution.py [FOLDER] [--segmentation gold|split] [--errors]

FOLDER defaults to tests/data/attribution (its actors.yml is used). ``--segmentation gold``
(the default) cuts statements at the gold sentences, so the figures measure attribution
alone; ``split`` uses discourse.split_statements and aligns by character overlap.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from discourse.speakers.actors import read_actors  # noqa: E402
from discourse.speakers.attribution import attribute_speakers  # noqa: E402
from discourse.speakers.evaluation import (  # noqa: E402
    evaluate_attribution, gold_statements, read_attribution_gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "tests/data/attribution"))
    ap.add_argument("--actors", default=None, help="actors file (default: FOLDER/actors.yml)")
    ap.add_argument("--segmentation", choices=("gold", "split"), default="gold")
    ap.add_argument("--errors", action="store_true", help="print every error with context")
    args = ap.parse_args(argv)
    folder = Path(args.folder)
    actors_path = args.actors or (folder / "actors.yml" if (folder / "actors.yml").exists()
                                  else None)
    actors = read_actors(actors_path)
    documents, gold = read_attribution_gold(folder)
    if args.segmentation == "split":
        from discourse.text.statements import split_statements
        statements = split_statements(documents)
    else:
        statements = gold_statements(documents, gold)
    t0 = time.perf_counter()
    attributed = attribute_speakers(statements, actors=actors)
    seconds = time.perf_counter() - t0
    ev = evaluate_attribution(attributed, gold)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 50)
    pd.set_option("display.max_colwidth", 120)
    print(f"{len(documents)} documents, {ev.n} gold sentences; segmentation: "
          f"{args.segmentation}")
    print(f"overall speaker accuracy: {ev.accuracy:.3f}   (cue accuracy {ev.cue_accuracy:.3f})")
    print("\naccuracy per language:")
    print(ev.by_lang.to_string(index=False, float_format="%.3f"))
    by = ev.aligned.groupby(["lang", "gold_cue"])["correct"].agg(["size", "sum", "mean"])
    by.columns = ["n", "n_correct", "accuracy"]
    print("\naccuracy per language and gold cue:")
    print(by.to_string(float_format="%.3f"))
    print("\nconfusion (gold rows x predicted columns):")
    print(ev.confusion.to_string())
    print(f"\nthroughput: {len(statements) / max(seconds, 1e-9):,.0f} statements/s "
          f"({seconds:.2f} s for {len(statements)} statements)")
    if args.errors:
        print(f"\n{len(ev.errors)} errors:")
        for r in ev.errors.itertuples():
            print(f"- [{r.doc_id}] gold={r.gold} ({r.gold_cue}) predicted={r.predicted} "
                  f"({r.predicted_cue}: {r.cue_text!r})\n    {r.text}\n    before: "
                  f"{r.before[:150]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
