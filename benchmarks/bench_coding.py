"""Benchmark discourse's coding stage and whole pipeline against baselines and the scan limit.

One invocation, one corpus (``make_corpus.py``), the default codebook; each stage runs in its
own subprocess (clean peak memory):

a. discourse coding stage: ``find_matches`` + ``code_themes`` on statements already split;
b. the whole discourse pipeline: read -> statements -> speakers -> themes -> CSV files
   (:func:`discourse.pipeline.streaming.run_streaming`, one process);
c. baseline: spaCy blank tokenizer + ``PhraseMatcher`` (globs expanded over the corpus
   vocabulary, exclusions applied, longest match per theme);
d. baseline: nltk tokenizer + dictionary lookup (same rules);
e. the raw multi-pattern scan limit: pyahocorasick over the lower-cased text (no tokens, no
   statements, no boundaries).

It prints MB/s (UTF-8 bytes of the document texts), statements/s, peak memory (max RSS of
the stage's process), the ratios discourse / baseline and discourse / limit, the match counts
per theme of a, c and d (with the differences explained), and the time to re-code 10,000
statements after a codebook change.

Usage::

    python benchmarks/bench_coding.py --size 100MB [--stages abcde] [--corpus FILE.jsonl]

spaCy is a benchmark-only dependency (``pip install spacy``; no model is downloaded).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import chain
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus, parse_size  # noqa: E402

_TOKEN = re.compile(r"\w+|[^\w\s]")


# ----------------------------------------------------------------------------- inputs
def load_documents(path):
    import pandas as pd

    try:
        from discourse.corpus.reader import read_corpus

        return read_corpus(path)
    except ImportError:                     # before discourse.corpus.reader exists
        docs = pd.read_json(path, lines=True, dtype=False)
        docs["doc_id"] = docs["doc_id"].astype(str)
        return docs


def split(documents):
    """Statements (discourse's splitter; a simple sentence regex until it exists)."""
    import pandas as pd

    try:
        from discourse.text.statements import split_statements

        return split_statements(documents), "discourse.split_statements"
    except ImportError:
        rows = []
        for d in documents[["doc_id", "text", "lang"]].itertuples(index=False):
            for n, m in enumerate(re.finditer(r"\S[^\n]*?(?:[.!?](?=\s)|[.!?]?$)", d.text,
                                              re.M), 1):
                rows.append((d.doc_id, f"{d.doc_id}.{n}", m.start(), m.group(), d.lang))
        return (pd.DataFrame(rows, columns=["doc_id", "stmt_id", "start", "text", "lang"]),
                "regex fallback")


def text_mb(documents) -> float:
    return sum(len(t.encode("utf-8")) for t in documents["text"]) / 1e6


def top(theme: str) -> str:
    return theme.split(".")[0]


# ----------------------------------------------------------------------------- the stages
def stage_a(corpus):
    from discourse.coding.codebook import read_codebook
    from discourse.coding.themes import code_themes, find_matches
    from discourse.coding.matcher import compile_codebook

    docs = load_documents(corpus)
    st, how = split(docs)
    cb = read_codebook()
    compile_codebook(cb)
    t = time.perf_counter()
    matches = find_matches(st, codebook=cb)
    code_themes(st, codebook=cb, matches=matches)
    seconds = time.perf_counter() - t
    counts = Counter(top(t) for t in matches["theme"])
    return {"seconds": seconds, "mb": text_mb(docs), "statements": len(st), "counts": counts,
            "note": f"statements by {how}"}


def stage_b(corpus):
    from discourse.pipeline.streaming import run_streaming

    docs_mb = sum(len(json.loads(x)["text"].encode("utf-8"))
                  for x in open(corpus, encoding="utf-8")) / 1e6
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        r = run_streaming(corpus, out=out, jobs=1, progress=False)
        seconds = time.perf_counter() - t
    return {"seconds": seconds, "mb": docs_mb, "statements": r.n_statements}


def _vocabulary(token_lists):
    return set(chain.from_iterable(token_lists))


def _expand(cb, lang, vocab, tokenize):
    """Codebook phrases as token tuples: globs expanded over the corpus vocabulary."""
    phrases = {}       # tuple -> set of (kind, theme)
    for theme in cb.themes:
        for kind, field in (("p", "patterns"), ("x", "exclusions")):
            for p in (getattr(theme, field) or {}).get(lang, ()):
                masked = p.lower().replace("’", "'").replace("*", "zqstarqz").replace("?", "zqqmqz")
                words = [w.replace("zqstarqz", "*").replace("zqqmqz", "?")
                         for w in tokenize(masked)]
                options = []
                for w in words:
                    if "*" in w or "?" in w:
                        rx = re.compile(re.escape(w).replace(r"\*", r"\w*").replace(r"\?", r"\w"))
                        options.append([v for v in vocab if rx.fullmatch(v)])
                    else:
                        options.append([w])
                combos = [()]
                for opt in options:
                    combos = [c + (o,) for c in combos for o in opt][:5000]
                for c in combos:
                    phrases.setdefault(c, set()).add((kind, theme.id))
    return phrases


def _count_spans(spans, counts):
    """spans: (theme, kind, start, end) of one statement: exclusions, then longest per theme.

    As in discourse (``nested_scope="theme"``), the longest-match rule applies within each
    theme id (a sub-theme and its parent both count); counts are per top-level theme.
    """
    by_theme = {}
    for theme, kind, s, e in spans:
        by_theme.setdefault(theme, ([], []))[kind == "x"].append((s, e))
    for theme, (pats, excl) in by_theme.items():
        pats = [(s, e) for s, e in set(pats)
                if not any(xs <= s and e <= xe for xs, xe in excl)]
        taken = []
        for s, e in sorted(pats, key=lambda se: (se[0] - se[1], se[0])):
            if all(e <= ts or s >= te for ts, te in taken):
                taken.append((s, e))
        counts[top(theme)] += len(taken)


def stage_c(corpus):
    import spacy
    from spacy.matcher import PhraseMatcher

    from discourse.coding.codebook import read_codebook

    docs = load_documents(corpus)
    st, how = split(docs)
    cb = read_codebook()
    counts = Counter()
    t = time.perf_counter()
    for lang in ("fr", "en"):
        nlp = spacy.blank(lang)
        texts = [x.replace("’", "'") for x in st.loc[st["lang"] == lang, "text"]]
        tokenized = list(nlp.tokenizer.pipe(texts, batch_size=2000))
        vocab = {tok.lower_ for d in tokenized for tok in d}
        phrases = _expand(cb, lang, vocab, lambda s: [t.text for t in nlp.make_doc(s)])
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        labels = {}
        for phrase, owners in phrases.items():
            for kind, theme in owners:
                key = f"{kind}|{theme}"
                labels.setdefault(key, []).append(nlp.make_doc(" ".join(phrase)))
        for key, pats in labels.items():
            matcher.add(key, pats)
        strings = nlp.vocab.strings
        for d in tokenized:
            spans = []
            for mid, s, e in matcher(d):
                kind, theme = strings[mid].split("|")
                spans.append((theme, kind, s, e))
            _count_spans(spans, counts)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "mb": text_mb(docs), "statements": len(st), "counts": counts,
            "note": f"spaCy {spacy.__version__} blank tokenizer"}


def stage_d(corpus):
    from nltk.tokenize import RegexpTokenizer

    from discourse.coding.codebook import read_codebook

    docs = load_documents(corpus)
    st, how = split(docs)
    cb = read_codebook()
    tok = RegexpTokenizer(r"\w+|[^\w\s]")
    counts = Counter()
    t = time.perf_counter()
    for lang in ("fr", "en"):
        texts = st.loc[st["lang"] == lang, "text"]
        token_lists = [tok.tokenize(x.lower().replace("’", "'")) for x in texts]
        phrases = _expand(cb, lang, _vocabulary(token_lists), tok.tokenize)
        longest = max((len(p) for p in phrases), default=1)
        firsts = {p[0] for p in phrases}
        for toks in token_lists:
            spans = []
            for i, w in enumerate(toks):
                if w not in firsts:
                    continue
                for n in range(1, longest + 1):
                    owners = phrases.get(tuple(toks[i:i + n]))
                    if owners:
                        for kind, theme in owners:
                            spans.append((theme, kind, i, i + n))
            _count_spans(spans, counts)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "mb": text_mb(docs), "statements": len(st), "counts": counts,
            "note": "nltk RegexpTokenizer + dict"}


def stage_e(corpus):
    import ahocorasick
    import numpy as np

    from discourse.coding.codebook import read_codebook

    docs = load_documents(corpus)
    cb = read_codebook()
    t = time.perf_counter()
    hits = 0
    for lang in ("fr", "en"):
        auto = ahocorasick.Automaton()
        for theme in cb.themes:
            for p in theme.patterns.get(lang, ()) + theme.exclusions.get(lang, ()):
                key = max(re.split(r"[*?]", p.lower()), key=len)
                auto.add_word(key, len(key))
        auto.make_automaton()
        text = "\n".join(docs.loc[docs["lang"] == lang, "text"]).lower()
        hits += len(np.fromiter(chain.from_iterable(auto.iter(text)), np.int64)) // 2
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "mb": text_mb(docs), "statements": None,
            "counts": {"(raw hits)": hits}}


def recode(corpus):
    """Seconds to re-code 10,000 split statements after a codebook change."""
    from dataclasses import replace

    from discourse.coding.codebook import read_codebook
    from discourse.coding.themes import code_themes, find_matches

    docs = load_documents(corpus)
    st, _ = split(docs)
    st = st.iloc[:10_000]
    cb = read_codebook()
    code_themes(st, codebook=cb)
    theme = cb.themes[0]
    pats = dict(theme.patterns)
    pats["fr"] = tuple(pats.get("fr", ())) + ("autodétermination",)
    changed = replace(cb, themes=(replace(theme, patterns=pats),) + cb.themes[1:])
    t = time.perf_counter()
    matches = find_matches(st, codebook=changed)
    code_themes(st, codebook=changed, matches=matches)
    return {"seconds": time.perf_counter() - t, "statements": len(st), "mb": None}


STAGES = {"a": ("discourse coding stage", stage_a), "b": ("discourse whole pipeline", stage_b),
          "c": ("spaCy blank + PhraseMatcher", stage_c), "d": ("nltk tokens + dict", stage_d),
          "e": ("raw Aho-Corasick scan", stage_e), "r": ("re-code 10k statements", recode)}


def run_stage(key: str, corpus: str) -> dict:
    """Run one stage in a subprocess; its result with the process's peak RSS."""
    proc = subprocess.run([sys.executable, __file__, "--stage", key, "--corpus", corpus],
                          capture_output=True, text=True)
    if proc.returncode:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="discourse coding benchmark")
    p.add_argument("--size", default="20MB")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--corpus", default=None, help="an existing JSONL corpus")
    p.add_argument("--stages", default="abcder")
    p.add_argument("--stage", default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.stage:
        result = STAGES[args.stage][1](args.corpus)
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if "counts" in result:
            result["counts"] = dict(result["counts"])
        print(json.dumps(result))
        return 0
    corpus = args.corpus
    if corpus is None:
        corpus = str(HERE / "data" / f"corpus_{args.size}_s{args.seed}.jsonl")
        if not Path(corpus).exists():
            make_corpus(corpus, size=parse_size(args.size), seed=args.seed)
    print(f"corpus {corpus} ({Path(corpus).stat().st_size / 1e6:.1f} MB JSONL)")
    results = {}
    print(f"{'stage':34s} {'seconds':>8s} {'MB/s':>7s} {'stmts/s':>9s} {'peak MB':>8s}")
    for key in args.stages:
        r = results[key] = run_stage(key, corpus)
        label = f"{key}. {STAGES[key][0]}"
        if "error" in r:
            print(f"{label:34s} not run: {r['error']}")
            continue
        mbs = f"{r['mb'] / r['seconds']:7.1f}" if r.get("mb") else "      -"
        sps = f"{r['statements'] / r['seconds']:9.0f}" if r.get("statements") else "        -"
        print(f"{label:34s} {r['seconds']:8.2f} {mbs} {sps} {r['peak_mb']:8.0f}"
              + (f"   ({r['note']})" if r.get("note") else ""))

    def rate(k):
        r = results.get(k, {})
        return r["mb"] / r["seconds"] if r.get("mb") and r.get("seconds") else None

    print()
    for num, den, what in (("a", "c", "coding / spaCy"), ("a", "d", "coding / nltk"),
                           ("b", "c", "whole pipeline / spaCy coding"),
                           ("e", "a", "raw-scan limit / coding (goal <= 3)")):
        if rate(num) and rate(den):
            print(f"ratio {what:38s} {rate(num) / rate(den):6.2f}")
    counts = {k: results[k].get("counts") for k in "acd" if results.get(k, {}).get("counts")}
    if counts:
        themes = sorted(set(chain.from_iterable(counts.values())))
        print("\nmatches per theme  " + "  ".join(f"{k:>10s}" for k in counts))
        for t in themes:
            print(f"  {t:16s} " + "  ".join(f"{counts[k].get(t, 0):10d}" for k in counts))
        print("  (differences: spaCy keeps hyphenated words such as 'non-ingérence' or "
              "'people-to-people' as one token, so globs inside them do not match; nltk and "
              "spaCy apply no negation-cue exceptions, and tokenizers split apostrophes "
              "differently)")
    if results.get("r", {}).get("seconds") is not None:
        print(f"\nre-code 10,000 statements after a codebook change: "
              f"{results['r']['seconds']:.2f} s (goal < 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
