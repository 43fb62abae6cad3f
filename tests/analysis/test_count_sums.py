"""Tests of discourse.analysis.count_sums: the running sums of a streamed run's theme counts
give the table that combining every batch's counts gives, in bounded memory."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.analysis.count_sums import CountSums
from discourse.analysis.counts import combine_theme_counts, count_themes

SIDES = ["CN", "KH", None, ""]
NAMES = ["Xi", "Hun Sen", "(none)", "Ängkor", "a", None, "Z"]


def coded_table(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame({
        "stmt_id": [f"d.{i}" for i in range(len(rows))],
        "n_tokens": [r[0] for r in rows],
        "side": [SIDES[r[1]] for r in rows],
        "speaker_name": [NAMES[r[2]] for r in rows],
        "theme_peace": [r[3] for r in rows],
        "theme_peace.trade": [r[4] for r in rows],
        "theme_war": [r[5] for r in rows]})


row = st.tuples(st.integers(0, 50), st.integers(0, 3), st.integers(0, 6),
                st.integers(0, 1), st.integers(0, 1), st.integers(0, 1))


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(row, min_size=1, max_size=60), cuts=st.lists(st.integers(0, 60), max_size=5),
       by=st.sampled_from([["side"], ["side", "speaker_name"], None]))
def test_sums_equal_combined_batches_and_the_whole(rows, cuts, by):
    coded = coded_table(rows)
    bounds = sorted({0, len(rows), *(c for c in cuts if c <= len(rows))})
    parts = [count_themes(coded.iloc[a:b], by=by) for a, b in zip(bounds, bounds[1:])]
    sums = CountSums()
    for part in parts:
        sums.add(part)
    table, combined = sums.table(), combine_theme_counts(parts)
    assert table.to_csv() == combined.to_csv()
    assert list(table.dtypes) == list(combined.dtypes)
    if by is not None:
        assert table.to_csv() == count_themes(coded, by=by).to_csv()


def test_hand_computed_sums_sorted_groups_and_first_seen_themes():
    a = pd.DataFrame({"side": ["KH", "KH"], "theme": ["war", "peace"],
                      "n_statements": [2, 2], "n_coded": [1, 0], "share": [.5, 0.],
                      "n_matches": [1, 0], "n_tokens": [10, 10]})
    b = pd.DataFrame({"side": ["CN", "KH"], "theme": ["peace", "peace"],
                      "n_statements": [3, 1], "n_coded": [3, 1], "share": [1., 1.],
                      "n_matches": [4, 1], "n_tokens": [30, 5]})
    sums = CountSums()
    sums.add(a)
    sums.add(None)
    sums.add(b.iloc[:0])
    sums.add(b)
    table = sums.table()
    assert table[["side", "theme", "n_statements", "n_coded", "n_matches"]].values.tolist() == [
        ["CN", "war", 0, 0, 0], ["CN", "peace", 3, 3, 4],
        ["KH", "war", 2, 1, 1], ["KH", "peace", 3, 1, 1]]
    assert table["share"].tolist()[1:] == [1.0, 0.5, 1 / 3]
    assert np.isnan(table["share"].iloc[0])


def test_memory_grows_with_groups_not_with_batches():
    part = count_themes(coded_table([(10, 0, 1, 1, 0, 1), (5, 1, 2, 0, 1, 1)]),
                        by=["side", "speaker_name"])
    sums = CountSums()
    for _ in range(500):
        sums.add(part)
    assert len(sums) == 2
    assert sums.sums.nbytes <= 2 * 3 * 4 * 8
    assert sums.table()["n_statements"].tolist() == [500] * 6
