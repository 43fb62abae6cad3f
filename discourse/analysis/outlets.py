"""The outlets file: who publishes a readout, and which side the outlet belongs to.

The same meeting reported by Xinhua and by Agence Kampuchea Presse gives the two leaders
different words, so the outlet (and its side) is a variable of every comparison. An outlets
file (YAML, like the actors file) lists each outlet with an id, a display name, a side and the
names it goes by; :func:`read_outlets` reads it (None: the default packaged with discourse,
the same as ``data/outlets.yml``) and :func:`assign_outlets` adds to a documents, statements
or coded table the columns ``outlet`` (the outlet's id), ``outlet_name`` and ``outlet_side``,
from its ``source`` column.

Rules: aliases match ignoring case, as whole words; the alias appearing first in the source
names the outlet ("Xinhua (via People's Daily English)" is Xinhua, the agency that wrote the
text, not the site that relayed it), the longest alias winning at the same place. A source that
no alias matches keeps its own text as ``outlet`` with an empty side (nothing is dropped). An
``outlet_side`` already in the table (e.g. from the corpus metadata) is kept; only its missing
values are filled.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.outlets import assign_outlets
>>> docs = pd.DataFrame({"source": ["Xinhua (via People's Daily English)", "AKP", "Blog"]})
>>> assign_outlets(docs)[["outlet", "outlet_side"]].values.tolist()
[['xinhua', 'CN'], ['akp', 'KH'], ['Blog', None]]
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from ..errors import OutletsError
from ..schema import require_columns

__all__ = ["Outlet", "Outlets", "read_outlets", "assign_outlets", "default_outlets_path"]

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Outlet:
    """One outlet: id, display name, side, kind and the names it goes by."""

    id: str
    name: str
    side: str
    kind: str = ""
    aliases: tuple[str, ...] = ()


class Outlets:
    """The outlets of a file, and the matcher of their names in a ``source`` text."""

    def __init__(self, outlets: dict[str, Outlet], *, path: str | None = None) -> None:
        self.outlets = dict(outlets)
        self.path = path
        names = sorted({a for o in outlets.values() for a in (o.name, *o.aliases)},
                       key=lambda a: (-len(a), a))
        self._owner = {a.casefold(): o.id for o in outlets.values() for a in (o.name, *o.aliases)}
        self._pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(a) for a in names) + r")(?!\w)", re.IGNORECASE)

    def __getitem__(self, outlet_id: str) -> Outlet:
        return self.outlets[outlet_id]

    def __len__(self) -> int:
        return len(self.outlets)

    def __repr__(self) -> str:
        return f"Outlets({len(self)} outlets from {self.path or 'memory'})"

    def resolve(self, source: str) -> Outlet | None:
        """The outlet named first in ``source`` (None when no alias matches).

        Examples
        --------
        >>> read_outlets().resolve("Le Quotidien du Peuple en ligne (Xinhua)").id
        'peoples_daily'
        """
        found = self._pattern.search(source or "")
        return None if found is None else self.outlets[self._owner[found.group(1).casefold()]]


def default_outlets_path() -> Path:
    """Path of the default outlets file packaged with discourse.

    Examples
    --------
    >>> default_outlets_path().name
    'outlets.yml'
    """
    return Path(str(resources.files("discourse") / "resources" / "outlets.yml"))


def _parse_outlet(oid, spec, where: str) -> Outlet:
    at = f"{where}: outlets.{oid}"
    if not isinstance(oid, str) or not _ID.match(oid):
        raise OutletsError(f"{where}: outlet id {oid!r} must be lower-case letters, digits, _")
    if not isinstance(spec, dict):
        raise OutletsError(f"{at} must be a mapping with name, side, aliases; got {spec!r}")
    unknown = sorted(set(spec) - {"name", "side", "kind", "aliases"})
    if unknown:
        raise OutletsError(f"{at}: unknown field(s) {', '.join(unknown)}; valid fields: "
                           "name, side, kind, aliases")
    for field in ("name", "side"):
        if not isinstance(spec.get(field), str) or not spec[field].strip():
            raise OutletsError(f"{at}.{field} is required, a non-empty text; got "
                               f"{spec.get(field)!r}")
    aliases = spec.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise OutletsError(f"{at}.aliases must be a list of names; got {aliases!r}")
    return Outlet(oid, spec["name"].strip(), spec["side"].strip(), str(spec.get("kind") or ""),
                  tuple(a.strip() for a in aliases))


def read_outlets(path: Outlets | str | os.PathLike | None = None) -> Outlets:
    """Read and validate an outlets file (None: the packaged default; an Outlets as it is).

    Raises
    ------
    OutletsError
        If the file is missing, not YAML, or an outlet lacks a name or side, or two outlets
        share an alias.

    Examples
    --------
    >>> read_outlets()["xinhua"].side
    'CN'
    """
    if isinstance(path, Outlets):
        return path
    file = default_outlets_path() if path is None else Path(path)
    where = str(file)
    try:
        data = yaml.safe_load(file.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise OutletsError(f"{where}: no such outlets file; give a YAML file or None for the "
                           "default") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise OutletsError(f"{where}: not a valid UTF-8 YAML file: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), dict) or not data["outlets"]:
        raise OutletsError(f"{where}: 'outlets' must be a non-empty mapping id -> outlet")
    outlets = {oid: _parse_outlet(oid, spec, where) for oid, spec in data["outlets"].items()}
    seen: dict[str, str] = {}
    for o in outlets.values():
        for alias in (o.name, *o.aliases):
            other = seen.setdefault(alias.casefold(), o.id)
            if other != o.id:
                raise OutletsError(f"{where}: the alias {alias!r} names two outlets: {other} "
                                   f"and {o.id}; keep it in one")
    return Outlets(outlets, path=where)


def assign_outlets(frame: pd.DataFrame, *, outlets: Outlets | str | os.PathLike | None = None,
                   source: str = "source") -> pd.DataFrame:
    """A copy of ``frame`` with ``outlet``, ``outlet_name`` and ``outlet_side`` columns.

    Parameters
    ----------
    frame
        Documents, statements or coded table with a ``source`` column.
    outlets
        An outlets file or :class:`Outlets` (None: the default).
    source
        The column naming the publisher.

    Examples
    --------
    >>> df = pd.DataFrame({"source": ["AKP"], "outlet_side": [None]})
    >>> assign_outlets(df)["outlet_side"].tolist()
    ['KH']
    """
    require_columns(frame, [source], where="assign_outlets")
    table = read_outlets(outlets)
    out = frame.copy()
    texts = out[source].astype("object")
    found = [None if pd.isna(s) else table.resolve(str(s)) for s in texts]
    out["outlet"] = pd.Series([o.id if o else (None if pd.isna(s) else str(s))
                               for o, s in zip(found, texts)], index=out.index, dtype=object)
    out["outlet_name"] = pd.Series([o.name if o else (None if pd.isna(s) else str(s))
                                    for o, s in zip(found, texts)], index=out.index, dtype=object)
    sides = pd.Series([o.side if o else None for o in found], index=out.index, dtype=object)
    if "outlet_side" in out.columns:
        given = out["outlet_side"].astype("object")
        given = given.where(given.notna() & (given.astype(str) != ""), None)
        sides = given.where(given.notna(), sides)
    out["outlet_side"] = sides.astype(object)
    return out
