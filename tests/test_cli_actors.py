"""``discourse actors suggest`` end to end on a made-up corpus naming people outside the actors file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from discourse.cli import main
from discourse.speakers.actors_file import parse_actors

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"

# Written for this test: a Beninese president the default actors file does not hold, named in
# full, then by surname and pronoun; a "M. Wangg" (misspelt) in a text that names Wang Yi.
TEXTS = {
    "benin_en.txt": "Chinese President Xi Jinping met Beninese President Patrice Talon in "
    "Beijing on Friday.\n\nXi said China is ready to deepen cooperation with Benin.\n\n"
    "Patrice Talon said Benin firmly supports the one-China principle.\n\n"
    "He added that Benin welcomes Chinese investment.\n",
    "benin_fr.txt": "Le président béninois Patrice Talon a rencontré jeudi à Cotonou le "
    "ministre chinois des Affaires étrangères Wang Yi.\n\nM. Wangg a promis que la Chine "
    "continuera de soutenir le Bénin.\n\nPatrice Talon a salué l'amitié entre les deux "
    "pays.\n",
}


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("runs") / "run"
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    return out


def test_suggest_writes_a_valid_draft_and_the_table(run_dir, tmp_path, capsys):
    draft, table = tmp_path / "draft.yml", tmp_path / "suggested.csv"
    code, out, err = cli(capsys, "actors", "suggest", run_dir, "--out", draft, "--table", table)
    assert (code, err) == (0, "")
    assert "named speaker(s) outside" in out
    actors = parse_actors(draft.read_bytes(), str(draft))
    assert "patrice_talon" in actors
    assert actors["patrice_talon"].side == "BJ"
    assert set(actors["patrice_talon"].aliases) == {"en", "fr"}
    rows = pd.read_csv(table, keep_default_na=False).set_index("id")
    assert rows.loc["wangg", "same_as"] == "wang_yi"
    assert "#   wang_yi: Wangg" in draft.read_text(encoding="utf-8")


def test_suggest_never_overwrites(run_dir, tmp_path, capsys):
    draft = tmp_path / "draft.yml"
    draft.write_text("mine\n", encoding="utf-8")
    code, _, err = cli(capsys, "actors", "suggest", run_dir, "--out", draft)
    assert code == 2 and "exists" in err
    assert draft.read_text(encoding="utf-8") == "mine\n"
    assert cli(capsys, "actors", "suggest", run_dir, "--out", draft, "--force")[0] == 0
    assert draft.read_text(encoding="utf-8").startswith("# Named speakers")


def test_another_actors_file_than_the_runs_is_refused(run_dir, tmp_path, capsys):
    other = tmp_path / "actors.yml"
    other.write_text("actors:\n  patrice_talon:\n    name: Patrice Talon\n    side: BJ\n",
                     encoding="utf-8")
    code, _, err = cli(capsys, "actors", "suggest", run_dir, "--out", tmp_path / "d.yml",
                       "--actors", other)
    assert code == 2
    assert "another actors file" in err and "--actors" in err
    assert not (tmp_path / "d.yml").exists()


def test_a_run_of_known_actors_only_has_nothing_to_suggest(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", str(RAW), "--out", str(out), "--quiet"]) == 0
    code, text, _ = cli(capsys, "actors", "suggest", out, "--out", tmp_path / "d.yml")
    assert code == 0 and "nothing to suggest" in text
    assert not (tmp_path / "d.yml").exists()


def test_not_a_run_folder_is_named(tmp_path, capsys):
    code, _, err = cli(capsys, "actors", "suggest", tmp_path, "--out", tmp_path / "d.yml")
    assert code == 2 and "not a run folder" in err
