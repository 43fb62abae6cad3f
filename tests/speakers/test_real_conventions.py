"""Attribution rules that follow the real readouts' conventions (data/real/CONVENTIONS.md).

Written from the conventions, on sentences made up for these tests (no third-party text).
"""

from __future__ import annotations

from discourse.speakers.attribution import attribute_speakers

from .test_attribution import statements_of


def test_an_exchange_of_views_that_lists_topics_is_narration_an_agreement_is_joint():
    fr = statements_of(["Xi Jinping a reçu le président Emmanuel Macron.",
                        "Les deux chefs d'État ont échangé sur la situation régionale.",
                        "Les deux chefs d'État sont aussi convenus de travailler ensemble.",
                        "Les deux parties sont convenues de renforcer les échanges."],
                       lang="fr", date="2024-05-06")
    en = statements_of(["Xi met Hun Manet.",
                        "The two sides also exchanged views on regional issues.",
                        "The two sides agreed to deepen cooperation."], lang="en",
                       date="2024-05-06")
    assert attribute_speakers(fr)["speaker"].tolist() == ["narrator", "narrator", "joint",
                                                          "joint"]
    assert attribute_speakers(en)["speaker"].tolist() == ["narrator", "narrator", "joint"]


def test_having_made_the_remarks_is_narration():
    st = statements_of(["Le ministre cambodgien Tea Banh a déclaré que la coopération est solide.",
                        "M. Banh a tenu ces propos alors qu'il coprésidait une réunion."],
                       lang="fr", date="2022-06-22")
    out = attribute_speakers(st)
    assert out["speaker"].tolist() == ["tea_banh", "narrator"]


def test_a_subject_speaks_across_an_unclosed_relative_clause_or_a_quotation_mark():
    st = statements_of(["Xi Jinping, qui voyage avec des chefs d'entreprise a redit son intérêt.",
                        "Xi Jinping, qui était accompagné de son épouse a rencontré M. Sall.",
                        "Le président Xi Jinping a par ailleurs « salué les progrès » du pays."],
                       lang="fr", date="2018-07-21")
    out = attribute_speakers(st)
    assert out["speaker"].tolist() == ["xi_jinping", "narrator", "xi_jinping"]


def test_a_group_that_signs_attends_or_witnesses_is_narration_even_after_speaking():
    fr = statements_of(["Xi Jinping a déclaré que la Chine soutient le Cambodge.",
                        "Hun Manet a remercié la Chine.",
                        "Les deux parties sont convenues de renforcer la coopération.",
                        "Xi Jinping et Hun Manet ont ensuite assisté à la signature d'accords.",
                        "Les deux parties ont signé un plan d'action."],
                       lang="fr", date="2024-05-06")
    en = statements_of(["Xi said China supports Cambodia.", "Hun Manet thanked China.",
                        "After the talks, the two leaders witnessed the signing of documents."],
                       lang="en", date="2024-05-06")
    assert attribute_speakers(fr)["speaker"].tolist() == ["xi_jinping", "hun_manet", "joint",
                                                          "narrator", "narrator"]
    assert attribute_speakers(en)["speaker"].tolist() == ["xi_jinping", "hun_manet",
                                                          "narrator"]


def test_an_event_that_will_be_held_is_background_not_the_last_speaker():
    st = statements_of(["Hun Manet a déclaré que le Cambodge soutient l'initiative.",
                        "Le forum se tiendra samedi à Beijing."], lang="fr", date="2024-05-06")
    assert attribute_speakers(st)["speaker"].tolist() == ["hun_manet", "narrator"]


def test_another_persons_meeting_told_inside_a_speakers_paragraph_is_the_speakers():
    en = statements_of(["Zhao Leji met Hun Manet in Beijing."],
                       ["Zhao Leji said that the two countries are close friends.",
                        "Last week, President Xi Jinping met with Prime Minister Hun Manet.",
                        "China is ready to work with Cambodia."],
                       ["Hun Manet said Cambodia values the friendship.",
                        "Xi Jinping attended the banquet."], lang="en", date="2024-05-06")
    assert attribute_speakers(en)["speaker"].tolist() == [
        "narrator", "zhao_leji", "zhao_leji", "zhao_leji", "hun_manet", "narrator"]


def test_a_speaker_who_spoke_at_a_meeting_is_narration_not_speech():
    st = statements_of(["Hun Manet a déclaré que la coopération est solide.",
                        "Il s'exprimait lors d'une rencontre avec Wang Yi.",
                        "Il s'est exprimé en faveur d'échanges plus nombreux."],
                       lang="fr", date="2024-05-06")
    assert attribute_speakers(st)["speaker"].tolist() == ["hun_manet", "narrator", "hun_manet"]


def test_according_to_a_pronoun_a_surname_or_a_described_name_is_that_persons():
    fr = statements_of(["Hun Manet a rencontré Wang Yi."],
                       ["Hun Manet a déclaré que le Cambodge soutient l'initiative."],
                       ["Selon lui, la coopération a beaucoup contribué au développement."],
                       ["D'après M. Wang, la Chine continuera à aider le Cambodge."],
                       ["Pour le ministre chinois des Affaires étrangères, Wang Yi, cette "
                        "visite est un succès."], lang="fr", date="2024-05-06")
    en = statements_of(["Hun Manet said Cambodia supports the initiative."],
                       ["According to him, cooperation has contributed a lot."],
                       lang="en", date="2024-05-06")
    assert attribute_speakers(fr)["speaker"].tolist() == [
        "narrator", "hun_manet", "hun_manet", "wang_yi", "wang_yi"]
    assert attribute_speakers(en)["speaker"].tolist() == ["hun_manet", "hun_manet"]


def test_a_named_pair_that_commits_or_agrees_is_joint_even_before_either_spoke():
    en = statements_of(["Cambodian Prime Minister Hun Manet and visiting Chinese Foreign "
                        "Minister Wang Yi agreed on Sunday to enhance cooperation."],
                       ["Hun Manet and Wang Yi renewed their commitment to the partnership."],
                       ["Hun Manet and Wang Yi attended the ceremony.",
                        "Hun Manet and Wang Yi also discussed regional issues."],
                       lang="en", date="2024-05-06")
    assert attribute_speakers(en)["speaker"].tolist() == ["joint", "joint", "narrator",
                                                          "narrator"]


def test_a_welcome_is_narration_and_a_phrase_before_a_name_is_not_its_title():
    en = statements_of(["President Hu Jintao met Prime Minister Hun Sen on Saturday."],
                       ["Meeting with Cambodia's King Norodom Sihamoni, Hu said China cherishes "
                        "the traditional ties."],
                       ["The king extended a warm welcome to Hu.",
                        "The king said Hu's visit is historically significant."],
                       ["Hun Sen warmly welcomed the visit of Hu Jintao."],
                       lang="en", date="2012-04-01")
    fr = statements_of(["M. Li a souhaité la bienvenue à Hun Sen.",
                        "Il a déclaré que la Chine soutient le Cambodge."],
                       lang="fr", date="2016-02-12")
    assert attribute_speakers(en)["speaker"].tolist() == [
        "narrator", "hu_jintao", "narrator", "norodom_sihamoni", "narrator"]
    assert attribute_speakers(fr)["speaker"].tolist() == ["narrator", "li_keqiang"]


def test_french_inverted_cues_with_an_apposition_or_a_cleft_and_a_broken_up_verb():
    st = statements_of(["Le Cambodge sera le premier pays reçu cette année, a annoncé vendredi "
                        "le ministre chinois des Affaires étrangères, Wang Yi.",
                        "Il a rencontré Hun Manet."],
                       ["La coopération doit s'approfondir.",
                        "C'est ce qu'a affirmé le Premier ministre cambodgien Hun Manet."],
                       ["Le ministre chinois des Affaires étrangères, a, pour sa part, adressé "
                        "ses félicitations au peuple cambodgien."],
                       lang="fr", date="2024-05-06")
    assert attribute_speakers(st)["speaker"].tolist() == [
        "wang_yi", "narrator", "hun_manet", "hun_manet", "wang_yi"]


def test_subjects_after_a_fronted_phrase_a_place_in_the_title_or_a_relative_clause():
    fr = statements_of(["Prak Sokhonn a rencontré Wang Yi à Phnom Penh.",
                        "Wang Yi a salué l'amitié entre les deux pays."],
                       ["À l'issue des entretiens, devant la presse, le ministre cambodgien "
                        "affiche sa satisfaction."],
                       ["L'ambassadeur de Chine au Cambodge Wang Wentian a souligné lors de la "
                        "cérémonie que les deux peuples se sont entraidés."],
                       ["Le ministre cambodgien, Prak Sokhonn, qui recevait mardi 5 mars, le "
                        "ministre chinois, Wang Yi, à sa résidence, à Phnom Penh, a réitéré sa "
                        "volonté de coopérer."], lang="fr", date="2024-03-05")
    assert attribute_speakers(fr)["speaker"].tolist() == [
        "narrator", "wang_yi", "prak_sokhonn", "wang_wentian", "prak_sokhonn"]


def test_a_headline_is_narration_and_both_after_a_meeting_is_joint():
    fr = statements_of(["Hun Manet réitère sa volonté de renforcer les relations avec la Chine"],
                       ["Hun Manet a réitéré sa volonté de renforcer les relations."],
                       lang="fr", date="2024-03-05")
    en = statements_of(["Wang Yi met Hun Manet on Monday, and both pledged to deepen "
                        "cooperation."], lang="en", date="2024-03-05")
    assert attribute_speakers(fr)["speaker"].tolist() == ["narrator", "hun_manet"]
    assert attribute_speakers(en)["speaker"].tolist() == ["joint"]


def test_a_stance_in_a_speakers_paragraph_stays_the_speakers_despite_a_year():
    en = statements_of(["Wang Yi said China and Cambodia are ironclad friends.",
                        "China is willing to celebrate the anniversary with Cambodia in 2028.",
                        "The canal will link Phnom Penh to the sea and is expected to cost "
                        "$1.7 billion in 2028."], lang="en", date="2024-03-05")
    assert attribute_speakers(en)["speaker"].tolist() == ["wang_yi", "wang_yi", "narrator"]


def test_words_reported_through_an_institution_are_the_persons_not_through_a_person():
    en = statements_of(["Hun Manet met Wang Yi in Phnom Penh."],
                       ["In a press statement, the ministry said Hun Manet stressed the need "
                        "for more trade.",
                        "Wang Yi noted that Hun Manet values the friendship."],
                       lang="en", date="2024-03-05")
    assert attribute_speakers(en)["speaker"].tolist() == ["narrator", "hun_manet", "wang_yi"]


def test_a_dateline_with_a_title_case_place_and_an_agency_is_not_a_name():
    en = statements_of(["Kampong Speu (FN), March 29 - General Tea Banh said that the exercise "
                        "was a success."], lang="en", date="2018-03-29")
    assert attribute_speakers(en)["speaker"].tolist() == ["tea_banh"]
