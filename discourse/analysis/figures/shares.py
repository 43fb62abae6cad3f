"""Bar chart of theme shares per group, with their Wilson intervals.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.counts import count_themes
>>> from discourse.analysis.figures.shares import plot_theme_shares
>>> coded = pd.DataFrame({"stmt_id": ["1", "2"], "n_tokens": [9, 9], "theme_peace": [1, 0]})
>>> fig = plot_theme_shares(count_themes(coded, by=None))
>>> fig.axes[0].get_title()
'Theme shares by corpus'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..palette import PALETTE, theme_colours
from .style import SINGLE_COLUMN, check_counts, count_label, figure_style, group_keys, \
    group_labels, new_figure, theme_label

__all__ = ["plot_theme_shares"]


def plot_theme_shares(
    counts: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    width: float = SINGLE_COLUMN,
    title: str | None = None,
    codebook: Any = None,
    colours: Mapping[str, str] | None = None,
) -> Figure:
    """Bar chart of each theme's share of statements per group, with Wilson intervals.

    With several groups, each group has its colour (in the palette's order); with one group
    (``count_themes(coded, by=None)``), each bar has its theme's colour, the one it has in
    the review widget and the REFI-QDA export.

    Parameters
    ----------
    counts
        Output of :func:`discourse.count_themes` (any grouping).
    labels
        Theme id -> display label (e.g. ``{t.id: t.label for t in codebook.themes}``).
    codebook, colours
        The theme colours of a one-group chart (see
        :func:`discourse.analysis.palette.theme_colours`).
    width
        Figure width in inches (3.5 single column, 7.2 double).
    title
        Title (default "Theme shares by <grouping>").

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.analysis.counts import count_themes
    >>> coded = pd.DataFrame({"stmt_id": ["1", "2", "3"], "n_tokens": [9, 9, 9],
    ...     "side": ["CN", "CN", "KH"], "theme_cooperation": [1, 0, 1]})
    >>> fig = plot_theme_shares(count_themes(coded))
    >>> [t.get_text() for t in fig.legends[0].get_texts()]
    ['CN (n = 2 statements)', 'KH (n = 1 statement)']
    """
    where = "plot_theme_shares"
    check_counts(counts, where)
    keys = group_keys(counts, "theme")
    data = counts.assign(_group=group_labels(counts, keys))
    themes = list(dict.fromkeys(data["theme"]))
    groups = list(dict.fromkeys(data["_group"]))
    sizes = data.groupby("_group", sort=False)["n_statements"].first()
    level = round(100 * counts.attrs.get("ci", 0.95))
    bar = min(0.8 / len(groups), 0.35)
    height = 1.3 + len(themes) * max(0.45, bar * len(groups) * 0.55) + 0.14 * len(groups)
    colour = _colours(themes, groups, codebook=codebook, colours=colours)
    with figure_style():
        fig = new_figure(width, height)
        ax = fig.add_subplot()
        y = np.arange(len(themes))
        for i, group in enumerate(groups):
            rows = data[data["_group"] == group].set_index("theme").reindex(themes)
            share = 100 * rows["share"].to_numpy(dtype=float)
            err = 100 * np.vstack([rows["share"] - rows["ci_low"], rows["ci_high"] - rows["share"]])
            offset = (i - (len(groups) - 1) / 2) * bar
            ax.barh(y + offset, share, height=bar * 0.9, color=colour[i],
                    xerr=err, error_kw={"elinewidth": 0.7, "capsize": 1.5, "capthick": 0.7},
                    label=f"{group} ({count_label(int(sizes[group]))})")
        ax.set_yticks(y, [theme_label(t, labels) for t in themes])
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("Statements coding the theme (%)")
        ax.set_ylabel("Theme")
        ax.set_title(title or f"Theme shares by {' / '.join(keys) or 'corpus'}")
        fig.legend(handles=_legend_handles(ax, len(groups)), loc="outside lower center",
                   ncols=min(len(groups), 2), frameon=False,
                   title=f"{' / '.join(keys) or 'Group'} (error bars: {level} % Wilson interval)")
    return fig


def _colours(themes: list[str], groups: list[str], *, codebook: Any,
             colours: Mapping[str, str] | None) -> list:
    """The colour of each group's bars: the group's, or with one group each theme's."""
    if len(groups) == 1:
        of = theme_colours(themes, codebook=codebook, colours=colours)
        return [[of[t] for t in themes]]
    return [PALETTE[i % len(PALETTE)] for i in range(len(groups))]


def _legend_handles(ax, n_groups: int) -> list:
    """The legend's handles: the groups' bars, or for one group (bars in their themes'
    colours) its label alone."""
    handles, names = ax.get_legend_handles_labels()
    if n_groups == 1:
        return [Patch(facecolor="none", edgecolor="none", label=names[0])]
    return handles
