"""The classifier's second opinion on the dictionary: flags and cross-validated scores."""

import numpy as np
import pandas as pd
import pytest

from discourse.analysis.review import review_coding
from discourse.errors import AnalysisError, ParameterError
from discourse.validation.second_opinion import evaluate_second_opinion, second_opinion


def _data(n=60, seed=3):
    # hand: aid statements are cooperation (the dictionary knows only "cooperation")
    rng = np.random.default_rng(seed)
    kinds = rng.permutation(["coop"] * (n // 3) + ["aid"] * (n // 3) + ["other"] * (n - 2 * (n // 3)))
    text = {"coop": "The two sides will deepen cooperation in {}.",
            "aid": "China helped Cambodia with aid for {}.",
            "other": "The leaders met in {} on Monday."}
    places = ["trade", "health", "roads", "rice", "schools", "water"]
    rows = [(f"d{i // 5}.{i}", text[k].format(places[i % 6]), int(k == "coop"),
             int(k != "other")) for i, k in enumerate(kinds)]
    coded = pd.DataFrame({"doc_id": [r[0].split(".")[0] for r in rows],
                          "stmt_id": [r[0] for r in rows], "start": 0,
                          "text": [r[1] for r in rows],
                          "theme_cooperation": [r[2] for r in rows]})
    hand = pd.DataFrame({"stmt_id": coded.stmt_id, "theme_cooperation": [r[3] for r in rows]})
    return coded, hand


def test_flags_the_statements_the_dictionary_misses():
    coded, hand = _data()
    flags = second_opinion(coded, hand, threshold=0.7, char_ngrams=False)
    aid = set(coded.stmt_id[coded.text.str.contains("aid")])
    flagged = set(flags.loc[flags.flag == "classifier only", "stmt_id"])
    assert flagged and flagged <= aid and len(flagged) >= len(aid) * 0.8
    assert (flags.loc[flags.flag == "classifier only", "dictionary"] == 0).all()
    assert (flags["probability"] >= 0.7).all() and (flags["hand"] == 1).all()
    assert flags["probability"].is_monotonic_decreasing
    # the review shows the flagged statements only, in the flags' order
    html = review_coding(coded, only=flags, static=True).data
    assert html.count("<tr>") - 1 == len(flags)
    assert html.index(flags.text.iloc[0]) < html.index(flags.text.iloc[-1]) or len(flags) == 1


def test_evaluation_scores_the_dictionary_the_classifier_and_both():
    coded, hand = _data()
    ev = evaluate_second_opinion(coded, hand, char_ngrams=False).set_index(["method", "theme"])
    d = ev.loc[("dictionary", "cooperation")]
    assert (d.tp, d.fp, d.fn, d.recall) == (20, 0, 20, 0.5)
    assert ev.loc[("classifier", "cooperation"), "f1"] > 0.9
    assert ev.loc[("dictionary + classifier", "cooperation"), "f1"] > d.f1
    assert ev.loc[("dictionary + classifier (add only)", "micro"), "recall"] > 0.9


def test_too_few_hand_codes_and_bad_thresholds_are_errors():
    coded, hand = _data(12)
    with pytest.raises(AnalysisError, match="no theme has 5 positive and negative"):
        with pytest.warns(UserWarning):
            second_opinion(coded, hand.assign(theme_cooperation=[1] * 10 + [0] * 2))
    with pytest.raises(ParameterError, match=r"threshold=0.3.*\(0.5, 1\)"):
        second_opinion(coded, hand, threshold=0.3)
