"""The syntax of codebook patterns: words, multi-word phrases and ``*`` / ``?`` globs.

A codebook theme lists, per language, the *patterns* that code a statement with the theme,
and the *exclusions* that block a match. Both follow quanteda's glob conventions, made
precise here so that every module (the loader, the matcher, the appendix) agrees:

- A pattern is one or more **words** separated by white space (``souveraineté``,
  ``intégrité territoriale``, ``Belt and Road``). A multi-word pattern (a *phrase*) matches
  its words in order, separated in the text by any run of white space (spaces, line breaks,
  non-breaking spaces).
- In a word, ``*`` stands for zero or more *word characters* (letters, digits, ``_``) and
  ``?`` for exactly one; both stay within one word: ``coopér*`` matches ``coopération`` and
  ``coopérer`` but not ``coopérer avec``. Globs may be used in any word of a phrase
  (``échang* de vues``), as with quanteda's ``phrase()``. Hyphens and apostrophes are
  literal characters, not word characters: ``gagnant-gagnant`` is written as such.
- A word matches only whole words of the text: the characters just before and after the
  match are not word characters. An apostrophe or a hyphen is therefore a boundary:
  ``amitié`` matches in ``l’amitié`` and ``chine`` in ``Cambodge-Chine``.
- Matching is case-insensitive and accent-respecting (``sécurité`` does not match
  ``securite`` unless the matcher is told to fold accents); the apostrophes ``'`` and ``’``
  are the same character, and so are the typographic variants that
  :mod:`discourse.text.normalize` unifies.
- Malformed patterns are rejected when the codebook is read: an empty pattern, a word made
  only of glob characters (``*``, ``?*``: it would match every word), ``**`` (write one
  ``*``), and regular-expression syntax (``[ ] { } \\ |``), which patterns do not support.
- The language key ``*`` (:data:`LANG_ANY`) holds patterns that apply to every language
  (dictionaries imported from LIWC, Lexicoder or quanteda files without a language).

:func:`pattern_regex` gives the reference translation of a pattern into a regular expression
over the normalised working copy of a text (:func:`discourse.text.normalize.normalize_text`).

Examples
--------
>>> from discourse.coding.patterns import check_pattern, pattern_kind, pattern_regex
>>> pattern_kind("souverain*"), pattern_kind("guerre froide"), pattern_kind("amitié")
('glob', 'phrase', 'word')
>>> check_pattern("**")
'is made only of glob characters and would match any word; give at least one letter'
>>> check_pattern("guerre * froide")
"has a word ('*') made only of glob characters and would match any word; give at least one letter"
>>> import re
>>> bool(re.search(pattern_regex("coopér*"), "la coopération pragmatique"))
True
>>> bool(re.search(pattern_regex("Guerre froide"), "mentalité de guerre\\nfroide"))
True
"""

from __future__ import annotations

import re

from ..text.normalize import normalize_text

__all__ = [
    "LANG_ANY",
    "GLOB_CHARS",
    "NEGATION_VALUES",
    "check_pattern",
    "check_lang",
    "pattern_kind",
    "pattern_words",
    "pattern_regex",
]

#: Language key of patterns that apply to every language.
LANG_ANY = "*"

#: The glob characters: ``*`` (zero or more word characters), ``?`` (exactly one).
GLOB_CHARS = "*?"

#: What a negated match does (see :class:`discourse.coding.codebook.Theme`).
NEGATION_VALUES = ("count", "exclude", "separate")

_FORBIDDEN = "[]{}\\|"
_LANG = re.compile(r"[a-z]{2,3}")


def pattern_words(pattern: str) -> tuple[str, ...]:
    """Split a pattern into its words (on any white space).

    Examples
    --------
    >>> pattern_words("  mentalité de\\tguerre froide ")
    ('mentalité', 'de', 'guerre', 'froide')
    """
    return tuple(pattern.split())


def check_pattern(pattern: object) -> str | None:
    """Return what is wrong with ``pattern``, or None if it is a valid pattern.

    Parameters
    ----------
    pattern
        The value read from a codebook.

    Returns
    -------
    str or None
        A sentence describing the problem (used in :class:`~discourse.errors.CodebookError`
        messages), or None.

    Examples
    --------
    >>> check_pattern("souverain*") is None
    True
    >>> check_pattern(42)
    'is not a string (got int 42); put it in quotes'
    >>> check_pattern("coop[eé]ration")
    "has '[': regular expressions, character classes and escapes are not supported; use '*' (zero or more letters) and '?' (one letter)"
    """
    if not isinstance(pattern, str):
        shown = "nothing" if pattern is None else f"{type(pattern).__name__} {pattern!r}"
        return f"is not a string (got {shown}); put it in quotes"
    words = pattern_words(pattern)
    if not words:
        return "is empty; remove it or write the word to match"
    for char in _FORBIDDEN:
        if char in pattern:
            return (
                f"has {char!r}: regular expressions, character classes and escapes are not "
                "supported; use '*' (zero or more letters) and '?' (one letter)"
            )
    for word in words:
        if all(c in GLOB_CHARS for c in word):
            what = "is made" if len(words) == 1 else f"has a word ({word!r}) made"
            return (
                f"{what} only of glob characters and would match any word; "
                "give at least one letter"
            )
        if "**" in word:
            return "has '**'; write a single '*' (it matches any number of letters)"
    return None


def check_lang(code: object) -> str | None:
    """Return what is wrong with a language code, or None if it is valid.

    A valid code is two or three lower-case letters (ISO 639-1 or -3: ``fr``, ``en``,
    ``khm``) or :data:`LANG_ANY` (``*``, every language).

    Examples
    --------
    >>> check_lang("fr") is None, check_lang("*") is None
    (True, True)
    >>> check_lang("French")
    "'French' is not a language code; use 2 or 3 lower-case letters (fr, en, km...) or '*' for every language"
    """
    if isinstance(code, str) and (code == LANG_ANY or _LANG.fullmatch(code)):
        return None
    return (
        f"{code!r} is not a language code; use 2 or 3 lower-case letters (fr, en, km...) "
        "or '*' for every language"
    )


def pattern_kind(pattern: str) -> str:
    """Classify a pattern as ``word``, ``glob`` (one word with ``*`` or ``?``) or ``phrase``.

    Examples
    --------
    >>> [pattern_kind(p) for p in ("ami", "fiab?e", "échang* de vues")]
    ['word', 'glob', 'phrase']
    """
    words = pattern_words(pattern)
    if len(words) > 1:
        return "phrase"
    return "glob" if any(c in GLOB_CHARS for c in pattern) else "word"


def _word_regex(word: str) -> str:
    out = []
    for char in word:
        if char == "*":
            out.append(r"\w*")
        elif char == "?":
            out.append(r"\w")
        else:
            out.append(re.escape(char))
    return "".join(out)


def pattern_regex(pattern: str, *, fold_accents: bool = False) -> str:
    """Translate a pattern into the regular expression that defines its matches.

    The expression applies to the working copy made by
    :func:`discourse.text.normalize.normalize_text` with the same ``fold_accents`` (lower case,
    apostrophes unified); the pattern is normalised the same way.

    Examples
    --------
    >>> pattern_regex("Guerre froide")
    '(?<!\\\\w)guerre\\\\s+froide(?!\\\\w)'
    >>> import re
    >>> [m.group() for m in re.finditer(pattern_regex("ami?"), "amie, amis, ami, amitié")]
    ['amie', 'amis']
    """
    norm = normalize_text(pattern, lower=True, fold_accents=fold_accents).norm
    body = r"\s+".join(_word_regex(w) for w in pattern_words(norm))
    return rf"(?<!\w){body}(?!\w)"
