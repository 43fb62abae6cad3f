"""The patterns rewritten for speed find exactly what their plain reference forms find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.speakers import names

_U = "A-ZÀ-ÖØ-Þ"
#: The capitalised-run pattern as first written (lookbehind first): the specification.
_REFERENCE_RUN = re.compile(
    rf"(?<![\w'-])(?:[{names._ELIDED}]')?(?:(?:[{_U}]\.){{2,}}|[{_U}][\w'-]*\.?)"
    rf"(?:\s(?:(?:[{_U}]\.){{2,}}|[{_U}][\w'-]*\.?))*")

_CHARS = "dDlLaAxXÉéÞß'-. \n\t,«»1_" + "’"


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(text=st.text(alphabet=_CHARS, max_size=30))
def test_name_run_matches_its_reference(text):
    assert [m.span() for m in names._NAME_RUN.finditer(text)] == \
        [m.span() for m in _REFERENCE_RUN.finditer(text)]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.text(max_size=30))
def test_name_run_matches_its_reference_on_any_text(text):
    assert [m.span() for m in names._NAME_RUN.finditer(text)] == \
        [m.span() for m in _REFERENCE_RUN.finditer(text)]


def test_name_run_examples():
    text = "D'Souza et L'Inde, d'accord: H.E. Xi Jinping à Phnom Penh; l'ONU."
    assert [m.group() for m in names._NAME_RUN.finditer(text)] == [
        "D'Souza", "L'Inde", "H.E. Xi Jinping", "Phnom Penh", "l'ONU."]


def _pronoun_reference(lang: str) -> re.Pattern:
    from discourse.lang import get_language
    from discourse.speakers.phrases import alternation
    words = get_language(lang).data("cues").get("pronouns") or []
    return re.compile(rf"(?<![\w'-]){alternation(words)}(?![\w-])")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(parts=st.lists(st.sampled_from(["il", "elle", "he", "she", "ils", "the", "-", "'", " ",
                                       "a", "t", "s", "\n", "é", "_", "1", ","]), max_size=12))
def test_pronoun_pattern_matches_its_reference(parts):
    from discourse.speakers.cues import read_cue_rules
    text = "".join(parts)
    for lang, rules in read_cue_rules().items():
        want = [m.span() for m in _pronoun_reference(lang).finditer(text)]
        assert [m.span() for m in rules.pronouns.finditer(text)] == want
