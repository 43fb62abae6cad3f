"""Proper names: the words of a name are not the speaker's rhetoric.

"The Belt and Road Forum for International Cooperation", "Lancang-Mekong Cooperation", "the
Ministry of Foreign Affairs and International Cooperation", « le Forum de coopération
sino-africaine »: the theme words of an event's, an institution's or a framework's name say
nothing of the speaker's framing, and a readout names such things in almost every
narrator's sentence. By default (``names="exclude"`` in :func:`discourse.find_matches` and
:func:`discourse.code_themes`) a match that lies inside a proper name does not code;
``names="count"`` counts it like any other match. A name is found in two ways:

The codebook's list
    The codebook's ``names:`` field lists names per language (the default codebook lists
    the usual ones, in French and English). A listed name is matched like an exclusion
    phrase (case-insensitive, any white space) and blocks every theme's matches it covers.
The general rule
    A run of capitalised words joined by spaces, hyphens, quotation marks, a bracketed
    acronym ("(BRF)") and the language's *connectors* ("of", "for", "and", "de", "la"...,
    ``discourse/lang/<code>/names.yml``), with at least two capitalised words, is a name;
    so is, in languages that write names with only their first noun capitalised, a
    capitalised *head* ("Forum", "Comité", "Année"...) followed by connectors and
    capitalised words up to and including the first lower-case word ("Comité de
    coordination", "Année des échanges"). A match strictly inside such a name is blocked; a
    match that *is* the whole run is not (a pattern written as a name, such as "Belt and
    Road" or "Cold War", counts on its own but not inside "the Belt and Road Forum"). The
    rule is off in a statement written in title case or in capitals (a headline: "Xi Calls
    For Deeper Cooperation"), where capitals say nothing, except for a run of capitalised
    words that ends in a head noun ("... Hold the Fifth Meeting of Intergovernmental
    Coordination Committee"); and in a language without a ``names.yml`` (Chinese and Khmer
    have no capitals).

:func:`find_names` lists the names found in statements, for review.

Examples
--------
>>> import pandas as pd
>>> st = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [0], "lang": ["en"],
...     "text": ["He attended the Lancang-Mekong Cooperation meeting on trade cooperation."]})
>>> find_names(st)[["name", "start", "end", "rule"]]
                           name  start  end         rule
0  Lancang-Mekong Cooperation     16   42  capitalised
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

import ahocorasick
import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..lang import get_language, supported_languages
from ..schema import require_columns
from .codebook import read_codebook

__all__ = ["find_names", "NAME_MODES", "name_spans"]

#: Valid values of the ``names`` option.
NAME_MODES = ("exclude", "count")

_UPPER = "A-ZÀ-ÖØ-ÞŒŸ"
_CAP = rf"[{_UPPER}][\w]*(?:[-‐‑–][\w]+)*"
_SEP = r"(?:[ \t\u00a0\u202f]+|[ \t\u00a0\u202f]*[«»\"“”„][ \t\u00a0\u202f]*" \
       rf"|[ \t\u00a0\u202f]+\([{_UPPER}]{{2,}}\)[ \t\u00a0\u202f]+)"
_OPENERS = ".!?:;«\"“([—–-•"
_HEAD_REACH = 120     # characters from a head to a match it may name
_WORDS = re.compile(r"[^\W\d_]+")
_PREVIOUS_WORD = re.compile(r"(?<![\w-])([^\W\d_][\w]*(?:-[\w]+)*)[ \t\u00a0\u202f]+$")



def check_names(names, where: str) -> str:
    """The ``names`` option, checked."""
    if names not in NAME_MODES:
        raise ParameterError(f"{where}: names={names!r} is not valid; use 'exclude' (the words "
                             "of a proper name do not code, the default) or 'count'")
    return names


@lru_cache(maxsize=32)
def _rules(lang: str | None):
    """The compiled general rule of a language: (capitalised runs, head runs, connectors),
    or None."""
    if lang is None or lang not in supported_languages():
        return None
    data = get_language(lang).data("names")
    if not data:
        return None
    words = sorted((str(w) for w in data.get("connectors", ())), key=len, reverse=True)
    conn = "|".join(re.escape(w) for w in words if len(w) > 1)
    elided = "".join(re.escape(w) for w in words if len(w) == 1)
    link = rf"(?:{_SEP}(?:(?:{conn})\b{_SEP})*" + (rf"(?:[{elided}]['’])?" if elided else "") \
        + ")" if conn else _SEP
    caps = re.compile(rf"(?<![\w-]){_CAP}(?:{link}{_CAP})+")
    heads = [str(h) for h in data.get("heads", ())]
    lowercase = bool(data.get("lowercase_names"))
    head_re = single = None
    if heads and lowercase:
        part = rf"(?:(?:{conn})\b|[{elided}]['’]|{_CAP})" if conn else _CAP
        head_re = re.compile(
            rf"(?<![\w-])(?:{'|'.join(map(re.escape, heads))})"
            rf"(?:(?:{_SEP}|(?<=['’])){part})*(?:{_SEP}|(?<=['’]))"
            rf"(?!(?:{conn})\b)[^\W\d_][\w]*(?:-[\w]+)*")
    if lowercase:
        single = re.compile(rf"(?<![\w-]){_CAP}")
    first = "".join(sorted({re.escape(h[0]) for h in heads}))
    head_words = (re.compile(rf"(?<![\w-])(?=[{first}])(?:{'|'.join(map(re.escape, heads))})"
                             rf"(?![\w-])") if heads else None)
    return caps, head_re, frozenset(words), single, head_words, tuple(heads)


def _headline(text: str, connectors: frozenset[str]) -> bool:
    """A headline in title case or capitals ("Xi Meets Hun Sen, Calls for Deeper Ties"):
    no closing full stop, at least three capitalised words and at most one lower-case word
    that is not a connector (one in ten in a long headline: "... Agree that Both Countries
    will Continue to Be Good Friends ...")."""
    if text.rstrip().rstrip("\"'”’»)").endswith((".", "!", "?", "…")):
        return False
    words = _WORDS.findall(text)
    caps = sum(w[0].isupper() for w in words)
    lower = sum(not w[0].isupper() and w not in connectors for w in words)
    return caps >= 3 and lower <= max(1, len(words) // 10)


def _headline_names(text: str, rules) -> list[tuple[int, int, str]]:
    """The names of a title-case headline: a run of capitalised words, no connector
    among them, that ends in a head noun ("Intergovernmental Coordination Committee";
    not "Deeper Cooperation At Summit", whose "At" is a connector)."""
    _, _, connectors, _, head_words, _ = rules
    out: list[tuple[int, int, str]] = []
    if head_words is None:
        return out
    for m in head_words.finditer(text):
        a = m.start()
        while True:
            prev = _PREVIOUS_WORD.search(text, max(0, a - 80), a)
            if prev is None or not prev.group(1)[0].isupper() \
                    or prev.group(1).lower() in connectors:
                break
            a = prev.start(1)
        if a < m.start():
            out.append((a, m.end(), "capitalised"))
    return out


def name_spans(text: str, lang: str | None) -> list[tuple[int, int, str]]:
    """The names the general rule finds in one text: (start, end, rule) in text order.

    Examples
    --------
    >>> name_spans("Il a assisté au Forum de coopération sino-africaine.", "fr")
    [(16, 36, 'head')]
    """
    rules = _rules(lang)
    if rules is None or not text:
        return []
    if _headline(text, rules[2]):
        return _headline_names(text, rules)
    caps, heads, connectors, single, _, _ = rules
    out = []
    for m in caps.finditer(text):
        a, first = m.start(), m.group().split()[0]
        if first.lower() in connectors:      # "The Cooperation ...", "La Coopération ..."
            a += len(first)
            a += len(text[a:m.end()]) - len(text[a:m.end()].lstrip())
            if caps.fullmatch(text, a, m.end()) is None:
                continue
        a = _past_initial_word(text, a, m.end(), rules)
        if a is not None:
            out.append((a, m.end(), "capitalised"))
    if heads is not None:
        out += [(m.start(), m.end(), "head") for m in heads.finditer(text)]
    if single is not None:
        for m in single.finditer(text):
            before = _char_before(text, m.start())
            if before and before not in _OPENERS:
                out.append((m.start(), m.end(), "capital"))
    out.sort(key=lambda x: (x[0], -x[1]))
    kept: list[tuple[int, int, str]] = []
    for span in out:                     # a name inside a longer name is that name
        if not any(a <= span[0] and span[1] <= b for a, b, _ in kept):
            kept.append(span)
    return kept


def _past_initial_word(text: str, a: int, b: int, rules) -> int | None:
    """Where the capitalised run ``text[a:b]`` starts as a name, or None if it is none.

    A sentence's first word is capitalised whatever it is, so its capital says nothing:
    "Cooperation between China and Cambodia has grown" opens with a common noun, not a
    name. A run that opens a sentence (or follows an opener such as a colon or a quotation
    mark) keeps its first word only when the word is directly followed by another
    capitalised word ("Lancang-Mekong Cooperation"), is a head noun ("Ministry of ...") or
    the run has a head ("Belt and Road Forum"); otherwise the name, if any, starts at the
    next capitalised word ("China and Cambodia").
    """
    before = _char_before(text, a)
    if before and before not in _OPENERS:
        return a
    caps, _, connectors, _, head_words, _ = rules
    first = re.match(_CAP, text[a:b])
    rest = text[a + first.end():b]
    after = rest.lstrip(" \t\u00a0\u202f«»\"“”„").split(maxsplit=1)
    if not after or after[0].lower() not in connectors:
        return a
    if head_words is not None and head_words.search(text, a, b) is not None:
        return a
    nxt = caps.search(text, a + first.end(), b)
    return nxt.start() if nxt is not None and nxt.end() == b else None


def _char_before(text: str, pos: int) -> str:
    """The last character before ``pos`` that is not white space ('' if none): what
    ``text[:pos].rstrip()[-1:]`` gives, without copying the text before ``pos``."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return text[i] if i >= 0 else ""


_UPPER_TABLE = np.array([chr(i).isupper() for i in range(0x250)], bool)   # Latin letters


def _upper_at(raw: str, pos: np.ndarray) -> np.ndarray:
    """Is the character at each position an upper-case letter?"""
    if not len(pos):
        return np.zeros(0, bool)
    codes = np.frombuffer(raw.encode("utf-32-le", "surrogatepass"), "<u4")[pos]
    out = _UPPER_TABLE[np.minimum(codes, len(_UPPER_TABLE) - 1)] & (codes < len(_UPPER_TABLE))
    for i in np.flatnonzero(codes >= len(_UPPER_TABLE)).tolist():     # other scripts
        out[i] = raw[int(pos[i])].isupper()
    return out


def blocked_by_names(raw: str, starts: np.ndarray, lens: np.ndarray, text_index: np.ndarray,
                     ms: np.ndarray, me: np.ndarray, lang: str | None,
                     named: np.ndarray | None = None) -> np.ndarray:
    """For matches at buffer offsets (ms, me) of texts joined in ``raw`` (text ``i`` at
    ``starts[i]``, ``lens[i]`` characters long): does a name found by the general rule
    contain the match (and reach beyond it, unless the name is a single capitalised word)?

    ``named`` flags the matches of patterns written as names in the codebook (with a
    capital): those are blocked only by a name that has a head noun. Only matches that
    begin with a capital, or follow a head closely, are examined.
    """
    out = np.zeros(len(ms), bool)
    rules = _rules(lang)
    if rules is None or not len(ms):
        return out
    named = np.zeros(len(ms), bool) if named is None else named
    cand = _upper_at(raw, ms)
    if rules[1] is not None:
        heads = _head_positions(raw, rules[5])
        if len(heads):
            j = np.searchsorted(heads, ms, "right") - 1
            cand |= (j >= 0) & (ms - heads[np.maximum(j, 0)] <= _HEAD_REACH)
    spans_of: dict[int, list] = {}
    for i in np.flatnonzero(cand).tolist():
        t = int(text_index[i])
        if t not in spans_of:
            a = int(starts[t])
            text = raw[a:a + int(lens[t])]
            spans_of[t] = [(a + s, a + e, r, _has_head(rules, text[s:e])) for s, e, r in
                           name_spans(text, lang)]
        s, e, nm = int(ms[i]), int(me[i]), bool(named[i])
        out[i] = any(ns <= s and e <= ne and ((ns, ne) != (s, e) or r == "capital")
                     and (not nm or (head and r != "capital"))
                     for ns, ne, r, head in spans_of[t])
    return out


@lru_cache(maxsize=32)
def _head_automaton(heads: tuple[str, ...]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for head in heads:
        automaton.add_word(head, len(head))
    automaton.make_automaton()
    return automaton


def _head_positions(raw: str, heads: tuple[str, ...]) -> np.ndarray:
    """Where the head words occur in ``raw`` (a superset: no boundary check), sorted: one
    pass of an Aho-Corasick automaton over the buffer, whatever the number of heads."""
    if not heads or not raw:
        return np.zeros(0, np.int64)
    flat = np.fromiter(chain.from_iterable(_head_automaton(heads).iter(raw)), np.int64)
    return np.sort(flat[0::2] + 1 - flat[1::2])


def _has_head(rules, name: str) -> bool:
    return rules[4] is not None and rules[4].search(name) is not None


def find_names(statements: pd.DataFrame, *, codebook=None, lang: str | None = None
               ) -> pd.DataFrame:
    """The proper names in statements, by the general rule and the codebook's list.

    Parameters
    ----------
    statements
        doc_id, stmt_id, start, text (and lang).
    codebook
        A codebook (None: the default one): its ``names:`` list.
    lang
        Language of statements without a ``lang`` value.

    Returns
    -------
    pandas.DataFrame
        doc_id, stmt_id, name (as in the text), start, end (offsets into the document),
        rule (``capitalised``, ``head`` or ``list``), one row per name, in statement and
        text order (a name found by two rules is listed once, by the first).

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [100], "lang": "fr",
    ...                    "text": ["Il a présidé la réunion du Comité de coordination."]})
    >>> find_names(st)[["name", "start", "rule"]].values.tolist()
    [['Comité de coordination', 127, 'head']]
    """
    require_columns(statements, ("doc_id", "stmt_id", "start", "text"), where="find_names")
    return _find_names(statements, read_codebook(codebook), lang)


def _find_names(statements, cb, lang) -> pd.DataFrame:
    rows = []
    langs = (statements["lang"] if "lang" in statements.columns
             else pd.Series([lang] * len(statements), index=statements.index))
    listed = {lg: [re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, n.split())) + r"(?!\w)",
                              re.IGNORECASE) for n in items]
              for lg, items in getattr(cb, "names", {}).items()}
    for doc, sid, start, text, lg in zip(statements["doc_id"], statements["stmt_id"],
                                         statements["start"], statements["text"], langs):
        lg = _lang_code(lg if isinstance(lg, str) else lang)
        text = text if isinstance(text, str) else ""
        found = [(s, e, r) for s, e, r in name_spans(text, lg)]
        for rx in listed.get(lg, []) + listed.get("*", []):
            found += [(m.start(), m.end(), "list") for m in rx.finditer(text)]
        seen: set[tuple[int, int]] = set()
        for s, e, r in sorted(found, key=lambda x: (x[0], -x[1])):
            if (s, e) not in seen:
                seen.add((s, e))
                rows.append((doc, sid, text[s:e], int(start) + s, int(start) + e, r))
    return pd.DataFrame(rows, columns=["doc_id", "stmt_id", "name", "start", "end", "rule"])


def _lang_code(lang) -> str | None:
    if not isinstance(lang, str) or not lang.strip():
        return None
    return re.split(r"[-_]", lang.strip().lower())[0]
