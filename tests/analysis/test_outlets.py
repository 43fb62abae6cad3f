"""Tests of the outlets file and of assign_outlets."""

from __future__ import annotations

import pandas as pd
import pytest

from discourse.analysis.outlets import assign_outlets, default_outlets_path, read_outlets
from discourse.errors import OutletsError
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_data_file_is_the_packaged_default():
    assert (ROOT / "data" / "outlets.yml").read_bytes() == default_outlets_path().read_bytes()


@pytest.mark.parametrize("source, outlet, side", [
    ("Xinhua (via People's Daily English)", "xinhua", "CN"),      # the writer, named first
    ("Le Quotidien du Peuple en ligne (french.peopledaily.com.cn)", "peoples_daily", "CN"),
    ("AKP (via Cambodia News Gazette)", "akp", "KH"),
    ("Fresh News (Chinese edition)", "fresh_news", "KH"),
    ("CCTV (央视网, Xinwen Lianbo)", "cgtn", "CN"),
    ("Vietnam+ (VNA)", "vna", "VN"),
    ("xinhua", "xinhua", "CN"),                                    # case is ignored
])
def test_sources_resolve_to_the_outlet_named_first(source, outlet, side):
    out = assign_outlets(pd.DataFrame({"source": [source]})).iloc[0]
    assert (out["outlet"], out["outlet_side"]) == (outlet, side)


def test_unknown_sources_are_kept_and_given_sides_win():
    docs = pd.DataFrame({"source": ["My blog", None, "Xinhua", "AKP"],
                         "outlet_side": [None, None, "HK", ""]})
    out = assign_outlets(docs)
    assert out["outlet"].tolist() == ["My blog", None, "xinhua", "akp"]
    assert out["outlet_side"].tolist() == [None, None, "HK", "KH"]
    assert "outlet" not in docs.columns                    # the input is not changed
    # a word inside another word is not a match ("AKP" in "SAKPA")
    assert assign_outlets(pd.DataFrame({"source": ["SAKPA news"]}))["outlet_side"].isna().all()


def test_a_user_outlets_file(tmp_path):
    path = tmp_path / "outlets.yml"
    path.write_text("outlets:\n  nhan_dan:\n    name: Nhân Dân\n    side: VN\n"
                    "    aliases: [Nhan Dan]\n", encoding="utf-8")
    out = assign_outlets(pd.DataFrame({"source": ["Nhan Dan online"]}), outlets=path)
    assert out["outlet_side"].tolist() == ["VN"]


@pytest.mark.parametrize("text, message", [
    ("outlets: {}", "'outlets' must be a non-empty mapping"),
    ("outlets:\n  a:\n    name: A\n", r"outlets.a.side is required"),
    ("outlets:\n  a:\n    name: A\n    side: CN\n    colour: red\n", "unknown field.*colour"),
    ("outlets:\n  a: {name: A, side: CN, aliases: [X]}\n  b: {name: B, side: KH, aliases: [x]}\n",
     "the alias 'x' names two outlets: a and b"),
])
def test_invalid_files_are_errors_naming_the_file_and_field(tmp_path, text, message):
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OutletsError, match=f"bad.yml: .*{message}|bad.yml: {message}"):
        read_outlets(path)
    with pytest.raises(OutletsError, match="no such outlets file"):
        read_outlets(tmp_path / "missing.yml")
