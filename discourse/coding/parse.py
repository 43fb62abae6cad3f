"""Reading codebook YAML with line numbers, and building validated themes from it.

Helpers of :mod:`discourse.coding.codebook` and :mod:`discourse.coding.dictionaries`: a YAML loader
that remembers the line of every mapping key and list item (so an error can name the line),
refuses duplicate keys and keeps ``yes``/``no``/``on``/``off``/``true`` as strings (they are
words in a dictionary, not booleans); and the builder that turns the discourse format's nested
mappings into :class:`~discourse.coding.model.Theme` objects, checking every field.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import yaml

from ..errors import CodebookError
from .model import Theme
from .history import parse_history
from .patterns import LANG_ANY, NEGATION_VALUES, check_lang, check_pattern

TOP_KEYS = ("id", "version", "title", "description", "languages", "names", "history",
            "themes")
THEME_KEYS = (
    "id", "label", "definition", "include", "exclude", "examples", "patterns", "exclusions",
    "negation", "colour", "themes",
)
_ID = re.compile(r"[a-z0-9](?:[a-z0-9_]*[a-z0-9])?")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


# --------------------------------------------------------------------------- YAML with lines
class LineDict(dict):
    """A dict from YAML that knows its line and the line of each key (1-based)."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key: Any) -> int | None:
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list):
    """A list from YAML that knows its line and the line of each item (1-based)."""

    line: int | None = None
    item_lines: list

    def line_of(self, i: int) -> int | None:
        lines = getattr(self, "item_lines", [])
        return lines[i] if i < len(lines) else self.line


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available
    pass


# No codebook field is a boolean: yes/no/on/off/true/false stay strings (in a dictionary they
# are words, and 'no' is the code of Norwegian).
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_map(loader: _Loader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in data.key_lines:
            raise yaml.constructor.ConstructorError(
                None, None,
                f"the key {key!r} appears twice in this mapping (first on line "
                f"{data.key_lines[key]}); keep one",
                key_node.start_mark,
            )
        data.key_lines[key] = line
        data[key] = loader.construct_object(value_node, deep=True)


def _construct_seq(loader: _Loader, node: yaml.SequenceNode):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def load_yaml(text: str, source: str) -> Any:
    """Parse YAML text, keeping line numbers; errors become CodebookError naming the line."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = " ".join(str(p) for p in (err.context, err.problem) if p)
        raise CodebookError(
            f"{source}: {where}not valid YAML ({problem}); check the indentation, the colons "
            "and the quotes (a pattern starting with '*' must be quoted: \"*ism\")"
        ) from None
    except yaml.YAMLError as err:
        raise CodebookError(f"{source}: not valid YAML ({err})") from None


# ------------------------------------------------------------------------------ errors
def fail(source: str, line: int | None, theme: str | None, field: str | None, msg: str):
    """Build a CodebookError naming the file, line, theme and field."""
    parts = [source]
    if line:
        parts.append(f"line {line}")
    if theme:
        parts.append(f"theme {theme!r}")
    if field:
        parts.append(f"field {field!r}")
    return CodebookError(": ".join(parts) + ": " + msg)


def _line(container: Any, key: Any) -> int | None:
    finder = getattr(container, "line_of", None)
    return finder(key) if finder else None


def unknown_key_message(key: Any, valid: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(key), valid, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {key!r}{hint}; valid keys: {', '.join(valid)}"


def slugify(name: str) -> str:
    """Theme id from a dictionary key: lower case, accents removed, others -> '_'.

    >>> slugify("Positive Emotion (posemo)")
    'positive_emotion_posemo'
    """
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", text)).strip("_")


def check_id(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return "a theme needs an id: a non-empty string of lower-case letters, digits and _"
    if "." in value:
        return (
            f"id {value!r} has a dot; write the local id only (sub-themes get "
            "'<parent>.<id>' automatically)"
        )
    if not _ID.fullmatch(value) or "__" in value:
        return (
            f"id {value!r} is not valid; use lower-case letters, digits and single '_' "
            f"(e.g. {slugify(value) or 'theme_1'!r})"
        )
    return None


def check_colour(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and _COLOUR.fullmatch(value)):
        return None
    return f"{value!r} is not a colour; use a hex colour such as '#0072B2' (quote it in YAML)"


def check_negation(value: Any) -> str | None:
    if value in NEGATION_VALUES:
        return None
    return f"{value!r} is not a valid value; valid values: {', '.join(NEGATION_VALUES)}"


# ----------------------------------------------------------------------- field parsers
def _text(node: Mapping, key: str, source: str, theme: str | None) -> str:
    value = node.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise fail(source, _line(node, key), theme, key,
                   f"must be text, got {type(value).__name__} {value!r}; put it in quotes")
    return value.strip()


def parse_patterns(
    node: Mapping, key: str, source: str, theme: str, languages: tuple[str, ...] | None
) -> dict[str, tuple[str, ...]]:
    """Parse ``patterns`` / ``exclusions``: a mapping language -> list of patterns."""
    value = node.get(key)
    if value is None:
        return {}
    if isinstance(value, list):  # no language given: applies to every language
        value = {LANG_ANY: value}
    if not isinstance(value, Mapping):
        raise fail(source, _line(node, key), theme, key,
                   "must map language codes to lists of patterns, e.g. "
                   f"{key}: {{fr: [souverain*], en: [sovereign*]}}")
    out: dict[str, tuple[str, ...]] = {}
    for lang, items in value.items():
        line = _line(value, lang)
        problem = check_lang(lang)
        if problem:
            raise fail(source, line, theme, key, problem)
        if languages and lang != LANG_ANY and lang not in languages:
            raise fail(source, line, theme, key,
                       f"language {lang!r} is not in the codebook's languages "
                       f"({', '.join(languages)}); add it there or fix the code")
        if isinstance(items, str) or items is None:
            items = [items]
        if not isinstance(items, list):
            raise fail(source, line, theme, f"{key}.{lang}", "must be a list of patterns")
        seen: dict[str, int] = {}
        for i, pattern in enumerate(items):
            pline = _line(items, i) or line
            problem = check_pattern(pattern)
            if problem:
                raise fail(source, pline, theme, f"{key}.{lang}", f"pattern {pattern!r} {problem}")
            canon = " ".join(pattern.split())
            if canon.lower() in seen:
                raise fail(source, pline, theme, f"{key}.{lang}",
                           f"pattern {pattern!r} is listed twice; remove one")
            seen[canon.lower()] = i
        out[lang] = tuple(" ".join(p.split()) for p in items)
    return out


def _examples(node: Mapping, source: str, theme: str) -> dict[str, tuple[str, ...]]:
    value = node.get("examples")
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise fail(source, _line(node, "examples"), theme, "examples",
                   "must map language codes to lists of example sentences")
    out = {}
    for lang, items in value.items():
        line = _line(value, lang)
        problem = check_lang(lang)
        if problem:
            raise fail(source, line, theme, "examples", problem)
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
            raise fail(source, line, theme, f"examples.{lang}",
                       "must be a list of non-empty example sentences (text)")
        out[lang] = tuple(s.strip() for s in items)
    return out


# ----------------------------------------------------------------------- theme builder
def build_themes(
    items: Any,
    *,
    source: str,
    languages: tuple[str, ...] | None,
    container: Any = None,
    key: str = "themes",
    parent: str | None = None,
    seen: dict[str, int | None] | None = None,
    out: list | None = None,
) -> list[Theme]:
    """Build Theme objects (parents before sub-themes) from a discourse ``themes:`` list."""
    seen = {} if seen is None else seen
    out = [] if out is None else out
    if not isinstance(items, list) or (parent is None and not items):
        raise fail(source, _line(container, key), parent, key,
                   "must be a list of themes, each with an id, a label and patterns")
    for i, node in enumerate(items):
        line = _line(items, i)
        if not isinstance(node, Mapping):
            raise fail(source, line, parent, key,
                       f"item {i + 1} must be a theme (a mapping with id, label, patterns...)")
        line = getattr(node, "line", None) or line
        local = node.get("id")
        problem = check_id(local)
        if problem:
            raise fail(source, _line(node, "id") if "id" in node else line,
                       parent, "id", problem)
        tid = f"{parent}.{local}" if parent else local
        for k in node:
            if k not in THEME_KEYS:
                raise fail(source, _line(node, k), tid, None, unknown_key_message(k, THEME_KEYS))
        if tid in seen:
            first = f" (first on line {seen[tid]})" if seen[tid] else ""
            raise fail(source, _line(node, "id"), tid, "id",
                       f"duplicate id {tid!r}{first}; every theme needs its own id")
        seen[tid] = _line(node, "id")
        label = node.get("label")
        if not isinstance(label, str) or not label.strip():
            raise fail(source, _line(node, "label") if "label" in node else line, tid, "label",
                       "a theme needs a label: the short name shown in tables and charts")
        negation = node.get("negation", "count")
        problem = check_negation(negation)
        if problem:
            raise fail(source, _line(node, "negation"), tid, "negation", problem)
        colour = node.get("colour")
        problem = check_colour(colour)
        if problem:
            raise fail(source, _line(node, "colour"), tid, "colour", problem)
        patterns = parse_patterns(node, "patterns", source, tid, languages)
        exclusions = parse_patterns(node, "exclusions", source, tid, languages)
        children = node.get("themes")
        if not any(patterns.values()) and not children:
            raise fail(source, _line(node, "patterns") if "patterns" in node else line, tid,
                       "patterns",
                       "the theme is empty: give it patterns in at least one language "
                       "(patterns: {fr: [...], en: [...]}) or sub-themes")
        out.append(Theme(
            id=tid, label=label.strip(), definition=_text(node, "definition", source, tid),
            include=_text(node, "include", source, tid),
            exclude=_text(node, "exclude", source, tid),
            examples=_examples(node, source, tid), patterns=patterns, exclusions=exclusions,
            negation=negation, parent=parent, colour=colour,
        ))
        if children is not None:
            build_themes(children, source=source, languages=languages, container=node,
                         key="themes", parent=tid, seen=seen, out=out)
    return out


def build_codebook_fields(data: Any, *, source: str, default_id: str) -> dict:
    """Check a discourse-format mapping and return the Codebook constructor arguments."""
    if not isinstance(data, Mapping):
        raise fail(source, getattr(data, "line", None), None, None,
                   "a codebook must be a mapping with id, version, title and themes")
    for k in data:
        if k not in TOP_KEYS:
            raise fail(source, _line(data, k), None, None, unknown_key_message(k, TOP_KEYS))
    fields: dict[str, Any] = {}
    for k in ("id", "version", "title", "description"):
        value = data.get(k)
        if value is not None and not isinstance(value, str):
            raise fail(source, _line(data, k), None, k,
                       f"must be text, got {type(value).__name__} {value!r}; put it in quotes "
                       "(e.g. version: \"1.0.0\")")
        fields[k] = (value or "").strip()
    fields["id"] = fields["id"] or default_id
    languages = data.get("languages")
    if languages is not None:
        if isinstance(languages, str):
            languages = [languages]
        if not isinstance(languages, list):
            raise fail(source, _line(data, "languages"), None, "languages",
                       "must be a list of language codes, e.g. [fr, en]")
        for i, code in enumerate(languages):
            problem = check_lang(code)
            if problem:
                raise fail(source, _line(languages, i), None, "languages", problem)
        languages = tuple(languages)
    if "themes" not in data:
        raise fail(source, getattr(data, "line", None), None, "themes",
                   "the codebook has no 'themes:' list; add one")
    themes = build_themes(data["themes"], source=source, languages=languages, container=data)
    if languages is None:
        found: dict[str, None] = {}
        for theme in themes:
            for lang in theme.patterns:
                if lang != LANG_ANY:
                    found.setdefault(lang)
        languages = tuple(found)
    fields["languages"] = languages
    fields["themes"] = tuple(themes)
    fields["names"] = parse_patterns(data, "names", source, None, languages)
    fields["history"] = parse_history(data, source)
    return fields
