"""Tests of discourse.coding.codebook, .model, .serialize and .patterns: the format, its validation, the default
codebook as an instrument, the table of patterns and the writer."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from discourse.coding.codebook import (
    DEFAULT_CODEBOOK,
    codebook_to_frame,
    read_codebook,
    write_codebook,
)
from discourse.coding.model import Codebook, Theme
from discourse.coding.patterns import check_pattern, pattern_kind, pattern_regex
from discourse.errors import CodebookError, ExportError
from discourse.schema import theme_column
from discourse.text.normalize import normalize_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "codebooks"
SAMPLE = ROOT / "data" / "raw" / "000_38ca568774651fa9.txt"
GOLD = ROOT / "tests" / "data" / "sample_gold.csv"
TOP = ["sovereignty", "cooperation", "anti_cold_war", "friendship"]


def _write(tmp_path: Path, text: str, name: str = "cb.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _mini(theme: str) -> str:
    return 'id: t\nversion: "1"\nthemes:\n' + theme


# ----------------------------------------------------------------------- default codebook
def test_default_codebook_has_the_four_themes_in_french_and_english():
    cb = read_codebook()
    assert [t.id for t in cb.children(None)] == TOP
    assert cb.version == "2.6.0" and cb.id == "default"
    assert cb.languages == ("fr", "en", "zh", "km")
    for top in TOP:
        family = [t for t in cb.themes if t.id == top or t.id.startswith(top + ".")]
        for lang in ("fr", "en", "zh", "km"):
            assert sum(len(t.patterns.get(lang, ())) for t in family) >= 5, (top, lang)
        theme = cb.theme(top)
        assert theme.definition and theme.include and theme.exclude
        assert theme.examples["fr"] and theme.examples["en"]
        assert re.fullmatch(r"#[0-9A-F]{6}", theme.colour)


def test_default_codebook_history_records_every_version_and_language():
    cb = read_codebook()
    assert cb.history[-1]["version"] == cb.version
    versions = [h["version"] for h in cb.history]
    assert versions == sorted(versions, key=lambda v: tuple(map(int, v.split("."))))
    text = " ".join(c for h in cb.history for c in h["changes"])
    for lang, script in (("zh", "国家安全"), ("km", "Khmer (km)")):
        assert script in text, lang     # the zh/km additions have their entry
    measured = [h.get("measured", {}) for h in cb.history]
    assert {"fr", "en", "zh", "km"} <= set(measured[1]["dev"]) and measured[-1]["dev"]


def test_codebook_files_read_with_any_yaml_loader():
    # R's, Stata users' and plain PyYAML readers must load them too: no '?' glob left
    # unquoted in a flow list ("defen?e" broke yaml.safe_load once)
    for path in sorted((ROOT / "data" / "codebooks").glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["id"] == "default" and doc["themes"], path.name


def test_default_codebook_copies_are_identical_and_hashed():
    packaged = DEFAULT_CODEBOOK.read_bytes()
    assert (ROOT / "data" / "codebooks" / "default.yml").read_bytes() == packaged
    cb = read_codebook()
    assert cb.sha256 == hashlib.sha256(packaged).hexdigest()
    assert read_codebook(ROOT / "data" / "codebooks" / "default.yml").sha256 == cb.sha256


def test_default_definitions_extend_those_of_the_hand_coding():
    # tests/data/README.md gives the definitions (codebook 1.0's) the sample readout was
    # hand-coded from; codebook 2.0 may add to a definition, never drop what the coders coded
    readme = (ROOT / "tests" / "data" / "README.md").read_text(encoding="utf-8")
    found = dict(re.findall(r"- \*(\w+)\*: (.*?)(?=\n\s*- \*\w+\*:|\n\n)", readme, re.S))
    assert set(found) == set(TOP)
    cb = read_codebook()
    for tid, text in found.items():
        want = " ".join(text.split()).rstrip(";.").lower()
        got = " ".join(cb.theme(tid).definition.split()).rstrip(".").lower()
        head, _, items = want.rpartition(": ")
        assert got.startswith(head), tid
        for item in re.split(r", (?![^(]*\))", items):
            assert item in got, (tid, item)


def test_anti_cold_war_counts_negated_matches():
    assert read_codebook().theme("anti_cold_war").negation == "count"


def test_default_sub_themes_are_dotted_and_follow_their_parent():
    cb = read_codebook()
    ids = cb.ids
    for tid in ("sovereignty.territorial_integrity", "sovereignty.non_interference",
                "sovereignty.development_path", "cooperation.belt_and_road"):
        theme = cb.theme(tid)
        assert theme.parent == tid.split(".")[0]
        assert ids.index(theme.parent) < ids.index(tid)
    assert cb.colour_of("cooperation.belt_and_road") == cb.theme("cooperation").colour


def _code(cb: Codebook, text: str, lang: str) -> set[str]:
    """Top-level themes whose patterns match ``text`` under the reference semantics."""
    norm = normalize_text(text).norm
    found = set()
    for t in cb.themes:
        blocks = [m.span() for p in t.exclusions_for(lang)
                  for m in re.finditer(pattern_regex(p), norm)]
        for p in t.patterns_for(lang):
            for m in re.finditer(pattern_regex(p), norm):
                if not any(s <= m.start() and m.end() <= e for s, e in blocks):
                    found.add(t.id.split(".")[0])
    return found


def test_default_codebook_codes_the_sample_like_the_hand_coding():
    cb = read_codebook()
    doc = SAMPLE.read_text(encoding="utf-8")
    gold = pd.read_csv(GOLD, keep_default_na=False, dtype=str)
    pos = 0
    for row in gold.itertuples():
        start = doc.index(row.starts_with, pos)
        end = doc.index(row.ends_with, start) + len(row.ends_with)
        pos = end
        want = set(filter(None, row.themes.split(";")))
        assert _code(cb, doc[start:end], "fr") == want, doc[start:end]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        # written by hand from the definitions, not from the patterns
        ("Les deux pays respectent mutuellement leur intégrité territoriale.", "fr",
         {"sovereignty"}),
        ("La Chine ne s’ingère pas dans les affaires intérieures du Cambodge.", "fr",
         {"sovereignty"}),
        ("La réforme de la sécurité sociale a été adoptée.", "fr", set()),
        ("Les pays en voie de développement ont besoin de financement.", "fr", set()),
        ("Les coopératives agricoles du district vendent du riz.", "fr", set()),
        ("Les deux dirigeants ont procédé à un échange de vues sur la situation.", "fr", set()),
        ("Les deux parties ont renforcé les échanges entre les peuples.", "fr",
         {"cooperation"}),
        ("Ils s'opposent à l'hégémonisme et à la politique de puissance.", "fr",
         {"anti_cold_war"}),
        ("Il a remercié la Chine pour sa confiance et son amitié indéfectible.", "fr",
         {"friendship"}),
        ("Le parlement a voté une motion de confiance.", "fr", set()),
        ("China supports Cambodia in safeguarding its sovereignty and security.", "en",
         {"sovereignty"}),
        ("The sovereign wealth fund bought Security Council bonds.", "en", set()),
        ("Both sides will deepen Belt and Road cooperation and people-to-people exchanges.",
         "en", {"cooperation"}),
        ("They exchanged views on regional issues.", "en", set()),
        ("China rejects the Cold War mentality, decoupling and a small yard, high fence.",
         "en", {"anti_cold_war"}),
        ("China extended its unilateral visa-free policy to Cambodian visitors.", "en", set()),
        ("Cambodia and China are ironclad friends.", "en", {"friendship"}),
        ("Thanks to the new expressway, travel times fell.", "en", set()),
        # codebook 2.1: translation variants of the definitions' classes
        ("Le Cambodge adhère à la politique d'une Chine unique et soutient la Chine sur la "
         "question de Taïwan.", "fr", {"sovereignty"}),
        ("Cambodia supports China's position on issues related to Xinjiang and Xizang.", "en",
         {"sovereignty"}),
        ("La Chine est prête à œuvrer avec le Cambodge pour accélérer les grands projets.",
         "fr", {"cooperation"}),
        ("La Chine a remis des fournitures médicales à l'hôpital provincial.", "fr",
         {"cooperation"}),
        ("The vaccine is safe and effective for adults.", "en", set()),
        ("He praised her contributions to world peace.", "en", set()),
        ("Les deux parties s'opposent à l'affrontement entre blocs et à la logique de blocs.",
         "fr", {"anti_cold_war"}),
        ("No country should be forced to take sides in geopolitical games.", "en",
         {"anti_cold_war"}),
        ("Il s'est dit profondément reconnaissant envers le peuple chinois.", "fr",
         {"friendship"}),
        # codebook 2.2: classes of the enlarged French development part
        ("La Chine continuera d'assister le Cambodge dans son développement.", "fr",
         {"cooperation"}),
        ("Le ministre a assisté à la cérémonie d'ouverture.", "fr", set()),
        ("Les deux pays se sont toujours soutenus l'un l'autre.", "fr", {"cooperation"}),
        ("Il en a profité pour visiter la vieille ville.", "fr", set()),
        ("Lors des échanges, les ministres ont évoqué la situation au Sahel.", "fr", set()),
        ("Le Laos apprécie hautement la visite du Premier ministre.", "fr", {"friendship"}),
        ("Le pouvoir d'achat des ménages a baissé.", "fr", set()),
        ("Le mouvement indépendantiste a été dissous.", "fr", {"sovereignty"}),
        ("Both sides agreed to work for their mutual interests.", "en", {"cooperation"}),
        # codebook 2.3: classes of the English readouts of outlets never seen before
        ("Laos pursues an independent foreign policy of peace.", "en", {"sovereignty"}),
        ("An independent inquiry into the accident was opened.", "en", set()),
        ("Le rapport d'experts indépendants a été publié.", "fr", set()),
        ("Vietnam rejected the territorial claims of its neighbour.", "en", {"sovereignty"}),
        ("China will help the country maintain stability and develop its economy.", "en",
         {"sovereignty", "cooperation"}),
        ("He praised the political stability and rapid growth of the country.", "en", set()),
        ("They will cooperate in trade, agriculture and national defense.", "en",
         {"cooperation"}),
        ("The army must build its national defense.", "en", {"sovereignty"}),
        ("The two ministers signed a memorandum of understanding on agriculture.", "en",
         {"cooperation"}),
        ("Les ministres ont signé un protocole d'accord sur la santé.", "fr", {"cooperation"}),
        ("Thailand thanked Laos for its support in the fight against the epidemic.", "en",
         {"cooperation", "friendship"}),
        ("The two leaders jointly attended the opening ceremony.", "en", set()),
        ("The two presidents exchanged congratulatory messages.", "en", set()),
        ("Les deux présidents ont échangé des messages de félicitations.", "fr", set()),
        ("His visit would help promote ties.", "en", set()),
        ("The two nations are a community of destiny.", "en", {"cooperation"}),
        ("Both countries oppose the politics of power and intimidation.", "en",
         {"anti_cold_war"}),
        ("Le Premier ministre a dénoncé les manœuvres d'intimidation.", "fr", {"anti_cold_war"}),
        ("Laos has always stood together with Vietnam through thick and thin.", "en",
         {"friendship"}),
        ("The king expressed his deep sympathy to the Chinese people.", "en", {"friendship"}),
        ("Le roi a exprimé sa sympathie au peuple chinois.", "fr", {"friendship"}),
        ("Xi highly appreciated the visit of the prime minister.", "en", {"friendship"}),
        ("During their friendly meeting the two leaders discussed the border.", "en", set()),
        ("Il a évoqué leur rencontre amicale de l'an dernier.", "fr", set()),
        # codebook 2.4: the conventions decided on 2026-12-07 (data/real/CONVENTIONS.md)
        ("La visite a débouché sur la signature de plusieurs accords.", "fr", {"cooperation"}),
        ("The agreement was signed by the two speakers after their talks.", "en",
         {"cooperation"}),
        ("Les deux pays sont tombés d'accord sur le calendrier.", "fr", set()),
        ("The two presidents reached an agreement on the date.", "en", set()),
        ("Ils ont évoqué la mise en œuvre de l'accord de Paris sur le climat.", "fr", set()),
        ("Les deux parties mettent en œuvre le consensus atteint par les dirigeants.", "fr",
         {"cooperation"}),
        ("The two sides will carry out the action plan.", "en", {"cooperation"}),
        ("La Chine soutient le pays dans ses efforts pour développer l'économie.", "fr",
         {"cooperation"}),
        ("Le ministre a présidé la cérémonie de remise des équipements.", "fr",
         {"cooperation"}),
        ("Les deux pays se soutiennent fermement sur leurs intérêts fondamentaux.", "fr",
         {"cooperation", "sovereignty"}),
        ("He highly appreciated the rapid progress of the country.", "en", set()),
        ("Elle a apprécié les progrès du pays.", "fr", set()),
        ("He appreciated the kingdom's support.", "en", {"friendship"}),
        ("They held friendly and in-depth talks.", "en", set()),
        ("L'entretien s'est déroulé dans une atmosphère amicale.", "fr", set()),
        ("The two sides will implement the important consensus of their leaders.", "en",
         {"cooperation"}),
        ("Ils ont eu des échanges approfondis et amicaux.", "fr", set()),
        ("Outsiders should stop meddling in regional issues.", "en", {"anti_cold_war"}),
        ("Le pays a soutenu le rétablissement du siège légitime de la Chine.", "fr",
         {"sovereignty"}),
        ("The two police forces will fight gambling and telecom fraud together.", "en",
         {"cooperation"}),
        ("The exercise between the two armies closed on Friday.", "en", {"cooperation"}),
        ("Une délégation de jeunes se rendra en Chine.", "fr", {"cooperation"}),
        # codebook 2.5: sovereignty as French and English diplomatic prose expresses it,
        # written from the definition before the patterns (hits and near misses)
        ("Les deux pays s'en tiennent au principe de non-ingérence.", 'fr', {'sovereignty'}),
        ("La Chine ne s'immisce jamais dans les affaires des autres pays.", 'fr', {'sovereignty'}),
        ("Il s'oppose à toute immixtion étrangère.", 'fr', {'sovereignty'}),
        ("En s'ingérant dans les affaires du pays, ils violent le droit.", 'fr', {'sovereignty'}),
        ("Le Cambodge soutient la Chine dans la réalisation de l'unification nationale.", 'fr', {'sovereignty'}),
        ("Il soutient l'unification pacifique de la patrie.", 'fr', {'sovereignty'}),
        ('Le Cambodge soutient les positions de la Chine sur les questions liées à Hong Kong.', 'fr', {'sovereignty'}),
        ('Chaque pays a le droit de choisir sa propre voie.', 'fr', {'sovereignty'}),
        ('La Chine respecte la voie de développement choisie de manière indépendante par le peuple cambodgien.', 'fr', {'sovereignty'}),
        ('La Chine soutient le Cambodge dans la sauvegarde de la sécurité du pays.', 'fr', {'sovereignty'}),
        ('Elle appuie les efforts en cours pour la sécurisation du pays.', 'fr', {'sovereignty'}),
        ('La sécurité et la stabilité nationales sont une priorité.', 'fr', {'sovereignty'}),
        ('Les préoccupations légitimes de tous les pays en matière de sécurité doivent être prises au sérieux.', 'fr', {'sovereignty'}),
        ('Les deux parties se soutiendront sur les questions touchant à leurs intérêts vitaux.', 'fr', {'cooperation', 'sovereignty'}),
        ("Ils respectent l'intégrité de leurs territoires.", 'fr', {'sovereignty'}),
        ('Elle défend les intérêts clés du pays.', 'fr', {'sovereignty'}),
        ('Il rejette les revendications des séparatistes.', 'fr', {'sovereignty'}),
        ('La Chine soutient le Cambodge dans la défense de son indépendance nationale.', 'fr', {'sovereignty'}),
        ("Le Cambodge s'oppose à toute forme d'indépendance de Taïwan.", 'fr', {'sovereignty'}),
        ('Le Cambodge respecte la souveraineté de la Chine sur Taïwan.', 'fr', {'sovereignty'}),
        ("Le Cambodge s'en tient fermement à la politique d'une seule Chine.", 'fr', {'sovereignty'}),
        ('Les affaires du Xizang relèvent des affaires intérieures de la Chine.', 'fr', {'sovereignty'}),
        ('Il a visité Hong Kong la semaine dernière.', 'fr', set()),
        ("L'unification des normes douanières prendra du temps.", 'fr', set()),
        ('Indépendamment du temps, la cérémonie aura lieu.', 'fr', set()),
        ('Les pays en voie de développement ont besoin de financement.', 'fr', set()),
        ('La paix, la sécurité et la stabilité régionales sont essentielles.', 'fr', set()),
        ('La sécurité alimentaire reste un défi.', 'fr', set()),
        ("Le Conseil de sécurité de l'ONU s'est réuni.", 'fr', set()),
        ('Ils ont renforcé la sécurité du stade.', 'fr', set()),
        ('Le ministère de la Sécurité publique a publié un rapport.', 'fr', set()),
        ('Il a salué la stabilité politique et la croissance du pays.', 'fr', set()),
        ('Des experts indépendants ont rédigé le rapport.', 'fr', set()),
        ('Chaque élève choisit sa propre voiture.', 'fr', set()),
        ('Both sides uphold the principle of non-interference.', 'en', {'sovereignty'}),
        ("Cambodia supports China's efforts to achieve national unification.", 'en', {'sovereignty'}),
        ('He supports the peaceful unification of the motherland.', 'en', {'sovereignty'}),
        ("Cambodia supports China's position on Hong Kong-related issues.", 'en', {'sovereignty'}),
        ('Cambodia supports China on issues related to Hong Kong.', 'en', {'sovereignty'}),
        ('Every country has the right to choose its own path.', 'en', {'sovereignty'}),
        ("China supports Cambodia in safeguarding the country's security.", 'en', {'sovereignty'}),
        ('The legitimate security concerns of all countries should be taken seriously.', 'en', {'sovereignty'}),
        ('They respect the integrity of their territories.', 'en', {'sovereignty'}),
        ('Cambodia firmly adheres to the one-China policy.', 'en', {'sovereignty'}),
        ('China never meddles in the internal affairs of other countries.', 'en', {'sovereignty'}),
        ('He visited Hong Kong last week.', 'en', set()),
        ('The unification of customs standards will take time.', 'en', set()),
        ('Regional peace, security and stability are essential.', 'en', set()),
        ('Food security remains a challenge.', 'en', set()),
        ('The Ministry of Public Security released a report.', 'en', set()),
        ('He praised the political stability and rapid growth of the country.', 'en', set()),
        ('Independent experts wrote the report.', 'en', set()),
        ('Each pupil chose his own pathway to the exam.', 'en', set()),
        # codebook 2.5: classes of the themes_fresh development readouts
        ('Both sides oppose attempts at containing China.', 'en', {'anti_cold_war'}),
        ('Les pays extrarégionaux ne doivent pas semer la discorde.', 'fr', {'anti_cold_war'}),
        ("Les confrontations géopolitiques s'aggravent.", 'fr', {'anti_cold_war'}),
        ('He met the US national security adviser in Malta.', 'en', set()),
        ('Ils joueront un rôle dans le maintien de la stabilité régionale.', 'fr', set()),
        ('They will resolve territorial and maritime disputes peacefully.', 'en', {'sovereignty'}),
        ('The parties will speed up talks on a code of conduct.', 'en', {'cooperation'}),
        ('The talks were held through friendly negotiation.', 'en', set()),
        ("Ils œuvrent pour la démocratie dans les relations internationales.", "fr",
         {"anti_cold_war"}),
        ("Il a dénoncé les droits de douane élevés imposés à la région.", "fr",
         {"anti_cold_war"}),
        ("The tariff war hurts developing countries.", "en", {"anti_cold_war"}),
        ("Customs duties were reduced on rice.", "en", set()),
        ("Les deux pays renforceront les relations entre les partis au pouvoir.", "fr",
         {"cooperation"}),
        ("The two sides will deepen party-to-party exchanges.", "en", {"cooperation"}),
        ("Le ministre a échangé avec son homologue sur la situation au Sahel.", "fr", set()),
        ("Le président échange avec le représentant spécial.", "fr", set()),
        ("Les échanges avec le Cambodge se multiplient.", "fr", {"cooperation"}),
        ("He exchanged with the Cambodian envoy on the border.", "en", set()),
        ("Chaque peuple a le droit de choisir son propre système politique.", "fr",
         {"sovereignty"}),
        ("Every nation may choose its own political system.", "en", {"sovereignty"}),
        # codebook 2.6: cooperation said without "cooperat-", friendship's near misses,
        # written from the definitions before the patterns (hits and near misses)
        ("China will keep supporting the country's socio-economic development.", "en",
         {"cooperation"}),
        ("China supports its economic and social development.", "en", {"cooperation"}),
        ("He thanked the people for their generous and timely support.", "en",
         {"cooperation", "friendship"}),
        ("China will increase its development support to the islands.", "en",
         {"cooperation"}),
        ("China dispatched medical teams and anti-pandemic materials.", "en",
         {"cooperation"}),
        ("The leaders welcomed the signing of the framework accord.", "en", {"cooperation"}),
        ("He praised the Belt and Roads Initiative.", "en", {"cooperation"}),
        ("The ministers will deepen ties in agriculture and energy.", "en", {"cooperation"}),
        ("The two sides will promote trade and investment.", "en", {"cooperation"}),
        ("Both leaders exchanged views on issues of mutual interest.", "en", set()),
        ("Les deux parties ont échangé sur des questions d'intérêt mutuel.", "fr", set()),
        ("He appreciated the transformational impact of the new road.", "en", set()),
        ("The party works for domestic solidarity and unity.", "en", {"sovereignty"}),
        ("Cambodia always stands shoulder to shoulder with China.", "en", {"friendship"}),
        ("Le Cambodge se tient toujours coude à coude avec la Chine.", "fr", {"friendship"}),
        ("Deux États vivant côte à côte en paix.", "fr", set()),
        ("Il salue le soutien indéfectible de la Chine dans les moments difficiles.", "fr",
         {"friendship"}),
        ("The forum opened in the capital.", "en", set()),
        ("The meeting took place in the capital.", "en", set()),
    ],
)
def test_default_codebook_on_hand_written_sentences(text, lang, want):
    assert _code(read_codebook(), text, lang) == want


# ------------------------------------------------------------------------- the format
def test_fixture_codebook_reads_every_field():
    cb = read_codebook(FIXTURES / "mini.yml")
    assert (cb.id, cb.version, cb.title, cb.languages) == ("mini", "0.2", "Mini codebook",
                                                            ("fr", "en"))
    assert cb.ids == ("peace", "peace.regional", "names")
    peace = cb.theme("peace")
    assert peace.definition == "Peace & stability."
    assert peace.exclusions == {"en": ("peace of mind",)}
    assert peace.examples["fr"] == ("La paix et la stabilité régionales.",)
    assert (peace.negation, peace.colour) == ("exclude", "#56B4E9")
    assert cb.theme("peace.regional").parent == "peace"
    names = cb.theme("names")
    assert names.patterns == {"*": ("Hun Sen", "Xi")}
    assert names.patterns_for("fr") == ("Hun Sen", "Xi")
    assert cb.children("peace") == (cb.theme("peace.regional"),)
    assert cb.source_format == "discourse" and cb.path == str(FIXTURES / "mini.yml")


def test_mapping_and_codebook_arguments():
    data = {"id": "m", "version": "1",
            "themes": [{"id": "peace", "label": "Peace", "patterns": {"en": ["peace"]}}]}
    cb = read_codebook(data)
    assert cb.path is None and len(cb.sha256) == 64
    assert read_codebook(cb) is cb
    assert read_codebook(data).sha256 == cb.sha256  # canonical, hence stable


@pytest.mark.parametrize(
    ("fixture", "match"),
    [
        ("bad_unknown_key.yml",
         r"bad_unknown_key\.yml: line 6: theme 'peace': unknown key 'paterns' "
         r"\(did you mean 'patterns'\?\); valid keys: id, label"),
        ("bad_duplicate_id.yml",
         r"line 7: theme 'peace': field 'id': duplicate id 'peace' \(first on line 4\)"),
        ("bad_empty_theme.yml",
         r"line 6: theme 'peace': field 'patterns': the theme is empty"),
        ("bad_pattern_not_string.yml",
         r"line 7: theme 'numbers': field 'patterns.en': pattern 2024 is not a string "
         r"\(got int 2024\); put it in quotes"),
        ("bad_glob.yml",
         r"line 7: theme 'everything': field 'patterns.en': pattern '\*' is made only of "
         r"glob characters"),
        ("bad_negation.yml",
         r"line 7: theme 'peace': field 'negation': 'ignore' is not a valid value; "
         r"valid values: count, exclude, separate"),
        ("bad_yaml_syntax.yml", r"line 6, column \d+: not valid YAML"),
    ],
)
def test_malformed_fixture_files(fixture, match):
    with pytest.raises(CodebookError, match=match):
        read_codebook(FIXTURES / fixture)


@pytest.mark.parametrize(
    ("theme", "match"),
    [
        ("  - label: Peace\n    patterns: {en: [peace]}\n",
         r"line 4: field 'id': a theme needs an id"),
        ("  - id: peace\n    patterns: {en: [peace]}\n",
         r"line 4: theme 'peace': field 'label': a theme needs a label"),
        ("  - id: Peace\n    label: P\n    patterns: {en: [peace]}\n",
         r"id 'Peace' is not valid; use lower-case letters, digits and single '_' "
         r"\(e\.g\. 'peace'\)"),
        ("  - id: a.b\n    label: P\n    patterns: {en: [peace]}\n", r"id 'a\.b' has a dot"),
        ("  - id: p\n    label: P\n    patterns: {en: [peace, '**war']}\n",
         r"pattern '\*\*war' has '\*\*'; write a single '\*'"),
        ("  - id: p\n    label: P\n    patterns: {en: ['guerre * froide']}\n",
         r"has a word \('\*'\) made only of glob characters"),
        ("  - id: p\n    label: P\n    patterns: {en: ['coop[eé]ration']}\n",
         r"has '\[': regular expressions, character classes and escapes are not supported"),
        ("  - id: p\n    label: P\n    patterns: {en: ['  ']}\n", r"pattern '  ' is empty"),
        ("  - id: p\n    label: P\n    patterns: {en: [peace, ~]}\n",
         r"pattern None is not a string \(got nothing\)"),
        ("  - id: p\n    label: P\n    patterns: {en: [peace, Peace]}\n",
         r"line 6: theme 'p': field 'patterns.en': pattern 'Peace' is listed twice"),
        ("  - id: p\n    label: P\n    patterns: {English: [peace]}\n",
         r"field 'patterns': 'English' is not a language code; use 2 or 3 lower-case letters"),
        ("  - id: p\n    label: P\n    patterns: {en: [peace]}\n    colour: blue\n",
         r"line 7: theme 'p': field 'colour': 'blue' is not a colour; use a hex colour"),
        ("  - id: p\n    label: P\n    patterns: [peace]\n    negation: true\n",
         r"field 'negation': 'true' is not a valid value"),
        ("  - id: p\n    label: P\n    patterns: en\n",
         r"field 'patterns': must map language codes to lists of patterns"),
        ("  - id: p\n    label: P\n    patterns: {en: [peace]}\n    examples: {en: [1]}\n",
         r"field 'examples.en': must be a list of non-empty example sentences"),
        ("  - id: p\n    label: P\n    themes: []\n", r"theme 'p': field 'patterns': the theme is empty"),
        ("  - id: p\n    label: P\n    patterns: {en: [a]}\n  - id: q\n    label: Q\n"
         "    themes:\n      - id: r\n        label: R\n", r"theme 'q\.r'.*the theme is empty"),
        ("  - id: p\n    label: P\n    patterns: {en: [a]}\n    label: again\n",
         r"line 7, column 5: not valid YAML .*the key 'label' appears twice.*first on line 5"),
    ],
)
def test_validation_errors_name_line_theme_and_field(tmp_path, theme, match):
    with pytest.raises(CodebookError, match=match):
        read_codebook(_write(tmp_path, _mini(theme)))


def test_top_level_validation(tmp_path):
    ok = "  - id: p\n    label: P\n    patterns: {en: [a]}\n"
    with pytest.raises(CodebookError, match=r"line 3: unknown key 'author'; valid keys: id, "):
        read_codebook(_write(tmp_path, 'id: t\nversion: "1"\nauthor: me\nthemes:\n' + ok))
    with pytest.raises(CodebookError, match=r"field 'version': must be text, got float 1\.1"):
        read_codebook(_write(tmp_path, "id: t\nversion: 1.10\nthemes:\n" + ok))
    with pytest.raises(CodebookError, match=r"field 'themes': must be a list of themes"):
        read_codebook(_write(tmp_path, "id: t\nthemes: []\n"))
    with pytest.raises(CodebookError, match=r"field 'patterns': language 'en' is not in the "
                                            r"codebook's languages \(fr\)"):
        read_codebook(_write(tmp_path, "id: t\nlanguages: [fr]\nthemes:\n" + ok))
    cb = read_codebook(_write(tmp_path, "themes:\n" + ok, name="my_book.yml"))
    assert (cb.id, cb.version, cb.languages) == ("my_book", "", ("en",))


def test_yes_and_no_stay_words(tmp_path):
    cb = read_codebook(_write(tmp_path, _mini(
        "  - id: p\n    label: P\n    patterns: {en: [yes, no, 'on'], 'no': [ja]}\n")))
    assert cb.theme("p").patterns == {"en": ("yes", "no", "on"), "no": ("ja",)}


def test_file_errors(tmp_path):
    with pytest.raises(CodebookError, match=r"no such codebook file"):
        read_codebook(tmp_path / "missing.yml")
    with pytest.raises(CodebookError, match=r"is a folder; give the codebook file"):
        read_codebook(tmp_path)
    with pytest.raises(CodebookError, match=r"cannot tell the codebook format from the "
                                            r"extension '\.txt'.*\.dic \(LIWC\)"):
        read_codebook(_write(tmp_path, "x", name="cb.txt"))
    with pytest.raises(CodebookError, match=r"unknown codebook format 'excel'"):
        read_codebook(FIXTURES / "mini.yml", format="excel")
    latin = tmp_path / "latin.yml"
    latin.write_bytes("themes:\n  - id: p\n    label: Sécurité\n".encode("latin-1"))
    with pytest.raises(CodebookError, match=r"line 3: the file is not utf-8 text.*encoding="):
        read_codebook(latin)
    with pytest.raises(CodebookError, match=r"a codebook must be a mapping"):
        read_codebook(_write(tmp_path, "- a\n- b\n"), format="discourse")


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbf" + _mini("  - id: p\n    label: P\n    patterns: {fr: [paix]}\n")
                     .encode())
    assert read_codebook(path).ids == ("p",)


# ---------------------------------------------------------------------------- patterns
def test_pattern_kinds_and_checks():
    assert [pattern_kind(p) for p in ("ami", "ami?", "coopér*", "Belt and Road")] == [
        "word", "glob", "glob", "phrase"]
    assert check_pattern("gagnant-gagnant") is None
    assert check_pattern("s’ingérer") is None


@pytest.mark.parametrize(
    ("pattern", "text", "want"),
    [
        ("coopér*", "la Coopération et coopérer", ["coopération", "coopérer"]),
        ("amitié", "l’amitié, l'amitié, inimitié", ["amitié", "amitié"]),
        ("s'ingérer", "ne pas s’ingérer", ["s'ingérer"]),
        ("ami?", "ami amie amis amies", ["amie", "amis"]),
        ("guerre froide", "guerre\n  froide; guerre-froide", ["guerre\n  froide"]),
        ("sécurité", "securite", []),
        ("*operation", "co-operation cooperation", ["operation", "cooperation"]),
        ("chine", "Cambodge-Chine", ["chine"]),
    ],
)
def test_reference_glob_semantics(pattern, text, want):
    norm = normalize_text(text).norm
    assert [m.group() for m in re.finditer(pattern_regex(pattern), norm)] == want


# ------------------------------------------------------------------------------ table
def test_codebook_to_frame_lists_every_pattern_and_exclusion():
    cb = read_codebook()
    df = codebook_to_frame(cb)
    n_patterns = sum(len(v) for t in cb.themes for v in t.patterns.values())
    n_exclusions = sum(len(v) for t in cb.themes for v in t.exclusions.values())
    assert len(df) == n_patterns + n_exclusions
    assert df["exclusion"].dtype == bool and df["exclusion"].sum() == n_exclusions
    assert set(df["kind"]) == {"word", "phrase", "glob"}
    row = df[(df.pattern == "intégrité du territoire") & (df.lang == "fr")].iloc[0]
    assert (row.theme, row.parent, row.kind, row.exclusion) == (
        "sovereignty.territorial_integrity", "sovereignty", "phrase", False)
    assert pd.isna(df[df.theme == "friendship"]["parent"]).all()
    assert list(df["theme"].drop_duplicates()) == [t.id for t in cb.themes if t.patterns]


# ----------------------------------------------------------------------------- writing
def test_write_codebook_round_trip_and_determinism(tmp_path):
    cb = read_codebook(FIXTURES / "mini.yml")
    first = write_codebook(cb, tmp_path / "a.yml")
    second = write_codebook(read_codebook(first), tmp_path / "b.yml")
    assert first.read_bytes() == second.read_bytes()
    back = read_codebook(first)
    assert back.themes == cb.themes
    assert (back.id, back.version, back.title, back.languages) == (
        cb.id, cb.version, cb.title, cb.languages)
    assert "'*':" in first.read_text(encoding="utf-8")


def test_write_default_codebook_round_trip(tmp_path):
    cb = read_codebook()
    path = write_codebook(cb, tmp_path / "default.yaml")
    assert read_codebook(path).themes == cb.themes


def test_write_codebook_refuses_to_overwrite_and_bad_extensions(tmp_path):
    path = write_codebook(None, tmp_path / "cb.yml")
    before = path.read_bytes()
    with pytest.raises(ExportError, match=r"the file exists.*overwrite=True"):
        write_codebook(FIXTURES / "mini.yml", path)
    assert path.read_bytes() == before
    write_codebook(FIXTURES / "mini.yml", path, overwrite=True)
    assert read_codebook(path).id == "mini"
    with pytest.raises(ExportError, match=r"name the file \.yml or \.yaml"):
        write_codebook(None, tmp_path / "cb.json")


def test_hash_of_mapping_equals_hash_of_written_file(tmp_path):
    cb = read_codebook({"id": "m", "version": "1", "themes": [
        {"id": "p", "label": "P", "patterns": {"fr": ["paix"]}}]})
    path = write_codebook(cb, tmp_path / "m.yml")
    assert read_codebook(path).sha256 == cb.sha256


def test_theme_column_and_lookup_errors():
    assert theme_column("sovereignty") == "theme_sovereignty"
    assert theme_column("a.b.c") == "theme_a__b__c"
    with pytest.raises(CodebookError, match=r"no theme 'nope'; themes: sovereignty, "):
        read_codebook().theme("nope")


def test_in_memory_codebook_can_be_written(tmp_path):
    cb = Codebook(id="x", version="1", themes=(
        Theme("a", "A", patterns={"en": ("alpha",)}),
        Theme("a.b", "B", patterns={"en": ("beta",)}, parent="a"),
    ))
    back = read_codebook(write_codebook(cb, tmp_path / "x.yml"))
    assert back.themes == cb.themes
