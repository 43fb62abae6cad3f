"""Joint statements by their structure (issue 13): made-up cases, English and French.

Written from data/real/CONVENTIONS.md before the rules were changed (no third-party text;
people outside the default actors file are invented). A group subject is:
- one shared statement (``joint``) with a verb of shared speech, agreement or commitment
  ("the two sides agreed", "les deux parties ont convenu", "the heads of defence of A and B
  vowed", "A, et le vice-Premier ministre B, se sont engagés", "the two sides will");
- one speaker's reported words inside that speaker's clause or paragraph ("X said the two
  sides should ...", then "The two sides should also ...": X's, rule 5);
- the narrator's with a verb of meeting, signing or attendance, or a past fact ("the two
  countries established relations in 1958", "the two ministers will also hold ...").
"""

from __future__ import annotations

import pytest

from discourse.speakers.attribution import attribute_speakers

from .test_attribution import statements_of

N, J = "narrator", "joint"

CASES = [
    pytest.param([
        [
            'Chinese Premier Li Qiang held talks with Cambodian Prime Minister Hun Manet in '
            'Beijing on Monday.',
        ],
        [
            'The two sides agreed to deepen cooperation in trade and agriculture.',
        ],
    ], 'en', [N, J], id='J1'),
    pytest.param([
        [
            'Li Qiang met Hun Manet in Beijing on Monday.',
        ],
        [
            'Li said the two sides should deepen cooperation in trade.',
            'The two sides should also expand exchanges between young people.',
        ],
    ], 'en', [N, 'li_qiang', 'li_qiang'], id='J2'),
    pytest.param([
        [
            'Li Qiang met Hun Manet in Beijing on Monday.',
        ],
        [
            'Hun Manet said Cambodia firmly supports the one-China principle.',
        ],
        [
            'The two countries established diplomatic relations in 1958.',
        ],
    ], 'en', [N, 'hun_manet', N], id='J3'),
    pytest.param([
        [
            "Le Premier ministre chinois Li Qiang s'est entretenu lundi à Pékin avec son "
            'homologue cambodgien Hun Manet.',
        ],
        [
            'Les deux parties ont convenu de renforcer la coopération dans le commerce.',
        ],
    ], 'fr', [N, J], id='J4'),
    pytest.param([
        [
            'Li Qiang a rencontré Hun Manet lundi à Pékin.',
        ],
        [
            'Li Qiang a déclaré que les deux parties devaient renforcer leur coopération.',
            'Les deux parties doivent aussi élargir les échanges entre les jeunes.',
        ],
    ], 'fr', [N, 'li_qiang', 'li_qiang'], id='J5'),
    pytest.param([
        [
            'Li Qiang a rencontré Hun Manet lundi à Pékin.',
        ],
        [
            "Hun Manet a affirmé que le Cambodge soutenait fermement le principe d'une seule "
            'Chine.',
        ],
        [
            'Les deux pays ont établi des relations diplomatiques en 1958.',
        ],
    ], 'fr', [N, 'hun_manet', N], id='J6'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'Both leaders expressed satisfaction with the progress of the industrial corridor.',
        ],
    ], 'en', [N, J], id='J7'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'The two sides exchanged views on regional issues.',
            'The two sides also signed five cooperation documents.',
        ],
    ], 'en', [N, N, N], id='J8'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            'Les deux dirigeants ont salué les progrès du corridor industriel.',
        ],
    ], 'fr', [N, J], id='J9'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'Xi said China is ready to work with Cambodia.',
            'The two sides agreed to hold the next round of talks in Phnom Penh.',
        ],
    ], 'en', [N, 'xi_jinping', J], id='J10'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'Xi said China is ready to work with Cambodia.',
            'The two sides need to make good use of the corridor.',
        ],
    ], 'en', [N, 'xi_jinping', 'xi_jinping'], id='J11'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            "Les deux pays célèbrent cette année le 65e anniversaire de l'établissement de "
            'leurs relations diplomatiques.',
        ],
    ], 'fr', [N, N], id='J12'),
    pytest.param([
        [
            'Chinese and Ghanaian officials held a meeting in Accra on Monday.',
        ],
        [
            'Officials of the Communist Party of China and the National Democratic Congress '
            'agreed to promote exchanges between the parties.',
        ],
    ], 'en', [N, J], id='J13'),
    pytest.param([
        [
            'The heads of defence of Cambodia and China vowed to further enhance military '
            'ties.',
        ],
    ], 'en', [J], id='J14'),
    pytest.param([
        [
            'Chinese Vice Minister Zhou Ming met Ghanaian police chief Kofi Mensah-Boateng in '
            'Accra.',
        ],
        [
            'Zhou Ming and Kofi Mensah-Boateng shared their appreciation of the results of law'
            ' enforcement cooperation.',
        ],
    ], 'en', [N, J], id='J15'),
    pytest.param([
        [
            'Le ministre chinois des Affaires étrangères, Wang Yi, et le vice-Premier ministre'
            ' cambodgien, Prak Sokhonn, se sont engagés mardi à renforcer la coopération.',
        ],
    ], 'fr', [J], id='J16'),
    pytest.param([
        [
            'Lors de la réunion du comité de coordination à Pékin, les responsables du '
            'Cambodge et leurs homologues chinois ont passé en revue les projets.',
        ],
        [
            'Ils ont convenu de renforcer la coopération.',
        ],
    ], 'fr', [J, J], id='J17'),
    pytest.param([
        [
            'Hun Manet met Chinese State Councilor Wang Yi on Friday, and the two officials '
            'agreed to strengthen cooperation.',
        ],
    ], 'en', [J], id='J18'),
    pytest.param([
        [
            'Le Premier ministre cambodgien Hun Manet a rencontré vendredi le conseiller '
            "d'Etat chinois Wang Yi, et les deux officiels ont accepté de renforcer la "
            'coopération.',
        ],
    ], 'fr', [J], id='J19'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'Xi said China and Cambodia are ironclad friends.',
            'The two countries have deepened mutual trust over the past decades.',
        ],
    ], 'en', [N, 'xi_jinping', 'xi_jinping'], id='J20'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'The two sides will continue to support each other on issues of core interests.',
        ],
    ], 'en', [N, J], id='J21'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            'Les deux parties poursuivront leur soutien aux projets du plan quinquennal.',
        ],
    ], 'fr', [N, J], id='J22'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'After the talks, the two leaders witnessed the signing of 12 agreements.',
        ],
    ], 'en', [N, N], id='J23'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            'Après les entretiens, les deux dirigeants ont assisté à la signature de 12 '
            'accords.',
        ],
    ], 'fr', [N, N], id='J24'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'The two leaders reviewed the progress of bilateral relations.',
            'They agreed to make 2025 a year of people-to-people exchanges.',
        ],
    ], 'en', [N, J, J], id='J25'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'Xi said both sides agreed to expand trade.',
        ],
    ], 'en', [N, 'xi_jinping'], id='J26'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'The two countries signed a strategic partnership agreement in 2010.',
        ],
    ], 'en', [N, N], id='J27'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            'Xi a déclaré que la Chine était prête à travailler avec le Cambodge.',
            'Les deux parties ont convenu de tenir la prochaine réunion à Phnom Penh.',
        ],
    ], 'fr', [N, 'xi_jinping', J], id='J28'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            'Xi a déclaré que la Chine était prête à travailler avec le Cambodge.',
            'Les deux parties doivent bien utiliser le corridor.',
        ],
    ], 'fr', [N, 'xi_jinping', 'xi_jinping'], id='J29'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing on Tuesday.',
        ],
        [
            'The two countries have been marking the Year of Friendship since 2023 with a '
            'series of events.',
        ],
    ], 'en', [N, N], id='J30'),
    pytest.param([
        [
            'Wang Yi and his Cambodian counterpart Prak Sokhonn agreed to deepen cooperation.',
        ],
    ], 'en', [J], id='K1'),
    pytest.param([
        [
            'Wang Yi et son homologue cambodgien Prak Sokhonn ont convenu de renforcer la '
            'coopération.',
        ],
    ], 'fr', [J], id='K2'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing.',
        ],
        [
            'The leaders of the two countries agreed to build a community with a shared '
            'future.',
        ],
    ], 'en', [N, J], id='K3'),
    pytest.param([
        [
            'Xi Jinping a rencontré Hun Manet à Pékin.',
        ],
        [
            "Les dirigeants des deux pays se sont engagés à bâtir une communauté d'avenir "
            'partagé.',
        ],
    ], 'fr', [N, J], id='K4'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing.',
        ],
        [
            "The two countries' leaders also agreed to expand trade.",
        ],
    ], 'en', [N, J], id='K5'),
    pytest.param([
        [
            'Chinese and Ghanaian officials agreed to speed up the port project.',
        ],
    ], 'en', [J], id='K6'),
    pytest.param([
        [
            'Xi Jinping held talks with Hun Manet in Beijing on Tuesday.',
        ],
        [
            'They agreed to deepen cooperation in agriculture.',
        ],
    ], 'en', [N, J], id='K7'),
    pytest.param([
        [
            'Xi Jinping a rencontré mardi Hun Manet à Pékin.',
        ],
        [
            'Ils sont convenus de renforcer la coopération agricole.',
        ],
    ], 'fr', [N, J], id='K8'),
    pytest.param([
        [
            'Xi Jinping met Hun Manet in Beijing.',
        ],
        [
            'The two sides will sign an agreement on the railway next month.',
        ],
    ], 'en', [N, N], id='K9'),
    pytest.param([
        [
            'Xi Jinping a rencontré Hun Manet à Pékin.',
        ],
        [
            'Les deux parties vont signer un accord sur le chemin de fer le mois prochain.',
        ],
    ], 'fr', [N, N], id='K10'),
]


@pytest.mark.parametrize(("paragraphs", "lang", "expected"), CASES)
def test_group_subjects_follow_the_conventions(paragraphs, lang, expected):
    out = attribute_speakers(statements_of(*paragraphs, lang=lang, date="2024-05-06"))
    assert out["speaker"].tolist() == expected
