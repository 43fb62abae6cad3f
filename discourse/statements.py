"""Split documents into paragraphs and sentences (statements) with exact offsets.

A statement is a sentence of news prose. ``doc_text[start:end]`` is exactly the statement's
text (white space around it excluded), so every later result can be located in the source.

Paragraphs
    Blocks separated by a blank line (``\\n``, ``\\r\\n`` or ``\\r`` conventions). A document
    with no blank line at all (one paragraph per line, as some saved pages are) takes each
    non-empty line as a paragraph; inside a paragraph of a document that has blank lines, a
    single line break is a space (hard-wrapped text).

Sentences
    A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (``…``, ``...``), with the closing
    quotes or brackets that follow (« », “ ”, " ", ’, parentheses), when white space and the
    start of a new sentence follow. The rules, in order:

    1. Punctuation before ``,``, ``;``, ``:``, ``/`` or another full stop does not end a
       sentence: "« Oui ! », a-t-il dit" and the sample's stray "nouvelle ère. ." stay whole,
       and a credit "2024. /Xinhua" stays with its caption.
    2. A title abbreviation (``M.``, ``Mme``, ``Dr.``, ``Mr.``, ``Gen.``…) never ends one; an
       initial (one capital letter: "J. Smith") does not before a capital; other
       abbreviations (``etc.``, ``Inc.``, ``janv.``, ``Dec.``…) end one only before a capital
       letter, never before a digit ("No. 1", "Dec. 3"). Acronyms with dots (``U.S.``,
       ``U.N.``) end one only before a word that usually starts a sentence ("The", "Le",
       "He"…). The lists are data, per language, in ``resources/abbreviations.yml``.
    3. ``!``, ``?`` and ellipses followed by a lower-case letter do not end a sentence
       (« Pourquoi pas ? » a-t-il demandé); a full stop after an ordinary word does, even
       before a lower-case letter (the sample's "…du Cambodge. opposer les forces…").
    4. Decimal numbers (3.5, 3,5) never contain a break (no white space follows the point).

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
from importlib import resources

import pandas as pd
import yaml

from .errors import ParameterError
from .schema import COLUMNS, require_columns
from .tokens import count_tokens

__all__ = ["split_statements", "split_paragraphs", "split_sentences"]

_BLANK = re.compile(r"(?:\r\n|\r|\n)[ \t\u00a0\u202f]*(?:(?:\r\n|\r|\n)[ \t\u00a0\u202f]*)+")
_LINE = re.compile(r"\r\n|\r|\n")
_CLOSERS = "»”\"’')]"
_OPENERS = "«“\"‘'(["
# A terminator, closing quotes/brackets (with the French space before »), then white space.
_CANDIDATE = re.compile(
    r"(?P<term>\.{3}|…|[.!?]+)(?P<close>(?:[ \u00a0\u202f]?[»”\"’')\]])*)(?P<space>\s+)(?=(?P<next>\S))"
)
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
_ACRONYM = re.compile(r"^(?:[^\W\d_]\.){2,}$|^(?:[^\W\d_]\.)+[^\W\d_]$")
_SENTENCE_STARTERS = {
    "fr": {"le", "la", "les", "l", "il", "elle", "ils", "elles", "ce", "cette", "ces", "un",
           "une", "des", "en", "dans", "selon", "pour", "par", "de", "du", "au", "aux", "à",
           "on", "nous", "mais", "et", "cela", "ceci", "lors", "après", "avant", "depuis",
           "les deux", "xi", "hun"},
    "en": {"the", "a", "an", "he", "she", "it", "they", "we", "this", "that", "these",
           "those", "in", "on", "at", "both", "but", "and", "according", "during", "after",
           "before", "since", "as", "for", "with", "while", "his", "her", "their", "its"},
}


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, dict[str, frozenset[str]]]:
    raw = yaml.safe_load(
        resources.files("discourse").joinpath("resources/abbreviations.yml").read_text("utf-8")
    )
    out: dict[str, dict[str, frozenset[str]]] = {}
    for lang, groups in raw.items():
        out[lang] = {
            "titles": frozenset(groups.get("titles", [])),
            "other": frozenset(a.lower() for a in groups.get("other", [])),
            "before_number": frozenset(a.lower() for a in groups.get("before_number", [])),
        }
    return out


def _lang_key(lang: object) -> str:
    return "fr" if isinstance(lang, str) and lang.lower().startswith("fr") else "en"


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the paragraphs of ``text`` (white space trimmed).

    Examples
    --------
    >>> split_paragraphs("Un.\\r\\n\\r\\n  Deux.\\n")
    [(0, 3), (9, 14)]
    >>> split_paragraphs("Ligne un.\\nLigne deux.")
    [(0, 9), (10, 21)]
    """
    separator = _BLANK if _BLANK.search(text) else _LINE
    spans, pos = [], 0
    for m in separator.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((s + lead, s + lead + len(stripped)))
    return out


def _is_break(text: str, m: re.Match, lang: str) -> bool:
    """Decide whether the candidate ``m`` (terminator + closers + space) ends a sentence."""
    term, nxt = m.group("term"), m.group("next")
    if nxt in ",;:/." or nxt in "-–—" and term == ".":
        return False
    if term in ("!", "?", "...", "…") or term[0] in "!?":
        return not nxt.islower()
    if m.group("close") and nxt.islower():
        return False  # « C'est bien. » a-t-il dit
    word_m = _WORD_BEFORE.search(text, 0, m.start())
    word = word_m.group(1) if word_m else ""
    if term == "." and word and not m.group("close"):
        abbr = _abbreviations()[lang]
        bare = word.rstrip(".")
        last = bare.rsplit("-", 1)[-1] if "-" in bare and not bare.startswith("J.") else bare
        if bare in abbr["titles"] or last in abbr["titles"]:
            return False
        if nxt.isdigit() and bare.lower() in abbr["before_number"]:
            return False
        if bare.lower() in abbr["other"]:
            return nxt.isupper() or nxt in _OPENERS
        if len(bare) == 1 and bare.isalpha() and bare.isupper():
            return not nxt.isupper()  # an initial before a name
        if _ACRONYM.match(word + ".") or _ACRONYM.match(word):
            following = re.match(r"[\w’']+", text[m.end():])
            nword = following.group(0).lower().rstrip("’'") if following else ""
            return nword in _SENTENCE_STARTERS[lang]
    return True


def split_sentences(text: str, *, lang: str = "fr", start: int = 0, end: int | None = None
                    ) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences of ``text[start:end]``.

    Offsets are into ``text``; white space around each sentence is excluded.

    Examples
    --------
    >>> t = "Mr. Li met the U.S. envoy. He said 3.5 percent... was fine! Both sides agreed."
    >>> [t[s:e] for s, e in split_sentences(t, lang="en")]
    ['Mr. Li met the U.S. envoy.', 'He said 3.5 percent... was fine!', 'Both sides agreed.']
    """
    end = len(text) if end is None else end
    key = _lang_key(lang)
    spans, pos = [], start
    for m in _CANDIDATE.finditer(text, start, end):
        if _is_break(text, m, key):
            stop = m.start("space")
            spans.append((pos, stop))
            pos = m.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((s + lead, s + lead + len(stripped)))
    return out


def split_statements(documents: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Split each document into statements (sentences) with exact character offsets.

    Parameters
    ----------
    documents
        The documents table (:func:`discourse.read_corpus`): needs ``doc_id`` and ``text``;
        ``lang`` is used when present.
    lang
        Language of every document when the table has no ``lang`` column (``"fr"``/``"en"``);
        it chooses the abbreviation list and the tokenizer.

    Returns
    -------
    DataFrame
        One row per statement: doc_id, stmt_id (``<doc_id>.<n>``, n from 1 in each
        document), paragraph and sentence (from 1), start, end (``text[start:end]`` is the
        statement), text, n_tokens, then the document's other columns (lang, date, title,
        source and user metadata; not its text nor its path).

    Raises
    ------
    ContractError
        If ``doc_id`` or ``text`` is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["e"], "text": ["He said so. She agreed."]})
    >>> split_statements(docs, lang="en")["text"].tolist()
    ['He said so.', 'She agreed.']
    """
    require_columns(documents, ["doc_id", "text"], where="split_statements")
    if lang is not None and not isinstance(lang, str):
        raise ParameterError(f"split_statements: lang must be a language code like 'fr', got {lang!r}")
    carried = [c for c in documents.columns if c not in ("text", "path", "doc_id")]
    if "lang" not in carried:
        carried.insert(0, "lang")
    rows: dict[str, list] = {c: [] for c in COLUMNS["statements"]}
    meta: dict[str, list] = {c: [] for c in carried}
    has_lang = "lang" in documents.columns
    for doc in documents.to_dict(orient="records"):
        text = doc["text"]
        if not isinstance(text, str):
            text = "" if pd.isna(text) else str(text)
        doc_lang = doc.get("lang") if has_lang and isinstance(doc.get("lang"), str) else lang
        doc_lang = doc_lang or "fr"
        n = 0
        for p_no, (ps, pe) in enumerate(split_paragraphs(text), start=1):
            for s_no, (ss, se) in enumerate(split_sentences(text, lang=doc_lang, start=ps, end=pe),
                                            start=1):
                n += 1
                sentence = text[ss:se]
                rows["doc_id"].append(doc["doc_id"])
                rows["stmt_id"].append(f"{doc['doc_id']}.{n}")
                rows["paragraph"].append(p_no)
                rows["sentence"].append(s_no)
                rows["start"].append(ss)
                rows["end"].append(se)
                rows["text"].append(sentence)
                rows["n_tokens"].append(count_tokens(sentence, lang=doc_lang))
                for c in carried:
                    meta[c].append(doc_lang if c == "lang" else doc.get(c))
    out = pd.DataFrame(rows)
    for c in ("paragraph", "sentence", "start", "end", "n_tokens"):
        out[c] = out[c].astype("int64")
    for c in carried:
        out[c] = pd.Series(meta[c], dtype=documents[c].dtype if c in documents.columns else object)
    return out
