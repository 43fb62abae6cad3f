"""Normalised working copies of a text that keep every offset mapped to the original.

The source text is never changed. Matching and attribution work on a *normalised copy*:
Unicode NFC, both apostrophes (’ and ') equal, typographic quotes and non-breaking spaces
unified, lower case, optionally accents folded and runs of white space collapsed. The copy
carries an index that maps each of its characters back to the original text, so a match at
``norm[i:j]`` is ``text[index[i]:index[j]]`` in the source (key word in context, offsets in
the matches table).

Examples
--------
>>> from discourse.text.normalize import normalize_text
>>> n = normalize_text("L’Amitié\u00a0« de fer »")
>>> n.norm
"l'amitié « de fer »"
>>> n.original_span(2, 8)
(2, 8)
>>> normalize_text("Souveraineté", fold_accents=True).norm
'souverainete'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

__all__ = ["NormalizedText", "normalize_text", "fold_char", "SIMPLE_MAP"]

#: One-to-one replacements applied to every working copy (the length does not change).
SIMPLE_MAP: dict[int, str] = {
    **{ord(c): "'" for c in "\u2019\u2018\u02bc\u02b9\u2032\u0060\u00b4\u201b"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"},
    **{ord(c): " " for c in "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000\t"},
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u00ad"},
}
_REPLACEMENTS = tuple((chr(k), v) for k, v in SIMPLE_MAP.items())


def _simple_map(text: str) -> str:
    """Apply :data:`SIMPLE_MAP`: one ``replace`` per character that occurs (``str.translate``
    with a dict is several times slower on long texts)."""
    for char, repl in _REPLACEMENTS:
        if char in text:
            text = text.replace(char, repl)
    return text
_SPACE_RUN = re.compile(r"\s{2,}|[\r\n\f\v]")


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """Return ``char`` without its accents when that leaves exactly one character.

    Examples
    --------
    >>> fold_char("é"), fold_char("ç"), fold_char("œ")
    ('e', 'c', 'œ')
    """
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


@dataclass(frozen=True)
class NormalizedText:
    """A normalised working copy and its map back to the original.

    Attributes
    ----------
    text
        The original text, unchanged.
    norm
        The working copy.
    index
        ``None`` when the copy has the same length as the original (offsets are identical),
        else an int array of ``len(norm) + 1`` entries: ``index[i]`` is the offset in
        ``text`` of ``norm[i]``; the last entry is ``len(text)``.
    """

    text: str
    norm: str
    index: np.ndarray | None = None

    def original_offset(self, i: int) -> int:
        """Offset in the original text of position ``i`` of the working copy."""
        return int(i) if self.index is None else int(self.index[i])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the working copy to the original text.

        The end maps to just after the last character of the span, so that
        ``text[s:e]`` covers exactly the characters that ``norm[start:end]`` came from.
        """
        if self.index is None:
            return int(start), int(end)
        if end <= start:
            s = int(self.index[start])
            return s, s
        return int(self.index[start]), int(self.index[end - 1]) + _char_width(
            self.index, end - 1, len(self.text)
        )

    def original_offsets(self, positions: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`original_offset` for an array of start positions."""
        positions = np.asarray(positions, dtype=np.int64)
        return positions if self.index is None else self.index[positions]


def _char_width(index: np.ndarray, i: int, n: int) -> int:
    """Number of original characters that produced working-copy character ``i``."""
    nxt = int(index[i + 1]) if i + 1 < len(index) else n
    return max(1, nxt - int(index[i]))


def _compose(outer: np.ndarray | None, inner: np.ndarray | None) -> np.ndarray | None:
    """Compose two maps: ``inner`` maps step-2 positions to step-1 ones, ``outer`` step 1 to 0."""
    if inner is None:
        return outer
    if outer is None:
        return inner
    return outer[inner]


def _nfc(text: str) -> tuple[str, np.ndarray | None]:
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    index: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        pieces.append(composed)
        index.extend([i] * len(composed))
        i = j
    index.append(n)
    return "".join(pieces), np.asarray(index, dtype=np.int64)


def _lower(text: str) -> tuple[str, np.ndarray | None]:
    low = text.lower()
    if len(low) == len(text):
        return low, None
    # A few characters (e.g. 'İ') lower to two; keep those as they are to preserve offsets.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text), None


def _fold(text: str) -> str:
    """Fold every accented character: one ``replace`` per one that occurs (as in
    :func:`_simple_map`; a folded character has no accent left, so none is folded twice)."""
    if text.isascii():
        return text
    for char in set(text):
        if ord(char) > 127:
            folded = fold_char(char)
            if folded != char:
                text = text.replace(char, folded)
    return text


def _collapse_space(text: str) -> tuple[str, np.ndarray | None]:
    if not _SPACE_RUN.search(text):
        return text, None
    keep = np.ones(len(text) + 1, dtype=bool)
    chars = list(text)
    for m in _SPACE_RUN.finditer(text):
        chars[m.start()] = " "
        keep[m.start() + 1 : m.end()] = False
    index = np.flatnonzero(keep).astype(np.int64)
    return "".join(c for c, k in zip(chars, keep[:-1]) if k), index


def normalize_text(
    text: str,
    *,
    lower: bool = True,
    fold_accents: bool = False,
    collapse_space: bool = False,
) -> NormalizedText:
    """Make the normalised working copy of ``text``, with its offset map.

    Parameters
    ----------
    text
        The original text (never modified).
    lower
        Lower-case the copy (characters whose lower case is longer are kept as they are).
    fold_accents
        Remove accents (``é`` → ``e``); off by default, as French accents carry meaning.
    collapse_space
        Turn every run of white space (and every line break) into one space.

    Returns
    -------
    NormalizedText
        ``norm`` and the ``index`` that maps it back to ``text``.

    Examples
    --------
    >>> n = normalize_text("Guerre\\n\\n  froide", collapse_space=True)
    >>> n.norm, n.original_span(7, 13)
    ('guerre froide', (10, 16))
    """
    work, index = _nfc(text)
    work = _simple_map(work)
    if lower:
        work, _ = _lower(work)
    if fold_accents:
        work = _fold(work)
    if collapse_space:
        work, inner = _collapse_space(work)
        index = _compose(index, inner)
    if index is not None and len(work) == len(text) and np.array_equal(
        index, np.arange(len(text) + 1)
    ):
        index = None
    return NormalizedText(text=text, norm=work, index=index)
