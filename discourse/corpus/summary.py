"""The overview of a corpus: readouts per outlet, year, language and side, speakers, relays.

The first table and figure a study shows. :func:`summarize_corpus` counts the documents
(after relays are removed, when the table is flagged by
:func:`discourse.corpus.relays.find_relays`) per outlet (``source``), year (of ``date``),
language and side (the outlet's country: ``outlet_side`` or ``side``), the relays removed,
and, given the attributed statements, the statements per speaker.
:func:`plot_corpus_summary` draws one bar panel per dimension.

Examples
--------
>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "lang": ["fr", "en"],
...                      "date": ["2023-02-10", "2024-12-03"], "source": ["W", "W"]})
>>> summarize_corpus(docs).query("dimension == 'year'")[["value", "n"]].values.tolist()
[['2023', 1], ['2024', 1]]
"""

from __future__ import annotations

import pandas as pd

from ..errors import ContractError

__all__ = ["summarize_corpus", "plot_corpus_summary", "SUMMARY_DIMENSIONS"]

SUMMARY_DIMENSIONS = ("outlet", "year", "lang", "side", "relays", "speaker")
_MISSING = "(missing)"


def _counts(values, dimension: str, unit: str) -> pd.DataFrame:
    series = pd.Series([_MISSING if pd.isna(v) or str(v).strip() == "" else str(v)
                        for v in values], dtype=object)
    counts = series.value_counts()
    frame = pd.DataFrame({"value": counts.index.astype(str), "n": counts.to_numpy()})
    frame = frame.sort_values(["n", "value"], ascending=[False, True], kind="stable")
    total = int(frame["n"].sum())
    return frame.assign(dimension=dimension, unit=unit,
                        share=(frame["n"] / total).round(4) if total else 0.0)


def summarize_corpus(documents: pd.DataFrame, *, attributed: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """Counts per outlet, year, language, side, relays removed and speaker (tidy, long).

    Parameters
    ----------
    documents
        A documents table (relay columns used when present: relays are counted in the
        ``relays`` rows and left out of the other counts).
    attributed
        The attributed statements (``speaker_name`` or ``speaker``); adds statements per
        speaker (of the documents kept).

    Returns
    -------
    DataFrame
        Columns dimension, value, n, share, unit (``documents`` or ``statements``); within
        a dimension the largest counts first.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "lang": ["fr"]})
    >>> summarize_corpus(docs).query("dimension == 'lang'")["value"].tolist()
    ['fr']
    """
    if "doc_id" not in documents.columns:
        raise ContractError("summarize_corpus: the documents table lacks doc_id; give the "
                            "table read_corpus returns")
    relay = documents["relay_of"].notna() if "relay_of" in documents.columns else pd.Series(
        False, index=documents.index)
    kept = documents[~relay]
    column = lambda *names: next((kept[c] for c in names if c in kept.columns),  # noqa: E731
                                 [pd.NA] * len(kept))
    years = [str(d)[:4] if isinstance(d, str) and d else pd.NA for d in column("date")]
    parts = [_counts(column("source", "outlet"), "outlet", "documents"),
             _counts(years, "year", "documents"),
             _counts(column("lang"), "lang", "documents"),
             _counts(column("outlet_side", "side"), "side", "documents"),
             _counts(["relay removed"] * int(relay.sum()) + ["kept"] * len(kept), "relays",
                     "documents")]
    if attributed is not None:
        stmts = attributed[attributed["doc_id"].isin(set(kept["doc_id"]))]
        name = "speaker_name" if "speaker_name" in stmts.columns else "speaker"
        if name not in stmts.columns:
            raise ContractError("summarize_corpus: attributed= lacks speaker_name and speaker; "
                                "give the table attribute_speakers returns")
        names = [s if isinstance(s, str) and s else r for s, r in zip(
            stmts[name], stmts["speaker"] if "speaker" in stmts.columns else stmts[name])]
        parts.append(_counts(names, "speaker", "statements"))
    out = pd.concat(parts, ignore_index=True)
    return out[["dimension", "value", "n", "share", "unit"]]


def plot_corpus_summary(summary: pd.DataFrame, *, top: int = 12):
    """One horizontal bar panel per dimension of :func:`summarize_corpus` (a Figure).

    ``top`` largest values per panel (years all, in order). The figure is returned, not
    saved.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "lang": ["fr"]})
    >>> fig = plot_corpus_summary(summarize_corpus(docs))
    >>> len(fig.axes)
    5
    """
    import matplotlib.pyplot as plt  # heavy optional import

    dims = [d for d in SUMMARY_DIMENSIONS if d in set(summary["dimension"])]
    fig, axes = plt.subplots(1, len(dims), figsize=(3.2 * len(dims), 4), squeeze=False)
    for ax, dim in zip(axes[0], dims):
        part = summary[summary["dimension"] == dim]
        part = part.sort_values("value") if dim == "year" else part.head(top)
        ax.barh(part["value"].astype(str)[::-1], part["n"][::-1], color="0.45")
        ax.set_title(f"{dim} ({part['unit'].iloc[0]})", fontsize=10)
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
