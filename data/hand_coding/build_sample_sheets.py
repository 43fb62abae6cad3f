"""Build the example coding sheets of the sample readout (run once; kept for provenance).

    .venv/bin/python data/hand_coding/build_sample_sheets.py [--force]

1. Cuts the sample readout (data/raw/000_38ca568774651fa9.txt) into the 14 statements of
   the lead's hand-written gold (tests/data/sample_gold.csv: each statement located by how it
   starts and ends), stmt_id = f"{doc_id}.{n}" with n 1-based in gold order.
2. Writes a blank sheet for each coder with discourse.write_coding_sheet (default codebook,
   top-level themes), then fills it in as the coder did:
   - coder 1 (the lead): speaker and themes copied from tests/data/sample_gold.csv;
   - coder 2 (helper H7): the codes below, decided from the text and the theme definitions
     of tests/data/README.md before reading the themes column of sample_gold.csv.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

from discourse.validation.sheets import write_coding_sheet
from discourse.io.files import write_atomic

ROOT = Path(__file__).resolve().parents[2]
DOC_ID = "000_38ca568774651fa9"
THEMES = ("sovereignty", "cooperation", "anti_cold_war", "friendship")

# coder 2: n -> (speaker, sovereignty, cooperation, anti_cold_war, friendship, note)
CODER2 = {
    1: ("narrator", 0, 0, 0, 0, "photo caption"),
    2: ("narrator", 0, 0, 0, 0, "the meeting itself is not coded as cooperation"),
    3: ("xi_jinping", 0, 1, 0, 0, "work with Cambodia; community with a shared future"),
    4: ("xi_jinping", 0, 1, 0, 1, "mutual support; ironclad friendship"),
    5: ("xi_jinping", 1, 1, 0, 0, "sovereignty, security; China's support read as assistance"),
    6: ("xi_jinping", 1, 1, 0, 0, "mutual learning, exchanges, help; own development path"),
    7: ("xi_jinping", 0, 1, 0, 0, "cooperation, win-win, corridors, synergy, Belt and Road"),
    8: ("xi_jinping", 0, 1, 0, 0, "China will support Cambodia's role: read as assistance"),
    9: ("xi_jinping", 0, 0, 1, 0, "external forces, Cold War mentality"),
    10: ("hun_sen", 0, 1, 0, 1, "friendship, gratitude; support and aid"),
    11: ("hun_sen", 0, 0, 0, 1, "most reliable friend"),
    12: ("hun_sen", 0, 0, 0, 1, "friendship with China"),
    13: ("hun_sen", 0, 1, 0, 1, "exchanges, cooperation, coordination; mutual political trust"),
    14: ("narrator", 0, 0, 0, 0, "credit line"),
}


def sample_statements() -> pd.DataFrame:
    text = (ROOT / "data/raw" / f"{DOC_ID}.txt").read_text(encoding="utf-8")
    gold = pd.read_csv(ROOT / "tests/data/sample_gold.csv", keep_default_na=False)
    rows, pos = [], 0
    for n, g in enumerate(gold.itertuples(), 1):
        start = text.index(g.starts_with, pos)
        end = text.index(g.ends_with, start) + len(g.ends_with)
        rows.append({"doc_id": DOC_ID, "stmt_id": f"{DOC_ID}.{n}", "start": start, "end": end,
                     "text": text[start:end], "lang": "fr"})
        pos = end
    return pd.DataFrame(rows), gold


def fill(sheet: pd.DataFrame, codes: dict) -> pd.DataFrame:
    out = sheet.copy()
    for i, n in enumerate(range(1, len(out) + 1)):
        speaker, *flags, note = codes[n]
        out.loc[i, "speaker"] = speaker
        for theme, flag in zip(THEMES, flags):
            out.loc[i, f"theme_{theme}"] = str(flag)
        out.loc[i, "notes"] = note
    return out


def main(force: bool) -> None:
    statements, gold = sample_statements()
    coder1 = {n: (g.speaker, *(int(t in g.themes.split(";")) for t in THEMES), "")
              for n, g in enumerate(gold.itertuples(), 1)}
    out = ROOT / "data/hand_coding"
    for name, coder, codes in (("sample_readout_coder1", "coder1", coder1),
                               ("sample_readout_coder2", "coder2", CODER2)):
        with tempfile.TemporaryDirectory() as tmp:
            blank = write_coding_sheet(statements, Path(tmp) / f"{name}.csv", coder=coder)
            sheet = pd.read_csv(blank, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            instructions = blank.with_name(f"{name}.instructions.md").read_text("utf-8")
        filled = fill(sheet, codes)
        write_atomic(out / f"{name}.csv",
                     "\ufeff" + filled.to_csv(index=False, lineterminator="\n"),
                     overwrite=force)
        write_atomic(out / f"{name}.instructions.md", instructions, overwrite=force)
        print("wrote", out / f"{name}.csv")


if __name__ == "__main__":
    main(force="--force" in sys.argv)
