"""Tests of the literal gates: a gated pattern finds exactly what the pattern finds."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.speakers.cues import read_cue_rules
from discourse.speakers.prefilter import GatedPattern, gate, required_literals
from discourse.text.normalize import normalize_text

#: Texts built from the words the cue patterns look for, accents, capitals and the letters
#: that the regex engine's case folding treats specially.
_PIECES = ["xinhua", "Xinhua", "XİNHUA", "xınhua", "/", "(", ")", "photo", "PHOTO", "©", " ",
           ", ", "by ", "par ", "is held", "were held", "en 2019", "depuis 1953", "will", "«",
           "»", '"', "ſ", "K", "we ", "nous ", "(left)", "(à droite)", "selon", "est prevue ",
           "pour 2030", "a", "é", "\n"]


def _patterns():
    out = []
    for lang, rules in sorted(read_cue_rules().items()):
        for name in ("markers", "background", "speech"):
            out.append((f"{lang}.{name}", getattr(rules, name)))
    return out


def test_literals_of_an_alternation_and_anchor():
    literals, anchored = required_literals(re.compile(r"\bx(?:ab|cd)y\b|^\s*by\b|(?:q)+zz"))
    assert sorted(literals) == ["xaby", "xcdy", "zz"] and anchored


def test_no_gate_when_an_alternative_needs_no_literal():
    assert required_literals(re.compile(r"abc|\w+")) is None
    assert required_literals(re.compile(r"(?:^|,)\s*x?")) is None
    assert not isinstance(gate(re.compile(r"\d+")), GatedPattern)


def test_multiline_anchor_is_not_a_start_anchor():
    assert required_literals(re.compile(r"^by\b|xinhua", re.MULTILINE)) is None


def test_cue_patterns_are_gated():
    for name, rx in _patterns():
        assert isinstance(rx, GatedPattern), name


@pytest.mark.parametrize("name,rx", _patterns())
@settings(max_examples=150, deadline=None, derandomize=True)
@given(parts=st.lists(st.sampled_from(_PIECES), max_size=12), pos=st.integers(0, 6))
def test_gated_pattern_finds_what_the_pattern_finds(name, rx, parts, pos):
    text = "".join(parts)
    for t in (text, normalize_text(text, fold_accents=True).norm):
        assert [m.span() for m in rx.finditer(t)] == [m.span() for m in rx.regex.finditer(t)]
        got, want = rx.search(t, pos), rx.regex.search(t, pos)
        assert (got and got.span()) == (want and want.span())
        assert bool(rx.search(t, 0, pos)) == bool(rx.regex.search(t, 0, pos))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(text=st.text(max_size=40))
def test_gated_pattern_on_any_text(text):
    for _, rx in _patterns():
        assert bool(rx.search(text)) == bool(rx.regex.search(text))


def test_case_folding_special_letters_are_the_only_ones():
    """Every character that the engine's case folding equates with an ASCII letter either
    lowers to it with ``str.lower`` or is one of the three the gate always scans."""
    letters = re.compile("[a-z]", re.IGNORECASE)
    odd = set()
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        if letters.fullmatch(c):
            odd |= {c for x in string.ascii_lowercase
                    if re.fullmatch(x, c, re.IGNORECASE) and c.lower() != x}
    assert odd == {"\u0130", "\u0131", "\u017f"}


def test_special_letters_still_match():
    rx = gate(re.compile(r"xinhua\s*/", re.IGNORECASE))
    assert isinstance(rx, GatedPattern)
    for text in ("XİNHUA/", "xınhua /", "XINHUA/"):
        assert bool(rx.search(text)) == bool(rx.regex.search(text)) is True


def test_caseless_symbols_have_no_case_partners():
    """A symbol gated as it is (« » © ") matches no other character under the case flag."""
    for sym in "«»©\"’/(":
        rx = re.compile(re.escape(sym), re.IGNORECASE)
        assert [c for c in map(chr, range(0x110000)) if rx.fullmatch(c)] == [sym]


def _description_pieces(rules) -> list[str]:
    words = sorted(rules.title_words)
    return words + [w.upper() for w in words[:20]] + [
        "le ", "la ", "l'", "the ", "un ", "a ", " ", "-", ", ", ".", "chinois", "thai",
        "cambodgienne", "vietnamese", "of ", "de ", "du ", "x", "Hun Sen", "(", "'"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_descriptor_gate_never_hides_a_description(lang):
    """A statement in which the descriptor words are absent has no description at all."""
    from discourse.speakers.descriptions import find_descriptors
    rules = read_cue_rules()[lang]
    pieces = _description_pieces(rules)

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(parts=st.lists(st.sampled_from(pieces), max_size=10))
    def check(parts):
        text = " ".join(parts)
        folded = normalize_text(text, fold_accents=True).norm
        cased = normalize_text(text, lower=False).norm
        if not rules.descriptor_words.may_match(folded):
            assert find_descriptors(cased, folded, rules, []) == []

    check()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_descriptor_gate_lets_descriptions_through(lang):
    rules = read_cue_rules()[lang]
    text = {"fr": "le ministre chinois", "en": "the Chinese minister"}[lang]
    assert rules.descriptor_words.may_match(normalize_text(text, fold_accents=True).norm)
