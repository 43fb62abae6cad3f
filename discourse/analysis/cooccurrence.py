"""Co-occurrence of themes: how often two themes are coded in the same statements.

:func:`count_cooccurrence` counts, per group of statements, the statements coded with both
themes of each pair, and ATLAS.ti's c-coefficient. Groups are formed as for
:func:`discourse.analysis.counts.count_themes` (see :mod:`discourse.analysis.grouping`).

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.cooccurrence import count_cooccurrence
>>> coded = pd.DataFrame({"stmt_id": ["1", "2"], "theme_a": [1, 1], "theme_b": [1, 0]})
>>> count_cooccurrence(coded)[["theme_a", "theme_b", "n_ab"]].values.tolist()
[['a', 'b', 1]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..schema import require_columns
from .grouping import as_keys, empty_table, group_codes, group_frame, select_themes, \
    theme_matrix

__all__ = ["COOCCURRENCE_COLUMNS", "count_cooccurrence"]

#: The columns count_cooccurrence adds after the group keys, in order.
COOCCURRENCE_COLUMNS = ("theme_a", "theme_b", "n_statements", "n_a", "n_b", "n_ab", "c")


def count_cooccurrence(
    coded: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    themes: Iterable[str] | None = None,
    dropna: bool = False,
) -> pd.DataFrame:
    """Count, per group, the statements coded with both themes of each pair, and the c-coefficient.

    The c-coefficient is ATLAS.ti's normalised co-occurrence, the Jaccard index of the two
    sets of statements: ``c = n_ab / (n_a + n_b - n_ab)``, from 0 (never together) to 1
    (always together). It is NaN when no statement of the group has either theme.

    Parameters
    ----------
    coded
        The coded table.
    by
        Grouping column(s) as in :func:`~discourse.analysis.counts.count_themes`, or None (default) for all statements.
    themes
        Dotted theme ids (default: all, in codebook order).
    dropna
        As in :func:`~discourse.analysis.counts.count_themes`.

    Returns
    -------
    DataFrame
        One row per group and unordered pair of themes (``theme_a`` before ``theme_b`` in
        codebook order): the group keys, ``theme_a``, ``theme_b``, ``n_statements``, ``n_a``,
        ``n_b``, ``n_ab``, ``c``.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"stmt_id": ["1", "2", "3"], "n_tokens": [5, 5, 5],
    ...     "theme_a": [1, 1, 0], "theme_b": [1, 0, 1]})
    >>> count_cooccurrence(coded)[["theme_a", "theme_b", "n_a", "n_b", "n_ab", "c"]]
      theme_a theme_b  n_a  n_b  n_ab         c
    0       a       b    2    2     1  0.333333
    """
    where = "count_cooccurrence"
    require_columns(coded, ["stmt_id"], where=where)
    keys = as_keys(by, where=where)
    selected = select_themes(coded, themes, where=where)
    frame = group_frame(coded, keys, dropna=dropna, where=where)
    columns = [*keys, *COOCCURRENCE_COLUMNS]
    pairs = [(i, j) for i in range(len(selected)) for j in range(i + 1, len(selected))]
    if frame.empty or not pairs:
        return empty_table(columns)
    ids = [t for t, _ in selected]
    matrix = theme_matrix(frame, [c for _, c in selected])
    codes, groups = group_codes(frame, keys)
    records = []
    for g in range(len(groups)):
        x = matrix[codes == g]
        joint = x.T @ x
        n = int(x.shape[0])
        for i, j in pairs:
            n_a, n_b, n_ab = int(joint[i, i]), int(joint[j, j]), int(joint[i, j])
            union = n_a + n_b - n_ab
            records.append(
                {**{k: groups.iloc[g][k] for k in keys}, "theme_a": ids[i], "theme_b": ids[j],
                 "n_statements": n, "n_a": n_a, "n_b": n_b, "n_ab": n_ab,
                 "c": n_ab / union if union else np.nan}
            )
    out = pd.DataFrame.from_records(records, columns=columns)
    for c in ("n_statements", "n_a", "n_b", "n_ab"):
        out[c] = out[c].astype(np.int64)
    out["c"] = out["c"].astype(float)
    return out
