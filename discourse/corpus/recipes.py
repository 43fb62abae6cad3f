"""Corpus recipes: what a reader needs to rebuild a corpus that cannot be shared.

News text cannot be redistributed, so a study shares, per document, a *recipe* row: where
the page is, which part of its extracted text is the readout, and checksums to prove that a
rebuilt text is the one analysed. One format serves a corpus saved from live pages and one
cut from a store of page texts (``data/real/``):

============== =========================================================================
column         meaning
============== =========================================================================
doc_id         the document's id (unique)
url            the page's address (``http`` or ``https``; unique)
span_start,    character offsets of the document's text within the page's extracted text
span_end       (``page_text[span_start:span_end] == text``)
page_sha256    SHA-256 (UTF-8) of the page's extracted text when collected
page_chars     its length in characters
text_sha256    SHA-256 (UTF-8) of the document's text (unique: no document twice)
text_chars     its length in characters
...            the metadata (title, date, lang, source, outlet_side, story, query...)
============== =========================================================================

The page's extracted text is what :func:`discourse.corpus.webpage.extract_page` gives for a
fetched page, or the stored text for a store copy (whose ``query`` column says how to find
it again). :func:`make_recipe` writes the rows of a documents table, :func:`check_recipe`
lists what is wrong with a recipe (:func:`validate_recipe` raises on it),
:func:`read_recipe` and :func:`write_recipe` read and write the CSV file.

Examples
--------
>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["Hun Manet met Xi Jinping."],
...                      "url": ["https://example.org/a"], "lang": ["en"]})
>>> make_recipe(docs)[["doc_id", "span_start", "span_end", "text_chars"]].values.tolist()
[['a', 0, 25, 25]]
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from ..errors import CorpusError
from ..io.files import check_writable, write_atomic
from .files import _decode
from .webpage import extract_page

__all__ = ["make_recipe", "check_recipe", "validate_recipe", "read_recipe", "write_recipe",
           "RECIPE_COLUMNS", "sha256_text"]

RECIPE_COLUMNS = ("doc_id", "url", "span_start", "span_end", "page_sha256", "page_chars",
                  "text_sha256", "text_chars")
_REQUIRED = ("doc_id", "url", "span_start", "span_end", "page_sha256", "text_sha256",
             "text_chars")
_LEFT_OUT = {"text", "path"}
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{1,63}\.?"
                   r"(?::\d{1,5})?", re.IGNORECASE)  # a fully qualified name may end with "."


def sha256_text(text: str) -> str:
    """SHA-256 of ``text`` encoded as UTF-8, in hexadecimal.

    Examples
    --------
    >>> sha256_text("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _page_text(doc_id: str, text: str, path: object, pages: Path | None) -> str:
    """The extracted text of the page a document was cut from."""
    if pages is not None:
        for suffix in (".html", ".htm", ".txt"):
            p = pages / f"{doc_id}{suffix}"
            if p.is_file():
                raw = _decode(p.read_bytes(), str(p), "utf-8")
                return raw if suffix == ".txt" else extract_page(raw, where=str(p))["text"]
        raise CorpusError(f"{pages}: no page for document {doc_id!r} ({doc_id}.html, .htm or "
                          ".txt); save its page there or leave pages= out")
    return text  # a saved page read by read_corpus: its text is the page's extracted text


def make_recipe(documents: pd.DataFrame, *, pages: str | os.PathLike | None = None
                ) -> pd.DataFrame:
    """The recipe of a documents table: one row per document (see the module).

    Parameters
    ----------
    documents
        A documents table with a ``url`` column (the page's address; a ``metadata.csv``
        column for .txt files, extracted from a saved page's canonical address otherwise).
    pages
        A folder of the pages the texts were cut from (``<doc_id>.html`` or the page's
        extracted text as ``<doc_id>.txt``); by default each text is a whole page's text.

    Returns
    -------
    DataFrame
        The recipe: the columns of :data:`RECIPE_COLUMNS`, then the metadata (every other
        column but ``text`` and ``path``).

    Raises
    ------
    CorpusError
        Naming the documents without an address, or whose text is not in their page.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "url": ["http://e.org/a"]})
    >>> make_recipe(docs)["text_sha256"].str.len().tolist()
    [64]
    """
    if "url" not in documents.columns or documents["url"].isna().any():
        ids = documents["doc_id"] if "url" not in documents.columns else documents.loc[
            documents["url"].isna(), "doc_id"]
        raise CorpusError(f"make_recipe: no address (url) for {', '.join(map(str, ids[:10]))}"
                          "; add a 'url' column to the metadata table")
    pages = Path(pages) if pages is not None else None
    rows = []
    for rec in documents.to_dict(orient="records"):
        text = str(rec["text"])
        page = _page_text(str(rec["doc_id"]), text, rec.get("path"), pages)
        start = page.find(text)
        if start < 0:
            raise CorpusError(f"make_recipe: the text of {rec['doc_id']!r} is not in its page "
                              f"({pages}); the page must be the one the text was cut from")
        row = {"doc_id": rec["doc_id"], "url": rec["url"], "span_start": start,
               "span_end": start + len(text), "page_sha256": sha256_text(page),
               "page_chars": len(page), "text_sha256": sha256_text(text),
               "text_chars": len(text)}
        row.update({k: v for k, v in rec.items() if k not in row and k not in _LEFT_OUT})
        rows.append(row)
    columns = list(dict.fromkeys(list(RECIPE_COLUMNS) + [c for c in documents.columns
                                                          if c not in _LEFT_OUT]))
    return pd.DataFrame(rows, columns=columns).sort_values("doc_id", kind="stable"
                                                           ).reset_index(drop=True)


def _url_problem(url: object) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return "no address"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"address {url!r} is not http(s)"
    if not _HOST.fullmatch(parts.netloc) or "." not in parts.netloc.split(":")[0] and \
            parts.netloc.split(":")[0] not in ("localhost",):
        return f"address {url!r} has no valid host name"
    if any(c.isspace() for c in url):
        return f"address {url!r} holds white space"
    return None


def _row_problems(row: dict) -> list[str]:
    problems = []
    url = _url_problem(row.get("url"))
    if url:
        problems.append(url)
    for col in ("page_sha256", "text_sha256"):
        if not isinstance(row.get(col), str) or not _HEX64.fullmatch(row[col]):
            problems.append(f"{col} {row.get(col)!r} is not 64 hexadecimal digits")
    try:
        start, end, n = int(row["span_start"]), int(row["span_end"]), int(row["text_chars"])
    except (TypeError, ValueError):
        return problems + ["span_start, span_end and text_chars must be whole numbers"]
    if not 0 <= start <= end or end - start != n:
        problems.append(f"span [{start}, {end}] does not hold text_chars={n} characters")
    page_chars = row.get("page_chars")
    if isinstance(page_chars, (int, float)) and not pd.isna(page_chars) and end > page_chars:
        problems.append(f"span end {end} is past the page's {int(page_chars)} characters")
    return problems


def check_recipe(recipe: pd.DataFrame) -> pd.DataFrame:
    """What is wrong with a recipe: one row per problem (doc_id, problem); empty when valid.

    Checked: the required columns; every address http(s) with a host name; both checksums
    64 hexadecimal digits; the span consistent with ``text_chars`` (and ``page_chars``); no
    doc_id, address or text checksum twice.

    Examples
    --------
    >>> bad = pd.DataFrame({"doc_id": ["a"], "url": ["ftp://x"], "span_start": [0],
    ...     "span_end": [1], "page_sha256": ["0" * 64], "text_sha256": ["0" * 64],
    ...     "text_chars": [1]})
    >>> check_recipe(bad)["problem"].tolist()
    ["address 'ftp://x' is not http(s)"]
    """
    missing = [c for c in _REQUIRED if c not in recipe.columns]
    if missing:
        return pd.DataFrame({"doc_id": [""], "problem": [
            f"missing column(s) {', '.join(missing)}; a recipe needs {', '.join(_REQUIRED)}"]})
    rows = [(str(r["doc_id"]), p) for r in recipe.to_dict(orient="records")
            for p in _row_problems(r)]
    for col in ("doc_id", "url", "text_sha256"):
        for value in recipe.loc[recipe[col].duplicated(), col]:
            ids = recipe.loc[recipe[col] == value, "doc_id"].astype(str).tolist()
            rows.append((ids[-1], f"{col} {value!r} appears twice ({', '.join(ids)})"))
    return pd.DataFrame(rows, columns=["doc_id", "problem"])


def validate_recipe(recipe: pd.DataFrame, *, where: str = "recipe") -> pd.DataFrame:
    """Return ``recipe`` if :func:`check_recipe` finds nothing; raise otherwise.

    Raises
    ------
    CorpusError
        Naming ``where``, the first problems and their documents.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "url": ["http://e.org/a"]})
    >>> len(validate_recipe(make_recipe(docs)))
    1
    """
    problems = check_recipe(recipe)
    if len(problems):
        listed = "; ".join(f"{d}: {p}" if d else p for d, p in problems.head(5).values)
        raise CorpusError(f"{where}: {len(problems)} problem(s): {listed}")
    return recipe


def read_recipe(path: str | os.PathLike) -> pd.DataFrame:
    """Read and validate a recipe CSV file (identifiers and checksums as text).

    Examples
    --------
    >>> read_recipe("no/such.csv")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    discourse.errors.CorpusError: no/such.csv: no such recipe file
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such recipe file; write one with "
                          "`discourse corpus recipe CORPUS --out recipe.csv`")
    recipe = pd.read_csv(path, dtype={"doc_id": str, "url": str, "page_sha256": str,
                                      "text_sha256": str, "date": str}, keep_default_na=False,
                         na_values=[""])
    return validate_recipe(recipe, where=str(path))


def write_recipe(recipe: pd.DataFrame, path: str | os.PathLike, *, overwrite: bool = False
                 ) -> Path:
    """Write a validated recipe as CSV (UTF-8, ``\\n`` line ends), atomically.

    Examples
    --------
    >>> import tempfile
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "url": ["http://e.org/a"]})
    >>> write_recipe(make_recipe(docs), Path(tempfile.mkdtemp()) / "r.csv").name
    'r.csv'
    """
    path = check_writable(path, overwrite=overwrite)
    validate_recipe(recipe, where=str(path))
    write_atomic(path, recipe.to_csv(index=False, lineterminator="\n"))
    return path
