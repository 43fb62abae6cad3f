"""The sentences of a notebook, written from the tables they describe.

A notebook run on another corpus must not say "the sample readout gives 7 statements to the
Chinese side" next to a table showing 84. These functions write the prose (Markdown) from
the coded table and the analysis tables, so that every number in it is computed, and say
what a section needs when the corpus lacks it (two sides, several readouts, dates).

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.narrative import describe_corpus
>>> coded = pd.DataFrame({"doc_id": ["a", "a", "b"], "side": ["CN", "KH", "CN"],
...                       "lang": ["fr", "fr", "en"]})
>>> print(describe_corpus(coded, sides=("CN", "KH")))
2 readouts, 3 statements (languages: en 1, fr 2). CN: 2 statements in 2 readouts; KH: 1 statement in 1 readout.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..schema import require_columns

__all__ = ["describe_corpus", "describe_comparison", "describe_keyness",
           "missing_requirements", "plural"]


def plural(n: int, noun: str) -> str:
    """``"1 readout"``, ``"2 readouts"``.

    Examples
    --------
    >>> plural(1, "readout"), plural(0, "statement")
    ('1 readout', '0 statements')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _in(coded: pd.DataFrame, by: str, value: str) -> pd.DataFrame:
    return coded[coded[by].astype("object").astype(str) == value]


def describe_corpus(coded: pd.DataFrame, *, sides: Sequence[str] = ("CN", "KH"),
                    by: str = "side", cluster: str = "doc_id") -> str:
    """One paragraph: readouts, statements, languages, dates and each side's share of them.

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": ["a"], "side": ["CN"], "date": ["2024-12-03"]})
    >>> describe_corpus(coded, sides=("CN", "KH"))
    '1 readout, 1 statement, dated 2024-12-03. CN: 1 statement in 1 readout; KH: 0 statements in 0 readouts.'
    """
    require_columns(coded, [by, cluster], where="describe_corpus")
    text = f"{plural(coded[cluster].nunique(), 'readout')}, {plural(len(coded), 'statement')}"
    if "lang" in coded.columns:
        langs = coded["lang"].astype("object").astype(str).value_counts().sort_index()
        text += " (languages: " + ", ".join(f"{k} {v}" for k, v in langs.items()) + ")"
    if "date" in coded.columns and coded["date"].notna().any():
        dates = sorted(str(d)[:10] for d in coded["date"].dropna().unique())
        text += f", dated {dates[0]}" + (f" to {dates[-1]}" if dates[-1] != dates[0] else "")
    parts = []
    for side in sides:
        rows = _in(coded, by, side)
        parts.append(f"{side}: {plural(len(rows), 'statement')} in "
                     f"{plural(rows[cluster].nunique(), 'readout')}")
    return text + ". " + "; ".join(parts) + "."


def missing_requirements(coded: pd.DataFrame, *, sides: Sequence[str] = ("CN", "KH"),
                         by: str = "side", cluster: str = "doc_id",
                         min_readouts: int = 5) -> dict[str, str]:
    """What the corpus lacks for each kind of section, as messages (empty when nothing).

    Keys: ``two_sides`` (both sides speak), ``several_readouts`` (each side speaks in at least
    ``min_readouts`` readouts: readout-level inference and readout-filtered keyness),
    ``dates`` (a date on some statements), ``several_periods`` (more than one year).

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": ["a", "a"], "side": ["CN", "KH"]})
    >>> sorted(missing_requirements(coded))
    ['dates', 'several_periods', 'several_readouts']
    """
    need: dict[str, str] = {}
    counts = {s: _in(coded, by, s) for s in sides}
    absent = [s for s, rows in counts.items() if rows.empty]
    if absent:
        need["two_sides"] = (f"this section needs statements of both sides ({', '.join(sides)}); "
                             f"the corpus has none of {', '.join(absent)}")
    few = {s: rows[cluster].nunique() for s, rows in counts.items()
           if rows[cluster].nunique() < min_readouts}
    if few:
        need["several_readouts"] = (
            f"this section needs each side to speak in at least {min_readouts} readouts; "
            + ", ".join(f"{s} speaks in {plural(n, 'readout')}" for s, n in few.items())
            + ": its readout-level results are missing or very wide")
    dated = "date" in coded.columns and coded["date"].notna().any()
    if not dated:
        need["dates"] = "this section needs dates (a 'date' column in the corpus metadata)"
    years = {str(d)[:4] for d in coded["date"].dropna()} if dated else set()
    if len(years) < 2:
        need["several_periods"] = (f"this section needs readouts from more than one year; the "
                                   f"corpus has {plural(len(years), 'year')}")
    return need


def _points(x: float) -> str:
    return f"{round(100 * x):+d}"


def _theme_sentence(row: pd.Series, label: str) -> str:
    text = (f"**{label}**: {row['group_1']} {row['coded_1']} of {row['n_1']} statements "
            f"({100 * row['share_1']:.0f} %), {row['group_2']} {row['coded_2']} of {row['n_2']} "
            f"({100 * row['share_2']:.0f} %); difference {_points(row['difference'])} points, "
            f"95 % interval {_points(row['diff_ci_low'])} to {_points(row['diff_ci_high'])} "
            f"assuming independent statements ({row['test']}, p = {row['p']:.3f}, Holm "
            f"{row['p_holm']:.3f})")
    if "cluster_ci_low" in row.index:
        if pd.isna(row["cluster_ci_low"]):
            text += "; no readout-clustered result (" + (row["cluster_note"] or "too few") + ")"
        else:
            text += (f"; clustered by {plural(int(row['n_clusters']), 'readout')}: "
                     f"{_points(row['cluster_ci_low'])} to {_points(row['cluster_ci_high'])}")
            if pd.notna(row["cluster_p"]):
                text += f", p = {row['cluster_p']:.3f} (Holm {row['cluster_p_holm']:.3f})"
            elif row["cluster_note"]:
                text += f", no model p-value ({row['cluster_note']})"
    return text + "."


def describe_comparison(comparison: pd.DataFrame, *, labels: dict | None = None,
                        alpha: float = 0.05) -> str:
    """A Markdown list: each theme's counts, difference and intervals, then what survives.

    Examples
    --------
    >>> from discourse.analysis.stats import compare_groups
    >>> coded = pd.DataFrame({"side": ["CN"] * 4 + ["KH"] * 4, "theme_a": [1, 1, 1, 0, 0, 0, 0, 1]})
    >>> print(describe_comparison(compare_groups(coded)))
    - **a**: CN 3 of 4 statements (75 %), KH 1 of 4 (25 %); difference +50 points, 95 % interval -14 to +79 assuming independent statements (fisher, p = 0.486, Holm 0.486).
    <BLANKLINE>
    Holm-adjusted, assuming independent statements: no theme differs at the 5 % level.
    """
    labels = labels or {}
    lines = [f"- {_theme_sentence(row, labels.get(row['theme'], row['theme']))}"
             for _, row in comparison.iterrows()]
    naive = comparison.loc[comparison["p_holm"] < alpha, "theme"].tolist()
    level = f"{100 * alpha:.0f} %"
    summary = (f"Holm-adjusted, assuming independent statements: "
               + (f"{', '.join(naive)} differ{'s' if len(naive) == 1 else ''} at the {level} level"
                  if naive else f"no theme differs at the {level} level"))
    if "cluster_p_holm" in comparison.columns:
        clustered = comparison.loc[comparison["cluster_p_holm"] < alpha, "theme"].tolist()
        summary += ("; clustered by readout: " + (", ".join(clustered) if clustered else "none"))
    return "\n".join(lines) + "\n\n" + summary + "."


def describe_keyness(keyness: pd.DataFrame, *, n: int = 10) -> str:
    """One sentence on the strongest key words of each sign: how often, in how many readouts.

    Examples
    --------
    >>> table = pd.DataFrame({"feature": ["a", "b"], "n_target": [5, 0], "n_reference": [0, 4],
    ...                       "statistic": [6.9, -5.5], "p": [0.009, 0.019]})
    >>> describe_keyness(table, n=1)
    'Target: a (5 times); reference: b (4 times). Smallest p-value: 0.009.'
    """
    if keyness.empty:
        return "No word passes the thresholds."
    plus = keyness[keyness["statistic"] > 0].nlargest(n, "statistic")
    minus = keyness[keyness["statistic"] < 0].nsmallest(n, "statistic")

    def words(rows, count, docs):
        if rows.empty:
            return "(none)"
        return ", ".join(
            f"{r['feature']} ({'once' if r[count] == 1 else str(r[count]) + ' times'}"
            + (f", {plural(int(r[docs]), 'readout')}" if docs in rows.columns else "") + ")"
            for _, r in rows.iterrows())

    return (f"Target: {words(plus, 'n_target', 'n_readouts_target')}; reference: "
            f"{words(minus, 'n_reference', 'n_readouts_reference')}. Smallest p-value: "
            f"{keyness['p'].min():.3f}.")
