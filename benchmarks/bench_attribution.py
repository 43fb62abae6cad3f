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
word. ``--pipeline`` also times every stage of the pipeline (read, split, attribute, code,
format the CSV) on the sample with both versions, and prints the whole pipeline's MB/s.

Usage::

    python benchmarks/bench_attribution.py --corpus corpus.jsonl [--sample 2MB]
        [--baseline 69ab75e] [--repeat 5] [--pipeline]
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

from discourse import read_corpus, split_statements  # noqa: E402
from bench_pipeline import sample_corpus  # noqa: E402
from make_corpus import parse_size  # noqa: E402

#: main before the attribution stage's speed work (issue 15) was merged: the same rules.
BASELINE = "69ab75e"

_CHILD = """
import hashlib, json, pickle, sys, time, warnings
warnings.simplefilter("ignore")
from discourse.speakers.actors import read_actors
from discourse.speakers.attribution import attribute_speakers
st = pickle.load(open(sys.argv[1], "rb"))
actors = read_actors()
attribute_speakers(st.head(50), actors=actors)   # warm: cue rules compiled, imports done
t = time.process_time()   # CPU time of this process: the machine is shared
out = attribute_speakers(st, actors=actors)
seconds = time.process_time() - t
digest = hashlib.sha256(out.to_csv(index=False).encode()).hexdigest()
import discourse
print(discourse.__file__)
print(json.dumps({"seconds": seconds, "sha256": digest}))
"""

_PIPELINE = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
from discourse.coding.codebook import read_codebook
from discourse.coding.themes import code_themes, find_matches
from discourse.corpus.reader import read_corpus
from discourse.io.export import format_csv
from discourse.io.order import order_coded, order_matches
from discourse.speakers.actors import read_actors
from discourse.speakers.attribution import attribute_speakers
from discourse.text.statements import split_statements
actors, codebook = read_actors(), read_codebook()
attribute_speakers(split_statements(read_corpus(sys.argv[1]).head(3)), actors=actors)
s, clock = {}, time.process_time
t = clock(); docs = read_corpus(sys.argv[1]); s["read"] = clock() - t
t = clock(); st = split_statements(docs); s["split"] = clock() - t
t = clock(); att = attribute_speakers(st, actors=actors); s["attribute"] = clock() - t
t = clock()
matches = find_matches(att, codebook=codebook)
coded = code_themes(att, codebook=codebook, matches=matches)
s["code"] = clock() - t
t = clock(); format_csv(order_coded(coded)); format_csv(order_matches(matches))
s["write CSV"] = clock() - t
import discourse
print(discourse.__file__)
print(json.dumps(s))
"""


def statements_of(args) -> "object":
    """The statements table to attribute (split by this tree's discourse)."""
    if args.real:
        from evaluate_real import read_real, read_split
        docs, _, _ = read_real()
        split = read_split()
        docs = docs[docs["doc_id"].map(lambda d: args.part == "all" or split.get(d) == args.part)]
        return split_statements(docs)
    return split_statements(read_corpus(args.sample_path))


def extract(rev: str, into: Path) -> Path:
    """The ``discourse`` package of git revision ``rev``, extracted under ``into``."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "discourse"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into)
    return into


def run_child(path: Path, arg: Path, code: str = _CHILD) -> dict:
    """One timed run in a fresh process importing discourse from ``path``."""
    # -P: the working directory is not put on sys.path, so that discourse comes from `path`
    proc = subprocess.run([sys.executable, "-P", "-c", code, str(arg)],
                          capture_output=True, text=True, cwd=str(path),
                          env={"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin"})
    if proc.returncode:
        raise SystemExit(f"attribution under {path} failed:\n{proc.stderr}")
    *_, where, result = proc.stdout.strip().splitlines()
    if not Path(where).resolve().is_relative_to(Path(path).resolve()):
        raise SystemExit(f"the run meant for {path} imported discourse from {where}")
    return json.loads(result)


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


def best_of(trees: dict, arg: Path, repeat: int, code: str, key) -> dict:
    """The best run of each tree (by ``key``), the trees taking turns ``repeat`` times."""
    best: dict[str, dict] = {}
    for _ in range(repeat):
        for name, path in trees.items():
            r = run_child(path, arg, code)
            if name not in best or key(r) < key(best[name]):
                best[name] = r
    return best


def print_stage(best: dict, st, mb: float, repeat: int) -> None:
    print(f"{len(st)} statements, {mb:.2f} MB of statement text, best of {repeat} "
          f"(CPU seconds)")
    print(f"{'attribution':24s} {'seconds':>8s} {'MB/s':>7s} {'stmts/s':>9s}")
    for name, r in best.items():
        print(f"{name:24s} {r['seconds']:8.2f} {mb / r['seconds']:7.2f} "
              f"{len(st) / r['seconds']:9.0f}")
    base, new = best.values()
    print(f"speed-up over the baseline: {base['seconds'] / new['seconds']:.2f}x; outputs "
          f"{'identical' if base['sha256'] == new['sha256'] else 'DIFFERENT'}")


def print_pipeline(best: dict, mb: float) -> None:
    stages = list(next(iter(best.values())))
    print(f"\nwhole pipeline on the sample ({mb:.2f} MB of document text), CPU seconds")
    print(f"{'':24s} " + " ".join(f"{x:>9s}" for x in stages) + f" {'whole':>7s} {'MB/s':>6s}")
    for name, r in best.items():
        total = sum(r.values())
        print(f"{name:24s} " + " ".join(f"{r[x]:9.2f}" for x in stages)
              + f" {total:7.2f} {mb / total:6.2f}")
    base, new = (sum(r.values()) for r in best.values())
    print(f"whole pipeline speed-up: {base / new:.2f}x")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="attribution stage: speed against a baseline")
    p.add_argument("--corpus", help="a JSONL corpus (make_corpus.py)")
    p.add_argument("--sample", default="2MB", help="the first SIZE of the corpus")
    p.add_argument("--real", action="store_true", help="the real readouts (data/real/texts)")
    p.add_argument("--part", default="dev", choices=("dev", "test", "all"))
    p.add_argument("--baseline", default=BASELINE, help="git revision to compare with")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--pipeline", action="store_true",
                   help="also time the whole pipeline (read, split, attribute, code, CSV)")
    args = p.parse_args(argv)
    if not args.real and not args.corpus:
        p.error("give --corpus or --real")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.real:
            args.sample_path = sample_corpus(args.corpus, parse_size(args.sample),
                                         Path(tmp) / "sample.jsonl")
        st = statements_of(args)
        mb = sum(len(t.encode("utf-8")) for t in st["text"]) / 1e6
        pickled = Path(tmp) / "statements.pkl"
        pickled.write_bytes(pickle.dumps(st))
        trees = {"baseline " + args.baseline: extract(args.baseline, Path(tmp) / "base"),
                 "this tree": ROOT}
        print_stage(best_of(trees, pickled, args.repeat, _CHILD, lambda r: r["seconds"]),
                    st, mb, args.repeat)
        if args.pipeline and not args.real:
            doc_mb = sum(len(t.encode("utf-8")) for t in
                         read_corpus(args.sample_path)["text"]) / 1e6
            print_pipeline(best_of(trees, args.sample_path, args.repeat, _PIPELINE,
                                   lambda r: sum(r.values())), doc_mb)
    scan = raw_scan(st)
    print(f"raw Aho-Corasick scan (aliases + cue words): {mb / scan:.1f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
