"""Reading and validating an actors file (YAML): every error names the actor and the field.

:func:`parse_actors` turns the bytes of an actors file into :class:`~discourse.speakers.actor.Actor`
records, or raises :class:`~discourse.errors.ActorsError` with a message that names the
file, the actor id and the field at fault, and says what would be valid. Duplicate keys are
refused (YAML would keep the last one silently) and dates are read as text, so that a
malformed one gets a clear message. :func:`discourse.speakers.actors.read_actors` reads the
file and builds the :class:`~discourse.speakers.actors.Actors` set.

Examples
--------
>>> text = b"actors:\\n  xi_jinping: {name: Xi Jinping, side: CN, aliases: {fr: [M. Xi]}}\\n"
>>> actors = parse_actors(text, "mine.yml")
>>> actors["xi_jinping"].aliases
{'fr': ('M. Xi',)}
"""

from __future__ import annotations

import re

import yaml

from ..errors import ActorsError
from .actor import GENDERS, Actor, Title, as_date

__all__ = ["parse_actors"]

_ACTOR_KEYS = {"name", "side", "aliases", "titles", "gender"}
_TITLE_BOUNDS = {"from", "to"}
_LANG = re.compile(r"^[a-z]{2,3}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


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


class _FastUniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same loader on libyaml's parser when it is installed (8 times faster): a file
    it refuses is read again with :class:`_UniqueKeyLoader` for the usual message."""


# Keep dates as text, so that a malformed one gets a clear message naming the actor.
_RESOLVERS = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _loader in (_UniqueKeyLoader, _FastUniqueKeyLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.yaml_implicit_resolvers = _RESOLVERS


def parse_actors(raw: bytes, where: str) -> dict[str, Actor]:
    """Parse and validate the bytes of an actors file.

    Parameters
    ----------
    raw
        The file's bytes (UTF-8, with or without a byte-order mark).
    where
        The file's name, which starts every error message.

    Returns
    -------
    dict
        Actor id -> :class:`~discourse.speakers.actor.Actor`, in file order.

    Raises
    ------
    ActorsError
        If the file is not valid YAML or not a valid actors file.

    Examples
    --------
    >>> parse_actors(b"actors: {}", "mine.yml")
    Traceback (most recent call last):
    ...
    discourse.errors.ActorsError: mine.yml: 'actors' must be a non-empty mapping id -> actor
    """
    try:
        text = raw.decode("utf-8-sig")
        try:
            data = yaml.load(text, Loader=_FastUniqueKeyLoader)
        except yaml.YAMLError:
            data = yaml.load(text, Loader=_UniqueKeyLoader)
    except ActorsError as err:
        raise ActorsError(f"{where}: {err}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ActorsError(f"{where}: not a valid UTF-8 YAML file: {err}") from None
    return _parse_actors(data, where)


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
    actors = {actor_id: _parse_actor(actor_id, spec, f"{where}: actor {actor_id!r}")
              for actor_id, spec in table.items()}
    return actors


def _parse_actor(actor_id, spec, at: str) -> Actor:
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
    titles = _parse_titles(spec.get("titles") or [], at)
    return Actor(actor_id, spec["name"].strip(), spec["side"].strip(), aliases, titles, gender)


def _parse_titles(raw_titles, at: str) -> tuple[Title, ...]:
    if not isinstance(raw_titles, list):
        raise ActorsError(f"{at}: field 'titles' must be a list of "
                          "{fr: [...], en: [...], from: YYYY-MM-DD, to: YYYY-MM-DD}")
    titles = []
    for k, t in enumerate(raw_titles, 1):
        tw = f"{at}: field 'titles' entry {k}"
        names = _lang_lists(t, tw, extra=_TITLE_BOUNDS)
        try:
            start = as_date(t.get("from"), f"{tw}: 'from'")
            end = as_date(t.get("to"), f"{tw}: 'to'")
        except ValueError as err:
            raise ActorsError(f"{err}; write dates as YYYY-MM-DD") from None
        if start and end and end < start:
            raise ActorsError(f"{tw}: 'to' ({end}) is before 'from' ({start})")
        titles.append(Title(names, start, end))
    return tuple(titles)
