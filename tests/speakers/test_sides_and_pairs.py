"""Fifth round of issue 13: word starts of inverted cues, a side as subject in English, two
described people of both sides as one subject (data/real/CONVENTIONS.md).

Written from the conventions before the code, on sentences made up for these tests (no
third-party text): rule 3 (an inverted cue is the person of the cue, its pronoun a whole
word), rule 6 (a description resolves to the person of the document: "the Chinese side" in
a Chinese speaker's account is that speaker, else the person of that side) and `joint` (a
view shared by both sides: "the Chinese minister and his Cambodian counterpart agreed").
"""

from __future__ import annotations

from discourse.speakers.attribution import attribute_speakers
from discourse.speakers.cues import read_cue_rules

from .test_real_conventions import statements_of


def _rows(*paragraphs, lang, date="2019-05-06"):
    out = attribute_speakers(statements_of(*paragraphs, lang=lang, date=date))
    return out[["speaker", "side"]].astype(object).where(out[["speaker", "side"]].notna(),
                                                         None).values.tolist()


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


def test_english_side_as_subject_resolves_like_la_partie():
    en = _rows(["Wang Yi met Prak Sokhonn in Beijing on Thursday."],
               ["Prak Sokhonn thanked China for its support.",
                "The Chinese side is ready to deepen cooperation with Cambodia."],
               ["Wang Yi praised Cambodia's growth.",
                "The Chinese side supports Cambodia's development path.",
                "The Cambodian side hopes to expand trade with China."],
               lang="en")
    assert en == [["narrator", None], ["prak_sokhonn", "KH"], ["wang_yi", "CN"],
                  ["wang_yi", "CN"], ["wang_yi", "CN"], ["prak_sokhonn", "KH"]]
    fr = _rows(["Wang Yi a rencontré Prak Sokhonn jeudi à Pékin."],
               ["Prak Sokhonn a remercié la Chine pour son aide.",
                "La partie chinoise est prête à approfondir la coopération avec le Cambodge."],
               ["Wang Yi a salué la croissance du Cambodge.",
                "La partie chinoise soutient la voie de développement du Cambodge.",
                "La partie cambodgienne espère développer le commerce avec la Chine."],
               lang="fr")
    assert fr == en


def test_the_side_alone_is_no_speaker():
    # "the north side of the river": a side with no demonym is no description of a person
    en = _rows(["Wang Yi met Prak Sokhonn in Beijing on Thursday."],
               ["Prak Sokhonn thanked China for its support.",
                "The north side of the bridge was opened to traffic in 2018."],
               lang="en")
    assert en[2] != ["wang_yi", "CN"]


def test_two_described_people_of_both_sides_are_joint():
    fr = _rows(["Wang Yi a rencontré Prak Sokhonn jeudi à Pékin."],
               ["Le ministre chinois et son homologue cambodgien ont salué les progrès "
                "de la coopération.",
                "Prak Sokhonn a remercié la Chine pour son aide."],
               lang="fr")
    en = _rows(["Wang Yi met Prak Sokhonn in Beijing on Thursday."],
               ["The Chinese minister and his Cambodian counterpart agreed to deepen "
                "cooperation.",
                "Prak Sokhonn thanked China for its support."],
               lang="en")
    expected = [["narrator", None], ["joint", "joint"], ["prak_sokhonn", "KH"]]
    assert fr == expected
    assert en == expected


def test_two_described_people_meeting_is_narration():
    en = _rows(["Wang Yi met Prak Sokhonn in Beijing on Thursday.",
                "The Chinese minister and his Cambodian counterpart signed three agreements."],
               lang="en")
    assert en[1] == ["narrator", None]


def test_a_name_and_a_description_are_joint_but_a_coordinated_title_is_one_person():
    fr = _rows(["Wang Yi a rencontré Prak Sokhonn jeudi à Pékin."],
               ["Wang Yi et son homologue cambodgien ont réaffirmé leur amitié.",
                "Le vice-Premier ministre et ministre des Affaires étrangères cambodgien a "
                "remercié la Chine."],
               lang="fr")
    en = _rows(["Wang Yi met Prak Sokhonn in Beijing on Thursday."],
               ["Wang Yi and his Cambodian counterpart reaffirmed their friendship.",
                "The Cambodian Deputy Prime Minister and Foreign Minister thanked China."],
               lang="en")
    expected = [["narrator", None], ["joint", "joint"], ["prak_sokhonn", "KH"]]
    assert fr == expected
    assert en == expected
