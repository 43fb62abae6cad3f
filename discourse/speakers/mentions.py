"""Who a statement mentions: actors, other named people, pronouns, descriptions, groups.

Used by :mod:`discourse.speakers.attribution`. A :class:`DocState` keeps what one document has
introduced so far: the named people not in the actors file (so that "Li" or "M. Guterres"
after "Premier Li Keqiang" / "António Guterres" is the same person) and, for each person,
the title words used about them (so that "le ministre", "the King" or "Samdech Techo Premier
ministre" resolve to the right person).

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> doc = DocState(read_actors(), read_cue_rules()["en"], "en", "2024-10-10")
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
from .cues import DEMONYM, GLUE_WORDS, CueRules
from .phrases import fold
from ..lang import union_words
from ..text.normalize import normalize_text

__all__ = ["Who", "DocState", "find_mentions", "resolve_descriptor", "remember",
           "pronoun_gender", "title_gender"]

_ELIDED = "".join(sorted({w[0] + w[0].upper() for w in union_words("elided_articles")}))
_NAME_RUN = re.compile(
    rf"(?<![\w'-])(?:[{_ELIDED}]')?(?:(?:[A-ZÀ-ÖØ-Þ]\.){{2,}}|[A-ZÀ-ÖØ-Þ][\w'-]*\.?)"
    r"(?:\s(?:(?:[A-ZÀ-ÖØ-Þ]\.){2,}|[A-ZÀ-ÖØ-Þ][\w'-]*\.?))*"
)
_DEMONYM_RX = re.compile(rf"^{DEMONYM}$")
_GLUE = GLUE_WORDS
_INDEFINITE = frozenset(union_words("indefinite_articles"))
_TOKEN = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"[\w.'-]+")
_PREPOSITION = re.compile("(?:" + "|".join(union_words("of_words") + union_words("and_words"))
                          + r")\s+")
_APPOSITION_AFTER = re.compile(r"\s*,([^,;:]{1,80}),")
_FORMER_WORDS = "(?:" + "|".join(sorted(union_words("former_words"), key=len, reverse=True)) + ")"
_ELIDED_LOWER = "".join(sorted({w[0] for w in union_words("elided_articles")}))
_FORMER = re.compile(rf"(?<![\w'-])(?:[{_ELIDED_LOWER}]')?{_FORMER_WORDS}(?![\w'])")
_FORMER_BEFORE = re.compile(rf"(?<![\w'-])(?:[{_ELIDED_LOWER}]')?{_FORMER_WORDS}[\s-]*$")
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
    gender: str | None = None     # of a pronoun ("elle": 'f'), when it shows one


@dataclass
class DocState:
    """What a document has introduced so far (see the module docstring)."""

    actors: Actors
    rules: CueRules
    lang: str
    date: object
    registry: dict = field(default_factory=dict)   # folded name/token -> (kind, id, name)
    people: list = field(default_factory=list)     # (kind, id, name, words) in text order
    surnames: dict = field(default_factory=dict)   # folded name part -> (kind, id, name) of
    #                                                the person last named in full with it
    genders: dict = field(default_factory=dict)    # person id -> 'f' / 'm' when known
    _actor_words: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.day = _date(self.date)

    def gender(self, ident: str | None) -> str | None:
        """'f' or 'm' if the person's gender is known (actors file or the text), else None."""
        if ident in self.genders:
            return self.genders[ident]
        if ident is not None and ident in self.actors:
            return self.actors[ident].gender
        return None

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
    tentative = 0   # place words after a title: "Ambassador to Cambodia X" (kept if a title
    edge = pos      # word comes before them)
    while k >= 0:
        m = words[k]
        word = m.group()
        if folded[m.end():edge].strip():
            break
        first = cased[m.start()]
        ok = _titleish(word, rules) or (first.isupper() and word not in rules.not_names)
        prev = words[k - 1].group() if k > 0 else ""
        if not ok and prev and (prev in rules.title_words or _DEMONYM_RX.match(prev)) \
                and word not in rules.not_names:
            ok = True   # one unknown word inside a title: "le Premier ministre lao X"
        if word in ("and", "et") and not _titleish(prev, rules):
            ok = False
        if tentative and ok and not (word in rules.title_words or _DEMONYM_RX.match(word)):
            ok = False  # after place words only a title word counts
        if not ok:
            if tentative < 3 and (word in rules.title_preps or (
                    first.isupper() and word in rules.not_names
                    and word not in rules.function_words)):
                tentative += 1
                edge = m.start()
                k -= 1
                continue
            break
        pos = edge = m.start()
        tentative = 0
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
        run_start = s
        first, place = True, None   # place: whether a preposition of place opens the run
        while tokens:   # leading function words and titles ("The", "Le", "President")
            low = folded[tokens[0][0]:tokens[0][1]]
            if low in rules.function_words:
                if not first:
                    break   # capitalised after a title in the run: a name ("Santé Or Vandine")
                if not _opens_clause(cased, s):
                    before = folded[max(0, s - 40):s].split()
                    if before and before[-1] in rules.title_words and before[-1] not in _GLUE:
                        break   # after a title: a name ("la ministre Or Vandine")
                place = bool(rules.place_before.fullmatch(low + " "))
            if low in stop or low.rstrip(".") in stop or low.startswith(("l'", "d'")):
                strict = low in rules.title_words or low.rstrip(".") in rules.title_words
                had_title |= strict and low not in _GLUE
                tokens.pop(0)
                first = False
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
            had_title = bool(before) and before[-1] in rules.title_words and \
                before[-1] not in _GLUE
        known = doc.registry.get(key)
        if known is not None and known[1] is None and len(tokens) == 1:
            known = doc.surnames.get(key, known)   # the last one named in full
        if known is None and not had_title and (len(tokens) < 2 or place or (
                place is None and rules.place_before.search(
                    folded, max(0, run_start - 12), run_start))):
            continue  # one word, or a place after "à", "in": not a person
        if known is not None and known[1] is None:
            continue  # ambiguous token (e.g. "Hun" for two actors)
        kind, ident, full = known or ("name", slug_name(raw), _display(raw))
        start = _title_start(folded, s, rules, cased)
        out.append(Who(start, s + len(raw), kind, ident,
                       full if kind == "name" else doc.actors[ident].name,
                       frozenset(folded[start:s].split()) - _GLUE))
    return out


def _opens_clause(cased: str, s: int) -> bool:
    """True if position ``s`` starts a sentence or a clause (nothing but punctuation before)."""
    k = s - 1
    while k >= 0 and cased[k].isspace():
        k -= 1
    return k < 0 or not (cased[k].isalnum() or cased[k] in ",'’")


def _display(raw: str) -> str:
    """A display name: all-capital words get a capital initial ("KHAN Sovannara")."""
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in raw.split())


_NEXT_WORD = re.compile(r"\s(?:[A-ZÀ-ÖØ-Þ][\w'-]*)")


def _core(folded: str, s: int, e: int, rules: CueRules) -> tuple[int, list[str]]:
    """(start, words) of the name in a mention, after its title words ("M.", "Premier")."""
    words = list(_WORD.finditer(folded, s, e))
    k = 0
    while k < len(words) and (words[k].group() in rules.stop_words or words[k].group().rstrip(
            ".") in rules.stop_words or words[k].group().startswith(("l'", "d'"))):
        k += 1
    if k == len(words):
        return e, []
    return words[k].start(), [m.group() for m in words[k:]]


def _full_name(w: Who, cased: str, folded: str, doc: DocState) -> Who:
    """The person an actor alias names in context.

    An alias that is only the start of a longer name ("M. Li" in "M. Li Keqiang", "Wang" in
    "Wang Wentian") names that longer name: an actor if it is an alias, else the person of
    that name. A bare surname alias ("M. Wang", "Premier Li") names the person last named in
    full with that surname in the document, if it is somebody else ("Wang Wentian ... M.
    Wang a ajouté"; "Li Keqiang ... M. Li" in 2018).
    """
    rules = doc.rules
    end = w.end
    while True:
        m = _NEXT_WORD.match(cased, end)
        if not m:
            break
        low = folded[m.start() + 1:m.end()]
        if low in rules.stop_words or low.rstrip(".") in rules.stop_words or m.end() - end > 30:
            break
        end = m.end()
    if end == w.end and folded[w.start:w.end].rsplit(None, 1)[-1] not in doc.surnames:
        return w   # (the name of a bare surname alias is its last word)
    core_start, core = _core(folded, w.start, w.end, doc.rules)
    if len(core) != 1:
        return w   # a full name ("Xi Jinping Thought" is not a person)
    if end > w.end and len(_WORD.findall(folded, core_start, end)) <= 4:
        raw = cased[core_start:end]
        actor = doc.actors.resolve(raw, lang=doc.lang, date=doc.day)
        if actor is not None:
            return Who(w.start, end, "actor", actor, doc.actors[actor].name)
        known = doc.registry.get(_fold_name(raw))
        if known is not None and known[1] is not None:
            return Who(w.start, end, known[0], known[1], known[2])
        return Who(w.start, end, "name", slug_name(raw), _display(raw))
    if len(core) == 1:
        other = doc.surnames.get(core[0])
        if other is not None and other[1] != w.id:
            return Who(w.start, w.end, other[0], other[1], other[2])
    return w


def find_mentions(text: str, doc: DocState, *, cased: str | None = None,
                  folded: str | None = None) -> list[Who]:
    """All mentions in ``text`` (offsets into the NFC working copy), in text order.

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.cues import read_cue_rules
    >>> doc = DocState(read_actors(), read_cue_rules()["fr"], "fr", "2024-12-03")
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
    for i, w in enumerate(merged):
        merged[i] = _full_name(w, cased, folded, doc)
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
                out.append(Who(m.start(), m.end(), kind,
                               gender=rules.pronoun_gender.get(m.group())))
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
    """The person a description ("le ministre", "the King") refers to, or None.

    The most recent person whose title words best match the description: a title word in
    common counts two, and so does a title word that the description's general noun covers
    ("le diplomate" covers an ambassador or a spokesperson, ``description_heads``); a
    demonym that matches a country word ("chinois" and "de Chine") counts one.
    """
    if who.members == ("indefinite",):
        return None
    heads = doc.rules.description_heads
    covered: set = set()
    for w in who.words:
        covered |= heads.get(w, frozenset())
    for a, b in zip(sorted(who.words), sorted(who.words)[1:]):
        covered |= heads.get(f"{a} {b}", frozenset())
    demonyms = [w for w in who.words if _DEMONYM_RX.match(w)]
    best, best_score = None, 0
    for kind, ident, name, words in reversed(doc.people):
        if kind == "actor":
            words = words | doc.actor_words(ident)
        words = _bare(words)
        common = who.words & words
        score = 2 * len(common - set(demonyms)) + len(common & set(demonyms))
        score += 2 * bool(covered & words)
        for d in demonyms:
            if d not in common and any(len(x) >= 4 and x[:4] == d[:4] and not
                                       _DEMONYM_RX.match(x) for x in words):
                score += 1
        if score > best_score:
            best, best_score = (kind, ident, name), score
    if best is None:
        return None
    return Who(who.start, who.end, best[0], best[1], best[2])


@lru_cache(maxsize=4096)
def _bare(words: frozenset) -> frozenset:
    """Words without elided articles ("l'ambassadeur" -> "ambassadeur")."""
    if not any("'" in w for w in words):
        return words
    return frozenset(w.split("'", 1)[1] if w[:2] in ("l'", "d'") else w for w in words)


@lru_cache(maxsize=4096)
def _fold_name(name: str) -> str:
    return fold(name).strip()


def title_gender(text: str, rules: CueRules) -> str | None:
    """The gender that folded title words show ("la ministre" -> 'f'), or None.

    Examples
    --------
    >>> from discourse.speakers.cues import read_cue_rules
    >>> title_gender("la ministre du tourisme", read_cue_rules()["fr"])
    'f'
    """
    return _gender_of([text], rules)


def pronoun_gender(text: str, rules: CueRules) -> str | None:
    """The gender a folded cue shows by its pronoun ("a-t-elle ajoute" -> 'f'), or None.

    Examples
    --------
    >>> from discourse.speakers.cues import read_cue_rules
    >>> pronoun_gender("a-t-elle ajoute", read_cue_rules()["fr"])
    'f'
    """
    for word in _PRONOUN_WORD.findall(text):
        g = rules.pronoun_gender.get(word)
        if g is not None:
            return g
    return None


_PRONOUN_WORD = re.compile(r"[a-z]+")
_RELATIVE = re.compile(r"\s*(?:" + "|".join(union_words("relative_pronouns")) + r")\b")


def remember(doc: DocState, mentions: list[Who], folded: str) -> None:
    """Record a statement's people (for descriptions) and names (for later mentions).

    Also records, for each person named in full, the name parts ("wang", "wentian") that a
    later bare surname means, and the person's gender when the title or an apposition shows
    it ("la ministre", "présidente", "Mrs", "Mr") or, for the subject of the sentence, a
    pronoun before the next person ("X said her ministry ...").
    """
    rules = doc.rules
    for n, w in enumerate(mentions):
        if w.kind not in ("actor", "name"):
            continue
        after = _APPOSITION_AFTER.match(folded, w.end)
        before = _APPOSITION_BEFORE.search(folded, 0, w.start)
        # A role introduced as past ("l'ancien Premier ministre X", "X, former president,")
        # is not the role this person holds: its words do not describe them later.
        former = bool(_FORMER_BEFORE.search(folded, 0, w.start))
        words = set() if former else set(w.words)
        texts = [] if former else [folded[w.start:w.end]]
        for grp in (after, before):
            if grp and not (_FORMER.search(grp.group(1))):
                words.update(set(grp.group(1).split()) - _GLUE)
                if not _RELATIVE.match(grp.group(1)):
                    texts.append(grp.group(1))
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
        if len(parts) >= 2 and not former and full in folded[w.start:w.end]:
            for k in (parts[0], parts[-1]):
                doc.surnames[k] = (w.kind, w.id, w.name)
        if w.kind == "name" and w.id not in doc.genders:
            gender = _gender_of(texts, rules)
            if gender is None and n == _first_person(mentions) and rules.near_name_pronouns:
                start = after.end() if after else w.end   # after "X, deputy governor of Y,"
                nxt = next((o.start for o in mentions[n + 1:] if o.start >= start),
                           len(folded))
                gender = _gender_of([folded[start:nxt]], rules, rules.near_name_pronouns)
            if gender is not None:
                doc.genders[w.id] = gender


def _first_person(mentions: list[Who]) -> int:
    for n, w in enumerate(mentions):
        if w.kind in ("actor", "name"):
            return n
    return -1


def _gender_of(texts: list[str], rules: CueRules, patterns: dict | None = None) -> str | None:
    """The gender that the first text showing one shows, or None (none, or both)."""
    patterns = rules.gender_words if patterns is None else patterns
    for text in texts:
        found = {g for g, rx in patterns.items() if rx.search(text)}
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return None
