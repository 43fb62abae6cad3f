"""What the languages written without spaces (Chinese, Khmer) share: sentences ended by their
own marks, and words segmented with user terms kept whole.

:func:`sentence_spans` cuts a paragraph at its sentence marks (the closing quotes and
brackets after a mark stay in the sentence; a mark followed by a comma, a colon or another
mark does not end it); :func:`segment_with_terms` finds the user terms first (longest,
leftmost) and lets the language's segmenter cut the text between them, so that a name or a
codebook phrase is one token whatever the segmenter's dictionary or model says. Offsets are
always offsets into the original text.

Examples
--------
>>> t = "他说：“好。”我们同意！"
>>> [t[s:e] for s, e in sentence_spans(t, 0, len(t), "。！？", "”」』）")]
['他说：“好。”', '我们同意！']
>>> each = lambda text, s, e: [(i, i + 1) for i in range(s, e)]
>>> segment_with_terms("中柬友谊", 0, 4, frozenset({"中柬"}), each)
[(0, 2), (2, 3), (3, 4)]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Callable

import yaml

from ..errors import ParameterError
from . import get_language, normalize_lang, supported_languages

__all__ = ["sentence_spans", "segment_with_terms", "terms_regex", "default_terms", "user_terms",
           "Segmenter", "cached_form", "segmentation_terms", "language_terms"]

_WORDISH = re.compile(r"\w")
# After a mark, these do not let the sentence end: "好！”，他说" goes on.
_GOES_ON = ",，、:：;；"


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and (text[s].isspace() or text[s] in "\ufeff\u200b\u2060"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "\ufeff\u200b\u2060"):
        e -= 1
    return (s, e) if s < e else None


def sentence_spans(text: str, start: int, end: int, marks: str, closers: str, *,
                   no_break_at: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``: each ends after a run of ``marks`` and the
    ``closers`` (quotes, brackets) that follow it.

    A run followed by a comma, colon or semicolon does not end a sentence; a text of
    ``no_break_at`` starting at the mark (Khmer ``។ល។``, "etc.") does not either.
    White space around each sentence is left out; ``text[s:e]`` is the sentence.
    """
    end = min(end, len(text))
    out, pos, i = [], start, start
    while i < end:
        if text[i] not in marks:
            i += 1
            continue
        held = [a for a in no_break_at if text.startswith(a, i)]
        if held:
            i += len(held[0])
            continue
        j = i
        while j < end and text[j] in marks:
            j += 1
        k = j
        while k < end and (text[k] in closers or (text[k] == " " and k + 1 < end
                                                   and text[k + 1] in closers)):
            k += 1
        nxt = k
        while nxt < end and text[nxt] in " \t\u3000":
            nxt += 1
        if nxt < end and text[nxt] in _GOES_ON:
            i = k
            continue
        span = _trim(text, pos, k)
        if span:
            out.append(span)
        pos = i = k
    span = _trim(text, pos, end)
    if span:
        out.append(span)
    return out


@lru_cache(maxsize=64)
def terms_regex(terms: frozenset[str]) -> re.Pattern | None:
    """One alternation of ``terms``, longest first (None when there are none)."""
    alts = sorted({re.escape(t) for t in terms if t and t.strip()}, key=len, reverse=True)
    return re.compile("|".join(alts)) if alts else None


def segment_with_terms(text: str, start: int, end: int, terms: frozenset[str],
                       segment: Callable[[str, int, int], list[tuple[int, int]]],
                       ) -> list[tuple[int, int]]:
    """Word spans of ``text[start:end]``: ``terms`` found first (longest, leftmost), the
    rest cut by ``segment(text, s, e)``; spans without a letter or digit are left out."""
    rx = terms_regex(terms)
    spans, pos = [], start
    if rx is not None:
        for m in rx.finditer(text, start, end):
            if m.start() > pos:
                spans.extend(segment(text, pos, m.start()))
            spans.append(m.span())
            pos = m.end()
    if pos < end:
        spans.extend(segment(text, pos, end))
    return [(s, e) for s, e in spans if _WORDISH.search(text, s, e)]


class Segmenter:
    """The word segmenter of one language with one set of terms kept whole: the terms'
    regex compiled once (:func:`segmenter_for` caches one per language and terms).

    ``form(text)`` gives the matching copy (same length), ``cut(form, s, e)`` the
    language's own segmentation of ``form[s:e]`` (jieba, khmercut).
    """

    def __init__(self, form: Callable[[str], str], terms: frozenset[str],
                 cut: Callable[[str, int, int], list[tuple[int, int]]]) -> None:
        self.form = form
        self.cut = cut
        self.rx = terms_regex(frozenset(form(t) for t in terms))

    def spans(self, text: str, start: int = 0, end: int | None = None,
              ) -> list[tuple[int, int]]:
        """Word spans (offsets into ``text``) of ``text[start:end]``."""
        end = len(text) if end is None else end
        form = self.form(text[start:end])
        spans, pos = [], 0
        if self.rx is not None:
            for m in self.rx.finditer(form):
                if m.start() > pos:
                    spans.extend(self.cut(form, pos, m.start()))
                spans.append(m.span())
                pos = m.end()
        if pos < len(form):
            spans.extend(self.cut(form, pos, len(form)))
        search = _WORDISH.search
        return [(s + start, e + start) for s, e in spans if search(form, s, e)]


def cached_form(convert: Callable[[str], str], size: int = 4096, longest: int = 2000,
                ) -> Callable[[str], str]:
    """``convert`` with its results kept for the last ``size`` texts of at most ``longest``
    characters: a statement's matching copy is asked for by every stage (segmentation,
    speakers, themes, negation) and made once (at most some 30 MB held, whole documents
    are not kept).

    Examples
    --------
    >>> calls = []
    >>> upper = cached_form(lambda t: calls.append(t) or t.upper())
    >>> upper("ab"), upper("ab"), len(calls)
    ('AB', 'AB', 1)
    """
    cached = lru_cache(maxsize=size)(convert)

    def form(text: str) -> str:
        return cached(text) if len(text) <= longest else convert(text)

    return form


def _walk(node, code: str, out: set[str]) -> None:
    """Collect the ``code`` lists found anywhere in a YAML tree (aliases, titles, patterns)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == code and isinstance(value, list):
                out.update(str(v) for v in value if isinstance(v, str))
            elif key not in ("exclusions", "examples"):
                _walk(value, code, out)
    elif isinstance(node, list):
        for value in node:
            _walk(value, code, out)


@lru_cache(maxsize=None)
def default_terms(code: str) -> frozenset[str]:
    """The ``code`` names and phrases of the packaged actors file and default codebook
    (aliases, titles, patterns without their globs): the user dictionary of the segmenters,
    read as data (the files discourse ships in ``discourse/resources``).

    Examples
    --------
    >>> "洪玛奈" in default_terms("zh"), "命运共同体" in default_terms("zh")
    (True, True)
    """
    out: set[str] = set()
    for name in ("actors.yml", "default_codebook.yml"):
        text = (resources.files("discourse") / "resources" / name).read_text(encoding="utf-8")
        _walk(yaml.safe_load(text), code, out)
    return frozenset(t.replace("*", "").replace("?", "") for t in out if len(t) > 1)


def user_terms(code: str, *, actors=None, codebook=None) -> frozenset[str]:
    """The ``code`` names and phrases of a user's own actors file and codebook (already
    read: an ``Actors`` and a ``Codebook``), to keep whole in word segmentation
    (``span_tokenize(..., terms=...)``) besides :func:`default_terms`.

    Aliases, dated titles and patterns (their globs dropped) of one character are left out.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> actor = NS(aliases={"zh": ("谢天龙",)}, titles=(NS(aliases={"zh": ("参议院发言人",)}),))
    >>> theme = NS(patterns={"zh": ("铁杆*", "和")})
    >>> sorted(user_terms("zh", actors=NS(actors={"a": actor}), codebook=NS(themes=(theme,))))
    ['参议院发言人', '谢天龙', '铁杆']
    """
    out: set[str] = set()
    for actor in getattr(actors, "actors", {}).values():
        out.update(actor.aliases.get(code, ()))
        for title in actor.titles:
            out.update(title.aliases.get(code, ()))
    for theme in getattr(codebook, "themes", ()):
        out.update(p.replace("*", "").replace("?", "")
                   for p in (theme.patterns or {}).get(code, ()))
    return frozenset(t for t in out if len(t.strip()) > 1)


def segmentation_terms(*, actors=None, codebook=None) -> dict[str, frozenset[str]]:
    """The names and phrases of a user's actors file and codebook to keep whole in word
    segmentation, for every supported language written without spaces (``zh``, ``km``):
    ``{code: user_terms(code, ...)}``, what ``split_statements(..., terms=)`` takes (a run
    passes its own actors and codebook).

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> actor = NS(aliases={"zh": ("谢天龙",), "km": ("ចាប ភក្តី",)}, titles=())
    >>> terms = segmentation_terms(actors=NS(actors={"a": actor}))
    >>> sorted(terms["zh"]), sorted(terms["km"])
    (['谢天龙'], ['ចាប ភក្តី'])
    """
    return {code: user_terms(code, actors=actors, codebook=codebook)
            for code in supported_languages() if get_language(code).unspaced}


def language_terms(terms, code: str) -> frozenset[str]:
    """The terms of language ``code`` in ``terms`` (language code -> names and phrases, as
    :func:`segmentation_terms` gives; None: none), checked.

    Examples
    --------
    >>> sorted(language_terms({"zh-Hans": ["谢天龙"], "km": []}, "zh"))
    ['谢天龙']
    >>> language_terms(None, "zh")
    frozenset()
    """
    if terms is None:
        return frozenset()
    if not isinstance(terms, Mapping) or any(
            isinstance(v, str) or not all(isinstance(t, str) for t in v) for v in terms.values()):
        raise ParameterError(
            "terms must map language codes to lists of names and phrases, like "
            f"{{'zh': ['谢天龙']}}, got {str(terms)[:200]!r}")
    return frozenset(t for k, v in terms.items() if normalize_lang(k) == code for t in v)
