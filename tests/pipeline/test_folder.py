"""Tests of discourse.pipeline.folder: run folders written (in memory or streamed, the same
bytes) and read back."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from discourse.errors import ExportError, ParameterError
from discourse.pipeline.folder import read_run, write_run, write_run_folder
from discourse.pipeline.run_files import RUN_FILES


ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_write_run_and_read_run_round_trip(readouts_result, written):
    out, files = written
    assert sorted(p.relative_to(out).as_posix() for p in files) == sorted(RUN_FILES)
    tables = read_run(out)
    docs = tables["documents"]
    assert docs["doc_id"].tolist() == readouts_result.documents["doc_id"].tolist()
    assert docs["text"].tolist() == readouts_result.documents["text"].tolist()
    assert docs["date"].tolist() == readouts_result.documents["date"].tolist()  # not parsed
    assert tables["coded"]["speaker"].tolist() == readouts_result.coded["speaker"].tolist()
    assert len(tables["matches"]) == len(readouts_result.matches)
    assert tables["codebook"].id == "default"
    assert tables["provenance"]["files"][-1] == "provenance.json"


def test_write_run_refuses_a_foreign_folder(readouts_result, tmp_path):
    (tmp_path / "a.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match=r"not empty and was not written by discourse .*a\.txt"):
        write_run(readouts_result, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_memory_and_streamed_folders_are_identical(readouts_frame, tmp_path):
    memory = write_run_folder(readouts_frame, tmp_path / "memory", bom=True)
    streamed = write_run_folder(readouts_frame, tmp_path / "streamed", batch_size=2, bom=True,
                                progress=False)
    assert memory.engine == "memory" and streamed.engine == "streaming"
    assert (memory.n_documents, memory.n_statements, memory.n_matches) == \
        (streamed.n_documents, streamed.n_statements, streamed.n_matches) == \
        (5, 44, memory.n_matches)
    assert sorted(p.relative_to(tmp_path / "streamed").as_posix() for p in streamed.files) \
        == sorted(RUN_FILES)
    assert files_of(tmp_path / "memory") == files_of(tmp_path / "streamed")
    assert (tmp_path / "memory" / "coded_statements.csv").read_bytes().startswith(
        "\ufeffdoc_id,".encode())
    tables = read_run(tmp_path / "streamed")
    assert tables["coded"].columns[0] == "doc_id"
    region = tables["documents"]["region"]
    assert region.iloc[0] == "Asia" and pd.isna(region.iloc[1])


@pytest.mark.parametrize("options, message", [
    ({"engine": "spark"}, r"engine='spark' is not valid; valid: pandas, dask"),
    ({"scheduler": "tcp://h:8786"}, r"scheduler='tcp://h:8786' needs the Dask engine"),
    ({"jobs": 0}, r"jobs=0 is not valid"),
    ({"jobs": -2}, r"jobs=-2 is not valid"),
    ({"batch_size": 0}, r"batch_size=0 is not valid"),
    ({"engine": "dask", "scheduler": "tcp://h:8786", "jobs": 2}, r"drop jobs"),
])
def test_write_run_folder_checks_its_options(options, message, tmp_path):
    with pytest.raises(ParameterError, match=message):
        write_run_folder(RAW, tmp_path / "run", **options)
    assert not (tmp_path / "run").exists()


def test_read_run_errors(run_copy, tmp_path):
    with pytest.raises(ParameterError, match=r"not a run folder \(no provenance.json\)"):
        read_run(tmp_path / "nothing")
    out = run_copy
    (out / "matches.csv").unlink()
    (out / "theme_counts.csv").unlink()
    with pytest.raises(ParameterError, match=r"lacks matches.csv, theme_counts.csv"):
        read_run(out)


def test_read_run_without_or_with_damaged_documents(run_copy):
    out = run_copy
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    (out / "documents.jsonl").write_text(lines[0] + "\n{oops\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"documents.jsonl, line 2: not a JSON record"):
        read_run(out)
    (out / "documents.jsonl").unlink()
    assert read_run(out)["documents"] is None
