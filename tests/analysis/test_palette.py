"""Tests of discourse.analysis.palette: one colour per theme, in a figure, the review HTML and a
REFI-QDA project alike."""

from __future__ import annotations

import re
import zipfile

import pandas as pd
import pytest
from lxml import etree
from matplotlib.colors import to_hex

from discourse.analysis.counts import count_themes
from discourse.analysis.figures.shares import plot_theme_shares
from discourse.analysis.figures.time import plot_over_time
from discourse.analysis.highlight import highlight_statements
from discourse.analysis.palette import PALETTE, theme_colours
from discourse.analysis.time import count_over_time
from discourse.coding.codebook import Codebook, Theme
from discourse.errors import ParameterError
from discourse.io.refi.common import NS_PROJECT
from discourse.io.refi.writer import write_qdpx

CB = Codebook("t", "1", themes=(
    Theme("sovereignty", "Sovereignty", colour="#0072B2"),
    Theme("sovereignty.territorial", "Territorial integrity", parent="sovereignty"),
    Theme("friendship", "Friendship", colour="#CC79A7"),
))

DIPLOMACY = Codebook("diplomacy", "1", themes=(
    Theme("sovereignty", "Sovereignty", colour="#0072b2"),
    Theme("sovereignty.security", "Security", parent="sovereignty"),
    Theme("cooperation", "Cooperation"),          # no colour: the palette's next free one
    Theme("friendship", "Friendship"),
))


def test_theme_colours_order_and_validation():
    assert theme_colours(["a", "b", "a.negated"]) == {"a": PALETTE[0], "b": PALETTE[1],
                                                      "a.negated": PALETTE[0]}
    assert theme_colours(["friendship"], codebook=CB) == {"friendship": "#CC79A7"}
    with pytest.raises(ParameterError, match=r"'red;x' of theme 'a' is not a hex colour"):
        theme_colours(["a"], colours={"a": "red;x"})


def test_codebook_order_not_the_callers_and_taken_colours_skipped():
    every = theme_colours(codebook=DIPLOMACY)
    assert every == {"sovereignty": "#0072B2", "sovereignty.security": "#0072B2",
                     "cooperation": "#D55E00", "friendship": "#009E73"}
    # a caller drawing one theme gets the colour it has among all of them
    assert theme_colours(["friendship"], codebook=DIPLOMACY) == {"friendship": "#009E73"}
    # an explicit colour wins and is skipped by the others
    assert theme_colours(codebook=DIPLOMACY, colours={"cooperation": "#009e73"}) == {
        "sovereignty": "#0072B2", "sovereignty.security": "#0072B2",
        "cooperation": "#009E73", "friendship": "#D55E00"}


def test_more_themes_than_the_palette_get_distinct_colours():
    colours = theme_colours([f"t{i}" for i in range(40)])
    assert len(set(colours.values())) == 40
    assert list(colours.values())[:8] == list(PALETTE)


def _html_colour(html: str, theme: str) -> str:
    found = re.search(rf'data-themes="{re.escape(theme)}"[^>]*style="[^"]*solid (#[0-9A-F]{{6}})',
                      html)
    assert found, html
    return found.group(1)


def _qdpx_colours(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("project.qde"))
    return {c.get("name"): c.get("color") for c in root.iter(f"{{{NS_PROJECT}}}Code")}


def test_a_theme_has_one_colour_in_a_figure_the_review_and_the_qdpx(tmp_path):
    text = "Amitié et coopération, sécurité."
    documents = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    coded = pd.DataFrame({
        "doc_id": ["d"], "stmt_id": ["d.1"], "start": [0], "end": [len(text)], "text": [text],
        "n_tokens": [4], "theme_sovereignty": [1], "theme_sovereignty__security": [1],
        "theme_cooperation": [1], "theme_friendship": [1],
    })
    matches = pd.DataFrame({
        "doc_id": "d", "stmt_id": "d.1",
        "theme": ["friendship", "cooperation", "sovereignty.security"],
        "start": [0, 10, 23], "end": [6, 21, 31],
        "matched": ["Amitié", "coopération", "sécurité"],
    })
    expected = {"friendship": "#009E73", "cooperation": "#D55E00",
                "sovereignty.security": "#0072B2"}
    # a figure drawing only some themes (one group: each bar in its theme's colour)
    only = coded[["stmt_id", "n_tokens", "theme_friendship", "theme_cooperation"]]
    fig = plot_theme_shares(count_themes(only, by=None), codebook=DIPLOMACY)
    bars = [to_hex(p.get_facecolor()).upper() for p in fig.axes[0].patches]
    assert bars == [expected["friendship"], expected["cooperation"]]
    dated = only.assign(date="2024-12-03")
    lines = plot_over_time(count_over_time(dated, by=None), codebook=DIPLOMACY)
    assert [to_hex(ax.lines[0].get_color()).upper() for ax in lines.axes[:2]] == bars
    # the review HTML
    html = highlight_statements(coded, matches, codebook=DIPLOMACY)
    for theme, colour in expected.items():
        assert _html_colour(html, theme) == colour
    # the REFI-QDA project
    codes = _qdpx_colours(write_qdpx(coded, documents, tmp_path / "p.qdpx",
                                     codebook=DIPLOMACY))
    assert codes == {"Sovereignty": "#0072B2", "Security": "#0072B2",
                     "Cooperation": expected["cooperation"],
                     "Friendship": expected["friendship"]}


def test_several_groups_keep_the_group_colours():
    coded = pd.DataFrame({"stmt_id": ["1", "2"], "n_tokens": [5, 5], "side": ["CN", "KH"],
                          "theme_friendship": [1, 0], "theme_cooperation": [0, 1]})
    fig = plot_theme_shares(count_themes(coded), codebook=DIPLOMACY)
    faces = {to_hex(p.get_facecolor()).upper() for p in fig.axes[0].patches}
    assert faces == {PALETTE[0], PALETTE[1]}
