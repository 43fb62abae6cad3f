"""Attribution in the languages written without spaces (Chinese, Khmer): the same cues, the
same columns as in French and English, from the cue words of ``lang/<code>/attribution.yml``.

Each statement is read on its matching copy (:meth:`discourse.lang.base.Language.match_form`:
Traditional characters as Simplified, Khmer spelling variants unified; same offsets):

==============  =====================================================================
cue             example
==============  =====================================================================
explicit        "洪森表示，……", "王毅会见洪森时表示……", "សម្តេចតេជោ ហ៊ុន សែន បានមានប្រសាសន៍ថា…"
                (the first person named in the clause before the reporting verb; titles
                and honorifics around a name not in the actors file are left out);
                "刘表示", "王大使说": a surname alone names the person of the document
                with that surname; "X请Y转达……问候" is X's (Y is only the messenger)
inverted        "……，习近平说。" (the reporting verb and its subject close the sentence)
participial     "យោងតាម X, …" ("according to X")
pronoun         "他还说", "លោកបានបន្តថា" (the last named speaker)
joint           "双方一致认为", "两国领导人同意", "ភាគីទាំងពីរបានឯកភាព", a named pair as one
                subject ("洪玛奈和洪森强调"; 与 is "with"); "双方要……", a modal, is the
                speaker's proposal
description     a subject made of titles only: the person seen who holds the title
                ("លោកប្រធានាធិបតីបានជម្រាបថា")
carried         no cue, or a side as subject ("中方愿……", "柬方感谢……"): the previous
                speaker (of that side); after another person named in the sentence
                ("洪森访华，中方宣布") the side's government (``governments`` of the cues);
                inside a paragraph, a side subject after a person the speaker quoted is
                the paragraph's speaker again, and an act done together ("去年，习近平同
                阮富仲共同宣布……") is the paragraph's speaker's account
narrator        headlines, captions and credits ("新华社记者谢环驰摄"), meetings and
                ceremonies told by the journalist ("举行会谈", "បានជួបពិភាក្សា"), an
                exchange of views that only lists its topics ("双方还讨论了……。")
==============  =====================================================================

A reporting verb is found as a word of the cue list that is not part of a longer word of
the ``not_cues`` list (说 is not a cue inside 说明, 称 not inside 称为); in Khmer its edges
must be word boundaries (no combining mark after it). A speaker outside the actors file is
named as written (``谢天龙``) unless the text gives the name in Latin letters in brackets
(``谢天龙(Chea Thyrith)``: ``chea_thyrith``, and so on later mentions); names met after a
title ("国防部长哈米德、") are remembered for a later "哈米德说", with the side of the country
the title names ("越南总理范明政": VN; "外交部部长助理刘劲松": CN, the home country's office);
a Chinese official's id is his name's usual pinyin (``liu_jinsong``).

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> texts = ["习近平会见洪森", "習近平強調，中柬友誼歷久彌堅。", "中方愿同柬方一道。",
...          "洪森表示，柬方感谢中方。", "双方一致同意深化合作。"]
>>> rows = attribute_unspaced(texts, [1, 2, 2, 3, 4], read_actors(), "zh", "2016-10-13")
>>> [(r.speaker, r.cue) for r in rows]
[('narrator', 'narrator'), ('xi_jinping', 'explicit'), ('xi_jinping', 'carried'), ('hun_sen', 'explicit'), ('joint', 'joint')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .actor import as_date
from .attributor import JOINT, NARRATOR, UNKNOWN, Attribution, Speaker
from .actors import slug_name
from .cue_analysis import CONFIDENCE
from .unspaced_cues import UnspacedCues, find_verbs, read_unspaced_cues
from .unspaced_names import UnspacedNames

__all__ = ["attribute_unspaced", "UnspacedCues", "read_unspaced_cues"]

_CLAUSE_END = "，,。；;：:“”「」『』（）()!?！？៖«»\n"
_MARKS = "。！？!?។៕"
_CLOSERS = "”」』）)】\"’》» "


def _verb(cues: UnspacedCues, lang, form: str) -> re.Match | None:
    """The first reporting verb of ``form``, or None."""
    return next(find_verbs(cues, lang, form), None)


def _clause_start(form: str, pos: int, code: str) -> int:
    """Where the clause that ends at ``pos`` starts (after a comma, a colon, a quote...)."""
    stops = _CLAUSE_END if code == "zh" else "៖«»\n,()"
    i = pos
    while i > 0 and form[i - 1] not in stops:
        i -= 1
    return i


@dataclass
class _Doc:
    """What a document has established so far."""

    names: UnspacedNames
    cues: UnspacedCues
    last: Speaker = NARRATOR          # the previous statement's speaker
    named: Speaker | None = None      # the last person named as a speaker
    by_side: dict | None = None       # side -> last person of that side who spoke
    subject: Speaker | None = None    # the first person named in the last statement naming one
    seen: list | None = None          # actor ids named so far, in order
    inside: bool = False              # the statement is not the first of its paragraph
    opener: Speaker = NARRATOR        # the speaker of the paragraph's first statement
    spoke: set = field(default_factory=set)   # ids of the people who spoke so far

    def said(self, who: Speaker) -> None:
        self.last = who
        if who not in (NARRATOR, JOINT, UNKNOWN):
            self.named = who
            self.spoke.add(who.id)
            if self.by_side is None:
                self.by_side = {}
            if who.side:
                self.by_side[who.side] = who


def _named_speaker(doc: _Doc, form: str, text: str, s: int, e: int) -> Speaker | None:
    """A speaker named in ``form[s:e]``: an actor, or a name after a title."""
    found = doc.names.find(form, s, e)
    if found:
        return doc.names.speaker(found[0][2])
    titles = list(doc.cues.titles.finditer(form, s, e))
    if titles:
        name = text[titles[-1].end():e].strip(" \u3000、")
        limit = (12 if "·" in name else 6) if doc.cues.code == "zh" else 30
        key = doc.names.lang.match_form(re.sub(r"\s*[(（].*", "", name))
        if key in doc.names.romanised:            # named in Latin letters earlier
            return doc.names.romanised[key]
        if 2 <= len(name) <= limit and not re.search(r"[，,。：:\d]", name) and \
                not any(w in name for w in doc.cues.not_names):
            side = doc.cues.title_side(form, s, titles[-1])   # "越南总理范明政": VN
            return doc.names.person(name, side, doc.cues.native_sides)
    return None


def _subject_end(doc: _Doc, form: str, cs: int, v: re.Match) -> int:
    """Where the subject of the verb ``v`` ends: before a messenger ("范明政请李强转达……
    问候": 范明政 asks, 李强 only carries the greetings), else at the verb."""
    if doc.cues.relays.fullmatch(v.group()):
        m = doc.cues.messengers.search(form, cs, v.start())
        if m is not None and m.start() > cs:
            return m.start()
    return v.start()


def _subject(doc: _Doc, form: str, text: str, v: re.Match) -> tuple[Speaker, str] | None:
    """The speaker of the clause before the reporting verb ``v``, and the cue."""
    cs = _clause_start(form, v.start(), doc.cues.code)
    end = _subject_end(doc, form, cs, v)
    who = doc.names.romanised_before(text, end)
    if who is not None:                           # "谢天龙(Chea Thyrith)介绍"
        return who, "explicit"
    head = doc.names.find(form, 0, end)
    if head and head[0][0] <= 1 and not doc.names.find(form, cs, cs + 2):
        if _pair(doc, form, head, end):
            return JOINT, "joint"
        return doc.names.speaker(head[0][2]), "explicit"    # the name opening the sentence
    who = doc.names.titled_at(form, cs, end) if end < v.start() else None
    who = who or _named_speaker(doc, form, text, cs, end)
    if who is not None:
        if _pair(doc, form, doc.names.find(form, cs, end), end):
            return JOINT, "joint"
        inverted = cs > 0 and form[v.end():].strip() in ("", *_MARKS) and \
            form[:cs].strip(" ，,”」") != ""
        return who, ("inverted" if inverted else "explicit")
    if doc.cues.joint_subjects.search(form, cs, v.start()):
        return JOINT, "joint"
    who = doc.names.titled_at(form, cs, v.start())
    if who is not None:                           # "哈立德说": named after a title before
        return who, "explicit"
    who = _described(doc, form, cs, v.start())
    if who is not None:
        return who, "description"
    if doc.cues.pronouns.search(form, cs, v.start()) and (doc.subject or doc.named):
        return doc.subject or doc.named, "pronoun"
    who = _by_surname(doc, form, cs, v.start())
    if who is not None:
        return who, "explicit"
    side = doc.cues.sides.search(form, cs, v.start())
    if side is not None:
        code = doc.cues.side_subjects[side.group()]
        if doc.names.find(form, 0, cs):           # "洪森访华，中方宣布": the government
            return _government(doc, code), "explicit"
        return _side_speaker(doc, code), "carried"
    if cs > 0:                       # "……，并表示": the subject opens the sentence
        who = _named_speaker(doc, form, text, 0, cs)
        if who is not None:
            if _pair(doc, form, doc.names.find(form, 0, cs), cs):
                return JOINT, "joint"
            return who, "explicit"
    return None


def _pair(doc: _Doc, form: str, found: list, end: int) -> bool:
    """Whether the first two people named before ``end`` are joined by "和" / "និង" with no
    verb between them: a named pair speaking together ("洪玛奈和洪森强调")."""
    people = [(s, e, a) for s, e, a in found if s < end]
    second = next((i for i, p in enumerate(people) if p[2] != people[0][2]), None)
    if second is None or doc.cues.pair_words is None:
        return False
    gap = form[people[second - 1][1]:people[second][0]]
    limit = 12 if doc.cues.code == "zh" else 40
    return len(gap) <= limit and doc.cues.pair_words.search(gap) is not None and \
        not doc.cues.meeting.search(gap) and _verb(doc.cues, doc.names.lang, gap) is None \
        and not any(c in gap for c in "，,。；;：:៖")


def _described(doc: _Doc, form: str, s: int, e: int) -> Speaker | None:
    """"លោកប្រធានាធិបតីបានជម្រាបថា", "主席表示": a subject made of titles only is the
    person seen in the document who holds the last of them."""
    region = form[s:e].strip(" \u3000")
    titles = list(doc.cues.titles.finditer(region))
    if not titles or doc.cues.titles.sub("", region).strip(" \u3000"):
        return None
    if doc.cues.pronouns.fullmatch(titles[-1].group()):
        return None
    return doc.names.holder(titles[-1].group(), doc.seen)


def _government(doc: _Doc, side: str) -> Speaker:
    """The government of ``side`` as a speaker (an institution, not a person)."""
    name = dict(doc.cues.governments).get(side)
    if name is None:
        return doc.last
    sid = slug_name(name)
    if sid in doc.names.actors.actors:
        return doc.names.speaker(sid)
    return Speaker(sid, name, side)


def _by_surname(doc: _Doc, form: str, s: int, e: int) -> Speaker | None:
    """"刘表示", "王大使表示", "范总理说": a surname alone (and titles) names the person of
    the document with that surname (an actor or a name met after a title): the last of them
    who spoke, else the first named (the one the text introduced in full)."""
    region = form[s:e].strip(" \u3000")
    if not re.match(r"[\u3400-\u9fff]", region) or doc.cues.titles.sub("", region[1:]):
        return None
    found = [who for name, who in doc.names.people if len(name) >= 2 and name[0] == region[0]]
    spoke = [who for who in found if who.id in doc.spoke]
    return spoke[-1] if spoke else (found[0] if found else None)


def _side_speaker(doc: _Doc, side: str) -> Speaker:
    """The speaker a side subject ("中方愿……") continues: the last speaker of that side,
    or the previous speaker (who speaks of that side)."""
    if doc.inside and doc.opener.side == side and _person(doc.opener):
        return doc.opener            # the paragraph's speaker, after someone he quoted
    if doc.last.side == side:
        return doc.last
    return (doc.by_side or {}).get(side, doc.last)


def _person(who: Speaker) -> bool:
    return who not in (NARRATOR, JOINT, UNKNOWN)


def _decide(doc: _Doc, text: str, first: bool, whole_paragraph: bool) -> Attribution:
    """One statement's decision (see the module docstring)."""
    cues, lang = doc.cues, doc.names.lang
    form = lang.match_form(text)
    bare = form.rstrip().rstrip(_CLOSERS)[-1:] not in _MARKS
    if (first or whole_paragraph) and bare or (bare and cues.captions.search(form)) \
            or cues.captions.match(form.lstrip()) or not form.strip():
        return Attribution.of(NARRATOR, "narrator", "", CONFIDENCE.get("narrator", 0.9))
    acc = cues.according_to.search(form)
    if acc is not None:
        who = _named_speaker(doc, form, text, acc.end(), min(len(form), acc.end() + 60))
        if who is not None:
            return Attribution.of(who, "participial", acc.group(), CONFIDENCE["participial"])
    verbs = list(find_verbs(cues, lang, form))
    v, found = (verbs[0] if verbs else None), None
    last = _subject(doc, form, text, verbs[-1]) if verbs else None
    if last is not None and last[1] == "inverted" and _short_clause(form, verbs[-1], cues):
        v, found = verbs[-1], last          # "……，习近平说。" names the whole sentence
    for w in verbs if found is None else ():     # else the first verb with a subject
        if (found := _subject(doc, form, text, w)) is not None:
            v = w
            break
    if found is not None:
        who, cue = found
        if _told_by_speaker(doc, form, v, who, cue):  # "去年，习近平同阮富仲共同宣布……"
            return Attribution.of(doc.last, "carried", "", CONFIDENCE["carried"])
        return Attribution.of(who, cue, text[v.start():v.end()], CONFIDENCE.get(cue, 0.8))
    js = cues.joint_subjects.search(form)
    if js is not None and cues.joint_verbs.search(form, js.end()):
        return Attribution.of(JOINT, "joint", js.group(), CONFIDENCE["joint"])
    jv = cues.joint_verbs.search(form)
    if jv is not None and _pair(doc, form, doc.names.find(form, 0, jv.start()), jv.start()):
        return Attribution.of(JOINT, "joint", text[jv.start():jv.end()], CONFIDENCE["joint"])
    if v is not None and doc.last != NARRATOR and _clause_start(form, v.start(), cues.code) \
            == v.start():            # "希望双方……": no subject, the speaker goes on
        return Attribution.of(doc.last, "carried", text[v.start():v.end()], CONFIDENCE["carried"])
    meet = cues.meeting.search(form)
    if js is not None and cues.joint_speakers is not None and \
            cues.joint_speakers.fullmatch(js.group()) and \
            _clause_start(form, js.start(), cues.code) == js.start() and \
            not cues.modals.search(form, js.end(), js.end() + 8) and \
            not doc.names.find(form, 0, js.start()):   # "此外，双方还讨论了……": both sides
        told = meet or _exchange(cues, form, js.end())   # a meeting, an exchange of views
        if told is None:
            return Attribution.of(JOINT, "joint", js.group(), CONFIDENCE["joint"])
        return Attribution.of(NARRATOR, "narrator", text[told.start():told.end()],
                              CONFIDENCE.get("narrator", 0.9))
    if meet is not None and _told_by_speaker(doc, form, meet, None, "explicit"):
        return Attribution.of(doc.last, "carried", "", CONFIDENCE["carried"])
    if meet is not None and (cues.placements.search(form) or doc.last == NARRATOR or
                             doc.names.find(form)):
        return Attribution.of(NARRATOR, "narrator", text[meet.start():meet.end()],
                              CONFIDENCE.get("narrator", 0.9))
    if first:
        return Attribution.of(NARRATOR, "narrator", "", CONFIDENCE.get("narrator", 0.9))
    if doc.last == NARRATOR:
        return Attribution.of(NARRATOR, "narrator", "", CONFIDENCE.get("narrator", 0.9))
    return Attribution.of(doc.last, "carried", "", CONFIDENCE["carried"])


def _exchange(cues: UnspacedCues, form: str, start: int) -> re.Match | None:
    """An exchange of views that only lists its topics ("双方还讨论了……。"): the exchange
    verb, with no further clause after it (a purpose or a view makes it the parties')."""
    m = cues.exchanges.search(form, start)
    if m is None or re.search(r"[，,；;：:]", form[m.end():]):
        return None
    return m


def _told_by_speaker(doc: _Doc, form: str, v: re.Match, who: Speaker, cue: str) -> bool:
    """Whether an act done together ("X同Y共同宣布") inside the paragraph of another person
    who speaks is that person's account (rule 5), not a cue of its own."""
    m = doc.cues.together.search(form, max(0, v.start() - 4), v.start())
    return m is not None and m.end() == v.start() and cue in ("explicit", "joint") and \
        doc.inside and _person(doc.last) and who != doc.last


def _short_clause(form: str, v: re.Match, cues: UnspacedCues) -> bool:
    """Whether the clause of the verb ``v`` is a bare cue: a name, a title or an adverb and
    the verb, no noun phrase ("，习近平说。", not "，尤其是洪森总理的大力支持。")."""
    clause = form[_clause_start(form, v.start(), cues.code):v.start()].strip()
    return len(clause) <= 12 and not any(a in clause for a in cues.attributive)


def _remember(doc: _Doc, text: str) -> None:
    """Note who the statement names (for pronouns and "王大使")."""
    doc.names.note_romanised(text)
    doc.names.note_titled(text, doc.cues)
    form = doc.names.lang.match_form(text)
    found = doc.names.find(form)
    doc.names.people.extend((form[s:e], doc.names.speaker(a)) for s, e, a in found)
    if found:
        doc.subject = doc.names.speaker(found[0][2])
        doc.seen = (doc.seen or []) + [a for _, _, a in found]


def attribute_unspaced(texts: list[str], paragraphs: list[int], actors, code: str,
                       date) -> list[Attribution]:
    """The decisions for one document's statements in language ``code`` (``zh``, ``km``).

    Parameters
    ----------
    texts, paragraphs
        The document's statements and their paragraph numbers, in order.
    actors
        An :class:`~discourse.speakers.actors.Actors` (its ``zh`` / ``km`` aliases and
        dated titles are used).
    code
        The language code.
    date
        The document's date (ISO string) or None, for dated titles.

    Returns
    -------
    list of Attribution
    """
    doc = _Doc(UnspacedNames(actors, code, date), read_unspaced_cues(code))
    doc.names.cues = doc.cues
    counts: dict[int, int] = {}
    for p in paragraphs:
        counts[p] = counts.get(p, 0) + 1
    out = []
    for i, (text, p) in enumerate(zip(texts, paragraphs)):
        doc.inside = i > 0 and paragraphs[i - 1] == p
        rec = _decide(doc, text, i == 0, counts[p] == 1)
        if not doc.inside:
            doc.opener = Speaker(rec.speaker, rec.speaker_name, rec.side)
        doc.said(Speaker(rec.speaker, rec.speaker_name, rec.side))
        _remember(doc, text)
        out.append(rec)
    return out
