"""suggest_terms: candidate terms for a theme, from a small hand-made, hand-coded corpus.

The statements and their anti-Cold War codes below were written by hand from the codebook's
definition (CONVENTIONS.md) before running the tool; the expected counts were worked out by
hand from them: the codebook knows only "cold war", so statements 2-8 are missed (7) and
statements 9-14 are correctly uncoded (6).
"""

import pandas as pd
import pytest

from discourse.coding.model import Codebook, Theme
from discourse.errors import AnalysisError, ParameterError
from discourse.validation.suggest import suggest_terms

CB = Codebook("acw", "1", themes=(
    Theme("anti_cold_war", "Anti-Cold War", patterns={"en": ("cold war",)}),
    Theme("cooperation", "Cooperation", patterns={"en": ("cooperat*",)})))

ROWS = [  # text, anti_cold_war
    ("Both sides oppose the Cold War mentality.", 1),
    ("China opposes hegemonism and power politics.", 1),
    ("The two sides firmly reject hegemonism.", 1),
    ("Hegemonism and bloc confrontation lead nowhere, Wang said.", 1),
    ("Both sides reject bloc confrontation and zero-sum games.", 1),
    ("Zero-sum games have no winner in today's world.", 1),
    ("The leaders oppose unilateralism and protectionism.", 1),
    ("Protectionism harms every economy, Li said.", 1),
    ("The two sides signed agreements on trade and investment.", 0),
    ("Cambodia thanked China for its help in fighting the epidemic.", 0),
    ("Trade between the two countries grew by ten percent.", 0),
    ("The leaders met in Beijing on Monday.", 0),
    ("Power plants were built with Chinese investment.", 0),
    ("The two sides agreed to expand people-to-people exchanges.", 0),
]


def _corpus(rows, lang="en"):
    st = pd.DataFrame({"doc_id": [f"d{i // 4}" for i in range(len(rows))],
                       "stmt_id": [f"s{i + 1}" for i in range(len(rows))],
                       "start": 0, "lang": lang, "text": [r[0] for r in rows]})
    hand = pd.DataFrame({"stmt_id": st["stmt_id"], "theme_anti_cold_war": [r[1] for r in rows],
                         "theme_cooperation": 0})
    return st, hand


def test_keyness_proposes_the_anti_cold_war_terms_the_codebook_misses_with_their_counts():
    st, hand = _corpus(ROWS)
    out = suggest_terms(st, hand, theme="anti_cold_war", codebook=CB)
    top = out.iloc[0]
    assert (top.term, top.n_missed, top.n_reference, top.n_hand, top.n_not_hand) == \
        ("hegemonism", 3, 0, 3, 0)
    assert top.share_missed == pytest.approx(3 / 7) and top.precision_if_added == 1.0
    two = out[out["n_missed"] == 2]
    # "bloc" and "confrontation" only ever occur as "bloc confrontation": the phrase stands
    # for them; same for "zero-sum games"
    assert set(two["term"]) == {"bloc confrontation", "zero-sum games", "protectionism",
                                "reject"}
    assert (two["n_reference"] == 0).all()
    assert out["g2"].is_monotonic_decreasing and out["g2"].iloc[0] > two["g2"].max()
    # terms as frequent in the correctly uncoded statements are not proposed, nor singletons
    assert not {"sides", "two sides", "power", "leaders", "oppose", "cold war"} & set(out.term)
    assert "[hegemonism]" in top.examples.lower() and top.examples.count("[") == 3


def test_keyness_counts_only_the_language_asked_for_and_needs_the_hand_coding():
    st, hand = _corpus(ROWS)
    fr = st.iloc[:2].assign(lang="fr", stmt_id=["f1", "f2"])
    both = pd.concat([st, fr], ignore_index=True)
    with pytest.raises(ParameterError, match="several languages.*lang="):
        suggest_terms(both, hand, theme="anti_cold_war", codebook=CB)
    out = suggest_terms(both, hand, theme="anti_cold_war", codebook=CB, lang="en")
    assert out.iloc[0].n_missed == 3
    with pytest.raises(ParameterError, match="needs the hand coding"):
        suggest_terms(st, None, theme="anti_cold_war", codebook=CB)
    with pytest.raises(ParameterError, match="not a top-level theme.*anti_cold_war"):
        suggest_terms(st, hand, theme="hegemony", codebook=CB)
    with pytest.raises(AnalysisError, match="misses no hand-coded 'cooperation'"):
        suggest_terms(st, hand, theme="cooperation", codebook=CB)


def test_cooccurrence_ranks_the_words_that_go_with_the_seed_words():
    rows = [("Both sides oppose the Cold War mentality and hegemonism.", 1),
            ("The Cold War mentality and hegemonism are outdated.", 1),
            ("Hegemonism finds no support in Asia.", 1),
            ("Trade and investment grew in Asia.", 0),
            ("Trade with China grew fast.", 0),
            ("Investment in roads grew fast.", 0)]
    st, _ = _corpus(rows)
    out = suggest_terms(st, theme="anti_cold_war", codebook=CB, method="cooccurrence",
                        min_count=2)
    heg = out.set_index("term").loc["hegemonism"]
    assert (heg.n_statements, heg.n_cooccur, heg.n_uncoded) == (3, 2, 1)
    rank = {t: i for i, t in enumerate(out.term)}
    assert rank["hegemonism"] < min(rank["trade"], rank["grew"], rank["investment"])
    assert "[Hegemonism]" in heg.examples      # the uncoded statement it would code
    assert "cold war" not in rank and "war" not in rank   # the seeds themselves
