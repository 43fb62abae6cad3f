"""Fixtures of the pipeline tests: the hand-written readouts, run in memory and written, and a
generated corpus with its in-memory run folder as reference for the streamed engines."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from discourse.io.export import write_coded_csv, write_matches_csv, write_table_csv
from discourse.pipeline.folder import write_run
from discourse.pipeline.runner import run

ROOT = Path(__file__).resolve().parents[2]
READOUTS = ROOT / "tests" / "data" / "readouts"
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_corpus import make_corpus  # noqa: E402


@pytest.fixture(scope="session")
def readouts_frame() -> pd.DataFrame:
    """The readouts as a documents table given in memory (no path column), with metadata."""
    meta = pd.read_csv(READOUTS / "metadata.csv", dtype=str)
    return pd.DataFrame({
        "doc_id": meta["file"].str.removesuffix(".txt"),
        "text": [(READOUTS / f).read_text(encoding="utf-8") for f in meta["file"]],
        "lang": meta["lang"],
        "date": meta["date"],
        "title": meta["title"],
        "source": meta["source"],
        "region": ["Asia", None, "Asia", None, "Asia"],
    })


@pytest.fixture(scope="session")
def readouts_result():
    return run(READOUTS)


@pytest.fixture(scope="session")
def written(readouts_result, tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("written") / "run"
    return out, write_run(readouts_result, out)


@pytest.fixture
def run_copy(written, tmp_path) -> Path:
    """A copy of the written run folder that a test may damage."""
    return Path(shutil.copytree(written[0], tmp_path / "run"))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    make_corpus(path, size="120kB", seed=7)
    return path


@pytest.fixture(scope="session")
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
