"""Tests of discourse.coding.imports and discourse.coding.dictionaries: quanteda YAML, LIWC .dic and Lexicoder .lc3 imports."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from discourse.coding.codebook import read_codebook, write_codebook
from discourse.coding.imports import read_lexicoder_lc3, read_liwc_dic, read_quanteda_yaml
from discourse.errors import CodebookError, ParameterError

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "codebooks"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ quanteda
def test_quanteda_yaml_nested_keys_and_own_patterns():
    cb = read_quanteda_yaml(FIXTURES / "quanteda.yml")
    assert cb.ids == ("economy", "economy.taxation", "economy.growth", "friendship")
    assert cb.theme("economy").patterns == {"*": ("econom*",)}
    assert cb.theme("economy.taxation").patterns == {"*": ("tax*", "fiscal")}
    assert cb.theme("economy.growth").parent == "economy"
    friendship = cb.theme("friendship")
    assert friendship.label == "Friendship"
    assert friendship.patterns["*"] == ("friend*", "ironclad", "no")  # 'no' is a word
    assert (cb.source_format, cb.id, cb.languages) == ("quanteda", "quanteda", ())
    assert len(cb.sha256) == 64 and cb.path == str(FIXTURES / "quanteda.yml")


def test_quanteda_yaml_is_detected_from_a_yml_file_and_a_mapping():
    assert read_codebook(FIXTURES / "quanteda.yml").source_format == "quanteda"
    cb = read_codebook({"peace": ["peace*"], "war": {"civil": ["civil war"]}})
    assert cb.ids == ("peace", "war", "war.civil") and cb.source_format == "quanteda"


def test_quanteda_yaml_with_a_language(tmp_path):
    cb = read_quanteda_yaml(FIXTURES / "quanteda.yml", lang="en")
    assert cb.theme("economy").patterns == {"en": ("econom*",)}
    assert cb.languages == ("en",)
    # quanteda's list form: sub-keys as items of a list
    path = _write(tmp_path, "list.yml", "economy:\n  - econom*\n  - taxation: [tax*]\n")
    cb = read_codebook(path, lang="fr")
    assert [(t.id, t.patterns) for t in cb.themes] == [
        ("economy", {"fr": ("econom*",)}), ("economy.taxation", {"fr": ("tax*",)})]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("peace: [peace]\nwar: []\n", r"line 2: theme 'war': field 'patterns': key 'war' has no "
                                      r"patterns and no sub-keys"),
        ("peace: [peace, 12]\n", r"line 1: theme 'peace': field 'patterns': pattern 12 is not "
                                 r"a string"),
        ("peace:\n  - peace\n  - '*'\n", r"line 3: theme 'peace'.*pattern '\*' is made only of "
                                         r"glob characters"),
        ("Peace Talks: [talk*]\npeace_talks: [negotiat*]\n",
         r"line 2: theme 'peace_talks': keys 'Peace Talks' and 'peace_talks' both give the "
         r"theme id 'peace_talks'; rename one"),
        ("- peace\n- war\n", r"a quanteda dictionary is a mapping of keys"),
        ("'!!!': [x]\n", r"key '!!!' gives an empty theme id"),
    ],
)
def test_malformed_quanteda_yaml(tmp_path, text, match):
    with pytest.raises(CodebookError, match=match):
        read_quanteda_yaml(_write(tmp_path, "q.yml", text))


# ---------------------------------------------------------------------------------- LIWC
def test_liwc_legend_hierarchy_and_terms():
    with pytest.warns(UserWarning) as caught:
        cb = read_liwc_dic(FIXTURES / "liwc.dic")
    assert cb.ids == ("social", "social.friend", "social.family", "affect", "affect.posemo")
    social = cb.theme("social")
    assert (social.label, social.definition) == ("social", "Social processes")
    assert social.patterns == {"*": ("friend*", "brother*")}
    # a term with several category ids is in each; tab-indented and parent-id hierarchies
    assert cb.theme("social.friend").patterns["*"] == ("friend*", "ally")
    assert cb.theme("social.family").patterns["*"] == ("brother*",)
    assert cb.theme("affect").patterns == {}  # a parent by its sub-category only
    assert cb.theme("affect.posemo").parent == "affect"
    assert cb.theme("affect.posemo").patterns["*"] == ("ally", "good", "like")
    messages = [str(w.message) for w in caught]
    assert any("line 13: LIWC '<of>' conditions are not supported" in m for m in messages)
    assert any("line 14: LIWC parenthetical conditions" in m for m in messages)
    assert any("line 7: LIWC category 'unused' has no terms" in m for m in messages)
    assert cb.source_format == "liwc"


def test_liwc_space_delimited_and_language(tmp_path):
    path = _write(tmp_path, "s.dic", "%\n1 posemo (Positive emotion)\n%\nthank you 1\nfriend* 1\n")
    cb = read_codebook(path, lang="en")
    assert cb.theme("posemo").patterns == {"en": ("thank you", "friend*")}
    assert cb.theme("posemo").definition == "Positive emotion"


@pytest.mark.parametrize(
    ("fixture", "match"),
    [
        ("bad_liwc_no_legend.dic", r"line 1: a LIWC dictionary starts with its category legend "
                                   r"between two lines holding only '%'; found none"),
        ("bad_liwc_undefined_category.dic",
         r"line 5: term 'ally': category 7 is not in the legend \(defined: 1\)"),
        ("bad_liwc_legend.dic", r"line 3: field 'legend': 'one\\tfamily' is not a category line"),
    ],
)
def test_malformed_liwc_fixtures(fixture, match):
    with pytest.raises(CodebookError, match=match):
        read_liwc_dic(FIXTURES / fixture)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("%\n1\ta\n1\tb\n%\nx\t1\n", r"line 3: field 'legend': category id 1 is defined twice"),
        ("%\n1\ta\n\t\t2\tb\n%\nx\t1\n", r"line 3: .*indented 2 tab\(s\) but has no parent"),
        ("%\n1\ta\t5\n%\nx\t1\n", r"line 2: .*names parent id 5, which is not defined"),
        ("%\n1\ta\n%\nfriend\n", r"line 4: term 'friend' has no category id"),
        ("%\n1\ta\n%\nfriend\t1 x\n", r"line 4: term 'friend': category id 'x' is not a number"),
        ("junk\n%\n1\ta\n%\nx\t1\n", r"line 1: text before the first '%' line"),
        ("%\n1\ta\n%\nfriend[s]\t1\n", r"line 4: theme 'a': field 'patterns': pattern "
                                       r"'friend\[s\]' has '\['"),
        ("%\n%\nx\t1\n", r"line 1: field 'legend': the category legend is empty"),
    ],
)
def test_malformed_liwc(tmp_path, text, match):
    with pytest.raises(CodebookError, match=match):
        read_liwc_dic(_write(tmp_path, "bad.dic", text))


def test_liwc_in_another_encoding(tmp_path):
    path = tmp_path / "old.dic"
    path.write_bytes("%\n1\taffect\n%\nsûr\t1\n".encode("cp1252"))
    with pytest.raises(CodebookError, match=r"line 4: the file is not utf-8 text"):
        read_liwc_dic(path)
    assert read_liwc_dic(path, encoding="cp1252").theme("affect").patterns["*"] == ("sûr",)


# ----------------------------------------------------------------------------- Lexicoder
def test_lexicoder_keys_and_patterns():
    cb = read_lexicoder_lc3(FIXTURES / "lexicoder.lc3", lang="en")
    assert [(t.id, t.label) for t in cb.themes] == [("negative", "NEGATIVE"),
                                                    ("positive", "POSITIVE")]
    assert cb.theme("negative").patterns == {"en": ("abandon*", "a lie", "hostil*")}
    assert cb.theme("positive").patterns == {"en": ("abilit*", "friend*")}  # repeat dropped
    assert read_codebook(FIXTURES / "lexicoder.lc3").source_format == "lexicoder"


@pytest.mark.parametrize(
    ("fixture", "match"),
    [
        ("bad_lexicoder_no_key.lc3", r"line 1: pattern 'abandon\*' comes before any category"),
        ("bad_lexicoder_empty_key.lc3",
         r"line 3: theme 'positive': field 'patterns': category 'POSITIVE' has no patterns"),
    ],
)
def test_malformed_lexicoder_fixtures(fixture, match):
    with pytest.raises(CodebookError, match=match):
        read_lexicoder_lc3(FIXTURES / fixture)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("+\nx\n", r"line 1: a '\+' line needs a category name"),
        ("\n\n", r"line 1: no categories found"),
        ("+A\nx\n+a\ny\n", r"line 3: theme 'a': keys 'A' and 'a' both give the theme id 'a'"),
        ("+A\nwar **\n", r"line 2: theme 'a'.*pattern 'war \*\*' has a word"),
    ],
)
def test_malformed_lexicoder(tmp_path, text, match):
    with pytest.raises(CodebookError, match=match):
        read_lexicoder_lc3(_write(tmp_path, "bad.lc3", text))


# ------------------------------------------------------------------------------- common
def test_bad_language_argument():
    with pytest.raises(ParameterError, match=r"lang: 'French' is not a language code"):
        read_lexicoder_lc3(FIXTURES / "lexicoder.lc3", lang="French")


@pytest.mark.parametrize("fixture", ["quanteda.yml", "liwc.dic", "lexicoder.lc3"])
def test_imports_become_editable_discourse_codebooks(tmp_path, fixture):
    with pytest.warns(UserWarning) if fixture == "liwc.dic" else contextlib.nullcontext():
        cb = read_codebook(FIXTURES / fixture)
    path = write_codebook(cb, tmp_path / "converted.yml")
    back = read_codebook(path)
    assert back.source_format == "discourse"
    assert back.themes == cb.themes
