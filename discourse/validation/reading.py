"""Reading hand coding back: filled coding sheets, every value checked.

:func:`read_hand_coding` reads the sheets coders filled in (CSV, also ``;``- or
tab-separated as spreadsheets in French locales save them, or xlsx) and returns one row per
coder x statement, for :mod:`discourse.validation.agreement` and
:mod:`discourse.validation.comparison`.

Codes in a sheet
    ``1`` (the theme is present) and ``0`` (absent), as numbers or text (``"1"``, ``1.0``
    from a spreadsheet); a blank cell is *not coded* (missing, with a warning giving the
    count). Anything else (``yes``, ``x``, ``2``) is an error naming the file, the row (as a
    spreadsheet shows it: the header is row 1) and the column: words are not accepted, so
    that a sheet means the same thing in every language.

Examples
--------
>>> import tempfile, pathlib
>>> from discourse.validation.reading import read_hand_coding
>>> p = pathlib.Path(tempfile.mkdtemp()) / "bob.csv"
>>> _ = p.write_text("stmt_id;theme_peace\\nd.1;1\\n")
>>> read_hand_coding(p)[["coder", "stmt_id", "theme_peace"]].values.tolist()
[['bob', 'd.1', 1]]
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..coding.codebook import Codebook, read_codebook
from ..errors import HandCodingError, ParameterError
from ..schema import SPEAKER_LABELS, require_columns, theme_column, theme_columns
from .sheets import SHEET_INFO

__all__ = ["read_hand_coding", "read_sheet"]

_CODE = {"0": 0, "1": 1, "0.0": 0, "1.0": 1}
_ID = re.compile(r"^[a-z0-9_]+$")


def _cell_text(value) -> str:
    """A cell as text: blank for missing, integers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, bool):
        return str(value)
    return str(value).strip()


def _delimiter(path: Path) -> str:
    """The CSV delimiter, from the header line: ',' or the ';' / tab that spreadsheets in
    French (and other) locales write."""
    with open(path, "rb") as fh:
        head = fh.readline().decode("utf-8-sig")
    counts = {d: head.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_sheet(path: Path) -> pd.DataFrame:
    """Read a CSV or xlsx sheet as text cells ('' for blank); the file is only read.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("stmt_id,theme_x\\nd.1, 1.0\\n", encoding="utf-8")
    >>> read_sheet(p).values.tolist()
    [['d.1', '1.0']]
    """
    suffix = path.suffix.lower()
    if not path.exists():
        raise HandCodingError(f"{path}: no such file; give the path of a coding sheet "
                              "(.csv or .xlsx)")
    try:
        if suffix == ".csv":
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                             sep=_delimiter(path))
        elif suffix in (".xlsx", ".xlsm"):
            book = pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl")
            df = book["coding"] if "coding" in book else next(iter(book.values()))
        else:
            raise HandCodingError(f"{path}: unknown sheet format {suffix!r}; use .csv or .xlsx")
    except HandCodingError:
        raise
    except UnicodeDecodeError:
        raise HandCodingError(f"{path}: not UTF-8 text; save the sheet as 'CSV UTF-8' (or "
                              "as .xlsx)") from None
    except Exception as err:  # pandas/openpyxl parse errors
        raise HandCodingError(f"{path}: cannot be read as a coding sheet: {err}") from None
    df.columns = [str(c).strip() for c in df.columns]
    return df.apply(lambda col: col.map(_cell_text)).astype(object) if len(df) else \
        df.astype(object)


def _coder_for(path: Path, i: int, coder, n_paths: int) -> str | None:
    if coder is None:
        return None
    if isinstance(coder, str):
        return coder
    coder = list(coder)
    if len(coder) != n_paths:
        raise ParameterError(f"read_hand_coding: coder= gives {len(coder)} names for "
                             f"{n_paths} files; give one name per file, or one for all")
    return str(coder[i])


def _sheet_themes(raw: pd.DataFrame, path: Path, valid: list[str] | None) -> list[str]:
    """The sheet's theme columns, after checking its columns."""
    if "stmt_id" not in raw.columns:
        raise HandCodingError(f"{path}: no stmt_id column; the sheet needs the stmt_id column "
                              f"written by write_coding_sheet (columns found: "
                              f"{', '.join(raw.columns) or 'none'})")
    themes = theme_columns(raw)
    if valid is not None:
        unknown = [c for c in themes if c not in valid]
        if unknown:
            raise HandCodingError(f"{path}: unknown theme column(s) {', '.join(unknown)}; "
                                  f"the codebook's theme columns are {', '.join(valid)}")
    dup_cols = sorted({c for c in raw.columns if list(raw.columns).count(c) > 1})
    if dup_cols:
        raise HandCodingError(f"{path}: column(s) {', '.join(dup_cols)} appear twice; keep one")
    return themes


def _coders(raw: pd.DataFrame, path: Path, default_coder: str | None) -> pd.Series:
    fallback = default_coder if default_coder is not None else path.stem
    if "coder" in raw.columns:
        return raw["coder"].str.strip().where(raw["coder"].str.strip() != "", fallback)
    return pd.Series([fallback] * len(raw), dtype=object)


def _speakers(column: pd.Series, rows: np.ndarray, path: Path,
              known_speakers: set[str] | None) -> tuple[np.ndarray, list[str], list[str]]:
    """The speaker codes (None where blank), the blank cells and the warnings."""
    sp = column.str.strip()
    blanks = [f"speaker row {r}" for r in rows[(sp == "").to_numpy()]]
    warn = []
    odd = sorted({s for s in sp if s and not _ID.match(s)})
    if odd:
        warn.append(f"{path}: speaker value(s) {odd} are not ids (lower case letters, "
                    "digits, _); write e.g. 'xi_jinping', 'narrator', 'emmanuel_macron'")
    if known_speakers is not None:
        unknown = sorted({s for s in sp if s and _ID.match(s)} - known_speakers)
        if unknown:
            warn.append(f"{path}: speaker id(s) {unknown} are not in the actors file nor "
                        f"{', '.join(SPEAKER_LABELS)} (fine for a speaker not in the "
                        "actors file)")
    return sp.where(sp != "", None).to_numpy(), blanks, warn


def _codes(column: pd.Series, name: str, rows: np.ndarray, blanks: list[str],
           bad: list[str]) -> pd.api.extensions.ExtensionArray:
    """One theme column as Int64 codes; blank and bad cells are added to the lists."""
    values = []
    for r, v in zip(rows, column):
        if v == "":
            blanks.append(f"{name} row {r}")
            values.append(pd.NA)
        elif v in _CODE:
            values.append(_CODE[v])
        else:
            values.append(pd.NA)
            bad.append(f"row {r}, column {name}: {v!r}")
    return pd.array(values, dtype="Int64")


def _read_one(path: Path, default_coder: str | None, valid: list[str] | None,
              known_speakers: set[str] | None) -> tuple[pd.DataFrame, list[str]]:
    """One sheet as the long hand coding, and its warnings."""
    raw = read_sheet(path)
    themes = _sheet_themes(raw, path, valid)
    warn: list[str] = []
    rows = np.arange(len(raw)) + 2  # spreadsheet rows: the header is row 1
    ids = raw["stmt_id"].str.strip()
    if (ids == "").any():
        r = rows[(ids == "").to_numpy()][:5].tolist()
        raise HandCodingError(f"{path}: row(s) {r}, column stmt_id: blank statement id; "
                              "every row needs the stmt_id written in the sheet")
    out = pd.DataFrame({"coder": _coders(raw, path, default_coder).to_numpy(),
                        "stmt_id": ids.to_numpy()})
    if "doc_id" in raw.columns:
        out["doc_id"] = raw["doc_id"].to_numpy()
    bad, blanks = [], []
    if "speaker" in raw.columns:
        out["speaker"], blanks, warn = _speakers(raw["speaker"], rows, path, known_speakers)
    for col in themes:
        out[col] = _codes(raw[col], col, rows, blanks, bad)
    if bad:
        more = f" (and {len(bad) - 8} more)" if len(bad) > 8 else ""
        raise HandCodingError(f"{path}: value(s) that are not codes: {'; '.join(bad[:8])}"
                              f"{more}. Write 1 (the theme is present), 0 (absent), or leave "
                              "the cell blank (not coded)")
    if blanks:
        warn.append(f"{path}: {len(blanks)} blank cell(s) read as not coded (missing): "
                    + ", ".join(blanks[:5]) + (" ..." if len(blanks) > 5 else ""))
    out["notes"] = raw["notes"].to_numpy() if "notes" in raw.columns else ""
    out["source"] = str(path)
    out["row"] = rows
    extra = [c for c in raw.columns if c not in themes and c not in SHEET_INFO
             and c not in ("stmt_id", "coder", "speaker")]
    if extra:
        warn.append(f"{path}: column(s) {', '.join(extra)} are not part of a coding sheet "
                    "and are ignored")
    return out, warn


def read_hand_coding(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    codebook: Codebook | str | os.PathLike | None = None,
    statements: pd.DataFrame | None = None,
    coder: str | Sequence[str] | None = None,
    actors=None,
) -> pd.DataFrame:
    """Read one or several coders' sheets, check every value, return the codes.

    Parameters
    ----------
    paths
        A sheet (``.csv`` or ``.xlsx``) or a list of sheets. The files are only read.
    codebook
        When given, every ``theme_*`` column must be one of its themes (any level).
    statements
        When given (a statements or coded table), every stmt_id must be one of its.
    coder
        Coder name for rows whose ``coder`` cell is blank: one name, or one per file;
        None: the file name without its extension.
    actors
        When given (Actors or a list of ids), speaker ids that are neither actors nor
        narrator / joint / unknown get a warning.

    Returns
    -------
    pandas.DataFrame
        Long format, one row per coder x statement: coder, stmt_id, doc_id (if in the
        sheet), speaker (if in a sheet; missing when blank), the ``theme_*`` columns
        (``Int64``: 0, 1, or missing = not coded; in codebook order when a codebook is
        given), notes, source (the file) and row (the spreadsheet row, header = 1).

    Raises
    ------
    HandCodingError
        Missing stmt_id column, unknown theme column (the valid ones are listed), a value
        other than 0/1/blank (file, row and column named), a statement coded twice by one
        coder (both places named), statement ids not in ``statements``.

    Warns
    -----
    UserWarning
        Blank cells (with their count: read as not coded), speaker values that are not
        ids or not known actors, columns that are ignored.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "alice.csv"
    >>> _ = p.write_text("stmt_id,speaker,theme_friendship\\nd.1,xi_jinping,1\\n")
    >>> read_hand_coding(p)[["coder", "stmt_id", "speaker", "theme_friendship"]]
       coder stmt_id     speaker  theme_friendship
    0  alice     d.1  xi_jinping                 1
    """
    where = "read_hand_coding"
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    if not paths:
        raise ParameterError(f"{where}: no sheet given; pass a path or a list of paths")
    valid = None
    if codebook is not None:
        cb = codebook if isinstance(codebook, Codebook) else read_codebook(codebook)
        valid = [theme_column(t.id) for t in cb.themes]
    known = None if actors is None else set(actors) | set(SPEAKER_LABELS)
    frames, warns = [], []
    for i, path in enumerate(paths):
        frame, w = _read_one(path, _coder_for(path, i, coder, len(paths)), valid, known)
        frames.append(frame)
        warns += w
    hand = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    key = hand[["coder", "stmt_id"]]
    dup = key.duplicated(keep=False)
    if dup.any():
        first = hand[dup].iloc[0]
        same = hand[dup & (hand["coder"] == first["coder"]) & (hand["stmt_id"] ==
                                                                 first["stmt_id"])]
        places = [f"{s} row {r}" for s, r in zip(same["source"], same["row"])]
        raise HandCodingError(f"{where}: coder {first['coder']!r} coded statement "
                              f"{first['stmt_id']!r} more than once ({'; '.join(places)}); "
                              "keep one row per statement and coder")
    if statements is not None:
        require_columns(statements, ["stmt_id"], where=f"{where} (statements=)")
        ok = hand["stmt_id"].isin(set(statements["stmt_id"].astype(str)))
        if not ok.all():
            bad = hand[~ok]
            show = [f"{s!r} ({src} row {r})" for s, src, r in
                    zip(bad["stmt_id"], bad["source"], bad["row"])][:5]
            raise HandCodingError(f"{where}: {int((~ok).sum())} statement id(s) are not in "
                                  f"the statements table: {', '.join(show)}; check that the "
                                  "sheet was made from this corpus and that stmt_id was not "
                                  "edited")
    themes = theme_columns(hand)
    if valid is not None:
        themes = [c for c in valid if c in themes]
    front = [c for c in ("coder", "stmt_id", "doc_id", "speaker") if c in hand.columns]
    hand = hand[front + themes + ["notes", "source", "row"]]
    for col in themes:
        hand[col] = hand[col].astype("Int64")
    for w in warns:
        warnings.warn(w, stacklevel=2)
    return hand.reset_index(drop=True)
