"""Pronoun subjects resolved against the document's people (issue 13).

Made-up cases, English and French, written from data/real/CONVENTIONS.md before the rules
were changed (no third-party text; people outside the default actors file are invented):
"he" / "il" after a sentence naming two people is its subject; after a quotation and its
cue, the quoted speaker; at a paragraph start, the last person who was a subject (also
across a joint statement); "his" / "son" / "sa" open no statement of their own ("His
visit ...": the narrator's); "il" of an impersonal phrase ("Il s'agit de ...") is nobody;
"she" after a man is the last woman named, or in English the last person named whose
gender is not known (never a guess for French "elle", often a country); an institution that
speaks ("the Foreign Ministry said") is no antecedent; a two-word surname ("Mme Tall Sall")
is the person named in full before.
"""

from __future__ import annotations

import pytest

from discourse.speakers.attribution import attribute_speakers

from .test_attribution import statements_of

N, J = "narrator", "joint"

CASES = [
    pytest.param([
        [
            'Chinese President Xi Jinping met Cambodian Prime Minister Hun Manet in Beijing on'
            ' Tuesday.',
        ],
        [
            'He said China is ready to work with Cambodia to build a community with a shared '
            'future.',
        ],
    ], 'en', [N, 'xi_jinping'], id='P1'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            '"China will always be a trustworthy friend of Cambodia," Xi said.',
            'He added that the two countries should deepen cooperation.',
        ],
    ], 'en', [N, 'xi_jinping', 'xi_jinping'], id='P2'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'Hun Manet said Cambodia firmly adheres to the one-China policy.',
        ],
        [
            'He also thanked China for its support in fighting the pandemic.',
        ],
    ], 'en', [N, 'hun_manet', 'hun_manet'], id='P3'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'Hun Manet said Cambodia firmly adheres to the one-China policy.',
        ],
        [
            'His visit is the first since he took office in 2023.',
        ],
    ], 'en', [N, 'hun_manet', N], id='P4'),
    pytest.param([
        [
            'Le président chinois Xi Jinping a rencontré mardi à Pékin le Premier ministre '
            'cambodgien Hun Manet.',
        ],
        [
            'Il a déclaré que la Chine était prête à travailler avec le Cambodge.',
        ],
    ], 'fr', [N, 'xi_jinping'], id='P5'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            '« La Chine sera toujours une amie fiable du Cambodge », a déclaré Xi.',
            'Il a ajouté que les deux pays devaient approfondir leur coopération.',
        ],
    ], 'fr', [N, 'xi_jinping', 'xi_jinping'], id='P6'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            "Hun Manet a affirmé que le Cambodge adhérait fermement au principe d'une seule "
            'Chine.',
        ],
        [
            'Sa visite est la première depuis son entrée en fonctions en 2023.',
        ],
    ], 'fr', [N, 'hun_manet', N], id='P7'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            "Cambodia will never forget China's selfless help, said Hun Manet.",
            'He stressed that Cambodia supports the Global Security Initiative.',
        ],
    ], 'en', [N, 'hun_manet', 'hun_manet'], id='P8'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            "Xi said Hun Manet's visit shows the high level of relations.",
            'He called for faster progress on the railway.',
        ],
    ], 'en', [N, 'xi_jinping', 'xi_jinping'], id='P9'),
    pytest.param([
        [
            'Wang Yi met Prak Sokhonn in Beijing on Monday.',
        ],
        [
            'Wang told Prak Sokhonn that China values its ties with Cambodia.',
            'He said the two sides should speed up the railway project.',
        ],
    ], 'en', [N, 'wang_yi', 'wang_yi'], id='P10'),
    pytest.param([
        [
            'Chinese Foreign Minister Wang Yi met Ghanaian Foreign Minister Ama Owusu in '
            'Beijing.',
        ],
        [
            "Ms Owusu said Ghana values China's support.",
            'She invited Wang to visit Accra.',
        ],
    ], 'en', [N, 'ama_owusu', 'ama_owusu'], id='P11'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            'Xi a déclaré que la Chine soutenait le Cambodge.',
            "Il s'agit de la première visite de Hun Manet en Chine depuis 2023.",
        ],
    ], 'fr', [N, 'xi_jinping', N], id='P12'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday, saying China will support '
            'Cambodia.',
        ],
        [
            'He also said the two countries should deepen trade.',
        ],
    ], 'en', ['xi_jinping', 'xi_jinping'], id='P13'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            "The Cambodian prime minister said Cambodia values China's support.",
            'He added that more Chinese investment is welcome.',
        ],
    ], 'en', [N, 'hun_manet', 'hun_manet'], id='P14'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'Xi said China supports Cambodia.',
        ],
        [
            'Hun Manet said Cambodia is grateful.',
        ],
        [
            'He also invited Xi to visit Cambodia.',
        ],
    ], 'en', [N, 'xi_jinping', 'hun_manet', 'hun_manet'], id='P15'),
    pytest.param([
        [
            'Wang Yi est arrivé lundi à Dakar pour une visite de deux jours.',
        ],
        [
            'Il a rencontré le président sénégalais Amadou Diop.',
            "Il a salué le soutien du Sénégal au principe d'une seule Chine.",
        ],
    ], 'fr', [N, N, 'wang_yi'], id='P16'),
    pytest.param([
        [
            'Wang Yi a reçu lundi à Pékin la ministre ghanéenne des Affaires étrangères Ama '
            'Owusu.',
        ],
        [
            'Mme Owusu a salué le soutien de la Chine.',
            'Elle a invité M. Wang à se rendre à Accra.',
        ],
    ], 'fr', [N, 'ama_owusu', 'ama_owusu'], id='P17'),
    pytest.param([
        [
            'During his meeting with Hun Manet, Xi said China supports Cambodia.',
            'He called for more exchanges.',
        ],
    ], 'en', ['xi_jinping', 'xi_jinping'], id='P18'),
    pytest.param([
        [
            "Wang Yi s'est entretenu au téléphone avec le ministre sénégalais Amadou Bâ.",
        ],
        [
            'Il a assuré le ministre Amadou Bâ du soutien de son pays.',
            "Il a rappelé la solidité des relations entre son pays et l'Afrique.",
        ],
    ], 'fr', [N, 'wang_yi', 'wang_yi'], id='P19'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            "Xi said China supports Cambodia's development.",
        ],
        [
            '"Cambodia will never forget China\'s help," Hun Manet said.',
            'He also invited Xi to visit Cambodia.',
        ],
    ], 'en', [N, 'xi_jinping', 'hun_manet', 'hun_manet'], id='P20'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            'Hun Manet a remercié la Chine.',
            "Son gouvernement soutient fermement l'Initiative la Ceinture et la Route.",
        ],
    ], 'fr', [N, 'hun_manet', 'hun_manet'], id='P21'),
    pytest.param([
        [
            'Xi Jinping said China supports Cambodia.',
        ],
        [
            'Later, Hun Manet met Chinese Premier Li Qiang.',
            'He said Cambodia welcomes Chinese investment.',
        ],
    ], 'en', ['xi_jinping', N, 'hun_manet'], id='P22'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            "Hun Manet said Cambodia values China's support.",
        ],
        [
            'The two sides agreed to deepen cooperation.',
        ],
        [
            'He also invited Xi to visit Cambodia next year.',
        ],
    ], 'en', [N, 'hun_manet', J, 'hun_manet'], id='Q1'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            'Xi a déclaré que la Chine soutenait le Cambodge.',
        ],
        [
            'Pour sa part, Hun Manet a remercié la Chine.',
            'Il a invité Xi à se rendre au Cambodge.',
        ],
    ], 'fr', [N, 'xi_jinping', 'hun_manet', 'hun_manet'], id='Q2'),
    pytest.param([
        [
            'Wang Yi a été reçu lundi par le roi Norodom Sihamoni.',
        ],
        [
            'Il a transmis au souverain les salutations de Xi Jinping.',
        ],
    ], 'fr', [N, 'wang_yi'], id='Q3'),
    pytest.param([
        [
            'Hun Manet attended the opening of the expressway on Monday.',
        ],
        [
            'In his speech, he thanked China for financing the project.',
        ],
    ], 'en', [N, 'hun_manet'], id='Q4'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'Speaking at the meeting, he said China values the ironclad friendship.',
        ],
    ], 'en', [N, 'xi_jinping'], id='Q5'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'Hun Manet said Cambodia supports the one-China principle.',
        ],
        [
            'Cambodia also supports the Global Development Initiative, he said.',
        ],
    ], 'en', [N, 'hun_manet', 'hun_manet'], id='Q6'),
    pytest.param([
        [
            'When Xi visited Cambodia in 2016, Hun Sen said the two countries were ironclad '
            'friends.',
            'He added that Cambodia would always support China.',
        ],
    ], 'en', ['hun_sen', 'hun_sen'], id='Q7'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            "De son côté, il a souligné l'importance de la coopération.",
        ],
    ], 'fr', [N, 'xi_jinping'], id='Q8'),
    pytest.param([
        [
            'Samdech Moha Borvor Thipadei Hun Manet received Chinese Ambassador Wang Wentian '
            'on Monday.',
        ],
        [
            'He said Cambodia welcomes Chinese investment.',
        ],
    ], 'en', [N, 'hun_manet'], id='Q9'),
    pytest.param([
        [
            'Wang Yi meets Prak Sokhonn',
        ],
        [
            'BEIJING, May 6 (Xinhua) -- Chinese Foreign Minister Wang Yi met with Cambodian '
            'Deputy Prime Minister Prak Sokhonn here on Monday.',
        ],
        [
            'He said China is willing to work with Cambodia.',
        ],
    ], 'en', [N, N, 'wang_yi'], id='Q10'),
    pytest.param([
        [
            'Chinese Foreign Minister Wang Yi met Ghanaian Foreign Minister Ama Owusu in '
            'Beijing.',
        ],
        [
            'Wang said China values Ghana.',
            'She thanked China for its help.',
        ],
    ], 'en', [N, 'wang_yi', 'ama_owusu'], id='Q11'),
    pytest.param([
        [
            'Wang Yi a rencontré lundi Prak Sokhonn à Pékin.',
        ],
        [
            'Wang Yi a affirmé que la Chine soutenait le Cambodge.',
            'Elle est prête à importer davantage de riz cambodgien.',
        ],
    ], 'fr', [N, 'wang_yi', 'wang_yi'], id='Q12'),
    pytest.param([
        [
            'Hun Manet, who met Xi Jinping on Tuesday, said Cambodia is grateful.',
            'He added that more tourists are welcome.',
        ],
    ], 'en', ['hun_manet', 'hun_manet'], id='Q13'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            "Hun Manet said Cambodia values China's support.",
        ],
        [
            '"Cambodia will never forget China\'s help."',
        ],
        [
            'He also invited Xi to visit Cambodia.',
        ],
    ], 'en', [N, 'hun_manet', 'hun_manet', 'hun_manet'], id='Q14'),
    pytest.param([
        [
            "Le Premier ministre Hun Manet a reçu lundi l'ambassadeur de Chine Wang Wentian.",
        ],
        [
            "L'ambassadeur a transmis les salutations de Xi Jinping.",
        ],
        [
            'Il a affirmé que la Chine soutiendrait toujours le Cambodge.',
        ],
    ], 'fr', [N, 'wang_wentian', 'wang_wentian'], id='Q15'),
    pytest.param([
        [
            'Meeting with Hun Manet on Monday, Wang Yi said China supports Cambodia.',
            'He also said the railway should be built fast.',
        ],
    ], 'en', ['wang_yi', 'wang_yi'], id='Q16'),
    pytest.param([
        [
            'Cambodian King Norodom Sihamoni received Chinese Ambassador Wang Wentian at the '
            'Royal Palace.',
        ],
        [
            'The king thanked China for its support.',
            'He wished the Chinese people happiness.',
        ],
    ], 'en', [N, 'norodom_sihamoni', 'norodom_sihamoni'], id='Q17'),
    pytest.param([
        [
            'Le ministre chinois des Affaires étrangères Wang Yi a rencontré lundi le '
            'président Macky SALL.',
        ],
        [
            'Le président SALL a salué le soutien de la Chine.',
            'Il a invité les entreprises chinoises à investir au Sénégal.',
        ],
    ], 'fr', [N, 'macky_sall', 'macky_sall'], id='R1'),
    pytest.param([
        [
            'Wang Yi a reçu lundi à Pékin Mme Aïssata Tall Sall, ministre sénégalaise des '
            'Affaires étrangères.',
        ],
        [
            "Mme Tall Sall a salué l'amitié entre les deux pays.",
            'Elle a invité M. Wang à se rendre à Dakar.',
        ],
    ], 'fr', [N, 'aissata_tall_sall', 'aissata_tall_sall'], id='R2'),
    pytest.param([
        [
            "Le capitaine Ibrahim Sawadogo a reçu jeudi l'ambassadeur de Chine Liu Ming.",
        ],
        [
            'Le diplomate chinois a réaffirmé le soutien de son pays.',
            'Il a annoncé un don de vivres.',
        ],
    ], 'fr', [N, 'liu_ming', 'liu_ming'], id='R3'),
    pytest.param([
        [
            'Wang Yi met Ghanaian Foreign Minister Kofi Mensah in Beijing.',
        ],
        [
            "Kofi Mensah said Ghana values China's support.",
        ],
        [
            'The Ghanaian Foreign Ministry said the talks were fruitful.',
        ],
        [
            'He also invited Wang to visit Accra.',
        ],
    ], 'en', [N, 'kofi_mensah', 'ghanaian_foreign_ministry', 'kofi_mensah'], id='R4'),
    pytest.param([
        [
            'Wang Yi a rencontré lundi Amadou Diop.',
        ],
        [
            "Selon Amadou Diop, le Sénégal soutient le principe d'une seule Chine.",
            "Il a salué l'aide de la Chine.",
        ],
    ], 'fr', [N, 'amadou_diop', 'amadou_diop'], id='R5'),
    pytest.param([
        [
            'Wang Yi a été reçu lundi par le président sénégalais Amadou Diop.',
        ],
        [
            'Il a transmis les salutations de Xi Jinping.',
        ],
    ], 'fr', [N, 'wang_yi'], id='R6'),
    pytest.param([
        [
            'ACCRA, May 6 (Xinhua) -- Ghanaian President Kofi Mensah on Monday met with '
            'visiting Chinese Foreign Minister Wang Yi.',
        ],
        [
            'He said Ghana is ready to deepen cooperation with China.',
        ],
    ], 'en', [N, 'kofi_mensah'], id='R7'),
    pytest.param([
        [
            "Kofi Mensah, Ghana's president, said Ghana values China's support.",
            'He invited Chinese firms to invest.',
        ],
    ], 'en', ['kofi_mensah', 'kofi_mensah'], id='R8'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            "« Le Cambodge n'oubliera jamais l'aide de la Chine », a affirmé Hun Manet.",
        ],
        [
            "Il a poursuivi en saluant l'Initiative la Ceinture et la Route.",
        ],
    ], 'fr', [N, 'hun_manet', 'hun_manet'], id='R9'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            "Hun Manet said Cambodia values China's support.",
            'Cambodia will continue to support the one-China principle.',
        ],
        [
            "China is Cambodia's largest trading partner.",
        ],
        [
            'He also invited Xi to visit Cambodia.',
        ],
    ], 'en', [N, 'hun_manet', 'hun_manet', N, 'hun_manet'], id='R10'),
]


@pytest.mark.parametrize(("paragraphs", "lang", "expected"), CASES)
def test_pronouns_resolve_to_the_right_person(paragraphs, lang, expected):
    out = attribute_speakers(statements_of(*paragraphs, lang=lang, date="2024-05-06"))
    assert out["speaker"].tolist() == expected
