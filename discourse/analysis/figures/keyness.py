"""Bars of the most key words of two groups (quanteda's textplot_keyness).

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.keyness import compute_keyness
>>> from discourse.analysis.figures.keyness import plot_keyness
>>> st = pd.DataFrame({"side": ["CN", "KH"], "lang": ["en", "en"],
...     "text": ["cooperation cooperation", "friendship friendship"]})
>>> fig = plot_keyness(compute_keyness(st, target="CN", min_count=1))
>>> fig.axes[0].get_title()
'Key words: CN vs reference'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ...errors import AnalysisError, ParameterError
from ...schema import require_columns
from ..palette import PALETTE
from .scripts import drawable_label
from .style import SINGLE_COLUMN, count_label, figure_style, new_figure

__all__ = ["plot_keyness", "MEASURE_LABELS"]

#: Axis labels of the keyness measures.
MEASURE_LABELS = {
    "chi2": "\u03c7\u00b2 (signed)", "lr": "G\u00b2 log-likelihood (signed)",
    "pmi": "Pointwise mutual information", "exact": "log odds ratio (Fisher's exact test)",
}


def plot_keyness(
    keyness: pd.DataFrame,
    *,
    n: int = 20,
    target: str | None = None,
    reference: str | None = None,
    width: float = SINGLE_COLUMN,
    title: str | None = None,
) -> Figure:
    """Bars of the ``n`` most key words of the target and of the reference (textplot_keyness).

    Parameters
    ----------
    keyness
        Output of :func:`discourse.compute_keyness` (its ``attrs`` give the group names,
        sizes and measure).
    n
        Number of words shown for each side.
    target, reference
        Group names for the legend (default from ``attrs``, else "target"/"reference").
    width, title
        Figure width in inches; title (default "Key words: <target> vs <reference>").

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.analysis.keyness import compute_keyness
    >>> st = pd.DataFrame({"side": ["CN", "KH"], "lang": ["en", "en"],
    ...     "text": ["cooperation cooperation", "friendship friendship"]})
    >>> fig = plot_keyness(compute_keyness(st, target="CN", min_count=1), n=1)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['cooperation', 'friendship']
    """
    where = "plot_keyness"
    require_columns(keyness, ["feature", "statistic"], where=where)
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ParameterError(f"{where}: n={n!r} must be a positive integer")
    attrs = keyness.attrs
    measure = attrs.get("measure", "chi2")
    value = keyness["statistic"].to_numpy(dtype=float)
    xlabel = MEASURE_LABELS.get(measure, measure)
    if measure == "exact":
        with np.errstate(divide="ignore"):
            value = np.log(value)
        infinite = np.isinf(value)
        if infinite.any():  # a word absent from one side: draw it at the largest finite value
            finite = np.abs(value[np.isfinite(value)])
            limit = 1.1 * (finite.max() if finite.size and finite.max() > 0 else 1.0)
            value = np.where(infinite, np.sign(value) * limit, value)
            xlabel += "\n(infinite odds ratios drawn at \u00b1" + f"{limit:.1f})"
    data = keyness.assign(_value=value).dropna(subset="_value")
    data = data.sort_values(["_value", "feature"], ascending=[False, True], kind="mergesort")
    top, bottom = data[data["_value"] > 0].head(n), data[data["_value"] < 0].tail(n)
    shown = pd.concat([top, bottom])
    if shown.empty:
        raise AnalysisError(f"{where}: no word is more frequent on either side; nothing to plot")
    names = (target or attrs.get("target", "target"), reference or attrs.get("reference", "reference"))
    sizes = [attrs.get(f"n_{s}_tokens") for s in ("target", "reference")]
    stmts = [attrs.get(f"n_{s}_statements") for s in ("target", "reference")]
    legend = []
    for name, tokens, count in zip(names, sizes, stmts):
        parts = [count_label(int(count)) if count is not None else None,
                 count_label(int(tokens), noun="token")[4:] if tokens is not None else None]
        detail = ", ".join(p for p in parts if p)
        legend.append(f"{name} ({detail})" if detail else str(name))
    height = 1.2 + 0.13 * len(shown)
    with figure_style():
        fig = new_figure(width, height)
        ax = fig.add_subplot()
        y = np.arange(len(shown))
        colours = np.where(shown["_value"].to_numpy() > 0, PALETTE[0], PALETTE[1])
        ax.barh(y, shown["_value"], color=colours, height=0.75)
        ax.set_yticks(y, [drawable_label(f) for f in shown["feature"].astype(str)])
        ax.invert_yaxis()
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Word")
        ax.set_title(title or f"Key words: {names[0]} vs {names[1]}")
        handles = [Patch(color=PALETTE[0], label=legend[0]), Patch(color=PALETTE[1], label=legend[1])]
        fig.legend(handles=handles, loc="outside lower center", ncols=1, frameon=False)
    return fig
