"""The normalised working copy and its map back to the original text."""

import unicodedata

import pytest

from discourse.text.normalize import fold_char, normalize_text


def test_apostrophes_spaces_quotes_and_hyphens_are_unified_without_moving_offsets():
    text = "L\u2019amiti\u00e9\u00a0\u00ab de fer \u00bb, \u201cironclad\u201d, gagnant\u2011gagnant"
    n = normalize_text(text)
    assert n.norm == "l'amitié « de fer », \"ironclad\", gagnant-gagnant"
    assert n.index is None  # same length: offsets are identical
    assert len(n.norm) == len(text)


def test_case_is_lowered_and_accents_kept_by_default():
    assert normalize_text("SOUVERAINETÉ Nationale").norm == "souveraineté nationale"
    assert normalize_text("Souveraineté", fold_accents=True).norm == "souverainete"


@pytest.mark.parametrize("char, folded", [("é", "e"), ("ç", "c"), ("Ô", "O"), ("œ", "œ"), ("ß", "ß")])
def test_fold_char_keeps_one_character(char, folded):
    assert fold_char(char) == folded


def test_decomposed_accents_are_composed_and_mapped_back():
    text = unicodedata.normalize("NFD", "Sécurité nationale")
    n = normalize_text(text)
    assert n.norm == "sécurité nationale"
    start = n.norm.index("nationale")
    s, e = n.original_span(start, start + len("nationale"))
    assert text[s:e] == "nationale"
    s, e = n.original_span(0, len("sécurité"))
    assert unicodedata.normalize("NFC", text[s:e]) == "Sécurité"


def test_collapsed_white_space_maps_back_to_the_original_span():
    text = "la mentalité de\r\n  guerre\u00a0\u00a0froide"
    n = normalize_text(text, collapse_space=True)
    assert n.norm == "la mentalité de guerre froide"
    start = n.norm.index("de guerre")
    s, e = n.original_span(start, len(n.norm))
    assert text[s:e] == "de\r\n  guerre\u00a0\u00a0froide"


def test_characters_whose_lower_case_is_longer_keep_their_place():
    text = "İstanbul et Ankara"
    n = normalize_text(text)
    assert len(n.norm) == len(text)
    assert n.norm.endswith("et ankara")


def test_the_original_is_never_changed():
    text = "M. Xi\u00a0a déclaré"
    n = normalize_text(text, fold_accents=True, collapse_space=True)
    assert n.text is text
