"""Benchmark the attribution stage against an earlier version of discourse, in the same run.

The statements of a corpus (a sample of ``make_corpus.py``'s JSONL, or the real readouts'
texts with ``--real``) are split once, then :func:`discourse.attribute_speakers` runs on them
in fresh processes, alternately with this working tree's discourse and with the discourse of
a git revision (``--baseline``, extracted with ``git archive`` into a temporary folder), each
``--repeat`` times; the best time of each is kept (the machine is shared: the ratio of two
runs measured side by side is what counts). It prints the stage's MB/s (UTF-8 MB of statement
text), statements/s, the speed-up over the baseline, whether both give byte-identical
outputs (SHA-256 of the attributed table as CSV), and, as the limit, the MB/s of a raw
Aho-Corasick scan (pyahocorasick) of the same folded texts for every actor alias and cue
word.

Usage::

    python benchmarks/bench_attribution.py --corpus corpus.jsonl [--sample 2MB]
        [--baseline bbf9ec1] [--repeat 3]
    python benchmarks/bench_attribution.py --real [--part dev]
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from make_corpus import parse_size  # noqa: E402

#: The last commit before the attribution stage's speed work (issue 15).
BASELINE = "bbf9ec1"

_CHILD = """
import hashlib, json, pickle, sys, time, warnings
warnings.simplefilter("ignore")
from discourse.speakers.actors import read_actors
from discourse.speakers.attribution import attribute_speakers
st = pickle.load(open(sys.argv[1], "rb"))
actors = read_actors()
attribute_speakers(st.head(50), actors=actors)   # warm: cue rules compiled, imports done
t = time.perf_counter()
out = attribute_speakers(st, actors=actors)
seconds = time.perf_counter() - t
digest = hashlib.sha256(out.to_csv(index=False).encode()).hexdigest()
print(json.dumps({"seconds": seconds, "sha256": digest}))
"""


def statements_of(args) -> "object":
    """The statements table to attribute (split by this tree's discourse)."""
    from discourse import read_corpus, split_statements
    if args.real:
        from evaluate_real import read_real, read_split
        docs, _, _ = read_real()
        split = read_split()
        docs = docs[docs["doc_id"].map(lambda d: args.part == "all" or split.get(d) == args.part)]
        return split_statements(docs)
    size, lines = parse_size(args.sample), []
    with open(args.corpus, encoding="utf-8") as fh:
        n = 0
        for line in fh:
            if n >= size:
                break
            lines.append(line)
            n += len(line.encode("utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
        tmp.writelines(lines)
    return split_statements(read_corpus(tmp.name))


def extract(rev: str, into: Path) -> Path:
    """The ``discourse`` package of git revision ``rev``, extracted under ``into``."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "discourse"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into)
    return into


def run_child(path: Path, pickled: Path) -> dict:
    """One timed attribution in a fresh process importing discourse from ``path``."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(pickled)], capture_output=True,
                          text=True, env={"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin"})
    if proc.returncode:
        raise SystemExit(f"attribution under {path} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def raw_scan(st) -> float:
    """Seconds of one Aho-Corasick pass over the folded statements (aliases + cue words)."""
    import ahocorasick
    from discourse.lang import get_language
    from discourse.speakers.actors import read_actors
    from discourse.speakers.phrases import fold
    words = set()
    for table in read_actors()._entries.values():   # noqa: SLF001 (a benchmark)
        words.update(table)
    for code in ("fr", "en"):
        spec = get_language(code).data("cues") or {}
        for value in spec.values():
            if isinstance(value, list):
                words.update(fold(str(w)).strip() for w in value if isinstance(w, str))
    automaton = ahocorasick.Automaton()
    for w in words:
        if w:
            automaton.add_word(w, w)
    automaton.make_automaton()
    folded = [fold(t) for t in st["text"]]
    t = time.perf_counter()
    for text in folded:
        for _ in automaton.iter(text):
            pass
    return time.perf_counter() - t


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="attribution stage: speed against a baseline")
    p.add_argument("--corpus", help="a JSONL corpus (make_corpus.py)")
    p.add_argument("--sample", default="2MB", help="the first SIZE of the corpus")
    p.add_argument("--real", action="store_true", help="the real readouts (data/real/texts)")
    p.add_argument("--part", default="dev", choices=("dev", "test", "all"))
    p.add_argument("--baseline", default=BASELINE, help="git revision to compare with")
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)
    if not args.real and not args.corpus:
        p.error("give --corpus or --real")
    st = statements_of(args)
    mb = sum(len(t.encode("utf-8")) for t in st["text"]) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        pickled = Path(tmp) / "statements.pkl"
        pickled.write_bytes(pickle.dumps(st))
        trees = {"baseline " + args.baseline: extract(args.baseline, Path(tmp) / "base"),
                 "this tree": ROOT}
        best: dict[str, dict] = {}
        for _ in range(args.repeat):
            for name, path in trees.items():
                r = run_child(path, pickled)
                if name not in best or r["seconds"] < best[name]["seconds"]:
                    best[name] = r
    print(f"{len(st)} statements, {mb:.2f} MB of statement text, best of {args.repeat}")
    print(f"{'attribution':24s} {'seconds':>8s} {'MB/s':>7s} {'stmts/s':>9s}")
    for name, r in best.items():
        print(f"{name:24s} {r['seconds']:8.2f} {mb / r['seconds']:7.2f} "
              f"{len(st) / r['seconds']:9.0f}")
    base, new = best.values()
    print(f"speed-up over the baseline: {base['seconds'] / new['seconds']:.2f}x; outputs "
          f"{'identical' if base['sha256'] == new['sha256'] else 'DIFFERENT'}")
    scan = raw_scan(st)
    print(f"raw Aho-Corasick scan (aliases + cue words): {mb / scan:.1f} MB/s; "
          f"attribution / scan = {scan / new['seconds']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
