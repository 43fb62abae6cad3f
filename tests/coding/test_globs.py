"""Tests of discourse.coding.globs: patterns with ``?`` and inner ``*`` are checked in place
without backtracking, and give exactly the matches of their regular expressions (the
``regex`` engine), on hand-written cases and on random patterns and texts."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discourse.coding.globs import glob_ends, make_plan
from discourse.coding.matcher import compile_codebook
from discourse.coding.model import Codebook, Theme


def _book(*patterns):
    return Codebook("g", "1", themes=(Theme("t", "t", patterns={"fr": patterns}),))


def _both(patterns, text):
    fast = compile_codebook(_book(*patterns)).scan([text], lang="fr")
    ref = compile_codebook(_book(*patterns), engine="regex").scan([text], lang="fr")
    return [x.tolist() for x in fast], [x.tolist() for x in ref]


def _ends(pattern, text):
    word = [bool(re.match(r"\w", c)) for c in text]
    nonword = [i for i, w in enumerate(word) if not w]
    return glob_ends(make_plan(pattern), text, word, nonword, 0, len(text), len(text))


def test_pieces_match_whole_runs_of_word_characters():
    assert _ends("a*b", "ab axb axxb abx xab") == [(0, 2), (3, 6), (7, 11)]
    assert _ends("*a*a*a*b", "aaab aab baaab") == [(0, 4), (9, 14)]
    assert _ends("?a?", "bab aa xaxx") == [(0, 3)]
    assert _ends("l'ami?", "l'amie l'ami ll'amis") == [(0, 6)]


def test_a_pattern_starting_or_ending_with_a_separator_has_a_free_edge():
    assert _ends("-a?", "x-ab -abc -ab") == [(1, 4), (10, 13)]
    assert _ends("a?-", "ab-x abc- ab-") == [(0, 3), (10, 13)]


def test_a_star_piece_may_match_an_empty_run():
    assert _ends("*-a?", "-ab x-ab") == [(0, 3), (4, 8)]


def test_a_text_of_one_long_word_is_matched_at_once():
    fast, ref = _both(("*a*a*a*b", "a?a*", "?a*?*"), "a" * 60 + " " + "a" * 30 + "b")
    assert fast == ref and len(fast[0]) == 2          # one match per word (the longest)


_PATTERN = st.lists(st.sampled_from(["a", "b", "é", "*", "?", "-", "'", " "]), min_size=1,
                    max_size=7).map("".join).filter(
    lambda p: re.search(r"[^*?\s]", p) and "**" not in p and p.strip()
    and not any(set(w) <= set("*?") for w in p.split()) and ("?" in p or "*" in p.strip("*")))
_TEXT = st.lists(st.sampled_from(["a", "b", "é", "ab", "aa", "-", "'", "’", " ", "  ", "\n", ",",
                                  "A", "_", "1"]), max_size=14).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(_PATTERN, min_size=1, max_size=3, unique=True), st.lists(_TEXT, min_size=1,
                                                                          max_size=4))
def test_random_globs_give_the_matches_of_their_regular_expressions(patterns, texts):
    fast = compile_codebook(_book(*patterns)).scan(texts, lang="fr")
    ref = compile_codebook(_book(*patterns), engine="regex").scan(texts, lang="fr")
    assert [x.tolist() for x in fast] == [x.tolist() for x in ref]
