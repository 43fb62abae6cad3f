"""Word tokens of French and English news prose, with their offsets.

Tokens are words and numbers; punctuation is not a token. The rules, written for readouts:

- French elisions are tokens of their own, with either apostrophe (’ or '): ``l’amitié`` →
  ``l’``, ``amitié``; likewise ``d’``, ``qu’``, ``s’``, ``n’``, ``j’``, ``m’``, ``t’``,
  ``c’``, ``jusqu’``, ``lorsqu’``, ``puisqu’``, ``quoiqu’``, ``presqu’`` (but ``presqu’île``
  is one word), also before a quoted word (``l’« Hexagone »`` → ``l’``, ``Hexagone``). A
  word that merely contains an apostrophe stays whole (``aujourd’hui``, ``quelqu’un``).
- Hyphenated forms are one token (``a-t-il``, ``gagnant-gagnant``, ``sino-cambodgienne``,
  ``Cambodge-Chine``, ``non-ingérence``, also with the hyphens U+2010 and U+2011 and after
  an acronym: ``U.S.-China``). A dash (– or —) separates words.
- English possessives and contractions stay whole (``China's``, ``don't``): splitting them
  would count ``'s`` as a word. The same holds in a French text (``Xi Jinping’s`` quoted in
  French is one token); only the elisions above are split off.
- Numbers keep their decimal and thousands separators: ``3,5``, ``3.5``, ``1,000``,
  ``10,000.50``, and ``1 000`` when the space is a non-breaking one (U+00A0 or U+202F, as
  French typography requires). An ordinary space separates two numbers: ``en 2024 100
  personnes`` is three tokens besides the words, so ``1 000`` with an ordinary space counts
  as two. Acronyms keep their dots (``U.S.``, ``U.N.``); an abbreviation's final dot is
  punctuation (``M. Xi`` → ``M``, ``Xi``).

The tokenizer is nltk's :class:`~nltk.tokenize.RegexpTokenizer` (no nltk data needed);
:func:`span_tokenize_words` gives offsets into the original text, so
``[text[s:e] for s, e in span_tokenize_words(text)] == tokenize_words(text)``.
Any language code starting with ``fr`` uses the French rules; every other code (``en``,
``und``...) uses the English ones (no elision split).

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

__all__ = ["tokenize_words", "span_tokenize_words", "count_tokens", "token_pattern", "token_regex",
           "ELISIONS"]

#: French elided forms split off as tokens of their own (before an apostrophe). Longer forms
#: come first so that ``jusqu’`` is not read as ``qu’``.
ELISIONS = ("jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "qu", "c", "d", "j", "l", "m",
            "n", "s", "t")

#: Words that begin like an elision but are single words.
NOT_ELISIONS = ("presqu’île", "presqu'île")

_APOS = "'\u2019\u02bc"
_HYPHEN = "\\-\u2010\u2011"
_LETTER = r"[^\W\d_]"
_ALNUM = r"[^\W_]"
# A word: letters/digits, joined by hyphens or inner apostrophes that a letter follows.
# (Runs of \w are taken whole: faster than one character at a time.)
_WORD = rf"{_ALNUM}\w*(?:(?:[{_HYPHEN}]{_ALNUM}|[{_APOS}]{_LETTER})\w*)*"
_NUMBER = r"\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?(?!\w)"
# U.S., U.N., p.ex.; optionally joined to a hyphenated word (U.S.-China).
_ACRONYM = rf"(?:{_LETTER}\.){{2,}}(?:[{_HYPHEN}]{_ALNUM}(?:\w|[{_HYPHEN}](?={_ALNUM}))*)?"
# An elision: one of ELISIONS (not inside a word), an apostrophe, then (perhaps after a space
# or an opening quote, as in l’« Hexagone ») a letter or digit. The one-letter forms are a
# character class, and the words of NOT_ELISIONS a lookahead, for speed.
_LONG = [e for e in ELISIONS if len(e) > 1]
_SHORT = "".join(e for e in ELISIONS if len(e) == 1)
_EXCEPT = {e: list(dict.fromkeys(w[len(e) + 1:] for w in NOT_ELISIONS if w.startswith(e)))
           for e in _LONG}
_FIRST = "".join(sorted({e[0] for e in ELISIONS}))
_ELISION = (
    # (The lookahead on the first letters rejects most words at once.)
    rf"(?=[{_FIRST}{_FIRST.upper()}])"
    r"(?<!\w)(?i:"
    + "|".join(e + (rf"(?![{_APOS}](?:{'|'.join(_EXCEPT[e])}))" if _EXCEPT[e] else "")
               for e in _LONG)
    + rf"|[{_SHORT}])[{_APOS}](?=[ \u00a0\u202f«“\"]*{_ALNUM})"
)


def token_pattern(lang: str | None = "fr") -> str:
    """Return the regular expression of the word tokens for ``lang``.

    It is the pattern given to nltk's ``RegexpTokenizer``; other modules may compile it to
    find tokens in bulk.

    Examples
    --------
    >>> import re
    >>> re.findall(token_pattern("fr"), "qu’il")
    ['qu’', 'il']
    """
    # Every token starts with a letter or digit: the lookahead rejects other positions fast.
    if _lang(lang) == "fr":
        return rf"(?={_ALNUM})(?:{_ELISION}|{_ACRONYM}|{_NUMBER}|{_WORD})"
    return rf"(?={_ALNUM})(?:{_ACRONYM}|{_NUMBER}|{_WORD})"


@lru_cache(maxsize=4)
def _tokenizer(lang: str) -> RegexpTokenizer:
    return RegexpTokenizer(token_pattern(lang), flags=re.UNICODE)


@lru_cache(maxsize=4)
def _compiled(lang: str) -> re.Pattern:
    return re.compile(token_pattern(lang), re.UNICODE)


def token_regex(lang: str | None = "fr") -> re.Pattern:
    """Return the compiled regular expression of :func:`token_pattern` (cached).

    For counting in bulk: ``len(token_regex(lang).findall(text, start, end))`` equals
    ``count_tokens(text[start:end], lang=lang)`` without copying the slice (the pattern's
    look-arounds do not see past ``start`` and ``end``, as past a slice's ends).

    Examples
    --------
    >>> token_regex("fr").findall("Xi a dit qu’il viendra.", 9, 23)
    ['qu’', 'il', 'viendra']
    """
    return _compiled(_lang(lang))


def _lang(lang: str | None) -> str:
    return "fr" if isinstance(lang, str) and lang.lower().startswith("fr") else "en"


def span_tokenize_words(text: str, *, lang: str | None = "fr") -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the word tokens of ``text``.

    Parameters
    ----------
    text
        Any text.
    lang
        A language code; ``fr...`` splits French elisions, any other uses the English rules.

    Returns
    -------
    list of (int, int)
        Half-open offsets into ``text``, in order.

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
        A language code; ``fr...`` splits French elisions, any other uses the English rules.

    Returns
    -------
    list of str
        The tokens, as they are written in ``text`` (case and accents kept).

    Examples
    --------
    >>> tokenize_words("Both sides agreed on win-win cooperation.", lang="en")
    ['Both', 'sides', 'agreed', 'on', 'win-win', 'cooperation']
    """
    return _tokenizer(_lang(lang)).tokenize(text)


def count_tokens(text: str, *, lang: str | None = "fr") -> int:
    """Return the number of word tokens of ``text`` (the length of :func:`tokenize_words`).

    Parameters
    ----------
    text
        Any text.
    lang
        A language code, as for :func:`tokenize_words`.

    Returns
    -------
    int

    Examples
    --------
    >>> count_tokens("Il a noté qu’il s’agit d’un partenariat gagnant-gagnant.", lang="fr")
    11
    """
    # The same pattern as the nltk tokenizer, without nltk's per-call timeout wrapper (twice
    # as fast on the statements' hot path).
    return len(_compiled(_lang(lang)).findall(text))
