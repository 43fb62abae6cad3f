"""Tests of discourse.validation.sheets: blind coding sheets (CSV, xlsx), their instructions and
fixed bytes, and the round trip through coders' hands."""

import re
import zipfile

import numpy as np
import pandas as pd
import pytest

from discourse.coding.codebook import read_codebook
from discourse.errors import ExportError, ParameterError
from discourse.validation.agreement import compute_agreement
from discourse.validation.reading import read_hand_coding
from discourse.validation.sampling import sample_for_coding
from discourse.validation.sheets import write_coding_sheet

THEMES = ["theme_sovereignty", "theme_cooperation", "theme_anti_cold_war", "theme_friendship"]


def fill_csv(path, codes):
    """Fill a sheet as a coder would in a spreadsheet (text cells)."""
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for sid, (speaker, *flags) in codes.items():
        i = sheet.index[sheet.stmt_id == sid][0]
        sheet.loc[i, "speaker"] = speaker
        for c, f in zip(["theme_cooperation", "theme_friendship"], flags):
            sheet.loc[i, c] = f
    sheet.to_csv(path, index=False, encoding="utf-8-sig")


def test_csv_sheet_is_blind_with_instructions(tmp_path, coded_table):
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


def test_sheet_refuses_overwrite_and_is_deterministic(tmp_path, coded_table):
    a = write_coding_sheet(coded_table(), tmp_path / "a.csv")
    with pytest.raises(ExportError, match="exists"):
        write_coding_sheet(coded_table(), a)
    b = write_coding_sheet(coded_table(), tmp_path / "b.csv")
    assert a.read_bytes() == b.read_bytes()
    c = write_coding_sheet(coded_table(), tmp_path / "c.csv", context=0)
    assert "context_before" not in c.read_text(encoding="utf-8-sig").splitlines()[0]
    with pytest.raises(ParameterError, match="'.ods'"):
        write_coding_sheet(coded_table(), tmp_path / "a.ods")


def test_xlsx_sheet_has_instructions_validation_and_fixed_bytes(tmp_path, coded_table):
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


def test_round_trip_csv_and_xlsx_gives_expected_agreement(tmp_path, coded_table):
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
