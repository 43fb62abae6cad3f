"""Working copies of a document's statements and the words of a cue.

Used by :mod:`discourse.speakers.attributor`: :func:`working_copies` gives each statement's
cased and folded copies (one normalisation per document when the offsets allow it), and
:func:`cue_words` the words of a cue with their offsets in the original statement.

Examples
--------
>>> cue_words("Oui, a-t-il dit.", (5, 15), True)
('a-t-il dit', (5, 15))
"""

from __future__ import annotations

import re
import unicodedata

from ..text.normalize import normalize_text

__all__ = ["working_copies", "cue_words"]

_BLANKS = re.compile(r"\s+")


def working_copies(texts: list[str]) -> list[tuple[str, str, bool]]:
    """(cased, folded, same offsets) working copies of a document's statements.

    One normalisation per document, cut into statements, when that gives the same copies as
    one per statement: every statement in NFC (so the copies keep the original offsets)
    and no capital sigma (whose lower case depends on its neighbours).

    Examples
    --------
    >>> working_copies(["Xi a déclaré.", "Il a ajouté."])[0]
    ('Xi a déclaré.', 'xi a declare.', True)
    """
    joined = "\n".join(texts)
    if "Σ" not in joined and all(unicodedata.is_normalized("NFC", t) for t in texts):
        cased_all = normalize_text(joined, lower=False).norm
        folded_all = normalize_text(joined, fold_accents=True).norm
        out, pos = [], 0
        for t in texts:
            end = pos + len(t)
            out.append((cased_all[pos:end], folded_all[pos:end], True))
            pos = end + 1
        return out
    return [(normalize_text(t, lower=False).norm, normalize_text(t, fold_accents=True).norm,
             False) for t in texts]


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
