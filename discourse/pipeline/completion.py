"""A run folder that cannot be mistaken for a finished one: a marker while it is written.

A run writes :data:`INCOMPLETE_MARKER` into its folder before anything else (and removes the
previous run's ``provenance.json``), and removes the marker only after the provenance — the
last file — is written. A run killed at any point (even with ``SIGKILL``) leaves the marker,
so discourse recognises the folder as interrupted: :func:`check_not_interrupted` refuses to
read it or to write into it without ``force``.

Examples
--------
>>> import pathlib, tempfile
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> begin_run(out)
>>> is_interrupted(out)
True
>>> finish_run(out)
>>> is_interrupted(out)
False
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..errors import ExportError
from .run_files import AMBIGUOUS_FILE, PROVENANCE_FILE, RUN_FILES

__all__ = ["INCOMPLETE_MARKER", "begin_run", "finish_run", "is_interrupted",
           "check_not_interrupted", "interrupted_message"]

#: The file a run folder holds while it is being written (hidden: ``ls`` does not show it).
INCOMPLETE_MARKER = ".discourse-run-incomplete"


def is_interrupted(out: Path) -> bool:
    """True if a run into ``out`` started and did not finish."""
    return (Path(out) / INCOMPLETE_MARKER).exists()


def interrupted_message(out: Path) -> str:
    """The message naming an interrupted run folder and what to do."""
    return (f"{out}: the previous run into this folder did not finish (it was interrupted; "
            f"its files are incomplete); pass force=True (--force on the command line) to "
            "replace it, or choose another folder")


def check_not_interrupted(out: Path, *, force: bool = False) -> None:
    """Refuse a folder an interrupted run left, unless ``force``.

    Raises
    ------
    ExportError
        If ``out`` holds the marker of an unfinished run and ``force`` is false.
    """
    if not force and is_interrupted(out):
        raise ExportError(interrupted_message(Path(out)))


def begin_run(out: Path) -> None:
    """Mark ``out`` as being written, then remove the previous run's provenance (and its
    ``ambiguous_aliases.csv``, which a run writes only when it has some).

    The marker is created first (its name is what counts, so it is not written atomically:
    it exists from the first instant), so there is no moment at which the folder holds both
    new files and a provenance that reads as complete. The temporary files an interrupted
    run's writers left (``.<run file>.*.tmp``) are removed.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / INCOMPLETE_MARKER, "w", encoding="utf-8") as fh:
        fh.write("a discourse run is writing this folder; if no run is, it was interrupted: "
                 "run it again with --force\n")
        fh.flush()
        os.fsync(fh.fileno())
    for name in (PROVENANCE_FILE, AMBIGUOUS_FILE):   # the latter: only some runs write it
        with contextlib.suppress(FileNotFoundError):
            (out / name).unlink()
    for name in (*RUN_FILES, AMBIGUOUS_FILE):
        target = out / name
        if target.parent.is_dir():
            for stale in target.parent.glob(f".{target.name}.*.tmp"):
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()


def finish_run(out: Path) -> None:
    """Mark ``out`` as complete: called once its provenance, the last file, is written."""
    with contextlib.suppress(FileNotFoundError):
        (Path(out) / INCOMPLETE_MARKER).unlink()
