"""The closing sections of the codebook appendix: proper names and the version history.

A reader of the paper must be able to re-code the corpus from the appendix, so it states
which words do not code because they belong to a proper name — the codebook's ``names:``
list and the general rule with each language's connectors and head nouns
(``discourse/lang/<code>/names.yml``, see :mod:`discourse.coding.names`) — and, from the
codebook's ``history:``, every version with what changed and what was measured.
:mod:`discourse.coding.appendix` appends these sections after the themes.

Examples
--------
>>> from discourse.coding.codebook import read_codebook
>>> cb = read_codebook({"id": "m", "version": "2", "languages": ["en"],
...     "names": {"en": ["Boao Forum for Asia"]},
...     "history": [{"version": "2", "date": "2026-01-01", "changes": ["peace*"],
...                  "measured": {"dev": {"en": 0.91}}}],
...     "themes": [{"id": "peace", "label": "Peace", "patterns": {"en": ["peace*"]}}]})
>>> md = "\\n".join(markdown_sections(cb))
>>> "- English (en): `Boao Forum for Asia`" in md, "Measured: dev: en 0.91" in md
(True, True)
"""

from __future__ import annotations

from typing import Any

from ..lang import get_language, supported_languages
from .markup import lang_name, md_code, md_text, tex_code, tex_text
from .model import Codebook

__all__ = ["markdown_sections", "latex_sections", "NAMES_NOTE"]

NAMES_NOTE = (
    "A theme match that lies inside the proper name of an event, an institution, a "
    "framework or a document (\"the Belt and Road Forum for International Cooperation\") "
    "does not code: the words of a name are not the speaker's rhetoric (discourse's "
    "names=\"count\" option counts them). A name is one of the listed names below (matched "
    "like an exclusion, in any case), or is found by the general rule: a run of at least two "
    "capitalised words joined by spaces, hyphens, quotation marks and the language's "
    "connectors; a sentence's first word joins it only when a capitalised word follows it "
    "directly or the name has a head noun. In a language that capitalises only the first "
    "noun of a name, a head noun followed by connectors and capitalised words up to the "
    "first lower-case word is a name too, and so is a capitalised word inside a sentence. A "
    "pattern written as a name (\"Belt and Road\") still counts on its own and inside a name "
    "without a head noun. The rule is off in headlines written in title case."
)


def _rule_languages(cb: Codebook) -> list[tuple[str, dict]]:
    """(language, names.yml data) of the codebook's languages that have the general rule."""
    langs = cb.languages or tuple(dict.fromkeys(
        lang for t in cb.themes for lang in t.patterns))
    out = []
    for lang in langs:
        if lang in supported_languages():
            data = get_language(lang).data("names")
            if data:
                out.append((lang, data))
    return out


def _measured(value: Any, depth: int = 0) -> str:
    """A ``measured:`` mapping as one line: ``dev: fr 0.945, en 0.933; test: ...``."""
    if isinstance(value, dict):
        sep, fmt = ("; ", "{}: {}") if depth == 0 else (", ", "{} {}")
        text = sep.join(fmt.format(k, _measured(v, depth + 1)) for k, v in value.items())
        return f"({text})" if depth > 1 else text
    if isinstance(value, list):
        return ", ".join(_measured(v, depth + 1) for v in value)
    return " ".join(str(value).split()).rstrip(".")


def _names_items(cb: Codebook) -> list[tuple[str, str, list[str]]]:
    """(kind, language, words) rows: the listed names, then each language's rule words."""
    rows = [("Listed names", lang, list(items)) for lang, items in cb.names.items() if items]
    for lang, data in _rule_languages(cb):
        rows.append(("Connectors", lang, [str(w) for w in data.get("connectors", ())]))
        if data.get("heads"):
            rows.append(("Head nouns", lang, [str(w) for w in data["heads"]]))
    return rows


def markdown_sections(cb: Codebook) -> list[str]:
    """The proper-name and version-history sections, as Markdown lines."""
    out: list[str] = []
    rows = _names_items(cb)
    if rows:
        out += ["## Proper names", "", md_text(NAMES_NOTE), ""]
        for kind in dict.fromkeys(k for k, _, _ in rows):
            out += [f"**{kind}.**", ""]
            out += [f"- {lang_name(lang)}: " + ", ".join(md_code(w) for w in words)
                    for k, lang, words in rows if k == kind]
            out.append("")
    if cb.history:
        out += ["## Version history", ""]
        for entry in cb.history:
            date = f" ({entry['date']})" if entry.get("date") else ""
            out += [f"### Version {md_text(entry['version'])}{date}", ""]
            out += [f"- {md_text(change)}" for change in entry.get("changes", ())]
            if entry.get("measured") is not None:
                out.append(f"- Measured: {md_text(_measured(entry['measured']))}")
            out.append("")
    return out


def latex_sections(cb: Codebook) -> list[str]:
    """The proper-name and version-history sections, as LaTeX lines."""
    out: list[str] = []
    rows = _names_items(cb)
    if rows:
        out += [r"\subsection*{Proper names}", tex_text(NAMES_NOTE), "", r"\begin{description}"]
        out += [f"  \\item[{{{kind}, {tex_text(lang_name(lang))}}}] "
                + ", ".join(tex_code(w) for w in words) for kind, lang, words in rows]
        out += [r"\end{description}", ""]
    if cb.history:
        out += [r"\subsection*{Version history}", r"\begin{description}"]
        for entry in cb.history:
            date = f" ({tex_text(entry['date'])})" if entry.get("date") else ""
            out.append(f"  \\item[{{Version {tex_text(entry['version'])}{date}}}]")
            items = [tex_text(c) for c in entry.get("changes", ())]
            if entry.get("measured") is not None:
                items.append("Measured: " + tex_text(_measured(entry["measured"])))
            if items:
                out += ["    \\begin{itemize}"] + [f"      \\item {i}" for i in items] \
                    + ["    \\end{itemize}"]
        out += [r"\end{description}", ""]
    return out
