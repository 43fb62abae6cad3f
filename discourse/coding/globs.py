"""Glob patterns matched in place in linear time (the patterns the automaton cannot complete).

A pattern with a ``?`` or an inner ``*`` (``a?a*b``, ``*sécur*té``, ``l'ami?``) is found by
its longest literal part (the *anchor*, an automaton key) and then checked around each hit.
Its regular expression (:func:`discourse.coding.scan._spec`) can backtrack without bound:
``\\w*a\\w*a\\w*a\\w*b`` over a word of 500 ``a`` tries every way to split the word, minutes
for one word. This module checks the same pattern without backtracking:

- A pattern is *pieces* (runs of word characters and globs: ``*`` any run of word
  characters, ``?`` one) between *separators* (runs of other literal characters: space,
  hyphen, apostrophe). Globs never match a separator character, and a piece is followed by a
  separator or, at the pattern's end, by the ``(?!\\w)`` boundary, so each piece matches a
  whole run of word characters of the text; the separators must be there verbatim. A
  pattern that starts (ends) with a separator leaves its start (end) free, as its regular
  expression does.
- A piece matches a run in one pass: its first and last literal parts at the run's edges,
  the parts between its ``*`` found leftmost in order (each part is a fixed-length
  expression: the search costs the run's length times the part's length).

So a match attempt costs the length of the text it covers times the pattern's length, and
:func:`glob_ends` over a window tries each possible start once: linear in the text.
The matches are those of the regular expression (the tests compare them).

Examples
--------
>>> plan = make_plan("*a*a*a*b")
>>> word = [c.isalnum() for c in "x aaaaab aaaa"]
>>> glob_ends(plan, "x aaaaab aaaa", word, [1, 8], 0, 13, 13)
[(2, 8)]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable, Sequence

__all__ = ["GlobPlan", "make_plan", "glob_ends"]

_SPLIT = re.compile(r"([^\w*?]+)")


def _fixed(part: str) -> re.Pattern:
    """A fixed-length expression: literal characters, ``?`` any one character."""
    return re.compile("".join("." if c == "?" else re.escape(c) for c in part), re.DOTALL)


def _piece_test(piece: str) -> Callable[[str, int, int], bool]:
    """Whether ``text[a:b]`` (a run of word characters) is matched by ``piece``, whole."""
    parts = piece.split("*")
    if len(parts) == 1:
        rx = _fixed(piece)
        return lambda text, a, b: b - a == len(piece) and rx.fullmatch(text, a, b) is not None
    first, last, middle = _fixed(parts[0]), _fixed(parts[-1]), [
        (_fixed(p), len(p)) for p in parts[1:-1] if p]
    n_first, n_last = len(parts[0]), len(parts[-1])
    need = sum(len(p) for p in parts)

    def test(text: str, a: int, b: int) -> bool:
        if b - a < need or first.fullmatch(text, a, a + n_first) is None \
                or last.fullmatch(text, b - n_last, b) is None:
            return False
        pos, limit = a + n_first, b - n_last
        for rx, _ in middle:                 # leftmost occurrence of each part, in order
            m = rx.search(text, pos, limit)
            if m is None:
                return False
            pos = m.end()
        return True

    return test


@dataclass(frozen=True)
class GlobPlan:
    """A glob pattern cut into pieces and separators (see the module docstring)."""

    pieces: tuple[str, ...]
    seps: tuple[str, ...]
    tests: tuple[Callable[[str, int, int], bool], ...]

    @property
    def free_start(self) -> bool:
        """The pattern starts with a separator: no boundary before its start."""
        return self.pieces[0] == ""

    @property
    def empty_start(self) -> bool:
        """The first piece may match an empty run (``*`` alone)."""
        return set(self.pieces[0]) <= {"*"}


def make_plan(norm: str) -> GlobPlan:
    """Cut a normalised pattern into pieces and separators.

    Examples
    --------
    >>> make_plan("l'ami? de*").pieces, make_plan("l'ami? de*").seps
    (('l', 'ami?', 'de*'), ("'", ' '))
    >>> make_plan("-x*").pieces
    ('', 'x*')
    """
    parts = _SPLIT.split(norm)
    pieces, seps = tuple(parts[0::2]), tuple(parts[1::2])
    return GlobPlan(pieces, seps, tuple(_piece_test(p) for p in pieces))


def _end_at(plan: GlobPlan, text: str, nonword: Sequence[int], p: int, hi: int) -> int:
    """The end of the match starting at ``p`` (within ``hi``), or -1."""
    pos, last = p, len(plan.pieces) - 1
    for k, piece in enumerate(plan.pieces):
        if piece or 0 < k < last:
            i = bisect_left(nonword, pos)
            run_end = min(nonword[i] if i < len(nonword) else hi, hi)
            if not plan.tests[k](text, pos, run_end):
                return -1
            pos = run_end
        if k < last:
            sep = plan.seps[k]
            if not text.startswith(sep, pos, hi):
                return -1
            pos += len(sep)
    return pos


def glob_ends(plan: GlobPlan, text: str, word: Sequence[bool], nonword: Sequence[int],
              lo: int, hi: int, anchor: int) -> list[tuple[int, int]]:
    """The matches ``(start, end)`` of ``plan`` in ``text[lo:hi]`` that a regex search loop
    from ``lo`` finds up to ``anchor``: every match starting at or before ``anchor``, and the
    first one after it.

    ``word[i]``: whether ``text[i]`` is a word character; ``nonword``: the sorted positions of
    the other characters (the ends of runs).
    """
    out = []
    if plan.free_start:
        sep, p = plan.seps[0], text.find(plan.seps[0], lo, hi)
        starts = []
        while p >= 0:
            starts.append(p)
            p = text.find(sep, p + 1, hi)
    else:
        starts = (p for p in range(lo, hi)
                  if (p == 0 or not word[p - 1]) and (word[p] or plan.empty_start))
    for p in starts:
        end = _end_at(plan, text, nonword, p, hi)
        if end >= 0:
            out.append((p, end))
            if p >= anchor:
                break
    return out
