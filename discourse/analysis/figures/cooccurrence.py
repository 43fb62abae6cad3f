"""Heatmaps of the c-coefficient of each pair of themes, one panel per group.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.cooccurrence import count_cooccurrence
>>> from discourse.analysis.figures.cooccurrence import plot_cooccurrence
>>> coded = pd.DataFrame({"stmt_id": ["1", "2"], "theme_a": [1, 1], "theme_b": [1, 0]})
>>> plot_cooccurrence(count_cooccurrence(coded)).axes[0].get_title()
'all statements (n = 2 statements)'
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ...errors import AnalysisError
from ...schema import require_columns
from .style import DOUBLE_COLUMN, HEATMAP_CMAP, SINGLE_COLUMN, count_label, figure_style, \
    group_keys, group_labels, new_figure, theme_label

__all__ = ["plot_cooccurrence"]


def plot_cooccurrence(
    cooc: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    width: float | None = None,
    title: str | None = None,
) -> Figure:
    """Heatmap of the c-coefficient of each pair of themes, one panel per group.

    Cells show c (0–1) and, in brackets, the number of statements with both themes; the
    diagonal is left blank.

    Parameters
    ----------
    cooc
        Output of :func:`discourse.count_cooccurrence`.
    labels, title
        As in :func:`plot_theme_shares`.
    width
        Inches; default single column for one group, double for more.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.analysis.cooccurrence import count_cooccurrence
    >>> coded = pd.DataFrame({"stmt_id": ["1", "2"], "side": ["CN", "KH"],
    ...                       "theme_a": [1, 1], "theme_b": [1, 0]})
    >>> fig = plot_cooccurrence(count_cooccurrence(coded, by="side"))
    >>> [ax.get_title() for ax in fig.axes if ax.get_title()]
    ['CN (n = 1 statement)', 'KH (n = 1 statement)']
    """
    # seaborn is only needed for heatmaps and slow to import: imported on first use
    import seaborn as sns

    where = "plot_cooccurrence"
    require_columns(cooc, ["theme_a", "theme_b", "n_statements", "n_ab", "c"], where=where)
    if cooc.empty:
        raise AnalysisError(f"{where}: the table is empty (fewer than two themes?); nothing to plot")
    keys = group_keys(cooc, "theme_a")
    data = cooc.assign(_group=group_labels(cooc, keys))
    groups = list(dict.fromkeys(data["_group"]))
    themes = list(dict.fromkeys([*data["theme_a"], *data["theme_b"]]))
    index = {t: i for i, t in enumerate(themes)}
    ncols = min(len(groups), 3)
    nrows = int(np.ceil(len(groups) / ncols))
    width = width or (SINGLE_COLUMN if len(groups) == 1 else DOUBLE_COLUMN)
    panel = width / ncols
    with figure_style():
        fig = new_figure(width, 0.6 + nrows * (panel * 0.85 + 0.3))
        axes = fig.subplots(nrows, ncols, squeeze=False)
        for k, group in enumerate(groups):
            ax = axes.flat[k]
            rows = data[data["_group"] == group]
            value = np.full((len(themes), len(themes)), np.nan)
            annot = np.full(value.shape, "", dtype=object)
            for r in rows.itertuples(index=False):
                i, j = index[r.theme_a], index[r.theme_b]
                value[i, j] = value[j, i] = r.c
                text = "" if pd.isna(r.c) else f"{r.c:.2f}\n({int(r.n_ab)})"
                annot[i, j] = annot[j, i] = text
            sns.heatmap(
                value, ax=ax, cmap=HEATMAP_CMAP, vmin=0, vmax=1, annot=annot, fmt="",
                annot_kws={"fontsize": 6}, square=True, linewidths=0.5, linecolor="white",
                cbar=k == len(groups) - 1, cbar_kws={"label": "c coefficient", "shrink": 0.8},
                xticklabels=[theme_label(t, labels, width=10) for t in themes],
                yticklabels=[theme_label(t, labels, width=12) for t in themes],
            )
            ax.tick_params(axis="x", rotation=90)
            ax.tick_params(axis="y", rotation=0)
            ax.set_title(f"{group} ({count_label(int(rows['n_statements'].iloc[0]))})", fontsize=8)
        for ax in axes.flat[len(groups):]:
            ax.set_axis_off()
        fig.suptitle(title or "Theme co-occurrence in statements (c = n_ab / (n_a + n_b \u2212 n_ab))")
    return fig
