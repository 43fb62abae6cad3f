"""Literal gates: skip a regular expression's scan of a text that cannot contain a match.

A cue pattern of the cue-word files (``narrator_markers``, ``background``...) is an
alternation of rules that the regex engine tries at every position of every statement,
although most statements contain none of the words the rules need. :func:`gate` reads a
compiled pattern's syntax tree and finds, for each alternative, a set of literal strings one
of which every match of that alternative contains ("xinhua" or "/" for ``/\\s*xinhua\\b``,
"(photo" for ``\\(\\s*photo\\b``); an alternative anchored at the start of the text (``^``)
needs none. The result, a :class:`GatedPattern`, looks for those literals first (an
alternation of plain strings, or one Aho-Corasick pass for many) and runs the pattern only on a text that holds one, else
only at the start of the text for the anchored alternatives. It gives the same matches as
the pattern for every text (a pattern with the case flag is gated on the lower-case copy of
the text, see :meth:`GatedPattern.may_match`). A pattern for which no literal set is found
is returned as it is.

Examples
--------
>>> import re
>>> rx = gate(re.compile(r"^\\s*©|/\\s*xinhua\\b|\\(\\s*photo\\b", re.IGNORECASE))
>>> sorted(rx.literals)
['photo', 'xinhua']
>>> rx.search("A photo by Xinhua/Li"), rx.search("© Xinhua").span(), rx.search("a (Photo: X)").span()
(None, (0, 1), (2, 8))
"""

from __future__ import annotations

import re
import sys

import ahocorasick

try:   # the regex syntax tree of the standard library (Python >= 3.11)
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _sre

__all__ = ["GatedPattern", "Literals", "gate", "required_literals"]

_MAX = 64            # strings in one literal set (beyond: not a useful gate)
_FEW = 4             # literals looked for by a regex alternation (more: Aho-Corasick)
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_START = (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
#: The characters that the regex engine's case folding equates with an ASCII letter that
#: ``str.lower`` does not give (checked over all of Unicode by the tests).
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f]")


class Literals:
    """Looks for any of a set of literal strings in a text (see :meth:`may_match`).

    Examples
    --------
    >>> Literals(["photo", "xinhua"], icase=True).may_match("a PHOTO")
    True
    """

    def __init__(self, literals, *, icase: bool = False) -> None:
        self.icase = icase
        words = sorted({w.lower() if icase else w for w in literals},
                       key=lambda w: (-len(w), w))
        self.words = tuple(words)   # as looked for (lower case with the case flag)
        if not words:
            self._find = lambda text, pos, endpos: False
        elif len(words) == 1:        # one string: str.find
            word = words[0]
            self._find = lambda text, pos, endpos: text.find(word, pos, endpos) >= 0
        elif len(words) <= _FEW:     # a short alternation of plain strings: the engine's
            search = re.compile("|".join(map(re.escape, words))).search   # fast scan
            self._find = lambda text, pos, endpos: search(text, pos, endpos) is not None
        else:                        # many: one Aho-Corasick pass
            automaton = ahocorasick.Automaton()
            for word in words:
                automaton.add_word(word, word)
            automaton.make_automaton()
            self._find = lambda text, pos, endpos: next(
                automaton.iter(text, pos, endpos), None) is not None

    def may_match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """True if ``string[pos:endpos]`` holds one of the literals (or may hold one).

        Without the case flag a literal is looked for as it is; with it, in the lower-case
        copy of the text, which holds a literal wherever the regex engine sees one except
        after the three letters that the engine folds to an ASCII letter that ``str.lower``
        does not give (İ, ı, ſ): a text with one of them is always scanned.
        """
        endpos = min(endpos, len(string))
        if self.icase:
            string, pos, endpos = string[pos:endpos], 0, endpos - pos
            if not string.isascii() and _FOLDS_TO_ASCII.search(string):
                return True
            string = string.lower()
            endpos = len(string)
        return self._find(string, pos, endpos)


class GatedPattern:
    """A compiled pattern with a literal gate; ``search``, ``finditer`` as the pattern's.

    Attributes
    ----------
    regex
        The pattern itself (``match`` and ``fullmatch`` go to it directly).
    literals
        The literal strings one of which every match not at the start of the text contains.
    anchored
        True if some alternative may match at the start of the text without a literal.
    """

    def __init__(self, regex: re.Pattern, literals: frozenset, anchored: bool) -> None:
        self.regex = regex
        self.literals = literals
        self.anchored = anchored
        self.may_match = Literals(literals, icase=bool(regex.flags & re.IGNORECASE)).may_match
        self.pattern, self.flags, self.groupindex = regex.pattern, regex.flags, regex.groupindex
        self.match, self.fullmatch = regex.match, regex.fullmatch

    def __repr__(self) -> str:
        return f"GatedPattern({self.regex!r})"

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        """The first match, as ``regex.search`` gives it."""
        if self.may_match(string, pos, endpos):
            return self.regex.search(string, pos, endpos)
        return self.regex.match(string, pos, endpos) if self.anchored else None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        """Every match, as ``regex.finditer`` gives them."""
        if self.may_match(string, pos, endpos):
            return self.regex.finditer(string, pos, endpos)
        first = self.regex.match(string, pos, endpos) if self.anchored else None
        return iter(() if first is None else (first,))


def gate(regex: re.Pattern) -> re.Pattern | GatedPattern:
    """``regex`` with a literal gate, or ``regex`` itself if no gate is found.

    Examples
    --------
    >>> gate(re.compile(r"\\w+")).pattern, type(gate(re.compile(r"ab|cd"))).__name__
    ('\\\\w+', 'GatedPattern')
    """
    found = required_literals(regex)
    if found is None or (regex.flags & re.IGNORECASE and not all(
            _caseless(ch) for w in found[0] for ch in w)):
        return regex
    literals, anchored = found
    return GatedPattern(regex, literals, anchored)


def _caseless(ch: str) -> bool:
    """True if the case flag matches ``ch`` only where ``str.lower`` gives it: an ASCII
    character (see :meth:`GatedPattern.may_match`) or a character without case that is not a
    letter ("«", "©", "/")."""
    return ch.isascii() or (not ch.isalpha() and ch.lower() == ch == ch.upper())


def required_literals(regex: re.Pattern) -> tuple[frozenset, bool] | None:
    """(literals, anchored): every match not at the text's start contains one of ``literals``.

    None if an alternative neither starts with ``^`` nor needs a literal.

    Examples
    --------
    >>> literals, anchored = required_literals(re.compile(r"\\b(?:is|was) held\\b|^by\\b"))
    >>> sorted(literals), anchored
    (['is held', 'was held'], True)
    """
    if regex.flags & (re.MULTILINE | re.VERBOSE) or regex.groups > 99:
        return None
    try:
        tree = _sre.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - the pattern compiled, so it parses
        return None
    literals: set[str] = set()
    anchored = False
    for alt in _alternatives(list(tree)):
        if _at_start(alt):
            anchored = True
            continue
        need = _required(alt)
        if need is None:
            return None
        literals |= need
    return (frozenset(literals), anchored) if literals else None


def _at_start(seq: list) -> bool:
    """True if ``seq`` can only match at the start of the text (it opens with ``^``)."""
    for op, av in seq:
        if op not in _ZERO_WIDTH:
            return False
        if op is _c.AT and av in _START:
            return True
    return False


def _alternatives(seq: list) -> list[list]:
    """The top-level alternatives of a sequence (through groups without flags)."""
    if len(seq) == 1:
        op, av = seq[0]
        if op is _c.BRANCH:
            return [a for alt in av[1] for a in _alternatives(list(alt))]
        if op is _c.SUBPATTERN and not av[1] and not av[2]:
            return _alternatives(list(av[3]))
    return [seq]


def _required(seq: list) -> set[str] | None:
    """A set of strings one of which every match of ``seq`` contains (None: none known)."""
    best: set[str] | None = None
    run: set[str] = {""}

    def consider(found: set[str] | None) -> None:
        nonlocal best
        if not found or "" in found:
            return
        if best is None or (min(map(len, found)), -len(found)) > (min(map(len, best)),
                                                                   -len(best)):
            best = found

    for op, av in seq:
        fin = _finite(op, av)
        if fin is not None:
            grown = {a + b for a in run for b in fin}
            if len(grown) <= _MAX:
                run = grown
                continue
            consider(run)
            run = set(fin)
            continue
        consider(run)
        run = {""}
        consider(_required_item(op, av))
    consider(run)
    return best


def _required_item(op, av) -> set[str] | None:
    if op is _c.SUBPATTERN and not av[1] and not av[2]:
        return _required(list(av[3]))
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            need = _required(list(alt))
            if need is None:
                return None
            out |= need
        return out if len(out) <= _MAX else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        return _required(list(av[2]))
    return None


def _finite(op, av) -> set[str] | None:
    """The strings an item matches, if it matches only a few fixed strings (else None)."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op in _ZERO_WIDTH:
        return {""}
    if op is _c.IN and all(o is _c.LITERAL for o, _ in av) and len(av) <= 8:
        return {chr(v) for _, v in av}
    if op is _c.SUBPATTERN and not av[1] and not av[2]:
        return _finite_seq(list(av[3]))
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            fin = _finite_seq(list(alt))
            if fin is None:
                return None
            out |= fin
        return out if len(out) <= _MAX else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[1] <= 1:
        fin = _finite_seq(list(av[2]))
        return None if fin is None else fin | ({""} if av[0] == 0 else set())
    return None


def _finite_seq(seq: list) -> set[str] | None:
    out = {""}
    for op, av in seq:
        fin = _finite(op, av)
        if fin is None:
            return None
        out = {a + b for a in out for b in fin}
        if len(out) > _MAX:
            return None
    return out
