"""The benchmark corpus generator and a tiny run of the benchmark (no timing assertions)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_coding  # noqa: E402
from make_corpus import EXCLUDED, VOCABULARY, make_corpus, parse_size, write_corpus  # noqa: E402

from discourse.coding.codebook import read_codebook  # noqa: E402
from discourse.coding.matcher import compile_codebook  # noqa: E402


def test_generator_is_deterministic_and_sized(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    n_docs, n_bytes = make_corpus(a, size="30kB", seed=4)
    make_corpus(b, size="30kB", seed=4)
    assert a.read_bytes() == b.read_bytes()
    assert n_bytes == a.stat().st_size and 30_000 <= n_bytes < 40_000
    docs = [json.loads(line) for line in a.read_text(encoding="utf-8").splitlines()]
    assert len(docs) == n_docs
    assert {d["lang"] for d in docs} == {"fr", "en"}
    assert len({d["doc_id"] for d in docs}) == n_docs
    assert all(set(d) == {"doc_id", "text", "lang", "date", "source", "title"} for d in docs)
    assert all("\n\n" in d["text"] for d in docs)       # paragraphs
    buf = io.StringIO()
    write_corpus(buf, size="30kB", seed=5)
    assert buf.getvalue().encode() != a.read_bytes()    # the seed matters


def test_vocabulary_covers_every_pattern_of_the_default_codebook():
    cb = read_codebook()
    matcher = compile_codebook(cb)
    for lang in ("fr", "en"):
        text = ". ".join(p for v in VOCABULARY[lang].values() for p in v) + "."
        found = set(matcher.find(text, lang=lang)["pattern"])
        missing = [p for t in cb.themes for p in t.patterns.get(lang, ()) if p not in found]
        assert missing == [], lang
        # the near misses really are blocked by exclusions or boundaries
        near = ". ".join(EXCLUDED[lang]) + "."
        assert matcher.find(near, lang=lang).empty, lang


def test_parse_size():
    assert parse_size("100MB") == 100_000_000 and parse_size("1GB") == 10**9
    with pytest.raises(ValueError, match="not valid"):
        parse_size("lots")


def test_benchmark_stages_run_on_a_tiny_corpus(tmp_path):
    corpus = tmp_path / "c.jsonl"
    make_corpus(corpus, size="15kB", seed=2)
    a = bench_coding.stage_a(str(corpus))
    d = bench_coding.stage_d(str(corpus))
    e = bench_coding.stage_e(str(corpus))
    r = bench_coding.recode(str(corpus))
    assert a["statements"] == d["statements"] > 50
    assert set(a["counts"]) == {"sovereignty", "cooperation", "anti_cold_war", "friendship"}
    # discourse and the nltk baseline agree within the documented tokenisation differences
    for theme, n in a["counts"].items():
        assert abs(d["counts"][theme] - n) <= 0.1 * n + 2, theme
    assert e["counts"]["(raw hits)"] >= sum(a["counts"].values())
    assert r["statements"] == a["statements"] and r["seconds"] >= 0


@pytest.mark.parametrize("clock", ["wall", "cpu"])
def test_pipeline_benchmark_compares_with_a_baseline_checkout(tmp_path, capsys, clock):
    import bench_pipeline

    corpus = tmp_path / "c.jsonl"
    make_corpus(corpus, size="8kB", seed=5)
    assert bench_pipeline.main(["--corpus", str(corpus), "--sample", "8kB", "--runs", "none",
                                "--baseline", str(ROOT), "--clock", clock]) == 0
    out = capsys.readouterr().out
    assert "before (" in out and f"sample ({clock} time)" in out
    stages = [line.split()[0] for line in out.split("same run:")[1].splitlines()[2:]]
    assert stages[:6] == ["read", "split", "attribute", "code", "write", "whole"]


def test_unspaced_benchmark_runs_a_tree_in_its_own_process():
    import bench_unspaced

    out = bench_unspaced.run_tree(ROOT, 1)      # the real zh/km texts, else the fixtures
    assert "zh" in out and out["zh"]["statements"] > 0 and out["zh"]["mb"] > 0
    assert all(out[lang][s] >= 0 for lang in out for s in ("split", "attribute", "code"))


def test_parser_benchmark_runs_on_the_self_written_sets(capsys):
    import bench_parser
    assert bench_parser.main(["--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "French documents" in out or "not installed" in out
    if "French documents" in out:
        assert [m for m in ("off", "auto", "always") if f"parser={m}" in out] == \
            ["off", "auto", "always"]


@pytest.mark.parametrize("flag", ["--errors", "--theme-errors"])
@pytest.mark.parametrize("part", ["test", "all"])
def test_real_evaluation_never_lists_errors_outside_the_development_part(flag, part, capsys):
    import evaluate_real

    with pytest.raises(SystemExit) as exc:
        evaluate_real.main(["--part", part, flag, "5"])
    assert exc.value.code == 2
    assert "never tune on the test part" in capsys.readouterr().err


def test_real_evaluation_lists_theme_errors_with_what_was_missed_and_added(capsys):
    import pandas as pd

    import evaluate_real

    themed = pd.DataFrame({
        "doc_id": ["d", "d", "d"], "n": [0, 1, 2], "gold_speaker": ["xi_jinping"] * 3,
        "text": ["Les deux pays coopèrent.", "Amitié.", "Rien."],
        "gold_themes": ["cooperation", "friendship", ""],
        "theme_cooperation": [True, False, True], "theme_friendship": [False, False, False]})
    evaluate_real.print_theme_errors(themed, ["cooperation", "friendship"], 5)
    out = capsys.readouterr().out
    assert "[d#0]" not in out                                   # agrees: not listed
    assert "[d#1] missed=['friendship'] false=[]" in out
    assert "[d#2] missed=[] false=['cooperation']" in out
