"""The column contracts between the stages of the pipeline.

Each stage takes the previous stage's table and checks on entry that the columns it needs are
there, with :func:`require_columns`. The contracts are the ones of ``DESIGN.md``:

========== ==================================================================================
table      columns (at least)
========== ==================================================================================
documents  doc_id, text, lang, date, title, source, path (+ user metadata)
statements doc_id, stmt_id, paragraph, sentence, start, end, text, n_tokens
attributed statements + speaker, speaker_name, side, cue, cue_text, confidence
           (+ cue_start, cue_end: where ``cue_text`` is, as offsets into the document's
           text, empty when there is no cue; they let an analysis leave the reporting
           clause out of a statement's words, e.g. for keyness)
coded      attributed + theme_<id> (0/1) per theme, themes, n_matches
matches    doc_id, stmt_id, theme, pattern, matched, start, end, negated
========== ==================================================================================

Theme columns
    The coded table has one 0/1 column per theme, named by :func:`theme_column`:
    ``theme_`` then the theme id with the dots of a sub-theme's id written ``__``
    (``cooperation.belt_and_road`` -> ``theme_cooperation__belt_and_road``).
    :func:`theme_id` turns a column name back into the id. This module is the one owner of
    that rule: every module names and reads theme columns through these functions.

Examples
--------
>>> import pandas as pd
>>> from discourse.schema import require_columns
>>> require_columns(pd.DataFrame({"doc_id": [], "text": []}), "documents", where="example")
Traceback (most recent call last):
...
discourse.errors.ContractError: example: the documents table lacks the column(s) lang, ...
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .errors import ContractError

__all__ = [
    "COLUMNS", "CUE_SPAN", "require_columns", "SPEAKER_LABELS", "CUE_TYPES",
    "THEME_PREFIX", "theme_column", "theme_id", "is_theme_column", "as_theme_column",
    "theme_columns",
]

#: Columns each table must have, in their canonical order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "text", "lang", "date", "title", "source", "path"),
    "statements": (
        "doc_id", "stmt_id", "paragraph", "sentence", "start", "end", "text", "n_tokens",
    ),
    "attributed": (
        "doc_id", "stmt_id", "paragraph", "sentence", "start", "end", "text", "n_tokens",
        "speaker", "speaker_name", "side", "cue", "cue_text", "confidence",
    ),
    "coded": (
        "doc_id", "stmt_id", "paragraph", "sentence", "start", "end", "text", "n_tokens",
        "speaker", "speaker_name", "side", "cue", "cue_text", "confidence",
        "themes", "n_matches",
    ),
    "matches": (
        "doc_id", "stmt_id", "theme", "pattern", "matched", "start", "end", "negated",
    ),
}

#: Columns the attribution stage adds after ``cue_text`` (nullable integers: offsets into
#: the document's text of the cue's words, ``text[cue_start:cue_end]``; missing when no cue).
CUE_SPAN = ("cue_start", "cue_end")

#: Prefix of the coded table's 0/1 theme columns (see :func:`theme_column`).
THEME_PREFIX = "theme_"

#: Speaker values that are not actors.
SPEAKER_LABELS = ("narrator", "joint", "unknown")

#: Values of the ``cue`` column of the attributed table.
CUE_TYPES = (
    "explicit", "pronoun", "inverted", "participial", "carried", "narrator", "joint", "none",
)


def require_columns(
    df: pd.DataFrame, table: str | Iterable[str], *, where: str
) -> None:
    """Check that ``df`` has the columns of ``table``; raise a clear error if not.

    Parameters
    ----------
    df
        The table to check.
    table
        A table name of :data:`COLUMNS` (``"statements"``...) or an explicit list of columns.
    where
        The function or file doing the check, named in the error.

    Raises
    ------
    ContractError
        If ``df`` is not a DataFrame or lacks a column; the message names the missing columns
        and the stage that produces them.

    Examples
    --------
    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"a": [1]}), ["a"], where="example")
    """
    if isinstance(table, str):
        if table not in COLUMNS:
            raise ContractError(
                f"{where}: unknown table {table!r}; valid tables: {', '.join(COLUMNS)}"
            )
        needed, name = COLUMNS[table], f"the {table} table"
    else:
        needed, name = tuple(table), "the table"
    if not isinstance(df, pd.DataFrame):
        raise ContractError(
            f"{where}: expected a pandas DataFrame ({name}), got {type(df).__name__}"
        )
    missing = [c for c in needed if c not in df.columns]
    if missing:
        hint = {
            "statements": "make it with discourse.split_statements(documents)",
            "attributed": "make it with discourse.attribute_speakers(statements, actors=...)",
            "coded": "make it with discourse.code_themes(attributed, codebook=...)",
            "documents": "make it with discourse.read_corpus(path)",
        }.get(table if isinstance(table, str) else "", "")
        raise ContractError(
            f"{where}: {name} lacks the column(s) {', '.join(missing)}"
            + (f"; {hint}" if hint else "")
        )


def theme_column(theme_id: str) -> str:
    """Return the name of the coded table's 0/1 column of a theme.

    The column is ``theme_`` followed by the theme id, the dots of a sub-theme's id written
    as ``__`` (so that the name is a valid identifier in R, Stata and pandas).

    Parameters
    ----------
    theme_id
        The theme id, dotted for a sub-theme.

    Returns
    -------
    str
        The column name.

    Examples
    --------
    >>> theme_column("cooperation.belt_and_road")
    'theme_cooperation__belt_and_road'
    """
    return THEME_PREFIX + str(theme_id).replace(".", "__")


def theme_id(column: str) -> str:
    """Return the theme id of a ``theme_<id>`` column: the inverse of :func:`theme_column`.

    Parameters
    ----------
    column
        A theme column name.

    Returns
    -------
    str
        The dotted theme id.

    Raises
    ------
    ContractError
        If ``column`` is not a theme column.

    Examples
    --------
    >>> theme_id("theme_sovereignty__territorial")
    'sovereignty.territorial'
    """
    if not is_theme_column(column):
        raise ContractError(f"{column!r} is not a theme column; theme columns are named "
                            f"{THEME_PREFIX}<id>, e.g. {theme_column('cooperation')!r}")
    return str(column)[len(THEME_PREFIX):].replace("__", ".")


def is_theme_column(column: object) -> bool:
    """Return True if ``column`` names a theme's 0/1 column (``theme_<id>``).

    Examples
    --------
    >>> [is_theme_column(c) for c in ("theme_peace", "themes", "text", 3)]
    [True, False, False, False]
    """
    return isinstance(column, str) and column.startswith(THEME_PREFIX) \
        and len(column) > len(THEME_PREFIX)


def as_theme_column(theme: str) -> str:
    """Return the column of a theme given by its id or already by its column name.

    Options that name themes (``themes=["cooperation", "theme_friendship"]``) accept both.

    Examples
    --------
    >>> as_theme_column("sovereignty.security"), as_theme_column("theme_friendship")
    ('theme_sovereignty__security', 'theme_friendship')
    """
    return str(theme) if is_theme_column(str(theme)) else theme_column(theme)


def theme_columns(df: pd.DataFrame) -> list[str]:
    """Return the ``theme_<id>`` columns of a coded table, in their order.

    Examples
    --------
    >>> import pandas as pd
    >>> theme_columns(pd.DataFrame(columns=["text", "theme_cooperation", "themes"]))
    ['theme_cooperation']
    """
    return [c for c in df.columns if is_theme_column(c)]
