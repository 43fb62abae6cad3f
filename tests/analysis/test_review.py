"""Tests of discourse.analysis.highlight and discourse.analysis.review: the highlighted HTML of
the coding and the review widget (the theme colours: test_palette.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from discourse.coding.codebook import Codebook, Theme
from discourse.errors import ContractError, ParameterError
from discourse.analysis.highlight import highlight_statements
from discourse.analysis.review import review_coding

MARK = re.compile(r'<mark class="discourse-evidence" data-themes="([^"]*)"[^>]*>(.*?)</mark>')


class _Tags(HTMLParser):
    """Collect the tags of an HTML string and the text the browser would show."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.depth, self.max_mark_depth = [], [], 0, 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            self.depth += 1
            self.max_mark_depth = max(self.max_mark_depth, self.depth)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.depth -= 1

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    return p


def table(texts, starts, **cols):
    n = len(texts)
    data = {"doc_id": ["d"] * n, "stmt_id": [f"d.{i + 1}" for i in range(n)],
            "start": starts, "text": texts}
    data.update(cols)
    return pd.DataFrame(data)


def match_rows(rows):
    return pd.DataFrame(rows, columns=["stmt_id", "theme", "start", "end", "matched"])


# ----------------------------------------------------------------------------- escaping
def test_statement_text_is_escaped_and_only_our_tags_appear():
    text = 'Il a dit : <script>alert("x")</script> & l\'amitié « de fer ».'
    coded = table([text], [0], speaker_name=["Wang <Yi> & O'Neil"], side=["CN"],
                  cue=["explicit"], cue_text=['a "dit"'], confidence=[0.9],
                  themes=["friendship"])
    start = text.index("amitié")
    m = match_rows([("d.1", "friendship", start, start + 6, "amitié")])
    html = highlight_statements(coded, m)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; l&#x27;" in html
    assert "Wang &lt;Yi&gt; &amp; O&#x27;Neil" in html
    assert 'title="a &quot;dit&quot;"' in html          # cue_text in an attribute
    tags = parse(html)
    assert set(tags.tags) <= {"p", "mark", "table", "thead", "tbody", "tr", "th", "td", "span"}
    # What the browser shows is the statement exactly, marks removed.
    assert text in "".join(tags.text)
    assert MARK.findall(html) == [("friendship", "amitié")]


def test_text_inside_a_mark_is_escaped_too():
    text = "R&D <coop> now"
    coded = table([text], [10])
    m = match_rows([("d.1", "cooperation", 10, 20, "R&D <coop>")])
    html = highlight_statements(coded, m)
    assert MARK.findall(html) == [("cooperation", "R&amp;D &lt;coop&gt;")]
    assert html.count('<mark class="discourse-evidence"') == 1


# ----------------------------------------------------------------------------- offsets
def test_document_offsets_become_statement_offsets_on_accented_text():
    # statement 2 starts at document offset 31; "coopération" is at 3..14 within it.
    coded = table(["Xi Jinping a reçu Hun Sen hier.", "La coopération économique avance."],
                  [0, 31])
    m = match_rows([("d.2", "cooperation", 34, 45, "coopération")])
    html = highlight_statements(coded, m)
    assert MARK.findall(html) == [("cooperation", "coopération")]
    assert "La <mark" in html and "</mark> économique avance." in html


def test_offsets_are_code_points_on_decomposed_accents():
    # NFD text: "é" is e + U+0301, two code points; the mark must cover both, not shift.
    text = "Une ère nouvelle de coope\u0301ration."
    s = text.index("coope")
    coded = table([text], [100])
    m = match_rows([("d.1", "cooperation", 100 + s, 100 + s + 12, "coope\u0301ration")])
    html = highlight_statements(coded, m)
    assert MARK.findall(html) == [("cooperation", "coope\u0301ration")]
    assert html.count("\u0301") == 1


def test_apostrophes_guillemets_and_nbsp_keep_offsets():
    text = "L’initiative « la Ceinture et la Route »\u00a0: un succès."
    coded = table([text], [7])
    s = text.index("Ceinture")
    m = match_rows([("d.1", "cooperation", 7 + s, 7 + s + 20, "Ceinture et la Route")])
    html = highlight_statements(coded, m)
    assert MARK.findall(html) == [("cooperation", "Ceinture et la Route")]
    assert "L’initiative « la <mark" in html and "</mark> »\u00a0: un succès." in html


def test_match_outside_its_statement_is_a_contract_error():
    coded = table(["Court."], [10])
    with pytest.raises(ContractError, match=r"falls outside statement 'd\.1'.*10-16"):
        highlight_statements(coded, match_rows([("d.1", "x", 12, 30, "ourt.")]))
    with pytest.raises(ContractError, match=r"outside statement"):
        highlight_statements(coded, match_rows([("d.1", "x", 2, 12, "Co")]))


def test_matched_text_that_disagrees_with_the_offsets_is_a_contract_error():
    coded = table(["La paix durable."], [0])
    with pytest.raises(ContractError, match=r"says 'paix' but the statement has 'La p'"):
        highlight_statements(coded, match_rows([("d.1", "peace", 0, 4, "paix")]))


def test_matches_of_statements_not_shown_are_skipped():
    coded = table(["Amitié."], [0])
    m = match_rows([("d.1", "friendship", 0, 6, "Amitié"),
                    ("d.9", "friendship", 500, 900, "ailleurs")])
    assert MARK.findall(highlight_statements(coded, m)) == [("friendship", "Amitié")]


def test_missing_columns_are_named():
    with pytest.raises(ContractError, match="start"):
        highlight_statements(pd.DataFrame({"stmt_id": ["d.1"], "text": ["x"]}))
    with pytest.raises(ContractError, match="end"):
        highlight_statements(table(["x"], [0]),
                             pd.DataFrame({"stmt_id": ["d.1"], "theme": ["a"], "start": [0]}))


# ----------------------------------------------------------------------------- overlaps
def test_overlapping_matches_of_two_themes_are_cut_not_nested():
    text = "une nouvelle ère de coopération stratégique globale"
    a0, a1 = text.index("ère"), text.index("coopération") + len("coopération")
    b0, b1 = text.index("coopération"), text.index(" globale")
    coded = table([text], [0])
    m = match_rows([("d.1", "era", a0, a1, "ère de coopération"),
                    ("d.1", "cooperation", b0, b1, "coopération stratégique")])
    html = highlight_statements(coded, m)
    assert MARK.findall(html) == [("era", "ère de "), ("era cooperation", "coopération"),
                                  ("cooperation", " stratégique")]
    assert parse(html).max_mark_depth == 1
    assert 'title="era; cooperation"' in html
    assert text in "".join(parse(html).text)


def test_same_theme_twice_on_one_stretch_is_one_mark():
    coded = table(["la paix durable"], [0])
    m = match_rows([("d.1", "peace", 3, 7, "paix"), ("d.1", "peace", 3, 15, "paix durable")])
    assert MARK.findall(highlight_statements(coded, m)) == [("peace", "paix"),
                                                            ("peace", " durable")]


def test_negated_matches_are_flagged():
    coded = table(["pas de confrontation"], [0])
    m = match_rows([("d.1", "anti_cold_war", 7, 20, "confrontation")]).assign(negated=[True])
    html = highlight_statements(coded, m)
    assert "dotted" in html and 'title="anti_cold_war (negated)"' in html


# ----------------------------------------------------------------------------- themes, colours
CB = Codebook("t", "1", themes=(
    Theme("sovereignty", "Sovereignty", colour="#0072B2"),
    Theme("sovereignty.territorial", "Territorial integrity", parent="sovereignty"),
    Theme("friendship", "Friendship", colour="#CC79A7"),
))


def test_themes_option_marks_only_those_themes_and_their_subthemes():
    text = "intégrité territoriale et amitié"
    coded = table([text], [0])
    m = match_rows([("d.1", "sovereignty.territorial", 0, 22, "intégrité territoriale"),
                    ("d.1", "friendship", 26, 32, "amitié")])
    assert MARK.findall(highlight_statements(coded, m, themes=["sovereignty"])) == [
        ("sovereignty.territorial", "intégrité territoriale")]
    assert MARK.findall(highlight_statements(coded, m, themes="friendship")) == [
        ("friendship", "amitié")]


def test_codebook_colours_and_labels_are_used():
    coded = table(["intégrité territoriale et amitié"], [0])
    m = match_rows([("d.1", "sovereignty.territorial", 0, 22, "intégrité territoriale"),
                    ("d.1", "friendship", 26, 32, "amitié")])
    html = highlight_statements(coded, m, codebook=CB)
    # The sub-theme inherits its parent's colour (#0072B2 = rgb 0, 114, 178).
    assert "rgba(0, 114, 178, 0.35)" in html and "solid #0072B2" in html
    assert "solid #CC79A7" in html
    # The legend names each colour by its label; marks carry the label and id.
    assert ">Territorial integrity</mark> <mark" in html and ">Friendship</mark></p>" in html
    assert 'title="Territorial integrity (sovereignty.territorial)"' in html
    both = match_rows([("d.1", "sovereignty", 0, 9, "intégrité"),
                       ("d.1", "sovereignty.territorial", 10, 22, "territoriale")])
    legend = highlight_statements(coded, both, codebook=CB).split("</p>")[0]
    assert legend.count("<mark") == 1 and ">Sovereignty</mark>" in legend


# ----------------------------------------------------------------------------- review_coding
def coded_three():
    texts = ["Xi a salué l’amitié.", "Hun Sen a parlé de coopération.", "Le temps était beau."]
    starts = [0, 21, 53]
    return table(texts, starts, speaker_name=["Xi Jinping", "Hun Sen", "Narrator"],
                 side=pd.array(["CN", "KH", pd.NA], dtype="string"),
                 cue=["explicit", "explicit", "narrator"], cue_text=["a salué", "a parlé", ""],
                 confidence=[0.9, 0.9, 1.0], themes=["friendship", "cooperation", ""])


def matches_three():
    return match_rows([("d.1", "friendship", 13, 19, "amitié"),
                       ("d.2", "cooperation", 40, 51, "coopération")])


def test_static_review_shows_every_statement_and_does_not_mutate():
    coded, m = coded_three(), matches_three()
    before = coded.copy()
    out = review_coding(coded, matches=m, static=True)
    assert out.data.count("<tr>") == 4                     # header + 3 statements
    assert MARK.findall(out.data) == [("friendship", "amitié"), ("cooperation", "coopération")]
    pd.testing.assert_frame_equal(coded, before)


def test_outside_a_live_kernel_the_review_is_static():
    out = review_coding(coded_three(), matches=matches_three())
    assert hasattr(out, "data") and "<table" in out.data


def test_max_rows_limits_the_table_and_says_so():
    out = review_coding(coded_three(), matches=matches_three(), static=True, max_rows=2)
    assert out.data.count("<tr>") == 3
    assert "Showing 2 of 3 statements" in out.data
    with pytest.raises(ParameterError, match="max_rows=0"):
        review_coding(coded_three(), static=True, max_rows=0)


def test_matches_are_found_from_the_codebook_when_not_given():
    cb = Codebook("t", "1", themes=(Theme("friendship", "Friendship", patterns={"fr": ("amitié",)}),))
    out = review_coding(coded_three().assign(lang="fr"), codebook=cb, static=True)
    assert MARK.findall(out.data) == [("friendship", "amitié")]


def _controls(widget):
    top, middle, count, table_ = widget.children
    side, speaker = top.children[:2]
    theme, search = middle.children
    return side, speaker, theme, search, count, table_


def test_widget_filters_by_side_speaker_theme_and_search():
    pytest.importorskip("ipywidgets")
    widget = review_coding(coded_three(), matches=matches_three(), static=False)
    side, speaker, theme, search, count, table_ = _controls(widget)
    assert list(side.options) == ["(all)", "CN", "KH", "(none)"]
    assert "<b>3</b> of 3" in count.value
    side.value = "KH"
    assert "<b>1</b> of 3" in count.value and "Hun Sen" in table_.value
    assert "Xi Jinping" not in table_.value
    side.value = "(none)"
    assert "<b>1</b> of 3" in count.value and "Le temps" in table_.value
    side.value = "(all)"
    speaker.value = "Xi Jinping"
    assert "<b>1</b> of 3" in count.value
    speaker.value = "(all)"
    theme.value = ("cooperation",)
    assert "<b>1</b> of 3" in count.value and MARK.findall(table_.value) == [
        ("cooperation", "coopération")]
    theme.value = ("(none)",)
    assert "Le temps" in table_.value and "<b>1</b> of 3" in count.value
    theme.value = ()
    search.value = "COOPERATION"                           # case and accents folded
    assert "<b>1</b> of 3" in count.value and "Hun Sen" in table_.value
    search.value = "rien de tel"
    assert "<b>0</b> of 3" in count.value


def test_widget_has_a_document_filter_for_several_documents():
    pytest.importorskip("ipywidgets")
    coded = coded_three().assign(doc_id=["a", "a", "b"])
    docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Xi meets Hun Sen", "Weather"]})
    widget = review_coding(coded, matches=matches_three(), documents=docs, static=False)
    top = widget.children[0]
    doc = top.children[2]
    assert [label for label, _ in doc.options] == ["(all)", "a · Xi meets Hun Sen", "b · Weather"]
    doc.value = "b"
    assert "<b>1</b> of 3" in widget.children[2].value


def test_widget_speaker_filter_falls_back_to_speaker_ids():
    pytest.importorskip("ipywidgets")
    coded = coded_three().drop(columns="speaker_name").assign(
        speaker=["xi_jinping", "hun_sen", "narrator"])
    widget = review_coding(coded, matches=matches_three(), static=False)
    side, speaker, theme, search, count, table_ = _controls(widget)
    assert list(speaker.options) == ["(all)", "hun_sen", "narrator", "xi_jinping"]
    speaker.value = "hun_sen"
    assert "<b>1</b> of 3" in count.value and "coopération" in table_.value
