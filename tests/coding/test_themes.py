"""Tests of discourse.coding.themes and discourse.coding.kwic: the coded and matches tables, levels, negation codes, kwic.

Gold values written by hand from the rules of discourse.coding.themes / discourse.coding.matcher.
"""

import pandas as pd
import pytest

from discourse.coding.kwic import kwic, style_kwic
from discourse.coding.model import Codebook, Theme
from discourse.coding.themes import code_themes, find_matches
from discourse.errors import ContractError, ParameterError

DOC_FR = ("Xi a salué l’amitié de fer.\n\nIl a défendu la souveraineté et l’intégrité "
          "territoriale du Cambodge. La Chine ne soutient jamais l’hégémonisme.")
DOC_EN = "Hun Sen praised the cooperation. He rejects the Cold War mentality."

CB = Codebook("t", "1", themes=(
    Theme("sovereignty", "Sovereignty", patterns={"fr": ("souveraineté",),
                                                  "en": ("sovereignty",)}),
    Theme("sovereignty.territorial", "Territorial", parent="sovereignty",
          patterns={"fr": ("intégrité territoriale",), "en": ("territorial integrity",)}),
    Theme("cooperation", "Cooperation", patterns={"fr": ("coopér*",), "en": ("cooperat*",)}),
    Theme("friendship", "Friendship", patterns={"*": ("amitié", "friendship")}),
    Theme("anti_cold_war", "Anti-Cold War", negation="separate",
          patterns={"fr": ("hégémonisme",), "en": ("cold war mentality",)}),
))


def statements():
    rows = []
    for doc_id, text, lang, sentences in (
        ("fr1", DOC_FR, "fr", ["Xi a salué l’amitié de fer.", "Il a défendu la souveraineté",
                               "La Chine ne soutient"]),
        ("en1", DOC_EN, "en", ["Hun Sen praised", "He rejects"]),
    ):
        starts = [text.index(x) for x in sentences] + [len(text)]
        for n, (s, e) in enumerate(zip(starts, starts[1:]), 1):
            e = len(text[:e].rstrip())
            rows.append({"doc_id": doc_id, "stmt_id": f"{doc_id}.{n}", "start": s, "end": e,
                         "text": text[s:e], "lang": lang,
                         "speaker": "xi_jinping" if doc_id == "fr1" else "hun_sen",
                         "side": "CN" if doc_id == "fr1" else "KH"})
    return pd.DataFrame(rows)


DOCS = pd.DataFrame({"doc_id": ["fr1", "en1"], "text": [DOC_FR, DOC_EN]})


def test_fixture_offsets():
    st = statements()
    assert st.text.tolist()[1].endswith("territoriale du Cambodge.")
    assert st.text.tolist()[2] == "La Chine ne soutient jamais l’hégémonisme."
    assert st.text.tolist()[4] == "He rejects the Cold War mentality."
    docs = {"fr1": DOC_FR, "en1": DOC_EN}
    assert all(docs[d][s:e] == t for d, s, e, t in zip(st.doc_id, st.start, st.end, st.text))


def test_coded_table_columns_values_and_order():
    st = statements()
    coded = code_themes(st, codebook=CB)
    assert list(coded.columns) == list(st.columns) + [
        "theme_sovereignty", "theme_sovereignty__territorial", "theme_cooperation",
        "theme_friendship", "theme_anti_cold_war", "theme_anti_cold_war__negated",
        "themes", "n_matches"]
    assert coded.themes.tolist() == [
        "friendship", "sovereignty;sovereignty.territorial", "anti_cold_war.negated",
        "cooperation", "anti_cold_war"]
    assert coded.n_matches.tolist() == [1, 2, 1, 1, 1]
    assert coded.theme_sovereignty.tolist() == [0, 1, 0, 0, 0]
    assert coded.theme_anti_cold_war.tolist() == [0, 0, 0, 0, 1]
    assert coded.theme_anti_cold_war__negated.tolist() == [0, 0, 1, 0, 0]
    assert str(coded.theme_cooperation.dtype) == "int64"
    assert str(coded.n_matches.dtype) == "int64"


def test_matches_table_offsets_into_documents():
    m = find_matches(statements(), codebook=CB)
    assert list(m.columns) == ["doc_id", "stmt_id", "theme", "pattern", "matched", "start",
                               "end", "negated", "lang", "speaker", "side"]
    docs = {"fr1": DOC_FR, "en1": DOC_EN}
    assert [docs[d][s:e] for d, s, e in zip(m.doc_id, m.start, m.end)] == m.matched.tolist()
    assert m.matched.tolist() == ["amitié", "souveraineté", "intégrité territoriale",
                                  "hégémonisme", "cooperation", "Cold War mentality"]
    assert m.theme.tolist() == ["friendship", "sovereignty", "sovereignty.territorial",
                                "anti_cold_war.negated", "cooperation", "anti_cold_war"]
    assert m.negated.tolist() == [False, False, False, True, False, False]
    assert m.side.tolist() == ["CN", "CN", "CN", "CN", "KH", "KH"]


def test_levels_one_credits_sub_themes_to_their_parent():
    st = statements()
    coded = code_themes(st, codebook=CB, levels=1)
    assert "theme_sovereignty__territorial" not in coded.columns
    assert coded.themes.tolist()[1] == "sovereignty"
    m = find_matches(st, codebook=CB, levels=1)
    assert m.theme.tolist()[:3] == ["friendship", "sovereignty", "sovereignty"]
    # a sub-theme match alone codes its parent
    only_sub = st.iloc[[1]].assign(text="l’intégrité territoriale", start=0)
    assert code_themes(only_sub, codebook=CB).theme_sovereignty.tolist() == [1]


def test_negation_exclude_and_count_modes():
    st = statements()
    for mode, expected in (("exclude", [0, 0, 0, 0, 1]), ("count", [0, 0, 1, 0, 1])):
        themes = tuple(Theme(t.id, t.label, patterns=t.patterns, parent=t.parent,
                             negation=mode if t.id == "anti_cold_war" else t.negation)
                       for t in CB.themes)
        cb = Codebook("t2", "1", themes=themes)
        coded = code_themes(st, codebook=cb)
        assert coded.theme_anti_cold_war.tolist() == expected, mode
        assert "theme_anti_cold_war__negated" not in coded.columns


def test_precomputed_matches_give_the_same_table_and_input_is_not_mutated():
    st = statements()
    before = st.copy()
    m = find_matches(st, codebook=CB)
    a = code_themes(st, codebook=CB, matches=m)
    b = code_themes(st, codebook=CB)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(st, before)
    # re-coding a coded table replaces its codes
    again = code_themes(a, codebook=CB, levels=1)
    assert "theme_sovereignty__territorial" not in again.columns
    assert list(again.columns).count("themes") == 1


def test_language_fallback_option():
    st = statements().drop(columns=["lang"])
    coded = code_themes(st, codebook=CB, lang="en")
    assert coded.themes.tolist() == ["friendship", "", "", "cooperation", "anti_cold_war"]


def test_nested_scope_all_is_passed_through():
    cb = Codebook("n", "1", themes=(
        Theme("a", "A", patterns={"fr": ("guerre froide",)}),
        Theme("b", "B", patterns={"fr": ("mentalité de guerre froide",)})))
    st = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [0], "lang": ["fr"],
                       "text": ["la mentalité de guerre froide"]})
    assert code_themes(st, codebook=cb).themes.tolist() == ["a;b"]
    assert code_themes(st, codebook=cb, nested_scope="all").themes.tolist() == ["b"]


def test_errors_name_the_problem():
    st = statements()
    with pytest.raises(ContractError, match="code_themes: the table lacks the column.*text"):
        code_themes(st.drop(columns=["text"]), codebook=CB)
    with pytest.raises(ParameterError, match=r"levels=0 is not valid; use None"):
        code_themes(st, codebook=CB, levels=0)
    with pytest.raises(ParameterError, match="nested_scope='dictionary' is not valid"):
        find_matches(st, codebook=CB, nested_scope="dictionary")
    other = Codebook("o", "1", themes=(Theme("x", "X", patterns={"*": ("amitié",)}),))
    with pytest.raises(ContractError, match="matches has theme 'x', which is not in codebook"):
        code_themes(st, codebook=CB, matches=find_matches(st, codebook=other))
    with pytest.raises(ContractError, match="stmt_id must be unique"):
        code_themes(pd.concat([st, st]), codebook=CB)


def test_kwic_by_theme_pattern_and_word():
    st = statements()
    k = kwic(st, codebook=CB, theme="sovereignty", window=10)
    assert list(k.columns) == ["doc_id", "stmt_id", "speaker", "pre", "keyword", "post",
                               "theme", "pattern", "start", "end"]
    assert k.keyword.tolist() == ["souveraineté", "intégrité territoriale"]
    assert k.pre.tolist() == ["éfendu la ", "neté et l’"]     # context stops at the statement
    assert k.theme.tolist() == ["sovereignty", "sovereignty.territorial"]
    assert k.speaker.tolist() == ["xi_jinping", "xi_jinping"]
    k = kwic(st, codebook=CB, pattern="cooperat*", window=8)
    assert k[["pre", "keyword", "post"]].values.tolist() == [["sed the ", "cooperation", "."]]
    k = kwic(st, word="Cambodge", documents=DOCS, window=12)
    assert k[["pre", "keyword", "post", "theme"]].values.tolist() == [
        ["itoriale du ", "Cambodge", ". La Chine n", ""]]
    k = kwic(st, word="amitié", documents=DOCS, window=30)
    assert k.post.tolist() == [" de fer. Il a défendu la souv"]   # 30 characters; "\n\n" shown as " "


def test_kwic_errors_and_style():
    st = statements()
    with pytest.raises(ParameterError, match="theme='peace' is not in codebook 't'; themes: "):
        kwic(st, codebook=CB, theme="peace")
    with pytest.raises(ParameterError, match="pattern='paix' is not a pattern.*use word="):
        kwic(st, codebook=CB, pattern="paix")
    with pytest.raises(ParameterError, match="give word= alone"):
        kwic(st, codebook=CB, word="paix", theme="cooperation")
    html = style_kwic(kwic(st, codebook=CB, theme="friendship")).to_html()
    assert "amitié" in html and "font-weight: bold" in html


def test_text_held_by_pyarrow_or_as_objects_gives_the_same_tables():
    st = statements()
    extra = pd.DataFrame({"doc_id": ["x", "x", "y"], "stmt_id": ["x.1", "x.2", "y.1"],
                          "start": [0, 40, 0], "end": [30, 80, 20], "speaker": "narrator",
                          "side": None, "lang": ["fr", None, "en"],
                          "text": [None, "La coope\u0301ration  \n et l’amitié.",
                                   "no friendship, no cooperation"]})
    st = pd.concat([st.iloc[[4, 0]], extra, st.iloc[[1, 3, 2]]], ignore_index=True)
    as_objects = st.astype({"text": object, "stmt_id": object})
    for levels in (None, 1):
        m1 = find_matches(st, codebook=CB, levels=levels, lang="fr")
        m2 = find_matches(as_objects, codebook=CB, levels=levels, lang="fr")
        assert m1.to_dict("list") == m2.to_dict("list")
        c1 = code_themes(st, codebook=CB, levels=levels, matches=m1, lang="fr")
        c2 = code_themes(as_objects, codebook=CB, levels=levels, lang="fr")
        assert c1.drop(columns=["text", "stmt_id"]).equals(
            c2.drop(columns=["text", "stmt_id"]))
    # the NFC-decomposed statement: offsets into the original text, white space run kept
    row = m1[m1.stmt_id == "x.2"]
    assert row.matched.tolist() == ["coope\u0301ration", "amitié"]
    assert row.start.tolist() == [43, 64]


def test_many_themes_and_empty_tables():
    themes = tuple(Theme(f"t{i:02d}", f"T{i}", patterns={"*": (f"mot{i:02d}",)})
                   for i in range(20))
    cb = Codebook("many", "1", themes=themes)
    st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2", "d.3"], "start": [0, 20, 40],
                       "lang": "fr", "text": ["mot03 et mot17", "rien", "mot19 mot00 mot03"]})
    coded = code_themes(st, codebook=cb)
    assert coded.themes.tolist() == ["t03;t17", "", "t00;t03;t19"]
    assert coded.n_matches.tolist() == [2, 0, 3]
    assert coded.theme_t19.tolist() == [0, 0, 1]
    empty = code_themes(st.iloc[:0], codebook=cb)
    assert len(empty) == 0 and empty.themes.tolist() == []
    assert find_matches(st.iloc[:0], codebook=cb).empty
