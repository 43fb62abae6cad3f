"""Compile a codebook into a fast matcher, and the exact rules by which it matches.

:func:`compile_codebook` turns a :class:`~discourse.coding.codebook.Codebook` into a
:class:`Matcher` (compiled once, cached, reused); :mod:`discourse.coding.themes` uses it to code
statements. The pattern syntax is that of :mod:`discourse.coding.patterns`; the rules are:

Text
    Matching works on a normalised working copy (see :mod:`discourse.text.normalize`): Unicode NFC,
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
    ``fr`` text: the ``fr`` and ``"*"`` patterns; Chinese and Khmer: :mod:`.unspaced`.
Negation
    A match is flagged ``negated`` when a negation cue governs it, within ``window`` words
    (3 by default) and with no clause punctuation in between: a cue before it (fr ``sans``,
    ``ni``, ``jamais``, ``non``, ``aucun``; en ``not``, ``no``, ``never``, ``without``,
    ``nor``, ``n't``), a closer before it that follows an opener (``ne … pas/plus``), or an
    opener before and a closer after it (``ne coopère pas``). Cues are data
    (``discourse/lang/<code>/negation.yml``, or ``negation_cues=``). The theme's ``negation``
    decides: ``count`` (counts), ``exclude`` (dropped) or ``separate`` (reported; the coding
    credits it to ``<id>.negated``).

Speed: a language's patterns, exclusions and cues make one Aho–Corasick automaton
(pyahocorasick) over the working copy; a ``*`` at a phrase's edge extends to the token edge;
other globs (``?``, inner ``*``) use a compiled regular expression. The texts of a language
are scanned joined, in buffers of about a million characters, and boundaries, extensions,
exclusions, the longest-match rule and negation are applied with numpy. ``engine="regex"``
finds every pattern with its regular expression instead: slower, with identical results
(the tests check it).

Examples
--------
>>> from discourse.coding.codebook import Codebook, Theme
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
import threading
from collections import OrderedDict
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..lang import get_language
from .names import blocked_by_names, check_names
from .negation import _check_cues, read_negation_cues
from .rules import _covered, _negated, _select, _sort_order
from .scan import _CUE, _CUE_KINDS, _EXCLUSION, _PATTERN, _candidates, _Lang, _spec
from .unspaced import UnspacedTable, scan_unspaced
from .workcopy import _SEP, _chunks, _lang_key, _nfc_pieces, _normalize, _restore

__all__ = ["compile_codebook", "Matcher", "ScanResult", "read_negation_cues",
           "NESTED_SCOPES", "ENGINES"]

#: Valid values of ``nested_scope``.
NESTED_SCOPES = ("theme", "all")
#: Valid values of ``engine``.
ENGINES = ("aho", "regex")


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
    fold_accents, nested_scope, engine, names
        The options it was compiled with.
    """

    def __init__(self, codebook, *, fold_accents: bool = False, nested_scope: str = "theme",
                 engine: str = "aho", negation_cues: dict | None = None,
                 names: str = "count"):
        _check_options(nested_scope, engine)
        self.names = check_names(names, "compile_codebook")
        self.codebook = codebook
        self.fold_accents, self.nested_scope, self.engine = bool(fold_accents), nested_scope, engine
        self.theme_ids = tuple(t.id for t in codebook.themes)
        self.negation_modes = tuple(t.negation for t in codebook.themes)
        self._mode = np.array([("count", "exclude", "separate").index(m)
                               if m in ("count", "exclude", "separate") else 0
                               for m in self.negation_modes], np.int8)
        self._cues = (read_negation_cues() if negation_cues is None
                      else _check_cues(negation_cues, "negation_cues"))
        where = f"codebook {getattr(codebook, 'id', '?')!r}"
        patterns, self._by_lang, self._name_specs = [], {}, None
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
            self._add_names(ti, where)
        self.patterns = tuple(patterns)
        self._named = np.array([any(c.isupper() for c in p) for _, _, p in patterns], bool)
        self.languages = tuple(k for k in self._by_lang if k != "*")
        self._tables: dict[str | None, _Lang] = {}
        self._unspaced: dict[str, UnspacedTable] = {}
        self._lock = threading.Lock()

    def _add_names(self, ti: int, where: str) -> None:
        """The codebook's listed names block theme ``ti``'s matches, like its exclusions."""
        if self.names == "exclude" and self._name_specs is None:   # once, for every theme
            names = (getattr(self.codebook, "names", None) or {}).items()
            self._name_specs = [(lang, _spec(p, self.fold_accents, f"{where}, names {lang!r}"))
                                for lang, items in names for p in items]
        for lang, spec in self._name_specs or ():
            self._by_lang.setdefault(lang, []).append((_EXCLUSION, ti, -1, spec))

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
                self._tables[lang].lang = lang
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
        return self._scan_texts([t if isinstance(t, str) else "" for t in texts], lang=lang,
                                negation=negation)

    def _scan_texts(self, texts: list[str], *, lang: str | None, negation: bool) -> ScanResult:
        """:meth:`scan` of a list of str."""
        lens = np.fromiter(map(len, texts), np.int64, len(texts))
        return self._scan_joined(_SEP.join(texts), lens, lang=lang, negation=negation)

    def _scan_joined(self, raw: str, lens: np.ndarray, *, lang: str | None,
                     negation: bool) -> ScanResult:
        """:meth:`scan` of texts given joined by ``_SEP`` (``raw``), with their lengths."""
        if (key := _lang_key(lang)) is not None and get_language(key, strict=False).unspaced:
            return self._scan_unspaced(raw, lens, key, negation)
        table = self._table(key)
        at = np.concatenate(([0], np.cumsum(lens + 1)))       # where each text starts in raw
        parts = [self._scan_chunk(table, raw[at[i]:at[j] - 1], lens[i:j], i, negation)
                 for i, j in _chunks(lens)]
        if not parts:
            return _empty_result()
        return ScanResult(*(np.concatenate(cols) for cols in zip(*parts)))

    def _scan_unspaced(self, raw: str, lens: np.ndarray, key: str, negation: bool) -> ScanResult:
        with self._lock:   # Chinese, Khmer: discourse.coding.unspaced
            if key not in self._unspaced:
                self._unspaced[key] = UnspacedTable(self.codebook, key, self.patterns, self._cues)
        return ScanResult(*scan_unspaced(self._unspaced[key], raw, lens,
                                         self.nested_scope == "all", negation))

    def find(self, text: str, *, lang: str | None, negation: bool = True) -> pd.DataFrame:
        """Matches in one text: a DataFrame with theme, pattern, matched, start, end, negated.

        Examples
        --------
        >>> from discourse.coding.codebook import Codebook, Theme
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

    def _scan_chunk(self, table: _Lang, raw: str, lens: np.ndarray, offset: int, negation: bool):
        """Matches in texts joined by ``_SEP`` (``raw``), their lengths ``lens``."""
        raw, lens, maps = _nfc_pieces(raw, lens)
        starts = np.concatenate(([0], np.cumsum(lens + 1)[:-1]))
        norm, codes, cls, dropped = _normalize(raw, self.fold_accents)
        n = len(norm)
        ent, s, e = _candidates(table, norm, codes, cls)
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
            negated = _negated(kind, s, e, ps, pe, cls, table.window)
            drop = negated & (self._mode[ptheme] == 1)
            pent, ps, pe, ptheme, negated = (a[~drop] for a in (pent, ps, pe, ptheme, negated))
        rs, re_ = _restore(dropped, ps), _restore(dropped, pe)
        ti = np.searchsorted(starts, rs, "right") - 1
        if self.names == "exclude":
            keep = ~blocked_by_names(raw, starts, lens, ti, rs, re_, table.lang,
                                     self._named[table.pattern[pent]])
            pent, ptheme, negated, rs, re_, ti = (a[keep] for a in (pent, ptheme, negated, rs,
                                                                    re_, ti))
        ls, le = rs - starts[ti], re_ - starts[ti]
        for i, imap in maps.items():
            sel = ti == i
            ls[sel], le[sel] = imap[ls[sel]], imap[le[sel]]
        pat = table.pattern[pent]
        if maps or not len(pat):
            order = np.lexsort((pat, ptheme, le, ls, ti))
        else:                # (ti, ls, le) is in the order of (rs, re_)
            size = len(raw) + 1
            order = _sort_order([rs, re_, ptheme, pat],
                                [size, size, len(self.theme_ids), len(self.patterns)])
        return (ti[order] + offset, ptheme[order], pat[order], ls[order], le[order],
                negated[order])


# ------------------------------------------------------------------ compiling, cached
def _check_options(nested_scope: str, engine: str) -> None:
    if nested_scope not in NESTED_SCOPES:
        raise ParameterError(
            f"nested_scope={nested_scope!r} is not valid; use 'theme' (longest match within "
            "each theme) or 'all' (longest match across all themes)"
        )
    if engine not in ENGINES:
        raise ParameterError(f"engine={engine!r} is not valid; use one of {', '.join(ENGINES)}")


_CACHE: OrderedDict = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 16


def compile_codebook(codebook, *, fold_accents: bool = False, nested_scope: str = "theme",
                     engine: str = "aho", negation_cues: dict | None = None,
                     names: str = "count") -> Matcher:
    """Compile a codebook into a :class:`Matcher` (cached: compiling again is free).

    Parameters
    ----------
    codebook
        A :class:`~discourse.coding.codebook.Codebook`.
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
        cues of ``discourse/lang/<code>/negation.yml`` (see :func:`read_negation_cues`).
    names
        ``"count"`` (default here: the matcher is the pattern engine): a match inside a
        proper name counts; ``"exclude"`` (the default of :func:`discourse.find_matches`
        and :func:`discourse.code_themes`): a match inside a proper name (the codebook's
        ``names:`` list, or the general rule of :mod:`discourse.coding.names`) does not.

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
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> cb = Codebook("d", "1", themes=(Theme("s", "S", patterns={"*": ("souverain*",)}),))
    >>> compile_codebook(cb) is compile_codebook(cb)
    True
    >>> compile_codebook(cb).find("Souveraineté", lang="fr").matched.tolist()
    ['Souveraineté']
    """
    _check_options(nested_scope, engine)
    key = (_fingerprint(codebook), bool(fold_accents), nested_scope, engine,
           _fingerprint(negation_cues), names)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    matcher = Matcher(codebook, fold_accents=fold_accents, nested_scope=nested_scope,
                      engine=engine, negation_cues=negation_cues, names=names)
    with _CACHE_LOCK:
        _CACHE[key] = matcher
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return matcher


def _fingerprint(obj) -> str:
    return hashlib.sha256(repr(obj).encode("utf-8", "surrogatepass")).hexdigest()
