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

from functools import lru_cache

from ..lang import union_words
from .cues import GLUE_WORDS, CueRules, side_in
from .doc_state import DocState, Who
from .names import DEMONYM_WORD

__all__ = ["find_descriptors", "resolve_descriptor"]

_DEMONYM_RX = DEMONYM_WORD
_GLUE = GLUE_WORDS
_INDEFINITE = frozenset(union_words("indefinite_articles"))


def find_descriptors(cased: str, folded: str, rules: CueRules, spans: list) -> list[Who]:
    """The descriptions of people in a statement, outside the ``spans`` of named people.

    A description holds a title word; without an article it must start with a capital
    ("Premier ministre Hun Manet" is a name's title, "premier" alone is not). An indefinite
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
    for m in rules.descriptor.finditer(folded):
        s, e = m.start(), m.end()
        body = set(m.group("body").replace("-", " ").split())
        if any(s < pe and ps < e for ps, pe in spans) or not (body & rules.title_words):
            continue
        if not m.group("art") and not cased[m.start("body")].isupper():
            continue
        words = frozenset((body | set((m.group("tail") or "").split())) - _GLUE)
        out.append(Who(s, e, "descriptor", words=words,
                       members=("indefinite",) if (m.group("art") or "").strip()
                       in _INDEFINITE else ()))
    return out


def resolve_descriptor(doc: DocState, who: Who, gender: str | None = None) -> Who | None:
    """The person a description ("le ministre", "the King") refers to, or None.

    The most recent person whose title words best match the description: a title word in
    common counts two, and so does a title word that the description's general noun covers
    ("le diplomate" covers an ambassador or a spokesperson, ``description_heads``); a
    demonym that matches a country word ("chinois" and "de Chine") counts one. A person of
    another side than the description's demonym, or known to be of another ``gender`` than
    the description shows ("la ministre": 'f'), is never it.
    """
    if who.members == ("indefinite",):
        return None
    heads = doc.rules.description_heads
    covered: set = set()
    for w in who.words:
        covered |= heads.get(w, frozenset())
    for a, b in zip(sorted(who.words), sorted(who.words)[1:]):
        covered |= heads.get(f"{a} {b}", frozenset())
    demonyms = [w for w in who.words if _DEMONYM_RX.match(w)]
    wanted = side_in(" ".join(sorted(who.words)), doc.rules)
    best, best_score = None, 0
    for kind, ident, name, words in reversed(doc.people):
        side = doc.side(ident)
        if wanted is not None and side is not None and side != wanted:
            continue   # "the Cambodian leader" is nobody of another side
        if gender is not None and doc.gender(ident) not in (None, gender):
            continue   # "la Ministre" is no man
        if kind == "actor":
            words = words | doc.actor_words(ident)
        words = _bare(words)
        common = who.words & words
        score = 2 * len(common - set(demonyms)) + len(common & set(demonyms))
        score += wanted is not None and side == wanted   # "le ministre cambodgien": a Cambodian
        score += 2 * bool(covered & words)
        for d in demonyms:
            if d not in common and any(len(x) >= 4 and x[:4] == d[:4] and not
                                       _DEMONYM_RX.match(x) for x in words):
                score += 1
        if score > best_score:
            best, best_score = (kind, ident, name), score
    if best is None:
        return None
    return Who(who.start, who.end, best[0], best[1], best[2])


@lru_cache(maxsize=4096)
def _bare(words: frozenset) -> frozenset:
    """Words without elided articles ("l'ambassadeur" -> "ambassadeur")."""
    if not any("'" in w for w in words):
        return words
    return frozenset(w.split("'", 1)[1] if w[:2] in ("l'", "d'") else w for w in words)
