"""A run killed at any point never leaves a folder that reads as finished.

The runs are killed with SIGKILL from inside a child process at deterministic points: just
before the n-th file of the run is renamed into place (``os.replace``, the moment each atomic
write completes: the marker, tables, figures,
provenance) and in the middle of writing a file (``os.fsync``), in a new
folder and in the folder of a finished earlier run (alternately).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from discourse.errors import ExportError, ParameterError
from discourse.pipeline.completion import INCOMPLETE_MARKER
from discourse.pipeline.folder import read_run, write_run_folder
from discourse.pipeline.run_files import RUN_FILES

ROOT = Path(__file__).resolve().parents[2]

_CHILD = textwrap.dedent("""
    import os, signal, sys
    from discourse.pipeline.folder import write_run_folder
    hook, n, corpus, out, streamed = sys.argv[1], int(sys.argv[2]), *sys.argv[3:6]
    real = getattr(os, hook)
    calls = [0]
    def killing(*args, **kwargs):
        calls[0] += 1
        if calls[0] == n:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(os, hook, killing)
    options = {"batch_size": 2, "progress": False} if streamed == "1" else {}
    write_run_folder(corpus, out, force=True, **options)
""")


def _kill_run(hook: str, n: int, corpus: Path, out: Path, streamed: bool) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    proc = subprocess.run([sys.executable, "-c", _CHILD, hook, str(n), str(corpus), str(out),
                           "1" if streamed else "0"], env=env, capture_output=True, timeout=300)
    return proc.returncode


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.suffix != ".pdf" and p.name != INCOMPLETE_MARKER}


def _assert_not_finished(out: Path) -> None:
    """The folder never reads as a finished run; once it holds a file it reads as interrupted."""
    with pytest.raises(ParameterError):
        read_run(out)
    assert (out / INCOMPLETE_MARKER).exists()
    with pytest.raises(ParameterError, match="previous run into this folder did not finish"):
        read_run(out)
    with pytest.raises(ExportError, match="did not finish.*force"):
        write_run_folder(ROOT / "data" / "raw", out)


@pytest.mark.parametrize("streamed", [False, True], ids=["memory", "streamed"])
def test_sigkill_at_every_file_never_leaves_a_finished_looking_folder(tmp_path, streamed):
    corpus = ROOT / "data" / "raw"
    reference = tmp_path / "reference"
    write_run_folder(corpus, reference, progress=False)
    expected = _files(reference)
    killed = 0
    points = [("replace", n) for n in (1, 2, 5, 9, 12, len(RUN_FILES) + 1)] + [("fsync", 4)]
    if streamed:
        points = points[1::2]
    for i, (hook, n) in enumerate(points):
        fresh = i % 2 == 0
        out = tmp_path / f"{hook}{n}{'new' if fresh else 'old'}"
        if not fresh:               # a finished earlier run is being replaced
            write_run_folder(corpus, out, progress=False)
        code = _kill_run(hook, n, corpus, out, streamed)
        if code == -signal.SIGKILL:
            killed += 1
            if out.exists():
                _assert_not_finished(out)
            # --force replaces it with the same folder as an uninterrupted run
            write_run_folder(corpus, out, force=True, progress=False)
        else:
            assert code == 0
            assert not (out / INCOMPLETE_MARKER).exists()
        prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
        assert sorted(prov["files"]) == sorted(RUN_FILES)
        assert _files(out) == expected
    assert killed >= len(points) - 1              # it really was killed (the last
    #                                              point is past the last file)


def test_a_finished_run_folder_has_no_marker_and_reads(tmp_path):
    out = tmp_path / "run"
    write_run_folder(ROOT / "data" / "raw", out)
    assert not (out / INCOMPLETE_MARKER).exists()
    assert len(read_run(out)["coded"]) > 0
