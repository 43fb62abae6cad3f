"""Benchmark the Chinese and Khmer pipeline: statements (word segmentation), speakers, themes.

The corpus is the real Chinese and Khmer readouts (``data/real/texts``, rebuilt from their
recipes) repeated ``--copies`` times under new document ids, or, when they are absent, the
self-written fixtures of ``tests/data/unspaced``. Each source tree given (``--tree``, the
current one by default; give the baseline first, e.g. ``--tree ../main --tree .``) runs in its
own process, one after the other and ``--repeats`` times over (interleaved, so that the load
of the machine falls on both alike); the report gives each stage's median seconds, MB/s (of
UTF-8 document text) and the ratio of every tree to the first one, measured in the same run.

Usage::

    python benchmarks/bench_unspaced.py --tree /path/to/baseline --tree . [--copies 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_CHILD = r"""
import json, sys, time
import pandas as pd
sys.path.insert(0, {bench!r})
import discourse
from evaluate_real import read_real
docs, _, _ = read_real(["zh", "km"])
if docs.empty:
    from pathlib import Path
    texts = sorted(Path({fixtures!r}).glob("*.txt"))
    docs = pd.DataFrame({{"doc_id": [p.stem for p in texts], "lang": ["zh"] * len(texts),
                         "text": [p.read_text(encoding="utf-8") for p in texts]}})
docs = pd.concat([docs] * {copies}, ignore_index=True)
docs["doc_id"] = [f"d{{i}}" for i in range(len(docs))]
actors, codebook = discourse.read_actors(), discourse.read_codebook()
warm = discourse.split_statements(docs.groupby("lang").head(1))
discourse.code_themes(discourse.attribute_speakers(warm, actors=actors), codebook=codebook)
out = {{}}
for lang, d in docs.groupby("lang"):
    t0 = time.perf_counter()
    st = discourse.split_statements(d)
    t1 = time.perf_counter()
    at = discourse.attribute_speakers(st, actors=actors)
    t2 = time.perf_counter()
    discourse.code_themes(at, codebook=codebook)
    t3 = time.perf_counter()
    out[lang] = {{"mb": float(d["text"].str.encode("utf-8").str.len().sum() / 1e6),
                 "statements": len(st), "split": t1 - t0, "attribute": t2 - t1,
                 "code": t3 - t2}}
print(json.dumps(out))
"""


def run_tree(tree: Path, copies: int) -> dict:
    """One measurement of the source tree ``tree``, in its own process."""
    code = _CHILD.format(bench=str(HERE), fixtures=str(ROOT / "tests" / "data" / "unspaced"),
                         copies=copies)
    env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=str(tree))
    if proc.returncode:
        raise SystemExit(f"{tree}: {proc.stderr.strip().splitlines()[-1]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tree", action="append", help="a source tree (repeatable; first = baseline)")
    p.add_argument("--copies", type=int, default=5, help="copies of the corpus")
    p.add_argument("--repeats", type=int, default=3, help="runs of each tree (interleaved)")
    args = p.parse_args(argv)
    trees = [Path(t).resolve() for t in (args.tree or [str(ROOT)])]
    runs: dict[Path, list[dict]] = {t: [] for t in trees}
    for _ in range(args.repeats):
        for t in trees:
            runs[t].append(run_tree(t, args.copies))
    base = None
    for t in trees:
        print(f"\n{t}")
        rates = {}
        for lang in sorted(runs[t][0]):
            mb = runs[t][0][lang]["mb"]
            med = {s: statistics.median(r[lang][s] for r in runs[t])
                   for s in ("split", "attribute", "code")}
            total = sum(med.values())
            rates[lang] = {**{s: mb / v for s, v in med.items()}, "whole": mb / total}
            print(f"  {lang}: {mb:.3f} MB, {runs[t][0][lang]['statements']} statements; " +
                  ", ".join(f"{s} {v:.2f} s ({mb / v:.3f} MB/s)" for s, v in med.items()) +
                  f"; whole {total:.2f} s ({mb / total:.3f} MB/s)")
        if base is None:
            base = rates
            continue
        for lang, r in rates.items():
            print(f"  {lang} speed / baseline: " + ", ".join(
                f"{s} {r[s] / base[lang][s]:.2f}x" for s in r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
