"""Atomic, deterministic file writing shared by every writer.

A writer never leaves a half-written file: it writes a temporary file in the same folder and
renames it over the target (atomic on POSIX and Windows). It never overwrites a file unless
told to (``overwrite=True``), so nothing a user made is lost by accident.

Examples
--------
>>> import tempfile, pathlib
>>> from discourse.io.files import write_atomic
>>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> _ = write_atomic(p, "bonjour\\n")
>>> p.read_text()
'bonjour\\n'
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import ExportError

__all__ = ["write_atomic", "open_atomic", "check_writable", "sha256_file", "sha256_bytes"]


def check_writable(path: str | os.PathLike, *, overwrite: bool) -> Path:
    """Return ``path`` as a Path; refuse an existing file unless ``overwrite`` is true.

    Raises
    ------
    ExportError
        If the file exists and ``overwrite`` is false, or if ``path`` is a folder.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> check_writable(p, overwrite=False) == p
    True
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name to write to")
    if path.exists() and not overwrite:
        raise ExportError(
            f"{path}: the file exists and would be overwritten; pass overwrite=True "
            "(or --force on the command line) to replace it, or choose another name"
        )
    return path


@contextlib.contextmanager
def open_atomic(
    path: str | os.PathLike,
    mode: str = "w",
    *,
    overwrite: bool = True,
    encoding: str | None = "utf-8",
    newline: str | None = "",
) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it to ``path``.

    On any error the temporary file is removed and ``path`` is left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> with open_atomic(p) as fh:
    ...     _ = fh.write("a,b\\n")
    >>> p.read_text()
    'a,b\\n'
    """
    path = check_writable(path, overwrite=overwrite)
    path.parent.mkdir(parents=True, exist_ok=True)
    binary = "b" in mode
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if binary:
            fh = os.fdopen(fd, mode)
        else:
            fh = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_atomic(
    path: str | os.PathLike, data: str | bytes, *, overwrite: bool = True
) -> Path:
    """Write ``data`` (text as UTF-8, or bytes) to ``path`` atomically; return the path.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = write_atomic(pathlib.Path(tempfile.mkdtemp()) / "a.txt", b"x")
    >>> p.read_bytes()
    b'x'
    """
    mode = "wb" if isinstance(data, bytes) else "w"
    with open_atomic(path, mode, overwrite=overwrite) as fh:
        fh.write(data)
    return Path(path)


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``.

    Examples
    --------
    >>> sha256_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file's bytes, read in blocks.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = write_atomic(pathlib.Path(tempfile.mkdtemp()) / "e.txt", b"")
    >>> sha256_file(p) == sha256_bytes(b"")
    True
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
