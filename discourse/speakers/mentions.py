"""Who a statement mentions: actors, other named people, pronouns, descriptions, groups.

Used by :mod:`discourse.speakers.attribution`. :func:`find_mentions` puts together the
actors' aliases (:class:`~discourse.speakers.actors.Actors`), the other named people
(:mod:`discourse.speakers.names`), groups of people ("Xi et Hun Manet"), joint subjects and
pronouns, and descriptions (:mod:`discourse.speakers.descriptions`), against what the
document has introduced so far (:class:`~discourse.speakers.doc_state.DocState`).

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> from discourse.speakers.doc_state import DocState
>>> doc = DocState(read_actors(), read_cue_rules()["en"], "en", "2024-10-10")
>>> ws = find_mentions("Thai Prime Minister Paetongtarn Shinawatra said so.", doc)
>>> [(w.kind, w.id, w.name) for w in ws]
[('name', 'paetongtarn_shinawatra', 'Paetongtarn Shinawatra')]
"""

from __future__ import annotations

from operator import attrgetter

from ..text.normalize import normalize_text
from .cues import GLUE_WORDS
from .descriptions import find_descriptors, pair_descriptors
from .doc_scan import Hits
from .doc_state import DocState, Who, fold_name
from .names import find_names, full_name, title_start

__all__ = ["find_mentions", "in_context"]

_GLUE = GLUE_WORDS
_START = attrgetter("start")


def find_mentions(text: str, doc: DocState, *, cased: str | None = None,
                  folded: str | None = None, hits: Hits | None = None) -> list[Who]:
    """All mentions in ``text`` (offsets into the NFC working copy), in text order.

    ``hits``: the statement's hits from its document's scan
    (:func:`~discourse.speakers.doc_scan.scan_document`, with ``cased`` and ``folded``);
    None looks for every pattern in the statement itself (the same mentions).

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.cues import read_cue_rules
    >>> from discourse.speakers.doc_state import DocState
    >>> doc = DocState(read_actors(), read_cue_rules()["fr"], "fr", "2024-12-03")
    >>> [w.kind for w in find_mentions("Il a dit que les deux parties et Xi...", doc)]
    ['pronoun', 'joint', 'actor']
    """
    rules = doc.rules
    cased = cased if cased is not None else normalize_text(text, lower=False).norm
    folded = folded if folded is not None else normalize_text(text, fold_accents=True).norm
    found = []
    matches, day = None if hits is None else hits.actors, doc.mention_date()
    for m in doc.actors.find_mentions(cased, lang=doc.lang, date=day, folded=folded,
                                      matches=matches) if matches != [] else ():
        kind, ident, name = in_context(m.actor, m.candidates, m.text, doc)
        found.append(Who(m.start, m.end, kind, ident, name))
    merged: list[Who] = []
    for w in found:  # "le président chinois Xi Jinping" is one mention
        if merged and merged[-1].id == w.id and not folded[merged[-1].end:w.start].strip():
            merged[-1].end = w.end
        else:
            merged.append(w)
    for i, w in enumerate(merged):
        merged[i] = full_name(w, cased, folded, doc)
    for w in merged:
        start = title_start(folded, w.start, rules, cased)
        w.words = frozenset(folded[start:w.end].split()) - _GLUE
        w.start = start
    taken = [(w.start, w.end) for w in merged]
    people = sorted(merged + find_names(cased, folded, doc, taken,
                                        None if hits is None else hits.runs),
                    key=_START)
    out = list(people)
    if len(people) > 1:
        out.extend(_groups(people, folded, rules))
    spans = [(w.start, w.end) for w in people]
    for kind, found in _subjects(folded, rules, hits):
        for s0, e0, word in found:
            if not any(s <= s0 < e for s, e in spans):
                out.append(Who(s0, e0, kind, gender=rules.pronoun_gender.get(word)))
    if hits is not None:
        descriptors = find_descriptors(cased, folded, rules, spans, hits.descriptors) \
            if hits.descriptors else []
        if descriptors:
            out.extend(descriptors + pair_descriptors(folded, rules, people, descriptors))
    elif rules.descriptor_words is None or rules.descriptor_words.may_match(folded):
        descriptors = find_descriptors(cased, folded, rules, spans)   # (else: none to find)
        out.extend(descriptors + pair_descriptors(folded, rules, people, descriptors))
    out.sort(key=lambda w: (w.start, -w.end))
    return out


def _subjects(folded: str, rules, hits: Hits | None) -> list[tuple[str, list]]:
    """(kind, [(start, end, words)]) of the joint subjects, pronouns and plural pronouns."""
    if hits is not None:
        return [("joint", hits.joint), ("pronoun", hits.pronouns), ("plural", hits.plural)]
    return [(kind, [(m.start(), m.end(), m.group()) for m in rx.finditer(folded)])
            for rx, kind in ((rules.joint, "joint"), (rules.pronouns, "pronoun"),
                             (rules.plural_pronouns, "plural"))]


def _groups(people: list[Who], folded: str, rules) -> list[Who]:
    """The groups of people named together ("Xi et Hun Manet ont...", "A, B and C")."""
    out = []
    for i, a in enumerate(people):  # "Xi et Hun Manet ont...", "A, B and C attended"
        group = [a]
        for b in people[i + 1:]:
            gap = folded[group[-1].end:b.start]
            if rules.coordinators.fullmatch(gap) or (gap.strip() == "," and len(group) < 6):
                group.append(b)
                if rules.coordinators.fullmatch(gap):
                    break
            else:
                break
        if len(group) > 1 and rules.coordinators.fullmatch(
                folded[group[-2].end:group[-1].start]) and len({g.id for g in group}) > 1:
            out.append(Who(a.start, group[-1].end, "joint",
                           members=tuple(g.id for g in group)))
    return out


def in_context(actor: str, candidates: tuple, text: str, doc: DocState) -> tuple:
    """The person an alias shared by several ``candidates`` names in this document, as
    ``(kind, id, name)``: an actor, or a person the actors file does not hold.

    The one the document named last (in full, or by an alias of theirs alone); else the
    person the document last named in full with the surname the alias shares with its
    candidates ("M. Li" after "Li Zhanshu", when the actors file gives "M. Li" to Li Qiang
    and Li Keqiang only); else the one in office on the document's date (already chosen as
    ``actor`` by :meth:`~discourse.speakers.actors.Actors.find_mentions`); when the document
    gives no way to decide, the case is recorded in ``doc.ambiguous`` (alias, candidates ->
    actor taken; :mod:`discourse.speakers.ambiguity` sums them up).

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.cues import read_cue_rules
    >>> doc = DocState(read_actors(), read_cue_rules()["fr"], "fr", None)
    >>> doc.people.append(("actor", "li_keqiang", "Li Keqiang", frozenset()))
    >>> in_context("li_qiang", ("li_qiang", "li_keqiang"), "M. Li", doc)
    ('actor', 'li_keqiang', 'Li Keqiang')
    """
    if candidates:
        for _, ident, _, _ in reversed(doc.people):
            if ident in candidates:
                return "actor", ident, doc.actors[ident].name
        named = doc.surnames.get(_surname(text, candidates, doc))
        if named is not None and named[1] is not None:
            return named   # "M. Li" after "Li Zhanshu", or after "Li Hui"
        doc.ambiguous.setdefault((text, candidates), actor)   # summed up once per run
    return "actor", actor, doc.actors[actor].name


def _surname(text: str, candidates: tuple, doc: DocState) -> str | None:
    """The one word of an alias that every candidate's name holds ("li" of "M. Li" for
    Li Qiang and Li Keqiang), or None."""
    shared = set(fold_name(text).split())
    for ident in candidates:
        shared &= set(fold_name(doc.actors[ident].name).split())
    return shared.pop() if len(shared) == 1 else None
