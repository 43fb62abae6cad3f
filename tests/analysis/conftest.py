"""Fixtures of the analysis tests: a small coded table with hand-known counts."""

from __future__ import annotations

import pandas as pd
import pytest


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
