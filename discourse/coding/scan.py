"""The scanning engine of :mod:`discourse.coding.matcher` (private): working copy, compiled tables.

This module holds what :class:`discourse.coding.matcher.Matcher` runs on a buffer of texts:

- the working copy of a text (:func:`_normalize`: case, apostrophes, spaces) and the class
  of each of its characters (word, space, clause mark, wall), both by table look-up; runs of
  white space are collapsed and the positions of the dropped characters kept
  (:func:`_restore` maps offsets back);
- how a pattern is found (:func:`_spec`): a literal key of the Aho-Corasick automaton
  (extended to the token edge for a leading / trailing ``*``), a chain of literal segments
  joined by token-final ``*`` (``échang* de vues``: the first segment is found by the
  automaton, the others are compared in place), or else a regular expression around the
  hits of its longest literal part;
- the compiled tables of one language (:class:`_Lang`) and the vectorised steps: candidates
  with their boundaries checked (:func:`_candidates`; hits inside a word of a key whose
  entries all need a boundary are dropped first), exclusions (:func:`_covered`), the
  longest-match rule (:func:`_select`) and negation (:func:`_negated`, one running count of
  words and clause marks).

Every path gives exactly the matches of the pattern's regular expression (``engine="regex"``
runs those; the tests compare the two).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import ahocorasick
import numpy as np

from ..errors import CodebookError
from ..text.normalize import SIMPLE_MAP, fold_char

_SEP = "\x00"                 # between texts in a buffer: not a word, space or pattern char
_CHUNK = 1_000_000            # characters per scanned buffer (bounds memory, fits caches)
_CLAUSE = ",;:.!?()[]" + _SEP
_PATTERN, _EXCLUSION, _CUE, _OPENER, _CLOSER, _EXCEPTION = range(6)
_CUE_KINDS = {"cues": _CUE, "openers": _OPENER, "closers": _CLOSER, "exceptions": _EXCEPTION}


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
    """Code point -> code point of the working copy, for the BMP."""
    return np.array([ord(_norm_char(chr(i), fold_accents)) for i in range(65536)], np.uint16)


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
        j = np.searchsorted(nw, p[act])
        p[act] = np.where(j < len(nw), nw[np.minimum(j, max(len(nw) - 1, 0))], n)
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


def _normalize_pattern(pattern: str, fold_accents: bool) -> str:
    nfc = unicodedata.normalize("NFC", pattern)
    return _normalize(nfc, fold_accents)[0].strip(" ")


# ------------------------------------------------------------------ patterns
@dataclass(frozen=True)
class _Spec:
    """How one pattern is found: its Aho-Corasick key (None: regex only) and its regex."""

    key: str | None
    xl: bool          # extend the start left to the token start (leading *)
    xr: bool          # extend the end right to the token end (trailing *)
    chkl: bool        # check the left boundary
    chkr: bool        # check the right boundary
    regex: re.Pattern
    anchor: str = ""  # for regex-only patterns: their longest literal part, found by the automaton
    before: int = 0   # spaces of the pattern before the anchor
    after: int = 0    # spaces of the pattern after the anchor
    segs: tuple[str, ...] = ()    # literal segments joined by token-final * (key = segs[0])
    endword: bool = False         # for segs: the pattern ends with a word character


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
    regex = re.compile(("(?<!\\w)" if wordish(norm[0]) else "") + body
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
                     norm[:at].count(" "), norm[at + len(anchor):].count(" "))
    return _Spec(core, xl, xr, not xl and _is_word(core[0]), not xr and _is_word(core[-1]),
                 regex)


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
        first_of = np.flatnonzero(new_cluster).tolist()
        usl, uel, sizes = us.tolist(), ue.tolist(), size.tolist()
        for c in multi.tolist():
            a = first_of[c]
            taken: list[tuple[int, int]] = []
            for i in sorted(range(a, a + sizes[c]), key=lambda i: (usl[i] - uel[i], usl[i])):
                si, ei = usl[i], uel[i]
                if all(ei <= sj or si >= ej for sj, ej in taken):
                    taken.append((si, ei))
                    accepted[i] = True
    return cand[o[accepted[span_id]]]


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
        self.regex = [sp.regex for sp in specs]
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
    n = len(norm)
    ents, starts, ends = [], [], []
    if table.automaton is not None:
        flat = np.fromiter(chain.from_iterable(table.automaton.iter(norm)), np.int64)
        e, keys = flat[0::2] + 1, flat[1::2]
        s = e - table.key_len[keys]
        ok = np.ones(len(e), bool)
        m = np.flatnonzero(table.key_left[keys] & (s > 0))
        ok[m] = ~_word_at(cls, s[m] - 1)
        m = np.flatnonzero(table.key_right[keys] & (e < n))
        ok[m] &= ~_word_at(cls, e[m])
        e, keys = e[ok], keys[ok]
        tend = e            # for chained patterns: the end of the token holding the key
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
        s = e - table.klen[ent]
        special = table.verify[ent] | table.chained[ent]
        if special.any():
            xent, xs, xe = ent[special], s[special], e[special]
            ent, s, e = ent[~special], s[~special], e[~special]
            verify = table.verify[xent]
            if verify.any():
                found = _verify(table, norm, cls, xent[verify], xs[verify], xe[verify])
                ents.append(found[0]), starts.append(found[1]), ends.append(found[2])
            if not verify.all():
                found = _chains(table, codes, cls, xent[~verify], xs[~verify],
                                tend[special][~verify])
                ents.append(found[0]), starts.append(found[1]), ends.append(found[2])
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
        ents.append(ent), starts.append(s), ends.append(e)
    if table.regex_entries:
        rent, rs, re_ = [], [], []
        for eid, rx in table.regex_entries:
            search, pos = rx.search, 0
            while (m := search(norm, pos)) is not None:
                rent.append(eid), rs.append(m.start()), re_.append(m.end())
                pos = m.start() + 1
        ents.append(np.array(rent, np.int64))
        starts.append(np.array(rs, np.int64))
        ends.append(np.array(re_, np.int64))
    if not ents:
        z = np.zeros(0, np.int64)
        return z, z, z
    return np.concatenate(ents), np.concatenate(starts), np.concatenate(ends)


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
    """Run the regexes of regex-only patterns around the hits (a, b) of their anchors.

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
    rent, rs, re_ = [], [], []
    regex = table.regex
    for eid, pos, end, anchor in zip(ent[last].tolist(), lo[last].tolist(), hi[last].tolist(),
                                     a[last].tolist()):
        search = regex[eid].search
        # Matches holding this anchor start at or before it; later ones hold a later
        # anchor, whose own window finds them.
        while pos <= anchor and (m := search(norm, pos, end)) is not None:
            rent.append(eid), rs.append(m.start()), re_.append(m.end())
            pos = m.start() + 1
    return (np.array(rent, np.int64), np.array(rs, np.int64), np.array(re_, np.int64))


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
