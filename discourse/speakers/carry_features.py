"""The features of a statement with no cue of its own, which the carry model weighs.

A statement with no cue (no named subject with a verb, no pronoun, no inverted cue) either
goes on with the last speaker's words (CONVENTIONS.md rule 5: ``carried``) or is the
journalist's (``narrator``). :func:`carry_features` describes such a statement by numbers
in [0, 1], in the order of :data:`FEATURES`: what the document shows so far (the previous
row's kind, the distance to the last cue, the statement's place in its paragraph and in the
document, the last speaker's side), what the cue analysis found (background facts, a
stance, marks of speech, a named subject), and general signs of a speaker's voice or of
the journalist's facts read from word lists (``discourse/lang/<code>/carry.yml``: "we",
modal and future forms, evaluative words, past markers, amounts of money or goods, years).
:mod:`discourse.speakers.carry_model` weighs them.

Examples
--------
>>> from discourse.speakers.findings import Finding
>>> x = carry_features(Finding(None, stance=True), "we will deepen cooperation.", "en",
...                    Context("speaker", "CN", False, False, False, 1, 1, 0.5))
>>> dict(zip(FEATURES, x))["we"], dict(zip(FEATURES, x))["modal"]
(1.0, 1.0)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..lang import get_language, union_words
from .findings import Finding
from .phrases import fold

__all__ = ["FEATURES", "Context", "carry_features"]

#: The features, in the order of the vector :func:`carry_features` returns.
FEATURES = (
    # the document so far
    "prev_speaker", "prev_narrator", "prev_joint", "names_last", "new_par", "in_quote",
    "distance", "par_position", "doc_position", "last_cn", "last_other_side",
    # the cue analysis
    "background", "stance", "speech", "subject", "mentions_other", "country_subject",
    # the words
    "we", "modal", "future", "evaluative", "quote", "opens_quote", "year", "year_phrase",
    "past", "quantity", "number", "country", "institution", "length",
)

#: Quotation marks (a statement inside or opening a quotation is a speaker's).
_QUOTES = "«»\"“”"
_OPENS = re.compile(r"^\W*[«\"“]")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_NUMBER = re.compile(r"\d")
_WORD = re.compile(r"\w+")
_NEVER = re.compile(r"(?!x)x")
_INSTITUTION = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(fold(w)) for w in sorted(
    union_words("institution_words"), key=len, reverse=True)) + r")(?![\w'-])")


class Context(NamedTuple):
    """What the document shows before the statement (:class:`DocumentAttributor`'s state)."""

    prev_kind: str | None       # 'speaker', 'narrator', 'joint' of the previous row
    last_side: str | None       # the last speaker's side
    names_last: bool            # the statement names the last speaker
    new_par: bool               # the statement opens a paragraph
    in_quote: bool              # a quotation opened before it is still open
    distance: int               # rows carried since the last cue (0: right after it)
    par_position: int           # rows of its paragraph before it
    doc_position: float         # its place in the document, 0 (first) to 1 (last)


def _words(words) -> re.Pattern:
    """A folded word list as one pattern of whole words (never matches when empty)."""
    folded = sorted({fold(str(w)) for w in words or ()}, key=len, reverse=True)
    if not folded:
        return _NEVER
    return re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+")
                                                   for w in folded) + r")(?![\w-])")


@lru_cache(maxsize=None)
def _patterns(lang: str) -> dict[str, re.Pattern]:
    """The compiled word lists of ``lang``'s ``carry.yml`` (none: patterns that never match)."""
    data = get_language(lang, strict=False).data("carry") if lang else {}
    out = {key: _words(data.get(key)) for key in ("we_words", "modal_words", "evaluative_words",
                                                  "past_markers", "year_prepositions")}
    units = sorted({fold(str(w)) for w in data.get("quantity_units") or ()}, key=len,
                   reverse=True)
    out["quantity"] = re.compile(r"\d[\d\s.,]*\s*(?:" + "|".join(map(re.escape, units))
                                 + r")(?![\w-])") if units else _NEVER
    endings = sorted({str(w) for w in data.get("future_endings") or ()}, key=len,
                     reverse=True)
    out["future"] = re.compile(r"\w{2,}(?:" + "|".join(map(re.escape, endings))
                               + r")(?![\w'-])") if endings else _NEVER
    out["year_phrase"] = (re.compile(out["year_prepositions"].pattern + r"\s+(?:[\w.]+\s+)?"
                                     r"(?:1[89]|20)\d\d(?!\d)")
                          if out["year_prepositions"] is not _NEVER else _NEVER)
    return out


def _found(rx: re.Pattern, text: str) -> float:
    return 1.0 if rx.search(text) else 0.0


def carry_features(f: Finding, folded: str, lang: str, ctx: Context,
                   side_in_text: str | None = None) -> list[float]:
    """The features of an uncued statement, in the order of :data:`FEATURES`.

    Parameters
    ----------
    f
        The statement's cue analysis (with no cue).
    folded
        The statement's case- and accent-folded text.
    lang
        The document's language code (its ``carry.yml`` word lists).
    ctx
        What the document shows before the statement.
    side_in_text
        A country the statement names (its side), or None.

    Returns
    -------
    list of float
        One number in [0, 1] per feature.

    Examples
    --------
    >>> from discourse.speakers.findings import Finding
    >>> x = carry_features(Finding(None, background=True), "founded in 1958.", "en",
    ...                    Context("narrator", None, False, True, False, 0, 0, 0.0))
    >>> [n for n, v in zip(FEATURES, x) if v == 1.0]
    ['prev_narrator', 'new_par', 'background', 'year', 'year_phrase', 'past', 'number']
    """
    p = _patterns(lang)
    side = ctx.last_side
    return [
        float(ctx.prev_kind == "speaker"), float(ctx.prev_kind == "narrator"),
        float(ctx.prev_kind == "joint"), float(ctx.names_last), float(ctx.new_par),
        float(ctx.in_quote), min(ctx.distance, 6) / 6, min(ctx.par_position, 5) / 5,
        ctx.doc_position, float(side == "CN"), float(side is not None and side != "CN"),
        float(f.background), float(f.stance), float(f.speech), float(f.subject is not None),
        float(bool(f.mentioned) and not ctx.names_last), float(f.side_subject is not None),
        _found(p["we_words"], folded), _found(p["modal_words"], folded),
        _found(p["future"], folded), _found(p["evaluative_words"], folded),
        float(any(q in folded for q in _QUOTES)), _found(_OPENS, folded),
        _found(_YEAR, folded), _found(p["year_phrase"], folded),
        _found(p["past_markers"], folded), _found(p["quantity"], folded),
        _found(_NUMBER, folded), float(side_in_text is not None),
        _found(_INSTITUTION, folded), min(len(_WORD.findall(folded)), 60) / 60,
    ]
