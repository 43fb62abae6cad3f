"""Tests of discourse.pipeline.streaming (and .parallel, .parts): streamed and process-pool
runs give the same bytes as the in-memory run."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pandas as pd
import pytest

from discourse.errors import ParameterError
from discourse.pipeline.run_files import STREAM_FILES
from discourse.pipeline.streaming import iter_batches, run_streaming


def same_files(a: Path, b: Path) -> list[str]:
    return [f for f in STREAM_FILES
            if not filecmp.cmp(a / f, b / f, shallow=False)]


def test_streaming_equals_in_memory(corpus, reference, tmp_path):
    res = run_streaming(corpus, out=tmp_path, batch_size=13, progress=False)
    assert same_files(reference, tmp_path) == []
    coded = pd.read_csv(reference / "coded_statements.csv")
    assert res.n_statements == len(coded)
    assert res.n_documents == len(Path(corpus).read_text(encoding="utf-8").splitlines())
    assert not list(tmp_path.glob(".*"))             # no temporary file left


def test_counts_summed_over_many_batches_equal_in_memory(corpus, reference, tmp_path):
    res = run_streaming(corpus, out=tmp_path, batch_size=3, progress=False)
    assert res.n_documents > 3 * 2 * 3
    assert same_files(reference, tmp_path) == []


def test_process_pool_equals_in_memory(corpus, reference, tmp_path):
    run_streaming(corpus, out=tmp_path, batch_size=20, jobs=2, progress=False)
    assert same_files(reference, tmp_path) == []


def test_unsorted_corpus_is_merged_into_doc_id_order(corpus, reference, tmp_path):
    lines = Path(corpus).read_text(encoding="utf-8").splitlines()
    shuffled = tmp_path / "shuffled.jsonl"
    shuffled.write_text("\n".join(lines[::-1]) + "\n", encoding="utf-8")
    ids = [json.loads(x)["doc_id"] for x in shuffled.read_text(encoding="utf-8").splitlines()]
    assert ids != sorted(ids)
    out = tmp_path / "run"
    run_streaming(shuffled, out=out, batch_size=11, progress=False)
    assert same_files(reference, out) == []


def test_bad_options_are_named():
    with pytest.raises(ParameterError, match="batch_size=0"):
        list(iter_batches(pd.DataFrame({"doc_id": ["a"]}), batch_size=0))
    with pytest.raises(ParameterError, match="jobs=0"):
        run_streaming(pd.DataFrame(), out="unused", jobs=0)
