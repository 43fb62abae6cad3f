"""Theme shares per period: one panel per theme, one line (with its interval) per group.

With several groups each group has its colour (in the palette's order); with one group each
panel's line has its theme's colour, the one it has in the review widget and the REFI-QDA
export (:mod:`discourse.analysis.palette`).

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.time import count_over_time
>>> from discourse.analysis.figures.time import plot_over_time
>>> coded = pd.DataFrame({"stmt_id": ["1", "2"], "n_tokens": [5, 5], "side": ["CN", "KH"],
...     "date": ["2023-05-01", "2024-12-03"], "theme_a": [1, 0]})
>>> [ax.get_title() for ax in plot_over_time(count_over_time(coded)).axes]
['a']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ...errors import AnalysisError, ParameterError
from ...schema import require_columns
from ..grouping import MISSING_LABEL
from ..palette import PALETTE, theme_colours
from .style import DOUBLE_COLUMN, SINGLE_COLUMN, count_label, figure_style, group_keys, \
    group_labels, new_figure, theme_label

__all__ = ["plot_over_time"]


def _dated(over_time: pd.DataFrame, themes: Sequence[str] | None, where: str):
    """The dated rows (with their group label and period position), the undated rows, the
    themes to draw and the sorted periods."""
    keys = group_keys(over_time, "theme")
    data = over_time.assign(_group=group_labels(over_time, keys))
    undated = data[data["period"].astype(str) == MISSING_LABEL]
    data = data[data["period"].astype(str) != MISSING_LABEL]
    if data.empty:
        raise AnalysisError(f"{where}: no dated statement to plot; add dates to the corpus metadata")
    chosen = list(dict.fromkeys(data["theme"])) if themes is None else list(themes)
    missing = [t for t in chosen if t not in set(data["theme"])]
    if missing:
        raise ParameterError(f"{where}: themes= names {', '.join(missing)}, not in the table")
    periods = sorted(set(data["period"].astype(str)))
    position = {p: i for i, p in enumerate(periods)}
    data = data.assign(_date=data["period"].astype(str).map(position))
    return data, undated, chosen, periods


def _draw_panel(ax, data: pd.DataFrame, theme: str, colours: Mapping[str, str],
                totals: pd.Series) -> None:
    """One theme's lines, one per group, with the shaded intervals."""
    for group, colour in colours.items():
        rows = data[(data["theme"] == theme) & (data["_group"] == group)].sort_values("_date")
        ax.fill_between(rows["_date"], 100 * rows["ci_low"], 100 * rows["ci_high"],
                        color=colour, alpha=0.18, linewidth=0)
        ax.plot(rows["_date"], 100 * rows["share"], marker="o", markersize=3,
                color=colour, label=f"{group} ({count_label(int(totals.get(group, 0)))})")


def _set_axes(ax, title: str, periods: list[str], freq: str) -> None:
    ax.set_title(title, fontsize=8)
    ax.set_ylim(0, 100)
    step = max(1, int(np.ceil(len(periods) / 8)))
    ax.set_xticks(range(0, len(periods), step), periods[::step],
                  rotation=0 if freq == "year" else 45,
                  ha="center" if freq == "year" else "right")
    ax.set_xlabel(freq.capitalize())
    ax.set_ylabel("Statements (%)")


def _group_colours(groups: list[str], chosen: list[str], *, codebook: Any,
                   colours: Mapping[str, str] | None) -> dict[str, dict[str, str]]:
    """Theme -> {group: colour}: the groups' colours, or with one group the theme's."""
    if len(groups) == 1:
        of = theme_colours(chosen, codebook=codebook, colours=colours)
        return {t: {groups[0]: of[t]} for t in chosen}
    by_group = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    return {t: by_group for t in chosen}


def plot_over_time(
    over_time: pd.DataFrame,
    *,
    themes: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    width: float | None = None,
    title: str | None = None,
    codebook: Any = None,
    colours: Mapping[str, str] | None = None,
) -> Figure:
    """Theme shares per period, one panel per theme, one line (with its interval) per group.

    Statements without a date (period ``"(none)"``) are not drawn; their number is noted
    under the chart.

    Parameters
    ----------
    over_time
        Output of :func:`discourse.count_over_time`.
    themes
        Themes to draw (default all).
    labels, title
        As in :func:`discourse.analysis.figures.shares.plot_theme_shares`.
    width
        Inches; default single column for one theme, double for more.
    codebook, colours
        The theme colours of a one-group chart (see
        :func:`discourse.analysis.palette.theme_colours`).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.analysis.time import count_over_time
    >>> coded = pd.DataFrame({"stmt_id": ["1", "2"], "n_tokens": [5, 5],
    ...     "date": ["2023-05-01", "2024-12-03"], "theme_a": [1, 0]})
    >>> fig = plot_over_time(count_over_time(coded, by=None))
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
    ['2023', '2024']
    """
    where = "plot_over_time"
    require_columns(over_time, ["period", "theme", "n_statements", "share", "ci_low", "ci_high"],
                    where=where)
    freq = over_time.attrs.get("freq") or (
        "month" if over_time["period"].astype(str).str.len().eq(7).any() else "year")
    data, undated, chosen, periods = _dated(over_time, themes, where)
    groups = list(dict.fromkeys(data["_group"]))
    palette = _group_colours(groups, chosen, codebook=codebook, colours=colours)
    first = data[data["theme"] == chosen[0]]
    totals = first.groupby("_group", sort=False)["n_statements"].sum()
    ncols = 1 if len(chosen) == 1 else 2
    nrows = int(np.ceil(len(chosen) / ncols))
    width = width or (SINGLE_COLUMN if ncols == 1 else DOUBLE_COLUMN)
    with figure_style():
        fig = new_figure(width, 1.0 + 1.7 * nrows)
        axes = fig.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True)
        for k, theme in enumerate(chosen):
            _draw_panel(axes.flat[k], data, theme, palette[theme], totals)
            _set_axes(axes.flat[k], theme_label(theme, labels, width=40), periods, freq)
        for ax in axes.flat[: len(chosen)]:
            ax.label_outer()
        for ax in axes.flat[len(chosen):]:
            ax.set_axis_off()
        handles, names = axes.flat[0].get_legend_handles_labels()
        if len(groups) == 1:   # the lines have their themes' colours: the label alone
            handles = [Line2D([], [], color="none")]
        fig.legend(handles, names, loc="outside lower center", ncols=min(len(groups), 2),
                   frameon=False)
        level = round(100 * over_time.attrs.get("ci", 0.95))
        fig.suptitle(title or f"Theme shares by {freq} ({level} % Wilson intervals shaded)")
        if not undated.empty:
            n_undated = int(undated.groupby("_group")["n_statements"].first().sum())
            fig.text(0.01, 0.0, f"{count_label(n_undated)} without a date not shown",
                     fontsize=6, ha="left", va="bottom")
    return fig
