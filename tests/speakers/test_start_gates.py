"""Start gates (:mod:`discourse.speakers.starts`) give the pattern's own matches, and so do
the subject patterns written first letter first.

Differential tests: the country and demonym patterns of every language, gated, against the
same compiled pattern without the gate, for ``match``, ``fullmatch`` and ``search`` at
every position (and with an end position) of random texts made of country words, their
pieces, articles and noise; the prefixes of hand-written patterns, written from the
definition (every match starts with one of them).
"""

from __future__ import annotations

import pickle
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.lang import get_language
from discourse.speakers.cues import read_cue_rules
from discourse.speakers.cue_spec import _B, _W
from discourse.speakers.phrases import alternation, fold
from discourse.speakers.starts import StartGated, alternation_gate, start_gate, start_prefixes

RULES = read_cue_rules()
_NOISE = ["the ", "la ", "l'", "-", " ", "  ", "\n", ", ", "s", "ian", "e", "é", "x",
          "both ", "and ", "et "]


def _words(lang: str, field: str) -> list[str]:
    """The words of the language's table (folded, as the pattern holds them)."""
    table = get_language(lang).data("cues").get(field) or {}
    return sorted({fold(str(w)) for ws in table.values() for w in ws or ()})


def _text(rnd: random.Random, words: list[str]) -> str:
    out = []
    for _ in range(rnd.randint(1, 10)):
        k = rnd.random()
        if k < 0.45:
            w = rnd.choice(words)
            if rnd.random() < 0.3:   # a piece of a word, or a word run on
                w = w[:rnd.randint(1, len(w))] if rnd.random() < 0.5 else w + rnd.choice(
                    ["s", "-", "ese", "x"])
            w += rnd.choice([" ", " ", ", ", "", "-", "."])
        else:
            w = rnd.choice(_NOISE)
        out.append(w)
    return "".join(out)


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    # (a gated alternation runs only the groups that may start there: their numbers differ)
    return a.span() == b.span() and a.lastgroup == b.lastgroup and (
        a.lastgroup is None or a.span(a.lastgroup) == b.span(b.lastgroup))


@pytest.mark.parametrize("lang", sorted(RULES))
@pytest.mark.parametrize("field", ["country_names", "demonyms"])
def test_the_gated_country_patterns_match_as_the_plain_ones(lang, field):
    gated = getattr(RULES[lang], field)
    assert isinstance(gated, StartGated)
    plain = gated.regex
    words = _words(lang, field)
    rnd = random.Random(f"{lang}{field}")
    hits = 0
    for _ in range(400):
        text = _text(rnd, words)
        for pos in range(len(text) + 1):
            assert _same(gated.match(text, pos), plain.match(text, pos)), (text, pos)
            end = rnd.randint(pos, len(text))
            assert _same(gated.match(text, pos, end), plain.match(text, pos, end))
            assert _same(gated.fullmatch(text, pos, end), plain.fullmatch(text, pos, end))
            hits += plain.match(text, pos) is not None
        pos = rnd.randint(0, len(text))
        assert _same(gated.search(text), plain.search(text)), text
        assert _same(gated.search(text, pos), plain.search(text, pos)), (text, pos)
        assert _same(gated.search(text, 0, pos), plain.search(text, 0, pos)), (text, pos)
    assert hits > 100   # the texts hold countries: the test compares real matches


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeu nst'-\n", max_size=30), st.integers(0, 30))
def test_any_text(text, pos):
    gated = RULES["en"].country_names
    plain = gated.regex
    assert _same(gated.match(text, pos), plain.match(text, pos))
    assert _same(gated.search(text, pos), plain.search(text, pos))


def test_prefixes_from_the_definition():
    # every match of "(?<!\w)(?:la\s+chine|l'inde|us)" starts with "la", "l'i" or "us"
    # ("la" stops at \s+, a class; three characters at most)
    assert start_prefixes(re.compile(r"(?<!\w)(?:la\s+chine|l'inde|us)")) == \
        frozenset({"la", "l'i", "us"})
    assert start_prefixes(re.compile(r"a?bc")) == frozenset({"abc", "bc"})
    assert start_prefixes(re.compile(r"(?:ab)+c")) == frozenset({"ab"})
    # a pattern that may start anywhere, or match nothing, or ignore case: no gate
    for rx in (r"\w+", r"x*", r"(?i)abc", r"[ab]c"):
        assert start_prefixes(re.compile(rx)) is None, rx
        assert start_gate(re.compile(rx)).pattern == rx


def test_a_gated_pattern_is_the_pattern_elsewhere():
    gated = start_gate(re.compile(r"(?P<CN>chin[ae])|(?P<KH>cambodge)"))
    assert gated.groupindex == {"CN": 1, "KH": 2}
    assert [m.lastgroup for m in gated.finditer("la chine et le cambodge")] == ["CN", "KH"]
    copy = pickle.loads(pickle.dumps(gated))
    assert copy.match("china").lastgroup == "CN" and copy.match(" china") is None


def test_an_alternation_runs_the_groups_that_may_start_there():
    # "us" may be US or USSR's "ussr" here; KH is left out, and the first group wins
    rx = alternation_gate(r"(?<!\w)", ["(?P<KH>cambodia)", "(?P<US>us)", "(?P<SU>ussr)"],
                          r"(?!\w)")
    assert rx.match("ussr").lastgroup == "SU" and rx.match("us").lastgroup == "US"
    assert rx.match("ussr", 0, 2).lastgroup == "US" and rx.fullmatch("ussr").lastgroup == "SU"
    assert rx.match("cuba") is None and rx.search("in cambodia").lastgroup == "KH"


@pytest.mark.parametrize("lang", sorted(RULES))
@pytest.mark.parametrize("field,key", [("plural_pronouns", "plural_pronouns"),
                                       ("joint", "joint_subjects")])
def test_the_letter_first_subject_patterns_find_what_the_plain_ones_found(lang, field, key):
    # plural pronouns and joint subjects are written first letter first
    # (phrases.word_alternation); the plain form is the lookbehind, then the alternation
    words = get_language(lang).data("cues").get(key) or []
    plain = re.compile(_B + alternation(words) + _W)
    fast = getattr(RULES[lang], field)
    found = sorted({fold(str(w)).strip() for w in words})
    rnd = random.Random(lang + field)
    hits = 0
    for _ in range(300):
        text = "".join(rnd.choice(found + _NOISE) + rnd.choice(["", " ", "-", "'", "x"])
                       for _ in range(rnd.randint(1, 8)))
        assert [m.span() for m in fast.finditer(text)] == \
            [m.span() for m in plain.finditer(text)], text
        hits += len(plain.findall(text))
    assert hits > 10   # the texts hold the words: the test compares real matches
