"""The known-people resource behind the user's actors file (loader, merge, resolution)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from discourse.errors import ActorsError, DiscourseError, ParameterError
from discourse.speakers.actor import fold_alias
from discourse.speakers.actors import read_actors, slug_name
from discourse.speakers.attribution import attribute_speakers
from discourse.speakers.known_people import (
    default_known_people_path,
    read_known_people,
    with_known_people,
)
from discourse.text.statements import split_statements

MINE = """actors:
  pervez_musharraf_imposter:
    name: Someone Else
    side: XX
    aliases:
      en: [Patrice Talon]
  imran_khan:
    name: Imran Khan (mine)
    side: PK
"""


@pytest.fixture(scope="module")
def people():
    return read_known_people("default")[0]


# --- the resource itself ---------------------------------------------------------------

BARE = {"khan", "ali", "kim", "lee", "sharif", "wang", "li", "park", "singh", "ahmed",
        "mohamed", "muhammad", "hassan", "john", "david"}
ORGS = {"UN", "ASEAN", "AFRICAN_UNION"}


def test_resource_is_broad_and_valid(people):
    assert 250 <= len(people) <= 400
    for pid, person in people.items():
        assert pid == slug_name(person.name), pid          # id = slug of the full name
        assert re.fullmatch(r"[A-Z]{2}", person.side) or person.side in ORGS, pid
        assert person.gender in ("f", "m"), pid
        assert set(person.aliases) <= {"en", "fr", "zh", "km"}, pid


def test_no_bare_surname_or_given_name_alias(people):
    for pid, person in people.items():
        for lang in ("en", "fr"):
            for alias in person.aliases.get(lang, ()):
                assert fold_alias(alias) not in BARE, (pid, alias)
        for alias in person.aliases.get("zh", ()):
            assert len(alias) >= 2, (pid, alias)


def test_titles_dated_and_ordered(people):
    n_titles = 0
    for pid, person in people.items():
        for title in person.titles:
            n_titles += 1
            assert title.start is not None, pid
            assert title.end is None or title.start <= title.end, pid
            assert title.start >= dt.date(1980, 1, 1), pid
    assert n_titles > 100


def test_aliases_unique_across_people(people):
    seen = {}
    for pid, person in people.items():
        for lang, names in person.aliases.items():
            for name in names:
                key = (lang, fold_alias(name))
                assert seen.setdefault(key, pid) == pid, (key, seen[key], pid)


# --- loading and merging ---------------------------------------------------------------

def test_default_merge_keeps_the_user_file_first():
    user = read_actors()
    merged = with_known_people(user)
    assert list(merged)[:len(user)] == list(user)
    assert merged["hun_sen"] == user["hun_sen"]
    assert merged["donald_trump"].side == "US"
    assert merged.known_people["added"] + merged.known_people["dropped"] == \
        len(read_known_people()[0])
    assert with_known_people(merged) is merged            # merged once


def test_none_gives_the_actors_file_alone():
    user = read_actors()
    assert with_known_people(user, known_people="none") is user
    assert "donald_trump" not in user


def test_user_file_wins_on_id_and_alias(tmp_path):
    path = tmp_path / "mine.yml"
    path.write_text(MINE, encoding="utf-8")
    merged = with_known_people(read_actors(path))
    assert merged["imran_khan"].name == "Imran Khan (mine)"           # same id: mine
    assert "patrice_talon" not in merged                              # alias taken: dropped
    assert merged.resolve("Patrice Talon", lang="en") == "pervez_musharraf_imposter"
    assert merged.known_people["dropped"] == 2


def test_path_of_own_known_people(tmp_path):
    path = tmp_path / "known.yml"
    path.write_text("actors:\n  ada_example:\n    name: Ada Example\n    side: FR\n"
                    "    aliases: {en: [Ada Example]}\n", encoding="utf-8")
    merged = with_known_people(read_actors(), known_people=path)
    assert "ada_example" in merged and "donald_trump" not in merged
    assert merged.known_people["file"] == "known.yml"


def test_bad_path_and_bad_file_name_the_problem(tmp_path):
    with pytest.raises(ActorsError, match=r"nope\.yml.*default, none"):
        with_known_people(read_actors(), known_people=tmp_path / "nope.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("actors:\n  x_y:\n    name: X Y\n", encoding="utf-8")
    with pytest.raises(ActorsError, match=r"bad\.yml.*'x_y'.*side"):
        with_known_people(read_actors(), known_people=bad)
    with pytest.raises(ParameterError, match="default, none"):
        with_known_people(read_actors(), known_people=3)
    assert issubclass(ActorsError, DiscourseError)


def test_default_path_is_packaged():
    assert default_known_people_path().is_file()


# --- resolution on made-up readouts ----------------------------------------------------

def _attribute(text, lang, date, known="default"):
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text], "lang": [lang], "date": [date],
                         "source": ["s"], "title": ["t"]})
    st = split_statements(docs)
    return attribute_speakers(st, known_people=known, warn_ambiguous=False)


@pytest.mark.parametrize("lang,text,who,side", [
    ("en", "Pakistani Prime Minister Shehbaz Sharif said the corridor matters to Pakistan.",
     "muhammad_shehbaz_sharif", "PK"),
    ("fr", "Patrice Talon a déclaré que le Bénin soutient ce projet.", "patrice_talon", "BJ"),
    ("zh", "美国总统特朗普表示，美方愿意加强合作。", "donald_trump", "US"),
])
def test_known_person_named_in_full_gets_id_and_side(lang, text, who, side):
    out = _attribute(text, lang, "2024-06-01")
    assert out["speaker"].iloc[0] == who
    assert out["side"].iloc[0] == side


def test_dated_title_resolves_on_the_document_date():
    text = "贝宁总统表示，两国合作不断深化。"
    assert _attribute(text, "zh", "2018-03-01")["speaker"].iloc[0] == "patrice_talon"
    assert _attribute(text, "zh", "2010-03-01")["speaker"].iloc[0] == "thomas_boni_yayi"
    text = "巴基斯坦总理表示，两国友谊牢不可破。"
    assert _attribute(text, "zh", "2019-03-01")["speaker"].iloc[0] == "imran_khan"
    assert _attribute(text, "zh", "2023-03-01")["speaker"].iloc[0] == "muhammad_shehbaz_sharif"


def test_no_english_or_french_titles_yet(people):
    # as aliases they would take the place of the description rules ("le président
    # kényan X" for an X not in the file): see the resource's header
    assert all(set(t.aliases) <= {"zh", "km"} for p in people.values() for t in p.titles)


def test_surname_after_full_name_resolves():
    text = ("Zambian President Hakainde Hichilema said Zambia welcomes investment. "
            "Hichilema added that the railway would be renewed.")
    out = _attribute(text, "en", "2023-09-15")
    assert out["speaker"].tolist() == ["hakainde_hichilema", "hakainde_hichilema"]
    assert set(out["side"]) == {"ZM"}


def test_switched_off_the_side_is_unknown():
    out = _attribute("Patrice Talon a déclaré que le Bénin soutient ce projet.", "fr",
                     "2024-06-01", known="none")
    assert out["side"].iloc[0] != "BJ"
