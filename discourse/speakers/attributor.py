"""Attribution of one document: each statement's speaker, in order, with its cue.

:class:`DocumentAttributor` reads a document's statements in order, asks
:func:`~discourse.speakers.cue_analysis.analyse_statement` what each one shows, and keeps
what the document has established so far: the last named subject (to which a pronoun
refers), the last speaker (whom a statement with no cue continues), the rows of the
paragraph since the last cue (which an inverted cue later in the paragraph claims), whether
a quotation is open. Each statement's decision is an :class:`Attribution`; a speaker is a
:class:`Speaker`.

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> doc = DocState(read_actors(), read_cue_rules()["en"], "en", "2024-10-10")
>>> rows = attribute_document(["Xi Jinping said peace matters.", "He added that..."],
...                           [1, 1], doc)
>>> [(r.speaker, r.cue) for r in rows]
[('xi_jinping', 'explicit'), ('xi_jinping', 'pronoun')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .carry_features import Context, carry_features
from .carry_model import RULES, rules_carry
from .copies import cue_words
from .cue_analysis import CONFIDENCE, Finding, analyse_statement, quote_state
from .doc_scan import document_copies, working_copies  # noqa: F401 (working_copies: as before)
from .cues import side_in
from .descriptions import side_person
from .doc_state import DocState, Who, forget_headline_names
from .referents import JOINT, NARRATOR, UNKNOWN, Speaker, antecedent, label, pair_head

__all__ = ["Speaker", "Attribution", "DocumentAttributor", "attribute_document", "cue_words",
           "UNKNOWN", "JOINT", "NARRATOR"]

#: A statement that is only a photo credit: "(Xinhua/Ding Haitao)", "(Photo: AFP/Tang Chhin)",
#: "PANG XINGLEI / XINHUA".
_CREDIT = re.compile(r"^\s*(?:\([^()]*[^\W\d_]\s*/\s*[^\W\d_][^()]*\)|"
                     r"[^\W\d_a-z][^a-z/()]*/\s*[^\W\d_a-z][^a-z/()]*)\s*$")
#: Marks that open a quotation at a statement's start.
_OPENING_QUOTES = "«\"“"
#: The end of a sentence; a document's first statement without it is its headline.
_SENTENCE_END = re.compile(r"[.!?…。][\"»”’')\]]*\s*$")


@dataclass(frozen=True)
class Attribution:
    """One statement's decision: the columns that :func:`attribute_speakers` adds."""

    speaker: str
    speaker_name: str
    side: str | None
    cue: str
    cue_text: str
    confidence: float
    cue_start: int | None = None    # where cue_text is in the statement (None: no cue)
    cue_end: int | None = None

    @classmethod
    def of(cls, who: Speaker, cue: str, cue_text: str | tuple, confidence: float,
           ) -> Attribution:
        """The decision that ``who`` says the statement (``cue_text``: words or
        (words, (start, end)) as :func:`cue_words` gives them)."""
        words, span = cue_text if isinstance(cue_text, tuple) else (cue_text, None)
        s, e = span if span is not None else (None, None)
        # (the fields set at once: a frozen dataclass's __init__ sets them one by one
        # through object.__setattr__, a statement's most costly object)
        made = object.__new__(cls)
        made.__dict__.update(speaker=who.id, speaker_name=who.name, side=who.side, cue=cue,
                             cue_text=words, confidence=confidence, cue_start=s, cue_end=e)
        return made


def _side_spoken(doc: DocState, f: Finding) -> Finding:
    """A country that speaks at the start of a paragraph ("Cambodia expects to ...") is its
    side's person (descriptions.side_person); unchanged if the document names nobody
    of that side."""
    side, span = f.side_subject
    person = side_person(doc, side)
    return f if person is None else Finding("explicit", person, span, weight="subject")


def _only_cue(text: str, f: Finding) -> bool:
    """True if the statement is nothing but its cue ("Wang said.", "Wang Yi a déclaré."):
    the cue of the quotation before it, cut off by the splitter."""
    return f.cue == "explicit" and not text[:f.cue_span[0]].strip(_OPENING_QUOTES + " ") and \
        not text[f.cue_span[1]:].strip(" .!?»\"”’")


def _narrator(cue_text: str | tuple, confidence: float) -> Attribution:
    return Attribution.of(NARRATOR, "narrator", cue_text, confidence)


class DocumentAttributor:
    """Attributes one document's statements in order (see the module docstring).

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.cues import read_cue_rules
    >>> doc = DocState(read_actors(), read_cue_rules()["fr"], "fr", "2024-12-03")
    >>> rows = DocumentAttributor(doc).attribute(
    ...     ["La paix compte.", "C'est essentiel, a souligné M. Xi."], [1, 1])
    >>> [(r.speaker, r.cue) for r in rows]
    [('xi_jinping', 'carried'), ('xi_jinping', 'inverted')]
    """

    #: What decides an uncued statement: RULES (the hand-written rule, the default: the
    #: learned model did not beat it across outlets) or a CarryModel (``read_carry_model()``,
    #: the shipped weights); and a list noting each uncued decision (None: not kept).
    carry_model = RULES
    carry_log: list | None = None

    def __init__(self, doc: DocState) -> None:
        self.doc = doc
        self.rows: list[Attribution] = []
        self.subject: Speaker | None = None     # the last named subject (pronoun antecedent)
        self.last: Speaker | None = None        # the last speaker
        self.prev_kind: str | None = None       # 'speaker', 'narrator', 'joint' of previous row
        self.distance = 0                       # rows carried since the last cue
        self.pending: list[int] = []            # uncued rows of the paragraph since the last cue
        self.prev_par = None
        self.par_start = 0                      # index in rows of the paragraph's first row
        self.across: int | None = None          # row carried over into this paragraph
        self.in_quote = False
        self.history: list[Speaker] = []        # named subjects in order (for pronoun gender)
        self.recounted: tuple | None = None     # (row, its narrator decision): a scene told
        #                                         by the speaker, until the next row confirms
        self.unnamed: list[tuple] = []          # (row, side, people known): a description
        #                                         of a side before anybody of it is named
        self.n_statements = 0                   # statements of the document
        self.folded = ""                        # the current statement's folded copy

    def attribute(self, texts: list[str], paragraphs: list) -> list[Attribution]:
        """Attribute the document's statements (their texts and paragraph numbers)."""
        self.n_statements = len(texts)
        for text, par, copies in zip(texts, paragraphs, document_copies(texts, self.doc)):
            self._statement(text, par, *copies)
        self._confirm(False)
        self._name_described()
        return self.rows

    def _name_described(self) -> None:
        """A description of a side before anybody of that side is named ("Visiting Chinese
        minister has applauded ...", then "... Minister Wang Yi ...") is the first person of
        that side named after it; so are the rows that went on with it."""
        for i, side, known in self.unnamed:
            person = next(((kind, ident, name) for kind, ident, name, _ in
                           self.doc.people[known:] if self.doc.side(ident) == side), None)
            if person is None:
                continue
            who = label(self.doc, Who(0, 0, *person), None)
            for j in range(i, len(self.rows)):
                row = self.rows[j]
                if row.speaker not in (UNKNOWN.id, NARRATOR.id, JOINT.id, who.id):
                    break   # somebody else speaks
                if row.speaker == UNKNOWN.id and (row.side == side or row.side is None and
                                                  row.cue in ("pronoun", "carried")):
                    self.rows[j] = replace(row, speaker=who.id, speaker_name=who.name,
                                           side=who.side)

    def _confirm(self, kept: bool) -> None:
        """Keep a recounted scene as the speaker's if the next row of its paragraph goes on
        with the same speaker, else give it back to the narrator."""
        if self.recounted is not None and not kept:
            i, narrated = self.recounted
            self.rows[i] = narrated
        self.recounted = None

    def _named(self, who: Who) -> Speaker:
        speaker = label(self.doc, who, None)
        self.history.append(speaker)
        return speaker

    def _statement(self, text: str, par, cased: str, folded: str, same: bool, hits) -> None:
        self.folded = folded
        new_par = par != self.prev_par
        if new_par:
            self.pending = []
            self.in_quote = False
            self.par_start = len(self.rows)
            self.across = None
        self.prev_par = par
        continuing_quote = self.in_quote
        _, self.in_quote = quote_state(text, self.in_quote)
        known = len(self.doc.people)
        f = analyse_statement(text, self.doc, cased, folded, hits=hits)
        if not self.rows and not _SENTENCE_END.search(text):
            forget_headline_names(self.doc, known, cased)
        if not self.rows and f.cue not in (None, "narrator") and not _SENTENCE_END.search(text):
            # A headline is the narrator's, even when it quotes a speaker (CONVENTIONS.md).
            subject = f.who if f.who is not None and f.who.kind in ("actor", "name") else None
            f = Finding("narrator", cue_span=f.cue_span, subject=subject,
                        weight="narrator_scene")
        f = self._unshared(f, new_par)
        if f.cue is None and f.side_subject is not None and new_par:
            f = _side_spoken(self.doc, f)   # (inside a paragraph: rule 9, carried or claimed)
        if f.cue is None:
            self._uncued(f, new_par, continuing_quote)
        elif f.cue == "narrator" and self._recounted(f, new_par):
            narrated = _narrator(cue_words(text, f.cue_span, same), CONFIDENCE[f.weight])
            self._uncued(Finding(None, subject=f.subject, speech=True), new_par, False)
            self.recounted = (len(self.rows) - 1, narrated)
            return
        elif f.cue == "narrator":
            self._narrated(f, text, cue_words(text, f.cue_span, same))
        else:
            if f.cue == "inverted" and text.lstrip()[:1] in _OPENING_QUOTES:
                self.pending = []   # a whole quotation and its cue claim nothing before it
            self._cued(f, cue_words(text, f.cue_span, same), _only_cue(text, f))
        if f.later is not None:   # "X ..., et Y, dans son discours, a salué": "Il" is Y
            self.subject = self._named(f.later)
        if self.recounted is not None:
            i = self.recounted[0]
            self._confirm(not new_par and self.rows[-1].speaker == self.rows[i].speaker)

    def _uncued(self, f: Finding, new_par: bool, continuing_quote: bool) -> None:
        """A statement with no cue: carried on from the last speaker, or the narrator's
        (:meth:`_carry` decides: :mod:`discourse.speakers.carry_model`)."""
        last, rows = self.last, self.rows
        carry, joint, conf = self._carry(f, new_par, continuing_quote)
        if carry:
            self.distance += 1
            rows.append(Attribution.of(last, "carried", "", conf))
            self.prev_kind = "speaker"
            if new_par and not continuing_quote:
                self.across = len(rows) - 1
        elif f.background and self.across is not None and not new_par:
            # A paragraph carried over on a weak sign of speech that goes on with
            # background facts is the journalist's: "Le canal reliera X à Y. Il devrait
            # être achevé d'ici 2028."
            for i in range(self.across, len(rows)):
                if rows[i].cue == "carried":
                    rows[i] = _narrator("", CONFIDENCE["narrator_background"])
            rows.append(_narrator("", CONFIDENCE["narrator_background"]))
            self.prev_kind = "narrator"
        elif joint:
            rows.append(Attribution.of(JOINT, "carried", "", conf))
        else:
            rows.append(_narrator("", conf))
            self.prev_kind = "narrator"
        if f.subject is not None:
            self.subject = self._named(f.subject)
        self.pending.append(len(rows) - 1)

    def _carry(self, f: Finding, new_par: bool, continuing_quote: bool,
               ) -> tuple[bool, bool, float]:
        """(carried from the last speaker, carried from a joint statement, confidence) of
        an uncued statement: the carry model's probability (or the hand-written rule's
        decision when ``carry_model`` is :data:`RULES`)."""
        last = self.last
        ctx = Context(self.prev_kind, None if last is None else last.side,
                      last is not None and last.id in f.mentioned, new_par, continuing_quote,
                      self.distance, len(self.rows) - self.par_start,
                      len(self.rows) / max(1, self.n_statements - 1))
        model = self.carry_model
        if self.carry_log is not None:
            self._log(f, ctx, model)
        if model == RULES:
            if rules_carry(f, ctx, last is not None):
                return True, False, round(max(0.3, CONFIDENCE["carried"] * 0.9 ** (
                    self.distance)), 3)
            if self.prev_kind == "joint" and not new_par and f.speech and not f.background:
                return False, True, 0.6
            return False, False, CONFIDENCE[
                "narrator_background" if f.background else "narrator_default"]
        p = model.probability(carry_features(f, self.folded, self.doc.lang, ctx,
                                             side_in(self.folded, self.doc.rules)))
        yes = p >= model.threshold
        conf = round(min(0.95, max(p, 1.0 - p)), 3)
        if last is None:
            return False, False, conf
        if self.prev_kind == "joint" and not continuing_quote:
            return False, yes, conf
        return yes or continuing_quote, False, conf

    def _log(self, f: Finding, ctx: Context, model) -> None:
        """Note an uncued decision in :attr:`carry_log` (the training table): the row, its
        features, the speaker a carry gives, the hand-written rule's decision."""
        last = self.last
        target = JOINT.id if self.prev_kind == "joint" else getattr(last, "id", None)
        rule = rules_carry(f, ctx, last is not None) or (
            self.prev_kind == "joint" and not ctx.new_par and f.speech and not f.background)
        self.carry_log.append((self, len(self.rows), carry_features(
            f, self.folded, self.doc.lang, ctx, side_in(self.folded, self.doc.rules)),
            target, rule))

    def _unshared(self, f: Finding, new_par: bool) -> Finding:
        """A group subject without a verb of shared speech or stance ("The two countries
        have deepened mutual trust", "Les deux pays ont mis en place ..."): inside a
        speaker's paragraph it goes on with that speaker's words (no cue of its own).
        Outside one it stays a joint act, as the self-written sets label "the two sides
        issued a joint statement", "the leaders adopted the declaration"."""
        if f.cue != "joint" or f.shared:
            return f
        if not new_par and self.prev_kind == "speaker" and self.last is not None:
            return Finding(None, background=f.background)
        return f

    def _recounted(self, f: Finding, new_par: bool) -> bool:
        """True if a scene sentence inside a speaker's paragraph is that speaker's account:
        "Cai Qi said ... Last month, President Xi met Prime Minister Hun Manet, and ..."
        (another person's meeting, told by the speaker)."""
        if f.weight != "narrator_scene" or new_par or self.prev_kind != "speaker":
            return False
        if f.group:   # "The two sides have successfully held the Cooperation Year ..."
            return self.last is not None and self.last.id != "unknown"
        return (f.subject is not None and f.subject.kind in ("actor", "name")
                and self.last is not None and self.last.id not in ("unknown", f.subject.id))

    def _narrated(self, f: Finding, text: str, cue_text: tuple) -> None:
        """A caption, a credit or scene-setting: the narrator's."""
        if f.weight == "narrator_marker" and _CREDIT.match(text):
            # A photo credit closes a caption: the paragraph so far is the caption.
            for i in range(self.par_start, len(self.rows)):
                if self.rows[i].speaker != "narrator":
                    self.rows[i] = _narrator("", CONFIDENCE["narrator_scene"])
        self.rows.append(_narrator(cue_text, CONFIDENCE[f.weight]))
        self.prev_kind = "narrator"
        if f.subject is not None:
            self.subject = self._named(f.subject)
        self.pending = []

    def _cued(self, f: Finding, cue_text: tuple, only_cue: bool = False) -> None:
        """A statement with a speaker's cue (explicit, pronoun, inverted, participial, joint);
        ``only_cue``: the statement is nothing but its cue ("Wang said.")."""
        referent = self.subject
        if f.who is not None and f.who.kind == "pronoun":
            referent = antecedent(self.doc, f.who.gender, self.subject, self.history)
        speaker = label(self.doc, f.who, referent)
        conf = CONFIDENCE[f.weight]
        if f.who is not None and f.who.kind == "pronoun" and self.subject is None:
            conf = CONFIDENCE["pronoun_unresolved"]
        self.rows.append(Attribution.of(speaker, f.cue, cue_text, conf))
        if speaker.id == "joint":
            self.prev_kind = "joint"
            self.pending = []
            head = pair_head(self.doc, f.who)
            if head is not None:   # "A et son homologue B ont exprimé ...", "Il ...": A
                self.subject = head
                self.history.append(head)
            return
        if speaker.id == "unknown":
            self.prev_kind = "speaker"
            self.last = speaker
            if speaker.side is not None:   # "the Chinese minister", nobody Chinese named yet
                self.unnamed.append((len(self.rows) - 1, speaker.side, len(self.doc.people)))
                self.subject = speaker
            return
        if f.cue == "inverted" or only_cue:
            # Content before an inverted cue in the same paragraph is that speaker's too
            # (also before a sentence that is only a cue: '"...".' then 'Wang said.').
            for i in self.pending:
                row = self.rows[i]
                if row.cue in ("carried", "narrator") and row.confidence < CONFIDENCE[
                        "narrator_marker"]:
                    self.rows[i] = Attribution.of(speaker, "carried", "",
                                                  CONFIDENCE["carried_ahead"])
        self.pending = []
        self.last = speaker
        self.doc.last_side, self.doc.last_speaker = speaker.side, speaker.id
        self.prev_kind = "speaker"
        self.distance = 0
        self.subject = speaker
        if not self.history or self.history[-1] != speaker:
            self.history.append(speaker)


def attribute_document(texts: list[str], paragraphs: list, doc: DocState) -> list[Attribution]:
    """Attribute one document's statements, in order.

    Parameters
    ----------
    texts
        The document's statements, in order.
    paragraphs
        The paragraph of each statement (a change starts a new paragraph).
    doc
        A fresh :class:`~discourse.speakers.doc_state.DocState` for the document.

    Returns
    -------
    list of Attribution
        One decision per statement.

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.cues import read_cue_rules
    >>> doc = DocState(read_actors(), read_cue_rules()["fr"], "fr", "2024-12-03")
    >>> attribute_document(["Les deux parties ont convenu de renforcer la coopération."], [1], doc)[0].cue
    'joint'
    """
    return DocumentAttributor(doc).attribute(texts, paragraphs)
