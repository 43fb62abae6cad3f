"""Proper names do not code by default: the codebook's list and the general rule."""

import pandas as pd
import pytest

from discourse import code_themes, find_matches
from discourse.coding.codebook import read_codebook
from discourse.coding.model import Codebook, Theme
from discourse.coding.names import find_names, name_spans
from discourse.errors import ParameterError

CB = Codebook("t", "1", themes=(
    Theme("cooperation", "Cooperation", patterns={"en": ("cooperat*", "Belt and Road"),
                                                  "fr": ("coopér*", "Ceinture et la Route",
                                                         "coordination")}),
    Theme("friendship", "Friendship", patterns={"en": ("friendship",), "fr": ("amitié",)}),
), names={"en": ("Boao Forum for Asia",), "fr": ("ministère de la Coopération",)})


def _st(texts, lang):
    return pd.DataFrame({"doc_id": "d", "stmt_id": [f"d.{i}" for i in range(len(texts))],
                         "start": [1000 * i for i in range(len(texts))], "lang": lang,
                         "text": texts})


def _coded(texts, lang, **kw):
    return code_themes(_st(texts, lang), codebook=CB, **kw)["themes"].tolist()


@pytest.mark.parametrize("text, want", [
    # written by hand from the rule: a theme word inside a capitalised multi-word name
    ("He attended the Belt and Road Forum for International Cooperation in Beijing.", ""),
    ("Wang met Prak Sokhonn at the Lancang-Mekong Cooperation Foreign Ministers' Meeting.", ""),
    ("The Minister of Foreign Affairs and International Cooperation arrived today.", ""),
    ("The Year of China-Cambodia Friendship opened in Phnom Penh on Monday.", ""),
    # the same words in running prose are rhetoric
    ("The two sides will deepen Lancang-Mekong cooperation and their friendship.",
     "cooperation;friendship"),
    # a pattern written as a name counts on its own and inside a name without a head noun
    ("Both sides will promote high-quality Belt and Road cooperation.", "cooperation"),
    ("Cambodia firmly supports the Belt and Road Initiative and its projects.", "cooperation"),
    # a headline in title case: capitals say nothing
    ("Xi Meets Hun Manet, Calls For Deeper Cooperation", "cooperation"),
    ("Xi Meets Hun Manet, Calls For Deeper Cooperation At Summit", "cooperation"),
    # ... but a capitalised run ending in a head noun is still a name there
    ("China and Laos Hold the Third Meeting of Bilateral Cooperation Committee", ""),
    # a long headline with two lower-case words is still a headline, not one long name
    ("Xi Holds Talks with Thongloun of Laos The Two Leaders Agree that Both Countries will "
     "Remain Good Friends with Mutual Trust and Deepen Cooperation with All Sincerity",
     "cooperation"),
    # the codebook's list, in any case
    ("He spoke at the boao forum for asia and praised the cooperation.", "cooperation"),
    # a sentence's first word is capitalised whatever it is: a common noun, not a name
    ("Cooperation between China and Cambodia has grown fast.", "cooperation"),
    ("Friendship between the two peoples is unbreakable.", "friendship"),
    ('He said: "Cooperation between China and Cambodia has grown."', "cooperation"),
    # ... but a name that opens a sentence is still a name
    ("Lancang-Mekong Cooperation has made progress.", ""),
    ("Ministry of Foreign Affairs and International Cooperation officials attended.", ""),
    ("Belt and Road Forum for International Cooperation opened on Sunday.", ""),
])
def test_english_names(text, want):
    assert _coded([text], "en") == [want]


@pytest.mark.parametrize("text, want", [
    ("Il a assisté au Forum de coopération sino-africaine à Beijing.", ""),
    ("Il a coprésidé la réunion du Comité de coordination intergouvernemental.", ""),
    ("Le Cambodge présidera la rencontre des dirigeants de la Coopération Lancang-Mékong.", ""),
    ("Il est arrivé pour le Forum de « la Ceinture et la Route » pour la coopération.", ""),
    ("Il a reçu l'Ordre de l'Amitié des mains du président.", ""),
    ("Les deux pays renforceront leur coopération et leur amitié.", "cooperation;friendship"),
    ("Le Cambodge soutient l'initiative « la Ceinture et la Route ».", "cooperation"),
    ("Il a salué le ministère de la coopération du Sénégal.", ""),  # listed, any case
    ("Coopération entre la Chine et le Cambodge : des progrès.", "cooperation"),
    ("« Amitié entre nos peuples », a-t-il dit.", "friendship"),
    ("Coopération Lancang-Mékong : le Cambodge présidera.", ""),
])
def test_french_names(text, want):
    assert _coded([text], "fr") == [want]


def test_names_count_option_counts_them_and_bad_values_are_named():
    text = ["He attended the Belt and Road Forum for International Cooperation."]
    assert _coded(text, "en", names="count") == ["cooperation"]
    m = find_matches(_st(text, "en"), codebook=CB, names="count")
    assert m["matched"].tolist() == ["Belt and Road", "Cooperation"]
    assert find_matches(_st(text, "en"), codebook=CB).empty
    with pytest.raises(ParameterError, match="names='all'.*'exclude'.*'count'"):
        find_matches(_st(text, "en"), codebook=CB, names="all")


def test_find_names_lists_the_names_with_their_rule_and_document_offsets():
    st = _st(["x", "He attended the Boao Forum for Asia, then hailed the Lancang-Mekong "
                    "Cooperation."],
             "en")
    names = find_names(st, codebook=CB)
    assert names[["stmt_id", "name", "rule"]].values.tolist() == [
        ["d.1", "Boao Forum for Asia", "capitalised"],
        ["d.1", "Lancang-Mekong Cooperation", "capitalised"]]
    text = st.at[1, "text"]
    for r in names.itertuples():
        assert text[r.start - 1000:r.end - 1000] == r.name


def test_a_sentence_initial_common_noun_is_not_swallowed_into_a_name():
    text = "Cooperation between China and Cambodia has grown."
    assert [text[a:b] for a, b, _ in name_spans(text, "en")] == ["China and Cambodia"]
    # after a colon or a quotation mark too; not after an ordinary word
    assert [s[a:b] for s in ["Il a dit : « Coopération entre la Chine et le Cambodge »."]
            for a, b, _ in name_spans(s, "fr")] == ["Chine et le Cambodge"]
    assert [s[a:b] for s in ["He hailed Cooperation between China and Cambodia."]
            for a, b, _ in name_spans(s, "en")] == ["Cooperation between China and Cambodia"]


def test_unsupported_languages_have_no_general_rule():
    assert name_spans("The Belt and Road Forum for International Cooperation", "xx") == []
    assert name_spans("The Belt and Road Forum for International Cooperation", None) == []


def test_default_codebook_lists_names_in_both_languages():
    cb = read_codebook()
    assert "Belt and Road Forum for International Cooperation" in cb.names["en"]
    assert "Forum de coopération sino-africaine" in cb.names["fr"]
    assert [h["version"] for h in cb.history] == ["1.0.0", "2.0.0", "2.1.0", "2.2.0", "2.3.0", "2.4.0", "2.5.0", "2.6.0"]


def test_the_character_before_a_position_is_that_of_the_stripped_prefix():
    import random

    from discourse.coding.names import _char_before

    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice("ab .:«\u00a0\n\t") for _ in range(rng.randint(0, 10)))
        for pos in range(len(text) + 1):
            assert _char_before(text, pos) == text[:pos].rstrip()[-1:]
