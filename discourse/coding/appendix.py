"""The codebook rendered for a paper's appendix, in Markdown or LaTeX.

Reviewers ask to see the instrument. :func:`format_codebook_appendix` renders a codebook —
identity (id, version, SHA-256 of the file), the pattern syntax, and for every theme and
sub-theme its definition, inclusion and exclusion notes, what negated matches do, its
patterns and exclusions per language, and its examples, then the proper names whose words
do not code (the codebook's ``names:`` list and the general rule's connectors and head nouns
per language) and the version history (each version's changes and the scores measured,
:mod:`discourse.coding.appendix_sections`) — as Markdown or as a LaTeX fragment to
``\\input`` in a paper. :func:`write_codebook_appendix` writes it atomically. The output is
deterministic: the same codebook gives the same bytes.

The LaTeX fragment escapes LaTeX's special characters (``& % $ # _ { } ~ ^ \\``), turns
French guillemets into ``\\guillemotleft{}`` / ``\\guillemotright{}`` and typographic
apostrophes and quotes into LaTeX's; it needs ``\\usepackage[T1]{fontenc}`` and UTF-8 input
(the default of LaTeX since 2018) for accented letters.

Examples
--------
>>> from discourse.coding.appendix import format_codebook_appendix
>>> md = format_codebook_appendix()
>>> print(md.splitlines()[0])
# Codebook: Sovereignty, cooperation, anti-Cold War framing and friendship in diplomatic readouts
>>> "## 1. Sovereignty (`sovereignty`)" in md
True
>>> tex = format_codebook_appendix(format="latex")
>>> r"\\subsection*{1. Sovereignty (\\texttt{sovereignty})}" in tex
True
"""

from __future__ import annotations

import os
from pathlib import Path

from ..io.files import write_atomic
from .codebook import read_codebook
from .model import Codebook, Theme
from ..errors import ExportError, ParameterError
from .appendix_sections import latex_sections, markdown_sections
from .markup import lang_name as _lang_name, latex_escape, md_code as _md_code, \
    md_text as _md, tex_code as _tex_code, tex_text as _tex_text

__all__ = ["format_codebook_appendix", "write_codebook_appendix", "latex_escape"]

FORMATS = ("markdown", "latex")
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".tex": "latex"}
_NEGATION = {
    "count": "counted like any other match",
    "exclude": "not counted",
    "separate": "counted separately, under the code {id}.negated",
}
SYNTAX_NOTE = (
    "Patterns are matched as whole words, case-insensitively and respecting accents; the "
    "apostrophes ' and ’ are equal. In a pattern, * stands for zero or more letters within "
    "one word and ? for exactly one letter; a phrase of several words matches them in "
    "sequence across any white space; where patterns overlap, the longest match wins. An "
    "exclusion blocks a match of its theme that it covers. A statement is coded with a theme "
    "when it contains a match of the theme or of one of its sub-themes."
)


def _numbering(cb: Codebook) -> dict[str, str]:
    numbers: dict[str, str] = {}

    def walk(parent: str | None, prefix: str) -> None:
        for i, theme in enumerate(cb.children(parent), start=1):
            numbers[theme.id] = f"{prefix}{i}"
            walk(theme.id, f"{prefix}{i}.")

    walk(None, "")
    return numbers


def _facts(cb: Codebook) -> list[tuple[str, str, bool]]:
    """(name, value, is_code) rows describing the instrument."""
    n_top = len(cb.children(None))
    n_sub = len(cb.themes) - n_top
    langs = cb.languages or tuple(
        dict.fromkeys(lang for t in cb.themes for lang in t.patterns)
    )
    return [
        ("Identifier", cb.id, True),
        ("Version", cb.version or "unversioned", False),
        ("SHA-256", cb.sha256 or "not recorded (codebook built in memory)", bool(cb.sha256)),
        ("Languages", ", ".join(_lang_name(lang) for lang in langs) or "none", False),
        ("Themes", f"{n_top} themes, {n_sub} sub-themes", False),
    ]


# ------------------------------------------------------------------------------ Markdown
def _markdown(cb: Codebook) -> str:
    out = [f"# Codebook: {_md(cb.title or cb.id)}", ""]
    if cb.description:
        out += [_md(cb.description), ""]
    out += ["| | |", "|---|---|"]
    for name, value, code in _facts(cb):
        out.append(f"| {name} | {_md_code(value) if code else _md(value)} |")
    out += ["", _md(SYNTAX_NOTE), ""]
    numbers = _numbering(cb)
    for theme in cb.themes:
        out += _md_theme(theme, numbers[theme.id])
    out += markdown_sections(cb)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_theme(t: Theme, number: str) -> list[str]:
    level = min(number.count(".") + 2, 6)
    out = [f"{'#' * level} {number}. {_md(t.label)} ({_md_code(t.id)})", ""]
    for name, text in (("Definition", t.definition), ("Included", t.include),
                       ("Excluded", t.exclude)):
        if text:
            out += [f"**{name}.** {_md(text)}", ""]
    if t.patterns or t.exclusions:
        out += [f"**Negated matches.** {_md(_NEGATION[t.negation].format(id=t.id))}", ""]
    for name, table in (("Patterns", t.patterns),
                        ("Exclusions (phrases that block a match)", t.exclusions)):
        if table:
            out += [f"**{name}.**", ""]
            out += [f"- {_lang_name(lang)}: " + ", ".join(_md_code(p) for p in items)
                    for lang, items in table.items()]
            out.append("")
    if t.examples:
        out += ["**Examples.**", ""]
        for lang, items in t.examples.items():
            out += [f"- {_lang_name(lang)}: {_md(example)}" for example in items]
        out.append("")
    return out


# --------------------------------------------------------------------------------- LaTeX
def _latex(cb: Codebook) -> str:
    out = [
        "% Codebook appendix written by discourse (format_codebook_appendix).",
        "% Needs \\usepackage[T1]{fontenc} and UTF-8 input; \\input it where the appendix goes.",
        r"\section*{Codebook: " + _tex_text(cb.title or cb.id) + "}",
        "",
    ]
    if cb.description:
        out += [_tex_text(cb.description), ""]
    out.append(r"\begin{description}")
    for name, value, code in _facts(cb):
        if name == "SHA-256" and code:
            shown = r"\texttt{" + r"\allowbreak ".join(
                value[i:i + 16] for i in range(0, len(value), 16)) + "}"
        else:
            shown = _tex_code(value) if code else _tex_text(value)
        out.append(f"  \\item[{name}] {shown}")
    out += [r"\end{description}", "", _TEX_SYNTAX_NOTE, ""]
    numbers = _numbering(cb)
    for theme in cb.themes:
        out += _tex_theme(theme, numbers[theme.id])
    out += latex_sections(cb)
    return "\n".join(out).rstrip("\n") + "\n"


_TEX_SYNTAX_NOTE = (
    _tex_text(SYNTAX_NOTE)
    .replace("apostrophes ' and ' are", r"apostrophes \texttt{\textquotesingle} and \textquoteright{} are")
    .replace("pattern, * stands", r"pattern, \texttt{*} stands")
    .replace("and ? for", r"and \texttt{?} for")
)


def _tex_theme(t: Theme, number: str) -> list[str]:
    command = ("subsection", "subsubsection", "paragraph")[min(number.count("."), 2)]
    out = [f"\\{command}*{{{number}. {_tex_text(t.label)} ({_tex_code(t.id)})}}",
           r"\begin{description}"]
    items: list[tuple[str, str]] = []
    for name, text in (("Definition", t.definition), ("Included", t.include),
                       ("Excluded", t.exclude)):
        if text:
            items.append((name, _tex_text(text)))
    if t.patterns or t.exclusions:
        items.append(("Negated matches", _tex_text(_NEGATION[t.negation].format(id=t.id))))
    for name, table in (("Patterns", t.patterns), ("Exclusions", t.exclusions)):
        for lang, patterns in table.items():
            items.append((f"{name}, {_lang_name(lang)}",
                          ", ".join(_tex_code(p) for p in patterns)))
    for lang, examples in t.examples.items():
        for example in examples:
            items.append((f"Example, {_lang_name(lang)}", r"\emph{" + _tex_text(example) + "}"))
    if not items:
        items.append(("Sub-themes", "see below"))
    out += [f"  \\item[{{{latex_escape(name)}}}] {value}" for name, value in items]
    out += [r"\end{description}", ""]
    return out


# ------------------------------------------------------------------------------- public
def format_codebook_appendix(
    codebook: Codebook | str | os.PathLike | None = None, *, format: str = "markdown"
) -> str:
    """Render a codebook as an appendix, in Markdown or LaTeX.

    Parameters
    ----------
    codebook
        A Codebook, a codebook file, or None for the default codebook.
    format
        ``markdown`` or ``latex``.

    Returns
    -------
    str
        The appendix text (deterministic).

    Examples
    --------
    >>> from discourse.coding.codebook import read_codebook
    >>> cb = read_codebook({"id": "mini", "version": "2", "themes": [
    ...     {"id": "peace", "label": "Peace", "definition": "Peace & quiet",
    ...      "patterns": {"en": ["peace*"]}}]})
    >>> print(format_codebook_appendix(cb, format="latex"))  # doctest: +ELLIPSIS
    % Codebook appendix...
    \\subsection*{1. Peace (\\texttt{peace})}
    \\begin{description}
      \\item[{Definition}] Peace \\& quiet
      \\item[{Negated matches}] counted like any other match
      \\item[{Patterns, English (en)}] \\texttt{peace*}
    \\end{description}
    <BLANKLINE>
    \\subsection*{Proper names}
    ...
    """
    fmt = str(format).lower()
    if fmt not in FORMATS:
        raise ParameterError(
            f"format: {format!r} is not an appendix format; valid formats: {', '.join(FORMATS)}"
        )
    cb = read_codebook(codebook)
    return _markdown(cb) if fmt == "markdown" else _latex(cb)


def write_codebook_appendix(
    codebook: Codebook | str | os.PathLike | None,
    path: str | os.PathLike,
    *,
    format: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the codebook appendix to a Markdown (``.md``) or LaTeX (``.tex``) file.

    Parameters
    ----------
    codebook
        A Codebook, a codebook file, or None for the default codebook.
    path
        The file to write.
    format
        ``markdown`` or ``latex``; by default from the extension (``.md``, ``.tex``).
    overwrite
        Replace an existing file (by default an existing file is an error).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "appendix.tex"
    >>> _ = write_codebook_appendix(None, p)
    >>> p.read_text(encoding="utf-8").startswith("% Codebook appendix")
    True
    """
    target = Path(path)
    if format is None:
        ext = target.suffix.lower()
        if ext not in _EXTENSIONS:
            raise ExportError(
                f"{target}: cannot tell the appendix format from the extension "
                f"{ext or '(none)'!r}; name the file .md (Markdown) or .tex (LaTeX), or pass "
                "format='markdown' or format='latex'"
            )
        format = _EXTENSIONS[ext]
    text = format_codebook_appendix(codebook, format=format)
    write_atomic(target, text, overwrite=overwrite)
    return target
