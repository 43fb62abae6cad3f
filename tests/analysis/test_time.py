"""Tests of discourse.analysis.time: theme shares per year or month."""

from __future__ import annotations

import pandas as pd
import pytest

from discourse.analysis.time import count_over_time
from discourse.errors import AnalysisError, ParameterError


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
