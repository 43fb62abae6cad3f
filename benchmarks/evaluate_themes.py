"""Theme coding on the real readouts: codebooks 1.0 to 2.6, the classifier, both combined.

Reads the real corpus as ``benchmarks/evaluate_real.py`` does (the texts must be present:
see data/real/README.md) and prints, for French and English:

1. per part (dev: the statements codebooks 2.0 to 2.6 were revised from; test: never
   looked at) and per theme, precision, recall and F1 of the default codebook 1.0
   (``data/codebooks/default-1.0.yml``, kept for this comparison, proper names counted as
   1.0 did), 2.0 to 2.5 (``data/codebooks/default-2.0.yml`` to ``default-2.5.yml``, proper
   names excluded by today's rule) and the shipped 2.6, with
   discourse's own sentence splitting (each gold statement aligned with the predicted
   statement that overlaps it most), and the number of gold statements of each theme;
2. the supervised classifier (TF-IDF + logistic regression, per theme), the dictionary and
   their combination (the dictionary overruled where the classifier is confident), by
   5-fold cross-validation on all the hand-coded statements of a language (folds by
   document), on the gold statements;
3. the agreement between the labels and a second coder's blind labels, when their files are
   in ``data/real/coder2/`` (one YAML file per document: ``[n, speaker, side, themes]`` per
   statement, ``n`` its index in the recipe): Krippendorff's alpha per theme
   (:func:`discourse.compute_agreement`).

Usage::

    python benchmarks/evaluate_themes.py [--skip-classifier] [--part dev] [--lang fr]
                                         [--batch themes_fresh]

``--part``, ``--lang`` and ``--batch`` keep only those documents (repeatable; the classifier's
cross-validation then runs on them alone): while revising the codebook, measure ``--part dev``
and leave the test part for the end.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from evaluate_real import align, read_real, theme_scores  # noqa: E402

from discourse import (code_themes, compute_agreement, read_codebook,  # noqa: E402
                       split_statements)
from discourse.validation.second_opinion import evaluate_second_opinion  # noqa: E402

THEMES = ["sovereignty", "cooperation", "anti_cold_war", "friendship"]
#: version -> (file, names option): 1.0 as released (it had no proper-name rule), 2.0 as
#: released, 2.1 to 2.4 as released, 2.5 as released, 2.6 as shipped
CODEBOOKS = {"1.0": (ROOT / "data" / "codebooks" / "default-1.0.yml", "count"),
             "2.0": (ROOT / "data" / "codebooks" / "default-2.0.yml", "exclude"),
             "2.1": (ROOT / "data" / "codebooks" / "default-2.1.yml", "exclude"),
             "2.2": (ROOT / "data" / "codebooks" / "default-2.2.yml", "exclude"),
             "2.3": (ROOT / "data" / "codebooks" / "default-2.3.yml", "exclude"),
             "2.4": (ROOT / "data" / "codebooks" / "default-2.4.yml", "exclude"),
             "2.5": (ROOT / "data" / "codebooks" / "default-2.5.yml", "exclude"),
             "2.6": (None, "exclude")}
CODER2 = ROOT / "data" / "real" / "coder2"


def gold_table(gold: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The gold statements as a coded-statement table with their hand codes."""
    texts = dict(zip(documents["doc_id"], documents["text"]))
    g = gold[gold["themes_labelled"].astype(bool)].copy()
    g["stmt_id"] = g["doc_id"] + "#" + g["n"].astype(str)
    g["text"] = [texts[d][s:e] for d, s, e in zip(g["doc_id"], g["start"], g["end"])]
    for t in THEMES:
        g[f"hand_{t}"] = g["gold_themes"].str.split(";").apply(lambda x, t=t: int(t in x))
    return g.reset_index(drop=True)


def dictionary_scores(documents, gold) -> pd.DataFrame:
    statements = split_statements(documents)
    rows = []
    for version, (path, names) in CODEBOOKS.items():
        coded = code_themes(statements, codebook=read_codebook(path), levels=1, names=names)
        idx = align(coded, gold)["pred_index"]
        pred = coded.loc[idx.fillna(-1).astype(int).clip(lower=0)].reset_index(drop=True)
        for c in [f"theme_{t}" for t in THEMES]:
            pred.loc[idx.isna().to_numpy(), c] = 0
        df = pd.concat([gold.reset_index(drop=True), pred[[f"theme_{t}" for t in THEMES]]],
                       axis=1)
        df = df[df["themes_labelled"].astype(bool)]
        for (part, lang), g in df.groupby(["part", "lang"]):
            s = theme_scores(g, THEMES).reset_index()
            s.insert(0, "codebook", version)
            s.insert(1, "part", part)
            s.insert(2, "lang", lang)
            rows.append(s)
    return pd.concat(rows, ignore_index=True)


def classifier_scores(table: pd.DataFrame) -> pd.DataFrame:
    coded = code_themes(table[["doc_id", "stmt_id", "start", "text", "lang"]], levels=1)
    hand = table[["stmt_id"] + [f"hand_{t}" for t in THEMES]].rename(
        columns=lambda c: c.replace("hand_", "theme_"))
    out = []
    for lang in ("fr", "en"):
        sel = (table["lang"] == lang).to_numpy()
        if not sel.any():
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ev = evaluate_second_opinion(coded[sel], hand[sel], k=5)
        out.append(ev.assign(lang=lang))
    return pd.concat(out, ignore_index=True)


def agreement(table: pd.DataFrame) -> pd.DataFrame | None:
    """Krippendorff's alpha per theme between the labels and the second coder's, on the
    statements both coded (None when the second coder's files are absent)."""
    files = sorted(CODER2.glob("*.yml")) if CODER2.is_dir() else []
    if not files:
        return None
    rows = []
    for f in files:
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        for n, _speaker, _side, themes in doc["statements"]:
            rows.append({"coder": "coder2", "stmt_id": f"{doc['doc_id']}#{n}",
                         **{f"theme_{t}": int(t in str(themes or "").split(";"))
                            for t in THEMES}})
    second = pd.DataFrame(rows)
    second = second[second["stmt_id"].isin(set(table["stmt_id"]))]
    first = table[table["stmt_id"].isin(set(second["stmt_id"]))]
    first = pd.DataFrame({"coder": "coder1", "stmt_id": first["stmt_id"],
                          **{f"theme_{t}": first[f"hand_{t}"] for t in THEMES}})
    return compute_agreement(pd.concat([first, second], ignore_index=True), bootstrap=1000,
                             seed=0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-classifier", action="store_true")
    ap.add_argument("--part", action="append", choices=["dev", "test"],
                    help="only the documents of this part (repeatable)")
    ap.add_argument("--lang", action="append", choices=["fr", "en"],
                    help="only this language (repeatable)")
    ap.add_argument("--batch", action="append",
                    help="only the documents of this labelling batch (repeatable)")
    args = ap.parse_args(argv)
    documents, gold, missing = read_real(args.lang or ["fr", "en"])
    if documents.empty:
        print("no real texts present: see data/real/README.md to rebuild them")
        return 0
    excluded = set(gold.loc[gold["part"] == "excluded", "doc_id"])   # see data/real/README.md
    documents = documents[~documents["doc_id"].isin(excluded)].reset_index(drop=True)
    gold = gold[~gold["doc_id"].isin(excluded)].reset_index(drop=True)
    keep = set(gold["doc_id"])
    if args.part:
        keep &= set(gold.loc[gold["part"].isin(args.part), "doc_id"])
    if args.batch:
        keep &= set(gold.loc[gold["batch"].isin(args.batch), "doc_id"])
    documents = documents[documents["doc_id"].isin(keep)].reset_index(drop=True)
    gold = gold[gold["doc_id"].isin(keep)].reset_index(drop=True)
    pd.set_option("display.width", 200)
    scores = dictionary_scores(documents, gold)
    print("Dictionary (discourse's sentence splitting), per codebook, part, language, theme:")
    print(scores.to_string(index=False, float_format="%.3f"))
    table = gold_table(gold, documents)
    print("\ngold statements per theme (fr/en):")
    print(table.groupby(["part", "lang"])[[f"hand_{t}" for t in THEMES]].sum().to_string())
    if not args.skip_classifier:
        print("\nClassifier, dictionary (shipped) and both, 5-fold cross-validation by document "
              "on all hand-coded statements (gold segmentation):")
        print(classifier_scores(table).to_string(index=False, float_format="%.3f"))
    agree = agreement(table)
    if agree is None:
        print(f"\nno second coder's file in {CODER2}: agreement not computed")
    else:
        print("\nAgreement with the second coder (Krippendorff's alpha, nominal):")
        print(agree.to_string(index=False, float_format="%.3f"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
