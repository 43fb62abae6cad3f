"""Split documents into paragraphs and sentences (statements) with exact offsets.

A statement is a sentence of news prose. ``doc_text[start:end]`` is exactly the statement's
text (white space around it excluded), so every later result can be located in the source.

Paragraphs
    Blocks separated by a blank line (a line holding only white space counts as blank), with
    any newline convention (``\\n``, ``\\r\\n``, ``\\r``, also U+2028 and U+0085), or by
    the Unicode paragraph separator U+2029. A document with no blank line at all (one
    paragraph per line, as some saved pages and spreadsheets are) takes each non-empty line
    as a paragraph. In a document that has blank lines, a single line break
    inside a paragraph is white space like any other (hard-wrapped text).

Sentences
    A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (``…``, ``...``), with the closing
    quotes or brackets that follow it (» ” " ’ ' ) ], also after a French space: "fin. »"),
    when white space and the start of a new sentence follow. The rules, in order:

    1. Punctuation followed by ``,``, ``;``, ``:``, ``/`` or another full stop does not end a
       sentence: "« Oui ! », a-t-il dit" and the sample's stray "nouvelle ère. ." stay
       whole, and a photo credit "2024. /Xinhua" stays with its caption. A full stop before
       a dash does not either, nor one before a dateline's agency credit ("PHNOM PENH,
       3 déc. (AKP) -- Le ...").
    2. After ``!``, ``?`` or an ellipsis, a sentence ends only before something that is not a
       lower-case letter (« Pourquoi pas ? » a-t-il demandé; "He paused... then left"). An
       ellipsis in brackets (``[…]``, ``(...)``) marks a cut, not an end.
    3. A closing quote followed by a lower-case word does not end a sentence
       (“We agree.” he said), nor a quote ending in ``?`` or ``!`` followed by a short
       English speech tag (“Why not?” Wang asked.; the verbs are data: ``speech_tags``).
    4. A full stop ends a sentence, even before a lower-case letter (the sample's "…du
       Cambodge. opposer les forces…" is two statements), except after:

       - an enumerator opening the sentence ("1. ", "a) ", "IV. ");
       - a *title* (``M.``, ``MM.``, ``Dr.``, ``Mr.``, ``Gen.``, ``Prof.``…): never;
       - an *ambiguous title* (``Sen.``, ``St.`` in English): only before a capitalised word
         that is not a usual sentence opener, and when the word before is not capitalised
         ("said Sen. Rubio" but "met Hun Sen. Cambodia...");
       - an abbreviation that may come before a number (``No.``, ``Dec.``, ``art.``): never
         before a digit;
       - another abbreviation (``etc.``, ``p. ex.``, ``e.g.``, ``Inc.``, ``janv.``): only
         before a capital letter, an opening quote or a bracket;
       - an initial (one capital letter: "J. Smith"): only before a word that does not start
         with a capital ("Xi J. a dit" ends, "J. Smith" does not);
       - an acronym with dots (``U.S.``, ``U.N.``, ``É.-U.``): only before a capitalised
         usual sentence opener ("…to the U.S. The talks…" but "the U.S. side", "the U.N.
         Security Council", "des É.-U. et de l’UE").

    5. Decimal numbers (3.5, 3,5) never hold a break, since no white space follows the point.

    The abbreviation lists and the sentence openers are data, per language, in
    ``discourse/lang/<code>/abbreviations.yml``; a document in a language without a folder
    (``und``...) uses every language's lists.
    Chinese and Khmer give their own sentences and words (:meth:`~discourse.lang.base.
    Language.sentence_spans`: 。！？ / ។ ៕ ? !, no space needed; jieba, khmercut).

Examples
--------
>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["d"], "lang": ["fr"], "date": ["2024-12-03"],
...     "text": ["M. Xi a salué les progrès. Il a ajouté que 3,5 % suffisaient.\\n\\nFin."]})
>>> st = split_statements(docs)
>>> st[["stmt_id", "paragraph", "sentence", "start", "end", "text"]].values.tolist()
[['d.1', 1, 1, 0, 26, 'M. Xi a salué les progrès.'], ['d.2', 1, 2, 27, 61, 'Il a ajouté que 3,5 % suffisaient.'], ['d.3', 2, 1, 63, 67, 'Fin.']]
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, repeat

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..lang import (get_language, is_supported, normalize_lang, supported_languages,
                    warn_unsupported)
from ..lang.base import ABBREVIATION_GROUPS
from ..lang.detect import detect_language
from ..schema import COLUMNS, require_columns
from .tokens import count_tokens_by_language

__all__ = ["split_statements", "split_paragraphs", "split_sentences"]

_HSPACE = r"[ \t\f\v\u00a0\u202f\u2007\u2009\u3000]"
# A line break: \r\n, \r, \n, U+2028, U+0085. A \r followed by \n is never a break of its own:
# else "\r\n" would be read as two breaks, a blank line, in a hard-wrapped Windows file.
_NEWLINE = r"(?:\r\n|\r(?!\n)|[\n\u2028\x85])"
# A blank line (two line breaks with only spaces between), or U+2029. It is written to start
# with a character class (the engine then skips to the next line break at C speed): the
# lookbehinds say which break the first character began.
_BLANK = re.compile(
    rf"[\r\n\u2028\x85\u2029](?:(?<=\u2029)|(?:(?<=\r)\n|(?<=\r)(?!\n)|(?<=[\n\u2028\x85]))"
    rf"{_HSPACE}*(?:{_NEWLINE}{_HSPACE}*)+)")
_LINE = re.compile(_NEWLINE)
_INVISIBLE = "\ufeff\u200b\u2060"  # a stray BOM, zero-width spaces: white space at the edges
_OPENERS = "«“\"‘'(["
# A terminator, then its closing quotes/brackets, taken atomically (a lookahead captured and
# then consumed, as Python < 3.11 has no possessive quantifiers): "bien. », a-t-il" must not
# be cut before its ». A space may precede only the unambiguous closers » ” ) (French
# typography), since a straight quote after a space opens the next sentence.
_CANDIDATE = re.compile(
    # (Every alternative of the terminator starts with a literal character, so the regex
    # engine skips to the next . ! ? … at C speed: a scan three times as fast.)
    r"(?P<term>\.\.\.|…|\.[.!?]*|![.!?]*|\?[.!?]*)"
    r"(?=(?P<close>(?:[»”\"’')\]]|[ \u00a0\u202f][»”)])*))(?P=close)"
    r"(?P<space>\s+)(?=(?P<next>\S))"
)
_ABBREVIATION_SHAPE = re.compile(r"\w[\w.\-’']*")
_PREVIOUS_WORD = re.compile(r"(\S+)\s+\S*$")
_NEXT_WORD = re.compile(r"[«“\"‘'(\[]?\s*([^\W\d_]+)")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.-?){2,}|(?:[^\W\d_]\.-?)+[^\W\d_]")  # U.S., É.-U.
# The agency credit of a dateline, "(Xinhua) --": what follows the full stop of "3 déc."
# in "PHNOM PENH, 3 déc. (AKP) -- Le ...", never the start of a sentence.
_DATELINE_CREDIT = re.compile(r"\([^()\n]{1,60}\)\s*(?:-{1,2}|[–—])\s")
_ENUMERATOR = re.compile(r"\(?(?:\d{1,3}|[IVXLC]{1,6}|[a-zA-Z])\)?")
_CLAUSE = re.compile(r"([^.!?…,;:«»“”\"]{1,120})[.!?…]")  # up to the next terminator
_LOOK_BACK = 80  # characters scanned back for the word before a full stop


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> dict[str, frozenset[str]]:
    """The abbreviation groups of ``lang``; every supported language's together when the
    language has no folder (``und``...)."""
    if is_supported(lang):
        return get_language(lang).abbreviations
    langs = [get_language(c).abbreviations for c in supported_languages()]
    return {g: frozenset().union(*(a[g] for a in langs)) for g in ABBREVIATION_GROUPS}


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The span ``(s, e)`` without white space (or BOM, zero-width space) at its edges."""
    # A scan from each end (no copy of the span: this runs once per sentence).
    while s < e and (text[s].isspace() or text[s] in _INVISIBLE):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _INVISIBLE):
        e -= 1
    return (s, e) if s < e else None


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the paragraphs of ``text`` (white space trimmed).

    Parameters
    ----------
    text
        A document's text.

    Returns
    -------
    list of (int, int)
        Offsets into ``text``; ``text[start:end]`` is a paragraph, without the white space
        around it. Empty paragraphs are left out.

    Examples
    --------
    >>> split_paragraphs("Un.\\r\\n\\r\\n  Deux.\\n")
    [(0, 3), (9, 14)]
    >>> split_paragraphs("Ligne un.\\nLigne deux.")
    [(0, 9), (10, 21)]
    """
    separator = _BLANK if _BLANK.search(text) else _LINE
    out, pos = [], 0
    for m in separator.finditer(text):
        span = _trim(text, pos, m.start())
        if span:
            out.append(span)
        pos = m.end()
    span = _trim(text, pos, len(text))
    if span:
        out.append(span)
    return out


def _is_speech_tag(text: str, pos: int, tags: frozenset[str]) -> bool:
    """Whether ``text[pos:]`` opens with a short speech tag: "Hun Sen said." after a quote.

    One to six capitalised words (a name and its title), a word of ``tags``, then at most
    three words before the sentence's end ("Wang asked reporters.").
    """
    if not tags:
        return False
    m = _CLAUSE.match(text, pos)
    words = m.group(1).split() if m else []
    n = 0
    while n < min(len(words), 6) and words[n][:1].isupper():
        n += 1
    return 0 < n < len(words) <= n + 4 and words[n].lower() in tags


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1).lower() if m else ""


def _is_break(text: str, m: re.Match, abbr: dict[str, frozenset[str]], sent_start: int) -> bool:
    """Decide whether the candidate ``m`` (terminator + closers + space) ends a sentence."""
    term, close, nxt = m.group("term"), m.group("close"), m.group("next")
    if nxt in ",;:/." or (nxt in "-–—" and term == "."):
        return False                                    # rule 1
    if nxt == "(" and _DATELINE_CREDIT.match(text, m.end()):
        return False                                    # rule 1: "3 déc. (AKP) --"
    if term[0] != "." or term in ("...",):              # rule 2: ! ? … ...
        if term in ("...", "…") and m.start() > 0 and text[m.start() - 1] in "([" \
                and close[:1] in (")", "]"):
            return False
        if close and nxt.isupper() and _is_speech_tag(text, m.end(), abbr["speech_tags"]):
            return False                                # rule 3: “Why?” Wang asked.
        return not nxt.islower()
    if close:                                           # rule 3
        return not nxt.islower()
    if len(term) > 1:                                   # ".." : a typing slip, it ends
        return True
    # rule 4: a single full stop, nothing closing it
    window_start = max(sent_start, m.start() - _LOOK_BACK)
    if m.start() - sent_start <= 8 and _ENUMERATOR.fullmatch(text[sent_start:m.start()].strip()):
        return False
    before = text[window_start:m.start()]
    # The word before the full stop: the last white-space-separated chunk, without opening
    # quotes or brackets, and without an elided article (l’art. -> art).
    chunk = before.rsplit(None, 1)[-1].lstrip(_OPENERS) if before.strip() else ""
    if not _ABBREVIATION_SHAPE.fullmatch(chunk):
        return True
    word = re.split(r"[’']", chunk)[-1]
    if not word:
        return True
    last = word.rsplit("-", 1)[-1]                      # vice-Pr. -> Pr
    if word in abbr["titles"] or last in abbr["titles"]:
        return False
    if word in abbr["ambiguous_titles"]:
        if not nxt.isupper() or _next_word(text, m.end()) in abbr["sentence_starters"]:
            return True
        prev = _PREVIOUS_WORD.search(text, window_start, m.start())
        prev_word = prev.group(1).lstrip(_OPENERS) if prev else ""
        return prev_word[:1].isupper() and prev_word.isalpha()
    low = word.lower()
    if nxt.isdigit() and low in abbr["before_number"]:
        return False
    if low in abbr["other"]:
        return nxt.isupper() or nxt in _OPENERS
    if len(word) == 1 and word.isalpha() and word.isupper():
        return not nxt.isupper()                        # an initial before a name
    if _ACRONYM.fullmatch(word):                        # "the U.S. side", "É.-U. et"
        return (nxt.isupper() or nxt in _OPENERS) and \
            _next_word(text, m.end()) in abbr["sentence_starters"]
    return True


def split_sentences(
    text: str, *, lang: str | None = "fr", start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences of ``text[start:end]``.

    Parameters
    ----------
    text
        A document's text.
    lang
        Its language (``"fr"``, ``"en"``; other values use both languages' abbreviations).
    start, end
        The part of ``text`` to split (a paragraph); offsets stay offsets into ``text``.

    Returns
    -------
    list of (int, int)
        ``text[s:e]`` is a sentence, white space around it excluded.

    Examples
    --------
    >>> t = "Mr. Li met the U.S. envoy. He said 3.5 percent... was fine! Both sides agreed."
    >>> [t[s:e] for s, e in split_sentences(t, lang="en")]
    ['Mr. Li met the U.S. envoy.', 'He said 3.5 percent... was fine!', 'Both sides agreed.']
    """
    end = len(text) if end is None else end
    own = get_language(lang, strict=False).sentence_spans(text, start, end)
    return own if own is not None else \
        _sentence_spans(text, _abbreviations(normalize_lang(lang)), start, end)


def _sentence_spans(text: str, abbr: dict[str, frozenset[str]], start: int, end: int
                    ) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _CANDIDATE.finditer(text, start, end):
        if m.start() >= pos and _is_break(text, m, abbr, pos):
            out.append(_trim(text, pos, m.start("space")))
            pos = m.end()
    out.append(_trim(text, pos, end))
    return [span for span in out if span]


def _document_spans(text: str, doc_lang: str) -> list[tuple[int, int, int, int]]:
    """(start, end, paragraph, sentence) of each statement of one document."""
    abbr = _abbreviations(normalize_lang(doc_lang))
    language = get_language(doc_lang, strict=False)
    out = []
    for p_no, (ps, pe) in enumerate(split_paragraphs(text), start=1):
        spans = language.sentence_spans(text, ps, pe)
        if spans is None:
            spans = _sentence_spans(text, abbr, ps, pe)
        out += [(ss, se, p_no, s_no) for s_no, (ss, se) in enumerate(spans, start=1)]
    return out


def _doc_lang(value: object, fallback: str | None, text: str) -> str:
    if isinstance(value, str) and value.strip() and value.strip().lower() != "und":
        return value.strip()
    if fallback:
        return fallback
    if isinstance(value, str) and value.strip():
        return value.strip()
    return detect_language(text)


def split_statements(documents: pd.DataFrame, *, lang: str | None = None,
                     terms: dict | None = None) -> pd.DataFrame:
    """Split each document into statements (sentences) with exact character offsets.

    Parameters
    ----------
    documents
        The documents table (:func:`discourse.read_corpus`): needs ``doc_id`` and ``text``;
        its ``lang`` column is used when present.
    lang, terms
        Language of the documents whose ``lang`` is missing or ``"und"`` (``"fr"``,
        ``"en"``...); when neither gives one, it is detected
        (:func:`discourse.lang.detect.detect_language`). It chooses the abbreviation lists and
        the tokenizer. ``terms`` (``{"zh": [...]}``, :func:`discourse.lang.unspaced.
        segmentation_terms`) are kept whole in the words of unspaced languages (``n_tokens``).

    Returns
    -------
    DataFrame
        One row per statement, in document order then text order: doc_id, stmt_id
        (``<doc_id>.<n>``, n from 1 in each document), paragraph and sentence (from 1; the
        sentence number restarts in each paragraph), start, end (``text[start:end]`` is the
        statement), text, n_tokens (:func:`discourse.text.tokens.count_tokens`), then the
        document's lang (as used), date, title, source and other metadata columns (not its
        text nor its path). A document with no text gives no row.

    Raises
    ------
    ContractError
        If ``doc_id`` or ``text`` is missing.
    ParameterError
        If ``lang`` is not a string, or ``terms`` not a mapping of codes to lists of strings.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["e"], "text": ["He said so. She agreed."]})
    >>> split_statements(docs, lang="en")[["stmt_id", "text", "n_tokens"]].values.tolist()
    [['e.1', 'He said so.', 3], ['e.2', 'She agreed.', 2]]
    """
    require_columns(documents, ["doc_id", "text"], where="split_statements")
    if lang is not None and (not isinstance(lang, str) or not lang.strip()):
        raise ParameterError(
            f"split_statements: lang must be a language code like 'fr' or 'en', got {lang!r}")
    carried = ["lang", "date", "title", "source"] + [
        c for c in documents.columns
        if c not in ("text", "path", "doc_id", "lang", "date", "title", "source")
        and c not in COLUMNS["statements"]
    ]
    n_docs = len(documents)
    langs = documents["lang"].tolist() if "lang" in documents.columns else [None] * n_docs
    spans: list[tuple[int, int, int, int]] = []    # start, end, paragraph, sentence
    doc_ids, doc_langs, counts, texts, ids = [], [], [], [], []
    rows_of_lang: dict[str, list[range]] = {}      # the rows of each language, for counting
    unsupported: dict[str, list[str]] = {}
    for doc_id, text, value in zip(documents["doc_id"].tolist(), documents["text"].tolist(),
                                   langs):
        if not isinstance(text, str):
            text = "" if pd.isna(text) else str(text)
        doc_id = str(doc_id)
        doc_lang = _doc_lang(value, lang, text)
        if not is_supported(doc_lang) and normalize_lang(doc_lang) != "und":
            unsupported.setdefault(normalize_lang(doc_lang), []).append(doc_id)
        found = _document_spans(text, doc_lang)
        first, n = len(spans), len(found)
        spans += found
        texts += [text[ss:se] for ss, se, _, _ in found]
        ids += [f"{doc_id}.{k}" for k in range(1, n + 1)]
        doc_ids.append(doc_id)
        doc_langs.append(doc_lang)
        counts.append(n)
        rows_of_lang.setdefault(doc_lang, []).append(range(first, first + n))
    warn_unsupported(unsupported, where="split_statements")
    table = np.array(spans, np.int64).reshape(-1, 4).T
    per_row = lambda values: list(chain.from_iterable(map(repeat, values, counts)))  # noqa: E731
    out = pd.DataFrame({"doc_id": per_row(doc_ids), "stmt_id": ids,
                        "paragraph": table[2], "sentence": table[3], "start": table[0],
                        "end": table[1], "text": texts, "n_tokens": count_tokens_by_language(
                            texts, rows_of_lang, terms=terms).astype("int64")})
    for c in carried:
        has = c in documents.columns and c != "lang"
        out[c] = pd.Series(per_row(doc_langs if c == "lang" else documents[c].tolist()
                                   if has else [pd.NA] * n_docs),
                           dtype=documents[c].dtype if has else "string"
                           if c in ("lang", "date", "title", "source") else object)
    return out
