"""Who is the subject of a reporting verb in a Chinese or Khmer statement (the explicit,
inverted, pronoun, description, joint and side cues of :mod:`discourse.speakers.unspaced`),
and what a document has established so far (:class:`UnspacedDoc`).

The subject is looked for in the clause before the verb: a person of the actors file, a
name after a title ("越南总理范明政"), a name in Latin letters in brackets, a surname alone
("刘表示"), a bare title ("主席表示": the person the document gave it to), a pronoun, a
joint subject ("双方"), two people joined by 和 / និង, or a side ("中方").

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.unspaced_cues import read_unspaced_cues, find_verbs
>>> from discourse.speakers.unspaced_names import UnspacedNames
>>> doc = UnspacedDoc(UnspacedNames(read_actors(), "zh", "2024-04-09"), read_unspaced_cues("zh"))
>>> doc.names.cues = doc.cues
>>> form = "洪玛奈表示，柬方感谢中方。"
>>> verb = next(find_verbs(doc.cues, doc.names.lang, form))
>>> who, cue = find_subject(doc, form, form, verb)
>>> who.id, cue
('hun_manet', 'explicit')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .actors import slug_name
from .attributor import JOINT, NARRATOR, UNKNOWN, Speaker
from .unspaced_cues import UnspacedCues, find_verbs, read_unspaced_cues
from .unspaced_names import UnspacedNames

__all__ = ["UnspacedDoc", "find_subject", "clause_start", "named_speaker", "is_pair",
           "is_person", "MARKS"]

_CLAUSE_END = "，,。；;：:“”「」『』（）()!?！？៖«»\n"
MARKS = "。！？!?។៕"


def _verb(cues: UnspacedCues, lang, form: str) -> re.Match | None:
    """The first reporting verb of ``form``, or None."""
    return next(find_verbs(cues, lang, form), None)


def clause_start(form: str, pos: int, code: str) -> int:
    """Where the clause that ends at ``pos`` starts (after a comma, a colon, a quote...)."""
    stops = _CLAUSE_END if code == "zh" else "៖«»\n,()"
    after = read_unspaced_cues(code).complementizers   # Khmer "ថា ": what was said follows
    i = pos
    while i > 0 and form[i - 1] not in stops and not (form[i - 1] == " " and
                                                      form[:i - 1].endswith(after)):
        i -= 1
    return i


@dataclass
class UnspacedDoc:
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
        if is_person(who):
            self.named = who
            self.spoke.add(who.id)
            if self.by_side is None:
                self.by_side = {}
            if who.side:
                self.by_side[who.side] = who


def named_speaker(doc: UnspacedDoc, form: str, text: str, s: int, e: int) -> Speaker | None:
    """A speaker named in ``form[s:e]``: an actor, or a name after a title (Chinese: the
    last title, "越南总理范明政"; Khmer, which writes the titles after the name too, the
    words after the first title that a name follows: "ឯកឧត្តម ស៊ុន ចាន់ថុល ឧបនាយករដ្ឋមន្ត្រី")."""
    found = [(a, doc.names.speaker(i)) for a, _, i in doc.names.find(form, s, e)]
    found += doc.names.titled_in(text, form, s, e)      # "马来西亚外交部长希沙慕丁1日与王毅……"
    found = sorted((f for f in found if not _spoken_to(doc, form, f[0])), key=lambda f: f[0])
    if found:
        return found[0][1]
    titles = list(doc.cues.titles.finditer(form, s, e))
    if not titles:
        return None
    if doc.cues.code != "zh":
        return _khmer_name(doc, form, text, s, e, titles)
    name = text[titles[-1].end():e].strip(" \u3000、")
    if doc.cues.followers.match(doc.names.lang.match_form(name)):
        return None                     # "名誉领事在致辞中感谢": no name after the title
    cut = doc.cues.followers.search(doc.names.lang.match_form(name), 2)
    name = name[:cut.start()] if cut is not None else name     # "川普日前宣布": 川普
    limit = 12 if "·" in name else 6
    key = doc.names.lang.match_form(re.sub(r"\s*[(（].*", "", name))
    if key in doc.names.romanised:            # named in Latin letters earlier
        return doc.names.romanised[key]
    if 2 <= len(name) <= limit and not re.search(r"[，,。：:\d！？!?；;]", name) and \
            not any(w in name for w in doc.cues.not_names):
        side = doc.cues.title_side(form, s, titles[-1])   # "越南总理范明政": VN
        return doc.names.person(name, side, doc.cues.native_sides)
    return None


def _spoken_to(doc: UnspacedDoc, form: str, pos: int) -> bool:
    """Whether the name at ``pos`` follows a preposition ("向王毅表态": who is spoken to)."""
    m = doc.cues.prepositions.search(form, max(0, pos - 2), pos)
    return m is not None and m.end() == pos


def _khmer_name(doc: UnspacedDoc, form: str, text: str, s: int, e: int,
                titles: list) -> Speaker | None:
    """The first name written between a title and the next title or the verb, its side
    the country its titles name ("អ្នកនាំពាក្យក្រសួងការបរទេសចិន": CN), else the home
    country's when they name one of its offices ("រដ្ឋមន្ត្រីក្រសួង...")."""
    ends = [t.start() for t in titles[1:]] + [e]
    for title, end in zip(titles, ends):
        words = []
        for word in text[title.end():end].split():
            if any(word.startswith(w) for w in doc.cues.not_names) or len(words) == 3:
                break
            words.append(word)
        name = " ".join(words)
        key = doc.names.lang.match_form(re.sub(r"\s*[(（].*", "", name))
        if key in doc.names.romanised:
            return doc.names.romanised[key]
        if 2 <= len(name) <= 30 and not re.search(r"[,៖:\d០-៩។៕!?]", name):
            who = doc.names.person(name, doc.cues.country_of(form[s:e]))
            if who.side:                     # a later mention without the titles
                doc.names.titled.setdefault(key, who)
            return who
    return None


def _subject_end(doc: UnspacedDoc, form: str, cs: int, v: re.Match) -> int:
    """Where the subject of the verb ``v`` ends: before a messenger ("范明政请李强转达……
    问候": 范明政 asks, 李强 only carries the greetings), before "on behalf of"
    ("សម្តេចធិបតី តាងនាមឲ្យរាជរដ្ឋាភិបាល បានថ្លែង"), else at the verb."""
    if doc.cues.relays.fullmatch(v.group()):
        m = doc.cues.messengers.search(form, cs, v.start())
        if m is not None and m.start() > cs:
            return m.start()
    m = doc.cues.behalf.search(form, cs, v.start())
    if m is not None and m.start() > cs:
        return m.start()
    return v.start()


def find_subject(doc: UnspacedDoc, form: str, text: str, v: re.Match) -> tuple[Speaker, str] | None:
    """The speaker of the clause before the reporting verb ``v``, and the cue."""
    cs = clause_start(form, v.start(), doc.cues.code)
    end = _subject_end(doc, form, cs, v)
    who = doc.names.romanised_before(text, end)
    if who is not None:                           # "谢天龙(Chea Thyrith)介绍"
        return who, "explicit"
    if cs > 0 and doc.cues.joint_subjects.search(form, cs, end):
        return JOINT, "joint"                     # "习近平同洪玛奈会谈时，双方同意："
    head = doc.names.find(form, 0, end)
    if head and head[0][0] <= 1 and not doc.names.find(form, cs, cs + 2):
        if is_pair(doc, form, head, end):
            return JOINT, "joint"
        return doc.names.speaker(head[0][2]), "explicit"    # the name opening the sentence
    who = doc.names.titled_at(form, cs, end) if end < v.start() else None
    who = who or named_speaker(doc, form, text, cs, end)
    if who is not None:
        if is_pair(doc, form, doc.names.find(form, cs, end), end):
            return JOINT, "joint"
        inverted = cs > 0 and form[v.end():].strip() in ("", *MARKS) and \
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
    pronoun = doc.cues.pronouns.search(form, cs, v.start())
    if pronoun is not None and (doc.subject or doc.named):
        return _referent(doc, pronoun.group()), "pronoun"
    who = _by_surname(doc, form, cs, v.start())
    if who is not None:
        return who, "explicit"
    who = _country_described(doc, form, cs, v.start())
    if who is not None:                           # "柬埔寨领导人感谢", "越南副总理表示"
        return who, "description"
    side = doc.cues.sides.search(form, cs, v.start())
    if side is not None:
        code = doc.cues.side_subjects[side.group()]
        if doc.names.find(form, 0, cs):           # "洪森访华，中方宣布": the government
            return _government(doc, code), "explicit"
        return _side_speaker(doc, code), "carried"
    if cs > 0:                       # "……，并表示": the subject opens the sentence
        who = named_speaker(doc, form, text, 0, cs)
        if who is not None:
            if is_pair(doc, form, doc.names.find(form, 0, cs), cs):
                return JOINT, "joint"
            return who, "explicit"
    return None


def is_pair(doc: UnspacedDoc, form: str, found: list, end: int) -> bool:
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


def _described(doc: UnspacedDoc, form: str, s: int, e: int) -> Speaker | None:
    """"លោកប្រធានាធិបតីបានជម្រាបថា", "主席表示": a subject made of titles only is the
    person the document wrote the last of them next to ("ប្រាក់ សុខុន ឧបនាយករដ្ឋមន្ត្រី"),
    else the person seen in the document who holds it on the document's date."""
    region = form[s:e].strip(" \u3000")
    titles = list(doc.cues.titles.finditer(region))
    if not titles or doc.cues.titles.sub("", region).strip(" \u3000"):
        return None
    if doc.cues.pronouns.fullmatch(titles[-1].group()):
        return None
    title = titles[-1].group()
    return doc.names.given.get(title.replace(" ", "")) or doc.names.holder(title, doc.seen)


def _referent(doc: UnspacedDoc, pronoun: str) -> Speaker:
    """The person a pronoun refers to: the last subject, unless the pronoun is an honorific
    ("លោក", "ឯកឧត្តម", "សម្តេច") that the document wrote next to other people only: then the
    last of them named ("សម្តេចធិបតី ... បានទទួលជួបលោក វ៉ាង យី។ លោកបានថ្លែងថា": Wang Yi)."""
    first = doc.subject or doc.named
    word = pronoun.replace(" ", "")
    bearers = {pid for pid, titles in doc.names.honorifics.items() if word in titles}
    if not bearers or first.id in bearers:
        return first
    return next((who for _, who in reversed(doc.names.people) if who.id in bearers), first)


def _country_described(doc: UnspacedDoc, form: str, s: int, e: int) -> Speaker | None:
    """A subject made of a country (or a side) and a description or titles only ("柬埔寨领导人",
    "越南副总理", "柬方领导人", "មេដឹកនាំកម្ពុជា"): the person of that side who spoke, else
    the first of that side the document named (its principal at the meeting)."""
    region = form[s:e].strip(" \u3000")
    country = doc.cues.country_words.search(region) or doc.cues.sides.search(region)
    if country is None or not (doc.cues.descriptions.search(region) or
                               doc.cues.titles.search(region)):
        return None
    rest = region[:country.start()] + region[country.end():]
    if doc.cues.titles.sub("", doc.cues.descriptions.sub("", rest)).strip(" \u3000"):
        return None
    side = (doc.cues.countries or {}).get(country.group()) or \
        doc.cues.side_subjects.get(country.group())
    return (doc.by_side or {}).get(side) or _first_of_side(doc, side)


def _first_of_side(doc: UnspacedDoc, side: str | None) -> Speaker | None:
    """The first person of ``side`` the document named, or None."""
    return next((who for _, who in doc.names.people if side and who.side == side), None)


def _government(doc: UnspacedDoc, side: str) -> Speaker:
    """The government of ``side`` as a speaker (an institution, not a person)."""
    name = dict(doc.cues.governments).get(side)
    if name is None:
        return doc.last
    sid = slug_name(name)
    if sid in doc.names.actors.actors:
        return doc.names.speaker(sid)
    return Speaker(sid, name, side)


def _by_surname(doc: UnspacedDoc, form: str, s: int, e: int) -> Speaker | None:
    """"刘表示", "王大使表示", "范总理说": a surname alone (and titles) names the person of
    the document with that surname (an actor or a name met after a title): the last of them
    who spoke, else the first named (the one the text introduced in full)."""
    region = form[s:e].strip(" \u3000")
    if not re.match(r"[\u3400-\u9fff]", region) or doc.cues.titles.sub("", region[1:]):
        return None
    found = [who for name, who in doc.names.people if len(name) >= 2 and name[0] == region[0]]
    spoke = [who for who in found if who.id in doc.spoke]
    return spoke[-1] if spoke else (found[0] if found else None)


def _side_speaker(doc: UnspacedDoc, side: str) -> Speaker:
    """The speaker a side subject ("中方愿……") continues: the last speaker of that side,
    or the previous speaker (who speaks of that side)."""
    if doc.inside and doc.opener.side == side and is_person(doc.opener):
        return doc.opener            # the paragraph's speaker, after someone he quoted
    if doc.last.side == side:
        return doc.last
    if doc.inside and is_person(doc.last):
        return (doc.by_side or {}).get(side, doc.last)
    found = (doc.by_side or {}).get(side) or _first_of_side(doc, side)
    if found is None and is_person(doc.last):   # nobody of that side named (CONVENTIONS.md)
        return Speaker(UNKNOWN.id, UNKNOWN.name, side)
    return found or doc.last


def is_person(who: Speaker) -> bool:
    """Whether ``who`` is a person (not the narrator, both sides, or unknown of any side)."""
    return who.id not in (NARRATOR.id, JOINT.id, UNKNOWN.id)
