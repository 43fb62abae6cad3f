"""Forest plot of a two-group comparison: the difference of shares per theme, with the
interval that assumes independent statements and the readout-clustered one.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.stats import compare_groups
>>> from discourse.analysis.figures.comparison import plot_comparison
>>> coded = pd.DataFrame({"doc_id": list("aabbccdd") * 2, "side": ["CN", "KH"] * 8,
...                       "theme_x": [1, 0, 1, 1, 0, 0, 1, 0] * 2})
>>> fig = plot_comparison(compare_groups(coded, n_boot=200))
>>> fig.axes[0].get_xlabel()
'difference of shares (CN − KH)'
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ...errors import ParameterError
from ..palette import PALETTE
from .style import SINGLE_COLUMN, figure_style, new_figure, theme_label

__all__ = ["plot_comparison"]

_NEEDED = ("theme", "group_1", "group_2", "difference", "diff_ci_low", "diff_ci_high")


def plot_comparison(comparison: pd.DataFrame, *, labels: Mapping[str, str] | None = None,
                    title: str | None = None, width: float = SINGLE_COLUMN) -> Figure:
    """Difference of shares per theme with its naive and readout-clustered intervals.

    Parameters
    ----------
    comparison
        A table of :func:`discourse.analysis.stats.compare_groups` (or
        :func:`discourse.analysis.reporting.compare_reporting`); the clustered interval is
        drawn when it has ``cluster_ci_low``/``cluster_ci_high``.
    labels
        Theme id -> label.
    title
        The title (default: the groups compared, and the subject of ``compare_reporting``).
    width
        Width in inches.

    Returns
    -------
    Figure
        One row per theme: a point at the difference, a thin line for the interval assuming
        independent statements, a thick line for the cluster-bootstrap interval by readout.

    Examples
    --------
    >>> table = pd.DataFrame({"theme": ["x"], "group_1": ["CN"], "group_2": ["KH"],
    ...     "difference": [0.1], "diff_ci_low": [0.0], "diff_ci_high": [0.2]})
    >>> len(plot_comparison(table).axes)
    1
    """
    missing = [c for c in _NEEDED if c not in comparison.columns]
    if missing or comparison.empty:
        raise ParameterError(
            f"plot_comparison: the table lacks {', '.join(missing) or 'rows'}; give the table "
            "of compare_groups or compare_reporting")
    g1, g2 = str(comparison["group_1"].iloc[0]), str(comparison["group_2"].iloc[0])
    clustered = {"cluster_ci_low", "cluster_ci_high"} <= set(comparison.columns)
    y = np.arange(len(comparison))[::-1].astype(float)
    with figure_style():
        fig = new_figure(width, 0.9 + 0.38 * len(comparison))
        ax = fig.add_subplot()
        ax.axvline(0, color="0.6", linewidth=0.8)
        naive = comparison[["diff_ci_low", "diff_ci_high"]].to_numpy(float)
        ax.hlines(y + (0.12 if clustered else 0), naive[:, 0], naive[:, 1], color=PALETTE[0],
                  linewidth=1, label="statements independent (Newcombe)")
        if clustered:
            ci = comparison[["cluster_ci_low", "cluster_ci_high"]].to_numpy(float)
            ax.hlines(y - 0.12, ci[:, 0], ci[:, 1], color=PALETTE[1], linewidth=3,
                      label="clustered by readout (bootstrap)")
        ax.plot(comparison["difference"].to_numpy(float), y, "o", color="black", markersize=4,
                label="difference")
        ax.set_yticks(y, [theme_label(str(t), labels) for t in comparison["theme"]])
        ax.set_xlabel(f"difference of shares ({g1} − {g2})")
        ax.set_xlim(-1.02, 1.02)
        subject = comparison.attrs.get("subject")
        ax.set_title(title or f"{g1} vs {g2}" + (f", {subject}" if subject else ""))
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.08), fontsize="small", frameon=False)
    return fig
