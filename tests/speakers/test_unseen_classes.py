"""Classes of attribution errors met on newly labelled readouts (data/real/CONVENTIONS.md).

Written from the conventions before any rule change, on sentences made up for these tests
(no third-party text), one test per class, in English and French where the class exists in
both. The gold speakers follow the conventions' rules: 1 (the subject decides only with a
verb of speech, view, feeling, wish, praise, thanks, commitment or call), 2 (a meeting
sentence that goes on with content), 5 (continuation), 8 (words passed on by a third
person), 9 (country as subject) and the cases met while labelling (remarks made at a
meeting, captions, groups tied to a side, a foreign country outside the meeting).
"""

from __future__ import annotations

from discourse.speakers.attribution import attribute_speakers

from .test_attribution import statements_of


def _speakers(*paragraphs, lang, date="2024-05-06"):
    return attribute_speakers(statements_of(*paragraphs, lang=lang, date=date))["speaker"].tolist()


# Class 1: the two countries / both sides with a factual verb inside a speaker's paragraph
# continue that speaker (rule 5); joint needs a shared verb of speech or stance; outside a
# speaker's paragraph such a sentence is narration.

def test_two_countries_doing_things_inside_a_speakers_paragraph_are_the_speakers_en():
    out = _speakers(["Wang Yi met Prak Sokhonn in Phnom Penh."],
                    ["Wang Yi said China and Cambodia are ironclad friends.",
                     "The two countries have deepened mutual trust and expanded trade.",
                     "China and Cambodia have established a model of mutual respect.",
                     "Both sides have maintained close high-level exchanges.",
                     "China is ready to deepen cooperation with Cambodia."],
                    ["The two sides agreed to strengthen cooperation on security."],
                    lang="en")
    assert out == ["narrator", "wang_yi", "wang_yi", "wang_yi", "wang_yi", "wang_yi",
                   "joint"]


def test_two_countries_doing_things_inside_a_speakers_paragraph_are_the_speakers_fr():
    out = _speakers(["Wang Yi s'est entretenu avec Prak Sokhonn à Phnom Penh."],
                    ["Wang Yi a déclaré que la Chine et le Cambodge sont des amis de fer.",
                     "Les deux pays ont mis en place un cadre de coopération multidimensionnel.",
                     "La Chine et le Cambodge se sont soutenus face à l'épidémie.",
                     "La Chine est prête à approfondir la coopération avec le Cambodge."],
                    ["Les deux parties se sont engagées à renforcer les échanges."],
                    lang="fr")
    assert out == ["narrator", "wang_yi", "wang_yi", "wang_yi", "wang_yi", "joint"]


def test_the_two_countries_that_agree_are_joint_even_inside_a_speakers_paragraph():
    en = _speakers(["Wang Yi said China values the friendship.",
                    "The two countries agreed to expand trade."], lang="en")
    fr = _speakers(["Wang Yi a déclaré que la Chine tient à cette amitié.",
                    "Les deux pays sont convenus d'accroître leurs échanges."], lang="fr")
    assert en == ["wang_yi", "joint"]
    assert fr == ["wang_yi", "joint"]


# Class 3: events, careers and movements told with a person as subject are narration;
# only verbs of speech, view, feeling, wish, praise, thanks, commitment or call make a
# statement (rule 1).

def test_events_careers_and_movements_of_a_person_are_narration_en():
    out = _speakers(["Premier Li Keqiang stayed in Phnom Penh for less than 24 hours."],
                    ["Hun Sen ruled Cambodia for almost four decades."],
                    ["Ambassador Wang Wentian replaced his predecessor last month."],
                    ["Wang Yi on Sunday exchanged views on the Myanmar issue with Prak "
                     "Sokhonn."],
                    ["Hun Manet praised China's support."],
                    lang="en", date="2021-09-12")
    assert out == ["narrator", "narrator", "narrator", "narrator", "hun_manet"]


def test_events_careers_and_movements_of_a_person_are_narration_fr():
    out = _speakers(["Le Premier ministre Li Keqiang a séjourné moins de 24 heures à Phnom "
                     "Penh."],
                    ["Hun Sen a gouverné le Cambodge pendant près de quatre décennies."],
                    ["L'ambassadeur Wang Wentian a remplacé son prédécesseur le mois dernier."],
                    ["Hun Manet a salué le soutien de la Chine."],
                    lang="fr", date="2021-09-12")
    assert out == ["narrator", "narrator", "narrator", "hun_manet"]


# Class 5: "X made the remarks during a meeting with Y" and captions are narration.

def test_remarks_made_at_a_meeting_are_narration():
    en = _speakers(["Hun Manet said Cambodia supports the one-China policy.",
                    "Hun Manet made the remarks during a meeting with Wang Yi."],
                   ["The remarks were made at the talks in Phnom Penh."], lang="en")
    fr = _speakers(["Hun Manet a déclaré que le Cambodge soutient la politique d'une seule "
                    "Chine.", "Hun Manet a fait ces remarques lors d'une rencontre avec "
                    "Wang Yi."], lang="fr")
    assert en == ["hun_manet", "narrator", "narrator"]
    assert fr == ["hun_manet", "narrator"]


# Class 2: a meeting sentence that goes on with content is the subject's (rule 2, lead).

def test_a_meeting_sentence_that_goes_on_with_content_is_the_subjects_en():
    out = _speakers(["Ambassador Wang Wentian paid a courtesy call on Prime Minister Hun Manet "
                     "and pledged to further enhance bilateral relations."],
                    ["Hun Manet met with Xi Jinping in Beijing, in which he requested more "
                     "aid from China."],
                    ["Hun Manet met Wang Yi on Monday, during which he said Cambodia values "
                     "the friendship."],
                    ["Wang Yi visited the port and observed a demonstration."],
                    lang="en")
    assert out == ["wang_wentian", "hun_manet", "hun_manet", "narrator"]


def test_a_meeting_sentence_that_goes_on_with_content_is_the_subjects_fr():
    out = _speakers(["Le président Xi Jinping a rencontré mardi le Premier ministre Hun Manet "
                     "et a appelé à renforcer les relations entre les deux pays."],
                    ["Wang Yi a reçu Prak Sokhonn et s'est engagé à approfondir la "
                     "coopération."],
                    ["Wang Yi a reçu Prak Sokhonn et a visité le port."],
                    lang="fr")
    assert out == ["xi_jinping", "wang_yi", "narrator"]


# Class 4: words passed on by a third person are the original speaker's (rule 8), and so
# are the sentences carried after them.

def test_words_passed_on_by_a_third_person_are_the_original_speakers_en():
    out = _speakers(["Wang Yi met Hun Manet at the Peace Palace on Monday."],
                    ["After the meeting, the spokesman Pen Bona told reporters that Mr Wang "
                     "said China supports Cambodia's development."],
                    ["China will continue to help Cambodia build roads."],
                    ["The post quoted Xi Jinping as saying that China supports Cambodia."],
                    lang="en")
    assert out == ["narrator", "wang_yi", "wang_yi", "xi_jinping"]


def test_words_passed_on_by_a_third_person_are_the_original_speakers_fr():
    out = _speakers(["Wang Yi a rencontré Hun Manet lundi au palais de la Paix."],
                    ["Après la rencontre, le porte-parole Pen Bona a déclaré aux journalistes "
                     "que M. Wang a dit que la Chine soutient le développement du Cambodge."],
                    ["La Chine continuera à aider le Cambodge à construire des routes."],
                    lang="fr")
    assert out == ["narrator", "wang_yi", "wang_yi"]


def test_a_caption_closed_by_a_credit_is_narration_even_when_it_reports_a_speaker():
    en = _speakers(["Xi Jinping meets with Hun Manet in Beijing, Sept. 15, 2023.",
                    "Xi said bilateral relations have developed at a high level.",
                    "PANG XINGLEI / XINHUA"],
                   ["Xi Jinping said China supports Cambodia."], lang="en", date="2023-09-15")
    fr = _speakers(["Xi Jinping rencontre Hun Manet à Pékin, le 15 septembre 2023.",
                    "Xi a déclaré que les relations ont atteint un haut niveau.",
                    "PANG XINGLEI / XINHUA"],
                   ["Xi Jinping a déclaré que la Chine soutient le Cambodge."], lang="fr",
                   date="2023-09-15")
    assert en == ["narrator", "narrator", "narrator", "xi_jinping"]
    assert fr == ["narrator", "narrator", "narrator", "xi_jinping"]


# Class 6: a named group tied to a side is that side's principal speaker; a foreign
# country outside the meeting named only as a country is unknown with its code as side.

def test_a_group_tied_to_a_side_is_that_sides_principal_speaker():
    en = statements_of(["Zhao Leji held talks with Prime Minister Hun Manet in Phnom Penh."],
                       ["Zhao Leji said China is willing to deepen exchanges."],
                       ["Cambodian officials appreciated the friendly relations and "
                        "reiterated Cambodia's adherence to the one-China principle."],
                       lang="en", date="2024-05-24")
    fr = statements_of(["Zhao Leji s'est entretenu avec le Premier ministre Hun Manet."],
                       ["Zhao Leji a déclaré que la Chine est prête à approfondir les "
                        "échanges."],
                       ["Les responsables cambodgiens ont salué les relations amicales."],
                       lang="fr", date="2024-05-24")
    for st in (en, fr):
        out = attribute_speakers(st)
        assert out["speaker"].tolist() == ["narrator", "zhao_leji", "hun_manet"]
        assert out["side"].tolist()[-1] == "KH"


def test_a_foreign_country_outside_the_meeting_is_unknown_with_its_side():
    en = attribute_speakers(statements_of(
        ["Hun Manet said Cambodia makes friends with all countries."],
        ["The U.S. has also donated vaccines to Cambodia."],
        ["In recent months, the U.S. has expressed concern about the ties and urged "
         "Cambodia's leaders to keep a balanced foreign policy."],
        lang="en", date="2024-05-06"))
    fr = attribute_speakers(statements_of(
        ["Hun Manet a déclaré que le Cambodge est l'ami de tous les pays."],
        ["Les États-Unis ont exprimé leur inquiétude au sujet de ces liens."],
        lang="fr", date="2024-05-06"))
    assert en["speaker"].tolist() == ["hun_manet", "narrator", "unknown"]
    assert en["side"].tolist()[-1] == "US"
    assert fr["speaker"].tolist() == ["hun_manet", "unknown"]
    assert fr["side"].tolist()[-1] == "US"


# Groups of two countries that agree, and a speaker's account of what the two countries
# agreed (rules 3 and 9).

def test_a_group_of_two_countries_that_agrees_is_joint():
    en = _speakers(["Hun Manet met Xi Jinping in Beijing."],
                   ["The leaders of Cambodia and China spoke highly of the cooperation."],
                   lang="en")
    fr = _speakers(["Hun Manet a rencontré Xi Jinping à Pékin."],
                   ["Le Cambodge et la Chine sont tombés d'accord sur plusieurs points."],
                   lang="fr")
    assert en == ["narrator", "joint"]
    assert fr == ["narrator", "joint"]


def test_what_the_two_countries_agreed_told_by_a_speaker_is_the_speakers():
    en = _speakers(["Hun Manet met Xi Jinping in Beijing."],
                   ["In the talks, the two countries agreed to increase trade, Hun Manet "
                    "said."], lang="en")
    assert en == ["narrator", "hun_manet"]


def test_a_whole_quotation_with_its_inverted_cue_does_not_claim_the_narration_before_it():
    fr = _speakers(["L'ambassade de Chine a ouvert ses portes le 12 juillet à Ouagadougou.",
                    "« Bienvenue au Burkina Faso », a déclaré le Premier ministre Hun Manet."],
                   lang="fr")
    en = _speakers(["The embassy opened its doors on July 12 in Phnom Penh.",
                    "“Welcome to Cambodia,” Prime Minister Hun Manet said."], lang="en")
    assert fr == ["narrator", "hun_manet"]
    assert en == ["narrator", "hun_manet"]
