"""Tests of discourse.analysis.formatting: LaTeX and Markdown tables, and writing them."""

from __future__ import annotations

import pandas as pd
import pytest

from discourse.analysis.counts import count_themes
from discourse.analysis.formatting import format_table, write_table
from discourse.errors import ExportError, ParameterError


def test_markdown_table_by_hand():
    df = pd.DataFrame({"side": ["CN", "KH"], "share": [0.5, 1 / 3], "p": [0.0004, 0.2],
                       "n": [3, 12]})
    assert format_table(df, caption="Shares") == (
        "Table: Shares\n\n"
        "| side | share |      p |   n |\n"
        "| ---- | ----: | -----: | --: |\n"
        "| CN   | 0.500 | <0.001 |   3 |\n"
        "| KH   | 0.333 |  0.200 |  12 |\n"
    )


def test_latex_table_escapes_and_labels():
    df = pd.DataFrame({"theme": ["anti_cold_war"], "share_%": [0.25]})
    tex = format_table(df, format="latex", caption="Shares by side", label="tab:shares")
    assert "\\caption{Shares by side}" in tex and "\\label{tab:shares}" in tex
    assert "anti\\_cold\\_war" in tex and "share\\_\\%" in tex
    assert "\\toprule" in tex and "0.250" in tex
    with pytest.raises(ParameterError, match="format='html'"):
        format_table(df, format="html")


def test_write_table_deterministic(tmp_path, coded):
    counts = count_themes(coded)
    for name in ("t.tex", "t.md", "t.csv"):
        first = write_table(counts, tmp_path / name).read_bytes()
        second = write_table(counts, tmp_path / name).read_bytes()
        assert first == second and first
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("side,theme,n_statements")
    with pytest.raises(ExportError, match="exists"):
        write_table(counts, tmp_path / "t.md", overwrite=False)
    with pytest.raises(ParameterError, match="suffix"):
        write_table(counts, tmp_path / "t.xlsx")
