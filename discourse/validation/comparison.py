"""The machine coding against the human coding: scores, confusion tables, disagreements.

:func:`compare_coding` scores the machine (a coded table) against the human reference
(precision, recall and F1 per theme with ``sklearn.metrics``, speaker accuracy, confusion
tables); :func:`list_disagreements` lists the statements where they differ, with the words
the machine matched in context, so the researcher can refine the codebook.
:func:`majority_coding` turns several coders into one reference. :mod:`discourse.validation`
documents the whole round trip.

The human codes are the reference: a *false positive* is a statement the machine coded and
the human did not ("machine only"); a *false negative* one the human coded and the machine
missed ("human only"). Precision is NaN when the machine coded no statement with the theme,
recall when the human coded none (``zero_division=nan``): a score that cannot be computed
is not reported as 0.

Examples
--------
>>> import pandas as pd
>>> hand = pd.DataFrame({"coder": ["a", "b", "c"], "stmt_id": "d.1",
...                      "theme_x": [1, 1, 0], "speaker": ["xi", "xi", "hun_sen"]})
>>> majority_coding(hand)
  stmt_id  theme_x speaker  n_coders
0     d.1        1      xi         3
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import ContractError, HandCodingError, ParameterError
from ..schema import as_theme_column, require_columns, theme_columns, theme_id

__all__ = ["majority_coding", "compare_coding", "list_disagreements", "CodingComparison"]


def _mode(values: pd.Series, ties):
    """Majority value of the non-missing values; a tie gives ``ties`` (or missing)."""
    counts = values.dropna().value_counts()
    if counts.empty:
        return pd.NA
    top = counts[counts == counts.iloc[0]]
    if len(top) == 1:
        return top.index[0]
    if ties in (0, 1) and set(top.index) <= {0, 1}:
        return ties
    return pd.NA


def majority_coding(hand: pd.DataFrame, *, coder: str | None = None,
                    ties: str | int = "missing") -> pd.DataFrame:
    """One reference code per statement from one or several coders.

    Parameters
    ----------
    hand
        Long hand coding (see :func:`discourse.read_hand_coding`).
    coder
        Use this coder only; None: the majority of every coder who coded the statement.
    ties
        ``"missing"`` (default): a tie is left missing (the statement leaves that variable's
        comparison); ``1`` or ``0``: a tie on a theme becomes that code (a speaker tie
        stays missing).

    Returns
    -------
    pandas.DataFrame
        stmt_id, the theme columns (``Int64``), speaker (if present), n_coders.

    Examples
    --------
    >>> hand = pd.DataFrame({"coder": ["a", "b"], "stmt_id": "d.1", "theme_x": [1, 0]})
    >>> majority_coding(hand, ties=1)[["stmt_id", "theme_x", "n_coders"]].values.tolist()
    [['d.1', 1, 2]]
    """
    where = "majority_coding"
    require_columns(hand, ["coder", "stmt_id"], where=where)
    if ties not in ("missing", 0, 1):
        raise ParameterError(f"{where}: ties={ties!r} is not valid; use 'missing', 1 or 0")
    if coder is not None:
        coders = sorted(hand["coder"].astype(str).unique())
        if coder not in coders:
            raise ParameterError(f"{where}: coder={coder!r} is not in the hand coding; "
                                 f"coders: {', '.join(coders)}")
        hand = hand[hand["coder"] == coder]
    themes = theme_columns(hand)
    variables = themes + (["speaker"] if "speaker" in hand.columns else [])
    grouped = hand.groupby("stmt_id", sort=False)
    out = pd.DataFrame({"stmt_id": list(grouped.groups)})
    for var in variables:
        out[var] = [_mode(g[var], ties) for _, g in grouped]
    for col in themes:
        out[col] = pd.array(out[col].tolist(), dtype="Int64")
    out["n_coders"] = grouped["coder"].nunique().to_numpy()
    return out


@dataclass(frozen=True)
class CodingComparison:
    """Scores of the machine coding against a human reference.

    Attributes
    ----------
    themes
        One row per theme: theme, n (statements the human coded), human_positive,
        machine_positive, tp, fp, fn, tn, precision, recall, f1, accuracy.
    speaker
        One row: n, n_correct, accuracy (statements with a human speaker).
    confusion
        Theme -> 2 x 2 table (index human 0/1, columns machine 0/1).
    speaker_confusion
        Human speaker (rows) x machine speaker (columns) counts.
    reference
        The human reference used (after :func:`majority_coding`), joined with the machine's.

    Examples
    --------
    >>> coded = pd.DataFrame({"stmt_id": ["d.1"], "theme_x": [1], "speaker": ["xi"]})
    >>> hand = pd.DataFrame({"coder": "a", "stmt_id": ["d.1"], "theme_x": [1], "speaker": ["li"]})
    >>> compare_coding(coded, hand).speaker[["n", "n_correct"]].values.tolist()
    [[1, 0]]
    """

    themes: pd.DataFrame
    speaker: pd.DataFrame
    confusion: dict = field(default_factory=dict)
    speaker_confusion: pd.DataFrame | None = None
    reference: pd.DataFrame | None = None

    def __repr__(self) -> str:
        return f"CodingComparison(\n{self.themes.to_string()}\nspeaker:\n" \
               f"{self.speaker.to_string()}\n)"


def _joined(coded, hand, coder, ties, where):
    require_columns(coded, ["stmt_id"], where=where)
    ref = majority_coding(hand, coder=coder, ties=ties)
    missing = ~ref["stmt_id"].isin(set(coded["stmt_id"]))
    if missing.any():
        bad = ref.loc[missing, "stmt_id"].tolist()[:5]
        raise HandCodingError(f"{where}: {int(missing.sum())} hand-coded statement(s) are not "
                              f"in the coded table: {bad}; code the same corpus (stmt_id "
                              "must match)")
    machine = coded.set_index("stmt_id")
    return ref, machine


def _themes_of(coded, ref, themes, where) -> list[str]:
    both = [c for c in theme_columns(ref) if c in coded.columns]
    if themes is None:
        chosen = both
    else:
        chosen = [as_theme_column(t) for t in ([themes] if isinstance(themes, str) else themes)]
        bad = [c for c in chosen if c not in both]
        if bad:
            raise ParameterError(f"{where}: theme(s) {', '.join(bad)} are not in both the "
                                 f"machine and the human coding; common: {', '.join(both)}")
    if not chosen:
        raise ContractError(f"{where}: the machine and human codings share no theme_* "
                            "column; code both with the same codebook")
    return chosen


def compare_coding(coded: pd.DataFrame, hand: pd.DataFrame, *, themes=None,
                   coder: str | None = None, ties: str | int = "missing") -> CodingComparison:
    """Score the machine coding against the human coding.

    Parameters
    ----------
    coded
        The machine's coded table (stmt_id, theme_* columns, speaker).
    hand
        Long hand coding (one or several coders; see :func:`discourse.read_hand_coding`).
    themes
        Theme ids or columns to score; None: every theme column both have.
    coder, ties
        The reference when there are several coders (see :func:`majority_coding`).

    Returns
    -------
    CodingComparison

    Raises
    ------
    HandCodingError
        If a hand-coded statement is not in ``coded``.

    Examples
    --------
    >>> coded = pd.DataFrame({"stmt_id": ["d.1", "d.2"], "theme_x": [1, 1]})
    >>> hand = pd.DataFrame({"coder": "a", "stmt_id": ["d.1", "d.2"], "theme_x": [1, 0]})
    >>> compare_coding(coded, hand).themes[["theme", "tp", "fp", "precision"]].values.tolist()
    [['x', 1, 1, 0.5]]
    """
    # scikit-learn is slow to import and only needed here: imported on first use
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    where = "compare_coding"
    ref, machine = _joined(coded, hand, coder, ties, where)
    cols = _themes_of(coded, ref, themes, where)
    rows, confusion = [], {}
    for col in cols:
        ok = ref[col].notna().to_numpy()
        human = ref.loc[ok, col].astype(int).to_numpy()
        pred = machine.loc[ref.loc[ok, "stmt_id"], col].astype(int).to_numpy()
        cm = confusion_matrix(human, pred, labels=[0, 1])
        (tn, fp), (fn, tp) = cm.tolist()
        if len(human):
            p, r, f, _ = precision_recall_fscore_support(
                human, pred, average="binary", zero_division=np.nan)
        else:
            p = r = f = np.nan
        rows.append({"theme": theme_id(col), "n": int(ok.sum()),
                     "human_positive": int(human.sum()), "machine_positive": int(pred.sum()),
                     "tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": float(p),
                     "recall": float(r), "f1": float(f),
                     "accuracy": float((human == pred).mean()) if len(human) else np.nan})
        confusion[theme_id(col)] = pd.DataFrame(
            cm, index=pd.Index([0, 1], name="human"), columns=pd.Index([0, 1], name="machine"))
    speaker = pd.DataFrame({"n": [0], "n_correct": [0], "accuracy": [np.nan]})
    sp_conf = None
    if "speaker" in ref.columns and "speaker" in coded.columns:
        ok = ref["speaker"].notna().to_numpy()
        human = ref.loc[ok, "speaker"].astype(str).to_numpy()
        pred = machine.loc[ref.loc[ok, "stmt_id"], "speaker"].astype(str).to_numpy()
        correct = int((human == pred).sum())
        speaker = pd.DataFrame({"n": [int(ok.sum())], "n_correct": [correct],
                                "accuracy": [correct / ok.sum() if ok.any() else np.nan]})
        sp_conf = pd.crosstab(pd.Series(human, name="human"), pd.Series(pred, name="machine"))
    table = ref.merge(machine.reset_index()[["stmt_id"] + cols + (
        ["speaker"] if "speaker" in coded.columns else [])], on="stmt_id",
        suffixes=("_human", "_machine"))
    return CodingComparison(themes=pd.DataFrame(rows), speaker=speaker, confusion=confusion,
                            speaker_confusion=sp_conf, reference=table)


def _evidence(matches, stmt_id, theme, texts, starts, documents, window):
    if matches is None:
        return "", ""
    m = matches[(matches["stmt_id"] == stmt_id)
                & ((matches["theme"] == theme) | matches["theme"].str.startswith(theme + "."))]
    if m.empty:
        return "", ""
    words = "; ".join(f"{w} [{p}]" for w, p in zip(m["matched"], m["pattern"]))
    kw = []
    for row in m.itertuples():
        if documents is not None and row.doc_id in documents:
            text, a, b = documents[row.doc_id], int(row.start), int(row.end)
        else:
            text, a, b = texts[stmt_id], int(row.start) - starts[stmt_id], \
                int(row.end) - starts[stmt_id]
        pre = " ".join(text[max(0, a - window):a].split())
        post = " ".join(text[b:b + window].split())
        kw.append(f"…{pre} [{text[a:b]}] {post}…")
    return words, " | ".join(kw)


def list_disagreements(coded: pd.DataFrame, hand: pd.DataFrame, *,
                       matches: pd.DataFrame | None = None,
                       documents: pd.DataFrame | None = None, themes=None,
                       coder: str | None = None, ties: str | int = "missing",
                       speaker: bool = True, window: int = 40) -> pd.DataFrame:
    """The statements where the machine and the human disagree, with the machine's evidence.

    Parameters
    ----------
    coded
        The machine's coded table (stmt_id, text, theme_* columns, speaker).
    hand
        Long hand coding (see :func:`discourse.read_hand_coding`).
    matches
        The matches table of the coding (:func:`discourse.find_matches`): gives the words
        that made each machine code and their key words in context.
    documents
        The documents table (doc_id, text): the context then runs across statements.
    themes, coder, ties
        As in :func:`compare_coding`.
    speaker
        Also list the statements whose speaker differs.
    window
        Characters of context on each side of a matched word.

    Returns
    -------
    pandas.DataFrame
        stmt_id, theme (``speaker`` for a speaker row), kind (``machine only``, ``human
        only``, ``speaker``), machine, human (as text), text, evidence (matched words with
        their pattern in brackets), kwic. In the order of the coded table, themes in order.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"stmt_id": ["d.1"], "text": ["Amitié de fer."],
    ...                       "theme_friendship": [0]})
    >>> hand = pd.DataFrame({"coder": "a", "stmt_id": ["d.1"], "theme_friendship": [1]})
    >>> list_disagreements(coded, hand)[["stmt_id", "theme", "kind", "machine", "human"]]
      stmt_id       theme        kind machine human
    0     d.1  friendship  human only       0     1
    """
    where = "list_disagreements"
    require_columns(coded, ["stmt_id", "text"], where=where)
    ref, machine = _joined(coded, hand, coder, ties, where)
    cols = _themes_of(coded, ref, themes, where)
    if matches is not None:
        require_columns(matches, ["stmt_id", "theme", "pattern", "matched", "start", "end"],
                        where=f"{where} (matches=)")
    docs = None
    if documents is not None:
        require_columns(documents, ["doc_id", "text"], where=f"{where} (documents=)")
        if matches is not None:
            require_columns(matches, ["doc_id"], where=f"{where} (matches=)")
        docs = dict(zip(documents["doc_id"], documents["text"]))
    texts = dict(zip(coded["stmt_id"], coded["text"].astype(str)))
    starts = dict(zip(coded["stmt_id"], coded["start"])) if "start" in coded.columns else {}
    if matches is not None and not starts and docs is None:
        raise ContractError(f"{where}: to show the matches in context the coded table needs "
                            "its start column (or pass documents=)")
    order = {s: i for i, s in enumerate(coded["stmt_id"])}
    out = []
    for _, r in ref.iterrows():
        sid = r["stmt_id"]
        for col in cols:
            h = r[col]
            if pd.isna(h):
                continue
            m = int(machine.at[sid, col])
            if m != int(h):
                words, kw = _evidence(matches, sid, theme_id(col), texts, starts, docs, window)
                out.append((order[sid], sid, theme_id(col),
                            "machine only" if m else "human only", str(m), str(int(h)),
                            texts[sid], words, kw))
        if speaker and "speaker" in ref.columns and "speaker" in coded.columns \
                and pd.notna(r["speaker"]):
            m = str(machine.at[sid, "speaker"])
            if m != str(r["speaker"]):
                out.append((order[sid], sid, "speaker", "speaker", m, str(r["speaker"]),
                            texts[sid], "", ""))
    frame = pd.DataFrame(out, columns=["_o", "stmt_id", "theme", "kind", "machine", "human",
                                       "text", "evidence", "kwic"])
    frame = frame.sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)
    return frame.astype({c: str for c in frame.columns}) if len(frame) else frame
