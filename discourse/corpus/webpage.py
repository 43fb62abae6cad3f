"""The article of a saved web page: its text and its metadata.

:func:`extract_page` reduces a page to its article with trafilatura (precision settings:
navigation, related links, share buttons, comments and tables are left out), then writes the
article's blocks (headings, paragraphs, list items, quotes), each with its white space
collapsed, separated by blank lines. That extracted text is what ``documents.text`` holds, so
every offset found later points into it (never into the HTML). When trafilatura finds no
article (a page too short for its heuristics), the paragraphs of ``<article>`` (else of
``<body>`` without scripts, navigation, headers, footers, asides and forms) are kept instead.

Metadata: ``title`` (trafilatura's title, i.e. ``og:title``, the headline or ``<title>``),
``date`` (the publication date as ``YYYY-MM-DD``: ``article:published_time``,
``<time datetime>``, JSON-LD ... found by htmldate without guessing from the page's text),
``source`` (the site's name: ``og:site_name`` or the publisher), ``url`` (the canonical
address: ``<link rel=canonical>`` or ``og:url``) and ``lang`` (``<html lang>`` or
``og:locale``, normalised by :func:`discourse.lang.normalize_lang`). A field the page does not
give is absent from the result (a ``metadata.csv`` beside the pages fills or overrides it).

Examples
--------
>>> page = ('<html lang="en"><head><title>Talks</title></head><body><article>'
...         '<p>The two ministers met in Phnom Penh on Monday and agreed to deepen ties.</p>'
...         '</article></body></html>')
>>> fields = extract_page(page)
>>> fields["text"], fields["lang"]
('The two ministers met in Phnom Penh on Monday and agreed to deepen ties.', 'en')
"""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import ParserError

from ..errors import CorpusError
from ..lang import normalize_lang

__all__ = ["extract_page"]

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_BLOCKS = ("head", "p", "item", "quote", "cell")
_DROP = ("//script|//style|//nav|//header|//footer|//noscript|//form|//aside|//template")


def _parse(raw: str, where: str):
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", raw, count=1))
    except (ParserError, ValueError) as err:
        raise CorpusError(f"{where}: cannot be parsed as HTML ({err}); save the page's "
                          "article as a .txt file") from None


def _collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def _trafilatura_blocks(raw: str) -> tuple[list[str], object]:
    """The article's blocks found by trafilatura, and its document (or None)."""
    import trafilatura  # heavy optional import (its first call loads its settings)

    doc = trafilatura.bare_extraction(
        raw, with_metadata=True, favor_precision=True, include_comments=False,
        include_tables=False, include_images=False, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None or doc.body is None:
        return [], doc
    blocks = []
    for el in doc.body.iter(*_BLOCKS):
        if any(a.tag in _BLOCKS for a in el.iterancestors()):
            continue  # taken with its enclosing block
        text = _collapse("".join(el.itertext()))
        if text:
            blocks.append(text)
    return blocks, doc


def _lxml_blocks(tree) -> list[str]:
    """Paragraphs of ``<article>`` or ``<body>`` (the fallback when trafilatura finds none)."""
    tree = lxml.html.fromstring(lxml.html.tostring(tree))  # a copy: the caller's tree stays
    for bad in tree.xpath(_DROP):
        bad.drop_tree()
    roots = tree.xpath("//article") or tree.xpath("//body") or [tree]
    blocks = []
    for el in roots[0].xpath(".//p|.//h1|.//h2|.//h3|.//h4|.//li|.//blockquote|.//figcaption"):
        if el.xpath("ancestor::p|ancestor::li|ancestor::blockquote|ancestor::figcaption"):
            continue
        text = _collapse(el.text_content())
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [line for line in map(_collapse, roots[0].text_content().splitlines()) if line]
    return blocks


def _page_metadata(tree, doc) -> dict[str, str]:
    """Title, date, source, url and lang of the page (only those it gives)."""
    first = lambda xp: _collapse(str(tree.xpath(f"string({xp})")))  # noqa: E731
    fields = {
        "title": _collapse(getattr(doc, "title", None)) or first("//meta[@property='og:title']"
                                                               "/@content") or first("//title"),
        "source": first("//meta[@property='og:site_name']/@content")
        or _collapse(getattr(doc, "sitename", None)),
        "url": first("//link[@rel='canonical']/@href")
        or first("//meta[@property='og:url']/@content"),
    }
    m = _DATE.match(str(getattr(doc, "date", None) or ""))
    if m is None:  # trafilatura found no date: the usual meta tags
        for value in tree.xpath("//meta[@property='article:published_time' or "
                                "@itemprop='datePublished' or @name='pubdate']/@content"
                                "|//time/@datetime"):
            m = _DATE.match(str(value).strip())
            if m:
                break
    if m:
        fields["date"] = m.group(0)
    lang = first("/html/@lang") or first("//meta[@property='og:locale']/@content") or first(
        "//meta[@http-equiv='content-language']/@content")
    if lang:
        fields["lang"] = normalize_lang(lang)
    return {k: v for k, v in fields.items() if v and v != "und"}


def extract_page(raw: str, *, where: str = "page") -> dict[str, str]:
    """The article text and metadata of a saved web page.

    Parameters
    ----------
    raw
        The page's HTML (decoded).
    where
        The page's name, for error messages (its path or address).

    Returns
    -------
    dict
        ``text`` (the article's blocks separated by blank lines; empty if the page has
        none) and any of ``title``, ``date`` (``YYYY-MM-DD``), ``source``, ``url``, ``lang``.

    Raises
    ------
    CorpusError
        If the page cannot be parsed as HTML.

    Examples
    --------
    >>> extract_page("<html><body><p>Hun Manet met Wang Yi.</p></body></html>")["text"]
    'Hun Manet met Wang Yi.'
    """
    tree = _parse(raw, where)
    blocks, doc = _trafilatura_blocks(_XML_DECLARATION.sub("", raw, count=1))
    if not blocks:
        blocks = _lxml_blocks(tree)
    return {"text": "\n\n".join(blocks), **_page_metadata(tree, doc)}
