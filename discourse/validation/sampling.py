"""Samples of statements to code by hand, with their neighbouring statements as context.

:func:`sample_for_coding` draws a reproducible (optionally stratified) sample of coded
statements: the first step of validating the coding against human coders (see
:mod:`discourse.validation`).

Examples
--------
>>> import pandas as pd
>>> from discourse.validation.sampling import sample_for_coding
>>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "text": ["A", "B"]})
>>> sample_for_coding(st, n=1, seed=0)[["stmt_id", "context_before", "context_after"]].values.tolist()
[['d.2', 'A', '']]
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ContractError, ParameterError
from ..schema import require_columns

__all__ = ["sample_for_coding", "context_columns"]


def context_columns(df: pd.DataFrame, k: int) -> tuple[list[str], list[str]]:
    """The k statements before and after each row, within its document (table order).

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["d", "d", "e"], "text": ["A", "B", "C"]})
    >>> context_columns(st, 1)
    (['', 'A', ''], ['B', '', ''])
    """
    before, after = [""] * len(df), [""] * len(df)
    if k <= 0:
        return before, after
    texts = df["text"].astype(str).tolist()
    position = np.arange(len(df))
    for _, idx in pd.Series(position).groupby(df["doc_id"].to_numpy(), sort=False):
        rows = idx.to_numpy()
        if "start" in df.columns:
            rows = rows[np.argsort(pd.to_numeric(df["start"].to_numpy()[rows]),
                                   kind="stable")]
        for j, r in enumerate(rows):
            before[r] = " ".join(texts[i] for i in rows[max(0, j - k):j])
            after[r] = " ".join(texts[i] for i in rows[j + 1:j + 1 + k])
    return before, after


def _allocate(sizes: np.ndarray, n: int) -> np.ndarray:
    """Proportional allocation of n over strata; >= 1 per stratum when n allows it."""
    quota = n * sizes / sizes.sum()
    alloc = np.floor(quota).astype(int)
    if n >= len(sizes):
        alloc = np.maximum(alloc, 1)
    alloc = np.minimum(alloc, sizes)
    while alloc.sum() > n:  # the minimum of 1 overshot: take back from the largest quotas
        over = np.where(alloc > 1)[0]
        alloc[over[np.argmax((alloc - quota)[over])]] -= 1
    while alloc.sum() < n:  # largest remainders first, ties in stratum order
        room = np.where(alloc < sizes)[0]
        alloc[room[np.argmax((quota - alloc)[room])]] += 1
    return alloc


def sample_for_coding(
    coded: pd.DataFrame,
    *,
    n: int,
    stratify: str | Sequence[str] | None = None,
    seed: int = 0,
    context: int = 1,
) -> pd.DataFrame:
    """Draw a reproducible sample of statements to code by hand.

    Parameters
    ----------
    coded
        Statements, attributed or coded (at least doc_id, stmt_id, text).
    n
        Number of statements. More than the table holds: every statement, with a warning.
    stratify
        None (simple random sample), a column (``"side"``) or a list of columns: the sample
        is then drawn within each stratum (missing values form a stratum), in proportion to
        its size (largest remainders), with at least one statement per stratum when ``n`` is
        at least the number of strata.
    seed
        Seed of ``numpy.random.default_rng``: the same table, ``n``, ``stratify`` and
        ``seed`` always give the same sample.
    context
        Number of neighbouring statements (same document) shown before and after.

    Returns
    -------
    pandas.DataFrame
        The sampled rows, in the table's order, with two more columns ``context_before``
        and ``context_after``.

    Raises
    ------
    ContractError
        If a column is missing. ParameterError for a bad ``n``, ``stratify`` or ``context``.

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"doc_id": "d", "stmt_id": [f"d.{i}" for i in range(1, 7)],
    ...     "text": list("ABCDEF"), "side": ["CN", "CN", "CN", "CN", "KH", "KH"]})
    >>> s = sample_for_coding(st, n=3, stratify="side", seed=1)
    >>> s["side"].value_counts().sort_index().tolist()
    [2, 1]
    >>> sample_for_coding(st, n=3, seed=1).equals(sample_for_coding(st, n=3, seed=1))
    True
    """
    where = "sample_for_coding"
    require_columns(coded, ["doc_id", "stmt_id", "text"], where=where)
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ParameterError(f"{where}: n={n!r} is not valid; give a number of statements >= 1")
    if not isinstance(context, int) or isinstance(context, bool) or context < 0:
        raise ParameterError(f"{where}: context={context!r} is not valid; give a number of "
                             "neighbouring statements >= 0")
    if not pd.Index(coded["stmt_id"]).is_unique:
        raise ContractError(f"{where}: stmt_id must be unique in the table")
    total = len(coded)
    rng = np.random.default_rng(seed)
    if n >= total:
        if n > total:
            warnings.warn(f"{where}: n={n} is more than the {total} statements of the table; "
                          "every statement is taken", stacklevel=2)
        chosen = np.arange(total)
    elif stratify is None:
        chosen = np.sort(rng.choice(total, size=n, replace=False))
    else:
        cols = [stratify] if isinstance(stratify, str) else list(stratify)
        missing = [c for c in cols if c not in coded.columns]
        if not cols or missing:
            raise ParameterError(f"{where}: stratify={stratify!r}: no column(s) "
                                 f"{', '.join(missing) or '(none given)'}; columns: "
                                 f"{', '.join(map(str, coded.columns))}")
        keys = coded[cols].astype(object).where(coded[cols].notna(), "(missing)").astype(str)
        groups = keys.groupby(cols, sort=True).indices
        names = list(groups)
        sizes = np.array([len(groups[g]) for g in names])
        if n < len(names):
            warnings.warn(f"{where}: n={n} is less than the {len(names)} strata of "
                          f"{', '.join(cols)}; some strata get no statement", stacklevel=2)
        alloc = _allocate(sizes, n)
        picks = [rng.choice(groups[g], size=a, replace=False)
                 for g, a in zip(names, alloc) if a]
        chosen = np.sort(np.concatenate(picks)) if picks else np.array([], int)
    before, after = context_columns(coded, context)
    out = coded.iloc[chosen].copy()
    out["context_before"] = [before[i] for i in chosen]
    out["context_after"] = [after[i] for i in chosen]
    return out
