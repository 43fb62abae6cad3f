"""Generate a synthetic French + English readout-style corpus as JSON lines, for benchmarks.

The corpus imitates readouts of leaders' meetings (Xinhua, CGTN, foreign ministries): a
dateline lead, then paragraphs in which the leaders speak in turns (named subject with a
reporting verb, pronoun, inverted cue, participial opener, carried content), joint
statements and scene-setting by the journalist. Besides the leaders of ``data/actors.yml``,
ministers, ambassadors and officials speak: a pool of ``people`` (default 20,000) distinct
synthetic names, each with a description ("Cambodian Minister of Commerce Sok Vanna", « le
ministre chinois du Commerce, Wang Jianhua »), as real readouts name hundreds of people that
no actors file lists. Sentences are templates whose slots are
filled with the default codebook's vocabulary in its inflections (every pattern of
``discourse/resources/default_codebook.yml`` is matched by at least one phrase, the tests
check it), with its exclusions ("sécurité sociale", "exchange of views"), negation cues
("ne ... jamais", "never") and theme-neutral phrases, and with the names of the actors of
``data/actors.yml``.

The output is deterministic (same seed and size, same bytes) and streamed to disk: documents
are written one by one, never held in memory together. One line per document: doc_id, text,
lang, date, source, title.

Usage::

    python benchmarks/make_corpus.py --size 100MB --out /tmp/corpus_100MB.jsonl [--seed 1]
        [--people 20000]

Examples
--------
>>> import io
>>> buf = io.StringIO()
>>> n_docs, n_bytes = write_corpus(buf, size=20_000, seed=3)
>>> n_docs > 3 and n_bytes >= 20_000
True
>>> import json
>>> sorted(json.loads(buf.getvalue().splitlines()[0]))
['date', 'doc_id', 'lang', 'source', 'text', 'title']
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from pathlib import Path

__all__ = ["parse_size", "write_corpus", "iter_documents", "VOCABULARY", "EXCLUDED", "NEUTRAL"]

ROOT = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------- vocabulary
#: Theme noun phrases (determiner included) per language and theme: real inflected words
#: covering every pattern of the default codebook.
VOCABULARY: dict[str, dict[str, list[str]]] = {
    "fr": {
        "sovereignty": ["la souveraineté nationale", "leur souveraineté", "l'indépendance",
                        "les États souverains", "son droit souverain", "l'égalité souveraine"],
        "sovereignty.territorial_integrity": [
            "l'intégrité territoriale", "l'intégrité du territoire", "le principe d'une seule Chine",
            "la réunification nationale", "les forces séparatistes", "le séparatisme",
            "toute tentative de sécession"],
        "sovereignty.security": ["la sécurité nationale", "la sécurité régionale",
                                 "la coopération sécuritaire", "la sécurité commune"],
        "sovereignty.core_interests": ["leurs intérêts fondamentaux", "les intérêts vitaux",
                                       "ses intérêts essentiels", "ses intérêts de développement",
                                       "un intérêt fondamental"],
        "sovereignty.non_interference": [
            "toute ingérence étrangère", "les affaires intérieures des autres pays",
            "les affaires internes du Cambodge", "le principe de non-intervention",
            "la non-ingérence", "toute forme d'ingérences",
            "la tentation de s'ingérer",
            "toute puissance qui s'ingère"],
        "sovereignty.development_path": [
            "une voie de développement adaptée à ses conditions nationales",
            "les réalités nationales", "les chemins de développement",
            "le choix indépendant de son système social", "les voies de développement",
            "le droit de choisir de manière indépendante sa voie",
            "le droit de choisir indépendamment son système"],
        "cooperation": ["la coopération pragmatique", "la coopération", "le partenariat stratégique",
                        "les partenaires régionaux", "la synergie des stratégies",
                        "l'arrimage des stratégies", "la coordination", "la collaboration",
                        "les partenariats", "les synergies", "la volonté de collaborer",
                        "le travail main dans la main"],
        "cooperation.belt_and_road": ["l'initiative la Ceinture et la Route",
                                      "la Ceinture et Route", "les nouvelles routes de la soie",
                                      "les projets de la BRI", "le Belt and Road"],
        "cooperation.economic": ["le commerce bilatéral", "les échanges commerciaux",
                                 "les investissements", "les importations de riz",
                                 "les exportations agricoles", "le corridor de développement industriel",
                                 "la connectivité", "l'interconnexion des infrastructures",
                                 "les relations commerciales", "l'investissement", "la volonté d'investir"],
        "cooperation.exchanges": ["les échanges entre les peuples", "l'apprentissage mutuel",
                                  "les échanges interpersonnels", "les liens de peuple à peuple",
                                  "le jumelage des villes", "les échanges entre partis",
                                  "les apprentissages mutuels"],
        "cooperation.mutual_benefit": ["la coopération gagnant-gagnant", "des avantages mutuels",
                                       "des bénéfices réciproques", "le profit mutuel",
                                       "une coopération mutuellement bénéfique",
                                       "des accords mutuellement avantageux",
                                       "un avantage réciproque", "un bénéfice mutuel"],
        "cooperation.mutual_support": ["le soutien mutuel", "l'appui réciproque", "l'entraide",
                                       "l'aide", "l'assistance technique", "les aides",
                                       "les soutiens réciproques", "l'appui mutuel",
                                       "la volonté de se soutenir mutuellement",
                                       "l'engagement à se soutenir réciproquement"],
        "cooperation.shared_future": ["une communauté d'avenir partagé", "un avenir commun",
                                      "un destin commun", "la communauté de destin"],
        "anti_cold_war": ["la mentalité de guerre froide", "la confrontation entre blocs",
                          "la confrontation de blocs", "les confrontations des blocs",
                          "la politique de blocs", "les blocs militaires",
                          "la confrontation idéologique", "l'ingérence des forces extérieures",
                          "les puissances extérieures", "l'hégémonisme", "toute hégémonie",
                          "la politique de puissance", "la politique de la force",
                          "la loi du plus fort", "la loi de la jungle", "l'unilatéralisme",
                          "les sanctions unilatérales", "un jeu à somme nulle",
                          "la logique de la petite cour et des hautes clôtures", "le découplage"],
        "friendship": ["l'amitié de fer", "l'amitié traditionnelle", "de bons amis",
                       "les relations amicales", "les liens fraternels", "la fraternité",
                       "des frères", "la confiance politique mutuelle", "un partenaire fiable",
                       "la fiabilité", "sa gratitude", "ses remerciements", "une amie",
                       "un ami", "les amies", "une amitié à toute épreuve"],
    },
    "en": {
        "sovereignty": ["national sovereignty", "its sovereignty", "independence",
                        "sovereign states", "sovereign equality"],
        "sovereignty.territorial_integrity": [
            "territorial integrity", "the one-China principle", "the one China policy",
            "national reunification", "separatist forces", "separatism", "any secession"],
        "sovereignty.security": ["national security", "regional security", "common security"],
        "sovereignty.core_interests": ["core interests", "vital interests",
                                       "fundamental interests", "development interests",
                                       "each other's core interest"],
        "sovereignty.non_interference": [
            "external interference", "interference in internal affairs", "domestic affairs",
            "the principle of non-interference", "non-intervention", "meddling",
            "any attempt to interfere"],
        "sovereignty.development_path": [
            "a development path suited to its national conditions", "national realities",
            "paths of development", "independent choices", "development paths",
            "the right to independently choose", "the right to choose independently"],
        "cooperation": ["practical cooperation", "cooperation", "partnership", "partners",
                        "the synergy of strategies", "coordination", "collaboration",
                        "co-operation", "synergies", "cooperative projects",
                        "working hand in hand"],
        "cooperation.belt_and_road": ["the Belt and Road Initiative", "Belt-and-Road projects",
                                      "BRI projects", "the Silk Road", "the One Belt"],
        "cooperation.economic": ["bilateral trade", "trading links", "commerce", "investment",
                                 "investors", "exports", "imports", "the export sector",
                                 "the import sector", "the Industrial Development Corridor",
                                 "connectivity", "interconnection", "commercial ties",
                                 "investments", "the will to invest", "a company that invests",
                                 "investing abroad", "the firms invested"],
        "cooperation.exchanges": ["exchanges", "people-to-people exchanges", "mutual learning",
                                  "twinning programmes", "sister cities", "cultural exchange"],
        "cooperation.mutual_benefit": ["win-win cooperation", "mutually beneficial projects",
                                       "mutual benefit", "mutual benefits", "mutual advantage"],
        "cooperation.mutual_support": ["mutual support", "mutual assistance", "mutual aid",
                                       "assistance", "aid", "the will to support each other",
                                       "the resolve to help one another",
                                       "the pledge to support one another",
                                       "the duty to help each other"],
        "cooperation.shared_future": ["a community with a shared future", "a common future",
                                      "a common destiny", "a shared destiny"],
        "anti_cold_war": ["the Cold War mentality", "bloc confrontation",
                          "confrontation between blocs", "bloc politics", "military blocs",
                          "ideological confrontation", "external forces", "outside forces",
                          "external powers", "hegemonism", "hegemony", "power politics",
                          "the law of the jungle", "the idea that might makes right",
                          "unilateralism", "unilateral sanctions", "zero-sum games",
                          "a zero sum approach", "small yards with high fences",
                          "a high fence", "decoupling"],
        "friendship": ["friendship", "ironclad friends", "friendly relations",
                       "iron-clad friendship", "brotherhood", "brotherly ties", "trust",
                       "trustworthiness", "a reliable partner", "reliability", "gratitude",
                       "a trusted friend", "the trustworthy partner", "trusting relations",
                       "grateful partners", "thanks"],
    },
}


#: Phrases of the patterns codebook 2.0 added (merged into VOCABULARY).
_ADDED_IN_2_0: dict[str, dict[str, list[str]]] = {
    "fr": {
        "sovereignty.territorial_integrity": ["la politique d'une Chine", "le principe d'une Chine"],
        "sovereignty.security": ["la sécurité de l'État", "la sécurité de l'Etat",
                                 "la sécurité politique", "leurs intérêts de sécurité",
                                 "les intérêts sécuritaires", "sa sécurité", "leur sécurité",
                                 "la stabilité nationale", "sa défense nationale"],
        "sovereignty.development_path": ["la voie choisie par son peuple"],
        "cooperation": ["les pays qui coopèrent", "l'alignement des stratégies",
                        "la volonté de coordonner", "la volonté de travailler avec",
                        "la volonté de travailler ensemble", "la volonté de travailler étroitement",
                        "l'action de concert", "les actions menées conjointement",
                        "les efforts conjoints", "le partage d'expériences",
                        "la volonté de partager leurs expériences"],
        "cooperation.mutual_benefit": ["les bénéfices", "la prospérité partagée",
                                       "la prospérité commune"],
        "cooperation.mutual_support": ["les vaccins", "les dons", "la contribution",
                                       "le soutien continu", "le soutien précieux",
                                       "la gratitude pour son soutien",
                                       "la gratitude pour leur soutien",
                                       "le soutien au développement",
                                       "la volonté d'accompagner le développement"],
        "anti_cold_war": ["les politiques unilatéralistes", "les mesures unilatérales",
                          "la confrontation de camps", "la confrontation entre camps",
                          "la multipolarité", "un monde multipolaire",
                          "un véritable multilatéralisme", "le multilatéralisme véritable",
                          "le protectionnisme", "les guerres commerciales",
                          "les tensions commerciales", "l'ingérence sous prétexte de démocratie",
                          "l'ingérence sous le prétexte des droits de l'homme",
                          "la politique de deux poids deux mesures"],
        "friendship": ["la solidarité", "une amitié indéfectible", "des liens inébranlables",
                       "sa haute appréciation"],
    },
    "en": {
        "sovereignty.security": ["state security", "political security", "regime security",
                                 "security interests", "security and development interests",
                                 "its security", "their security", "national stability",
                                 "its national defence", "its national defense"],
        "sovereignty.development_path": ["the path chosen by its people",
                                         "the chosen paths"],
        "cooperation": ["the co-op commitment", "the alignment of strategies",
                        "the will to work with", "the will to work closely with",
                        "a country that works with", "the habit of working with",
                        "a partner who worked with", "the will to work together",
                        "the habit of working together", "countries that worked together",
                        "the will to join hands", "those who joined hands",
                        "the joining hands", "projects jointly built", "joint efforts",
                        "the joint fight", "joint exercises", "the will to share experience",
                        "the sharing of experience", "law enforcement"],
        "cooperation.mutual_benefit": ["the benefits", "shared prosperity",
                                       "common prosperity"],
        "cooperation.mutual_support": ["the help", "what helps", "a country that helped",
                                       "helping hands", "donations", "vaccines",
                                       "medical supplies", "medical equipment", "contributions",
                                       "continued support", "valuable support",
                                       "long-term support", "staunch support",
                                       "thanks for its support", "thanks for their support",
                                       "thanks for the support", "supporting its development",
                                       "supporting its national development",
                                       "supporting the development", "support and help"],
        "anti_cold_war": ["unilateralist policies", "unilateral measures", "unilateral actions",
                          "camp confrontation", "confrontation between camps",
                          "a multipolar world", "true multilateralism",
                          "genuine multilateralism", "protectionism", "trade wars",
                          "trade tensions", "trade frictions", "outsiders",
                          "outside countries", "extra-regional countries",
                          "interference on the pretext of democracy",
                          "interference on the pretext of human rights",
                          "meddling under the pretext", "double standards"],
        "friendship": ["solidarity", "cherished ties", "unbreakable ties",
                       "sharing weal and woe", "his appreciation", "heartfelt thanks",
                       "sincere thanks", "deep thanks", "thanks to the government",
                       "thanks to the people"],
    },
}
#: Phrases of the patterns codebook 2.1 added (merged into VOCABULARY).
_ADDED_IN_2_1: dict[str, dict[str, list[str]]] = {
    "fr": {
        "sovereignty.territorial_integrity": [
            "l'intégrité de son territoire", "une Chine unique", "l'unité nationale",
            "la question de Taïwan", "les questions liées à Taiwan", "le Xizang", "le Tibet",
            "le Xinjiang"],
        "sovereignty.security": ["sa stabilité politique", "sa stabilité sociale"],
        "sovereignty.core_interests": ["leurs intérêts centraux", "ses intérêts majeurs",
                                       "leurs préoccupations majeures"],
        "sovereignty.development_path": ["leurs systèmes sociaux"],
        "cooperation": ["elle travaillera avec", "ils travaillent ensemble", "œuvrer avec",
                        "oeuvrer avec", "œuvrer ensemble", "oeuvrer ensemble"],
        "cooperation.economic": ["les relations économiques", "les liens économiques",
                                 "le chemin de fer", "la ligne ferroviaire"],
        "cooperation.mutual_support": [
            "un don de riz", "un don d'équipements", "des fournitures", "des doses",
            "un lot de vaccins", "des dons de vaccins", "les vaccins donnés",
            "les vaccins offerts", "les vaccins fournis", "contribuer au développement",
            "sa contribution à la reconstruction", "l'appui au développement"],
        "anti_cold_war": [
            "l'affrontement de blocs", "l'affrontement entre blocs", "l'affrontement des blocs",
            "l'affrontement de camps", "l'affrontement entre camps", "la logique de bloc",
            "la logique des blocs", "la coercition économique", "la juridiction extraterritoriale",
            "la rivalité géopolitique", "les jeux géopolitiques", "la compétition géopolitique",
            "les petits cercles", "choisir son camp", "choisir un camp",
            "la course aux armements", "au nom de la démocratie",
            "au nom des droits de l'homme", "la démocratisation des relations internationales"],
        "friendship": ["il est reconnaissant", "sa reconnaissance", "leur reconnaissance",
                       "une profonde reconnaissance", "la reconnaissance envers",
                       "de bons voisins", "le bon voisinage"],
    },
    "en": {
        "sovereignty.territorial_integrity": ["national unity", "the Taiwan question", "Xizang",
                                              "Tibet", "Xinjiang"],
        "sovereignty.security": ["its political stability", "its social stability"],
        "sovereignty.core_interests": ["major concerns"],
        "sovereignty.non_interference": ["internal matters"],
        "sovereignty.development_path": ["social systems"],
        "cooperation": ["training"],
        "cooperation.economic": ["infrastructure", "economic ties", "economic relations",
                                 "railways"],
        "cooperation.mutual_support": [
            "to assist", "it assists", "assisted", "assisting", "doses", "a vaccine donation",
            "vaccine aid", "vaccine assistance", "donated vaccines", "batches of vaccines",
            "contributions to the development", "contributed to the development",
            "contribution to the reconstruction"],
        "anti_cold_war": [
            "pretexts", "Cold-War thinking", "bloc-based", "camp-based", "bloc rivalry",
            "bullying", "bully", "bullies", "economic coercion", "long-arm jurisdiction",
            "small circles", "small cliques", "exclusive blocs", "exclusive clubs",
            "exclusive groupings", "geopolitical games", "geopolitical rivalry",
            "geopolitical competition", "great-power rivalry", "major-power rivalry",
            "big-power rivalry", "great power rivalry", "major power rivalry", "take sides",
            "pick sides", "choose sides", "arms race", "ideological lines",
            "in the name of democracy", "in the name of human rights", "de-risking",
            "chain-breaking", "breaking chains", "democracy in international relations",
            "democratization of international relations",
            "democratisation of international relations"],
        "friendship": ["gratefully", "good neighbours", "good-neighbourliness"],
    },
}
#: Phrases for the patterns codebook 2.2 added.
_ADDED_IN_2_2 = {
    "fr": {
        "sovereignty.territorial_integrity": ["la solidarité nationale", "les indépendantistes"],
        "cooperation.economic": ["les achats de riz", "acheter du riz"],
        "cooperation.mutual_benefit": ["les intérêts mutuels", "les intérêts réciproques"],
        "cooperation.mutual_support": ["se soutenir l'un l'autre", "assister le pays",
                                       "assister la population", "assister les victimes",
                                       "elle assistera le pays", "elle assistera la région"],
        "cooperation.exchanges": ["les liens entre les jeunes"],
        "friendship": ["il apprécie", "son admiration", "un voisin proche", "un proche voisin"],
    },
    "en": {
        "sovereignty.territorial_integrity": ["national solidarity"],
        "cooperation.mutual_benefit": ["mutual interests"],
        "friendship": ["admiration", "close neighbours"],
    },
}
#: Phrases for the patterns codebook 2.3 added (2.3 also narrowed political and social
#: stability and national defence to a country's own: the 2.0 and 2.1 phrases above say
#: "its political stability", « sa défense nationale »).
_ADDED_IN_2_3 = {
    "fr": {
        "sovereignty": ["un pays indépendant", "une politique indépendante",
                        "des nations indépendantes", "des États indépendants"],
        "sovereignty.territorial_integrity": [
            "les revendications territoriales", "les différends territoriaux",
            "les litiges territoriaux", "la souveraineté territoriale"],
        "sovereignty.security": [
            "maintenir la stabilité", "le maintien de la stabilité", "la stabilité du pays",
            "la stabilité à long terme", "la stabilité intérieure", "leur stabilité politique",
            "leur stabilité sociale", "notre stabilité politique", "leur défense nationale",
            "notre défense nationale", "les capacités de défense nationale"],
        "sovereignty.core_interests": ["les droits légitimes", "les intérêts légitimes"],
        "sovereignty.development_path": ["ses propres caractéristiques",
                                         "ses propres spécificités"],
        "cooperation": ["les actions concertées", "un effort concerté", "la lutte concertée",
                        "un mémorandum d'entente", "les protocoles d'accord",
                        "un protocole d'entente", "le renforcement des capacités",
                        "renforcer les capacités", "dans tous les domaines",
                        "dans divers domaines", "dans différents domaines",
                        "la criminalité transfrontalière", "la criminalité transnationale",
                        "les crimes transfrontaliers", "les crimes transnationaux",
                        "les jeux d'argent en ligne", "les fraudes en ligne",
                        "les escroqueries en ligne"],
        "cooperation.economic": ["l'accès au marché", "l'accès aux marchés", "le tourisme",
                                 "les touristes"],
        "cooperation.mutual_support": [
            "dans la lutte contre l'épidémie", "dans la lutte contre la pandémie",
            "dans la lutte contre la COVID-19", "dans la lutte contre le COVID-19",
            "dans sa lutte contre la faim", "dans leur lutte contre la pauvreté",
            "le soutien au Cambodge", "le soutien du gouvernement cambodgien",
            "le soutien du gouvernement chinois", "aider à lutter contre l'épidémie",
            "aider à lutter contre la pandémie", "aider à lutter contre la COVID-19",
            "aider à lutter contre le COVID-19"],
        "anti_cold_war": ["les intimidations"],
        "friendship": ["sa sympathie", "contre vents et marées"],
    },
    "en": {
        "sovereignty": ["an independent country"],
        "sovereignty.territorial_integrity": ["territorial claims", "territorial disputes"],
        "sovereignty.security": [
            "to maintain stability", "it maintains stability", "maintained stability",
            "maintaining stability", "stability in the country", "stability of the country",
            "long-term stability", "long-term peace and stability", "domestic stability",
            "internal stability", "their political stability", "her political stability",
            "our political stability", "their social stability", "their national defence",
            "their national defense", "her national defence", "her national defense",
            "our national defence", "our national defense", "its own national defence",
            "its own national defense", "capacity in national defence",
            "capacity in national defense", "national defence capabilities",
            "national defense capabilities", "national defence capacity",
            "national defense capacity"],
        "sovereignty.core_interests": ["legitimate rights", "legitimate and legal rights",
                                       "legitimate interests"],
        "sovereignty.development_path": ["its own characteristics",
                                         "a path of political development"],
        "cooperation": ["concerted action", "a memorandum", "memoranda", "an MoU", "MoUs",
                        "the agreements", "the deals", "capacity building",
                        "capacity-building", "in all fields", "in various fields",
                        "in all areas", "in various areas", "trans-boundary crimes",
                        "transboundary crime", "cross-border crimes", "transnational crime",
                        "online gambling", "telecom fraud", "online fraud", "online scams"],
        "cooperation.economic": ["market access", "access to markets",
                                 "access to the market", "tourism", "tourists"],
        "cooperation.mutual_support": [
            "developing its economy", "developing the economy", "to develop its economy",
            "to develop the economy", "in the fight against poverty",
            "in their fight against hunger", "in its fight against the virus",
            "in fighting the epidemic", "in fighting the pandemic",
            "in fighting the coronavirus", "in fighting COVID-19", "in combating floods",
            "combating COVID-19", "combatting COVID-19", "efforts to combat floods",
            "invaluable support", "support to Cambodia", "support of the Cambodian government",
            "support of the Chinese government"],
        "cooperation.shared_future": ["a community of destiny", "communities of destiny",
                                      "a community of fate", "a fate community"],
        "anti_cold_war": ["intimidation", "the politics of power"],
        "friendship": ["to appreciate", "it appreciates", "appreciated", "appreciating",
                       "expressed thanks", "extended thanks", "conveyed thanks",
                       "his thanks", "her thanks", "its thanks", "their thanks",
                       "sympathy", "sympathies", "sympathetic", "through thick and thin",
                       "to stand together", "stood together", "standing together",
                       "to stand with", "it stands with", "stood with", "standing with",
                       "full confidence"],
    },
}
#: Phrases of the patterns codebook 2.4 added (merged into VOCABULARY).
_ADDED_IN_2_4 = {
    "fr": {
        "sovereignty.territorial_integrity": ["le siège légitime"],
        "cooperation": ["les accords", "un accord", "l'accord", "cet accord", "accord de",
                        "accord sur", "les accords de coopération", "le plan d'action",
                        "mettre en œuvre le consensus", "mettre en œuvre les consensus",
                        "mettre en oeuvre le consensus", "mettre en oeuvre les consensus",
                        "appliquer le consensus", "l'application du consensus",
                        "la cérémonie de remise", "la remise et réception",
                        "réceptionner", "il remettra", "ils remettront",
                        "développer l'économie", "développer son économie",
                        "le développement économique et social",
                        "le développement socio-économique", "les jeux d'argent",
                        "les fraudes aux télécommunications", "des exercices conjoints",
                        "des exercices militaires conjoints", "des manœuvres conjointes",
                        "les activités économiques"],
        "cooperation.exchanges": ["les jeunes", "la jeunesse"],
        "cooperation.mutual_support": ["se soutenir", "ils se soutiennent",
                                       "ils se soutiendront", "ils se sont soutenus",
                                       "en se soutenant"],
    },
    "en": {
        "sovereignty.territorial_integrity": ["the lawful seat", "the legitimate seat"],
        "cooperation": ["an agreement", "the action plan", "action plans",
                        "implement the consensus", "implementing the consensus",
                        "the implementation of the consensus",
                        "implement the important consensus",
                        "implementing the important consensus", "implement the key consensus",
                        "the handover ceremony", "a handing-over ceremony",
                        "the handover and reception", "gambling", "joint drills",
                        "joint military exercises", "the exercise between",
                        "exercises between", "economic activities"],
        "cooperation.exchanges": ["youth exchanges", "between the youth",
                                  "youth delegations"],
    },
}
#: Phrases of the patterns codebook 2.5 added (merged into VOCABULARY).
_ADDED_IN_2_5 = {
    "fr": {
        "sovereignty.territorial_integrity": [
            "les intégrités territoriales", "l'intégrité de leur territoire",
            "l'intégrité de leurs territoires", "l'intégrité de notre territoire",
            "l'unification nationale", "l'unification pacifique", "l'unification complète",
            "l'unification de la Chine", "l'unification de la patrie", "l'unification du pays",
            "la question de Hong Kong", "les questions de Hong Kong", "liées à Hong Kong",
            "relatives à Hong Kong", "les affaires de Hong Kong", "concernant Hong Kong",
            "la question de Macao", "liés à Macao"],
        "sovereignty.security": [
            "la sécurité du pays", "la sécurisation du pays",
            "la sécurité et la stabilité nationales", "sécurité et stabilité nationales",
            "les préoccupations sécuritaires", "les préoccupations de sécurité",
            "les préoccupations en matière de sécurité",
            "les préoccupations légitimes en matière de sécurité",
            "les préoccupations légitimes de tous les pays"],
        "sovereignty.core_interests": ["les intérêts clés"],
        "sovereignty.non_interference": ["s'ingérer", "ils s'ingèrent", "s'immiscer",
                                         "l'immixtion"],
        "sovereignty.development_path": ["sa propre voie", "son propre système",
                                         "leurs propres systèmes"],
        "cooperation": ["le code de conduite"],
        "cooperation.exchanges": ["les relations entre les partis", "des relations entre partis",
                                  "les liens entre les partis",
                                  "entre les partis au pouvoir"],
        "cooperation.mutual_support": ["dans la lutte contre la covid",
                                       "dans la lutte contre le covid"],
        "anti_cold_war": ["les confrontations géopolitiques", "les intérêts géopolitiques",
                          "les calculs géopolitiques", "l'endiguement", "endiguer",
                          "contenir la Chine", "les pays extraterritoriaux",
                          "les pays extrarégionaux", "les pays extra-régionaux",
                          "les pays hors de la région", "les pays de l'extérieur de la région",
                          "les puissances hors de la région", "les forces hors de la région",
                          "la démocratie dans les relations internationales",
                          "le processus démocratique dans les relations internationales",
                          "les guerres tarifaires", "des droits de douane élevés",
                          "des droits de douane punitifs"],
    },
    "en": {
        "sovereignty.territorial_integrity": [
            "the integrity of its territory", "the integrity of their territories",
            "national unification", "peaceful unification", "complete unification",
            "the unification of China", "the unification of the motherland",
            "the unification of the country", "Hong Kong-related", "Hong Kong affairs",
            "related to Hong Kong", "concerning Hong Kong", "the Hong Kong issue",
            "the Hong Kong question", "the issue of Hong Kong", "the question of Hong Kong",
            "Macao-related", "related to Macao", "territorial and maritime"],
        "sovereignty.security": ["the country's security", "the security of the country",
                                 "the nation's security", "security concerns"],
        "sovereignty.core_interests": ["key interests"],
        "sovereignty.development_path": ["its own path", "their own paths", "its own system",
                                         "its own political system"],
        "cooperation": ["the code of conduct"],
        "cooperation.exchanges": ["party-to-party", "inter-party",
                                  "between the ruling parties"],
        "anti_cold_war": ["countries outside the region", "powers outside the region",
                          "forces outside the region", "geopolitical confrontation",
                          "geopolitical interests", "geopolitical calculations",
                          "containment", "to contain China", "containing China",
                          "tariff wars", "punitive tariffs", "high tariffs"],
    },
}
#: Phrases of the patterns codebook 2.6 added (merged into VOCABULARY).
_ADDED_IN_2_6 = {
    "fr": {
        "sovereignty.territorial_integrity": ["la solidarité intérieure", "l'unité intérieure"],
        "cooperation": ["la signature de l'accord", "la cérémonie de signature",
                        "ils ont signé", "il a signé", "ils signeront", "les liens dans"],
        "cooperation.economic": ["le CPEC"],
        "cooperation.mutual_support": ["un soutien généreux", "un soutien opportun",
                                       "un soutien désintéressé", "l'aide désintéressée",
                                       "les équipes médicales", "le matériel médical",
                                       "le matériel de lutte contre"],
        "friendship": ["coude à coude", "épaule contre épaule"],
    },
    "en": {
        "sovereignty.territorial_integrity": ["domestic solidarity", "internal solidarity",
                                              "domestic unity"],
        "cooperation": ["the signing of", "the signing ceremony", "signed a", "signed an",
                        "signed the", "signed two", "signed several", "inked", "the accord",
                        "two accords", "ties in", "ties in the fields",
                        "relations in the fields"],
        "cooperation.belt_and_road": ["the Belt and Roads", "Belt-and-Road's"],
        "cooperation.economic": ["the CPEC"],
        "cooperation.mutual_support": [
            "its socio-economic development", "socioeconomic development",
            "economic and social development", "social and economic development",
            "development support", "development assistance", "generous support",
            "timely support", "selfless support", "medical teams", "anti-pandemic materials",
            "anti-epidemic materials", "anti-pandemic supplies", "anti-epidemic supplies",
            "testing equipment"],
        "friendship": ["shoulder to shoulder", "shoulder-to-shoulder", "relayed thanks"],
    },
}
for _added in (_ADDED_IN_2_0, _ADDED_IN_2_1, _ADDED_IN_2_2, _ADDED_IN_2_3, _ADDED_IN_2_4,
               _ADDED_IN_2_5, _ADDED_IN_2_6):
    for _lang, _themes in _added.items():
        for _theme, _items in _themes.items():
            VOCABULARY[_lang][_theme] = VOCABULARY[_lang][_theme] + _items

#: Phrases of the exclusions and near misses: look like theme words, must not code ("a trade
#: war", excluded from cooperation, is anti-Cold War framing since codebook 2.0).
EXCLUDED = {
    "fr": ["la sécurité sociale", "la sécurité alimentaire", "le Conseil de sécurité",
           "les fonds souverains", "la dette souveraine", "l'indépendance de la justice",
           "les pays en voie de développement", "un échange de vues approfondi",
           "les coopératives agricoles", "l'inimitié",
           "un vote de confiance", "il en a profité pour partir", "le pouvoir d'achat",
           "lors des échanges", "des experts indépendants", "leur rencontre amicale",
           "ils ont conjointement assisté", "ils ont échangé des messages",
           "ils sont d'accord", "d'un commun accord", "il a apprécié les progrès",
           "une atmosphère amicale", "le conseiller à la sécurité nationale",
           "le maintien de la stabilité régionale", "l'unification des normes",
           "il a échangé avec le ministre"],
    "en": ["social security", "food security", "the UN Security Council",
           "sovereign wealth funds", "sovereign debt", "judicial independence",
           "an in-depth exchange of views", "agricultural cooperatives", "trade unions",
           "radio interference", "trust funds", "first aid", "independent experts",
           "a friendly meeting", "they jointly attended", "exchanged congratulatory letters",
           "help promote ties", "political stability", "national defense",
           "they reached an agreement", "he appreciated the progress",
           "meddling in regional affairs", "friendly talks", "a friendly atmosphere",
           "the national security adviser", "friendly negotiations"],
}

#: Theme-neutral noun phrases (development, sectors, places).
NEUTRAL = {
    "fr": ["le développement économique", "la stabilité régionale", "la paix", "l'agriculture",
           "l'aviation civile", "les infrastructures", "l'éducation", "la santé publique",
           "la réduction de la pauvreté", "la transformation numérique", "l'énergie verte",
           "la prospérité commune", "les relations bilatérales", "la modernisation",
           "le bien-être des deux peuples", "la formation professionnelle", "l'économie numérique",
           "le secteur manufacturier", "la gestion des catastrophes",
           "la protection de l'environnement", "les nouvelles énergies"],
    "en": ["economic development", "regional stability", "peace", "agriculture", "civil aviation",
           "infrastructure", "education", "public health", "poverty reduction",
           "the digital transformation", "green energy", "common prosperity",
           "bilateral relations", "modernization", "the well-being of the two peoples",
           "vocational training", "the digital economy", "manufacturing",
           "disaster management", "environmental protection", "new energy"],
}

_FR_INF = ["renforcer", "approfondir", "promouvoir", "consolider", "élargir", "défendre",
           "sauvegarder", "respecter", "faire progresser", "soutenir", "valoriser"]
_EN_INF = ["strengthen", "deepen", "promote", "consolidate", "expand", "safeguard", "uphold",
           "respect", "advance", "enhance"]
_FR_REPORT = ["a déclaré", "a souligné", "a indiqué", "a affirmé", "a noté", "a ajouté",
              "a estimé", "a réaffirmé", "a rappelé", "a précisé", "a assuré"]
_FR_INVERTED = ["a-t-il déclaré", "a-t-il ajouté", "a-t-il souligné", "a-t-il indiqué",
                "a souligné M. {short}", "a affirmé {short}", "a-t-il poursuivi"]
_FR_FIXES = [(re.compile(r"\b(qu|d|l|j|n|s)e ([aeiouéèêâîôû])", re.I), r"\1'\2"),
             (re.compile(r"\bde le "), "du "), (re.compile(r"\bde les "), "des "),
             (re.compile(r"\bà le "), "au "), (re.compile(r"\bà les "), "aux ")]
_EN_REPORT = ["said", "noted", "stressed", "pointed out", "stated", "added", "underlined",
              "emphasized", "reaffirmed", "expressed the belief"]
_EN_INVERTED = ["he said", "he added", "{short} said", "{short} noted", "he stressed"]
_FR_PARTICIPLE = ["Notant que", "Soulignant que", "Rappelant que", "Estimant que"]
_EN_PARTICIPLE = ["Noting that", "Stressing that", "Recalling that", "Pointing out that"]
_SOURCES = ["Xinhua", "CGTN", "MFA China", "Agence Kampuchea Presse", "Khmer Times",
            "MFAIC Cambodia"]
_CITIES = {"fr": ["Pékin", "Phnom Penh", "Shanghai", "Siem Reap", "Hangzhou", "Kunming"],
           "en": ["Beijing", "Phnom Penh", "Shanghai", "Siem Reap", "Hangzhou", "Kunming"]}
_DAYS = {"fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
         "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]}
_MONTHS = {"fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                  "septembre", "octobre", "novembre", "décembre"],
           "en": ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]}
_COUNTRIES = {"fr": {"CN": "la Chine", "KH": "le Cambodge"},
              "en": {"CN": "China", "KH": "Cambodia"}}


def _load_actors() -> dict[str, list[dict]]:
    """Actors by side from data/actors.yml: name, short name and language aliases."""
    import yaml

    path = ROOT / "data" / "actors.yml"
    if not path.exists():
        path = ROOT / "tests" / "data" / "attribution" / "actors.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]
    out: dict[str, list[dict]] = {}
    for actor_id, a in data.items():
        name = a["name"]
        aliases = a.get("aliases", {})
        out.setdefault(a["side"], []).append({
            "id": actor_id, "name": name,
            "fr": [x for x in aliases.get("fr", [name]) if " " in x or x == name] or [name],
            "en": [x for x in aliases.get("en", [name]) if " " in x or x == name] or [name],
        })
    return out


# --------------------------------------------------------------------------- people
_CN_SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
                "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang",
                "Song", "Zheng", "Xie", "Han", "Tang", "Feng", "Yu", "Dong", "Xiao"]
_CN_SYLLABLES = ["jian", "hua", "ming", "wei", "guo", "qiang", "xiao", "li", "jun", "hong",
                 "yong", "bin", "tao", "feng", "lin", "ping", "hai", "dong", "xin", "yu",
                 "zhi", "kang", "rui", "sheng", "chao", "peng", "yi", "wen", "an", "bo"]
_KH_SURNAMES = ["Sok", "Chea", "Hun", "Prak", "Keo", "Chan", "Meas", "Ouk", "Ly", "Sam",
                "Heng", "Kim", "Nhem", "Pen", "Tea", "Say", "Sun", "Yim", "Chhay", "Vong"]
_KH_GIVEN = ["Vanna", "Sophal", "Dara", "Rithy", "Sokha", "Chanthy", "Bopha", "Vichea",
             "Pisey", "Sothea", "Kosal", "Narin", "Sovann", "Malis", "Ratana", "Sambath",
             "Piseth", "Chenda", "Visal", "Sreymom", "Makara", "Vuthy", "Kimsan", "Sokun"]
_OFFICES = [("Minister of Commerce", "ministre", "du Commerce"),
            ("Minister of Foreign Affairs", "ministre", "des Affaires étrangères"),
            ("Minister of Agriculture", "ministre", "de l'Agriculture"),
            ("Minister of Public Works", "ministre", "des Travaux publics"),
            ("Minister of Education", "ministre", "de l'Éducation"),
            ("Minister of Health", "ministre", "de la Santé"),
            ("Minister of Defence", "ministre", "de la Défense"),
            ("Ambassador to Phnom Penh", "ambassadeur", "à Phnom Penh"),
            ("Vice-Minister of Finance", "vice-ministre", "des Finances"),
            ("Governor of the Central Bank", "gouverneur", "de la Banque centrale"),
            ("spokesperson of the Foreign Ministry", "porte-parole", "du ministère des "
             "Affaires étrangères"),
            ("Secretary of State for Tourism", "secrétaire d'État", "au Tourisme")]
_NATIONALITY = {"en": {"CN": "Chinese", "KH": "Cambodian"},
                "fr": {"CN": "chinois", "KH": "cambodgien"}}


def make_people(n: int, *, seed: int = 1) -> dict[str, list[dict]]:
    """``n`` distinct synthetic officials by side, each with a name, surname and office.

    Examples
    --------
    >>> people = make_people(50, seed=1)
    >>> sum(len(v) for v in people.values()), len({p["name"] for v in people.values() for p in v})
    (50, 50)
    """
    rng = random.Random(f"people-{seed}")
    seen: set[str] = set()
    out: dict[str, list[dict]] = {"CN": [], "KH": []}
    while len(seen) < n:
        side = "CN" if rng.random() < 0.5 else "KH"
        if side == "CN":
            surname = rng.choice(_CN_SURNAMES)
            given = rng.choice(_CN_SYLLABLES) + rng.choice(_CN_SYLLABLES)
            name = f"{surname} {given.capitalize()}"
        else:
            surname = rng.choice(_KH_SURNAMES)
            name = f"{surname} {rng.choice(_KH_GIVEN)}"
            if rng.random() < 0.5:                  # a third part: more distinct names
                name += f" {rng.choice(_KH_GIVEN)}"
        if name in seen:
            continue
        seen.add(name)
        out[side].append({"name": name, "short": surname, "office": rng.choice(_OFFICES),
                          "side": side})
    return out


def describe(person: dict, lang: str) -> str:
    """The person as a readout names them: office, nationality and name.

    Examples
    --------
    >>> p = {"name": "Sok Vanna", "short": "Sok", "side": "KH",
    ...      "office": ("Minister of Commerce", "ministre", "du Commerce")}
    >>> describe(p, "en"), describe(p, "fr")
    ('Cambodian Minister of Commerce Sok Vanna', 'le ministre cambodgien du Commerce, Sok Vanna,')
    """
    en, fr_title, fr_dept = person["office"]
    nat = _NATIONALITY[lang][person["side"]]
    if lang == "en":
        return f"{nat} {en} {person['name']}"
    return f"le {fr_title} {nat} {fr_dept}, {person['name']},"


# --------------------------------------------------------------------------- templates
def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class _Writer:
    """Fills sentence templates for one document (state: the language and the two actors)."""

    def __init__(self, rng: random.Random, actors: dict[str, list[dict]],
                 people: dict[str, list[dict]] | None = None):
        self.rng = rng
        self.actors = actors
        self.people = people or {"CN": [], "KH": []}
        self.themes = {lang: list(v.values()) for lang, v in VOCABULARY.items()}

    def np(self, lang: str) -> str:
        r = self.rng.random()
        if r < 0.55:
            return self.rng.choice(self.rng.choice(self.themes[lang]))
        if r < 0.62:
            return self.rng.choice(EXCLUDED[lang])
        return self.rng.choice(NEUTRAL[lang])

    def clause_fr(self, c1: str, c2: str) -> str:
        rng, np = self.rng, self.np
        k = rng.randrange(12)
        if k == 0:
            return f"{c1} souhaite travailler avec {c2} pour {rng.choice(_FR_INF)} {np('fr')}"
        if k == 1:
            return f"{c1} soutient fermement {c2} dans ses efforts pour {rng.choice(_FR_INF)} {np('fr')}"
        if k == 2:
            return (f"les deux pays doivent {rng.choice(_FR_INF)} {np('fr')} et "
                    f"{rng.choice(_FR_INF)} {np('fr')}, au bénéfice des deux peuples")
        if k == 3:
            acw = rng.choice(VOCABULARY["fr"]["anti_cold_war"])
            return f"{c1} rejette {acw} et soutient {np('fr')} dans la région"
        if k == 4:
            return f"{c1} ne s'ingère jamais dans les affaires intérieures des autres pays"
        if k == 5:
            return f"aucune force ne pourra ébranler {np('fr')} entre {c1} et {c2}"
        if k == 6:
            return f"{c1} n'oubliera jamais le soutien de {c2} en faveur de {np('fr')}"
        if k == 7:
            return (f"{np('fr')} et {np('fr')} constituent des piliers des relations entre "
                    f"{c1} et {c2}")
        if k == 8:
            return f"{c1} ne veut pas de {np('fr')} sans {np('fr')}"
        if k == 9:
            return (f"{c1} compte {rng.choice(_FR_INF)} {np('fr')}, {np('fr')} et "
                    f"{np('fr')} avec {c2} dans la nouvelle ère")
        if k == 10:
            return f"{np('fr')} a connu un développement rapide ces dernières années"
        return (f"{c1} attache une grande importance à {np('fr')} et souhaite "
                f"{rng.choice(_FR_INF)} {np('fr')}")

    def clause_en(self, c1: str, c2: str) -> str:
        rng, np = self.rng, self.np
        k = rng.randrange(12)
        if k == 0:
            return f"{c1} is ready to work with {c2} to {rng.choice(_EN_INF)} {np('en')}"
        if k == 1:
            return f"{c1} firmly supports {c2} in its efforts to {rng.choice(_EN_INF)} {np('en')}"
        if k == 2:
            return (f"the two countries should {rng.choice(_EN_INF)} {np('en')} and "
                    f"{rng.choice(_EN_INF)} {np('en')} to benefit the two peoples")
        if k == 3:
            acw = rng.choice(VOCABULARY["en"]["anti_cold_war"])
            return f"{c1} opposes {acw} and supports {np('en')} in the region"
        if k == 4:
            return f"{c1} never interferes in the internal affairs of other countries"
        if k == 5:
            return f"no force can shake {np('en')} between {c1} and {c2}"
        if k == 6:
            return f"{c1} will never forget the {np('en')} provided by {c2} over the years"
        if k == 7:
            return f"{np('en')} and {np('en')} are pillars of the relations between {c1} and {c2}"
        if k == 8:
            return f"{c1} does not want {np('en')} without {np('en')}"
        if k == 9:
            return (f"{c1} stands ready to {rng.choice(_EN_INF)} {np('en')}, {np('en')} and "
                    f"{np('en')} with {c2} in the new era")
        if k == 10:
            return f"{np('en')} has grown rapidly in recent years"
        return (f"{c1} attaches great importance to {np('en')} and hopes to "
                f"{rng.choice(_EN_INF)} {np('en')}")

    def document(self, i: int) -> dict:
        rng = self.rng
        lang = "fr" if rng.random() < 0.5 else "en"
        year, month, day = rng.randrange(2013, 2026), rng.randrange(12), rng.randrange(1, 29)
        date = f"{year}-{month + 1:02d}-{day:02d}"
        cn, kh = rng.choice(self.actors["CN"]), rng.choice(self.actors["KH"])
        host, guest = (cn, kh) if rng.random() < 0.5 else (kh, cn)
        city, wday = rng.choice(_CITIES[lang]), rng.choice(_DAYS[lang])
        source = rng.choice(_SOURCES)
        countries = _COUNTRIES[lang]
        clause = self.clause_fr if lang == "fr" else self.clause_en
        paragraphs = []
        if lang == "fr":
            title = f"{host['name']} s'entretient avec {guest['name']} à {city}"
            paragraphs.append(
                f"{city.upper()}, {day} {_MONTHS['fr'][month]} ({source}) -- {host['name']} "
                f"s'est entretenu {wday} à {city} avec {guest['name']}, en visite officielle.")
        else:
            title = f"{host['name']} holds talks with {guest['name']} in {city}"
            paragraphs.append(
                f"{city.upper()}, {_MONTHS['en'][month]} {day} ({source}) -- {host['name']} "
                f"held talks with {guest['name']} in {city} on {wday}.")
        for _ in range(rng.randrange(4, 9)):
            speaker = rng.choice((cn, kh))
            own = countries["CN" if speaker is cn else "KH"]
            other = countries["KH" if speaker is cn else "CN"]
            name = rng.choice(speaker[lang])
            short = speaker["name"]
            side = "CN" if speaker is cn else "KH"
            if self.people[side] and rng.random() < 0.4:     # an official speaks
                person = rng.choice(self.people[side])
                name, short = describe(person, lang), person["short"]
            sents = []
            for j in range(rng.randrange(1, 4)):
                c = clause(own, other)
                r = rng.random()
                if lang == "fr":
                    if j == 0 and r < 0.5:
                        sents.append(f"{name} {rng.choice(_FR_REPORT)} que {c}.")
                    elif j == 0 and r < 0.7:
                        sents.append(f"{rng.choice(_FR_PARTICIPLE)} {clause(own, other)}, "
                                     f"{name} {rng.choice(_FR_REPORT)} que {c}.")
                    elif r < 0.8:
                        inv = rng.choice(_FR_INVERTED).format(short=short)
                        sents.append(f"{_cap(c)}, {inv}.")
                    elif r < 0.9:
                        sents.append(f"Il {rng.choice(_FR_REPORT)} que {c}.")
                    elif r < 0.95:
                        sents.append(f"Les deux parties ont convenu de {rng.choice(_FR_INF)} "
                                     f"{self.np('fr')} et {self.np('fr')}.")
                    else:
                        sents.append(f"{_cap(c)}.")
                else:
                    if j == 0 and r < 0.5:
                        sents.append(f"{name} {rng.choice(_EN_REPORT)} that {c}.")
                    elif j == 0 and r < 0.7:
                        sents.append(f"{rng.choice(_EN_PARTICIPLE)} {clause(own, other)}, "
                                     f"{name} {rng.choice(_EN_REPORT)} that {c}.")
                    elif r < 0.8:
                        inv = rng.choice(_EN_INVERTED).format(short=short)
                        sents.append(f"{_cap(c)}, {inv}.")
                    elif r < 0.9:
                        sents.append(f"He {rng.choice(_EN_REPORT)} that {c}.")
                    elif r < 0.95:
                        sents.append(f"Both sides agreed to {rng.choice(_EN_INF)} "
                                     f"{self.np('en')} and {self.np('en')}.")
                    else:
                        sents.append(f"{_cap(c)}.")
            para = " ".join(_cap(x) for x in sents)
            if lang == "fr":
                for rx, sub in _FR_FIXES:
                    para = rx.sub(sub, para)
            paragraphs.append(para)
        if lang == "fr":
            paragraphs.append(f"Avant les entretiens, {host['name']} a organisé une cérémonie "
                              f"de bienvenue pour {guest['name']}.")
        else:
            paragraphs.append(f"Before the talks, {host['name']} held a welcome ceremony for "
                              f"{guest['name']}.")
        return {"doc_id": f"synth_{i:08d}", "text": "\n\n".join(paragraphs), "lang": lang,
                "date": date, "source": source, "title": title}


# --------------------------------------------------------------------------- writing
_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "K": 10**3, "M": 10**6,
          "G": 10**9, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}


def parse_size(text: str | int) -> int:
    """A size in bytes from ``"100MB"``, ``"1GB"``, ``"500kB"`` or an int.

    Examples
    --------
    >>> parse_size("100MB"), parse_size("1.5kb"), parse_size(42)
    (100000000, 1500, 42)
    """
    if isinstance(text, int):
        return text
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([a-zA-Z]*)\s*", str(text))
    if not m or m.group(2).upper() not in _UNITS:
        raise ValueError(f"size {text!r} is not valid; write e.g. 1MB, 100MB, 1GB")
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


def iter_documents(seed: int = 1, people: int = 20_000):
    """Yield synthetic documents (dicts) forever, deterministically for a seed."""
    writer = _Writer(random.Random(seed), _load_actors(), make_people(people, seed=seed))
    i = 0
    while True:
        i += 1
        yield writer.document(i)


def write_corpus(out, *, size: int | str, seed: int = 1,
                 people: int = 20_000) -> tuple[int, int]:
    """Write documents as JSON lines to a text stream until ``size`` bytes (UTF-8) are written.

    Returns
    -------
    (documents, bytes) written.
    """
    size = parse_size(size)
    n_docs = n_bytes = 0
    for doc in iter_documents(seed, people):
        if n_bytes >= size:
            break
        line = json.dumps(doc, ensure_ascii=False) + "\n"
        out.write(line)
        n_docs += 1
        n_bytes += len(line.encode("utf-8"))
    return n_docs, n_bytes


def make_corpus(path: str | os.PathLike, *, size: int | str, seed: int = 1,
                overwrite: bool = True, people: int = 20_000) -> tuple[int, int]:
    """Write a corpus file (atomically: a temporary file renamed at the end)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        result = write_corpus(f, size=size, seed=seed, people=people)
    if path.exists() and not overwrite:
        tmp.unlink()
        raise FileExistsError(f"{path}: exists; remove it or pass overwrite=True")
    os.replace(tmp, path)
    return result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size", default="10MB", help="corpus size, e.g. 1MB, 100MB, 1GB")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--people", type=int, default=20_000,
                   help="distinct officials who speak besides the leaders (0: none)")
    p.add_argument("--out", default=None, help="output .jsonl (default: "
                   "benchmarks/data/corpus_<size>_s<seed>.jsonl)")
    args = p.parse_args(argv)
    out = args.out or ROOT / "benchmarks" / "data" / f"corpus_{args.size}_s{args.seed}.jsonl"
    n_docs, n_bytes = make_corpus(out, size=args.size, seed=args.seed, people=args.people)
    print(f"{out}: {n_docs} documents, {n_bytes / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
