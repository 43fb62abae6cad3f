"""Khmer: sentences at ។ ៕ ? !, words by khmercut, spelling variants unified for matching.

- **Sentences** end at ``។``, ``៕``, ``?`` and ``!`` with the closing quotes that follow;
  ``៖`` is a colon (it announces what is said) and ``។ល។`` ("etc.") ends nothing.
- **Words**: khmercut's model (python-crfsuite; it keeps every character, so offsets are
  exact), run on the matching copy; this folder's ``lexicon.yml``, the ``km`` names of the
  packaged actors file, the ``km`` patterns of the default codebook and the caller's terms
  are found first and kept whole, since khmercut has no user dictionary.
- **Matching copy** (:meth:`Khmer.match_form`, for matching only, the same length): the
  subscript DA (``្ដ``) written as subscript TA (``្ត``: សម្ដេច = សម្តេច), a subscript RO
  written before another subscript moved after it (``ស្រ្តី`` = ``ស្ត្រី``), the vowel
  sign and the nasal sign in either order (``ុំ`` = ``ំុ``), "to let / give" in its three
  spellings (``ឱ្យ`` = ``អោយ`` = ``ឲ្យ``), Latin letters in lower case.
- **Boundaries** (:meth:`Khmer.is_boundary`): a word never ends before a combining mark
  (a dependent vowel, a sign, the COENG ``្``) nor starts after a COENG, so ចិន ("China")
  is not found inside ចិន្តា.

Examples
--------
>>> from discourse.lang import get_language
>>> km = get_language("km")
>>> km.match_form("សម្ដេច") == "សម្តេច", km.match_form("បានឱ្យដឹងថា") == km.match_form("បានអោយដឹងថា") == "បានឲ្យដឹងថា"
(True, True)
>>> t = "ចិន្តា"
>>> km.is_boundary(t, 3)
False
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..base import Language
from ..unspaced import Segmenter, cached_form, default_terms, sentence_spans
from .cut import khmercut_spans

__all__ = ["Khmer"]

MARKS = "។៕?!"
CLOSERS = "»”\"’)）"
COENG = "\u17d2"
_COMBINING = re.compile(r"[\u17b4-\u17d3\u17dd]")
_RO_FIRST = re.compile("\u17d2\u179a(\u17d2[\u1780-\u17a2])")
_SIGN_FIRST = re.compile("([\u17c6])([\u17bb-\u17bd])")


class Khmer(Language):
    """Khmer (see the module docstring)."""

    code = "km"
    name = "Khmer"
    unspaced = True

    def sentence_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Sentences of ``text[start:end]``.

        Examples
        --------
        >>> t = "លោកបានថ្លែងថា៖ ល្អ។ ភាគីទាំងពីរបានឯកភាព។"
        >>> [t[s:e] for s, e in Khmer().sentence_spans(t, 0, len(t))]
        ['លោកបានថ្លែងថា៖ ល្អ។', 'ភាគីទាំងពីរបានឯកភាព។']
        """
        return sentence_spans(text, start, end, MARKS, CLOSERS, no_break_at=("។ល។",))

    def match_form(self, text: str) -> str:
        """``text`` with its spelling variants unified, of the same length (kept for the
        texts last asked)."""
        return _form(text)

    def is_boundary(self, text: str, pos: int) -> bool:
        """Whether a word may start or end at ``pos``: not before a combining mark, not
        after a COENG; elsewhere (Latin letters, digits) as in spaced languages."""
        if pos <= 0 or pos >= len(text):
            return True
        if _COMBINING.match(text[pos]) or text[pos - 1] == COENG:
            return False
        if "\u1780" <= text[pos] <= "\u17ff" or "\u1780" <= text[pos - 1] <= "\u17ff":
            return True
        return not (text[pos - 1].isalnum() and text[pos].isalnum())

    def romanize(self, name: str, *, native: bool = False, side: str | None = None) -> str:
        """An ASCII id for a person's name written in Khmer: its letters in Latin letters
        (``romanization.yml``, a simplified UNGEGN system; spelling variants give the same
        id), words joined by ``_``.

        Examples
        --------
        >>> Khmer().romanize("ចាប ភក្តី"), Khmer().romanize("ចាប ភក្ដី")
        ('chab_phakti', 'chab_phakti')
        """
        return "_".join(w for w in (_romanize_word(word, _roman())
                                    for word in self.match_form(name).split()) if w)

    def span_tokenize(self, text: str, start: int = 0, end: int | None = None, *,
                      terms: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
        return _segmenter(self, frozenset(terms)).spans(text, start, end)


@lru_cache(maxsize=32)
def _segmenter(lang: Khmer, terms: frozenset[str]) -> Segmenter:
    """khmercut with the folder's lexicon, the packaged names and phrases and ``terms``
    found first: one per set of terms (a run's actors and codebook give one)."""
    words = frozenset(str(w) for w in lang.data("lexicon").get("words") or [])
    return Segmenter(_form, words | default_terms(lang.code) | terms, khmercut_spans)


def _unify(text: str) -> str:
    """The matching copy (see :meth:`Khmer.match_form`)."""
    out = text.replace("\u17d2\u178a", "\u17d2\u178f")
    if "\u17b1\u17d2\u1799" in out or "\u17a2\u17c4\u1799" in out:    # ឱ្យ, អោយ: ឲ្យ
        out = out.replace("\u17b1\u17d2\u1799", "\u17b2\u17d2\u1799").replace(
            "\u17a2\u17c4\u1799", "\u17b2\u17d2\u1799")
    out = _RO_FIRST.sub(lambda m: m.group(1) + "\u17d2\u179a", out)
    out = _SIGN_FIRST.sub(lambda m: m.group(2) + m.group(1), out)
    low = out.lower()
    if len(low) == len(out):         # no letter whose lower case is longer: one for one
        return low
    return "".join([c.lower() if len(c.lower()) == 1 else c for c in out])


_form = cached_form(_unify)


@lru_cache(maxsize=1)
def _roman() -> dict:
    data = Khmer().data("romanization")
    table = {**data["consonants"], **data["independent_vowels"]}
    return {"table": table, "consonants": frozenset(data["consonants"]),
            "vowels": data["vowels"], "finals": data["finals"], "inherent": data["inherent"],
            "digits": {d: str(i) for i, d in enumerate(data["digits"])}}


def _romanize_word(word: str, r: dict) -> str:
    """One word in Latin letters: a consonant cluster opening a syllable takes the inherent
    vowel when no vowel sign follows it; a cluster after a vowel closes the syllable."""
    out, voiced, i = [], False, 0
    while i < len(word):
        c = word[i]
        if c in r["consonants"]:
            j = i + 1
            part = [r["table"][c]]
            while j + 1 < len(word) and word[j] == COENG:     # subscripts
                part.append(r["table"].get(word[j + 1], ""))
                j += 2
            while j < len(word) and word[j] in "\u17c9\u17ca\u17cb\u17cc\u17cd\u17ce\u17cf\u17d0":
                j += 1                                           # signs that are not sounds
            nxt = word[j] if j < len(word) else ""
            out.append("".join(part))
            if nxt in r["vowels"] or nxt in r["finals"]:
                voiced = False                                   # the vowel comes next
            elif voiced and (not nxt or nxt in r["consonants"]):
                voiced = False                                   # a final consonant
            elif nxt in r["consonants"] or not out[:-1]:
                out.append(r["inherent"])
                voiced = True
            i = j
            continue
        if c in r["vowels"] or c in r["table"]:
            out.append(r["vowels"].get(c) or r["table"][c])
            voiced = True
        elif c in r["finals"]:
            out.append(r["finals"][c])
            voiced = False
        elif c in r["digits"]:
            out.append(r["digits"][c])
        elif c.isascii() and c.isalnum():
            out.append(c.lower())
        i += 1
    return "".join(out)
