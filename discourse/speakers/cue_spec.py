"""The checked content of a cue-word file and the building blocks of its patterns.

Used by :mod:`discourse.speakers.cues`, which compiles one language's cue words into
:class:`~discourse.speakers.cues.CueRules`: :func:`_read_spec` checks the keys and collects
the verbs' forms, :class:`_Grammar` builds verb phrases (auxiliary + participle, pronominal,
finite), and the subject rule's patterns are made here (the finite verb of a person subject,
a lead sentence's participle, the country words of a title).

Examples
--------
>>> spec = _read_spec("en", {"reporting_verbs": ["note"]}, "mine")
>>> sorted(spec.verbs["rv"]["finite"])[:2]
['noted', 'notes']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParameterError
from ..lang import get_language, supported_languages, union_words
from ..lang.base import CuePieces
from .phrases import alternation as _alt
from .phrases import fold, phrase_alternation
from .starts import StartGated, alternation_gate
from .verb_forms import gendered_words, verb_forms

__all__ = ["KEYS", "LIST_KEYS", "DEMONYM"]

_LIST_KEYS = (
    "auxiliaries", "pronominal_auxiliaries", "adverbs", "pronouns", "plural_pronouns",
    "joint_subjects", "coordinators", "openers", "according_to", "modal_content",
    "name_titles", "not_names", "narrator_markers", "continuation", "background",
    "function_words", "place_prepositions", "title_prepositions",
    # grammar words (see discourse/lang/<code>/cues.yml)
    "glue_words", "articles", "definite_articles", "indefinite_articles", "of_words",
    "and_words", "conjunctions", "apposition_links", "complementizers", "relative_pronouns",
    "according_pronouns", "cleft_openers", "stance_words", "counterpart_words", "host_words",
    "guest_words", "deputy_words", "side_nouns", "possessives", "pair_openers", "institution_words", "institution_modifiers",
    "anonymous_subjects", "lead_relatives", "quoted_tails",
    "former_words", "elided_articles", "demonym_suffixes", "finite_verbs",
    "subject_auxiliaries", "light_participles", "gerund_endings", "not_gerunds",
    "present_endings", "not_present_endings", "not_present_verbs", "clause_openers",
)
_KEYS = set(_LIST_KEYS) | {"reporting_verbs", "scene_verbs", "dateline", "addressee_verbs",
                           "shared_verbs", "event_verbs", "relay_verbs",
                           "speech_markers", "travel_verbs", "meeting_verbs", "gender_words",
                           "gender_pronouns", "near_name_pronouns", "description_heads",
                           "demonyms", "country_names"}


_W = r"(?![\w-])"   # end of a word (a hyphen continues it: a-t-il)
_B = r"(?<![\w'-])"  # start of a word
_START = r"(?<![\w-])"  # start of a word that may follow an elision (l'a-t-il)
_REFLEXIVE = r"(?:se\s+|s')"


def _table_demonyms() -> list[str]:
    """The one-word demonyms of every language's ``demonyms`` table, folded, longest first
    ("malagasy", "thai", "kenyan": those that no suffix tells)."""
    words = set()
    for code in supported_languages():
        for ws in (get_language(code).data("cues").get("demonyms") or {}).values():
            words.update(fold(str(w)).strip() for w in ws or [])
    return sorted((w for w in words if re.fullmatch(r"[a-z]+", w)), key=lambda w: (-len(w), w))


#: A demonym ("cambodgien", "thaïlandaise", "Chinese", "Malagasy"), folded: every
#: language's suffixes and the one-word demonyms of their tables (a prefix tree).
DEMONYM = r"(?:" + phrase_alternation(_table_demonyms()) + r"|[a-z]+(?:" + "|".join(
    union_words("demonym_suffixes")) + "))"


@dataclass
class _Spec:
    """The checked content of one language's cue words (before compilation)."""

    spec: dict
    verbs: dict            # rv (reporting), sv (scene), tv (travel), mv (meeting), rv_inv,
    #                        jv (shared: a group's agreement), ev (events, careers, moves)
    genders: dict          # words, pronouns, near_name: {f: [...], m: [...]}
    heads: dict

    def get(self, key: str) -> list[str]:
        """The list of words under ``key`` (empty if absent)."""
        return [str(x) for x in (self.spec.get(key) or [])]

    def words(self, key: str) -> frozenset:
        """The folded single words of the phrases under ``key``."""
        return frozenset(w for p in self.get(key) for w in fold(p).split())


def _read_spec(lang: str, spec: dict, where: str) -> _Spec:
    """Check a language's cue words and collect its verbs' forms (in the file's key order)."""
    unknown = sorted(set(spec) - _KEYS)
    if unknown:
        raise ParameterError(f"{where}: unknown key(s) {', '.join(unknown)}; valid keys: "
                             f"{', '.join(sorted(_KEYS))}")
    verbs = {short: verb_forms(spec.get(key), lang, f"{where}.{key}") for short, key in (
        ("rv", "reporting_verbs"), ("sv", "scene_verbs"), ("tv", "travel_verbs"),
        ("mv", "meeting_verbs"), ("jv", "shared_verbs"), ("ev", "event_verbs"),
        ("sv2", "relay_verbs"))}
    genders = {short: gendered_words(spec.get(key), f"{where}.{key}") for short, key in (
        ("words", "gender_words"), ("pronouns", "gender_pronouns"),
        ("near_name", "near_name_pronouns"))}
    heads = spec.get("description_heads") or {}
    if not isinstance(heads, dict):
        raise ParameterError(f"{where}.description_heads: expected a mapping noun -> list of "
                             f"title words, got {type(heads).__name__}")
    addressee = verb_forms(spec.get("addressee_verbs"), lang, f"{where}.addressee_verbs")
    verbs["rv_inv"] = {role: forms - addressee[role] for role, forms in verbs["rv"].items()}
    return _Spec(spec, verbs, genders, heads)


class _Grammar:
    """A language's verb-phrase building blocks: auxiliaries, adverbs, agreement, links."""

    def __init__(self, lang: str, words: _Spec) -> None:
        self.language = get_language(lang, strict=False)
        self.adv = f"(?:{_alt(words.get('adverbs'))}|{self.language.adverb_pattern})"
        self.aux = _alt(words.get("auxiliaries"))
        self.paux = _alt(words.get("pronominal_auxiliaries"))
        self.agree = self.language.participle_agreement
        self.link = (rf"(?:\s*\([^()]{{0,80}}\))?(?:\s*,(?:[^,;:«»\"]{{1,200}}?,){{1,2}}|\s*,)?"
                     rf"(?:\s+{self.adv})*\s*")

    def vp_of(self, forms: dict) -> str:
        """A verb phrase of ``forms``: auxiliary + participle, pronominal, finite."""
        aux, paux, adv, agree = self.aux, self.paux, self.adv, self.agree
        parts = [
            rf"{aux}(?:\s*,[^,]{{1,40}},|\s+{adv}){{0,3}}\s+{_alt(forms['participle'])}{agree}",
            rf"{paux}(?:\s+{adv}){{0,3}}\s+{_alt(forms['pron_participle'])}{agree}",
            rf"{_REFLEXIVE}{_alt(forms['pron_finite'])}",
            _finite(forms["finite"], adv),
        ]
        return "(?:" + "|".join(parts) + f"){_W}"

    def pieces(self, words: _Spec) -> CuePieces:
        """The building blocks the language combines into its inverted cues and past verbs."""
        return CuePieces(aux=self.aux, paux=self.paux, pron=_alt(words.get("pronouns")),
                         plur=_alt(words.get("plural_pronouns")), adv=self.adv,
                         agree=self.agree, start=_START, end=_W, rv=words.verbs["rv"],
                         sv=words.verbs["sv"], alt=_alt, vp_of=self.vp_of)


def _finite(forms, adv: str) -> str:
    """Finite forms; a form of several words may also take adverbs after its first word
    ("were pleased": "were also pleased", "sont convenus": "sont en outre convenus"), tried
    only where its first word and an adverb stand (the plain forms, a prefix tree, first)."""
    forms = [f.strip() for f in forms if f.strip()]
    heads: dict = {}
    for f in forms:
        if " " in f:
            head, rest = f.split(None, 1)
            heads.setdefault(head, []).append(rest)
    plain = _alt(forms) if forms else r"(?!x)x"
    if not heads:
        return plain
    spread = "|".join(rf"{_alt([h])}(?:\s+{adv}){{1,3}}\s+{_alt(rests)}"
                      for h, rests in sorted(heads.items()))
    return rf"(?:{plain}|(?={_alt(list(heads))}\s+{adv}\s)(?:{spread}))"


def _lead(words: _Spec) -> str:
    """A participle after a comma that gives a lead sentence's content ("..., saying")."""
    endings = words.get("gerund_endings")
    if not endings:
        return r"(?!x)x"
    rv = words.verbs["rv"]
    reporting = _alt(rv["gerund"] | rv["pron_gerund"])
    excluded = words.get("not_gerunds")
    no = rf"(?!{_alt(excluded)}{_W})" if excluded else ""
    any_gerund = rf"{no}(?:{_REFLEXIVE})?[a-z][\w'-]*(?:{_alt(endings)})"
    return rf",\s*(?:{_alt(words.get('and_words'))}\s+)?(?P<g>{reporting}|{any_gerund}){_W}"


def _subject_verb(words: _Spec, g: _Grammar, pieces: CuePieces) -> str:
    """The finite verb of a person subject (not a light verb alone: "a eu", "has been")."""
    get = words.get
    auxes = get("auxiliaries") + get("pronominal_auxiliaries") + get("subject_auxiliaries")
    light = (rf"(?!{_alt(auxes)}(?:\s+{g.adv}){{0,3}}\s+{_alt(get('light_participles'))}{_W})"
             if auxes and get("light_participles") else "")
    forms = [g.language.past_verb(pieces)]
    if get("subject_auxiliaries"):
        forms.append(rf"{_alt(get('subject_auxiliaries'))}(?:\s+{g.adv}){{0,3}}\s+[\w'-]+{_W}")
    if get("finite_verbs"):
        forms.append(rf"{_alt(get('finite_verbs'))}{_W}")
    return light + "(?:" + "|".join(forms) + ")"


def _present_verb(words: _Spec) -> str | None:
    """A verb in the present tense by its ending ("intends", "juge", "se félicite"): a word
    of three letters or more with one of ``present_endings``, none of
    ``not_present_endings``, not one of ``not_present_verbs`` (None: the language has none)."""
    endings = words.get("present_endings")
    if not endings:
        return None
    no = words.get("not_present_verbs")
    not_word = rf"(?!{_alt(no)}{_W})" if no else ""
    not_end = "".join(rf"(?<!{re.escape(fold(e))})" for e in words.get("not_present_endings"))
    return rf"{_REFLEXIVE}?{not_word}[a-z][a-z-]+(?:{_alt(endings)}){not_end}{_W}"


def _country_pattern(table, where: str) -> re.Pattern | StartGated | None:
    """One pattern of every country word, in a group named after its code (None: none),
    with its start gate (:mod:`discourse.speakers.starts`: it is matched at fixed positions)."""
    if not table:
        return None
    if not isinstance(table, dict):
        raise ParameterError(f"{where}: expected a mapping ISO code -> list of words, got "
                             f"{type(table).__name__}")
    groups = [f"(?P<{re.sub(r'[^A-Za-z0-9]', '_', str(code))}>{_alt([str(w) for w in ws])})"
              for code, ws in table.items() if ws]
    return alternation_gate(_B, groups, r"(?![\w-])")



LIST_KEYS = _LIST_KEYS
KEYS = _KEYS
