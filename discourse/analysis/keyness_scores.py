"""Keyness statistics of 2 x 2 tables: chi-squared, G2, PMI and Fisher's exact test.

:func:`score_keyness` does the arithmetic of :func:`discourse.analysis.keyness.compute_keyness`
on count arrays, following quanteda's ``textstat_keyness`` (package quanteda.textstats, whose
C++ code ``src/keyness.cpp`` computes the statistics); it is what the tests check against
published values. For every feature the table is

==================  ===========  ===============
                    target       reference
==================  ===========  ===============
the word            a            b
every other word    c = T - a    d = R - b
==================  ===========  ===============

(T, R: the numbers of tokens of the target and reference statements), scored with one of
four measures, signed positive when the target uses the word more than expected
(``a > E = (a + b)(a + c) / N``) and negative otherwise, the p-value coming from the
chi-squared distribution with 1 degree of freedom applied to the absolute statistic.

Examples
--------
>>> from discourse.analysis.keyness_scores import score_keyness
>>> stat, p = score_keyness([10], [0], [10], [10], measure="lr", correction="none")
>>> round(float(stat[0]), 5)      # Dunning's G2 of the table [[10, 0], [0, 10]]
27.72589
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy.special import xlogy
from scipy.stats import chi2 as chi2_distribution
from scipy.stats import fisher_exact
from scipy.stats.contingency import odds_ratio

from ..errors import ParameterError

__all__ = ["score_keyness", "check_keyness_options", "MEASURES", "CORRECTIONS"]

MEASURES = ("chi2", "lr", "pmi", "exact")
CORRECTIONS = ("default", "yates", "williams", "none")

# quanteda adds this inside the logarithm of PMI so that a = 0 gives a finite value
_EPSILON = 1e-9


def _yates_applies(a, b, c, d):
    """quanteda's rule: correct only if an expected count is below 5 and |ad - bc| >= N / 2."""
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        small = (
            ((a + b) * (a + c) / n < 5) | ((a + b) * (b + d) / n < 5)
            | ((a + c) * (c + d) / n < 5) | ((c + d) * (b + d) / n < 5)
        )
    return small & (np.abs(a * d - b * c) >= n / 2)


def _williams_q(a, b, c, d):
    """Williams' (1976) divisor for a 2 x 2 table; 1 where a cell is 0 (as quanteda)."""
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    return np.where(a * b * c * d == 0, 1.0, q)


def check_keyness_options(measure: str, correction: str, *, where: str = "score_keyness") -> None:
    """Raise ParameterError for an unknown measure or correction, or one that does not apply.

    Examples
    --------
    >>> check_keyness_options("pmi", "yates")
    Traceback (most recent call last):
    ...
    discourse.errors.ParameterError: score_keyness: correction='yates' does not apply to measure='pmi' (only to chi2 and lr); use correction='default' or 'none'
    """
    if measure not in MEASURES:
        raise ParameterError(f"{where}: measure={measure!r}; valid values: {', '.join(MEASURES)}")
    if correction not in CORRECTIONS:
        raise ParameterError(
            f"{where}: correction={correction!r}; valid values: {', '.join(CORRECTIONS)}"
        )
    if measure in ("pmi", "exact") and correction not in ("default", "none"):
        raise ParameterError(
            f"{where}: correction={correction!r} does not apply to measure={measure!r} "
            "(only to chi2 and lr); use correction='default' or 'none'"
        )


def _exact(a, b, c, d) -> tuple[np.ndarray, np.ndarray]:
    """Fisher's exact test: the conditional MLE odds ratio and the p-value."""
    stat = np.empty(len(a))
    p = np.empty(len(a))
    for i, cells in enumerate(zip(a, c, b, d)):
        table = np.array(cells, dtype=np.int64).reshape(2, 2).T  # [[a, b], [c, d]]
        p[i] = fisher_exact(table).pvalue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            stat[i] = odds_ratio(table, kind="conditional").statistic
    return stat, p


def _chi2(a, b, c, d, n, correction: str) -> np.ndarray:
    """Pearson's chi-squared (unsigned), with the chosen correction."""
    delta = np.where(
        _yates_applies(a, b, c, d) & (correction in ("default", "yates")), 0.5, 0.0
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = n * (np.abs(a * d - b * c) - n * delta) ** 2 / (
            (a + b) * (c + d) * (a + c) * (b + d)
        )
    if correction == "williams":
        stat = stat / _williams_q(a, b, c, d)
    return stat


def _lr(a, b, c, d, n, correction: str) -> np.ndarray:
    """Dunning's G2 likelihood ratio (unsigned), with the chosen correction."""
    aa, bb, cc, dd = a, b, c, d
    if correction == "yates":
        delta = np.where(_yates_applies(a, b, c, d), 0.5, 0.0)
        shift = np.where(a * d - b * c > 0, -delta, delta)
        aa, bb, cc, dd = a + shift, b - shift, c - shift, d + shift
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = 2 * (
            xlogy(aa, aa / ((aa + bb) * (aa + cc) / n))
            + xlogy(bb, bb / ((aa + bb) * (bb + dd) / n))
            + xlogy(cc, cc / ((aa + cc) * (cc + dd) / n))
            + xlogy(dd, dd / ((bb + dd) * (cc + dd) / n))
        )
    if correction in ("default", "williams"):
        stat = stat / _williams_q(a, b, c, d)
    return stat


def score_keyness(
    n_target,
    n_reference,
    total_target,
    total_reference,
    *,
    measure: str = "chi2",
    correction: str = "default",
) -> tuple[np.ndarray, np.ndarray]:
    """Signed keyness statistic and p-value of each feature, from its counts.

    Parameters
    ----------
    n_target, n_reference
        Counts of each feature in the target and the reference (``a``, ``b``).
    total_target, total_reference
        Token totals of the target and the reference (``T``, ``R``), scalars or arrays.
    measure
        ``"chi2"`` (Pearson), ``"lr"`` (G2 likelihood ratio), ``"pmi"`` (pointwise mutual
        information of the word and the target, natural log) or ``"exact"`` (Fisher's exact
        test; the statistic is the conditional maximum-likelihood odds ratio, as R's
        ``fisher.test``, so it is not signed but above 1 when the target uses the word more).
    correction
        ``"default"``: Yates for chi2, Williams for lr, none for pmi/exact. ``"yates"``:
        quanteda's conditional Yates correction (applied only when an expected count is
        below 5 and |ad - bc| >= N/2; for lr, 0.5 moved between the cells as quanteda does).
        ``"williams"``: divide the statistic by Williams' q (q = 1 when a cell is 0, as
        quanteda). ``"none"``.

    Returns
    -------
    (statistic, p)
        Two float arrays. For pmi the p-value is NaN (see :func:`compute_keyness`).

    Examples
    --------
    >>> stat, p = score_keyness([3], [7], [10], [9], correction="none")
    >>> round(float(stat[0]), 4), round(float(p[0]), 4)
    (-4.3372, 0.0373)
    """
    check_keyness_options(measure, correction)
    a = np.atleast_1d(np.asarray(n_target, dtype=float))
    b = np.atleast_1d(np.asarray(n_reference, dtype=float))
    c = np.asarray(total_target, dtype=float) - a
    d = np.asarray(total_reference, dtype=float) - b
    if (c < 0).any() or (d < 0).any() or (a < 0).any() or (b < 0).any():
        raise ParameterError("score_keyness: a count exceeds its total, or is negative")
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = (a + b) * (a + c) / n
    sign = np.where(a > expected, 1.0, -1.0)
    if measure == "exact":
        return _exact(a, b, c, d)
    if measure == "pmi":
        with np.errstate(divide="ignore", invalid="ignore"):
            stat = np.log(a / expected + _EPSILON)
        return stat + 0.0, np.full(len(a), np.nan)
    stat = _chi2(a, b, c, d, n, correction) if measure == "chi2" else _lr(a, b, c, d, n, correction)
    stat = np.where(np.isfinite(stat), stat, 0.0) * sign + 0.0
    p = chi2_distribution.sf(np.abs(stat), 1)
    return stat, p
