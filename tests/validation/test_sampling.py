"""Tests of discourse.validation.sampling: reproducible, stratified samples with context."""

import pytest

from discourse.errors import ParameterError
from discourse.validation.sampling import sample_for_coding


def test_sample_is_reproducible_and_in_table_order(coded_table):
    coded = coded_table()
    a = sample_for_coding(coded, n=4, seed=7)
    assert a.equals(sample_for_coding(coded, n=4, seed=7))
    assert len(a) == 4 and list(a.index) == sorted(a.index)
    others = {tuple(sample_for_coding(coded, n=4, seed=s).stmt_id) for s in range(8)}
    assert len(others) > 1


def test_stratified_sample_is_proportional_with_one_per_stratum(coded_table):
    coded = coded_table()  # side: CN 3, KH 2, joint 1, missing 4
    s = sample_for_coding(coded, n=5, stratify="side", seed=0)
    counts = s["side"].fillna("(missing)").value_counts().to_dict()
    # quotas 5*4/10=2, 5*3/10=1.5, 5*2/10=1, 5*1/10=0.5 -> floors 2,1,1,0 -> joint gets its 1
    assert counts == {"(missing)": 2, "CN": 1, "KH": 1, "joint": 1}


def test_sample_larger_than_table_warns_and_takes_all(coded_table):
    with pytest.warns(UserWarning, match="n=50 is more than the 10 statements"):
        s = sample_for_coding(coded_table(), n=50)
    assert len(s) == 10


def test_sample_context_stays_within_document(coded_table):
    s = sample_for_coding(coded_table(), n=10, context=1).set_index("stmt_id")
    assert s.loc["a.6", "context_before"] == "Hun Sen a remercié la Chine."
    assert s.loc["a.6", "context_after"] == ""  # b.1 is another document
    assert s.loc["b.1", "context_before"] == ""


def test_sample_errors(coded_table):
    with pytest.raises(ParameterError, match="n=0"):
        sample_for_coding(coded_table(), n=0)
    with pytest.raises(ParameterError, match="no column.*country"):
        sample_for_coding(coded_table(), n=3, stratify="country")
