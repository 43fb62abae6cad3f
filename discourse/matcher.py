"""Compile a codebook into a fast matcher, and the exact rules by which it matches.

:func:`compile_codebook` turns a :class:`~discourse.codebook.Codebook` into a
:class:`Matcher` (compiled once, cached, reused); :mod:`discourse.coding` uses it to code
statements. The pattern syntax is that of :mod:`discourse.patterns`; the rules are:

Text
    Matching works on a normalised working copy (see :mod:`discourse.textnorm`): Unicode NFC,
    lower case (matching is **case-insensitive**), ``’`` = ``'``, typographic quotes, dashes
    and non-breaking spaces unified, every run of white space (line breaks included) counted
    as one space. Accents are respected (``sécurité`` ≠ ``securite``) unless
    ``fold_accents=True``, which folds them in the text and in the patterns alike. Offsets
    are mapped back to the original text, which is never changed.
Words and globs
    A pattern is a word, a multi-word phrase (its words separated by any white space in the
    text), or a glob: ``*`` is zero or more word characters and ``?`` exactly one, within one
    token (``coopér*`` matches ``coopération``, ``*ingérence`` matches ``non-ingérence``'s
    ``ingérence`` and ``noningérence``). Word characters are Python's ``\\w`` (letters, digits,
    ``_``).
Boundaries
    A match starts and ends at token boundaries: the character before a match that starts
    with a word character, and the one after a match that ends with one, are not word
    characters. Hyphens and apostrophes are boundaries: ``ingérence`` matches in
    ``non-ingérence``, ``amitié`` in ``l’amitié``; ``coopération`` does not match in
    ``noncoopération``.
Longest match
    Overlapping matches compete: the longest (in characters of the working copy) wins, then
    the earliest; a match that overlaps a winner is dropped. With ``nested_scope="theme"``
    (default) the competition is within each theme, so two themes can both code the same
    words; with ``"all"`` it is across all themes (quanteda's ``nested_scope =
    "dictionary"``), and a span matched by several themes at the same length codes each of
    them. So a token matched by a multi-word pattern is not counted again by a shorter
    pattern of the same theme. The same span matched by two patterns of a theme counts once,
    for the pattern listed first.
Exclusions
    A theme's exclusion phrases are matched like patterns; a match of that theme lying
    within a match of one of its exclusions is blocked (``sécurité sociale`` blocks
    ``sécurité`` for sovereignty). Exclusions act before the longest-match rule.
Languages
    A text of language ``fr`` is matched with the ``fr`` patterns and the ``"*"`` ones (those
    of imported dictionaries, for every language).
Negation
    A match is flagged ``negated`` when a negation cue governs it, within ``window`` words
    (3 by default) and with no clause punctuation in between: a cue before it (fr ``sans``,
    ``ni``, ``jamais``, ``non``, ``aucun``; en ``not``, ``no``, ``never``, ``without``,
    ``nor``, ``n't``), a closer before it that follows an opener (``ne … pas/plus``), or an
    opener before and a closer after it (``ne coopère pas``). Cues are data
    (``discourse/resources/negation.yml``, or ``negation_cues=``). The theme's ``negation``
    decides: ``count`` (counts), ``exclude`` (dropped) or ``separate`` (reported; the coding
    credits it to ``<id>.negated``).

Speed: all the patterns, exclusions and cues of a language are compiled into one
Aho–Corasick automaton (pyahocorasick) over the working copy; a pattern with ``*`` at the
start or end of the phrase is found by its literal part and extended to the token edge;
other globs (``?``, inner ``*``) use a compiled regular expression. The texts of a language
are scanned as one buffer, and boundaries, extensions, exclusions, the longest-match rule
and negation are applied with numpy. ``engine="regex"`` finds every pattern with its regular
expression instead: slower, with identical results (the tests check it).

Examples
--------
>>> from discourse.codebook import Codebook, Theme
>>> cb = Codebook("demo", "1", themes=(
...     Theme("coop", "Cooperation", patterns={"fr": ("coopér*", "coopération gagnant-gagnant")},
...           exclusions={"fr": ("coopérative*",)}),))
>>> m = compile_codebook(cb)
>>> m.find("La coopération gagnant-gagnant, pas la coopérative.", lang="fr")[
...     ["theme", "pattern", "matched", "start", "end"]].values.tolist()
[['coop', 'coopération gagnant-gagnant', 'coopération gagnant-gagnant', 3, 30]]
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import Any, NamedTuple

import ahocorasick
import numpy as np
import pandas as pd
import yaml

from .errors import CodebookError, ParameterError
from .textnorm import SIMPLE_MAP, fold_char, normalize_text

__all__ = ["compile_codebook", "Matcher", "ScanResult", "load_negation_cues",
           "NESTED_SCOPES", "ENGINES"]

#: Valid values of ``nested_scope``.
NESTED_SCOPES = ("theme", "all")
#: Valid values of ``engine``.
ENGINES = ("aho", "regex")

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
        return _Spec(None, xl, xr, False, False, regex, anchor,
                     norm[:at].count(" "), norm[at + len(anchor):].count(" "))
    return _Spec(core, xl, xr, not xl and _is_word(core[0]), not xr and _is_word(core[-1]), regex)


# ------------------------------------------------------------------ negation cues
def load_negation_cues() -> dict[str, dict[str, Any]]:
    """Return the default negation cues: language -> {window, cues, openers, closers, exceptions}.

    Examples
    --------
    >>> cues = load_negation_cues()
    >>> cues["fr"]["window"], "sans" in cues["fr"]["cues"], "*n't" in cues["en"]["cues"]
    (3, True, True)
    """
    text = resources.files("discourse").joinpath("resources/negation.yml").read_text("utf-8")
    return _check_cues(yaml.safe_load(text), "discourse/resources/negation.yml")


def _check_cues(data: Any, where: str) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict):
        raise ParameterError(f"{where}: negation cues must map language codes to settings")
    out = {}
    for lang, spec in data.items():
        spec = dict(spec or {})
        bad = set(spec) - set(_CUE_KINDS) - {"window"}
        if bad:
            raise ParameterError(
                f"{where}: language {lang!r}: unknown key(s) {', '.join(sorted(bad))}; "
                f"valid keys: window, {', '.join(_CUE_KINDS)}"
            )
        window = spec.get("window", 3)
        if not isinstance(window, int) or isinstance(window, bool) or window < 0:
            raise ParameterError(f"{where}: language {lang!r}: window must be an int >= 0, "
                                 f"got {window!r}")
        for k in _CUE_KINDS:
            for w in spec.get(k) or ():
                if not isinstance(w, str):
                    raise ParameterError(
                        f"{where}: language {lang!r}, {k}: {w!r} is not a string; quote it "
                        "(YAML reads no, yes, on, off as true/false)")
        out[str(lang)] = {"window": window,
                          **{k: tuple(spec.get(k) or ()) for k in _CUE_KINDS}}
    return out


# ------------------------------------------------------------------ results
class ScanResult(NamedTuple):
    """Matches found in a list of texts, as parallel arrays (one element per counted match).

    ``text`` indexes the scanned texts; ``theme`` and ``pattern`` index
    :attr:`Matcher.theme_ids` and :attr:`Matcher.patterns`; ``start`` and ``end`` are offsets
    into the original text; ``negated`` flags matches in the scope of a negation.
    """

    text: np.ndarray
    theme: np.ndarray
    pattern: np.ndarray
    start: np.ndarray
    end: np.ndarray
    negated: np.ndarray


def _empty_result() -> ScanResult:
    i = np.zeros(0, np.int64)
    return ScanResult(i, i, i, i, i, np.zeros(0, bool))


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
        for name in ("xl", "xr", "chkl", "chkr"):
            setattr(self, name, np.array([getattr(sp, name) for sp in specs], bool))
        self.klen = np.array([len(sp.key or sp.anchor) for sp in specs], np.int64)
        self.verify = np.array([sp.key is None for sp in specs], bool)
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


class Matcher:
    """A codebook compiled for fast matching; make it with :func:`compile_codebook`.

    Attributes
    ----------
    codebook
        The codebook it was compiled from.
    theme_ids
        Theme ids in codebook order (``ScanResult.theme`` indexes them).
    negation_modes
        Each theme's ``negation`` setting (``count``, ``exclude``, ``separate``).
    patterns
        ``(theme id, language key, pattern)`` of every pattern (``ScanResult.pattern``
        indexes them).
    fold_accents, nested_scope, engine
        The options it was compiled with.
    """

    def __init__(self, codebook, *, fold_accents: bool = False, nested_scope: str = "theme",
                 engine: str = "aho", negation_cues: dict | None = None):
        _check_options(nested_scope, engine)
        self.codebook = codebook
        self.fold_accents, self.nested_scope, self.engine = bool(fold_accents), nested_scope, engine
        self.theme_ids = tuple(t.id for t in codebook.themes)
        self.negation_modes = tuple(t.negation for t in codebook.themes)
        self._mode = np.array([("count", "exclude", "separate").index(m)
                               if m in ("count", "exclude", "separate") else 0
                               for m in self.negation_modes], np.int8)
        self._cues = (load_negation_cues() if negation_cues is None
                      else _check_cues(negation_cues, "negation_cues"))
        where = f"codebook {getattr(codebook, 'id', '?')!r}"
        patterns, self._by_lang = [], {}
        for ti, theme in enumerate(codebook.themes):
            for field, kind in (("patterns", _PATTERN), ("exclusions", _EXCLUSION)):
                for lang, items in (getattr(theme, field) or {}).items():
                    for p in items:
                        spec = _spec(p, self.fold_accents, f"{where}, theme {theme.id!r}, "
                                                           f"{field} {lang!r}")
                        pi = -1
                        if kind == _PATTERN:
                            pi = len(patterns)
                            patterns.append((theme.id, lang, p))
                        self._by_lang.setdefault(lang, []).append((kind, ti, pi, spec))
        self.patterns = tuple(patterns)
        self.languages = tuple(k for k in self._by_lang if k != "*")
        self._tables: dict[str | None, _Lang] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (f"Matcher({getattr(self.codebook, 'id', '?')!r}, {len(self.theme_ids)} themes, "
                f"{len(self.patterns)} patterns, fold_accents={self.fold_accents}, "
                f"nested_scope={self.nested_scope!r}, engine={self.engine!r})")

    # -------------------------------------------------------------- compiling
    def _table(self, lang: str | None) -> _Lang:
        with self._lock:
            if lang not in self._tables:
                langs = list(self.languages) if lang is None else [lang]
                entries = [e for lg in langs + ["*"] for e in self._by_lang.get(lg, [])]
                cues = self._cues.get(lang, {}) if lang is not None else {}
                for name, kind in _CUE_KINDS.items():
                    for cue in cues.get(name, ()):
                        entries.append((kind, -1, -1, _spec(cue, self.fold_accents,
                                                            f"negation cue {lang!r}")))
                self._tables[lang] = _Lang(entries, self.engine, cues.get("window", 3))
            return self._tables[lang]

    # -------------------------------------------------------------- scanning
    def scan(self, texts, *, lang: str | None, negation: bool = True) -> ScanResult:
        """Find the counted matches in texts of one language.

        Parameters
        ----------
        texts
            Sequence of strings (missing values count as empty texts).
        lang
            Their language (``fr``, ``en-GB``...: the part before ``-`` is used); its
            patterns and the ``"*"`` ones apply. None: the patterns of every language.
        negation
            Detect negation (False: no match is negated, every match counts).

        Returns
        -------
        ScanResult
            Sorted by text, start, end, theme, pattern.
        """
        lang = _lang_key(lang)
        table = self._table(lang)
        texts = [t if isinstance(t, str) else "" for t in texts]
        parts, i0, size = [], 0, 0
        for i, t in enumerate(texts):
            size += len(t) + 1
            if size >= _CHUNK:
                parts.append(self._scan_chunk(table, texts[i0:i + 1], i0, negation))
                i0, size = i + 1, 0
        if i0 < len(texts):
            parts.append(self._scan_chunk(table, texts[i0:], i0, negation))
        if not parts:
            return _empty_result()
        return ScanResult(*(np.concatenate(cols) for cols in zip(*parts)))

    def find(self, text: str, *, lang: str | None, negation: bool = True) -> pd.DataFrame:
        """Matches in one text: a DataFrame with theme, pattern, matched, start, end, negated.

        Examples
        --------
        >>> from discourse.codebook import Codebook, Theme
        >>> cb = Codebook("d", "1", themes=(Theme("acw", "Anti Cold War",
        ...     patterns={"en": ("cold war mentality",)}),))
        >>> compile_codebook(cb).find("We never accept the Cold\\nWar mentality.", lang="en")
          theme             pattern              matched  start  end  negated
        0   acw  cold war mentality  Cold\\nWar mentality     20   38     True
        """
        r = self.scan([text], lang=lang, negation=negation)
        return pd.DataFrame({
            "theme": pd.Series([self.theme_ids[i] for i in r.theme], dtype=object),
            "pattern": pd.Series([self.patterns[i][2] for i in r.pattern], dtype=object),
            "matched": pd.Series([text[s:e] for s, e in zip(r.start.tolist(), r.end.tolist())],
                                 dtype=object),
            "start": r.start, "end": r.end, "negated": r.negated,
        })

    def _scan_chunk(self, table: _Lang, texts: list[str], offset: int, negation: bool):
        raw, maps = _SEP.join(texts), {}
        pieces = texts
        if not unicodedata.is_normalized("NFC", raw):
            pieces = []
            for i, t in enumerate(texts):
                if unicodedata.is_normalized("NFC", t):
                    pieces.append(t)
                else:
                    nt = normalize_text(t, lower=False)
                    pieces.append(nt.norm)
                    if nt.index is not None:
                        maps[i] = nt.index
            raw = _SEP.join(pieces)
        lens = np.fromiter((len(p) + 1 for p in pieces), np.int64, len(pieces))
        starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
        norm, codes, index = _normalize(raw, self.fold_accents)
        isword = _lookup("word", codes)
        n = len(norm)
        ent, s, e = _candidates(table, norm, codes, isword)
        kind = table.kind[ent]
        is_pat = kind == _PATTERN
        pent, ps, pe = ent[is_pat], s[is_pat], e[is_pat]
        ptheme = table.theme[pent]
        is_exc = kind == _EXCLUSION
        if is_exc.any() and len(ps):
            xs, xe, xt = s[is_exc], e[is_exc], table.theme[ent[is_exc]]
            blocked = np.zeros(len(ps), bool)
            for t in np.unique(xt).tolist():
                sel = ptheme == t
                blocked[sel] = _covered(ps[sel], pe[sel], xs[xt == t], xe[xt == t])
            pent, ps, pe, ptheme = pent[~blocked], ps[~blocked], pe[~blocked], ptheme[~blocked]
        keep = _select(ptheme, ps, pe, table.pattern[pent], self.nested_scope == "all", n)
        pent, ps, pe, ptheme = pent[keep], ps[keep], pe[keep], ptheme[keep]
        negated = np.zeros(len(ps), bool)
        if negation and len(ps) and (kind >= _CUE).any():
            negated = _negated(kind, s, e, ps, pe, codes, isword, table.window)
            drop = negated & (self._mode[ptheme] == 1)
            pent, ps, pe, ptheme, negated = (a[~drop] for a in (pent, ps, pe, ptheme, negated))
        rs, re_ = (ps, pe) if index is None else (index[ps], index[pe])
        ti = np.searchsorted(starts, rs, "right") - 1
        ls, le = rs - starts[ti], re_ - starts[ti]
        for i, imap in maps.items():
            sel = ti == i
            ls[sel], le[sel] = imap[ls[sel]], imap[le[sel]]
        pat = table.pattern[pent]
        order = np.lexsort((pat, ptheme, le, ls, ti))
        return (ti[order] + offset, ptheme[order], pat[order], ls[order], le[order],
                negated[order])


def _candidates(table: _Lang, norm: str, codes: np.ndarray, isword: np.ndarray):
    """Every (entry, start, end) found in the working copy, boundaries checked."""
    n = len(norm)
    ents, starts, ends = [], [], []
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
        verify = table.verify[ent]
        if verify.any():
            ve, vs, ve_ = ent[verify], s[verify], e[verify]
            ent, s, e = ent[~verify], s[~verify], e[~verify]
            found = _verify(table, norm, codes, ve, vs, ve_)
            ents.append(found[0]), starts.append(found[1]), ends.append(found[2])
        ok = np.ones(len(ent), bool)
        m = table.chkl[ent] & (s > 0)
        ok[m] = ~isword[s[m] - 1]
        m = table.chkr[ent] & (e < n)
        ok[m] &= ~isword[e[m]]
        ent, s, e = ent[ok], s[ok], e[ok]
        xl, xr = table.xl[ent], table.xr[ent]
        if xl.any() or xr.any():
            nw = np.flatnonzero(~isword)
            if xl.any():
                j = np.searchsorted(nw, s[xl]) - 1
                s[xl] = np.where(j >= 0, nw[np.maximum(j, 0)] + 1, 0) if len(nw) else 0
            if xr.any():
                j = np.searchsorted(nw, e[xr])
                e[xr] = (np.where(j < len(nw), nw[np.minimum(j, len(nw) - 1)], n)
                         if len(nw) else n)
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


# ------------------------------------------------------------------ compiling, cached
def _check_options(nested_scope: str, engine: str) -> None:
    if nested_scope not in NESTED_SCOPES:
        raise ParameterError(
            f"nested_scope={nested_scope!r} is not valid; use 'theme' (longest match within "
            "each theme) or 'all' (longest match across all themes)"
        )
    if engine not in ENGINES:
        raise ParameterError(f"engine={engine!r} is not valid; use one of {', '.join(ENGINES)}")


def _lang_key(lang) -> str | None:
    if lang is None or (not isinstance(lang, str) and pd.isna(lang)):
        return None
    lang = re.split(r"[-_]", str(lang).strip().lower())[0]
    return lang or None


_CACHE: OrderedDict = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 16


def compile_codebook(codebook, *, fold_accents: bool = False, nested_scope: str = "theme",
                     engine: str = "aho", negation_cues: dict | None = None) -> Matcher:
    """Compile a codebook into a :class:`Matcher` (cached: compiling again is free).

    Parameters
    ----------
    codebook
        A :class:`~discourse.codebook.Codebook`.
    fold_accents
        Match without regard to accents (``securite`` matches ``sécurité``).
    nested_scope
        ``"theme"`` (default): the longest-match rule applies within each theme; ``"all"``:
        across all themes.
    engine
        ``"aho"`` (default, fast) or ``"regex"`` (the slow reference implementation; the
        results are identical).
    negation_cues
        Language -> ``{window, cues, openers, closers, exceptions}``, replacing the default
        cues of ``discourse/resources/negation.yml`` (see :func:`load_negation_cues`).

    Returns
    -------
    Matcher
        The cache is keyed by the codebook's content (so an edited codebook is recompiled)
        and the options.

    Raises
    ------
    ParameterError
        For a bad ``nested_scope`` or ``engine``.
    CodebookError
        For a pattern without any letter.

    Examples
    --------
    >>> from discourse.codebook import Codebook, Theme
    >>> cb = Codebook("d", "1", themes=(Theme("s", "S", patterns={"*": ("souverain*",)}),))
    >>> compile_codebook(cb) is compile_codebook(cb)
    True
    >>> compile_codebook(cb).find("Souveraineté", lang="fr").matched.tolist()
    ['Souveraineté']
    """
    _check_options(nested_scope, engine)
    key = (_fingerprint(codebook), bool(fold_accents), nested_scope, engine,
           _fingerprint(negation_cues))
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    matcher = Matcher(codebook, fold_accents=fold_accents, nested_scope=nested_scope,
                      engine=engine, negation_cues=negation_cues)
    with _CACHE_LOCK:
        _CACHE[key] = matcher
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return matcher


def _fingerprint(obj) -> str:
    return hashlib.sha256(repr(obj).encode("utf-8", "surrogatepass")).hexdigest()
