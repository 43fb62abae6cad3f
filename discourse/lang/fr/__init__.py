"""French: elisions in tokens, -er conjugation, "a-t-il déclaré" inversions, -ment adverbs.

Data files beside this module: ``cues.yml`` (attribution cue words), ``abbreviations.yml``
(sentence splitter), ``negation.yml`` (negation cues of theme matching).

Examples
--------
>>> from discourse.lang import get_language
>>> import re
>>> re.findall(get_language("fr").token_pattern(), "qu’il l’a dit")
['qu’', 'il', 'l’', 'a', 'dit']
"""

from __future__ import annotations

from ..base import ACRONYM, APOSTROPHES, NUMBER, WORD, CuePieces, Language
from ..counting import base_count_pattern, case_word, word_tail

__all__ = ["French", "ELISIONS", "NOT_ELISIONS"]

#: Elided forms split off as tokens of their own (before an apostrophe). Longer forms come
#: first so that ``jusqu’`` is not read as ``qu’``.
ELISIONS = ("jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "qu", "c", "d", "j", "l", "m",
            "n", "s", "t")
#: Words that begin like an elision but are single words.
NOT_ELISIONS = ("presqu’île", "presqu'île")

_ALNUM = r"[^\W_]"
_LONG = [e for e in ELISIONS if len(e) > 1]
_SHORT = "".join(e for e in ELISIONS if len(e) == 1)
_EXCEPT = {e: list(dict.fromkeys(w[len(e) + 1:] for w in NOT_ELISIONS if w.startswith(e)))
           for e in _LONG}
_FIRST = "".join(sorted({e[0] for e in ELISIONS}))
# An elision: one of ELISIONS (not inside a word), an apostrophe, then (perhaps after a space
# or an opening quote, as in l’« Hexagone ») a letter or digit. The one-letter forms are a
# character class, and the words of NOT_ELISIONS a lookahead, for speed.
ELISION = (
    rf"(?=[{_FIRST}{_FIRST.upper()}])"
    r"(?<!\w)(?i:"
    + "|".join(e + (rf"(?![{APOSTROPHES}](?:{'|'.join(_EXCEPT[e])}))" if _EXCEPT[e] else "")
               for e in _LONG)
    + rf"|[{_SHORT}])[{APOSTROPHES}](?=[ \u00a0\u202f«“\"]*{_ALNUM})"
)


class French(Language):
    """French (see the module docstring)."""

    code = "fr"
    name = "French"
    stemmer_name = "french"
    adverb_pattern = r"\w+ment"
    participle_agreement = "(?:e?s?)"
    inversion_marker = "-"

    def token_pattern(self) -> str:
        return rf"(?={_ALNUM})(?:{ELISION}|{ACRONYM}|{NUMBER}|{WORD})"

    def token_count_pattern(self) -> str:
        """The RE2 count pattern (:mod:`discourse.lang.counting`) with the elisions."""
        base, apostrophe = base_count_pattern(), f"[{APOSTROPHES}]"
        exceptions = [case_word(e) + apostrophe + case_word(x) + word_tail()
                      for e in _LONG for x in _EXCEPT[e]]
        elision = "|".join([case_word(e) for e in _LONG] + [case_word(c) for c in _SHORT])
        return "|".join([f"_+(?:{base})"] + exceptions + [f"(?:{elision}){apostrophe}", base])

    def conjugate(self, verb: str) -> dict[str, list[str]]:
        """Forms of a regular -er verb (folded), possibly followed by words.

        Examples
        --------
        >>> French().conjugate("appeler")["finite"][-1]
        'appelleront'
        """
        head, _, rest = verb.partition(" ")
        tail = f" {rest}" if rest else ""
        if not head.endswith("er"):
            raise ValueError(verb)
        stem = head[:-2]
        soft = stem + ("e" if stem.endswith("g") else "")
        finite = [stem + "e", stem + "ent", soft + "ait", soft + "aient", head + "a",
                  head + "ont", head + "ait", head + "aient", soft + "a", stem + "erent"]
        if head.endswith(("eler", "eter")):
            dbl = stem + stem[-1]
            finite += [dbl + "e", dbl + "ent", dbl + "era", dbl + "erait", dbl + "eront"]
        part = [stem + "e" + s for s in ("", "e", "s", "es")]
        return {"participle": [p + tail for p in part], "finite": [f + tail for f in finite],
                "gerund": [soft + "ant" + tail]}

    def inverted_cue(self, p: CuePieces) -> str:
        return (rf"{p.start}(?:{p.aux}(?:-t)?-(?:(?P<pl>ils|elles)|{p.pron})"
                rf"(?:\s+{p.adv}){{0,3}}\s+"
                rf"{p.alt(p.rv['participle'])}{p.agree}"
                rf"|{p.alt(p.rv['finite'])}(?:-t)?-(?:(?P<pl2>ils|elles)|{p.pron})"
                rf"|{p.paux}-(?:il|elle)\s+{p.alt(p.rv['pron_participle'])}{p.agree}){p.end}")

    def past_verb(self, p: CuePieces) -> str:
        return (rf"(?:{p.aux}|{p.paux}|se\s+sont)(?:\s+{p.adv}){{0,3}}\s+(?:«\s*)?"
                rf"\w+(?:e|i|u|is|it|t)(?:e?s?){p.end}")
