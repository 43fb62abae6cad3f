"""The actors file: who may speak in a readout, under which names and titles.

An actors file (YAML) lists each actor with an id, a display name, a side (country or
group), aliases per language ("Xi Jinping", "M. Xi", "President Xi"), an optional gender
(``f`` or ``m``, used only to resolve "elle" / "she") and role titles valid for a date range
("le Premier ministre cambodgien" is Hun Sen until 21 August 2023 and Hun Manet from the
next day). :func:`read_actors` validates the file (:mod:`discourse.speakers.actors_file`)
and returns an :class:`Actors` object that finds and resolves mentions in a text: case and accents are ignored, the longest
alias wins and titles are resolved against the document's date. One actor's record is an
:class:`~discourse.speakers.actor.Actor` (:mod:`discourse.speakers.actor`).

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> actors = read_actors()
>>> actors.resolve("le Premier ministre cambodgien", lang="fr", date="2019-05-01")
'hun_sen'
>>> actors.resolve("le Premier ministre cambodgien", lang="fr", date="2024-12-03")
'hun_manet'
>>> [(m.text, m.actor) for m in actors.find_mentions("Selon M. Xi, la Chine...", lang="fr")]
[('M. Xi', 'xi_jinping')]
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ActorsError
from ..io.files import sha256_bytes
from ..lang import union_words
from ..text.normalize import normalize_text
from .actor import Actor, as_date, fold_alias
from .actors_file import parse_actors
from .phrases import phrase_alternation

__all__ = ["Actors", "Mention", "read_actors", "default_actors_path", "slug_name"]

_ARTICLE = re.compile(r"^(?:" + "|".join(union_words("definite_articles")) + r")\s*(?=\w)")
_BLANKS = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_MEMO_SIZE = 65536   # entries of a memo before it is emptied (bounded memory)


@lru_cache(maxsize=8192)   # (a document names the same people again and again)
def slug_name(name: str) -> str:
    """Return the id of a named speaker who is not in the actors file.

    Lower case, accents removed, every run of other characters than letters and digits
    replaced by one ``_``.

    Examples
    --------
    >>> slug_name("Emmanuel Macron"), slug_name("Paetongtarn Shinawatra"), slug_name("Tô Lâm")
    ('emmanuel_macron', 'paetongtarn_shinawatra', 'to_lam')
    """
    return _NOT_ALNUM.sub("_", fold_alias(name)).strip("_")


@dataclass(frozen=True)
class Mention:
    """An actor mentioned in a text: ``text[start:end]`` is the mention."""

    start: int
    end: int
    text: str
    actor: str
    candidates: tuple[str, ...] = ()   # every actor the alias may name, when several


@dataclass(frozen=True)
class _Entry:
    actor: str
    start: dt.date | None
    end: dt.date | None


class Actors:
    """A validated set of actors that finds and resolves their mentions.

    Attributes
    ----------
    actors
        Actor id -> :class:`Actor`, in file order.
    path
        The file read (str) or None.
    sha256
        Hex digest of the file bytes (for provenance), or None.

    Examples
    --------
    >>> actors = read_actors()
    >>> actors["xi_jinping"].side, "hun_sen" in actors
    ('CN', True)
    """

    def __init__(self, actors: dict[str, Actor], *, path: str | None = None,
                 sha256: str | None = None) -> None:
        self.actors = dict(actors)
        self.path = path
        self.sha256 = sha256
        self.known_people: dict | None = None   # set by with_known_people (provenance)
        self._entries: dict[str, dict[str, list[_Entry]]] = {}
        for actor in self.actors.values():
            for lang, names in actor.aliases.items():
                for name in names:
                    self._add(lang, name, _Entry(actor.id, None, None))
            for title in actor.titles:
                for lang, names in title.aliases.items():
                    for name in names:
                        self._add(lang, name, _Entry(actor.id, title.start, title.end))
        self._patterns: dict[str | None, re.Pattern] = {}
        self._merged: dict[str, list[_Entry]] | None = None
        self._names: dict[tuple, list] | None = None   # multi-word aliases, for near()
        self._near: dict[str, str | None] = {}      # near()'s answers (bounded memo)
        self._near_names: dict[str, str | None] = {}   # ... by the name as written
        self._chosen: dict[tuple, tuple] = {}   # (lang, alias, date) -> (id, candidates)

    def _add(self, lang: str, alias: str, entry: _Entry) -> None:
        key = fold_alias(alias)
        # "le Premier ministre cambodgien" also matches "du Premier ministre cambodgien".
        bare = _ARTICLE.sub("", key)
        for k in {key, bare} if len(bare) > 2 else {key}:
            bucket = self._entries.setdefault(lang, {}).setdefault(k, [])
            if entry not in bucket:
                bucket.append(entry)

    # -- mapping interface -------------------------------------------------------------
    def __getitem__(self, actor_id: str) -> Actor:
        return self.actors[actor_id]

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def __iter__(self) -> Iterator[str]:
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def __repr__(self) -> str:
        return f"Actors({len(self)} actors from {self.path or 'memory'})"

    @property
    def languages(self) -> tuple[str, ...]:
        """Language codes that have aliases."""
        return tuple(sorted(self._entries))

    def near(self, name: str) -> str | None:
        """The actor whose full-name alias ``name`` misspells (one edit; accents, case ignored).

        Only names of two words or more and of eight letters or more are compared, and
        only an alias that one actor alone is near counts ("Zhang Dejianq", "Prak Sokhon").

        Examples
        --------
        >>> read_actors().near("Zhang Dejianq"), read_actors().near("Zhang Wei")
        ('zhang_dejiang', None)
        """
        if name in self._near_names:
            return self._near_names[name]
        if len(self._near_names) >= _MEMO_SIZE:
            self._near_names.clear()
        found = self._near_names[name] = self._near_key(fold_alias(name))
        return found

    def _near_key(self, key: str) -> str | None:
        """:meth:`near` of a folded name."""
        if len(key) < 8 or " " not in key:
            return None
        if key in self._near:
            return self._near[key]
        if self._names is None:
            self._names = _near_index(self._entries)
        found = {a for n in (len(key) - 1, len(key), len(key) + 1)
                 for alias, ids in self._names.get((key[0], n), ())
                 if _one_edit(alias, key) for a in ids}
        if len(self._near) >= _MEMO_SIZE:
            self._near.clear()
        self._near[key] = found.pop() if len(found) == 1 else None
        return self._near[key]

    # -- matching ----------------------------------------------------------------------
    def _aliases(self, lang: str | None) -> dict[str, list[_Entry]]:
        if lang in self._entries:
            return self._entries[lang]
        if self._merged is not None:
            return self._merged
        merged: dict[str, list[_Entry]] = {}
        for table in self._entries.values():
            for alias, entries in table.items():
                bucket = merged.setdefault(alias, [])
                bucket.extend(e for e in entries if e not in bucket)
        self._merged = merged
        return merged

    def alias_pattern(self, lang: str | None) -> re.Pattern:
        """The pattern of the aliases for ``lang`` on folded text (as :meth:`find_mentions`
        uses it).

        Examples
        --------
        >>> bool(read_actors().alias_pattern("fr").search("m. xi"))
        True
        """
        return self._pattern(lang)

    def _pattern(self, lang: str | None) -> re.Pattern:
        key = lang if lang in self._entries else None
        if key not in self._patterns:
            body = phrase_alternation(self._aliases(key))   # a trie: longest alias first
            self._patterns[key] = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
        return self._patterns[key]

    def _choose(self, entries: list[_Entry], date: dt.date | None) -> str | None:
        return self._options(entries, date)[0]

    def in_office(self, actor_id: str, date: dt.date | None) -> bool:
        """True if one of the actor's dated titles is valid on ``date``.

        Examples
        --------
        >>> read_actors().in_office("hun_sen", as_date("2019-05-01", "date"))
        True
        """
        return date is not None and any(
            (t.start is not None or t.end is not None) and t.valid_on(date)
            for t in self.actors[actor_id].titles)

    def _options(self, entries: list[_Entry],
                 date: dt.date | None) -> tuple[str | None, tuple[str, ...]]:
        """(best guess, every candidate when the alias names several actors on ``date``)."""
        valid = [e for e in entries if date is None or (
            (e.start is None or e.start <= date) and (e.end is None or date <= e.end))]
        if not valid:
            return None, ()
        ids = tuple(dict.fromkeys(e.actor for e in valid))
        if len(ids) == 1:
            return ids[0], ()
        if date is not None:   # an alias shared by several: the one in office that day
            serving = [a for a in ids if self.in_office(a, date)]
            if len(serving) == 1:
                return serving[0], ()
        # Unknown date and a title held by several actors: the current holder (open end,
        # latest start) is the best guess; the document may still decide (the caller).
        valid.sort(key=lambda e: (e.end is None, e.start or dt.date.min), reverse=True)
        dated = any(e.start is not None or e.end is not None for e in valid)
        return valid[0].actor, (() if dated else ids)

    def resolve(self, mention: str, *, lang: str | None = None,
                date: str | dt.date | None = None) -> str | None:
        """Return the id of the actor that ``mention`` names as a whole, or None.

        Examples
        --------
        >>> read_actors().resolve("PRESIDENT XI", lang="en")
        'xi_jinping'
        """
        entries = self._aliases(lang).get(fold_alias(mention))
        return self._choose(entries, as_date(date, "date")) if entries else None

    def find_mentions(self, text: str, *, lang: str | None = None,
                      date: str | dt.date | None = None, folded: str | None = None,
                      matches: list | None = None) -> list[Mention]:
        """Find every actor mention in ``text``, left to right, the longest alias first.

        Parameters
        ----------
        text
            The original text; offsets refer to it.
        lang
            Language of the aliases to use (None or an unknown language: all languages).
        date
            The document date (ISO string or date), to resolve dated titles.
        folded
            Optional pre-computed case- and accent-folded copy of ``text`` of the same length
            (as made by :func:`discourse.text.normalize.normalize_text` with ``fold_accents=True``
            on a text already in NFC).
        matches
            The (start, end, matched text) of :meth:`alias_pattern`'s matches in ``folded``
            if already found (a document's scan); None: look for them here.

        Examples
        --------
        >>> ms = read_actors().find_mentions("Hun Manet a salué Xi.", lang="fr")
        >>> [(m.start, m.end, m.actor) for m in ms]
        [(0, 9, 'hun_manet'), (18, 20, 'xi_jinping')]
        """
        day = as_date(date, "date")
        if folded is None or len(folded) != len(text):
            norm = normalize_text(text, fold_accents=True)
            folded, span = norm.norm, norm.original_span
        else:
            span = lambda i, j: (i, j)  # noqa: E731
        table = self._aliases(lang)
        chosen = self._chosen
        which = lang if lang in self._entries else None
        out = []
        if matches is None:
            matches = [(m.start(), m.end(), m.group()) for m in self._pattern(lang).finditer(
                folded)]
        for ms, me, group in matches:
            key = _BLANKS.sub(" ", group)
            memo = (which, key, day)
            if memo in chosen:
                actor, cands = chosen[memo]
            else:
                actor, cands = chosen[memo] = self._options(table.get(key, []), day)
            if actor is not None:
                s, e = span(ms, me)
                out.append(Mention(s, e, text[s:e], actor, cands))
        return out


def _near_index(entries: dict[str, dict[str, list[_Entry]]]) -> dict[tuple, list]:
    """(first letter, length) -> [(alias, actor ids)] of the multi-word full-name aliases that
    :meth:`Actors.near` compares (each alias once, with the ids of its first language)."""
    names: dict[str, set] = {}
    for table in entries.values():
        for alias, found in table.items():
            if " " in alias and "." not in alias and len(alias) >= 8:
                names.setdefault(alias, {e.actor for e in found})
    index: dict[tuple, list] = {}
    for alias, ids in names.items():
        index.setdefault((alias[0], len(alias)), []).append((alias, ids))
    return index


def _one_edit(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def default_actors_path() -> Path:
    """Path of the default actors file packaged with discourse.

    Examples
    --------
    >>> default_actors_path().name
    'actors.yml'
    """
    return Path(str(resources.files("discourse") / "resources" / "actors.yml"))


def read_actors(path: Actors | str | os.PathLike | None = None) -> Actors:
    """Read and validate an actors file.

    Parameters
    ----------
    path
        A YAML actors file; None reads the default actors packaged with discourse (the same
        as ``data/actors.yml``); an :class:`Actors` object is returned as it is (as
        :func:`discourse.read_codebook` does with a codebook), so that every stage accepts
        either.

    Returns
    -------
    Actors

    Raises
    ------
    ActorsError
        If the file is missing or malformed; the message names the file, the actor id and the
        field at fault.

    Examples
    --------
    >>> actors = read_actors()
    >>> actors["hun_manet"].name
    'Hun Manet'
    >>> read_actors(actors) is actors
    True
    """
    if isinstance(path, Actors):
        return path
    p = default_actors_path() if path is None else Path(path)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise ActorsError(f"{p}: cannot read the actors file ({err.strerror}); give the path "
                          "of a YAML actors file, or None for the default") from None
    return Actors(parse_actors(raw, str(p)), path=str(p), sha256=sha256_bytes(raw))
