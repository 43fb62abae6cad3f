"""Tests of discourse.io.cells: the column-at-a-time CSV cells give exactly the bytes of the
one-value-at-a-time reference below (the writer of the earlier releases, kept here as the
definition of the format), on hand-written edge cases and on random tables."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discourse.io.cells import column_cells, format_body
from discourse.io.export import format_csv, read_table_csv

_QUOTE = re.compile(r'[,"\r\n]')


# --------------------------------------------------------------------- the reference
def _field(text):
    return '"' + text.replace('"', '""') + '"' if _QUOTE.search(text) else text


def _float(value, digits):
    if value is None or pd.isna(value):
        return ""
    text = f"{float(value):.{digits}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _cell(v, kind, neutralize, digits):
    if v is None or v is pd.NA or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if kind == "b":
        return str(bool(v))
    if kind == "f":
        return _float(v, digits)
    if kind in "iu":
        return str(int(v))
    if isinstance(v, str):
        stripped = v.lstrip("'")
        if neutralize and stripped[:1] in ("=", "+", "-", "@", "\t", "\r"):
            v = "'" + v
        return _field(v)
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (float, np.floating)):
        return _float(v, digits)
    return _field(str(v))


def reference_body(df, neutralize=True, digits=6):
    kinds = []
    for c in range(df.shape[1]):
        dtype = df.iloc[:, c].dtype
        kinds.append("b" if pd.api.types.is_bool_dtype(dtype) else
                     "f" if pd.api.types.is_float_dtype(dtype) else
                     "i" if pd.api.types.is_integer_dtype(dtype) else "o")
    lines = []
    for r in range(len(df)):
        lines.append(",".join(_cell(df.iloc[r, c], kinds[c], neutralize, digits)
                              for c in range(df.shape[1])) + "\n")
    return "".join(lines).encode("utf-8")


# --------------------------------------------------------------------- hand-written cases
EDGE_TEXTS = ["", "plain", "a,b", 'say "hi"', "two\nlines", "cr\ronly", "=SUM(A1)", "+33",
              "-moins", "@x", "\tx", "\rx", "'=x", "''-y", "'", "''", "'quoted", "é ü 中文 ខ្មែរ",
              '=",\n', "x\r\n", "🙂,"]


def test_text_edge_cases_match_the_reference():
    df = pd.DataFrame({"t": pd.Series(EDGE_TEXTS + [None], dtype=object),
                       "s": pd.Series(EDGE_TEXTS + [None], dtype="string"),
                       "n": pd.Series(EDGE_TEXTS + [None], dtype="str")})
    assert format_body(df, neutralize=True, digits=6) == reference_body(df)
    assert format_body(df, neutralize=False, digits=6) == reference_body(df, neutralize=False)


def test_formula_cells_are_neutralised_and_quoted():
    cells = column_cells(pd.Series(["=1+1", "a,b", '=",'], dtype="str"), neutralize=True,
                         digits=6).to_pylist()
    assert cells == ["'=1+1", '"a,b"', "\"'=\"\",\""]


def test_numbers_booleans_and_missing_values():
    df = pd.DataFrame({
        "i": [1, -2, 0], "I": pd.array([None, 7, -9], dtype="Int64"),
        "u": np.array([0, 2**64 - 1, 5], dtype="uint64"),
        "f": [0.1 + 0.2, -0.0, float("nan")], "F": pd.array([1.0, None, 1e20], dtype="Float64"),
        "g": np.array([1 / 3, 2.5e-7, -1e-9], dtype="float32"),
        "b": [True, False, True], "B": pd.array([None, True, False], dtype="boolean"),
    })
    body = format_body(df, neutralize=True, digits=6)
    assert body == reference_body(df)
    assert body.decode().splitlines()[1] == \
        "-2,7,18446744073709551615,-0.0,,0.0,False,True"


def test_other_columns_take_the_per_value_path():
    df = pd.DataFrame({
        "mixed": pd.Series(["=a", 1, 2.5, True, None, b"x"], dtype=object),
        "cat": pd.Categorical(["-x", "y,z", None, "-x", "w", "w"]),
        "when": pd.to_datetime(["2024-01-02 00:00", None, "2024-03-04 05:06", None, None, None]),
    })
    assert format_body(df, neutralize=True, digits=6) == reference_body(df)


def test_a_table_with_no_rows_or_no_columns():
    assert format_csv(pd.DataFrame({"a": pd.Series([], dtype="str")})) == b"a\n"
    assert format_csv(pd.DataFrame(index=range(3))) == b"\n\n\n\n"


def test_the_text_is_read_back_exactly(tmp_path):
    df = pd.DataFrame({"text": EDGE_TEXTS, "n": range(len(EDGE_TEXTS))})
    path = tmp_path / "t.csv"
    path.write_bytes(format_csv(df))
    assert read_table_csv(path)["text"].fillna("").tolist() == EDGE_TEXTS


# --------------------------------------------------------------------- random tables
_TEXT = st.text(alphabet=st.one_of(st.sampled_from(list("=+-@'\t\r\n\",; aé中")),
                                   st.characters(blacklist_categories=("Cs",))), max_size=12)


@st.composite
def tables(draw):
    n = draw(st.integers(0, 8))
    cols = {}
    for k in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["str", "object", "int", "Int64", "float", "bool"]))
        if kind in ("str", "object"):
            values = draw(st.lists(st.one_of(st.none(), _TEXT), min_size=n, max_size=n))
            cols[f"c{k}"] = pd.Series(values, dtype=kind)
        elif kind == "int":
            cols[f"c{k}"] = pd.Series(draw(st.lists(st.integers(-2**63, 2**63 - 1),
                                                    min_size=n, max_size=n)), dtype="int64")
        elif kind == "Int64":
            cols[f"c{k}"] = pd.array(draw(st.lists(st.one_of(st.none(), st.integers(-99, 99)),
                                                   min_size=n, max_size=n)), dtype="Int64")
        elif kind == "float":
            cols[f"c{k}"] = pd.Series(draw(st.lists(st.floats(allow_nan=True),
                                                    min_size=n, max_size=n)), dtype="float64")
        else:
            cols[f"c{k}"] = pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)),
                                      dtype=bool)
    return pd.DataFrame(cols, index=range(n))


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.booleans(), st.integers(0, 8))
def test_random_tables_match_the_reference(df, neutralize, digits):
    assert format_body(df, neutralize=neutralize, digits=digits) == \
        reference_body(df, neutralize=neutralize, digits=digits)


@pytest.mark.parametrize("rows", [1, 1000])
def test_a_sliced_table_gives_its_own_rows(rows):
    df = pd.DataFrame({"t": [f"row {i}, x" for i in range(rows * 3)], "n": range(rows * 3)})
    part = df.iloc[rows:2 * rows]
    assert format_body(part, neutralize=True, digits=6) == reference_body(part)


def test_rows_sort_by_statement_number_with_ascii_and_other_ids():
    from discourse.io.order import sort_rows

    ids = ["d.10", "d.9", "d.x", "d", None, "d.2"]
    df = pd.DataFrame({"doc_id": ["d"] * 6, "stmt_id": ids}, index=[5, 3, 1, 0, 4, 2])
    assert sort_rows(df)["stmt_id"].fillna("-").tolist() == ["d.2", "d.9", "d.10", "d.x", "d", "-"]
    df["stmt_id"] = ["é.10", "é.9", "é.x", "é", None, "é.2"]     # non-ASCII: pandas' path
    assert sort_rows(df)["stmt_id"].fillna("-").tolist() == ["é.2", "é.9", "é.10", "é.x", "é", "-"]


def _sorted_by_pandas(df, extra=()):
    """The row order written as one pandas sort (how sort_rows sorted before it used numpy)."""
    from discourse.io.order import _statement_numbers

    keys = pd.DataFrame(index=df.index)
    keys["doc"] = df["doc_id"].astype("string")
    keys["n"] = pd.to_numeric(_statement_numbers(df["stmt_id"]), errors="coerce")
    for c in ("start", "end") + tuple(extra):
        keys[c] = df[c] if c in ("start", "end") else df[c].astype("string")
    keys["_row"] = np.arange(len(df))
    return df.loc[keys.sort_values(list(keys.columns), na_position="last").index]


@pytest.mark.parametrize("seed", range(6))
def test_rows_sort_as_one_pandas_sort_of_the_keys(seed):
    from discourse.io.order import sort_rows

    rng = np.random.default_rng(seed)
    n = 300
    docs = np.array(["b", "a", "é", "A", "a10", "a9", None], dtype=object)
    df = pd.DataFrame({
        "doc_id": docs[rng.integers(0, len(docs), n)],
        "stmt_id": [None if rng.random() < 0.05 else f"x.{rng.integers(0, 30)}"
                    for _ in range(n)],
        "start": pd.array([None if rng.random() < 0.05 else int(v)
                           for v in rng.integers(0, 50, n)], dtype="Int64"),
        "end": rng.integers(0, 5, n),
        "theme": rng.choice(["peace", "coop", "Coop"], n),
        "pattern": rng.choice(["b*", "a", None], n),
        "row": np.arange(n),
    }, index=rng.permutation(n))
    for extra in ((), ("theme", "pattern")):
        got = sort_rows(df, extra=extra)
        want = _sorted_by_pandas(df, extra).reset_index(drop=True)
        assert got["row"].tolist() == want["row"].tolist()
    ordered = sort_rows(df)
    again = sort_rows(ordered)           # a table already in order: the same rows, a new frame
    assert again["row"].tolist() == ordered["row"].tolist() and again is not ordered


def test_statement_numbers_sort_exactly_beyond_float_precision():
    from discourse.io.order import sort_rows

    big = 2 ** 60                              # floats cannot tell big from big + 1
    df = pd.DataFrame({"doc_id": ["d"] * 3, "stmt_id": [f"d.{big + 1}", "d.x", f"d.{big}"]})
    assert sort_rows(df)["stmt_id"].tolist() == [f"d.{big}", f"d.{big + 1}", "d.x"]
    huge = pd.DataFrame({"doc_id": ["d"] * 2, "stmt_id": [f"d.{10 ** 30}", "d.5"]})
    assert sort_rows(huge)["stmt_id"].tolist() == ["d.5", f"d.{10 ** 30}"]   # beyond int64
