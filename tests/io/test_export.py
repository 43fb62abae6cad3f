"""Tests of discourse.io.export (CSV), with the data dictionary (discourse.io.datadict) and the
Parquet, Stata and Excel writers (discourse.io.formats), which share its fixtures and its
guarantees (atomic, never overwriting by accident, byte-identical)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pyreadstat
import pytest

from discourse.coding.codebook import Codebook, Theme
from discourse.errors import ExportError, ParameterError
from discourse.io.datadict import (
    describe_columns,
    format_data_dictionary,
    stata_names,
    write_data_dictionary,
)
from discourse.io.export import read_table_csv, write_coded_csv, write_matches_csv, \
    write_table_csv
from discourse.io.formats import write_excel, write_parquet, write_stata
from discourse.io.provenance import make_provenance

LONG = "theme_sovereignty__territorial_integrity_and_borders"
FRIENDSHIP_DEF = (
    "Affective language about the relationship: friendship, ironclad ties, brotherhood, "
    "mutual trust, reliability and gratitude between the two peoples."
)
CODEBOOK = Codebook(
    id="diplomacy", version="2.1", title="Discours diplomatique", sha256="ab" * 32,
    themes=(
        Theme("sovereignty", "Sovereignty",
              definition="National sovereignty, independence and territorial integrity."),
        Theme("sovereignty.territorial_integrity_and_borders", "Territory",
              definition="Borders and territorial integrity.", parent="sovereignty"),
        Theme("friendship", "Friendship", definition=FRIENDSHIP_DEF),
    ),
)

KHMER = "ក្រុង ភ្នំពេញ និង 中国"


def make_coded() -> pd.DataFrame:
    """Five statements in a scrambled order, with hostile and non-ASCII text."""
    rows = [
        # doc, stmt, par, sent, start, end, text, ntok, lang, speaker, name, side, cue,
        # cue_text, conf, sov, territory, friendship, themes, n_matches, région, score
        ("kh", "kh.2", 1, 2, 9, 30, KHMER, 4, "km", "hun_sen", "Hun Sen", "KH", "carried",
         "", 0.75, 0, 0, 1, "friendship", 1, "Asie", 2.25),
        ("fr", "fr.10", 3, 1, 120, 146, '=HYPERLINK("http://evil")', 2, "fr", "unknown",
         "Unknown", None, "none", "", 0.0, 0, 0, 0, "", 0, "Asie", -1.5),
        ("fr", "fr.2", 1, 2, 52, 90, "-Hun Sen a salué l’amitié « de fer ».", 9, "fr",
         "hun_sen", "Hun Sen", "KH", "explicit", "Hun Sen a salué", 0.9, 0, 0, 1,
         "friendship", 1, "Asie", 0.1 + 0.2),
        ("fr", "fr.1", 1, 1, 0, 51, "Xi a déclaré que la Chine soutient la souveraineté.", 9,
         "fr", "xi_jinping", "Xi Jinping", "CN", "explicit", "Xi a déclaré", 1.0, 1, 1, 0,
         "sovereignty;sovereignty.territorial_integrity_and_borders", 2, "Asie", 3.0),
        ("kh", "kh.1", 1, 1, 0, 8, "@everyone", 1, "km", "narrator", "Narrator", None,
         "narrator", "", 1.0, 0, 0, 0, "", 0, "Asie", None),
    ]
    cols = ["doc_id", "stmt_id", "paragraph", "sentence", "start", "end", "text", "n_tokens",
            "lang", "speaker", "speaker_name", "side", "cue", "cue_text", "confidence",
            "theme_sovereignty", LONG, "theme_friendship", "themes", "n_matches", "région",
            "score"]
    df = pd.DataFrame(rows, columns=cols)
    df.insert(9, "date", ["2024-12-03", "2024-12-03", "2024-12-03", "2024-12-03", None])
    # a scrambled column order, as a user's merge might leave it
    return df[["themes", "région"] + [c for c in df.columns if c not in ("themes", "région")]]


def make_matches() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["fr", "fr"], "stmt_id": ["fr.2", "fr.1"],
        "theme": ["friendship", "sovereignty"], "pattern": ["amitié", "souverain*"],
        "matched": ["amitié", "souveraineté"], "start": [78, 38], "end": [84, 50],
        "negated": [False, False], "lang": ["fr", "fr"], "speaker": ["hun_sen", "xi_jinping"],
        "side": ["KH", "CN"],
    })


# ----------------------------------------------------------------------------- CSV
def test_coded_csv_order_format_and_neutralisation(tmp_path: Path) -> None:
    p = write_coded_csv(make_coded(), tmp_path / "coded.csv")
    lines = p.read_bytes().decode("utf-8").split("\n")
    assert lines[0] == (
        "doc_id,stmt_id,paragraph,sentence,start,end,text,n_tokens,lang,date,speaker,"
        "speaker_name,side,cue,cue_text,confidence,theme_sovereignty," + LONG
        + ",theme_friendship,themes,n_matches,région,score"
    )
    assert [ln.split(",")[1] for ln in lines[1:6]] == ["fr.1", "fr.2", "fr.10", "kh.1", "kh.2"]
    assert lines[1] == (
        "fr,fr.1,1,1,0,51,Xi a déclaré que la Chine soutient la souveraineté.,9,fr,2024-12-03,"
        "xi_jinping,Xi Jinping,CN,explicit,Xi a déclaré,1.0,1,1,0,"
        "sovereignty;sovereignty.territorial_integrity_and_borders,2,Asie,3.0"
    )
    # the formula is neutralised (and quoted because of its quotes); the negative score is not
    assert lines[3] == (
        "fr,fr.10,3,1,120,146,\"'=HYPERLINK(\"\"http://evil\"\")\",2,fr,2024-12-03,unknown,"
        "Unknown,,none,,0.0,0,0,0,,0,Asie,-1.5"
    )
    assert ",'-Hun Sen a salué l’amitié « de fer ».," in lines[2]
    assert lines[2].endswith(",0.3")  # 0.1 + 0.2 written with the fixed float format
    assert lines[4] == "kh,kh.1,1,1,0,8,'@everyone,1,km,,narrator,Narrator,,narrator,,1.0,0,0,0,,0,Asie,"
    assert KHMER in lines[5]
    assert lines[6] == "" and len(lines) == 7  # '\n' endings, one final newline
    assert b"\r" not in p.read_bytes()


def test_csv_reads_back_exactly(tmp_path: Path) -> None:
    coded = make_coded()
    p = write_coded_csv(coded, tmp_path / "coded.csv")
    back = read_table_csv(p)
    expected = coded.sort_values(["doc_id", "start"]).reset_index(drop=True)
    assert back["text"].tolist() == expected["text"].tolist()
    assert back["stmt_id"].tolist() == ["fr.1", "fr.2", "fr.10", "kh.1", "kh.2"]
    assert back["score"].tolist()[:3] == [3.0, 0.3, -1.5]
    assert back["themes"].tolist() == expected["themes"].tolist()
    assert back["cue_text"].tolist() == expected["cue_text"].tolist()
    assert back["side"].isna().tolist() == [False, False, True, True, False]
    assert back[LONG].tolist() == [1, 0, 0, 0, 0]


def test_neutralisation_is_reversible_for_quote_led_text(tmp_path: Path) -> None:
    texts = ["'=already quoted", "''+x", "'plain", "+33 1 23", "\tTab", "\rCR", "-", "a=b"]
    p = write_table_csv(pd.DataFrame({"text": texts}), tmp_path / "t.csv")
    written = read_table_csv(p, neutralized=False)["text"].tolist()
    assert written == ["''=already quoted", "'''+x", "'plain", "'+33 1 23", "'\tTab",
                       "'\rCR", "'-", "a=b"]
    assert read_table_csv(p)["text"].tolist() == texts
    raw = write_table_csv(pd.DataFrame({"text": ["=1"]}), tmp_path / "raw.csv",
                          neutralize=False)
    assert raw.read_text() == "text\n=1\n"


def test_bom_for_excel(tmp_path: Path) -> None:
    p = write_coded_csv(make_coded(), tmp_path / "bom.csv", bom=True)
    assert p.read_bytes()[:3] == b"\xef\xbb\xbf"
    assert read_table_csv(p)["doc_id"].iloc[0] == "fr"


def test_csv_byte_identical_and_input_untouched(tmp_path: Path) -> None:
    coded = make_coded()
    before = coded.copy()
    a = write_coded_csv(coded, tmp_path / "a.csv").read_bytes()
    b = write_coded_csv(coded.sample(frac=1, random_state=3), tmp_path / "b.csv").read_bytes()
    assert a == b  # row order of the input does not matter
    pd.testing.assert_frame_equal(coded, before)


def test_matches_csv(tmp_path: Path) -> None:
    p = write_matches_csv(make_matches(), tmp_path / "matches.csv")
    assert p.read_text(encoding="utf-8") == (
        "doc_id,stmt_id,theme,pattern,matched,start,end,negated,lang,speaker,side\n"
        "fr,fr.1,sovereignty,souverain*,souveraineté,38,50,False,fr,xi_jinping,CN\n"
        "fr,fr.2,friendship,amitié,amitié,78,84,False,fr,hun_sen,KH\n"
    )
    assert read_table_csv(p)["negated"].tolist() == [False, False]


def test_csv_provenance_sidecar(tmp_path: Path) -> None:
    prov = make_provenance(codebook=CODEBOOK, parameters={"levels": None})
    p = write_coded_csv(make_coded(), tmp_path / "coded.csv", provenance=prov)
    side = tmp_path / "coded.csv.provenance.json"
    record = json.loads(side.read_text(encoding="utf-8"))
    assert record["codebook"]["id"] == "diplomacy"
    assert record["output"] == {"file": "coded.csv", "format": "csv",
                                "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}


# ----------------------------------------------------------------------------- overwrite
WRITERS = {
    "csv": lambda df, p, **kw: write_coded_csv(df, p, **kw),
    "parquet": lambda df, p, **kw: write_parquet(df, p, codebook=CODEBOOK, **kw),
    "dta": lambda df, p, **kw: write_stata(df, p, codebook=CODEBOOK, **kw),
    "xlsx": lambda df, p, **kw: write_excel(df, p, codebook=CODEBOOK, **kw),
    "md": lambda df, p, **kw: write_data_dictionary(df, p, **kw),
}


@pytest.mark.parametrize("ext", sorted(WRITERS))
def test_every_writer_refuses_to_overwrite(tmp_path: Path, ext: str) -> None:
    target = tmp_path / f"mine.{ext}"
    target.write_bytes(b"the user's own file")
    with pytest.raises(ExportError, match=r"mine\.\w+: the file exists and would be "
                       r"overwritten; pass overwrite=True \(or --force"):
        WRITERS[ext](make_coded(), target)
    assert target.read_bytes() == b"the user's own file"
    WRITERS[ext](make_coded(), target, overwrite=True)
    assert target.read_bytes() != b"the user's own file"


@pytest.mark.parametrize("ext", sorted(WRITERS))
def test_every_writer_is_byte_identical(tmp_path: Path, ext: str) -> None:
    a = WRITERS[ext](make_coded(), tmp_path / f"a.{ext}").read_bytes()
    b = WRITERS[ext](make_coded(), tmp_path / f"b.{ext}").read_bytes()
    assert a == b


def test_csv_sidecar_also_refuses(tmp_path: Path) -> None:
    (tmp_path / "c.csv.provenance.json").write_text("{}")
    with pytest.raises(ExportError, match=r"c\.csv\.provenance\.json: the file exists"):
        write_coded_csv(make_coded(), tmp_path / "c.csv", provenance={"a": 1})
    assert not (tmp_path / "c.csv").exists()  # nothing half-written


# ----------------------------------------------------------------------------- dictionary
def test_data_dictionary(tmp_path: Path) -> None:
    d = describe_columns(make_coded(), codebook=CODEBOOK).set_index("column")
    assert d.loc["theme_sovereignty", "description"] == (
        "1 if the statement is coded Sovereignty (sovereignty), else 0. "
        "National sovereignty, independence and territorial integrity.")
    assert d.loc[LONG, "stata_name"] == "theme_sovereignty__territorial_i"
    assert d.loc["région", "stata_name"] == "region"
    assert d.loc["région", "description"] == "Metadata column carried over from the corpus"
    assert d.loc["start", "type"] == "integer" and d.loc["score", "type"] == "float"
    assert d.loc["text", "type"] == "string"
    assert "offset" in d.loc["start", "description"]
    csv = write_data_dictionary(make_coded(), tmp_path / "dd.csv", codebook=CODEBOOK)
    assert read_table_csv(csv)["column"].tolist() == list(make_coded().columns)
    md = format_data_dictionary(describe_columns(pd.DataFrame({"a|b": [1]})))
    assert "| a\\|b | integer |" in md
    with pytest.raises(ExportError, match=r"dd\.txt: a data dictionary is written as \.csv "
                       r"or \.md"):
        write_data_dictionary(make_coded(), tmp_path / "dd.txt")


def test_stata_names_are_valid_unique_and_short() -> None:
    cols = ["theme_" + "x" * 40, "theme_" + "x" * 41, "in", "str12", "1st", "a b-c", "été"]
    names = stata_names(cols)
    assert list(names.values()) == ["theme_" + "x" * 26, "theme_" + "x" * 24 + "_2", "in_",
                                    "str12_", "v1st", "a_b_c", "ete"]
    assert all(len(n) <= 32 for n in names.values())


# ----------------------------------------------------------------------------- Parquet
def test_parquet_round_trip_with_provenance(tmp_path: Path) -> None:
    coded = make_coded()
    prov = make_provenance(codebook=CODEBOOK)
    p = write_parquet(coded, tmp_path / "coded.parquet", codebook=CODEBOOK, provenance=prov)
    table = pq.read_table(p)
    back = table.to_pandas()
    assert back["text"].tolist() == coded["text"].tolist()
    assert back[LONG].tolist() == coded[LONG].tolist()
    assert back["side"].isna().tolist() == coded["side"].isna().tolist()
    assert back["score"].iloc[1] == -1.5
    meta = json.loads(table.schema.metadata[b"discourse.io.provenance"])
    assert meta["codebook"]["sha256"] == "ab" * 32
    field = table.schema.field("theme_friendship")
    assert field.metadata[b"description"].decode().startswith(
        "1 if the statement is coded Friendship (friendship), else 0. Affective")


# ----------------------------------------------------------------------------- Stata
def test_stata_round_trip_labels_and_unicode(tmp_path: Path) -> None:
    coded = make_coded()
    p = write_stata(coded, tmp_path / "coded.dta", codebook=CODEBOOK)
    df, meta = pyreadstat.read_dta(str(p))
    assert meta.column_names[:2] == ["themes", "region"]
    assert "theme_sovereignty__territorial_i" in meta.column_names
    assert df["text"].tolist() == coded["text"].tolist()  # é ’ « Khmer Chinese intact
    assert df["side"].tolist() == ["KH", "", "KH", "CN", ""]  # Stata's missing string
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert labels["start"] == ("Start offset in the document text (Unicode code points, "
                               "0-based)")
    friendship = labels["theme_friendship"]
    assert len(friendship) == 80 and friendship.endswith("…")
    assert friendship.startswith("1 if the statement is coded Friendship (friendship)")
    assert meta.variable_value_labels["theme_friendship"] == {0: "no", 1: "yes"}
    assert meta.variable_value_labels["theme_sovereignty__territorial_i"] == {0: "no", 1: "yes"}
    assert meta.file_label.startswith("discourse ") and "codebook diplomacy 2.1" in meta.file_label
    assert df["score"].tolist()[1] == -1.5
    assert pd.read_stata(p, convert_categoricals=True)["theme_friendship"].tolist() == [
        "yes", "no", "yes", "no", "no"]


def test_stata_long_text_is_strl_and_sidecar(tmp_path: Path) -> None:
    long_text = "« Coopération » 中国 " * 200  # > 2045 bytes
    df = pd.DataFrame({"stmt_id": ["a.1"], "text": [long_text], "negated": [True]})
    p = write_stata(df, tmp_path / "long.dta", provenance={"format": "x"})
    back, meta = pyreadstat.read_dta(str(p))
    assert back["text"].iloc[0] == long_text
    assert meta.variable_value_labels["negated"] == {0: "no", 1: "yes"}
    assert json.loads((tmp_path / "long.dta.provenance.json").read_text())["output"]["format"] \
        == "stata"


# ----------------------------------------------------------------------------- Excel
def test_excel_sheets_values_and_no_formulas(tmp_path: Path) -> None:
    coded = make_coded().sort_values(["doc_id", "start"]).reset_index(drop=True)
    prov = make_provenance(codebook=CODEBOOK, parameters={"levels": 1})
    p = write_excel({"coded": coded, "matches": make_matches()}, tmp_path / "out.xlsx",
                    codebook=CODEBOOK, provenance=prov)
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == ["coded", "matches", "dictionary", "provenance"]
    ws = wb["coded"]
    header = [c.value for c in ws[1]]
    assert header == list(coded.columns)
    col = {name: i for i, name in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[col["stmt_id"]] for r in rows] == ["fr.1", "fr.2", "fr.10", "kh.1", "kh.2"]
    formula_cell = ws.cell(row=4, column=col["text"] + 1)
    assert formula_cell.value == '=HYPERLINK("http://evil")' and formula_cell.data_type == "s"
    assert rows[4][col["text"]] == KHMER
    assert rows[2][col["score"]] == -1.5 and rows[2][col["side"]] is None
    dictionary = list(wb["dictionary"].iter_rows(values_only=True))
    assert dictionary[0] == ("sheet", "column", "type", "description")
    assert ("matches", "negated", "boolean", "True if the match is in the scope of a negation") \
        in dictionary
    provenance = dict(wb["provenance"].iter_rows(min_row=2, values_only=True))
    assert provenance["codebook.id"] == "diplomacy"
    assert provenance["parameters.levels"] == 1
    assert provenance["codebook.themes"] == (
        "sovereignty; sovereignty.territorial_integrity_and_borders; friendship")


def test_excel_fixed_dates(tmp_path: Path) -> None:
    p = write_excel(make_coded(), tmp_path / "out.xlsx")
    with zipfile.ZipFile(p) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert core.count("2000-01-01T00:00:00Z") == 2
    assert openpyxl.load_workbook(io.BytesIO(p.read_bytes())).properties.modified.year == 2000


def test_excel_bad_sheet_name(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"sheet name 'a/b' is not valid"):
        write_excel({"a/b": make_coded()}, tmp_path / "x.xlsx")
    with pytest.raises(ParameterError, match=r"sheet name 'dictionary' is not valid"):
        write_excel({"dictionary": make_coded()}, tmp_path / "x.xlsx")
