"""Saved web pages of four layouts: article text (no furniture) and metadata; overrides."""

from pathlib import Path

import pandas as pd
import pytest

from discourse.corpus.reader import read_corpus
from discourse.corpus.webpage import extract_page
from discourse.errors import CorpusError

PAGES = Path(__file__).resolve().parents[1] / "data" / "corpus" / "pages"

# Written by hand from the pages: the article's paragraphs, nothing of the menus, bylines,
# share buttons, related links, comments, side bars or footers.
LI = ("BEIJING, Feb. 10 -- Chinese Premier Li Qiang met with Cambodian Prime Minister Hun Sen "
      "in Beijing on Friday, the two sides pledging to deepen their comprehensive strategic "
      "cooperation.\n\n"
      "Li said China is ready to work with Cambodia to build a community with a shared "
      "future, and that the two countries should expand trade, agriculture and "
      "infrastructure cooperation.")
EXPECTED = {
    "agency": dict(
        text="Chinese premier meets Cambodian PM in Beijing\n\n" + LI + "\n\nHun Sen said "
             "Cambodia firmly adheres to the one-China policy and thanked China for its "
             "long-standing support to the Cambodian people.",
        title="Chinese premier meets Cambodian PM in Beijing", date="2023-02-10", lang="en",
        source="Example Wire", url="https://wire.example.org/world/2023-02-10/c_001.htm",
        outlet_type="agency"),
    "blog": dict(
        text=LI, title="China and Cambodia vow closer cooperation", date="2023-02-11",
        lang="en", source="Mekong Friends Blog",
        url="https://mekongfriends.example.net/2023/02/11/china-cambodia-cooperation/",
        outlet_type="blog"),
    "embassy": dict(
        text="On June 20, Chinese Ambassador to Cambodia Wang Wentian attended the handover "
             "ceremony of a primary school built with Chinese assistance in Kampong Speu "
             "province.\n\nAmbassador Wang said that education is the foundation of the "
             "friendship between the two peoples, and that China will continue to support "
             "Cambodia in training young talents.\n\nCambodian Minister of Education Hang "
             "Chuon Naron thanked China for its generous help, noting that the new school "
             "will serve more than six hundred pupils.",
        title="Ambassador Attends the Handover of a China-aided School", date="2019-06-21",
        lang="en", source="Chinese Embassy in Cambodia", url=None, outlet_type="embassy"),
    "ministry": dict(
        text="Le ministre des Affaires étrangères reçoit l'ambassadeur de Chine\n\n"
             "Phnom Penh, le 15 mars 2021 — Le vice-Premier ministre et ministre des Affaires "
             "étrangères, M. Prak Sokhonn, a reçu ce lundi l’ambassadeur de Chine au Cambodge, "
             "M. Wang Wentian.\n\nM. Prak Sokhonn a salué l’aide de la Chine dans la lutte "
             "contre la pandémie et a souhaité que les échanges entre les deux pays se "
             "poursuivent dans tous les domaines.\n\nL’ambassadeur a affirmé que la Chine "
             "restera un partenaire fiable du Cambodge et qu’elle soutient sa souveraineté "
             "et son indépendance.",
        title="Le ministre des Affaires étrangères reçoit l'ambassadeur de Chine",
        date="2021-03-15", lang="fr", source="Ministère des Affaires étrangères (exemple)",
        url="https://mfa.example.gov.kh/fr/actualites/2021/03/reception-ambassadeur",
        outlet_type="ministry"),
}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_each_layout_gives_the_article_and_its_metadata(doc_id):
    docs = read_corpus(PAGES).set_index("doc_id")
    row = docs.loc[doc_id]
    for field, want in EXPECTED[doc_id].items():
        got = row[field]
        assert (pd.isna(got) if want is None else got == want), (doc_id, field, got)


def test_furniture_never_reaches_the_text():
    docs = read_corpus(PAGES)
    text = "\n".join(docs["text"])
    for furniture in ("Share", "Related", "Copyright", "Print", "Home", "Posted on",
                      "Great news", "Recent Posts", "Editor", "Accueil", "Liens utiles"):
        assert furniture not in text


def test_offsets_point_into_the_extracted_text():
    from discourse.text.statements import split_statements

    docs = read_corpus(PAGES)
    stmts = split_statements(docs)
    texts = docs.set_index("doc_id")["text"]
    for s in stmts.itertuples():
        assert texts[s.doc_id][s.start:s.end] == s.text
    assert "Hun Sen said Cambodia firmly adheres" in set(
        t[:36] for t in stmts.loc[stmts["doc_id"] == "agency", "text"])


def test_metadata_csv_overrides_what_the_page_says(tmp_path):
    for p in PAGES.glob("*.html"):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "metadata.csv").write_text(
        "file,title,date,source,lang\n"
        "agency.html,Li Qiang - Hun Sen,2023-02-09,Wire (Beijing desk),\n", encoding="utf-8")
    row = read_corpus(tmp_path).set_index("doc_id").loc["agency"]
    assert (row["title"], row["date"], row["source"], row["lang"]) == (
        "Li Qiang - Hun Sen", "2023-02-09", "Wire (Beijing desk)", "en")


def test_a_short_page_falls_back_to_its_paragraphs_and_errors_name_the_page():
    fields = extract_page("<html><body><nav>Menu</nav><p>Hun Manet met Wang Yi.</p>"
                          "<footer><p>(c) 2024</p></footer></body></html>")
    assert fields == {"text": "Hun Manet met Wang Yi."}
    with pytest.raises(CorpusError, match=r"x.html: cannot be parsed as HTML"):
        extract_page("", where="x.html")
