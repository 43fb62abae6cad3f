"""The data dictionary: what every column of a discourse table means, and its Stata name.

:func:`describe_columns` lists a table's columns with their type and description (from
:data:`COLUMN_DESCRIPTIONS`, and for a ``theme_<id>`` column from the codebook's label and
definition) and the name the column gets in a Stata file (:func:`stata_names`).
:func:`write_data_dictionary` writes it as CSV or Markdown; the Stata and Parquet writers use
the descriptions as variable labels and field metadata.

Examples
--------
>>> import pandas as pd
>>> from discourse.io.datadict import describe_columns
>>> describe_columns(pd.DataFrame({"doc_id": ["a"]})).values.tolist()
[['doc_id', 'string', 'Document identifier (file stem or the corpus id column)', 'doc_id']]
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ExportError
from ..schema import is_theme_column, theme_id
from .export import write_table_csv
from .files import write_atomic

__all__ = [
    "COLUMN_DESCRIPTIONS",
    "describe_columns",
    "format_data_dictionary",
    "write_data_dictionary",
    "stata_names",
]

#: Descriptions of the columns discourse produces (the data dictionary).
COLUMN_DESCRIPTIONS: dict[str, str] = {
    "doc_id": "Document identifier (file stem or the corpus id column)",
    "stmt_id": "Statement identifier: <doc_id>.<n>, n counting statements in the document",
    "paragraph": "Paragraph number in the document (1-based)",
    "sentence": "Sentence number in the paragraph (1-based)",
    "start": "Start offset in the document text (Unicode code points, 0-based)",
    "end": "End offset in the document text (exclusive): text = document[start:end]",
    "text": "The statement (or matched) text exactly as in the document",
    "n_tokens": "Number of word tokens in the statement",
    "lang": "Language code of the document (fr, en...)",
    "date": "Date of the document (ISO YYYY-MM-DD), empty if unknown",
    "title": "Title of the document",
    "source": "Outlet or source of the document",
    "path": "File the document was read from",
    "speaker": "Speaker id (actors file), or narrator, joint or unknown",
    "speaker_name": "Display name of the speaker (Narrator, Joint, Unknown for the labels)",
    "side": "Side of the speaker (e.g. CN, KH); joint; unknown; empty for narrator",
    "cue": "How the speaker was found: explicit, pronoun, inverted, participial, carried, "
           "narrator, joint or none",
    "cue_text": "The words that gave the speaker cue (empty if none)",
    "cue_start": "Offset in the document's text where the cue's words start (empty if no "
                 "cue): text[cue_start:cue_end] is the reporting clause",
    "cue_end": "Offset in the document's text where the cue's words end (empty if no cue)",
    "confidence": "Confidence of the speaker attribution (0 to 1)",
    "themes": "Themes coded in the statement: sorted theme ids joined by ';'",
    "n_matches": "Number of codebook pattern matches counted in the statement",
    "theme": "Theme id (dotted for sub-themes)",
    "pattern": "Codebook pattern that matched",
    "matched": "The matched words exactly as in the document",
    "negated": "True if the match is in the scope of a negation",
    "n_statements": "Number of statements in the group",
    "n_coded": "Number of statements of the group coded with the theme",
    "share": "Share of the group's statements coded with the theme (n_coded / n_statements)",
    "ci_low": "Lower bound of the 95% Wilson interval of the share",
    "ci_high": "Upper bound of the 95% Wilson interval of the share",
    "rate_per_1000_tokens": "Matches per 1,000 tokens of the group",
    "coder": "Who coded (the machine coder is discourse)",
}


#: Stata's reserved words (help reswords) and the Mata words pandas also refuses.
_STATA_RESERVED = {
    "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
    "_n", "_N", "_pi", "_pred", "_rc", "_se", "_skip", "strL", "using", "with",
    "aggregate", "array", "boolean", "break", "case", "catch", "class", "colvector",
    "complex", "const", "continue", "default", "delegate", "delete", "do", "else",
    "eltypedef", "end", "enum", "explicit", "export", "external", "for", "friend",
    "function", "global", "goto", "inline", "local", "NULL", "pragma", "protected", "quad",
    "rowvector", "short", "typedef", "typename", "virtual",
}


def _type_name(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    return "string"


def _theme_description(column: str, codebook: Any) -> str:
    tid = theme_id(column)
    if codebook is not None:
        for t in codebook.themes:
            if t.id == tid:
                text = f"1 if the statement is coded {t.label} ({t.id}), else 0"
                definition = " ".join((t.definition or "").split())
                return f"{text}. {definition}" if definition else text
    return f"1 if the statement is coded with theme {tid}, else 0"


def stata_names(columns: Iterable[str]) -> dict[str, str]:
    """Map column names to valid, unique Stata names (<= 32 of [A-Za-z0-9_], not reserved).

    Accents are removed, other characters become ``_``, a leading digit gets ``v``, reserved
    words get a trailing ``_``, and a name cut to 32 characters that collides gets ``_2``...

    Examples
    --------
    >>> m = stata_names(["région", "theme_sovereignty__territorial_integrity", "in", "2x"])
    >>> list(m.values())
    ['region', 'theme_sovereignty__territorial_i', 'in_', 'v2x']
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    for col in columns:
        base = unicodedata.normalize("NFKD", str(col)).encode("ascii", "ignore").decode()
        base = re.sub(r"[^A-Za-z0-9_]", "_", base) or "var"
        if base[0].isdigit():
            base = "v" + base
        if base in _STATA_RESERVED or re.fullmatch(r"str\d+", base):
            base += "_"
        name, k = base[:32], 1
        while name in used:
            k += 1
            suffix = f"_{k}"
            name = base[: 32 - len(suffix)] + suffix
        used.add(name)
        out[col] = name
    return out


def describe_columns(table: pd.DataFrame, *, codebook: Any = None) -> pd.DataFrame:
    """The data dictionary of a table: one row per column.

    Parameters
    ----------
    table
        A coded, matches, counts (or any) table.
    codebook
        The codebook; the description of a ``theme_<id>`` column then gives the theme's label
        and definition.

    Returns
    -------
    pandas.DataFrame
        Columns ``column``, ``type`` (string, integer, float, boolean, datetime),
        ``description`` and ``stata_name`` (the variable's name in a Stata export).

    Examples
    --------
    >>> d = describe_columns(pd.DataFrame({"stmt_id": ["a.1"], "theme_peace": [1],
    ...                                    "région": ["Asie"]}))
    >>> d[["column", "type"]].values.tolist()
    [['stmt_id', 'string'], ['theme_peace', 'integer'], ['région', 'string']]
    >>> d.description.iloc[1], d.stata_name.iloc[2]
    ('1 if the statement is coded with theme peace, else 0', 'region')
    """
    names = stata_names(table.columns)
    rows = []
    for col in table.columns:
        if is_theme_column(col):
            desc = _theme_description(col, codebook)
        else:
            desc = COLUMN_DESCRIPTIONS.get(col, "Metadata column carried over from the corpus")
        rows.append((col, _type_name(table[col]), desc, names[col]))
    return pd.DataFrame(rows, columns=["column", "type", "description", "stata_name"])


def format_data_dictionary(dictionary: pd.DataFrame) -> str:
    """The data dictionary as a Markdown table.

    Examples
    --------
    >>> print(format_data_dictionary(describe_columns(pd.DataFrame({"doc_id": ["a"]}))))
    | column | type | description | Stata name |
    |---|---|---|---|
    | doc_id | string | Document identifier (file stem or the corpus id column) | doc_id |
    <BLANKLINE>
    """
    def cell(v: Any) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| column | type | description | Stata name |", "|---|---|---|---|"]
    for r in dictionary.itertuples(index=False):
        lines.append(f"| {cell(r.column)} | {cell(r.type)} | {cell(r.description)} | "
                     f"{cell(r.stata_name)} |")
    return "\n".join(lines) + "\n"


def write_data_dictionary(
    table: pd.DataFrame,
    path: str | os.PathLike,
    *,
    codebook: Any = None,
    overwrite: bool = False,
) -> Path:
    """Write the data dictionary of ``table`` as CSV (``.csv``) or Markdown (``.md``).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "dictionary.md"
    >>> _ = write_data_dictionary(pd.DataFrame({"doc_id": ["a"]}), p)
    >>> p.read_text().splitlines()[0]
    '| column | type | description | Stata name |'
    """
    target = Path(path)
    dictionary = describe_columns(table, codebook=codebook)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        return write_table_csv(dictionary, target, overwrite=overwrite)
    if suffix in (".md", ".markdown"):
        write_atomic(target, format_data_dictionary(dictionary).encode("utf-8"),
                     overwrite=overwrite)
        return target
    raise ExportError(f"{target}: a data dictionary is written as .csv or .md; rename the file")


