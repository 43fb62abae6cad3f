"""Aliases shared by several actors that a document does not decide: a table and one summary.

An alias such as "M. Li" may name two actors of the actors file. A document decides when it
named one of them before, or when its date falls in one actor's dates; otherwise the
attribution takes the actor :meth:`~discourse.speakers.actors.Actors.find_mentions` chose and
records the case. :func:`attribute_speakers` returns those records in
``attrs["ambiguous_aliases"]`` (tuples: attrs must compare equal, which DataFrames do not;
:func:`ambiguous_table` makes them a table) and warns once per call with a summary (:func:`summarize_ambiguous_aliases`), never once per document or per date (a
corpus of a thousand readouts gave a thousand warnings). A run (``discourse run``) warns once
for the whole corpus and writes the table to its folder.

Examples
--------
>>> table = ambiguous_table([("d1", "2020-01-01", "M. Li", "li_qiang;li_keqiang",
...                           "li_qiang")])
>>> table[["doc_id", "candidates"]].values.tolist()
[['d1', 'li_qiang;li_keqiang']]
>>> print(summarize_ambiguous_aliases(table))      # doctest: +ELLIPSIS
attribute_speakers: in 1 document an alias names several actors and neither an earlier full name nor the date decides: 'M. Li' (li_qiang or li_keqiang, took li_qiang) in 1 document; ...
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import pandas as pd

__all__ = ["AMBIGUOUS_COLUMNS", "ambiguous_record", "ambiguous_table",
           "summarize_ambiguous_aliases", "warn_ambiguous_aliases"]

#: The columns of the table of ambiguous aliases, one row per document and alias.
AMBIGUOUS_COLUMNS = ("doc_id", "date", "alias", "candidates", "chosen")
#: Aliases named in the summary (the most frequent); the others are counted.
_LISTED = 8


def ambiguous_record(doc_id, date, alias: str, candidates: tuple, chosen: str) -> tuple:
    """One row of the table: ``doc_id`` and ``date`` as text (None when missing),
    ``candidates`` joined with ``;``.

    Examples
    --------
    >>> ambiguous_record(7, None, "M. Li", ("x", "y"), "x")
    ('7', None, 'M. Li', 'x;y', 'x')
    """
    return (str(doc_id), None if date is None else str(date), alias, ";".join(candidates),
            chosen)


def ambiguous_table(records: Iterable[tuple]) -> pd.DataFrame:
    """The table of :data:`AMBIGUOUS_COLUMNS` from records (:func:`ambiguous_record`).

    Rows sorted by ``doc_id`` (a document's rows in the order found), so the table is the
    same whatever the batches a corpus was processed in, or their order.

    Examples
    --------
    >>> ambiguous_table([("b", None, "M. Li", "x;y", "x"), ("a", None, "M. Li", "x;y", "y")]
    ...                 )["doc_id"].tolist()
    ['a', 'b']
    """
    table = pd.DataFrame(list(records), columns=list(AMBIGUOUS_COLUMNS), dtype=object)
    return table.sort_values("doc_id", kind="mergesort").reset_index(drop=True)


def summarize_ambiguous_aliases(table: pd.DataFrame, *, where: str = "attribute_speakers",
                                detail: str = "attrs['ambiguous_aliases'] of the attributed "
                                              "table") -> str:
    """One message for every ambiguous alias of ``table``: documents, candidates, what to do.

    Examples
    --------
    >>> t = ambiguous_table([("a", None, "M. Li", "x;y", "x"), ("b", None, "M. Li", "x;y", "x")])
    >>> "in 2 documents" in summarize_ambiguous_aliases(t)
    True
    """
    n_docs = table["doc_id"].nunique()
    groups = (table.groupby(["alias", "candidates", "chosen"], sort=True)["doc_id"].nunique()
              .sort_values(ascending=False, kind="mergesort"))
    listed = [f"{alias!r} ({cands.replace(';', ' or ')}, took {chosen}) in "
              f"{_documents(n)}" for (alias, cands, chosen), n in groups.head(_LISTED).items()]
    more = f" and {len(groups) - _LISTED} more" if len(groups) > _LISTED else ""
    return (f"{where}: in {_documents(n_docs)} an alias names several actors and neither an "
            f"earlier full name nor the date decides: {'; '.join(listed)}{more}; the "
            "attribution took the actor shown. To decide, give the full name in the text, or "
            "give each candidate's titles a date range (from: / to:) in the actors file "
            f"(actors.yml) so that the document's date decides. The documents: {detail}.")


def warn_ambiguous_aliases(table: pd.DataFrame, **kwargs) -> None:
    """Warn once with :func:`summarize_ambiguous_aliases` (nothing for an empty table).

    Examples
    --------
    >>> warn_ambiguous_aliases(ambiguous_table([]))
    """
    if len(table):
        warnings.warn(summarize_ambiguous_aliases(table, **kwargs), UserWarning, stacklevel=3)


def _documents(n: int) -> str:
    return f"{n} document{'s' if n != 1 else ''}"
