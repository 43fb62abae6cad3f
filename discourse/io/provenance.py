"""Provenance: what produced an output, recorded without timestamps.

Every export says what made it: the discourse version, the codebook (id, version and the
SHA-256 of its file), the actors file's SHA-256, the SHA-256 of every input file, the options
of the run, and the versions of Python and of the libraries that shape the numbers. There is
deliberately **no date or time** in it: the same inputs in the same environment give a
byte-identical provenance record, so a rerun can be checked with ``cmp`` or a hash.

Where the provenance goes:

========== ===========================================================================
format     where
========== ===========================================================================
CSV        a sidecar file ``<file>.provenance.json`` beside the CSV
Parquet    the file's key-value metadata, key ``discourse.io.provenance`` (JSON)
Stata      a sidecar ``<file>.provenance.json``; the dataset label names the codebook
Excel      a ``provenance`` sheet (key, value rows)
REFI-QDA   the project's ``<Description>`` (the JSON record after a short note)
========== ===========================================================================

Examples
--------
>>> from discourse.io.provenance import make_provenance, format_provenance
>>> prov = make_provenance(parameters={"levels": None, "fold_accents": False})
>>> prov["parameters"]
{'fold_accents': False, 'levels': None}
>>> "python" in prov["environment"]
True
>>> format_provenance(prov).endswith("}\\n")
True
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..coding.codebook import read_codebook
from ..errors import ExportError, ParameterError
from .files import check_writable, sha256_bytes, sha256_file, write_atomic

__all__ = [
    "PROVENANCE_FORMAT",
    "LIBRARIES",
    "make_provenance",
    "format_provenance",
    "write_provenance",
    "read_provenance",
    "sidecar_path",
    "write_with_provenance",
]

#: Identifies the layout of the record (bump when keys change meaning).
PROVENANCE_FORMAT = "discourse-provenance/1"

#: Libraries whose versions are recorded (those that shape what is computed or written).
LIBRARIES = (
    "pandas", "numpy", "scipy", "statsmodels", "scikit-learn", "nltk", "pyyaml",
    "pyahocorasick", "krippendorff", "pyarrow", "openpyxl", "pyreadstat", "lxml",
)


def _library_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def _jsonable(value: Any, where: str) -> Any:
    """Turn parameters into plain JSON values (Path -> str, tuple/set -> list)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, Mapping):
        items = sorted((str(k), v) for k, v in value.items())
        return {k: _jsonable(v, f"{where}.{k}") for k, v in items}
    if isinstance(value, (set, frozenset)):
        return sorted(_jsonable(v, where) for v in value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, where) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return _jsonable(value.item(), where)
    raise ParameterError(
        f"make_provenance: parameter {where} has a value of type {type(value).__name__} "
        "that cannot be recorded; give str, int, float, bool, None, a path, or lists / "
        "mappings of them"
    )


def _relative_names(paths: list[Path], root: Path | None) -> list[str]:
    if not paths:
        return []
    if root is None:
        parents = [p.resolve().parent for p in paths]
        root = Path(os.path.commonpath([str(p) for p in parents]))
    else:
        root = Path(root).resolve()
    names = []
    for p in paths:
        try:
            names.append(p.resolve().relative_to(root).as_posix())
        except ValueError:
            names.append(p.name)
    return names


def _codebook_record(codebook: Any) -> dict | None:
    if codebook is None:
        return None
    if isinstance(codebook, (str, os.PathLike)):
        codebook = read_codebook(codebook)
    path = getattr(codebook, "path", None)
    return {
        "id": getattr(codebook, "id", None),
        "version": getattr(codebook, "version", None),
        "title": getattr(codebook, "title", "") or "",
        "sha256": getattr(codebook, "sha256", "") or "",
        "file": Path(path).name if path else None,
        "themes": [t.id for t in getattr(codebook, "themes", ())],
    }


def _actors_record(actors: Any) -> dict | None:
    if actors is None:
        return None
    if isinstance(actors, (str, os.PathLike)):
        p = Path(actors)
        if not p.is_file():
            raise ExportError(
                f"{p}: no such actors file, so its hash cannot be recorded; give the actors "
                "file that was used (or None)"
            )
        return {"file": p.name, "sha256": sha256_file(p)}
    path = getattr(actors, "path", None)
    record = {"file": Path(path).name if path else None, "sha256": getattr(actors, "sha256", None)}
    known = getattr(actors, "known_people", None)
    if known is not None:
        record["known_people"] = dict(known)
    return record


def make_provenance(
    *,
    codebook: Any = None,
    actors_path: Any = None,
    input_paths: Iterable[str | os.PathLike] = (),
    parameters: Mapping[str, Any] | None = None,
    root: str | os.PathLike | None = None,
) -> dict:
    """Describe what produced an output, with no timestamp.

    Parameters
    ----------
    codebook
        The :class:`~discourse.coding.codebook.Codebook` used (or its file); its id, version, title,
        SHA-256, file name and theme ids are recorded.
    actors_path
        The actors file used, or the :class:`~discourse.speakers.actors.Actors` object (its ``sha256``
        and file name are recorded).
    input_paths
        The input files (the corpus); each is hashed. They are listed sorted, by their name
        relative to ``root`` (by default their common folder), so the record does not depend
        on where the repository was cloned.
    parameters
        The options of the run (JSON-able values; paths become strings).
    root
        Folder the input names are made relative to.

    Returns
    -------
    dict
        Keys ``format``, ``discourse_version``, ``codebook``, ``actors``, ``inputs`` (list of
        ``{"path", "sha256"}``), ``parameters`` and ``environment`` (python and library
        versions).

    Raises
    ------
    ExportError
        If an input file does not exist.
    ParameterError
        If a parameter value cannot be written as JSON.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "b.txt").write_text("Bonjour"), (d / "a.txt").write_text("Salut")
    >>> prov = make_provenance(input_paths=[d / "b.txt", d / "a.txt"])
    >>> [i["path"] for i in prov["inputs"]]
    ['a.txt', 'b.txt']
    """
    paths = [Path(p) for p in input_paths]
    for p in paths:
        if not p.is_file():
            raise ExportError(
                f"{p}: input file not found, so its hash cannot be recorded; give the files "
                "the corpus was read from"
            )
    names = _relative_names(paths, Path(root) if root is not None else None)
    inputs = sorted(
        ({"path": n, "sha256": sha256_file(p)} for n, p in zip(names, paths)),
        key=lambda r: (r["path"], r["sha256"]),
    )
    params = _jsonable(dict(parameters or {}), "parameters")
    return {
        "format": PROVENANCE_FORMAT,
        "discourse_version": __version__,
        "codebook": _codebook_record(codebook),
        "actors": _actors_record(actors_path),
        "inputs": inputs,
        "parameters": params,
        "environment": {
            "python": platform.python_version(),
            "libraries": _library_versions(),
        },
    }


def format_provenance(prov: Mapping[str, Any]) -> str:
    """The provenance as JSON text: sorted keys, indent 2, UTF-8 characters, final newline.

    Examples
    --------
    >>> print(format_provenance({"b": 1, "a": "é"}), end="")
    {
      "a": "é",
      "b": 1
    }
    """
    return json.dumps(_jsonable(dict(prov), "provenance"), sort_keys=True, indent=2,
                      ensure_ascii=False) + "\n"


def write_provenance(
    prov: Mapping[str, Any], path: str | os.PathLike, *, overwrite: bool = False
) -> Path:
    """Write a provenance record as JSON (see :func:`format_provenance`), atomically.

    Parameters
    ----------
    prov
        A record from :func:`make_provenance` (extra keys are kept).
    path
        The ``.json`` file to write.
    overwrite
        Replace an existing file (by default an existing file is an error).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "provenance.json"
    >>> _ = write_provenance({"format": PROVENANCE_FORMAT}, p)
    >>> read_provenance(p)["format"]
    'discourse-provenance/1'
    """
    target = Path(path)
    write_atomic(target, format_provenance(prov).encode("utf-8"), overwrite=overwrite)
    return target


def read_provenance(path: str | os.PathLike) -> dict:
    """Read a provenance JSON file (a sidecar or ``provenance.json``).

    Raises
    ------
    ExportError
        If the file is missing or is not JSON.

    Examples
    --------
    >>> read_provenance("no/such/file.json")
    Traceback (most recent call last):
    ...
    discourse.errors.ExportError: no/such/file.json: no such provenance file
    """
    p = Path(path)
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExportError(f"{p}: no such provenance file") from None
    except ValueError as err:
        raise ExportError(f"{p}: not a provenance JSON file ({err})") from None


def sidecar_path(path: str | os.PathLike) -> Path:
    """The provenance sidecar of an output file: ``<file>.provenance.json``.

    Examples
    --------
    >>> sidecar_path("out/coded_statements.csv").as_posix()
    'out/coded_statements.csv.provenance.json'
    """
    p = Path(path)
    return p.with_name(p.name + ".provenance.json")


def write_with_provenance(
    path: str | os.PathLike,
    data: bytes,
    *,
    provenance: Mapping[str, Any] | None,
    fmt: str,
    overwrite: bool = False,
) -> Path:
    """Write an output file atomically and, with a provenance record, its sidecar.

    The sidecar (:func:`sidecar_path`) holds the record with an ``output`` entry added: the
    file's name, ``fmt`` and the SHA-256 of ``data``. Both files are checked before either
    is written, so an existing sidecar does not leave a new file without its record.

    Parameters
    ----------
    path
        The output file.
    data
        Its bytes.
    provenance
        A record from :func:`make_provenance`, or None for no sidecar.
    fmt
        The output's format (``"csv"``, ``"stata"``...), recorded in the sidecar.
    overwrite
        Replace existing files (by default an existing file is an ExportError).

    Returns
    -------
    pathlib.Path
        The output file.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = write_with_provenance(p, b"a\\n", provenance={"format": "x"}, fmt="csv")
    >>> read_provenance(sidecar_path(p))["output"]["file"]
    't.csv'
    """
    target = check_writable(path, overwrite=overwrite)
    side = sidecar_path(target) if provenance is not None else None
    if side is not None:
        check_writable(side, overwrite=overwrite)
    write_atomic(target, data, overwrite=overwrite)
    if side is not None:
        record = dict(provenance)
        record["output"] = {"file": target.name, "format": fmt, "sha256": sha256_bytes(data)}
        write_atomic(side, format_provenance(record).encode("utf-8"), overwrite=overwrite)
    return target
