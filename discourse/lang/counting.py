"""Word tokens counted in bulk: the token rules as RE2 expressions (Arrow's regex engine).

Counting the tokens of every statement with Python's ``re`` costs about as much as the rest
of the splitting. Arrow's ``count_substring_regex`` counts in C over a whole column, but its
engine (RE2) has no look-arounds, which the token patterns use (:data:`~discourse.lang.base.
WORD`, :data:`~discourse.lang.base.NUMBER`, the French elisions). This module writes, for
each token pattern, an RE2 expression that finds **as many matches** in a text (not always
the same spans), on texts made of the characters of :data:`SAFE` (Latin letters of Western
European languages, ASCII, general punctuation); any other text is counted with the
Python pattern (:func:`discourse.text.tokens.count_tokens_many`). Why the counts agree:

- every token starts with a letter or digit and takes the whole run of word characters it
  starts (a token never ends before a word character), so a token never starts right after
  a word character, except after an underscore that was skipped ("_l’ami": the elision's
  ``(?<!\\w)`` fails): the expression takes such underscores with the next token;
- ``(?!\\w)`` after a number: the expression consumes the one character that is not a word
  character (or the end), never the start of another token;
- the lookahead after an elision (a letter or digit follows): when it fails, the word
  pattern takes the same letters as one token and skips the apostrophe, so the count is the
  same; ``presqu’île`` (an exception of the elisions) is matched first, as one word;
- the character classes (``\\w``, ``\\d``, letters, case-insensitive letters) are written
  out from Python's own ``re`` over :data:`SAFE`, so both engines see the same classes.

The tests compare both counts on random texts of these characters.

Examples
--------
>>> import pyarrow as pa, pyarrow.compute as pc
>>> pc.count_substring_regex(pa.array(["The U.S. firms, 1,000 of them."]),
...                          base_count_pattern()).to_pylist()
[6]
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["SAFE", "char_class", "unsafe_pattern", "base_count_pattern", "case_word",
           "word_tail"]

_EXCLUDED = {0x130, 0x131, 0x17F}       # İ ı ſ: Python and RE2 fold their case differently
#: The code points whose texts are counted with RE2: ASCII, Latin-1, Latin Extended-A (but
#: three letters whose case folding differs), the apostrophe ʼ, general punctuation, €.
SAFE = tuple(sorted(({*range(0x180)} - _EXCLUDED) | {0x2BC, 0x20AC} | {*range(0x2000, 0x2070)}))

_APOSTROPHES = "'\u2019\u02bc"
_HYPHENS = "-\u2010\u2011"


def _ranges(points: list[int]) -> str:
    out, i = [], 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        out.append(f"\\x{{{points[i]:x}}}" + (f"-\\x{{{points[j]:x}}}" if j > i else ""))
        i = j + 1
    return "".join(out)


@lru_cache(maxsize=None)
def char_class(python_class: str) -> str:
    """The RE2 class of the characters of :data:`SAFE` that Python's ``python_class`` takes.

    Examples
    --------
    >>> char_class(r"\\d")
    '[\\\\x{30}-\\\\x{39}]'
    """
    rx = re.compile(python_class)
    return "[" + _ranges([c for c in SAFE if rx.fullmatch(chr(c))]) + "]"


def unsafe_pattern() -> str:
    """An RE2 expression that finds a character outside :data:`SAFE`."""
    return "[^" + _ranges(list(SAFE)) + "]"


def case_word(word: str) -> str:
    """``word`` case-insensitively as Python's ``(?i)`` reads it over :data:`SAFE`.

    Examples
    --------
    >>> case_word("qu")
    '[\\\\x{51}\\\\x{71}][\\\\x{55}\\\\x{75}]'
    """
    return "".join(char_class(f"(?i:{re.escape(c)})") for c in word)


def word_tail() -> str:
    """The rest of a word after its first characters (:data:`~discourse.lang.base.WORD`)."""
    w, a, letter = char_class(r"\w"), char_class(r"[^\W_]"), char_class(r"[^\W\d_]")
    hyphen, apostrophe = f"[{re.escape(_HYPHENS)}]", f"[{_APOSTROPHES}]"
    return f"{w}*(?:(?:{hyphen}{a}|{apostrophe}{letter}){w}*)*"


@lru_cache(maxsize=None)
def base_count_pattern() -> str:
    """The RE2 count pattern of :meth:`discourse.lang.base.Language.token_pattern`:
    acronym, number, word (see the module docstring)."""
    w, a, letter = char_class(r"\w"), char_class(r"[^\W_]"), char_class(r"[^\W\d_]")
    digit, nonword = char_class(r"\d"), char_class(r"\W")
    hyphen = f"[{re.escape(_HYPHENS)}]"
    acronym = rf"(?:{letter}\.){{2,}}(?:{hyphen}{a}(?:{w}|{hyphen}{a})*)?"
    number = (rf"{digit}+(?:[.,\x{{a0}}\x{{202f}}]{digit}{{3}})*(?:[.,]{digit}+)?"
              rf"(?:{nonword}|$)")
    word = a + word_tail()
    return f"{acronym}|{number}|{word}"
