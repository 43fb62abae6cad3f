"""Tests of compare_reporting, pool_small_groups, the comparison figure and the prose."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from discourse.analysis.figures.comparison import plot_comparison
from discourse.analysis.narrative import describe_corpus, describe_comparison, missing_requirements
from discourse.analysis.reporting import compare_reporting, pool_small_groups
from discourse.analysis.stats import compare_groups
from discourse.errors import AnalysisError, ParameterError


def _reports(n_docs: int = 12) -> pd.DataFrame:
    """Hun Sen in Xinhua and AKP readouts; Xinhua gives him friendship in 2 of 3 statements."""
    rows = []
    for d in range(n_docs):
        source = "Xinhua (via People's Daily)" if d % 2 else "AKP"
        for i in range(3):
            friendship = int(i < 2) if d % 2 else int(i < 1)
            rows.append({"doc_id": f"d{d}", "source": source, "speaker": "hun_sen", "side": "KH",
                         "theme_friendship": friendship})
        rows.append({"doc_id": f"d{d}", "source": source, "speaker": "xi_jinping", "side": "CN",
                     "theme_friendship": 1})
    return pd.DataFrame(rows)


def test_a_speaker_as_reported_by_each_sides_outlets_in_one_call():
    out = compare_reporting(_reports(), speaker="hun_sen", n_boot=300).iloc[0]
    # by hand: Xinhua (CN) 6 readouts x 2 of 3, AKP (KH) 6 readouts x 1 of 3
    assert (out["group_1"], out["coded_1"], out["n_1"]) == ("CN", 12, 18)
    assert (out["group_2"], out["coded_2"], out["n_2"]) == ("KH", 6, 18)
    assert out["difference"] == pytest.approx(1 / 3)
    assert out["n_clusters"] == 12
    # every readout gives the same shares: the bootstrap interval is the point
    assert out["cluster_ci_low"] == pytest.approx(1 / 3) == out["cluster_ci_high"]
    fig = plot_comparison(compare_reporting(_reports(), speaker="hun_sen", n_boot=300))
    assert fig.axes[0].get_title() == "CN vs KH, speaker=hun_sen"


def test_compare_reporting_errors():
    with pytest.raises(ParameterError, match="give speaker="):
        compare_reporting(_reports())
    with pytest.raises(AnalysisError, match="no statement of speaker='hun_manet'"):
        compare_reporting(_reports(), speaker="hun_manet")


def test_small_groups_are_pooled_and_flagged():
    coded = pd.DataFrame({"side": ["CN"] * 12 + ["KH"] * 11 + ["VN"] * 3 + ["LA"] + [None] * 2})
    out = pool_small_groups(coded, min_statements=10)
    assert out["side"].value_counts().to_dict() == {"CN": 12, "KH": 11, "other": 4}
    assert out["side_pooled"].sum() == 4 and out["side"].isna().sum() == 2
    assert out.attrs["pooled"] == {"side": {"LA": 1, "VN": 3}}
    assert pool_small_groups(coded, min_statements=10, keep=["VN"])["side"].eq("VN").sum() == 3
    with pytest.raises(ParameterError, match="label='CN' is already a value"):
        pool_small_groups(coded, label="CN")


def test_the_prose_is_written_from_the_tables():
    coded = _reports()
    text = describe_corpus(coded, sides=("CN", "KH"))
    assert text.startswith("12 readouts, 48 statements.")
    assert "CN: 12 statements in 12 readouts; KH: 36 statements in 12 readouts." in text
    table = compare_groups(coded, groups=("CN", "KH"), n_boot=300)
    prose = describe_comparison(table)
    assert "CN 12 of 12 statements (100 %), KH 18 of 36 (50 %); difference +50 points" in prose
    assert missing_requirements(coded) == {
        "dates": "this section needs dates (a 'date' column in the corpus metadata)",
        "several_periods": "this section needs readouts from more than one year; the corpus has "
                           "0 years"}
    one = coded[coded["doc_id"] == "d0"]
    assert "CN speaks in 1 readout" in missing_requirements(one)["several_readouts"]
