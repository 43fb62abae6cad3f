"""Recipes and rebuilding a corpus from them, against a local HTTP server on 127.0.0.1."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from discourse.corpus.fetch import fetch_corpus
from discourse.corpus.reader import read_corpus
from discourse.corpus.recipes import (check_recipe, make_recipe, read_recipe, sha256_text,
                                      write_recipe)
from discourse.errors import CorpusError

PAGES = Path(__file__).resolve().parents[1] / "data" / "corpus" / "pages"


class _Site:
    """What the server serves (path -> list of (status, body), the last one repeated)."""

    def __init__(self):
        self.routes: dict[str, list[tuple[int, bytes]]] = {}
        self.log: list[tuple[str, str]] = []

    def handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                site.log.append((self.path, self.headers.get("User-Agent", "")))
                answers = site.routes.get(self.path, [(404, b"not found")])
                status, body = answers.pop(0) if len(answers) > 1 else answers[0]
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture()
def site():
    s = _Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), s.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield s
    server.shutdown()
    server.server_close()


def _recipe(base: str) -> pd.DataFrame:
    docs = read_corpus(PAGES)
    docs["url"] = [f"{base}/news/{d}.html" for d in docs["doc_id"]]
    return make_recipe(docs)


def _page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def test_recipe_rows_hold_address_checksums_span_and_metadata():
    docs = read_corpus(PAGES)
    docs["url"] = "https://example.org/" + docs["doc_id"]
    recipe = make_recipe(docs)
    assert recipe.columns[:8].tolist() == ["doc_id", "url", "span_start", "span_end",
                                           "page_sha256", "page_chars", "text_sha256",
                                           "text_chars"]
    assert "text" not in recipe and "path" not in recipe
    row = recipe.set_index("doc_id").loc["ministry"]
    text = docs.set_index("doc_id").loc["ministry", "text"]
    assert (row["span_start"], row["span_end"], row["text_chars"]) == (0, len(text), len(text))
    assert row["text_sha256"] == sha256_text(text) == row["page_sha256"]
    assert (row["lang"], row["date"], row["outlet_type"]) == ("fr", "2021-03-15", "ministry")
    assert check_recipe(recipe).empty


def test_recipe_of_texts_cut_from_pages_records_the_span(tmp_path):
    page = "Menu\n\nHun Manet met Xi Jinping in Beijing.\n\nRelated: other news"
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(page, encoding="utf-8")
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Hun Manet met Xi Jinping in Beijing."],
                         "url": ["https://example.org/a"]})
    row = make_recipe(docs, pages=tmp_path / "pages").iloc[0]
    assert (row["span_start"], row["span_end"], row["page_chars"]) == (6, 42, len(page))
    docs.loc[0, "text"] = "Not in the page."
    with pytest.raises(CorpusError, match=r"the text of 'a' is not in its page"):
        make_recipe(docs, pages=tmp_path / "pages")
    with pytest.raises(CorpusError, match=r"no address \(url\) for a"):
        make_recipe(docs.drop(columns="url"))


def test_check_recipe_names_each_problem():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["one text", "two text"],
                         "url": ["https://example.org/a", "https://example.org/b"]})
    recipe = make_recipe(docs)
    bad = recipe.copy()
    bad.loc[0, "url"] = "example.org/a"
    bad.loc[1, "text_sha256"] = ""
    bad.loc[1, "span_end"] = 3
    problems = check_recipe(bad).values.tolist()
    assert problems == [["a", "address 'example.org/a' is not http(s)"],
                        ["b", "text_sha256 '' is not 64 hexadecimal digits"],
                        ["b", "span [0, 3] does not hold text_chars=8 characters"]]
    dup = pd.concat([recipe, recipe.iloc[[0]]])
    assert check_recipe(dup)["problem"].str.contains("appears twice").sum() == 3


def test_fetch_rebuilds_unchanged_pages_reports_the_others_and_resumes(site, tmp_path):
    recipe = _recipe(site.base)
    write_recipe(recipe, tmp_path / "recipe.csv")
    end = "son indépendance.</p>"
    extra = (end + "\n<p>Lire aussi : le ministre reçoit l'ambassadeur du Japon la semaine "
             "prochaine, avec une délégation de parlementaires et de chefs d'entreprise.</p>")
    site.routes.update({
        "/robots.txt": [(200, b"User-agent: *\nDisallow: /private/\n")],
        "/news/agency.html": [(503, b"busy"), (200, _page("agency"))],  # a retry
        "/news/ministry.html": [(200, _page("ministry").replace(end.encode(), extra.encode()))],
        "/news/embassy.html": [(200, _page("embassy").replace(b"six hundred", b"seven hundred"))],
    })  # blog.html: not served (404)
    private = recipe.iloc[[0]].assign(doc_id="hidden", url=site.base + "/private/x.html",
                                      text_sha256=sha256_text("other"))
    write_recipe(pd.concat([recipe, private]), tmp_path / "recipe.csv", overwrite=True)
    waits = []
    report = fetch_corpus(tmp_path / "recipe.csv", tmp_path / "out", delay=0, retries=2,
                          timeout=5, sleep=waits.append)
    status = dict(zip(report["doc_id"], report["status"]))
    assert status == {"agency": "ok", "blog": "gone", "embassy": "changed", "hidden": "blocked",
                      "ministry": "ok"}
    assert waits == [1.0]  # one retry of the busy page
    assert all(ua.startswith("discourse/") for _, ua in site.log)
    assert "/private/x.html" not in [p for p, _ in site.log]
    # Byte for byte: the rebuilt texts are the ones collected.
    docs = read_corpus(PAGES).set_index("doc_id")
    out = tmp_path / "out"
    for doc_id in ("agency", "ministry"):
        assert (out / f"{doc_id}.txt").read_bytes() == docs.loc[doc_id, "text"].encode()
    assert "changed around the text" in report.set_index("doc_id").loc["ministry", "detail"]
    # The changed page's new text is kept apart, not used.
    assert not (out / "embassy.txt").exists()
    assert "seven hundred pupils" in (out / "changed" / "embassy.txt").read_text()
    rebuilt = read_corpus(out)
    assert rebuilt["doc_id"].tolist() == ["agency", "ministry"]
    assert rebuilt.set_index("doc_id").loc["ministry", "outlet_type"] == "ministry"
    assert pd.read_csv(out / "fetch_report.csv")["status"].tolist() == report["status"].tolist()
    # A rerun resumes: the rebuilt documents are not downloaded again; the others are retried.
    site.log.clear()
    site.routes["/news/blog.html"] = [(200, _page("blog"))]
    again = fetch_corpus(tmp_path / "recipe.csv", out, delay=0, retries=0, sleep=waits.append)
    assert dict(zip(again["doc_id"], again["downloaded"])) == {
        "agency": False, "blog": True, "embassy": True, "hidden": False, "ministry": False}
    assert dict(zip(again["doc_id"], again["status"]))["blog"] == "ok"
    assert sorted(p for p, _ in site.log) == ["/news/blog.html", "/news/embassy.html",
                                              "/robots.txt"]


def test_blocked_and_unreachable_pages(site, tmp_path):
    recipe = _recipe(site.base).iloc[:2]
    site.routes.update({"/news/agency.html": [(403, b"no")],
                        "/news/blog.html": [(500, b"down")]})
    waits = []
    report = fetch_corpus(recipe, tmp_path, delay=0, retries=1, robots=False,
                          sleep=waits.append)
    assert report[["status", "http_status"]].values.tolist() == [["blocked", 403],
                                                                 ["unreachable", 500]]
    assert waits == [1.0]
    with pytest.raises(CorpusError, match=r"no such recipe file"):
        read_recipe(tmp_path / "none.csv")
