"""Attribution classes that must hold on unseen text (issue 13, sixth round).

Written from data/real/CONVENTIONS.md before the rules were changed, on sentences made up
for these tests (no third-party text; the people outside the default actors file are
invented), in English and French where the class exists in both. Each test names the
convention it follows: rule 1 (the subject decides, whatever the verb), rule 5
(continuation), rule 6 (descriptions resolve to the person of that side in the document)
and the pronoun rule (a pronoun refers to the last person who was a subject, of any
clause).
"""

from __future__ import annotations

import pandas as pd

from discourse.speakers.attribution import attribute_speakers

from .test_attribution import statements_of


def _speakers(*paragraphs, lang, date="2024-05-06"):
    return attribute_speakers(statements_of(*paragraphs, lang=lang, date=date))["speaker"].tolist()


def _rows(*paragraphs, lang, date="2024-05-06"):
    out = attribute_speakers(statements_of(*paragraphs, lang=lang, date=date))
    return [(s, None if pd.isna(d) else d) for s, d in zip(out["speaker"], out["side"])]


# A description followed by its verb and then a name ("The king asked Wang to ..."): the
# verb belongs to the description, not to a title of the name after it (rule 1, rule 6).

def test_a_description_then_its_verb_then_a_name_is_the_descriptions_statement_en():
    out = _speakers(["Chinese Foreign Minister Wang Yi met Cambodian King Norodom Sihamoni "
                     "in Phnom Penh on Monday."],
                    ["The king asked Wang to convey his greetings to President Xi Jinping, "
                     "saying that the friendship between the two peoples is unbreakable."],
                    ["He also voiced appreciation for China's long-standing support."],
                    lang="en")
    assert out == ["narrator", "norodom_sihamoni", "norodom_sihamoni"]


def test_a_description_then_its_verb_then_a_name_is_the_descriptions_statement_fr():
    out = _speakers(["Le ministre chinois des Affaires étrangères Wang Yi a rencontré lundi "
                     "le roi du Cambodge Norodom Sihamoni à Phnom Penh."],
                    ["Le roi a prié Wang de transmettre ses salutations au président Xi "
                     "Jinping."],
                    ["Il a également exprimé sa gratitude pour le soutien de la Chine."],
                    lang="fr")
    assert out == ["narrator", "norodom_sihamoni", "norodom_sihamoni"]


# Rule 1 with a verb in the present tense, not in any verb list: a person subject followed
# by its finite verb is that person's statement.

def test_a_person_subject_with_a_present_tense_verb_speaks_en():
    out = _speakers(["Chinese Premier Li Qiang met Ghanaian Vice President Kofi Mensah-Boateng "
                     "in Beijing on Tuesday."],
                    ["Mr Mensah-Boateng believes the partnership will bring jobs to Ghana.",
                     "Li intends to visit Accra next year to review the projects."],
                    lang="en")
    assert out == ["narrator", "kofi_mensah_boateng", "li_qiang"]


def test_a_person_subject_with_a_present_tense_verb_speaks_fr():
    out = _speakers(["Le Premier ministre chinois Li Qiang a reçu mardi à Pékin le "
                     "vice-président ghanéen Kofi Mensah-Boateng."],
                    ["M. Mensah-Boateng juge ce partenariat exemplaire pour le Ghana.",
                     "Li Qiang espère renforcer les échanges entre les deux pays."],
                    lang="fr")
    assert out == ["narrator", "kofi_mensah_boateng", "li_qiang"]


# A country or a capital alone before a verb is not a person (rule 9: a country's words
# are its speaker's in a paragraph, or the narrator's facts).

def test_a_country_or_a_capital_alone_before_a_verb_is_not_a_person():
    out = _speakers(["Wang Yi met Hun Manet in Phnom Penh."],
                    ["Washington expressed concern about the base.",
                     "Cambodia expressed gratitude for the aid."], lang="en")
    assert out[1] != "washington" and out[2] != "cambodia"


# A pronoun refers to the last person who was a subject, also the subject of a second
# clause of the previous sentence ("X pledged ..., and Y, in his speech, highlighted ...").

def test_a_pronoun_after_a_coordinated_second_subject_is_that_subjects_en():
    out = _speakers(["Chinese President Xi Jinping met Gabonese President Paul Ondimba in "
                     "Beijing."],
                    ["Xi pledged to deepen cooperation, and Ondimba, in his speech, "
                     "highlighted the fruitful partnership.",
                     "He also stressed the role of Chinese investment in Gabon."],
                    lang="en")
    assert out == ["narrator", "xi_jinping", "paul_ondimba"]


def test_a_pronoun_after_a_coordinated_second_subject_is_that_subjects_fr():
    out = _speakers(["Le président chinois Xi Jinping a rencontré le président gabonais Paul "
                     "Ondimba à Pékin."],
                    ["Xi Jinping s'est engagé à renforcer la coopération, et M. Ondimba, dans "
                     "son discours, a salué le partenariat.",
                     "Il a notamment souligné le rôle des investissements chinois."],
                    lang="fr")
    assert out == ["narrator", "xi_jinping", "paul_ondimba"]


# Rule 6 with a nationality the lexicon must know: a description by nationality and role
# is the person of that side in the document.

def test_a_description_by_any_nationality_is_the_person_of_that_side_en():
    out = _rows(["Chinese President Xi Jinping met Malagasy President Andry Ravelo in "
                 "Beijing on Friday."],
                ["The Malagasy leader thanked China for its support.",
                 "The Chinese president said China values the friendship."],
                lang="en")
    assert out == [("narrator", None), ("andry_ravelo", "MG"), ("xi_jinping", "CN")]


def test_a_description_by_any_nationality_is_the_person_of_that_side_fr():
    out = _rows(["Le président chinois Xi Jinping s'est entretenu avec le président kényan "
                 "William Kamau à Pékin."],
                ["Le dirigeant kényan a salué le soutien de la Chine.",
                 "Le président chinois a déclaré que la Chine tient à cette amitié."],
                lang="fr")
    assert out == [("narrator", None), ("william_kamau", "KE"), ("xi_jinping", "CN")]


def test_a_party_description_is_the_person_of_that_partys_side():
    out = _speakers(["Liu Yunshan, a member of the Standing Committee of the Political Bureau "
                     "of the CPC Central Committee, met Prime Minister Hun Sen on Monday."],
                    ["The senior CPC leader said this is his third visit to Cambodia."],
                    lang="en", date="2017-09-21")
    assert out == ["narrator", "liu_yunshan"]


# Rule 5 and rule 9: a country of the last speaker's side that states a wish or a
# commitment in the next paragraph goes on with that speaker.

def test_a_country_of_the_speakers_side_stating_a_wish_continues_the_speaker_en():
    out = _speakers(["Chinese Foreign Minister Wang Yi met Cambodian King Norodom Sihamoni "
                     "in Phnom Penh on Monday."],
                    ["The king said the friendship between the two peoples is unbreakable."],
                    ["As cooperation grows, Cambodia expects to join hands with China to "
                     "push the relations forward."],
                    lang="en")
    assert out == ["narrator", "norodom_sihamoni", "norodom_sihamoni"]


def test_a_country_of_the_speakers_side_stating_a_wish_continues_the_speaker_fr():
    out = _speakers(["Le ministre chinois des Affaires étrangères Wang Yi a rencontré lundi "
                     "le roi du Cambodge Norodom Sihamoni à Phnom Penh."],
                    ["Le roi a déclaré que l'amitié entre les deux peuples est indéfectible."],
                    ["Le Cambodge compte unir ses efforts à ceux de la Chine pour porter les "
                     "relations à un niveau supérieur."],
                    lang="fr")
    assert out == ["narrator", "norodom_sihamoni", "norodom_sihamoni"]


# Rule 6: a description that fits two people of the document equally ("the president",
# two presidents) is the one named most recently, whatever words each mention carried.

def test_a_description_fitting_two_people_is_the_one_named_last_en():
    out = _speakers(["President Samuel Kiprono and Chinese President Xi Jinping held talks "
                     "in Beijing on Wednesday."],
                    ["Kiprono said this year marks 60 years of friendship with China."],
                    ["The president said the railway has transformed connectivity."],
                    lang="en")
    assert out == ["narrator", "samuel_kiprono", "samuel_kiprono"]


def test_a_description_fitting_two_people_is_the_one_named_last_fr():
    out = _speakers(["Le président Samuel Kiprono et le président chinois Xi Jinping se sont "
                     "entretenus mercredi à Pékin."],
                    ["M. Kiprono a déclaré que cette année marque 60 ans d'amitié."],
                    ["Le président a ajouté que le chemin de fer a transformé le pays."],
                    lang="fr")
    assert out == ["narrator", "samuel_kiprono", "samuel_kiprono"]


# Rule 3 across the splitter: a quotation followed in its paragraph by a sentence that is
# only its cue ('"...," then "Wang said."') is the person of that cue.

def test_a_quotation_then_a_sentence_that_is_only_its_cue_is_that_persons_en():
    out = _speakers(["Kenyan President Samuel Kiprono met Wang Yi in Nairobi."],
                    ["Kiprono said Kenya values the partnership."],
                    ["“Since the establishment of diplomatic ties, China and Kenya have "
                     "treated each other as equals.”", "Wang said."],
                    lang="en")
    assert out == ["narrator", "samuel_kiprono", "wang_yi", "wang_yi"]


def test_a_quotation_then_a_sentence_that_is_only_its_cue_is_that_persons_fr():
    out = _speakers(["Le président kényan Samuel Kiprono a reçu Wang Yi à Nairobi."],
                    ["M. Kiprono a déclaré que le Kenya tient à ce partenariat."],
                    ["« Depuis l'établissement des relations, la Chine et le Kenya se traitent "
                     "d'égal à égal. »", "Wang Yi a déclaré."],
                    lang="fr")
    assert out == ["narrator", "samuel_kiprono", "wang_yi", "wang_yi"]


# The pronoun rule after a pair: "A et son homologue B ont exprimé ..." then "Il a exprimé
# ...": the head of the pair, the person named first (never unknown).

def test_a_pronoun_after_a_pair_is_the_pairs_first_person_fr():
    out = _speakers(["Le ministre chinois des Affaires étrangères Wang Yi et son homologue "
                     "congolais, Jean-Pierre Mabiala, ont exprimé vendredi l'engagement de "
                     "leurs pays à travailler ensemble."],
                    ["Il a exprimé la volonté de la Chine de mettre en oeuvre les résultats du "
                     "sommet."],
                    lang="fr", date="2025-01-10")
    assert out == ["joint", "wang_yi"]


def test_a_pronoun_after_a_pair_is_the_pairs_first_person_en():
    out = _speakers(["Chinese Foreign Minister Wang Yi and his Congolese counterpart "
                     "Jean-Pierre Mabiala pledged on Friday to deepen cooperation."],
                    ["He said China is willing to implement the outcomes of the summit."],
                    lang="en", date="2025-01-10")
    assert out == ["joint", "wang_yi"]


# Rule 2 with a joint clause: a meeting sentence that goes on with what both sides agreed
# or pledged ("..., with both sides pledging to ...", "..., et les deux responsables ont
# accepté de ...") is joint.

def test_a_meeting_sentence_that_goes_on_with_a_joint_commitment_is_joint_en():
    out = _speakers(["Kenyan President Samuel Kiprono has met with Wang Yi in Nairobi, with "
                     "both sides pledging to deepen Belt and Road cooperation."],
                    lang="en", date="2023-07-22")
    assert out == ["joint"]


def test_a_meeting_sentence_that_goes_on_with_a_joint_commitment_is_joint_fr():
    out = _speakers(["Le Premier ministre cambodgien Hun Sen a rencontré vendredi Wang Yi, et "
                     "les deux responsables ont accepté de renforcer les relations "
                     "bilatérales."],
                    lang="fr", date="2023-07-22")
    assert out == ["joint"]


# Joint statements with a stance told by an adjective ("were pleased", "se sont dits
# satisfaits"): the view of both sides.

def test_both_sides_pleased_or_satisfied_is_joint():
    en = _speakers(["Wang Yi met Thai Prime Minister Somchai Ruangrit in Bangkok."],
                   ["Both parties were also pleased with the growth of trade."], lang="en")
    fr = _speakers(["Wang Yi a rencontré le Premier ministre thaïlandais Somchai Ruangrit."],
                   ["Les deux parties se sont dites satisfaites de la croissance des échanges."],
                   lang="fr")
    assert en == ["narrator", "joint"] and fr == ["narrator", "joint"]


# Titles: "PM X" is X with a title (the person named in full before), not a person "PM X".

def test_pm_is_a_title():
    out = _speakers(["Prime Minister Somchai Ruangrit met Wang Yi in Bangkok."],
                    ["PM Somchai expressed her satisfaction with the visit."], lang="en")
    assert out == ["narrator", "somchai_ruangrit"]


# A country that speaks outside a speaker's paragraph (after the narrator's or a joint
# statement) is its side's person in the document (CONVENTIONS.md: a side named only by
# its side is that side's principal speaker).

def test_a_country_that_speaks_after_a_joint_statement_is_its_sides_person():
    fr = _speakers(["Le président burkinabè Issa Kaboré a reçu l'envoyé spécial chinois "
                    "Zhang Ming."],
                   ["Les deux pays ont salué l'excellence de leurs relations."],
                   ["La Chine a également réaffirmé son soutien aux efforts du Burkina Faso."],
                   lang="fr")
    en = _speakers(["Burkinabe President Issa Kabore received Chinese special envoy Zhang "
                    "Ming."],
                   ["The two countries hailed their excellent relations."],
                   ["China also reaffirmed its support for Burkina Faso's efforts."],
                   lang="en")
    assert fr == ["narrator", "joint", "zhang_ming"] and en == ["narrator", "joint", "zhang_ming"]


def test_a_country_inside_another_speakers_paragraph_stays_that_speakers():
    out = _speakers(["Hun Manet met Wang Yi in Phnom Penh."],
                    ["Hun Manet said Cambodia values the friendship.",
                     "China is willing to help Cambodia build more roads."],
                    lang="en")
    assert out[1:] == ["hun_manet", "hun_manet"]


# Rule 1 with a time adverb between the subject and its verb ("Hun Manet yesterday
# praised ...", "Hun Manet a récemment salué ...").

def test_a_time_adverb_between_the_subject_and_its_verb():
    en = _speakers(["Prime Minister Hun Manet yesterday praised China's support for the "
                    "canal.", "Wang Yi today reaffirmed China's commitment."], lang="en")
    fr = _speakers(["Le Premier ministre Hun Manet a récemment salué le soutien de la Chine."],
                   lang="fr")
    assert en == ["hun_manet", "wang_yi"] and fr == ["hun_manet"]
