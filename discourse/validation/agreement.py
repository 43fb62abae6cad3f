"""Agreement between coders: Krippendorff's alpha, Cohen's and Fleiss' kappa, % agreement.

:func:`compute_agreement` takes a *long* hand-coding table (one row per coder x statement,
as :func:`discourse.read_hand_coding` returns it) and reports, for every coded variable
(each ``theme_<id>`` column and ``speaker``):

- ``n_items``: items coded by at least two coders (the pairable items);
- ``n_coders``: coders with at least one code; ``n_codes``: non-missing codes;
- ``percent_agreement``: the mean, over pairable items, of the share of agreeing coder
  pairs within the item (with two coders: the share of items on which they agree);
- ``alpha``: Krippendorff's alpha (the ``krippendorff`` package) at the chosen level of
  measurement, any number of coders, missing codes allowed; ``alpha_ci_low`` /
  ``alpha_ci_high``: a percentile bootstrap interval (items resampled with replacement,
  ``numpy.random.default_rng(seed)``, so the same seed gives the same interval; resamples
  in which alpha is undefined, with a single value, are left out, so with few positive
  codes the interval is optimistic: read it together with ``n_items``);
- ``cohen_kappa``: Cohen's kappa (``sklearn.metrics.cohen_kappa_score``) when there are
  exactly two coders, on the items both coded;
- ``fleiss_kappa``: Fleiss' kappa (``statsmodels.stats.inter_rater.fleiss_kappa``) when
  there are three coders or more, on the items every coder coded;
- ``note``: why a statistic is missing (no variation, one coder...).

The speaker is always nominal. Alpha is undefined (NaN, with a note) when every code of a
variable is the same value: there is then no variation to be reliable about. The formulas
are the libraries'; the tests check them against each other (and nltk's
``AnnotationTask``) and against published worked examples.

Examples
--------
>>> import pandas as pd
>>> hand = pd.DataFrame({"coder": ["a"] * 4 + ["b"] * 4,
...                      "stmt_id": ["s1", "s2", "s3", "s4"] * 2,
...                      "theme_x": [1, 1, 0, 0, 1, 0, 0, 0]})
>>> out = compute_agreement(hand, bootstrap=0)
>>> out[["variable", "n_items", "percent_agreement", "cohen_kappa"]]
  variable  n_items  percent_agreement  cohen_kappa
0  theme_x        4               0.75          0.5
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import krippendorff
import numpy as np
import pandas as pd

from ..errors import ContractError, ParameterError
from ..schema import theme_columns

__all__ = ["compute_agreement", "reliability_matrix", "LEVELS"]

#: Levels of measurement of Krippendorff's alpha.
LEVELS = ("nominal", "ordinal", "interval", "ratio")

_OUT = ("variable", "level", "n_items", "n_coders", "n_codes", "percent_agreement", "alpha",
        "alpha_ci_low", "alpha_ci_high", "cohen_kappa", "fleiss_kappa", "note")


def reliability_matrix(
    hand: pd.DataFrame, variable: str, *, items: str = "stmt_id", coders: str = "coder"
) -> pd.DataFrame:
    """The coders x items table of one variable (missing = not coded).

    Parameters
    ----------
    hand
        A long table: one row per coder x item.
    variable
        The column holding the codes.
    items, coders
        The columns naming the items and the coders.

    Returns
    -------
    pandas.DataFrame
        One row per coder (sorted), one column per item (in order of first appearance).

    Raises
    ------
    ContractError
        If a column is missing or a coder codes an item twice.

    Examples
    --------
    >>> import pandas as pd
    >>> hand = pd.DataFrame({"coder": ["a", "a", "b"], "stmt_id": ["s1", "s2", "s1"],
    ...                      "theme_x": [1, 0, 1]})
    >>> reliability_matrix(hand, "theme_x")
    stmt_id   s1   s2
    coder
    a        1.0  0.0
    b        1.0  NaN
    """
    where = "reliability_matrix"
    missing = [c for c in (items, coders, variable) if c not in hand.columns]
    if missing:
        raise ContractError(f"{where}: the hand-coding table lacks the column(s) "
                            f"{', '.join(missing)}; columns: {', '.join(map(str, hand.columns))}")
    keys = hand[[coders, items]]
    dup = keys.duplicated()
    if dup.any():
        c, i = keys[dup].iloc[0].tolist()
        raise ContractError(f"{where}: coder {c!r} coded item {i!r} more than once; keep one "
                            "row per coder and item")
    order = pd.unique(hand[items])
    values = hand[variable]
    if not pd.api.types.is_numeric_dtype(values):
        values = values.astype(object).where(values.notna(), None)
    table = pd.DataFrame({coders: hand[coders].to_numpy(), items: hand[items].to_numpy(),
                          "v": values.to_numpy()})
    wide = table.pivot(index=coders, columns=items, values="v")
    wide = wide.reindex(columns=order).sort_index()
    if pd.api.types.is_numeric_dtype(values):
        wide = wide.astype(float)
    return wide


def _numeric(wide: pd.DataFrame, level: str) -> tuple[np.ndarray, list]:
    """Coders x items float array; nominal text codes become category numbers."""
    if level == "nominal" or not all(pd.api.types.is_numeric_dtype(t) for t in wide.dtypes):
        flat = pd.Series(wide.to_numpy().ravel(), dtype=object)
        ok = flat.notna()
        cats = sorted(set(flat[ok].tolist()), key=lambda v: (str(type(v)), v))
        lookup = {v: float(i) for i, v in enumerate(cats)}
        arr = np.array([lookup[v] if o else np.nan for v, o in zip(flat, ok)], dtype=float)
        return arr.reshape(wide.shape), cats
    arr = wide.to_numpy(dtype=float)
    return arr, sorted(set(arr[~np.isnan(arr)].tolist()))


def _value_counts(arr: np.ndarray, domain: np.ndarray) -> np.ndarray:
    """Items x values counts (the form krippendorff.alpha also accepts)."""
    return np.stack([(arr == v).sum(axis=0) for v in domain], axis=1)


def _alpha(counts: np.ndarray, domain: np.ndarray, level: str) -> float:
    pairable = counts.sum(axis=1) >= 2
    counts = counts[pairable]
    used = counts.sum(axis=0) > 0
    if counts.sum() == 0 or used.sum() < 2:
        return float("nan")
    return float(krippendorff.alpha(value_counts=counts, value_domain=domain,
                                    level_of_measurement=level))


def _percent(counts: np.ndarray) -> float:
    n = counts.sum(axis=1)
    ok = n >= 2
    if not ok.any():
        return float("nan")
    agree = (counts[ok] * (counts[ok] - 1)).sum(axis=1) / (n[ok] * (n[ok] - 1))
    return float(agree.mean())


def _cohen(arr: np.ndarray) -> float:
    # scikit-learn is slow to import and only needed here: imported on first use
    from sklearn.metrics import cohen_kappa_score

    both = ~np.isnan(arr).any(axis=0)
    a, b = arr[0, both], arr[1, both]
    if both.sum() == 0 or len(set(a) | set(b)) < 2:
        return float("nan")
    return float(cohen_kappa_score(a, b))


def _fleiss(arr: np.ndarray, domain: np.ndarray) -> float:
    # statsmodels' inter_rater is only needed here: imported on first use
    from statsmodels.stats.inter_rater import fleiss_kappa

    full = ~np.isnan(arr).any(axis=0)
    if full.sum() == 0:
        return float("nan")
    counts = _value_counts(arr[:, full], domain)
    if (counts.sum(axis=0) > 0).sum() < 2:
        return float("nan")
    return float(fleiss_kappa(counts, method="fleiss"))


def _bootstrap(counts: np.ndarray, domain, level: str, n: int, seed: int, ci: float):
    pairable = counts[counts.sum(axis=1) >= 2]
    if n <= 0 or len(pairable) < 2:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(pairable), size=(n, len(pairable)))
    values = np.array([_alpha(pairable[d], domain, level) for d in draws])
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return float("nan"), float("nan")
    tail = (1 - ci) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


def _levels(level, variables: list[str]) -> dict[str, str]:
    if isinstance(level, str) or level is None:
        chosen = {v: level or "nominal" for v in variables}
    elif isinstance(level, Mapping):
        unknown = sorted(set(level) - set(variables))
        if unknown:
            raise ParameterError(f"compute_agreement: level= names variable(s) "
                                 f"{', '.join(unknown)} not compared; variables: "
                                 f"{', '.join(variables)}")
        chosen = {v: level.get(v, "nominal") for v in variables}
    else:
        raise ParameterError(f"compute_agreement: level={level!r} is not valid; give one of "
                             f"{', '.join(LEVELS)} or a dict variable -> level")
    for v, lv in chosen.items():
        if lv not in LEVELS:
            raise ParameterError(f"compute_agreement: level {lv!r} (variable {v}) is not "
                                 f"valid; valid levels: {', '.join(LEVELS)}")
        if v == "speaker" and lv != "nominal":
            raise ParameterError("compute_agreement: the speaker is a nominal variable; "
                                 f"level {lv!r} does not apply to it")
    return chosen


def compute_agreement(
    hand: pd.DataFrame,
    *,
    items: str = "stmt_id",
    coders: str = "coder",
    variables: Iterable[str] | None = None,
    level: str | Mapping[str, str] = "nominal",
    bootstrap: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Agreement between coders, one row per coded variable.

    Parameters
    ----------
    hand
        Long hand coding: one row per coder x item (see :func:`discourse.read_hand_coding`).
    items, coders
        The columns naming the items (statements) and the coders.
    variables
        The columns to compare; None: every ``theme_*`` column, then ``speaker`` if present.
    level
        Level of measurement for alpha: ``nominal`` (default, right for 0/1 codes),
        ``ordinal``, ``interval`` or ``ratio``; or a dict variable -> level.
    bootstrap
        Number of bootstrap samples of the items for the alpha interval (0: none).
    seed
        Seed of ``numpy.random.default_rng`` for the bootstrap.
    ci
        Coverage of the interval (0.95: the 2.5th and 97.5th percentiles).

    Returns
    -------
    pandas.DataFrame
        Columns variable, level, n_items, n_coders, n_codes, percent_agreement, alpha,
        alpha_ci_low, alpha_ci_high, cohen_kappa, fleiss_kappa, note (see the module).

    Raises
    ------
    ContractError
        If a column is missing or a coder codes an item twice. ParameterError for a bad
        option.

    Examples
    --------
    >>> import pandas as pd
    >>> hand = pd.DataFrame({"coder": list("aaabbbccc"), "stmt_id": ["s1", "s2", "s3"] * 3,
    ...                      "speaker": ["xi", "xi", "narrator"] * 2 + ["xi"] * 3})
    >>> r = compute_agreement(hand, bootstrap=0).iloc[0]
    >>> print(r.variable, r.n_coders, round(r.alpha, 3), round(r.fleiss_kappa, 3))
    speaker 3 0.429 0.357
    """
    where = "compute_agreement"
    if not isinstance(hand, pd.DataFrame):
        raise ContractError(f"{where}: expected a pandas DataFrame (the hand coding), got "
                            f"{type(hand).__name__}")
    for col in (items, coders):
        if col not in hand.columns:
            raise ContractError(f"{where}: the hand-coding table lacks the column {col!r}; "
                                f"columns: {', '.join(map(str, hand.columns))}")
    if variables is None:
        variables = theme_columns(hand)
        if "speaker" in hand.columns:
            variables.append("speaker")
    else:
        variables = [variables] if isinstance(variables, str) else list(variables)
    if not variables:
        raise ContractError(f"{where}: no variable to compare (no theme_* or speaker "
                            "column); pass variables=[...]")
    if not isinstance(bootstrap, int) or isinstance(bootstrap, bool) or bootstrap < 0:
        raise ParameterError(f"{where}: bootstrap={bootstrap!r} is not valid; give a number "
                             "of samples >= 0")
    if not 0 < ci < 1:
        raise ParameterError(f"{where}: ci={ci!r} is not valid; give a coverage between 0 "
                             "and 1, e.g. 0.95")
    levels = _levels(level, variables)
    rows = [_agreement_row(hand, var, levels[var], items=items, coders=coders,
                           bootstrap=bootstrap, seed=seed, ci=ci) for var in variables]
    out = pd.DataFrame(rows, columns=list(_OUT))
    out["note"] = out["note"].astype(str)
    out["variable"] = out["variable"].astype(str)
    out["level"] = out["level"].astype(str)
    return out


def _agreement_row(hand: pd.DataFrame, var: str, lv: str, *, items: str, coders: str,
                   bootstrap: int, seed: int, ci: float) -> dict:
    """The agreement statistics of one variable (a row of :func:`compute_agreement`)."""
    wide = reliability_matrix(hand, var, items=items, coders=coders)
    wide = wide.loc[wide.notna().any(axis=1)]
    arr, cats = _numeric(wide, lv)
    numeric = lv != "nominal" and all(pd.api.types.is_numeric_dtype(t) for t in wide.dtypes)
    domain = np.array(cats, dtype=float) if numeric else np.arange(len(cats), dtype=float)
    counts = _value_counts(arr, domain) if len(domain) else np.zeros((arr.shape[1], 0))
    n_items = int((counts.sum(axis=1) >= 2).sum()) if counts.size else 0
    notes = []
    n_coders = int(arr.shape[0])
    alpha = low = high = cohen = fleiss = float("nan")
    if n_coders < 2:
        notes.append("fewer than two coders")
    elif n_items == 0:
        notes.append("no item coded by two coders")
    else:
        alpha = _alpha(counts, domain, lv)
        if np.isnan(alpha):
            notes.append("no variation: every code is the same value, alpha undefined")
        else:
            low, high = _bootstrap(counts, domain, lv, bootstrap, seed, ci)
        if n_coders == 2:
            cohen = _cohen(arr)
        else:
            fleiss = _fleiss(arr, domain)
    return {
        "variable": var, "level": lv, "n_items": n_items, "n_coders": n_coders,
        "n_codes": int((~np.isnan(arr)).sum()),
        "percent_agreement": _percent(counts) if counts.size else float("nan"),
        "alpha": alpha, "alpha_ci_low": low, "alpha_ci_high": high,
        "cohen_kappa": cohen, "fleiss_kappa": fleiss, "note": "; ".join(notes),
    }
