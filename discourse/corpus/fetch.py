"""Rebuilding ("hydrating") a corpus from its recipe: download, extract, check, report.

:func:`fetch_corpus` downloads each page of a recipe (:mod:`discourse.corpus.recipes`),
extracts its text exactly as :func:`discourse.corpus.reader.read_corpus` does, and checks it:

- the page's extracted text has the recorded digest: the text is cut at the recorded span
  (and its own digest checked);
- otherwise, the text is looked for in the new page by its length and digest (at every
  word start), so a page whose menus or related links changed around an unchanged article
  still gives the text;
- otherwise the page is **changed**: its new extracted text is kept apart in
  ``changed/<doc_id>.txt``, never used in place of the text analysed.

A page that cannot be had is **gone** (HTTP 404/410, unknown host), **blocked** (HTTP
401/403/451, still 429 after the retries, or refused to robots by its site's
``robots.txt``) or **unreachable** (time-outs or server errors after the retries).

Politeness: one request at a time, at least ``delay`` seconds between two requests to the
same host, ``retries`` retries with doubling waits (a server's ``Retry-After`` is honoured,
up to a minute), a user agent naming discourse, and the site's ``robots.txt``.
Resumable: a document whose text is already in the output folder with the right digest is
not downloaded again, so a rerun after an interruption or a failure fetches only what is
missing.

The output folder reads with :func:`~discourse.corpus.reader.read_corpus`: ``<doc_id>.txt``
per rebuilt document and ``metadata.csv`` (the recipe's metadata of those documents);
``fetch_report.csv`` says, per document, what happened (status, HTTP status, detail).

Examples
--------
>>> report = fetch_corpus("recipe.csv", "corpus/")  # doctest: +SKIP
>>> report["status"].value_counts()  # doctest: +SKIP
"""

from __future__ import annotations

import email.utils
import os
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from .. import __version__
from ..errors import ParameterError
from ..io.files import write_atomic
from .files import _decode
from .recipes import RECIPE_COLUMNS, read_recipe, sha256_text, validate_recipe
from .webpage import extract_page

__all__ = ["fetch_corpus", "USER_AGENT", "REPORT_COLUMNS"]

USER_AGENT = (f"discourse/{__version__} (corpus rebuild for research; "
              "+https://github.com/discourse-toolkit/discourse)")
REPORT_COLUMNS = ("doc_id", "url", "status", "http_status", "detail", "downloaded")
_GONE, _BLOCKED = {404, 410}, {401, 403, 451}
_RETRY = {429, 500, 502, 503, 504}


@dataclass
class _Client:
    """One polite HTTP client: per-host pacing, retries, robots.txt."""

    delay: float
    retries: int
    timeout: float
    user_agent: str
    robots: bool
    sleep: object = time.sleep
    last: dict = field(default_factory=dict)
    rules: dict = field(default_factory=dict)

    def _pace(self, host: str) -> None:
        wait = self.last.get(host, -1e9) + self.delay - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self.last[host] = time.monotonic()

    def _open(self, url: str) -> tuple[int, bytes, str]:
        req = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        self._pace(urlsplit(url).netloc)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.status, resp.read(), resp.headers.get_content_charset() or ""
        except urllib.error.HTTPError as err:
            retry_after = err.headers.get("Retry-After", "") if err.headers else ""
            return err.code, b"", retry_after

    def allowed(self, url: str) -> bool:
        if not self.robots:
            return True
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self.rules:
            parser = urllib.robotparser.RobotFileParser()
            try:
                status, body, _ = self._open(root + "/robots.txt")
            except (urllib.error.URLError, OSError):
                status, body = 404, b""
            parser.parse(body.decode("utf-8", "replace").splitlines() if status == 200 else [])
            self.rules[root] = parser
        return self.rules[root].can_fetch(self.user_agent, url)

    def get(self, url: str) -> tuple[int | None, bytes, str, str]:
        """(HTTP status or None, body, charset, error detail), after the retries."""
        wait = max(self.delay, 1.0)
        for attempt in range(self.retries + 1):
            try:
                status, body, extra = self._open(url)
            except (urllib.error.URLError, socket.timeout, OSError) as err:
                reason = getattr(err, "reason", err)
                if isinstance(reason, socket.gaierror):
                    return None, b"", "", f"unknown host ({reason})"
                status, body, extra = None, b"", str(reason)
            if status is not None and status not in _RETRY:
                return status, body, extra if status == 200 else "", ""
            if attempt < self.retries:
                self.sleep(min(_retry_after(extra) or wait, 60.0))
                wait *= 2
        return status, b"", "", (f"HTTP {status}" if status else f"no answer ({extra})")


def _retry_after(value: str) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    when = email.utils.parsedate_to_datetime(value) if "," in value else None
    return max(0.0, when.timestamp() - time.time()) if when else None


def _find_text(page: str, row: dict) -> tuple[str | None, str]:
    """The document's text in a page's extracted text, and how it was found."""
    start, end = int(row["span_start"]), int(row["span_end"])
    if sha256_text(page) == row["page_sha256"]:
        text = page[start:end]
        if sha256_text(text) == row["text_sha256"]:
            return text, "page unchanged"
    n = int(row["text_chars"])
    for i in range(0, len(page) - n + 1):
        if (i == 0 or page[i - 1].isspace()) and sha256_text(page[i:i + n]) == row[
                "text_sha256"]:
            return page[i:i + n], f"page changed around the text (found at {i})"
    return None, "the page's text differs from the one collected"


def _status_of(code: int | None, detail: str) -> str:
    if code in _GONE or detail.startswith("unknown host"):
        return "gone"
    if code in _BLOCKED or code == 429:
        return "blocked"
    return "unreachable"


def _fetch_one(client: _Client, row: dict, out: Path) -> dict:
    url = str(row["url"])
    result = {"doc_id": row["doc_id"], "url": url, "http_status": pd.NA, "downloaded": True}
    if not client.allowed(url):
        return {**result, "status": "blocked", "detail": "disallowed by robots.txt",
                "downloaded": False}
    code, body, charset, detail = client.get(url)
    result["http_status"] = code if code is not None else pd.NA
    if code != 200:
        return {**result, "status": _status_of(code, detail), "detail": detail or f"HTTP {code}"}
    raw = _decode(body, url, charset or "utf-8") if charset else body.decode("utf-8", "replace")
    page = extract_page(raw, where=url)["text"]
    text, how = _find_text(page, row)
    if text is None:
        write_atomic(out / "changed" / f"{row['doc_id']}.txt", page)
        return {**result, "status": "changed",
                "detail": f"{how}; new text kept in changed/{row['doc_id']}.txt"}
    write_atomic(out / f"{row['doc_id']}.txt", text)
    return {**result, "status": "ok", "detail": how}


def _already_there(out: Path, row: dict) -> bool:
    p = out / f"{row['doc_id']}.txt"
    return p.is_file() and sha256_text(_decode(p.read_bytes(), str(p), "utf-8")) == row[
        "text_sha256"]


def _write_outputs(out: Path, recipe: pd.DataFrame, report: pd.DataFrame) -> None:
    ok = set(report.loc[report["status"] == "ok", "doc_id"])
    meta_cols = [c for c in recipe.columns if c not in RECIPE_COLUMNS or c == "url"]
    meta = recipe.loc[recipe["doc_id"].isin(ok), ["doc_id"] + meta_cols]
    meta.insert(0, "file", meta["doc_id"] + ".txt")
    write_atomic(out / "metadata.csv", meta.drop(columns="doc_id").to_csv(
        index=False, lineterminator="\n"))
    write_atomic(out / "fetch_report.csv", report.to_csv(index=False, lineterminator="\n"))


def _check_options(delay, retries, timeout) -> None:
    for name, value, low in (("delay", delay, 0), ("timeout", timeout, 1e-9)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low:
            raise ParameterError(f"{name} must be a number of seconds >= {low:g}, got {value!r}")
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise ParameterError(f"retries must be a whole number >= 0, got {retries!r}")


def fetch_corpus(
    recipe: pd.DataFrame | str | os.PathLike,
    out: str | os.PathLike,
    *,
    delay: float = 2.0,
    retries: int = 3,
    timeout: float = 30.0,
    user_agent: str = USER_AGENT,
    robots: bool = True,
    sleep=time.sleep,
) -> pd.DataFrame:
    """Download, extract and check every document of a recipe (see the module).

    Parameters
    ----------
    recipe
        A recipe table or the path of its CSV file.
    out
        The folder to write (created; files of earlier runs are reused, never overwritten
        with different text).
    delay, retries, timeout
        Seconds between two requests to one host, retries of a failed request, seconds
        before a request is abandoned.
    user_agent
        The ``User-Agent`` header (by default, names discourse and its purpose).
    robots
        Obey the sites' ``robots.txt``.
    sleep
        The function that waits (tests pass a recorder).

    Returns
    -------
    DataFrame
        The report: doc_id, url, status (``ok``, ``changed``, ``gone``, ``blocked``,
        ``unreachable``), http_status, detail, downloaded (False when resumed).

    Examples
    --------
    >>> fetch_corpus("recipe.csv", "corpus", delay=5)  # doctest: +SKIP
    """
    _check_options(delay, retries, timeout)
    recipe = read_recipe(recipe) if not isinstance(recipe, pd.DataFrame) else validate_recipe(
        recipe)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    client = _Client(float(delay), retries, float(timeout), user_agent, robots, sleep)
    rows = []
    for row in recipe.to_dict(orient="records"):
        if _already_there(out, row):
            rows.append({"doc_id": row["doc_id"], "url": row["url"], "status": "ok",
                         "http_status": pd.NA, "detail": "already rebuilt (resumed)",
                         "downloaded": False})
        else:
            rows.append(_fetch_one(client, row, out))
    report = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    report["http_status"] = report["http_status"].astype("Int64")
    _write_outputs(out, recipe, report)
    return report
