"""The coded text selections of a REFI-QDA project (see :mod:`discourse.io.refi.writer`).

A selection is a span of a document coded with one or more themes: a whole coded statement
(``unit="statement"``) or one matched term (``unit="match"``). Each is a dict with the
document, its offsets, a name, a key (for its deterministic GUID), its text (checked against
the document), its themes and a description.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [0], "end": [5],
...                       "text": ["Paix."], "theme_peace": [1]})
>>> [(s["name"], s["themes"]) for s in statement_selections(coded, ["peace"])]
[('d.1', ['peace'])]
"""

from __future__ import annotations

import pandas as pd

from ...errors import ExportError
from ...schema import theme_columns, theme_id

__all__ = ["statement_selections", "match_selections", "document_texts", "check_selections"]


def _statement_description(row: dict) -> str:
    bits = []
    if "speaker_name" in row and pd.notna(row["speaker_name"]):
        side = row.get("side")
        bits.append(f"Speaker: {row['speaker_name']}"
                    + (f" ({side})" if side is not None and pd.notna(side) else ""))
    if "cue" in row and pd.notna(row["cue"]):
        bits.append(f"cue: {row['cue']}")
    return "; ".join(bits)


def statement_selections(coded: pd.DataFrame, ids: list[str]) -> list[dict]:
    """One selection per coded statement, coded with its themes (in the order of ``ids``).

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [0], "end": [5],
    ...                       "theme_b": [1], "theme_a": [1], "speaker_name": ["Xi"]})
    >>> [(s["themes"], s["description"]) for s in statement_selections(coded, ["a", "b"])]
    [(['a', 'b'], 'Speaker: Xi')]
    """
    cols = theme_columns(coded)
    out = []
    for r in coded.to_dict("records"):
        themes = [theme_id(c) for c in cols if pd.notna(r[c]) and int(r[c]) == 1]
        if not themes:
            continue
        themes.sort(key=ids.index)
        out.append({
            "doc_id": str(r["doc_id"]), "start": int(r["start"]), "end": int(r["end"]),
            "name": str(r["stmt_id"]), "key": ("statement", r["stmt_id"]),
            "text": r.get("text"), "themes": themes, "description": _statement_description(r),
        })
    return out


def match_selections(matches: pd.DataFrame) -> list[dict]:
    """One selection per matched term, coded with its theme.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "theme": ["peace"],
    ...                   "pattern": ["paix"], "matched": ["Paix"], "start": [0], "end": [4]})
    >>> [(s["name"], s["description"]) for s in match_selections(m)]
    [('d.1 peace: Paix', 'pattern: paix')]
    """
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


def document_texts(documents: pd.DataFrame, *, where: str) -> dict[str, str]:
    """doc_id -> text of the documents table (ExportError for a doc_id given twice).

    Examples
    --------
    >>> document_texts(pd.DataFrame({"doc_id": [1], "text": ["Paix."]}), where="example")
    {'1': 'Paix.'}
    """
    texts = {}
    for r in documents[["doc_id", "text"]].itertuples(index=False):
        if str(r.doc_id) in texts:
            raise ExportError(f"{where}: documents has doc_id {r.doc_id!r} twice")
        texts[str(r.doc_id)] = "" if pd.isna(r.text) else str(r.text)
    return texts


def check_selections(selections: list[dict], texts: dict[str, str], *, where: str) -> None:
    """Check that every selection's document is given and its offsets give its text.

    Examples
    --------
    >>> s = {"doc_id": "d", "start": 0, "end": 4, "name": "d.1", "text": "Paix"}
    >>> check_selections([s], {"d": "Guerre."}, where="example")
    Traceback (most recent call last):
    ...
    discourse.errors.ExportError: example: d.1: offsets 0-4 do not give its text in document 'd'; pass the documents the table was coded from
    """
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
