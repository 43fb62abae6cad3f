"""Suggesting actors from a run's statements: links, counts, the draft file (made-up rows)."""

import pandas as pd
import pytest

from discourse.errors import ParameterError
from discourse.speakers.actors_file import parse_actors
from discourse.speakers.suggestions import SUGGESTION_COLUMNS, draft_actors, suggest_actors

COLUMNS = ["doc_id", "start", "lang", "speaker", "speaker_name", "side", "text"]


def _st(*rows):
    return pd.DataFrame(list(rows), columns=COLUMNS)


# A made-up corpus: a Beninese president named in full then by surname, a misspelt Cambodian
# minister, a "M Wang" in a document that names Wang Yi, the labels and an actor.
CORPUS = _st(
    ("d1", 0, "en", "narrator", "Narrator", "", "Chinese Foreign Minister Wang Yi met Beninese "
     "President Patrice Talon in Cotonou."),
    ("d1", 80, "en", "patrice_talon", "Patrice Talon", "BJ", "Patrice Talon said Benin values "
     "its ties with China."),
    ("d1", 140, "en", "talon", "Talon", "BJ", "Talon added that trade must grow."),
    ("d1", 180, "en", "talon", "Talon", "BJ", "Talon thanked China for its help."),
    ("d1", 220, "en", "wang_yi", "Wang Yi", "CN", "Wang said China supports Benin."),
    ("d2", 0, "fr", "m_wang", "M Wang", "CN", "M Wang a promis que la Chine aidera le Bénin."),
    ("d2", 60, "fr", "narrator", "Narrator", "", "Le ministre Wang Yi était à Cotonou."),
    ("d3", 0, "en", "prak_sokhon", "Prak Sokhon", "KH", "Prak Sokhon said Cambodia is ready."),
    ("d3", 40, "en", "joint", "Joint", "joint", "The two sides agreed to meet again."),
    ("d3", 80, "en", "unknown", "Unknown", "", "Analysts noted the visit."),
)


def test_lists_only_named_speakers_outside_the_actors_file():
    table = suggest_actors(CORPUS)
    assert list(table.columns) == list(SUGGESTION_COLUMNS)
    # wang_yi is an actor; narrator, joint, unknown are labels
    assert sorted(table["id"]) == ["m_wang", "patrice_talon", "prak_sokhon", "talon"]


def test_counts_forms_side_and_order():
    table = suggest_actors(CORPUS).set_index("id")
    assert table.loc["talon", "n_statements"] == 2
    assert table.loc["talon", "n_documents"] == 1
    assert table.loc["patrice_talon", "side"] == "BJ"
    assert table.loc["m_wang", "languages"] == "fr"
    assert table.loc["talon", "example"] == "Talon added that trade must grow."
    # most statements first, then by id
    assert list(suggest_actors(CORPUS)["id"])[0] == "talon"


def test_a_surname_links_to_the_full_name_spoken_in_the_same_document():
    table = suggest_actors(CORPUS).set_index("id")
    assert table.loc["talon", "same_as"] == "patrice_talon"
    assert "same documents" in table.loc["talon", "reason"]
    assert table.loc["patrice_talon", "same_as"] == ""


def test_a_misspelt_actor_and_a_titled_surname_link_to_the_actor():
    table = suggest_actors(CORPUS).set_index("id")
    assert table.loc["prak_sokhon", "same_as"] == "prak_sokhonn"
    assert table.loc["prak_sokhon", "reason"].startswith("misspelt alias")
    # "M Wang": the one-letter title is dropped; Wang Yi is named in the document's text
    assert table.loc["m_wang", "same_as"] == "wang_yi"


def test_several_candidates_are_reported_not_chosen():
    st = _st(("d", 0, "en", "wang", "Wang", "CN", "Wang said the two countries are close."))
    row = suggest_actors(st).iloc[0]
    assert row["same_as"] == ""
    assert "wang_yi" in row["reason"] and "wang_wenbin" in row["reason"]


def test_a_surname_of_another_side_is_not_linked():
    st = _st(("d", 0, "en", "patrice_talon", "Patrice Talon", "BJ", "Patrice Talon said ..."),
             ("d", 20, "en", "talon", "Talon", "FR", "Talon said ..."))
    assert suggest_actors(st).set_index("id").loc["talon", "same_as"] == ""


def test_chains_are_followed_to_the_fullest_name():
    st = _st(("d", 0, "en", "jean_marie_doe", "Jean Marie Doe", "BJ", "Jean Marie Doe said ..."),
             ("d", 20, "en", "marie_doe", "Marie Doe", "BJ", "Marie Doe said ..."),
             ("d", 40, "en", "doe", "Doe", "BJ", "Doe said ..."))
    table = suggest_actors(st).set_index("id")
    # "Doe" is covered by both longer names, and "Marie Doe" by the fullest: one person
    assert table.loc["marie_doe", "same_as"] == "jean_marie_doe"
    assert table.loc["doe", "same_as"] == "jean_marie_doe"
    assert table.loc["jean_marie_doe", "same_as"] == ""


def test_a_fuller_name_found_only_in_other_documents_is_reported_not_linked():
    st = _st(("d1", 0, "fr", "mahamat_idriss_deby_itno", "Mahamat Idriss Déby Itno", "TD",
              "Mahamat Idriss Déby Itno a dit ..."),
             ("d2", 0, "fr", "idriss_deby", "Idriss Déby", "TD", "Idriss Déby a dit ..."))
    row = suggest_actors(st).set_index("id").loc["idriss_deby"]
    assert row["same_as"] == ""
    assert row["reason"].startswith("possibly a shorter form of mahamat_idriss_deby_itno")


def test_title_words_do_not_link_an_institution_to_a_person():
    # "Foreign Ministry" must not be a shorter form of "Foreign Minister Wang Yi"
    st = _st(("d", 0, "en", "foreign_ministry", "Foreign Ministry", "CN",
              "The Foreign Ministry said Foreign Minister Wang Yi will travel."))
    assert suggest_actors(st).iloc[0]["same_as"] == ""


def test_a_name_holding_an_actors_full_name_links_to_the_actor():
    # an adjective or an honorific swallowed into the name by the rules
    st = _st(("d", 0, "fr", "chinois_li_keqiang", "chinois Li Keqiang", "CN",
              "La Chine est prête, a déclaré le Premier ministre chinois Li Keqiang."),
             ("d", 70, "en", "hon_hun_manet_mp", "Hon Hun Manet MP", "KH", "Hon Hun Manet MP said."))
    table = suggest_actors(st).set_index("id")
    assert table.loc["chinois_li_keqiang", "same_as"] == "li_keqiang"
    assert table.loc["hon_hun_manet_mp", "same_as"] == "hun_manet"
    # not across sides
    other = st.assign(side=["KH", "CN"])
    assert set(suggest_actors(other)["same_as"]) == {""}


def test_forms_are_aliases_of_the_language_they_were_seen_in():
    st = _st(("d1", 0, "en", "liu_jinsong", "Liu Jinsong", "CN", "Liu Jinsong said ..."),
             ("d2", 0, "zh", "liu_jinsong", "刘劲松", "CN", "刘劲松表示……"))
    actor = parse_actors(draft_actors(suggest_actors(st)).encode(), "d.yml")["liu_jinsong"]
    assert actor.aliases == {"en": ("Liu Jinsong",), "zh": ("刘劲松",)}


def test_min_statements_leaves_out_the_rare_after_linking():
    table = suggest_actors(CORPUS, min_statements=2)
    assert list(table["id"]) == ["talon"]
    assert table.iloc[0]["same_as"] == "patrice_talon"


def test_bad_input_is_named():
    with pytest.raises(ParameterError, match="speaker_name"):
        suggest_actors(CORPUS.drop(columns="speaker_name"))
    with pytest.raises(ParameterError, match="min_statements=0"):
        suggest_actors(CORPUS, min_statements=0)


def test_the_draft_is_a_valid_actors_file_with_forms_folded_in():
    draft = draft_actors(suggest_actors(CORPUS), source="run/")
    actors = parse_actors(draft.encode(), "draft.yml")
    assert sorted(actors) == ["patrice_talon"]
    assert actors["patrice_talon"].aliases == {"en": ("Patrice Talon", "Talon")}
    assert actors["patrice_talon"].side == "BJ"
    # the forms of actors already in the file are comments, not entries
    assert "#   prak_sokhonn: Prak Sokhon" in draft
    assert "#   wang_yi: M Wang" in draft
    assert draft == draft_actors(suggest_actors(CORPUS), source="run/")


def test_the_draft_quotes_names_and_marks_a_missing_side():
    st = _st(("d", 0, "fr", "n_diaye", "N'Diaye: Aïssata", "", "N'Diaye a dit ..."))
    draft = draft_actors(suggest_actors(st))
    actor = parse_actors(draft.encode(), "draft.yml")["n_diaye"]
    assert actor.name == "N'Diaye: Aïssata"
    assert actor.side == "unknown"
    assert "write the country code" in draft


def test_nothing_to_suggest_gives_no_draft():
    st = CORPUS[CORPUS["speaker"].isin(["narrator", "wang_yi", "joint"])]
    assert suggest_actors(st).empty
    assert draft_actors(suggest_actors(st)) == ""
