"""Quotation marks in a statement: whether a quotation is open, quotations inside a sentence.

Used by :mod:`discourse.speakers.cue_analysis` and :mod:`discourse.speakers.attributor`: a
statement inside an open quotation continues its speaker, and a name or phrase quoted inside
a sentence (« la Ceinture et la Route ») is not a sign of speech.

Examples
--------
>>> quote_state("« La paix compte,", False)
(True, True)
"""

from __future__ import annotations

import re

__all__ = ["quote_state", "without_inner_quotes"]

_OPENS_WITH_QUOTE = re.compile(r"^\W*[«\"]")
_INNER_QUOTE = re.compile(r"«[^«»]*»|\"[^\"]*\"")
_HAS_QUOTE = re.compile(r"[«»“”\"]")
_OPEN_Q = re.compile(r"[«“]|(?:^|\s)\"(?=\w)")
_CLOSE_Q = re.compile(r"[»”]|(?<=[\w.,!?])\"(?:\W|$)")


def without_inner_quotes(folded: str) -> str:
    """The text with its quotations blanked out, unless it opens with one.

    A name or phrase quoted inside a sentence ("l'initiative « la Ceinture et la Route »")
    is not a sign of speech; a sentence that opens or closes a quotation is.

    Examples
    --------
    >>> without_inner_quotes("l'initiative « la Route » compte")
    "l'initiative             compte"
    """
    if not _HAS_QUOTE.search(folded) or _OPENS_WITH_QUOTE.match(folded):
        return folded
    return _INNER_QUOTE.sub(lambda m: " " * len(m.group()), folded)


def quote_state(text: str, inside: bool) -> tuple[bool, bool]:
    """(statement is (partly) inside a quotation, quotation still open after it).

    Examples
    --------
    >>> quote_state("« La paix compte,", False), quote_state("a-t-il dit. »", True)
    ((True, True), (True, False))
    """
    if not _HAS_QUOTE.search(text):
        return inside, inside
    opens = len(_OPEN_Q.findall(text))
    closes = len(_CLOSE_Q.findall(text))
    started_inside = inside
    if opens > closes:
        inside = True
    elif closes > opens:
        inside = False
    return started_inside or opens > 0, inside


