"""Word tokens of French and English news prose, with their offsets.

Tokens are words and numbers; punctuation is not a token. The rules, written for readouts:

- French elisions are tokens of their own, with either apostrophe: ``l’amitié`` → ``l’``,
  ``amitié``; likewise ``d’``, ``qu’``, ``s’``, ``n’``, ``j’``, ``m’``, ``t’``, ``c’``,
  ``jusqu’``, ``lorsqu’``, ``puisqu’``, ``quoiqu’``. A word that merely contains an
  apostrophe stays whole (``aujourd’hui``).
- Hyphenated forms are one token (``a-t-il``, ``gagnant-gagnant``, ``sino-cambodgienne``,
  ``non-ingérence``, also with the non-breaking hyphen U+2011).
- English possessives and contractions stay whole (``China's``, ``don't``): splitting them
  would count ``'s`` as a word.
- Numbers keep their decimal and thousands separators (``3,5``, ``3.5``, ``1,000``, and
  ``1 000`` with a non-breaking space); acronyms keep their dots (``U.S.``, ``U.N.``).

The tokenizer is nltk's :class:`~nltk.tokenize.RegexpTokenizer` (no nltk data needed), so the
same rules give ``span_tokenize`` offsets into the original text.

Examples
--------
>>> tokenize_words("L’amitié sino-cambodgienne, a-t-il déclaré.", lang="fr")
['L’', 'amitié', 'sino-cambodgienne', 'a-t-il', 'déclaré']
>>> tokenize_words("The U.S. economy grew 5.2 percent, China's 1,000 firms said.", lang="en")
['The', 'U.S.', 'economy', 'grew', '5.2', 'percent', "China's", '1,000', 'firms', 'said']
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize import RegexpTokenizer

__all__ = ["tokenize_words", "span_tokenize_words", "count_tokens", "ELISIONS"]

#: French elided forms split off as tokens of their own (before an apostrophe).
ELISIONS = ("jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "qu", "c", "d", "j", "l", "m",
            "n", "s", "t")

_APOS = "'\u2019\u02bc"
_HYPHEN = "\\-\u2010\u2011"
_WORD = rf"[^\W_](?:[\w]|[{_HYPHEN}](?=[^\W_])|[.](?=\d))*"
_NUMBER = r"\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?(?![\w])"
_ACRONYM = r"(?:[^\W\d_]\.){2,}"  # U.S., U.N., p.ex.


@lru_cache(maxsize=4)
def _tokenizer(lang: str) -> RegexpTokenizer:
    if lang == "fr":
        elision = rf"(?:{'|'.join(ELISIONS)})[{_APOS}](?=[^\W_])"
        inner = rf"(?:[{_APOS}](?=[^\W\d_]{{2}}))"  # aujourd’hui, prud’homme
        pattern = rf"(?i:{elision})|{_ACRONYM}|{_NUMBER}|[^\W_](?:\w|[{_HYPHEN}](?=[^\W_])|{inner})*"
    else:
        inner = rf"(?:[{_APOS}](?=[^\W\d_]))"  # China's, don't
        pattern = rf"{_ACRONYM}|{_NUMBER}|[^\W_](?:\w|[{_HYPHEN}](?=[^\W_])|{inner})*"
    return RegexpTokenizer(pattern, flags=re.UNICODE)


def _lang(lang: str | None) -> str:
    return "fr" if (lang or "").lower().startswith("fr") else "en"


def span_tokenize_words(text: str, *, lang: str | None = "fr") -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the word tokens of ``text``.

    Examples
    --------
    >>> span_tokenize_words("l'Hexagone du Diamant", lang="fr")
    [(0, 2), (2, 10), (11, 13), (14, 21)]
    """
    return list(_tokenizer(_lang(lang)).span_tokenize(text))


def tokenize_words(text: str, *, lang: str | None = "fr") -> list[str]:
    """Return the word tokens of ``text`` (punctuation left out).

    Parameters
    ----------
    text
        Any text.
    lang
        ``"fr"`` splits French elisions; any other value uses the English rules.

    Examples
    --------
    >>> tokenize_words("Both sides agreed on win-win cooperation.", lang="en")
    ['Both', 'sides', 'agreed', 'on', 'win-win', 'cooperation']
    """
    return _tokenizer(_lang(lang)).tokenize(text)


def count_tokens(text: str, *, lang: str | None = "fr") -> int:
    """Return the number of word tokens of ``text``.

    Examples
    --------
    >>> count_tokens("Il a noté qu’il s’agit d’un partenariat gagnant-gagnant.", lang="fr")
    11
    """
    return sum(1 for _ in _tokenizer(_lang(lang)).span_tokenize(text))
