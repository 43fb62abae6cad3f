"""One actor of the actors file: its names, dated titles and gender (plain records).

An :class:`Actor` has aliases per language and :class:`Title` s valid for a date range;
:func:`as_date` reads the dates of the file and of the documents, and :func:`fold_alias`
makes the folded key under which every alias is compared. The set of actors that finds
them in a text is :class:`discourse.speakers.actors.Actors`.

Examples
--------
>>> t = Title({"fr": ("le Premier ministre",)}, as_date("2023-08-22", "to"), None)
>>> t.valid_on(as_date("2024-12-03", "date")), t.valid_on(as_date("2019-05-01", "date"))
(True, False)
>>> fold_alias("  Samdech  Techo ")
'samdech techo'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..text.normalize import normalize_text

__all__ = ["Actor", "Title", "GENDERS", "as_date", "fold_alias"]

#: Valid values of an actor's optional ``gender`` (used only to resolve "elle" / "she").
GENDERS = ("f", "m")


@lru_cache(maxsize=8192)
def fold_alias(text: str) -> str:
    """Case- and accent-folded working copy used for every alias comparison.

    Examples
    --------
    >>> fold_alias("M. Xi  Jinping")
    'm. xi jinping'
    """
    return normalize_text(text, fold_accents=True, collapse_space=True).norm.strip()


@dataclass(frozen=True)
class Title:
    """Role aliases of an actor, valid from ``start`` to ``end`` (inclusive; None is open)."""

    aliases: dict[str, tuple[str, ...]]
    start: dt.date | None = None
    end: dt.date | None = None

    def valid_on(self, date: dt.date | None) -> bool:
        """True if the title applies on ``date`` (always True for an unknown date)."""
        if date is None:
            return True
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class Actor:
    """One actor: id, display name, side, aliases per language, dated titles, gender.

    ``gender`` is 'f', 'm' or None (not given): it only helps resolve a pronoun ("Elle a
    ajouté", "she said") to the right person, and is never guessed for an actor.
    """

    id: str
    name: str
    side: str
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    titles: tuple[Title, ...] = ()
    gender: str | None = None


def as_date(value, where: str) -> dt.date | None:
    """Parse an ISO date (str / date / datetime / None / NA); ValueError if malformed.

    Examples
    --------
    >>> as_date("2024-12-03T10:00", "date"), as_date(None, "date")
    (datetime.date(2024, 12, 3), None)
    """
    if value is None:
        return None
    if isinstance(value, str):
        return _iso_date(value, where)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


@lru_cache(maxsize=256)
def _iso_date(value: str, where: str) -> dt.date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None
