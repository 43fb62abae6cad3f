"""What one statement says about its speaker: the cue analysis of a statement.

:func:`analyse_statement` reads one statement against the document so far
(:class:`~discourse.speakers.doc_state.DocState`) and returns a :class:`Finding`: the cue
that decides its speaker (explicit, pronoun, inverted, participial, joint, narrator) with
the mention and the words of that cue, or no cue with what the statement shows (a named
subject, background facts, marks of reported speech) for
:mod:`discourse.speakers.attributor` to carry the previous speaker or not. Each mention is a
candidate; the best candidate (by rank, then position) wins. :data:`CONFIDENCE` gives the
confidence of each kind of decision.

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> doc = DocState(read_actors(), read_cue_rules()["fr"], "fr", "2024-12-03")
>>> text = "La paix compte, a souligné M. Xi."
>>> f = analyse_statement(text, doc, text, text.lower().replace("é", "e"))
>>> f.cue, f.who.id, text[slice(*f.cue_span)]
('inverted', 'xi_jinping', 'a souligné M. Xi')
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..lang import union_words
from .cues import CueRules
from .descriptions import as_institution, note_meeting, resolve_descriptor
from .doc_scan import Hits
from .doc_state import DocState, Who, remember, surname_variant, title_gender
from .group_subjects import group_modal, group_subjects
from .findings import CONFIDENCE, Candidate, Finding, Span, Statement
from .mentions import find_mentions
from .quotes import quote_state, without_inner_quotes
from .subject_verbs import joint_clause, later_subject, relative_clause, subject_verb
from .sentence_cues import (QUOTE_CHARS, STANCE, after_content, country_subject,
                            place_opener, position, sentence_candidates, title_run)

__all__ = ["CONFIDENCE", "Finding", "analyse_statement", "quote_state"]

_END = re.compile(r"\s*(?:[.,;:!?»\"')\]]|$)")
_THAT = re.compile(r"\b(?:" + "|".join(union_words("complementizers")) + r")\b")
_COMMA = re.compile(r"\s*,")
_SPACE = re.compile(r"\s")
_POSSESSIVES = frozenset(union_words("possessives"))
_AND_ONLY = re.compile(r"\s+(?:" + "|".join(union_words("and_words")) + r")\s+")
_OF_START = re.compile(r"\s+(?:" + "|".join(union_words("of_words")) + r"|d')[\s']")
_CLOSES = re.compile(r"\s*[.!?»\"”]*\s*$")   # "..., according to X." closes the sentence
#: What stands between a title and the name in apposition to it: complements of the title
#: ("le ministre de l'Éducation, de la Jeunesse et des Sports, Hang Chuon Naron, a ...").
_APPOSED = re.compile(r"(?:\s*,\s*(?:" + "|".join(union_words("apposition_links"))
                      + r")\b[^,;:«»\"]{1,60})*\s*,\s*")

#: The rest of a description before the name in apposition to it (" étrangères, "), or a
#: place after the title ("L'ambassadeur de Chine au Cambodge X").
_TITLE_TAIL = re.compile(r"[^,;:«»\"()]{0,40},\s*|\s+(?:" + "|".join(
    union_words("title_prepositions")) + r")\s+[\w'-]+\s+")
#: "and" before a second verb of the same subject ("a souhaité la bienvenue ... et a rappelé").
_AND_VERB = re.compile(r",?\s+(?:" + "|".join(union_words("and_words")) + r")\s+")
#: The opener of a cleft inverted cue ("C'est ce qu'a affirmé X").
_CLEFT = re.compile(r"\W*(?:" + "|".join(re.escape(w) for w in union_words("cleft_openers"))
                    + r")\s*") if union_words("cleft_openers") else re.compile(r"(?!x)x")
_STANCE = STANCE


def _shouting(cased: str) -> bool:
    """True if the text has letters and none of them is lower case (a heading, a credit)."""
    letters = False
    for c in cased:
        if c.isalpha():
            if c.islower():
                return False
            letters = True
    return letters


def analyse_statement(text: str, doc: DocState, cased: str, folded: str, *,
                      hits: Hits | None = None) -> Finding:
    """The cue of one statement, given what its document has introduced so far.

    Records the statement's people in ``doc`` (after reading it), so that later
    descriptions and surnames refer to them.

    Parameters
    ----------
    text
        The statement as in the document.
    doc
        The document's state (actors, cue rules, people so far).
    cased, folded
        The statement's cased and case- and accent-folded working copies (same offsets).
    hits
        The statement's hits from its document's scan
        (:func:`~discourse.speakers.doc_scan.document_copies`); None: found here.

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.cues import read_cue_rules
    >>> doc = DocState(read_actors(), read_cue_rules()["en"], "en", "2024-10-10")
    >>> analyse_statement("He added that", doc, "He added that", "he added that").cue
    'pronoun'
    """
    if len(cased) != len(folded):  # pragma: no cover - both copies share one offset map
        folded, hits = cased.lower(), None
    # The statement's rules with its gates decided by the document's scan (the same
    # patterns): valid on ``folded`` only; any other string goes to doc.rules.
    rules = doc.rules if hits is None or hits.rules is None else hits.rules
    if rules.markers.search(folded) or _shouting(cased):
        return Finding("narrator", weight="narrator_marker")
    d = rules.dateline.match(cased)
    base = d.end() if d else 0
    mentions = [w for w in find_mentions(text, doc, cased=cased, folded=folded, hits=hits)
                if w.start >= base]
    opener = bool(rules.opener.match(folded, base)) or bool(
        rules.according_to.match(folded, base))
    groups = group_subjects(folded, base, rules, mentions, opener)
    if groups:   # "the heads of defence of Cambodia and China vowed ..."
        mentions = sorted(mentions + groups, key=lambda w: (w.start, -w.end))
    st = Statement(doc, folded, base, mentions, opener, rules, cased)
    candidates, subject = _candidates(st)
    people = [w for w in mentions if w.kind in ("actor", "name")
              and as_institution(doc, w, folded) is None]   # an institution is nobody
    remember(doc, people, folded)
    if candidates:
        best = after_content(candidates) or min(candidates, key=lambda c: (c[0], c[1]))[2]
        if best.subject is None and best.who is not None and best.who.kind in ("actor", "name"):
            best.subject = best.who
        if best.weight == "narrator_scene" and best.subject is not None:
            note_meeting(doc, best.subject, people,  # "X received Y": X the host
                         bool(rules.travel_vp.match(folded, best.subject.end)), folded)
        if best.cue == "joint" and best.modal is None:   # "agreed" (shared) or not
            best.shared = bool(rules.shared_vp.search(folded, best.cue_span[0]))
            best.background = bool(rules.background.search(folded, base))
        best.later = later_subject(st, best.cue_span[1])
        return best
    return Finding(None, subject=subject, later=later_subject(st, base),
                   side_subject=country_subject(st),
                   background=bool(rules.background.search(folded, base)),
                   speech=_speech(folded, base, rules, doc.rules),
                   stance=bool(_STANCE.search(folded, base)),
                   mentioned=tuple(w.id for w in people))


def _speech(folded: str, base: int, rules: CueRules, own: CueRules) -> bool:
    """True if the statement shows marks of reported speech outside inner quotations (the
    statement's ``rules`` are valid on ``folded`` only; a blanked copy goes to ``own``)."""
    quoted = without_inner_quotes(folded)
    return bool((rules if quoted is folded else own).speech.search(quoted, base))


def _candidates(st: Statement) -> tuple[list[Candidate], Who | None]:
    """Every mention's candidate decision, and the named subject of the sentence."""
    candidates: list[Candidate] = []
    subject = None
    clause = (0, 0)   # a relative clause after the subject: its mentions are not subjects
    for w in st.mentions:
        if clause[0] <= w.start < clause[1]:
            continue
        pos = position(st.folded, st.base, w)
        if pos == "inside" and title_run(st, w):
            pos = "start"   # "China's Minister of ... Central Committee H.E. Song Tao shared"
        if pos == "comma" and not st.opener and w.kind in (
                "descriptor", "actor", "name") and place_opener(st, w):
            pos = "start"   # "Au palais de la République, le ministre ... a salué"
        if pos != "start" and _apposed_to_subject(st, w):
            pos = "start"   # "Le ministre chinois des Affaires étrangères, Wang Yi, a ..."
        if pos == "start" and clause == (0, 0):
            clause = relative_clause(st, w)
        if w.kind == "descriptor":
            w = _whole_description(st, w) if pos == "start" else w
            w = _described(st, w, pos)
            if w is None:
                continue
        w = as_institution(st.doc, w, st.folded) or surname_variant(st.doc, w) or w
        if pos == "start" and w.kind in ("actor", "name") and subject is None:
            subject = w
        found = _candidate(st, w, pos)
        if found is not None:
            candidates.append(found)
    candidates.extend(sentence_candidates(st))
    both = None if candidates else joint_clause(st, st.base)
    if both is not None:   # "The meeting touched on ..., with both pledging to ...": joint
        candidates.append((2, both.start, Finding("joint", both, (both.start, both.end),
                                                  weight="joint")))
    return candidates, subject


def _whole_description(st: Statement, w: Who) -> Who:
    """A description that opens the sentence with the rest of its subject: a coordinated
    title ("le vice-Premier ministre et ministre des Affaires étrangères cambodgien") and a
    long complement before the verb ("le chef de la diplomatie de la deuxième puissance
    économique mondiale a adressé")."""
    folded, rules = st.folded, st.rules
    more = _AND_ONLY.match(folded, w.end)
    d = more and rules.descriptor.match(folded, more.end())
    if d and not d.group("art") and d.group("body").split()[0] not in _POSSESSIVES and set(
            d.group("body").replace("-", " ").split()) & rules.title_words:
        w = replace(w, end=d.end(), words=w.words | frozenset(
            (d.group("body") + " " + (d.group("tail") or "")).replace("-", " ").split()))
    if not _OF_START.match(folded, w.end):
        return w
    for m in _SPACE.finditer(folded, w.end, min(len(folded), w.end + 90)):
        if folded[m.start() - 1] in ",;:()":
            break
        if rules.subject_verb.match(folded, rules.link.match(folded, m.start()).end()):
            return replace(w, end=m.start(), words=w.words | frozenset(
                folded[w.end:m.start()].replace("'", " ").split()))   # "... du Sénégal"
    return w


def _apposed_to_subject(st: Statement, w: Who) -> bool:
    """True if ``w`` is a name in apposition to a description that opens the sentence."""
    if w.kind not in ("actor", "name"):
        return False
    return any(d.kind == "descriptor" and d.end <= w.start and
               position(st.folded, st.base, d) == "start" and
               (_TITLE_TAIL.fullmatch(st.folded, d.end, w.start) or
                _whole_description(st, d).end >= w.start - 1) for d in st.mentions)


def _apposition_start(st: Statement, w: Who) -> int:
    """Where the description that name ``w`` is in apposition to starts ("selon le ministre
    chinois des Affaires étrangères, Wang Yi, ..."), else where ``w`` starts."""
    if w.kind in ("actor", "name"):
        for d in st.mentions:
            if d.kind == "descriptor" and d.end <= w.start and _TITLE_TAIL.fullmatch(
                    st.folded, d.end, w.start):
                return d.start
    return w.start


def _described(st: Statement, w: Who, pos: str) -> Who | None:
    """The person a description names, or None if it only stands beside a name."""
    folded, mentions = st.folded, st.mentions
    if _COMMA.match(folded, w.end) and any(
            o.kind in ("actor", "name") and o.start > w.end and _APPOSED.fullmatch(
                folded, w.end, o.start) for o in mentions):
        return None   # "Le secrétaire général de l'ONU, António Guterres, a ..."
    if pos == "comma" and any(o.kind in ("actor", "name") and o.end <= w.start and
                              folded[o.end:w.start].strip() == "," for o in mentions):
        return None   # "According to A, Minister attached to ..., B informed"
    gender = title_gender(folded[w.start:w.end], st.rules)
    resolved = resolve_descriptor(st.doc, w, gender, phrase=folded[w.start:w.end])
    if resolved is None and w.members != ("indefinite",):
        resolved = Who(w.start, w.end, "pronoun", members=("described",),
                       gender=gender)   # "le diplomate": the last one
    return resolved or Who(w.start, w.end, "unknown")


def _candidate(st: Statement, w: Who, pos: str) -> Candidate | None:
    """The decision a mention at ``pos`` ('start', 'comma', 'inside') suggests, if any."""
    rules, folded = st.rules, st.folded
    lv = rules.link_vp.match(folded, w.end)
    if lv:   # the longer verb phrase wins: "s'exprimait lors de" (scene) over "s'exprimait"
        ls = rules.link_scene.match(folded, w.end)
        lv = None if ls and ls.end("vp") > lv.end("vp") else lv
        mv = lv and w.kind in ("joint", "plural") and rules.meeting_vp.match(folded, w.end)
        lv = None if mv and mv.end("vp") >= lv.end("vp") else lv   # "ont évoqué la crise"
    person = w.kind in ("actor", "name", "unknown")
    if lv and pos != "inside":
        return _reporting(st, w, pos, Span(lv.start("vp"), lv.end("vp")))
    if person and pos in ("comma", "inside"):   # "..., a annoncé le ministre chinois, X."
        tail = rules.inv_named.search(folded, st.base, _apposition_start(st, w))
        start = tail.start("vp") if tail else _cleft(st, w)
        if start is not None:
            return (0, w.start, Finding("inverted", w, (start, w.end), weight="inverted"))
    if person or w.kind == "pronoun":
        acc = rules.according_before.search(folded, st.base, _apposition_start(st, w))
        lead = folded[st.base:acc.start()] if acc else ""
        if acc and ((not lead.strip(QUOTE_CHARS) or lead.rstrip().endswith(",")) and
                    _COMMA.match(folded, w.end) or (lead.rstrip().endswith(",") and
                                                     _CLOSES.match(folded, w.end) and
                                                     _titled(st, w))):
            return (0.5, w.start, Finding(
                "participial", w, (acc.start(), w.end), weight="participial"))
    if pos == "inside":
        return None
    return _scene(st, w, pos, lv)


def _titled(st: Statement, w: Who) -> bool:
    """True if ``w`` is an actor or a person named with a title (not an institution)."""
    return w.kind == "actor" or (w.kind == "name" and bool(w.words & st.rules.title_words)
                                 and not (w.words & st.rules.not_names - st.rules.title_words))


def _reporting(st: Statement, w: Who, pos: str, vp: Span) -> Candidate:
    """A subject followed by a reporting verb: which cue it is."""
    rules, folded = st.rules, st.folded
    rest = folded[vp.end():]
    ends = bool(_END.match(rest)) or bool(rules.gerund.match(rest.lstrip(" ,")))
    short = len(rest.split()) <= 5 and not _THAT.search(rest)
    if w.kind in ("joint", "plural"):
        cue = "joint"
    elif pos == "comma" and not st.opener and (ends or short):
        cue = "inverted"
    elif pos == "comma" and st.opener and not (
            rules.according_to.match(folded, st.base) and any(
                o.kind in ("actor", "name") and o.start < w.start for o in st.mentions)):
        cue = "participial"   # ("According to A, B informed ...": B, explicit)
    elif w.kind == "pronoun":
        cue = "pronoun"
    else:
        cue = "explicit"
    weight = {"inverted": "inverted_pronoun" if w.kind == "pronoun" else "inverted"}
    return (0, w.start, Finding(cue, w, (w.start, vp.end()), weight=weight.get(cue, cue)))


def _scene(st: Statement, w: Who, pos: str, lv) -> Candidate | None:
    """A subject that travels, meets, acts jointly or sets the scene (no reporting verb)."""
    rules, folded = st.rules, st.folded
    after = rules.link.match(folded, w.end).end()
    # A scene ("met", "s'est entretenu") or an event, a career or a movement ("stayed",
    # "ruled", "a séjourné"): the narrator's, not a statement.
    ls = None if lv else (rules.link_scene.match(folded, w.end)
                          or rules.event_vp.match(folded, w.end))
    scene = Span(ls.start("vp"), ls.end("vp")) if ls else None
    group = w.kind in ("joint", "plural")
    person = w.kind in ("actor", "name", "unknown")
    travel = rules.travel_vp.match(folded, w.end)
    if group and not travel:
        travel = rules.meeting_vp.match(folded, w.end)   # "ont tenu des entretiens"
    past = rules.past_verb.match(folded, after)
    modal = group_modal(folded, after, rules) if group and pos != "inside" else None
    if group and (travel or scene or modal == "scene"):   # met / signed / will hold
        span = travel.end("vp") if travel else scene.end() if scene else after
        return (1, w.start, Finding("narrator", None, (w.start, span), weight="narrator_scene",
                                    group=True))
    if modal is not None:   # "the two sides should / will ...": what the group's verb says
        return (1, w.start, Finding("joint", w, (w.start, after), weight="joint_act",
                                    modal=modal))
    if group and (scene or past) and not rules.modal.match(
            folded, after) and not rules.background.search(folded, st.base):
        return (1, w.start, Finding(
            "joint", w, (w.start, (scene or past).end()), weight="joint_act"))
    if person and (scene or (pos == "start" and past)):
        lead = rules.lead.search(folded, (scene or past).end())
        if lead is not None and pos == "start":   # "X met Y, saying that ...": X's
            return (2, w.start, Finding("participial", w, (lead.start("g"), lead.end("g")),
                                        weight="participial"))
        both = joint_clause(st, scene.end()) if scene and pos != "inside" else None
        if both is not None:   # "X met Y, with both sides pledging to ...": joint
            return (2, w.start, Finding("joint", both, (both.start, both.end), weight="joint"))
        said = _and_said(st, scene.end()) if scene and pos != "inside" else None
        if said is not None:   # "X welcomed Y and recalled that ...": X's
            return (2, w.start, Finding("explicit", w, (w.start, said), weight="subject"))
        rel = rules.lead_relative.search(folded, (scene or past).end()) if (
            pos != "inside") else None
        if rel is not None:   # "X met Y, during which he said ...": X's
            return (2, w.start, Finding("participial", w, (rel.start(), rel.end("vp")),
                                        weight="participial"))
    if (person or w.kind == "pronoun") and scene:   # "X met Y", "Il s'exprimait lors de"
        return (2, w.start, Finding("narrator", None, (w.start, scene.end()),
                                    subject=w if person else None, weight="narrator_scene"))
    described = w.kind == "pronoun" and w.members == ("described",)   # "le ministre"
    verb = subject_verb(st, w, after) if person or described else None
    if verb and (pos == "start" or (pos == "comma" and st.opener)):
        # The subject decides: a person subject is that person's statement whatever the
        # verb (the narrator's verbs were taken above); the verb lists only add confidence.
        return (3, w.start, Finding("pronoun" if described else "explicit", w,
                                    (w.start, verb.end()), weight="subject"))
    return None


def _cleft(st: Statement, w: Who) -> int | None:
    """Where the verb of a cleft cue naming ``w`` starts ("C'est ce qu'a affirmé X"), or
    None."""
    m = _CLEFT.match(st.folded, st.base)
    vp = m and st.rules.vp.match(st.folded, m.end())
    if vp and st.rules.link.fullmatch(st.folded, vp.end(), _apposition_start(st, w)):
        return vp.start()
    return None


def _and_said(st: Statement, at: int) -> int | None:
    """Where a reporting verb coordinated after ``at`` and introducing content ends ("...
    et a rappelé que"), or a verb of commitment, stance or call ("... and pledged to",
    "... et a appelé à"), or None ("and observed a demonstration" is no speech)."""
    for m in _AND_VERB.finditer(st.folded, at):
        vp = st.rules.vp.match(st.folded, m.end())
        if vp and (_THAT.match(st.folded, vp.end() + 1)
                   or st.rules.shared_vp.match(st.folded, m.end())):
            return vp.end()
    return None
