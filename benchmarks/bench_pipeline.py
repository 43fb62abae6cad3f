"""Benchmark the whole pipeline: per-stage speed, ``discourse run`` peak memory and scaling.

One invocation, one corpus (``make_corpus.py``: many distinct speakers), measured in the
same run:

1. stage by stage, one core, on a sample (``--sample``, default 10 MB) of the corpus:
   read, split, attribute, code, format the CSV rows (MB/s of document text, statements/s,
   share of the time), and on the same sample spaCy's blank tokenizer + PhraseMatcher
   coding alone and the raw Aho-Corasick scan (``bench_coding.py`` stages c and e); the
   ratios whole pipeline / spaCy and raw scan / whole pipeline;
2. ``discourse run`` on the whole corpus, each in its own process: the default
   configuration (streams a corpus over 16 MB), ``--jobs 2`` and ``--engine dask --jobs 2``:
   seconds, MB/s and peak RSS (the main process, and its largest worker); the scaling
   efficiency of 2 workers against the one-process run.

``--baseline DIR`` also times the stages with the discourse package of another checkout
(``DIR``, e.g. the main branch's worktree) in the same run, alternating with this one, and
prints the ratio of each stage's speed: before / after figures on the same loaded machine.

Usage::

    python benchmarks/bench_pipeline.py --corpus /tmp/corpus_100MB.jsonl [--sample 10MB]
        [--runs default,jobs2,dask2] [--baseline /path/to/other/checkout] [--clock cpu]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import parse_size  # noqa: E402

RUNS = {"default": [], "jobs2": ["--jobs", "2"], "dask2": ["--engine", "dask", "--jobs", "2"]}


def sample_corpus(corpus: str, size: int, out: Path) -> Path:
    """The first ``size`` bytes of whole lines of a JSONL corpus."""
    n = 0
    with open(corpus, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if n >= size:
                break
            dst.write(line)
            n += len(line.encode("utf-8"))
    return out


#: The clock of the stage timings: wall time, or with ``--clock cpu`` the CPU time of the
#: process (all its threads), steadier on a machine that others load.
CLOCK = {"wall": time.perf_counter, "cpu": time.process_time}
_clock = time.perf_counter


def _timed(seconds: dict, name: str, fn, *args, **kwargs):
    t = _clock()
    result = fn(*args, **kwargs)
    seconds[name] = _clock() - t
    return result


def stages(corpus: str) -> dict:
    """Each stage on ``corpus``, in this process (timed with ``_clock``)."""
    from discourse.coding.codebook import read_codebook
    from discourse.coding.themes import code_themes, find_matches
    from discourse.corpus.reader import read_corpus
    from discourse.io.export import format_csv
    from discourse.io.order import order_coded, order_matches
    from discourse.speakers.actors import read_actors
    from discourse.speakers.attribution import attribute_speakers
    from discourse.text.statements import split_statements

    actors, codebook = read_actors(), read_codebook()
    attribute_speakers(split_statements(read_corpus(corpus).head(3)), actors=actors)  # warm
    s: dict[str, float] = {}
    docs = _timed(s, "read", read_corpus, corpus)
    st = _timed(s, "split", split_statements, docs)
    att = _timed(s, "attribute", attribute_speakers, st, actors=actors)
    t = _clock()
    matches = find_matches(att, codebook=codebook)
    coded = code_themes(att, codebook=codebook, matches=matches)
    s["code"] = _clock() - t
    t = _clock()
    format_csv(order_coded(coded))
    format_csv(order_matches(matches))
    s["write CSV"] = _clock() - t
    mb = sum(len(x.encode("utf-8")) for x in docs["text"]) / 1e6
    return {"seconds": s, "mb": mb, "statements": len(st),
            "speakers": int(att["speaker_name"].nunique())}


def run_cli(corpus: str, flags: list[str]) -> dict:
    """``discourse run`` in its own process: seconds and peak RSS (process, largest child)."""
    with tempfile.TemporaryDirectory() as tmp:
        code = ("import resource, sys, time; from discourse.cli import main; t=time.perf_counter();"
                f" rc = main(['run', {corpus!r}, '--out', {tmp + '/run'!r}, '--quiet', "
                f"*{flags!r}]); print(time.perf_counter()-t, "
                "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
                "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if proc.returncode:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    seconds, self_kb, child_kb, rc = proc.stdout.split()[-4:]
    return {"seconds": float(seconds), "peak_mb": int(self_kb) / 1024,
            "child_peak_mb": int(child_kb) / 1024, "rc": int(rc)}


def _in_subprocess(fn_name: str, corpus: str, package: str | None = None,
                   clock: str = "wall") -> dict:
    env = dict(os.environ)
    if package:                       # the discourse package of another checkout
        env["PYTHONPATH"] = os.pathsep.join([package, env.get("PYTHONPATH", "")])
    proc = subprocess.run([sys.executable, __file__, "--stage", fn_name, "--corpus", corpus,
                           "--clock", clock], capture_output=True, text=True, env=env)
    if proc.returncode:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _print_stages(r: dict, spacy: dict, scan: dict) -> None:
    total = sum(r["seconds"].values())
    print(f"{'stage':12s} {'seconds':>8s} {'MB/s':>8s} {'stmts/s':>10s} {'share':>6s}")
    for name, sec in r["seconds"].items():
        print(f"{name:12s} {sec:8.2f} {r['mb'] / sec:8.1f} {r['statements'] / sec:10.0f} "
              f"{100 * sec / total:5.0f}%")
    print(f"{'whole':12s} {total:8.2f} {r['mb'] / total:8.2f} {r['statements'] / total:10.0f}"
          f"   ({r['statements']} statements, {r['speakers']} distinct speakers, "
          f"peak RSS {r['peak_mb']:.0f} MB)")
    whole = r["mb"] / total
    for label, b in (("spaCy blank + PhraseMatcher (coding alone)", spacy),
                     ("raw Aho-Corasick scan", scan)):
        if "error" in b:
            print(f"{label}: not run ({b['error']})")
            continue
        rate = b["mb"] / b["seconds"]
        print(f"{label}: {rate:.1f} MB/s; whole pipeline / it = {whole / rate:.2f}")


def _best(runs: list[dict]) -> dict:
    """Per stage, the fastest of several runs (the least disturbed by the machine's load)."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    best = dict(ok[0], seconds={k: min(r["seconds"][k] for r in ok) for k in ok[0]["seconds"]})
    best["peak_mb"] = max(r["peak_mb"] for r in ok)
    return best


def _print_baseline(after: dict, before: dict, package: str) -> None:
    if "error" in before:
        print(f"baseline {package}: not run ({before['error']})")
        return
    print(f"\nbefore ({package}) / after (this checkout), same sample, same run:")
    print(f"{'stage':12s} {'before MB/s':>12s} {'after MB/s':>11s} {'speed-up':>9s}")
    total_a, total_b = sum(after["seconds"].values()), sum(before["seconds"].values())
    for name, sec in after["seconds"].items():
        b = before["seconds"].get(name)
        if b:
            print(f"{name:12s} {before['mb'] / b:12.1f} {after['mb'] / sec:11.1f} {b / sec:8.2f}x")
    print(f"{'whole':12s} {before['mb'] / total_b:12.2f} {after['mb'] / total_a:11.2f} "
          f"{total_b / total_a:8.2f}x")
    rest_a = total_a - after["seconds"].get("attribute", 0)
    rest_b = total_b - before["seconds"].get("attribute", 0)
    print(f"{'all but attribute':12s} {before['mb'] / rest_b:7.2f} {after['mb'] / rest_a:11.2f} "
          f"{rest_b / rest_a:8.2f}x")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="discourse whole-pipeline benchmark")
    p.add_argument("--corpus", required=True, help="a JSONL corpus (make_corpus.py)")
    p.add_argument("--sample", default="10MB", help="the sample the stages are timed on")
    p.add_argument("--runs", default="default,jobs2,dask2",
                   help=f"discourse run configurations among {', '.join(RUNS)}, or none")
    p.add_argument("--baseline", default=None,
                   help="a checkout whose discourse package is timed too, stage by stage")
    p.add_argument("--repeat", type=int, default=1,
                   help="time the stages this many times (alternating with the baseline)")
    p.add_argument("--clock", choices=sorted(CLOCK), default="wall",
                   help="time the stages in wall time or in CPU time of the process "
                        "(steadier on a loaded machine)")
    p.add_argument("--stage", default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    global _clock
    _clock = CLOCK[args.clock]
    if args.stage:
        if args.clock == "cpu":       # bench_coding's stages (spaCy, raw scan) too
            time.perf_counter = time.process_time
        if args.stage == "stages":
            result = stages(args.corpus)
        else:
            import bench_coding

            result = bench_coding.STAGES[args.stage][1](args.corpus)
            result.pop("counts", None)
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return 0
    size_mb = Path(args.corpus).stat().st_size / 1e6
    print(f"corpus {args.corpus} ({size_mb:.1f} MB JSONL)")
    with tempfile.TemporaryDirectory() as tmp:
        sample = str(sample_corpus(args.corpus, parse_size(args.sample),
                                   Path(tmp) / "sample.jsonl"))
        print(f"\n1. stages, one core, on a {args.sample} sample ({args.clock} time)")
        after, before = [], []
        for _ in range(max(args.repeat, 1)):
            after.append(_in_subprocess("stages", sample, clock=args.clock))
            if args.baseline:
                before.append(_in_subprocess("stages", sample, args.baseline, args.clock))
        _print_stages(_best(after), _in_subprocess("c", sample), _in_subprocess("e", sample))
        if args.baseline:
            _print_baseline(_best(after), _best(before), args.baseline)
    runs = [r for r in args.runs.split(",") if r in RUNS]
    if runs:
        print(f"\n2. discourse run on the whole corpus ({size_mb:.0f} MB)")
    done = {}
    for name in runs:
        r = done[name] = run_cli(args.corpus, RUNS[name])
        if "error" in r:
            print(f"{name:8s} failed: {r['error']}")
            continue
        print(f"{name:8s} {r['seconds']:8.1f} s {size_mb / r['seconds']:7.2f} MB/s  peak RSS "
              f"{r['peak_mb']:.0f} MB (largest worker {r['child_peak_mb']:.0f} MB)")
    base = done.get("default", {}).get("seconds")
    for name in ("jobs2", "dask2"):
        if base and done.get(name, {}).get("seconds"):
            speedup = base / done[name]["seconds"]
            print(f"{name}: {speedup:.2f}x one process, scaling efficiency "
                  f"{100 * speedup / 2:.0f}% on 2 workers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
