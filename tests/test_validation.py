"""Tests of discourse.validation.handcoding: sampling, coding sheets, reading hand coding, comparison."""

import re
import shutil
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from discourse.io.files import sha256_file
from discourse.validation.agreement import compute_agreement
from discourse.coding.codebook import read_codebook
from discourse.errors import ExportError, HandCodingError, ParameterError
from discourse.validation.handcoding import (compare_coding, list_disagreements, majority_coding,
                                  read_hand_coding, sample_for_coding, write_coding_sheet)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests/data/validation"
HAND = ROOT / "data/hand_coding"
THEMES = ["theme_sovereignty", "theme_cooperation", "theme_anti_cold_war", "theme_friendship"]


def coded_table():
    """A small coded table, written by hand (two documents)."""
    texts = ["Xi a rencontré Hun Sen.", "Xi a salué l'amitié de fer.",
             "La Chine soutient la souveraineté du Cambodge, a-t-il dit.",
             "Les deux parties renforceront la coopération.", "Hun Sen a remercié la Chine.",
             "Fin.", "Le roi a reçu M. Xi.", "Il a salué la coopération.",
             "Le Cambodge est un ami.", "Crédit."]
    doc = ["a"] * 6 + ["b"] * 4
    n = [1, 2, 3, 4, 5, 6, 1, 2, 3, 4]
    start = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    df = pd.DataFrame({"doc_id": doc, "stmt_id": [f"{d}.{i}" for d, i in zip(doc, n)],
                       "start": start, "text": texts,
                       "speaker": ["narrator", "xi_jinping", "xi_jinping", "joint", "hun_sen",
                                   "narrator", "narrator", "xi_jinping", "hun_sen", "narrator"],
                       "side": [None, "CN", "CN", "joint", "KH", None, None, "CN", "KH", None]})
    for c in THEMES:
        df[c] = 0
    df.loc[[1, 4, 8], "theme_friendship"] = 1
    df.loc[[3, 7], "theme_cooperation"] = 1
    df.loc[2, "theme_sovereignty"] = 1
    df["themes"] = ""
    return df


# ------------------------------------------------------------------------------ sampling
def test_sample_is_reproducible_and_in_table_order():
    coded = coded_table()
    a = sample_for_coding(coded, n=4, seed=7)
    assert a.equals(sample_for_coding(coded, n=4, seed=7))
    assert len(a) == 4 and list(a.index) == sorted(a.index)
    others = {tuple(sample_for_coding(coded, n=4, seed=s).stmt_id) for s in range(8)}
    assert len(others) > 1


def test_stratified_sample_is_proportional_with_one_per_stratum():
    coded = coded_table()  # side: CN 3, KH 2, joint 1, missing 4
    s = sample_for_coding(coded, n=5, stratify="side", seed=0)
    counts = s["side"].fillna("(missing)").value_counts().to_dict()
    # quotas 5*4/10=2, 5*3/10=1.5, 5*2/10=1, 5*1/10=0.5 -> floors 2,1,1,0 -> joint gets its 1
    assert counts == {"(missing)": 2, "CN": 1, "KH": 1, "joint": 1}


def test_sample_larger_than_table_warns_and_takes_all():
    with pytest.warns(UserWarning, match="n=50 is more than the 10 statements"):
        s = sample_for_coding(coded_table(), n=50)
    assert len(s) == 10


def test_sample_context_stays_within_document():
    s = sample_for_coding(coded_table(), n=10, context=1).set_index("stmt_id")
    assert s.loc["a.6", "context_before"] == "Hun Sen a remercié la Chine."
    assert s.loc["a.6", "context_after"] == ""  # b.1 is another document
    assert s.loc["b.1", "context_before"] == ""


def test_sample_errors():
    with pytest.raises(ParameterError, match="n=0"):
        sample_for_coding(coded_table(), n=0)
    with pytest.raises(ParameterError, match="no column.*country"):
        sample_for_coding(coded_table(), n=3, stratify="country")


# -------------------------------------------------------------------------------- sheets
def test_csv_sheet_is_blind_with_instructions(tmp_path):
    p = write_coding_sheet(coded_table(), tmp_path / "s.csv", coder="alice")
    sheet = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert sheet.columns.tolist() == ["stmt_id", "doc_id", "coder", "context_before",
                                      "statement", "context_after", "speaker", *THEMES, "notes"]
    assert (sheet[["speaker", *THEMES, "notes"]] == "").all().all()  # machine codes absent
    assert "xi_jinping" not in p.read_text(encoding="utf-8")
    assert p.read_bytes().startswith(b"\xef\xbb\xbf")
    md = (tmp_path / "s.instructions.md").read_text(encoding="utf-8")
    assert "### `theme_cooperation`: Cooperation" in md
    assert "mere political support of a position" in md  # the codebook's exclusion note
    assert "Coder: alice" in md


def test_sheet_refuses_overwrite_and_is_deterministic(tmp_path):
    a = write_coding_sheet(coded_table(), tmp_path / "a.csv")
    with pytest.raises(ExportError, match="exists"):
        write_coding_sheet(coded_table(), a)
    b = write_coding_sheet(coded_table(), tmp_path / "b.csv")
    assert a.read_bytes() == b.read_bytes()
    c = write_coding_sheet(coded_table(), tmp_path / "c.csv", context=0)
    assert "context_before" not in c.read_text(encoding="utf-8-sig").splitlines()[0]
    with pytest.raises(ParameterError, match="'.ods'"):
        write_coding_sheet(coded_table(), tmp_path / "a.ods")


def test_xlsx_sheet_has_instructions_validation_and_fixed_bytes(tmp_path):
    from openpyxl import load_workbook

    a = write_coding_sheet(coded_table(), tmp_path / "a.xlsx", coder="bob")
    b = write_coding_sheet(coded_table(), tmp_path / "b.xlsx", coder="bob")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        # openpyxl stamps the save time into dcterms:modified: it must be the fixed time
        core = z.read("docProps/core.xml").decode()
        assert re.search(r"<dcterms:modified[^>]*>2000-01-01T00:00:00Z<", core)
    wb = load_workbook(a)
    assert wb.sheetnames == ["coding", "instructions"]
    ws = wb["coding"]
    rules = ws.data_validations.dataValidation
    assert len(rules) == 1 and rules[0].formula1 == '"0,1"'
    assert str(rules[0].sqref) == "H2:H11 I2:I11 J2:J11 K2:K11"
    text = "\n".join(str(c.value) for c in wb["instructions"]["A"] if c.value)
    assert "Cold War mentality" in text


def fill_csv(path, codes):
    """Fill a sheet as a coder would in a spreadsheet (text cells)."""
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for sid, (speaker, *flags) in codes.items():
        i = sheet.index[sheet.stmt_id == sid][0]
        sheet.loc[i, "speaker"] = speaker
        for c, f in zip(["theme_cooperation", "theme_friendship"], flags):
            sheet.loc[i, c] = f
    sheet.to_csv(path, index=False, encoding="utf-8-sig")


def test_round_trip_csv_and_xlsx_gives_expected_agreement(tmp_path):
    from openpyxl import load_workbook

    coded = coded_table()
    sample = sample_for_coding(coded, n=10, seed=1)
    p1 = write_coding_sheet(sample, tmp_path / "ann.csv", coder="ann")
    p2 = write_coding_sheet(sample, tmp_path / "ben.xlsx", coder="ben")
    # ann and ben code cooperation and friendship; they differ on friendship of a.5 only
    ann = {s: ("narrator", "0", "0") for s in coded.stmt_id}
    ann.update({"a.2": ("xi_jinping", "0", "1"), "a.4": ("joint", "1", "0"),
                "a.5": ("hun_sen", "0", "1"), "b.2": ("xi_jinping", "1", "0"),
                "b.3": ("hun_sen", "0", "1")})
    fill_csv(p1, ann)
    wb = load_workbook(p2)
    ws = wb["coding"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        sid = row[head.index("stmt_id")].value
        speaker, coop, friend = ann[sid]
        if sid == "a.5":
            friend = "0"
        row[head.index("speaker")].value = speaker
        row[head.index("theme_cooperation")].value = int(coop)  # numbers, as Excel stores
        row[head.index("theme_friendship")].value = int(friend)
    wb.save(p2)
    with pytest.warns(UserWarning, match="blank cell"):  # sovereignty, anti_cold_war blank
        hand = read_hand_coding([p1, p2], codebook=read_codebook(), statements=coded)
    assert sorted(hand.coder.unique()) == ["ann", "ben"] and len(hand) == 20
    out = compute_agreement(hand, bootstrap=0).set_index("variable")
    assert out.loc["theme_cooperation", "cohen_kappa"] == 1.0
    # friendship: ann 1 on a.2,a.5,b.3; ben on a.2,b.3: agree 9/10; by hand
    # p_e = (3*2 + 7*8)/100 = 0.62, kappa = (0.9-0.62)/0.38
    assert out.loc["theme_friendship", "percent_agreement"] == pytest.approx(0.9)
    assert out.loc["theme_friendship", "cohen_kappa"] == pytest.approx(0.28 / 0.38)
    assert out.loc["speaker", "percent_agreement"] == 1.0
    assert np.isnan(out.loc["theme_sovereignty", "alpha"])  # never coded
    assert out.loc["theme_sovereignty", "n_codes"] == 0


# ------------------------------------------------------------------------------- reading
def test_read_good_sheet_and_file_unchanged(tmp_path):
    p = tmp_path / "good_alice.csv"
    shutil.copy(DATA / "good_alice.csv", p)
    before = sha256_file(p)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hand = read_hand_coding(p, codebook=read_codebook())
    assert sha256_file(p) == before
    assert hand.columns.tolist()[:4] == ["coder", "stmt_id", "doc_id", "speaker"]
    assert hand[THEMES].dtypes.astype(str).tolist() == ["Int64"] * 4
    assert hand.theme_sovereignty.tolist() == [1, 0, 0]
    assert hand.row.tolist() == [2, 3, 4] and hand.notes.tolist() == ["", "", "sure"]


def test_bad_values_name_file_row_and_column():
    with pytest.raises(HandCodingError) as err:
        read_hand_coding(DATA / "bad_value.csv")
    msg = str(err.value)
    assert "bad_value.csv" in msg
    assert "row 3, column theme_cooperation: 'yes'" in msg
    assert "row 4, column theme_friendship: '2'" in msg
    assert "Write 1 (the theme is present), 0 (absent)" in msg


def test_unknown_theme_lists_valid_columns():
    with pytest.raises(HandCodingError, match=r"unknown theme column\(s\) theme_peace; the "
                       r"codebook's theme columns are theme_sovereignty, .*theme_friendship"):
        read_hand_coding(DATA / "unknown_theme.csv", codebook=read_codebook())
    # without a codebook any theme_* column is accepted
    assert "theme_peace" in read_hand_coding(DATA / "unknown_theme.csv").columns


def test_duplicate_statement_names_both_rows():
    with pytest.raises(HandCodingError, match=r"coder 'bob' coded statement 'd.1' more than "
                       r"once \(.*duplicate.csv row 2; .*duplicate.csv row 4\)"):
        read_hand_coding(DATA / "duplicate.csv")


def test_blanks_and_odd_speakers_warn():
    with pytest.warns(UserWarning) as rec:
        hand = read_hand_coding(DATA / "blanks.csv", actors=["xi_jinping", "hun_sen"])
    text = " | ".join(str(w.message) for w in rec)
    assert "2 blank cell(s) read as not coded" in text
    assert "['Hun Sen'] are not ids" in text
    assert hand.theme_friendship.isna().tolist() == [True, False, False]
    assert hand.speaker.isna().tolist() == [False, True, False]


def test_missing_stmt_id_and_unknown_statements():
    with pytest.raises(HandCodingError, match="no stmt_id column.*columns found: id, speaker"):
        read_hand_coding(DATA / "no_stmt_id.csv")
    statements = pd.DataFrame({"stmt_id": ["d.1", "d.2"]})
    with pytest.raises(HandCodingError, match=r"1 statement id\(s\) are not in the statements "
                       r"table: 'd.3' \(.*good_alice.csv row 4\)"):
        read_hand_coding(DATA / "good_alice.csv", statements=statements)


def test_semicolon_csv_from_a_french_spreadsheet(tmp_path):
    p = tmp_path / "fr.csv"
    p.write_bytes("\ufeffstmt_id;speaker;theme_friendship;notes\nd.1;hun_sen;1;amitié, confiance\n"
                  .encode("utf-8"))
    hand = read_hand_coding(p)
    assert hand.theme_friendship.tolist() == [1] and hand.notes[0] == "amitié, confiance"
    p.write_bytes("stmt_id;theme_friendship\nd.1;1\n".encode("utf-8") + "é".encode("cp1252"))
    with pytest.raises(HandCodingError, match="not UTF-8 text; save the sheet as 'CSV UTF-8'"):
        read_hand_coding(p)


def test_coder_from_file_name_or_argument(tmp_path):
    p = tmp_path / "zoe.csv"
    p.write_text("stmt_id,theme_friendship\nd.1,1\n", encoding="utf-8")
    assert read_hand_coding(p).coder.tolist() == ["zoe"]
    assert read_hand_coding(p, coder="Z").coder.tolist() == ["Z"]
    with pytest.raises(ParameterError, match="2 names for 1 files"):
        read_hand_coding(p, coder=["a", "b"])
    with pytest.raises(HandCodingError, match="no such file"):
        read_hand_coding(tmp_path / "nobody.csv")


# ---------------------------------------------------------------------------- comparison
def hand_two_coders():
    rows = []
    for coder, friend in (("a", {"a.2": 1, "a.5": 1, "b.3": 1, "a.3": 1}),
                          ("b", {"a.2": 1, "a.5": 1, "b.3": 0, "a.3": 0})):
        for sid in ["a.2", "a.3", "a.5", "b.3"]:
            rows.append({"coder": coder, "stmt_id": sid, "theme_friendship": friend[sid],
                         "speaker": "hun_sen" if sid in ("a.5", "b.3") else "xi_jinping"})
    return pd.DataFrame(rows)


def test_majority_ties():
    hand = hand_two_coders()
    ref = majority_coding(hand).set_index("stmt_id")
    assert ref.theme_friendship.isna().tolist() == [False, True, False, True]  # a.3, b.3 ties
    assert majority_coding(hand, ties=1).theme_friendship.tolist() == [1, 1, 1, 1]
    assert majority_coding(hand, coder="b").theme_friendship.tolist() == [1, 0, 1, 0]
    with pytest.raises(ParameterError, match="coder='c'.*coders: a, b"):
        majority_coding(hand, coder="c")


def test_compare_coding_hand_computed():
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


def test_compare_rejects_foreign_statements():
    hand = pd.DataFrame({"coder": "a", "stmt_id": ["zz.1"], "theme_friendship": [1]})
    with pytest.raises(HandCodingError, match=r"not in the coded table: \['zz.1'\]"):
        compare_coding(coded_table(), hand)


def test_list_disagreements_with_evidence():
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


# -------------------------------------------------------------------- shipped hand coding
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
