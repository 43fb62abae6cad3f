"""Running sums of theme counts over batches, in compact arrays (a streamed run's counts).

A streamed run counts the themes of each batch (:func:`discourse.count_themes`) and needs the
counts of the whole corpus at the end. :class:`CountSums` adds each batch's counts as it
comes into one integer array (groups x themes x the four summed counts), each group's keys
kept once, so its memory grows with the number of distinct groups (speakers) only, never
with the number of batches, and holds no per-row text. :meth:`CountSums.table` gives the
same table as :func:`~discourse.analysis.counts.combine_theme_counts` of all the batches.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.counts import count_themes
>>> coded = pd.DataFrame({"stmt_id": ["a", "b", "c"], "n_tokens": [10, 20, 30],
...                       "side": ["KH", "CN", "CN"], "theme_peace": [1, 0, 1]})
>>> sums = CountSums()
>>> sums.add(count_themes(coded.iloc[:2]))
>>> sums.add(count_themes(coded.iloc[2:]))
>>> sums.table()[["side", "theme", "n_statements", "n_coded"]]
  side  theme  n_statements  n_coded
0   CN  peace             2        1
1   KH  peace             1        1
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .counts import SUM_COLUMNS, shares_from_sums
from .grouping import missing_last

__all__ = ["CountSums"]

#: A missing group key (NaN, None, pd.NA), one dictionary key for all of them.
_MISSING = object()


class CountSums:
    """The sums of theme-count tables added batch by batch (see the module).

    Each table added has the columns of :func:`discourse.count_themes` (group keys, then
    ``theme`` and the counts), the same for every table.

    Examples
    --------
    >>> sums = CountSums()
    >>> sums.table().empty
    True
    """

    def __init__(self) -> None:
        self.columns: list | None = None
        self.column_dtype = None
        self.keys: list[str] = []
        self.key_dtypes: dict = {}
        self.groups: dict[tuple, int] = {}        # group keys -> row of ``sums``
        self.themes: dict[str, int] = {}          # theme -> column of ``sums``, first seen first
        self.sums = np.zeros((0, 0, len(SUM_COLUMNS)), dtype=np.int64)

    def __len__(self) -> int:
        return len(self.groups)

    def add(self, counts: pd.DataFrame | None) -> None:
        """Add one batch's theme counts (an empty table or None adds nothing).

        Examples
        --------
        >>> sums = CountSums()
        >>> sums.add(pd.DataFrame({"side": ["CN"], "theme": ["peace"], "n_statements": [2],
        ...     "n_coded": [1], "share": [.5], "n_matches": [1], "n_tokens": [9]}))
        >>> len(sums), sums.sums[0, 0].tolist()
        (1, [2, 1, 1, 9])
        """
        if counts is None or not len(counts):
            return
        if self.columns is None:
            self.columns = list(counts.columns)
            self.column_dtype = counts.columns.dtype
            self.keys = self.columns[:self.columns.index("theme")]
            self.key_dtypes = {k: counts[k].dtype for k in self.keys}
        rows = self._group_rows(counts)
        cols = np.fromiter((self.themes.setdefault(t, len(self.themes))
                            for t in counts["theme"].tolist()), dtype=np.int64, count=len(counts))
        self._grow(len(self.groups), len(self.themes))
        values = counts[list(SUM_COLUMNS)].to_numpy(dtype=np.int64)
        np.add.at(self.sums, (rows, cols), values)

    def _group_rows(self, counts: pd.DataFrame) -> np.ndarray:
        """The row of ``sums`` of each row's group (new groups get new rows)."""
        if not self.keys:
            self.groups.setdefault((), 0)
            return np.zeros(len(counts), dtype=np.int64)
        columns = []
        for k in self.keys:
            values = counts[k].tolist()
            missing = counts[k].isna().to_numpy()
            if missing.any():
                values = [_MISSING if m else v for v, m in zip(values, missing)]
            columns.append(values)
        groups = self.groups
        return np.fromiter((groups.setdefault(key, len(groups)) for key in zip(*columns)),
                           dtype=np.int64, count=len(counts))

    def _grow(self, n_groups: int, n_themes: int) -> None:
        """Make room in ``sums`` for ``n_groups`` x ``n_themes`` (doubling the rows)."""
        rows, cols, _ = self.sums.shape
        if n_groups <= rows and n_themes <= cols:
            return
        grown = np.zeros((max(n_groups, 2 * rows) if n_groups > rows else rows,
                          max(n_themes, cols), len(SUM_COLUMNS)), dtype=np.int64)
        grown[:rows, :cols] = self.sums
        self.sums = grown

    def table(self, *, ci: float = 0.95) -> pd.DataFrame:
        """The theme counts of everything added, as :func:`combine_theme_counts` gives them.

        Groups sorted by their keys (the missing label last), themes in the order first
        seen; shares, Wilson intervals and rates computed from the sums.

        Examples
        --------
        >>> CountSums().table().shape
        (0, 0)
        """
        if self.columns is None:
            return pd.DataFrame()
        themes = list(self.themes)
        n_themes = len(themes)
        if self.keys:
            groups = pd.DataFrame({k: _key_column([g[i] for g in self.groups],
                                                  self.key_dtypes[k])
                                   for i, k in enumerate(self.keys)})
            order = groups.sort_values(self.keys, key=missing_last,
                                       kind="mergesort").index.to_numpy()
            groups = groups.iloc[order].reset_index(drop=True)
            out = groups.loc[groups.index.repeat(n_themes)].reset_index(drop=True)
        else:
            order = np.zeros(1, dtype=np.int64)
            out = pd.DataFrame(index=pd.RangeIndex(n_themes))
        out["theme"] = themes * len(order)
        sums = self.sums[order, :n_themes].reshape(len(order) * n_themes, len(SUM_COLUMNS))
        for j, c in enumerate(SUM_COLUMNS):
            out[c] = sums[:, j]
        return shares_from_sums(out, self.keys, self.columns, self.column_dtype, ci=ci)


def _key_column(values: list, dtype) -> pd.Series:
    """A group-key column of the final table, in the dtype the batches had (if it fits)."""
    values = [np.nan if v is _MISSING else v for v in values]
    try:
        return pd.Series(values, dtype=dtype)
    except (TypeError, ValueError):
        return pd.Series(values)
