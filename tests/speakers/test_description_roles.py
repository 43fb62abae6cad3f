"""Descriptions resolved by side, role and the document's participants (issue 13).

Made-up cases, English and French, written from data/real/CONVENTIONS.md rule 6 before
the rules were changed (no third-party text; people outside the default actors file are
invented): a description ("the Cambodian leader", "le chef de la diplomatie chinoise",
"the visiting minister", "his Chinese counterpart", "the host", "the guest", "l'hôte",
"son hôte", "le Premier ministre", "the head of state") names the person of the document
whose side and role fit it: "visiting" and "the guest" are the guest of the first meeting
(also "X paid a call on Y", "X a été reçu par Y"), "the host" its host, "counterpart" the
other side than the last speaker's; "le vice-Premier ministre" is not the premier, nor "le
Premier ministre" the vice-premier; "le chef de l'État" / "the head of state" is a
president or a monarch, "the envoy" an ambassador; a place before a title is not part of it
("a reçu à Ouagadougou l'ambassadeur de Chine X": X is Chinese); a surname in capitals
("le président SALL") is the person named in full before, and a rank ("le Capitaine") is a
title, not part of the name.
"""

from __future__ import annotations

import pytest

from discourse.speakers.attribution import attribute_speakers

from .test_attribution import statements_of

N, J = "narrator", "joint"

CASES = [
    pytest.param([
        [
            'Cambodian Prime Minister Hun Manet met visiting Chinese Foreign Minister Wang Yi '
            'in Phnom Penh on Monday.',
        ],
        [
            'The Cambodian leader thanked China for its support.',
        ],
        [
            "The visiting minister praised Cambodia's economic progress.",
        ],
    ], 'en', [N, 'hun_manet', 'wang_yi'], id='D1'),
    pytest.param([
        [
            'Cambodian Prime Minister Hun Manet received visiting Chinese Foreign Minister '
            'Wang Yi in Phnom Penh on Monday.',
        ],
        [
            'The host welcomed the growing number of Chinese tourists.',
        ],
        [
            'The guest conveyed the greetings of President Xi Jinping.',
        ],
    ], 'en', [N, 'hun_manet', 'wang_yi'], id='D2'),
    pytest.param([
        [
            'Cambodian Foreign Minister Prak Sokhonn met Wang Yi in Beijing on Monday.',
        ],
        [
            'Prak Sokhonn said Cambodia supports the Global Development Initiative.',
        ],
        [
            'His Chinese counterpart hailed the ironclad friendship.',
        ],
    ], 'en', [N, 'prak_sokhonn', 'wang_yi'], id='D3'),
    pytest.param([
        [
            'Le vice-Premier ministre cambodgien Prak Sokhonn a rencontré lundi à Pékin le '
            'ministre chinois des Affaires étrangères Wang Yi.',
        ],
        [
            "Le chef de la diplomatie chinoise a salué l'amitié entre les deux pays.",
        ],
        [
            'Le dirigeant cambodgien a remercié la Chine pour son soutien.',
        ],
    ], 'fr', [N, 'wang_yi', 'prak_sokhonn'], id='D4'),
    pytest.param([
        [
            'Le Premier ministre cambodgien Hun Manet a reçu lundi le vice-Premier ministre '
            'chinois Ding Xuexiang.',
        ],
        [
            'Le Premier ministre a salué la coopération dans les infrastructures.',
        ],
        [
            'Le vice-Premier ministre a transmis les salutations de Xi Jinping.',
        ],
    ], 'fr', [N, 'hun_manet', 'ding_xuexiang'], id='D5'),
    pytest.param([
        [
            'Le Premier ministre cambodgien Hun Manet a reçu lundi à Phnom Penh le ministre '
            'chinois des Affaires étrangères Wang Yi.',
        ],
        [
            "L'hôte a salué le nombre croissant de touristes chinois.",
        ],
        [
            "L'invité a transmis les salutations du président Xi Jinping.",
        ],
    ], 'fr', [N, 'hun_manet', 'wang_yi'], id='D6'),
    pytest.param([
        [
            'Le ministre cambodgien des Affaires étrangères Prak Sokhonn a rencontré Wang Yi '
            'lundi à Pékin.',
        ],
        [
            "Prak Sokhonn a affirmé que le Cambodge soutenait l'Initiative pour le "
            'développement mondial.',
        ],
        [
            "Son homologue chinois a salué l'amitié à toute épreuve.",
        ],
    ], 'fr', [N, 'prak_sokhonn', 'wang_yi'], id='D7'),
    pytest.param([
        [
            'Ghanaian President Kofi Mensah met visiting Chinese Foreign Minister Wang Yi in '
            'Accra on Monday.',
        ],
        [
            'The Ghanaian president thanked China for building the new port.',
        ],
        [
            'The visiting minister said China will import more cocoa.',
        ],
    ], 'en', [N, 'kofi_mensah', 'wang_yi'], id='D8'),
    pytest.param([
        [
            'Le président sénégalais Amadou Diop a reçu vendredi à Dakar le ministre chinois '
            'des Affaires étrangères Wang Yi.',
        ],
        [
            "Le chef de l'Etat sénégalais a salué le soutien de la Chine.",
        ],
        [
            'Le chef de la diplomatie chinoise a promis de nouveaux investissements.',
        ],
    ], 'fr', [N, 'amadou_diop', 'wang_yi'], id='D9'),
    pytest.param([
        [
            'La ministre ghanéenne des Affaires étrangères Ama Owusu a rencontré vendredi à '
            'Pékin son homologue chinois Wang Yi.',
        ],
        [
            'Wang Yi a salué le partenariat entre les deux pays.',
        ],
        [
            'Son homologue ghanéenne a remercié la Chine pour son aide.',
        ],
    ], 'fr', [N, 'wang_yi', 'ama_owusu'], id='D10'),
    pytest.param([
        [
            'Chinese Foreign Minister Wang Yi met Cambodian Deputy Prime Minister Prak Sokhonn'
            ' in Beijing.',
        ],
        [
            'The Chinese minister said China is ready to work with Cambodia.',
        ],
        [
            'The Cambodian deputy prime minister thanked China.',
        ],
    ], 'en', [N, 'wang_yi', 'prak_sokhonn'], id='D11'),
    pytest.param([
        [
            'Chinese President Xi Jinping met visiting Cambodian Prime Minister Hun Manet in '
            'Beijing on Tuesday.',
        ],
        [
            "The visiting prime minister said Cambodia will never forget China's help.",
        ],
        [
            'The Chinese president called for deeper cooperation.',
        ],
    ], 'en', [N, 'hun_manet', 'xi_jinping'], id='D12'),
    pytest.param([
        [
            'Le président chinois Xi Jinping a rencontré mardi à Pékin le Premier ministre '
            'cambodgien en visite Hun Manet.',
        ],
        [
            "Le Premier ministre cambodgien a affirmé que le Cambodge n'oublierait jamais "
            "l'aide de la Chine.",
        ],
        [
            'Le président chinois a appelé à approfondir la coopération.',
        ],
    ], 'fr', [N, 'hun_manet', 'xi_jinping'], id='D13'),
    pytest.param([
        [
            'Chinese Premier Li Qiang met Cambodian Prime Minister Hun Manet in Beijing.',
        ],
        [
            'Li said China is ready to deepen cooperation.',
        ],
        [
            'The Cambodian premier said his country values the partnership.',
        ],
    ], 'en', [N, 'li_qiang', 'hun_manet'], id='D14'),
    pytest.param([
        [
            'Cambodian Prime Minister Hun Manet met Zhou Ming, a member of the Political '
            'Bureau of the CPC Central Committee, in Phnom Penh.',
        ],
        [
            'The senior Chinese official said the CPC values its ties with the Cambodian '
            "People's Party.",
        ],
    ], 'en', [N, 'zhou_ming'], id='D15'),
    pytest.param([
        [
            'Chinese Defense Minister Dong Jun met his Cambodian counterpart Tea Seiha in '
            'Beijing on Friday.',
        ],
        [
            'Dong said the two militaries should deepen cooperation.',
        ],
        [
            'His Cambodian counterpart thanked China for its help.',
        ],
    ], 'en', [N, 'dong_jun', 'tea_seiha'], id='D16'),
    pytest.param([
        [
            'Cambodian Deputy Prime Minister Prak Sokhonn met Wang Yi in Beijing on Monday.',
        ],
        [
            'The Chinese top diplomat said China firmly supports Cambodia.',
        ],
    ], 'en', [N, 'wang_yi'], id='E1'),
    pytest.param([
        [
            'Cambodian Prime Minister Hun Manet received Chinese Ambassador Wang Wentian in '
            'Phnom Penh on Monday.',
        ],
        [
            'The Chinese envoy pledged to promote more investment.',
        ],
        [
            'The Cambodian premier welcomed the pledge.',
        ],
    ], 'en', [N, 'wang_wentian', 'hun_manet'], id='E2'),
    pytest.param([
        [
            "Le président burkinabè Ibrahim Sawadogo a reçu jeudi à Ouagadougou l'ambassadeur "
            'de Chine Liu Ming.',
        ],
        [
            "Le chef de l'Etat a salué la qualité de la coopération.",
        ],
        [
            'Le diplomate chinois a réaffirmé le soutien de son pays.',
        ],
    ], 'fr', [N, 'ibrahim_sawadogo', 'liu_ming'], id='E3'),
    pytest.param([
        [
            'Chinese Premier Li Qiang held talks with Cambodian Prime Minister Hun Manet in '
            'Beijing.',
        ],
        [
            "The Cambodian side appreciated China's valuable support.",
        ],
    ], 'en', [N, 'hun_manet'], id='E4'),
    pytest.param([
        [
            "Le Premier ministre chinois Li Qiang s'est entretenu à Pékin avec le Premier "
            'ministre cambodgien Hun Manet.',
        ],
        [
            'La partie chinoise est prête à importer davantage de produits agricoles '
            'cambodgiens.',
        ],
    ], 'fr', [N, 'li_qiang'], id='E5'),
    pytest.param([
        [
            'Chinese Premier Li Qiang held talks with Cambodian Prime Minister Hun Manet in '
            'Beijing.',
        ],
        [
            'The Chinese premier said China will import more rice.',
        ],
        [
            'The Cambodian prime minister thanked China.',
        ],
    ], 'en', [N, 'li_qiang', 'hun_manet'], id='E6'),
    pytest.param([
        [
            "China's top legislator Zhao Leji met Cambodian National Assembly President Khuon "
            'Sudary in Beijing.',
        ],
        [
            'The top legislator said the two legislatures should deepen exchanges.',
        ],
    ], 'en', [N, 'zhao_leji'], id='E7'),
    pytest.param([
        [
            "Visiting Chinese minister praises Cambodia's development",
        ],
        [
            "The visiting Chinese minister has praised Cambodia's development achievements, "
            'saying they are remarkable.',
            'Minister Wang Yi made the remarks during a meeting with Prime Minister Hun Manet '
            'on Monday.',
        ],
    ], 'en', [N, 'wang_yi', N], id='E8'),
    pytest.param([
        [
            'Le ministre chinois des Affaires étrangères Wang Yi a été reçu lundi par le roi '
            'Norodom Sihamoni.',
        ],
        [
            'Le souverain a exprimé sa gratitude envers la Chine.',
        ],
        [
            'Le ministre chinois a transmis les salutations de Xi Jinping.',
        ],
    ], 'fr', [N, 'norodom_sihamoni', 'wang_yi'], id='E9'),
    pytest.param([
        [
            'Cambodian King Norodom Sihamoni and Prime Minister Hun Manet met Chinese '
            'President Xi Jinping in Beijing on Tuesday.',
        ],
        [
            'The Cambodian monarch thanked China for its support.',
        ],
    ], 'en', [N, 'norodom_sihamoni'], id='E10'),
    pytest.param([
        [
            'Ghanaian President Kofi Mensah received Chinese Ambassador Liu Ming in Accra.',
        ],
        [
            "The head of state commended China's contribution to the country's infrastructure.",
        ],
    ], 'en', [N, 'kofi_mensah'], id='E11'),
    pytest.param([
        [
            'Chinese Foreign Minister Wang Yi paid a courtesy call on Cambodian Prime Minister'
            ' Hun Manet in Phnom Penh on Monday.',
        ],
        [
            'Wang conveyed the greetings of President Xi Jinping.',
            'His host thanked China for its support.',
        ],
    ], 'en', [N, 'wang_yi', 'hun_manet'], id='E12'),
    pytest.param([
        [
            'Vietnamese Party General Secretary To Lam received Chinese Foreign Minister Wang '
            'Yi in Hanoi on Monday.',
        ],
        [
            'The Vietnamese leader said Vietnam attaches importance to its ties with China.',
        ],
        [
            'The Chinese guest conveyed the greetings of President Xi Jinping.',
        ],
        [
            'The host thanked him.',
        ],
    ], 'en', [N, 'to_lam', 'wang_yi', 'to_lam'], id='F1'),
    pytest.param([
        [
            'Le ministre burkinabè des Affaires étrangères Jean Ouédraogo a été reçu lundi à '
            'Pékin par Wang Yi.',
        ],
        [
            'Son hôte a salué les progrès de la coopération.',
        ],
        [
            'Le ministre burkinabè a remercié la Chine.',
        ],
    ], 'fr', [N, 'wang_yi', 'jean_ouedraogo'], id='F2'),
    pytest.param([
        [
            'Cambodian Prime Minister Hun Manet met Zhou Ming, head of the International '
            'Department of the CPC Central Committee, in Phnom Penh on Monday.',
        ],
        [
            'The visiting official said the CPC is ready to deepen exchanges with the '
            "Cambodian People's Party.",
        ],
    ], 'en', [N, 'zhou_ming'], id='F3'),
    pytest.param([
        [
            "Le président burkinabè Ibrahim Sawadogo a reçu jeudi l'ambassadeur de Chine Liu "
            'Ming.',
        ],
        [
            "Le chef de l'Etat burkinabè a salué la qualité de la coopération.",
        ],
        [
            "L'ambassadeur a réaffirmé le soutien de son pays.",
        ],
    ], 'fr', [N, 'ibrahim_sawadogo', 'liu_ming'], id='F4'),
    pytest.param([
        [
            'Cambodian Senate President Hun Sen received Chinese Ambassador Wang Wentian on '
            'Monday.',
        ],
        [
            'Hun Sen said Cambodia will always support China.',
        ],
        [
            'The Chinese ambassador said China values the friendship.',
        ],
    ], 'en', [N, 'hun_sen', 'wang_wentian'], id='F5'),
    pytest.param([
        [
            'Le président sénégalais Amadou Diop a reçu vendredi le ministre chinois des '
            'Affaires étrangères Wang Yi.',
        ],
        [
            "Le diplomate chinois a salué le soutien du Sénégal au principe d'une seule Chine.",
        ],
    ], 'fr', [N, 'wang_yi'], id='F6'),
    pytest.param([
        [
            'Chinese President Xi Jinping held talks with Iranian President Reza Karimi in '
            'Beijing on Tuesday.',
        ],
        [
            'The Chinese leader said China supports Iran in safeguarding its sovereignty.',
        ],
        [
            'The Iranian president thanked China for its support.',
        ],
    ], 'en', [N, 'xi_jinping', 'reza_karimi'], id='F7'),
    pytest.param([
        [
            'Chinese Foreign Minister Wang Yi held talks with his Kenyan counterpart Musa '
            'Otieno in Nairobi.',
        ],
        [
            "Wang said China supports Kenya's development.",
        ],
        [
            'His Kenyan counterpart said Kenya values the partnership.',
        ],
    ], 'en', [N, 'wang_yi', 'musa_otieno'], id='F8'),
    pytest.param([
        [
            'Chinese Foreign Minister Wang Yi held talks with Kenyan Foreign Minister Musa '
            'Otieno in Nairobi.',
        ],
        [
            'The Kenyan minister said Kenya values the partnership.',
        ],
        [
            "The Chinese foreign minister said China supports Kenya's development.",
        ],
    ], 'en', [N, 'musa_otieno', 'wang_yi'], id='F9'),
    pytest.param([
        [
            "Le président du Faso, le capitaine Ibrahim Sawadogo, a reçu jeudi l'ambassadeur "
            'de Chine Liu Ming.',
        ],
        [
            'Le président du Faso a salué la qualité de la coopération.',
        ],
    ], 'fr', [N, 'ibrahim_sawadogo'], id='F10'),
    pytest.param([
        [
            'Cambodian Prime Minister Hun Manet received Chinese Vice Foreign Minister Sun '
            'Weidong in Phnom Penh.',
        ],
        [
            'The Chinese official said China is ready to work with Cambodia.',
        ],
    ], 'en', [N, 'sun_weidong'], id='F11'),
    pytest.param([
        [
            'Chinese Foreign Minister Wang Yi met Cambodian Prime Minister Hun Manet and '
            'Deputy Prime Minister Sok Chenda Sophea in Phnom Penh.',
        ],
        [
            'The Cambodian side thanked China for its support.',
        ],
    ], 'en', [N, 'hun_manet'], id='F12'),
    pytest.param([
        [
            'Le Président du Faso, le Capitaine Ibrahim SAWADOGO, a reçu en audience ce jeudi '
            "l'ambassadeur de Chine, Liu MING.",
        ],
        [
            'Le diplomate chinois a réaffirmé le soutien de son pays au Burkina Faso.',
            'Il a annoncé un don de vivres.',
        ],
        [
            "Le Chef de l'Etat a salué la qualité de la coopération.",
        ],
    ], 'fr', [N, 'liu_ming', 'liu_ming', 'ibrahim_sawadogo'], id='G1'),
    pytest.param([
        [
            'Chinese Ambassador Liu MING paid a courtesy call on Ghanaian President Kofi '
            'MENSAH on Monday.',
        ],
        [
            'President MENSAH thanked China for its support.',
            'He called for more Chinese investment.',
        ],
        [
            'The envoy pledged to deepen cooperation.',
        ],
    ], 'en', [N, 'kofi_mensah', 'kofi_mensah', 'liu_ming'], id='G2'),
    pytest.param([
        [
            'Son Excellence Monsieur Wang Yi, ministre chinois des Affaires étrangères, a été '
            'reçu par le Premier ministre ivoirien Patrick Koné.',
        ],
        [
            'Le chef du gouvernement ivoirien a salué le partenariat avec la Chine.',
        ],
        [
            'Le ministre chinois a promis de nouveaux projets.',
        ],
    ], 'fr', [N, 'patrick_kone', 'wang_yi'], id='G3'),
    pytest.param([
        [
            'La partie chinoise est prête à renforcer la coopération avec le Mali, selon un '
            'communiqué publié lundi.',
        ],
        [
            'Le ministre chinois des Affaires étrangères Wang Yi a reçu son homologue malien '
            'Abdoulaye Keita.',
        ],
    ], 'fr', ['wang_yi', N], id='G4'),
]


@pytest.mark.parametrize(("paragraphs", "lang", "expected"), CASES)
def test_descriptions_resolve_by_side_role_and_participants(paragraphs, lang, expected):
    out = attribute_speakers(statements_of(*paragraphs, lang=lang, date="2024-05-06"))
    assert out["speaker"].tolist() == expected
