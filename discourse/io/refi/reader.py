"""Import REFI-QDA projects and codebooks: a researcher's hand coding back into discourse.

:func:`read_qdpx` lists the codings of a ``.qdpx`` project (one row per coded selection and
code, with the coder), :func:`hand_coding_from_qdpx` turns them into a hand coding (one row
per statement, ``theme_<id>`` 0/1 columns) for the validation functions, and :func:`read_qdc`
lists the codes of a ``.qdc`` codebook. Projects written by QDA tools are accepted as they
come: a ``.qde`` named after the project, GUIDs in braces or upper case, the text inline
(``PlainTextContent``) or in ``sources/``. How positions are counted is explained in
:mod:`discourse.io.refi.writer`.

Examples
--------
>>> from discourse.io.refi.reader import read_qdpx
>>> read_qdpx("missing.qdpx")
Traceback (most recent call last):
...
discourse.errors.HandCodingError: missing.qdpx: no such REFI-QDA project file
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pandas as pd
from lxml import etree

from ...errors import HandCodingError, ParameterError
from ...schema import require_columns, theme_column
from .common import ID_NOTE, NS_CODEBOOK, NS_PROJECT, POSITIONS, check_choice, code_guid, \
    from_units

__all__ = ["read_qdpx", "read_qdc", "hand_coding_from_qdpx"]


def _parse(data: bytes, where: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise HandCodingError(f"{where}: not well-formed XML ({err})") from None


def _slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_") or "code"


def _read_codes(root: etree._Element, ns: str, codebook: Any) -> pd.DataFrame:
    by_guid = {}
    by_name = {}
    if codebook is not None:
        for t in codebook.themes:
            by_guid[code_guid(codebook.id, t.id).lower()] = t.id
            by_name.setdefault(t.id.casefold(), t.id)
            by_name.setdefault(t.label.casefold(), t.id)
    rows = []

    def walk(el: etree._Element, parent: str | None, path: list[str]) -> None:
        for code in el.findall(f"{{{ns}}}Code"):
            guid = code.get("guid", "").strip("{}").lower()
            name = code.get("name", "")
            desc_el = code.find(f"{{{ns}}}Description")
            desc = desc_el.text or "" if desc_el is not None else ""
            note = ID_NOTE.search(desc)
            tid = (by_guid.get(guid) or (note.group(1) if note else None)
                   or by_name.get(name.casefold()) or ".".join(path + [_slug(name)]))
            rows.append((guid, tid, name, parent, code.get("color"), desc))
            walk(code, tid, tid.split("."))

    codes = root.find(f"{{{ns}}}Codes") if root.tag != f"{{{ns}}}Codes" else root
    if codes is not None:
        walk(codes, None, [])
    out = pd.DataFrame(rows, columns=["guid", "theme", "name", "parent", "color",
                                      "description"], dtype=object)
    return out.astype(object).where(out.notna(), None)


def read_qdc(path: str | os.PathLike, *, codebook: Any = None) -> pd.DataFrame:
    """Read the codes of a REFI-QDA codebook (``.qdc``): guid, theme, name, parent, color,
    description, in tree order (a parent before its sub-codes).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> from discourse.io.refi.writer import write_qdc
    >>> cb = Codebook(id="mini", version="1", themes=(Theme("peace", "Peace"),))
    >>> p = write_qdc(cb, pathlib.Path(tempfile.mkdtemp()) / "mini.qdc")
    >>> read_qdc(p)[["theme", "name"]].values.tolist()
    [['peace', 'Peace']]
    """
    p = Path(path)
    try:
        root = _parse(p.read_bytes(), str(p))
    except FileNotFoundError:
        raise HandCodingError(f"{p}: no such codebook file") from None
    if root.tag != f"{{{NS_CODEBOOK}}}CodeBook":
        raise HandCodingError(f"{p}: not a REFI-QDA codebook (root element {root.tag}, expected "
                              f"CodeBook in namespace {NS_CODEBOOK})")
    return _read_codes(root, NS_CODEBOOK, codebook)


def _open_project(p: Path) -> tuple[etree._Element, zipfile.ZipFile]:
    try:
        zf = zipfile.ZipFile(p)
    except FileNotFoundError:
        raise HandCodingError(f"{p}: no such REFI-QDA project file") from None
    except zipfile.BadZipFile:
        raise HandCodingError(f"{p}: not a .qdpx project (not a zip file); export the project "
                              "from the QDA tool as REFI-QDA (.qdpx)") from None
    names = zf.namelist()
    qde = [n for n in names if "/" not in n and n.lower().endswith(".qde")]
    if "project.qde" in names:
        qde = ["project.qde"]
    if len(qde) != 1:  # some tools name it after the project; accept one .qde at the root
        zf.close()
        raise HandCodingError(f"{p}: expected one project.qde at the root of the .qdpx, "
                              f"found {qde or 'none'}")
    root = _parse(zf.read(qde[0]), f"{p}: {qde[0]}")
    if root.tag != f"{{{NS_PROJECT}}}Project":
        zf.close()
        raise HandCodingError(f"{p}: {qde[0]} is not a REFI-QDA project (root {root.tag}, "
                              f"expected Project in namespace {NS_PROJECT})")
    return root, zf


def _source_text(src: etree._Element, zf: zipfile.ZipFile) -> str | None:
    content = src.find(f"{{{NS_PROJECT}}}PlainTextContent")
    if content is not None:
        return content.text or ""
    path = src.get("plainTextPath") or ""
    if path.startswith("internal://"):
        name = "sources/" + path[len("internal://"):]
        try:
            return zf.read(name).decode("utf-8-sig")
        except KeyError:
            return None
    return None


def read_qdpx(
    path: str | os.PathLike,
    *,
    statements: pd.DataFrame | None = None,
    codebook: Any = None,
    positions: str = "codepoints",
    min_overlap: float = 0.5,
) -> pd.DataFrame:
    """Read the codings of a REFI-QDA project, one row per coded text selection and code.

    Parameters
    ----------
    path
        The ``.qdpx`` file (exported by discourse, or by a QDA tool after hand coding).
    statements
        The statements (doc_id, stmt_id, start, end); each coding is then mapped to the
        statements it covers (one row per statement, see ``min_overlap``), and sources are
        matched to doc_ids by name (exactly, or without a file extension).
    codebook
        The codebook, to map codes back to theme ids (by GUID, then label or id); without it
        the ``(discourse id: ...)`` note of codes discourse wrote is used, else a slug of the
        code's name path (``Parent/Child`` -> ``parent.child``).
    positions
        ``"codepoints"`` or ``"utf16"``: how the tool counted positions.
    min_overlap
        A selection codes a statement when the overlap covers at least this share of the
        statement, or this share of the selection lies in the statement (a phrase coded
        inside a sentence codes the sentence).

    Returns
    -------
    pandas.DataFrame
        Columns doc_id, start, end, text (the selected text, when the project holds the
        source), theme, code (the code's name), coder (user name), selection_guid, and
        stmt_id when ``statements`` is given. A coding of a whole source has start 0 and end
        its length.

    Raises
    ------
    HandCodingError
        If the file is not a REFI-QDA project.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> from discourse.io.refi.writer import write_qdpx
    >>> cb = Codebook(id="mini", version="1", themes=(Theme("peace", "Peace"),))
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Paix."]})
    >>> coded = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [0], "end": [5],
    ...                       "text": ["Paix."], "theme_peace": [1]})
    >>> p = write_qdpx(coded, docs, pathlib.Path(tempfile.mkdtemp()) / "p.qdpx", codebook=cb)
    >>> read_qdpx(p)[["doc_id", "start", "end", "theme", "coder"]].values.tolist()
    [['d', 0, 5, 'peace', 'discourse']]
    """
    check_choice(positions, POSITIONS, "positions", "read_qdpx")
    p = Path(path)
    root, zf = _open_project(p)
    ns = NS_PROJECT
    with zf:
        users = {u.get("guid", "").strip("{}").lower(): u.get("name") or u.get("id") or ""
                 for u in root.iter(f"{{{ns}}}User")}
        cb_el = root.find(f"{{{ns}}}CodeBook")
        codes = (_read_codes(cb_el, ns, codebook) if cb_el is not None
                 else _read_codes(etree.Element("x"), ns, None))
        code_map = dict(zip(codes["guid"], zip(codes["theme"], codes["name"])))
        rows = []
        for src in root.iter(f"{{{ns}}}TextSource"):
            name = src.get("name") or src.get("guid", "")
            text = _source_text(src, zf)
            where = f"{p}: source {name!r}"
            spans = [(sel, sel.get("startPosition"), sel.get("endPosition"))
                     for sel in src.findall(f"{{{ns}}}PlainTextSelection")]
            spans.append((src, "0", None))  # codings of the whole source
            for sel, a, b in spans:
                codings = sel.findall(f"{{{ns}}}Coding")
                if not codings:
                    continue
                if b is None:
                    if text is None:
                        continue
                    start, end = 0, len(text)
                else:
                    start, end = from_units(text, [int(a), int(b)], positions, where)
                for coding in codings:
                    ref = coding.find(f"{{{ns}}}CodeRef")
                    guid = (ref.get("targetGUID", "") if ref is not None else "").strip("{}")
                    theme, code = code_map.get(guid.lower(), (None, None))
                    if theme is None:
                        raise HandCodingError(f"{where}: a coding refers to code {guid!r}, which "
                                              "is not in the project's codebook")
                    who = coding.get("creatingUser") or sel.get("creatingUser") or ""
                    rows.append({
                        "doc_id": name, "start": start, "end": end,
                        "text": text[start:end] if text is not None else None,
                        "theme": theme, "code": code,
                        "coder": users.get(who.strip("{}").lower(), who),
                        "selection_guid": (sel.get("guid") or "").strip("{}"),
                    })
    out = pd.DataFrame(rows, columns=["doc_id", "start", "end", "text", "theme", "code",
                                      "coder", "selection_guid"])
    out = out.astype({"start": "int64", "end": "int64"})
    if statements is not None:
        out = _map_statements(out, statements, min_overlap)
    return out


def _doc_names(names: pd.Series, doc_ids: set[str]) -> pd.Series:
    def one(n: str) -> str:
        if n in doc_ids:
            return n
        stem = PurePosixPath(n).stem
        return stem if stem in doc_ids else n

    return names.map(one)


def _map_statements(codings: pd.DataFrame, statements: pd.DataFrame,
                    min_overlap: float) -> pd.DataFrame:
    require_columns(statements, ["doc_id", "stmt_id", "start", "end"], where="read_qdpx")
    if not 0 < min_overlap <= 1:
        raise ParameterError(f"read_qdpx: min_overlap={min_overlap!r}; give a share in (0, 1]")
    codings = codings.assign(doc_id=_doc_names(codings["doc_id"],
                                               set(statements["doc_id"].astype(str))))
    stmts = {d: g for d, g in statements.assign(doc_id=statements["doc_id"].astype(str))
             .groupby("doc_id", sort=False)}
    rows = []
    for r in codings.to_dict("records"):
        g = stmts.get(r["doc_id"])
        hits = []
        if g is not None:
            s0, s1 = g["start"].to_numpy(), g["end"].to_numpy()
            overlap = np.minimum(s1, r["end"]) - np.maximum(s0, r["start"])
            length = np.maximum(s1 - s0, 1)
            sel_len = max(r["end"] - r["start"], 1)
            ok = (overlap > 0) & ((overlap / length >= min_overlap)
                                  | (overlap / sel_len >= min_overlap))
            hits = g["stmt_id"].to_numpy()[ok].tolist()
        for sid in hits or [None]:
            rows.append({**r, "stmt_id": sid})
    return pd.DataFrame(rows, columns=list(codings.columns) + ["stmt_id"])


def _check_texts(p: Path, statements: pd.DataFrame, positions: str) -> set[str]:
    """Check the project's source texts against the statements; return the doc_ids held."""
    root, zf = _open_project(p)
    held: set[str] = set()
    doc_ids = set(statements["doc_id"].astype(str))
    with zf:
        for src in root.iter(f"{{{NS_PROJECT}}}TextSource"):
            name = _doc_names(pd.Series([src.get("name") or ""]), doc_ids).iloc[0]
            if name not in doc_ids:
                continue
            held.add(name)
            text = _source_text(src, zf)
            if text is None or "text" not in statements.columns:
                continue
            g = statements[statements["doc_id"].astype(str) == name]
            for r in g.itertuples(index=False):
                if text[int(r.start):int(r.end)] != r.text:
                    raise HandCodingError(
                        f"{p}: source {name!r}: the text at {r.start}-{r.end} is not statement "
                        f"{r.stmt_id}: the project's copy of the document differs from the "
                        "corpus (the QDA tool may have changed the line endings or the text) "
                        f"or counts positions differently (positions={positions!r}; try "
                        "positions='utf16')"
                    )
    return held


def hand_coding_from_qdpx(
    path: str | os.PathLike,
    statements: pd.DataFrame,
    *,
    codebook: Any = None,
    coder: str | list[str] | None = None,
    positions: str = "codepoints",
    min_overlap: float = 0.5,
) -> pd.DataFrame:
    """Turn the codings of a REFI-QDA project into a hand coding, one row per statement.

    Parameters
    ----------
    path
        The ``.qdpx`` project (the researcher's, exported from her QDA tool).
    statements
        The statements (or coded) table the coding is compared with.
    codebook
        The codebook: its themes give the columns (others found are added, sorted) and map
        codes to theme ids.
    coder
        Keep only the codings of this user (or these users). A project exported by discourse
        and corrected by hand still holds the machine's codings (user ``discourse``): name the
        human coder to leave them out.
    positions, min_overlap
        See :func:`read_qdpx`.

    Returns
    -------
    pandas.DataFrame
        doc_id, stmt_id, coder (the coders found, joined by ';'), then one ``theme_<id>`` int
        0/1 column per theme: every statement of the documents the project holds (a statement
        the coder left uncoded is 0 for every theme), in the statements' order.

    Raises
    ------
    HandCodingError
        If the project's texts disagree with the statements' offsets, or ``coder`` made no
        coding.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> from discourse.io.refi.writer import write_qdpx
    >>> cb = Codebook(id="mini", version="1", themes=(Theme("peace", "Peace"),))
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Paix. Guerre."]})
    >>> coded = pd.DataFrame({"doc_id": ["d", "d"], "stmt_id": ["d.1", "d.2"], "start": [0, 6],
    ...                       "end": [5, 13], "text": ["Paix.", "Guerre."], "theme_peace": [1, 0]})
    >>> p = write_qdpx(coded, docs, pathlib.Path(tempfile.mkdtemp()) / "p.qdpx", codebook=cb)
    >>> hand_coding_from_qdpx(p, coded, codebook=cb)[["stmt_id", "theme_peace"]].values.tolist()
    [['d.1', 1], ['d.2', 0]]
    """
    p = Path(path)
    codings = read_qdpx(p, statements=statements, codebook=codebook, positions=positions,
                        min_overlap=min_overlap)
    held = _check_texts(p, statements, positions)
    if coder is not None:
        wanted = [coder] if isinstance(coder, str) else list(coder)
        found = sorted(set(codings["coder"]))
        codings = codings[codings["coder"].isin(wanted)]
        if codings.empty:
            raise HandCodingError(f"{p}: coder {coder!r} made no coding; coders in the project: "
                                  f"{', '.join(found) or '(none)'}")
    ids = [t.id for t in codebook.themes] if codebook is not None else []
    ids += sorted(set(codings["theme"]) - set(ids))
    base = statements[statements["doc_id"].astype(str).isin(held)]
    out = pd.DataFrame({"doc_id": base["doc_id"].astype(str).to_numpy(),
                        "stmt_id": base["stmt_id"].to_numpy()})
    out["coder"] = ";".join(sorted(set(codings["coder"])))
    hits = codings.dropna(subset=["stmt_id"])
    for tid in ids:
        coded_ids = set(hits.loc[hits["theme"] == tid, "stmt_id"])
        out[theme_column(tid)] = out["stmt_id"].isin(coded_ids).astype("int64")
    return out
