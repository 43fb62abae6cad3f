"""Blind coding sheets: the sheet, its instructions, and deterministic CSV and xlsx files.

:func:`write_coding_sheet` writes a sample of statements (see
:mod:`discourse.validation.sampling`) as a sheet for a human coder: a table with one row per
statement (columns :data:`SHEET_FRONT`, then ``speaker``, the ``theme_<id>`` columns and
``notes``), the machine's codes left out. In CSV the instructions, drawn from the codebook,
go to a sidecar ``<name>.instructions.md``; in xlsx to a second sheet ``instructions``, and
the theme cells get a 0/1 drop-down (data validation). :mod:`discourse.validation.reading`
reads the filled sheets back.

Examples
--------
>>> import tempfile, pathlib, pandas as pd
>>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1"], "text": ["L’amitié."]})
>>> p = write_coding_sheet(st, pathlib.Path(tempfile.mkdtemp()) / "a.csv", coder="A")
>>> instructions_path(p).name
'a.instructions.md'
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd

from ..coding.codebook import Codebook, read_codebook
from ..errors import ParameterError
from ..io.archive import fix_core_xml
from ..io.files import check_writable, write_atomic
from ..schema import SPEAKER_LABELS, require_columns, theme_column
from .sampling import context_columns

__all__ = ["SHEET_FRONT", "SHEET_INFO", "write_coding_sheet", "instructions_path",
           "instructions_text", "sheet_themes"]

#: Columns of a sheet before the codes (context columns only when there is context).
SHEET_FRONT = ("stmt_id", "doc_id", "coder", "context_before", "statement", "context_after")
#: Columns of a sheet that are not codes and are read back only for reference.
SHEET_INFO = ("doc_id", "context_before", "statement", "context_after", "notes", "text")
_FIXED_TIME = datetime(2000, 1, 1)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def sheet_themes(codebook: Codebook, levels: int | None) -> list:
    """The themes that get a column, in codebook order.

    Examples
    --------
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> cb = Codebook("c", "1", themes=(Theme("a", "A"), Theme("a.b", "B", parent="a")))
    >>> [t.id for t in sheet_themes(cb, 1)], [t.id for t in sheet_themes(cb, None)]
    (['a'], ['a', 'a.b'])
    """
    return [t for t in codebook.themes if levels is None or t.id.count(".") < levels]


def instructions_text(codebook: Codebook, themes: list, *, coder: str, n: int,
                      speakers: list[str] | None) -> str:
    """The coding instructions (Markdown) drawn from the codebook.

    Examples
    --------
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> cb = Codebook("c", "1", themes=(Theme("peace", "Peace", "Calls for peace."),))
    >>> text = instructions_text(cb, list(cb.themes), coder="A", n=3, speakers=None)
    >>> "### `theme_peace`: Peace" in text
    True
    """
    lines = [
        f"# Coding instructions: {codebook.title or codebook.id}",
        "",
        f"- Codebook: `{codebook.id}` version {codebook.version}"
        + (f" (SHA-256 {codebook.sha256[:16]}…)" if codebook.sha256 else ""),
        f"- Coder: {coder or '(write your name or initials in the coder column)'}",
        f"- Statements to code: {n}",
        "",
        "## How to code",
        "",
        "- One row per statement. Code the text of the column `statement`; `context_before` "
        "and `context_after` show the neighbouring statements of the same document, to help "
        "you read it (do not code them).",
        "- `speaker`: who makes the statement: the id of an actor (e.g. `xi_jinping`), "
        "`narrator` (the journalist's own words, scene-setting), `joint` (both sides "
        "together: \"the two sides agreed\"), or `unknown`. For a named speaker who is not in "
        "the actors file, write the name as an id: lower case, no accents, `_` between words "
        "(`emmanuel_macron`).",
        "- `theme_<id>`: **1** if the statement expresses the theme as defined below, **0** if "
        "it does not. Code every theme of every row; leave a cell blank only when you cannot "
        "decide: a blank is read as *not coded* (left out of the agreement statistics).",
        "- `notes`: anything worth discussing (doubts, borderline cases).",
        "- Do not change `stmt_id`, do not add, delete or reorder rows; keep the file format "
        "(CSV UTF-8 or xlsx) when you save.",
        "- Code independently: do not look at another coder's sheet or at the machine coding.",
    ]
    if speakers:
        lines += ["", "Speaker ids: " + ", ".join(f"`{s}`" for s in speakers) + "."]
    lines += ["", "## Themes", ""]
    for t in themes:
        lines.append(f"### `{theme_column(t.id)}`: {t.label}")
        lines.append("")
        if t.parent:
            lines.append(f"Sub-theme of `{theme_column(t.parent)}`.")
            lines.append("")
        for head, text in (("Definition", t.definition), ("Include", t.include),
                           ("Exclude", t.exclude)):
            if text:
                lines.append(f"- **{head}**: {' '.join(str(text).split())}")
        for lang in sorted(t.examples):
            for ex in t.examples[lang]:
                lines.append(f"- *Example ({lang})*: {ex}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def instructions_path(path: Path) -> Path:
    """The sidecar instructions file of a CSV sheet.

    Examples
    --------
    >>> instructions_path(Path("sheets/alice.csv")).as_posix()
    'sheets/alice.instructions.md'
    """
    return path.with_name(path.stem + ".instructions.md")


def write_csv(sheet: pd.DataFrame, path: Path, instructions: str, *, overwrite: bool) -> None:
    """Write the sheet as UTF-8 CSV with a byte-order mark (so Excel shows accents)."""
    side = instructions_path(path)
    check_writable(path, overwrite=overwrite)
    check_writable(side, overwrite=overwrite)
    data = "\ufeff" + sheet.to_csv(index=False, lineterminator="\n")
    write_atomic(side, instructions, overwrite=overwrite)
    write_atomic(path, data, overwrite=overwrite)


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and order, so the bytes are reproducible.

    openpyxl stamps ``dcterms:modified`` in ``docProps/core.xml`` with the current time on
    every save (whatever ``wb.properties.modified`` says), so that element is rewritten to
    the fixed time too.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = fix_core_xml(content)
            dst.writestr(new, content)
    return out.getvalue()


def write_xlsx(sheet: pd.DataFrame, path: Path, instructions: str, codes: list[str], *,
               overwrite: bool) -> None:
    """Write the sheet and an ``instructions`` sheet; 0/1 drop-downs on the theme cells."""
    # openpyxl is only needed for xlsx sheets: imported on first use
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    check_writable(path, overwrite=overwrite)
    wb = Workbook()
    ws = wb.active
    ws.title = "coding"
    ws.append(list(sheet.columns))
    for row in sheet.itertuples(index=False):
        ws.append(["" if pd.isna(v) else v for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "B2"
    widths = {"statement": 80, "context_before": 40, "context_after": 40, "notes": 30,
              "stmt_id": 26, "doc_id": 22, "speaker": 16, "coder": 10}
    for j, name in enumerate(sheet.columns, 1):
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = widths.get(name, 14)
        if name in ("statement", "context_before", "context_after"):
            for cell in ws[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if codes and len(sheet):
        dv = DataValidation(type="list", formula1='"0,1"', allow_blank=True,
                            showErrorMessage=True, errorTitle="0 or 1",
                            error="Write 1 (theme present), 0 (absent), or leave blank.")
        for name in codes:
            letter = get_column_letter(list(sheet.columns).index(name) + 1)
            dv.add(f"{letter}2:{letter}{len(sheet) + 1}")
        ws.add_data_validation(dv)
    info = wb.create_sheet("instructions")
    info.column_dimensions["A"].width = 120
    for line in instructions.splitlines():
        info.append([line])
        info.cell(info.max_row, 1).alignment = Alignment(wrap_text=True)
    wb.properties.creator = "discourse"
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(path, _normalise_zip(buffer.getvalue()), overwrite=overwrite)


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
    themes = sheet_themes(cb, levels)
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
            before, after = context_columns(sample, context)
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
    text = instructions_text(cb, themes, coder=coder, n=len(sheet), speakers=speakers)
    if suffix == ".csv":
        write_csv(sheet, path, text, overwrite=overwrite)
    else:
        write_xlsx(sheet, path, text, codes, overwrite=overwrite)
    return path
