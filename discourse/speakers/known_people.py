"""Known world figures, consulted after the user's actors file.

The actors file is the user's: small, theirs, and always right. Behind it discourse keeps a
resource of the world's heads of state and government and foreign ministers, 2008-2026
(``discourse/resources/known_people.yml``, same schema as the actors file, validated by the
same loader), so that "Pakistani Prime Minister Shehbaz Sharif" or "美国总统特朗普" get an id
and a side without the user writing them. :func:`with_known_people` adds the known people to
an :class:`~discourse.speakers.actors.Actors` set: a known person whose id or one of whose
aliases is also in the user's file is dropped, quietly (the user's file wins).

``known_people`` is ``"default"`` (the packaged resource), ``"none"`` (the actors file
alone) or the path of a YAML file in the actors file's schema.

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> merged = with_known_people(read_actors(), known_people="default")
>>> merged["patrice_talon"].side, "xi_jinping" in merged
('BJ', True)
>>> with_known_people(read_actors(), known_people="none")["hun_sen"].side
'KH'
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ActorsError, ParameterError
from ..io.files import sha256_bytes
from .actor import Actor, fold_alias
from .actors import Actors
from .actors_file import parse_actors

__all__ = ["KNOWN_PEOPLE_CHOICES", "default_known_people_path", "read_known_people",
           "with_known_people"]

#: The named values of ``known_people`` (any other string is a path).
KNOWN_PEOPLE_CHOICES = ("default", "none")
_MERGED: dict[tuple, Actors] = {}   # (actors file, its hash, known file, its hash) -> set


def default_known_people_path() -> Path:
    """Path of the known-people resource packaged with discourse.

    Examples
    --------
    >>> default_known_people_path().name
    'known_people.yml'
    """
    return Path(str(resources.files("discourse") / "resources" / "known_people.yml"))


@lru_cache(maxsize=8)
def _parsed(path: str, sha256: str, raw: bytes) -> dict[str, Actor]:
    return parse_actors(raw, path)


def read_known_people(known_people: str | os.PathLike = "default"
                      ) -> tuple[dict[str, Actor], str | None, str | None]:
    """Read the known people: ``(id -> Actor, file, sha256)``; empty for ``"none"``.

    Raises
    ------
    ParameterError
        If ``known_people`` is not a string or a path.
    ActorsError
        If the file cannot be read or is not a valid actors file (the message names the file,
        the person and the field).

    Examples
    --------
    >>> people, path, sha = read_known_people("default")
    >>> people["muhammad_shehbaz_sharif"].side, Path(path).name
    ('PK', 'known_people.yml')
    >>> read_known_people("none")
    ({}, None, None)
    """
    if not isinstance(known_people, (str, os.PathLike)):
        raise ParameterError(f"known_people={known_people!r} is not valid; valid: "
                             f"{', '.join(KNOWN_PEOPLE_CHOICES)} or the path of a YAML file "
                             "in the actors file's schema")
    if known_people == "none":
        return {}, None, None
    p = default_known_people_path() if known_people == "default" else Path(known_people)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise ActorsError(f"{p}: cannot read the known-people file ({err.strerror}); valid "
                          f"values of known_people: {', '.join(KNOWN_PEOPLE_CHOICES)} or the "
                          "path of a YAML file in the actors file's schema") from None
    sha = sha256_bytes(raw)
    return _parsed(str(p), sha, raw), str(p), sha


def _folded_aliases(actor: Actor) -> set[str]:
    return {fold_alias(name) for names in actor.aliases.values() for name in names}


def with_known_people(actors: Actors, *, known_people: str | os.PathLike = "default"
                      ) -> Actors:
    """The actors file's actors followed by the known people it does not already name.

    Parameters
    ----------
    actors
        The user's actors (:func:`~discourse.speakers.actors.read_actors`).
    known_people
        ``"default"`` (the packaged resource), ``"none"`` (``actors`` unchanged) or the
        path of a YAML file in the actors file's schema.

    Returns
    -------
    Actors
        A new set (``actors`` itself for ``"none"``, or when it already holds known people):
        the user's actors first, then every known person whose id and aliases are not in
        the user's file. Its ``known_people`` attribute records the file, its SHA-256 and
        the number of people added and dropped (for the run's provenance).

    Raises
    ------
    ParameterError, ActorsError
        As :func:`read_known_people`.

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> merged = with_known_people(read_actors())
    >>> merged.resolve("巴基斯坦总理", lang="zh", date="2024-05-01")
    'muhammad_shehbaz_sharif'
    >>> merged.known_people["added"] > 200
    True
    """
    if getattr(actors, "known_people", None) is not None:
        return actors
    people, path, sha = read_known_people(known_people)
    if not people:
        return actors
    key = (actors.path, actors.sha256, path, sha)
    if actors.sha256 is not None and key in _MERGED:
        return _MERGED[key]      # the same files: the same set (its compiled patterns kept)
    merged = _merge(actors, people, path, sha)
    if actors.sha256 is not None:
        if len(_MERGED) >= 8:
            _MERGED.clear()
        _MERGED[key] = merged
    return merged


def _merge(actors: Actors, people: dict[str, Actor], path: str, sha: str) -> Actors:
    taken = set()
    for actor in actors.actors.values():
        taken |= _folded_aliases(actor)
    kept = {pid: person for pid, person in people.items()
            if pid not in actors.actors and not (_folded_aliases(person) & taken)}
    merged = Actors({**actors.actors, **kept}, path=actors.path, sha256=actors.sha256)
    merged.known_people = {"file": Path(path).name, "sha256": sha, "added": len(kept),
                           "dropped": len(people) - len(kept)}
    return merged
