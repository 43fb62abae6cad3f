"""Paragraphs and sentences with exact offsets: the sample's gold, and hand-written tricky texts.

The expected splits below were written by hand, sentence by sentence, before running the code.
"""

from pathlib import Path

import pandas as pd
import pytest

from discourse.errors import ContractError, ParameterError
from discourse.text.statements import split_paragraphs, split_sentences, split_statements

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "raw" / "000_38ca568774651fa9.txt"
GOLD = ROOT / "tests" / "data" / "sample_gold.csv"


def _docs(text, lang="fr", **extra):
    return pd.DataFrame({"doc_id": ["d"], "text": [text], "lang": [lang], **{
        k: [v] for k, v in extra.items()}})


def _sentences(text, lang):
    return [text[s:e] for s, e in split_sentences(text, lang=lang)]


# --- the sample readout -------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_statements():
    text = SAMPLE.read_bytes().decode("utf-8")
    docs = pd.DataFrame({"doc_id": ["000_38ca568774651fa9"], "text": [text], "lang": ["fr"],
                         "date": ["2024-12-03"], "title": ["t"], "source": ["Xinhua"],
                         "path": [str(SAMPLE)], "outlet_type": ["state news agency"]})
    return text, split_statements(docs)


def test_sample_matches_the_gold_segmentation(sample_statements):
    text, st = sample_statements
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    assert len(st) == len(gold) == 14
    for row, g in zip(st.itertuples(), gold.itertuples()):
        assert row.text.startswith(g.starts_with), (row.stmt_id, row.text)
        assert row.text.endswith(g.ends_with), (row.stmt_id, row.text)


def test_sample_offsets_ids_and_numbering(sample_statements):
    text, st = sample_statements
    assert all(text[s:e] == t for s, e, t in zip(st["start"], st["end"], st["text"]))
    assert st["stmt_id"].tolist() == [f"000_38ca568774651fa9.{n}" for n in range(1, 15)]
    # 12 paragraphs; paragraph 8 holds the sentence that starts in lower case, paragraph 10
    # the two sentences of Hun Sen.
    assert st["paragraph"].tolist() == [1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 10, 11, 12]
    assert st["sentence"].tolist() == [1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 1, 1]
    assert st.loc[2, "text"].endswith("dans la nouvelle ère. .")
    assert st.loc[8, "text"].startswith("opposer les forces extérieures")
    assert st.loc[0, "text"].endswith("le 3 décembre 2024. /Xinhua")


def test_sample_token_counts(sample_statements):
    _, st = sample_statements
    # Counted by hand: "Il a appelé les deux parties à maintenir leur soutien mutuel et à
    # consolider leur amitié de fer." = 18; "(Avec la contribution de Xinhua)" = 5;
    # "Hun Sen a déclaré que la Chine était l’ami le plus fiable du Cambodge." = 15 (l’ ami).
    assert st.loc[3, "n_tokens"] == 18
    assert st.loc[13, "n_tokens"] == 5
    assert st.loc[10, "n_tokens"] == 15


def test_sample_carries_document_columns(sample_statements):
    _, st = sample_statements
    assert list(st.columns) == [
        "doc_id", "stmt_id", "paragraph", "sentence", "start", "end", "text", "n_tokens",
        "lang", "date", "title", "source", "outlet_type"]
    assert set(st["outlet_type"]) == {"state news agency"}
    assert set(st["lang"]) == {"fr"}
    for col in ("paragraph", "sentence", "start", "end", "n_tokens"):
        assert st[col].dtype == "int64"


# --- hand-written tricky texts ------------------------------------------------------------

FRENCH = [
    "M. Xi Jinping a rencontré MM. Dupont et Durand ainsi que Mme Chen et Mlle Roy.",
    "Le Dr Martin et le Pr. Lefèvre étaient présents, p. ex. à la séance du matin, avec "
    "S.E. M. Hun Manet.",
    "La croissance a atteint 3,5 % (contre 3.2 % en 2023)…",
    "« Pourquoi pas ? » a-t-il demandé.",
    "« C’est une étape historique. », a déclaré le ministre.",
    "« Nous sommes des frères ! », a-t-il lancé.",
    "Il a cité « la Ceinture et la Route ».",
    "Le texte, signé par J. Dupont et Xi J. Ping, est entré en vigueur le 1er janv. 2025.",
    "Les échanges ont repris, etc.",
    "Le sommet a eu lieu à l’ONU… mais sans accord.",
    "Quelle sera la suite ?",
    "Personne ne le sait !",
    "Les deux parties ont salué la nouvelle ère. .",
    "Ils ont convenu de renforcer la coopération avec les États-Unis.",
    "opposer les forces extérieures n’est pas acceptable, selon l’art. 5 de la Charte de l’ONU.",
    "Il a ajouté : « Nous continuerons. »",
    "« La paix est notre cause commune. »",
    "Les deux dirigeants ont ensuite signé [...] l’accord.",
]

ENGLISH = [
    "Mr. Wang met Mrs. Smith, Ms. Lee and Dr. Brown on Jan. 5 in Washington, D.C.",
    "The U.S. side and the U.N. Security Council were briefed by Gen. Milley, Sen. Rubio and "
    "Rep. Smith.",
    "Growth reached 3.5 percent, e.g. in the No. 1 sector, according to J. Smith Jr. and "
    "Xi J. Ping.",
    "Trade grew...",
    "The figures were strong.",
    "“We agree,” he said.",
    "“This is historic.” he added.",
    "“This is a milestone.”",
    "The two leaders then signed the deal.",
    "Why now?",
    "Because the time is right!",
    "Talks were held in the U.S.",
    "The delegation then met Hun Sen.",
    "Cambodia’s leader thanked St. Petersburg officials, Prof. Chen and Messrs. Lee, Inc. and "
    "Co. executives.",
    'He said: "We will continue."',
    "They paused... then resumed at 10 a.m. on Monday.",
]


@pytest.mark.parametrize("lang, expected", [("fr", FRENCH), ("en", ENGLISH)])
def test_tricky_sentences(lang, expected):
    text = " ".join(expected)
    assert _sentences(text, lang) == expected


@pytest.mark.parametrize("text, expected", [
    # The title of a quotation followed by its speaker stays one sentence.
    ("« Nous sommes prêts. » a-t-il dit.", ["« Nous sommes prêts. » a-t-il dit."]),
    # A sentence ending in a closing quote keeps the quote.
    ("Il a dit : « Oui. » Puis il est parti.", ["Il a dit : « Oui. »", "Puis il est parti."]),
    # A sentence that starts in lower case after a full stop is a sentence of its own...
    ("Il a parlé du Cambodge. opposer les forces extérieures est une erreur.",
     ["Il a parlé du Cambodge.", "opposer les forces extérieures est une erreur."]),
    # ...but not after an abbreviation.
    ("Des pays, p. ex. la France, etc. ont signé.", ["Des pays, p. ex. la France, etc. ont signé."]),
    # Decimals and an ellipsis before a capital letter.
    ("Le taux est de 3.5 ou 3,5 points... Le reste suit.",
     ["Le taux est de 3.5 ou 3,5 points...", "Le reste suit."]),
    # An enumerator opening a sentence.
    ("1. Les deux parties ont signé. 2. Elles ont convenu.",
     ["1. Les deux parties ont signé.", "2. Elles ont convenu."]),
])
def test_french_rules(text, expected):
    assert _sentences(text, "fr") == expected


@pytest.mark.parametrize("text, expected", [
    ("The delegation met Hun Sen. Cambodia's leader spoke first.",
     ["The delegation met Hun Sen.", "Cambodia's leader spoke first."]),
    ("Later, Sen. Rubio spoke.", ["Later, Sen. Rubio spoke."]),
    ("It flew to the U.S. Both sides welcomed it.",
     ["It flew to the U.S.", "Both sides welcomed it."]),
    ("The No. 2 official left on Dec. 3. He returned.",
     ["The No. 2 official left on Dec. 3.", "He returned."]),
    ("“Is it over?” she asked. “No!” He laughed.",
     ["“Is it over?” she asked.", "“No!”", "He laughed."]),
])
def test_english_rules(text, expected):
    assert _sentences(text, "en") == expected


def test_unknown_language_uses_both_lists():
    text = "M. Li met Mr. Chen. They agreed."
    assert _sentences(text, "und") == ["M. Li met Mr. Chen.", "They agreed."]


# --- paragraphs ---------------------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_paragraphs_with_any_newline(newline):
    text = f"Un. Deux.{newline}{newline}Trois.{newline} \t{newline}Quatre.{newline}"
    st = split_statements(_docs(text))
    assert st["text"].tolist() == ["Un.", "Deux.", "Trois.", "Quatre."]
    assert st["paragraph"].tolist() == [1, 1, 2, 3]
    assert st["sentence"].tolist() == [1, 2, 1, 1]
    assert all(text[s:e] == t for s, e, t in zip(st["start"], st["end"], st["text"]))


def test_single_newlines_are_paragraphs_only_without_blank_lines():
    # No blank line anywhere: each line is a paragraph (one paragraph per line).
    assert split_paragraphs("Titre\nCorps du texte.\nFin.") == [(0, 5), (6, 21), (22, 26)]
    # With blank lines, a single line break inside a paragraph is white space (hard wrap).
    text = "Il a déclaré que la Chine\net le Cambodge sont amis.\n\nFin."
    st = split_statements(_docs(text))
    assert st["text"].tolist() == ["Il a déclaré que la Chine\net le Cambodge sont amis.",
                                   "Fin."]
    assert st["paragraph"].tolist() == [1, 2]


def test_white_space_is_outside_the_spans():
    text = "\ufeff  \n\n   Première phrase.   Deuxième.  \n\n\n"
    st = split_statements(_docs(text))
    assert st["text"].tolist() == ["Première phrase.", "Deuxième."]
    assert (st["start"].tolist(), st["end"].tolist()) == ([8, 27], [24, 36])


# --- the table contract -------------------------------------------------------------------

def test_input_not_mutated_and_columns_carried():
    docs = pd.DataFrame({
        "doc_id": ["b", "a"], "text": ["He said so. She agreed.", "Il a dit oui."],
        "lang": ["en", "fr"], "date": ["2024-12-03", None], "path": ["x", "y"],
        "desk": ["Asia", "Asie"]})
    before = docs.copy()
    st = split_statements(docs)
    pd.testing.assert_frame_equal(docs, before)
    assert st["stmt_id"].tolist() == ["b.1", "b.2", "a.1"]  # document order is kept
    assert list(st.columns[-5:]) == ["lang", "date", "title", "source", "desk"]
    assert "path" not in st.columns
    assert st["desk"].tolist() == ["Asia", "Asia", "Asie"]
    assert st["title"].isna().all()


def test_language_fallbacks():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"],
                         "text": ["Il a salué M. Li.", "He met Mr. Li. They spoke.",
                                  "Xi a déclaré que la Chine est prête à travailler avec le "
                                  "Cambodge."]})
    st = split_statements(docs)  # no lang column: detected
    assert st["lang"].tolist() == ["und", "en", "en", "fr"]
    # lang= applies to every document without one, and its rules with it: under the French
    # rules "Mr." is no title, so "He met Mr." ends a sentence.
    forced = split_statements(docs, lang="fr")
    assert forced["text"].tolist()[1:4] == ["He met Mr.", "Li.", "They spoke."]
    assert set(forced["lang"]) == {"fr"}
    # A document's own lang wins over lang=; "und" counts as missing.
    docs = docs.assign(lang=["en", "und", None])
    assert split_statements(docs, lang="fr")["lang"].tolist() == ["en", "fr", "fr", "fr", "fr"]


def test_empty_and_missing_texts_give_no_rows():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Un.", None, "   "],
                         "lang": ["fr"] * 3})
    st = split_statements(docs)
    assert st["doc_id"].tolist() == ["a"]
    empty = split_statements(docs.iloc[0:0])
    assert empty.empty and "stmt_id" in empty.columns


def test_missing_columns_and_bad_lang():
    with pytest.raises(ContractError, match="split_statements: the table lacks the column"
                                            r"\(s\) text"):
        split_statements(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ParameterError, match="lang must be a language code"):
        split_statements(_docs("Un."), lang=3)


# --- more readout shapes (H10; expectations written by hand before running) ---------------

@pytest.mark.parametrize("lang, expected", [
    # Datelines: the agency credit after an abbreviated date is no sentence start.
    ("en", ["BEIJING, Dec. 3 (Xinhua) -- Chinese President Xi Jinping met with Samdech Techo "
            "Hun Sen in Beijing on Tuesday.", "The two sides agreed to deepen cooperation."]),
    ("fr", ["PHNOM PENH, 3 déc. (AKP) -- Le Premier ministre Hun Manet a reçu M. Wang Yi.",
            "Ils ont parlé de la coopération."]),
    # "Hun Sen." ends an English sentence before "The" (Sen. is also a title).
    ("en", ["Xi met Hun Sen.", "The talks went well.", "Later, Sen. Rubio met Hun Sen.",
            "Cambodia welcomed it."]),
    # Guillemets with non-breaking spaces; ? and ! inside quotes; the cue after the quote.
    ("fr", ["«\u00a0Nous sommes des frères\u00a0», a-t-il dit.", "Il est parti."]),
    ("fr", ["«\u00a0Pourquoi pas\u00a0?\u00a0» a-t-il demandé.", "Personne n’a répondu."]),
    ("fr", ["«\u00a0Vive l’amitié\u00a0!\u00a0», a lancé M. Hun Sen.", "On a applaudi."]),
    ("fr", ["Il a dit\u00a0: «\u00a0Nous continuerons.\u00a0»", "Le Cambodge a salué."]),
    # Curly and straight quotes ending a sentence, or followed by the cue.
    ("en", ["“We are brothers.”", "He left."]),
    ("en", ['"We are brothers."', "He left."]),
    ("en", ['"We will never forget China\'s help," Hun Sen said.', "He thanked Xi."]),
    ("en", ["“Why not?” asked Wang.", "Hun Manet agreed."]),
    ("en", ['He asked: "Why not?"', "She agreed."]),
    # A quote ending in ? or ! keeps its short speech tag; a longer sentence is no tag.
    ("en", ["“Long live our friendship!” Hun Sen said.", "Xi smiled."]),
    ("en", ["“Why not?” Cambodian Prime Minister Hun Manet asked reporters.", "Fin."]),
    ("en", ["“Is it over?”", "He said the talks would go on for two more days."]),
    # Acronyms with dots, numbers, dates, initials, times.
    ("en", ["The U.N. Security Council met.", "The U.S. side agreed.",
            "It met at the U.N.", "The meeting ended."]),
    ("fr", ["Les dirigeants de l’ASEAN, des É.-U. et de l’UE étaient présents.", "Fin."]),
    ("en", ["The No. 1 priority is peace.", "He spoke on Jan. 5 in Beijing.",
            "It was signed in 2024.", "It took effect."]),
    ("en", ["Growth was 3.5 percent.", "J. Smith and A. B. Jones attended.",
            "The leaders met at 3 p.m. local time.", "They discussed trade."]),
    ("fr", ["La réunion a eu lieu le 3 déc. 2024 à Pékin.",
            "Ils ont signé l’accord n° 5 et l’accord no. 6 au 3e trim. 2024.",
            "La croissance est de 3,5 % et l’inflation de 2.1 %.", "Fin."]),
    # An ellipsis before a capital ends a sentence.
    ("en", ["Xi said China is ready...", "Hun Sen agreed."]),
    ("fr", ["Le Cambodge attend…", "La Chine répondra."]),
])
def test_readout_shapes(lang, expected):
    text = " ".join(expected)
    assert _sentences(text, lang) == expected


def test_hard_wrapped_windows_text_keeps_its_paragraphs():
    # A single \r\n is a line break inside a paragraph, not a blank line.
    text = "Xi a déclaré que la Chine\r\net le Cambodge sont amis.\r\n\r\nFin.\r\n"
    assert split_paragraphs(text) == [(0, 52), (56, 60)]
    st = split_statements(_docs(text))
    assert st["text"].tolist() == ["Xi a déclaré que la Chine\r\net le Cambodge sont amis.",
                                   "Fin."]
    # Single \r\n only, no blank line: one paragraph per line.
    assert split_paragraphs("Titre\r\nCorps du texte.\r\nFin.") == [(0, 5), (7, 22), (24, 28)]


def test_statement_rows_by_hand():
    text = ("Hun Sen said Cambodia's friendship with China is unbreakable. He thanked Xi.\n\n"
            "BEIJING, Dec. 3 (Xinhua) -- The two sides signed 12 documents.")
    docs = pd.DataFrame({"doc_id": ["kh"], "text": [text], "lang": ["en"],
                         "date": ["2024-12-03"], "title": ["Talks"], "source": ["Xinhua"],
                         "path": ["kh.txt"],
                         "desk": pd.Categorical(["Asia"]), "n_words": [20]})
    before = docs.copy()
    st = split_statements(docs)
    pd.testing.assert_frame_equal(docs, before)
    # Tokens: Hun Sen said Cambodia's friendship with China is unbreakable = 9; He thanked
    # Xi = 3; BEIJING Dec 3 Xinhua The two sides signed 12 documents = 10.
    rows = st[["stmt_id", "paragraph", "sentence", "start", "end", "n_tokens"]].values.tolist()
    assert rows == [["kh.1", 1, 1, 0, 61, 9], ["kh.2", 1, 2, 62, 76, 3],
                    ["kh.3", 2, 1, 78, 140, 10]]
    assert st.loc[2, "text"] == "BEIJING, Dec. 3 (Xinhua) -- The two sides signed 12 documents."
    assert list(st.columns[8:]) == ["lang", "date", "title", "source", "desk", "n_words"]
    assert st["desk"].dtype == "category" and st["n_words"].tolist() == [20, 20, 20]
    assert st[["date", "title", "source"]].drop_duplicates().values.tolist() == [
        ["2024-12-03", "Talks", "Xinhua"]]


def test_french_token_counts_by_hand():
    text = ("L’amitié sino-cambodgienne est «\u00a0inébranlable\u00a0», a-t-il déclaré. "
            "Qu’il s’agisse d’aujourd’hui ou de demain, 3,5 % suffiront.")
    st = split_statements(_docs(text))
    # L’ amitié sino-cambodgienne est inébranlable a-t-il déclaré = 7;
    # Qu’ il s’ agisse d’ aujourd’hui ou de demain 3,5 suffiront = 11.
    assert st["n_tokens"].tolist() == [7, 11]


def test_n_tokens_is_count_tokens_of_each_statement(sample_statements):
    from discourse.text.tokens import count_tokens

    _, st = sample_statements
    assert st["n_tokens"].tolist() == [count_tokens(t, lang="fr") for t in st["text"]]
    text = " ".join(ENGLISH)
    st = split_statements(_docs(text, lang="en"))
    assert st["n_tokens"].tolist() == [count_tokens(t, lang="en") for t in st["text"]]
