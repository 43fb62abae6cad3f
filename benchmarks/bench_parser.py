"""Benchmark the attribution stage on French text with and without the dependency parser.

The French documents (the real readouts' texts with ``--real``, else the self-written
evaluation sets ``tests/data/attribution*``) are split once; then
:func:`discourse.attribute_speakers` runs on them with ``parser="off"``, ``"auto"`` and
``"always"`` in turn, ``--repeat`` times, in one process after a warm-up (the spaCy model is
loaded once, as in a run). The best CPU time of each is kept (the machine is shared: the
ratio of runs measured side by side is what counts). It prints the stage's MB/s (UTF-8 MB of
statement text) per mode, the slow-down against ``off``, and how many statements the parser
read.

Usage::

    python benchmarks/bench_parser.py [--real] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from discourse import attribute_speakers, read_actors, split_statements  # noqa: E402
from discourse.speakers import parse  # noqa: E402
from discourse.speakers.evaluation import read_attribution_gold  # noqa: E402

MODES = ("off", "auto", "always")


def french_documents(real: bool) -> pd.DataFrame:
    """The French documents to attribute (the real readouts' or the self-written sets')."""
    if real:
        from evaluate_real import read_real
        documents, _, _ = read_real(["fr"])
        return documents
    frames = [read_attribution_gold(folder)[0] for folder in
              sorted((ROOT / "tests" / "data").glob("attribution*"))]
    documents = pd.concat(frames, ignore_index=True)
    return documents[documents["lang"] == "fr"].reset_index(drop=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", action="store_true", help="the real readouts' French texts")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if parse.load_parser("auto", "fr") is None:
        print(f"the French model is not installed: {parse.INSTALL}")
        return 0
    documents = french_documents(args.real)
    if documents.empty:
        print("no French documents (see data/real/README.md to rebuild the real texts)")
        return 0
    statements = split_statements(documents)
    mb = statements["text"].str.encode("utf-8").str.len().sum() / 1e6
    actors = read_actors()
    counted = {"n": 0}
    original = parse.SubjectParser.parse

    def counting(self, texts, batch_size=64):
        counted["n"] += len(texts)
        return original(self, texts, batch_size)

    parse.SubjectParser.parse = counting
    warnings.simplefilter("ignore")
    for mode in MODES:   # warm-up: cue rules compiled, the model loaded
        attribute_speakers(statements.head(40), actors=actors, parser=mode)
    best, parsed = {m: float("inf") for m in MODES}, {}
    for _ in range(args.repeat):
        for mode in MODES:
            counted["n"] = 0
            t = time.process_time()
            attribute_speakers(statements, actors=actors, parser=mode)
            best[mode] = min(best[mode], time.process_time() - t)
            parsed[mode] = counted["n"]
    print(f"{len(documents)} French documents, {len(statements)} statements, {mb:.3f} MB")
    for mode in MODES:
        print(f"parser={mode:6s} {mb / best[mode]:6.3f} MB/s  {best[mode]:6.2f} s CPU  "
              f"x{best[mode] / best['off']:5.1f} the time of off  "
              f"parsed {parsed[mode]} statements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
