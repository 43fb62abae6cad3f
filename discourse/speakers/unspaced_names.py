"""Names in the languages written without spaces (Chinese, Khmer): the actors' aliases and
dated titles found in a matching copy, romanised names given in brackets, and the speakers
that stand for a side (a government).

:class:`UnspacedNames` finds every mention of an actor (``find``: position, end, actor id),
the actor that a bare title describes ("លោកប្រធានាធិបតី", "主席": the person seen in the
document who holds that title on the document's date) and keeps the romanised form that a
text gives a name in brackets ("谢天龙(Chea Thyrith)"), so that a speaker outside the actors
file gets the id of the name in Latin letters (``chea_thyrith``) when the text gives it.

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> names = UnspacedNames(read_actors(), "zh", "2024-04-22")
>>> names.find("洪马内和父亲洪森")
[(0, 3, 'hun_manet'), (6, 8, 'hun_sen')]
>>> names.note_romanised("参议院发言人谢天龙(Chea Thyrith)介绍")
>>> names.romanised["谢天龙"].id
'chea_thyrith'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import DiscourseError
from ..lang import get_language
from .actor import as_date
from .actors import slug_name
from .attributor import Speaker

__all__ = ["UnspacedNames"]

_RUN = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff·]{1,11}")     # a name's characters
# a name in Chinese or Khmer characters followed by its Latin form in brackets
_ROMANISED = re.compile(r"([\u3400-\u9fff\u1780-\u17ff·・ ]{2,24}?)\s*[(（]\s*"
                        r"([A-Z][A-Za-z'’.\-]*(?:[ \-][A-Z][A-Za-z'’.\-]*){0,4})\s*[)）]")


@lru_cache(maxsize=64)
def _alias_table(actors, code: str, active: tuple) -> tuple[dict, tuple, re.Pattern | None]:
    """(alias -> actor id, (title, actor id) pairs, the regex of the aliases) of ``actors``
    in language ``code`` with the dated titles ``active`` ((actor id, title index) pairs):
    made once for every document of a run that shares them."""
    lang = get_language(code)
    key = lambda alias: " ".join(lang.match_form(alias).split())  # noqa: E731
    table: dict[str, str] = {}
    titles: list[tuple[str, str]] = []     # (title as matched, actor id)
    on = set(active)
    for actor in actors.actors.values():
        for alias in actor.aliases.get(code, ()):
            table.setdefault(key(alias), actor.id)
        for i, title in enumerate(actor.titles):
            if (actor.id, i) in on:
                for alias in title.aliases.get(code, ()):
                    table.setdefault(key(alias), actor.id)
                    titles.append((key(alias).replace(" ", ""), actor.id))
    return table, tuple(titles), tuple(sorted(table, key=len, reverse=True))


@lru_cache(maxsize=16)
def _all_regex(actors, code: str) -> re.Pattern | None:
    """The regex of every alias and every title of ``actors`` in ``code`` whatever its dates:
    compiled once per actors set, where the regex of one date's aliases would be compiled
    again for every set of titles in office (:meth:`UnspacedNames.match_at` skips the
    titles out of office on the document's date)."""
    lang = get_language(code)
    keys = {" ".join(lang.match_form(a).split()): None for actor in actors.actors.values()
            for a in actor.aliases.get(code, ())}
    for actor in actors.actors.values():
        for title in actor.titles:
            keys.update((" ".join(lang.match_form(a).split()), None)
                        for a in title.aliases.get(code, ()))
    return _alias_regex(tuple(sorted(keys, key=len, reverse=True)))


@lru_cache(maxsize=64)
def _alias_regex(alts: tuple[str, ...]) -> re.Pattern | None:
    """The regex of the aliases ``alts`` (longest first), compiled once for every date whose
    active titles give the same strings (a title held in turn by several people)."""
    body = "|".join(r"\s*".join(re.escape(p) for p in a.split()) for a in alts)
    return re.compile(body) if body else None


@lru_cache(maxsize=16)
def _sound_table(actors, code: str) -> dict[str, str]:
    """The romanised form of each alias of ``actors`` in language ``code`` -> actor id: a
    foreign name transliterated with other characters of the same sound (Taiwan's 希沙慕丁,
    Xinhua's 希沙姆丁: xi sha mu ding) is the same person. Ambiguous forms are left out."""
    lang = get_language(code)
    table: dict[str, str | None] = {}
    for actor in actors.actors.values():
        for alias in actor.aliases.get(code, ()):
            key = lang.romanize(alias)
            table[key] = actor.id if table.get(key, actor.id) == actor.id else None
    return {k: v for k, v in table.items() if v}


class UnspacedNames:
    """The actors' aliases and dated titles of one language, found in a matching copy."""

    def __init__(self, actors, code: str, date) -> None:
        self.lang = get_language(code)
        self.actors = actors
        self.code = code
        day = as_date(date, "date") if isinstance(date, str) else None
        active = tuple((actor.id, i) for actor in actors.actors.values()
                       for i, title in enumerate(actor.titles)
                       if day is None or ((title.start is None or title.start <= day)
                                          and (title.end is None or day <= title.end)))
        self.table, self.titles, self._alts = _alias_table(actors, code, active)
        self.rx = _all_regex(actors, code)
        self._active_keys = frozenset(k.replace(" ", "") for k in self.table)
        self.romanised: dict[str, Speaker] = {}
        self.titled: dict[str, Speaker] = {}        # names met after a title (not actors)
        self.people: list[tuple[str, Speaker]] = []  # (name as matched, speaker), in order
        self.given: dict[str, Speaker] = {}  # title -> the person the document gave it to
        self.honorifics: dict[str, set] = {}  # person id -> the titles written next to them
        self.cues = None       # the language's UnspacedCues (titles, verbs), set by the stage
        self.title_keys = frozenset(t for t, _ in self.titles)

    def find(self, form: str, start: int = 0, end: int | None = None,
             ) -> list[tuple[int, int, str]]:
        """(start, end, actor id) of every mention in ``form[start:end]``, left to right."""
        if self.rx is None:
            return []
        end = len(form) if end is None else end
        out = []
        for m in self._matches(form, start, end):
            if self.cues is not None and self._not_this_holder(form, m):
                continue
            if self.lang.is_boundary(form, m.start()) and self.lang.is_boundary(form, m.end()):
                actor = self.table.get(" ".join(m.group().split()))
                if actor is None:      # written without its inner space: "ហ៊ុនសែន"
                    actor = next((a for k, a in self.table.items()
                                  if k.replace(" ", "") == re.sub(r"\s", "", m.group())), None)
                if actor:
                    out.append((m.start(), m.end(), actor))
        return out

    def match_at(self, form: str, pos: int, end: int | None = None) -> re.Match | None:
        """The longest alias or title in office on the document's date at ``form[pos]``."""
        stop = len(form) if end is None else end
        while stop > pos:
            m = self.rx.match(form, pos, stop)
            if m is None or re.sub(r"\s", "", m.group()) in self._active_keys:
                return m
            stop = m.end() - 1          # a title out of office: a shorter alias, if any
        return None

    def _matches(self, form: str, start: int, end: int):
        """The aliases and titles in office, left to right (as their own regex would)."""
        pos = start
        while (m := self.rx.search(form, pos, end)) is not None:
            hit = self.match_at(form, m.start(), end)
            if hit is None:
                pos = m.start() + 1
                continue
            yield hit
            pos = max(hit.end(), hit.start() + 1)

    def _not_this_holder(self, form: str, m: re.Match) -> bool:
        """Whether the title ``m`` is part of a longer title (首相 in 副首相) or names the
        person written after it ("越南总理阮文德": that person, not the title's holder)."""
        if re.sub(r"\s", "", m.group()) not in self.title_keys:
            return False
        titles = self.cues.titles
        if any(t.start() < m.start() and t.end() >= m.end()
               for t in titles.finditer(form, max(0, m.start() - 3), m.end())):
            return True
        if self.code != "zh":
            return False
        near = list(self.cues.country_words.finditer(form, max(0, m.start() - 8), m.end()))
        holder = self.table.get(" ".join(m.group().split()))
        if near and holder and self.actors[holder].side != self.cues.countries[near[-1].group()]:
            return True              # "马来西亚首相" names no Cambodian prime minister
        pos = m.end()
        while (honorific := titles.match(form, pos)) is not None and honorific.end() > pos:
            pos = honorific.end()          # "首相拿督斯里安华": the name after the honorifics
        return _name_after(form, pos, self.cues) is not None or \
            self.match_at(form, pos) is not None

    def speaker(self, actor_id: str) -> Speaker:
        a = self.actors[actor_id]
        return Speaker(a.id, a.name, a.side)

    def holder(self, title: str, seen) -> Speaker | None:
        """The person last seen in the document whose title (on its date) holds ``title``."""
        title = title.replace(" ", "")
        holders = {a for t, a in self.titles if title in t}
        for actor_id in reversed(seen or []):
            if actor_id in holders:
                return self.speaker(actor_id)
        return None

    def note_romanised(self, text: str) -> None:
        """Remember the Latin form that ``text`` gives a name in brackets."""
        for m in _ROMANISED.finditer(text):
            native = self.lang.match_form(m.group(1)).strip()
            who = self.latin_speaker(m.group(2))
            if self.code == "zh":            # the name is the end of the run: 2 to 4 characters
                keys = [native[-n:] for n in (2, 3, 4) if len(native) >= n]
            else:                            # its last one to three words
                words = native.split()
                keys = [" ".join(words[-n:]) for n in (1, 2, 3) if len(words) >= n]
            for key in keys:
                self.romanised.setdefault(key, who)

    def latin_speaker(self, latin: str) -> Speaker:
        """An actor named ``latin`` in Latin letters, or a speaker with that name's id."""
        try:
            found = self.actors.resolve(latin)
        except DiscourseError:       # an ambiguous alias: the name as written
            found = None
        return self.speaker(found) if found else Speaker(slug_name(latin), latin, None)

    def romanised_before(self, text: str, end: int) -> Speaker | None:
        """The speaker whose name and bracketed Latin form close ``text[:end]`` (the actor
        when the name before the brackets is one)."""
        m = re.search(r"[(（]\s*([A-Z][A-Za-z'’.\- ]{1,60}?)\s*[)）]\s*$", text[:end])
        if m is None:
            return None
        before = self.lang.match_form(text[:m.start()]).rstrip()
        found = self.find(before)
        if found and found[-1][1] == len(before):
            return self.speaker(found[-1][2])
        return self.latin_speaker(m.group(1))

    def person(self, name: str, side: str | None, native_sides=()) -> Speaker:
        """A person outside the actors file named ``name`` (as written), of ``side``: the
        id of the Latin form given in brackets, else the name's romanised id (its usual
        pinyin when ``side`` is one of the ``native_sides``: a Chinese official)."""
        key = self.lang.match_form(name)
        known = self.romanised.get(key) or self.titled.get(key)
        if known is not None:
            return known if known.side or not side else Speaker(known.id, known.name, side)
        sound = _sound_table(self.actors, self.code).get(self.lang.romanize(name))
        if sound is not None and side not in native_sides and \
                self.actors[sound].side == (side or self.actors[sound].side):
            return self.speaker(sound)          # "希沙慕丁": Xinhua's 希沙姆丁
        return Speaker(self.lang.romanize(name, native=side in native_sides, side=side),
                       name, side)

    def note_titled(self, text: str, cues) -> None:
        """Remember the Chinese names that ``text`` writes right after a title and before a
        list or clause mark, a meeting or reporting verb ("国防部长哈立德、", "越南总理范明政
        会见"), with the side the title names (``cues.country_of``), so that "哈立德说", "范明政
        表示" later name them."""
        if self.code != "zh":        # Khmer writes the title at every mention
            return
        form = self.lang.match_form(text)
        for m in cues.titles.finditer(form):
            key = _name_after(form, m.end(), cues)
            if key and not self.find(key) and not cues.titles.search(key) and key not in \
                    self.titled:
                start = max(form.rfind(c, 0, m.start()) for c in "，,。；;：:、（(\n") + 1
                self.titled[key] = self.person(text[m.end():m.end() + len(key)],
                                               cues.title_side(form, start, m),
                                               cues.native_sides)
                self.people.append((key, self.titled[key]))

    def note_given(self, form: str, cues) -> None:
        """Remember the person each title of ``form`` is written next to ("ប្រាក់ សុខុន
        ឧបនាយករដ្ឋមន្ត្រី", "越南副总理阮文德", "王文天大使"): a chain of titles right before
        a name, else right after one, is that person's (a later bare title names them)."""
        anchors = [(s, e, self.speaker(a)) for s, e, a in self.find(form)]
        for key, who in self.titled.items():
            anchors += [(m.start(), m.end(), who) for m in re.finditer(re.escape(key), form)]
        chains: list[list[re.Match]] = []
        for m in cues.titles.finditer(form):
            if chains and not form[chains[-1][-1].end():m.start()].strip(" \u3000、"):
                chains[-1].append(m)
            else:
                chains.append([m])
        for chain in chains:
            start, end = chain[0].start(), chain[-1].end()
            after = [w for s, _, w in anchors if s >= end and not form[end:s].strip(" \u3000")]
            before = [w for _, e, w in anchors if e <= start and not form[e:start].strip(" \u3000")]
            holder = (after or before or [None])[0]
            for m in chain if holder is not None else ():
                self.given[m.group().replace(" ", "")] = holder
                self.honorifics.setdefault(holder.id, set()).add(m.group().replace(" ", ""))

    def titled_in(self, text: str, form: str, start: int, end: int,
                  ) -> list[tuple[int, Speaker]]:
        """(position, speaker) of the names met after a title in ``form[start:end]``; a
        person outside the actors file keeps the name as ``text`` writes it there."""
        out = []
        for key, who in self.titled.items():
            for m in re.compile(re.escape(key)).finditer(form, start, end):
                written = who if who.id in self.actors.actors else \
                    Speaker(who.id, text[m.start():m.end()], who.side)
                out.append((m.start(), written))
        return out

    def titled_at(self, form: str, start: int, end: int) -> Speaker | None:
        """The remembered name (after a title, or with its Latin form) that opens
        ``form[start:end]``, if any."""
        region = form[start:end].strip()
        known = {**self.romanised, **self.titled}
        for key in sorted(known, key=len, reverse=True):
            if region.startswith(key):
                return known[key]
        return None


def _name_after(form: str, pos: int, cues) -> str | None:
    """The name at ``pos`` (after a title) that a mark, a conjunction, a messenger, a
    meeting or a reporting verb, or a word that follows a subject ("在", "同") closes,
    longest first: two to five Chinese characters, or up to twelve with a middle dot
    ("宋赛·西潘敦"); a name never ends with one of those words."""
    run = _RUN.match(form, pos)
    if run is None:
        return None
    run = run.group()
    cap = min([len(run)] + [m.start() for rx in (cues.speech, cues.meeting)
                            for m in [rx.search(run)] if m is not None])
    for n in range(cap, 1, -1):
        name, rest = run[:n], pos + n
        if name.endswith("·") or (n > 5 and "·" not in name) or \
                any(w in name for w in cues.not_names) or \
                (n > 3 and cues.followers.search(name)) or \
                any(p.search(name[-2:]) and p.search(name[-2:]).end() == len(name[-2:])
                    for p in (cues.followers, cues.pair_words, cues.messengers)):
            continue
        if rest >= len(form) or form[rest] in "、，,。；;（(：:0123456789０１２３４５６７８９" or any(
                p.match(form, rest) for p in (cues.meeting, cues.speech, cues.messengers,
                                              cues.pair_words, cues.followers)):
            return name
    return None
