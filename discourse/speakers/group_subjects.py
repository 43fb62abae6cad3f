"""Group subjects that no word list names, and what a group's modal verb makes of it.

Used by :mod:`discourse.speakers.cue_analysis`. A joint statement is one whose subject is a
group of both sides with a verb of shared speech or stance (CONVENTIONS.md). The joint
subjects of ``cues.yml`` ("the two sides", "les deux parties") are phrases;
:func:`group_subjects` finds the others by their structure, at the start of a sentence or of
its clause after an opener: a plural noun of people or of states
(``group_nouns``: "officials", "heads", "les responsables") with a sign that both sides are
in it before the verb (a coordinator, "two" / "both" / "deux", or "counterparts": "the
two foreign ministers", "the heads of defence of Cambodia and China", "Officials of A and
B", "Chinese and Ghanaian officials", "les responsables du Cambodge et leurs homologues
chinois"). Each is a mention of kind ``joint`` that ends where its verb starts, so that the
verb rules decide as for any group: shared speech is joint, meeting, signing and
attendance are the narrator's.

:func:`group_modal` tells what a group's modal verb makes of its statement: an obligation
("the two sides should", "les deux parties doivent") is what a speaker urges (that
speaker's words when one is speaking); a commitment ("will", "poursuivront") is the
group's, a joint statement outside a speaker's paragraph.

Examples
--------
>>> from discourse.speakers.cues import read_cue_rules
>>> rules = read_cue_rules()["en"]
>>> text = "the heads of defence of cambodia and china vowed to deepen ties."
>>> [text[w.start:w.end] for w in group_subjects(text, 0, rules, [], False)]
['the heads of defence of cambodia and china']
>>> group_modal("the two sides should deepen ties", 14, rules)
'obligation'
"""

from __future__ import annotations

import re

from ..lang import get_language, supported_languages, union_words
from .cues import CueRules
from .doc_state import Who
from .findings import Finding
from .phrases import fold

__all__ = ["group_subjects", "group_modal", "unshared_group"]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_ARTICLE = r"(?:(?:" + "|".join(w if w.endswith("'") else w + r"\s+"
                                 for w in union_words("definite_articles")) + r"))?"
#: A plural noun of people or states heading a group subject, after at most three words
#: ("the two foreign ministers", "Chinese and Ghanaian officials").
_GROUP = re.compile(_ARTICLE + r"(?:[\w'-]+\s+){0,3}?(?:" + _alt(union_words("group_nouns"))
                    + r")(?![\w'-])")
#: Signs that a group holds both sides: a coordinator, "two", "both", "counterparts".
_BOTH = re.compile(r"(?<![\w'-])(?:" + _alt(
    union_words("and_words") + union_words("pair_words") + union_words("counterpart_words"))
    + r")(?![\w'-])")
#: A clause opened by a comma and a coordinator ("X met Y, and the two officials agreed").
_CLAUSE = re.compile(r",\s*(?:" + _alt(union_words("clause_openers")) + r")\s+")
#: What ends a subject before its verb could be reached.
_BREAK = re.compile(r"[,;:«»\"“”]")
_SPACE = re.compile(r"\s+")
_OBLIGATION = re.compile(r"(?:" + _alt(union_words("obligation_modals")) + r")(?![\w'-])")
_COMMITMENT = re.compile(r"(?:" + _alt(union_words("commitment_modals")) + r")(?![\w'-])")
_FUTURE = re.compile(r"[\w'-]+(?:" + _alt(union_words("future_endings")) + r")(?![\w'-])"
                     ) if union_words("future_endings") else re.compile(r"(?!x)x")
#: How far a group subject may run before its verb.
_REACH = 120


def _lemmas(*keys: str) -> re.Pattern:
    """The lemmas of verb lists ``keys`` in every language ("hold talks", "signer"), as
    a pattern that matches one at the start of a text."""
    out = set()
    for code in supported_languages():
        data = get_language(code).data("cues")
        for key in keys:
            for v in data.get(key) or []:
                lemma = v.get("lemma", "") if isinstance(v, dict) else str(v)
                if lemma.strip() and lemma.split()[0] not in ("be", "être"):
                    out.add(fold(lemma.strip()))
    return re.compile(r"(?:" + _alt(out) + r")(?![\w'-])")


#: The base forms of the narrator's verbs ("will hold", "vont signer").
_SCENE_LEMMAS = _lemmas("scene_verbs", "travel_verbs", "meeting_verbs", "event_verbs")
#: What stands between a modal and its verb: at most two adverbs.
_ADVERBS = re.compile(r"\s+(?:(?:" + _alt(union_words("adverbs")) + r")\s+){0,2}")


def group_subjects(folded: str, base: int, rules: CueRules, mentions: list[Who],
                   opener: bool) -> list[Who]:
    """The group subjects (kind ``joint``) that open the sentence at ``base``, a clause
    after a comma and a coordinator ("X a rencontré Y, et les deux officiels ont accepté
    de ..."), or a clause after a comma when the sentence opens with an opener ("Lors de
    la réunion ..., les responsables du Cambodge et leurs homologues chinois ont ...");
    none where a joint
    mention already reaches the verb ("the leaders" of "the leaders of the two countries
    agreed" does not)."""
    starts = [base] + [m.end() for m in _CLAUSE.finditer(folded, base)]
    if opener:
        starts += [m.end() for m in re.finditer(r",\s*", folded[:base + 240])
                   if m.start() >= base][:4]
    out = []
    for start in starts:
        g = _GROUP.match(folded, start)
        if g is None:
            continue
        end = _verb_start(folded, g.end(), rules)
        if end is None or any(w.start == start and w.end >= end and w.kind in (
                "joint", "plural") for w in mentions):
            continue   # ("the two sides agreed": the joint subject already found)
        if _BOTH.search(folded, start, end) and not any(
                w.kind in ("actor", "name") and start <= w.start < end and
                folded[start:w.start].strip() == "" for w in mentions):
            out.append(Who(start, end, "joint"))
    return out


def _verb_start(folded: str, at: int, rules: CueRules) -> int | None:
    """Where the verb of a group subject whose head noun ends at ``at`` starts (the blank
    before it), or None if no verb follows before a break."""
    stop = min(len(folded), at + _REACH)
    b = _BREAK.search(folded, at, stop)
    stop = b.start() if b else stop
    for m in _SPACE.finditer(folded, at, stop):
        p = m.start()
        if (rules.link_vp.match(folded, p) or rules.link_scene.match(folded, p)
                or rules.meeting_vp.match(folded, p) or rules.travel_vp.match(folded, p)):
            return p
        after = rules.link.match(folded, p).end()
        if rules.shared_vp.match(folded, after) or rules.past_verb.match(folded, after) or \
                group_modal(folded, after, rules) is not None:
            return p
    return None


def group_modal(folded: str, after: int, rules: CueRules) -> str | None:
    """'obligation' if a group's verb at ``after`` is one of obligation ("should", "need
    to", "doivent"), 'commitment' if it is a commitment or a future ("will", "vont",
    "poursuivront"), 'scene' if the verb after the modal is one of the narrator's ("will
    hold", "vont signer"), else None."""
    m = _OBLIGATION.match(folded, after) or _COMMITMENT.match(folded, after)
    if m:
        if _SCENE_LEMMAS.match(folded, _ADVERBS.match(folded, m.end()).end()):
            return "scene"   # "the two ministers will also hold a dialogue": narration
        return "obligation" if _OBLIGATION.match(folded, after) else "commitment"
    if _FUTURE.match(folded, after):
        return "commitment"
    return None


def unshared_group(f: Finding, new_par: bool, after_speaker: bool) -> Finding:
    """What a group subject's statement is, given where it stands (``after_speaker``: the
    previous statement is a speaker's).

    A group subject without a verb of shared speech or stance ("The two countries have
    deepened mutual trust", "Les deux pays ont mis en place ...", "The two sides will
    ..."): inside a speaker's paragraph it goes on with that speaker's words (no cue of its
    own); so does a group's obligation ("The two sides should ...") opening the paragraph
    after a speaker's (what that speaker urges). Otherwise it stays a joint act, as the
    self-written sets label "the two sides issued a joint statement", "the leaders adopted
    the declaration".

    Examples
    --------
    >>> f = Finding("joint", weight="joint_act", modal="obligation")
    >>> unshared_group(f, True, True).cue is None, unshared_group(f, True, False).cue
    (True, 'joint')
    """
    if f.cue != "joint" or f.shared:
        return f
    if after_speaker and (not new_par or f.modal == "obligation"):
        return Finding(None, background=f.background, speech=f.modal is not None)
    return f
