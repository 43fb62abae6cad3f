"""The outputs of the sample readout and of the self-written evaluation sets, byte for byte.

Guards refactoring: moving code must not move a single byte of what a run writes. The digests
in ``tests/data/output_checksums.json`` were taken from the code before the change; a change
that is *meant* to alter outputs (a better rule) regenerates them with
``DISCOURSE_UPDATE_CHECKSUMS=1 pytest tests/run/test_outputs_unchanged.py`` and says so in its
commit.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from discourse import attribute_speakers, read_actors, run, write_run
from discourse.speakers.evaluation import gold_statements, read_attribution_gold

ROOT = Path(__file__).resolve().parents[2]
CHECKSUMS = ROOT / "tests" / "data" / "output_checksums.json"
SETS = ["attribution", "attribution_heldout", "attribution_blind"]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _run_digests(corpus: Path, out: Path) -> dict[str, str]:
    write_run(run(corpus), out)
    return {p.relative_to(out).as_posix(): _digest(p.read_bytes())
            for p in sorted(out.rglob("*")) if p.is_file() and p.suffix != ".pdf"}


def _attribution_digest(name: str) -> str:
    folder = ROOT / "tests" / "data" / name
    documents, gold = read_attribution_gold(folder)
    attributed = attribute_speakers(gold_statements(documents, gold),
                                    actors=read_actors(folder / "actors.yml"))
    cols = ["doc_id", "stmt_id", "start", "end", "speaker", "speaker_name", "side", "cue",
            "cue_text"]
    return _digest(attributed[cols].to_csv(index=False, lineterminator="\n").encode())


def _current(tmp_path: Path) -> dict[str, str]:
    # Relative corpus paths: the run folder records them, and a clone may live anywhere.
    out = {f"sample/{k}": v for k, v in _run_digests(Path("data") / "raw",
                                                      tmp_path / "sample").items()}
    out.update({f"readouts/{k}": v for k, v in _run_digests(
        Path("tests") / "data" / "readouts", tmp_path / "readouts").items()})
    out.update({f"attributed/{name}": _attribution_digest(name) for name in SETS})
    return out


def test_outputs_match_committed_checksums(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    current = _current(tmp_path)
    if os.environ.get("DISCOURSE_UPDATE_CHECKSUMS"):
        CHECKSUMS.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
        pytest.skip("checksums regenerated")
    expected = json.loads(CHECKSUMS.read_text())
    changed = sorted(k for k in expected.keys() | current.keys()
                     if expected.get(k) != current.get(k))
    assert not changed, f"outputs changed: {changed}"
