"""Imports of the dictionaries researchers already have: quanteda YAML, LIWC, Lexicoder.

Each reader returns a :class:`~discourse.coding.codebook.Codebook` that codes statements like a
discourse codebook; :func:`discourse.coding.codebook.write_codebook` then saves it in the discourse
format, where definitions, examples and per-language patterns can be added.
:func:`discourse.coding.codebook.read_codebook` calls these readers for the extensions ``.dic``
(LIWC) and ``.lc3`` (Lexicoder), and for a ``.yml`` file without a top-level ``themes:`` key
(quanteda).

Formats
-------
quanteda YAML
    A mapping of keys to lists of patterns; a key may hold a mapping of sub-keys instead,
    and quanteda's ``as.yaml`` writes a parent's own patterns under the sub-key ``__``::

        economy:
          __: [econom*]
          taxation: [tax*, fiscal]
          growth: [growth, grow*]
        friendship: [friend*, ironclad]

LIWC ``.dic``
    A category legend between two lines holding only ``%`` (``<id><TAB><name>``, optionally a
    ``(description)``, and a parent id as a third field or a deeper indentation with tabs, as
    in LIWC2015 legends), then one term per line followed by its category ids::

        %
        1	social	(Social processes)
        2	friend	1
        %
        friend*	1	2
        ally	2

    LIWC2007 conditional entries (``<of>`` lines, ``(02 134)`` parentheticals) are not
    supported: ``<of>`` lines are skipped and parentheticals removed, each with a warning
    naming the line, as quanteda does. Categories with no terms are dropped with a warning.

Lexicoder ``.lc3``
    A line ``+KEY`` opens a category; the following lines are its patterns::

        +NEGATIVE
        abandon*
        +POSITIVE
        ability*

Keys become theme ids in lower case with accents removed and other characters replaced by
``_`` (``Positive Emotion`` -> ``positive_emotion``); the original key is the label. Nested
keys get dotted ids (``economy.taxation``). These formats carry no language: the ``lang``
argument gives it, and the default ``"any"`` stores the patterns under the key ``"*"``, which
applies them to statements of every language. Malformed files raise
:class:`~discourse.errors.CodebookError` naming the line.

Examples
--------
>>> import tempfile, pathlib
>>> from discourse.coding.imports import read_lexicoder_lc3
>>> p = pathlib.Path(tempfile.mkdtemp()) / "mini.lc3"
>>> _ = p.write_text("+PEACE\\npeace*\\nharmony\\n+WAR\\nwar\\n", encoding="utf-8")
>>> cb = read_lexicoder_lc3(p)
>>> [(t.id, t.label, t.patterns) for t in cb.themes]
[('peace', 'PEACE', {'*': ('peace*', 'harmony')}), ('war', 'WAR', {'*': ('war',)})]
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Mapping
from typing import Any

from .parse import fail, slugify
from .codebook import Codebook, Theme, read_codebook
from ..errors import ParameterError
from .patterns import LANG_ANY, check_lang, check_pattern

__all__ = ["read_quanteda_yaml", "read_liwc_dic", "read_lexicoder_lc3"]


# ----------------------------------------------------------------------------- public
def read_quanteda_yaml(
    path: str | os.PathLike, *, lang: str = "any", encoding: str = "utf-8"
) -> Codebook:
    """Import a quanteda dictionary saved as YAML (``as.yaml(dict)`` in R).

    Parameters
    ----------
    path
        The ``.yml`` / ``.yaml`` file.
    lang
        Language code the patterns apply to, or ``"any"`` (every language).
    encoding
        Text encoding of the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "q.yml"
    >>> _ = p.write_text("economy:\\n  taxation: [tax*]\\n  growth: [growth]\\n")
    >>> [t.id for t in read_quanteda_yaml(p, lang="en").themes]
    ['economy', 'economy.taxation', 'economy.growth']
    """
    return read_codebook(path, format="quanteda", lang=lang, encoding=encoding)


def read_liwc_dic(
    path: str | os.PathLike, *, lang: str = "any", encoding: str = "utf-8"
) -> Codebook:
    """Import a LIWC dictionary (``.dic``: ``%``-delimited category legend, then terms).

    Parameters
    ----------
    path
        The ``.dic`` file.
    lang
        Language code the terms apply to, or ``"any"`` (every language).
    encoding
        Text encoding (old LIWC files may need ``"cp1252"``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "d.dic"
    >>> _ = p.write_text("%\\n1\\tsocial\\n2\\tfriend\\t1\\n%\\nally\\t2\\nfriend*\\t1\\t2\\n")
    >>> [(t.id, t.patterns["*"]) for t in read_liwc_dic(p).themes]
    [('social', ('friend*',)), ('social.friend', ('ally', 'friend*'))]
    """
    return read_codebook(path, format="liwc", lang=lang, encoding=encoding)


def read_lexicoder_lc3(
    path: str | os.PathLike, *, lang: str = "any", encoding: str = "utf-8"
) -> Codebook:
    """Import a Lexicoder dictionary (``.lc3``: ``+KEY`` lines, then one pattern a line).

    Parameters
    ----------
    path
        The ``.lc3`` file.
    lang
        Language code the patterns apply to, or ``"any"`` (every language).
    encoding
        Text encoding of the file.
    """
    return read_codebook(path, format="lexicoder", lang=lang, encoding=encoding)


# ---------------------------------------------------------------------------- helpers
def _lang_key(lang: str) -> str:
    if lang == "any":
        return LANG_ANY
    problem = check_lang(lang)
    if problem:
        raise ParameterError(f"lang: {problem}; or 'any' for every language")
    return lang


def _codebook(themes: list[Theme], *, stem: str, fmt: str, name: str, lang: str) -> Codebook:
    key = _lang_key(lang)
    return Codebook(
        id=slugify(stem) or "dictionary",
        version="",
        themes=tuple(themes),
        title=stem,
        description=f"Imported from the {name} dictionary {stem}.",
        languages=() if key == LANG_ANY else (key,),
        source_format=fmt,
    )


def _clean_patterns(
    items: list[tuple[Any, int | None]], source: str, theme: str
) -> tuple[str, ...]:
    """Check patterns (value, line) and drop exact repeats, keeping the first."""
    out: dict[str, None] = {}
    for value, line in items:
        problem = check_pattern(value)
        if problem:
            raise fail(source, line, theme, "patterns", f"pattern {value!r} {problem}")
        out.setdefault(" ".join(value.split()))
    return tuple(out)


def _theme_id(name: Any, parent: str | None, seen: dict, source: str, line: int | None) -> str:
    slug = slugify(str(name))
    if not slug:
        raise fail(source, line, None, None,
                   f"key {name!r} gives an empty theme id; use letters or digits in it")
    tid = f"{parent}.{slug}" if parent else slug
    if tid in seen:
        raise fail(source, line, tid, None,
                   f"keys {seen[tid]!r} and {name!r} both give the theme id {tid!r}; "
                   "rename one")
    seen[tid] = name
    return tid


# ----------------------------------------------------------------------- quanteda YAML
def quanteda_codebook(tree: Any, *, source: str, lang: str, stem: str) -> Codebook:
    """Build a Codebook from a quanteda-style nested mapping (parsed YAML or a dict)."""
    key = _lang_key(lang)
    if not isinstance(tree, Mapping) or not tree:
        raise fail(source, getattr(tree, "line", None), None, None,
                   "a quanteda dictionary is a mapping of keys to lists of patterns, "
                   "e.g. 'friendship: [friend*, ironclad]'")
    themes: list[Theme] = []
    seen: dict[str, Any] = {}

    def line_of(container: Any, k: Any) -> int | None:
        finder = getattr(container, "line_of", None)
        return finder(k) if finder else None

    def walk(name: Any, value: Any, parent: str | None, line: int | None) -> None:
        tid = _theme_id(name, parent, seen, source, line)
        own: list[tuple[Any, int | None]] = []
        children: list[tuple[Any, Any, int | None]] = []
        if isinstance(value, Mapping):
            for k, v in value.items():
                if k == "__":
                    vals = v if isinstance(v, list) else [v]
                    own += [(x, line_of(v, i) or line_of(value, k)) for i, x in enumerate(vals)]
                else:
                    children.append((k, v, line_of(value, k)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    children += [(k, v, line_of(item, k)) for k, v in item.items()]
                else:
                    own.append((item, line_of(value, i) or line))
        else:
            own.append((value, line))
        patterns = _clean_patterns(own, source, tid)
        if not patterns and not children:
            raise fail(source, line, tid, "patterns",
                       f"key {name!r} has no patterns and no sub-keys; add patterns or remove it")
        themes.append(Theme(id=tid, label=str(name), patterns={key: patterns} if patterns else {},
                            parent=parent))
        for k, v, kline in children:
            walk(k, v, tid, kline)

    for name, value in tree.items():
        walk(name, value, None, line_of(tree, name))
    return _codebook(themes, stem=stem, fmt="quanteda", name="quanteda", lang=lang)


# --------------------------------------------------------------------------------- LIWC
_PAREN = re.compile(r"\([^()]*\)")


def _legend_entry(raw: str, n: int, source: str) -> tuple[int, str, int | None, str, int]:
    depth = len(raw) - len(raw.lstrip("\t"))
    content = raw.strip()
    parts = [p.strip() for p in content.split("\t") if p.strip()]
    if len(parts) == 1:  # space-delimited legend
        parts = content.split(None, 1)
        if len(parts) == 2 and " (" in parts[1]:
            name, desc = parts[1].split(" (", 1)
            parts = [parts[0], name.strip(), "(" + desc]
    if len(parts) < 2 or not parts[0].isdigit():
        raise fail(source, n, None, "legend",
                   f"{content!r} is not a category line; write '<number><TAB><name>' "
                   "between the two '%' lines")
    parent: int | None = None
    desc = ""
    for extra in parts[2:]:
        if extra.isdigit():
            parent = int(extra)
        else:
            desc = extra.strip().removeprefix("(").removesuffix(")").strip()
    return int(parts[0]), parts[1], parent, desc, depth


def parse_liwc(text: str, *, source: str, lang: str, stem: str) -> Codebook:
    """Build a Codebook from the text of a LIWC ``.dic`` file."""
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise fail(source, (marks[0] + 1) if marks else 1, None, None,
                   "a LIWC dictionary starts with its category legend between two lines "
                   "holding only '%'; found " + ("one" if marks else "none"))
    for i in range(marks[0]):
        if lines[i].strip():
            raise fail(source, i + 1, None, None,
                       "text before the first '%' line; a LIWC file starts with '%'")
    # The legend: id -> (name, parent id, description), in file order.
    cats: dict[int, dict] = {}
    stack: list[tuple[int, int]] = []  # (depth, id) of the open ancestors
    for i in range(marks[0] + 1, marks[1]):
        raw = lines[i]
        if not raw.strip():
            continue
        n = i + 1
        cid, name, parent, desc, depth = _legend_entry(raw, n, source)
        if cid in cats:
            raise fail(source, n, None, "legend",
                       f"category id {cid} is defined twice (first on line {cats[cid]['line']})")
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if depth and parent is None:
            if not stack or stack[-1][0] != depth - 1:
                raise fail(source, n, None, "legend",
                           f"category {name!r} is indented {depth} tab(s) but has no parent "
                           "one level up; indent sub-categories by one tab under their parent")
            parent = stack[-1][1]
        if parent is not None and parent not in cats:
            raise fail(source, n, None, "legend",
                       f"category {name!r} names parent id {parent}, which is not defined "
                       "above it in the legend")
        stack.append((depth, cid))
        cats[cid] = {"name": name, "parent": parent, "desc": desc, "line": n, "terms": []}
    if not cats:
        raise fail(source, marks[0] + 1, None, "legend", "the category legend is empty")
    # The terms.
    for i in range(marks[1] + 1, len(lines)):
        content = lines[i].strip()
        n = i + 1
        if not content:
            continue
        if "<of>" in content:
            warnings.warn(f"{source}: line {n}: LIWC '<of>' conditions are not supported; "
                          f"the line {content!r} is skipped", UserWarning, stacklevel=4)
            continue
        if _PAREN.search(content):
            warnings.warn(f"{source}: line {n}: LIWC parenthetical conditions are not "
                          f"supported; removed from {content!r}", UserWarning, stacklevel=4)
            content = _PAREN.sub(" ", content).strip()
        if "\t" in content:
            fields = [f.strip() for f in content.split("\t") if f.strip()]
            term, ids = fields[0], " ".join(fields[1:]).split()
        else:
            tokens = content.split()
            k = next((j for j, t in enumerate(tokens) if t.isdigit()), len(tokens))
            term, ids = " ".join(tokens[:k]), tokens[k:]
        if not term:
            raise fail(source, n, None, None, f"{content!r} has category ids but no term")
        if not ids:
            raise fail(source, n, None, None,
                       f"term {term!r} has no category id; write '<term><TAB><id> <id>...'")
        for cid_text in ids:
            if not cid_text.isdigit():
                raise fail(source, n, None, None,
                           f"term {term!r}: category id {cid_text!r} is not a number")
            cid = int(cid_text)
            if cid not in cats:
                raise fail(source, n, None, None,
                           f"term {term!r}: category {cid} is not in the legend "
                           f"(defined: {', '.join(str(c) for c in cats)})")
            cats[cid]["terms"].append((term, n))
    return _liwc_codebook(cats, source=source, lang=lang, stem=stem)


def _liwc_codebook(cats: dict[int, dict], *, source: str, lang: str, stem: str) -> Codebook:
    key = _lang_key(lang)
    kids: dict[int | None, list[int]] = {}
    for cid, cat in cats.items():
        kids.setdefault(cat["parent"], []).append(cid)

    def non_empty(cid: int) -> bool:
        return bool(cats[cid]["terms"]) or any(non_empty(k) for k in kids.get(cid, []))

    themes: list[Theme] = []
    seen: dict[str, Any] = {}

    def walk(cid: int, parent: str | None) -> None:
        cat = cats[cid]
        if not non_empty(cid):
            warnings.warn(f"{source}: line {cat['line']}: LIWC category {cat['name']!r} "
                          "has no terms; it is left out", UserWarning, stacklevel=5)
            return
        tid = _theme_id(cat["name"], parent, seen, source, cat["line"])
        patterns = _clean_patterns(cat["terms"], source, tid)
        themes.append(Theme(id=tid, label=cat["name"], definition=cat["desc"],
                            patterns={key: patterns} if patterns else {}, parent=parent))
        for k in kids.get(cid, []):
            walk(k, tid)

    for cid in kids.get(None, []):
        walk(cid, None)
    return _codebook(themes, stem=stem, fmt="liwc", name="LIWC", lang=lang)


# ---------------------------------------------------------------------------- Lexicoder
def parse_lexicoder(text: str, *, source: str, lang: str, stem: str) -> Codebook:
    """Build a Codebook from the text of a Lexicoder ``.lc3`` file."""
    entries: list[dict] = []
    for i, raw in enumerate(text.splitlines()):
        n = i + 1
        content = raw.strip()
        if not content:
            continue
        if content.startswith("+"):
            name = content[1:].strip()
            if not name:
                raise fail(source, n, None, None, "a '+' line needs a category name ('+NAME')")
            entries.append({"name": name, "line": n, "terms": []})
        elif not entries:
            raise fail(source, n, None, None,
                       f"pattern {content!r} comes before any category; start the file with "
                       "a '+NAME' line")
        else:
            entries[-1]["terms"].append((content, n))
    if not entries:
        raise fail(source, 1, None, None, "no categories found; a Lexicoder file has '+NAME' lines")
    themes: list[Theme] = []
    seen: dict[str, Any] = {}
    key = _lang_key(lang)
    for entry in entries:
        tid = _theme_id(entry["name"], None, seen, source, entry["line"])
        if not entry["terms"]:
            raise fail(source, entry["line"], tid, "patterns",
                       f"category {entry['name']!r} has no patterns on the lines after it")
        patterns = _clean_patterns(entry["terms"], source, tid)
        themes.append(Theme(id=tid, label=entry["name"], patterns={key: patterns}))
    return _codebook(themes, stem=stem, fmt="lexicoder", name="Lexicoder", lang=lang)
