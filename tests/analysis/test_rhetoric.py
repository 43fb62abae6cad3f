"""Tests of rhetoric keyness: reporting clauses cut, names as stop words, per language."""

from __future__ import annotations

import pandas as pd
import pytest

import discourse
from discourse.analysis.rhetoric import (
    compute_rhetoric_keyness,
    rhetoric_stopwords,
    strip_reporting_clauses,
)
from discourse.errors import AnalysisError, ParameterError

from .real_corpus import real_documents


def _st(rows):
    """Statements from (doc, lang, side, cue_text, text)."""
    return pd.DataFrame(rows, columns=["doc_id", "lang", "side", "cue_text", "text"])


EN = [
    ("a", "en", "CN", "Xi Jinping stressed", "Xi Jinping stressed that win-win connectivity matters."),
    ("a", "en", "KH", "Hun Sen said", "Hun Sen said that gratitude and friendship endure."),
    ("b", "en", "CN", "he noted", "Win-win connectivity grows, he noted."),
    ("b", "en", "KH", "Hun Manet said", "Hun Manet said gratitude and friendship endure."),
    ("c", "en", "CN", "", "Win-win connectivity and corridors for President Xi."),
    ("c", "en", "KH", "", "Gratitude, friendship, Samdech Techo Hun Sen."),
]


def test_the_reporting_clause_is_cut_by_cue_text_or_offsets():
    st = _st(EN[:3])
    assert strip_reporting_clauses(st)["content"].tolist() == [
        "  that win-win connectivity matters.", "  that gratitude and friendship endure.",
        "Win-win connectivity grows,  ."]
    # offsets of the attribution stage win over the text (document offsets here)
    st = pd.DataFrame({"text": ["Peace, he said, matters."], "start": [10], "cue_text": ["he said"],
                       "cue_start": [17], "cue_end": [24]})
    assert strip_reporting_clauses(st)["content"].tolist() == ["Peace,  , matters."]
    # a cue not found in the text leaves the statement whole
    st = pd.DataFrame({"text": ["Peace matters."], "cue_text": ["he said"]})
    assert strip_reporting_clauses(st)["content"].tolist() == ["Peace matters."]


def test_names_titles_and_reporting_verbs_are_not_key_words():
    out = compute_rhetoric_keyness(_st(EN), target="CN", min_readouts=2, min_count=2)
    features = set(out["feature"])
    assert {"win-win", "connectivity", "gratitude", "friendship"} <= features
    assert not features & {"xi", "jinping", "hun", "sen", "manet", "president", "samdech",
                           "techo", "stressed", "said", "noted"}
    # with the options off, the names come back
    raw = compute_rhetoric_keyness(_st(EN), target="CN", min_readouts=1, min_count=1,
                                   actor_names=False, reporting_verbs=False)
    assert {"hun", "sen"} <= set(raw["feature"])


def test_a_word_of_one_readout_needs_min_readouts():
    rows = EN + [("d", "en", "CN", "", "Lancang lancang lancang lancang lancang.")]
    out = compute_rhetoric_keyness(_st(rows), target="CN", min_readouts=2, min_count=2)
    assert "lancang" not in set(out["feature"])
    out = compute_rhetoric_keyness(_st(rows), target="CN", min_readouts=1, min_count=2)
    row = out.set_index("feature").loc["lancang"]
    assert (row["n_target"], row["n_readouts_target"]) == (5, 1)
    # counts of the three readouts, by hand
    row = compute_rhetoric_keyness(_st(EN), target="CN", min_readouts=2,
                                   min_count=2).set_index("feature").loc["connectivity"]
    assert (row["n_target"], row["n_reference"], row["n_readouts_target"]) == (3, 0, 3)


def test_a_bilingual_corpus_gives_one_list_per_language():
    fr = [("e", "fr", "CN", "Xi a déclaré", "Xi a déclaré que la coopération gagnant-gagnant avance."),
          ("e", "fr", "KH", "Hun Sen a indiqué", "Hun Sen a indiqué que l'amitié demeure."),
          ("f", "fr", "CN", "", "La coopération gagnant-gagnant avance."),
          ("f", "fr", "KH", "", "L'amitié demeure, a-t-il souligné.")]
    out = compute_rhetoric_keyness(_st(EN + fr), target="CN", min_readouts=2, min_count=2)
    assert sorted(out["lang"].unique()) == ["en", "fr"]
    assert set(out.loc[out["lang"] == "fr", "feature"]) == {"coopération", "gagnant-gagnant",
                                                            "avance", "amitié", "demeure"}
    assert "connectivity" not in set(out.loc[out["lang"] == "fr", "feature"])
    pooled = compute_rhetoric_keyness(_st(EN + fr), target="CN", min_readouts=2, min_count=2,
                                      pooled=True)
    assert pooled["lang"].unique().tolist() == ["pooled:en+fr"]
    # a language where one side never speaks is skipped, and said so
    one_sided = EN + [("g", "fr", "CN", "", "La coopération avance.")]
    out = compute_rhetoric_keyness(_st(one_sided), target="CN", min_readouts=1)
    assert out.attrs["skipped_languages"] == ["fr"]


def test_errors():
    with pytest.raises(AnalysisError, match="no language has statements of both CN and KH"):
        compute_rhetoric_keyness(_st([EN[0], ("z", "fr", "KH", "", "Amitié.")]),
                                 target="CN", reference="KH")
    with pytest.raises(ParameterError, match="min_readouts=-1"):
        compute_rhetoric_keyness(_st(EN), target="CN", min_readouts=-1)


def test_stop_words_come_from_the_actors_file_and_the_cue_words():
    words = rhetoric_stopwords("fr")
    assert {"xi", "jinping", "hun", "sen", "president", "declare", "indique", "souligne"} <= words
    assert "cooperation" not in words


# hand list, written from the actors file and the reporting verbs a reader sees in readouts
NAMES_TITLES_VERBS = {
    "xi", "jinping", "hun", "sen", "manet", "li", "keqiang", "qiang", "wang", "yi", "samdech",
    "techo", "president", "président", "prime", "premier", "minister", "ministre", "said",
    "says", "stressed", "noted", "added", "expressed", "déclaré", "indiqué", "souligné",
    "ajouté", "exprimé", "noté", "affirmé", "estimé",
}


def test_real_corpus_key_words_hold_no_name_title_or_reporting_verb():
    coded = discourse.run(real_documents()).coded
    out = compute_rhetoric_keyness(coded, target="CN", reference="KH")
    assert {"en", "fr"} <= set(out["lang"])
    for lang, table in out.groupby("lang"):
        for top in (table.nlargest(20, "statistic"), table.nsmallest(20, "statistic")):
            assert not set(top["feature"]) & NAMES_TITLES_VERBS, (lang, top["feature"].tolist())
