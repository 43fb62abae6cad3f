"""Cue words of speaker attribution: reporting verbs and their forms, per language.

The words live in each language's ``discourse/lang/<code>/cues.yml`` (data, not code). This
module reads them, has the language conjugate the regular verbs by rule (French ``-er``
verbs: *a déclaré, déclare, déclarait, déclarera, déclarerait, déclarant*; English regular
verbs: *noted, notes, noting*; see :meth:`discourse.lang.base.Language.conjugate`) and compiles the regular expressions used by :mod:`discourse.speakers.attribution`. Every
pattern works on the case- and accent-folded working copy of a statement.

Examples
--------
>>> from discourse.speakers.cues import load_cue_rules
>>> fr = load_cue_rules()["fr"]
>>> bool(fr.vp.match("a également souligne que"))
True
>>> bool(fr.vp.match("s'est dit pret"))
True
>>> bool(load_cue_rules()["en"].vp.match("has also called for"))
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
from ..text.normalize import normalize_text

__all__ = ["CueRules", "load_cue_rules", "fold", "phrase_alternation", "GLUE_WORDS", "DEMONYM"]

_LIST_KEYS = (
    "auxiliaries", "pronominal_auxiliaries", "adverbs", "pronouns", "plural_pronouns",
    "joint_subjects", "coordinators", "openers", "according_to", "modal_content",
    "name_titles", "not_names", "narrator_markers", "continuation", "background",
    "function_words", "place_prepositions", "title_prepositions",
    # grammar words (see discourse/lang/<code>/cues.yml)
    "glue_words", "articles", "definite_articles", "indefinite_articles", "of_words",
    "and_words", "conjunctions", "apposition_links", "complementizers", "relative_pronouns",
    "former_words", "elided_articles", "demonym_suffixes",
)
_KEYS = set(_LIST_KEYS) | {"reporting_verbs", "scene_verbs", "dateline", "addressee_verbs",
                           "speech_markers", "travel_verbs", "meeting_verbs", "gender_words",
                           "gender_pronouns", "near_name_pronouns", "description_heads"}
_GENDERS = ("f", "m")


def fold(text: str) -> str:
    """Case- and accent-folded copy, same length as ``text`` when it is in NFC.

    Examples
    --------
    >>> fold("Déclaré’")
    "declare'"
    """
    return normalize_text(text, fold_accents=True).norm


_PRONOMINAL = re.compile(r"^(?:se |s')")


def _verb_forms(entries, lang: str, where: str) -> dict[str, set[str]]:
    """Collect forms by role; pronominal verbs go to the ``pron_*`` roles."""
    out: dict[str, set[str]] = {k: set() for k in (
        "participle", "finite", "gerund", "pron_participle", "pron_finite", "pron_gerund")}
    for k, entry in enumerate(entries or [], 1):
        if isinstance(entry, str):
            lemma = fold(entry).strip()
            pronominal = bool(_PRONOMINAL.match(lemma))
            bare = _PRONOMINAL.sub("", lemma)
            try:
                forms = get_language(lang, strict=False).conjugate(bare)
            except ValueError:
                raise ParameterError(
                    f"{where} entry {k}: {entry!r} is not a regular verb; give its forms: "
                    "{lemma: ..., participle: [...], finite: [...], gerund: [...]}") from None
        elif isinstance(entry, dict) and "lemma" in entry:
            lemma = fold(str(entry["lemma"])).strip()
            pronominal = bool(_PRONOMINAL.match(lemma))
            forms = {r: [fold(str(f)).strip() for f in entry.get(r) or []]
                     for r in ("participle", "finite", "gerund")}
        else:
            raise ParameterError(f"{where} entry {k}: expected a verb or a mapping with "
                                 f"lemma, participle, finite, gerund; got {entry!r}")
        for role, values in forms.items():
            out[("pron_" if pronominal else "") + role].update(v for v in values if v)
    return out


def phrase_alternation(phrases) -> str:
    """Regular expression matching any of ``phrases``, the longest first (a trie).

    A space in a phrase matches any run of blanks. The expression is a prefix tree
    ("a(?:vait|urait)?"): at a given position the regex engine tries the same phrases in the
    same order as a plain alternation sorted longest first, but in a time that does not
    grow with the number of phrases. Phrases are used as they are (fold them first).

    Examples
    --------
    >>> phrase_alternation(["a", "avait", "ont"])
    '(?:a(?:vait)?|ont)'
    >>> bool(re.fullmatch(phrase_alternation(["fait part", "fait"]), "fait   part"))
    True
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        if not phrase:
            continue
        for ch in re.sub(r"\s+", " ", phrase):
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return r"(?!x)x"
    return _emit(trie, top=True)


def _emit(node: dict, top: bool = False) -> str:
    alts = [(r"\s+" if ch == " " else re.escape(ch)) + _emit(child)
            for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    optional = "?" if "" in node else ""
    if len(alts) == 1 and not top and (not optional or len(alts[0]) == 1 or (
            len(alts[0]) == 2 and alts[0][0] == "\\")):
        return alts[0] + optional     # one character (or a whole tail): no group needed
    return "(?:" + "|".join(alts) + ")" + optional


def _alt(words) -> str:
    """Regex alternation of folded phrases, longest first, spaces matching any blank run."""
    return phrase_alternation({fold(w).strip() for w in words if str(w).strip()})


def _fold_rx(pattern: str) -> str:
    """Remove the accents of a regular expression's letters (its escapes stay as they are)."""
    return normalize_text(pattern, lower=False, fold_accents=True).norm


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
    descriptor
        A description of a person by title words and demonyms ("le ministre", "the Thai
        Prime Minister of Tourism"), with groups ``art``, ``body`` and ``tail``.
    past_verb
        A finite past verb of any kind (a joint subject + past verb is a joint act).
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
    inv_needs: str = ""


#: Function words that never carry a title (ignored when comparing title words), folded:
#: every language's ``glue_words``.
GLUE_WORDS = frozenset(fold(w) for w in union_words("glue_words"))
#: A demonym ("cambodgien", "thaïlandaise", "Chinese"), folded: every language's suffixes.
DEMONYM = r"[a-z]+(?:" + "|".join(union_words("demonym_suffixes")) + ")"
_W = r"(?![\w-])"   # end of a word (a hyphen continues it: a-t-il)
_B = r"(?<![\w'-])"  # start of a word


def _compile(lang: str, spec: dict, where: str) -> CueRules:
    unknown = sorted(set(spec) - _KEYS)
    if unknown:
        raise ParameterError(f"{where}: unknown key(s) {', '.join(unknown)}; valid keys: "
                             f"{', '.join(sorted(_KEYS))}")
    get = lambda k: [str(x) for x in (spec.get(k) or [])]  # noqa: E731
    rv = _verb_forms(spec.get("reporting_verbs"), lang, f"{where}.reporting_verbs")
    sv = _verb_forms(spec.get("scene_verbs"), lang, f"{where}.scene_verbs")
    tv = _verb_forms(spec.get("travel_verbs"), lang, f"{where}.travel_verbs")
    mv = _verb_forms(spec.get("meeting_verbs"), lang, f"{where}.meeting_verbs")
    gender_words = _by_gender(spec.get("gender_words"), f"{where}.gender_words")
    gender_pronouns = _by_gender(spec.get("gender_pronouns"), f"{where}.gender_pronouns")
    near_name = _by_gender(spec.get("near_name_pronouns"), f"{where}.near_name_pronouns")
    heads = spec.get("description_heads") or {}
    if not isinstance(heads, dict):
        raise ParameterError(f"{where}.description_heads: expected a mapping noun -> list of "
                             f"title words, got {type(heads).__name__}")
    addressee = _verb_forms(spec.get("addressee_verbs"), lang, f"{where}.addressee_verbs")
    rv_inv = {role: forms - addressee[role] for role, forms in rv.items()}
    language = get_language(lang, strict=False)
    adv = f"(?:{_alt(get('adverbs'))}|{language.adverb_pattern})"
    aux = _alt(get("auxiliaries"))
    paux = _alt(get("pronominal_auxiliaries"))
    agree = language.participle_agreement
    refl = r"(?:se\s+|s')"

    def vp_of(forms):
        parts = [
            rf"{aux}(?:\s*,[^,]{{1,40}},|\s+{adv}){{0,3}}\s+{_alt(forms['participle'])}{agree}",
            rf"{paux}(?:\s+{adv}){{0,3}}\s+{_alt(forms['pron_participle'])}{agree}",
            rf"{refl}{_alt(forms['pron_finite'])}",
            rf"{_alt(forms['finite'])}",
        ]
        return "(?:" + "|".join(parts) + f"){_W}"

    pron = _alt(get("pronouns"))
    plur = _alt(get("plural_pronouns"))
    pieces = CuePieces(aux=aux, paux=paux, pron=pron, plur=plur, adv=adv, agree=agree, end=_W,
                       rv=rv, sv=sv, alt=_alt, vp_of=vp_of)
    inv = language.inverted_cue(pieces)
    link = (rf"(?:\s*\([^()]{{0,80}}\))?(?:\s*,(?:[^,;:«»\"]{{1,200}}?,){{1,2}}|\s*,)?"
            rf"(?:\s+{adv})*\s*")
    past = language.past_verb(pieces)
    dateline = spec.get("dateline") or r"(?!x)x"
    markers = [_fold_rx(m) for m in get("narrator_markers")] or [r"(?!x)x"]
    background = [_fold_rx(b) for b in get("background")] or [r"(?!x)x"]
    speech = [_fold_rx(b) for b in get("speech_markers")]
    words = lambda k: frozenset(w for p in get(k) for w in fold(p).split())  # noqa: E731
    function_words = words("function_words")
    title_words, not_names = words("name_titles"), words("not_names") | function_words
    try:
        return CueRules(
            lang=lang,
            vp=re.compile(vp_of(rv)),
            scene_vp=re.compile(vp_of(sv)),
            gerund=re.compile(rf"{_B}(?:{_alt(rv['gerund'] | rv['pron_gerund'])}){_W}"),
            inv_pronoun=re.compile(inv),
            link=re.compile(link),
            link_vp=re.compile(rf"{link}(?P<vp>{vp_of(rv)})"),
            link_scene=re.compile(rf"{link}(?P<vp>{vp_of(sv)})"),
            travel_vp=re.compile(rf"{link}(?P<vp>{vp_of(tv)})"),
            pronouns=re.compile(rf"{_B}{pron}{_W}"),
            plural_pronouns=re.compile(rf"{_B}{plur}{_W}"),
            joint=re.compile(rf"{_B}{_alt(get('joint_subjects'))}{_W}"),
            coordinators=re.compile(rf"\s*,?\s+{_alt(get('coordinators'))}\s+"),
            according_to=re.compile(rf"{_B}{_alt(get('according_to'))}\s+"),
            according_before=re.compile(rf"{_B}{_alt(get('according_to'))}\s+$"),
            inv_named=re.compile(rf"(?:[,»\"]|^)\s*(?P<vp>{vp_of(rv_inv)})\s+$"),
            speech=re.compile("|".join(f"(?:{m})" for m in speech) or r"(?!x)x", re.IGNORECASE),
            opener=re.compile(rf"^\W*(?:{_alt(get('openers'))}{_W}|[\w'-]+(?:ant|ing){_W})"),
            modal=re.compile(rf"{_alt(get('modal_content'))}{_W}"),
            markers=re.compile("|".join(f"(?:{m})" for m in markers), re.IGNORECASE),
            background=re.compile("|".join(f"(?:{b})" for b in background), re.IGNORECASE),
            dateline=re.compile(dateline),
            past_verb=re.compile(past),
            title_words=title_words,
            not_names=not_names,
            stop_words=title_words | not_names,
            descriptor=_descriptor(title_words),
            meeting_vp=re.compile(rf"{link}(?P<vp>{vp_of(mv)})"),
            function_words=function_words,
            place_before=re.compile(rf"{_B}{_alt(get('place_prepositions'))}\s*$"),
            title_preps=words("title_prepositions"),
            gender_words={g: re.compile(rf"{_B}{_alt(ws)}(?![\w'-])") for g, ws in
                          gender_words.items()},
            near_name_pronouns={g: re.compile(rf"{_B}{_alt(ws)}{_W}") for g, ws in
                                near_name.items() if ws},
            pronoun_gender={fold(w).strip(): g for g, ws in gender_pronouns.items()
                            for w in ws},
            description_heads={
                fold(str(k)).strip(): frozenset(w for x in (v or []) for w in
                                                fold(str(x)).replace("'", " ").split())
                for k, v in heads.items()},
            inv_needs=language.inversion_marker,
        )
    except re.error as err:
        raise ParameterError(f"{where}: a pattern does not compile: {err}") from None


def _by_gender(value, where: str) -> dict[str, list[str]]:
    """A {f: [...], m: [...]} mapping of words, checked."""
    if value is None:
        return {g: [] for g in _GENDERS}
    if not isinstance(value, dict) or set(map(str, value)) - set(_GENDERS):
        raise ParameterError(f"{where}: expected a mapping with keys f and m (lists of "
                             f"words), got {value!r}")
    return {g: [str(w) for w in (value.get(g) or [])] for g in _GENDERS}


_ARTICLES = "(?:" + "|".join(union_words("articles")) + ")"
_OF = "(?:" + "|".join(union_words("of_words")) + ")"
_DEFINITE = "(?:" + "|".join(w if w.endswith("'") else w + r"\s+"
                             for w in union_words("definite_articles")) + ")"


def _descriptor(title_words: frozenset) -> re.Pattern:
    """A description of a person: an article, title words and demonyms, "of X"."""
    tw = phrase_alternation(w for w in title_words if w not in GLUE_WORDS and len(w) > 1)
    word = rf"(?:{tw}|{DEMONYM})"
    return re.compile(
        rf"(?<![\w'-])(?P<art>{_ARTICLES}\s*)?"
        rf"(?P<body>{word}(?:[\s-]+{word}){{0,6}})"
        rf"(?P<tail>\s+{_OF}\s+{_DEFINITE}?[\w-]+)?(?![\w'-])"
    )


@lru_cache(maxsize=8)
def _load(path: str) -> dict[str, CueRules]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=YAML_LOADER)
    if not isinstance(data, dict) or not data:
        raise ParameterError(f"{path}: expected a mapping language -> cue words")
    return {lang: _compile(lang, spec or {}, f"{path}: {lang}") for lang, spec in data.items()}


@lru_cache(maxsize=1)
def _load_default() -> dict[str, CueRules]:
    out = {}
    for code in supported_languages():
        language = get_language(code)
        spec = language.data("cues")
        if spec:
            out[code] = _compile(code, spec, f"{language.data_path('cues')}: {code}")
    return out


def load_cue_rules(path: str | os.PathLike | None = None) -> dict[str, CueRules]:
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
    >>> sorted(load_cue_rules())
    ['en', 'fr']
    """
    return _load_default() if path is None else _load(str(Path(path)))
