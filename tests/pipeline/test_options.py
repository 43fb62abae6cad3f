"""Tests of discourse.pipeline.options: one RunOptions, checked once, used by every engine."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from discourse.errors import ParameterError
from discourse.pipeline.options import DEFAULT_BATCH_SIZE, RunOptions
from discourse.pipeline.runner import run


def test_defaults_are_in_memory_and_frozen():
    options = RunOptions()
    assert not options.streamed and options.batch == DEFAULT_BATCH_SIZE
    assert options.coding == {"levels": None, "fold_accents": False, "nested_scope": "theme",
                              "names": "exclude"}
    assert options.reading == {"encoding": "utf-8", "lang": None}
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.levels = 1


@pytest.mark.parametrize("fields", [{"jobs": 2}, {"batch_size": 10}, {"engine": "dask"},
                                    {"jobs": -1}])
def test_execution_options_stream_the_run(fields):
    assert RunOptions(**fields).streamed


def test_build_overrides_and_names_unknown_options():
    base = RunOptions(levels=1, lang="fr")
    built = RunOptions.build(base, lang="en", jobs=2)
    assert (built.levels, built.lang, built.jobs) == (1, "en", 2)
    assert RunOptions.build(None) == RunOptions()
    with pytest.raises(ParameterError, match=r"unknown option\(s\) level; valid options: "
                                             r"encoding, lang, levels"):
        RunOptions.build(level=1)
    with pytest.raises(ParameterError, match="give a RunOptions"):
        RunOptions.build({"levels": 1})


def test_parameters_record_what_shapes_the_results_only():
    params = RunOptions(levels=2, jobs=4, batch_size=7).parameters("data/raw")
    assert params == {"levels": 2, "fold_accents": False, "nested_scope": "theme",
                      "names": "exclude", "known_people": "default",
                      "encoding": "utf-8", "lang": None, "corpus": "data/raw"}
    assert RunOptions().parameters(None)["corpus"] is None


def test_run_is_in_memory_only():
    with pytest.raises(ParameterError, match="run\\(\\) works in memory"):
        run("unused", jobs=2)


def test_names_option_counts_the_words_of_proper_names_in_run():
    with pytest.raises(ParameterError, match="names='all' is not valid.*'exclude'.*'count'"):
        RunOptions(names="all")
    docs = pd.DataFrame({"doc_id": ["d1"], "lang": ["en"], "text": [
        "Hun Sen attended the Belt and Road Forum for International Cooperation in Beijing. "
        "He praised the cooperation between the two countries."]})
    default = run(docs)
    counted = run(docs, names="count")
    assert default.coded["theme_cooperation"].tolist() == [0, 1]
    assert counted.coded["theme_cooperation"].tolist() == [1, 1]
    assert sorted(counted.matches["matched"]) == ["Belt and Road", "Cooperation", "cooperation"]
    assert default.matches["matched"].tolist() == ["cooperation"]
    assert (default.parameters["names"], counted.parameters["names"]) == ("exclude", "count")
