"""Fifth round of issue 13: word starts of inverted cues, a side as subject in English, two
described people of both sides as one subject (data/real/CONVENTIONS.md).

Written from the conventions before the code, on sentences made up for these tests (no
third-party text): rule 3 (an inverted cue is the person of the cue, its pronoun a whole
word), rule 6 (a description resolves to the person of the document: "the Chinese side" in
a Chinese speaker's account is that speaker, else the person of that side) and `joint` (a
view shared by both sides: "the Chinese minister and his Cambodian counterpart agreed").
"""

from __future__ import annotations

from discourse.speakers.cues import read_cue_rules


def _inverted(lang: str, text: str) -> list[str]:
    return [m.group() for m in read_cue_rules()[lang].inv_pronoun.finditer(text, 0)]


def test_an_inverted_pronoun_is_a_whole_word():
    assert _inverted("en", "china will help, she said.") == ["she said"]
    assert _inverted("en", "china will help, tshe said.") == []
    assert _inverted("en", "china will help, ashe said.") == []
    assert _inverted("en", "china will help, they said.") == ["they said"]
    assert _inverted("fr", "la chine aidera, a-t-il ajoute.") == ["a-t-il ajoute"]
    assert _inverted("fr", "la chine aidera, va-t-il ajoute.") == []
    assert _inverted("fr", "la chine aidera, a-t-elle souligne.") == ["a-t-elle souligne"]
    assert _inverted("fr", "la chine aidera, la-t-elle souligne.") == []
