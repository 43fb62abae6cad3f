"""Fixtures of the validation tests: a small coded table and two coders, written by hand."""

import numpy as np
import pandas as pd
import pytest

THEMES = ["theme_sovereignty", "theme_cooperation", "theme_anti_cold_war", "theme_friendship"]


def _coded_table():
    """A small coded table, written by hand (two documents)."""
    texts = ["Xi a rencontré Hun Sen.", "Xi a salué l'amitié de fer.",
             "La Chine soutient la souveraineté du Cambodge, a-t-il dit.",
             "Les deux parties renforceront la coopération.", "Hun Sen a remercié la Chine.",
             "Fin.", "Le roi a reçu M. Xi.", "Il a salué la coopération.",
             "Le Cambodge est un ami.", "Crédit."]
    doc = ["a"] * 6 + ["b"] * 4
    n = [1, 2, 3, 4, 5, 6, 1, 2, 3, 4]
    start = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    df = pd.DataFrame({"doc_id": doc, "stmt_id": [f"{d}.{i}" for d, i in zip(doc, n)],
                       "start": start, "text": texts,
                       "speaker": ["narrator", "xi_jinping", "xi_jinping", "joint", "hun_sen",
                                   "narrator", "narrator", "xi_jinping", "hun_sen", "narrator"],
                       "side": [None, "CN", "CN", "joint", "KH", None, None, "CN", "KH", None]})
    for c in THEMES:
        df[c] = 0
    df.loc[[1, 4, 8], "theme_friendship"] = 1
    df.loc[[3, 7], "theme_cooperation"] = 1
    df.loc[2, "theme_sovereignty"] = 1
    df["themes"] = ""
    return df


def _hand_two_coders():
    rows = []
    for coder, friend in (("a", {"a.2": 1, "a.5": 1, "b.3": 1, "a.3": 1}),
                          ("b", {"a.2": 1, "a.5": 1, "b.3": 0, "a.3": 0})):
        for sid in ["a.2", "a.3", "a.5", "b.3"]:
            rows.append({"coder": coder, "stmt_id": sid, "theme_friendship": friend[sid],
                         "speaker": "hun_sen" if sid in ("a.5", "b.3") else "xi_jinping"})
    return pd.DataFrame(rows)


@pytest.fixture
def coded_table():
    """Builds the small coded table (a new copy each call)."""
    return _coded_table


@pytest.fixture
def hand_two_coders():
    """Builds the hand coding of two coders (a new copy each call)."""
    return _hand_two_coders
