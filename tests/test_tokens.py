"""Word tokens: French elisions, hyphenated forms, numbers, English contractions."""

from pathlib import Path

import pytest

from discourse.tokens import count_tokens, span_tokenize_words, tokenize_words

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "000_38ca568774651fa9.txt"


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
