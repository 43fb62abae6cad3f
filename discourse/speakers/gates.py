"""A document's literal gates, decided in one pass for all its statements.

A cue pattern with a literal gate (:mod:`discourse.speakers.prefilter`) looks for its
literals in every statement before it runs: a scan per pattern and statement, whose cost on
short statements is mostly the call. :class:`DocumentGates` puts the literals of every gated
pattern of a language's cue rules (narrator markers, background, speech markers, the
inverted pronoun cue) and the description words in one Aho-Corasick automaton, runs it once
over the document (its statements' folded copies joined by a separator no literal holds),
and tells for each statement which gates hold a literal (:meth:`DocumentGates.masks`). The
statement's cue rules are then the language's with each gated pattern decided
(:meth:`DocumentGates.rules_for`): a pattern whose literals are in the statement runs at
once, one whose literals are not runs only its anchored alternatives, as the gate would
have decided on the statement's folded copy (and only on it: a pattern searched in another
string, such as the copy with its quotations blanked, must be taken from the language's own
rules).

Examples
--------
>>> from discourse.speakers.cues import read_cue_rules
>>> gates = document_gates(read_cue_rules()["en"])
>>> masks = gates.masks(["he said so.", "(xinhua/li)"], "he said so.\\x00(xinhua/li)")
>>> bool(masks[1] & gates.bits["markers"]), bool(masks[0] & gates.bits["markers"])
(True, False)
>>> gates.rules_for(masks[0]).markers.search("he said so.") is None
True
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from dataclasses import replace

import ahocorasick

from .cues import CueRules
from .prefilter import GatedPattern

__all__ = ["DocumentGates", "document_gates"]

#: The gated patterns of the cue rules that the statements' analysis searches.
GATED = ("markers", "background", "speech", "inv_pronoun")
#: Letters the regex engine's case folding equates with an ASCII letter that ``str.lower``
#: does not give (a text holding one is always scanned, see prefilter.py).
_SPECIAL = re.compile("[\u0130\u0131\u017f]")
_CACHE: dict[int, tuple] = {}


def _yes(*_args) -> bool:
    return True


def _no(*_args) -> bool:
    return False


class DocumentGates:
    """The gates of one language's cue rules (see the module docstring)."""

    def __init__(self, rules: CueRules, separator: str = "\x00") -> None:
        self.rules = rules
        self.bits: dict[str, int] = {}
        self.always = 0          # gates whose literals might hold the separator: open
        self.icase = 0           # gates of case-insensitive patterns
        by_word: dict[str, int] = {}
        entries = [(n, getattr(rules, n)) for n in GATED]
        entries = [(n, p.literals, bool(p.regex.flags & re.IGNORECASE))
                   for n, p in entries if isinstance(p, GatedPattern)]
        if rules.descriptor_words is not None:
            entries.insert(0, ("descriptors", rules.descriptor_words.words, False))
        for k, (name, words, icase) in enumerate(entries):
            bit = 1 << k
            self.bits[name] = bit
            self.icase |= bit if icase else 0
            for w in words:
                w = w.lower() if icase else w
                if separator in w or not w:
                    self.always |= bit
                by_word[w] = by_word.get(w, 0) | bit
        self.automaton = ahocorasick.Automaton()
        for w, bit in by_word.items():
            self.automaton.add_word(w, bit)
        self.empty = not by_word
        if by_word:
            self.automaton.make_automaton()
        self._variants: dict[int, CueRules] = {}

    def masks(self, folded: list[str], joined: str) -> list[int] | None:
        """Each statement's mask of gates holding a literal (None: decide statement by
        statement, the document's folded copy not being all in lower case)."""
        if joined != joined.lower():
            return None
        masks = [self.always] * len(folded)
        if not self.empty and folded:
            ends, pos = [], -1
            for t in folded:
                pos += len(t) + 1
                ends.append(pos)          # the separator after each statement
            # The hits come in order of their ends (``end``: a literal's last character):
            # the statement's mask is built in ``mask`` and stored when the hits leave it.
            i, nxt, mask = 0, ends[0], masks[0]
            for end, bit in self.automaton.iter(joined):
                if end >= nxt:
                    masks[i] = mask
                    i = bisect_right(ends, end, i)
                    nxt, mask = ends[i], masks[i]
                mask |= bit
            masks[i] = mask
        if not joined.isascii() and _SPECIAL.search(joined):
            for i, t in enumerate(folded):
                if _SPECIAL.search(t):
                    masks[i] |= self.icase
        return masks

    def rules_for(self, mask: int) -> CueRules:
        """The cue rules of a statement whose gates are decided by ``mask``."""
        rules = self._variants.get(mask)
        if rules is None:
            decided = {}
            for name in GATED:
                if name in self.bits:
                    pattern = copy.copy(getattr(self.rules, name))
                    pattern.may_match = _yes if mask & self.bits[name] else _no
                    decided[name] = pattern
            rules = self._variants[mask] = replace(self.rules, **decided)
        return rules


def document_gates(rules: CueRules) -> DocumentGates:
    """The (cached) :class:`DocumentGates` of a language's cue rules."""
    cached = _CACHE.get(id(rules))
    if cached is None or cached[0] is not rules:
        if len(_CACHE) >= 64:   # (bounded: cue rules compiled again and again)
            _CACHE.clear()
        cached = _CACHE[id(rules)] = (rules, DocumentGates(rules))
    return cached[1]
