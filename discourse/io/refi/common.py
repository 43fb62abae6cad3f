"""Shared pieces of the REFI-QDA writer and reader (see :mod:`discourse.io.refi.writer`).

Namespaces, the machine coder's name, deterministic GUIDs, and the conversion between
positions in Unicode code points and in UTF-16 code units.

Examples
--------
>>> from discourse.io.refi.common import guid
>>> guid("source", "doc1") == guid("source", "doc1")
True
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import numpy as np

from ...errors import HandCodingError, ParameterError

__all__ = ["NS_PROJECT", "NS_CODEBOOK", "MACHINE_CODER", "ID_NOTE", "UNITS", "POSITIONS",
           "guid", "code_guid", "check_choice", "to_units", "from_units"]

NS_PROJECT = "urn:QDA-XML:project:1.0"
NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
#: Name of the user that makes the machine codings.
MACHINE_CODER = "discourse"

#: The note ending a code's description, which gives back the theme id on reading.
ID_NOTE = re.compile(r"\(discourse id: ([^)\s]+)\)\s*$")
#: Valid values of ``unit`` (what a selection covers).
UNITS = ("statement", "match")
#: Valid values of ``positions`` (how offsets are counted).
POSITIONS = ("codepoints", "utf16")

_GUID_NAMESPACE = uuid.UUID("7b0c7f4e-3d2a-5b8e-9c41-6f1d2e3a4b5c")


def guid(*parts: Any) -> str:
    """A deterministic GUID (UUID 5) of ``parts``: the same parts give the same GUID.

    Examples
    --------
    >>> guid("source", "doc1")
    '169fa2c5-90a6-570a-bb46-fe0c1529a5ef'
    """
    return str(uuid.uuid5(_GUID_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def code_guid(codebook_id: str, theme_id: str) -> str:
    """The GUID of a theme's code in a codebook.

    Examples
    --------
    >>> code_guid("default", "sovereignty") == guid("code", "default", "sovereignty")
    True
    """
    return guid("code", codebook_id, theme_id)


def check_choice(value: str, valid: tuple[str, ...], name: str, where: str) -> None:
    """Raise ParameterError if ``value`` is not one of ``valid``.

    Examples
    --------
    >>> check_choice("page", UNITS, "unit", "write_qdpx")
    Traceback (most recent call last):
    ...
    discourse.errors.ParameterError: write_qdpx: unit='page' is not valid; use one of statement, match
    """
    if value not in valid:
        raise ParameterError(f"{where}: {name}={value!r} is not valid; use one of "
                             f"{', '.join(valid)}")


# ----------------------------------------------------------------------------- positions
def _u16_cumulative(text: str) -> np.ndarray:
    units = np.fromiter((2 if ord(c) > 0xFFFF else 1 for c in text), dtype=np.int64,
                        count=len(text))
    return np.concatenate([[0], np.cumsum(units)])


def to_units(text: str, offsets: list[int], positions: str) -> list[int]:
    """Code-point offsets into ``text`` as counted by ``positions``.

    Examples
    --------
    >>> to_units("𝔘 ok", [1, 4], "utf16"), to_units("𝔘 ok", [1, 4], "codepoints")
    ([2, 5], [1, 4])
    """
    if positions == "codepoints":
        return [int(o) for o in offsets]
    cum = _u16_cumulative(text)
    return [int(cum[o]) for o in offsets]


def from_units(text: str | None, offsets: list[int], positions: str, where: str) -> list[int]:
    """Offsets counted by ``positions`` as code-point offsets into ``text``.

    Examples
    --------
    >>> from_units("𝔘 ok", [2, 5], "utf16", "example")
    [1, 4]
    """
    if positions == "codepoints":
        return [int(o) for o in offsets]
    if text is None:
        raise HandCodingError(f"{where}: positions='utf16' needs the source text, which the "
                              "project does not hold")
    cum = _u16_cumulative(text)
    out = np.searchsorted(cum, offsets)
    return [int(min(o, len(text))) for o in out]
