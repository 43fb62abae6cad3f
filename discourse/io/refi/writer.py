"""REFI-QDA exchange: coded statements to NVivo, ATLAS.ti, MAXQDA, QualCoder and back.

REFI-QDA (the Rotterdam Exchange Format Initiative, standard 1.5, schema QDA-XML 1.0) is the
format qualitative-analysis tools exchange projects in. :func:`write_qdpx` writes a project:

- a zip (``.qdpx``) holding ``project.qde`` (XML, namespace ``urn:QDA-XML:project:1.0``) and
  ``sources/<guid>.txt``, one UTF-8 plain-text file per document, its text exactly as read;
- ``<Users>``: the machine coder ``discourse``;
- ``<CodeBook>``: the codebook as a code tree (sub-themes nested in their theme), each code
  with its definition as ``<Description>`` (ending with ``(discourse id: <id>)``) and the
  theme's colour, the one it has in the figures and the review widget
  (:mod:`discourse.analysis.palette`; see :mod:`discourse.io.refi.codes`);
- ``<Sources>``: every document as a ``<TextSource>`` (``plainTextPath="internal://<guid>.txt"``);
  every coded statement (``unit="statement"``) or every matched term (``unit="match"``) as a
  ``<PlainTextSelection>`` with one ``<Coding>`` per theme, pointing at the code by
  ``<CodeRef targetGUID=...>``;
- the project ``<Description>`` records the provenance.

:func:`write_qdc` writes the codebook alone (``.qdc``, namespace ``urn:QDA-XML:codebook:1.0``).
:mod:`discourse.io.refi.reader` reads projects back (for example one a researcher corrected
by hand in a QDA tool) into a hand coding for the validation functions.

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
>>> from discourse.io.refi.writer import write_qdpx
>>> from discourse.io.refi.reader import read_qdpx
>>> cb = Codebook(id="mini", version="1", themes=(Theme("peace", "Peace"),))
>>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Paix. Guerre."]})
>>> coded = pd.DataFrame({"doc_id": ["d", "d"], "stmt_id": ["d.1", "d.2"], "start": [0, 6],
...                       "end": [5, 13], "text": ["Paix.", "Guerre."], "theme_peace": [1, 0]})
>>> p = write_qdpx(coded, docs, pathlib.Path(tempfile.mkdtemp()) / "p.qdpx", codebook=cb)
>>> read_qdpx(p)[["doc_id", "start", "end", "text", "theme", "coder"]].values.tolist()
[['d', 0, 5, 'Paix.', 'peace', 'discourse']]
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from lxml import etree

from ...coding.codebook import read_codebook
from ...errors import ParameterError
from ...schema import require_columns, theme_columns, theme_id
from ..archive import deterministic_zip
from ..files import check_writable, write_atomic
from ..provenance import format_provenance, make_provenance
from .codes import build_codes, code_ids
from .common import (
    MACHINE_CODER,
    NS_CODEBOOK,
    NS_PROJECT,
    POSITIONS,
    UNITS,
    check_choice,
    code_guid,
    guid,
    to_units,
)
from .selections import check_selections, document_texts, match_selections, \
    statement_selections

__all__ = ["write_qdpx", "write_qdc"]


def _selections(coded, matches, unit: str, codebook, where: str) -> tuple[list[str], list]:
    """The code ids and the selections of the project."""
    if unit == "statement":
        ids = code_ids(codebook, [theme_id(c) for c in theme_columns(coded)])
        return ids, statement_selections(coded, ids)
    if matches is None:
        raise ParameterError(f"{where}: unit='match' needs the matches table: pass "
                             "matches=... (from discourse.find_matches)")
    require_columns(matches, ["doc_id", "theme", "matched", "start", "end"],
                    where=f"{where} (matches)")
    selections = match_selections(matches)
    return code_ids(codebook, sorted({t for s in selections for t in s["themes"]})), selections


def _add_selection(src: etree._Element, s: dict, text: str, *, codebook_id: str, user: str,
                   positions: str) -> None:
    ns = NS_PROJECT
    start, end = to_units(text, [s["start"], s["end"]], positions)
    selguid = guid(codebook_id, s["doc_id"], *s["key"])
    sel = etree.SubElement(src, f"{{{ns}}}PlainTextSelection", guid=selguid, name=s["name"],
                           startPosition=str(start), endPosition=str(end), creatingUser=user)
    if s["description"]:
        etree.SubElement(sel, f"{{{ns}}}Description").text = s["description"]
    for tid in s["themes"]:
        coding = etree.SubElement(sel, f"{{{ns}}}Coding", guid=guid(selguid, tid),
                                  creatingUser=user)
        etree.SubElement(coding, f"{{{ns}}}CodeRef", targetGUID=code_guid(codebook_id, tid))


def _add_sources(project: etree._Element, documents: pd.DataFrame, texts: dict[str, str],
                 selections: list[dict], *, codebook_id: str, user: str,
                 positions: str) -> list[tuple[str, bytes]]:
    """Add every document as a TextSource with its selections; return the source files."""
    ns = NS_PROJECT
    sources = etree.SubElement(project, f"{{{ns}}}Sources")
    by_doc: dict[str, list[dict]] = {}
    for s in selections:
        by_doc.setdefault(s["doc_id"], []).append(s)
    entries = []
    doc_meta = documents.set_index(documents["doc_id"].astype(str))
    for doc_id in sorted(texts):
        text = texts[doc_id]
        sguid = guid("source", doc_id)
        src = etree.SubElement(sources, f"{{{ns}}}TextSource", guid=sguid, name=doc_id,
                               plainTextPath=f"internal://{sguid}.txt", creatingUser=user)
        meta = [str(doc_meta.loc[doc_id, c]) for c in ("title", "source", "date")
                if c in doc_meta.columns and pd.notna(doc_meta.loc[doc_id, c])
                and str(doc_meta.loc[doc_id, c])]
        if meta:
            etree.SubElement(src, f"{{{ns}}}Description").text = " — ".join(meta)
        for s in sorted(by_doc.get(doc_id, []), key=lambda s: (s["start"], s["end"], s["key"])):
            _add_selection(src, s, text, codebook_id=codebook_id, user=user,
                           positions=positions)
        entries.append((f"sources/{sguid}.txt", text.encode("utf-8")))
    return entries


def _project(cb, prov: Mapping[str, Any], project_name: str | None, user: str,
             ids: list[str]) -> etree._Element:
    """The Project element with its Users and CodeBook."""
    ns = NS_PROJECT
    project = etree.Element(f"{{{ns}}}Project", nsmap={None: ns})
    project.set("name", project_name or f"discourse: {cb.title or cb.id}")
    project.set("origin", f"discourse {prov.get('discourse_version', '')}".strip())
    project.set("creatingUserGUID", user)
    users = etree.SubElement(project, f"{{{ns}}}Users")
    etree.SubElement(users, f"{{{ns}}}User", guid=user, name=MACHINE_CODER, id=MACHINE_CODER)
    build_codes(etree.SubElement(project, f"{{{ns}}}CodeBook"), ns, cb, ids)
    return project


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

    Examples
    --------
    >>> import pathlib, tempfile, zipfile
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> cb = Codebook(id="mini", version="1", themes=(Theme("peace", "Peace"),))
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Paix."]})
    >>> coded = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [0], "end": [5],
    ...                       "text": ["Paix."], "theme_peace": [1]})
    >>> p = write_qdpx(coded, docs, pathlib.Path(tempfile.mkdtemp()) / "p.qdpx", codebook=cb)
    >>> sorted(n.split("/")[0] for n in zipfile.ZipFile(p).namelist())
    ['project.qde', 'sources']
    """
    where = "write_qdpx"
    check_choice(unit, UNITS, "unit", where)
    check_choice(positions, POSITIONS, "positions", where)
    target = check_writable(path, overwrite=overwrite)
    cb = read_codebook(codebook)
    require_columns(documents, ["doc_id", "text"], where=f"{where} (documents)")
    require_columns(coded, ["doc_id", "stmt_id", "start", "end"], where=f"{where} (coded)")
    ids, selections = _selections(coded, matches, unit, cb, where)
    texts = document_texts(documents, where=where)
    check_selections(selections, texts, where=where)
    user = guid("user", MACHINE_CODER)
    prov = provenance if provenance is not None else make_provenance(codebook=cb)
    project = _project(cb, prov, project_name, user, ids)
    entries = _add_sources(project, documents, texts, selections, codebook_id=cb.id, user=user,
                           positions=positions)
    desc = etree.SubElement(project, f"{{{NS_PROJECT}}}Description")
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
    >>> from discourse.io.refi.reader import read_qdc
    >>> cb = Codebook(id="mini", version="1", themes=(Theme("peace", "Peace", "Calls for peace"),))
    >>> p = write_qdc(cb, pathlib.Path(tempfile.mkdtemp()) / "mini.qdc")
    >>> read_qdc(p)[["theme", "name", "color"]].values.tolist()
    [['peace', 'Peace', '#0072B2']]
    """
    target = check_writable(path, overwrite=overwrite)
    cb = read_codebook(codebook)
    root = etree.Element(f"{{{NS_CODEBOOK}}}CodeBook", nsmap={None: NS_CODEBOOK})
    root.set("origin", f"discourse {make_provenance()['discourse_version']}")
    build_codes(root, NS_CODEBOOK, cb, [t.id for t in cb.themes])
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    write_atomic(target, xml, overwrite=overwrite)
    return target
