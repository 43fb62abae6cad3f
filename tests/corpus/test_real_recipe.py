"""The real corpus's recipe (data/real/) is a valid discourse recipe, in step with its docs."""

import importlib.util
from pathlib import Path

import pandas as pd
import pytest
import yaml

from discourse.corpus.recipes import RECIPE_COLUMNS, check_recipe, read_recipe, sha256_text

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "data" / "real"


def _real_corpus_script():
    spec = importlib.util.spec_from_file_location("real_corpus",
                                                  ROOT / "benchmarks" / "real_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_recipe_validates():
    recipe = read_recipe(REAL / "recipe.csv")  # raises on any problem
    assert check_recipe(recipe).empty
    assert recipe.columns[:len(RECIPE_COLUMNS)].tolist() == list(RECIPE_COLUMNS)
    assert recipe["url"].str.match(r"https?://[^/\s]+\.[^/\s]+").all()
    assert recipe["doc_id"].is_unique and recipe["url"].is_unique
    assert recipe["text_sha256"].is_unique and recipe["page_sha256"].str.len().eq(64).all()
    assert set(recipe["lang"]) <= {"en", "fr", "zh", "km"}
    assert len(recipe) >= 148


def test_shipped_recipe_is_the_docs_folder():
    script = _real_corpus_script()
    committed = pd.read_csv(REAL / "recipe.csv", dtype=str, keep_default_na=False)
    rebuilt = pd.DataFrame(script.recipe_rows()).astype(str)
    assert committed.columns.tolist() == rebuilt.columns.tolist()
    assert committed.equals(rebuilt), "run: python benchmarks/real_corpus.py recipe"


def test_every_recipe_document_has_consistent_labels():
    for p in sorted((REAL / "docs").glob("*.yml")):
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        start, end = d["span"]
        assert end - start == d["text_chars"] and end <= d["page_chars"], p.name
        last = 0
        for s, e, *_ in d["statements"]:
            assert last <= s < e <= d["text_chars"], (p.name, s, e)
            last = e


def test_present_texts_match_their_checksums():
    texts = REAL / "texts"
    if not texts.is_dir() or not any(texts.glob("*.txt")):
        pytest.skip("the real texts are absent (git-ignored); see data/real/README.md")
    recipe = read_recipe(REAL / "recipe.csv").set_index("doc_id")
    present = [p for p in sorted(texts.glob("*.txt")) if p.stem in recipe.index]
    assert present
    for p in present:
        assert sha256_text(p.read_text(encoding="utf-8")) == recipe.loc[p.stem, "text_sha256"]
