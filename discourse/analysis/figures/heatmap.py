"""Heatmap of theme shares, one row per group (speaker), annotated with % and k/n.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.counts import count_themes
>>> from discourse.analysis.figures.heatmap import plot_speaker_heatmap
>>> coded = pd.DataFrame({"stmt_id": ["1", "2"], "n_tokens": [9, 9],
...                       "speaker": ["xi", "hun_sen"], "theme_peace": [1, 0]})
>>> fig = plot_speaker_heatmap(count_themes(coded, by="speaker"))
>>> fig.axes[0].get_ylabel()
'speaker'
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .style import HEATMAP_CMAP, KEY_NAMES, SINGLE_COLUMN, TOP_GROUPS, check_counts, \
    figure_style, group_keys, group_labels, new_figure, theme_label, top_groups

__all__ = ["plot_speaker_heatmap"]


def plot_speaker_heatmap(
    counts: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    width: float = SINGLE_COLUMN,
    title: str | None = None,
    top: int | None = TOP_GROUPS,
) -> Figure:
    """Heatmap of theme shares, one row per group (speaker), annotated with % and k/n.

    Parameters
    ----------
    counts
        Output of :func:`discourse.count_themes`, e.g. ``by="speaker"`` or
        ``by=["side", "speaker"]``.
    labels, width, title
        As in :func:`plot_theme_shares`.
    top
        Draw only the ``top`` groups with the most statements (default 30), in the table's
        order; a note under the chart says how many were left out (the table keeps them
        all). None draws every group (the figure is still at most
        :data:`~discourse.analysis.figures.style.MAX_HEIGHT` inches tall).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.analysis.counts import count_themes
    >>> coded = pd.DataFrame({"stmt_id": ["1", "2"], "n_tokens": [9, 9],
    ...                       "speaker": ["xi", "hun_sen"], "theme_peace": [1, 0]})
    >>> fig = plot_speaker_heatmap(count_themes(coded, by="speaker"))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['hun_sen (n = 1)', 'xi (n = 1)']
    """
    # seaborn is only needed for heatmaps and slow to import: imported on first use
    import seaborn as sns

    where = "plot_speaker_heatmap"
    check_counts(counts, where)
    keys = group_keys(counts, "theme")
    data = counts.assign(_group=group_labels(counts, keys))
    themes = list(dict.fromkeys(data["theme"]))
    sizes = data.groupby("_group", sort=False)["n_statements"].first()
    groups, left_out = top_groups(sizes, top)
    data = data[data["_group"].isin(set(groups))]
    share = data.pivot(index="_group", columns="theme", values="share").loc[groups, themes]
    coded = data.pivot(index="_group", columns="theme", values="n_coded").loc[groups, themes]
    annot = np.array([
        [f"{100 * s:.0f}%\n{int(k)}/{int(sizes[g])}" for s, k in zip(share.loc[g], coded.loc[g])]
        for g in groups
    ], dtype=object)
    height = 1.9 + 0.42 * len(groups)
    names = [KEY_NAMES.get(k, k) for k in keys]
    with figure_style():
        fig = new_figure(width, height)
        ax = fig.add_subplot()
        sns.heatmap(
            100 * share.to_numpy(dtype=float), ax=ax, cmap=HEATMAP_CMAP, vmin=0, vmax=100,
            annot=annot, fmt="", annot_kws={"fontsize": 6}, linewidths=0.5, linecolor="white",
            cbar_kws={"label": "% of statements", "shrink": 0.9},
            xticklabels=[theme_label(t, labels, width=40) for t in themes],
            yticklabels=[f"{g} (n = {int(sizes[g])})" for g in groups],
        )
        for tick in ax.get_xticklabels():
            tick.set(rotation=45, ha="right", rotation_mode="anchor")
        ax.tick_params(axis="y", rotation=0)
        ax.set_xlabel("Theme")
        ax.set_ylabel(" / ".join(names) or "group")
        ax.set_title(title or f"Theme shares by {' / '.join(names) or 'corpus'}")
        if left_out:
            fig.text(0.01, 0.002, f"Top {len(groups)} by statements; {left_out} more\n"
                     "in the table, not drawn", fontsize=6, ha="left", va="bottom")
    return fig
