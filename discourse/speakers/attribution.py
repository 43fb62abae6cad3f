"""Speaker attribution: who says each statement of a readout.

Readouts report speech indirectly far more than in quotes. :func:`attribute_speakers` reads
each document's statements in order and gives each one a speaker (an actor id of the actors
file, the slug of a named speaker who is not in it, ``narrator``, ``joint`` or ``unknown``),
the cue that decided it, the words of that cue and a confidence. The cues, in French and
English (the words are data, in ``discourse/resources/reporting_verbs.yml``):

==============  =====================================================================
cue             example
==============  =====================================================================
explicit        "Xi a déclaré que…", "Hun Sen noted…", "Le président chinois a proposé…"
pronoun         "Il a appelé…", "He added…" (the last named subject of the document)
inverted        "…, a-t-il déclaré.", "…, a souligné M. Xi.", "…, he said.", "…, said Xi."
participial     "Notant que…, Hun Sen a…", "Pour sa part, X a…", "Selon M. Xi, …"
carried         no cue: continues the previous speaker (or the speaker of an inverted cue
                later in the same paragraph)
narrator        captions, credits, datelines, scene-setting ("s'est entretenu avec", "met");
                a paragraph closed by a photo credit "(Xinhua/…)" is a caption; a
                paragraph carried over that goes on with background facts is the
                journalist's
joint           "Les deux parties ont convenu…", "Both sides agreed…", "Xi and Hun Manet
                witnessed the signing"
none            nothing to go on (speaker ``unknown``)
==============  =====================================================================

Who a mention names (:mod:`discourse.speakers.mentions`): a full name given in the document beats a
bare surname alias of a listed actor ("Wang Wentian … M. Wang a ajouté"), and an alias that
is only part of a name names the whole name ("M. Li Keqiang"); a description ("le diplomate
chinois", "the minister") is the last person it fits; a name in apposition to a title is the
subject ("le porte-parole du ministère…, Lin Jian, a déclaré"); a feminine pronoun after a
subject known to be a man is the last woman named (gender from the actors file or from the
title: "la ministre", "présidente", "Mrs", "her"), and an unknown gender is never guessed.

Examples
--------
>>> import pandas as pd
>>> from discourse.speakers.attribution import attribute_speakers
>>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "paragraph": [1, 1],
...     "sentence": [1, 2], "start": [0, 25], "end": [24, 60], "n_tokens": [5, 6],
...     "text": ["Xi a déclaré que oui.", "La paix compte, a-t-il ajouté."],
...     "lang": "fr", "date": "2024-12-03"})
>>> attribute_speakers(st)[["speaker", "side", "cue"]].values.tolist()
[['xi_jinping', 'CN', 'explicit'], ['xi_jinping', 'CN', 'inverted']]
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from .actors import Actors, read_actors
from .cues import read_cue_rules
from .descriptions import resolve_descriptor
from .doc_state import DocState, Who, pronoun_gender, remember, title_gender
from .mentions import find_mentions
from ..lang import union_words
from ..errors import ParameterError
from ..schema import require_columns
from ..text.normalize import normalize_text

__all__ = ["attribute_speakers", "CONFIDENCE"]

#: Confidence of each kind of decision (carried decays with the distance to its cue).
CONFIDENCE = {
    "explicit": 0.95, "inverted": 0.93, "participial": 0.9, "pronoun": 0.85,
    "inverted_pronoun": 0.85, "joint": 0.9, "narrator_marker": 0.97, "narrator_scene": 0.9,
    "narrator_background": 0.7, "narrator_default": 0.6, "carried": 0.8,
    "carried_ahead": 0.75, "pronoun_unresolved": 0.3, "none": 0.1,
}

_END = re.compile(r"\s*(?:[.,;:!?»\"')\]]|$)")
_THAT = re.compile(r"\b(?:" + "|".join(union_words("complementizers")) + r")\b")
_QUOTE_CHARS = " \t\"«»'(-—–"
_OPEN_Q = re.compile(r"[«“]|(?:^|\s)\"(?=\w)")
_CLOSE_Q = re.compile(r"[»”]|(?<=[\w.,!?])\"(?:\W|$)")
#: A statement that is only a photo credit: "(Xinhua/Ding Haitao)", "(Photo: AFP/Tang Chhin)".
_CREDIT = re.compile(r"^\s*\([^()]*[^\W\d_]\s*/\s*[^\W\d_][^()]*\)\s*$")
_OPENS_WITH_QUOTE = re.compile(r"^\W*[«\"]")
_INNER_QUOTE = re.compile(r"«[^«»]*»|\"[^\"]*\"")
_HAS_QUOTE = re.compile(r"[«»“”\"]")
_COMMA = re.compile(r"\s*,")
_COMMA_AND = re.compile(r",\s*(?:" + "|".join(union_words("conjunctions")) + ")$")
#: What stands between a title and the name in apposition to it: complements of the title
#: ("le ministre de l'Éducation, de la Jeunesse et des Sports, Hang Chuon Naron, a ...").
_APPOSED = re.compile(r"(?:\s*,\s*(?:" + "|".join(union_words("apposition_links"))
                      + r")\b[^,;:«»\"]{1,60})*\s*,\s*")
_BLANKS = re.compile(r"\s+")


@dataclass(frozen=True)
class _Span:
    """A matched span (start, end) with the interface of a regex match."""

    s: int
    e: int

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e


@dataclass
class _Finding:
    cue: str | None                 # None: no cue found in the statement
    who: Who | None = None
    cue_span: tuple[int, int] = (0, 0)
    subject: Who | None = None      # a named subject (for later pronouns)
    weight: str = ""                # key of CONFIDENCE
    background: bool = False
    speech: bool = False
    mentioned: tuple = ()           # ids of the people it mentions


def _position(folded: str, base: int, who: Who) -> str:
    """'start' (sentence start), 'comma' (after a comma) or 'inside'."""
    before = folded[base:who.start]
    if not before.strip(_QUOTE_CHARS):
        return "start"
    b = before.rstrip().rstrip("\"»'").rstrip()
    if b.endswith((",", ":", "--", "—")) or _COMMA_AND.search(b):
        return "comma"
    return "inside"


def _working_copies(texts: list[str]) -> list[tuple[str, str, bool]]:
    """(cased, folded, same offsets) working copies of a document's statements.

    One normalisation per document, cut into statements, when that gives the same copies as
    one per statement: every statement in NFC (so the copies keep the original offsets)
    and no capital sigma (whose lower case depends on its neighbours).
    """
    joined = "\n".join(texts)
    if "Σ" not in joined and all(unicodedata.is_normalized("NFC", t) for t in texts):
        cased_all = normalize_text(joined, lower=False).norm
        folded_all = normalize_text(joined, fold_accents=True).norm
        out, pos = [], 0
        for t in texts:
            end = pos + len(t)
            out.append((cased_all[pos:end], folded_all[pos:end], True))
            pos = end + 1
        return out
    return [(normalize_text(t, lower=False).norm, normalize_text(t, fold_accents=True).norm,
             False) for t in texts]


def _shouting(cased: str) -> bool:
    """True if the text has letters and none of them is lower case (a heading, a credit)."""
    letters = False
    for c in cased:
        if c.isalpha():
            if c.islower():
                return False
            letters = True
    return letters


def _without_inner_quotes(folded: str) -> str:
    """The text with its quotations blanked out, unless it opens with one.

    A name or phrase quoted inside a sentence ("l'initiative « la Ceinture et la Route »")
    is not a sign of speech; a sentence that opens or closes a quotation is.
    """
    if not _HAS_QUOTE.search(folded) or _OPENS_WITH_QUOTE.match(folded):
        return folded
    return _INNER_QUOTE.sub(lambda m: " " * len(m.group()), folded)


def _analyse(text: str, doc: DocState, cased: str, folded: str) -> _Finding:
    rules = doc.rules
    if len(cased) != len(folded):  # pragma: no cover - both copies share one offset map
        folded = cased.lower()
    if rules.markers.search(folded) or _shouting(cased):
        return _Finding("narrator", weight="narrator_marker")
    d = rules.dateline.match(cased)
    base = d.end() if d else 0
    mentions = [w for w in find_mentions(text, doc, cased=cased, folded=folded)
                if w.start >= base]
    opener = bool(rules.opener.match(folded, base)) or bool(
        rules.according_to.match(folded, base))
    candidates: list[tuple[int, int, _Finding]] = []   # (rank, position, finding)
    subject = None
    for w in mentions:
        pos = _position(folded, base, w)
        if w.kind == "descriptor":
            if _COMMA.match(folded, w.end) and any(
                    o.kind in ("actor", "name") and o.start > w.end and _APPOSED.fullmatch(
                        folded, w.end, o.start) for o in mentions):
                continue   # "Le secrétaire général de l'ONU, António Guterres, a ..."
            if pos == "comma" and any(o.kind in ("actor", "name") and o.end <= w.start and
                                      folded[o.end:w.start].strip() == "," for o in mentions):
                continue   # "According to A, Minister attached to ..., B informed"
            resolved = resolve_descriptor(doc, w)
            if resolved is None and w.members != ("indefinite",):
                resolved = Who(w.start, w.end, "pronoun", gender=title_gender(
                    folded[w.start:w.end], rules))   # "le diplomate": the last one
            w = resolved or Who(w.start, w.end, "unknown")
        after = rules.link.match(folded, w.end).end()
        lv = rules.link_vp.match(folded, w.end)
        vp = _Span(lv.start("vp"), lv.end("vp")) if lv else None
        ls = None if lv else rules.link_scene.match(folded, w.end)
        scene = _Span(ls.start("vp"), ls.end("vp")) if ls else None
        travel = rules.travel_vp.match(folded, w.end)
        if w.kind in ("joint", "plural") and not travel:
            travel = rules.meeting_vp.match(folded, w.end)   # "ont tenu des entretiens"
        person = w.kind in ("actor", "name", "unknown")
        if pos == "start" and w.kind in ("actor", "name") and subject is None:
            subject = w
        if vp and pos != "inside":
            rest = folded[vp.end():]
            ends = bool(_END.match(rest)) or bool(rules.gerund.match(rest.lstrip(" ,")))
            short = len(rest.split()) <= 5 and not _THAT.search(rest)
            if w.kind in ("joint", "plural"):
                cue = "joint"
            elif pos == "comma" and not opener and (ends or short):
                cue = "inverted"
            elif pos == "comma" and opener and not (
                    rules.according_to.match(folded, base) and any(
                        o.kind in ("actor", "name") and o.start < w.start for o in mentions)):
                cue = "participial"   # ("According to A, B informed ...": B, explicit)
            elif w.kind == "pronoun":
                cue = "pronoun"
            else:
                cue = "explicit"
            weight = {"inverted": "inverted_pronoun" if w.kind == "pronoun" else "inverted"}
            candidates.append((0, w.start, _Finding(
                cue, w, (w.start, vp.end()), weight=weight.get(cue, cue))))
            continue
        if person and pos in ("comma", "inside"):
            tail = rules.inv_named.search(folded, base, w.start)
            if tail:
                candidates.append((0, w.start, _Finding(
                    "inverted", w, (tail.start("vp"), w.end), weight="inverted")))
                continue
        if person or w.kind == "pronoun":
            acc = rules.according_before.search(folded, base, w.start)
            lead = folded[base:acc.start()] if acc else ""
            if acc and (not lead.strip(_QUOTE_CHARS) or lead.rstrip().endswith(",")) and \
                    _COMMA.match(folded, w.end):
                candidates.append((0.5, w.start, _Finding(
                    "participial", w, (acc.start(), w.end), weight="participial")))
                continue
        if pos == "inside":
            continue
        past = rules.past_verb.match(folded, after)
        if w.kind in ("joint", "plural") and travel:
            candidates.append((1, w.start, _Finding(
                "narrator", None, (w.start, travel.end("vp")), weight="narrator_scene")))
        elif w.kind in ("joint", "plural") and (scene or past) and not rules.modal.match(
                folded, after) and not rules.background.search(folded, base):
            candidates.append((1, w.start, _Finding(
                "joint", w, (w.start, (scene or past).end()), weight="joint")))
        elif person and scene:
            candidates.append((2, w.start, _Finding(
                "narrator", None, (w.start, scene.end()), subject=w, weight="narrator_scene")))
        elif person and pos == "start" and past:
            candidates.append((3, w.start, _Finding(
                "narrator", None, (w.start, past.end()), subject=w, weight="narrator_scene")))
    inverted = rules.inv_pronoun.finditer(folded, base) if rules.inv_needs in folded else ()
    for m in inverted:
        if folded[base:m.start()].rstrip().endswith((",", "»", '"')):
            plural = m.groupdict().get("pl") or m.groupdict().get("pl2")
            candidates.append((0, m.start(), _Finding(
                "joint" if plural else "inverted",
                Who(m.start(), m.end(), "plural" if plural else "pronoun",
                    gender=pronoun_gender(m.group(), rules)), (m.start(), m.end()),
                weight="joint" if plural else "inverted_pronoun")))
            break
    people = [w for w in mentions if w.kind in ("actor", "name")]
    remember(doc, people, folded)
    if candidates:
        best = min(candidates, key=lambda c: (c[0], c[1]))[2]
        if best.subject is None and best.who is not None and best.who.kind in ("actor", "name"):
            best.subject = best.who
        return best
    return _Finding(None, subject=subject,
                    background=bool(rules.background.search(folded, base)),
                    speech=bool(rules.speech.search(_without_inner_quotes(folded), base)),
                    mentioned=tuple(w.id for w in people))


# -- a document --------------------------------------------------------------------------
_NARRATOR = ("narrator", "Narrator", None)


def _antecedent(doc: DocState, gender: str | None, subject: tuple | None,
                history: list) -> tuple | None:
    """The person a pronoun of ``gender`` refers to.

    The last named subject, except: a feminine pronoun ("Elle a ajouté", "she said") after a
    subject not known to be a woman is the last named subject known to be a woman, if there
    is one; a masculine pronoun after a subject known to be a woman is the last named
    subject not known to be a woman. A gender that is not known is never guessed.
    """
    if gender is None or subject is None:
        return subject
    known = doc.gender(subject[0])
    if known == gender or (gender == "m" and known is None):
        return subject
    for cand in reversed(history):
        if doc.gender(cand[0]) == gender:
            return cand
    if gender == "m":   # "il" after a woman: the last person not known to be a woman
        for cand in reversed(history):
            if doc.gender(cand[0]) is None:
                return cand
    return subject


def _label(doc: DocState, who: Who | None, antecedent: tuple | None):
    """(speaker, speaker_name, side) of a mention."""
    if who is None or who.kind == "unknown":
        return "unknown", "Unknown", None
    if who.kind in ("joint", "plural"):
        return "joint", "Joint", "joint"
    if who.kind == "pronoun":
        return antecedent if antecedent is not None else ("unknown", "Unknown", None)
    if who.kind == "actor":
        actor = doc.actors[who.id]
        return actor.id, actor.name, actor.side
    return who.id, who.name, "unknown"


def _quote_state(text: str, inside: bool) -> tuple[bool, bool]:
    """(statement is (partly) inside a quotation, quotation still open after it)."""
    if not _HAS_QUOTE.search(text):
        return inside, inside
    opens = len(_OPEN_Q.findall(text))
    closes = len(_CLOSE_Q.findall(text))
    started_inside = inside
    if opens > closes:
        inside = True
    elif closes > opens:
        inside = False
    return started_inside or opens > 0, inside


def _attribute_document(texts: list[str], paragraphs: list, doc: DocState) -> list[tuple]:
    out: list[tuple] = []
    subject: tuple | None = None            # the last named subject (pronoun antecedent)
    last: tuple | None = None               # the last speaker's (speaker, name, side)
    prev_kind = None                        # 'speaker', 'narrator', 'joint' of previous row
    distance = 0
    pending: list[int] = []                 # uncued rows of the paragraph since the last cue
    prev_par = None
    par_start = 0                           # index in out of the paragraph's first row
    across: int | None = None               # row carried over into this paragraph
    in_quote = False
    spoken: set[str] = set()
    history: list[tuple] = []               # named subjects in order (for pronoun gender)

    def named(who: Who) -> tuple:
        label = _label(doc, who, None)
        history.append(label)
        return label
    for text, par, (cased, folded, same) in zip(texts, paragraphs, _working_copies(texts)):
        new_par = par != prev_par
        if new_par:
            pending = []
            in_quote = False
            par_start = len(out)
            across = None
        prev_par = par
        quoted, in_quote_after = _quote_state(text, in_quote)
        continuing_quote = in_quote
        in_quote = in_quote_after
        f = _analyse(text, doc, cased, folded)
        if f.cue == "joint" and f.who is not None and f.who.members and not all(
                m in spoken for m in f.who.members):
            f = _Finding("narrator", weight="narrator_scene")   # attendees, not speakers
        if f.cue is None:
            names_last = last is not None and last[0] in f.mentioned
            carry = last is not None and (
                continuing_quote
                or (prev_kind == "speaker" and not f.background and not names_last
                    and (not new_par or f.speech))
                or (prev_kind == "narrator" and f.speech and not names_last
                    and not f.background and new_par and distance <= 3))
            if carry:
                distance += 1
                conf = max(0.3, CONFIDENCE["carried"] * 0.9 ** (distance - 1))
                out.append((*last, "carried", "", round(conf, 3)))
                prev_kind = "speaker"
                if new_par and not continuing_quote:
                    across = len(out) - 1
            elif f.background and across is not None and not new_par:
                # A paragraph carried over on a weak sign of speech that goes on with
                # background facts is the journalist's: "Le canal reliera X à Y. Il devrait
                # être achevé d'ici 2028."
                for i in range(across, len(out)):
                    if out[i][3] == "carried":
                        out[i] = (*_NARRATOR, "narrator", "", CONFIDENCE["narrator_background"])
                out.append((*_NARRATOR, "narrator", "", CONFIDENCE["narrator_background"]))
                prev_kind = "narrator"
            elif prev_kind == "joint" and not new_par and f.speech and not f.background:
                out.append(("joint", "Joint", "joint", "carried", "", 0.6))
            else:
                weight = "narrator_background" if f.background else "narrator_default"
                out.append((*_NARRATOR, "narrator", "", CONFIDENCE[weight]))
                prev_kind = "narrator"
            if f.subject is not None:
                subject = named(f.subject)
            pending.append(len(out) - 1)
            continue
        cue_text = _cue_text(text, f.cue_span, same)
        if f.cue == "narrator":
            if f.weight == "narrator_marker" and _CREDIT.match(text):
                # A photo credit closes a caption: the paragraph so far is the caption.
                for i in range(par_start, len(out)):
                    if out[i][0] != "narrator":
                        out[i] = (*_NARRATOR, "narrator", "", CONFIDENCE["narrator_scene"])
            out.append((*_NARRATOR, "narrator", cue_text, CONFIDENCE[f.weight]))
            prev_kind = "narrator"
            if f.subject is not None:
                subject = named(f.subject)
            pending = []
            continue
        antecedent = subject
        if f.who is not None and f.who.kind == "pronoun":
            antecedent = _antecedent(doc, f.who.gender, subject, history)
        speaker = _label(doc, f.who, antecedent)
        conf = CONFIDENCE[f.weight]
        if f.who is not None and f.who.kind == "pronoun" and subject is None:
            conf = CONFIDENCE["pronoun_unresolved"]
        out.append((*speaker, f.cue, cue_text, conf))
        if speaker[0] == "joint":
            prev_kind = "joint"
            pending = []
            continue
        if speaker[0] == "unknown":
            prev_kind = "speaker"
            last = speaker
            continue
        if f.cue == "inverted":
            # Content before an inverted cue in the same paragraph is that speaker's too.
            for i in pending:
                if out[i][3] in ("carried", "narrator") and out[i][5] < CONFIDENCE[
                        "narrator_marker"]:
                    out[i] = (*speaker, "carried", "", CONFIDENCE["carried_ahead"])
        pending = []
        last = speaker
        spoken.add(speaker[0])
        prev_kind = "speaker"
        distance = 0
        subject = speaker
        if not history or history[-1] != speaker:
            history.append(speaker)
    return out


def _cue_text(text: str, span: tuple[int, int], same_offsets: bool = False) -> str:
    if span[1] <= span[0]:
        return ""
    s, e = span if same_offsets else normalize_text(text, lower=False).original_span(*span)
    return _BLANKS.sub(" ", text[s:e]).strip(" ,")


def attribute_speakers(
    statements: pd.DataFrame,
    *,
    actors: Actors | str | os.PathLike | None = None,
    lang: str | None = None,
    cues: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Attribute every statement to its speaker.

    Parameters
    ----------
    statements
        The statements table (:func:`discourse.split_statements`); each document's
        statements are read in order of ``stmt_id`` position in the table.
    actors
        An :class:`~discourse.speakers.actors.Actors` object, the path of an actors file, or None for
        the default actors.
    lang
        Language of every statement ('fr', 'en'); None uses the ``lang`` column.
        Statements in a language without cue words get speaker ``unknown``, cue ``none``.
    cues
        A cue-word file (layout of ``discourse/resources/reporting_verbs.yml``); None for the
        packaged one.

    Returns
    -------
    pandas.DataFrame
        A new table: the statements plus ``speaker``, ``speaker_name``, ``side``, ``cue``,
        ``cue_text`` and ``confidence`` (see :mod:`discourse.schema`).

    Raises
    ------
    ContractError
        If a column of the statements table is missing.
    ParameterError
        If ``lang`` is given but has no cue words.

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "paragraph": [1, 2],
    ...     "sentence": 1, "start": [0, 40], "end": [39, 70], "n_tokens": [8, 6],
    ...     "text": ["President Emmanuel Macron said peace matters.", "He added that..."],
    ...     "lang": "en", "date": None})
    >>> attribute_speakers(st)[["speaker", "side", "cue"]].values.tolist()
    [['emmanuel_macron', 'unknown', 'explicit'], ['emmanuel_macron', 'unknown', 'pronoun']]
    """
    require_columns(statements, "statements", where="attribute_speakers")
    actors_obj = read_actors(actors)
    rules_by_lang = read_cue_rules(cues)
    if lang is not None and lang not in rules_by_lang:
        raise ParameterError(
            f"attribute_speakers: lang={lang!r} has no cue words; valid: "
            f"{', '.join(sorted(rules_by_lang))} (or None to use the lang column)")
    result = statements.copy()
    records: list[tuple] = [()] * len(result)
    langs = [lang] * len(result) if lang is not None else (
        result["lang"].tolist() if "lang" in result.columns else [None] * len(result))
    dates = result["date"].tolist() if "date" in result.columns else [None] * len(result)
    texts = [str(t) for t in result["text"].tolist()]
    paragraphs = result["paragraph"].tolist()
    codes, _ = pd.factorize(result["doc_id"].to_numpy())   # missing doc_id: -1, left out
    groups: dict[int, list[int]] = {}
    for i, code in enumerate(codes.tolist()):
        if code >= 0:
            groups.setdefault(code, []).append(i)
    for idx in groups.values():
        lg = langs[idx[0]]
        lg = None if lg is None or (not isinstance(lg, str) and pd.isna(lg)) else str(lg)
        if lg not in rules_by_lang:
            for i in idx:
                records[i] = ("unknown", "Unknown", None, "none", "", CONFIDENCE["none"])
            continue
        date = dates[idx[0]]
        doc = DocState(actors_obj, rules_by_lang[lg], lg, None if _missing(date) else date)
        found = _attribute_document([texts[i] for i in idx], [paragraphs[i] for i in idx], doc)
        for i, rec in zip(idx, found):
            records[i] = rec
    cols = ["speaker", "speaker_name", "side", "cue", "cue_text", "confidence"]
    values = list(zip(*records)) if records else [[] for _ in cols]
    for col, vals in zip(cols, values):
        if col == "confidence":
            result[col] = pd.Series(vals, index=result.index, dtype="float64")
        elif col == "side":
            result[col] = pd.Series(
                [pd.NA if v is None else v for v in vals], index=result.index, dtype="string")
        else:
            result[col] = pd.Series(list(vals), index=result.index, dtype=object).astype(str) \
                if len(vals) else pd.Series([], index=result.index, dtype=object)
    return result


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
