"""The scanning engine of :mod:`discourse.coding.matcher`: pattern specs, compiled tables, candidates.

This module holds how the matcher finds candidate matches in a working copy (made by
:mod:`discourse.coding.workcopy`); the rules that then choose among them (exclusions,
longest match, negation) are in :mod:`discourse.coding.rules`.

- how a pattern is found (:func:`_spec`): a literal key of the Aho-Corasick automaton
  (extended to the token edge for a leading / trailing ``*``), a chain of literal segments
  joined by token-final ``*`` (``échang* de vues``: the first segment is found by the
  automaton, the others are compared in place), or else a regular expression around the
  hits of its longest literal part;
- the compiled tables of one language (:class:`_Lang`: patterns, exclusions and negation
  cues, each an entry of a kind) and the vectorised search: candidates with their
  boundaries checked (:func:`_candidates`; hits inside a word of a key whose entries all
  need a boundary are dropped first), chained patterns completed (:func:`_chains`) and
  regex-only patterns run around their anchors (:func:`_verify`).

Every path gives exactly the matches of the pattern's regular expression (``engine="regex"``
runs those; the tests compare the two).

Examples
--------
>>> sp = _spec("coopér*", False, "demo")
>>> sp.key, sp.xr, sp.chkl
('coopér', True, True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import ahocorasick
import numpy as np

from ..errors import CodebookError
from .globs import GlobPlan, glob_ends, make_plan
from .workcopy import _WALL, _WORD, _normalize_str, _token_end, _token_start, _word_at

_PATTERN, _EXCLUSION, _CUE, _OPENER, _CLOSER, _EXCEPTION = range(6)
_CUE_KINDS = {"cues": _CUE, "openers": _OPENER, "closers": _CLOSER, "exceptions": _EXCEPTION}


def _normalize_pattern(pattern: str, fold_accents: bool) -> str:
    nfc = unicodedata.normalize("NFC", pattern)
    return _normalize_str(nfc, fold_accents).strip(" ")


@lru_cache(maxsize=None)
def _compiled(source: str) -> re.Pattern:
    return re.compile(source)


# ------------------------------------------------------------------ patterns
@dataclass(frozen=True)
class _Spec:
    """How one pattern is found: its Aho-Corasick key (None: regex only) and its regex."""

    key: str | None
    xl: bool          # extend the start left to the token start (leading *)
    xr: bool          # extend the end right to the token end (trailing *)
    chkl: bool        # check the left boundary
    chkr: bool        # check the right boundary
    source: str       # the pattern's regular expression (compiled on first use: ``regex``)
    anchor: str = ""  # for regex-only patterns: their longest literal part, found by the automaton
    before: int = 0   # spaces of the pattern before the anchor
    after: int = 0    # spaces of the pattern after the anchor
    segs: tuple[str, ...] = ()    # literal segments joined by token-final * (key = segs[0])
    endword: bool = False         # for segs: the pattern ends with a word character
    plan: GlobPlan | None = None  # for regex-only patterns: checked in place, linear time

    @property
    def regex(self) -> re.Pattern:
        """The compiled regular expression (the ``regex`` engine's, compiled when needed)."""
        return _compiled(self.source)


def _is_word(ch: str) -> bool:
    return bool(re.match(r"\w", ch))


def _spec(pattern: str, fold_accents: bool, where: str) -> _Spec:
    norm = _normalize_pattern(pattern, fold_accents)
    if not re.search(r"[^*?\s]", norm):
        raise CodebookError(
            f"{where}: pattern {pattern!r} has no letter; give at least one letter "
            "(a pattern made of globs only would match every word)"
        )
    body = "".join(r"\w*" if c == "*" else r"\w" if c == "?" else re.escape(c) for c in norm)
    wordish = lambda c: c in "*?" or _is_word(c)  # noqa: E731
    regex = (("(?<!\\w)" if wordish(norm[0]) else "") + body
             + ("(?!\\w)" if wordish(norm[-1]) else ""))
    xl, xr = norm.startswith("*"), norm.endswith("*")
    core = norm.strip("*")
    if not core or "*" in core or "?" in core:
        anchor = max(re.split(r"[*?]", norm), key=len)
        at = norm.index(anchor)
        segs = norm.split("*")
        chained = ("?" not in norm and _is_word(norm[0])
                   and all(s and not _is_word(s[0]) for s in segs[1:-1])
                   and (segs[-1] == "" or not _is_word(segs[-1][0])))
        if chained:      # every * ends a token: extend to the token end, compare the rest
            return _Spec(segs[0], False, False, True, False, regex, segs=tuple(segs),
                         endword=_is_word(norm[-1]))
        return _Spec(None, xl, xr, False, False, regex, anchor,
                     norm[:at].count(" "), norm[at + len(anchor):].count(" "),
                     plan=make_plan(norm))
    return _Spec(core, xl, xr, not xl and _is_word(core[0]), not xr and _is_word(core[-1]),
                 regex)


class _Lang:
    """Patterns, exclusions and cues of one language, compiled."""

    def __init__(self, entries: list[tuple[int, int, int, _Spec]], engine: str, window: int):
        self.window = window
        self.kind = np.array([k for k, _, _, _ in entries], np.int8)
        self.theme = np.array([t for _, t, _, _ in entries], np.int64)
        self.pattern = np.array([p for _, _, p, _ in entries], np.int64)
        specs = [sp for _, _, _, sp in entries]
        use_aho = engine == "aho"
        self.regex_entries = [] if use_aho else list(enumerate(sp.regex for sp in specs))
        for name in ("xl", "xr", "chkl", "chkr", "endword"):
            setattr(self, name, np.array([getattr(sp, name) for sp in specs], bool))
        self.klen = np.array([len(sp.key or sp.anchor) for sp in specs], np.int64)
        self.verify = np.array([sp.key is None for sp in specs], bool)
        self.chained = np.array([bool(sp.segs) for sp in specs], bool)
        # the segments after the first of chained patterns, as padded code point tables:
        # seg_codes[k][entry] holds segment k + 1 (seg_len[entry, k] characters)
        rest = [sp.segs[1:] for sp in specs]
        self.n_segs = np.array([len(r) for r in rest], np.int64)
        depth = int(self.n_segs.max()) if len(rest) else 0
        self.seg_len = np.zeros((len(specs), depth), np.int64)
        self.seg_codes = []
        for k in range(depth):
            width = max((len(r[k]) for r in rest if len(r) > k), default=0)
            table = np.zeros((len(specs), width), np.uint32)
            for i, r in enumerate(rest):
                if len(r) > k:
                    self.seg_len[i, k] = len(r[k])
                    table[i, :len(r[k])] = [ord(c) for c in r[k]]
            self.seg_codes.append(table)
        self.plans = [sp.plan for sp in specs]
        self.before = np.array([sp.before for sp in specs], np.int64)
        self.after = np.array([sp.after for sp in specs], np.int64)
        keys: dict[str, list[int]] = {}
        if use_aho:
            for i, sp in enumerate(specs):
                keys.setdefault(sp.key or sp.anchor, []).append(i)
        self.automaton = None
        if keys:
            self.automaton = ahocorasick.Automaton()
            for kid, key in enumerate(keys):
                self.automaton.add_word(key, kid)
            self.automaton.make_automaton()
        lists = list(keys.values())
        self.key_count = np.array([len(v) for v in lists], np.int64)
        self.key_start = np.concatenate(([0], np.cumsum(self.key_count)[:-1])).astype(np.int64)
        self.key_ents = np.array(list(chain.from_iterable(lists)), np.int64)
        self.single = bool(len(lists)) and bool((self.key_count == 1).all())
        # per key: its length, and whether every entry of it needs a non-word character
        # before / after the key (hits inside words are then dropped at once)
        self.key_len = np.array([len(k) for k in keys], np.int64)
        self.key_left = np.array([all(self.chkl[i] or self.chained[i] for i in v)
                                  for v in lists], bool)
        self.key_right = np.array([all(self.chkr[i] for i in v) for v in lists], bool)
        self.key_chained = np.array([any(self.chained[i] for i in v) for v in lists], bool)


def _candidates(table: _Lang, norm: str, codes: np.ndarray, cls: np.ndarray):
    """Every (entry, start, end) found in the working copy, boundaries checked."""
    found = []
    if table.automaton is not None:
        found += _automaton_hits(table, norm, codes, cls)
    if table.regex_entries:
        found.append(_regex_hits(table, norm))
    if not found:
        z = np.zeros(0, np.int64)
        return z, z, z
    ents, starts, ends = zip(*found)
    return np.concatenate(ents), np.concatenate(starts), np.concatenate(ends)


def _key_hits(table: _Lang, norm: str, cls: np.ndarray):
    """(entry, start, end, token end) of every automaton hit, the key boundaries checked.

    ``tend`` is, for chained patterns, the end of the token holding the key.
    """
    n = len(norm)
    flat = np.fromiter(chain.from_iterable(table.automaton.iter(norm)), np.int64)
    e, keys = flat[0::2] + 1, flat[1::2]
    s = e - table.key_len[keys]
    ok = np.ones(len(e), bool)
    m = np.flatnonzero(table.key_left[keys] & (s > 0))
    ok[m] = ~_word_at(cls, s[m] - 1)
    m = np.flatnonzero(table.key_right[keys] & (e < n))
    ok[m] &= ~_word_at(cls, e[m])
    e, keys = e[ok], keys[ok]
    tend = e
    m = np.flatnonzero(table.key_chained[keys])
    if len(m):
        tend = e.copy()
        tend[m] = _token_end(cls, e[m])
    if table.single:
        ent = table.key_ents[table.key_start[keys]]
    else:
        cnt = table.key_count[keys]
        e, tend = np.repeat(e, cnt), np.repeat(tend, cnt)
        within = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        ent = table.key_ents[np.repeat(table.key_start[keys], cnt) + within]
    return ent, e - table.klen[ent], e, tend


def _automaton_hits(table: _Lang, norm: str, codes: np.ndarray, cls: np.ndarray) -> list:
    """The candidates of the patterns found by the automaton: a list of (ent, s, e) arrays."""
    n = len(norm)
    out = []
    ent, s, e, tend = _key_hits(table, norm, cls)
    special = table.verify[ent] | table.chained[ent]
    if special.any():
        xent, xs, xe = ent[special], s[special], e[special]
        ent, s, e = ent[~special], s[~special], e[~special]
        verify = table.verify[xent]
        if verify.any():
            out.append(_verify(table, norm, cls, xent[verify], xs[verify], xe[verify]))
        if not verify.all():
            out.append(_chains(table, codes, cls, xent[~verify], xs[~verify],
                               tend[special][~verify]))
    ok = np.ones(len(ent), bool)
    m = np.flatnonzero(table.chkl[ent] & (s > 0))
    ok[m] = ~_word_at(cls, s[m] - 1)
    m = np.flatnonzero(table.chkr[ent] & (e < n))
    ok[m] &= ~_word_at(cls, e[m])
    ent, s, e = ent[ok], s[ok], e[ok]
    xl = np.flatnonzero(table.xl[ent])
    if len(xl):
        s[xl] = _token_start(cls, s[xl])
    xr = np.flatnonzero(table.xr[ent])
    if len(xr):
        e[xr] = _token_end(cls, e[xr])
    out.append((ent, s, e))
    return out


def _regex_hits(table: _Lang, norm: str):
    """(ent, s, e) of the reference engine: every pattern's regex run over the whole text."""
    rent, rs, re_ = [], [], []
    for eid, rx in table.regex_entries:
        search, pos = rx.search, 0
        while (m := search(norm, pos)) is not None:
            rent.append(eid), rs.append(m.start()), re_.append(m.end())
            pos = m.start() + 1
    return np.array(rent, np.int64), np.array(rs, np.int64), np.array(re_, np.int64)


def _chains(table: _Lang, codes, cls, ent, s, tend):
    """Complete the hits of chained patterns (``échang* de vues``) from their first segment.

    Each ``*`` ends a token, so it extends to the end of the token (``tend`` for the first
    one); the next literal segment must follow there exactly. One start gives at most one
    match, as for the regex.
    """
    n = len(codes)
    keep = s == 0
    rest = np.flatnonzero(~keep)
    keep[rest] = ~_word_at(cls, s[rest] - 1)
    ent, s, p = ent[keep], s[keep], tend[keep]
    ok = np.ones(len(ent), bool)
    n_segs = table.n_segs[ent]
    for k, seg_codes in enumerate(table.seg_codes):
        act = np.flatnonzero(ok & (n_segs > k))
        if not len(act):
            break
        pk = p[act] if k == 0 else _token_end(cls, p[act])
        length = table.seg_len[ent[act], k]
        width = seg_codes.shape[1]
        good = pk + length <= n
        for lo in range(0, width, 4):      # compare 4 characters at a time, survivors only
            live = np.flatnonzero(good & (length > lo))
            if not len(live):
                break
            col = np.arange(lo, min(lo + 4, width))
            idx = np.minimum(pk[live, None] + col, n - 1)
            same = ((codes[idx] == seg_codes[ent[act[live]]][:, col])
                    | (col >= length[live, None]))
            good[live] = same.all(axis=1)
        ok[act] = good
        p[act] = pk + length
    end = np.flatnonzero(ok & table.endword[ent])
    ok[end] = (p[end] >= n) | ~_word_at(cls, np.minimum(p[end], n - 1))
    return ent[ok], s[ok], p[ok]


def _verify(table: _Lang, norm: str, cls: np.ndarray, ent, a, b):
    """Check the regex-only patterns around the hits (a, b) of their anchors (in linear time:
    :mod:`discourse.coding.globs`).

    A match holds its anchor and as many spaces before / after it as the pattern, so it
    lies between the wall (space or text separator) that many walls before the anchor and
    the one that many walls after it.
    """
    walls = np.flatnonzero(cls & _WALL)
    n = len(norm)
    i = np.searchsorted(walls, a) - table.before[ent] - 1
    lo = np.where(i >= 0, walls[np.clip(i, 0, max(len(walls) - 1, 0))] + 1 if len(walls) else 0, 0)
    j = np.searchsorted(walls, b) + table.after[ent]
    hi = np.where(j < len(walls), walls[np.clip(j, 0, max(len(walls) - 1, 0))] if len(walls) else n, n)
    order = np.lexsort((a, hi, lo, ent))
    ent, lo, hi, a = ent[order], lo[order], hi[order], a[order]
    last = np.ones(len(ent), bool)          # one search per window, up to its last anchor
    last[:-1] = (ent[1:] != ent[:-1]) | (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    is_word = (cls & _WORD).astype(bool)
    word, nonword = is_word.tolist(), np.flatnonzero(~is_word).tolist()
    rent, rs, re_ = [], [], []
    for eid, pos, end, anchor in zip(ent[last].tolist(), lo[last].tolist(), hi[last].tolist(),
                                     a[last].tolist()):
        # Matches holding this anchor start at or before it; later ones hold a later
        # anchor, whose own window finds them.
        for s, e in glob_ends(table.plans[eid], norm, word, nonword, pos, end, anchor):
            rent.append(eid), rs.append(s), re_.append(e)
    return (np.array(rent, np.int64), np.array(rs, np.int64), np.array(re_, np.int64))
