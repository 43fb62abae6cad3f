"""Word tokens of news prose, with their offsets (the rules of each language from ``lang/``).

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
Each language's rules come from its folder (:func:`discourse.lang.get_language`); a language
without a folder (``und``...) gets the language-neutral pattern (no elision split). A
language written without spaces segments its words itself (Chinese with jieba, Khmer with
khmercut; :meth:`discourse.lang.base.Language.span_tokenize`), with exact offsets.

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

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from nltk.tokenize import RegexpTokenizer

from ..lang import get_language
from ..lang.counting import unsafe_pattern
from ..lang.unspaced import language_terms

__all__ = ["tokenize_words", "span_tokenize_words", "count_tokens", "count_tokens_many",
           "count_tokens_by_language",
           "token_pattern", "token_regex", "token_counter"]


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
    return get_language(lang, strict=False).token_pattern()


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
    return get_language(lang, strict=False).code


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
    language = get_language(lang, strict=False)
    if language.unspaced:
        return language.span_tokenize(text)
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
    language = get_language(lang, strict=False)
    if language.unspaced:
        return [text[s:e] for s, e in language.span_tokenize(text)]
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
    language = get_language(lang, strict=False)
    if language.unspaced:
        return len(language.span_tokenize(text))
    return len(_compiled(_lang(lang)).findall(text))


def token_counter(lang: str | None = "fr", *, terms=frozenset()):
    """Return ``count(text, start, end)``: the number of word tokens of ``text[start:end]``.

    Without copying the slice for spaced languages (:func:`token_regex`); Chinese and Khmer
    segment the slice (:meth:`discourse.lang.base.Language.span_tokenize`), keeping the
    ``terms`` (a user's names and codebook phrases) whole.

    Examples
    --------
    >>> token_counter("en")("He said so.", 3, 11), token_counter("zh")("中柬友谊。", 0, 5)
    (2, 2)
    """
    language = get_language(lang, strict=False)
    if language.unspaced:
        terms = frozenset(terms)
        return lambda text, s, e: len(language.span_tokenize(text, s, e, terms=terms))
    find = token_regex(lang).findall
    return lambda text, s, e: len(find(text, s, e))


def count_tokens_many(texts: list[str], *, lang: str | None = "fr", terms=frozenset(),
                      ) -> np.ndarray:
    """Return the number of word tokens of each text (:func:`count_tokens`), in bulk.

    Texts made only of the characters of :data:`discourse.lang.counting.SAFE` (Western
    European prose) are counted in one pass of Arrow's regex engine with the language's
    count pattern (:meth:`discourse.lang.base.Language.token_count_pattern`: as many
    matches as the token pattern); the others, and every text of a language without such a
    pattern, with :func:`count_tokens`. The counts are the same either way.

    Examples
    --------
    >>> count_tokens_many(["L’amitié sino-cambodgienne, a-t-il dit.", "中文 1.5"], lang="fr").tolist()
    [5, 2]
    """
    count = token_counter(lang, terms=terms)       # terms: kept whole by unspaced languages
    language = get_language(lang, strict=False)
    rx = language.token_count_pattern()
    try:
        arr = pa.array(texts, type=pa.large_string()) if rx is not None and len(texts) else None
    except UnicodeEncodeError:            # a lone surrogate (from a JSON escape): no UTF-8
        arr = None
    if arr is None:
        return np.fromiter((count(t, 0, len(t)) for t in texts), np.int64, len(texts))
    counts = pc.count_substring_regex(arr, rx).to_numpy().astype(np.int64)
    for i in np.flatnonzero(pc.match_substring_regex(arr, unsafe_pattern()).to_numpy(
            zero_copy_only=False)).tolist():
        counts[i] = count(texts[i], 0, len(texts[i]))
    return counts


def count_tokens_by_language(texts: list[str], rows: dict[str, list[range]], *,
                             terms=None) -> np.ndarray:
    """The tokens of each text, counted in bulk for each language (:func:`count_tokens_many`).

    ``rows`` maps a language code to the ranges of the indices of its texts; ``terms``
    (language code -> names and phrases, :func:`discourse.lang.unspaced.language_terms`) are
    kept whole by the languages written without spaces.

    Examples
    --------
    >>> count_tokens_by_language(["l’ami", "l’ami"], {"fr": [range(0, 1)], "en": [range(1, 2)]}).tolist()
    [2, 1]
    """
    counts = np.zeros(len(texts), np.int64)
    for lang, spans in rows.items():
        at = [i for span in spans for i in span]
        code = get_language(lang, strict=False).code
        counts[at] = count_tokens_many([texts[i] for i in at], lang=lang,
                                       terms=language_terms(terms, code))
    return counts
