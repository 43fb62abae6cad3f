"""REFI-QDA exchange: coded statements to NVivo, ATLAS.ti, MAXQDA, QualCoder and back.

REFI-QDA (the Rotterdam Exchange Format Initiative, standard 1.5, schema QDA-XML 1.0) is the
format qualitative-analysis tools exchange projects in. :func:`write_qdpx` writes a project:

- a zip (``.qdpx``) holding ``project.qde`` (XML, namespace ``urn:QDA-XML:project:1.0``) and
  ``sources/<guid>.txt``, one UTF-8 plain-text file per document, its text exactly as read;
- ``<Users>``: the machine coder ``discourse``;
- ``<CodeBook>``: the codebook as a code tree (sub-themes nested in their theme), each code
  with its definition as ``<Description>`` (ending with ``(discourse id: <id>)``) and a
  distinct colour (the theme's own, else a colour-blind-safe palette);
- ``<Sources>``: every document as a ``<TextSource>`` (``plainTextPath="internal://<guid>.txt"``);
  every coded statement (``unit="statement"``) or every matched term (``unit="match"``) as a
  ``<PlainTextSelection>`` with one ``<Coding>`` per theme, pointing at the code by
  ``<CodeRef targetGUID=...>``;
- the project ``<Description>`` records the provenance.

:func:`write_qdc` writes the codebook alone (``.qdc``, namespace ``urn:QDA-XML:codebook:1.0``).
:func:`read_qdpx` reads the codings of a project (for example one a researcher corrected by
hand in a QDA tool) and :func:`hand_coding_from_qdpx` turns them into a hand coding, one row
per statement with ``theme_<id>`` 0/1 columns, for the validation functions.

How positions are counted
-------------------------
``startPosition`` and ``endPosition`` are offsets into the source's plain text, counted in
**Unicode code points** (Python string indices), ``endPosition`` exclusive, with line endings
exactly as in the source (a Windows ``\\r\\n`` counts as two characters). These are the
``start`` / ``end`` of the statements and matches tables. Tools disagree on this: software
built on UTF-16 strings (.NET, Java, JavaScript) may count UTF-16 code units, in which each
character outside the Basic Multilingual Plane (𝔘, emoji) counts twice, and some tools
rewrite line endings on import. Pass ``positions="utf16"`` to :func:`write_qdpx` or
:func:`read_qdpx` for such a tool; :func:`hand_coding_from_qdpx` checks that the project's
source texts agree with the statements' offsets and says so if they do not.

Determinism: every GUID is a UUID 5 derived from the codebook id, doc_id, stmt_id and theme,
the zip entries have fixed dates, and no timestamp is written, so the same tables give a
byte-identical file.

Examples
--------
>>> import pandas as pd, pathlib, tempfile
>>> from discourse.coding.codebook import Codebook, Theme
>>> from discourse.io.refi.writer import write_qdpx, read_qdpx
>>> cb = Codebook(id="mini", version="1", themes=(Theme("peace", "Peace"),))
>>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Paix. Guerre."]})
>>> coded = pd.DataFrame({"doc_id": ["d", "d"], "stmt_id": ["d.1", "d.2"], "start": [0, 6],
...                       "end": [5, 13], "text": ["Paix.", "Guerre."], "theme_peace": [1, 0]})
>>> p = write_qdpx(coded, docs, pathlib.Path(tempfile.mkdtemp()) / "p.qdpx", codebook=cb)
>>> read_qdpx(p)[["doc_id", "start", "end", "text", "theme", "coder"]].values.tolist()
[['d', 0, 5, 'Paix.', 'peace', 'discourse']]
"""

from __future__ import annotations

import colorsys
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from lxml import etree

from ..files import check_writable, write_atomic
from .common import (
    _PALETTE,
    _POSITIONS,
    _UNITS,
    MACHINE_CODER,
    NS_CODEBOOK,
    NS_PROJECT,
    _check_choice,
    _code_guid,
    _guid,
    _theme_of_column,
    _to_units,
)
from ...errors import ExportError, ParameterError
from ..formats import deterministic_zip
from ..provenance import format_provenance, make_provenance
from .reader import hand_coding_from_qdpx, read_qdc, read_qdpx
from ...schema import require_columns

__all__ = [
    "NS_PROJECT",
    "NS_CODEBOOK",
    "MACHINE_CODER",
    "write_qdpx",
    "write_qdc",
    "read_qdpx",
    "read_qdc",
    "hand_coding_from_qdpx",
]


# ----------------------------------------------------------------------------- code tree
def _code_ids(codebook: Any, extra: list[str]) -> list[str]:
    ids = [t.id for t in codebook.themes]
    for tid in extra:
        if tid not in ids:
            ids.append(tid)
    return ids


def _colours(codebook: Any, ids: list[str]) -> dict[str, str]:
    own = {t.id: t.colour for t in codebook.themes if t.colour}
    used: set[str] = set()
    out: dict[str, str] = {}
    palette = iter(_PALETTE)
    for tid in ids:
        colour = own.get(tid)
        if colour:
            colour = colour.upper()
            if re.fullmatch(r"#[0-9A-F]{3}", colour):
                colour = "#" + "".join(ch * 2 for ch in colour[1:])
        if not colour or not re.fullmatch(r"#[0-9A-F]{6}", colour) or colour in used:
            colour = next((c for c in palette if c not in used and c not in own.values()), None)
            k = len(used)
            while colour is None or colour in used:  # more themes than the palette
                r, g, b = colorsys.hsv_to_rgb((k * 0.618034) % 1, 0.65, 0.85)
                colour = f"#{int(r * 255):02X}{int(g * 255):02X}{int(b * 255):02X}"
                k += 1
        used.add(colour)
        out[tid] = colour
    return out


def _parent_of(tid: str, known: list[str], codebook: Any) -> str | None:
    for t in codebook.themes:
        if t.id == tid:
            return t.parent
    head = tid.rsplit(".", 1)[0] if "." in tid else None
    return head if head in known else None


def _build_codes(parent_el: etree._Element, ns: str, codebook: Any, ids: list[str]) -> None:
    colours = _colours(codebook, ids)
    themes = {t.id: t for t in codebook.themes}
    elements: dict[str, etree._Element] = {}
    codes = etree.SubElement(parent_el, f"{{{ns}}}Codes")
    for tid in ids:
        parent = _parent_of(tid, ids, codebook)
        host = elements.get(parent, codes) if parent else codes
        theme = themes.get(tid)
        label = theme.label if theme is not None else tid
        el = etree.SubElement(host, f"{{{ns}}}Code", guid=_code_guid(codebook.id, tid),
                              name=label, isCodable="true", color=colours[tid])
        parts = [" ".join((theme.definition or "").split())] if theme is not None else []
        if theme is not None and theme.include:
            parts.append("Include: " + " ".join(theme.include.split()))
        if theme is not None and theme.exclude:
            parts.append("Exclude: " + " ".join(theme.exclude.split()))
        parts.append(f"(discourse id: {tid})")
        desc = etree.Element(f"{{{ns}}}Description")
        desc.text = "\n\n".join(p for p in parts if p)
        el.insert(0, desc)  # Description comes before nested Codes
        elements[tid] = el


# ----------------------------------------------------------------------------- writing
def _selections_from_statements(coded: pd.DataFrame, ids: list[str]) -> list[dict]:
    cols = [c for c in coded.columns if c.startswith("theme_")]
    out = []
    for r in coded.to_dict("records"):
        themes = [_theme_of_column(c) for c in cols if pd.notna(r[c]) and int(r[c]) == 1]
        if not themes:
            continue
        themes.sort(key=ids.index)
        bits = []
        if "speaker_name" in r and pd.notna(r["speaker_name"]):
            side = r.get("side")
            bits.append(f"Speaker: {r['speaker_name']}"
                        + (f" ({side})" if side is not None and pd.notna(side) else ""))
        if "cue" in r and pd.notna(r["cue"]):
            bits.append(f"cue: {r['cue']}")
        out.append({
            "doc_id": str(r["doc_id"]), "start": int(r["start"]), "end": int(r["end"]),
            "name": str(r["stmt_id"]), "key": ("statement", r["stmt_id"]),
            "text": r.get("text"), "themes": themes, "description": "; ".join(bits),
        })
    return out


def _selections_from_matches(matches: pd.DataFrame) -> list[dict]:
    out, seen = [], {}
    for r in matches.sort_values(["doc_id", "start", "end", "theme", "pattern"],
                                 kind="mergesort").to_dict("records"):
        base = (r["doc_id"], int(r["start"]), int(r["end"]), r["theme"], r.get("pattern"))
        k = seen[base] = seen.get(base, 0) + 1
        negated = bool(r.get("negated")) if pd.notna(r.get("negated", False)) else False
        desc = f"pattern: {r.get('pattern')}" + ("; negated" if negated else "")
        out.append({
            "doc_id": str(r["doc_id"]), "start": int(r["start"]), "end": int(r["end"]),
            "name": f"{r.get('stmt_id', '')} {r['theme']}: {r['matched']}".strip(),
            "key": ("match",) + base + (k,), "text": r.get("matched"),
            "themes": [str(r["theme"])], "description": desc,
        })
    return out


def write_qdpx(
    coded: pd.DataFrame,
    documents: pd.DataFrame,
    path: str | os.PathLike,
    *,
    codebook: Any,
    unit: str = "statement",
    matches: pd.DataFrame | None = None,
    overwrite: bool = False,
    positions: str = "codepoints",
    provenance: Mapping[str, Any] | None = None,
    project_name: str | None = None,
) -> Path:
    """Write a REFI-QDA project (``.qdpx``) of the documents and their coding.

    Parameters
    ----------
    coded
        The coded table (doc_id, stmt_id, start, end, text, theme_<id> columns).
    documents
        The documents table (doc_id, text); every document becomes a text source.
    path
        The ``.qdpx`` file.
    codebook
        The codebook (a Codebook, a file, or None for the default).
    unit
        ``"statement"``: one selection per coded statement, coded with its themes;
        ``"match"``: one selection per matched term (needs ``matches``).
    matches
        The matches table, for ``unit="match"``.
    overwrite
        Replace an existing file.
    positions
        ``"codepoints"`` (default) or ``"utf16"``: how positions are counted (see the module
        docstring).
    provenance
        Recorded in the project's Description (default: :func:`make_provenance` of the
        codebook).
    project_name
        The project's name (default ``discourse: <codebook title or id>``).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ExportError
        If the file exists, a document is missing, or a statement's offsets do not give its
        text in its document.
    """
    from ...coding.codebook import read_codebook

    where = "write_qdpx"
    _check_choice(unit, _UNITS, "unit", where)
    _check_choice(positions, _POSITIONS, "positions", where)
    target = check_writable(path, overwrite=overwrite)
    cb = read_codebook(codebook)
    require_columns(documents, ["doc_id", "text"], where=f"{where} (documents)")
    require_columns(coded, ["doc_id", "stmt_id", "start", "end"], where=f"{where} (coded)")
    if unit == "match":
        if matches is None:
            raise ParameterError(f"{where}: unit='match' needs the matches table: pass "
                                 "matches=... (from discourse.find_matches)")
        require_columns(matches, ["doc_id", "theme", "matched", "start", "end"],
                        where=f"{where} (matches)")
        selections = _selections_from_matches(matches)
        extra = sorted({t for s in selections for t in s["themes"]})
    else:
        extra = [_theme_of_column(c) for c in coded.columns if c.startswith("theme_")]
        selections = []
    ids = _code_ids(cb, extra)
    if unit == "statement":
        selections = _selections_from_statements(coded, ids)
    texts = {}
    for r in documents[["doc_id", "text"]].itertuples(index=False):
        if str(r.doc_id) in texts:
            raise ExportError(f"{where}: documents has doc_id {r.doc_id!r} twice")
        texts[str(r.doc_id)] = "" if pd.isna(r.text) else str(r.text)
    for s in selections:
        text = texts.get(s["doc_id"])
        if text is None:
            raise ExportError(f"{where}: {s['name']}: document {s['doc_id']!r} is not in the "
                              "documents table; pass the documents the table was coded from")
        if not 0 <= s["start"] <= s["end"] <= len(text) or (
                isinstance(s["text"], str) and text[s["start"]:s["end"]] != s["text"]):
            raise ExportError(
                f"{where}: {s['name']}: offsets {s['start']}-{s['end']} do not give its text in "
                f"document {s['doc_id']!r}; pass the documents the table was coded from"
            )
    user = _guid("user", MACHINE_CODER)
    ns = NS_PROJECT
    project = etree.Element(f"{{{ns}}}Project", nsmap={None: ns})
    project.set("name", project_name or f"discourse: {cb.title or cb.id}")
    prov = provenance if provenance is not None else make_provenance(codebook=cb)
    project.set("origin", f"discourse {prov.get('discourse_version', '')}".strip())
    project.set("creatingUserGUID", user)
    users = etree.SubElement(project, f"{{{ns}}}Users")
    etree.SubElement(users, f"{{{ns}}}User", guid=user, name=MACHINE_CODER, id=MACHINE_CODER)
    _build_codes(etree.SubElement(project, f"{{{ns}}}CodeBook"), ns, cb, ids)
    sources = etree.SubElement(project, f"{{{ns}}}Sources")
    by_doc: dict[str, list[dict]] = {}
    for s in selections:
        by_doc.setdefault(s["doc_id"], []).append(s)
    entries = []
    doc_meta = documents.set_index(documents["doc_id"].astype(str))
    for doc_id in sorted(texts):
        text = texts[doc_id]
        sguid = _guid("source", doc_id)
        src = etree.SubElement(sources, f"{{{ns}}}TextSource", guid=sguid, name=doc_id,
                               plainTextPath=f"internal://{sguid}.txt", creatingUser=user)
        meta = [str(doc_meta.loc[doc_id, c]) for c in ("title", "source", "date")
                if c in doc_meta.columns and pd.notna(doc_meta.loc[doc_id, c])
                and str(doc_meta.loc[doc_id, c])]
        if meta:
            etree.SubElement(src, f"{{{ns}}}Description").text = " — ".join(meta)
        for s in sorted(by_doc.get(doc_id, []), key=lambda s: (s["start"], s["end"], s["key"])):
            start, end = _to_units(text, [s["start"], s["end"]], positions)
            selguid = _guid(cb.id, doc_id, *s["key"])
            sel = etree.SubElement(src, f"{{{ns}}}PlainTextSelection", guid=selguid,
                                   name=s["name"], startPosition=str(start),
                                   endPosition=str(end), creatingUser=user)
            if s["description"]:
                etree.SubElement(sel, f"{{{ns}}}Description").text = s["description"]
            for tid in s["themes"]:
                coding = etree.SubElement(sel, f"{{{ns}}}Coding", guid=_guid(selguid, tid),
                                          creatingUser=user)
                etree.SubElement(coding, f"{{{ns}}}CodeRef",
                                 targetGUID=_code_guid(cb.id, tid))
        entries.append((f"sources/{sguid}.txt", text.encode("utf-8")))
    desc = etree.SubElement(project, f"{{{ns}}}Description")
    desc.text = (f"Coded by discourse (unit: {unit}). Positions count Unicode "
                 f"{'UTF-16 code units' if positions == 'utf16' else 'code points'} of the "
                 "source text, line endings as in the source.\n\nProvenance:\n"
                 + format_provenance(prov))
    xml = etree.tostring(project, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    data = deterministic_zip([("project.qde", xml)] + entries)
    write_atomic(target, data, overwrite=overwrite)
    return target


def write_qdc(codebook: Any, path: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write the codebook alone as a REFI-QDA codebook (``.qdc``).

    The code tree, GUIDs, colours and descriptions are those :func:`write_qdpx` writes.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> cb = Codebook(id="mini", version="1", themes=(Theme("peace", "Peace", "Calls for peace"),))
    >>> p = write_qdc(cb, pathlib.Path(tempfile.mkdtemp()) / "mini.qdc")
    >>> read_qdc(p)[["theme", "name", "color"]].values.tolist()
    [['peace', 'Peace', '#0072B2']]
    """
    from ...coding.codebook import read_codebook

    target = check_writable(path, overwrite=overwrite)
    cb = read_codebook(codebook)
    root = etree.Element(f"{{{NS_CODEBOOK}}}CodeBook", nsmap={None: NS_CODEBOOK})
    root.set("origin", f"discourse {make_provenance()['discourse_version']}")
    _build_codes(root, NS_CODEBOOK, cb, [t.id for t in cb.themes])
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    write_atomic(target, xml, overwrite=overwrite)
    return target
