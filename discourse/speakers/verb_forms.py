"""Verb forms of the cue words: the forms of each verb by role, as the language gives them.

A cue file lists verbs either as a lemma that the language conjugates by rule (French
``-er`` verbs, English regular verbs; see :meth:`discourse.lang.base.Language.conjugate`) or
as a mapping with the irregular forms. :func:`verb_forms` collects the folded forms by role
(``participle``, ``finite``, ``gerund``); pronominal verbs (``se dire``) go to the
``pron_*`` roles. :func:`gendered_words` checks the ``{f: [...], m: [...]}`` word lists.

Examples
--------
>>> forms = verb_forms(["déclarer", "se féliciter"], "fr", "cues")
>>> sorted(forms["participle"])[:1], sorted(forms["pron_participle"])[:1]
(['declare'], ['felicite'])
"""

from __future__ import annotations

import re

from ..errors import ParameterError
from ..lang import get_language
from .phrases import fold

__all__ = ["verb_forms", "gendered_words", "ROLES"]

#: The roles of a verb's forms: plain, then pronominal (``se dire``).
ROLES = ("participle", "finite", "gerund", "pron_participle", "pron_finite", "pron_gerund")
_GENDERS = ("f", "m")
_PRONOMINAL = re.compile(r"^(?:se |s')")


def verb_forms(entries, lang: str, where: str) -> dict[str, set[str]]:
    """Collect the folded forms of ``entries`` by role; pronominal verbs go to ``pron_*``.

    Parameters
    ----------
    entries
        A list of verbs: a regular verb's lemma, or a mapping ``{lemma, participle, finite,
        gerund}`` (None: no verbs).
    lang
        The language that conjugates the regular verbs.
    where
        Where the list comes from, for the error messages.

    Returns
    -------
    dict
        Role (:data:`ROLES`) -> set of folded forms.

    Raises
    ------
    ParameterError
        If an entry is neither a regular verb nor a mapping with a lemma.

    Examples
    --------
    >>> sorted(verb_forms([{"lemma": "dire", "participle": ["dit"]}], "fr", "x")["participle"])
    ['dit']
    """
    out: dict[str, set[str]] = {k: set() for k in ROLES}
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


def gendered_words(value, where: str) -> dict[str, list[str]]:
    """A checked ``{f: [...], m: [...]}`` mapping of words (None: no words).

    Raises
    ------
    ParameterError
        If ``value`` is not a mapping with keys among f and m.

    Examples
    --------
    >>> gendered_words({"f": ["elle"]}, "cues")
    {'f': ['elle'], 'm': []}
    """
    if value is None:
        return {g: [] for g in _GENDERS}
    if not isinstance(value, dict) or set(map(str, value)) - set(_GENDERS):
        raise ParameterError(f"{where}: expected a mapping with keys f and m (lists of "
                             f"words), got {value!r}")
    return {g: [str(w) for w in (value.get(g) or [])] for g in _GENDERS}
