"""Who a statement mentions: actors, other named people, pronouns, descriptions, groups.

Used by :mod:`discourse.attribution`. A :class:`DocState` keeps what one document has
introduced so far: the named people not in the actors file (so that "Li" or "M. Guterres"
after "Premier Li Keqiang" / "António Guterres" is the same person) and, for each person,
the title words used about them (so that "le ministre", "the King" or "Samdech Techo Premier
ministre" resolve to the right person).

Examples
--------
>>> from discourse.actors import read_actors
>>> from discourse.cues import load_cue_rules
>>> doc = DocState(read_actors(), load_cue_rules()["en"], "en", "2024-10-10")
>>> ws = find_mentions("Thai Prime Minister Paetongtarn Shinawatra said so.", doc)
>>> [(w.kind, w.id, w.name) for w in ws]
[('name', 'paetongtarn_shinawatra', 'Paetongtarn Shinawatra')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .actors import Actors, slug_name
from .cues import DEMONYM, GLUE_WORDS, CueRules, fold
from .textnorm import normalize_text

__all__ = ["Who", "DocState", "find_mentions", "resolve_descriptor", "remember"]

_NAME_RUN = re.compile(
    r"(?<![\w'-])(?:[LDld]')?(?:(?:[A-ZÀ-ÖØ-Þ]\.){2,}|[A-ZÀ-ÖØ-Þ][\w'-]*\.?)"
    r"(?:\s(?:(?:[A-ZÀ-ÖØ-Þ]\.){2,}|[A-ZÀ-ÖØ-Þ][\w'-]*\.?))*"
)
_DEMONYM_RX = re.compile(rf"^{DEMONYM}$")
_GLUE = GLUE_WORDS
_INDEFINITE = {"a", "an", "un", "une"}
_TOKEN = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"[\w.'-]+")
_PREPOSITION = re.compile(r"(?:de|du|des|of|and|et)\s+")
_APPOSITION_AFTER = re.compile(r"\s*,([^,;:]{1,80}),")
_FORMER_WORDS = r"(?:ancien(?:ne)?s?|ex|former|late|feu|defunte?)"
_FORMER = re.compile(rf"(?<![\w'-])(?:[ld]')?{_FORMER_WORDS}(?![\w'])")
_FORMER_BEFORE = re.compile(rf"(?<![\w'-])(?:[ld]')?{_FORMER_WORDS}[\s-]*$")
_APPOSITION_BEFORE = re.compile(r"(?:^|[,;:])([^,;:]{1,60}),\s*$")


@dataclass
class Who:
    """A mention: ``kind`` is actor, name, pronoun, plural, joint or descriptor."""

    start: int
    end: int
    kind: str
    id: str | None = None
    name: str | None = None
    words: frozenset = frozenset()
    members: tuple = ()


@dataclass
class DocState:
    """What a document has introduced so far (see the module docstring)."""

    actors: Actors
    rules: CueRules
    lang: str
    date: object
    registry: dict = field(default_factory=dict)   # folded name/token -> (kind, id, name)
    people: list = field(default_factory=list)     # (kind, id, name, words) in text order
    _actor_words: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.day = _date(self.date)

    def actor_words(self, actor_id: str) -> frozenset:
        """Folded words of an actor's aliases and (date-valid) titles."""
        if actor_id not in self._actor_words:
            actor = self.actors[actor_id]
            words = set()
            for names in actor.aliases.values():
                for n in names:
                    words.update(_fold_name(n).split())
            for t in actor.titles:
                if t.valid_on(self.day):
                    for names in t.aliases.values():
                        for n in names:
                            words.update(_fold_name(n).split())
            self._actor_words[actor_id] = frozenset(words - _GLUE)
        return self._actor_words[actor_id]


def _date(value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _title_start(folded: str, start: int, rules: CueRules, cased: str) -> int:
    """Extend a mention back over the title words before it ("le Premier ministre thaï X")."""
    pos = start
    lo = max(0, start - 120)
    words = list(_WORD.finditer(folded, lo, start))
    k = len(words) - 1
    while k >= 0:
        m = words[k]
        word = m.group()
        if folded[m.end():pos].strip():
            break
        first = cased[m.start()]
        ok = _titleish(word, rules) or (first.isupper() and word not in rules.not_names)
        prev = words[k - 1].group() if k > 0 else ""
        if not ok and prev and (prev in rules.title_words or _DEMONYM_RX.match(prev)) \
                and word not in rules.not_names:
            ok = True   # one unknown word inside a title: "le Premier ministre lao X"
        if word in ("and", "et") and not _titleish(prev, rules):
            ok = False
        if not ok:
            break
        pos = m.start()
        k -= 1
    while True:  # never start a mention on a preposition
        w = _PREPOSITION.match(folded, pos, start)
        if not w:
            break
        pos = w.end()
    return pos


def _titleish(word: str, rules: CueRules) -> bool:
    return (word in rules.title_words or word in _GLUE or bool(_DEMONYM_RX.match(word))
            or word.rstrip(".") in rules.title_words or word.rstrip("'") in {"l", "d"}
            or word in ("and", "et"))


def _overlaps(s: int, e: int, spans: list) -> bool:
    for ts, te in spans:
        if s < te and ts < e:
            return True
    return False


def _names(cased: str, folded: str, doc: DocState, taken: list) -> list[Who]:
    """Capitalised names that are not actors' aliases."""
    rules, out = doc.rules, []
    stop = rules.stop_words
    for m in _NAME_RUN.finditer(cased):
        s, e = m.span()
        if taken and _overlaps(s, e, taken):
            continue
        if not _SPACE.search(cased, s, e):   # one word: most often "Le", "Chine", "The"
            low = folded[s:e]
            if low in stop or low.rstrip(".") in stop or low.startswith(("l'", "d'")):
                continue
        tokens = [t.span() for t in _TOKEN.finditer(cased, s, e)]
        had_title = False
        while tokens:   # leading function words and titles ("The", "Le", "President")
            low = folded[tokens[0][0]:tokens[0][1]]
            if low in stop or low.rstrip(".") in stop or low.startswith(("l'", "d'")):
                had_title |= low in rules.title_words or low.rstrip(".") in rules.title_words
                tokens.pop(0)
            else:
                break
        cut = 0         # titles further in ("Thai Prime Minister X", "Minister of Tourism X")
        for i, (ts, te) in enumerate(tokens):
            low = folded[ts:te]
            if low in rules.title_words or low.rstrip(".") in rules.title_words:
                cut, had_title = i + 1, True
        tokens = tokens[cut:]
        while tokens and folded[tokens[-1][0]:tokens[-1][1]].rstrip(".") in rules.not_names:
            tokens.pop()
        if not tokens or len(tokens) > 4:
            continue
        s, e = tokens[0][0], tokens[-1][1]
        raw = cased[s:e].rstrip(".")
        key = folded[s:e].rstrip(".")
        if all(c.isupper() or not c.isalpha() for c in raw) and len(tokens) == 1:
            continue  # a heading word or an acronym
        if not had_title:
            before = folded[max(0, s - 40):s].split()
            had_title = bool(before) and before[-1] in rules.title_words
        known = doc.registry.get(key)
        if known is None and len(tokens) < 2 and not had_title:
            continue
        if known is not None and known[1] is None:
            continue  # ambiguous token (e.g. "Hun" for two actors)
        kind, ident, full = known or ("name", slug_name(raw), _display(raw))
        start = _title_start(folded, s, rules, cased)
        out.append(Who(start, s + len(raw), kind, ident,
                       full if kind == "name" else doc.actors[ident].name,
                       frozenset(folded[start:s].split()) - _GLUE))
    return out


def _display(raw: str) -> str:
    """A display name: all-capital words get a capital initial ("KHAN Sovannara")."""
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in raw.split())


def find_mentions(text: str, doc: DocState, *, cased: str | None = None,
                  folded: str | None = None) -> list[Who]:
    """All mentions in ``text`` (offsets into the NFC working copy), in text order.

    Examples
    --------
    >>> from discourse.actors import read_actors
    >>> from discourse.cues import load_cue_rules
    >>> doc = DocState(read_actors(), load_cue_rules()["fr"], "fr", "2024-12-03")
    >>> [w.kind for w in find_mentions("Il a dit que les deux parties et Xi...", doc)]
    ['pronoun', 'joint', 'actor']
    """
    rules = doc.rules
    cased = cased if cased is not None else normalize_text(text, lower=False).norm
    folded = folded if folded is not None else normalize_text(text, fold_accents=True).norm
    found = [
        Who(m.start, m.end, "actor", m.actor, doc.actors[m.actor].name)
        for m in doc.actors.find_mentions(cased, lang=doc.lang, date=doc.date, folded=folded)
    ]
    merged: list[Who] = []
    for w in found:  # "le président chinois Xi Jinping" is one mention
        if merged and merged[-1].id == w.id and not folded[merged[-1].end:w.start].strip():
            merged[-1].end = w.end
        else:
            merged.append(w)
    for w in merged:
        start = _title_start(folded, w.start, rules, cased)
        w.words = frozenset(folded[start:w.end].split()) - _GLUE
        w.start = start
    taken = [(w.start, w.end) for w in merged]
    people = sorted(merged + _names(cased, folded, doc, taken), key=lambda w: w.start)
    out = list(people)
    for i, a in enumerate(people):  # "Xi et Hun Manet ont...", "A, B and C attended"
        group = [a]
        for b in people[i + 1:]:
            gap = folded[group[-1].end:b.start]
            if rules.coordinators.fullmatch(gap) or (gap.strip() == "," and len(group) < 6):
                group.append(b)
                if rules.coordinators.fullmatch(gap):
                    break
            else:
                break
        if len(group) > 1 and rules.coordinators.fullmatch(
                folded[group[-2].end:group[-1].start]) and len({g.id for g in group}) > 1:
            out.append(Who(a.start, group[-1].end, "joint",
                           members=tuple(g.id for g in group)))
    spans = [(w.start, w.end) for w in people]
    for rx, kind in ((rules.joint, "joint"), (rules.pronouns, "pronoun"),
                     (rules.plural_pronouns, "plural")):
        for m in rx.finditer(folded):
            if not any(s <= m.start() < e for s, e in spans):
                out.append(Who(m.start(), m.end(), kind))
    for m in rules.descriptor.finditer(folded):
        s, e = m.start(), m.end()
        body = set(m.group("body").replace("-", " ").split())
        if any(s < pe and ps < e for ps, pe in spans) or not (body & rules.title_words):
            continue
        if not m.group("art") and not cased[m.start("body")].isupper():
            continue
        words = frozenset((body | set((m.group("tail") or "").split())) - _GLUE)
        out.append(Who(s, e, "descriptor", words=words,
                       members=("indefinite",) if (m.group("art") or "").strip()
                       in _INDEFINITE else ()))
    out.sort(key=lambda w: (w.start, -w.end))
    return out


def resolve_descriptor(doc: DocState, who: Who) -> Who | None:
    """The person a description ("le ministre", "the King") refers to, or None."""
    if who.members == ("indefinite",):
        return None
    best, best_score = None, 0
    for kind, ident, name, words in reversed(doc.people):
        if kind == "actor":
            words = words | doc.actor_words(ident)
        score = len(who.words & words)
        if score > best_score:
            best, best_score = (kind, ident, name), score
    if best is None:
        return None
    return Who(who.start, who.end, best[0], best[1], best[2])


@lru_cache(maxsize=4096)
def _fold_name(name: str) -> str:
    return fold(name).strip()


def remember(doc: DocState, mentions: list[Who], folded: str) -> None:
    """Record a statement's people (for descriptions) and names (for later mentions)."""
    for w in mentions:
        if w.kind not in ("actor", "name"):
            continue
        after = _APPOSITION_AFTER.match(folded, w.end)
        before = _APPOSITION_BEFORE.search(folded, 0, w.start)
        # A role introduced as past ("l'ancien Premier ministre X", "X, former president,")
        # is not the role this person holds: its words do not describe them later.
        words = set() if _FORMER_BEFORE.search(folded, 0, w.start) else set(w.words)
        for grp in (after, before):
            if grp and not (_FORMER.search(grp.group(1))):
                words.update(set(grp.group(1).split()) - _GLUE)
        doc.people.append((w.kind, w.id, w.name, frozenset(words)))
        full = _fold_name(w.name or "")
        parts = full.split()
        keys = [full] + ([parts[0], parts[-1]] if len(parts) >= 2 else [])
        for k in keys:
            prev = doc.registry.get(k)
            if prev is None:
                doc.registry[k] = (w.kind, w.id, w.name)
            elif prev[1] != w.id and k != full:
                doc.registry[k] = (w.kind, None, None)  # ambiguous
