"""Codebook development: measure, list the errors, revise (with the version history)."""

import pandas as pd
import pytest

from discourse import read_codebook, write_codebook
from discourse.coding.model import Codebook, Theme
from discourse.errors import ContractError, ParameterError
from discourse.validation.develop import list_coding_errors, measure_codebook, revise_codebook

CB = Codebook("coop", "1.0", languages=("en", "fr"), themes=(
    Theme("cooperation", "Cooperation", patterns={"en": ("cooperat*",), "fr": ("coopér*",)}),
    Theme("friendship", "Friendship", patterns={"en": ("friend*",), "fr": ("ami*",)})))

# hand codes written from the definitions (aid and help are cooperation; a name is not)
ROWS = [  # stmt_id, lang, text, cooperation, friendship
    ("a.1", "en", "The two sides will deepen cooperation.", 1, 0),
    ("a.2", "en", "China helped Cambodia fight the epidemic.", 1, 0),
    ("a.3", "en", "He attended the Lancang-Mekong Cooperation meeting in Bagan.", 0, 0),
    ("a.4", "en", "China and Cambodia are ironclad friends.", 0, 1),
    ("a.5", "en", "The cooperative sold rice, he said.", 0, 0),
    ("b.1", "fr", "Les deux pays renforceront leur coopération et leur amitié.", 1, 1),
    ("b.2", "fr", "La Chine a aidé le Cambodge.", 1, 0),
]


def _data():
    st = pd.DataFrame({"doc_id": [r[0][0] for r in ROWS], "stmt_id": [r[0] for r in ROWS],
                       "start": 0, "lang": [r[1] for r in ROWS], "text": [r[2] for r in ROWS]})
    hand = pd.DataFrame({"stmt_id": st.stmt_id, "theme_cooperation": [r[3] for r in ROWS],
                         "theme_friendship": [r[4] for r in ROWS]})
    return st, hand


def test_measure_per_theme_and_language():
    st, hand = _data()
    m = measure_codebook(st, hand, codebook=CB).set_index(["theme", "lang"])
    # en cooperation: a.1 found, a.2 missed, a.3 a name (not coded), a.5 a false alarm
    assert m.loc[("cooperation", "en"), ["tp", "fp", "fn"]].tolist() == [1, 1, 1]
    assert m.loc[("cooperation", "en"), "f1"] == pytest.approx(0.5)
    assert m.loc[("friendship", "en"), ["tp", "fp", "fn"]].tolist() == [1, 0, 0]
    assert m.loc[("cooperation", "fr"), ["tp", "fp", "fn"]].tolist() == [1, 0, 1]
    assert m.loc[("micro", "fr"), ["n", "tp", "fp", "fn"]].tolist() == [2, 2, 0, 1]
    whole = measure_codebook(st, hand, codebook=CB, by=None)
    assert whole.set_index("theme").loc["micro", ["tp", "fp", "fn"]].tolist() == [4, 1, 2]


def test_errors_with_context_and_the_names_set_aside():
    st, hand = _data()
    err = list_coding_errors(st, hand, codebook=CB)
    assert err[["stmt_id", "theme", "kind"]].values.tolist() == [
        ["a.2", "cooperation", "miss"], ["a.5", "cooperation", "false alarm"],
        ["b.2", "cooperation", "miss"]]
    alarm = err.iloc[1]
    assert alarm.evidence == "cooperative [cooperat*]" and "[cooperative] sold rice" in alarm.kwic
    st2 = st.copy()
    hand2 = hand.copy()
    hand2.loc[2, "theme_cooperation"] = 1        # a coder who coded the name
    err2 = list_coding_errors(st2, hand2, codebook=CB, themes=["cooperation"])
    miss = err2[err2.stmt_id == "a.3"].iloc[0]
    assert miss.kind == "miss" and "[Cooperation] meeting" in miss.in_name


def test_errors_need_a_hand_coding_of_these_statements():
    st, hand = _data()
    with pytest.raises(ContractError, match="stmt_id 'zz' is not in the statements"):
        measure_codebook(st, pd.concat([hand, hand.head(1).assign(stmt_id="zz")]), codebook=CB)
    with pytest.raises(ContractError, match="no theme_<id> column"):
        measure_codebook(st, hand[["stmt_id"]], codebook=CB)


def test_revise_writes_the_change_log_into_the_version_history(tmp_path):
    st, hand = _data()
    before = measure_codebook(st, hand, codebook=CB, by=None).set_index("theme")
    cb2 = revise_codebook(CB, version="1.1", add={"cooperation": {"en": ["help*"],
                                                                   "fr": ["aid*"]}},
                          exclude={"cooperation": {"en": ["cooperative*"]}},
                          names={"en": ["Boao Forum for Asia"]},
                          note="Aid is cooperation (CONVENTIONS.md).",
                          measured={"dev_micro_f1": 0.9}, date="2026-12-07")
    after = measure_codebook(st, hand, codebook=cb2, by=None).set_index("theme")
    assert after.loc["micro", "f1"] > before.loc["micro", "f1"]
    assert after.loc["micro", ["tp", "fp", "fn"]].tolist() == [6, 0, 0]
    assert cb2.history[-1] == {
        "version": "1.1", "date": "2026-12-07",
        "changes": ["cooperation: added en patterns help*", "cooperation: added fr patterns aid*",
                    "cooperation: added en exclusions cooperative*",
                    "names: added en Boao Forum for Asia", "Aid is cooperation (CONVENTIONS.md)."],
        "measured": {"dev_micro_f1": 0.9}}
    path = write_codebook(cb2, tmp_path / "coop.yml")
    back = read_codebook(path)
    assert back.history == cb2.history and back.version == "1.1"
    assert back.names == {"en": ("Boao Forum for Asia",)}
    assert back.theme("cooperation").patterns["en"] == ("cooperat*", "help*")
    cb3 = revise_codebook(back, version="1.2", remove={"cooperation": {"en": "help*"}},
                          date="2026-12-08")
    assert [h["version"] for h in cb3.history] == ["1.1", "1.2"]
    assert cb3.theme("cooperation").patterns["en"] == ("cooperat*",)


def test_revise_refuses_what_it_cannot_do():
    with pytest.raises(ParameterError, match="is the current version"):
        revise_codebook(CB, version="1.0")
    with pytest.raises(ParameterError, match="no theme 'peace'.*cooperation, friendship"):
        revise_codebook(CB, version="2", add={"peace": {"en": ["peace"]}})
    with pytest.raises(ParameterError, match="has no en pattern 'aid'.*cooperat"):
        revise_codebook(CB, version="2", remove={"cooperation": {"en": ["aid"]}})
