"""Cue words of speaker attribution: reporting verbs and their forms, per language.

The words live in each language's ``discourse/lang/<code>/cues.yml`` (data, not code). This
module reads them, has the language conjugate the regular verbs by rule (French ``-er``
verbs: *a déclaré, déclare, déclarait, déclarera, déclarerait, déclarant*; English regular
verbs: *noted, notes, noting*; :mod:`discourse.speakers.verb_forms`) and compiles the
regular expressions used by :mod:`discourse.speakers.attribution` into one
:class:`CueRules` per language. Every pattern works on the case- and accent-folded working
copy of a statement (:func:`discourse.speakers.phrases.fold`).

Examples
--------
>>> from discourse.speakers.cues import read_cue_rules
>>> fr = read_cue_rules()["fr"]
>>> bool(fr.vp.match("a également souligne que"))
True
>>> bool(fr.vp.match("s'est dit pret"))
True
>>> bool(read_cue_rules()["en"].vp.match("has also called for"))
True
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import ParameterError
from ..lang import get_language, supported_languages, union_words
from ..lang.base import YAML_LOADER, CuePieces
from .cue_spec import (_B, _W, DEMONYM, _country_pattern, _Grammar, _lead, _present_verb,
                       _read_spec, _Spec, _subject_verb)
from .phrases import alternation as _alt
from .phrases import fold, fold_pattern, phrase_alternation, word_alternation, word_demonym
from .prefilter import Literals, gate

__all__ = ["CueRules", "read_cue_rules", "compile_cue_rules", "side_in", "GLUE_WORDS",
           "DEMONYM"]

@dataclass(frozen=True)
class CueRules:
    """Compiled cue patterns of one language (all on the folded working copy).

    Attributes
    ----------
    lang
        Language code.
    vp
        A reporting verb phrase at a position (``a déclaré``, ``s'est dit``, ``said``).
    scene_vp
        A scene-setting verb phrase (``s'est entretenu``, ``met``, ``held talks``).
    gerund
        A reporting gerund (``ajoutant``, ``adding``).
    inv_pronoun
        An inverted cue with a pronoun (``a-t-il déclaré``, ``ajoute-t-elle``); group ``pl``
        is set for a plural pronoun (``ont-ils``).
    link
        What may stand between a subject and its verb (apposition, parenthesis, adverbs).
    pronouns, plural_pronouns, joint, according_to, opener
        Patterns of those word classes (whole words).
    modal
        A modal word after a joint subject (reported content, not a joint act).
    markers, background, dateline
        Narrator patterns (captions, credits; background facts; dateline prefix).
    speech
        Marks of reported content (future, modal, willingness, first person) that let a
        statement with no cue continue the previous speaker.
    title_words, not_names, stop_words
        Folded single words of titles, words that never start a person's name, and both.
    inv_needs
        Text that every match of ``inv_pronoun`` contains ("-" in French), to skip the
        search in a statement without it ("" if none).
    descriptor_words
        The title words that a ``descriptor`` match may hold as a word (:func:`_body_words`):
        a statement without any of them has no description of a person.
    descriptor
        A description of a person by title words and demonyms ("le ministre", "the Thai
        Prime Minister of Tourism"), with groups ``art``, ``body`` and ``tail``.
    past_verb
        A finite past verb of any kind (a joint subject + past verb is a joint act).
    lead
        A participle after a comma (group ``g``) that gives a meeting sentence's content:
        "X met Y, saying that ..." is X's statement.
    subject_verb
        The finite verb of a person subject, whatever it is (a past form, an auxiliary
        with a participle, an irregular past, "is ready"): the statement is that person's
        unless the verb is one of the narrator's (meeting, travel, ceremony).
    meeting_vp
        A meeting verb phrase after a subject (``ont tenu des entretiens``, ``held talks``):
        with a joint subject it is scene-setting.
    function_words
        Folded articles, prepositions, conjunctions and pronouns: dropped at the start of a
        sentence, part of a name inside a capitalised run ("Or Vandine").
    place_before
        Matches a place preposition at the end of a text ("À", "in "): a capitalised name
        right after it, with no title, is a place.
    title_preps
        Folded words that may join a title to a place before a name ("Ambassador to
        Cambodia X").
    gender_words
        Gender ('f', 'm') -> pattern of the words that show it in a title or apposition.
    near_name_pronouns
        Gender -> pattern of the pronouns that tell the gender of a sentence's subject
        named just before them ("her").
    pronoun_gender
        Folded subject pronoun -> gender ("elle" -> "f").
    description_heads
        Folded general noun of a description -> folded title words it covers.
    shared_vp
        A verb of a group's shared speech or stance (``agreed``, ``se sont engagés``): a
        group subject with it is a joint statement even inside a speaker's paragraph.
    lead_relative
        A relative clause of a meeting with a pronoun and a reporting verb ("X met Y, during
        which he said"): the meeting sentence is X's statement.
    relay_vp
        A verb that passes on words ("said", "told", "a dit") after a person named inside a
        sentence: "A told reporters that B said ..." is B's (words passed on by A).
    quoted_as
        What follows a person quoted by a text ("The post quoted X as saying").
    event_vp
        A verb of an event, a career or a movement after a subject (``stayed``, ``ruled``,
        ``a séjourné``): a person subject with it is narration, not a statement.
    demonyms, country_names
        Patterns of the words that tell a country ("chinois", "Vietnamese"; "de Chine",
        "Cambodia's"), whose group name is the ISO code (see :func:`side_in`).
    """

    lang: str
    vp: re.Pattern
    scene_vp: re.Pattern
    gerund: re.Pattern
    inv_pronoun: re.Pattern
    link: re.Pattern
    link_vp: re.Pattern
    link_scene: re.Pattern
    travel_vp: re.Pattern
    pronouns: re.Pattern
    plural_pronouns: re.Pattern
    joint: re.Pattern
    coordinators: re.Pattern
    according_to: re.Pattern
    according_before: re.Pattern
    inv_named: re.Pattern
    opener: re.Pattern
    modal: re.Pattern
    markers: re.Pattern
    background: re.Pattern
    dateline: re.Pattern
    past_verb: re.Pattern
    subject_verb: re.Pattern
    lead: re.Pattern
    speech: re.Pattern
    title_words: frozenset
    not_names: frozenset
    stop_words: frozenset
    descriptor: re.Pattern
    meeting_vp: re.Pattern
    function_words: frozenset
    place_before: re.Pattern
    title_preps: frozenset
    gender_words: dict
    near_name_pronouns: dict
    pronoun_gender: dict
    description_heads: dict
    demonyms: re.Pattern | None = None
    country_names: re.Pattern | None = None
    inv_needs: str = ""
    descriptor_words: Literals | None = None
    shared_vp: re.Pattern | None = None
    event_vp: re.Pattern | None = None
    lead_relative: re.Pattern | None = None
    relay_vp: re.Pattern | None = None
    quoted_as: re.Pattern | None = None
    present_verb: re.Pattern | None = None   # a person subject's verb in the present tense


#: Function words that never carry a title (ignored when comparing title words), folded:
#: every language's ``glue_words``.
GLUE_WORDS = frozenset(fold(w) for w in union_words("glue_words"))


def _verb_patterns(words: _Spec, g: _Grammar, pieces: CuePieces) -> dict:
    """The reporting, scene and travel verb phrases (compiled)."""
    rv, vp_of, link = words.verbs["rv"], g.vp_of, g.link
    return dict(
        vp=re.compile(vp_of(rv)),
        scene_vp=re.compile(vp_of(words.verbs["sv"])),
        gerund=re.compile(rf"{_B}(?:{_alt(rv['gerund'] | rv['pron_gerund'])}){_W}"),
        inv_pronoun=gate(re.compile(g.language.inverted_cue(pieces))),
        link=re.compile(link),
        link_vp=re.compile(rf"{link}(?P<vp>{vp_of(rv)})"),
        link_scene=re.compile(rf"{link}(?P<vp>{vp_of(words.verbs['sv'])})"),
        travel_vp=re.compile(rf"{link}(?P<vp>{vp_of(words.verbs['tv'])})"),
        shared_vp=re.compile(rf"{_B}{vp_of(words.verbs['jv'])}"),
        lead_relative=re.compile(
            rf"{_B}{_alt(words.get('lead_relatives'))}\s+{_alt(words.get('pronouns'))}"
            rf"(?:\s+{g.adv})*\s+(?P<vp>{vp_of(rv)})"),
        event_vp=re.compile(rf"{link}(?P<vp>{vp_of(words.verbs['ev'])})"),
        relay_vp=re.compile(rf"{link}(?P<vp>{vp_of(words.verbs['sv2'])})"),
        quoted_as=re.compile(rf"\s+{_alt(words.get('quoted_tails'))}{_W}"),
    )


def _subject_patterns(words: _Spec, g: _Grammar, pieces: CuePieces) -> dict:
    """Subjects, openers and the narrator's marks (compiled)."""
    get = words.get
    markers = [fold_pattern(m) for m in get("narrator_markers")] or [r"(?!x)x"]
    background = [fold_pattern(b) for b in get("background")] or [r"(?!x)x"]
    speech = [fold_pattern(b) for b in get("speech_markers")]
    return dict(
        pronouns=re.compile(rf"{word_alternation(get('pronouns'))}{_W}"),   # = _B + pron
        plural_pronouns=gate(re.compile(rf"{word_alternation(get('plural_pronouns'))}{_W}")),
        joint=gate(re.compile(rf"{word_alternation(get('joint_subjects'))}{_W}")),
        coordinators=re.compile(rf"\s*,?\s+{_alt(get('coordinators'))}\s+"),
        according_to=re.compile(rf"{_B}{_alt(get('according_to'))}\s+"),
        according_before=re.compile(rf"{_B}{_alt(get('according_to'))}\s+$"),
        inv_named=re.compile(rf"(?:[,»\"]|^)\s*(?P<vp>{g.vp_of(words.verbs['rv_inv'])})"
                             rf"(?:\s+{g.adv}){{0,3}}\s+$"),
        speech=gate(re.compile("|".join(f"(?:{m})" for m in speech) or r"(?!x)x",
                               re.IGNORECASE)),
        opener=re.compile(rf"^\W*(?:{_alt(get('openers'))}{_W}|[\w'-]+(?:ant|ing){_W})"),
        modal=re.compile(rf"{_alt(get('modal_content'))}{_W}"),
        markers=gate(re.compile("|".join(f"(?:{m})" for m in markers), re.IGNORECASE)),
        background=gate(re.compile("|".join(f"(?:{b})" for b in background), re.IGNORECASE)),
        dateline=re.compile(words.spec.get("dateline") or r"(?!x)x"),
        past_verb=re.compile(g.language.past_verb(pieces)),
        subject_verb=re.compile(_subject_verb(words, g, pieces)),
        present_verb=re.compile(_present_verb(words)) if _present_verb(words) else None,
        lead=re.compile(_lead(words)),
    )


def _name_patterns(words: _Spec, g: _Grammar) -> dict:
    """Titles, names, descriptions and genders (compiled)."""
    function_words = words.words("function_words")
    title_words = words.words("name_titles")
    not_names = words.words("not_names") | function_words
    genders = words.genders
    return dict(
        title_words=title_words,
        not_names=not_names,
        stop_words=title_words | not_names,
        descriptor=_descriptor(title_words),
        descriptor_words=Literals(_body_words(title_words)),
        meeting_vp=re.compile(rf"{g.link}(?P<vp>{g.vp_of(words.verbs['mv'])})"),
        function_words=function_words,
        place_before=re.compile(rf"{_B}{_alt(words.get('place_prepositions'))}\s*$"),
        title_preps=words.words("title_prepositions"),
        gender_words={gd: re.compile(rf"{_B}{_alt(ws)}(?![\w'-])") for gd, ws in
                      genders["words"].items()},
        near_name_pronouns={gd: re.compile(rf"{_B}{_alt(ws)}{_W}") for gd, ws in
                            genders["near_name"].items() if ws},
        pronoun_gender={fold(w).strip(): gd for gd, ws in genders["pronouns"].items()
                        for w in ws},
        description_heads={
            fold(str(k)).strip(): frozenset(w for x in (v or []) for w in
                                            fold(str(x)).replace("'", " ").split())
            for k, v in words.heads.items()},
        inv_needs=g.language.inversion_marker,
        demonyms=_country_pattern(words.spec.get("demonyms"), "demonyms"),
        country_names=_country_pattern(words.spec.get("country_names"), "country_names"),
    )


def side_in(folded: str, rules: CueRules) -> str | None:
    """The country that a folded title or description tells, or None.

    The first adjective of nationality wins ("the Chinese ambassador to Cambodia": CN),
    else the first country name ("l'ambassadeur de Chine au Cambodge": CN).

    Examples
    --------
    >>> side_in("the vietnamese prime minister", read_cue_rules()["en"])
    'VN'
    >>> side_in("l'ambassadeur de chine au cambodge", read_cue_rules()["fr"])
    'CN'
    """
    for rx in (rules.demonyms, rules.country_names):
        if rx is not None:
            m = rx.search(folded)
            if m:
                return m.lastgroup
    return None


def compile_cue_rules(lang: str, spec: dict, where: str) -> CueRules:
    """Check one language's cue words and compile them into :class:`CueRules`.

    Parameters
    ----------
    lang
        Language code (its :class:`~discourse.lang.base.Language` conjugates and combines).
    spec
        The language's cue words (the layout of ``discourse/lang/<code>/cues.yml``).
    where
        Where the words come from, for the error messages.

    Raises
    ------
    ParameterError
        If a key is unknown, a verb or a word list is malformed, or a pattern does not compile.

    Examples
    --------
    >>> rules = compile_cue_rules("en", {"reporting_verbs": ["note"]}, "mine")
    >>> bool(rules.vp.match("noted"))
    True
    """
    words = _read_spec(lang, spec, where)
    grammar = _Grammar(lang, words)
    pieces = grammar.pieces(words)
    try:
        return CueRules(lang=lang, **_verb_patterns(words, grammar, pieces),
                        **_subject_patterns(words, grammar, pieces),
                        **_name_patterns(words, grammar))
    except re.error as err:
        raise ParameterError(f"{where}: a pattern does not compile: {err}") from None


_ARTICLES = "(?:" + "|".join(union_words("articles")) + ")"
_OF = "(?:" + "|".join(union_words("of_words")) + ")"
_DEFINITE = "(?:" + "|".join(w if w.endswith("'") else w + r"\s+"
                             for w in union_words("definite_articles")) + ")"


def _body_words(title_words: frozenset) -> frozenset:
    """The title words that can be a word of a :func:`_descriptor` match's body.

    A body is made of title words of two letters or more that are not glue words, and
    demonyms, joined by blanks or hyphens; a description of a person holds a title word as a
    word of its body (:func:`discourse.speakers.descriptions.find_descriptors`), so one of
    these words is in the text wherever there is one.
    """
    parts = {p for w in title_words if w not in GLUE_WORDS and len(w) > 1
             for p in w.replace("-", " ").split()}
    return frozenset(w for w in title_words if w in parts or re.fullmatch(DEMONYM, w))


#: DEMONYM where no letter follows it (a description's words: phrases.word_demonym).
_DEMONYM_WORD = DEMONYM.replace(r"[a-z]+(?:" + "|".join(union_words("demonym_suffixes")) + ")",
                                word_demonym(union_words("demonym_suffixes")))


def _descriptor(title_words: frozenset) -> re.Pattern:
    """A description of a person: an article, title words and demonyms, "of X"."""
    tw = phrase_alternation(w for w in title_words if w not in GLUE_WORDS and len(w) > 1)
    word = rf"(?:{tw}|{_DEMONYM_WORD})"   # (a word is always followed by no letter)
    return re.compile(
        rf"(?<![\w'-])(?P<art>{_ARTICLES}\s*)?"
        rf"(?P<body>{word}(?:[\s-]+{word}){{0,6}})"
        rf"(?P<tail>\s+{_OF}\s+{_DEFINITE}?[\w-]+(?:\s+{word}){{0,2}})?(?![\w'-])"
    )


@lru_cache(maxsize=8)
def _load(path: str) -> dict[str, CueRules]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=YAML_LOADER)
    if not isinstance(data, dict) or not data:
        raise ParameterError(f"{path}: expected a mapping language -> cue words")
    return {lang: compile_cue_rules(lang, spec or {}, f"{path}: {lang}")
            for lang, spec in data.items()}


@lru_cache(maxsize=1)
def _load_default() -> dict[str, CueRules]:
    out = {}
    for code in supported_languages():
        language = get_language(code)
        spec = language.data("cues")
        if spec:
            out[code] = compile_cue_rules(code, spec, f"{language.data_path('cues')}: {code}")
    return out


def read_cue_rules(path: str | os.PathLike | None = None) -> dict[str, CueRules]:
    """Read a cue-word file and compile it, per language (cached).

    Parameters
    ----------
    path
        A YAML file mapping language codes to cue words, with the layout of
        ``discourse/lang/<code>/cues.yml``; None for every language's packaged file.

    Returns
    -------
    dict
        Language code -> :class:`CueRules`.

    Examples
    --------
    >>> sorted(read_cue_rules())
    ['en', 'fr']
    """
    return _load_default() if path is None else _load(str(Path(path)))
