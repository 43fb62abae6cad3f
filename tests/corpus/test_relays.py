"""Relayed copies: exact, shortened and re-headlined copies grouped; other readouts apart."""

from pathlib import Path

import pandas as pd
import pytest

from discourse.corpus.reader import read_corpus
from discourse.corpus.relays import drop_relays, find_relays, report_relays
from discourse.errors import ContractError, ParameterError

RELAYS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "relays"

# Written by hand from the fixture (tests/data/corpus/relays): daily_en is an exact copy of
# the wire's readout, embassy_en its first two paragraphs, blog_en the same text under
# another headline without the dateline's credit; news_en re-headlines and shortens the
# Cambodian ministry's own readout of the same meeting. mfa_en (the ministry's readout),
# wire_fr (the wire's French version) and akp_en (another meeting) are readouts of their own.
GROUPS = {"wire_en": {"wire_en", "daily_en", "embassy_en", "blog_en"},
          "mfa_en": {"mfa_en", "news_en"}}


@pytest.fixture(scope="module")
def flagged():
    return find_relays(read_corpus(RELAYS))


def test_groups_exactly_the_relays_and_nothing_else(flagged):
    groups = {g: set(d["doc_id"]) for g, d in flagged.dropna(subset=["relay_group"])
              .groupby("relay_group")}
    assert groups == GROUPS
    assert flagged.loc[flagged["relay_group"].isna(), "doc_id"].tolist() == ["akp_en", "wire_fr"]


def test_canonical_copy_by_the_documented_rule(flagged):
    relay_of = dict(zip(flagged["doc_id"], flagged["relay_of"]))
    # The agency's own copy is kept although the re-headlined blog copy is longer.
    assert len(flagged.set_index("doc_id").loc["blog_en", "text"]) > len(
        flagged.set_index("doc_id").loc["wire_en", "text"])
    assert {d: relay_of[d] for d in ("daily_en", "embassy_en", "blog_en", "news_en")} == {
        "daily_en": "wire_en", "embassy_en": "wire_en", "blog_en": "wire_en",
        "news_en": "mfa_en"}
    assert pd.isna(relay_of["wire_en"]) and pd.isna(relay_of["mfa_en"])
    by_id = flagged.set_index("doc_id")
    assert by_id.loc["daily_en", "relay_shared"] == 1.0
    assert by_id.loc["embassy_en", "relay_shared"] == 1.0  # all of it is in the wire's text
    assert by_id.loc["embassy_en", "relay_similarity"] < 0.6  # though Jaccard is low


def test_report_lists_groups_and_why_a_copy_is_kept(flagged):
    report = report_relays(flagged)
    assert report["doc_id"].tolist() == ["mfa_en", "news_en", "wire_en", "blog_en", "daily_en",
                                         "embassy_en"]
    assert report.loc[report["kept"], "doc_id"].tolist() == ["mfa_en", "wire_en"]
    rules = dict(zip(report["relay_group"], report["rule"]))
    assert rules == {"mfa_en": "the longest", "wire_en": "the agency's own"}


def test_drop_relays_keeps_one_copy_per_readout(flagged):
    assert drop_relays(flagged)["doc_id"].tolist() == ["akp_en", "mfa_en", "wire_en",
                                                       "wire_fr"]
    assert drop_relays(read_corpus(RELAYS))["doc_id"].tolist() == ["akp_en", "mfa_en",
                                                                  "wire_en", "wire_fr"]


def test_earliest_then_doc_id_break_ties_and_originals_name_the_source():
    text = "Prime Minister Hun Manet received Ambassador Wang Wenjian at the Peace Palace. " * 3
    docs = pd.DataFrame({"doc_id": ["c", "b", "a"], "text": [text] * 3,
                         "date": ["2024-01-02", "2024-01-01", "2024-01-02"],
                         "source": ["X", "Y", "Z"]})
    flagged = find_relays(docs)
    assert dict(zip(flagged["doc_id"], flagged["relay_of"].fillna("-"))) == {"a": "b", "b": "-", "c": "b"}
    assert dict(zip(flagged["doc_id"], flagged["relay_group"])) == {"a": "b", "b": "b",
                                                                     "c": "b"}
    assert report_relays(flagged).loc[0, "rule"] == "the earliest"
    docs["date"] = "2024-01-01"
    assert set(find_relays(docs)["relay_group"]) == {"a"}
    assert set(find_relays(docs, originals=["X"])["relay_group"]) == {"c"}
    assert flagged.index.tolist() == docs.index.tolist() and "relay_of" not in docs


def test_bad_options_and_tables_are_named():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["x"]})
    with pytest.raises(ParameterError, match=r"min_shared must be a number in \(0, 1\], got 2"):
        find_relays(docs, min_shared=2)
    with pytest.raises(ContractError, match=r"find_relays: the documents table lacks text"):
        find_relays(docs[["doc_id"]])
    with pytest.raises(ContractError, match=r"report_relays: the table lacks relay_group"):
        report_relays(docs)


def test_summary_counts_kept_documents_and_relays_removed(flagged):
    from discourse.corpus.summary import plot_corpus_summary, summarize_corpus

    summary = summarize_corpus(flagged)
    rows = {(d, v): n for d, v, n in summary[["dimension", "value", "n"]].values}
    # 8 documents, 4 relays: 4 kept (akp_en, mfa_en, wire_en, wire_fr).
    assert rows[("relays", "relay removed")] == 4 and rows[("relays", "kept")] == 4
    assert rows[("lang", "en")] == 3 and rows[("lang", "fr")] == 1
    assert rows[("year", "2024")] == 4
    assert ("outlet", "Example Daily") not in rows  # a relay, removed
    fig = plot_corpus_summary(summary)
    assert [ax.get_title() for ax in fig.axes] == ["outlet (documents)", "year (documents)",
                                                   "lang (documents)", "side (documents)",
                                                   "relays (documents)"]


def test_cli_dedupe_writes_the_report_and_the_flags(tmp_path, capsys):
    from discourse.cli import main

    assert main(["corpus", "dedupe", str(RELAYS), "--out", str(tmp_path / "r.csv"),
                 "--flags", str(tmp_path / "f.csv")]) == 0
    report = pd.read_csv(tmp_path / "r.csv")
    assert set(report["doc_id"]) == set().union(*GROUPS.values())
    flags = pd.read_csv(tmp_path / "f.csv").set_index("doc_id")
    assert flags.loc["blog_en", "relay_of"] == "wire_en" and "text" not in flags
    assert "2 groups, 4 relays" in capsys.readouterr().out
    assert main(["corpus", "dedupe", str(RELAYS), "--out", str(tmp_path / "r.csv")]) == 2
    assert main(["corpus", "summary", str(RELAYS), "--out", str(tmp_path / "s")]) == 0
    assert (tmp_path / "s" / "corpus_summary.png").stat().st_size > 0


def test_the_pipeline_drops_relays_or_keeps_them_flagged(flagged):
    import discourse

    kept = discourse.run(flagged)  # flagged: every statement knows its document's relay_of
    relays = kept.coded.loc[kept.coded["relay_of"].notna(), "doc_id"].unique()
    assert sorted(relays) == ["blog_en", "daily_en", "embassy_en", "news_en"]
    dropped = discourse.run(drop_relays(flagged))
    assert sorted(dropped.coded["doc_id"].unique()) == ["akp_en", "mfa_en", "wire_en", "wire_fr"]
