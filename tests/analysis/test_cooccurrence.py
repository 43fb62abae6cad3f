"""Tests of discourse.analysis.cooccurrence: pairs of themes and the c-coefficient."""

from __future__ import annotations

import numpy as np
import pytest

from discourse.analysis.cooccurrence import count_cooccurrence


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
