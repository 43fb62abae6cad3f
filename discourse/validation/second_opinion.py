"""A second opinion on the dictionary: a classifier trained on the hand coding.

A dictionary is transparent but misses what its words do not cover; a supervised classifier
learns from the hand coding what the researcher codes, but is a black box (Barberá et al.
2021). Used together, the classifier points at the statements where the dictionary is most
likely wrong:

- :func:`second_opinion` trains the classifier of
  :mod:`discourse.validation.supervised` (TF-IDF words and characters + logistic
  regression, per theme) on the hand-coded statements and flags every statement where it
  disagrees with the dictionary with high confidence: probability >= ``threshold`` while
  the dictionary did not code the theme (``classifier only``), or <= ``1 - threshold``
  while it did (``dictionary only``). The hand-coded statements get out-of-fold
  probabilities (from models that did not see them), so the flags on them are honest. Give
  the table to :func:`discourse.review_coding` (``only=``) to read them in the review.
- :func:`evaluate_second_opinion` scores, by cross-validation on the hand coding (folds by
  document when ``doc_id`` is there, so that statements of one readout are never on both
  sides), the dictionary, the classifier and their combination (the dictionary, overruled
  where the classifier disagrees with high confidence).

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"stmt_id": [f"d.{i}" for i in range(8)], "text": [
...     "cooperation", "help", "cooperation", "help them", "trade", "help", "rain", "sun"],
...     "theme_coop": [1, 0, 1, 0, 1, 0, 0, 0]})
>>> hand = pd.DataFrame({"stmt_id": coded.stmt_id, "theme_coop": [1, 1, 1, 1, 1, 1, 0, 0]})
>>> flags = second_opinion(coded, hand, k=2, threshold=0.6, min_class=2)
>>> sorted(flags.loc[flags.flag == "classifier only", "stmt_id"])
['d.1', 'd.3', 'd.5']
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..errors import AnalysisError, ContractError, ParameterError
from ..schema import require_columns
from .develop import reference_coding
from .supervised import _pipeline

__all__ = ["second_opinion", "evaluate_second_opinion"]

_FLAGS = ("classifier only", "dictionary only")
_METHODS = ("dictionary", "classifier", "dictionary + classifier",
            "dictionary + classifier (add only)")


def _folds(y: np.ndarray, groups: np.ndarray | None, k: int, seed: int):
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    k = int(min(k, y.sum(), len(y) - y.sum()))
    if groups is not None and len(set(groups)) >= k:
        return StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed).split(
            np.zeros(len(y)), y, groups)
    return StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(
        np.zeros(len(y)), y)


def _oof_proba(x, y, groups, k, seed, char_ngrams) -> np.ndarray:
    p = np.full(len(y), np.nan)
    for train, test in _folds(y, groups, k, seed):
        if y[train].min() == y[train].max():
            continue
        model = _pipeline(seed, char_ngrams, 1.0).fit(x[train], y[train])
        p[test] = model.predict_proba(x[test])[:, 1]
    return p


def _prepare(coded, hand, themes, text, k, min_class, where):
    require_columns(coded, ["stmt_id", text], where=where)
    if not isinstance(k, int) or isinstance(k, bool) or k < 2:
        raise ParameterError(f"{where}: k={k!r} is not valid; give a number of folds >= 2")
    ref = reference_coding(hand, themes=themes)
    cols = [c for c in ref.columns[1:] if c in coded.columns]
    if not cols:
        raise ContractError(f"{where}: the coded table has none of the hand coding's theme "
                            f"columns ({', '.join(ref.columns[1:])}); code with the same "
                            "codebook at the top level (levels=1)")
    pos = coded["stmt_id"].reset_index(drop=True)
    row = pd.Series(np.arange(len(pos)), index=pos)
    absent = ~ref["stmt_id"].isin(pos)
    if absent.any():
        raise ContractError(f"{where}: hand-coded stmt_id {ref.loc[absent, 'stmt_id'].iloc[0]!r} "
                            "is not in the coded table")
    usable = [c for c in cols if min(ref[c].sum(), ref[c].notna().sum() - ref[c].sum())
              >= min_class]
    for c in set(cols) - set(usable):
        warnings.warn(f"{where}: {c} left out: fewer than {min_class} positive or negative "
                      "hand-coded statements", stacklevel=3)
    if not usable:
        raise AnalysisError(f"{where}: no theme has {min_class} positive and negative "
                            "hand-coded statements: hand-code more statements")
    return ref, usable, row


def second_opinion(coded: pd.DataFrame, hand: pd.DataFrame, *, themes=None,
                   threshold: float = 0.8, text: str = "text", k: int = 5, seed: int = 0,
                   char_ngrams: bool = True, min_class: int = 5) -> pd.DataFrame:
    """Statements where a classifier trained on the hand coding confidently disagrees with
    the dictionary.

    Parameters
    ----------
    coded
        The dictionary's coded table (stmt_id, text, ``theme_<id>``; doc_id groups the
        folds): every statement is given an opinion.
    hand
        The hand coding of some of them (see
        :func:`discourse.validation.develop.reference_coding`).
    themes
        Theme ids to review (None: every theme of the hand coding).
    threshold
        Confidence needed to flag (a probability in (0.5, 1)).
    text, k, seed, char_ngrams, min_class
        The text column; folds, random state and features of the classifier; the fewest
        positive and negative hand-coded statements a theme needs.

    Returns
    -------
    pandas.DataFrame
        stmt_id, theme, flag (``classifier only``: the classifier codes it, the dictionary
        does not; ``dictionary only``: the reverse), dictionary (0/1), probability, hand
        (the hand code, NaN when not hand-coded), text; most confident first.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"stmt_id": list("abcdef"), "text": ["cooperation", "help",
    ...     "cooperation", "help them", "rain", "sun"], "theme_coop": [1, 0, 1, 0, 0, 0]})
    >>> hand = pd.DataFrame({"stmt_id": list("abcdef"), "theme_coop": [1, 1, 1, 1, 0, 0]})
    >>> second_opinion(coded, hand, k=2, threshold=0.6, min_class=2)["flag"].unique().tolist()
    ['classifier only']
    """
    where = "second_opinion"
    if not 0.5 < threshold < 1:
        raise ParameterError(f"{where}: threshold={threshold!r}; give a probability in (0.5, 1)")
    ref, cols, row = _prepare(coded, hand, themes, text, k, min_class, where)
    x_all = coded[text].astype(str).to_numpy()
    groups = coded["doc_id"].to_numpy() if "doc_id" in coded.columns else None
    rows = []
    for col in cols:
        lab = ref[ref[col].notna()]
        at = row[lab["stmt_id"]].to_numpy()
        y = lab[col].astype(int).to_numpy()
        p = _pipeline(seed, char_ngrams, 1.0).fit(x_all[at], y).predict_proba(x_all)[:, 1]
        p[at] = _oof_proba(x_all[at], y, None if groups is None else groups[at], k, seed,
                           char_ngrams)
        d = coded[col].to_numpy().astype(int)
        hand_code = np.full(len(d), np.nan)
        hand_code[at] = y
        for flag, sel in zip(_FLAGS, ((p >= threshold) & (d == 0), (p <= 1 - threshold) & (d == 1))):
            for i in np.flatnonzero(sel):
                rows.append((coded["stmt_id"].iat[i], col[6:].replace("__", "."), flag, d[i],
                             p[i], hand_code[i], x_all[i]))
    out = pd.DataFrame(rows, columns=["stmt_id", "theme", "flag", "dictionary", "probability",
                                      "hand", "text"])
    conf = (out["probability"] - 0.5).abs()
    return out.assign(_c=conf).sort_values(["_c", "stmt_id", "theme"], ascending=[False, True, True],
                                           kind="stable").drop(columns="_c").reset_index(drop=True)


def _score(name, theme, y, pred):
    tp, fp, fn = int((y & pred).sum()), int((~y & pred).sum()), int((y & ~pred).sum())
    p = tp / (tp + fp) if tp + fp else np.nan
    r = tp / (tp + fn) if tp + fn else np.nan
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else np.nan
    return {"method": name, "theme": theme, "n": len(y), "n_positive": int(y.sum()), "tp": tp,
            "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def evaluate_second_opinion(coded: pd.DataFrame, hand: pd.DataFrame, *, themes=None,
                            threshold: float = 0.8, text: str = "text", k: int = 5,
                            seed: int = 0, char_ngrams: bool = True,
                            min_class: int = 5) -> pd.DataFrame:
    """Cross-validated scores of the dictionary, the classifier and the two combined.

    Parameters
    ----------
    coded, hand, themes, threshold, text, k, seed, char_ngrams, min_class
        As in :func:`second_opinion`; only the hand-coded statements are scored.

    Returns
    -------
    pandas.DataFrame
        method (``dictionary``; ``classifier``: out-of-fold, coded at probability >= 0.5;
        ``dictionary + classifier``: the dictionary, overruled where the classifier's
        out-of-fold probability is >= ``threshold`` or <= ``1 - threshold``;
        ``dictionary + classifier (add only)``: the dictionary's codes plus the classifier's
        confident ones), theme
        (and ``micro``), n, n_positive, tp, fp, fn, precision, recall, f1.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"stmt_id": list("abcdefgh"), "text": ["cooperation", "help",
    ...     "cooperation", "help them", "cooperation", "help us", "rain", "sun"],
    ...     "theme_coop": [1, 0, 1, 0, 1, 0, 0, 0]})
    >>> hand = pd.DataFrame({"stmt_id": coded.stmt_id, "theme_coop": [1] * 6 + [0] * 2})
    >>> ev = evaluate_second_opinion(coded, hand, k=2, min_class=2)
    >>> ev.loc[ev.theme == "micro", ["method", "recall"]].values.tolist()[0]
    ['dictionary', 0.5]
    """
    where = "evaluate_second_opinion"
    ref, cols, row = _prepare(coded, hand, themes, text, k, min_class, where)
    x_all = coded[text].astype(str).to_numpy()
    groups = coded["doc_id"].to_numpy() if "doc_id" in coded.columns else None
    out, pooled = [], {m: [[], []] for m in _METHODS}
    for col in cols:
        lab = ref[ref[col].notna()]
        at = row[lab["stmt_id"]].to_numpy()
        y = lab[col].astype(int).to_numpy() == 1
        p = _oof_proba(x_all[at], y.astype(int), None if groups is None else groups[at], k,
                       seed, char_ngrams)
        d = coded[col].to_numpy()[at] == 1
        both = np.where(p >= threshold, True, np.where(p <= 1 - threshold, False, d))
        for name, pred in zip(_METHODS, (d, p >= 0.5, both, d | (p >= threshold))):
            out.append(_score(name, col[6:].replace("__", "."), y, pred))
            pooled[name][0].append(y)
            pooled[name][1].append(pred)
    for name, (ys, preds) in pooled.items():
        out.append(_score(name, "micro", np.concatenate(ys), np.concatenate(preds)))
    return pd.DataFrame(out)
