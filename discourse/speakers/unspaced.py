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

from .attributor import JOINT, NARRATOR, Attribution, Speaker
from .cue_analysis import CONFIDENCE
from .unspaced_cues import UnspacedCues, find_verbs, read_unspaced_cues
from .unspaced_names import UnspacedNames
from .unspaced_subjects import (MARKS, UnspacedDoc, clause_start, find_subject, is_pair,
                                is_person, named_speaker)

__all__ = ["attribute_unspaced", "UnspacedCues", "read_unspaced_cues"]

_CLOSERS = "”」』）)】\"’》» "


def _decide(doc: UnspacedDoc, text: str, first: bool, whole_paragraph: bool) -> Attribution:
    """One statement's decision (see the module docstring)."""
    cues, lang = doc.cues, doc.names.lang
    form = lang.match_form(text)
    doc.names.note_romanised(text)           # a name introduced here in Latin letters
    doc.names.note_titled(text, cues)        # or with its title
    bare = form.rstrip().rstrip(_CLOSERS)[-1:] not in MARKS + "：:៖"   # a lead-in ends with ":"
    if (first or whole_paragraph) and bare or (bare and cues.captions.search(form)) \
            or cues.captions.match(form.lstrip()) or not form.strip():
        return Attribution.of(NARRATOR, "narrator", "", CONFIDENCE.get("narrator", 0.9))
    told = _press_conference(doc, form) or _placed(doc, form, text)
    if told is not None:
        return told
    acc = cues.according_to.search(form)
    if acc is not None:
        who = named_speaker(doc, form, text, acc.end(), min(len(form), acc.end() + 60))
        if who is not None:
            return Attribution.of(who, "participial", acc.group(), CONFIDENCE["participial"])
    verbs = list(find_verbs(cues, lang, form))
    v, found = _first_subject(doc, form, text, verbs)
    if found is not None:
        who, cue = found
        if _told_by_speaker(doc, form, v, who, cue) or (who == JOINT and _joint_told(doc, form)):
            return Attribution.of(doc.last, "carried", "", CONFIDENCE["carried"])
        return Attribution.of(who, cue, text[v.start():v.end()], CONFIDENCE.get(cue, 0.8))
    lead = len(form) - len(form.lstrip())
    opener = cues.openers.match(form, lead) or cues.sources.match(form, lead)
    if opener is not None:                   # "据了解，……", "据越通社报道，……", "គួរបញ្ជាក់ថា ……"
        return Attribution.of(NARRATOR, "narrator", text[opener.start():opener.end()],
                              CONFIDENCE.get("narrator", 0.9))
    js = cues.joint_subjects.search(form)
    if js is not None and _joint_told(doc, form):
        return Attribution.of(doc.last, "carried", "", CONFIDENCE["carried"])
    if js is not None and (jv := cues.joint_verbs.search(form, js.end())) is not None:
        meet = cues.meeting.search(form, js.end(), jv.start())
        if meet is not None:                 # "មេដឹកនាំទាំងពីរបានចូលរួមពិធីចុះហត្ថលេខាលើកិច្ចព្រមព្រៀង"
            return Attribution.of(NARRATOR, "narrator", text[meet.start():meet.end()],
                                  CONFIDENCE.get("narrator", 0.9))
        return Attribution.of(JOINT, "joint", js.group(), CONFIDENCE["joint"])
    jv = cues.joint_verbs.search(form)
    if jv is not None and is_pair(doc, form, doc.names.find(form, 0, jv.start()), jv.start()):
        return Attribution.of(JOINT, "joint", text[jv.start():jv.end()], CONFIDENCE["joint"])
    if v is not None and doc.last != NARRATOR and clause_start(form, v.start(), cues.code) \
            == v.start():            # "希望双方……": no subject, the speaker goes on
        return Attribution.of(doc.last, "carried", text[v.start():v.end()], CONFIDENCE["carried"])
    meet = cues.meeting.search(form)
    if js is not None and cues.joint_speakers is not None and \
            cues.joint_speakers.fullmatch(js.group()) and \
            _opens_clause(form, js.start(), cues.code) and \
            not cues.modals.search(form, js.end(), js.end() + 8) and \
            not doc.names.find(form, 0, js.start()):   # "此外，双方还讨论了……": both sides
        told = meet or _exchange(cues, form, js.end())   # a meeting, an exchange of views
        if told is None:
            return Attribution.of(JOINT, "joint", js.group(), CONFIDENCE["joint"])
        return Attribution.of(NARRATOR, "narrator", text[told.start():told.end()],
                              CONFIDENCE.get("narrator", 0.9))
    if meet is not None and _told_by_speaker(doc, form, meet, None, "explicit"):
        return Attribution.of(doc.last, "carried", "", CONFIDENCE["carried"])
    return _uncued(doc, form, text, first, meet)


def _uncued(doc: UnspacedDoc, form: str, text: str, first: bool, meet: re.Match | None,
            ) -> Attribution:
    """A statement with no cue of its own: a meeting or a signing the journalist tells (in a
    paragraph of its own, after a name, or placed in a meeting: "会谈后，两位总理共同见证签署了
    ……"), a dated event of the relationship's history in a paragraph of its own ("中柬两国
    于1958年……建立外交关系"), else the previous speaker goes on."""
    cues = doc.cues
    if meet is not None and (cues.placements.search(form) or doc.last == NARRATOR or
                             not doc.inside or doc.names.find(form)):
        return Attribution.of(NARRATOR, "narrator", text[meet.start():meet.end()],
                              CONFIDENCE.get("narrator", 0.9))
    if first or doc.last == NARRATOR or (not doc.inside and cues.background.search(form)):
        return Attribution.of(NARRATOR, "narrator", "", CONFIDENCE.get("narrator", 0.9))
    return Attribution.of(doc.last, "carried", "", CONFIDENCE["carried"])


def _press_conference(doc: UnspacedDoc, form: str) -> Attribution | None:
    """A press conference's question ("问：……？": the journalist's) or answer ("答：……": the
    person the document gave the answerer's title, "外交部发言人毛宁"), else None."""
    cues, lead = doc.cues, len(form) - len(form.lstrip())
    if cues.questions.match(form, lead):
        return Attribution.of(NARRATOR, "narrator", "", CONFIDENCE.get("narrator", 0.9))
    if cues.answers.match(form, lead):
        who = next((w for t in cues.answerers for k, w in doc.names.given.items()
                    if k.endswith(t)), None)
        if who is not None:
            return Attribution.of(who, "explicit", "", CONFIDENCE["explicit"])
    return None


def _placed(doc: UnspacedDoc, form: str, text: str) -> Attribution | None:
    """Words already reported placed in a meeting ("他是在……会谈后，在记者会上这么表示"),
    or remarks delivered at an event with nothing of them reported ("出席招待会并致辞。"):
    the narrator's, like the meeting sentence itself; else None."""
    m = doc.cues.placements.search(form)
    if m is None:                  # "出席招待会并致辞。": remarks delivered, nothing reported
        m = next((a for a in doc.cues.acts.finditer(form)
                  if form[a.end():].strip().strip(MARKS) == ""), None)
    if m is None or doc.cues.meeting.search(form, 0, m.start()) is None:
        return None
    return Attribution.of(NARRATOR, "narrator", text[m.start():m.end()],
                          CONFIDENCE.get("narrator", 0.9))


def _first_subject(doc: UnspacedDoc, form: str, text: str, verbs: list):
    """The verb that decides the statement and its (speaker, cue), or (first verb, None).

    A closing cue with a bare subject ("……，习近平说。") names the whole sentence; else the
    first verb with a subject does. After a bare verb opening the sentence ("感谢中方……提供
    的宝贵支持", no subject: the speaker goes on), a later verb of the same clause or one
    whose subject is only a side names nobody (支持 is a noun there, 中方 no subject)."""
    if not verbs:
        return None, None
    last = find_subject(doc, form, text, verbs[-1])
    if last is not None and last[1] == "inverted" and _short_clause(form, verbs[-1], doc.cues):
        return verbs[-1], last
    code, bare = doc.cues.code, None
    for w in verbs:
        found = find_subject(doc, form, text, w)
        if found is None:
            if bare is None and w is verbs[0] and doc.last != NARRATOR and \
                    clause_start(form, w.start(), code) == w.start():
                bare = w
            continue
        own = clause_start(form, w.start(), code)
        if bare is not None and (found[1] == "carried" or own == w.start() or
                                 own == clause_start(form, bare.start(), code)):
            continue
        return w, found
    return verbs[0], None


def _joint_told(doc: UnspacedDoc, form: str) -> bool:
    """Whether both sides as the subject inside a person's paragraph ("75年来，双方在斗争中
    相互支援", "ភាគីទាំងពីរអាចពង្រីក...") are that person's account (rule 5): no agreement
    of the two is reported ("双方一致同意" stays joint), nor a meeting or an exchange of
    views that the narrator tells ("双方还讨论了……")."""
    if not (doc.inside and is_person(doc.last)):
        return False
    js = doc.cues.joint_subjects.search(form)
    return js is not None and doc.cues.agreements.search(form) is None and \
        doc.cues.meeting.search(form, js.end()) is None and \
        _exchange(doc.cues, form, js.end()) is None


def _opens_clause(form: str, pos: int, code: str) -> bool:
    """Whether ``pos`` opens a clause: after a comma or a colon, or in Khmer, which marks
    few commas, after a space ("បន្ទាប់ពីជំនួបនោះ ភាគីទាំងពីរ...")."""
    return clause_start(form, pos, code) == pos or (code == "km" and form[pos - 1:pos] == " ")


def _exchange(cues: UnspacedCues, form: str, start: int) -> re.Match | None:
    """An exchange of views that only lists its topics ("双方还讨论了……。"): the exchange
    verb, with no further clause after it (a purpose or a view makes it the parties')."""
    m = cues.exchanges.search(form, start)
    if m is None or re.search(r"[，,；;：:]", form[m.end():]):
        return None
    return m


def _told_by_speaker(doc: UnspacedDoc, form: str, v: re.Match, who: Speaker, cue: str) -> bool:
    """Whether an act done together ("X同Y共同宣布") inside the paragraph of another person
    who speaks is that person's account (rule 5), not a cue of its own."""
    m = doc.cues.together.search(form, max(0, v.start() - 4), v.start())
    return m is not None and m.end() == v.start() and cue in ("explicit", "joint") and \
        doc.inside and is_person(doc.last) and who != doc.last


def _short_clause(form: str, v: re.Match, cues: UnspacedCues) -> bool:
    """Whether the clause of the verb ``v`` is a bare cue: a name, a title or an adverb and
    the verb, no noun phrase ("，习近平说。", not "，尤其是洪森总理的大力支持。")."""
    clause = form[clause_start(form, v.start(), cues.code):v.start()].strip()
    return len(clause) <= 12 and not any(a in clause for a in cues.attributive)


def _remember(doc: UnspacedDoc, text: str, rec: Attribution) -> None:
    """Note who the statement names (for pronouns and "王大使"); a person who speaks in a
    statement that names nobody ("柬埔寨领导人感谢……", "ឯកឧត្តមឯកអគ្គរាជទូត បានជម្រាបថា") is
    who a pronoun after it refers to. (The names in Latin letters and after a title were
    noted when the statement was decided.)"""
    form = doc.names.lang.match_form(text)
    doc.names.note_given(form, doc.cues)
    found = doc.names.find(form)
    doc.names.people.extend((form[s:e], doc.names.speaker(a)) for s, e, a in found)
    if found:
        doc.subject = doc.names.speaker(found[0][2])
        doc.seen = (doc.seen or []) + [a for _, _, a in found]
    elif rec.cue in ("explicit", "description") and is_person(doc.last):
        doc.subject = doc.last


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
    doc = UnspacedDoc(UnspacedNames(actors, code, date), read_unspaced_cues(code))
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
        _remember(doc, text, rec)
        out.append(rec)
    for i in range(len(out) - 1):
        if _closing_cue_ahead(texts[i], texts[i + 1], out[i + 1], code):
            nxt = out[i + 1]
            out[i] = Attribution(nxt.speaker, nxt.speaker_name, nxt.side, "carried", "",
                                 CONFIDENCE["carried_ahead"])
    return out


def _closing_cue_ahead(text: str, following: str, decided: Attribution, code: str) -> bool:
    """Whether ``text`` is a whole quotation whose closing cue is the next statement on its
    own ("“……。”" then "洪森说。": the unit rule ends the quotation at its closing quote)."""
    quote = text.strip()
    if quote[:1] not in "“「『\"«" or quote[-1:] not in "”」』\"»":
        return False
    cue = following.strip().rstrip("。.!！?？។៕ ")
    limit = 12 if code == "zh" else 40
    return decided.cue in ("explicit", "pronoun", "description", "inverted") and \
        0 < len(cue) <= limit and not any(c in cue for c in "，,：:“”「」៖") and \
        cue.endswith(decided.cue_text)
