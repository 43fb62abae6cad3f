"""The codebook as a REFI-QDA code tree (see :mod:`discourse.io.refi.writer`).

Each theme becomes a ``<Code>`` (sub-themes nested in their theme) with a deterministic GUID,
its label as name, its definition and inclusion / exclusion notes as ``<Description>``
(ending with ``(discourse id: <id>)``, which gives the theme id back on reading) and its
colour from :func:`discourse.analysis.palette.theme_colours`, the colour it has in the
figures and the review widget.

Examples
--------
>>> from lxml import etree
>>> from discourse.coding.codebook import Codebook, Theme
>>> from discourse.io.refi.common import NS_CODEBOOK
>>> cb = Codebook(id="mini", version="1", themes=(Theme("peace", "Peace"),))
>>> root = etree.Element("root")
>>> build_codes(root, NS_CODEBOOK, cb, code_ids(cb, []))
>>> [(c.get("name"), c.get("color")) for c in root.iter(f"{{{NS_CODEBOOK}}}Code")]
[('Peace', '#0072B2')]
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...analysis.palette import theme_colours
from .common import code_guid

__all__ = ["code_ids", "build_codes"]


def code_ids(codebook: Any, extra: list[str]) -> list[str]:
    """The ids of the codes: the codebook's themes, then the ``extra`` ids it lacks.

    Examples
    --------
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> code_ids(Codebook("c", "1", themes=(Theme("a", "A"),)), ["a", "a.negated"])
    ['a', 'a.negated']
    """
    ids = [t.id for t in codebook.themes]
    for tid in extra:
        if tid not in ids:
            ids.append(tid)
    return ids


def _parent_of(tid: str, known: list[str], codebook: Any) -> str | None:
    for t in codebook.themes:
        if t.id == tid:
            return t.parent
    head = tid.rsplit(".", 1)[0] if "." in tid else None
    return head if head in known else None


def _description(theme: Any, tid: str) -> str:
    parts = [" ".join((theme.definition or "").split())] if theme is not None else []
    if theme is not None and theme.include:
        parts.append("Include: " + " ".join(theme.include.split()))
    if theme is not None and theme.exclude:
        parts.append("Exclude: " + " ".join(theme.exclude.split()))
    parts.append(f"(discourse id: {tid})")
    return "\n\n".join(p for p in parts if p)


def build_codes(parent_el: etree._Element, ns: str, codebook: Any, ids: list[str]) -> None:
    """Add the ``<Codes>`` tree of the codes ``ids`` under ``parent_el`` (namespace ``ns``).

    Examples
    --------
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> from discourse.io.refi.common import NS_PROJECT
    >>> cb = Codebook("c", "1", themes=(Theme("a", "A"), Theme("a.b", "B", parent="a")))
    >>> root = etree.Element("CodeBook")
    >>> build_codes(root, NS_PROJECT, cb, ["a", "a.b"])
    >>> [c.get("name") for c in root.iter(f"{{{NS_PROJECT}}}Code")]
    ['A', 'B']
    """
    colours = theme_colours(ids, codebook=codebook)
    themes = {t.id: t for t in codebook.themes}
    elements: dict[str, etree._Element] = {}
    codes = etree.SubElement(parent_el, f"{{{ns}}}Codes")
    for tid in ids:
        parent = _parent_of(tid, ids, codebook)
        host = elements.get(parent, codes) if parent else codes
        theme = themes.get(tid)
        label = theme.label if theme is not None else tid
        el = etree.SubElement(host, f"{{{ns}}}Code", guid=code_guid(codebook.id, tid),
                              name=label, isCodable="true", color=colours[tid])
        desc = etree.Element(f"{{{ns}}}Description")
        desc.text = _description(theme, tid)
        el.insert(0, desc)  # Description comes before nested Codes
        elements[tid] = el
