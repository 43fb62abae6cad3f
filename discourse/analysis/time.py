"""Themes over time: theme shares per year or month of the documents' dates.

:func:`count_over_time` is :func:`discourse.analysis.counts.count_themes` with the period
(year or month of the ``date`` column) as the first grouping key. Statements without a date
form the period ``"(none)"`` (see :mod:`discourse.analysis.grouping`).

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.time import count_over_time
>>> coded = pd.DataFrame({"stmt_id": ["1"], "n_tokens": [5], "date": ["2024-12-03"],
...                       "theme_a": [1]})
>>> count_over_time(coded, by=None, freq="month")[["period", "share"]].values.tolist()
[['2024-12', 1.0]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..errors import ParameterError
from ..schema import require_columns
from .counts import count_themes
from .grouping import as_keys, parse_dates, period_labels

__all__ = ["FREQUENCIES", "count_over_time"]

#: Valid values of ``freq``.
FREQUENCIES = ("year", "month")


def count_over_time(
    coded: pd.DataFrame,
    *,
    freq: str = "year",
    by: str | Sequence[str] | None = "side",
    matches: pd.DataFrame | None = None,
    themes: Iterable[str] | None = None,
    ci: float = 0.95,
    dropna: bool = False,
) -> pd.DataFrame:
    """Theme shares per period (year or month of the ``date`` column) and group.

    Parameters
    ----------
    coded
        The coded table; needs a ``date`` column (ISO ``YYYY-MM-DD``; ``YYYY-MM`` and
        ``YYYY`` are accepted too).
    freq
        ``"year"`` (periods ``"2024"``) or ``"month"`` (``"2024-12"``).
    by, matches, themes, ci, dropna
        As in :func:`~discourse.analysis.counts.count_themes`. Statements without a date form the period ``"(none)"``
        (or are left out with ``dropna=True``).

    Returns
    -------
    DataFrame
        The columns of :func:`~discourse.analysis.counts.count_themes`, with ``period`` first; sorted by period, then
        group. ``attrs["freq"]`` records ``freq``.

    Raises
    ------
    AnalysisError
        If the table has no date column, if every date is missing ("the date column is empty
        for all N statements; add dates in the corpus metadata ..."), or if a date is not ISO.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"stmt_id": ["1", "2"], "n_tokens": [5, 5], "side": ["CN", "CN"],
    ...     "date": ["2023-05-01", "2024-12-03"], "theme_a": [1, 0]})
    >>> count_over_time(coded)[["period", "side", "share"]]
      period side  share
    0   2023   CN    1.0
    1   2024   CN    0.0
    """
    where = "count_over_time"
    if freq not in FREQUENCIES:
        raise ParameterError(f"{where}: freq={freq!r}; valid values: 'year', 'month'")
    require_columns(coded, ["stmt_id", "n_tokens"], where=where)
    keys = as_keys(by, where=where)
    if "period" in keys:
        raise ParameterError(f"{where}: by= may not name 'period' (it is the time column)")
    frame = coded.copy()
    frame["period"] = period_labels(parse_dates(frame, where=where), freq)
    out = count_themes(
        frame, by=["period", *keys], matches=matches, themes=themes, ci=ci, dropna=dropna
    )
    out.attrs.update({"freq": freq, "ci": ci})
    return out
