"""Who reports, and small groups: outlet and language as variables of a comparison.

- :func:`compare_reporting` answers "Hun Sen as reported by Chinese vs Cambodian outlets" in
  one call: the statements of a speaker (or of a side), compared between two values of the
  outlet's side (or of the outlet, or the language), with the readout-aware columns of
  :func:`discourse.analysis.stats.compare_groups`;
- :func:`pool_small_groups` pools the values of a column with fewer than ``min_statements``
  statements into one ``"other"`` group, and flags it, so that a side with one statement
  does not get a bar whose interval spans the scale.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.reporting import pool_small_groups
>>> coded = pd.DataFrame({"side": ["CN"] * 3 + ["KH"] * 3 + ["LA", "VN"]})
>>> pool_small_groups(coded, min_statements=2)["side"].tolist()
['CN', 'CN', 'CN', 'KH', 'KH', 'KH', 'other', 'other']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..errors import AnalysisError, ParameterError
from ..schema import require_columns
from .outlets import Outlets, assign_outlets
from .stats import compare_groups

__all__ = ["pool_small_groups", "compare_reporting", "OTHER_LABEL"]

#: Label of the pooled small groups.
OTHER_LABEL = "other"


def pool_small_groups(coded: pd.DataFrame, *, by: str = "side", min_statements: int = 10,
                      keep: Iterable[str] = (), label: str = OTHER_LABEL) -> pd.DataFrame:
    """A copy with the values of ``by`` seen in fewer than ``min_statements`` rows pooled.

    Missing values (the narrator's side) are left as they are; values in ``keep`` are never
    pooled. The copy has a boolean column ``<by>_pooled`` (True for the pooled rows), and
    ``attrs["pooled"]`` maps ``by`` to the pooled values with their counts, e.g.
    ``{"side": {"LA": 1, "VN": 5}}``, so that a table or figure can say what "other" holds.

    Raises
    ------
    ParameterError
        For a negative ``min_statements`` or a ``label`` that is already a value of ``by``.

    Examples
    --------
    >>> coded = pd.DataFrame({"side": ["CN", "CN", "VN", "LA"]})
    >>> out = pool_small_groups(coded, min_statements=2, keep=["VN"])
    >>> out["side"].tolist(), out["side_pooled"].tolist(), out.attrs["pooled"]
    (['CN', 'CN', 'VN', 'other'], [False, False, False, True], {'side': {'LA': 1}})
    """
    where = "pool_small_groups"
    require_columns(coded, [by], where=where)
    if not isinstance(min_statements, int) or min_statements < 0:
        raise ParameterError(f"{where}: min_statements={min_statements!r} must be an integer >= 0")
    values = coded[by].astype("object")
    present = values.notna() & (values.astype(str) != "")
    counts = values[present].astype(str).value_counts()
    if label in counts.index:
        raise ParameterError(f"{where}: label={label!r} is already a value of {by!r}; choose "
                             "another label")
    small = {v: int(n) for v, n in sorted(counts.items())
             if n < min_statements and v not in set(keep)}
    pooled = present & values.astype(str).isin(small)
    out = coded.copy()
    out[by] = pd.Series([label if p else v for v, p in zip(values, pooled)], index=out.index,
                        dtype=object)
    out[f"{by}_pooled"] = pooled.to_numpy()
    out.attrs["pooled"] = {**coded.attrs.get("pooled", {}), by: small}
    return out


def _speech_of(coded: pd.DataFrame, speaker, side, where: str) -> pd.DataFrame:
    if (speaker is None) == (side is None):
        raise ParameterError(f"{where}: give speaker= (an actor id, e.g. 'hun_sen') or side= "
                             "(e.g. 'KH'), one of the two")
    column, wanted = ("speaker", speaker) if speaker is not None else ("side", side)
    require_columns(coded, [column], where=where)
    wanted = [wanted] if isinstance(wanted, str) else list(wanted)
    subset = coded[coded[column].astype("object").isin(wanted)]
    if subset.empty:
        found = ", ".join(sorted(coded[column].dropna().astype(str).unique())[:12])
        raise AnalysisError(f"{where}: no statement of {column}={'+'.join(wanted)!r}; found "
                            f"values: {found or '(none)'}")
    return subset


def compare_reporting(
    coded: pd.DataFrame,
    *,
    speaker: str | Sequence[str] | None = None,
    side: str | Sequence[str] | None = None,
    by: str = "outlet_side",
    groups: Sequence[str] = ("CN", "KH"),
    outlets: Outlets | str | None = None,
    themes: Iterable[str] | None = None,
    **options,
) -> pd.DataFrame:
    """Compare how two kinds of outlets render the same speaker (or side), theme by theme.

    Parameters
    ----------
    coded
        The coded table (``source`` or ``outlet_side``, ``speaker`` / ``side``, ``doc_id``).
    speaker, side
        Whose statements: an actor id (or several), or a side; one of the two.
    by
        What tells the reports apart: ``"outlet_side"`` (default; added from ``source`` with
        the outlets file when absent), ``"outlet"``, ``"lang"``...
    groups
        The two values of ``by`` compared (default Chinese vs Cambodian outlets).
    outlets
        The outlets file (None: the default).
    themes, **options
        Passed to :func:`discourse.analysis.stats.compare_groups` (``cluster``, ``n_boot``,
        ``seed``, ``alpha``, ``method``...).

    Returns
    -------
    DataFrame
        The table of :func:`~discourse.analysis.stats.compare_groups`, with ``attrs``
        ``subject`` (e.g. ``"speaker=hun_sen"``).

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": list("aabbccdd"), "speaker": "hun_sen",
    ...     "source": ["Xinhua"] * 4 + ["AKP"] * 4, "theme_friendship": [1, 0, 1, 1, 0, 0, 1, 0]})
    >>> compare_reporting(coded, speaker="hun_sen", n_boot=200)[["n_1", "n_2", "difference"]]
       n_1  n_2  difference
    0    4    4         0.5
    """
    where = "compare_reporting"
    subset = _speech_of(coded, speaker, side, where)
    if by in ("outlet_side", "outlet", "outlet_name") and by not in subset.columns:
        subset = assign_outlets(subset, outlets=outlets)
    elif by == "outlet_side" and subset["outlet_side"].isna().any() and "source" in subset:
        subset = assign_outlets(subset, outlets=outlets)
    out = compare_groups(subset, by=by, groups=groups, themes=themes, **options)
    out.attrs["subject"] = f"speaker={speaker}" if speaker is not None else f"side={side}"
    return out
