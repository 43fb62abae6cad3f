"""The match rules applied to the candidates found by :mod:`discourse.coding.scan`.

- exclusions: a match covered by an exclusion of its theme is dropped (:func:`_covered`);
- the longest-match rule (:func:`_select`): of overlapping candidates (within a theme, or
  across themes with ``nested_scope="all"``) the longest wins, then the earliest;
- negation (:func:`_negated`): a match is negated when a cue precedes it, or an opener
  precedes and a closer follows it, within a window of words and no clause mark between
  (one running count of words and clause marks).

Examples
--------
>>> _covered(np.array([2, 8]), np.array([5, 9]), np.array([0]), np.array([6])).tolist()
[True, False]
"""

from __future__ import annotations

import numpy as np

from .scan import _CLOSER, _CUE, _EXCEPTION, _OPENER
from .workcopy import _CLAUSEMARK, _WORD


def _covered(s, e, cs, ce) -> np.ndarray:
    """For each span (s, e): does some cover span (cs, ce) contain it?"""
    if not len(cs) or not len(s):
        return np.zeros(len(s), bool)
    order = np.argsort(cs, kind="stable")
    cs, ce = cs[order], np.maximum.accumulate(ce[order])
    j = np.searchsorted(cs, s, "right") - 1
    ok = j >= 0
    out = np.zeros(len(s), bool)
    out[ok] = ce[j[ok]] >= e[ok]
    return out


def _sort_order(keys: list, sizes: list) -> np.ndarray:
    """``np.lexsort(keys[::-1])``: the stable order by keys (most significant first).

    Each key holds ints in ``[0, size)``; when the sizes allow it, the keys are combined into
    one int64 and sorted once (much faster than a lexsort).
    """
    total = 1
    for size in sizes:
        total *= int(size)
    if total >= 2 ** 62:
        return np.lexsort(keys[::-1])
    combined = keys[0].astype(np.int64)
    for key, size in zip(keys[1:], sizes[1:]):
        combined = combined * int(size) + key
    return np.argsort(combined, kind="stable")


def _select(theme, s, e, pattern, scope_all: bool, n: int) -> np.ndarray:
    """Indices of the candidates that survive the longest-match rule (see module docstring)."""
    if not len(s):
        return np.zeros(0, np.int64)
    n_themes, n_patterns = int(theme.max()) + 1, int(pattern.max()) + 1
    order = _sort_order([theme, s, e, pattern], [n_themes, n + 1, n + 1, n_patterns])
    t_, s_, e_ = theme[order], s[order], e[order]
    first = np.ones(len(order), bool)
    first[1:] = (t_[1:] != t_[:-1]) | (s_[1:] != s_[:-1]) | (e_[1:] != e_[:-1])
    cand = order[first]
    group = np.zeros(len(cand), np.int64) if scope_all else theme[cand].astype(np.int64)
    span_s, span_e = group * (n + 1) + s[cand], group * (n + 1) + e[cand]
    width = (1 if scope_all else n_themes) * (n + 1)
    o = _sort_order([span_s, width - 1 - span_e], [width, width])
    ss, se = span_s[o], span_e[o]
    new_span = np.ones(len(o), bool)
    new_span[1:] = (ss[1:] != ss[:-1]) | (se[1:] != se[:-1])
    span_id = np.cumsum(new_span) - 1
    us, ue = ss[new_span], se[new_span]
    new_cluster = np.ones(len(us), bool)
    new_cluster[1:] = us[1:] >= np.maximum.accumulate(ue)[:-1]
    cluster = np.cumsum(new_cluster) - 1
    size = np.bincount(cluster)
    accepted = size[cluster] == 1
    multi = np.flatnonzero(size > 1)
    if len(multi):                 # overlapping spans: longest first, then earliest
        _accept_longest(us, ue, np.flatnonzero(new_cluster), size, multi, accepted)
    return cand[o[accepted[span_id]]]


def _accept_longest(us, ue, first_of, size, multi, accepted) -> None:
    """In each cluster of overlapping spans, accept the longest, then the earliest, of those
    that overlap no span accepted before.

    The accepted spans of a cluster are disjoint: their characters are marked in a byte
    array, and a span is free when none of its characters is marked (``bytearray.find``):
    the cost is the length of the spans, never the square of their number.
    """
    usl, uel, sizes, firsts = us.tolist(), ue.tolist(), size.tolist(), first_of.tolist()
    for c in multi.tolist():
        a = firsts[c]
        members = range(a, a + sizes[c])
        base = usl[a]
        taken = bytearray(max(uel[i] for i in members) - base)
        for i in sorted(members, key=lambda i: (usl[i] - uel[i], usl[i])):
            si, ei = usl[i] - base, uel[i] - base
            if taken.find(1, si, ei) < 0:
                taken[si:ei] = b"\x01" * (ei - si)
                accepted[i] = True


def _negated(kind, s, e, ms, me, cls, window: int) -> np.ndarray:
    """Flag the matches (ms, me) governed by a negation cue (see module docstring)."""
    exc = kind == _EXCEPTION

    def pick(k):
        sel = kind == k
        cs, ce = s[sel], e[sel]
        if exc.any() and len(cs):
            cov = _covered(cs, ce, s[exc], e[exc])
            cs, ce = cs[~cov], ce[~cov]
        return cs, ce

    # cost[i]: words starting before i, plus window + 1 for each clause mark before i, so
    # that [a, b) is close (few enough words, no clause mark) iff cost[b] - cost[a] <= window
    n, heavy = len(cls), window + 1
    step = np.zeros(n, np.uint8 if heavy < 255 else np.int64)
    if n:
        word = (cls & _WORD).view(bool)
        step[0] = word[0]
        np.greater(word[1:], word[:-1], out=step[1:], casting="unsafe")
        step[(cls & _CLAUSEMARK) != 0] = heavy       # a clause mark never starts a word
    cost = np.zeros(n + 1, np.int32 if (n + 1) * heavy < 2 ** 31 else np.int64)
    np.cumsum(step, dtype=cost.dtype, out=cost[1:])

    def close(a, b):            # few enough words and no clause mark in [a, b)
        return cost[b] - cost[a] <= window

    def before(ce, pos):        # a cue ends at or before pos, close to it
        if not len(ce) or not len(pos):
            return np.zeros(len(pos), bool)
        ce = np.sort(ce)
        j = np.searchsorted(ce, pos, "right") - 1
        return (j >= 0) & close(ce[np.maximum(j, 0)], pos)

    def after(cs, pos):         # a cue starts at or after pos, close to it
        if not len(cs) or not len(pos):
            return np.zeros(len(pos), bool)
        cs = np.sort(cs)
        j = np.searchsorted(cs, pos, "left")
        return (j < len(cs)) & close(pos, cs[np.minimum(j, len(cs) - 1)])

    (cs, ce), (os_, oe), (ks, ke) = pick(_CUE), pick(_OPENER), pick(_CLOSER)
    valid = before(oe, ks)
    negated = before(np.concatenate((ce, ke[valid])), ms)
    if len(oe) and len(ks):
        negated |= before(oe, ms) & after(ks, me)
    return negated
