"""What the cue analysis of a statement works on and gives back.

:class:`Statement` is one statement under analysis (its folded copy, where its text starts
after a dateline, its mentions); :class:`Finding` is what the statement shows about its
speaker, as :func:`discourse.speakers.cue_analysis.analyse_statement` returns it and
:mod:`discourse.speakers.attributor` reads it; a :data:`Candidate` is one mention's
decision; :data:`CONFIDENCE` gives the confidence of each kind of decision.

Examples
--------
>>> Finding("inverted", weight="inverted").cue, CONFIDENCE["inverted"]
('inverted', 0.93)
"""

from __future__ import annotations

from dataclasses import dataclass

from .cues import CueRules
from .doc_state import DocState, Who

__all__ = ["CONFIDENCE", "Span", "Finding", "Statement", "Candidate"]

#: Confidence of each kind of decision (carried decays with the distance to its cue).
CONFIDENCE = {
    "explicit": 0.95, "subject": 0.8, "inverted": 0.93, "participial": 0.9, "pronoun": 0.85,
    "inverted_pronoun": 0.85, "joint": 0.9, "joint_act": 0.85, "narrator_marker": 0.97, "narrator_scene": 0.9,
    "narrator_background": 0.7, "narrator_default": 0.6, "carried": 0.8,
    "carried_ahead": 0.75, "pronoun_unresolved": 0.3, "none": 0.1,
    "parsed": 0.75,   # a subject found by the dependency parser (speakers.parse)
}


@dataclass(frozen=True)
class Span:
    """A matched span (start, end) with the interface of a regex match."""

    s: int
    e: int

    def start(self) -> int:
        """The start offset."""
        return self.s

    def end(self) -> int:
        """The end offset."""
        return self.e


@dataclass
class Finding:
    """What a statement shows about its speaker (``cue`` None: no cue in the statement)."""

    cue: str | None
    who: Who | None = None
    cue_span: tuple[int, int] = (0, 0)
    subject: Who | None = None      # a named subject (for later pronouns)
    weight: str = ""                # key of CONFIDENCE
    background: bool = False
    speech: bool = False
    stance: bool = False            # a speaker's stance ("is willing to", "souhaite")
    mentioned: tuple = ()           # ids of the people it mentions
    later: Who | None = None        # the subject of a later clause ("..., et Y a salué")
    side_subject: tuple | None = None   # (side, span) of a country that speaks ("Cambodia
    #                                     expects to ...", "La Chine a réaffirmé ...")
    shared: bool = False            # a group's verb of shared speech or stance ("agreed")
    group: bool = False             # the subject of a scene is a group ("the two sides held")
    modal: str | None = None        # a group's modal verb: 'obligation' ("should"), 'commitment'


@dataclass
class Statement:
    """One statement under analysis: its folded copy, where it starts, its mentions."""

    doc: DocState
    folded: str
    base: int                       # after the dateline
    mentions: list
    opener: bool
    rules: CueRules | None = None   # the cue rules (None: the document's)
    cased: str = ""                 # the cased working copy (same offsets)

    def __post_init__(self) -> None:
        if self.rules is None:
            self.rules = self.doc.rules


#: A candidate decision: (rank, position, finding); the lowest rank, then position, wins.
Candidate = tuple
