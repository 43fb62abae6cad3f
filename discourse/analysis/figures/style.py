"""The style every figure shares: fonts, sizes, colours, and the labels of groups and counts.

:func:`figure_style` applies the style inside each plot function, never globally: the
Okabe–Ito colour-blind-safe palette (:data:`discourse.analysis.palette.PALETTE`), the
perceptually uniform, colour-blind-safe ``cividis`` map for heatmaps, DejaVu Sans (shipped
with matplotlib, so every machine draws the same glyphs; an installed font for Chinese and
Khmer behind it, else those labels in Latin letters: :mod:`.scripts`) at 7–9 pt, sized for a journal
column (:data:`SINGLE_COLUMN` = 3.5 inches, 8.9 cm; :data:`DOUBLE_COLUMN` = 7.2 in). Each
chart carries a title, axis labels, a legend and the sample sizes ("CN (n = 9 statements)").

Examples
--------
>>> from discourse.analysis.figures.style import figure_style
>>> import matplotlib
>>> with figure_style():
...     matplotlib.rcParams["font.size"]
8.0
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator, Mapping

import pandas as pd
from cycler import cycler
from matplotlib import rc_context
from matplotlib.figure import Figure

from ...errors import AnalysisError, ParameterError
from ...schema import require_columns
from ..counts import COUNT_COLUMNS
from ..palette import PALETTE
from .scripts import drawable_label, fallback_fonts

__all__ = ["SINGLE_COLUMN", "DOUBLE_COLUMN", "MAX_HEIGHT", "MAX_PIXELS", "TOP_GROUPS",
           "top_groups", "HEATMAP_CMAP", "KEY_NAMES", "figure_style",
           "new_figure", "group_keys", "group_labels", "count_label", "theme_label",
           "check_counts"]

SINGLE_COLUMN = 3.5  #: inches (8.9 cm)
DOUBLE_COLUMN = 7.2  #: inches (18.3 cm)
#: The tallest figure, in inches (a journal page): taller drawings are scaled into it.
MAX_HEIGHT = 11.0
#: The most pixels a written figure has on either side (the PNG's resolution is lowered to fit).
MAX_PIXELS = 4000
#: The groups (speakers) a heatmap draws by default: the others are counted in a note.
TOP_GROUPS = 30
HEATMAP_CMAP = "cividis"

#: Readable names of grouping columns in axis labels and titles.
KEY_NAMES = {"speaker_name": "speaker", "doc_id": "document"}

_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.title_fontsize": 7,
    "figure.titlesize": 9,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "lines.linewidth": 1.2,
    "image.cmap": HEATMAP_CMAP,
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": "discourse",
    "path.simplify": True,
}


@contextlib.contextmanager
def figure_style() -> Iterator[None]:
    """Apply discourse's figure style inside a ``with`` block only (matplotlib rc_context).

    Examples
    --------
    >>> import matplotlib
    >>> with figure_style():
    ...     matplotlib.rcParams["font.family"][0]
    'DejaVu Sans'
    """
    with rc_context({**_STYLE, "font.family": ["DejaVu Sans", *fallback_fonts()]}):
        yield


def new_figure(width: float, height: float) -> Figure:
    """A new figure of ``width`` x ``height`` inches, at most :data:`MAX_HEIGHT` tall.

    Raises ParameterError for a bad width.

    Examples
    --------
    >>> new_figure(3.5, 2).get_size_inches().tolist(), float(new_figure(3.5, 40).get_size_inches()[1])
    ([3.5, 2.0], 11.0)
    """
    if not (isinstance(width, (int, float)) and 1 <= width <= 20):
        raise ParameterError(f"width={width!r} must be a number of inches, e.g. 3.5 or 7.2")
    return Figure(figsize=(float(width), min(float(height), MAX_HEIGHT)), layout="constrained")


def top_groups(sizes: pd.Series, top: int | None) -> tuple[list, int]:
    """The ``top`` largest groups (by statements; ties by label), and how many are left out.

    ``sizes`` maps each group label to its number of statements, in display order; the groups
    kept keep that order. ``top=None`` keeps them all.

    Examples
    --------
    >>> top_groups(pd.Series({"a": 1, "b": 5, "c": 3}), 2)
    (['b', 'c'], 1)
    """
    if top is not None and (not isinstance(top, int) or isinstance(top, bool) or top < 1):
        raise ParameterError(f"top={top!r} is not valid; give a number of groups >= 1 "
                             "(e.g. 30), or None for all")
    groups = list(sizes.index)
    if top is None or len(groups) <= top:
        return groups, 0
    n = sizes.to_numpy().tolist()                # not sizes.iloc[i]: one lookup per group
    order = sorted(range(len(groups)), key=lambda i: (-int(n[i]), str(groups[i])))
    keep = sorted(order[:top])
    return [groups[i] for i in keep], len(groups) - top


def group_keys(df: pd.DataFrame, stop: str) -> list[str]:
    """The grouping columns: those before ``stop`` (count tables put the keys first).

    Examples
    --------
    >>> import pandas as pd
    >>> group_keys(pd.DataFrame(columns=["side", "speaker", "theme", "share"]), "theme")
    ['side', 'speaker']
    """
    cols = list(df.columns)
    return [c for c in cols[: cols.index(stop)] if c not in COUNT_COLUMNS and c != "period"]


def group_labels(df: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Each row's group as a label (``"CN / xi_jinping"``; ``"all statements"`` without keys).

    Chinese or Khmer words are written in Latin letters when no installed font draws them
    (:func:`~discourse.analysis.figures.scripts.drawable_label`).

    Examples
    --------
    >>> import pandas as pd
    >>> group_labels(pd.DataFrame({"side": ["CN"], "speaker": ["xi"]}), ["side", "speaker"]).tolist()
    ['CN / xi']
    """
    if not keys:
        return pd.Series("all statements", index=df.index, dtype=object)
    # Column by column (numpy's element-wise str concatenation), not row by row: a
    # heatmap's table holds one row per speaker and theme.
    parts = [df[k].astype(str).to_numpy(dtype=object) for k in keys]
    labels = parts[0].copy()
    for part in parts[1:]:
        labels = labels + " / " + part
    drawn = {label: drawable_label(label) for label in set(labels)}
    return pd.Series([drawn[label] for label in labels], index=df.index, dtype=object)


def count_label(n: int, *, noun: str = "statement") -> str:
    """``"n = 1 statement"``, ``"n = 1 234 statements"`` (thin space between thousands).

    Examples
    --------
    >>> count_label(2)
    'n = 2 statements'
    """
    return f"n = {n:,} {noun}{'' if n == 1 else 's'}".replace(",", "\u2009")


def theme_label(theme: str, labels: Mapping[str, str] | None, *, width: int = 22) -> str:
    """The display label of a theme (its label, else its id), wrapped at ``width``.

    Examples
    --------
    >>> theme_label("anti_cold_war", None), theme_label("peace", {"peace": "Peace"})
    ('anti cold war', 'Peace')
    """
    text = (labels or {}).get(theme, theme).replace("_", " ")
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def check_counts(counts: pd.DataFrame, where: str) -> None:
    """Check a theme-count table has the columns of a plot and is not empty.

    Examples
    --------
    >>> import pandas as pd
    >>> check_counts(pd.DataFrame(columns=["theme", "n_statements", "n_coded", "share",
    ...                                    "ci_low", "ci_high"]), "example")
    Traceback (most recent call last):
    ...
    discourse.errors.AnalysisError: example: the table is empty; there is nothing to plot
    """
    require_columns(counts, ["theme", "n_statements", "n_coded", "share", "ci_low", "ci_high"],
                    where=where)
    if counts.empty:
        raise AnalysisError(f"{where}: the table is empty; there is nothing to plot")
