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
    Not detected in these languages: every match counts (``negated`` is False).

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

__all__ = ["scan_unspaced", "UnspacedTable"]


class UnspacedTable:
    """The patterns (kind 0) and exclusions (kind 1) of one language, as regexes."""

    def __init__(self, codebook, code: str, patterns: tuple) -> None:
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


def scan_unspaced(table: UnspacedTable, raw: str, lens: np.ndarray, across: bool):
    """Matches in the texts joined in ``raw`` (lengths ``lens``, one separator between
    them) as the columns of a ``ScanResult`` (text, theme, pattern, start, end, negated),
    sorted by text, start, end, theme, pattern."""
    at = np.concatenate(([0], np.cumsum(lens + 1))).tolist()
    rows = []
    for i, n in enumerate(lens.tolist()):
        for ti, pi, s, e in _choose(table.find(raw[at[i]:at[i] + n]), across):
            rows.append((i, s, e, ti, pi))
    rows.sort()
    cols = [np.array([r[k] for r in rows], np.int64) for k in range(5)]
    return (cols[0], cols[3], cols[4], cols[1], cols[2], np.zeros(len(rows), bool))
