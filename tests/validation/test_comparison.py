"""Tests of discourse.validation.comparison: the machine against the human coding, and the
hand coding shipped with the sample readout."""

from pathlib import Path

import pandas as pd
import pytest

from discourse.coding.codebook import read_codebook
from discourse.errors import HandCodingError, ParameterError
from discourse.validation.agreement import compute_agreement
from discourse.validation.comparison import compare_coding, list_disagreements, majority_coding
from discourse.validation.reading import read_hand_coding

ROOT = Path(__file__).resolve().parents[2]
HAND = ROOT / "data/hand_coding"


def test_majority_ties(hand_two_coders):
    hand = hand_two_coders()
    ref = majority_coding(hand).set_index("stmt_id")
    assert ref.theme_friendship.isna().tolist() == [False, True, False, True]  # a.3, b.3 ties
    assert majority_coding(hand, ties=1).theme_friendship.tolist() == [1, 1, 1, 1]
    assert majority_coding(hand, coder="b").theme_friendship.tolist() == [1, 0, 1, 0]
    with pytest.raises(ParameterError, match="coder='c'.*coders: a, b"):
        majority_coding(hand, coder="c")


def test_compare_coding_hand_computed(coded_table, hand_two_coders):
    coded = coded_table()  # machine friendship: a.2, a.5, b.3; not a.3
    hand, before = hand_two_coders(), coded.copy()
    res = compare_coding(coded, hand, coder="a", themes=["friendship"])
    assert coded.equals(before) and hand.equals(hand_two_coders())  # inputs untouched
    row = res.themes.iloc[0]
    # human a: a.2, a.3, a.5, b.3 all 1; machine 1 on three: tp 3, fn 1
    assert (row.tp, row.fp, row.fn, row.tn) == (3, 0, 1, 0)
    assert row.precision == 1.0 and row.recall == 0.75
    assert row.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert res.confusion["friendship"].loc[1, 0] == 1
    assert res.speaker.accuracy[0] == 1.0
    # majority without ties: only a.2 and a.5 remain, both right
    maj = compare_coding(coded, hand_two_coders(), themes="friendship").themes.iloc[0]
    assert (maj.n, maj.tp) == (2, 2)


def test_compare_rejects_foreign_statements(coded_table):
    hand = pd.DataFrame({"coder": "a", "stmt_id": ["zz.1"], "theme_friendship": [1]})
    with pytest.raises(HandCodingError, match=r"not in the coded table: \['zz.1'\]"):
        compare_coding(coded_table(), hand)


def test_list_disagreements_with_evidence(coded_table):
    coded = coded_table()
    matches = pd.DataFrame({"doc_id": ["a"], "stmt_id": ["a.5"], "theme": ["friendship"],
                            "pattern": ["remerci*"], "matched": ["remercié"],
                            "start": [coded.start[4] + 10], "end": [coded.start[4] + 18]})
    hand = pd.DataFrame({"coder": "a", "stmt_id": ["a.3", "a.5"], "theme_friendship": [1, 0],
                         "speaker": ["xi_jinping", "narrator"]})
    out = list_disagreements(coded, hand, matches=matches)
    assert out[["stmt_id", "theme", "kind", "machine", "human"]].values.tolist() == [
        ["a.3", "friendship", "human only", "0", "1"],
        ["a.5", "friendship", "machine only", "1", "0"],
        ["a.5", "speaker", "speaker", "hun_sen", "narrator"]]
    assert out.evidence[1] == "remercié [remerci*]"
    assert out.kwic[1] == "…Hun Sen a [remercié] la Chine.…"


def test_shipped_sample_hand_coding_agreement():
    paths = [HAND / "sample_readout_coder1.csv", HAND / "sample_readout_coder2.csv"]
    hand = read_hand_coding(paths, codebook=read_codebook(), actors=["xi_jinping", "hun_sen"])
    assert hand.groupby("coder").size().to_dict() == {"coder1": 14, "coder2": 14}
    assert hand.stmt_id[0] == "000_38ca568774651fa9.1"
    out = compute_agreement(hand, bootstrap=0).set_index("variable")
    # they differ only on cooperation of statements 5 and 8 (coder 2 read China's support
    # as assistance): coder 1 has 6 ones, coder 2 8; p_o = 12/14, p_e = 96/196 -> 0.72
    assert out.loc["theme_cooperation", "cohen_kappa"] == pytest.approx(0.72)
    for var in ("theme_sovereignty", "theme_anti_cold_war", "theme_friendship", "speaker"):
        assert out.loc[var, "percent_agreement"] == 1.0


def test_shipped_sheets_match_the_sample_text():
    text = (ROOT / "data/raw/000_38ca568774651fa9.txt").read_text(encoding="utf-8")
    sheet = pd.read_csv(HAND / "sample_readout_coder2.csv", encoding="utf-8-sig",
                        keep_default_na=False)
    pos = 0
    for s in sheet.statement:
        pos = text.index(s, pos) + len(s)  # in order, exactly as in the source


def test_end_to_end_on_the_sample_readout():
    pytest.importorskip("discourse.text.statements")
    pytest.importorskip("discourse.corpus.reader")
    from discourse.pipeline.runner import run

    result = run(ROOT / "data/raw")
    hand = read_hand_coding(sorted(HAND.glob("sample_readout_coder*.csv")),
                            statements=result.coded, codebook=result.codebook)
    res = compare_coding(result.coded, hand, coder="coder1")
    assert res.themes.n.tolist() == [14, 14, 14, 14]
    dis = list_disagreements(result.coded, hand, coder="coder1", matches=result.matches,
                             documents=result.documents)
    assert set(dis.kind) <= {"machine only", "human only", "speaker"}


def test_machine_against_shipped_hand_coding_with_real_stages():
    """Statements cut at the sheets' text, attributed and coded by the real stages."""
    from discourse.speakers.attribution import attribute_speakers
    from discourse.coding.themes import code_themes, find_matches

    text = (ROOT / "data/raw/000_38ca568774651fa9.txt").read_text(encoding="utf-8")
    sheet = pd.read_csv(HAND / "sample_readout_coder2.csv", encoding="utf-8-sig",
                        keep_default_na=False)
    rows, pos = [], 0
    for r in sheet.itertuples():
        start = text.index(r.statement, pos)
        pos = start + len(r.statement)
        rows.append({"doc_id": r.doc_id, "stmt_id": r.stmt_id, "paragraph": 1, "sentence": 1,
                     "start": start, "end": pos, "text": r.statement,
                     "n_tokens": len(r.statement.split()), "lang": "fr",
                     "date": "2024-12-03", "title": "", "source": "Xinhua"})
    attributed = attribute_speakers(pd.DataFrame(rows))
    matches = find_matches(attributed, levels=1)
    coded = code_themes(attributed, levels=1, matches=matches)
    hand = read_hand_coding(sorted(HAND.glob("sample_readout_coder*.csv")), statements=coded)
    res = compare_coding(coded, hand, coder="coder2")
    dis = list_disagreements(coded, hand, coder="coder2", matches=matches)
    by_theme = res.themes.set_index("theme")
    for theme, row in by_theme.iterrows():  # the list and the scores tell the same story
        listed = dis[dis.theme == theme]
        assert len(listed) == row.fp + row.fn
        assert (listed.kind == "machine only").sum() == row.fp
    assert (dis.loc[dis.kind == "machine only", "evidence"] != "").all()
    assert res.speaker.n[0] == 14
