"""Tests of discourse.pipeline.dask: Dask runs give the same rows and bytes as the in-memory run."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pandas as pd
import pytest

from discourse.pipeline.dask import run_dask, run_on_dask
from discourse.pipeline.run_files import STREAM_FILES
from discourse.pipeline.runner import run


def same_files(a: Path, b: Path) -> list[str]:
    return [f for f in STREAM_FILES
            if not filecmp.cmp(a / f, b / f, shallow=False)]


def test_dask_local_cluster_equals_in_memory(corpus, reference, tmp_path):
    pytest.importorskip("distributed")
    run_on_dask(corpus, out=tmp_path, n_workers=2, batch_size=25, progress=False)
    assert same_files(reference, tmp_path) == []


def test_run_dask_partitions_equal_in_memory(corpus):
    dd = pytest.importorskip("dask.dataframe")
    import dask

    from discourse.corpus.reader import read_corpus

    docs = read_corpus(corpus)
    whole = run(docs)
    coded, matches = run_dask(dd.from_pandas(docs, npartitions=3))
    with dask.config.set(scheduler="synchronous"):
        got = coded.compute().reset_index(drop=True)
        got_matches = matches.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, whole.coded.reset_index(drop=True), check_dtype=False)
    assert len(got_matches) == len(whole.matches)
