"""A run sums up the aliases shared by several actors once, for the whole corpus, and lists
the documents in ambiguous_aliases.csv, the same bytes whichever engine ran it."""

from __future__ import annotations

import json
import warnings

from discourse.pipeline.folder import write_run_folder

def corpus(tmp_path, n_ambiguous: int, name: str = "corpus.jsonl"):
    docs = [{"doc_id": f"d{i:02d}", "lang": "fr", "date": f"2020-01-{i + 1:02d}",
             "text": "M. Li a déclaré que la paix compte."} for i in range(n_ambiguous)]
    docs.append({"doc_id": "z", "lang": "fr", "date": "2020-02-01",
                 "text": "Li Qiang a rencontré le ministre. "
                         "M. Li a déclaré que la paix compte."})
    path = tmp_path / name
    path.write_text("".join(json.dumps(d) + "\n" for d in docs[::-1]), encoding="utf-8")
    return path


def run_folder(tmp_path, actors, source, out, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_run_folder(source, tmp_path / out, actors=actors, force=True, progress=False,
                         **options)
    return [str(w.message) for w in caught if "M. Li" in str(w.message)]


def test_one_summary_per_run_and_the_documents_in_a_file(tmp_path, shared_alias_actors_file):
    source = corpus(tmp_path, 7)
    for out, options in (("memory", {}), ("streamed", {"batch_size": 2}),
                         ("streamed_once", {"stream": True})):
        messages = run_folder(tmp_path, shared_alias_actors_file, source, out, **options)
        assert len(messages) == 1, (out, messages)
        assert "7 documents" in messages[0] and "ambiguous_aliases.csv" in messages[0]
    files = [(tmp_path / out / "ambiguous_aliases.csv").read_bytes()
             for out in ("memory", "streamed", "streamed_once")]
    assert files[0] == files[1] == files[2]
    lines = files[0].decode("utf-8").splitlines()
    assert lines[0] == "doc_id,date,alias,candidates,chosen"
    assert [line.split(",")[0] for line in lines[1:]] == [f"d{i:02d}" for i in range(7)]
    prov = json.loads((tmp_path / "streamed" / "provenance.json").read_text(encoding="utf-8"))
    assert "ambiguous_aliases.csv" in prov["files"]


def test_a_run_without_ambiguity_writes_no_file_and_removes_an_old_one(
        tmp_path, shared_alias_actors_file):
    assert run_folder(tmp_path, shared_alias_actors_file, corpus(tmp_path, 3), "out", stream=True)
    assert (tmp_path / "out" / "ambiguous_aliases.csv").exists()
    clean = tmp_path / "clean.jsonl"
    clean.write_text(json.dumps({"doc_id": "a", "lang": "fr", "text": "Li Qiang a dit que la "
                                 "paix compte."}) + "\n", encoding="utf-8")
    assert run_folder(tmp_path, shared_alias_actors_file, clean, "out", stream=True) == []
    assert not (tmp_path / "out" / "ambiguous_aliases.csv").exists()
    prov = json.loads((tmp_path / "out" / "provenance.json").read_text(encoding="utf-8"))
    assert "ambiguous_aliases.csv" not in prov["files"]
