"""Streaming, process-pool and Dask runs give the same bytes as the in-memory run."""

from __future__ import annotations

import filecmp
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("discourse.corpus.reader", reason="needs discourse.corpus.reader (iter_corpus)")
pytest.importorskip("discourse.text.statements", reason="needs discourse.text.statements")

from discourse.pipeline import engines  # noqa: E402
from discourse.errors import ParameterError  # noqa: E402
from discourse.io.export import write_coded_csv, write_matches_csv, write_table_csv  # noqa: E402
from discourse.pipeline.runner import run  # noqa: E402
from discourse.analysis.counts import combine_theme_counts, count_themes  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_corpus import make_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    make_corpus(path, size="120kB", seed=7)
    return path


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    """The in-memory run written with the stage writers."""
    r = run(corpus)
    out = tmp_path_factory.mktemp("ref")
    write_coded_csv(r.coded, out / "coded_statements.csv")
    write_matches_csv(r.matches, out / "matches.csv")
    write_table_csv(r.counts, out / "theme_counts.csv")
    write_table_csv(r.counts_by_speaker, out / "theme_counts_by_speaker.csv")
    assert len(r.coded) > 200 and len(r.matches) > 200    # a real test corpus
    return out


def same_files(a: Path, b: Path) -> list[str]:
    return [f for f in engines.STREAM_FILES
            if not filecmp.cmp(a / f, b / f, shallow=False)]


def test_streaming_equals_in_memory(corpus, reference, tmp_path):
    res = engines.run_streaming(corpus, out=tmp_path, batch_size=13, progress=False)
    assert same_files(reference, tmp_path) == []
    coded = pd.read_csv(reference / "coded_statements.csv")
    assert res.n_statements == len(coded)
    assert res.n_documents == sum(1 for _ in open(corpus, encoding="utf-8"))
    assert not list(tmp_path.glob(".*"))             # no temporary file left


def test_process_pool_equals_in_memory(corpus, reference, tmp_path):
    engines.run_streaming(corpus, out=tmp_path, batch_size=20, jobs=2, progress=False)
    assert same_files(reference, tmp_path) == []


def test_unsorted_corpus_is_merged_into_doc_id_order(corpus, reference, tmp_path):
    lines = Path(corpus).read_text(encoding="utf-8").splitlines()
    shuffled = tmp_path / "shuffled.jsonl"
    shuffled.write_text("\n".join(lines[::-1]) + "\n", encoding="utf-8")
    ids = [json.loads(x)["doc_id"] for x in shuffled.read_text(encoding="utf-8").splitlines()]
    assert ids != sorted(ids)
    out = tmp_path / "run"
    engines.run_streaming(shuffled, out=out, batch_size=11, progress=False)
    assert same_files(reference, out) == []


def test_dask_local_cluster_equals_in_memory(corpus, reference, tmp_path):
    pytest.importorskip("distributed")
    engines.run_on_dask(corpus, out=tmp_path, n_workers=2, batch_size=25, progress=False)
    assert same_files(reference, tmp_path) == []


def test_run_dask_partitions_equal_in_memory(corpus):
    dd = pytest.importorskip("dask.dataframe")
    import dask

    from discourse.corpus.reader import read_corpus

    docs = read_corpus(corpus)
    whole = run(docs)
    coded, matches = engines.run_dask(dd.from_pandas(docs, npartitions=3))
    with dask.config.set(scheduler="synchronous"):
        got = coded.compute().reset_index(drop=True)
        got_matches = matches.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, whole.coded.reset_index(drop=True), check_dtype=False)
    assert len(got_matches) == len(whole.matches)


def test_combine_theme_counts_equals_count_themes_on_the_whole():
    coded = pd.DataFrame({
        "stmt_id": [f"d.{i}" for i in range(6)], "n_tokens": [10, 20, 30, 5, 7, 9],
        "side": ["CN", "KH", pd.NA, "CN", "KH", "CN"],
        "speaker": ["xi", "hun", "narrator", "xi", "hun", "li"],
        "theme_peace": [1, 0, 0, 1, 1, 0], "theme_war": [0, 0, 1, 0, 1, 1]})
    for by in ("side", ["side", "speaker"], None):
        whole = count_themes(coded, by=by)
        parts = [count_themes(coded.iloc[i:i + 2], by=by) for i in (0, 2, 4)]
        combined = combine_theme_counts(parts)
        pd.testing.assert_frame_equal(combined, whole, check_dtype=False)
        assert combined.to_csv() == whole.to_csv()


def test_bad_options_are_named():
    with pytest.raises(ParameterError, match="batch_size=0"):
        list(engines.iter_batches(pd.DataFrame({"doc_id": ["a"]}), batch_size=0))
    with pytest.raises(ParameterError, match="jobs=0"):
        engines.run_streaming(pd.DataFrame(), out="unused", jobs=0)
