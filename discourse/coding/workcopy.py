"""The working copy scanned by the matcher: normalised text, character classes, token walks.

The matcher (:mod:`discourse.coding.matcher`) scans texts joined by :data:`_SEP` in buffers of
about :data:`_CHUNK` characters. Each buffer's working copy (:func:`_normalize`) is made by
table look-up: case, apostrophes and spaces as in :func:`discourse.text.normalize.normalize_text`,
optionally accents folded, runs of white space collapsed (the positions of the dropped
characters are kept and :func:`_restore` maps offsets back). Every character gets class bits
(word, space, clause mark, wall); :func:`_token_start` and :func:`_token_end` walk tokens on
them. :func:`_nfc_pieces` puts a buffer holding non-NFC texts into NFC first.

Examples
--------
>>> norm, codes, cls, dropped = _normalize("L’Amitié  de fer", False)
>>> norm, dropped.tolist()
("l'amitié de fer", [9])
>>> _restore(dropped, np.array([9])).tolist()  # the 'd' of 'de'
[10]
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

import numpy as np

from ..text.normalize import SIMPLE_MAP, fold_char, normalize_text

_SEP = "\x00"                 # between texts in a buffer: not a word, space or pattern char
_CHUNK = 1_000_000            # characters per scanned buffer (bounds memory, fits caches)
_CLAUSE = ",;:.!?()[]" + _SEP


# ------------------------------------------------------------------ character tables
_WORD, _SPACE, _CLAUSEMARK, _WALL = 1, 2, 4, 8     # bits of a character's class


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    """Per-BMP-code-point class bits: word (``\\w``), space (``\\s``), clause mark, wall."""
    bmp = "".join(map(chr, range(65536)))
    cls = np.zeros(65536, np.uint8)
    for bit, rx in ((_WORD, r"\w+"), (_SPACE, r"\s+")):
        for m in re.finditer(rx, bmp):
            cls[m.start():m.end()] |= bit
    cls[[ord(c) for c in _CLAUSE]] |= _CLAUSEMARK
    cls[[32, 0]] |= _WALL           # a space of the working copy, or a text separator
    return cls


def _astral_class(ch: str) -> int:
    return _WORD if re.match(r"\w", ch) else 0


def _norm_char(ch: str, fold_accents: bool) -> str:
    """One character of the working copy (the rules of :func:`~discourse.text.normalize.normalize_text`).

    White space becomes a plain space (runs are collapsed by :func:`_normalize`).
    """
    ch = SIMPLE_MAP.get(ord(ch), ch)
    low = ch.lower()
    ch = low if len(low) == 1 else ch
    folded = fold_char(ch) if fold_accents else ch
    ch = folded if ord(folded) < 65536 or ord(ch) >= 65536 else ch
    return " " if re.match(r"\s", ch) else ch


@lru_cache(maxsize=2)
def _norm_table(fold_accents: bool) -> np.ndarray:
    """Code point -> code point of the working copy, for the BMP.

    The steps of :func:`_norm_char` applied to all of the BMP at once (each a list
    comprehension or one regex pass; only characters with a decomposition are folded).
    """
    chars = [SIMPLE_MAP.get(i) or chr(i) for i in range(65536)]
    chars = [low if len(low := c.lower()) == 1 else c for c in chars]
    if fold_accents:
        is_nfd = unicodedata.is_normalized
        chars = [c if is_nfd("NFD", c) or ord(f := fold_char(c)) >= 65536 else f
                 for c in chars]
    codes = np.frombuffer("".join(chars).encode("utf-32-le", "surrogatepass"), np.uint32).copy()
    for m in re.finditer(r"\s+", "".join(chars)):
        codes[m.start():m.end()] = 32
    return codes.astype(np.uint16)


def _apply(table: np.ndarray, codes: np.ndarray, astral, dtype) -> np.ndarray:
    """A BMP table applied to code points; astral ones computed one by one (they are rare)."""
    if codes.dtype == np.uint16:
        return np.take(table, codes)      # faster than table[codes] for small int indices
    small = codes < 65536
    out = np.empty(len(codes), dtype=dtype)
    out[small] = np.take(table, codes[small])
    for cp in np.unique(codes[~small]).tolist():
        out[codes == cp] = astral(chr(cp))
    return out


def _classes(codes: np.ndarray) -> np.ndarray:
    """Class bits of each code point (see :func:`_class_table`)."""
    return _apply(_class_table(), codes, _astral_class, np.uint8)


def _to_codes(text: str) -> np.ndarray:
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):
        return np.frombuffer(data, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _from_codes(codes: np.ndarray) -> str:
    enc = "utf-16-le" if codes.dtype == np.uint16 else "utf-32-le"
    text = codecs.decode(memoryview(np.ascontiguousarray(codes)).cast("B"), enc, "surrogatepass")
    if len(text) != len(codes):       # two lone surrogates that make a pair
        text = "".join(map(chr, codes.tolist()))
    return text


def _normalize(text: str, fold_accents: bool):
    """Working copy of an NFC text.

    Returns (norm, its code points, their class bits, dropped): ``dropped`` holds the
    positions in ``text`` of the white space characters left out (every run of white space
    is one space in ``norm``), None if there are none; :func:`_restore` maps offsets back.
    """
    codes = _apply(_norm_table(fold_accents), _to_codes(text),
                   lambda ch: ord(_norm_char(ch, fold_accents)), np.uint32)
    space = codes == 32
    dropped = np.flatnonzero(space[1:] & space[:-1]) + 1
    if len(dropped):
        keep = np.ones(len(codes), bool)
        keep[dropped] = False
        codes = codes[keep]
    else:
        dropped = None
    return _from_codes(codes), codes, _classes(codes), dropped


@lru_cache(maxsize=2)
def _norm_map(fold_accents: bool) -> dict[int, str]:
    """The BMP code points the working copy changes, for ``str.translate``."""
    table = _norm_table(fold_accents)
    return {i: chr(table[i]) for i in np.flatnonzero(table != np.arange(65536)).tolist()}


def _normalize_str(text: str, fold_accents: bool) -> str:
    """``_normalize(text, fold_accents)[0]`` for a short text (a pattern), in pure Python."""
    if not text or max(text) < "\U00010000":
        norm = text.translate(_norm_map(fold_accents))
    else:                          # astral characters: one by one
        norm = "".join([_norm_char(c, fold_accents) if ord(c) >= 65536 else
                        c.translate(_norm_map(fold_accents)) for c in text])
    return _SPACES.sub(" ", norm) if "  " in norm else norm


_SPACES = re.compile(" {2,}")


def _restore(dropped: np.ndarray | None, pos: np.ndarray) -> np.ndarray:
    """Offsets in the working copy -> offsets in the text it was made from."""
    if dropped is None:
        return pos
    return pos + np.searchsorted(dropped - np.arange(len(dropped)), pos, "right")


def _word_at(cls: np.ndarray, pos: np.ndarray) -> np.ndarray:
    return (cls[pos] & _WORD).astype(bool)


_STEPS = 24       # token walks step this many characters, then search (long tokens)


def _token_end(cls: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """For each position, the first non-word position at or after it (len(cls) if none)."""
    n, p = len(cls), pos.copy()
    act = np.flatnonzero(p < n)
    for _ in range(_STEPS):
        if not len(act):
            return p
        act = act[_word_at(cls, p[act])]
        p[act] += 1
        act = act[p[act] < n]
    if len(act):
        nw = np.flatnonzero(~(cls & _WORD).astype(bool))
        if not len(nw):                   # one word fills the buffer
            p[act] = n
            return p
        j = np.searchsorted(nw, p[act])
        p[act] = np.where(j < len(nw), nw[np.minimum(j, len(nw) - 1)], n)
    return p


def _token_start(cls: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """For each position, the start of the token ending there (itself if none)."""
    p = pos.copy()
    act = np.flatnonzero(p > 0)
    for _ in range(_STEPS):
        if not len(act):
            return p
        act = act[_word_at(cls, p[act] - 1)]
        p[act] -= 1
        act = act[p[act] > 0]
    if len(act):
        nw = np.flatnonzero(~(cls & _WORD).astype(bool))
        j = np.searchsorted(nw, p[act]) - 1
        p[act] = np.where(j >= 0, nw[np.maximum(j, 0)] + 1, 0) if len(nw) else 0
    return p


def _nfc_pieces(raw: str, lens: np.ndarray):
    """A buffer of texts joined by :data:`_SEP` (``raw``, their lengths ``lens``) in NFC.

    Returns (raw, lens, maps): the buffer and lengths in NFC, and for each text whose
    normalisation moved offsets, its index -> the map of NFC offsets to original offsets.
    """
    maps = {}
    if raw.isascii() or unicodedata.is_normalized("NFC", raw):
        return raw, lens, maps
    at = np.concatenate(([0], np.cumsum(lens + 1))).tolist()
    pieces = []
    for i, t in enumerate(raw[a:b - 1] for a, b in zip(at[:-1], at[1:])):
        if unicodedata.is_normalized("NFC", t):
            pieces.append(t)
        else:
            nt = normalize_text(t, lower=False)
            pieces.append(nt.norm)
            if nt.index is not None:
                maps[i] = nt.index
    lens = np.fromiter(map(len, pieces), np.int64, len(pieces))
    return _SEP.join(pieces), lens, maps


def _chunks(lens: np.ndarray) -> list[tuple[int, int]]:
    """Blocks ``[i, j)`` of consecutive texts, each of at least ``_CHUNK`` characters (but
    the last), the texts counted with a separator: the units scanned at once."""
    ends = np.cumsum(lens + 1)
    out, i, n = [], 0, len(lens)
    while i < n:
        j = min(int(np.searchsorted(ends, (ends[i - 1] if i else 0) + _CHUNK)), n - 1) + 1
        out.append((i, j))
        i = j
    return out


def _lang_key(lang) -> str | None:
    """The language key of a ``lang`` value: ``fr-FR`` -> ``fr``; None for a missing one."""
    if not isinstance(lang, str):
        try:
            if lang is None or bool(lang != lang):     # None or NaN
                return None
        except TypeError:                               # pandas.NA
            return None
    return _lang_key_str(lang)


@lru_cache(maxsize=4096)
def _lang_key_str(lang) -> str | None:
    lang = re.split(r"[-_]", str(lang).strip().lower())[0]
    return lang or None
