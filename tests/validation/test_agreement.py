"""Tests of discourse.validation.agreement: published worked examples, cross-checks, hand computations."""

import numpy as np
import pandas as pd
import pytest
from nltk.metrics.agreement import AnnotationTask

from discourse.validation.agreement import compute_agreement, reliability_matrix
from discourse.errors import ContractError, ParameterError


def long_table(matrix, variable="theme_x"):
    """Coders x items list of lists (None = missing) -> long table."""
    rows = [{"coder": f"c{c}", "stmt_id": f"u{u:02d}", variable: v}
            for c, row in enumerate(matrix) for u, v in enumerate(row) if v is not None]
    return pd.DataFrame(rows)


def counts_to_long(table):
    """Subjects x categories counts (Fleiss form) -> long table; raters numbered per row."""
    rows = []
    for s, counts in enumerate(table):
        r = 0
        for cat, k in enumerate(counts, 1):
            for _ in range(k):
                rows.append({"coder": f"r{r}", "stmt_id": f"s{s:02d}", "theme_x": cat})
                r += 1
    return pd.DataFrame(rows)


# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
# Communication, University of Pennsylvania, departmental paper 43, section C ("nominal data,
# any number of observers, missing data"): 4 observers x 12 units; printed results
# nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


@pytest.mark.parametrize("level,printed", [("nominal", 0.743), ("ordinal", 0.815),
                                           ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorff_2011_worked_example(level, printed):
    out = compute_agreement(long_table(KRIPPENDORFF_2011), level=level, bootstrap=0)
    row = out.iloc[0]
    assert round(row.alpha, 3) == printed
    assert row.n_items == 11  # unit 12 has a single value: not pairable
    assert row.n_coders == 4 and row.n_codes == 41


def test_alpha_nominal_matches_nltk_on_missing_data():
    data = [(f"c{c}", f"u{u}", v) for c, row in enumerate(KRIPPENDORFF_2011)
            for u, v in enumerate(row) if v is not None]
    nltk_alpha = AnnotationTask(data).alpha()
    ours = compute_agreement(long_table(KRIPPENDORFF_2011), bootstrap=0).alpha[0]
    assert ours == pytest.approx(nltk_alpha, abs=1e-12)


# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
# Bulletin 76(5), 378-382, Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses;
# printed kappa = .430. Counts as in R irr::diagnoses / statsmodels' test data.
FLEISS_1971 = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
]

# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories;
# printed kappa = 0.210 (P-bar 0.378, P-bar_e 0.213).
WIKIPEDIA_FLEISS = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]


def test_fleiss_1971_worked_example():
    row = compute_agreement(counts_to_long(FLEISS_1971), bootstrap=0).iloc[0]
    assert round(row.fleiss_kappa, 3) == 0.430
    assert row.n_items == 30 and np.isnan(row.cohen_kappa)


def test_fleiss_wikipedia_worked_example_and_nltk_multi_pi():
    hand = counts_to_long(WIKIPEDIA_FLEISS)
    row = compute_agreement(hand, bootstrap=0).iloc[0]
    assert round(row.fleiss_kappa, 3) == 0.210
    assert round(row.percent_agreement, 3) == 0.378  # Wikipedia's P-bar
    # nltk's multi-pi (Fleiss' generalisation of Scott's pi) is Fleiss' kappa
    task = AnnotationTask(list(hand[["coder", "stmt_id", "theme_x"]].itertuples(index=False,
                                                                                 name=None)))
    assert row.fleiss_kappa == pytest.approx(task.pi(), abs=1e-12)


def two_coder_table(yes_yes, yes_no, no_yes, no_no):
    pairs = ([(1, 1)] * yes_yes + [(1, 0)] * yes_no + [(0, 1)] * no_yes + [(0, 0)] * no_no)
    return long_table([[a for a, _ in pairs], [b for _, b in pairs]])


def test_cohen_kappa_textbook_example():
    # Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, A and B both yes 20,
    # A yes B no 5, A no B yes 10, both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    row = compute_agreement(two_coder_table(20, 5, 10, 15), bootstrap=0).iloc[0]
    assert row.percent_agreement == pytest.approx(0.7)
    assert row.cohen_kappa == pytest.approx(0.4)
    assert np.isnan(row.fleiss_kappa)


def test_two_coder_cross_checks_sklearn_nltk_statsmodels():
    hand = two_coder_table(20, 5, 10, 15)
    row = compute_agreement(hand, bootstrap=0).iloc[0]
    task = AnnotationTask(list(hand.itertuples(index=False, name=None)))
    assert row.cohen_kappa == pytest.approx(task.kappa(), abs=1e-12)
    assert row.alpha == pytest.approx(task.alpha(), abs=1e-12)
    # by hand: alpha = 1 - (n-1) Do/De with pooled values (30 yes, 20 no... here 55/45)
    n_yes = 2 * 20 + 5 + 10
    n = 100
    de = 2 * n_yes * (n - n_yes) / (n * (n - 1))
    do = 2 * 15 / n
    assert row.alpha == pytest.approx(1 - do / de)


def test_speaker_is_nominal_text():
    hand = pd.DataFrame({"coder": list("aaabbbccc"), "stmt_id": ["s1", "s2", "s3"] * 3,
                         "speaker": ["xi", "xi", "narrator"] * 2 + ["xi"] * 3})
    row = compute_agreement(hand, bootstrap=0).iloc[0]
    # by hand: values xi 7, narrator 2; only s3 disagrees (2 narrator, 1 xi)
    # alpha = 1 - (2/9) / (2*7*2/(9*8)) = 3/7; Fleiss: P-bar 7/9, P_e 53/81 -> 10/28
    assert row.alpha == pytest.approx(3 / 7)
    assert row.fleiss_kappa == pytest.approx(10 / 28)
    assert row.percent_agreement == pytest.approx((1 + 1 + 1 / 3) / 3)
    with pytest.raises(ParameterError, match="speaker is a nominal variable"):
        compute_agreement(hand, level="interval")


def test_bootstrap_is_seeded_and_brackets_alpha():
    hand = long_table(KRIPPENDORFF_2011)
    a = compute_agreement(hand, bootstrap=200, seed=3).iloc[0]
    b = compute_agreement(hand, bootstrap=200, seed=3).iloc[0]
    c = compute_agreement(hand, bootstrap=200, seed=4).iloc[0]
    assert (a.alpha_ci_low, a.alpha_ci_high) == (b.alpha_ci_low, b.alpha_ci_high)
    assert (a.alpha_ci_low, a.alpha_ci_high) != (c.alpha_ci_low, c.alpha_ci_high)
    assert a.alpha_ci_low <= a.alpha <= a.alpha_ci_high <= 1


def test_no_variation_and_single_coder_are_explained():
    same = long_table([[1, 1, 1], [1, 1, 1]])
    row = compute_agreement(same, bootstrap=10).iloc[0]
    assert np.isnan(row.alpha) and "no variation" in row.note
    assert row.percent_agreement == 1.0
    one = long_table([[1, 0, 1]])
    assert "fewer than two coders" in compute_agreement(one).note[0]


def test_several_variables_and_levels_by_variable():
    hand = long_table(KRIPPENDORFF_2011)
    hand["theme_y"] = hand["theme_x"]
    out = compute_agreement(hand, level={"theme_x": "interval"}, bootstrap=0)
    assert out.variable.tolist() == ["theme_x", "theme_y"]
    assert out.level.tolist() == ["interval", "nominal"]
    assert round(out.alpha[0], 3) == 0.849 and round(out.alpha[1], 3) == 0.743


def test_errors_name_the_problem():
    hand = long_table([[1, 0], [1, 1]])
    with pytest.raises(ParameterError, match="level 'cardinal'.*nominal, ordinal"):
        compute_agreement(hand, level="cardinal")
    with pytest.raises(ContractError, match="lacks the column 'rater'"):
        compute_agreement(hand, coders="rater")
    with pytest.raises(ParameterError, match="bootstrap=-1"):
        compute_agreement(hand, bootstrap=-1)
    twice = pd.concat([hand, hand.iloc[[0]]])
    with pytest.raises(ContractError, match="coder 'c0' coded item 'u00' more than once"):
        compute_agreement(twice)


def test_reliability_matrix_shape():
    wide = reliability_matrix(long_table(KRIPPENDORFF_2011), "theme_x")
    assert wide.shape == (4, 12)
    assert int(wide.notna().sum().sum()) == 41
