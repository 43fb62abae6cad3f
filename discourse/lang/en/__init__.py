"""English: regular conjugation, "-ly" adverbs, "..., he said" inversions.

Data files beside this module: ``cues.yml`` (attribution cue words), ``abbreviations.yml``
(sentence splitter), ``negation.yml`` (negation cues of theme matching).

Examples
--------
>>> from discourse.lang import get_language
>>> get_language("en").conjugate("point out")["gerund"]
['pointing out']
"""

from __future__ import annotations

import re

from ..base import CuePieces, Language

__all__ = ["English"]


class English(Language):
    """English (see the module docstring)."""

    code = "en"
    name = "English"
    stemmer_name = "english"
    adverb_pattern = r"\w+ly"

    def conjugate(self, verb: str) -> dict[str, list[str]]:
        """Forms of a regular verb (possibly with a particle: "point out").

        Examples
        --------
        >>> English().conjugate("reply")["finite"]
        ['replied', 'replies']
        """
        head, _, rest = verb.partition(" ")
        tail = f" {rest}" if rest else ""
        if head.endswith("e"):
            past, ing = head + "d", (head + "ing" if head.endswith("ee") else head[:-1] + "ing")
        elif re.search(r"[^aeiou]y$", head):
            past, ing = head[:-1] + "ied", head + "ing"
        else:
            past, ing = head + "ed", head + "ing"
        if re.search(r"(?:s|sh|ch|x|z|o)$", head):
            third = head + "es"
        elif re.search(r"[^aeiou]y$", head):
            third = head[:-1] + "ies"
        else:
            third = head + "s"
        return {"participle": [past + tail], "finite": [past + tail, third + tail],
                "gerund": [ing + tail]}

    def past_verb(self, p: CuePieces) -> str:
        return (rf"(?:(?:{p.aux}|have)(?:\s+{p.adv}){{0,3}}\s+)?\w+ed{p.end}"
                rf"|{p.vp_of(p.rv)}|{p.vp_of(p.sv)}")
