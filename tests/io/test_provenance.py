"""Tests of discourse.io.provenance: what produced an output, with no timestamp."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from discourse.coding.codebook import Codebook, Theme
from discourse.errors import ExportError, ParameterError
from discourse.io.provenance import (
    PROVENANCE_FORMAT,
    format_provenance,
    make_provenance,
    read_provenance,
    sidecar_path,
    write_provenance,
)

CODEBOOK = Codebook(
    id="diplomacy", version="2.1", title="Discours diplomatique", sha256="ab" * 32,
    path="/somewhere/codebooks/diplomacy.yml",
    themes=(Theme("sovereignty", "Souveraineté"), Theme("sovereignty.territorial", "Territoire")),
)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_bytes("Xi a déclaré « paix ».\n".encode("utf-8"))
    (folder / "a.txt").write_bytes("ក្រុង 中国\n".encode("utf-8"))
    (folder / "sub" / "c.txt").write_bytes(b"Hun Sen said.\n")
    return folder


def test_inputs_are_hashed_sorted_and_named_relative(corpus: Path) -> None:
    paths = [corpus / "sub" / "c.txt", corpus / "b.txt", corpus / "a.txt"]
    prov = make_provenance(input_paths=paths)
    assert [i["path"] for i in prov["inputs"]] == ["a.txt", "b.txt", "sub/c.txt"]
    expected = hashlib.sha256("Xi a déclaré « paix ».\n".encode("utf-8")).hexdigest()
    assert prov["inputs"][1]["sha256"] == expected
    # an explicit root keeps the folder name, so two corpora are told apart
    prov = make_provenance(input_paths=paths, root=corpus.parent)
    assert prov["inputs"][0]["path"] == "raw/a.txt"


def test_codebook_actors_parameters_are_recorded(corpus: Path, tmp_path: Path) -> None:
    actors = tmp_path / "actors.yml"
    actors.write_bytes(b"actors: {}\n")
    prov = make_provenance(codebook=CODEBOOK, actors_path=actors,
                           parameters={"corpus": Path("data/raw"), "levels": None,
                                       "langs": ("fr", "en")})
    assert prov["format"] == PROVENANCE_FORMAT
    assert prov["codebook"] == {
        "id": "diplomacy", "version": "2.1", "title": "Discours diplomatique",
        "sha256": "ab" * 32, "file": "diplomacy.yml",
        "themes": ["sovereignty", "sovereignty.territorial"],
    }
    assert prov["actors"] == {"file": "actors.yml",
                              "sha256": hashlib.sha256(b"actors: {}\n").hexdigest()}
    assert prov["parameters"] == {"corpus": "data/raw", "langs": ["fr", "en"], "levels": None}
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", prov["environment"]["python"])
    assert prov["environment"]["libraries"]["pandas"]
    import discourse

    assert prov["discourse_version"] == discourse.__version__


def test_actors_object_uses_its_hash() -> None:
    class FakeActors:
        path = "/x/data/actors.yml"
        sha256 = "cd" * 32

    assert make_provenance(actors_path=FakeActors())["actors"] == {
        "file": "actors.yml", "sha256": "cd" * 32}


def test_no_timestamp_and_byte_identical(corpus: Path, tmp_path: Path) -> None:
    kwargs = dict(codebook=CODEBOOK, input_paths=sorted(corpus.rglob("*.txt")),
                  parameters={"fold_accents": False})
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    write_provenance(make_provenance(**kwargs), one)
    write_provenance(make_provenance(**kwargs), two)
    assert one.read_bytes() == two.read_bytes()
    text = one.read_text(encoding="utf-8")
    assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text)
    assert not re.search(r'"[^"]*(time|date)[^"]*":', text, flags=re.I)


def test_json_layout_sorted_indent_trailing_newline(tmp_path: Path) -> None:
    p = write_provenance({"z": 1, "a": {"é": "« x »"}}, tmp_path / "p.json")
    assert p.read_text(encoding="utf-8") == '{\n  "a": {\n    "é": "« x »"\n  },\n  "z": 1\n}\n'
    assert read_provenance(p) == {"a": {"é": "« x »"}, "z": 1}
    assert format_provenance({"b": 2}) == '{\n  "b": 2\n}\n'


def test_write_refuses_to_overwrite(tmp_path: Path) -> None:
    p = write_provenance({"a": 1}, tmp_path / "p.json")
    with pytest.raises(ExportError, match=r"p\.json: the file exists.*overwrite=True.*--force"):
        write_provenance({"a": 2}, p)
    write_provenance({"a": 2}, p, overwrite=True)
    assert json.loads(p.read_text())["a"] == 2


def test_bad_inputs_have_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"missing\.txt: input file not found"):
        make_provenance(input_paths=[tmp_path / "missing.txt"])
    with pytest.raises(ParameterError, match=r"parameters\.f has a value of type function"):
        make_provenance(parameters={"f": lambda x: x})
    with pytest.raises(ExportError, match=r"nope\.json: no such provenance file"):
        read_provenance(tmp_path / "nope.json")


def test_sidecar_path() -> None:
    assert sidecar_path("out/coded.csv") == Path("out/coded.csv.provenance.json")
