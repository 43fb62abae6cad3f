"""Cues that read a whole sentence rather than one mention's neighbourhood.

Used by :mod:`discourse.speakers.cue_analysis`: an inverted cue with a pronoun after the
content ("..., a-t-il ajouté"), "selon lui" / "according to him", and words reported
through an institution or a text ("the Palace said Duterte stressed ..."); and
:func:`position`, where a mention stands in its sentence.

Examples
--------
>>> position("selon lui, la paix compte", 0, Who(6, 9, "pronoun"))
'inside'
"""

from __future__ import annotations

import re

from ..lang import union_words
from .doc_state import Who, pronoun_gender
from .findings import Candidate, Finding, Statement
from .phrases import fold

__all__ = ["QUOTE_CHARS", "STANCE", "after_content", "position", "sentence_candidates",
           "title_run", "country_subject", "place_opener"]

#: Characters that may stand before a sentence's first word.
QUOTE_CHARS = " \t\"«»'(-—–"
_COMMA_AND = re.compile(r",\s*(?:" + "|".join(union_words("conjunctions")) + ")$")
#: What may stand between a reporting verb and the subject of the clause it reports.
_THAT_GAP = re.compile(r"\s+(?:(?:" + "|".join(union_words("complementizers")) + r")\s*)?")
#: ... or an addressee and the complementizer ("told reporters that", "a déclaré aux
#: journalistes que").
_THAT_OBJECT = re.compile(r"\s+(?:[\w'’-]+\s+){1,3}(?:" + "|".join(
    union_words("complementizers")) + r")\s*")
#: A pronoun after "selon" / "according to" and a comma ("Selon lui, ...").
_ACCORDING_PRONOUN = re.compile(r"(?:" + "|".join(union_words("according_pronouns"))
                                + r")\s*,")
#: Words of a speaker's stance ("is willing to", "souhaite").
STANCE = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w) for w in sorted(
    {fold(w) for w in union_words("stance_words")}, key=len, reverse=True)) + r")(?![\w'-])")
#: Subjects whose words are nobody's known: "Experts said", "Des analystes estiment".
_ANONYMOUS = re.compile(r"(?:" + "|".join(re.escape(fold(w)) for w in sorted(
    union_words("anonymous_subjects"), key=len, reverse=True)) + r")(?![\w'-])")
_ARTICLE = r"(?:(?:" + "|".join(w if w.endswith("'") else w + r"\s+"
                                 for w in union_words("definite_articles")) + r"))?"
#: "Both China and the Philippines", "Cambodia and China", "la Chine et le Cambodge".
_AND = re.compile(r"\s+(?:" + "|".join(union_words("and_words")) + r")\s+" + _ARTICLE)
_WORD = re.compile(r"[\w'-]+")
#: What breaks a run of title words before a name (a clause, a quotation).
_RUN_BREAK = re.compile(r"[,;:«»\"“”]")
_RUN_WORD = re.compile(r"[^\W\d_][\w.'’]*")
_LEADING_ARTICLE = re.compile(_ARTICLE)
#: A group before two countries: "the leaders of", "the heads of defence of", "les
#: officiels du".
_GROUP_OF = re.compile(_ARTICLE + r"(?:[\w-]+\s+){1,4}?(?:" + "|".join(
    union_words("of_words")) + r")\s+" + _ARTICLE)
#: A place phrase and its comma before a sentence's main clause ("Au palais de X, ").
_PLACE_OPENER = re.compile(r"\W*(?:" + "|".join(union_words("place_prepositions"))
                           + r")\s+[^,;:«»\"]{1,60},\s*")
_BOTH = re.compile(r"(?:(?:" + "|".join(union_words("pair_openers")) + r")\s+)?" + _ARTICLE)


def position(folded: str, base: int, who: Who) -> str:
    """'start' (sentence start), 'comma' (after a comma) or 'inside'.

    Examples
    --------
    >>> position("ainsi, xi a dit", 0, Who(7, 9, "actor"))
    'comma'
    """
    before = folded[base:who.start]
    if not before.strip(QUOTE_CHARS):
        return "start"
    b = before.rstrip().rstrip("\"»'").rstrip()
    if b.endswith((",", ":", "--", "—")) or _COMMA_AND.search(b):
        return "comma"
    return "inside"


def place_opener(st: Statement, w: Who) -> bool:
    """True if only a place phrase and its comma stand before ``w`` ("Au palais de la
    République, le ministre ...", "In Phnom Penh, the Cambodian leader ..."): ``w`` opens
    the sentence's main clause (unless it is the title of a name right after it: "En
    visite au Sénégal, le président de l'Assemblée populaire de Chine Zhao Leji").

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.cues import read_cue_rules
    >>> from discourse.speakers.doc_state import DocState
    >>> doc = DocState(read_actors(), read_cue_rules()["en"], "en", "2024-10-10")
    >>> text = "in phnom penh, the minister said"
    >>> place_opener(Statement(doc, text, 0, [], False), Who(15, 27, "descriptor"))
    True
    """
    if not _PLACE_OPENER.fullmatch(st.folded, st.base, w.start):
        return False
    return not any(o.kind in ("actor", "name") and 0 <= o.start - w.end <= 40 and "," not in
                   st.folded[w.end:o.start] for o in st.mentions)   # a title of that name


def title_run(st: Statement, w: Who) -> bool:
    """True if a person's name is preceded, from the sentence start, only by a title written
    in capitals with its function words and no comma ("New Ambassador of China to Cambodia
    Bu Jianguo", "China's Minister of the International Department (IDCPC) H.E. X").

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.cues import read_cue_rules
    >>> from discourse.speakers.doc_state import DocState
    >>> doc = DocState(read_actors(), read_cue_rules()["en"], "en", "2013-08-01")
    >>> text = "New Ambassador of China Bu Jianguo paid a call."
    >>> who = Who(24, 34, "actor", "bu_jianguo")
    >>> title_run(Statement(doc, text.lower(), 0, [who], False, cased=text), who)
    True
    """
    if w.kind not in ("actor", "name") or not st.cased:
        return False
    before = st.cased[st.base:w.start]
    if _RUN_BREAK.search(before) or any(o.kind == "actor" and o.start < w.start
                                        for o in st.mentions):   # "Xi and his wife X"
        return False
    words = _RUN_WORD.findall(before)
    folded = [x.lower() for x in words]
    return bool(words) and all(x[0].isupper() or f in st.rules.function_words
                               for x, f in zip(words, folded)) and any(
        f.strip(".") in st.rules.title_words or f in st.rules.title_words for f in folded)


def after_content(candidates: list[Candidate]) -> Finding | None:
    """A named inverted cue after content whose subject is a group ("..., the two
    countries agreed to ..., Hun Sen said"; '"Both agreed ...," the ministry said'): the
    content is that speaker's account; None if there is no such cue. (A person's words
    before it stay that person's: "The Chinese minister pledged ..., Mr X said" is the
    minister's, passed on by X, rule 8.)

    Examples
    --------
    >>> joint = (1, 0, Finding("joint", Who(0, 9, "joint")))
    >>> said = (0, 40, Finding("inverted", Who(40, 47, "actor", "hun_sen")))
    >>> after_content([joint, said]).who.id
    'hun_sen'
    """
    inverted = [c for c in candidates if c[2].cue == "inverted" and c[2].who is not None
                and c[2].who.kind in ("actor", "name", "unknown") and c[0] <= 0]
    if not inverted:
        return None
    last = max(inverted, key=lambda c: c[1])
    earlier = [c for c in candidates if c[1] < last[1] and c[2].cue == "joint" and (
        c[2].who is None or c[2].who.end <= last[2].who.start)]   # (not "A, et B, ont")
    return last[2] if earlier else None


def sentence_candidates(st: Statement) -> list[Candidate]:
    """The candidate decisions that the whole sentence shows (see the module docstring)."""
    found = (_inverted_pronoun(st), _according_pronoun(st), _reported_through(st),
             _anonymous(st), _two_countries(st), _foreign_country(st))
    return [c for c in found if c is not None]


def _anonymous(st: Statement) -> Candidate | None:
    """"Experts said ...": a subject whose words are nobody's known (unknown)."""
    rules, folded = st.rules, st.folded
    m = _ANONYMOUS.match(folded, st.base)
    verb = m and (rules.link_vp.match(folded, m.end()) or rules.subject_verb.match(
        folded, rules.link.match(folded, m.end()).end()))
    if not verb:
        return None
    who = Who(m.start(), m.end(), "unknown")
    return (0, m.start(), Finding("explicit", who, (m.start(), verb.end()), weight="subject"))


def _two_countries(st: Statement) -> Candidate | None:
    """"Both China and the Philippines have agreed ...", "Cambodia and China are committed
    to ...": two countries that agree or commit are a joint subject (joint); two countries
    that sign or meet are left to the narrator's verbs."""
    rules, folded = st.rules, st.folded
    if rules.country_names is None:
        return None
    at = _BOTH.match(folded, st.base).end()
    first = rules.country_names.match(folded, at)
    if not first:
        of = _GROUP_OF.match(folded, at)   # "The leaders of Cambodia and China vowed"
        first = of and rules.country_names.match(folded, of.end())
    link = first and _AND.match(folded, first.end())
    second = link and rules.country_names.match(folded, link.end())
    if not second or second.lastgroup == first.lastgroup:
        return None
    vp = rules.link_vp.match(folded, second.end())
    stance, at = None, rules.link.match(folded, second.end()).end()
    for word in _WORD.finditer(folded, at, min(len(folded), at + 40)):   # "are committed"
        stance = STANCE.match(folded, word.start())
        if stance:
            break
    shared = rules.shared_vp.match(folded, at) if not (vp or stance) else None
    if rules.link_scene.match(folded, second.end()) or not (vp or stance or shared):
        return None   # "... sont tombés d'accord" (shared)
    end = vp.end("vp") if vp else (stance or shared).end()
    who = Who(st.base, second.end(), "joint")
    return (1, st.base, Finding("joint", who, (st.base, end), weight="joint"))


def _foreign_country(st: Statement) -> Candidate | None:
    """A country named only as a country, none of whose people the document has named,
    as the subject: with a reporting verb ("the U.S. has expressed concern and urged") an
    unknown speaker of that country's side; with another verb ("the U.S. has donated
    vaccines") the narrator's fact (CONVENTIONS.md)."""
    rules, folded, doc = st.rules, st.folded, st.doc
    if not doc.people:
        return None
    starts = [st.base]
    comma = folded.find(",", st.base, st.base + 60)   # "In recent months, the U.S. ..."
    if comma > 0 and not any(w.start < comma for w in st.mentions):
        starts.append(comma + 1 + (folded[comma + 1:comma + 2] == " "))
    m = None
    for start in starts:   # the first country or demonym at one of the starts
        at = _LEADING_ARTICLE.match(folded, start).end()
        for rx in (rules.country_names, rules.demonyms):
            m = rx.match(folded, at) if rx is not None else None
            if m:
                break
        if m:
            break
    if m is None or _AND.match(folded, m.end()) or m.lastgroup in {
            doc.side(p[1]) for p in doc.people}:
        return None
    vp = rules.link_vp.match(folded, m.end())
    if vp:
        who = Who(m.start(), m.end(), "unknown", members=("side", m.lastgroup))
        return (1, m.start(), Finding("explicit", who, (m.start(), vp.end("vp")),
                                      weight="subject"))
    verb = rules.subject_verb.match(folded, rules.link.match(folded, m.end()).end())
    if verb:
        return (1, m.start(), Finding("narrator", None, (m.start(), verb.end()),
                                      weight="narrator_background"))
    return None


def country_subject(st: Statement) -> tuple | None:
    """(side, span) of a country that opens the sentence (or its clause after a short
    opener) as the subject of a verb of speech or of a stance ("Cambodia expects to join
    hands ...", "La Chine a également réaffirmé son soutien ..."), or None. Two countries
    ("China and Cambodia ...") are left to :func:`_two_countries`."""
    rules, folded = st.rules, st.folded
    if rules.country_names is None or not st.doc.people:
        return None
    starts = [st.base]
    comma = folded.find(",", st.base, st.base + 60)   # "As cooperation grows, Cambodia ..."
    if comma > 0 and not any(w.start < comma for w in st.mentions):
        starts.append(comma + 1 + (folded[comma + 1:comma + 2] == " "))
    for start in starts:
        m = rules.country_names.match(folded, _LEADING_ARTICLE.match(folded, start).end())
        if m is None or _AND.match(folded, m.end()):
            continue
        vp = rules.link_vp.match(folded, m.end())
        if vp:
            return m.lastgroup, (m.start(), vp.end("vp"))
        at = rules.link.match(folded, m.end()).end()
        for word in _WORD.finditer(folded, at, min(len(folded), at + 30)):
            stance = STANCE.match(folded, word.start())
            if stance:
                return m.lastgroup, (m.start(), stance.end())
    return None


def _reported_through(st: Statement) -> Candidate | None:
    """"The Palace said Duterte stressed ...", "the statement said X told Y that ...", "The
    post quoted X as saying": the words of a person reported through an institution or a
    text (rank before every other cue); a person who says what another thinks ("Wang Yi
    noted that Xi attaches ...") speaks for themself, but one who passes on what another
    said ("A told reporters that Mr B said ...") gives B's words (rule 8)."""
    rules, folded = st.rules, st.folded
    for o in st.mentions:
        if o.kind not in ("actor", "name", "joint") or position(folded, st.base, o) != "inside":
            continue
        if not (rules.link_vp.match(folded, o.end) or rules.quoted_as.match(folded, o.end)):
            continue   # (no reporting verb after the person: nothing reported through)
        said = [vp for vp in rules.vp.finditer(folded, st.base, o.start)
                if (_THAT_GAP.fullmatch(folded, vp.end(), o.start) or _THAT_OBJECT.fullmatch(
                    folded, vp.end(), o.start)) and (not folded[
                    st.base:vp.start()].rstrip().endswith((",", "»", '"')) or any(
                    p.end <= vp.start() and folded[p.end:vp.start()].strip() == ","
                    for p in st.mentions))]   # "..., the minister, Sry Thamrong, told"
        if not said:
            continue
        by_person = any(p.kind in ("actor", "name", "pronoun") and p.start < said[-1].start()
                        for p in st.mentions)
        lv = (rules.relay_vp.match(folded, o.end) if by_person else
              rules.link_vp.match(folded, o.end) or rules.quoted_as.match(folded, o.end))
        if lv:
            cue = "joint" if o.kind == "joint" else "explicit"
            return (-1, o.start, Finding(cue, o, (said[-1].start(), lv.end()), weight=cue))
    return None


def _according_pronoun(st: Statement) -> Candidate | None:
    """"Selon lui, ...", "According to her, ...": the last speaker's (a pronoun cue)."""
    acc = st.rules.according_to.match(st.folded, st.base)
    m = acc and _ACCORDING_PRONOUN.match(st.folded, acc.end())
    if not m:
        return None
    word = st.folded[m.start():m.end()].rstrip(" ,")
    who = Who(m.start(), m.end(), "pronoun", gender=st.rules.pronoun_gender.get(word))
    return (0.5, m.start(), Finding("pronoun", who, (acc.start(), m.end() - 1),
                                    weight="pronoun"))


def _inverted_pronoun(st: Statement) -> Candidate | None:
    """An inverted cue with a pronoun after the content ("..., a-t-il ajouté")."""
    rules, folded, base = st.rules, st.folded, st.base
    closed = "," in folded or "»" in folded or '"' in folded   # (the content ends with one)
    inverted = rules.inv_pronoun.finditer(folded, base) if closed and rules.inv_needs in \
        folded else ()
    for m in inverted:
        if folded[base:m.start()].rstrip().endswith((",", "»", '"')):
            plural = m.groupdict().get("pl") or m.groupdict().get("pl2")
            return (0, m.start(), Finding(
                "joint" if plural else "inverted",
                Who(m.start(), m.end(), "plural" if plural else "pronoun",
                    gender=pronoun_gender(m.group(), rules)), (m.start(), m.end()),
                weight="joint" if plural else "inverted_pronoun"))
    return None
