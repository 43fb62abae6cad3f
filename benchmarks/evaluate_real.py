"""Measure speaker attribution and theme coding on the real published readouts.

The texts are rebuilt from their recipes (``data/real/docs/*.yml``, see
``benchmarks/real_corpus.py``) into the git-ignored ``data/real/texts/``; this script reads
them, runs discourse's own pipeline (its sentence splitter, the default actors and codebook),
aligns each gold statement with the predicted statement that covers most of it, and reports:

- speaker accuracy overall, per part (dev/test), language, outlet, gold cue, for the
  non-Chinese side's statements, and side accuracy;
- the speaker confusion table (gold kind x predicted kind);
- theme precision, recall and F1 per theme and micro-F1, per part and language (documents
  whose themes were labelled);
- the attribution stage's throughput (timed after a warm-up run on a few documents);
- the name variants matched to actors with a tolerance ("Zhang Dejianq").

``--part sets`` reports the same figures for the self-written evaluation sets
(``tests/data/attribution*``, each with its own actors file, cut by discourse's splitter).

Usage::

    python benchmarks/evaluate_real.py [--part dev|test|all|sets] [--errors N] [--lang fr]
                                       [--batch fr_fresh]

A statement's gold speaker (a name as written in the document) is matched to an actor of the
actors file (aliases, accents and honorifics ignored), otherwise to the slug of the name, as
discourse names speakers who are not in the actors file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
import unicodedata
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from discourse import (attribute_speakers, code_themes, read_actors, read_codebook,  # noqa: E402
                       slug_name, split_statements)
from discourse.speakers.evaluation import (evaluate_attribution,  # noqa: E402
                                           known_gold_ids, read_attribution_gold)
from discourse.speakers.known_people import with_known_people  # noqa: E402

REAL = ROOT / "data" / "real"
SPECIAL = {"narrator", "joint", "unknown"}
NON_CN = "non-CN"


def read_split() -> dict[str, str]:
    path = REAL / "split.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return {r["doc_id"]: r["part"] for r in csv.DictReader(fh)}


def read_real(langs=None) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Documents and gold statements of the real corpus whose text is present and intact."""
    split = read_split()
    docs, gold, missing = [], [], []
    for p in sorted((REAL / "docs").glob("*.yml")):
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        if langs and d["lang"] not in langs:
            continue
        tp = REAL / "texts" / f"{d['doc_id']}.txt"
        text = tp.read_text(encoding="utf-8") if tp.exists() else None
        if text is None or hashlib.sha256(text.encode()).hexdigest() != d["text_sha256"]:
            missing.append(d["doc_id"])
            continue
        part = split.get(d["doc_id"], "unsplit")
        docs.append({"doc_id": d["doc_id"], "text": text, "lang": d["lang"],
                     "date": str(d["date"])[:10] if len(str(d["date"])) >= 10 else None,
                     "title": d["title"], "source": d["outlet"], "path": str(tp)})
        for n, (s, e, speaker, side, cue, themes) in enumerate(d["statements"]):
            gold.append({"doc_id": d["doc_id"], "n": n, "start": s, "end": e,
                         "gold_name": speaker, "gold_side": side or "", "gold_cue": cue or "",
                         "gold_themes": themes or "", "themes_labelled": d["themes_labelled"],
                         "lang": d["lang"], "outlet": d["outlet"], "part": part,
                         "batch": d.get("batch", "")})
    return pd.DataFrame(docs), pd.DataFrame(gold), missing


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


def gold_speaker_ids(gold: pd.DataFrame, actors) -> pd.Series:
    """The actor id (or slug) of each gold speaker name."""
    index = {}
    for a in actors.actors.values() if hasattr(actors, "actors") else []:
        index[_fold(a.name)] = a.id
    out = []
    for name, lang, doc_date in zip(gold["gold_name"], gold["lang"], gold.get("date", [None] * len(gold))):
        if name in SPECIAL:
            out.append(name)
            continue
        hit = index.get(_fold(name))
        if hit is None:
            try:
                hit = actors.resolve(name, lang=lang if lang in ("fr", "en") else None)
            except Exception:  # an ambiguous alias: fall back to the slug
                hit = None
        out.append(hit or slug_name(name))
    return pd.Series(out, index=gold.index)


def align(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """For each gold statement, the predicted statement that overlaps it most."""
    rows = []
    by_doc = {k: g for k, g in pred.groupby("doc_id", sort=False)}
    for g in gold.itertuples():
        cand = by_doc.get(g.doc_id)
        best, overlap = None, 0
        if cand is not None:
            ov = (cand["end"].clip(upper=g.end) - cand["start"].clip(lower=g.start))
            i = ov.idxmax()
            if ov[i] > 0:
                best, overlap = i, ov[i]
        rows.append(best)
    return pd.DataFrame({"pred_index": rows}, index=gold.index)


def lenient_match(gold: str, pred: str) -> bool:
    """Equal, or the same person under a variant id: one id's words contain the other's
    surname-bearing words ("say_chhum" / "pheakdei_say_chhum", "nguyen_tan_dung" / "pm_dung")."""
    if gold == pred:
        return True
    if gold in SPECIAL or pred in SPECIAL or not isinstance(pred, str):
        return False
    g, p = set(gold.split("_")), set(pred.split("_"))
    return bool(g and p) and (g <= p or p <= g or (len(g & p) >= 1 and gold.split("_")[-1]
                                                   == pred.split("_")[-1]))


def kind(speaker: str, side: str) -> str:
    if speaker in SPECIAL:
        return speaker
    if not side:
        return "named, no side"
    return "CN" if side == "CN" else NON_CN


def rate(df: pd.DataFrame, by: str, col: str = "correct") -> pd.DataFrame:
    t = df.groupby(by)[col].agg(["size", "sum", "mean"])
    t.columns = ["n", "n_correct", "accuracy"]
    return t


def theme_scores(df: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    rows, tp_all, fp_all, fn_all = [], 0, 0, 0
    for t in themes:
        g = df["gold_themes"].str.split(";").apply(lambda x: t in x)
        p = df[f"theme_{t}"].astype(bool)
        tp, fp, fn = int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        rows.append(_prf(t, tp, fp, fn))
    rows.append(_prf("micro", tp_all, fp_all, fn_all))
    return pd.DataFrame(rows).set_index("theme")


def _prf(name, tp, fp, fn) -> dict:
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if tp else (0.0 if fp + fn else float("nan"))
    return {"theme": name, "n_gold": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": p, "recall": r, "f1": f}


def report(df: pd.DataFrame, mb: float, seconds: float, n_statements: int) -> None:
    """Print speaker accuracy per language, outlet, cue and side, the confusion, throughput.

    ``df`` has one row per gold statement: gold_speaker, gold_side, gold_cue, speaker,
    side, lang, outlet (and part).
    """
    df["correct"] = df["gold_speaker"] == df["speaker"]
    df["lenient"] = [lenient_match(g, p) for g, p in zip(df["gold_speaker"], df["speaker"])]
    df["side_correct"] = df["gold_side"].fillna("").replace({"joint": ""}) == \
        df["side"].fillna("").replace({"joint": ""})
    df["gold_kind"] = [kind(s, d) for s, d in zip(df["gold_speaker"], df["gold_side"])]
    df["pred_kind"] = [kind(s, d) for s, d in zip(df["speaker"], df["side"].fillna(""))]
    print(f"speaker accuracy: {df['correct'].mean():.3f}   side accuracy: "
          f"{df['side_correct'].mean():.3f}   lenient speaker accuracy (name variants and "
          f"title words in ids forgiven): {df['lenient'].mean():.3f}")
    nonc = df[df["gold_kind"] == NON_CN]
    if len(nonc):
        print(f"non-Chinese side's statements: {nonc['correct'].mean():.3f} (n={len(nonc)})")
    print("\nper language:\n" + rate(df, "lang").to_string(float_format="%.3f"))
    if "part" in df:
        print("\nper part:\n" + rate(df, "part").to_string(float_format="%.3f"))
    print("\nper gold kind:\n" + rate(df, "gold_kind").to_string(float_format="%.3f"))
    print("\nper gold cue:\n" + rate(df, "gold_cue").to_string(float_format="%.3f"))
    print("\nper outlet:\n" + rate(df, "outlet").sort_values("n", ascending=False)
          .head(25).to_string(float_format="%.3f"))
    print("\nconfusion (gold kind x predicted kind):")
    print(pd.crosstab(df["gold_kind"], df["pred_kind"]).to_string())
    print(f"\nattribution throughput: {mb / max(seconds, 1e-9):.2f} MB/s "
          f"({n_statements} statements in {seconds:.2f} s, timed after a warm-up run)")


def timed_attribution(statements: pd.DataFrame, documents: pd.DataFrame, actors,
                      warm_documents: int = 2, parser: str = "off",
                      known: str = "default") -> tuple[pd.DataFrame, float]:
    """The attributed statements and the seconds the stage took on them, timed after a
    warm-up: the stage is first run on the statements of ``warm_documents`` documents of
    each language, so that the one-off set-up (compiling each language's cue rules, the
    actors' alias tables) is not counted as the corpus's throughput."""
    warm = documents.groupby("lang", sort=True).head(warm_documents)["doc_id"]
    attribute_speakers(statements[statements["doc_id"].isin(set(warm))].reset_index(drop=True),
                       actors=actors, parser=parser, known_people=known)
    t0 = time.perf_counter()
    attributed = attribute_speakers(statements, actors=actors, parser=parser,
                                    known_people=known)
    return attributed, time.perf_counter() - t0


def evaluate_sets(langs, parser: str = "off") -> int:
    """The same report for the self-written evaluation sets (tests/data/attribution*)."""
    for folder in sorted((ROOT / "tests" / "data").glob("attribution*")):
        actors_path = folder / "actors.yml"
        actors = read_actors(actors_path if actors_path.exists() else None)
        documents, gold = read_attribution_gold(folder)
        if langs:
            documents = documents[documents["lang"].isin(langs)].reset_index(drop=True)
            gold = gold[gold["lang"].isin(langs)].reset_index(drop=True)
        statements = split_statements(documents)
        attributed, seconds = timed_attribution(statements, documents, actors,
                                                parser=parser)
        ev = evaluate_attribution(attributed, gold)
        a = ev.aligned
        sides = dict(zip(attributed["stmt_id"], attributed["side"]))
        outlets = dict(zip(documents["doc_id"], documents["source"].fillna("")))
        df = pd.DataFrame({
            "gold_speaker": a["gold"], "speaker": a["predicted"],
            "gold_cue": a["gold_cue"], "lang": a["lang"],
            "gold_side": [actors[g].side if g in actors else ("joint" if g == "joint" else "")
                          for g in a["gold"]],
            "side": [sides.get(s) for s in a["stmt_id"]],
            "outlet": [outlets.get(d) or "(none)" for d in a["doc_id"]]})
        df["side"] = df["side"].astype(object).where(df["side"].notna(), None)
        print(f"\n=== {folder.name}: {len(documents)} documents, {len(df)} gold sentences "
              f"(split by discourse; these sets give no gold side for speakers outside "
              f"their actors file, so side accuracy is a lower bound) ===")
        report(df, documents["text"].str.len().sum() / 1e6, seconds, len(statements))
    return 0


def print_theme_errors(themed: pd.DataFrame, theme_ids: list[str], n: int) -> None:
    """The first ``n`` theme misses and false alarms, with the text and the codes given."""
    shown = 0
    for r in themed.itertuples():
        gold = {t for t in str(r.gold_themes).split(";") if t}
        pred = {t for t in theme_ids if bool(getattr(r, f"theme_{t}"))}
        if gold == pred or shown >= n:
            continue
        shown += 1
        miss, false = sorted(gold - pred), sorted(pred - gold)
        print(f"- [{r.doc_id}#{r.n}] missed={miss} false={false} speaker={r.gold_speaker}")
        print(f"    {str(getattr(r, 'text', ''))[:300]!r}")


def evaluate(part: str, langs, n_errors: int, n_theme_errors: int = 0,
             parser: str = "off", batches=None, known: str = "default") -> int:
    documents, gold, missing = read_real(langs)
    if missing:
        print(f"{len(missing)} document(s) without their text (rebuild them: "
              f"python benchmarks/real_corpus.py status): {', '.join(missing[:5])}...")
    if documents.empty:
        print("no real texts present: see data/real/README.md to rebuild them")
        return 0
    excluded = set(gold.loc[gold["part"] == "excluded", "doc_id"])
    documents = documents[~documents["doc_id"].isin(excluded)].reset_index(drop=True)
    gold = gold[~gold["doc_id"].isin(excluded)].reset_index(drop=True)
    if part != "all":
        keep = set(gold.loc[gold["part"] == part, "doc_id"])
        documents = documents[documents["doc_id"].isin(keep)].reset_index(drop=True)
        gold = gold[gold["doc_id"].isin(keep)].reset_index(drop=True)
    if batches:
        keep = set(gold.loc[gold["batch"].isin(batches), "doc_id"])
        documents = documents[documents["doc_id"].isin(keep)].reset_index(drop=True)
        gold = gold[gold["doc_id"].isin(keep)].reset_index(drop=True)
    actors = with_known_people(read_actors(), known_people=known)
    statements = split_statements(documents)
    attributed, seconds = timed_attribution(statements, documents, actors, parser=parser,
                                            known=known)
    mb = documents["text"].str.len().sum() / 1e6
    coded = code_themes(attributed, codebook=read_codebook())
    gold["gold_speaker"] = gold_speaker_ids(gold, actors)
    if known != "none":
        gold["gold_speaker"], n_mapped = known_gold_ids(gold["gold_speaker"], actors)
        known_ids = set(actors) - set(read_actors())
        n_known = int(gold["gold_speaker"].isin(known_ids).sum())
        print(f"known people: {n_mapped} gold id(s) read as a known person's id "
              "(the slug of their id or of a Latin alias; the labels are unchanged); "
              f"{n_known} gold statement(s) by {gold.loc[gold['gold_speaker'].isin(known_ids), 'gold_speaker'].nunique()} known people")
    idx = align(coded, gold)["pred_index"]
    pred = coded.loc[idx.fillna(-1).astype(int).clip(lower=0)].reset_index(drop=True)
    pred.loc[idx.isna().to_numpy(), "speaker"] = "<none>"
    df = pd.concat([gold.reset_index(drop=True), pred.drop(columns=["doc_id", "start", "end",
                    "lang"], errors="ignore")], axis=1)
    pd.set_option("display.width", 200)
    print(f"known people: {known}")
    print(f"part: {part}; {len(documents)} documents, {len(df)} gold statements, "
          f"{mb:.3f} MB")
    report(df, mb, seconds, len(statements))
    variants = attributed.attrs.get("name_variants") or {}
    if variants:
        print("\nname variants matched to actors: " + ", ".join(
            f"{v} -> {a}" for v, a in variants.items()))
    themed = df[df["themes_labelled"].astype(bool)]
    theme_ids = [c[6:] for c in coded.columns if c.startswith("theme_") and "." not in c[6:] and "__" not in c
                 and c != "themes"]
    if len(themed):
        print(f"\nthemes ({len(themed)} statements with labelled themes):")
        print(theme_scores(themed, theme_ids).to_string(float_format="%.3f"))
        for lang, g in themed.groupby("lang"):
            s = theme_scores(g, theme_ids)
            print(f"  {lang}: micro-F1 {s.loc['micro', 'f1']:.3f} (n={len(g)}); " + ", ".join(
                f"{t} {s.loc[t, 'f1']:.2f}" for t in theme_ids))
        if n_theme_errors:
            print_theme_errors(themed, theme_ids, n_theme_errors)
    if n_errors:
        errs = df[~df["correct"]].head(n_errors)
        for r in errs.itertuples():
            print(f"- [{r.doc_id}#{r.n}] gold={r.gold_speaker} ({r.gold_cue}) "
                  f"pred={r.speaker} ({r.cue}: {r.cue_text!r})")
            print(f"    {str(getattr(r, 'text', ''))[:220]!r}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("dev", "test", "all", "sets"), default="dev")
    ap.add_argument("--lang", action="append", help="only these languages (repeatable)")
    ap.add_argument("--batch", action="append",
                    help="only the documents of these labelling batches (repeatable; e.g. "
                         "fr_fresh: text the rules had not seen when it was labelled)")
    ap.add_argument("--errors", type=int, default=0, help="print the first N speaker errors")
    ap.add_argument("--theme-errors", type=int, default=0,
                    help="print the first N statements whose themes differ from the gold")
    ap.add_argument("--parser", choices=("off", "auto", "always"), default="off",
                    help="the dependency parser where the rules are unsure (French; "
                         "see discourse.speakers.parse)")
    ap.add_argument("--known-people", default="default", metavar="default|none|PATH",
                    help="the known world figures behind the actors file "
                         "(discourse.speakers.known_people)")
    args = ap.parse_args(argv)
    if (args.errors or args.theme_errors) and args.part != "dev":
        ap.error("--errors and --theme-errors list the development part only: never tune on "
                 "the test part")
    if args.part == "sets":
        return evaluate_sets(args.lang, args.parser)
    return evaluate(args.part, args.lang, args.errors, args.theme_errors, args.parser,
                    args.batch, args.known_people)


if __name__ == "__main__":
    raise SystemExit(main())
