"""Descriptions of people: "le ministre", "the Thai Prime Minister", "le diplomate chinois".

:func:`find_descriptors` finds the descriptions in a statement (an article, title words and
demonyms, "of X"); :func:`resolve_descriptor` tells which person of the document a
description refers to: the most recent one whose title words fit it best.

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> doc = DocState(read_actors(), read_cue_rules()["fr"], "fr", "2024-12-03")
>>> text = "le ministre thai du tourisme"
>>> [sorted(w.words) for w in find_descriptors(text, text, doc.rules, [])]
[['ministre', 'thai', 'tourisme']]
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import union_words
from .actors import slug_name
from .cues import GLUE_WORDS, CueRules, side_in
from .doc_state import DocState, Who
from .names import DEMONYM_WORD
from .phrases import fold

__all__ = ["find_descriptors", "pair_descriptors", "resolve_descriptor", "note_meeting",
           "as_institution", "side_person"]

_DEMONYM_RX = DEMONYM_WORD
_GLUE = GLUE_WORDS
_INDEFINITE = frozenset(union_words("indefinite_articles"))
_COUNTERPART = frozenset(fold(w) for w in union_words("counterpart_words"))
_HOST = frozenset(fold(w) for w in union_words("host_words"))
_GUEST = frozenset(fold(w) for w in union_words("guest_words"))
#: A possessive before a description ("son homologue", "his counterpart").
_POSSESSIVE = re.compile(r"(?<![\w'-])(?:" + "|".join(union_words("possessives")) + r")\s+")
_OF_TAIL = re.compile(r"\s+(?:" + "|".join(union_words("of_words")) + r")\s+(?:(?:" + "|".join(
    union_words("definite_articles")) + r")\s*)?[\w'-]+")
_DEPUTY = frozenset(fold(w) for w in union_words("deputy_words"))
_ARTICLE = re.compile(r"^\s*(?:" + "|".join(w if w.endswith("'") else w + r"\s+"
                                            for w in union_words("definite_articles")) + ")")
_POSSESSIVES = frozenset(union_words("possessives"))
#: The rest of a description before the name in apposition to it (" et ministre des
#: Affaires étrangères, ").
_APPOSED_NAME = re.compile(r"[^,;:«»\"()]{0,60},\s*")
_POSSESSIVE_END = re.compile(_POSSESSIVE.pattern + "$")
_SIDE_NOUNS = frozenset(fold(w) for w in union_words("side_nouns"))
_INSTITUTION = frozenset(fold(w) for w in union_words("institution_words"))
#: A passive verb and its agent after a subject ("was received by", "a été reçu par").
_PASSIVE = re.compile(r"\s+(?:" + "|".join(fold(w) for w in union_words("passive_auxiliaries"))
                      + r")\s+"
                      r"[\w'-]+\s(?:[^,;:.]{0,60}?\s)?(?:" + "|".join(
                          union_words("agent_words")) + r")\s")
#: Title words that do not make a description a person's ("the Foreign Ministry").
_NOT_PERSON = _INSTITUTION | frozenset(fold(w) for w in union_words("institution_modifiers"))


def descriptor_hits(matches, shift: int = 0) -> list[tuple]:
    """(start, end, article, body, tail, body start) of each description match, its offsets
    less ``shift``.

    Examples
    --------
    >>> rx = re.compile(r"(?P<art>le )?(?P<body>ministre)(?P<tail> chinois)?")
    >>> descriptor_hits(rx.finditer("le ministre"))
    [(0, 11, 'le ', 'ministre', None, 3)]
    """
    return [(m.start() - shift, m.end() - shift, m.group("art"), m.group("body"),
             m.group("tail"), m.start("body") - shift) for m in matches]


def find_descriptors(cased: str, folded: str, rules: CueRules, spans: list,
                     hits: list | None = None) -> list[Who]:
    """The descriptions of people in a statement, outside the ``spans`` of named people.

    A description holds a title word; without an article it must start with a capital
    ("Premier ministre Hun Manet" is a name's title, "premier" alone is not) or follow a
    possessive ("son homologue"). An indefinite
    description ("un ministre") is marked with ``members=("indefinite",)``: it never refers
    back to somebody.

    Examples
    --------
    >>> from discourse.speakers.cues import read_cue_rules
    >>> w = find_descriptors("un diplomate", "un diplomate", read_cue_rules()["fr"], [])[0]
    >>> w.kind, w.members
    ('descriptor', ('indefinite',))
    """
    out = []
    for s, e, art, body, tail, body_start in (
            hits if hits is not None else descriptor_hits(rules.descriptor.finditer(folded))):
        body = set(body.replace("-", " ").split())
        if any(s < pe and ps < e for ps, pe in spans) or not (body & rules.title_words):
            continue
        titles = (body - _POSSESSIVES) & rules.title_words
        if not titles:
            continue   # "his" alone
        words = frozenset((body | set((tail or "").split())) - _GLUE)
        if titles <= _SIDE_NOUNS and not any(_DEMONYM_RX.match(w) for w in words):
            continue   # "the north side": a side is a person's only with its country
        possessive = _POSSESSIVE.match(folded, s) or _POSSESSIVE_END.search(
            folded, max(0, s - 8), s)   # "son homologue", "his counterpart"
        if not art and not cased[body_start].isupper() and not possessive:
            continue
        out.append(Who(s, e, "descriptor", words=words,
                       members=("indefinite",) if (art or "").strip()
                       in _INDEFINITE else ()))
    return out


def pair_descriptors(folded: str, rules: CueRules, people: list[Who],
                     descriptors: list[Who]) -> list[Who]:
    """Two people joined by a coordinator of whom one at least is described ("le ministre
    chinois et son homologue cambodgien", "Wang Yi and his Cambodian counterpart"): one
    ``joint`` mention (a view they share is a joint statement, CONVENTIONS.md).

    The description after the coordinator starts with an article or a possessive ("le
    vice-Premier ministre et ministre de l'Intérieur" is one person's coordinated title).

    Examples
    --------
    >>> from discourse.speakers.cues import read_cue_rules
    >>> rules, text = read_cue_rules()["en"], "the chinese minister and his counterpart"
    >>> [w.kind for w in pair_descriptors(text, rules, [], find_descriptors(
    ...     text, text, rules, []))]
    ['joint']
    """
    out = []
    found = sorted((w for w in people + descriptors if w.members != ("indefinite",)),
                   key=lambda w: w.start)
    for a, b in zip(found, found[1:]):
        if "descriptor" not in (a.kind, b.kind) or not rules.coordinators.fullmatch(
                folded[a.end:b.start]):
            continue
        if b.kind == "descriptor" and not (_ARTICLE.match(folded[b.start:b.end])
                                           or _POSSESSIVE.match(folded, b.start)):
            continue
        c = next((p for p in people if p.start >= b.end and _APPOSED_NAME.fullmatch(
            folded, b.end, p.start)), None) if b.kind == "descriptor" else None
        # "A, et le vice-Premier ministre cambodgien, B, se sont engagés": the pair ends
        # with the name in apposition to the second description.
        out.append(Who(a.start, b.end, "joint", members=(a.id, b.id)) if c is None else
                   Who(a.start, c.end, "joint", members=(a.id, c.id)))
    return out


def resolve_descriptor(doc: DocState, who: Who, gender: str | None = None, *,
                       phrase: str = "") -> Who | None:
    """The person a description ("le ministre", "the King") refers to, or None.

    The description's side is its demonym ("le ministre cambodgien"), or for a counterpart
    ("son homologue", "his counterpart") the other side than the last speaker's; "the host"
    and "the guest" are the meeting's (:func:`note_meeting`). The most recent person of
    that side whose title words best match the description wins: a title word in common
    counts two, and so does a title word that the description's general noun covers ("le
    diplomate" covers an ambassador or a spokesperson, ``description_heads``); a demonym
    that matches a country word ("chinois" and "de Chine") counts one. A person of another
    side, or known to be of another ``gender`` than the description shows ("la ministre":
    'f'), is never it. A description of a side that nobody of the document holds yet, and
    an institution ("the Ministry said"), is an unknown person of that side (a mention of
    kind ``unknown`` with ``members=("side", side)``).
    """
    if who.members == ("indefinite",):
        return None
    words = who.words
    wanted = side_in(" ".join(sorted(words)), doc.rules)
    if words & (_HOST | _GUEST) and not words & _COUNTERPART:
        met = doc.host if words & _HOST else doc.guest
        if met is not None and (wanted is None or doc.side(met[1]) in (None, wanted)):
            return Who(who.start, who.end, met[0], met[1], met[2])
    other = None
    if words & _COUNTERPART and doc.last_side not in (None, "joint"):
        other = doc.last_side
    if words & _INSTITUTION and not (words & doc.rules.title_words) - _INSTITUTION - \
            _NOT_PERSON - {w for w in words if _DEMONYM_RX.match(w)}:
        return _institution(doc, who, _ARTICLE.sub("", phrase).strip(), wanted)
    if words & _SIDE_NOUNS and doc.last_speaker is not None and doc.last_side in (
            wanted, "unknown"):   # "the Chinese side" in a Chinese speaker's account
        for kind, ident, name, _ in reversed(doc.people):
            if ident == doc.last_speaker:
                return Who(who.start, who.end, kind, ident, name)
    best = _best_person(doc, who, gender, wanted, other)
    if best is None:
        if wanted is None or doc.last_side in (wanted, "unknown"):
            return None   # the last subject, who may be of that side ("le diplomate")
        return Who(who.start, who.end, "unknown", members=("side", wanted))
    return Who(who.start, who.end, best[0], best[1], best[2])


def _best_person(doc: DocState, who: Who, gender: str | None, wanted: str | None,
                 other: str | None) -> tuple | None:
    """(kind, id, name) of the person of side ``wanted`` (not of side ``other``) whose
    title words best match the description, or None."""
    covered = _covered(doc.rules.description_heads, who.words)
    demonyms = [w for w in who.words if _DEMONYM_RX.match(w)]
    counterpart = other is not None
    best, best_score = None, 0
    # Each person once, most recently named first, with the title words of all their
    # mentions ("President X ... X said ... the president": X); a strictly higher score wins.
    for kind, ident, name, words in _people_by_recency(doc):
        side = doc.side(ident)
        if wanted is not None and side is not None and side != wanted:
            continue   # "the Cambodian leader" is nobody of another side
        if other is not None and side == other:
            continue   # "his counterpart" is of the other side
        if gender is not None and doc.gender(ident) not in (None, gender):
            continue   # "la Ministre" is no man
        if kind == "actor":
            words = words | doc.actor_words(ident)
        words = _bare(words)
        common = who.words & words
        score = 2 * len(common - set(demonyms)) + len(common & set(demonyms))
        score += wanted is not None and side == wanted   # "le ministre cambodgien": a Cambodian
        score += 2 * bool(covered & words) + (counterpart and side is not None)
        if _deputy(words) != _deputy(who.words):
            score -= 1 if _deputy(words) else 3   # "le Premier ministre": not the
            #                                       vice-premier; "le vice-Premier ministre":
            #                                       not the premier
        for d in demonyms:
            if d not in common and any(len(x) >= 4 and x[:4] == d[:4] and not
                                       _DEMONYM_RX.match(x) for x in words):
                score += 1
        if score > best_score:
            best, best_score = (kind, ident, name), score
    return best


_HEADS: dict = {}


def _covered(heads: dict, words: frozenset) -> frozenset:
    """The title words that the general nouns of a description cover: those of each key
    of ``description_heads`` whose words (without glue words and elided articles: "chef
    de l'État", "senior official") are all among the description's ``words``."""
    keyed = _HEADS.get(id(heads))
    if keyed is None or keyed[0] is not heads:
        keyed = _HEADS[id(heads)] = (heads, [
            (_bare(frozenset(k.split()) - _GLUE), v) for k, v in heads.items()])
    words = _bare(words)
    out: set = set()
    for key, titles in keyed[1]:
        if key <= words:
            out |= titles
    return frozenset(out)


def side_person(doc: DocState, side: str) -> Who | None:
    """The person who speaks for ``side`` when the side itself is the subject ("Cambodia
    expects ...", CONVENTIONS.md: the side's principal speaker): the last speaker if of
    that side, else the person of that side named most recently who is not a deputy, else
    any person of that side; None if the document names nobody of it."""
    if doc.last_speaker is not None and doc.last_side == side:
        for kind, ident, name, _ in reversed(doc.people):
            if ident == doc.last_speaker:
                return Who(0, 0, kind, ident, name)
    best = _best_person(doc, Who(0, 0, "descriptor"), None, side, None)
    if best is None:
        best = next((p[:3] for p in _people_by_recency(doc) if doc.side(p[1]) == side), None)
    return None if best is None else Who(0, 0, *best)


def _people_by_recency(doc: DocState) -> list[tuple]:
    """(kind, id, name, words) of each person of the document once, the most recently
    named first, ``words`` the title words of all their mentions."""
    order: dict = {}
    for kind, ident, name, words in reversed(doc.people):
        key = (kind, ident, name)
        order[key] = order[key] | words if key in order else words
    return [(*key, words) for key, words in order.items()]


def note_meeting(doc: DocState, subject: Who, people: list[Who], travel: bool,
                 folded: str = "") -> None:
    """Record the host and the guest of the document's first meeting: the subject of "X
    received / met Y" is the host, of "X visited / paid a call on Y" or "X was received by
    Y" / "X a été reçu par Y" (``folded``: the statement) the guest; a person called
    "visiting" is the guest."""
    if doc.host is not None or subject.kind not in ("actor", "name"):
        return
    travel = travel or bool(folded and _PASSIVE.match(folded, subject.end))
    others = [p for p in people if p.kind in ("actor", "name") and p.id != subject.id]
    if not others:
        return
    guest_first = travel or bool(subject.words & _GUEST)
    a, b = (others[0], subject) if guest_first else (subject, others[0])
    doc.host, doc.guest = (a.kind, a.id, a.name), (b.kind, b.id, b.name)


def as_institution(doc: DocState, who: Who, folded: str) -> Who | None:
    """An institution the name finder took for a person ("National People's Congress of
    China has lauded ...", "the Liaison Department"), as :func:`_institution` makes it, or
    None if ``who`` is not one."""
    if who.kind != "name" or not who.name:
        return None
    words = _name_words(who.name)
    if not words or words[-1] not in _INSTITUTION:
        return None
    tail = _OF_TAIL.match(folded, who.end)   # "... Congress of China"
    end = tail.end() if tail else who.end
    side = side_in(folded[who.start:end], doc.rules)
    return _institution(doc, Who(who.start, end, "unknown", words=who.words), who.name, side)


def _institution(doc: DocState, who: Who, name: str, side: str | None) -> Who:
    """An institution that speaks: itself (its name, its side: "the Indonesian Foreign
    Ministry said"), except in a readout that has named nobody yet, where it stands for the
    person of its side named next (a lead: "National People's Congress of China has lauded
    ..., said X"; an unknown person of that side until then)."""
    if not doc.people or not name:
        return Who(who.start, who.end, "unknown", words=who.words, members=("side", side))
    ident = slug_name(name)
    if side is not None:
        doc.sides.setdefault(ident, side)
    return Who(who.start, who.end, "name", ident, " ".join(w.capitalize() if w.islower()
                                                            else w for w in name.split()),
               members=("institution",))   # (no pronoun refers to it: attributor)


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name (cached: a document names the same people again)."""
    return tuple(fold(name).split())


@lru_cache(maxsize=4096)
def _deputy(words: frozenset) -> bool:
    """True if the title words make a deputy ("vice-premier", "deputy")."""
    return any(w in _DEPUTY or w.split("-", 1)[0] in _DEPUTY for w in words)


@lru_cache(maxsize=4096)
def _bare(words: frozenset) -> frozenset:
    """Words without elided articles ("l'ambassadeur" -> "ambassadeur")."""
    if not any("'" in w for w in words):
        return words
    return frozenset(w.split("'", 1)[1] if w[:2] in ("l'", "d'") else w for w in words)
