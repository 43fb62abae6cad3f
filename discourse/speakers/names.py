"""Names in a statement: capitalised runs that name a person, their titles, full names.

:func:`find_names` finds the people named in a statement who are not actors' aliases
("Thai Prime Minister Paetongtarn Shinawatra"): a capitalised run after its title words,
not a place ("à Phnom Penh"), not a heading word or an acronym. :func:`title_start`
extends a mention back over the title words before it, and :func:`full_name` tells whom an
actor's alias names in context ("M. Li" in "M. Li Keqiang"; "M. Wang" after "Wang Wentian").

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> from discourse.speakers.phrases import fold
>>> doc = DocState(read_actors(), read_cue_rules()["en"], "en", "2024-10-10")
>>> text = "Thai Prime Minister Paetongtarn Shinawatra said so."
>>> [(w.kind, w.id, w.start) for w in find_names(text, fold(text), doc, [])]
[('name', 'paetongtarn_shinawatra', 0)]
"""

from __future__ import annotations

import re

from ..lang import union_words
from .actors import slug_name
from .cues import DEMONYM, GLUE_WORDS, CueRules
from .doc_state import DocState, Who, fold_name

__all__ = ["find_names", "title_start", "full_name", "DEMONYM_WORD"]

_ELIDED = "".join(sorted({w[0] + w[0].upper() for w in union_words("elided_articles")}))
_UPPER = "A-ZÀ-ÖØ-Þ"
#: A capitalised run: (an elided article,) a capitalised word or initials ("Xi", "H.E."),
#: then more of them after single blanks. It is written to open with its first character
#: and then check what comes before it (the same matches as ``(?<![\w'-])(?:[dl]')?(?:
#: (?:X\.){2,}|X[\w'-]*\.?)(?:\s...)*``, the reference pattern of the tests), so that the
#: regex engine skips every position that is not a capital or an elided article's letter.
_NAME_RUN = re.compile(
    rf"[{_ELIDED}{_UPPER}](?<![\w'-].)"
    rf"(?:(?<=[{_ELIDED}])'(?:(?:[{_UPPER}]\.){{2,}}|[{_UPPER}][\w'-]*\.?)"
    rf"|(?<=[{_UPPER}])(?:\.(?:[{_UPPER}]\.)+|[\w'-]*\.?))"
    rf"(?:\s(?:(?:[{_UPPER}]\.){{2,}}|[{_UPPER}][\w'-]*\.?))*"
)
#: One folded demonym ("cambodgien", "chinese") as a whole word.
DEMONYM_WORD = re.compile(rf"^{DEMONYM}$")
_DEMONYM_RX = DEMONYM_WORD
_GLUE = GLUE_WORDS
_TOKEN = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"[\w.'-]+")
_PREPOSITION = re.compile("(?:" + "|".join(union_words("of_words") + union_words("and_words"))
                          + r")\s+")


def title_start(folded: str, start: int, rules: CueRules, cased: str) -> int:
    """Extend a mention back over the title words before it ("le Premier ministre thaï X").

    Examples
    --------
    >>> from discourse.speakers.cues import read_cue_rules
    >>> text = "le Premier ministre thai Srettha"
    >>> title_start(text.lower(), text.index("Srettha"), read_cue_rules()["fr"], text)
    0
    """
    lo = max(0, start - 120)
    near = max(lo, start - 40)
    # The words just before the mention first: the walk back over titles stops within them
    # most often; if it reaches their first two words (perhaps cut by the window), the walk
    # is done again over the whole window (the same words from the third on: the same walk).
    pos, stop = _title_walk(list(_WORD.finditer(folded, near, start)), folded, start, rules,
                            cased)
    if near > lo and stop < 2:
        pos, _ = _title_walk(list(_WORD.finditer(folded, lo, start)), folded, start, rules,
                             cased)
    while True:  # never start a mention on a preposition
        w = _PREPOSITION.match(folded, pos, start)
        if not w:
            break
        pos = w.end()
    return pos


def _title_walk(words: list, folded: str, start: int, rules: CueRules, cased: str,
                ) -> tuple[int, int]:
    """(where the titles before ``start`` begin, the index of ``words`` at which the walk
    back over them stopped: -1 if it went through all of them)."""
    pos = start
    k = len(words) - 1
    tentative = 0   # place words after a title: "Ambassador to Cambodia X" (kept if a title
    edge = pos      # word comes before them)
    while k >= 0:
        m = words[k]
        word = m.group()
        if folded[m.end():edge].strip():
            return pos, k
        first = cased[m.start()]
        ok = _titleish(word, rules) or (first.isupper() and word not in rules.not_names)
        prev = words[k - 1].group() if k > 0 else ""
        if not ok and prev and (prev in rules.title_words or _DEMONYM_RX.match(prev)) \
                and word not in rules.not_names and not rules.subject_verb.match(
                    folded, m.start()):
            ok = True   # one unknown word inside a title: "le Premier ministre lao X"
            #             (not a verb: "The king asked Wang to ...")
        if word in ("and", "et") and not _titleish(prev, rules):
            ok = False
        if ok and first.isupper() and not _titleish(word, rules) and prev and \
                rules.place_before.search(prev + " ") and not any(
                    _titleish(x.group(), rules) for x in words[max(0, k - 4):k - 1]):
            return pos, k   # "a reçu à Ouagadougou l'ambassadeur X": a place, no title
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
            return pos, k
        pos = edge = m.start()
        tentative = 0
        k -= 1
    return pos, -1


def _titleish(word: str, rules: CueRules) -> bool:
    return (word in rules.title_words or word in _GLUE or bool(_DEMONYM_RX.match(word))
            or word.rstrip(".") in rules.title_words or word.rstrip("'") in {"l", "d"}
            or word in ("and", "et"))


def _overlaps(s: int, e: int, spans: list) -> bool:
    for ts, te in spans:
        if s < te and ts < e:
            return True
    return False


def find_names(cased: str, folded: str, doc: DocState, taken: list,
               runs: list | None = None) -> list[Who]:
    """Capitalised names that are not actors' aliases (outside the ``taken`` spans).

    Parameters
    ----------
    cased, folded
        The statement's cased and folded working copies (same offsets).
    doc
        The document's state (its cue rules, registered names and surnames).
    taken
        (start, end) spans of mentions already found (actors' aliases).
    runs
        The (start, end) of the capitalised runs of ``cased``, if the document's scan
        found them (:mod:`discourse.speakers.doc_scan`); None: look for them here.

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.cues import read_cue_rules
    >>> doc = DocState(read_actors(), read_cue_rules()["fr"], "fr", "2024-12-03")
    >>> text = "Il est arrivé à Phnom Penh avec M. Wang Wentian."
    >>> [w.name for w in find_names(text, text.lower(), doc, [])]
    ['Wang Wentian']
    """
    stop = doc.rules.stop_words
    out = []
    for s, e in (runs if runs is not None else (m.span() for m in _NAME_RUN.finditer(cased))):
        if taken and _overlaps(s, e, taken):
            continue
        if not _SPACE.search(cased, s, e) and _is_stop(folded[s:e], stop):
            continue   # one word: most often "Le", "Chine", "The"
        who = _name_of_run(cased, folded, doc, s, e)
        if who is not None:
            out.append(who)
    return out


def _is_stop(low: str, stop: frozenset) -> bool:
    return low in stop or low.rstrip(".") in stop or low.startswith(("l'", "d'"))


def _name_tokens(cased: str, folded: str, s: int, e: int, rules: CueRules):
    """(tokens, had_title, place) of the name in a capitalised run, without its titles.

    ``place`` tells whether a preposition of place opens the run (None: no function word).
    """
    tokens = [t.span() for t in _TOKEN.finditer(cased, s, e)]
    had_title = False
    first, place = True, None
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
        if _is_stop(low, rules.stop_words):
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
        elif i == cut and i < len(tokens) - 2 and rules.country_names is not None and \
                rules.country_names.fullmatch(low):
            cut = i + 1   # a country before a name ("Iran Ebrahim Raisi")
    tokens = tokens[cut:]
    while tokens and folded[tokens[-1][0]:tokens[-1][1]].rstrip(".") in rules.not_names:
        tokens.pop()
    return tokens, had_title, place


def _name_of_run(cased: str, folded: str, doc: DocState, run_start: int, e: int) -> Who | None:
    """The person a capitalised run names, or None (a place, a heading, an acronym...)."""
    rules = doc.rules
    tokens, had_title, place = _name_tokens(cased, folded, run_start, e, rules)
    if not tokens or len(tokens) > 4:
        return None
    s, e = tokens[0][0], tokens[-1][1]
    raw = cased[s:e].rstrip(".")
    key = folded[s:e].rstrip(".")
    if len(tokens) == 1 and (all(c.isupper() or not c.isalpha() for c in raw) and
                             key not in doc.surnames   # ("le président SALL": Macky SALL)
                             or rules.demonyms is not None and rules.demonyms.fullmatch(key)):
        return None  # a heading word, an acronym or a demonym ("his Congolese counterpart")
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
        return None  # one word, or a place after "à", "in": not a person
    if known is not None and known[1] is None:
        return None  # ambiguous token (e.g. "Hun" for two actors)
    if known is None and len(tokens) >= 2:
        near = doc.actors.near(raw)
        if near is not None:   # a misspelt actor ("Zhang Dejianq"): reported as a variant
            known = ("actor", near, None)
            doc.variants[_display(raw)] = near
    kind, ident, full = known or ("name", slug_name(raw), _display(raw))
    start = title_start(folded, s, rules, cased)
    return Who(start, s + len(raw), kind, ident,
               full if kind == "name" else doc.actors[ident].name,
               frozenset(folded[start:s].split()) - _GLUE)


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


def full_name(w: Who, cased: str, folded: str, doc: DocState) -> Who:
    """The person an actor alias names in context.

    An alias that is only the start of a longer name ("M. Li" in "M. Li Keqiang", "Wang" in
    "Wang Wentian") names that longer name: an actor if it is an alias, else the person of
    that name. A bare surname alias ("M. Wang", "Premier Li") names the person last named in
    full with that surname in the document, if it is somebody else ("Wang Wentian ... M.
    Wang a ajouté"; "Li Keqiang ... M. Li" in 2018).
    """
    rules = doc.rules
    end = w.end
    extra = 0
    while True:
        m = _NEXT_WORD.match(cased, end)
        if not m:
            break
        low = folded[m.start() + 1:m.end()]
        if low in rules.stop_words or low.rstrip(".") in rules.stop_words or m.end() - end > 30:
            break
        end, extra = m.end(), extra + 1
    if extra > 2:
        end = w.end   # a capitalised heading ("Jokowi Holds Bilateral Meeting"), not a name
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
        known = doc.registry.get(fold_name(raw))
        if known is not None and known[1] is not None:
            return Who(w.start, end, known[0], known[1], known[2])
        return Who(w.start, end, "name", slug_name(raw), _display(raw))
    if len(core) == 1:
        other = doc.surnames.get(core[0])
        if other is not None and other[1] != w.id:
            return Who(w.start, w.end, other[0], other[1], other[2])
    return w
