"""The actors file: who may speak in a readout, under which names and titles.

An actors file (YAML) lists each actor with an id, a display name, a side (country or
group), aliases per language ("Xi Jinping", "M. Xi", "President Xi"), an optional gender
(``f`` or ``m``, used only to resolve "elle" / "she") and role titles valid for a date range
("le Premier ministre cambodgien" is Hun Sen until 21 August 2023 and Hun Manet from the
next day). :func:`read_actors` validates the file and returns an :class:`Actors`
object that finds and resolves mentions in a text: case and accents are ignored, the longest
alias wins and titles are resolved against the document's date.

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
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..io.files import sha256_bytes
from .phrases import phrase_alternation
from ..lang import union_words
from ..errors import ActorsError
from ..text.normalize import normalize_text

__all__ = ["Actor", "Title", "Mention", "Actors", "read_actors", "default_actors_path",
           "slug_name", "GENDERS"]

_ACTOR_KEYS = {"name", "side", "aliases", "titles", "gender"}
#: Valid values of an actor's optional ``gender`` (used only to resolve "elle" / "she").
GENDERS = ("f", "m")
_TITLE_BOUNDS = {"from", "to"}
_LANG = re.compile(r"^[a-z]{2,3}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_ARTICLE = re.compile(r"^(?:" + "|".join(union_words("definite_articles")) + r")\s*(?=\w)")
_BLANKS = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """Case- and accent-folded working copy used for every alias comparison."""
    return normalize_text(text, fold_accents=True, collapse_space=True).norm.strip()


def slug_name(name: str) -> str:
    """Return the id of a named speaker who is not in the actors file.

    Lower case, accents removed, every run of other characters than letters and digits
    replaced by one ``_``.

    Examples
    --------
    >>> slug_name("Emmanuel Macron"), slug_name("Paetongtarn Shinawatra"), slug_name("Tô Lâm")
    ('emmanuel_macron', 'paetongtarn_shinawatra', 'to_lam')
    """
    return re.sub(r"[^a-z0-9]+", "_", _fold(name)).strip("_")


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


@dataclass(frozen=True)
class Mention:
    """An actor mentioned in a text: ``text[start:end]`` is the mention."""

    start: int
    end: int
    text: str
    actor: str


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
        self._chosen: dict[tuple, str | None] = {}   # (lang, alias, date) -> actor id

    def _add(self, lang: str, alias: str, entry: _Entry) -> None:
        key = _fold(alias)
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

    def _pattern(self, lang: str | None) -> re.Pattern:
        key = lang if lang in self._entries else None
        if key not in self._patterns:
            body = phrase_alternation(self._aliases(key))   # a trie: longest alias first
            self._patterns[key] = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
        return self._patterns[key]

    def _choose(self, entries: list[_Entry], date: dt.date | None) -> str | None:
        valid = [e for e in entries if date is None or (
            (e.start is None or e.start <= date) and (e.end is None or date <= e.end))]
        if not valid:
            return None
        if len({e.actor for e in valid}) == 1:
            return valid[0].actor
        # Unknown date and a title held by several actors: the current holder (open end,
        # latest start) is the best guess.
        valid.sort(key=lambda e: (e.end is None, e.start or dt.date.min), reverse=True)
        return valid[0].actor

    def resolve(self, mention: str, *, lang: str | None = None,
                date: str | dt.date | None = None) -> str | None:
        """Return the id of the actor that ``mention`` names as a whole, or None.

        Examples
        --------
        >>> read_actors().resolve("PRESIDENT XI", lang="en")
        'xi_jinping'
        """
        entries = self._aliases(lang).get(_fold(mention))
        return self._choose(entries, _as_date(date, "date")) if entries else None

    def find_mentions(self, text: str, *, lang: str | None = None,
                      date: str | dt.date | None = None, folded: str | None = None,
                      ) -> list[Mention]:
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

        Examples
        --------
        >>> ms = read_actors().find_mentions("Hun Manet a salué Xi.", lang="fr")
        >>> [(m.start, m.end, m.actor) for m in ms]
        [(0, 9, 'hun_manet'), (18, 20, 'xi_jinping')]
        """
        day = _as_date(date, "date")
        if folded is None or len(folded) != len(text):
            norm = normalize_text(text, fold_accents=True)
            folded, span = norm.norm, norm.original_span
        else:
            span = lambda i, j: (i, j)  # noqa: E731
        table = self._aliases(lang)
        chosen = self._chosen
        which = lang if lang in self._entries else None
        out = []
        for m in self._pattern(lang).finditer(folded):
            key = _BLANKS.sub(" ", m.group())
            memo = (which, key, day)
            if memo in chosen:
                actor = chosen[memo]
            else:
                actor = chosen[memo] = self._choose(table.get(key, []), day)
            if actor is not None:
                s, e = span(m.start(), m.end())
                out.append(Mention(s, e, text[s:e], actor))
        return out


def _as_date(value, where: str) -> dt.date | None:
    """Parse an ISO date (str / date / datetime / None / NA); ValueError if malformed."""
    if value is None:
        return None
    if isinstance(value, str):
        return _iso_date(value, where)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        import pandas as pd

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


def default_actors_path() -> Path:
    """Path of the default actors file packaged with discourse.

    Examples
    --------
    >>> default_actors_path().name
    'actors.yml'
    """
    return Path(str(resources.files("discourse") / "resources" / "actors.yml"))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses duplicate keys (YAML would keep the last silently)."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ActorsError(
                f"line {key_node.start_mark.line + 1}: the key {key!r} appears twice; "
                "give each actor (and each field) once"
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)
# Keep dates as text, so that a malformed one gets a clear message naming the actor.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _names(value, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ActorsError(f"{where}: expected a list of names, got {type(value).__name__}")
    for v in value:
        if not isinstance(v, str) or not v.strip():
            raise ActorsError(f"{where}: alias {v!r} is not a non-empty string; quote it")
    return tuple(v.strip() for v in value)


def _lang_lists(value, where: str, *, extra: set[str] = frozenset()) -> dict[str, tuple]:
    if not isinstance(value, dict):
        raise ActorsError(f"{where}: expected a mapping language -> list of names "
                          f"(e.g. fr: [...], en: [...]), got {type(value).__name__}")
    out = {}
    for lang, names in value.items():
        if lang in extra:
            continue
        if not isinstance(lang, str) or not _LANG.match(lang):
            valid = "language codes such as fr, en" + (
                f", or {', '.join(sorted(extra))}" if extra else "")
            raise ActorsError(f"{where}: unknown key {lang!r}; valid keys: {valid}")
        out[lang] = _names(names, f"{where}.{lang}")
    return out


def _parse_actors(data, where: str) -> dict[str, Actor]:
    if not isinstance(data, dict) or set(data) != {"actors"}:
        keys = sorted(map(str, data)) if isinstance(data, dict) else type(data).__name__
        raise ActorsError(f"{where}: the file must hold one top-level key 'actors' "
                          f"(a mapping id -> actor); found {keys}")
    table = data["actors"]
    if not isinstance(table, dict) or not table:
        raise ActorsError(f"{where}: 'actors' must be a non-empty mapping id -> actor")
    actors: dict[str, Actor] = {}
    for actor_id, spec in table.items():
        at = f"{where}: actor {actor_id!r}"
        if not isinstance(actor_id, str) or not _ID.match(actor_id):
            raise ActorsError(f"{at}: ids are lower case letters, digits and '_' "
                              "(e.g. hun_manet)")
        if not isinstance(spec, dict):
            raise ActorsError(f"{at}: expected a mapping with name, side, aliases, titles, "
                              "gender")
        unknown = sorted(set(map(str, spec)) - _ACTOR_KEYS)
        if unknown:
            raise ActorsError(f"{at}: unknown field(s) {', '.join(unknown)}; valid fields: "
                              f"{', '.join(sorted(_ACTOR_KEYS))}")
        for key in ("name", "side"):
            if not isinstance(spec.get(key), str) or not spec[key].strip():
                raise ActorsError(f"{at}: field {key!r} is missing or not a string "
                                  f"(e.g. name: Hun Manet, side: KH)")
        aliases = _lang_lists(spec.get("aliases") or {}, f"{at}: field 'aliases'")
        gender = spec.get("gender")
        if gender is not None and gender not in GENDERS:
            raise ActorsError(f"{at}: field 'gender' is {gender!r}; valid values: "
                              f"{', '.join(GENDERS)} (or leave it out if not known)")
        titles = []
        raw_titles = spec.get("titles") or []
        if not isinstance(raw_titles, list):
            raise ActorsError(f"{at}: field 'titles' must be a list of "
                              "{fr: [...], en: [...], from: YYYY-MM-DD, to: YYYY-MM-DD}")
        for k, t in enumerate(raw_titles, 1):
            tw = f"{at}: field 'titles' entry {k}"
            names = _lang_lists(t, tw, extra=_TITLE_BOUNDS)
            try:
                start = _as_date(t.get("from"), f"{tw}: 'from'")
                end = _as_date(t.get("to"), f"{tw}: 'to'")
            except ValueError as err:
                raise ActorsError(f"{err}; write dates as YYYY-MM-DD") from None
            if start and end and end < start:
                raise ActorsError(f"{tw}: 'to' ({end}) is before 'from' ({start})")
            titles.append(Title(names, start, end))
        actors[actor_id] = Actor(actor_id, spec["name"].strip(), spec["side"].strip(),
                                 aliases, tuple(titles), gender)
    _check_overlaps(actors, where)
    return actors


def _check_overlaps(actors: dict[str, Actor], where: str) -> None:
    seen: dict[tuple[str, str], list[tuple[str, dt.date | None, dt.date | None]]] = {}
    for actor in actors.values():
        spans = [(actor.aliases, None, None)] + [(t.aliases, t.start, t.end) for t in actor.titles]
        for table, start, end in spans:
            for lang, names in table.items():
                for name in names:
                    key = (lang, _fold(name))
                    for other, s2, e2 in seen.get(key, []):
                        if other == actor.id:
                            continue
                        lo = max(start or dt.date.min, s2 or dt.date.min)
                        hi = min(end or dt.date.max, e2 or dt.date.max)
                        if lo <= hi:
                            raise ActorsError(
                                f"{where}: actor {actor.id!r}: alias {name!r} ({lang}) also "
                                f"names actor {other!r} over overlapping dates; make it a "
                                "title with from/to dates that do not overlap, or remove it")
                    seen.setdefault(key, []).append((actor.id, start, end))


def read_actors(path: str | os.PathLike | None = None) -> Actors:
    """Read and validate an actors file.

    Parameters
    ----------
    path
        A YAML actors file; None reads the default actors packaged with discourse (the same
        as ``data/actors.yml``).

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
    """
    p = default_actors_path() if path is None else Path(path)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise ActorsError(f"{p}: cannot read the actors file ({err.strerror}); give the path "
                          "of a YAML actors file, or None for the default") from None
    try:
        data = yaml.load(raw.decode("utf-8-sig"), Loader=_UniqueKeyLoader)
    except ActorsError as err:
        raise ActorsError(f"{p}: {err}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ActorsError(f"{p}: not a valid UTF-8 YAML file: {err}") from None
    return Actors(_parse_actors(data, str(p)), path=str(p), sha256=sha256_bytes(raw))
