"""Train the carry model from the hand labels and validate it by leaving outlets out.

A statement with no cue of its own (no named subject with a verb, no pronoun, no inverted
cue) goes on with the last speaker (``carried``) or is the journalist's. This script:

1. builds the training table from the DEVELOPMENT part of the real readouts (French and
   English: the languages whose attribution asks the carry model): every statement that
   reaches the uncued decision, its features (``discourse.speakers.carry_features``) and
   its label from the gold speaker: 1 if the gold speaker is the one a carry gives (the
   last speaker; after a joint statement, ``joint``), 0 if it is the narrator (or
   ``joint`` after a speaker); statements whose gold speaker is somebody else are wrong
   either way and left out of the fit;
2. measures, by leave-outlet-out cross-validation (GroupKFold by outlet: an outlet's
   readouts are never in the folds the model learns from), the accuracy on these
   statements and the whole-document speaker accuracy (the attribution run on the held-out
   documents with the model of the other folds), against the hand-written rule measured
   on the same documents, per language, for the non-Chinese side, overall;
3. fits the model on the whole table and writes its weights (``--out``, default
   ``discourse/resources/carry_model.yml``): a plain YAML file with the training table's
   SHA-256 and the date of the corpus's last change, byte-identical for the same labels.

Usage::

    python benchmarks/train_carry_model.py [--out PATH] [--folds 10] [--C 1.0] [--check]
    python benchmarks/train_carry_model.py --labels my_corpus/ --out my_carry_model.yml

``--check`` retrains and compares the bytes with the shipped file (exit 1 if they differ).
``--labels`` reads another folder laid out as ``data/real`` (``docs/*.yml`` recipes with
their labelled statements, ``texts/``, optionally ``split.csv`` for the outlets): every
document is training data, grouped by outlet. Use your own weights with
``DocumentAttributor.carry_model = read_carry_model(path)``.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import evaluate_real as ev  # noqa: E402
from discourse import attribute_speakers, read_actors, split_statements  # noqa: E402
from discourse.io.files import write_atomic  # noqa: E402
from discourse.speakers.attributor import DocumentAttributor  # noqa: E402
from discourse.speakers.carry_features import FEATURES  # noqa: E402
from discourse.speakers.carry_model import (RULES, CarryModel, default_model_path,  # noqa: E402
                                            format_carry_model)

SPACED = ("fr", "en")


def read_dev(labels: Path | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents and gold of the development part (all languages), with each document's
    outlet group (split.csv's outlet; the recipe's outlet name when it has none)."""
    if labels is not None:
        ev.REAL = labels.parent if labels.name == "docs" else labels
    documents, gold, _ = ev.read_real()
    if labels is None:
        gold = gold[gold["part"] == "dev"]
    documents = documents[documents["doc_id"].isin(set(gold["doc_id"]))]
    groups = {}
    split = ev.REAL / "split.csv"
    if split.exists():
        groups = dict(pd.read_csv(split)[["doc_id", "outlet"]].itertuples(index=False))
    documents = documents.assign(group=[groups.get(d, s) for d, s in
                                        zip(documents["doc_id"], documents["source"])])
    return documents.reset_index(drop=True), gold.reset_index(drop=True)


def attribute(documents: pd.DataFrame, model, log: list | None = None) -> pd.DataFrame:
    """The attributed statements of ``documents`` with ``model`` deciding uncued ones."""
    old = DocumentAttributor.carry_model, DocumentAttributor.carry_log
    DocumentAttributor.carry_model, DocumentAttributor.carry_log = model, log
    try:
        statements = split_statements(documents)
        return attribute_speakers(statements, actors=read_actors(), warn_ambiguous=False)
    finally:
        DocumentAttributor.carry_model, DocumentAttributor.carry_log = old


def scored(documents: pd.DataFrame, gold: pd.DataFrame, attributed: pd.DataFrame,
           ) -> pd.DataFrame:
    """Each gold statement of ``documents`` with its predicted speaker and ``correct``."""
    g = gold[gold["doc_id"].isin(set(documents["doc_id"]))].reset_index(drop=True)
    g["gold_speaker"] = ev.gold_speaker_ids(g, read_actors())
    idx = ev.align(attributed, g)["pred_index"]
    g["pred_index"] = idx
    g["speaker"] = [attributed["speaker"].iat[int(i)] if pd.notna(i) else "<none>"
                    for i in idx]
    g["correct"] = g["gold_speaker"] == g["speaker"]
    g["gold_kind"] = [ev.kind(s, d) for s, d in zip(g["gold_speaker"], g["gold_side"])]
    return g


def build_table(documents: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The training table: one row per uncued statement of the French and English
    documents (their states as the hand-written rule leaves them)."""
    spaced = documents[documents["lang"].isin(SPACED)].reset_index(drop=True)
    log: list = []   # (doc_id, row, features, target, rule), one document at a time
    parts = []
    for i in range(len(spaced)):
        mine: list = []
        parts.append(attribute(spaced.iloc[[i]], RULES, mine))
        log += [(spaced["doc_id"].iat[i], k, x, target, rule) for _, k, x, target, rule
                in mine]
    attributed = pd.concat(parts, ignore_index=True)
    g = scored(spaced, gold, attributed)
    first = g.dropna(subset=["pred_index"]).drop_duplicates("pred_index")
    by_pred = dict(zip(first["pred_index"].astype(int), first.index))
    starts = {}   # doc_id -> position of its first statement in ``attributed``
    for i, d in enumerate(attributed["doc_id"]):
        starts.setdefault(d, i)
    rows = []
    for doc_id, k, x, target, rule in log:
        j = by_pred.get(starts[doc_id] + k)
        if j is None:
            continue
        gs = g.at[j, "gold_speaker"]
        label = "carried" if gs == target else ("narrator" if gs == "narrator" else (
            "joint" if gs == "joint" else "other"))
        rows.append({"doc_id": doc_id, "row": k, "lang": g.at[j, "lang"],
                     "gold_kind": g.at[j, "gold_kind"], "label": label,
                     "has_target": target is not None, "rule": bool(rule),
                     **dict(zip(FEATURES, x))})
    table = pd.DataFrame(rows)
    groups = dict(zip(documents["doc_id"], documents["group"]))
    table.insert(1, "group", table["doc_id"].map(groups))
    return table


def fit(table: pd.DataFrame, c: float) -> CarryModel:
    """A logistic regression on the table's rows whose label is carried or not (other:
    left out), deterministic (lbfgs, fixed data order)."""
    from sklearn.linear_model import LogisticRegression
    train = table[table["label"] != "other"]
    y = (train["label"] == "carried").to_numpy()
    lr = LogisticRegression(C=c, max_iter=5000, tol=1e-8)
    lr.fit(train[list(FEATURES)].to_numpy(dtype=float), y)
    return CarryModel(FEATURES, tuple(round(float(w), 4) for w in lr.coef_[0]),
                      round(float(lr.intercept_[0]), 4))


def decided(table: pd.DataFrame, carries: np.ndarray) -> np.ndarray:
    """True where a decision (carry or not) gives the gold speaker on a table row."""
    label = table["label"].to_numpy()
    target = table["has_target"].to_numpy()
    carry_ok = (label == "carried") & carries & target
    stay_ok = (~carries | ~target) & (label == "narrator")
    return carry_ok | stay_ok


def cross_validate(documents, gold, table, folds: int, c: float) -> tuple[dict, pd.DataFrame]:
    """Leave-outlet-out figures: on the table's rows and on whole documents."""
    from sklearn.model_selection import GroupKFold
    groups = documents["group"].to_numpy()
    row_ok = {"rules": np.zeros(len(table), bool), "model": np.zeros(len(table), bool)}
    parts = []
    for train_i, test_i in GroupKFold(n_splits=folds).split(documents, groups=groups):
        held = documents.iloc[test_i]
        train_docs = set(documents["doc_id"].iloc[train_i])
        model = fit(table[table["doc_id"].isin(train_docs)], c)
        rows = table["doc_id"].isin(set(held["doc_id"])).to_numpy()
        probs = np.array([model.probability(x) for x in
                          table.loc[rows, list(FEATURES)].to_numpy(dtype=float)])
        sub = table[rows]
        row_ok["model"][rows] = decided(sub, (probs >= 0.5) | (sub["in_quote"] == 1)
                                        .to_numpy() & (sub["prev_joint"] == 0).to_numpy())
        row_ok["rules"][rows] = decided(sub, sub["rule"].to_numpy())
        a = scored(held, gold, attribute(held, RULES)).assign(arm="rules")
        b = scored(held, gold, attribute(held, model)).assign(arm="model")
        parts += [a, b]
    return row_ok, pd.concat(parts, ignore_index=True)


def report(table: pd.DataFrame, row_ok: dict, docs: pd.DataFrame) -> str:
    """The cross-validation figures as text (printed, and kept in the weights file)."""
    out = [f"uncued French and English statements of the training corpus: {len(table)} "
           f"({(table['label'] == 'carried').sum()} carried, "
           f"{(table['label'] == 'narrator').sum()} narrator, "
           f"{(table['label'] == 'joint').sum()} joint, {(table['label'] == 'other').sum()} "
           f"somebody else's)"]
    for name, sel in [("all", slice(None))] + [(lg, table["lang"] == lg) for lg in SPACED]:
        r, m = row_ok["rules"][sel], row_ok["model"][sel]
        if len(r):
            out.append(f"  uncued {name}: rules {r.mean():.3f}, model {m.mean():.3f} (n={len(r)})")
    out.append("whole-document speaker accuracy (held-out outlets):")
    for name, d in [("all", docs)] + [(lg, docs[docs["lang"] == lg]) for lg in
                                       ("fr", "en", "zh", "km")] + [
            ("non-CN", docs[docs["gold_kind"] == ev.NON_CN]),
            ("non-CN fr+en", docs[(docs["gold_kind"] == ev.NON_CN)
                                  & docs["lang"].isin(SPACED)])]:
        r = d[d["arm"] == "rules"]["correct"]
        m = d[d["arm"] == "model"]["correct"]
        if len(r):
            out.append(f"  {name}: rules {r.mean():.3f}, model {m.mean():.3f} (n={len(r)})")
    return "\n".join(out)


def corpus_date(folder: Path) -> str:
    """The date of the labels' last commit (reproducible), else 'unknown'."""
    try:
        got = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(folder)],
                             cwd=folder, capture_output=True, text=True, check=True)
        return got.stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def weights_text(table: pd.DataFrame, c: float, figures: str, source: str) -> str:
    """The weights file's text for the model fitted on the whole table."""
    model = fit(table, c)
    csv = table.to_csv(index=False, float_format="%.6f", lineterminator="\n").encode()
    model = CarryModel(model.features, model.weights, model.intercept, 0.5, (
        ("corpus", source), ("statements", int((table["label"] != "other").sum())),
        ("table_sha256", hashlib.sha256(csv).hexdigest()), ("date", corpus_date(ev.REAL)),
        ("regularisation", f"L2, C={c}"), ("script", "benchmarks/train_carry_model.py")))
    header = ("The carry model: does a statement with no cue go on with the last speaker?\n"
              "Logistic regression weights (feature -> weight, features in [0, 1]; see\n"
              "discourse/speakers/carry_features.py), written by\n"
              "benchmarks/train_carry_model.py: retrain, never edit by hand.\n"
              "Opt-in: the attribution uses it only when DocumentAttributor.carry_model is\n"
              "set to read_carry_model() (README, How speakers are attributed).\n"
              "Leave-outlet-out cross-validation on the training corpus:\n" + figures)
    return format_carry_model(model, header)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=default_model_path())
    ap.add_argument("--labels", type=Path, help="a folder of recipes (default: data/real, "
                    "its development part)")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 regularisation")
    ap.add_argument("--check", action="store_true",
                    help="compare with --out instead of writing it (exit 1 if different)")
    ap.add_argument("--table", type=Path, help="also write the training table (CSV)")
    args = ap.parse_args(argv)
    documents, gold = read_dev(args.labels)
    if documents.empty:
        print("no labelled texts present: see data/real/README.md to rebuild them")
        return 0
    table = build_table(documents, gold)
    if args.table:
        write_atomic(args.table, table.to_csv(index=False, float_format="%.6f"))
    row_ok, docs = cross_validate(documents, gold, table, args.folds, args.C)
    figures = report(table, row_ok, docs)
    print(figures)
    source = "data/real development part" if args.labels is None else str(args.labels)
    text = weights_text(table, args.C, figures, source)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'identical' if same else 'DIFFERS from the retrained model'}")
        return 0 if same else 1
    write_atomic(args.out, text)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
