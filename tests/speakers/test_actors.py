"""Tests of the actors file: validation, date-ranged titles, mention finding."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from discourse.speakers.actors import Actors, default_actors_path, read_actors, slug_name
from discourse.speakers.attribution import attribute_speakers
from discourse.errors import ActorsError

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path, text: str) -> Path:
    p = tmp_path / "actors.yml"
    p.write_text(text, encoding="utf-8")
    return p


def test_default_file_is_the_packaged_copy():
    assert (ROOT / "data/actors.yml").read_bytes() == default_actors_path().read_bytes()


def test_default_actors_have_names_sides_and_aliases():
    actors = read_actors()
    for ident in ("xi_jinping", "hun_sen", "hun_manet", "li_qiang", "wang_yi",
                  "prak_sokhonn", "sok_chenda_sophea", "norodom_sihamoni"):
        assert ident in actors
    assert actors["hun_manet"].side == "KH" and actors["xi_jinping"].side == "CN"
    assert len(actors.sha256) == 64 and isinstance(actors, Actors)


@pytest.mark.parametrize("date, expected", [
    ("2019-05-01", "hun_sen"), ("2023-08-21", "hun_sen"), ("2023-08-22", "hun_manet"),
    ("2024-12-03", "hun_manet"),
])
def test_dated_titles_resolve_against_the_date(date, expected):
    actors = read_actors()
    assert actors.resolve("le Premier ministre cambodgien", lang="fr", date=date) == expected
    assert actors.resolve("the Cambodian prime minister", lang="en", date=date) == expected


def test_title_outside_its_range_names_nobody():
    actors = read_actors()
    assert actors.resolve("le président du Sénat cambodgien", lang="fr", date="2010-01-01") is None
    assert actors.resolve("le président du Sénat cambodgien", lang="fr",
                          date="2024-12-03") == "hun_sen"


def test_resolution_ignores_case_accents_and_apostrophes():
    actors = read_actors()
    assert actors.resolve("LE CHEF DE L’ÉTAT CHINOIS", lang="fr") == "xi_jinping"
    assert actors.resolve("m. xi", lang="fr") == "xi_jinping"
    assert actors.resolve("Someone Else", lang="fr") is None


def test_find_mentions_longest_alias_wins_and_offsets_are_exact():
    actors = read_actors()
    text = "Samdech Techo Hun Sen a salué le président chinois."
    ms = actors.find_mentions(text, lang="fr", date="2024-12-03")
    assert [(m.actor, m.text) for m in ms] == [
        ("hun_sen", "Samdech Techo Hun Sen"), ("xi_jinping", "le président chinois")]
    assert all(text[m.start:m.end] == m.text for m in ms)


def test_find_mentions_does_not_match_inside_words():
    ms = read_actors().find_mentions("Xinhua a publié un article.", lang="fr")
    assert ms == []


def test_article_less_title_matches():
    ms = read_actors().find_mentions("Aux yeux du Premier ministre cambodgien, ...", lang="fr",
                                     date="2024-01-01")
    assert [m.actor for m in ms] == ["hun_manet"]


def test_evaluation_actors_file_is_valid():
    actors = read_actors(ROOT / "tests/data/attribution/actors.yml")
    assert "norodom_sihamoni" in actors


def test_slug_name():
    assert slug_name("Emmanuel Macron") == "emmanuel_macron"
    assert slug_name("Prayut Chan-o-cha") == "prayut_chan_o_cha"
    assert slug_name("António  Guterres") == "antonio_guterres"


GOOD = """actors:
  a_b:
    name: A B
    side: XX
    aliases: {fr: [A B]}
"""


@pytest.mark.parametrize("text, match", [
    ("actors:\n  a_b:\n    name: A B\n    side: XX\n    colour: red\n",
     r"actor 'a_b': unknown field\(s\) colour"),
    ("actors:\n  a_b:\n    side: XX\n", r"actor 'a_b': field 'name' is missing"),
    ("actors:\n  a_b:\n    name: A B\n", r"actor 'a_b': field 'side' is missing"),
    ("actors:\n  a_b:\n    name: A B\n    side: XX\n    aliases: {fr: [A B, 3]}\n",
     r"actor 'a_b': field 'aliases'.fr: alias 3 is not a non-empty string"),
    ("actors:\n  a_b:\n    name: A B\n    side: XX\n    aliases: {french: [A]}\n",
     r"actor 'a_b': field 'aliases': unknown key 'french'"),
    ("actors:\n  a_b:\n    name: A B\n    side: XX\n    titles:\n      - fr: [le chef]\n"
     "        from: 2024-13-01\n", r"actor 'a_b': field 'titles' entry 1: 'from'.*ISO date"),
    ("actors:\n  a_b:\n    name: A B\n    side: XX\n    titles:\n      - fr: [le chef]\n"
     "        from: 2024-01-01\n        to: 2023-01-01\n", r"'to' \(2023-01-01\) is before"),
    ("people:\n  a: 1\n", r"one top-level key 'actors'"),
    ("actors:\n  a_b:\n    name: A\n    side: X\n  a_b:\n    name: B\n    side: Y\n",
     r"line 5: the key 'a_b' appears twice"),
    ("actors:\n  A-B:\n    name: A\n    side: X\n", r"actor 'A-B': ids are lower case"),
    ("actors: [\n", r"not a valid UTF-8 YAML file"),
    ("actors:\n  a_b:\n    name: A B\n    side: XX\n    gender: female\n",
     r"actor 'a_b': field 'gender' is 'female'; valid values: f, m"),
])
def test_errors_name_the_file_actor_and_field(tmp_path, text, match):
    path = write(tmp_path, text)
    with pytest.raises(ActorsError, match=match) as info:
        read_actors(path)
    assert str(path) in str(info.value)


def test_titles_with_disjoint_dates_may_share_an_alias(tmp_path):
    path = write(tmp_path, GOOD + "    titles:\n      - fr: [le chef]\n        to: 2019-12-31\n"
                 "  c_d:\n    name: C\n    side: Y\n    titles:\n      - fr: [le chef]\n"
                 "        from: 2020-01-01\n")
    actors = read_actors(path)
    assert actors.resolve("le chef", lang="fr", date="2019-06-01") == "a_b"
    assert actors.resolve("le chef", lang="fr", date="2021-06-01") == "c_d"
    assert actors.resolve("le chef", lang="fr") == "c_d"   # no date: the current holder


def test_read_actors_accepts_an_actors_object_and_returns_it():
    actors = read_actors()
    assert read_actors(actors) is actors
    assert isinstance(read_actors(None), Actors)


def test_missing_file(tmp_path):
    with pytest.raises(ActorsError, match="cannot read the actors file"):
        read_actors(tmp_path / "nope.yml")


def test_alias_trie_matches_like_a_longest_first_alternation():
    import re

    from discourse.speakers.phrases import phrase_alternation

    words = ["a", "ab", "abc", "abd", "b", "fait", "fait part", "m.", "mme", "x-y"]
    plain = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                     for w in sorted(words, key=lambda w: (-len(w), w)))
    text = "abc abd ab a b fait  part fait m. mme x-y abe abcd"
    for tail in ("", r"(?![\w-])", r"\s+\w+"):
        trie = re.compile(rf"(?:{phrase_alternation(words)}){tail}")
        alt = re.compile(rf"(?:{plain}){tail}")
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alt.finditer(text)]
    assert phrase_alternation([]) == r"(?!x)x"


def test_gender_is_optional_and_validated(tmp_path):
    path = write(tmp_path, "actors:\n  a_b:\n    name: A B\n    side: XX\n    gender: f\n"
                           "  c_d:\n    name: C D\n    side: XX\n")
    actors = read_actors(path)
    assert actors["a_b"].gender == "f" and actors["c_d"].gender is None
    defaults = read_actors()
    assert defaults["xi_jinping"].gender == "m" and defaults["khuon_sudary"].gender == "f"


SHARED = """actors:
  li_keqiang:
    name: Li Keqiang
    side: CN
    aliases: {fr: [Li Keqiang, M. Li]}
    titles:
      - fr: [le Premier ministre chinois]
        from: 2013-03-15
        to: 2023-03-10
  li_qiang:
    name: Li Qiang
    side: CN
    aliases: {fr: [Li Qiang, M. Li]}
    titles:
      - fr: [le Premier ministre chinois]
        from: 2023-03-11
"""


def _speakers(actors, texts, date):
    st = pd.DataFrame({"doc_id": "d", "stmt_id": [f"d.{i}" for i in range(len(texts))],
                       "paragraph": range(len(texts)), "sentence": 1, "start": 0,
                       "end": [len(t) for t in texts], "n_tokens": 5, "text": texts,
                       "lang": "fr", "date": date})
    return attribute_speakers(st, actors=actors)["speaker"].tolist()


def test_a_shared_alias_loads_and_the_full_name_decides(tmp_path):
    actors = read_actors(write(tmp_path, SHARED))
    texts = ["Li Keqiang a rencontré le ministre.", "M. Li a déclaré que la paix compte."]
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # the document decides: no warning
        assert _speakers(actors, texts, None) == ["narrator", "li_keqiang"]
        texts = ["Li Qiang a rencontré le ministre.", "M. Li a déclaré que la paix compte."]
        assert _speakers(actors, texts, None) == ["narrator", "li_qiang"]


def test_a_shared_alias_is_resolved_by_the_date_else_a_warning(tmp_path):
    actors = read_actors(write(tmp_path, SHARED))
    texts = ["M. Li a déclaré que la paix compte."]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _speakers(actors, texts, "2019-05-01") == ["li_keqiang"]
        assert _speakers(actors, texts, "2024-05-01") == ["li_qiang"]
    with pytest.warns(UserWarning, match=r"'M. Li' \((li_keqiang or li_qiang|"
                                         r"li_qiang or li_keqiang)"):
        assert _speakers(actors, texts, None)[0] in ("li_keqiang", "li_qiang")
