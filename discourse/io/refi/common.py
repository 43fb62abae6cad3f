"""Shared pieces of the REFI-QDA writer and reader (see :mod:`discourse.io.refi.writer`).

Namespaces, the machine coder's name, deterministic GUIDs, and the conversion between
positions in Unicode code points and in UTF-16 code units.

Examples
--------
>>> from discourse.io.refi.common import _guid
>>> _guid("source", "doc1") == _guid("source", "doc1")
True
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import numpy as np

from ...errors import HandCodingError, ParameterError

NS_PROJECT = "urn:QDA-XML:project:1.0"
NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
#: Name of the user that makes the machine codings.
MACHINE_CODER = "discourse"

_GUID_NAMESPACE = uuid.UUID("7b0c7f4e-3d2a-5b8e-9c41-6f1d2e3a4b5c")
_PALETTE = (  # Okabe-Ito, then Paul Tol's muted: colour-blind safe, distinct
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
)
_ID_NOTE = re.compile(r"\(discourse id: ([^)\s]+)\)\s*$")
_UNITS = ("statement", "match")
_POSITIONS = ("codepoints", "utf16")


def _guid(*parts: Any) -> str:
    return str(uuid.uuid5(_GUID_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def _code_guid(codebook_id: str, theme_id: str) -> str:
    return _guid("code", codebook_id, theme_id)


def _theme_of_column(column: str) -> str:
    return column[len("theme_"):].replace("__", ".")


def _check_choice(value: str, valid: tuple[str, ...], name: str, where: str) -> None:
    if value not in valid:
        raise ParameterError(f"{where}: {name}={value!r} is not valid; use one of "
                             f"{', '.join(valid)}")


# ----------------------------------------------------------------------------- positions
def _u16_cumulative(text: str) -> np.ndarray:
    units = np.fromiter((2 if ord(c) > 0xFFFF else 1 for c in text), dtype=np.int64,
                        count=len(text))
    return np.concatenate([[0], np.cumsum(units)])


def _to_units(text: str, offsets: list[int], positions: str) -> list[int]:
    if positions == "codepoints":
        return [int(o) for o in offsets]
    cum = _u16_cumulative(text)
    return [int(cum[o]) for o in offsets]


def _from_units(text: str | None, offsets: list[int], positions: str, where: str) -> list[int]:
    if positions == "codepoints":
        return [int(o) for o in offsets]
    if text is None:
        raise HandCodingError(f"{where}: positions='utf16' needs the source text, which the "
                              "project does not hold")
    cum = _u16_cumulative(text)
    out = np.searchsorted(cum, offsets)
    return [int(min(o, len(text))) for o in out]
