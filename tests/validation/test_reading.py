"""Tests of discourse.validation.reading: filled sheets read back, every value checked."""

import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from discourse.coding.codebook import read_codebook
from discourse.errors import HandCodingError, ParameterError
from discourse.io.files import sha256_file
from discourse.validation.reading import read_hand_coding

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests/data/validation"
THEMES = ["theme_sovereignty", "theme_cooperation", "theme_anti_cold_war", "theme_friendship"]


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
