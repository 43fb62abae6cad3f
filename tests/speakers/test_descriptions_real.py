"""Descriptions resolved by side and role (data/real/CONVENTIONS.md rule 6), and the other
classes of the fourth round: surnames after a full name, institutions, experts, joint
countries.

Written from the conventions, before the rules, on sentences made up for these tests (no
third-party text). A description resolves to the person of its side (its demonym, or the
other side of the last speaker for "son homologue" / "his counterpart") and role (its title
words) present in the document, else to a person of its side, else to an unknown person of
that side; a description as subject speaks whatever the verb, as a name does.
"""

from __future__ import annotations

from discourse.speakers.attribution import attribute_speakers

from .test_real_conventions import statements_of


def _speakers(*paragraphs, lang, date="2019-05-06"):
    return attribute_speakers(statements_of(*paragraphs, lang=lang, date=date))


def test_french_descriptions_resolve_by_side_and_role():
    out = _speakers(["Wang Yi a rencontré Prak Sokhonn jeudi à Pékin."],
                    ["Le conseiller d'État chinois a salué les progrès du Cambodge."],
                    ["Le chef de la diplomatie cambodgienne a remercié la Chine pour son aide."],
                    ["Son homologue chinois a souligné l'amitié entre les deux pays."],
                    ["Le ministre cambodgien se félicite de ces résultats."],
                    lang="fr")
    assert out["speaker"].tolist() == ["narrator", "wang_yi", "prak_sokhonn", "wang_yi",
                                       "prak_sokhonn"]


def test_english_descriptions_resolve_by_side_and_role():
    out = _speakers(["Wang Yi met with Prak Sokhonn in Beijing on Thursday."],
                    ["The visiting Cambodian minister thanked China for its support."],
                    ["His Chinese counterpart hailed the friendship between the two countries."],
                    ["The Cambodian diplomat is optimistic about the future of the ties."],
                    ["The Chinese state councilor also spoke highly of Cambodia's growth."],
                    lang="en")
    assert out["speaker"].tolist() == ["narrator", "prak_sokhonn", "wang_yi",
                                       "prak_sokhonn", "wang_yi"]


def test_counterpart_is_the_other_side_of_the_last_speaker():
    fr = _speakers(["Hun Manet a reçu Wang Yi à Phnom Penh.",
                    "Hun Manet a déclaré que le Cambodge soutient la Chine.",
                    "Son homologue a salué l'amitié entre les deux pays."],
                   lang="fr", date="2024-05-06")
    en = _speakers(["Wang Yi met Hun Manet in Phnom Penh.",
                    "Wang Yi said China supports Cambodia.",
                    "His counterpart thanked China for its help."],
                   lang="en", date="2024-05-06")
    assert fr["speaker"].tolist()[1:] == ["hun_manet", "wang_yi"]
    assert en["speaker"].tolist()[1:] == ["wang_yi", "hun_manet"]


def test_the_host_and_the_guest():
    en = _speakers(["Hun Manet received visiting Wang Yi in Phnom Penh on Monday.",
                    "The host said Cambodia values its ties with China.",
                    "The guest thanked Cambodia for its warm hospitality."],
                   lang="en", date="2024-05-06")
    assert en["speaker"].tolist() == ["narrator", "hun_manet", "wang_yi"]


def test_a_role_without_demonym_resolves_to_the_person_of_that_role():
    fr = _speakers(["Hun Manet a reçu Wang Yi à Phnom Penh.",
                    "Wang Yi a déclaré que la Chine soutient le Cambodge.",
                    "Le Premier ministre a remercié la Chine pour son aide."],
                   lang="fr", date="2024-05-06")
    en = _speakers(["Hun Manet received Wang Yi in Phnom Penh.",
                    "Wang Yi said China supports Cambodia.",
                    "The Cambodian leader thanked China for its help."],
                   lang="en", date="2024-05-06")
    assert fr["speaker"].tolist()[2] == "hun_manet"
    assert en["speaker"].tolist()[2] == "hun_manet"


def test_a_description_of_a_side_nobody_of_the_document_holds_keeps_the_side():
    fr = _speakers(["Wang Yi a rencontré Prak Sokhonn à Vientiane.",
                    "Wang Yi a déclaré que la Chine soutient l'ASEAN.",
                    "Le ministre laotien a salué le rôle de la Chine."],
                   lang="fr", date="2019-05-06")
    en = _speakers(["Wang Yi met Prak Sokhonn in Vientiane.",
                    "Wang Yi said China supports ASEAN.",
                    "The Lao minister praised China's role."],
                   lang="en", date="2019-05-06")
    for out in (fr, en):
        assert out["speaker"].tolist()[2] == "unknown"
        assert out["side"].tolist()[2] == "LA"


def test_a_description_opening_the_document_before_the_name():
    en = _speakers(["Visiting Chinese minister has applauded Cambodia's growth and "
                    "reiterated China's support.",
                    "Chinese Foreign Minister Wang Yi shared the view during a meeting with "
                    "Prak Sokhonn on Monday."],
                   lang="en", date="2019-05-06")
    assert en["speaker"].tolist()[0] == "wang_yi"
    assert en["side"].tolist()[0] == "CN"


def test_a_surname_alone_after_the_full_name_is_that_person():
    fr = _speakers(["Le vice-Premier ministre Prak Sokhonn a reçu M. Wang.",
                    "M. Sokhonn a affirmé que le Cambodge soutient la Chine.",
                    "Prak a ajouté que les échanges se multiplieront."],
                   lang="fr", date="2019-05-06")
    en = _speakers(["Prime Minister Hun Sen received Wang Yi.",
                    "Hun said Cambodia backs China's position."],
                   lang="en", date="2019-05-06")
    assert fr["speaker"].tolist()[1:] == ["prak_sokhonn", "prak_sokhonn"]
    assert en["speaker"].tolist()[1] == "hun_sen"


def test_an_institution_is_its_side_not_a_person_and_experts_are_unknown():
    en = _speakers(["Wang Yi met Prak Sokhonn in Beijing.",
                    "The Ministry said the two countries will deepen their cooperation.",
                    "Experts said the ties have brought benefits to both peoples."],
                   lang="en", date="2019-05-06")
    assert en["speaker"].tolist()[2] == "unknown"
    assert en["speaker"].tolist()[1] not in ("wang_yi", "prak_sokhonn", "narrator")


def test_two_countries_as_one_subject_are_joint():
    en = _speakers(["Wang Yi met Prak Sokhonn in Beijing.",
                    "Both China and Cambodia have agreed to pursue dialogue.",
                    "Cambodia and China are committed to strengthening their relations."],
                   lang="en", date="2019-05-06")
    assert en["speaker"].tolist()[1:] == ["joint", "joint"]


def test_a_counterpart_after_a_fronted_phrase():
    fr = _speakers(["Hun Manet a reçu Wang Yi.",
                    "Hun Manet a déclaré que le Cambodge soutient la Chine.",
                    "De son côté, son homologue chinois a salué l'amitié entre les deux pays."],
                   lang="fr", date="2024-05-06")
    en = _speakers(["Hun Manet received Wang Yi.", "Hun Manet said Cambodia backs China.",
                    "For his part, his counterpart hailed the ties between the two countries.",
                    "He said his third visit was a success."],
                   lang="en", date="2024-05-06")
    assert fr["speaker"].tolist()[2] == "wang_yi"
    assert en["speaker"].tolist()[2:] == ["wang_yi", "wang_yi"]


def test_an_institution_opening_the_document_is_the_person_of_its_side_named_next():
    en = _speakers(["Visiting Chinese Lawmaker Hails Cambodian Growth",
                    "National People’s Congress of China has hailed the progress of Cambodia.",
                    "Vice Chairman Zhang Chunxian met Hun Sen on Thursday.",
                    "He highly appreciated the rapid progress of Cambodia."],
                   lang="en", date="2018-11-02")
    assert en["speaker"].tolist() == ["narrator", "zhang_chunxian", "narrator",
                                      "zhang_chunxian"]


def test_the_leader_or_the_prime_minister_is_not_the_deputy():
    fr = _speakers(["Le président Xi Jinping a reçu Samdech Techo Hun Sen, Premier ministre "
                    "du Cambodge, et le vice-Premier ministre Prak Sokhonn.",
                    "Le dirigeant cambodgien a hautement apprécié l'aide de la Chine.",
                    "Le vice-Premier ministre et ministre des Affaires étrangères cambodgien a "
                    "remercié la Chine."],
                   lang="fr", date="2019-05-06")
    en = _speakers(["President Xi Jinping met Prime Minister Hun Sen and Deputy Prime "
                    "Minister Prak Sokhonn.",
                    "The Cambodian leader spoke highly of China's help."],
                   lang="en", date="2019-05-06")
    assert fr["speaker"].tolist()[1:] == ["hun_sen", "prak_sokhonn"]
    assert en["speaker"].tolist()[1] == "hun_sen"


def test_a_description_with_a_long_complement_before_its_verb():
    fr = _speakers(["Wang Yi a été reçu par le président ivoirien.",
                    "Le chef de la diplomatie de la deuxième économie mondiale a par ailleurs "
                    "adressé ses félicitations au pays.",
                    "Le Président de la République du Laos a pris part au sommet."],
                   lang="fr", date="2024-01-17")
    assert fr["speaker"].tolist()[1:] == ["wang_yi", "narrator"]


def test_a_side_as_subject_is_the_person_of_that_side():
    fr = _speakers(["Hor Namhong a rencontré Yang Jiechi à Pékin."],
                   ["A cette occasion, la partie cambodgienne a demandé à la Chine d'acheter du riz.",
                    "En outre, la partie chinoise a salué la bonne santé des exportations."],
                   lang="fr", date="2016-02-05")
    assert fr["speaker"].tolist()[1:] == ["hor_namhong", "yang_jiechi"]


def test_a_coordinated_title_before_a_name_and_a_misspelt_surname():
    fr = _speakers(["Pan Guangxue a reçu une délégation.",
                    "Le vice-Premier ministre cambodgien et ministre de l'Intérieur Sar Kheng a "
                    "exprimé jeudi son admiration pour la Chine.",
                    "« Nos relations sont fortes », a-t-il indiqué."],
                   ["Li Keqiang a rencontré Bounnhang Vorachith.",
                    "M. Vorachit a déclaré que le Laos était prêt à renforcer les échanges."],
                   lang="fr", date="2017-05-14")
    assert fr["speaker"].tolist()[1:3] == ["sar_kheng", "sar_kheng"]
    assert fr["speaker"].tolist()[4] == "bounnhang_vorachith"


def test_an_institution_named_after_people_speaks_as_itself():
    en = _speakers(["Retno Marsudi met Wang Yi in Bali.",
                    "\"Both sides need cooperation,\" the Indonesian Foreign Ministry stated."],
                   lang="en", date="2022-07-07")
    assert en["speaker"].tolist()[1] == "indonesian_foreign_ministry"
    assert en["side"].tolist()[1] == "ID"
