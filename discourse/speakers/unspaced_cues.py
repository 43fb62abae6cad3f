"""The cue words of the languages written without spaces (Chinese, Khmer), compiled from
``lang/<code>/attribution.yml`` on the language's matching copy, and the reporting verbs of
a statement (:func:`find_verbs`: not inside a longer word of ``not_cues``, 说 is no cue in
说明; not followed by an attributive mark, "提出的倡议").

Besides the cue words, the file gives what makes a person's side when the actors file does
not know them: the countries (``title_countries``) and the home country's offices
(``home_offices``) written in a title before a name ("越南总理范明政" speaks for VN, "外交部部长
助理刘劲松" for CN), and the sides whose names are written in their own characters
(``native_sides``: a Chinese official's id is his name's usual pinyin, ``liu_jinsong``).

Examples
--------
>>> cues = read_unspaced_cues("zh")
>>> cues.speech.search("这说明了").group(), "说明" in cues.not_cues
('说明', True)
>>> cues.country_of("柬埔寨驻华大使"), cues.country_of("中国驻柬大使"), cues.country_of("外交部部长助理")
('KH', 'CN', 'CN')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang import get_language

__all__ = ["UnspacedCues", "read_unspaced_cues", "find_verbs"]

_NEVER = re.compile(r"(?!x)x")


def _alternation(words) -> re.Pattern:
    alts = sorted({re.escape(w) for w in words if w}, key=len, reverse=True)
    return re.compile("|".join(alts) if alts else _NEVER.pattern)


@dataclass(frozen=True)
class UnspacedCues:
    """The compiled cue words of one unspaced language (``attribution.yml``)."""

    code: str
    speech: re.Pattern         # speech verbs and the longer words that are not cues
    not_cues: frozenset
    meeting: re.Pattern
    joint_subjects: re.Pattern
    joint_verbs: re.Pattern
    side_subjects: dict
    sides: re.Pattern
    pronouns: re.Pattern
    titles: re.Pattern
    according_to: re.Pattern
    captions: re.Pattern
    attributive: tuple = ()    # after a verb: it qualifies a noun ("提出的倡议")
    not_names: tuple = ()      # words that a name after a title never holds
    pair_words: re.Pattern = _NEVER       # "和", "និង": two names speaking together
    joint_speakers: re.Pattern = _NEVER   # the joint subjects that are people ("双方")
    governments: tuple = ()    # (side, display name) of the government a side subject names
    modals: re.Pattern = _NEVER  # "双方要……": a proposal (the speaker's), not a joint act
    exchanges: re.Pattern = _NEVER       # "双方讨论了……", "交换了意见": the narrator's
    messengers: re.Pattern = _NEVER      # "X请Y转达": Y only carries X's words
    relays: re.Pattern = _NEVER          # the verbs a messenger carries ("转达")
    together: re.Pattern = _NEVER        # "X同Y共同宣布": an act of two, told by another
    placements: re.Pattern = _NEVER      # "……是在会见时作出的": words placed in a meeting
    followers: re.Pattern = _NEVER       # words after a subject's name ("在", "同"): its end
    countries: dict | None = None        # country word of a title -> side
    country_words: re.Pattern = _NEVER
    home_offices: re.Pattern = _NEVER    # offices of the home country named without it
    home_side: str = ""
    native_sides: tuple = ()             # sides whose people's names are native here
    openers: re.Pattern = _NEVER         # "据了解，", "គួរបញ្ជាក់ថា": the journalist's aside
    agreements: re.Pattern = _NEVER      # "一致", "ឯកភាព": what keeps both sides joint
    prepositions: re.Pattern = _NEVER    # "向王毅表态": a name after them is no subject
    complementizers: tuple = ()          # Khmer "ថា" ("that"): a new clause after it
    sources: re.Pattern = _NEVER         # "据越通社报道，": an outlet's report opening a sentence
    descriptions: re.Pattern = _NEVER    # "领导人": with a country, that side's principal
    background: re.Pattern = _NEVER      # "于1958年建交": a dated event, the journalist's
    questions: re.Pattern = _NEVER       # "问：": a journalist's question at a press conference
    answers: re.Pattern = _NEVER         # "答：": the answer of the document's ``answerers``
    answerers: tuple = ()                # "发言人": the title of who answers
    acts: re.Pattern = _NEVER            # "致辞": delivering remarks, an act when nothing follows
    foreign_offices: re.Pattern = _NEVER  # "驻华": stationed in the home country (a foreigner)
    frames: re.Pattern = _NEVER          # "应……邀请": a clause so opened holds no cue
    behalf: re.Pattern = _NEVER          # "តាងនាមឲ្យ" ("on behalf of"): the subject ends before

    def title_side(self, form: str, start: int, title: re.Match) -> str | None:
        """The side of the title ``title`` of ``form``, whose phrase starts at ``start`` or
        after the last meeting verb or name before it ("老挝副总理X会见中国驻老挝大使Y": CN)."""
        for rx in (self.meeting, self.followers, self.pair_words, self.messengers):
            for m in rx.finditer(form, start, title.start()):
                start = max(start, m.end())
        return self.country_of(form[start:title.end()])

    def country_of(self, title: str) -> str | None:
        """The side a title phrase names: its first country ("中国驻柬大使": CN), else the
        home country when it names one of its offices ("外交部部长助理", also before a place it is
        stationed in: "外交部驻香港特派员"), else None."""
        m = self.country_words.search(title)
        if m is not None:
            return (self.countries or {})[m.group()]
        home, foreign = self.home_offices.search(title), self.foreign_offices.search(title)
        if home is not None and (foreign is None or home.start() < foreign.start()):
            return self.home_side or None     # "外交部驻香港特派员": the ministry's own office
        return None


@lru_cache(maxsize=None)
def read_unspaced_cues(code: str) -> UnspacedCues:
    """The cue words of language ``code`` (``zh``, ``km``), compiled on its matching copy.

    Examples
    --------
    >>> read_unspaced_cues("km").code
    'km'
    """
    lang = get_language(code)
    data = lang.data("attribution")
    form = lambda key: [lang.match_form(str(w)) for w in data.get(key) or []]  # noqa: E731
    table = lambda key: {lang.match_form(str(k)): str(v)  # noqa: E731
                         for k, v in (data.get(key) or {}).items()}
    sides, countries = table("side_subjects"), table("title_countries")
    rx = lambda key: _alternation(form(key))  # noqa: E731
    not_cues = form("not_cues") + form("narrator_openers")   # "គួរបញ្ជាក់ថា" is no cue
    return UnspacedCues(
        code, _alternation(form("speech_verbs") + not_cues), frozenset(not_cues),
        rx("meeting_verbs"), _joint(form, "joint_subjects"), rx("joint_verbs"), sides,
        _alternation(sides), rx("pronouns"), rx("titles"),
        rx("according_to"), rx("caption_marks"), tuple(form("attributive")),
        tuple(form("not_names")), rx("pair_conjunctions"), _joint(form, "joint_speakers"),
        tuple((str(k), str(v)) for k, v in (data.get("governments") or {}).items()),
        rx("modals"), exchanges=rx("exchange_verbs"), messengers=rx("messengers"),
        relays=rx("relay_verbs"), together=rx("together"), placements=rx("placements"),
        followers=rx("name_followers"), countries=countries,
        country_words=_alternation(countries), home_offices=rx("home_offices"),
        home_side=str(data.get("home_side") or ""),
        native_sides=tuple(str(s) for s in data.get("native_sides") or ()),
        openers=rx("narrator_openers"), agreements=rx("agreements"),
        prepositions=rx("prepositions"), complementizers=tuple(form("complementizers")),
        sources=_source_frame(form("source_openers"), form("source_words")),
        descriptions=rx("description_heads"),
        background=_background(str(data.get("years") or ""), form("background_events")),
        questions=rx("questions"), answers=rx("answers"), answerers=tuple(form("answerers")),
        acts=rx("acts"), foreign_offices=rx("foreign_offices"), frames=rx("frames"),
        behalf=rx("on_behalf"))


def _joint(form, key: str) -> re.Pattern:
    """The joint subjects of ``key``, and a pair of people named by a title or a description
    ("两位总书记", "两国总理", "两党领导人": ``joint_prefixes`` and a title)."""
    words = _alternation(form(key)).pattern
    prefixes, heads = form("joint_prefixes"), form("titles") + form("description_heads")
    if not prefixes or not heads:
        return re.compile(words)
    return re.compile(f"(?:{_alternation(prefixes).pattern})(?:{_alternation(heads).pattern})"
                      f"|{words}")


def _source_frame(openers: list, words: list) -> re.Pattern:
    """"据越通社报道", "另据柬埔寨媒体消息": an opener, a few words (the outlet) and a
    source word, in the sentence's first clause."""
    if not openers or not words:
        return _NEVER
    return re.compile(f"(?:{_alternation(openers).pattern})[^，,。；;：:]{{0,20}}?"
                      f"(?:{_alternation(words).pattern})")


def _background(years: str, events: list) -> re.Pattern:
    """A year (``years``, a regex of the language file) and, before or after it, an event
    of the relationship's history ("1958年……建立外交关系", "...ការទូត...ឆ្នាំ១៩៥៨")."""
    if not years or not events:
        return _NEVER
    return re.compile(f"^(?=.*?(?:{years}))(?=.*?(?:{_alternation(events).pattern}))", re.S)


def _clause(form: str, end: int) -> str:
    """The clause of ``form`` that ends at ``end`` (after the last comma, colon or stop)."""
    return form[max(form.rfind(c, 0, end) for c in "，,。；;：:\n") + 1:end].lstrip()


def find_verbs(cues: UnspacedCues, lang, form: str):
    """The reporting verbs of ``form`` in order (not inside a longer non-cue word)."""
    for m in cues.speech.finditer(form):
        if m.group() in cues.not_cues or form.startswith(cues.attributive, m.end()):
            continue
        if cues.frames.match(_clause(form, m.start())):
            continue                 # "应国务院总理李强邀请，": the frame of a visit, no cue
        if lang.is_boundary(form, m.start()) and lang.is_boundary(form, m.end()):
            yield m
