"""The scanning engine of :mod:`discourse.matcher` (private): working copy, compiled tables.

This module holds what :class:`discourse.matcher.Matcher` runs on a buffer of texts:

- the working copy of a text (:func:`_normalize`: case, apostrophes, spaces; offsets kept);
- how a pattern is found (:func:`_spec`): a literal key of the Aho-Corasick automaton (extended to the token edge for a leading / trailing ``*``), a
  chain of literal segments joined by token-final ``*`` (``échang* de vues``: the first
  segment is found by the automaton, the others are compared in place), or else a regular
  expression around the hits of its longest literal part;
- the compiled tables of one language (:class:`_Lang`) and the vectorised steps: candidates
  with their boundaries checked (:func:`_candidates`), exclusions (:func:`_covered`), the
  longest-match rule (:func:`_select`) and negation (:func:`_negated`).

Every path gives exactly the matches of the pattern's regular expression (``engine="regex"``
runs those; the tests compare the two).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import ahocorasick
import numpy as np

from .errors import CodebookError
from .textnorm import SIMPLE_MAP, fold_char

_SEP = "\x00"                 # between texts in a buffer: not a word, space or pattern char
_CHUNK = 4_000_000            # characters per scanned buffer (bounds memory)
_CLAUSE = ",;:.!?()[]" + _SEP
_PATTERN, _EXCLUSION, _CUE, _OPENER, _CLOSER, _EXCEPTION = range(6)
_CUE_KINDS = {"cues": _CUE, "openers": _OPENER, "closers": _CLOSER, "exceptions": _EXCEPTION}


# ------------------------------------------------------------------ character tables
@lru_cache(maxsize=1)
def _tables() -> dict[str, np.ndarray]:
    """Per-BMP-code-point tables: word and space characters, clause marks."""
    bmp = "".join(map(chr, range(65536)))
    word = np.zeros(65536, bool)
    for m in re.finditer(r"\w+", bmp):
        word[m.start():m.end()] = True
    space = np.zeros(65536, bool)
    for m in re.finditer(r"\s+", bmp):
        space[m.start():m.end()] = True
    clause = np.zeros(65536, bool)
    clause[[ord(c) for c in _CLAUSE]] = True
    return {"word": word, "space": space, "clause": clause}


def _norm_char(ch: str, fold_accents: bool) -> str:
    """One character of the working copy (the rules of :func:`~discourse.textnorm.normalize_text`)."""
    ch = SIMPLE_MAP.get(ord(ch), ch)
    low = ch.lower()
    ch = low if len(low) == 1 else ch
    folded = fold_char(ch) if fold_accents else ch
    return folded if ord(folded) < 65536 or ord(ch) >= 65536 else ch


@lru_cache(maxsize=2)
def _norm_table(fold_accents: bool) -> np.ndarray:
    """Code point -> code point of the working copy, for the BMP."""
    return np.array([ord(_norm_char(chr(i), fold_accents)) for i in range(65536)], np.uint16)


def _lookup(name: str, codes: np.ndarray) -> np.ndarray:
    """Apply a table to code points (astral ones computed one by one: they are rare)."""
    table = _norm_table(name == "fold") if name in ("norm", "fold") else _tables()[name]
    if codes.dtype == np.uint16:
        return table[codes]
    small = codes < 65536
    out = np.empty(len(codes), dtype=np.uint32 if name in ("norm", "fold") else table.dtype)
    out[small] = table[codes[small]]
    for cp in np.unique(codes[~small]):
        ch = chr(int(cp))
        value = {"word": bool(re.match(r"\w", ch)), "space": ch.isspace(), "clause": False,
                 "norm": ord(_norm_char(ch, False)), "fold": ord(_norm_char(ch, True))}[name]
        out[codes == cp] = value
    return out


def _to_codes(text: str) -> np.ndarray:
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):
        return np.frombuffer(data, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _from_codes(codes: np.ndarray) -> str:
    enc = "utf-16-le" if codes.dtype == np.uint16 else "utf-32-le"
    text = codes.tobytes().decode(enc, "surrogatepass")
    if len(text) != len(codes):       # two lone surrogates that make a pair
        text = "".join(map(chr, codes.tolist()))
    return text


def _normalize(text: str, fold_accents: bool) -> tuple[str, np.ndarray, np.ndarray | None]:
    """Working copy of an NFC text: (norm, its code points, norm -> text index or None)."""
    codes = _lookup("fold" if fold_accents else "norm", _to_codes(text))
    ws = _lookup("space", codes)
    index = None
    if ws.any():
        codes[ws] = 32
        drop = np.zeros(len(codes), bool)
        drop[1:] = ws[1:] & ws[:-1]
        if drop.any():
            index = np.flatnonzero(np.append(~drop, True))
            codes = codes[~drop]
    return _from_codes(codes), codes, index


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


def _select(theme, s, e, pattern, scope_all: bool, n: int) -> np.ndarray:
    """Indices of the candidates that survive the longest-match rule (see module docstring)."""
    if not len(s):
        return np.zeros(0, np.int64)
    order = np.lexsort((pattern, e, s, theme))
    t_, s_, e_ = theme[order], s[order], e[order]
    first = np.ones(len(order), bool)
    first[1:] = (t_[1:] != t_[:-1]) | (s_[1:] != s_[:-1]) | (e_[1:] != e_[:-1])
    cand = order[first]
    group = np.zeros(len(cand), np.int64) if scope_all else theme[cand].astype(np.int64)
    span_s, span_e = group * (n + 1) + s[cand], group * (n + 1) + e[cand]
    o = np.lexsort((-span_e, span_s))
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
        self.segs = [tuple(np.array([ord(c) for c in seg], np.uint32) for seg in sp.segs[1:])
                     for sp in specs]
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


def _next_wall(nw: np.ndarray, pos: np.ndarray, n: int) -> np.ndarray:
    """For each position, the first non-word position at or after it (n if none)."""
    if not len(nw):
        return np.full(len(pos), n, np.int64)
    j = np.searchsorted(nw, pos)
    return np.where(j < len(nw), nw[np.minimum(j, len(nw) - 1)], n)


def _candidates(table: _Lang, norm: str, codes: np.ndarray, isword: np.ndarray):
    """Every (entry, start, end) found in the working copy, boundaries checked."""
    n = len(norm)
    ents, starts, ends = [], [], []
    nw = None
    if table.automaton is not None:
        flat = np.fromiter(chain.from_iterable(table.automaton.iter(norm)), np.int64)
        e, keys = flat[0::2] + 1, flat[1::2]
        if table.single:
            ent = table.key_ents[table.key_start[keys]]
        else:
            cnt = table.key_count[keys]
            e = np.repeat(e, cnt)
            within = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            ent = table.key_ents[np.repeat(table.key_start[keys], cnt) + within]
        s = e - table.klen[ent]
        special = table.verify[ent] | table.chained[ent]
        if special.any():
            xent, xs, xe = ent[special], s[special], e[special]
            ent, s, e = ent[~special], s[~special], e[~special]
            verify = table.verify[xent]
            if verify.any():
                found = _verify(table, norm, codes, xent[verify], xs[verify], xe[verify])
                ents.append(found[0]), starts.append(found[1]), ends.append(found[2])
            if not verify.all():
                nw = np.flatnonzero(~isword)
                found = _chains(table, codes, isword, nw, xent[~verify], xs[~verify],
                                xe[~verify])
                ents.append(found[0]), starts.append(found[1]), ends.append(found[2])
        ok = np.ones(len(ent), bool)
        m = table.chkl[ent] & (s > 0)
        ok[m] = ~isword[s[m] - 1]
        m = table.chkr[ent] & (e < n)
        ok[m] &= ~isword[e[m]]
        ent, s, e = ent[ok], s[ok], e[ok]
        xl, xr = table.xl[ent], table.xr[ent]
        if xl.any() or xr.any():
            nw = np.flatnonzero(~isword) if nw is None else nw
            if xl.any():
                j = np.searchsorted(nw, s[xl]) - 1
                s[xl] = np.where(j >= 0, nw[np.maximum(j, 0)] + 1, 0) if len(nw) else 0
            if xr.any():
                e[xr] = _next_wall(nw, e[xr], n)
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


def _chains(table: _Lang, codes, isword, nw, ent, s, e):
    """Complete the hits of chained patterns (``échang* de vues``) from their first segment.

    Each ``*`` ends a token, so it extends to the end of the token; the next literal segment
    must follow there exactly. One start gives at most one match, as for the regex.
    """
    n = len(codes)
    keep = s == 0
    keep[~keep] = ~isword[s[~keep] - 1]
    ent, s, e = ent[keep], s[keep], e[keep]
    rent, rs, re_ = [], [], []
    for eid in np.unique(ent).tolist():
        sel = ent == eid
        start, p = s[sel], e[sel]
        ok = np.ones(len(p), bool)
        for seg in table.segs[eid]:
            p = _next_wall(nw, p, n)
            if len(seg):
                idx = np.minimum(p[:, None] + np.arange(len(seg)), n - 1)
                ok &= (p + len(seg) <= n) & (codes[idx] == seg).all(axis=1)
                p = p + len(seg)
        if table.endword[eid]:
            ok &= (p >= n) | ~isword[np.minimum(p, n - 1)]
        rent.append(np.full(int(ok.sum()), eid, np.int64)), rs.append(start[ok]), re_.append(p[ok])
    if not rent:
        z = np.zeros(0, np.int64)
        return z, z, z
    return np.concatenate(rent), np.concatenate(rs), np.concatenate(re_)


def _verify(table: _Lang, norm: str, codes: np.ndarray, ent, a, b):
    """Run the regexes of regex-only patterns around the hits (a, b) of their anchors.

    A match holds its anchor and as many spaces before / after it as the pattern, so it
    lies between the wall (space or text separator) that many walls before the anchor and
    the one that many walls after it.
    """
    walls = np.flatnonzero((codes == 32) | (codes == 0))
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


def _negated(kind, s, e, ms, me, codes, isword, window: int) -> np.ndarray:
    """Flag the matches (ms, me) governed by a negation cue (see module docstring)."""
    exc = kind == _EXCEPTION

    def pick(k):
        sel = kind == k
        cs, ce = s[sel], e[sel]
        if exc.any() and len(cs):
            cov = _covered(cs, ce, s[exc], e[exc])
            cs, ce = cs[~cov], ce[~cov]
        return cs, ce

    tok = np.zeros(len(isword) + 1, np.int32)          # tok[i]: words starting before i
    np.cumsum(isword & ~np.concatenate(([False], isword[:-1])), out=tok[1:])
    clause = np.zeros(len(isword) + 1, np.int32)       # clause marks before i
    np.cumsum(_lookup("clause", codes), out=clause[1:])

    def close(a, b):            # few enough words and no clause mark in [a, b)
        return (tok[b] - tok[a] <= window) & (clause[b] == clause[a])

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

