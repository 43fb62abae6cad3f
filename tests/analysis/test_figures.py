"""Tests of discourse.analysis.figures: what each chart shows, the style, and deterministic writing."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

from discourse.errors import AnalysisError, ExportError, ParameterError
from discourse.analysis.cooccurrence import count_cooccurrence
from discourse.analysis.counts import count_themes
from discourse.analysis.figures.cooccurrence import plot_cooccurrence
from discourse.analysis.figures.heatmap import plot_speaker_heatmap
from discourse.analysis.figures.keyness import plot_keyness
from discourse.analysis.figures.shares import plot_theme_shares
from discourse.analysis.figures.style import figure_style
from discourse.analysis.figures.time import plot_over_time
from discourse.analysis.figures.writer import write_figure
from discourse.analysis.palette import PALETTE
from discourse.analysis.time import count_over_time


@pytest.fixture(scope="module")
def coded():
    rows = [
        ("xi_jinping", "CN", "2023-06-01", 1, 1, 0),
        ("xi_jinping", "CN", "2024-12-03", 1, 0, 1),
        ("xi_jinping", "CN", "2024-12-03", 0, 1, 1),
        ("hun_sen", "KH", "2024-12-03", 0, 1, 1),
        ("hun_sen", "KH", "2023-06-01", 0, 0, 1),
        ("narrator", pd.NA, "2024-12-03", 0, 0, 0),
    ]
    frame = pd.DataFrame(rows, columns=["speaker", "side", "date", "theme_sovereignty",
                                        "theme_cooperation", "theme_friendship"])
    frame.insert(0, "stmt_id", [f"d.{i}" for i in range(1, 7)])
    frame.insert(1, "n_tokens", [12, 20, 8, 15, 9, 30])
    return frame


def _legend(fig):
    return [t.get_text() for t in fig.legends[0].get_texts()]


def test_theme_shares_figure(coded):
    fig = plot_theme_shares(count_themes(coded), labels={"sovereignty": "Sovereignty"})
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title() == "Theme shares by side"
    assert "(%)" in ax.get_xlabel() and ax.get_ylabel() == "Theme"
    assert _legend(fig) == ["CN (n = 3 statements)", "KH (n = 2 statements)",
                            "narrator (n = 1 statement)"]
    assert "95 % Wilson" in fig.legends[0].get_title().get_text()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Sovereignty", "cooperation",
                                                            "friendship"]
    # the CN sovereignty bar is 2/3 of the statements, in the first colour
    first_bar = ax.patches[0]
    assert first_bar.get_width() == pytest.approx(100 * 2 / 3)
    assert matplotlib.colors.to_hex(first_bar.get_facecolor()) == PALETTE[0].lower()
    assert fig.get_size_inches()[0] == pytest.approx(3.5)


def test_style_is_local(coded):
    before = matplotlib.rcParams["font.size"]
    plot_theme_shares(count_themes(coded))
    assert matplotlib.rcParams["font.size"] == before
    with figure_style():
        assert matplotlib.rcParams["font.size"] == 8


def test_speaker_heatmap(coded):
    fig = plot_speaker_heatmap(count_themes(coded, by=["side", "speaker"]))
    ax = fig.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["CN / xi_jinping (n = 3)", "KH / hun_sen (n = 2)",
                    "narrator / narrator (n = 1)"]
    texts = [t.get_text() for t in ax.texts]
    assert "67%\n2/3" in texts  # CN sovereignty and cooperation
    assert ax.get_title() == "Theme shares by side / speaker"
    assert fig.axes[1].get_ylabel() == "% of statements"  # colour bar


def _keyness():
    frame = pd.DataFrame({
        "feature": ["souveraineté", "coopération", "amitié", "fer"],
        "n_target": [5, 3, 0, 0], "n_reference": [0, 1, 4, 3],
        "statistic": [4.2, 0.5, -3.1, -2.0], "p": [0.04, 0.5, 0.08, 0.2],
    })
    frame.attrs.update(measure="chi2", target="CN", reference="KH", n_target_tokens=120,
                       n_reference_tokens=80, n_target_statements=7,
                       n_reference_statements=4)
    return frame


def test_keyness_plot():
    fig = plot_keyness(_keyness(), n=1)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["souveraineté", "amitié"]
    assert ax.get_title() == "Key words: CN vs KH"
    assert ax.get_xlabel() == "\u03c7\u00b2 (signed)"
    assert _legend(fig) == ["CN (n = 7 statements, 120 tokens)",
                            "KH (n = 4 statements, 80 tokens)"]
    all_words = plot_keyness(_keyness(), n=20).axes[0]
    assert len(all_words.get_yticklabels()) == 4
    with pytest.raises(AnalysisError, match="nothing to plot"):
        plot_keyness(_keyness().assign(statistic=0.0))
    with pytest.raises(ParameterError, match="n=0"):
        plot_keyness(_keyness(), n=0)


def test_cooccurrence_plot(coded):
    one = plot_cooccurrence(count_cooccurrence(coded))
    assert one.axes[0].get_title() == "all statements (n = 6 statements)"
    # sovereignty in d.1, d.2; cooperation in d.1, d.3, d.4: c = 1 / (2 + 3 - 1)
    assert "0.25\n(1)" in [t.get_text() for t in one.axes[0].texts]
    by_side = plot_cooccurrence(count_cooccurrence(coded, by="side", dropna=True))
    titles = [ax.get_title() for ax in by_side.axes if ax.get_title()]
    assert titles == ["CN (n = 3 statements)", "KH (n = 2 statements)"]
    assert "co-occurrence" in by_side._suptitle.get_text()


def test_over_time_plot(coded):
    fig = plot_over_time(count_over_time(coded, dropna=True))
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[:3] == ["sovereignty", "cooperation", "friendship"]
    assert _legend(fig) == ["CN (n = 3 statements)", "KH (n = 2 statements)"]
    assert [t.get_text() for t in fig.axes[2].get_xticklabels()] == ["2023", "2024"]
    undated = coded.assign(date=["2024-12-03"] * 5 + [None])
    fig2 = plot_over_time(count_over_time(undated, by=None, themes=["cooperation"]))
    assert any("1 statement without a date" in t.get_text() for t in fig2.texts)


def test_empty_inputs_fail_clearly(coded):
    with pytest.raises(AnalysisError, match="empty"):
        plot_theme_shares(count_themes(coded.iloc[:0]))


def test_write_figure_is_byte_identical(tmp_path, coded):
    counts = count_themes(coded)
    first = write_figure(plot_theme_shares(counts), tmp_path / "a" / "shares")
    second = write_figure(plot_theme_shares(counts), tmp_path / "b" / "shares.png")
    assert [p.name for p in first] == ["shares.png", "shares.pdf", "shares.svg"]
    for p, q in zip(first, second):
        assert p.read_bytes() == q.read_bytes(), p.name
    assert first[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"CreationDate" not in first[1].read_bytes()
    assert b"<dc:date>" not in first[2].read_bytes()
    with pytest.raises(ExportError, match="exists"):
        write_figure(plot_theme_shares(counts), tmp_path / "a" / "shares", overwrite=False)
    with pytest.raises(ParameterError, match="valid formats"):
        write_figure(plot_theme_shares(counts), tmp_path / "x", formats=("jpg",))


def test_keyness_plot_exact_draws_infinite_odds_ratios():
    frame = pd.DataFrame({"feature": ["a", "b", "c"], "n_target": [3, 1, 0],
                          "n_reference": [0, 1, 4], "statistic": [float("inf"), 1.0, 0.0],
                          "p": [0.1, 1.0, 0.05]})
    frame.attrs.update(measure="exact", target="CN", reference="KH")
    ax = plot_keyness(frame).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "c"]  # OR = 1 is not key
    assert "log odds ratio" in ax.get_xlabel() and "infinite" in ax.get_xlabel()
    assert [p.get_width() for p in ax.patches] == pytest.approx([1.1, -1.1])
