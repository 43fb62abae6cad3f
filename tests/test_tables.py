"""Tests of discourse.analysis.tables: theme counts, Wilson intervals, co-occurrence, time, writers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from discourse.errors import AnalysisError, ContractError, ExportError, ParameterError
from discourse.analysis.tables import (
    count_cooccurrence,
    count_over_time,
    count_themes,
    format_table,
    write_table,
)


def _coded(rows):
    """A coded table from (speaker, side, date, n_tokens, sovereignty, cooperation, sub)."""
    frame = pd.DataFrame(
        rows,
        columns=["speaker", "side", "date", "n_tokens", "theme_sovereignty",
                 "theme_cooperation", "theme_sovereignty__territorial"],
    )
    frame.insert(0, "doc_id", "d")
    frame.insert(1, "stmt_id", [f"d.{i}" for i in range(1, len(frame) + 1)])
    frame.insert(2, "text", "...")
    return frame


@pytest.fixture()
def coded():
    return _coded([
        ("xi_jinping", "CN", "2024-12-03", 20, 1, 1, 1),
        ("xi_jinping", "CN", "2024-12-03", 10, 0, 1, 0),
        ("xi_jinping", "CN", "2024-12-03", 10, 1, 0, 0),
        ("hun_sen", "KH", "2024-12-03", 30, 0, 1, 0),
        ("hun_sen", "KH", "2023-05-20", 10, 0, 0, 0),
        ("narrator", pd.NA, "2024-12-03", 20, 0, 0, 0),
        ("unknown", pd.NA, "2023-05-20", 5, 0, 1, 0),
    ])


# --------------------------------------------------------------------------- count_themes

def test_counts_by_side_hand_computed(coded):
    out = count_themes(coded)
    cn = out[(out["side"] == "CN")].set_index("theme")
    assert list(cn.index) == ["sovereignty", "cooperation", "sovereignty.territorial"]
    assert cn.loc["sovereignty", ["n_statements", "n_coded", "n_tokens"]].tolist() == [3, 2, 40]
    assert cn.loc["sovereignty", "share"] == pytest.approx(2 / 3)
    # without a matches table each coded statement counts once
    assert cn.loc["cooperation", "n_matches"] == 2
    assert cn.loc["cooperation", "rate_per_1000_tokens"] == pytest.approx(1000 * 2 / 40)


def test_missing_side_is_an_explicit_group_and_narrator_named(coded):
    out = count_themes(coded)
    # real groups first, sorted, then narrator (speaker label) and (none) last
    assert list(dict.fromkeys(out["side"])) == ["CN", "KH", "narrator", "(none)"]
    assert out.groupby("side")["n_statements"].first().sum() == len(coded)
    assert len(out) == 4 * 3  # every group x theme, zeros included


def test_dropna_leaves_missing_groups_out(coded):
    out = count_themes(coded, dropna=True)
    assert list(dict.fromkeys(out["side"])) == ["CN", "KH"]


def test_zero_theme_is_kept(coded):
    out = count_themes(coded, by="side")
    kh = out[(out["side"] == "KH") & (out["theme"] == "sovereignty.territorial")].iloc[0]
    assert (kh["n_coded"], kh["share"], kh["ci_low"]) == (0, 0.0, 0.0)
    assert kh["ci_high"] > 0


def test_wilson_intervals_match_newcombe_1998():
    # Newcombe RG (1998) Two-sided confidence intervals for the single proportion:
    # comparison of seven methods. Stat Med 17:857-872, Table II, method 3 (Wilson score):
    # 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605; 0/20 -> 0-0.1611; 1/29 -> 0.0061-0.1718
    rows = []
    for group, k, n in [("a", 81, 263), ("b", 15, 148), ("c", 0, 20), ("d", 1, 29)]:
        rows += [{"stmt_id": f"{group}.{i}", "n_tokens": 1, "g": group,
                  "theme_t": int(i < k)} for i in range(n)]
    out = count_themes(pd.DataFrame(rows), by="g").set_index("g")
    expected = {"a": (0.2553, 0.3662), "b": (0.0624, 0.1605), "c": (0.0, 0.1611),
                "d": (0.0061, 0.1718)}
    for group, (low, high) in expected.items():
        assert out.loc[group, "ci_low"] == pytest.approx(low, abs=5e-5)
        assert out.loc[group, "ci_high"] == pytest.approx(high, abs=5e-5)


def test_matches_counted_per_theme(coded):
    matches = pd.DataFrame({
        "doc_id": "d", "stmt_id": ["d.1", "d.1", "d.1", "d.4", "zz.1"],
        "theme": ["cooperation", "cooperation", "sovereignty", "cooperation", "cooperation"],
        "pattern": "x", "matched": "x", "start": 0, "end": 1, "negated": False,
    })
    out = count_themes(coded, matches=matches).set_index(["side", "theme"])
    assert out.loc[("CN", "cooperation"), "n_matches"] == 2
    assert out.loc[("CN", "sovereignty"), "n_matches"] == 1
    assert out.loc[("KH", "cooperation"), "n_matches"] == 1
    assert out.loc[("KH", "cooperation"), "rate_per_1000_tokens"] == pytest.approx(25.0)


def test_by_list_year_month_and_none(coded):
    by_year = count_themes(coded, by=["year", "side"], themes=["cooperation"])
    assert list(zip(by_year["year"], by_year["side"])) == [
        ("2023", "KH"), ("2023", "(none)"), ("2024", "CN"), ("2024", "KH"), ("2024", "narrator")
    ]
    whole = count_themes(coded, by=None, themes="sovereignty")
    assert whole[["n_statements", "n_coded"]].iloc[0].tolist() == [7, 2]
    months = count_themes(coded, by="month", themes=["cooperation"])
    assert months["month"].tolist() == ["2023-05", "2024-12"]


def test_groups_with_one_statement_and_empty_table(coded):
    one = count_themes(coded, by="stmt_id", themes=["cooperation"])
    assert (one["n_statements"] == 1).all() and len(one) == 7
    empty = count_themes(coded.iloc[:0])
    assert empty.empty
    assert list(empty.columns)[:3] == ["side", "theme", "n_statements"]


def test_count_themes_does_not_mutate(coded):
    before = coded.copy()
    count_themes(coded, by=["year", "side"])
    pd.testing.assert_frame_equal(coded, before)


def test_count_themes_errors(coded):
    with pytest.raises(ParameterError, match="by= names the column 'outlet'.*valid columns"):
        count_themes(coded, by="outlet")
    with pytest.raises(ParameterError, match="themes= names 'peace'.*valid themes: sovereignty"):
        count_themes(coded, themes=["peace"])
    with pytest.raises(ContractError, match="lacks the column"):
        count_themes(coded.drop(columns="n_tokens"))
    with pytest.raises(ParameterError, match="ci=1.5"):
        count_themes(coded, ci=1.5)


# --------------------------------------------------------------------------- co-occurrence

def test_cooccurrence_c_coefficient(coded):
    out = count_cooccurrence(coded)
    row = out[(out["theme_a"] == "sovereignty") & (out["theme_b"] == "cooperation")].iloc[0]
    # sovereignty in d.1, d.3; cooperation in d.1, d.2, d.4, d.7: both in d.1 only
    assert (row["n_a"], row["n_b"], row["n_ab"]) == (2, 4, 1)
    assert row["c"] == pytest.approx(1 / (2 + 4 - 1))
    assert len(out) == 3  # 3 themes -> 3 unordered pairs


def test_cooccurrence_by_group_and_undefined_c(coded):
    out = count_cooccurrence(coded, by="side")
    kh = out[(out["side"] == "KH") & (out["theme_a"] == "sovereignty")
             & (out["theme_b"] == "sovereignty.territorial")].iloc[0]
    assert kh["n_ab"] == 0 and np.isnan(kh["c"])  # neither theme: c undefined
    cn = out[(out["side"] == "CN") & (out["theme_a"] == "sovereignty")
             & (out["theme_b"] == "sovereignty.territorial")].iloc[0]
    assert cn["c"] == pytest.approx(0.5)


# --------------------------------------------------------------------------- time

def test_over_time_by_year(coded):
    out = count_over_time(coded, themes=["cooperation"])
    assert list(out.columns[:3]) == ["period", "side", "theme"]
    kh = out[out["side"] == "KH"].set_index("period")
    assert kh.loc["2023", "share"] == 0.0 and kh.loc["2024", "share"] == 1.0
    assert out.attrs["freq"] == "year"


def test_over_time_without_dates_says_so(coded):
    no_dates = coded.assign(date=pd.NA)
    with pytest.raises(AnalysisError, match="the date column is empty for all 7 statements; "
                                            "add dates in the corpus metadata"):
        count_over_time(no_dates)
    with pytest.raises(AnalysisError, match="no date column"):
        count_over_time(coded.drop(columns="date"))
    with pytest.raises(AnalysisError, match="not ISO dates.*d.1: '3 Dec 2024'"):
        count_over_time(coded.assign(date=["3 Dec 2024"] + ["2024-01-01"] * 6))
    with pytest.raises(ParameterError, match="freq='week'"):
        count_over_time(coded, freq="week")


def test_over_time_keeps_undated_statements(coded):
    partly = coded.assign(date=["2024-12-03"] * 6 + [""])
    out = count_over_time(partly, by=None, themes=["cooperation"])
    assert out["period"].tolist() == ["2024", "(none)"]


# --------------------------------------------------------------------------- writers

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


def test_a_sub_theme_match_counts_for_its_parent_too():
    coded = pd.DataFrame({
        "stmt_id": ["d.1", "d.2"], "side": ["CN", "CN"], "n_tokens": [10, 10],
        "theme_sovereignty": [1, 1], "theme_sovereignty__security": [1, 0],
        "themes": ["sovereignty;sovereignty.security", "sovereignty"], "n_matches": [1, 1],
    })
    matches = pd.DataFrame({"stmt_id": ["d.1", "d.2"],
                            "theme": ["sovereignty.security", "sovereignty"]})
    counts = count_themes(coded, by="side", matches=matches).set_index("theme")
    assert counts.loc["sovereignty", "n_matches"] == 2  # its own match + the child's
    assert counts.loc["sovereignty.security", "n_matches"] == 1
    assert counts.loc["sovereignty", "rate_per_1000_tokens"] == 100.0
