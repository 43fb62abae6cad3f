"""Figure labels in Chinese and Khmer: drawn with an installed font, else in Latin letters."""

import warnings

import matplotlib
import pandas as pd
import pytest

from discourse.analysis.counts import count_themes
from discourse.analysis.figures import scripts
from discourse.analysis.figures.heatmap import plot_speaker_heatmap
from discourse.analysis.figures.style import figure_style, group_labels
from discourse.errors import MissingFontWarning


@pytest.fixture
def no_fonts(monkeypatch):
    monkeypatch.setattr(scripts, "_installed", lambda: {"zh": None, "km": None})
    scripts._warn_once.cache_clear()
    yield
    scripts._warn_once.cache_clear()


@pytest.fixture
def fonts(monkeypatch):
    monkeypatch.setattr(scripts, "_installed",
                        lambda: {"zh": "Noto Sans CJK SC", "km": "Noto Sans Khmer"})


def test_without_a_font_chinese_and_khmer_words_are_written_in_latin_letters(no_fonts):
    with pytest.warns(MissingFontWarning, match="fonts-noto-cjk"):
        assert scripts.drawable_label("CN / 洪玛奈 (n = 3)") == "CN / hong ma nai (n = 3)"
    with pytest.warns(MissingFontWarning, match="fonts-khmeros"):
        # the two words of the name stay two words
        assert scripts.drawable_label("KH / ចាប ភក្តី") == "KH / chab phakti"
    # Latin labels are untouched
    assert scripts.drawable_label("KH / Hun Manet (n = 2)") == "KH / Hun Manet (n = 2)"


def test_the_warning_is_given_once_per_script(no_fonts):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(3):
            scripts.drawable_label("习近平")
    assert sum(issubclass(w.category, MissingFontWarning) for w in caught) == 1


def test_with_a_font_labels_are_kept_and_the_font_is_behind_dejavu(fonts):
    assert scripts.drawable_label("CN / 洪玛奈") == "CN / 洪玛奈"
    with figure_style():
        assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", "Noto Sans CJK SC",
                                                      "Noto Sans Khmer"]


def test_group_labels_and_the_heatmap_use_drawable_labels(no_fonts):
    coded = pd.DataFrame({"stmt_id": ["1", "2", "3"], "n_tokens": [9, 9, 9],
                          "speaker_name": ["薛雷诺", "薛雷诺", "Wang Yi"],
                          "theme_peace": [1, 0, 1]})
    counts = count_themes(coded, by="speaker_name")
    with pytest.warns(MissingFontWarning):
        labels = group_labels(counts, ["speaker_name"])
    assert sorted(set(labels)) == ["Wang Yi", "xue lei nuo"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingFontWarning)
        fig = plot_speaker_heatmap(counts)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == ["Wang Yi (n = 1)", "xue lei nuo (n = 2)"]
