"""Who a statement's mention refers to: the speaker a name, a description or a pronoun
names, given what the document has established.

Used by :mod:`discourse.speakers.attributor`: a :class:`Speaker` is who speaks;
:func:`label` gives the speaker a mention names (a pronoun: its antecedent),
:func:`antecedent` the person a pronoun of a gender refers to (the last person who was a
subject, of that gender when it shows), :func:`pair_head` the person named first in a
pair (to whom a singular pronoun after the pair's statement refers).

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> doc = DocState(read_actors(), read_cue_rules()["en"], "en", "2024-10-10")
>>> label(doc, Who(0, 2, "actor", "xi_jinping"), None).side
'CN'
"""

from __future__ import annotations

from dataclasses import dataclass

from .doc_state import DocState, Who

__all__ = ["Speaker", "UNKNOWN", "JOINT", "NARRATOR", "label", "antecedent", "pair_head"]


@dataclass(frozen=True)
class Speaker:
    """Who speaks: an actor id (or a named speaker's slug), a display name and a side."""

    id: str
    name: str
    side: str | None


UNKNOWN = Speaker("unknown", "Unknown", None)
JOINT = Speaker("joint", "Joint", "joint")
NARRATOR = Speaker("narrator", "Narrator", None)


def antecedent(doc: DocState, gender: str | None, subject: Speaker | None,
                history: list[Speaker]) -> Speaker | None:
    """The person a pronoun of ``gender`` refers to.

    The last named subject, except: a feminine pronoun ("Elle a ajouté", "she said") after a
    subject not known to be a woman is the last named subject known to be a woman, if there
    is one; a masculine pronoun after a subject known to be a woman is the last named
    subject not known to be a woman; a pronoun of the other gender than the subject is
    known to have, with no such subject, is the last person named (subject or not) of its
    gender, else (English "she", never French "elle", often a country) the last one whose
    gender is not known. A gender that is not known is never guessed.
    """
    if gender is None or subject is None:
        return subject
    known = doc.gender(subject.id)
    if known == gender or (gender == "m" and known is None):
        return subject
    for cand in reversed(history):
        if doc.gender(cand.id) == gender:
            return cand
    if gender == "m":   # "il" after a woman: the last person not known to be a woman
        for cand in reversed(history):
            if doc.gender(cand.id) is None:
                return cand
    if known is not None:   # "she" after a man: the last person named, not only as a
        # subject ("X met Y. X said ... She thanked"), of that gender, else (where the
        # pronoun always means a person: not French "elle", often "la Chine") not known
        wants = (gender, None) if gender in doc.rules.near_name_pronouns else (gender,)
        for want in wants:
            for kind, ident, name, _ in reversed(doc.people):
                if ident is not None and ident != subject.id and doc.gender(ident) == want:
                    return label(doc, Who(0, 0, kind, ident, name), None)
    return subject


def label(doc: DocState, who: Who | None, antecedent: Speaker | None) -> Speaker:
    """The speaker a mention names (a pronoun: its ``antecedent``)."""
    if who is None or who.kind == "unknown":
        if who is not None and who.members[:1] == ("side",) and who.members[1]:
            return Speaker(UNKNOWN.id, UNKNOWN.name, who.members[1])   # "the Lao minister"
        return UNKNOWN
    if who.kind in ("joint", "plural"):
        return JOINT
    if who.kind == "pronoun":
        return antecedent if antecedent is not None else UNKNOWN
    if who.kind == "actor":
        actor = doc.actors[who.id]
        return Speaker(actor.id, actor.name, actor.side)
    return Speaker(who.id, who.name, doc.sides.get(who.id, "unknown"))


def pair_head(doc: DocState, who: Who | None) -> Speaker | None:
    """The person named first in a pair ("Wang Yi et son homologue X"), to whom a singular
    pronoun after the pair's statement refers, or None."""
    if who is None or who.kind != "joint" or not who.members or who.members[0] is None:
        return None
    for kind, ident, name, _ in reversed(doc.people):
        if ident == who.members[0]:
            return label(doc, Who(0, 0, kind, ident, name), None)
    return None
