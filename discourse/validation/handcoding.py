"""Validate the machine coding against human coding: coding sheets, hand coding, comparison.

The round trip a researcher follows:

1. :func:`sample_for_coding` draws a reproducible (optionally stratified) sample of coded
   statements, with their neighbouring statements as context;
2. :func:`write_coding_sheet` writes it as a *blind* coding sheet (CSV or xlsx): the
   statement in context, blank ``speaker`` and ``theme_<id>`` columns, a ``notes`` column,
   and instructions drawn from the codebook; the machine's codes are not in it;
3. coders fill in their copies; :func:`read_hand_coding` reads them back, checks every
   value, and returns one row per coder x statement;
4. :func:`discourse.compute_agreement` measures the agreement between coders;
   :func:`compare_coding` the machine against the humans (precision, recall, F1, speaker
   accuracy, confusion tables), and :func:`list_disagreements` shows where they differ,
   with the matched words in context, to refine the codebook.

Codes in a sheet
    ``1`` (the theme is present) and ``0`` (absent), as numbers or text (``"1"``, ``1.0``
    from a spreadsheet); a blank cell is *not coded* (missing, with a warning giving the
    count). Anything else (``yes``, ``x``, ``2``) is an error naming the file, the row (as a
    spreadsheet shows it: the header is row 1) and the column: words are not accepted, so
    that a sheet means the same thing in every language.

Several coders
    :func:`majority_coding` reduces them to one reference: the majority code of the coders
    who coded the statement; a tie (1 vs 1) is left missing (``ties="missing"``, the
    default, so the statement is left out of that theme's comparison) or resolved to 1 or 0
    (``ties=1`` / ``ties=0``). Or compare with one coder: ``coder="alice"``.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"stmt_id": ["d.1", "d.2", "d.3"], "doc_id": "d",
...     "text": ["Amitié.", "Coopération.", "Rien."], "speaker": "xi_jinping",
...     "theme_friendship": [1, 0, 1]})
>>> hand = pd.DataFrame({"coder": "a", "stmt_id": ["d.1", "d.2", "d.3"],
...     "speaker": "xi_jinping", "theme_friendship": [1, 0, 0]})
>>> compare_coding(coded, hand).themes[["theme", "precision", "recall", "f1"]]
        theme  precision  recall        f1
0  friendship        0.5     1.0  0.666667
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import sheets as _sheets
from .comparison import CodingComparison, compare_coding, list_disagreements, majority_coding
from ..coding.codebook import Codebook, read_codebook, theme_column
from ..errors import ContractError, HandCodingError, ParameterError
from ..schema import SPEAKER_LABELS, require_columns

__all__ = [
    "sample_for_coding", "write_coding_sheet", "read_hand_coding", "majority_coding",
    "compare_coding", "list_disagreements", "CodingComparison",
]

_CODE = {"0": 0, "1": 1, "0.0": 0, "1.0": 1}
_ID = re.compile(r"^[a-z0-9_]+$")


# ------------------------------------------------------------------------------ sampling
def _context(df: pd.DataFrame, k: int) -> tuple[list[str], list[str]]:
    """The k statements before and after each row, within its document (table order)."""
    before, after = [""] * len(df), [""] * len(df)
    if k <= 0:
        return before, after
    texts = df["text"].astype(str).tolist()
    position = np.arange(len(df))
    for _, idx in pd.Series(position).groupby(df["doc_id"].to_numpy(), sort=False):
        rows = idx.to_numpy()
        if "start" in df.columns:
            rows = rows[np.argsort(pd.to_numeric(df["start"].to_numpy()[rows]),
                                   kind="stable")]
        for j, r in enumerate(rows):
            before[r] = " ".join(texts[i] for i in rows[max(0, j - k):j])
            after[r] = " ".join(texts[i] for i in rows[j + 1:j + 1 + k])
    return before, after


def _allocate(sizes: np.ndarray, n: int) -> np.ndarray:
    """Proportional allocation of n over strata; >= 1 per stratum when n allows it."""
    quota = n * sizes / sizes.sum()
    alloc = np.floor(quota).astype(int)
    if n >= len(sizes):
        alloc = np.maximum(alloc, 1)
    alloc = np.minimum(alloc, sizes)
    while alloc.sum() > n:  # the minimum of 1 overshot: take back from the largest quotas
        over = np.where(alloc > 1)[0]
        alloc[over[np.argmax((alloc - quota)[over])]] -= 1
    while alloc.sum() < n:  # largest remainders first, ties in stratum order
        room = np.where(alloc < sizes)[0]
        alloc[room[np.argmax((quota - alloc)[room])]] += 1
    return alloc


def sample_for_coding(
    coded: pd.DataFrame,
    *,
    n: int,
    stratify: str | Sequence[str] | None = None,
    seed: int = 0,
    context: int = 1,
) -> pd.DataFrame:
    """Draw a reproducible sample of statements to code by hand.

    Parameters
    ----------
    coded
        Statements, attributed or coded (at least doc_id, stmt_id, text).
    n
        Number of statements. More than the table holds: every statement, with a warning.
    stratify
        None (simple random sample), a column (``"side"``) or a list of columns: the sample
        is then drawn within each stratum (missing values form a stratum), in proportion to
        its size (largest remainders), with at least one statement per stratum when ``n`` is
        at least the number of strata.
    seed
        Seed of ``numpy.random.default_rng``: the same table, ``n``, ``stratify`` and
        ``seed`` always give the same sample.
    context
        Number of neighbouring statements (same document) shown before and after.

    Returns
    -------
    pandas.DataFrame
        The sampled rows, in the table's order, with two more columns ``context_before``
        and ``context_after``.

    Raises
    ------
    ContractError
        If a column is missing. ParameterError for a bad ``n``, ``stratify`` or ``context``.

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"doc_id": "d", "stmt_id": [f"d.{i}" for i in range(1, 7)],
    ...     "text": list("ABCDEF"), "side": ["CN", "CN", "CN", "CN", "KH", "KH"]})
    >>> s = sample_for_coding(st, n=3, stratify="side", seed=1)
    >>> s["side"].value_counts().sort_index().tolist()
    [2, 1]
    >>> sample_for_coding(st, n=3, seed=1).equals(sample_for_coding(st, n=3, seed=1))
    True
    """
    where = "sample_for_coding"
    require_columns(coded, ["doc_id", "stmt_id", "text"], where=where)
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ParameterError(f"{where}: n={n!r} is not valid; give a number of statements >= 1")
    if not isinstance(context, int) or isinstance(context, bool) or context < 0:
        raise ParameterError(f"{where}: context={context!r} is not valid; give a number of "
                             "neighbouring statements >= 0")
    if not pd.Index(coded["stmt_id"]).is_unique:
        raise ContractError(f"{where}: stmt_id must be unique in the table")
    total = len(coded)
    rng = np.random.default_rng(seed)
    if n >= total:
        if n > total:
            warnings.warn(f"{where}: n={n} is more than the {total} statements of the table; "
                          "every statement is taken", stacklevel=2)
        chosen = np.arange(total)
    elif stratify is None:
        chosen = np.sort(rng.choice(total, size=n, replace=False))
    else:
        cols = [stratify] if isinstance(stratify, str) else list(stratify)
        missing = [c for c in cols if c not in coded.columns]
        if not cols or missing:
            raise ParameterError(f"{where}: stratify={stratify!r}: no column(s) "
                                 f"{', '.join(missing) or '(none given)'}; columns: "
                                 f"{', '.join(map(str, coded.columns))}")
        keys = coded[cols].astype(object).where(coded[cols].notna(), "(missing)").astype(str)
        groups = keys.groupby(cols, sort=True).indices
        names = list(groups)
        sizes = np.array([len(groups[g]) for g in names])
        if n < len(names):
            warnings.warn(f"{where}: n={n} is less than the {len(names)} strata of "
                          f"{', '.join(cols)}; some strata get no statement", stacklevel=2)
        alloc = _allocate(sizes, n)
        picks = [rng.choice(groups[g], size=a, replace=False)
                 for g, a in zip(names, alloc) if a]
        chosen = np.sort(np.concatenate(picks)) if picks else np.array([], int)
    before, after = _context(coded, context)
    out = coded.iloc[chosen].copy()
    out["context_before"] = [before[i] for i in chosen]
    out["context_after"] = [after[i] for i in chosen]
    return out


def write_coding_sheet(
    sample: pd.DataFrame,
    path: str | os.PathLike,
    *,
    codebook: Codebook | str | os.PathLike | None = None,
    coder: str = "",
    context: int = 1,
    levels: int | None = 1,
    actors=None,
    overwrite: bool = False,
) -> Path:
    """Write a blind coding sheet (CSV or xlsx, chosen by the extension).

    Parameters
    ----------
    sample
        The statements to code (from :func:`sample_for_coding`, or any statements table).
    path
        ``.csv`` (UTF-8 with a byte-order mark, so Excel shows accents; the instructions go
        to ``<name>.instructions.md`` beside it) or ``.xlsx`` (a ``coding`` sheet with 0/1
        drop-downs on the theme cells, and an ``instructions`` sheet).
    codebook
        The codebook whose themes get a column and whose definitions, inclusion and
        exclusion notes and examples make the instructions; None: the default codebook.
    coder
        The coder's name, written in the ``coder`` column (blank: the coder fills it in).
    context
        Neighbouring statements shown when ``sample`` has no ``context_before`` /
        ``context_after`` columns (taken then from ``sample`` itself); 0: no context columns
        (the sample's own context columns are used whenever ``context`` > 0).
    levels
        Theme depth to code: 1 (default) top-level themes only, None every sub-theme too.
    actors
        Optional actors (an :class:`discourse.speakers.actors.Actors` or a list of ids) listed in
        the instructions as the valid speaker ids.
    overwrite
        Replace existing files (refused by default).

    Returns
    -------
    pathlib.Path
        The sheet written. Columns: stmt_id, doc_id, coder, [context_before], statement,
        [context_after], speaker, theme_<id>..., notes. The machine's speaker and codes are
        never written (blind coding). Same inputs give byte-identical files.

    Raises
    ------
    ExportError
        If a file exists and ``overwrite`` is false. ParameterError for another extension.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1"], "text": ["L’amitié."]})
    >>> p = write_coding_sheet(st, pathlib.Path(tempfile.mkdtemp()) / "a.csv", coder="A")
    >>> pd.read_csv(p, encoding="utf-8-sig").columns.tolist()[:6]
    ['stmt_id', 'doc_id', 'coder', 'context_before', 'statement', 'context_after']
    """
    where = "write_coding_sheet"
    require_columns(sample, ["doc_id", "stmt_id", "text"], where=where)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ParameterError(f"{where}: {path}: unknown sheet format {suffix!r}; use .csv "
                             "or .xlsx")
    cb = codebook if isinstance(codebook, Codebook) else read_codebook(codebook)
    themes = _sheets.sheet_themes(cb, levels)
    codes = [theme_column(t.id) for t in themes]
    sheet = pd.DataFrame({"stmt_id": sample["stmt_id"].astype(str).to_numpy(),
                          "doc_id": sample["doc_id"].astype(str).to_numpy(),
                          "coder": [str(coder)] * len(sample)})
    if not isinstance(context, int) or isinstance(context, bool) or context < 0:
        raise ParameterError(f"{where}: context={context!r} is not valid; give a number of "
                             "neighbouring statements >= 0 (0: no context columns)")
    if context > 0:
        if {"context_before", "context_after"} <= set(sample.columns):
            before = sample["context_before"].fillna("").astype(str).tolist()
            after = sample["context_after"].fillna("").astype(str).tolist()
        else:
            before, after = _context(sample, context)
        sheet["context_before"] = before
        sheet["statement"] = sample["text"].astype(str).to_numpy()
        sheet["context_after"] = after
    else:
        sheet["statement"] = sample["text"].astype(str).to_numpy()
    sheet["speaker"] = ""
    for c in codes:
        sheet[c] = ""
    sheet["notes"] = ""
    speakers = None
    if actors is not None:
        speakers = list(actors) + list(SPEAKER_LABELS)
    text = _sheets.instructions_text(cb, themes, coder=coder, n=len(sheet), speakers=speakers)
    if suffix == ".csv":
        _sheets.write_csv(sheet, path, text, overwrite=overwrite)
    else:
        _sheets.write_xlsx(sheet, path, text, codes, overwrite=overwrite)
    return path


# -------------------------------------------------------------------------------- reading
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


def _read_one(path: Path, default_coder: str | None, valid: list[str] | None,
              known_speakers: set[str] | None) -> tuple[pd.DataFrame, list[str]]:
    raw = _sheets.read_sheet(path)
    if "stmt_id" not in raw.columns:
        raise HandCodingError(f"{path}: no stmt_id column; the sheet needs the stmt_id column "
                              f"written by write_coding_sheet (columns found: "
                              f"{', '.join(raw.columns) or 'none'})")
    themes = [c for c in raw.columns if c.startswith("theme_")]
    if valid is not None:
        unknown = [c for c in themes if c not in valid]
        if unknown:
            raise HandCodingError(f"{path}: unknown theme column(s) {', '.join(unknown)}; "
                                  f"the codebook's theme columns are {', '.join(valid)}")
    dup_cols = sorted({c for c in raw.columns if list(raw.columns).count(c) > 1})
    if dup_cols:
        raise HandCodingError(f"{path}: column(s) {', '.join(dup_cols)} appear twice; keep one")
    warn: list[str] = []
    rows = np.arange(len(raw)) + 2  # spreadsheet rows: the header is row 1
    ids = raw["stmt_id"].str.strip()
    if (ids == "").any():
        r = rows[(ids == "").to_numpy()][:5].tolist()
        raise HandCodingError(f"{path}: row(s) {r}, column stmt_id: blank statement id; "
                              "every row needs the stmt_id written in the sheet")
    fallback = default_coder if default_coder is not None else path.stem
    if "coder" in raw.columns:
        coders = raw["coder"].str.strip().where(raw["coder"].str.strip() != "", fallback)
    else:
        coders = pd.Series([fallback] * len(raw), dtype=object)
    out = pd.DataFrame({"coder": coders.to_numpy(), "stmt_id": ids.to_numpy()})
    if "doc_id" in raw.columns:
        out["doc_id"] = raw["doc_id"].to_numpy()
    bad, blanks = [], []
    if "speaker" in raw.columns:
        sp = raw["speaker"].str.strip()
        blanks += [f"speaker row {r}" for r in rows[(sp == "").to_numpy()]]
        out["speaker"] = sp.where(sp != "", None).to_numpy()
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
    for col in themes:
        values = []
        for r, v in zip(rows, raw[col]):
            if v == "":
                blanks.append(f"{col} row {r}")
                values.append(pd.NA)
            elif v in _CODE:
                values.append(_CODE[v])
            else:
                values.append(pd.NA)
                bad.append(f"row {r}, column {col}: {v!r}")
        out[col] = pd.array(values, dtype="Int64")
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
    extra = [c for c in raw.columns if c not in themes and c not in _sheets.SHEET_INFO
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
    themes = [c for c in hand.columns if c.startswith("theme_")]
    if valid is not None:
        themes = [c for c in valid if c in themes]
    front = [c for c in ("coder", "stmt_id", "doc_id", "speaker") if c in hand.columns]
    hand = hand[front + themes + ["notes", "source", "row"]]
    for col in themes:
        hand[col] = hand[col].astype("Int64")
    for w in warns:
        warnings.warn(w, stacklevel=2)
    return hand.reset_index(drop=True)
