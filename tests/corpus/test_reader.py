"""Reading corpora: folders with metadata, saved web pages, CSV / JSONL / Parquet, errors."""

import json
from pathlib import Path

import pandas as pd
import pytest

from discourse.corpus.reader import iter_corpus, read_corpus
from discourse.lang.detect import detect_language
from discourse.errors import CorpusError, ParameterError

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "data" / "corpus"
FOLDER = FIXTURES / "folder"


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- the sample corpus --------------------------------------------------------------------

def test_sample_corpus_with_its_metadata():
    docs = read_corpus(RAW)
    assert list(docs.columns) == ["doc_id", "text", "lang", "date", "title", "source", "path",
                                  "outlet_type"]
    assert len(docs) == 1  # README.md is not a readout
    row = docs.iloc[0]
    assert (row["doc_id"], row["lang"], row["date"]) == ("000_38ca568774651fa9", "fr",
                                                         "2024-12-03")
    assert row["source"] == "Xinhua (French service)"
    assert row["title"].startswith("Xi Jinping s'entretient avec")
    assert row["text"] == (RAW / "000_38ca568774651fa9.txt").read_bytes().decode("utf-8")
    assert Path(row["path"]) == RAW / "000_38ca568774651fa9.txt"


# --- folders ------------------------------------------------------------------------------

def test_folder_with_metadata_and_a_web_page():
    docs = read_corpus(FOLDER)
    assert docs["doc_id"].tolist() == ["cgtn_fr", "mfa_kh", "page"]
    assert list(docs.columns[-1:]) == ["outlet_type"]
    by_id = docs.set_index("doc_id")
    assert by_id.loc["mfa_kh", ["lang", "date", "source", "title", "outlet_type"]].tolist() == [
        "en", "2024-12-04", "Cambodian MFA", "Hun Manet meets Wang Wenbin", "ministry"]
    # An empty metadata cell is missing, not "".
    assert pd.isna(by_id.loc["cgtn_fr", "title"])
    assert by_id.loc["cgtn_fr", "text"] == (FOLDER / "cgtn_fr.md").read_text(encoding="utf-8")
    # The page: no metadata row; article paragraphs only, title and date from the page,
    # language detected.
    page = by_id.loc["page"]
    assert page["text"] == (
        "Wang Yi meets Cambodian counterpart\n\n"
        "Chinese Foreign Minister Wang Yi met his Cambodian counterpart in Beijing on "
        "Thursday.\n\n"
        "Wang said China supports Cambodia in safeguarding its sovereignty.")
    assert (page["title"], page["date"], page["lang"]) == (
        "Wang Yi meets Cambodian counterpart", "2024-12-05", "en")
    assert pd.isna(page["outlet_type"]) and pd.isna(page["source"])


def test_one_file_of_a_folder_takes_its_metadata():
    docs = read_corpus(FOLDER / "mfa_kh.txt")
    assert docs["doc_id"].tolist() == ["mfa_kh"]
    assert docs.loc[0, "source"] == "Cambodian MFA"


def test_text_is_kept_exactly_as_read(tmp_path):
    raw = "Ligne un.\r\nLigne deux.\r\n\r\nAutre\u00a0paragraphe.\rFin.\n"
    _write(tmp_path / "crlf.txt", b"\xef\xbb\xbf" + raw.encode("utf-8"))
    docs = read_corpus(tmp_path, lang="fr")
    assert docs.loc[0, "text"] == raw  # BOM removed, nothing else changed


def test_metadata_may_rename_documents_and_key_by_doc_id(tmp_path):
    _write(tmp_path / "a.txt", "Xi a parlé avec Hun Sen de la coopération entre les deux pays.")
    _write(tmp_path / "meta.csv", "file,doc_id,date\na.txt,kh-001,2024/12/03\n")
    docs = read_corpus(tmp_path, metadata=tmp_path / "meta.csv")
    assert docs[["doc_id", "date", "lang"]].values.tolist() == [["kh-001", "2024-12-03", "fr"]]
    _write(tmp_path / "metadata.csv", "doc_id,source\na,AKP\n")
    assert read_corpus(tmp_path)["source"].tolist() == ["AKP"]


def test_language_given_or_undetermined(tmp_path):
    _write(tmp_path / "short.txt", "Phnom Penh, 3 décembre")
    assert read_corpus(tmp_path)["lang"].tolist() == ["und"]
    assert read_corpus(tmp_path, lang="fr")["lang"].tolist() == ["fr"]


# --- table files --------------------------------------------------------------------------

def test_csv_with_named_columns():
    docs = read_corpus(FIXTURES / "table.csv", text_column="body", id_column="id")
    assert docs["doc_id"].tolist() == ["r1", "r2"]
    assert docs["date"].tolist() == ["2024-12-03", "2024-12-03"]
    assert docs["country"].tolist() == ["KH", "CN"]
    assert docs.loc[0, "text"] == "La Chine soutient le Cambodge.\n\nHun Sen a remercié la Chine."


def test_csv_keeps_crlf_inside_cells_and_numbers_rows(tmp_path):
    path = _write(tmp_path / "c.csv", b"text\r\n\"Un.\r\n\r\nDeux.\"\r\n\"Trois.\"\r\n")
    docs = read_corpus(path, lang="fr")
    assert docs["doc_id"].tolist() == ["c-000001", "c-000002"]
    assert docs.loc[0, "text"] == "Un.\r\n\r\nDeux."


def test_jsonl():
    docs = read_corpus(FIXTURES / "table.jsonl")
    assert docs["doc_id"].tolist() == ["j1", "j2", "j3"]
    assert docs["lang"].tolist() == ["fr", "en", "fr"]
    assert docs["desk"].tolist()[:2] == ["Asie", "Asia"]
    assert docs.loc[1, "text"].endswith("support.\nHe thanked Xi.")
    assert pd.isna(docs.loc[2, "date"])


def test_jsonl_with_a_raw_line_separator_in_a_string(tmp_path):
    text = "Les deux parties ont signé des accords.\u2028Fin du communiqué."
    path = _write(tmp_path / "c.jsonl", json.dumps({"doc_id": "x", "text": text},
                                                   ensure_ascii=False) + "\n")
    assert read_corpus(path)["text"].tolist() == [text]


def test_parquet(tmp_path):
    frame = pd.DataFrame({"doc_id": ["b", "a"], "text": ["He said so. She agreed.", "Il a dit."],
                          "date": pd.to_datetime(["2024-12-03", "2024-12-04"]), "n": [1, 2]})
    frame.to_parquet(tmp_path / "c.parquet")
    docs = read_corpus(tmp_path / "c.parquet", lang="en")
    assert docs[["doc_id", "date"]].values.tolist() == [["a", "2024-12-04"], ["b", "2024-12-03"]]
    assert docs["n"].tolist() == [2, 1]


# --- streaming ----------------------------------------------------------------------------

@pytest.mark.parametrize("path, options", [
    (FOLDER, {}),
    (FIXTURES / "table.jsonl", {}),
    (FIXTURES / "table.csv", {"text_column": "body", "id_column": "id"}),
])
def test_iter_corpus_gives_the_rows_of_read_corpus(path, options):
    whole = read_corpus(path, **options)
    batches = list(iter_corpus(path, batch_size=2, **options))
    assert [len(b) for b in batches] == [2, 1] if len(whole) == 3 else [2]
    joined = pd.concat(batches).sort_values("doc_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(joined, whole)


def test_iter_corpus_parquet_and_duplicates_across_batches(tmp_path):
    pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["Un.", "Deux.", "Trois."]}).to_parquet(
        tmp_path / "d.parquet")
    batches = iter_corpus(tmp_path / "d.parquet", batch_size=2, lang="fr")
    assert next(batches)["doc_id"].tolist() == ["a", "b"]
    with pytest.raises(CorpusError, match=r"duplicate doc_id 'a': .*d.parquet row 1 and "
                                          r".*d.parquet row 3"):
        next(batches)
    with pytest.raises(ParameterError, match="batch_size must be a positive whole number"):
        next(iter_corpus(FOLDER, batch_size=0))


# --- errors -------------------------------------------------------------------------------

def test_not_utf8_names_the_offset_and_the_remedy(tmp_path):
    path = _write(tmp_path / "win.txt", "Le président a salué la coopération.".encode("cp1252"))
    with pytest.raises(CorpusError, match=r"win.txt: not valid utf-8 at byte offset 5 \(line 1, "
                                          r"byte 0xe9\); pass encoding='cp1252'"):
        read_corpus(path)
    assert read_corpus(path, encoding="cp1252")["text"].tolist() == [
        "Le président a salué la coopération."]


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", r"empty.txt: the file is empty"),
    ("blank.txt", b" \n\n\t", r"blank.txt: the file holds only white space"),
    ("bin.txt", b"PK\x03\x04\x00\x00", r"bin.txt: looks like a binary file \(NUL byte at offset 4"),
    ("wide.txt", "Bonjour".encode("utf-16"), r"wide.txt: the file is UTF-16 .*encoding='utf-16'"),
])
def test_unreadable_files(tmp_path, name, data, message):
    _write(tmp_path / name, data)
    with pytest.raises(CorpusError, match=message):
        read_corpus(tmp_path)


def test_missing_text_column_lists_the_columns():
    with pytest.raises(CorpusError, match=r"table.csv: no text column 'text'; the columns are "
                                          r"id, body, lang, date, source, country; pass "
                                          r"text_column="):
        read_corpus(FIXTURES / "table.csv")


def test_duplicate_doc_ids_name_both_sources(tmp_path):
    _write(tmp_path / "a.txt", "Un.")
    _write(tmp_path / "a.md", "Deux.")
    with pytest.raises(CorpusError, match=r"duplicate doc_id 'a': .*a.md and .*a.txt"):
        read_corpus(tmp_path, lang="fr")
    path = _write(tmp_path / "t.csv", "doc_id,text\nx,Un.\ny,Deux.\nx,Trois.\n")
    with pytest.raises(CorpusError, match=r"duplicate doc_id 'x': .*t.csv row 1 and .*t.csv "
                                          r"row 3"):
        read_corpus(path, lang="fr")


@pytest.mark.parametrize("meta, message", [
    ("file,lang\nmissing.txt,fr\n", r"metadata.csv: row 1: file 'missing.txt' is not a readout"),
    ("file,lang\na.txt,fr\na.txt,en\n", r"row 2: file 'a.txt' appears twice \(also in row 1\)"),
    ("name,lang\na.txt,fr\n", r"needs a 'file' column .* found name, lang"),
    ("file,date\na.txt,03/12/2024\n", r"row 1 \(a.txt\): date '03/12/2024' is not an ISO date; "
                                      r"write it as YYYY-MM-DD"),
    ("file,date\na.txt,2024-02-30\n", r"date '2024-02-30' is not a calendar date"),
    ("file,text\na.txt,x\n", r"column 'text' would replace the documents' text"),
])
def test_bad_metadata(tmp_path, meta, message):
    _write(tmp_path / "a.txt", "Le président a salué la coopération.")
    _write(tmp_path / "metadata.csv", meta)
    with pytest.raises(CorpusError, match=message):
        read_corpus(tmp_path)


def test_bad_rows_of_tables(tmp_path):
    path = _write(tmp_path / "t.csv", "doc_id,text,date\nx,Un.,2024-12-03\ny,,2024-12-03\n")
    with pytest.raises(CorpusError, match=r"t.csv: row 2 \(doc_id 'y'\): the text is empty"):
        read_corpus(path)
    path = _write(tmp_path / "d.csv", "doc_id,text,date\nx,Un.,3 décembre 2024\n")
    with pytest.raises(CorpusError, match=r"d.csv row 1: column 'date': date '3 décembre 2024' "
                                          r"is not an ISO date"):
        read_corpus(path)
    path = _write(tmp_path / "j.jsonl", '{"doc_id": "a", "text": "Un."}\n{"doc_id": "b", \n')
    with pytest.raises(CorpusError, match=r"j.jsonl: line 2: not valid JSON"):
        read_corpus(path)
    path = _write(tmp_path / "h.csv", "doc_id,text\n")
    with pytest.raises(CorpusError, match=r"h.csv: the file holds no document"):
        read_corpus(path)


def test_bad_paths_and_options(tmp_path):
    with pytest.raises(CorpusError, match=r"nowhere: no such file or folder"):
        read_corpus(tmp_path / "nowhere")
    _write(tmp_path / "notes.docx", b"PK")
    (tmp_path / "sub").mkdir()
    with pytest.raises(CorpusError, match=r"holds no readable readout \(.txt, .md, .html, .htm "
                                          r"files; found only: notes.docx, sub/\)"):
        read_corpus(tmp_path)
    with pytest.raises(CorpusError, match=r"notes.docx: unsupported file type '.docx'; valid: "
                                          r".txt, .md, .html, .htm, .csv, .jsonl, .parquet"):
        read_corpus(tmp_path / "notes.docx")
    with pytest.raises(ParameterError, match=r"lang='French' is not a language code"):
        read_corpus(FOLDER, lang="French")
    with pytest.raises(ParameterError, match=r"encoding='klingon' is not a known"):
        read_corpus(FOLDER, encoding="klingon")
    with pytest.raises(ParameterError, match=r"metadata= applies to a folder"):
        read_corpus(FIXTURES / "table.jsonl", metadata=FOLDER / "metadata.csv")
    with pytest.raises(CorpusError, match=r"nope.csv: metadata file not found"):
        read_corpus(FOLDER, metadata=FOLDER / "nope.csv")


# --- language detection -------------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    ((RAW / "000_38ca568774651fa9.txt").read_text(encoding="utf-8"), "fr"),
    ("Il a appelé les deux parties à maintenir leur soutien mutuel.", "fr"),
    ("Both sides agreed to deepen their cooperation in trade and investment.", "en"),
    ("Xinhua", "und"),
    ("Fish and Rice Corridor", "und"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_chosen_columns_leave_same_named_columns_as_metadata(tmp_path):
    path = _write(tmp_path / "t.csv", "doc_id,id,text,body\nold,n1,short,Le texte complet du communiqué.\n")
    docs = read_corpus(path, text_column="body", id_column="id", lang="fr")
    assert docs.loc[0, ["doc_id", "text"]].tolist() == ["n1", "Le texte complet du communiqué."]
    assert docs.loc[0, ["original_doc_id", "original_text"]].tolist() == ["old", "short"]


def test_csv_streamed_in_chunks_numbers_rows_across_chunks(tmp_path):
    path = _write(tmp_path / "t.csv", "doc_id,text\na,Un.\nb,Deux.\nc,\n")
    batches = iter_corpus(path, batch_size=2, lang="fr")
    assert next(batches)["doc_id"].tolist() == ["a", "b"]
    with pytest.raises(CorpusError, match=r"t.csv: row 3 \(doc_id 'c'\): the text is empty"):
        next(batches)


def test_web_page_without_article_and_with_an_xml_declaration(tmp_path):
    _write(tmp_path / "p.htm", '<?xml version="1.0" encoding="utf-8"?>\n'
           "<html><body><header>Menu</header><div><p>Le président a reçu l&#8217;envoyé "
           "<br>du Cambodge.</p><ul><li>Point un.</li></ul></div>"
           "<script>x = 1;</script></body></html>")
    _write(tmp_path / "empty.html", "<html><body><script>x = 1;</script></body></html>")
    with pytest.raises(CorpusError, match=r"empty.html: the page has no paragraph text"):
        read_corpus(tmp_path)
    (tmp_path / "empty.html").unlink()
    docs = read_corpus(tmp_path, lang="fr")
    # trafilatura keeps the paragraph and leaves the lone list item out (menu-like).
    assert docs.loc[0, "text"] == "Le président a reçu l’envoyé du Cambodge."


# --- more cases (H10; expectations written by hand before running) -------------------------

def test_metadata_keyed_by_doc_id_keeps_user_columns_and_leaves_gaps_missing(tmp_path):
    _write(tmp_path / "kh.txt", "Hun Manet a remercié la Chine pour son soutien au Cambodge.")
    _write(tmp_path / "cn.txt", "Xi said China is ready to work with Cambodia on the project.")
    _write(tmp_path / "metadata.csv", "doc_id,date,desk,wave\nkh,2024-12-04,Asie,2\n")
    docs = read_corpus(tmp_path)
    assert list(docs.columns) == ["doc_id", "text", "lang", "date", "title", "source", "path",
                                  "desk", "wave"]
    assert docs["doc_id"].tolist() == ["cn", "kh"]
    assert docs["lang"].tolist() == ["en", "fr"]  # detected: the metadata gives none
    assert docs.loc[1, ["date", "desk", "wave"]].tolist() == ["2024-12-04", "Asie", "2"]
    assert docs.loc[0, ["date", "desk", "wave"]].isna().all()


def test_missing_file_in_metadata_names_metadata_csv_and_the_file(tmp_path):
    _write(tmp_path / "a.txt", "Le président a salué la coopération.")
    _write(tmp_path / "metadata.csv", "file,lang\na.txt,fr\nb.txt,fr\n")
    with pytest.raises(CorpusError, match=r"metadata.csv: row 2: file 'b.txt' is not a readout"):
        read_corpus(tmp_path)


def test_crlf_bom_and_nbsp_kept_in_every_format(tmp_path):
    raw = "« Nous sommes des frères\u00a0», a-t-il dit.\r\n\r\nFin.\r\n"
    _write(tmp_path / "f" / "a.md", b"\xef\xbb\xbf" + raw.encode("utf-8"))
    assert read_corpus(tmp_path / "f", lang="fr")["text"].tolist() == [raw]
    pd.DataFrame({"doc_id": ["a"], "text": [raw]}).to_parquet(tmp_path / "a.parquet")
    assert read_corpus(tmp_path / "a.parquet", lang="fr")["text"].tolist() == [raw]
    _write(tmp_path / "a.jsonl", b"\xef\xbb\xbf" + json.dumps(
        {"doc_id": "a", "text": raw}).encode("utf-8") + b"\n")
    assert read_corpus(tmp_path / "a.jsonl", lang="fr")["text"].tolist() == [raw]


def test_not_utf8_in_a_table_names_the_line(tmp_path):
    path = _write(tmp_path / "t.csv", "doc_id,text\nx,Un texte.\ny,Le président.\n".encode(
        "cp1252"))
    with pytest.raises(CorpusError, match=r"t.csv: not valid utf-8 at byte offset \d+ \(line 3, "
                                          r"byte 0xe9\); pass encoding="):
        read_corpus(path)
    assert read_corpus(path, encoding="cp1252", lang="fr")["text"].tolist() == [
        "Un texte.", "Le président."]
    path = _write(tmp_path / "t.jsonl", '{"doc_id": "x", "text": "Un."}\n'.encode("utf-8")
                  + '{"doc_id": "y", "text": "Le président."}\n'.encode("cp1252"))
    with pytest.raises(CorpusError, match=r"t.jsonl: line 2: not valid utf-8 .*encoding="):
        read_corpus(path)


def test_semicolon_separated_csv_from_a_french_spreadsheet(tmp_path):
    path = _write(tmp_path / "t.csv", "doc_id;text;lang\nx;Xi a dit : « oui, bien sûr ».;fr\n")
    expected = [["x", "Xi a dit : « oui, bien sûr ».", "fr"]]
    assert read_corpus(path)[["doc_id", "text", "lang"]].values.tolist() == expected
    batch, = iter_corpus(path, batch_size=10)
    assert batch[["doc_id", "text", "lang"]].values.tolist() == expected
    _write(tmp_path / "f" / "a.txt", "Le Cambodge remercie la Chine.")
    _write(tmp_path / "f" / "metadata.csv", "file;date;source\na.txt;2024-12-03;AKP\n")
    assert read_corpus(tmp_path / "f", lang="fr")[["date", "source"]].values.tolist() == [
        ["2024-12-03", "AKP"]]


def test_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match=r"holds no readable readout .*it is empty"):
        read_corpus(tmp_path)


def test_lang_argument_fills_only_missing_languages(tmp_path):
    path = _write(tmp_path / "t.csv", "doc_id,text,lang\na,Un texte.,fr\nb,Another text.,\n"
                                      "c,Encore un.,und\n")
    assert read_corpus(path, lang="en")["lang"].tolist() == ["fr", "en", "und"]


@pytest.mark.parametrize("batch_size", [1, 2, 5])
def test_iter_corpus_folder_batches_concatenate_to_read_corpus(batch_size):
    whole = read_corpus(FOLDER)
    joined = pd.concat(list(iter_corpus(FOLDER, batch_size=batch_size)), ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole)  # same rows, same order


def test_iter_corpus_jsonl_rows_in_file_order_and_same_columns(tmp_path):
    lines = [{"doc_id": "c", "text": "Xi a salué la coopération avec le Cambodge."},
             {"doc_id": "a", "text": "Hun Sen said Cambodia values its ties with China.",
              "lang": "en"},
             {"doc_id": "b", "text": "Les deux parties ont signé des accords.", "desk": "Asie"}]
    path = _write(tmp_path / "c.jsonl", "".join(json.dumps(x) + "\n" for x in lines))
    whole = read_corpus(path)
    batches = list(iter_corpus(path, batch_size=2))
    assert [b["doc_id"].tolist() for b in batches] == [["c", "a"], ["b"]]  # file order
    for b in batches:
        assert list(b.columns) == list(whole.columns)  # "desk" in every batch
    joined = pd.concat(batches, ignore_index=True)
    pd.testing.assert_frame_equal(
        joined.sort_values("doc_id", ignore_index=True), whole)


def test_iter_corpus_csv_batches_are_in_file_order(tmp_path):
    path = _write(tmp_path / "t.csv", "doc_id,text\nz,Un.\ny,Deux.\nx,Trois.\n")
    batches = list(iter_corpus(path, batch_size=2, lang="fr"))
    assert [b["doc_id"].tolist() for b in batches] == [["z", "y"], ["x"]]
    assert read_corpus(path, lang="fr")["doc_id"].tolist() == ["x", "y", "z"]
