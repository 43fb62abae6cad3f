"""Matching in the languages written without spaces (Chinese, Khmer).

:class:`~discourse.coding.matcher.Matcher` hands the texts of such a language here. The
rules are those of the other languages, read for scripts without spaces:

Text
    Matching works on the language's matching copy
    (:meth:`discourse.lang.base.Language.match_form`, the same length as the text, so offsets
    are the original ones): Traditional Chinese characters as Simplified (習近平 = 习近平,
    合作夥伴 = 合作伙伴), Khmer spelling variants unified (subscript DA = TA, the order of
    subscripts and signs), Latin letters in lower case. Patterns are read the same way,
    so a codebook written in Simplified characters codes Traditional text.
Words
    A pattern is found wherever its characters are, when its edges are word boundaries of
    the language (:meth:`~discourse.lang.base.Language.is_boundary`): anywhere next to a
    Chinese character (合作 codes 友好合作 and 合作伙伴, as a reader would), never inside a
    Khmer cluster (ចិន "China" does not match inside ចិន្តា). A space inside a pattern matches
    any white space or none (Khmer writes ខ្សែក្រវាត់ និងផ្លូវ both ways). ``*`` and ``?`` have no
    token to extend over: a pattern's glob characters are dropped and its literal part is
    matched.
Exclusions and longest match
    As in the other languages: a match inside one of its theme's exclusions is blocked
    (合作社 is not cooperation), then the longest match wins within the theme
    (``nested_scope="theme"``) or across themes (``"all"``), then the earliest, then the
    pattern listed first.
Negation
    A match is flagged ``negated`` (the theme's ``negation`` setting then decides whether it
    counts) when a cue of ``discourse/lang/<code>/negation.yml`` ends at most ``window``
    characters (not words: these languages have no spaces) before it in the same clause
    (不搞阵营对抗, 绝不允许……干涉, មិនគាំទ្រ), or when it lies between an opener before it and
    a closer after it in the clause (មិន …… ទេ). A cue inside one of the ``exceptions``
    (不断, 坚定不移, 牢不可破, មិនត្រឹមតែ) or inside the match itself (不干涉 as a pattern)
    does not negate it.

Examples
--------
>>> from discourse.coding.codebook import Codebook, Theme
>>> from discourse.coding.matcher import compile_codebook
>>> cb = Codebook("d", "1", languages=("zh",), themes=(Theme("coop", "Cooperation",
...     patterns={"zh": ("合作",)}, exclusions={"zh": ("合作社",)}),))
>>> compile_codebook(cb).find("中柬合作夥伴關係，不是合作社。", lang="zh")[
...     ["matched", "start", "end"]].values.tolist()
[['合作', 2, 4]]
"""

from __future__ import annotations

import re

import numpy as np

from ..lang import get_language

__all__ = ["scan_unspaced", "UnspacedTable", "UnspacedNegation"]

# marks that end a clause: a negation does not reach across them
_CLAUSE = set("，,。；;：:、！？!?（）()“”「」『』\"\n។៕៖«»")


class UnspacedTable:
    """The patterns (kind 0) and exclusions (kind 1) of one language, as regexes, and its
    negation cues (``negation``: language code -> the settings of ``negation.yml``)."""

    def __init__(self, codebook, code: str, patterns: tuple, negation: dict | None = None,
                 ) -> None:
        self.negation = UnspacedNegation(code, (negation or {}).get(code))
        pattern_index = {p: i for i, p in enumerate(patterns)}
        self.lang = get_language(code)
        self.entries = []          # (kind, theme index, pattern index, regex, first character)
        for ti, theme in enumerate(codebook.themes):
            for kind, field in ((0, "patterns"), (1, "exclusions")):
                for key in (code, "*"):
                    for p in (getattr(theme, field) or {}).get(key, ()):
                        rx = self._regex(p)
                        if rx is not None:
                            pi = pattern_index.get((theme.id, key, p), -1) if kind == 0 else -1
                            self.entries.append((kind, ti, pi, rx, rx.pattern.lstrip("\\")[0]))

    def _regex(self, pattern: str) -> re.Pattern | None:
        core = re.sub(r"[*?]", "", self.lang.match_form(pattern.lower())).split()
        if not core:
            return None
        return re.compile(r"\s*".join(re.escape(part) for part in core))

    def find(self, text: str) -> list[tuple[int, int, int, int, int]]:
        """(kind, theme, pattern, start, end) of every candidate in ``text``."""
        form = self.lang.match_form(text)
        edge = self.lang.is_boundary
        chars = set(form)
        out = []
        for kind, ti, pi, rx, first in self.entries:
            if first not in chars:    # a pattern whose first character is absent: skip it
                continue
            for m in rx.finditer(form):
                s, e = m.span()
                if e > s and edge(form, s) and edge(form, e):
                    out.append((kind, ti, pi, s, e))
        return out


class UnspacedNegation:
    """The negation cues of one language (``negation.yml``), found in a matching copy."""

    def __init__(self, code: str, spec: dict | None) -> None:
        self.lang = get_language(code)
        spec = spec or {}
        self.window = int(spec.get("window", 4))
        self.cues, self.openers, self.closers, self.exceptions = (
            self._regex(spec.get(k) or ()) for k in ("cues", "openers", "closers", "exceptions"))

    def _regex(self, words) -> re.Pattern | None:
        forms = sorted({self.lang.match_form(str(w).lower()).replace("*", "")
                        for w in words if str(w).strip()}, key=len, reverse=True)
        return re.compile("|".join(re.escape(f) for f in forms)) if forms else None

    def _found(self, rx, form: str, s: int, e: int, masked) -> list[re.Match]:
        if rx is None:
            return []
        edge = self.lang.is_boundary
        return [m for m in rx.finditer(form, s, e) if edge(form, m.start())
                and edge(form, m.end()) and not any(a <= m.start() < b for a, b in masked)]

    def negated(self, form: str, start: int, end: int) -> bool:
        """Whether the match ``form[start:end]`` is in the scope of a negation."""
        cs, ce = start, end
        while cs > 0 and form[cs - 1] not in _CLAUSE:
            cs -= 1
        while ce < len(form) and form[ce] not in _CLAUSE:
            ce += 1
        masked = [m.span() for m in self.exceptions.finditer(form, cs, ce)] \
            if self.exceptions is not None else []
        masked = [(a, b) for a, b in masked if not (start <= a and b <= end)] + [(start, end)]
        if any(start - m.end() <= self.window for m in self._found(self.cues, form, cs, start,
                                                                    masked)):
            return True
        return bool(self._found(self.openers, form, cs, start, masked)
                    and self._found(self.closers, form, end, ce, masked))


def _choose(cands, across: bool) -> list[tuple[int, int, int, int]]:
    """The counted matches: exclusions first, then the longest, earliest, first listed."""
    blocks = [(ti, s, e) for kind, ti, _, s, e in cands if kind == 1]
    pats = [(ti, pi, s, e) for kind, ti, pi, s, e in cands if kind == 0
            and not any(bt == ti and bs <= s and e <= be for bt, bs, be in blocks)]
    pats.sort(key=lambda c: (-(c[3] - c[2]), c[2], c[1]))
    kept: list[tuple[int, int, int, int]] = []
    for c in pats:
        rivals = kept if across else [k for k in kept if k[0] == c[0]]
        same = [k for k in rivals if k[2] == c[2] and k[3] == c[3]]
        if same and (not across or any(k[0] == c[0] for k in same)):
            continue
        if any(k[2] < c[3] and c[2] < k[3] and not (k[2] == c[2] and k[3] == c[3])
               for k in rivals):
            continue
        kept.append(c)
    return kept


def scan_unspaced(table: UnspacedTable, raw: str, lens: np.ndarray, across: bool,
                  negation: bool = True):
    """Matches in the texts joined in ``raw`` (lengths ``lens``, one separator between
    them) as the columns of a ``ScanResult`` (text, theme, pattern, start, end, negated),
    sorted by text, start, end, theme, pattern; ``negation`` False: nothing is negated."""
    at = np.concatenate(([0], np.cumsum(lens + 1))).tolist()
    rows = []
    for i, n in enumerate(lens.tolist()):
        text = raw[at[i]:at[i] + n]
        chosen = _choose(table.find(text), across)
        form = table.lang.match_form(text) if negation and chosen else ""
        for ti, pi, s, e in chosen:
            rows.append((i, s, e, ti, pi, negation and table.negation.negated(form, s, e)))
    rows.sort()
    cols = [np.array([r[k] for r in rows], np.int64) for k in range(5)]
    return (cols[0], cols[3], cols[4], cols[1], cols[2],
            np.array([r[5] for r in rows], bool))
