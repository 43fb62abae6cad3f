"""The version history of a codebook: its ``history:`` field.

Each version is ``{version, date, changes: [...], measured: {...}}`` (oldest first), as
:func:`discourse.validation.develop.revise_codebook` writes it; :func:`parse_history` checks
it when a codebook is read.

Examples
--------
>>> parse_history({"history": [{"version": "2", "date": "2026-01-01", "changes": "x"}]}, "cb")
({'version': '2', 'date': '2026-01-01', 'changes': ['x']},)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import CodebookError

__all__ = ["parse_history", "HISTORY_KEYS"]

#: Keys of a version in ``history:``.
HISTORY_KEYS = ("version", "date", "changes", "measured")


def _fail(source: str, line, field: str, msg: str) -> CodebookError:
    where = f"{source}: line {line}" if line else source
    return CodebookError(f"{where}: field {field!r}: {msg}")


def _line(container: Any, key: Any):
    finder = getattr(container, "line_of", None)
    return finder(key) if finder else None


def parse_history(data: Mapping, source: str) -> tuple:
    """Parse ``history``: a list of {version, date, changes: [...], measured: {...}}."""
    items = data.get("history")
    if items is None:
        return ()
    if not isinstance(items, list):
        raise _fail(source, _line(data, "history"), "history",
                   "must be a list of versions, each with version, date and changes")
    out = []
    for i, item in enumerate(items):
        line = _line(items, i)
        if not isinstance(item, Mapping) or "version" not in item:
            raise _fail(source, line, "history",
                       f"item {i + 1} must be a mapping with version, date and changes")
        for k in item:
            if k not in HISTORY_KEYS:
                raise _fail(source, _line(item, k), "history",
                            f"unknown key {k!r}; valid keys: {', '.join(HISTORY_KEYS)}")
        changes = item.get("changes") or []
        if isinstance(changes, str):
            changes = [changes]
        if not isinstance(changes, list) or not all(isinstance(c, str) for c in changes):
            raise _fail(source, _line(item, "changes"), "history.changes",
                       "must be a list of changes (text)")
        entry = {"version": str(item["version"]), "date": str(item.get("date") or ""),
                 "changes": [c.strip() for c in changes]}
        if item.get("measured") is not None:
            entry["measured"] = _plain(item["measured"])
        out.append(entry)
    return tuple(out)


def _plain(value: Any) -> Any:
    """YAML with line numbers -> plain dicts and lists."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
