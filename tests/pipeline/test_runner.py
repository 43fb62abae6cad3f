"""Tests of discourse.pipeline.runner: the whole pipeline in memory."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from discourse.pipeline.runner import run


ROOT = Path(__file__).resolve().parents[2]
READOUTS = ROOT / "tests" / "data" / "readouts"


def test_run_returns_every_stage(readouts_result):
    r = readouts_result
    assert len(r.documents) == 5
    assert len(r.statements) == len(r.attributed) == len(r.coded) == 44
    assert r.coded["stmt_id"].is_unique
    for doc in r.documents.itertuples():
        rows = r.coded[r.coded["doc_id"] == doc.doc_id]
        for s in rows.itertuples():
            assert doc.text[s.start:s.end] == s.text
    assert set(r.matches["stmt_id"]) <= set(r.coded["stmt_id"])
    assert set(r.counts["side"].dropna()) >= {"CN", "KH", "joint", "VN"}
    assert list(r.counts_by_speaker.columns[:2]) == ["side", "speaker_name"]
    assert r.codebook.id == "default"
    assert [Path(p).name for p in r.input_paths] == sorted(
        [p.name for p in READOUTS.glob("*.txt")] + ["metadata.csv"])
    assert r.parameters["corpus"] == str(READOUTS)


def test_run_does_not_mutate_a_documents_table(readouts_frame):
    before = readouts_frame.copy()
    result = run(readouts_frame)
    pd.testing.assert_frame_equal(readouts_frame, before)
    assert result.input_paths == () and result.parameters["corpus"] is None
