"""Bounded outputs: a heatmap of 5,000 speakers draws the top N, at a bounded size and memory;
a large corpus streams by default, into the same run folder."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image

from discourse.analysis.counts import count_themes
from discourse.analysis.figures.heatmap import plot_speaker_heatmap
from discourse.analysis.figures.style import MAX_HEIGHT, MAX_PIXELS
from discourse.analysis.figures.writer import write_figure
from discourse.pipeline.folder import write_run_folder
from discourse.pipeline.options import RunOptions

ROOT = Path(__file__).resolve().parents[2]


def _coded(n_speakers: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    sizes = rng.integers(1, 6, n_speakers)
    sizes[:3] = [50, 40, 30]                      # three speakers with the most statements
    speakers = np.repeat([f"person {i:04d}" for i in range(n_speakers)], sizes)
    return pd.DataFrame({"stmt_id": [str(i) for i in range(len(speakers))],
                         "n_tokens": 10, "side": "unknown", "speaker_name": speakers,
                         "theme_peace": rng.integers(0, 2, len(speakers))})


def test_a_heatmap_of_5000_speakers_is_bounded(tmp_path):
    counts = count_themes(_coded(5_000), by=["side", "speaker_name"])
    tracemalloc.start()
    fig = plot_speaker_heatmap(counts, top=25)
    paths = write_figure(fig, tmp_path / "heatmap", formats=("png",))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 200e6                           # was several GB
    assert fig.get_size_inches()[1] <= MAX_HEIGHT
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 25
    assert labels[0].startswith("unknown / person 0000 (n = 50)")
    assert any("4975 more" in t.get_text() for t in fig.texts)
    with Image.open(paths[0]) as png:
        assert max(png.size) <= MAX_PIXELS
    # the table keeps every speaker
    assert counts["speaker_name"].nunique() == 5_000


def test_top_none_draws_all_within_the_maximum_size():
    fig = plot_speaker_heatmap(count_themes(_coded(60), by=["side", "speaker_name"]), top=None)
    assert len(fig.axes[0].get_yticklabels()) == 60
    assert fig.get_size_inches()[1] <= MAX_HEIGHT


def test_a_corpus_over_the_threshold_streams_into_the_same_folder(tmp_path):
    corpus = ROOT / "data" / "raw"
    assert not RunOptions().streams(corpus)
    assert RunOptions(stream_threshold_mb=0).streams(corpus)
    memory = write_run_folder(corpus, tmp_path / "memory", progress=False)
    streamed = write_run_folder(corpus, tmp_path / "streamed", stream_threshold_mb=0,
                                progress=False)
    assert (memory.engine, streamed.engine) == ("memory", "streaming")
    for name in ("coded_statements.csv", "matches.csv", "theme_counts.csv",
                 "theme_counts_by_speaker.csv", "documents.jsonl", "figures/speaker_heatmap.png"):
        assert (tmp_path / "memory" / name).read_bytes() == \
            (tmp_path / "streamed" / name).read_bytes(), name
