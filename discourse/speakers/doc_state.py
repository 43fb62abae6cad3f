"""What one document has introduced so far: its people, their names, titles and genders.

Used by :mod:`discourse.speakers.attribution`. A :class:`DocState` keeps the named people
not in the actors file (so that "Li" or "M. Guterres" after "Premier Li Keqiang" / "António
Guterres" is the same person) and, for each person, the title words used about them (so
that "le ministre", "the King" or "Samdech Techo Premier ministre" resolve to the right
person); :func:`remember` records a statement's people in it. A mention is a :class:`Who`.
:func:`title_gender` and :func:`pronoun_gender` read the gender that words show.

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> doc = DocState(read_actors(), read_cue_rules()["fr"], "fr", "2024-12-03")
>>> remember(doc, [Who(0, 12, "name", "wang_wentian", "Wang Wentian")], "wang wentian a dit")
>>> doc.surnames["wang"]
('name', 'wang_wentian', 'Wang Wentian')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..lang import union_words
from .actor import as_date
from .actors import Actors, _one_edit
from .cues import GLUE_WORDS, CueRules, side_in
from .phrases import fold

__all__ = ["Who", "DocState", "remember", "fold_name", "pronoun_gender", "title_gender",
           "forget_headline_names", "surname_variant", "apposition_before", "former_before"]

_GLUE = GLUE_WORDS
_APPOSITION_AFTER = re.compile(r"\s*,([^,;:]{1,80}),")
_FORMER_WORDS = "(?:" + "|".join(sorted(union_words("former_words"), key=len, reverse=True)) + ")"
_ELIDED_LOWER = "".join(sorted({w[0] for w in union_words("elided_articles")}))
_FORMER = re.compile(rf"(?<![\w'-])(?:[{_ELIDED_LOWER}]')?{_FORMER_WORDS}(?![\w'])")
_FORMER_BEFORE = re.compile(rf"(?<![\w'-])(?:[{_ELIDED_LOWER}]')?{_FORMER_WORDS}[\s-]*$")
_APPOSITION_BEFORE = re.compile(r"(?:^|[,;:])([^,;:]{1,60}),\s*$")
_FORMER_LONGEST = max(map(len, union_words("former_words")))
_PRONOUN_WORD = re.compile(r"[a-z]+")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_RELATIVE = re.compile(r"\s*(?:" + "|".join(union_words("relative_pronouns")) + r")\b")
#: The folded words of each actor by actor and date, for the actors file last used
#: (``_ACTOR_WORDS[None]``; another file empties it, and so does a full table).
_ACTOR_WORDS: dict = {None: None}
_UNSET = object()


@dataclass
class Who:
    """A mention: ``kind`` is actor, name, pronoun, plural, joint or descriptor."""

    start: int
    end: int
    kind: str
    id: str | None = None
    name: str | None = None
    words: frozenset = frozenset()
    members: tuple = ()
    gender: str | None = None     # of a pronoun ("elle": 'f'), when it shows one


@dataclass
class DocState:
    """What a document has introduced so far (see the module docstring)."""

    actors: Actors
    rules: CueRules
    lang: str
    date: object
    registry: dict = field(default_factory=dict)   # folded name/token -> (kind, id, name)
    people: list = field(default_factory=list)     # (kind, id, name, words) in text order
    surnames: dict = field(default_factory=dict)   # folded name part -> (kind, id, name) of
    #                                                the person last named in full with it
    genders: dict = field(default_factory=dict)    # person id -> 'f' / 'm' when known
    ambiguous: dict = field(default_factory=dict)  # (alias, candidates) -> actor taken
    sides: dict = field(default_factory=dict)      # person id -> country its title tells
    variants: dict = field(default_factory=dict)   # misspelt name -> actor id it names
    last_side: str | None = None                   # side of the last speaker (counterparts)
    last_speaker: str | None = None                # id of the last speaker ("the Chinese side")
    host: tuple | None = None                      # (kind, id, name) of the meeting's host
    guest: tuple | None = None                     # ... and of its guest
    _actor_words: dict = field(default_factory=dict)
    _mention_day: object = _UNSET

    def __post_init__(self) -> None:
        self.day = _date(self.date)

    def side(self, ident: str | None) -> str | None:
        """The person's side: the actors file's, else the one their title told, else None."""
        if ident is not None and ident in self.actors:
            return self.actors[ident].side
        return self.sides.get(ident)

    def gender(self, ident: str | None) -> str | None:
        """'f' or 'm' if the person's gender is known (actors file or the text), else None."""
        if ident in self.genders:
            return self.genders[ident]
        if ident is not None and ident in self.actors:
            return self.actors[ident].gender
        return None

    def mention_date(self):
        """The document's date as the actors' look-ups read it (``as_date``: a malformed
        date is an error, as it was when each look-up parsed it), parsed once."""
        if self._mention_day is _UNSET:
            self._mention_day = as_date(self.date, "date")
        return self._mention_day

    def actor_words(self, actor_id: str) -> frozenset:
        """Folded words of an actor's aliases and (date-valid) titles."""
        if actor_id not in self._actor_words:
            key = (actor_id, self.day)
            if _ACTOR_WORDS[None] is not self.actors or len(_ACTOR_WORDS) > 65536:
                _ACTOR_WORDS.clear()
                _ACTOR_WORDS[None] = self.actors
            cached = _ACTOR_WORDS.get(key)
            if cached is not None:
                self._actor_words[actor_id] = cached
                return cached
            actor = self.actors[actor_id]
            words = set()
            for names in actor.aliases.values():
                for n in names:
                    words.update(fold_name(n).split())
            for t in actor.titles:
                if t.valid_on(self.day):
                    for names in t.aliases.values():
                        for n in names:
                            words.update(fold_name(n).split())
            self._actor_words[actor_id] = frozenset(words - _GLUE)
            _ACTOR_WORDS[key] = self._actor_words[actor_id]
        return self._actor_words[actor_id]


def _date(value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def fold_name(name: str) -> str:
    """The folded form of a person's name, under which the document registers it.

    Examples
    --------
    >>> fold_name("Wang Wentian ")
    'wang wentian'
    """
    return fold(name).strip()


def title_gender(text: str, rules: CueRules) -> str | None:
    """The gender that folded title words show ("la ministre" -> 'f'), or None.

    Examples
    --------
    >>> from discourse.speakers.cues import read_cue_rules
    >>> title_gender("la ministre du tourisme", read_cue_rules()["fr"])
    'f'
    """
    return _gender_of([text], rules)


def pronoun_gender(text: str, rules: CueRules) -> str | None:
    """The gender a folded cue shows by its pronoun ("a-t-elle ajoute" -> 'f'), or None.

    Examples
    --------
    >>> from discourse.speakers.cues import read_cue_rules
    >>> pronoun_gender("a-t-elle ajoute", read_cue_rules()["fr"])
    'f'
    """
    for word in _PRONOUN_WORD.findall(text):
        g = rules.pronoun_gender.get(word)
        if g is not None:
            return g
    return None


def remember(doc: DocState, mentions: list[Who], folded: str) -> None:
    """Record a statement's people (for descriptions) and names (for later mentions).

    Also records, for each person named in full, the name parts ("wang", "wentian") that a
    later bare surname means, and the person's gender when the title or an apposition shows
    it ("la ministre", "présidente", "Mrs", "Mr") or, for the subject of the sentence, a
    pronoun before the next person ("X said her ministry ...").
    """
    rules = doc.rules
    for n, w in enumerate(mentions):
        if w.kind not in ("actor", "name"):
            continue
        after = _APPOSITION_AFTER.match(folded, w.end)
        before = apposition_before(folded, w.start)
        # A role introduced as past ("l'ancien Premier ministre X", "X, former president,")
        # is not the role this person holds: its words do not describe them later.
        former = former_before(folded, w.start)
        words = set() if former else set(w.words)
        texts = [] if former else [folded[w.start:w.end]]
        for grp in (after, before):
            if grp and any(o is not w and o.start < grp.end(1) and grp.start(1) < o.end
                           for o in mentions):
                continue   # another person's words ("Meeting with King X, Hu said")
            if grp and not (_FORMER.search(grp.group(1))):
                words.update(set(grp.group(1).split()) - _GLUE)
                if not _RELATIVE.match(grp.group(1)):
                    texts.append(grp.group(1))
        doc.people.append((w.kind, w.id, w.name, frozenset(words)))
        full = fold_name(w.name or "")
        parts = full.split()
        keys = [full] + ([parts[0], parts[-1]] if len(parts) >= 2 else []) + (
            [" ".join(parts[-2:])] if len(parts) >= 3 else [])   # "Mme Tall Sall"
        for k in keys:
            prev = doc.registry.get(k)
            if prev is None:
                doc.registry[k] = (w.kind, w.id, w.name)
            elif prev[1] != w.id and k != full:
                doc.registry[k] = (w.kind, None, None)  # ambiguous
        if len(parts) >= 2 and not former and full in folded[w.start:w.end]:
            for k in keys[1:]:
                doc.surnames[k] = (w.kind, w.id, w.name)
        if w.kind == "name" and w.id not in doc.sides:
            side = side_in(" ".join(texts), rules)
            if side is not None:
                doc.sides[w.id] = side
        if w.kind == "name" and w.id not in doc.genders:
            gender = _gender_of(texts, rules)
            if gender is None and n == _first_person(mentions) and rules.near_name_pronouns:
                start = after.end() if after else w.end   # after "X, deputy governor of Y,"
                nxt = next((o.start for o in mentions[n + 1:] if o.start >= start),
                           len(folded))
                gender = _gender_of([folded[start:nxt]], rules, rules.near_name_pronouns)
            if gender is not None:
                doc.genders[w.id] = gender


def apposition_before(folded: str, at: int) -> re.Match | None:
    """``_APPOSITION_BEFORE.search(folded, 0, at)`` ("..., ministre de X, " before a name),
    searched only where it can start: its comma is the last character before the blanks
    that end ``folded[:at]``, its words at most 60 characters before that comma.

    Examples
    --------
    >>> apposition_before("le ministre, wang yi", 13).group(1)
    'le ministre'
    """
    k = len(folded[:at].rstrip())   # (str.isspace: the blanks of the pattern's \s)
    if k == 0 or folded[k - 1] != ",":
        return None
    return _APPOSITION_BEFORE.search(folded, max(0, k - 62), at)


def former_before(folded: str, at: int) -> bool:
    """True if a word of a past role ends ``folded[:at]`` ("l'ancien ", "former ", "ex-"):
    ``_FORMER_BEFORE.search(folded, 0, at)``, searched only where it can start.

    Examples
    --------
    >>> former_before("l'ancien premier ministre ", 9), former_before("le ministre ", 3)
    (True, False)
    """
    k = at
    while k > 0 and (folded[k - 1].isspace() or folded[k - 1] == "-"):
        k -= 1
    return bool(_FORMER_BEFORE.search(folded, max(0, k - _FORMER_LONGEST - 4), at))


def surname_variant(doc: DocState, who: Who) -> Who | None:
    """The person named in full before whose surname a one-word name is one edit away from
    ("M. Vorachit" after "Bounnhang Vorachith"), or None."""
    if who.kind != "name" or not who.name or " " in who.name.strip():
        return None
    key = fold_name(who.name)
    if len(key) < 5 or key in doc.surnames:
        return None
    for k, (kind, ident, name) in doc.surnames.items():
        if len(k) >= 5 and ident is not None and _one_edit(k, key):
            return Who(who.start, who.end, kind, ident, name, who.words)
    return None


def forget_headline_names(doc: DocState, known: int, cased: str) -> None:
    """Forget the people outside the actors file that a headline in title case (``cased``)
    named from ``doc.people[known]`` on: its capitals make names of verbs and nouns
    ("Visiting Chinese Minister Applauds Cambodians' Decision")."""
    words = [w for w in _WORDS.findall(cased) if len(w) > 3]
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return
    minted = {p[1] for p in doc.people[known:] if p[0] == "name"}
    if not minted:
        return
    doc.people[known:] = [p for p in doc.people[known:] if p[0] != "name"]
    for table in (doc.registry, doc.surnames):
        for key in [k for k, v in table.items() if v[1] in minted]:
            del table[key]


def _first_person(mentions: list[Who]) -> int:
    for n, w in enumerate(mentions):
        if w.kind in ("actor", "name"):
            return n
    return -1


def _gender_of(texts: list[str], rules: CueRules, patterns: dict | None = None) -> str | None:
    """The gender that the first text showing one shows, or None (none, or both)."""
    patterns = rules.gender_words if patterns is None else patterns
    for text in texts:
        found = {g for g, rx in patterns.items() if rx.search(text)}
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return None
