"""The words of a cue, with their offsets in the original statement.

Used by :mod:`discourse.speakers.attributor` (:func:`cue_words`).

Examples
--------
>>> cue_words("Oui, a-t-il dit.", (5, 15), True)
('a-t-il dit', (5, 15))
"""

from __future__ import annotations

import re

from ..text.normalize import normalize_text

__all__ = ["cue_words"]

_BLANKS = re.compile(r"\s+")


def cue_words(text: str, span: tuple[int, int], same_offsets: bool = False,
              ) -> tuple[str, tuple[int, int] | None]:
    """(the cue's words, blanks collapsed; their (start, end) in ``text``, or None).

    Examples
    --------
    >>> cue_words("Oui, a-t-il dit.", (5, 15), True)
    ('a-t-il dit', (5, 15))
    """
    if span[1] <= span[0]:
        return "", None
    s, e = span if same_offsets else normalize_text(text, lower=False).original_span(*span)
    while s < e and text[s] in " ,\t\n\xa0":
        s += 1
    while e > s and text[e - 1] in " ,\t\n\xa0":
        e -= 1
    if e <= s:
        return "", None
    return _BLANKS.sub(" ", text[s:e]), (s, e)
