"""The attribution's faster machinery gives what the plain forms gave.

Differential tests: the description pattern with its demonyms checked without
backtracking (:func:`discourse.speakers.cues._word_demonym`) against the same pattern with
the plain :data:`~discourse.speakers.cues.DEMONYM`, on random texts made of title words,
demonyms, function words and noise; the document gates' masks against a literal search of
each statement; :meth:`Attribution.of` against the dataclass's own constructor; a
malformed date is an error where it was before the actors' look-up was skipped.
"""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.lang import union_words
from discourse.speakers.attribution import attribute_speakers
from discourse.speakers.attributor import Attribution, Speaker
from discourse.speakers.cues import DEMONYM, _DEMONYM_WORD, read_cue_rules
from discourse.speakers.gates import document_gates

RULES = read_cue_rules()
_SUFFIXES = union_words("demonym_suffixes")
_GLUE = ["le", "la", "les", "the", "of", "de", "a", "l'", "des", "du", "of the", "un", "an"]
_BLANKS = [" ", " ", " ", "-", "", ", ", "  ", "\n", "'"]


def _reference(lang: str) -> re.Pattern:
    pattern = RULES[lang].descriptor.pattern
    assert _DEMONYM_WORD in pattern
    return re.compile(pattern.replace(_DEMONYM_WORD, DEMONYM))


def _text(rnd: random.Random, titles: list[str]) -> str:
    words = []
    for _ in range(rnd.randint(1, 12)):
        k = rnd.random()
        if k < 0.3:
            w = rnd.choice(titles)
        elif k < 0.55:   # demonym-like words, some as short as a suffix
            w = "".join(rnd.choice("aeinos") for _ in range(rnd.randint(0, 4))) + \
                rnd.choice(_SUFFIXES)
        elif k < 0.65:
            w = rnd.choice(_GLUE)
        else:
            w = "".join(rnd.choice("abcdefghilmnorstuvwyz'-é.") for _ in range(
                rnd.randint(1, 8)))
        words.append(w + rnd.choice(_BLANKS))
    return "".join(words)


def _found(rx: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


@pytest.mark.parametrize("lang", sorted(RULES))
def test_descriptor_demonyms_match_as_the_plain_pattern(lang):
    rules, reference = RULES[lang], _reference(lang)
    titles = sorted(rules.title_words)
    rnd = random.Random(15)
    matched = 0
    for _ in range(20_000):
        text = _text(rnd, titles)
        expected = _found(reference, text)
        assert _found(rules.descriptor, text) == expected, text
        matched += len(expected)
    assert matched > 10_000   # (the texts hold descriptions: the test can fail)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aeinoslrchté -'\n", max_size=60))
def test_descriptor_demonyms_on_any_letters(text):
    for lang in RULES:
        assert _found(RULES[lang].descriptor, text) == _found(_reference(lang), text)


def test_word_demonym_takes_the_whole_run():
    rx = re.compile(rf"(?:{_DEMONYM_WORD})(?![a-z])")
    assert rx.fullmatch("chinois") and rx.fullmatch("cambodgienne")
    assert not rx.fullmatch("ois") and not rx.fullmatch("ienne")   # a suffix alone
    assert rx.match("cambodgiennes").end() == 13


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdehilnoprstuwxy '()/\n", max_size=40), min_size=1,
                max_size=8))
def test_masks_are_each_statements_literals(texts):
    for lang, rules in RULES.items():
        gates = document_gates(rules)
        masks = gates.masks(texts, "\x00".join(texts))
        assert masks is not None
        for text, mask in zip(texts, masks):
            expected = gates.always
            for end, bit in gates.automaton.iter(text) if not gates.empty else ():
                expected |= bit
            assert mask == expected, (lang, text)


def test_attribution_of_is_the_constructor():
    who = Speaker("xi_jinping", "Xi Jinping", "CN")
    made = Attribution.of(who, "inverted", ("a-t-il dit", (3, 13)), 0.93)
    assert made == Attribution("xi_jinping", "Xi Jinping", "CN", "inverted", "a-t-il dit",
                               0.93, 3, 13)
    assert hash(made) == hash(Attribution("xi_jinping", "Xi Jinping", "CN", "inverted",
                                          "a-t-il dit", 0.93, 3, 13))
    bare = Attribution.of(who, "carried", "", 0.8)
    assert (bare.cue_start, bare.cue_end, bare.cue_text) == (None, None, "")
    with pytest.raises(AttributeError):
        bare.speaker = "other"   # still frozen


def _two_statements(texts: list[str], date) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "paragraph": [1, 1],
                         "sentence": [1, 2], "start": [0, 30], "end": [25, 40],
                         "n_tokens": 3, "text": texts, "lang": "fr", "date": date})


@pytest.mark.parametrize("texts", [["Xi a déclaré que oui.", "Il a dit."],
                                   ["La paix compte.", "Oui."]])
def test_a_malformed_date_is_still_an_error_without_any_actor_named(texts):
    # The actors' look-up is skipped where the document's scan found no alias; the date is
    # still read (once per document) where it was read before.
    with pytest.raises(ValueError, match="not an ISO date"):
        attribute_speakers(_two_statements(texts, "2024-13-45"))


def test_a_document_of_credits_never_reads_its_date():
    out = attribute_speakers(_two_statements(["(Xinhua/Li)", "PHOTO"], "2024-13-45"))
    assert out["speaker"].tolist() == ["narrator", "narrator"]
