"""People in neither the actors file nor any known list: their id is the fullest form.

CONVENTIONS.md: "Write the full name as the document gives it at its fullest". Honorifics
and ranks before a name ("Hon.", "Col", "Prof", "M" without its full stop) and a
parliamentary post after it ("MP") are titles, not part of the name, so a later short form
("Prime Minister Doe", "M Tanaka") names the same person. Made-up sentences and people.
"""

from __future__ import annotations

from discourse.speakers.attribution import attribute_speakers

from .test_attribution import statements_of


def _speakers(*paragraphs, lang, date="2024-05-06"):
    return attribute_speakers(statements_of(*paragraphs, lang=lang, date=date))["speaker"].tolist()


def test_honorifics_around_a_name_are_not_part_of_its_id_en():
    out = _speakers(["Prime Minister Hon. Jonah Talakia MP had a meeting with Wang Yi."],
                    ["Prime Minister Talakia assured Wang Yi of his country's support.",
                     "He added that the partnership keeps growing."], lang="en")
    assert out == ["narrator", "jonah_talakia", "jonah_talakia"]


def test_military_and_academic_ranks_without_full_stop_are_titles_en():
    out = _speakers(["Col Aran Pitsanu said the talks went well.",
                     "Prof Dara Keomany stressed that trade must grow."], lang="en")
    assert out == ["aran_pitsanu", "dara_keomany"]


def test_m_without_full_stop_is_monsieur_fr():
    out = _speakers(["Le ministre Jean-Luc Agossa a reçu Wang Yi à Cotonou."],
                    ["M Agossa a salué le soutien de la Chine.",
                     "M. Agossa a ajouté que la coopération doit s'étendre."], lang="fr")
    assert out == ["narrator", "jean_luc_agossa", "jean_luc_agossa"]
