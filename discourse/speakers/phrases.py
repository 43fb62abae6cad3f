"""Phrases as regular expressions: folding and prefix-tree alternations.

Every cue pattern and actor alias is matched on the case- and accent-folded working copy
of a text (:func:`fold`). :func:`phrase_alternation` turns a set of folded phrases into one
regular expression, a prefix tree that tries the longest phrase first, and
:func:`alternation` does the same for raw words.

Examples
--------
>>> phrase_alternation(["a", "avait", "ont"])
'(?:a(?:vait)?|ont)'
>>> alternation(["Déclaré", "dit"])
'(?:d(?:eclare|it))'
"""

from __future__ import annotations

import re

from ..text.normalize import normalize_text

__all__ = ["fold", "phrase_alternation", "alternation", "fold_pattern", "word_alternation",
           "word_demonym"]


def fold(text: str) -> str:
    """Case- and accent-folded copy, same length as ``text`` when it is in NFC.

    Examples
    --------
    >>> fold("Déclaré’")
    "declare'"
    """
    return normalize_text(text, fold_accents=True).norm


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


def word_alternation(words, before: str = r"[\w'-]") -> str:
    """:func:`alternation` of ``words`` not preceded by a character of class ``before``.

    The same matches as ``(?<!{before})`` + :func:`alternation`, written with each first
    letter before the check of what precedes it, so that the regex engine looks only at the
    positions of those letters (several times faster on long texts).

    Examples
    --------
    >>> print(word_alternation(["il", "elle"]))
    (?:e(?<![\\w'-]e)lle|i(?<![\\w'-]i)l)
    """
    trie: dict = {}
    for phrase in {fold(w).strip() for w in words if str(w).strip()}:
        node = trie
        for ch in re.sub(r"\s+", " ", phrase):
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return r"(?!x)x"
    alts = [re.escape(ch) + f"(?<!{before}{re.escape(ch)})" + _emit(child)
            for ch, child in sorted(trie.items())]
    return "(?:" + "|".join(alts) + ")"


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


def alternation(words) -> str:
    """Regex alternation of phrases, folded, longest first, spaces matching any blank run.

    Examples
    --------
    >>> alternation(["Il", "elle", " "])
    '(?:elle|il)'
    """
    return phrase_alternation({fold(w).strip() for w in words if str(w).strip()})


def fold_pattern(pattern: str) -> str:
    """Remove the accents of a regular expression's letters (its escapes stay as they are).

    Examples
    --------
    >>> fold_pattern(r"\\bà l'été\\b")
    "\\\\ba l'ete\\\\b"
    """
    return normalize_text(pattern, lower=False, fold_accents=True).norm


def word_demonym(suffixes) -> str:
    """``[a-z]+(?:suffix|...)`` where no letter can follow it, matched without backtracking.

    Where the next character cannot be a letter (the words of a description), the plain
    pattern can only take the whole run of letters, longer than a suffix that ends it; this
    one checks that directly (one alternative per suffix length: more letters than the
    suffix, the whole run taken at once, then the suffix behind it), instead of trying
    every split of the run. Both match the same text there.

    Examples
    --------
    >>> rx = re.compile(word_demonym(["ois", "oise"]) + "(?![a-z])")
    >>> bool(rx.fullmatch("chinois")), bool(rx.fullmatch("ois")), rx.match("chinoises")
    (True, False, None)
    """
    by_len: dict[int, list[str]] = {}
    for w in suffixes:
        by_len.setdefault(len(w), []).append(re.escape(w))
    return "(?:" + "|".join(rf"[a-z](?=[a-z]{{{n}}})[a-z]*+(?<={'|'.join(ws)})"
                            for n, ws in sorted(by_len.items())) + ")"
