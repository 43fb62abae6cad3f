"""Tests of discourse.analysis.counts: theme counts per group, Wilson intervals, matches."""

from __future__ import annotations

import pandas as pd
import pytest

from discourse.analysis.counts import combine_theme_counts, count_themes, top_level
from discourse.errors import ContractError, ParameterError


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


def test_combine_theme_counts_equals_count_themes_on_the_whole():
    coded = pd.DataFrame({
        "stmt_id": [f"d.{i}" for i in range(6)], "n_tokens": [10, 20, 30, 5, 7, 9],
        "side": ["CN", "KH", pd.NA, "CN", "KH", "CN"],
        "speaker": ["xi", "hun", "narrator", "xi", "hun", "li"],
        "theme_peace": [1, 0, 0, 1, 1, 0], "theme_war": [0, 0, 1, 0, 1, 1]})
    for by in ("side", ["side", "speaker"], None):
        whole = count_themes(coded, by=by)
        parts = [count_themes(coded.iloc[i:i + 2], by=by) for i in (0, 2, 4)]
        combined = combine_theme_counts(parts)
        pd.testing.assert_frame_equal(combined, whole, check_dtype=False)
        assert combined.to_csv() == whole.to_csv()


def test_top_level_keeps_top_level_themes():
    counts = pd.DataFrame({"side": ["CN"] * 3,
                           "theme": ["sovereignty", "sovereignty.security", "friendship"]})
    assert top_level(counts)["theme"].tolist() == ["sovereignty", "friendship"]
