"""Coding-sheet files: the instructions text, deterministic CSV and xlsx writing, reading.

Private helpers of :mod:`discourse.validation.handcoding`. A sheet is a table with one row per
statement (columns :data:`SHEET_FRONT`, then ``speaker``, the ``theme_<id>`` columns and
``notes``). In CSV the instructions go to a sidecar ``<name>.instructions.md``; in xlsx to a
second sheet ``instructions``, and the theme cells get a 0/1 drop-down (data validation).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd

from ..io.archive import fix_core_xml
from ..io.files import check_writable, write_atomic
from ..coding.codebook import Codebook, theme_column
from ..errors import HandCodingError

#: Columns of a sheet before the codes (context columns only when there is context).
SHEET_FRONT = ("stmt_id", "doc_id", "coder", "context_before", "statement", "context_after")
#: Columns of a sheet that are not codes and are read back only for reference.
SHEET_INFO = ("doc_id", "context_before", "statement", "context_after", "notes", "text")
_FIXED_TIME = datetime(2000, 1, 1)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def sheet_themes(codebook: Codebook, levels: int | None) -> list:
    """The themes that get a column, in codebook order."""
    return [t for t in codebook.themes if levels is None or t.id.count(".") < levels]


def instructions_text(codebook: Codebook, themes: list, *, coder: str, n: int,
                      speakers: list[str] | None) -> str:
    """The coding instructions (Markdown) drawn from the codebook."""
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
    """The sidecar instructions file of a CSV sheet."""
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
    """Read a CSV or xlsx sheet as text cells ('' for blank); the file is only read."""
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
