"""Word tokens: French elisions, hyphenated forms, numbers, English contractions."""

from pathlib import Path

import pytest

from discourse.text.tokens import count_tokens, span_tokenize_words, tokenize_words

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw" / "000_38ca568774651fa9.txt"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("l’apprentissage mutuel", ["l’", "apprentissage", "mutuel"]),
        ("l'apprentissage mutuel", ["l'", "apprentissage", "mutuel"]),
        ("qu’elle est prête", ["qu’", "elle", "est", "prête"]),
        ("s’engageant à aider", ["s’", "engageant", "à", "aider"]),
        ("Jusqu’à présent", ["Jusqu’", "à", "présent"]),
        ("aujourd’hui", ["aujourd’hui"]),
        ("a-t-il déclaré", ["a-t-il", "déclaré"]),
        ("gagnant\u2011gagnant", ["gagnant\u2011gagnant"]),
        ("amitié Cambodge-Chine", ["amitié", "Cambodge-Chine"]),
        ("« la Ceinture et la Route »", ["la", "Ceinture", "et", "la", "Route"]),
        ("3,5 % en 2024.", ["3,5", "en", "2024"]),
        ("ère. .", ["ère"]),
    ],
)
def test_french_tokens(text, expected):
    assert tokenize_words(text, lang="fr") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("China's top diplomat", ["China's", "top", "diplomat"]),
        ("they don't", ["they", "don't"]),
        ("the U.S. side", ["the", "U.S.", "side"]),
        ("grew 3.5 percent", ["grew", "3.5", "percent"]),
        ("win-win cooperation, he said.", ["win-win", "cooperation", "he", "said"]),
        # In English an apostrophe after l/d is not an elision.
        ("O'Neill said", ["O'Neill", "said"]),
    ],
)
def test_english_tokens(text, expected):
    assert tokenize_words(text, lang="en") == expected


def test_spans_are_offsets_into_the_text():
    text = "Notant que l’amitié Cambodge-Chine a résisté, Hun Sen a-t-il…"
    spans = span_tokenize_words(text, lang="fr")
    assert [text[s:e] for s, e in spans] == tokenize_words(text, lang="fr")
    assert text[spans[2][0]:spans[2][1]] == "l’"


def test_count_on_a_sample_sentence():
    text = SAMPLE.read_text(encoding="utf-8")
    sentence = "Il a appelé les deux parties à maintenir leur soutien mutuel et à consolider leur amitié de fer."
    assert sentence in text
    # Counted by hand: 18 words.
    assert count_tokens(sentence, lang="fr") == 18


@pytest.mark.parametrize(
    "text, expected",
    [
        # Elisions with both apostrophes, also before a quoted word.
        ("l’« Hexagone du Diamant »", ["l’", "Hexagone", "du", "Diamant"]),
        ("qu'il s’agit d’un lorsqu’elle puisqu'on quoiqu’il n’a j’ai m’a t’a c’est",
         ["qu'", "il", "s’", "agit", "d’", "un", "lorsqu’", "elle", "puisqu'", "on", "quoiqu’",
          "il", "n’", "a", "j’", "ai", "m’", "a", "t’", "a", "c’", "est"]),
        # Words that hold an apostrophe stay whole.
        ("d’aujourd’hui quelqu’un presqu’île", ["d’", "aujourd’hui", "quelqu’un", "presqu’île"]),
        # Hyphens (ASCII, U+2010, U+2011) join; dashes separate.
        ("la non-ingérence et la coopération sino\u2010cambodgienne",
         ["la", "non-ingérence", "et", "la", "coopération", "sino\u2010cambodgienne"]),
        ("Cambodge–Chine", ["Cambodge", "Chine"]),
        # Numbers: decimals, thousands with a non-breaking space; an ordinary space separates.
        ("1\u00a0000 et 1\u202f000,5 mais 1 000", ["1\u00a0000", "et", "1\u202f000,5", "mais",
                                                  "1", "000"]),
        ("le XXIe siècle, la 5G, le 1er", ["le", "XXIe", "siècle", "la", "5G", "le", "1er"]),
        # An abbreviation's full stop is punctuation.
        ("M. Xi et MM. Li", ["M", "Xi", "et", "MM", "Li"]),
    ],
)
def test_more_french_tokens(text, expected):
    assert tokenize_words(text, lang="fr") == expected


def test_english_keeps_possessives_acronyms_and_compounds():
    assert tokenize_words("U.S.-China ties and China’s 10,000.50 yuan", lang="en") == [
        "U.S.-China", "ties", "and", "China’s", "10,000.50", "yuan"]
    # A possessive is one token in a French text too (only the elisions are split off).
    assert tokenize_words("la politique de Xi Jinping’s", lang="fr")[-1] == "Jinping’s"


def test_other_languages_use_the_english_rules():
    assert tokenize_words("l’amitié", lang="und") == ["l’amitié"]
    assert tokenize_words("l’amitié", lang="fr-CA") == ["l’", "amitié"]


def test_whole_sample_spans_and_counts_agree():
    text = SAMPLE.read_text(encoding="utf-8")
    tokens = tokenize_words(text, lang="fr")
    assert [text[s:e] for s, e in span_tokenize_words(text, lang="fr")] == tokens
    assert count_tokens(text, lang="fr") == len(tokens)
    # Every token is a word, a number, an elision or a hyphenated form: no punctuation.
    assert not [t for t in tokens if not t[0].isalnum()]
    assert "gagnant-gagnant" in tokens and "Cambodge-Chine" in tokens
    assert tokens.count("a-t-il") == 3


def test_sample_sentence_with_elisions_counted_by_hand():
    sentence = ("M. Xi a appelé à des efforts visant à approfondir l’apprentissage mutuel et les "
                "échanges, s’engageant à aider le Cambodge à explorer une voie de développement "
                "adaptée à ses conditions nationales.")
    # M Xi a appelé à des efforts visant à approfondir (10) l’ apprentissage mutuel et les
    # échanges (16) s’ engageant à aider le Cambodge à explorer une voie de développement
    # (28) adaptée à ses conditions nationales (33).
    assert count_tokens(sentence, lang="fr") == 33
