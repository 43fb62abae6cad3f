"""Parsers of foreign dictionary formats into codebooks: quanteda YAML, LIWC, Lexicoder.

The formats and their rules are described in :mod:`discourse.coding.imports`, whose readers
(and :func:`discourse.coding.codebook.read_codebook`) call these parsers on a file's text or
parsed YAML. Each parser returns a :class:`~discourse.coding.model.Codebook`; malformed
input raises :class:`~discourse.errors.CodebookError` naming the line.

Examples
--------
>>> cb = parse_lexicoder("+PEACE\\npeace*\\n", source="mini.lc3", lang="any", stem="mini")
>>> [(t.id, t.patterns) for t in cb.themes]
[('peace', {'*': ('peace*',)})]
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from typing import Any

from ..errors import ParameterError
from .model import Codebook, Theme
from .parse import fail, slugify
from .patterns import LANG_ANY, check_lang, check_pattern

__all__ = ["quanteda_codebook", "parse_liwc", "parse_lexicoder"]


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
    """Build a Codebook from a quanteda-style nested mapping (parsed YAML or a dict).

    Examples
    --------
    >>> cb = quanteda_codebook({"economy": {"tax": ["tax*"]}}, source="q", lang="en", stem="q")
    >>> [(t.id, t.patterns) for t in cb.themes]
    [('economy', {}), ('economy.tax', {'en': ('tax*',)})]
    """
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
    """Build a Codebook from the text of a LIWC ``.dic`` file.

    Examples
    --------
    >>> cb = parse_liwc("%\\n1\\tfriend\\n%\\nally\\t1\\n", source="d.dic", lang="any", stem="d")
    >>> [(t.id, t.patterns) for t in cb.themes]
    [('friend', {'*': ('ally',)})]
    """
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
    cats = _liwc_legend(lines, marks, source)
    _liwc_terms(lines, marks, cats, source)
    return _liwc_codebook(cats, source=source, lang=lang, stem=stem)


def _liwc_legend(lines: list[str], marks: list[int], source: str) -> dict[int, dict]:
    """The category legend between the two ``%`` lines: id -> name, parent id, description,
    line and (empty) terms, in file order."""
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
    return cats


def _liwc_terms(lines: list[str], marks: list[int], cats: dict[int, dict],
                source: str) -> None:
    """Add each term after the legend to the ``terms`` of its categories (line-checked)."""
    for i in range(marks[1] + 1, len(lines)):
        content = lines[i].strip()
        n = i + 1
        if not content:
            continue
        if "<of>" in content:
            warnings.warn(f"{source}: line {n}: LIWC '<of>' conditions are not supported; "
                          f"the line {content!r} is skipped", UserWarning, stacklevel=5)
            continue
        if _PAREN.search(content):
            warnings.warn(f"{source}: line {n}: LIWC parenthetical conditions are not "
                          f"supported; removed from {content!r}", UserWarning, stacklevel=5)
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
    """Build a Codebook from the text of a Lexicoder ``.lc3`` file (see the module example)."""
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
