"""Escaping text for the codebook appendix: Markdown and LaTeX, and language names.

Shared by :mod:`discourse.coding.appendix` (the themes) and
:mod:`discourse.coding.appendix_sections` (proper names and version history).

Examples
--------
>>> md_text("a*b_c  d"), md_code("x*"), tex_code("a_b"), lang_name("fr")
('a\\\\*b\\\\_c d', '`x*`', '\\\\texttt{a\\\\_b}', 'French (fr)')
"""

from __future__ import annotations

from .patterns import LANG_ANY

__all__ = ["lang_name", "md_text", "md_code", "latex_escape", "tex_text", "tex_code"]

_LANG_NAMES = {
    "fr": "French", "en": "English", "km": "Khmer", "zh": "Chinese", "es": "Spanish",
    "de": "German", "ru": "Russian", "ar": "Arabic", "pt": "Portuguese", "vi": "Vietnamese",
    "th": "Thai", "lo": "Lao", "ja": "Japanese", "ko": "Korean", "it": "Italian",
}
_MD_SPECIAL = "\\`*_[]<>|"
_TEX = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
    "«": r"\guillemotleft{}", "»": r"\guillemotright{}", "‹": r"\guilsinglleft{}",
    "›": r"\guilsinglright{}", "’": "'", "‘": "`", "“": "``", "”": "''", "„": ",,",
    "\u00a0": "~", "\u202f": r"\,", "…": r"\ldots{}", "–": "--", "—": "---",
    "[": "{[}", "]": "{]}",
}


def lang_name(code: str) -> str:
    """"French (fr)" for ``fr``; "All languages" for ``*``; an unknown code as it is."""
    if code == LANG_ANY:
        return "All languages"
    return f"{_LANG_NAMES[code]} ({code})" if code in _LANG_NAMES else code


def md_text(text: str) -> str:
    """Text for Markdown: white space collapsed, Markdown's special characters escaped."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in " ".join(text.split()))


def md_code(text: str) -> str:
    """Text as Markdown inline code."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def latex_escape(text: str) -> str:
    """Escape text for LaTeX (special characters, guillemets, typographic quotes).

    Examples
    --------
    >>> print(latex_escape("R&D: 50 % of «\\u00a0l’aide\\u00a0» #1_a"))
    R\\&D: 50 \\% of \\guillemotleft{}~l'aide~\\guillemotright{} \\#1\\_a
    """
    return "".join(_TEX.get(c, c) for c in text)


def tex_text(text: str) -> str:
    """Text for LaTeX: white space collapsed (non-breaking spaces kept), escaped."""
    return latex_escape(" ".join(text.replace("\u00a0", "\x00").split()).replace("\x00", "\u00a0"))


def tex_code(text: str) -> str:
    """Text in LaTeX's typewriter font, escaped."""
    return r"\texttt{" + latex_escape(text) + "}"
