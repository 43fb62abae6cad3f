"""Tables for a paper: LaTeX (booktabs) and Markdown rendering, and writing them to files.

:func:`format_table` renders a table as LaTeX (pandas Styler) or Markdown, and
:func:`write_table` writes it (``.tex``, ``.md`` or ``.csv``) atomically and byte-for-byte
reproducibly.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.formatting import format_table
>>> print(format_table(pd.DataFrame({"side": ["CN"], "p": [0.0001]})), end="")
| side |      p |
| ---- | -----: |
| CN   | <0.001 |
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..io.files import write_atomic

__all__ = ["format_table", "write_table"]


def _is_p_column(name: str) -> bool:
    return name == "p" or name.startswith("p_") or name.endswith("_p")


def _format_cell(value, column: str, digits: int) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if np.isinf(v):
            return "inf" if v > 0 else "-inf"
        if _is_p_column(column):
            return f"<{10 ** -digits:.{digits}f}" if v < 10 ** -digits else f"{v:.{digits}f}"
        return f"{v:.{digits}f}"
    return str(value)


def _formatted(df: pd.DataFrame, digits: int) -> pd.DataFrame:
    return pd.DataFrame(
        {c: [_format_cell(v, str(c), digits) for v in df[c].tolist()] for c in df.columns},
        columns=df.columns, dtype=object,
    )


def _numeric_flags(df: pd.DataFrame) -> list[bool]:
    return [
        pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
        for c in df.columns
    ]


def _markdown(text: pd.DataFrame, numeric: list[bool], caption: str | None) -> str:
    header = [str(c).replace("|", "\\|") for c in text.columns]
    rows = [[str(v).replace("|", "\\|").replace("\n", " ") for v in r]
            for r in text.itertuples(index=False)]
    widths = [max([len(h), 3, *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]

    def line(cells):
        return "| " + " | ".join(
            c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)
        ) + " |"

    rule = "| " + " | ".join(
        ("-" * (w - 1) + ":") if num else "-" * w for w, num in zip(widths, numeric)
    ) + " |"
    lines = [line(header), rule, *(line(r) for r in rows)]
    if caption:
        lines = [f"Table: {caption}", "", *lines]
    return "\n".join(lines) + "\n"


def format_table(
    df: pd.DataFrame,
    *,
    format: str = "markdown",
    caption: str | None = None,
    label: str | None = None,
    digits: int = 3,
) -> str:
    """Render a table as LaTeX (booktabs, via pandas Styler) or as a Markdown pipe table.

    Floats are shown with ``digits`` decimals; p-value columns (``p``, ``p_*``, ``*_p``) below
    ``10**-digits`` as ``<0.001``; missing values as empty cells; booleans as yes/no. Text is
    escaped for LaTeX (``_``, ``%``, ``&``...). The index is not shown: reset it first if it
    holds data.

    Parameters
    ----------
    df
        The table (e.g. from :func:`~discourse.analysis.counts.count_themes` or :func:`discourse.analysis.stats.compare_groups`).
    format
        ``"latex"`` or ``"markdown"``.
    caption, label
        Caption (both formats) and LaTeX ``\\label`` (LaTeX only).
    digits
        Decimals of floats.

    Returns
    -------
    str
        The table source, ending with a newline.

    Examples
    --------
    >>> import pandas as pd
    >>> print(format_table(pd.DataFrame({"side": ["CN"], "share": [0.5]})), end="")
    | side | share |
    | ---- | ----: |
    | CN   | 0.500 |
    """
    if not isinstance(df, pd.DataFrame):
        raise ParameterError(f"format_table: expected a DataFrame, got {type(df).__name__}")
    if format not in ("latex", "markdown"):
        raise ParameterError(f"format_table: format={format!r}; valid values: 'latex', 'markdown'")
    if not isinstance(digits, int) or digits < 0:
        raise ParameterError(f"format_table: digits={digits!r} must be an integer >= 0")
    text = _formatted(df.reset_index(drop=True), digits)
    if format == "markdown":
        return _markdown(text, _numeric_flags(df), caption)
    styler = text.style.hide(axis="index")
    styler = styler.format(escape="latex").format_index(escape="latex", axis=1)
    align = "".join("r" if num else "l" for num in _numeric_flags(df))
    latex = styler.to_latex(
        caption=caption, label=label, hrules=True, column_format=align or None,
        position_float="centering" if (caption or label) else None,
        environment="table" if (caption or label) else None,
    )
    return latex if latex.endswith("\n") else latex + "\n"


def write_table(
    df: pd.DataFrame,
    path: str | os.PathLike,
    *,
    format: str | None = None,
    caption: str | None = None,
    label: str | None = None,
    digits: int = 3,
    overwrite: bool = True,
) -> Path:
    """Write a table to ``path`` atomically: LaTeX (``.tex``), Markdown (``.md``) or CSV.

    The format comes from ``format`` or the file suffix. CSV is written in full precision,
    UTF-8, ``\\n`` line ends, without the index; the same table always gives the same bytes.

    Parameters
    ----------
    df
        The table.
    path
        Target file (its folder is created).
    format
        ``"latex"``, ``"markdown"`` or ``"csv"``; default from the suffix.
    caption, label, digits
        See :func:`format_table`.
    overwrite
        Replace an existing file (default True); False raises ExportError if it exists.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.md"
    >>> write_table(pd.DataFrame({"a": [1]}), p).read_text(encoding="utf-8").splitlines()[0]
    '| a   |'
    """
    path = Path(path)
    if format is None:
        format = {".tex": "latex", ".md": "markdown", ".csv": "csv"}.get(path.suffix.lower())
        if format is None:
            raise ParameterError(
                f"write_table: {path}: cannot tell the format from the suffix "
                f"{path.suffix!r}; use .tex, .md or .csv, or pass format="
            )
    if format == "csv":
        data = df.to_csv(index=False, lineterminator="\n")
    else:
        data = format_table(df, format=format, caption=caption, label=label, digits=digits)
    write_atomic(path, data, overwrite=overwrite)
    return path
