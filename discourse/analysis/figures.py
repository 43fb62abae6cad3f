"""Publication figures of the analysis tables, and a deterministic writer.

Every ``plot_*`` function takes a table of :mod:`discourse.analysis.tables` or
:mod:`discourse.analysis.keyness` and returns a new :class:`matplotlib.figure.Figure`; none saves,
shows or touches pyplot's global state. :func:`write_figure` writes a figure as PNG (300 dpi),
PDF and SVG, atomically, with the same bytes for the same figure.

The style (:func:`figure_style`, applied inside each function, never globally): the
Okabe–Ito colour-blind-safe palette (:data:`PALETTE`, groups coloured in table order), the
perceptually uniform, colour-blind-safe ``cividis`` map for heatmaps, DejaVu Sans (shipped
with matplotlib, so every machine draws the same glyphs) at 7–9 pt, sized for a journal
column (``width=3.5`` inches, 8.9 cm; :data:`DOUBLE_COLUMN` = 7.2 in). Each chart carries a
title, axis labels, a legend and the sample sizes ("CN (n = 9 statements)").

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.tables import count_themes
>>> from discourse.analysis.figures import plot_theme_shares
>>> coded = pd.DataFrame({"stmt_id": ["1", "2", "3"], "n_tokens": [9, 9, 9],
...     "side": ["CN", "CN", "KH"], "theme_cooperation": [1, 0, 1]})
>>> fig = plot_theme_shares(count_themes(coded))
>>> [t.get_text() for t in fig.legends[0].get_texts()]
['CN (n = 2 statements)', 'KH (n = 1 statement)']
"""

from __future__ import annotations

import contextlib
import io
import os
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib import rc_context
from matplotlib.figure import Figure

from ..io.files import check_writable, write_atomic
from ..errors import AnalysisError, ParameterError
from ..schema import require_columns
from .tables import COUNT_COLUMNS, MISSING_LABEL

__all__ = [
    "PALETTE", "SINGLE_COLUMN", "DOUBLE_COLUMN", "figure_style",
    "plot_theme_shares", "plot_speaker_heatmap", "plot_keyness", "plot_cooccurrence",
    "plot_over_time", "write_figure",
]

#: Okabe & Ito (2008) colour-blind-safe colours, in the order groups get them.
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow (last: faint on white)
)
SINGLE_COLUMN = 3.5  #: inches (8.9 cm)
DOUBLE_COLUMN = 7.2  #: inches (18.3 cm)
HEATMAP_CMAP = "cividis"

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

_MEASURE_LABELS = {
    "chi2": "\u03c7\u00b2 (signed)", "lr": "G\u00b2 log-likelihood (signed)",
    "pmi": "Pointwise mutual information", "exact": "log odds ratio (Fisher's exact test)",
}


@contextlib.contextmanager
def figure_style() -> Iterator[None]:
    """Apply discourse's figure style inside a ``with`` block only (matplotlib rc_context).

    Examples
    --------
    >>> from discourse.analysis.figures import figure_style
    >>> import matplotlib
    >>> with figure_style():
    ...     matplotlib.rcParams["font.size"]
    8.0
    """
    with rc_context(_STYLE):
        yield


def _new_figure(width: float, height: float) -> Figure:
    if not (isinstance(width, (int, float)) and 1 <= width <= 20):
        raise ParameterError(f"width={width!r} must be a number of inches, e.g. 3.5 or 7.2")
    return Figure(figsize=(float(width), float(height)), layout="constrained")


def _group_keys(df: pd.DataFrame, stop: str) -> list[str]:
    """The grouping columns: those before ``stop`` (count tables put the keys first)."""
    cols = list(df.columns)
    return [c for c in cols[: cols.index(stop)] if c not in COUNT_COLUMNS and c != "period"]


def _group_labels(df: pd.DataFrame, keys: list[str]) -> pd.Series:
    if not keys:
        return pd.Series("all statements", index=df.index, dtype=object)
    return df[keys].astype(str).agg(" / ".join, axis=1).astype(object)


def _n(n: int, noun: str = "statement") -> str:
    return f"n = {n:,} {noun}{'' if n == 1 else 's'}".replace(",", "\u2009")


def _label(theme: str, labels: Mapping[str, str] | None, width: int = 22) -> str:
    text = (labels or {}).get(theme, theme).replace("_", " ")
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _check_counts(counts: pd.DataFrame, where: str) -> None:
    require_columns(counts, ["theme", "n_statements", "n_coded", "share", "ci_low", "ci_high"],
                    where=where)
    if counts.empty:
        raise AnalysisError(f"{where}: the table is empty; there is nothing to plot")


def plot_theme_shares(
    counts: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    width: float = SINGLE_COLUMN,
    title: str | None = None,
) -> Figure:
    """Bar chart of each theme's share of statements per group, with Wilson intervals.

    Parameters
    ----------
    counts
        Output of :func:`discourse.count_themes` (any grouping).
    labels
        Theme id -> display label (e.g. ``{t.id: t.label for t in codebook.themes}``).
    width
        Figure width in inches (3.5 single column, 7.2 double).
    title
        Title (default "Theme shares by <grouping>").

    Returns
    -------
    matplotlib.figure.Figure
    """
    where = "plot_theme_shares"
    _check_counts(counts, where)
    keys = _group_keys(counts, "theme")
    data = counts.assign(_group=_group_labels(counts, keys))
    themes = list(dict.fromkeys(data["theme"]))
    groups = list(dict.fromkeys(data["_group"]))
    sizes = data.groupby("_group", sort=False)["n_statements"].first()
    level = round(100 * counts.attrs.get("ci", 0.95))
    bar = min(0.8 / len(groups), 0.35)
    height = 1.3 + len(themes) * max(0.45, bar * len(groups) * 0.55) + 0.14 * len(groups)
    with figure_style():
        fig = _new_figure(width, height)
        ax = fig.add_subplot()
        y = np.arange(len(themes))
        for i, group in enumerate(groups):
            rows = data[data["_group"] == group].set_index("theme").reindex(themes)
            share = 100 * rows["share"].to_numpy(dtype=float)
            err = 100 * np.vstack([rows["share"] - rows["ci_low"], rows["ci_high"] - rows["share"]])
            offset = (i - (len(groups) - 1) / 2) * bar
            ax.barh(y + offset, share, height=bar * 0.9, color=PALETTE[i % len(PALETTE)],
                    xerr=err, error_kw={"elinewidth": 0.7, "capsize": 1.5, "capthick": 0.7},
                    label=f"{group} ({_n(int(sizes[group]))})")
        ax.set_yticks(y, [_label(t, labels) for t in themes])
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("Statements coding the theme (%)")
        ax.set_ylabel("Theme")
        ax.set_title(title or f"Theme shares by {' / '.join(keys) or 'corpus'}")
        fig.legend(loc="outside lower center", ncols=min(len(groups), 2), frameon=False,
                   title=f"{' / '.join(keys) or 'Group'} (error bars: {level} % Wilson interval)")
    return fig


#: Readable names of grouping columns in axis labels and titles.
_KEY_NAMES = {"speaker_name": "speaker", "doc_id": "document"}


def plot_speaker_heatmap(
    counts: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    width: float = SINGLE_COLUMN,
    title: str | None = None,
) -> Figure:
    """Heatmap of theme shares, one row per group (speaker), annotated with % and k/n.

    Parameters
    ----------
    counts
        Output of :func:`discourse.count_themes`, e.g. ``by="speaker"`` or
        ``by=["side", "speaker"]``.
    labels, width, title
        As in :func:`plot_theme_shares`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import seaborn as sns

    where = "plot_speaker_heatmap"
    _check_counts(counts, where)
    keys = _group_keys(counts, "theme")
    data = counts.assign(_group=_group_labels(counts, keys))
    themes = list(dict.fromkeys(data["theme"]))
    groups = list(dict.fromkeys(data["_group"]))
    sizes = data.groupby("_group", sort=False)["n_statements"].first()
    share = data.pivot(index="_group", columns="theme", values="share").loc[groups, themes]
    coded = data.pivot(index="_group", columns="theme", values="n_coded").loc[groups, themes]
    annot = np.array([
        [f"{100 * s:.0f}%\n{int(k)}/{int(sizes[g])}" for s, k in zip(share.loc[g], coded.loc[g])]
        for g in groups
    ], dtype=object)
    height = 1.9 + 0.42 * len(groups)
    names = [_KEY_NAMES.get(k, k) for k in keys]
    with figure_style():
        fig = _new_figure(width, height)
        ax = fig.add_subplot()
        sns.heatmap(
            100 * share.to_numpy(dtype=float), ax=ax, cmap=HEATMAP_CMAP, vmin=0, vmax=100,
            annot=annot, fmt="", annot_kws={"fontsize": 6}, linewidths=0.5, linecolor="white",
            cbar_kws={"label": "% of statements", "shrink": 0.9},
            xticklabels=[_label(t, labels, 40) for t in themes],
            yticklabels=[f"{g} (n = {int(sizes[g])})" for g in groups],
        )
        for tick in ax.get_xticklabels():
            tick.set(rotation=45, ha="right", rotation_mode="anchor")
        ax.tick_params(axis="y", rotation=0)
        ax.set_xlabel("Theme")
        ax.set_ylabel(" / ".join(names) or "group")
        ax.set_title(title or f"Theme shares by {' / '.join(names) or 'corpus'}")
    return fig


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
    """
    where = "plot_keyness"
    require_columns(keyness, ["feature", "statistic"], where=where)
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ParameterError(f"{where}: n={n!r} must be a positive integer")
    attrs = keyness.attrs
    measure = attrs.get("measure", "chi2")
    value = keyness["statistic"].to_numpy(dtype=float)
    xlabel = _MEASURE_LABELS.get(measure, measure)
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
        parts = [_n(int(count)) if count is not None else None,
                 _n(int(tokens), "token")[4:] if tokens is not None else None]
        detail = ", ".join(p for p in parts if p)
        legend.append(f"{name} ({detail})" if detail else str(name))
    height = 1.2 + 0.13 * len(shown)
    with figure_style():
        fig = _new_figure(width, height)
        ax = fig.add_subplot()
        y = np.arange(len(shown))
        colours = np.where(shown["_value"].to_numpy() > 0, PALETTE[0], PALETTE[1])
        ax.barh(y, shown["_value"], color=colours, height=0.75)
        ax.set_yticks(y, shown["feature"].astype(str).tolist())
        ax.invert_yaxis()
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Word")
        ax.set_title(title or f"Key words: {names[0]} vs {names[1]}")
        from matplotlib.patches import Patch

        handles = [Patch(color=PALETTE[0], label=legend[0]), Patch(color=PALETTE[1], label=legend[1])]
        fig.legend(handles=handles, loc="outside lower center", ncols=1, frameon=False)
    return fig


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
    """
    import seaborn as sns

    where = "plot_cooccurrence"
    require_columns(cooc, ["theme_a", "theme_b", "n_statements", "n_ab", "c"], where=where)
    if cooc.empty:
        raise AnalysisError(f"{where}: the table is empty (fewer than two themes?); nothing to plot")
    keys = _group_keys(cooc, "theme_a")
    data = cooc.assign(_group=_group_labels(cooc, keys))
    groups = list(dict.fromkeys(data["_group"]))
    themes = list(dict.fromkeys([*data["theme_a"], *data["theme_b"]]))
    index = {t: i for i, t in enumerate(themes)}
    ncols = min(len(groups), 3)
    nrows = int(np.ceil(len(groups) / ncols))
    width = width or (SINGLE_COLUMN if len(groups) == 1 else DOUBLE_COLUMN)
    panel = width / ncols
    with figure_style():
        fig = _new_figure(width, 0.6 + nrows * (panel * 0.85 + 0.3))
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
                xticklabels=[_label(t, labels, 10) for t in themes],
                yticklabels=[_label(t, labels, 12) for t in themes],
            )
            ax.tick_params(axis="x", rotation=90)
            ax.tick_params(axis="y", rotation=0)
            ax.set_title(f"{group} ({_n(int(rows['n_statements'].iloc[0]))})", fontsize=8)
        for ax in axes.flat[len(groups):]:
            ax.set_axis_off()
        fig.suptitle(title or "Theme co-occurrence in statements (c = n_ab / (n_a + n_b \u2212 n_ab))")
    return fig


def plot_over_time(
    over_time: pd.DataFrame,
    *,
    themes: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    width: float | None = None,
    title: str | None = None,
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
        As in :func:`plot_theme_shares`.
    width
        Inches; default single column for one theme, double for more.

    Returns
    -------
    matplotlib.figure.Figure
    """
    where = "plot_over_time"
    require_columns(over_time, ["period", "theme", "n_statements", "share", "ci_low", "ci_high"],
                    where=where)
    freq = over_time.attrs.get("freq") or (
        "month" if over_time["period"].astype(str).str.len().eq(7).any() else "year")
    keys = _group_keys(over_time, "theme")
    data = over_time.assign(_group=_group_labels(over_time, keys))
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
    groups = list(dict.fromkeys(data["_group"]))
    first = data[data["theme"] == chosen[0]]
    totals = first.groupby("_group", sort=False)["n_statements"].sum()
    ncols = 1 if len(chosen) == 1 else 2
    nrows = int(np.ceil(len(chosen) / ncols))
    width = width or (SINGLE_COLUMN if ncols == 1 else DOUBLE_COLUMN)
    with figure_style():
        fig = _new_figure(width, 1.0 + 1.7 * nrows)
        axes = fig.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True)
        for k, theme in enumerate(chosen):
            ax = axes.flat[k]
            for i, group in enumerate(groups):
                rows = data[(data["theme"] == theme) & (data["_group"] == group)].sort_values("_date")
                colour = PALETTE[i % len(PALETTE)]
                ax.fill_between(rows["_date"], 100 * rows["ci_low"], 100 * rows["ci_high"],
                                color=colour, alpha=0.18, linewidth=0)
                ax.plot(rows["_date"], 100 * rows["share"], marker="o", markersize=3,
                        color=colour, label=f"{group} ({_n(int(totals.get(group, 0)))})")
            ax.set_title(_label(theme, labels, 40), fontsize=8)
            ax.set_ylim(0, 100)
            step = max(1, int(np.ceil(len(periods) / 8)))
            ax.set_xticks(range(0, len(periods), step), periods[::step],
                          rotation=0 if freq == "year" else 45,
                          ha="center" if freq == "year" else "right")
            ax.set_xlabel(freq.capitalize())
            ax.set_ylabel("Statements (%)")
        for ax in axes.flat[: len(chosen)]:
            ax.label_outer()
        for ax in axes.flat[len(chosen):]:
            ax.set_axis_off()
        handles, names = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, names, loc="outside lower center", ncols=min(len(groups), 2),
                   frameon=False)
        level = round(100 * over_time.attrs.get("ci", 0.95))
        fig.suptitle(title or f"Theme shares by {freq} ({level} % Wilson intervals shaded)")
        if not undated.empty:
            n_undated = int(undated.groupby("_group")["n_statements"].first().sum())
            fig.text(0.01, 0.0, f"{_n(n_undated)} without a date not shown", fontsize=6,
                     ha="left", va="bottom")
    return fig


_METADATA = {
    "png": {"Software": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Creator": None, "Date": None},
}


def write_figure(
    fig: Figure,
    path_stem: str | os.PathLike,
    *,
    formats: Sequence[str] = ("png", "pdf", "svg"),
    dpi: int = 300,
    overwrite: bool = True,
) -> list[Path]:
    """Write ``fig`` as ``<path_stem>.png``/``.pdf``/``.svg``, atomically and reproducibly.

    Dates, software versions and random ids are left out of the files (matplotlib
    ``metadata=`` and a fixed ``svg.hashsalt``), so the same figure gives the same bytes.

    Parameters
    ----------
    fig
        The figure.
    path_stem
        Path without suffix (a suffix among ``formats`` is dropped).
    formats
        Any of ``"png"``, ``"pdf"``, ``"svg"``.
    dpi
        Resolution of the PNG (default 300).
    overwrite
        Replace existing files (default True); False raises ExportError before writing any.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from matplotlib.figure import Figure
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "fig"
    >>> [p.name for p in write_figure(Figure(), out, formats=("png", "svg"))]
    ['fig.png', 'fig.svg']
    """
    if not isinstance(fig, Figure):
        raise ParameterError(f"write_figure: expected a matplotlib Figure, got {type(fig).__name__}")
    formats = [formats] if isinstance(formats, str) else list(formats)
    bad = [f for f in formats if f not in _METADATA]
    if bad or not formats:
        raise ParameterError(
            f"write_figure: formats={formats!r}; valid formats: {', '.join(_METADATA)}"
        )
    stem = Path(path_stem)
    if stem.suffix.lstrip(".").lower() in _METADATA:
        stem = stem.with_suffix("")
    paths = [stem.with_name(f"{stem.name}.{fmt}") for fmt in formats]
    for path in paths:
        check_writable(path, overwrite=overwrite)
    with rc_context({"svg.hashsalt": "discourse", "svg.fonttype": "path", "pdf.fonttype": 42}):
        for fmt, path in zip(formats, paths):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
            write_atomic(path, buffer.getvalue(), overwrite=overwrite)
    return paths
