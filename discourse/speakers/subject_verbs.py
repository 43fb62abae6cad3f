"""The finite verb of a person subject: the subject rule's verb.

Used by :mod:`discourse.speakers.cue_analysis`: :func:`subject_verb` finds the verb of a
person subject (after its link, after a relative clause left open, or a verb in the
present tense that stands right after the subject: "Mr Zhang intends to ...", "M. X juge
..."), :func:`main_verb` the reporting verb after a relative clause and its comma, and
:func:`relative_clause` the span of a relative clause whose names are not subjects.

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> from discourse.speakers.doc_state import DocState
>>> doc = DocState(read_actors(), read_cue_rules()["en"], "en", "2024-10-10")
>>> text = "mr zhang intends to ask"
>>> w = Who(0, 8, "name", "zhang", "Zhang", frozenset({"mr"}))
>>> subject_verb(Statement(doc, text, 0, [w], False), w, 9).group()
'intends'
"""

from __future__ import annotations

import re

from ..lang import union_words
from .doc_state import Who
from .findings import Statement

__all__ = ["subject_verb", "main_verb", "relative_clause", "later_subject", "joint_clause"]

_COMMA = re.compile(r"\s*,")
#: A coordinator that opens a new clause after a comma (", and", ", et", ", but").
#: A word that opens a clause with its own subject (", with both sides pledging").
_OPENER_BEFORE = re.compile(r"(?<![\w'-])(?:" + "|".join(union_words("clause_openers"))
                            + r")\s+$")
_COMMA_AND = re.compile(r",\s*(?:" + "|".join(union_words("conjunctions")) + r")\s+$")
_RELATIVE = re.compile(r"\s*,\s*(?:" + "|".join(union_words("relative_pronouns")) + r")\s+\S+")


def subject_verb(st: Statement, w: Who, after: int) -> re.Match | None:
    """The finite verb of the subject ``w``: after its link, a verb in the present tense
    right after the subject (no comma between: "Mr Zhang intends", "M. X juge"; the
    language's ``present_endings``), or after a relative clause left without its closing
    comma ("Xi Jinping, qui se déplace avec ... a redit"), unless that verb is the
    narrator's."""
    rules, folded = st.rules, st.folded
    verb = rules.subject_verb.match(folded, after)
    if verb is None and rules.present_verb is not None and "," not in folded[
            w.end:after] and _a_person(w, rules):
        verb = rules.present_verb.match(folded, after)   # "Mr Zhang intends", "M. X juge"
        if verb is not None and (not st.cased or st.cased[verb.start()].islower()):
            return verb   # (a capital: a name's word, "République Populaire de Chine")
        verb = None
    rel = None if verb else _RELATIVE.match(folded, w.end)
    if rel is None:
        return verb
    verb = rules.subject_verb.search(folded, rel.end(), min(len(folded), rel.end() + 200))
    if verb is None or rules.link_scene.match(folded, verb.start()) or "," in folded[
            rel.end():verb.start()]:
        return main_verb(st, rel.end())
    return verb


def _a_person(w: Who, rules) -> bool:
    """True if ``w`` is surely a person: an actor, a name with a title ("Mr Zhang"), a
    description or a pronoun (a capitalised run alone may be a place: "Ream Naval Base
    lies ...")."""
    return w.kind in ("actor", "pronoun") or bool(w.words & rules.title_words)


def main_verb(st: Statement, at: int) -> re.Match | None:
    """The reporting verb that follows a relative clause and its closing comma ("X, qui
    recevait ..., le ministre Y, à Abidjan, a réitéré"), or None."""
    for m in _COMMA.finditer(st.folded, at, min(len(st.folded), at + 300)):
        vp = st.rules.vp.match(st.folded, m.end() + (st.folded[m.end():m.end() + 1] == " "))
        if vp:
            return vp
    return None


def relative_clause(st: Statement, w: Who) -> tuple[int, int]:
    """The span of a relative clause after the subject ``w`` that ends before the subject's
    reporting verb (the names inside it are not subjects), or (0, 0)."""
    rel = _RELATIVE.match(st.folded, w.end)
    verb = rel and not st.rules.subject_verb.match(st.folded, rel.end()) and main_verb(
        st, rel.end())
    return (rel.start(), verb.start()) if verb else (0, 0)


def later_subject(st: Statement, after: int) -> Who | None:
    """The person who is the subject of the last clause opened by a comma and a coordinator
    after offset ``after`` ("Xi s'est engagé ..., et M. Y, dans son discours, a salué ...":
    Y), with a verb of the subject rule; None if there is none. A later pronoun refers to
    that person (the last person who was a subject)."""
    rules, folded = st.rules, st.folded
    found = None
    for w in st.mentions:
        if w.start < after or w.kind not in ("actor", "name"):
            continue
        if not _COMMA_AND.search(folded, max(st.base, w.start - 12), w.start):
            continue
        at = rules.link.match(folded, w.end).end()
        if rules.link_vp.match(folded, w.end) or rules.subject_verb.match(folded, at):
            found = w
    return found


def joint_clause(st: Statement, after: int) -> Who | None:
    """A group (a joint subject: "both sides", "les deux responsables") that opens a clause
    after offset ``after`` with a verb of speech or commitment ("X met Y, with both sides
    pledging to ...", "X a rencontré Y, et les deux officiels ont accepté de ..."), or
    None: the meeting sentence goes on with a joint statement (rule 2)."""
    rules, folded = st.rules, st.folded
    for w in st.mentions:
        if w.start < after or w.kind not in ("joint", "plural"):
            continue
        if not _OPENER_BEFORE.search(folded, max(after, w.start - 16), w.start):
            continue
        at = rules.link.match(folded, w.end).end()
        if rules.link_vp.match(folded, w.end) or rules.shared_vp.match(folded, at) or \
                rules.gerund.match(folded, at):
            return w
    return None
