"""A supervised baseline: learn the themes from hand-coded statements (scikit-learn).

One binary classifier per theme: a :class:`sklearn.pipeline.Pipeline` of TF-IDF features
(word 1-2 grams, optionally plus character 2-5 grams within word boundaries, which cope
better with French inflection) and a ``LogisticRegression(class_weight="balanced")``.

- :func:`train_theme_classifier` fits it on hand-coded statements (text + ``theme_*``);
- :func:`cross_validate_themes` estimates how well it would do on new statements
  (stratified k-fold, out-of-fold predictions, precision / recall / F1 per theme);
- :func:`compare_with_dictionary` puts the dictionary's scores (the codebook) and the
  classifier's cross-validated scores side by side on the same statements;
- :func:`suggest_themes` gives a probability per theme for uncoded statements.

Small samples
    A classifier learns nothing reliable from a handful of examples. Cross-validation needs
    at least ``min_statements`` (default 50) statements, and a theme at least ``min_class``
    (default 5) positive and 5 negative statements; with fewer its row says so (and a
    warning is given), and if no theme has enough an
    :class:`~discourse.errors.AnalysisError` is raised. The 14 statements of the sample
    readout are far too few to train on: use a hand-coded sample of some hundreds of
    statements (the package's own demonstration uses 143 hand-labelled sentences of
    ``tests/data/validation/eval_themes.csv``, and even there anti-Cold War framing has only
    4 positives). With k folds of n statements, each score rests on few positives: read them
    as rough.

Examples
--------
>>> import pandas as pd
>>> data = pd.DataFrame({"text": ["amitié de fer", "coopération", "amitié", "commerce"] * 3,
...                      "theme_friendship": [1, 0, 1, 0] * 3})
>>> model = train_theme_classifier(data)
>>> suggest_themes(model, pd.DataFrame({"text": ["une amitié sincère"]}))["suggested"].tolist()
['friendship']
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import AnalysisError, ContractError, ParameterError
from ..schema import THEME_PREFIX, as_theme_column, theme_columns, theme_id

__all__ = ["ThemeClassifier", "train_theme_classifier", "cross_validate_themes",
           "compare_with_dictionary", "suggest_themes"]

_SMALL = ("the sample is too small to train a classifier; hand-code more statements (some "
          "hundreds, with at least {m} positive and {m} negative statements per theme)")


@dataclass(frozen=True)
class ThemeClassifier:
    """Fitted classifiers, one per theme.

    Attributes
    ----------
    models
        Theme column -> fitted sklearn Pipeline (TF-IDF + logistic regression).
    text
        The text column the models read.
    n_train
        Theme column -> number of training statements (positives, negatives).
    params
        The options of the training (seed, char_ngrams, C).

    Examples
    --------
    >>> data = pd.DataFrame({"text": ["amitié", "commerce"] * 6, "theme_friendship": [1, 0] * 6})
    >>> train_theme_classifier(data).themes
    ['theme_friendship']
    """

    models: dict
    text: str = "text"
    n_train: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)

    @property
    def themes(self) -> list[str]:
        """The theme columns, in training order."""
        return list(self.models)


def _pipeline(seed: int, char_ngrams: bool, C: float):
    # scikit-learn is slow to import and only needed here: imported on first use
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents=None,
                            lowercase=True, token_pattern=r"(?u)\b\w\w+\b")
    if char_ngrams:
        feats = FeatureUnion([("words", words), ("chars", TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True))])
    else:
        feats = words
    clf = LogisticRegression(class_weight="balanced", C=C, max_iter=2000, random_state=seed)
    return Pipeline([("features", feats), ("classifier", clf)])


def _themes(data: pd.DataFrame, text: str, themes, where: str) -> list[str]:
    if not isinstance(data, pd.DataFrame):
        raise ContractError(f"{where}: expected a pandas DataFrame, got {type(data).__name__}")
    if text not in data.columns:
        raise ContractError(f"{where}: no text column {text!r}; columns: "
                            f"{', '.join(map(str, data.columns))}; pass text='...'")
    have = theme_columns(data)
    if themes is None:
        chosen = have
    else:
        chosen = [as_theme_column(t) for t in ([themes] if isinstance(themes, str) else themes)]
        bad = [c for c in chosen if c not in have]
        if bad:
            raise ContractError(f"{where}: no column(s) {', '.join(bad)}; theme columns: "
                                f"{', '.join(have) or 'none'}")
    if not chosen:
        raise ContractError(f"{where}: no theme_* column to learn; hand-code statements "
                            "first (read_hand_coding, majority_coding)")
    return chosen


def _labelled(data: pd.DataFrame, text: str, col: str):
    ok = data[col].notna().to_numpy()
    x = data.loc[ok, text].astype(str).to_numpy()
    y = data.loc[ok, col].astype(int).to_numpy()
    return x, y, ok


def train_theme_classifier(data: pd.DataFrame, *, text: str = "text", themes=None,
                           seed: int = 0, char_ngrams: bool = False,
                           C: float = 1.0) -> ThemeClassifier:
    """Fit one TF-IDF + logistic-regression classifier per theme.

    Parameters
    ----------
    data
        Hand-coded statements: a text column and ``theme_*`` 0/1 columns (missing = not
        coded: left out). One row per statement: reduce several coders first with
        :func:`discourse.majority_coding` and join the texts.
    text
        The text column.
    themes
        Theme ids or columns to learn; None: every ``theme_*`` column.
    seed
        ``random_state`` of the classifier.
    char_ngrams
        Add character 2-5 grams to the word 1-2 grams.
    C
        Inverse regularisation strength of the logistic regression.

    Returns
    -------
    ThemeClassifier

    Raises
    ------
    AnalysisError
        If a theme has only one class (all 0 or all 1): nothing to learn.

    Examples
    --------
    >>> data = pd.DataFrame({"text": ["amitié", "commerce"] * 6, "theme_friendship": [1, 0] * 6})
    >>> train_theme_classifier(data).n_train
    {'theme_friendship': (6, 6)}
    """
    where = "train_theme_classifier"
    cols = _themes(data, text, themes, where)
    models, sizes = {}, {}
    for col in cols:
        x, y, _ = _labelled(data, text, col)
        pos = int(y.sum())
        if pos == 0 or pos == len(y):
            raise AnalysisError(f"{where}: {col} has {pos} positive and {len(y) - pos} "
                                "negative statements: a classifier needs both; "
                                + _SMALL.format(m=5))
        if min(pos, len(y) - pos) < 5:
            warnings.warn(f"{where}: {col} has only {pos} positive and {len(y) - pos} negative "
                          "statements; the classifier will be unreliable", stacklevel=2)
        models[col] = _pipeline(seed, char_ngrams, C).fit(x, y)
        sizes[col] = (pos, len(y) - pos)
    return ThemeClassifier(models=models, text=text, n_train=sizes,
                           params={"seed": seed, "char_ngrams": char_ngrams, "C": C})


def _oof(x, y, k, seed, char_ngrams, C):
    # scikit-learn is slow to import and only needed here: imported on first use
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return cross_val_predict(_pipeline(seed, char_ngrams, C), x, y, cv=folds)


def _scores(y, pred) -> dict:
    # scikit-learn is slow to import and only needed here: imported on first use
    from sklearn.metrics import precision_recall_fscore_support

    p, r, f, _ = precision_recall_fscore_support(y, pred, average="binary",
                                                 zero_division=np.nan)
    return {"precision": float(p), "recall": float(r), "f1": float(f)}


def cross_validate_themes(data: pd.DataFrame, *, text: str = "text", themes=None,
                          k: int = 5, seed: int = 0, char_ngrams: bool = False,
                          C: float = 1.0, min_class: int = 5,
                          min_statements: int = 50) -> pd.DataFrame:
    """Cross-validated precision, recall and F1 of the classifier, per theme.

    Stratified k-fold (shuffled with ``seed``); the scores are computed on the pooled
    out-of-fold predictions. ``k`` is reduced to the size of the smaller class when that is
    below ``k`` (the row's ``k`` says so).

    Returns
    -------
    pandas.DataFrame
        theme, n, n_positive, k, precision, recall, f1, note (why a theme was not
        cross-validated: fewer than ``min_class`` positive or negative statements).

    Raises
    ------
    AnalysisError
        If fewer than ``min_statements`` statements are given, or no theme has
        ``min_class`` positive and negative statements: the message says that the sample is
        too small. ParameterError for a bad ``k`` or ``min_class``.

    Warns
    -----
    UserWarning
        For each theme left out.

    Examples
    --------
    >>> data = pd.DataFrame({"text": ["amitié de fer", "commerce"] * 30,
    ...                      "theme_friendship": [1, 0] * 30})
    >>> cross_validate_themes(data, k=3)[["theme", "n", "k", "f1"]].values.tolist()
    [['friendship', 60, 3, 1.0]]
    """
    where = "cross_validate_themes"
    cols = _themes(data, text, themes, where)
    if not isinstance(k, int) or isinstance(k, bool) or k < 2:
        raise ParameterError(f"{where}: k={k!r} is not valid; give a number of folds >= 2")
    if not isinstance(min_class, int) or min_class < 2:
        raise ParameterError(f"{where}: min_class={min_class!r} is not valid; give an int >= 2")
    if len(data) < min_statements:
        raise AnalysisError(f"{where}: only {len(data)} hand-coded statements: far too few to "
                            f"train and evaluate a classifier (min_statements="
                            f"{min_statements}); " + _SMALL.format(m=min_class))
    rows = []
    for col in cols:
        x, y, _ = _labelled(data, text, col)
        pos, neg = int(y.sum()), int(len(y) - y.sum())
        row = {"theme": theme_id(col), "n": len(y),
               "n_positive": pos, "k": 0, "precision": np.nan, "recall": np.nan,
               "f1": np.nan, "note": ""}
        if min(pos, neg) < min_class:
            row["note"] = (f"not cross-validated: {pos} positive and {neg} negative "
                           f"statements (at least {min_class} of each needed)")
            warnings.warn(f"{where}: {col}: {row['note']}", stacklevel=2)
        else:
            kk = min(k, pos, neg)
            row["k"] = kk
            if kk < k:
                row["note"] = f"k reduced from {k} to {kk} (smaller class)"
            row.update(_scores(y, _oof(x, y, kk, seed, char_ngrams, C)))
        rows.append(row)
    out = pd.DataFrame(rows)
    if (out["k"] == 0).all():
        raise AnalysisError(f"{where}: no theme has {min_class} positive and {min_class} "
                            f"negative statements among the {len(data)} given: "
                            + _SMALL.format(m=min_class))
    return out


def compare_with_dictionary(coded: pd.DataFrame, labels: pd.DataFrame, *,
                            text: str = "text", themes=None, k: int = 5, seed: int = 0,
                            char_ngrams: bool = False, min_class: int = 5,
                            min_statements: int = 50) -> pd.DataFrame:
    """The dictionary and the classifier scored against the same human labels.

    Parameters
    ----------
    coded
        The machine coding (stmt_id, theme_* columns) of the labelled statements.
    labels
        One row per statement: stmt_id, the text column, human ``theme_*`` codes.
    text, themes, k, seed, char_ngrams, min_class, min_statements
        As in :func:`cross_validate_themes`.

    Returns
    -------
    pandas.DataFrame
        theme, n, n_positive, dictionary_precision, dictionary_recall, dictionary_f1,
        classifier_precision, classifier_recall, classifier_f1 (cross-validated: an
        estimate for new statements, while the dictionary was not fitted on them), k, note.

    Examples
    --------
    >>> labels = pd.DataFrame({"stmt_id": [f"s{i}" for i in range(60)],
    ...                        "text": ["amitié de fer", "commerce"] * 30,
    ...                        "theme_friendship": [1, 0] * 30})
    >>> coded = labels[["stmt_id", "theme_friendship"]]
    >>> compare_with_dictionary(coded, labels, k=3)[["theme", "dictionary_f1"]].values.tolist()
    [['friendship', 1.0]]
    """
    where = "compare_with_dictionary"
    cols = _themes(labels, text, themes, where)
    for frame, name in ((coded, "coded"), (labels, "labels")):
        if "stmt_id" not in frame.columns:
            raise ContractError(f"{where}: the {name} table lacks stmt_id")
    missing = [c for c in cols if c not in coded.columns]
    if missing:
        raise ContractError(f"{where}: the coded table lacks {', '.join(missing)}; code with "
                            "the same codebook (levels) as the labels")
    machine = coded.set_index("stmt_id")
    absent = ~labels["stmt_id"].isin(machine.index)
    if absent.any():
        raise ContractError(f"{where}: {int(absent.sum())} labelled statement(s) are not in "
                            f"the coded table, e.g. {labels.loc[absent, 'stmt_id'].iloc[0]!r}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            cv = cross_validate_themes(labels, text=text, themes=cols, k=k, seed=seed,
                                       char_ngrams=char_ngrams, min_class=min_class,
                                       min_statements=min_statements)
        except AnalysisError:
            cv = pd.DataFrame({"theme": [theme_id(c) for c in cols],
                               "k": 0, "precision": np.nan, "recall": np.nan, "f1": np.nan,
                               "note": "too few examples to cross-validate"})
    rows = []
    for col, c in zip(cols, cv.itertuples()):
        ok = labels[col].notna().to_numpy()
        y = labels.loc[ok, col].astype(int).to_numpy()
        pred = machine.loc[labels.loc[ok, "stmt_id"], col].astype(int).to_numpy()
        d = _scores(y, pred)
        rows.append({"theme": c.theme, "n": len(y), "n_positive": int(y.sum()),
                     "dictionary_precision": d["precision"], "dictionary_recall": d["recall"],
                     "dictionary_f1": d["f1"], "classifier_precision": c.precision,
                     "classifier_recall": c.recall, "classifier_f1": c.f1, "k": c.k,
                     "note": c.note})
    return pd.DataFrame(rows)


def suggest_themes(model: ThemeClassifier, statements: pd.DataFrame, *,
                   threshold: float = 0.5) -> pd.DataFrame:
    """Probability of each theme for (uncoded) statements.

    Returns
    -------
    pandas.DataFrame
        stmt_id (if the input has it), ``p_<theme>`` per theme (probability of the
        positive class), ``suggested`` (themes with a probability >= ``threshold``, sorted,
        joined by ``;``).

    Examples
    --------
    >>> data = pd.DataFrame({"text": ["amitié", "commerce"] * 6, "theme_friendship": [1, 0] * 6})
    >>> model = train_theme_classifier(data)
    >>> suggest_themes(model, pd.DataFrame({"text": ["amitié"]}))["suggested"].tolist()
    ['friendship']
    """
    where = "suggest_themes"
    if not isinstance(model, ThemeClassifier):
        raise ParameterError(f"{where}: model must be a ThemeClassifier (from "
                             f"train_theme_classifier), got {type(model).__name__}")
    if model.text not in statements.columns:
        raise ContractError(f"{where}: the statements lack the text column {model.text!r}")
    if not 0 < threshold < 1:
        raise ParameterError(f"{where}: threshold={threshold!r}; give a probability in (0, 1)")
    x = statements[model.text].astype(str).to_numpy()
    out = pd.DataFrame(index=statements.index)
    if "stmt_id" in statements.columns:
        out["stmt_id"] = statements["stmt_id"]
    names = {}
    for col, pipe in model.models.items():
        name = col[len(THEME_PREFIX):]      # p_<id>, the dots written __ as in the column
        names[name] = "p_" + name
        out["p_" + name] = pipe.predict_proba(x)[:, 1] if len(x) else []
    out["suggested"] = [";".join(sorted(theme_id(THEME_PREFIX + n) for n, c in names.items()
                                        if row[c] >= threshold))
                        for _, row in out.iterrows()]
    return out.reset_index(drop=True)
