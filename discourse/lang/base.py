"""The Language interface: what discourse needs to know of a language, in one object.

Every stage asks :func:`discourse.lang.get_language` for what is language-specific (sentence
ends and abbreviations, word tokens with offsets, cue words of attribution and their
conjugation, negation cues, stop words, a stemmer) and holds no word list of its own. A
language is a folder ``discourse/lang/<code>/`` with data files (YAML) and a small subclass of
:class:`Language` for what is code rather than data (French elisions, English ``-ly``
adverbs). A folder's YAML files keep the layout ``<code>: {...}`` so that a user's own file
with several languages reads the same way.

Examples
--------
>>> from discourse.lang import get_language
>>> fr = get_language("fr")
>>> fr.name, "M" in fr.abbreviations["titles"]
('French', True)
>>> fr.conjugate("declarer")["participle"][:2]
['declare', 'declaree']
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import yaml

from .counting import base_count_pattern

__all__ = ["Language", "CuePieces", "WORD", "NUMBER", "ACRONYM", "APOSTROPHES", "HYPHENS",
           "ABBREVIATION_GROUPS"]

#: The C (libyaml) safe loader when PyYAML has it: the same result, ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

APOSTROPHES = "'\u2019\u02bc"
HYPHENS = "\\-\u2010\u2011"
_LETTER = r"[^\W\d_]"
_ALNUM = r"[^\W_]"
#: A word: letters/digits, joined by hyphens or inner apostrophes that a letter follows.
WORD = rf"{_ALNUM}\w*(?:(?:[{HYPHENS}]{_ALNUM}|[{APOSTROPHES}]{_LETTER})\w*)*"
#: A number with thousands separators and decimals (1,000; 5.2; 3 000).
NUMBER = r"\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?(?!\w)"
#: U.S., U.N., p.ex.; optionally joined to a hyphenated word (U.S.-China).
ACRONYM = rf"(?:{_LETTER}\.){{2,}}(?:[{HYPHENS}]{_ALNUM}(?:\w|[{HYPHENS}](?={_ALNUM}))*)?"

#: The groups of an abbreviations file (see ``lang/<code>/abbreviations.yml``).
ABBREVIATION_GROUPS = ("titles", "ambiguous_titles", "other", "before_number",
                       "sentence_starters", "speech_tags")
_CASE_SENSITIVE = ("titles", "ambiguous_titles")


class CuePieces:
    """The building blocks of cue patterns that a language combines its own way.

    Attributes are regular-expression strings on the folded working copy: ``aux`` and
    ``paux`` (auxiliaries, pronominal auxiliaries), ``pron`` and ``plur`` (singular and plural
    subject pronouns), ``adv`` (an adverb), ``agree`` (participle agreement), ``start`` and
    ``end`` (start and end of a word; an elision's apostrophe may precede a start:
    "l'a-t-il"); ``rv`` holds the reporting verbs' forms by role; ``alt`` turns words into
    an alternation and ``vp_of`` forms into a verb phrase.
    """

    def __init__(self, **parts: Any) -> None:
        self.__dict__.update(parts)


class Language:
    """A language as discourse knows it (subclass it in ``discourse/lang/<code>/``).

    Attributes
    ----------
    code
        ISO 639-1 code (``"fr"``).
    name
        English name.
    stemmer_name
        Name of nltk's Snowball stemmer for the language, or None.
    adverb_pattern
        Regular expression of a word that is an adverb by its form (``\\w+ly``), folded text.
    participle_agreement
        Regular expression appended to a participle for gender/number agreement.
    inversion_marker
        Text that every inverted pronoun cue contains ("-" in French: ``a-t-il dit``).
    """

    code: str = "und"
    name: str = "undetermined"
    stemmer_name: str | None = None
    adverb_pattern: str = r"(?!x)x"
    participle_agreement: str = ""
    inversion_marker: str = ""
    #: Words are written without spaces between them (Chinese, Khmer): the stages then ask
    #: the language for sentences (:meth:`sentence_spans`), words (:meth:`span_tokenize`),
    #: a matching form (:meth:`match_form`) and boundaries (:meth:`is_boundary`), and the
    #: attribution stage uses its cue analysis for unspaced languages.
    unspaced: bool = False

    @property
    def folder(self) -> Path:
        return Path(str(resources.files("discourse") / "lang" / self.code))

    def data(self, name: str) -> dict[str, Any]:
        """The language's part of its data file ``<name>.yml`` ({} when there is none).

        Examples
        --------
        >>> from discourse.lang import get_language
        >>> get_language("en").data("negation")["window"]
        3
        """
        return self._data_file(name).get(self.code) or {}

    def _data_file(self, name: str) -> dict[str, Any]:
        cache = self.__dict__.setdefault("_files", {})
        if name not in cache:
            path = self.folder / f"{name}.yml"
            cache[name] = (yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
                           if path.is_file() else {}) or {}
        return cache[name]

    def data_path(self, name: str) -> Path:
        """Path of the data file ``<name>.yml`` of this language (it may not exist)."""
        return self.folder / f"{name}.yml"

    @cached_property
    def abbreviations(self) -> dict[str, frozenset[str]]:
        """Abbreviation groups of the sentence splitter (see ``abbreviations.yml``)."""
        raw = self.data("abbreviations")
        return {g: frozenset(str(a) if g in _CASE_SENSITIVE else str(a).lower()
                             for a in raw.get(g) or []) for g in ABBREVIATION_GROUPS}

    @cached_property
    def stop_words(self) -> frozenset[str]:
        """Stop words: the folder's ``stopwords.yml`` when it has one, else stopwordsiso's
        list for the language (empty if it has none)."""
        own = self.data("stopwords").get("words")
        if own:
            return frozenset(str(w).lower() for w in own)
        import stopwordsiso  # a data package: loaded on first use only

        if not stopwordsiso.has_lang(self.code):
            return frozenset()
        return frozenset(w.lower() for w in stopwordsiso.stopwords(self.code))

    def stemmer(self) -> Callable[[str], str] | None:
        """nltk's Snowball stemmer's ``stem`` for the language, or None."""
        if not self.stemmer_name:
            return None
        from nltk.stem.snowball import SnowballStemmer

        return SnowballStemmer(self.stemmer_name).stem

    def token_pattern(self) -> str:
        """Regular expression of a word token (acronyms, numbers, words)."""
        # Every token starts with a letter or digit: the lookahead rejects other positions.
        return rf"(?={_ALNUM})(?:{ACRONYM}|{NUMBER}|{WORD})"

    def token_count_pattern(self) -> str | None:
        """An RE2 expression with as many matches as :meth:`token_pattern` in any text of
        :data:`discourse.lang.counting.SAFE` characters (for counting in bulk), or None."""
        if type(self).token_pattern is not Language.token_pattern or self.unspaced:
            return None                   # a language with its own tokens: counted in Python
        return base_count_pattern()

    def span_tokenize(self, text: str, start: int = 0, end: int | None = None, *,
                      terms: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
        """``(start, end)`` offsets into ``text`` of the word tokens of ``text[start:end]``.

        The default finds :meth:`token_pattern` (``terms`` unused); an unspaced language
        segments words (a dictionary or a model) and keeps ``terms`` (names of the actors
        file, phrases of the codebook) whole, besides its folder's own ``lexicon.yml``.

        Examples
        --------
        >>> Language().span_tokenize("Both sides agreed.", 5)
        [(5, 10), (11, 17)]
        """
        rx = _compiled_pattern(self.token_pattern())
        return [m.span() for m in rx.finditer(text, start, len(text) if end is None else end)]

    def sentence_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]] | None:
        """Sentences of ``text[start:end]`` (offsets into ``text``), or None: the splitter's
        own rules (``.``, ``!``, ``?`` with the abbreviation lists) apply."""
        return None

    def match_form(self, text: str) -> str:
        """A copy of ``text`` of the same length for matching (Traditional characters as
        Simplified, spelling variants unified); the default is ``text`` itself.

        Examples
        --------
        >>> Language().match_form("Cooperation")
        'Cooperation'
        """
        return text

    def romanize(self, name: str, *, native: bool = False, side: str | None = None) -> str:
        """An ASCII-safe id for a name written in the language's script (a speaker outside
        the actors file); languages written in Latin letters keep the name (the speakers
        stage makes its slug). ``native``: the name is written in the script of the
        person's own language (a Chinese official in Chinese), so its usual Latin spelling
        can be given; ``side``: the person's country, when the language writes names of
        that country by their own readings (Vietnamese names in Chinese characters).

        Examples
        --------
        >>> Language().romanize("Chea Thyrith")
        'Chea Thyrith'
        """
        return name

    def is_boundary(self, text: str, pos: int) -> bool:
        """Whether a word may start or end at ``pos`` of ``text`` (a match's edge)."""
        if pos <= 0 or pos >= len(text):
            return True
        return not (text[pos - 1].isalnum() and text[pos].isalnum())

    def conjugate(self, verb: str) -> dict[str, list[str]]:
        """Forms of a regular verb by role: participle, finite, gerund (folded text).

        Raises ``ValueError`` when the verb is not regular (its forms must then be given).
        """
        raise ValueError(verb)

    def inverted_cue(self, p: CuePieces) -> str:
        """Regular expression of a cue after the content with a pronoun ("..., he said")."""
        return rf"{p.start}(?:(?P<pl>{p.plur})|{p.pron})(?:\s+{p.adv}){{0,3}}\s+{p.vp_of(p.rv)}"

    def past_verb(self, p: CuePieces) -> str:
        """Regular expression of a finite past verb of any kind (joint act detection)."""
        return rf"(?:{p.aux}|{p.paux})(?:\s+{p.adv}){{0,3}}\s+\w+{p.end}"

    def __repr__(self) -> str:
        return f"<Language {self.code} ({self.name})>"


@lru_cache(maxsize=16)
def _compiled_pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def compile_words(words, flags: int = re.IGNORECASE) -> re.Pattern:
    """A whole-word alternation of ``words``, longest first."""
    alts = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts or [r"(?!x)x"]) + r")(?!\w)", flags)
