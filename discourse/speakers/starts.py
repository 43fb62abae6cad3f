"""Start gates: skip a pattern's ``match`` at a position where none of its prefixes starts.

The country and demonym patterns of the cue rules (:mod:`discourse.speakers.cue_spec`) are
one alternation of every country's words, each country in its own named group; the regex
engine tries those groups one after the other at every position it is asked about, which
makes one ``match`` at a fixed position cost as much as a short scan, although the text
there rarely starts like any country. :func:`start_gate` reads a compiled pattern's syntax
tree and collects the strings that every match starts with (its first few characters,
fewer where the pattern stops being a literal: ``"uni"`` for ``united\\s+states``); the
resulting :class:`StartGated` answers ``match`` and ``fullmatch`` with None at a position
where none of them starts, without running the pattern, and ``search`` by running the
pattern only at the positions where one starts (one Aho-Corasick pass). Everywhere else it
is the pattern itself: the same matches for every text, position and end position (a
gate only ever turns away a position where the pattern cannot match).

Examples
--------
>>> import re
>>> rx = start_gate(re.compile(r"(?<![\\w'-])(?:(?P<US>united\\s+states|us)|(?P<KH>cambodia))"))
>>> sorted(rx.prefixes)
['cam', 'uni', 'us']
>>> rx.match("the us", 4).lastgroup, rx.match("the us", 0), rx.search("in cambodia").span()
('US', None, (3, 11))
"""

from __future__ import annotations

import re
import sys
from functools import partial

import ahocorasick

from .prefilter import _c, _sre

__all__ = ["StartGated", "alternation_gate", "start_gate", "start_prefixes"]

_DEPTH = 3           # characters of a prefix
_MAX = 4096          # prefixes of one pattern (beyond: no gate)
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_UNSEEN = object()


class StartGated:
    """A compiled pattern whose ``match``, ``fullmatch`` and ``search`` first look at the
    text where a match would start (see the module docstring); everything else is the
    pattern's (``pattern``, ``groupindex``, ``finditer``, ...).

    A pattern made by :func:`alternation_gate` (a head, an alternation of named groups, a
    tail) runs, at a position, only the groups one of whose prefixes starts there, in their
    order: the groups it leaves out cannot match there, so the match is the same (its span,
    ``lastgroup`` and the groups it ran; not the numbers of the groups).

    Attributes
    ----------
    regex
        The pattern itself.
    prefixes
        The strings one of which every match starts with.
    """

    def __init__(self, regex: re.Pattern, prefixes: frozenset, parts: tuple | None = None,
                 ) -> None:
        self.regex = regex
        self.prefixes = prefixes
        self._parts = parts   # (head, tail, ((group, its prefixes), ...)) or None
        by_prefix: dict[str, set] = {}
        for i, (_, starts) in enumerate(parts[2] if parts else ()):
            for p in starts:
                by_prefix.setdefault(p, set()).add(i)
        self._by_prefix = {p: frozenset(g) for p, g in by_prefix.items()}
        self._lengths = tuple(sorted({len(p) for p in prefixes}))
        self._automaton = None
        self._compiled: dict[int, re.Pattern] = {}   # each group's own pattern
        self._searched: dict[tuple, re.Match | None] = {}

    def __getattr__(self, name: str):
        if name.startswith("_") or name in ("regex", "prefixes"):
            raise AttributeError(name)
        return getattr(self.regex, name)

    def __getstate__(self) -> dict:
        return {"regex": self.regex, "prefixes": self.prefixes, "parts": self._parts}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["regex"], state["prefixes"], state["parts"])

    def __repr__(self) -> str:
        return f"StartGated({self.regex!r})"

    def may_start(self, string: str, pos: int) -> bool:
        """True if one of the prefixes starts at ``pos`` of ``string``."""
        prefixes = self.prefixes
        for n in self._lengths:
            if string[pos:pos + n] in prefixes:
                return True
        return False

    def _matcher(self, string: str, pos: int):
        """The ``match`` to run at ``pos``: the pattern's, or, for an alternation of
        groups, one that runs the groups that may start there in their order (None: the
        pattern cannot match there)."""
        if self._parts is None:
            return self.regex.match if self.may_start(string, pos) else None
        groups: frozenset = frozenset()
        for n in self._lengths:
            found = self._by_prefix.get(string[pos:pos + n])
            if found is not None:
                groups = groups | found
        if not groups:
            return None
        return partial(self._first_group, sorted(groups))

    def _first_group(self, groups: list[int], string: str, pos: int, endpos: int,
                     full: bool = False):
        """The match of the first of ``groups`` that matches at ``pos`` (the alternation
        tries its groups in order: the first that matches is the match)."""
        compiled = self._compiled
        for i in groups:
            rx = compiled.get(i)
            if rx is None:
                head, tail, alternatives = self._parts
                rx = compiled[i] = re.compile(head + "(?:" + alternatives[i][0] + ")" + tail,
                                              self.regex.flags)
            m = (rx.fullmatch if full else rx.match)(string, pos, endpos)
            if m is not None:
                return m
        return None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        """``regex.match``, run only where a prefix starts."""
        run = self._matcher(string, pos)
        return None if run is None else run(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        """``regex.fullmatch``, run only where a prefix starts."""
        if self._parts is None:
            return self.regex.fullmatch(string, pos, endpos) if self.may_start(
                string, pos) else None
        run = self._matcher(string, pos)
        return None if run is None else run(string, pos, endpos, True)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        """``regex.search``: the pattern matched only where a prefix starts, leftmost
        first (the leftmost position where it matches is where ``search`` stops)."""
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for p in self.prefixes:
                automaton.add_word(p, len(p))
            automaton.make_automaton()
            self._automaton = automaton
        endpos = min(endpos, len(string))
        if pos > endpos:
            return None
        key = (string, pos, endpos)
        found = self._searched.get(key, _UNSEEN)
        if found is _UNSEEN:   # (descriptions come back: "the foreign minister")
            if len(self._searched) >= 4096:
                self._searched.clear()
            found = self._searched[key] = self._search(string, pos, endpos)
        return found

    def _search(self, string: str, pos: int, endpos: int):
        starts = sorted({end - n + 1 for end, n in self._automaton.iter(string, pos, endpos)})
        for start in starts:
            run = self._matcher(string, start)
            m = None if run is None else run(string, start, endpos)
            if m is not None:
                return m
        return None


def start_gate(regex: re.Pattern | None) -> re.Pattern | StartGated | None:
    """``regex`` with a start gate, or ``regex`` itself when no gate is found (a pattern
    that may match the empty string or starts with a class of characters, or a pattern
    with the case flag).

    Examples
    --------
    >>> type(start_gate(re.compile(r"ab|cd"))).__name__, start_gate(re.compile(r"\\w+"))
    ('StartGated', re.compile('\\\\w+'))
    """
    if regex is None:
        return None
    prefixes = start_prefixes(regex)
    return regex if prefixes is None else StartGated(regex, prefixes)


def alternation_gate(head: str, groups: list[str], tail: str) -> re.Pattern | StartGated:
    """The pattern ``head(?:group|group|...)tail`` with a start gate that runs, at a
    position, only the ``groups`` (named groups) that may start there (see
    :class:`StartGated`); the plain pattern if a group has no prefixes.

    Examples
    --------
    >>> rx = alternation_gate(r"(?<!\\w)", ["(?P<CN>chine)", "(?P<KH>cambodge)"], r"\\b")
    >>> rx.match("chine").lastgroup, rx.match("cambodge").lastgroup, rx.match("inde")
    ('CN', 'KH', None)
    """
    regex = re.compile(head + "(?:" + "|".join(groups) + ")" + tail)
    prefixes = start_prefixes(regex)
    starts = [start_prefixes(re.compile(head + "(?:" + g + ")")) for g in groups]
    if prefixes is None or any(p is None for p in starts):
        return start_gate(regex)
    return StartGated(regex, prefixes, (head, tail, tuple(zip(groups, starts))))


def start_prefixes(regex: re.Pattern) -> frozenset | None:
    """The strings (up to three characters) one of which every match of ``regex`` starts
    with; None if some match may start otherwise.

    Examples
    --------
    >>> sorted(start_prefixes(re.compile(r"(?<!\\w)(?:la\\s+chine|l'inde|us)")))
    ["l'i", 'la', 'us']
    >>> start_prefixes(re.compile(r"a?b")) == frozenset({"ab", "b"})
    True
    """
    if regex.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        tree = _sre.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - the pattern compiled, so it parses
        return None
    found = _extend(list(tree), {("", True)})
    if found is None or any(not p for p, _ in found):
        return None
    return frozenset(p for p, _ in found)


def _extend(seq: list, heads: set) -> set | None:
    """``heads`` ((prefix, open) pairs) extended by what ``seq`` matches: an open prefix
    grows by the literal characters that follow and is closed at the first item that is
    not one (or at three characters); None when the set grows too large."""
    for op, av in seq:
        if not any(is_open for _, is_open in heads):
            return heads
        if op in _ZERO_WIDTH:
            continue   # (a look-around only restricts the matches)
        if op is _c.LITERAL:
            heads = {(p + chr(av), len(p) + 1 < _DEPTH) if is_open else (p, False)
                     for p, is_open in heads}
        elif op is _c.SUBPATTERN and not av[1] and not av[2]:
            heads = _extend(list(av[3]), heads)
        elif op is _c.BRANCH:
            grown: set = set()
            for alt in av[1]:
                more = _extend(list(alt), heads)
                if more is None:
                    return None
                grown |= more
            heads = grown
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[1] == 1:
            once = _extend(list(av[2]), heads)
            if once is None:
                return None
            heads = once | heads if av[0] == 0 else once   # (0 or 1 time: both go on)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            once = _extend(list(av[2]), heads)   # (once at least, then not known)
            heads = None if once is None else {(p, False) for p, _ in once}
        else:   # a class, a repeat, a back-reference ...: what follows is not known
            heads = {(p, False) for p, _ in heads}
        if heads is None or len(heads) > _MAX:
            return None
    return heads
