"""Relayed copies: one readout republished by other sites, found by comparing the texts.

A wire readout is republished whole, shortened (its first paragraphs), or under another
headline, by newspapers, embassies and blogs. Counted as separate readouts such copies
multiply one text's rhetoric, so :func:`find_relays` groups them, by their text alone:

1. **Candidates** (MinHash LSH, datasketch): each text is a set of 5-token shingles (tokens:
   runs of letters or digits, case-folded after NFKC; a Chinese, Japanese or Khmer character
   is a token of its own); a ``MinHashLSHEnsemble`` index finds, for each document, the
   documents that may *contain* at least ``threshold`` of its shingles, so a shortened copy
   is found from the full text (set containment, not Jaccard similarity).
2. **Exact check of the shared text**: for each candidate pair, the tokens of the shorter
   text that lie in passages of at least 5 tokens that the longer text has too, in the same
   order (difflib's matching blocks), as a share of the shorter text's tokens. A pair is a
   relay when that share reaches ``min_shared`` (0.8 by default). Two readouts of the same
   meeting written by different newsrooms share names and titles, not passages: they stay
   apart.
3. **Groups and the canonical copy**: the pairs are joined into groups; in each group the
   copy that is kept (the canonical one) is, in this order: **the agency's own** (a document
   whose ``outlet_type`` column is ``agency``, or whose ``source`` is one of ``originals=``),
   then **the longest** text, then **the earliest** date, then the smallest doc_id (so the
   choice never depends on the row order). A member is a relay of the canonical copy only if
   it shares at least ``min_shared`` with it (a page that strings two different readouts
   together does not merge them); otherwise it stays a document of its own.

The result is the documents table with ``relay_group`` (the canonical copy's doc_id, for
every member of a group), ``relay_of`` (the canonical copy's doc_id for a relay, missing
otherwise), ``relay_similarity`` (Jaccard similarity of the shingles with the canonical copy)
and ``relay_shared`` (the share of shared text). :func:`drop_relays` keeps one copy of each
readout; :func:`report_relays` lists the groups, and why each copy was kept.

Examples
--------
>>> import pandas as pd
>>> text = "Premier Li Qiang met Prime Minister Hun Sen in Beijing on Friday and said " * 3
>>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [text, text[:150]],
...                      "date": ["2023-02-10", "2023-02-11"], "source": ["W", "B"]})
>>> find_relays(docs)[["doc_id", "relay_group", "relay_of"]].values.tolist()
[['a', 'a', <NA>], ['b', 'a', 'a']]
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

import pandas as pd
from datasketch import MinHash, MinHashLSHEnsemble

from ..errors import ContractError, ParameterError

__all__ = ["find_relays", "drop_relays", "report_relays", "RELAY_COLUMNS"]

RELAY_COLUMNS = ("relay_group", "relay_of", "relay_similarity", "relay_shared")
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u1780-\u17ff]|[^\W_]+")
_SHINGLE = 5
_SEED = 1


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", str(text)).casefold())


def _shingles(tokens: list[str]) -> set[str]:
    if len(tokens) < _SHINGLE:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1)}


def _shared(a: list[str], b: list[str]) -> float:
    """Share of the shorter token list lying in common passages of >= 5 tokens."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return 0.0
    if short == long_:
        return 1.0
    blocks = difflib.SequenceMatcher(None, short, long_, autojunk=False).get_matching_blocks()
    common = sum(m.size for m in blocks if m.size >= min(_SHINGLE, len(short)))
    return common / len(short)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _candidates(shingles: list[set[str]], threshold: float, num_perm: int) -> set[tuple]:
    """Pairs (i, j), i < j, that LSH says may contain each other."""
    hashes = []
    for s in shingles:
        m = MinHash(num_perm=num_perm, seed=_SEED)
        m.update_batch([x.encode("utf-8") for x in sorted(s)])
        hashes.append(m)
    index = MinHashLSHEnsemble(threshold=threshold, num_perm=num_perm, num_part=8)
    index.index([(i, m, max(len(s), 1)) for i, (m, s) in enumerate(zip(hashes, shingles))])
    pairs = set()
    for i, (m, s) in enumerate(zip(hashes, shingles)):
        if s:
            pairs.update((min(i, j), max(i, j)) for j in index.query(m, len(s)) if j != i)
    return pairs


def _groups(n: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _is_original(docs: pd.DataFrame, originals: Sequence[str]) -> list[bool]:
    kind = docs["outlet_type"] if "outlet_type" in docs.columns else pd.Series(
        [None] * len(docs), index=docs.index)
    source = docs["source"] if "source" in docs.columns else kind
    wanted = {str(o).strip().casefold() for o in originals}
    return [(isinstance(k, str) and k.strip().casefold() == "agency")
            or (isinstance(s, str) and s.strip().casefold() in wanted)
            for k, s in zip(kind, source)]


def _rank_key(docs: pd.DataFrame, original: list[bool]):
    dates = docs["date"] if "date" in docs.columns else pd.Series([None] * len(docs))
    dates = ["9999-99-99" if not isinstance(d, str) or not d else d for d in dates]
    lengths = [len(str(t)) for t in docs["text"]]
    ids = [str(d) for d in docs["doc_id"]]
    return lambda i: (not original[i], -lengths[i], dates[i], ids[i])


def _check(documents: pd.DataFrame, threshold: float, min_shared: float, num_perm: int):
    missing = [c for c in ("doc_id", "text") if c not in documents.columns]
    if missing:
        raise ContractError(f"find_relays: the documents table lacks {', '.join(missing)}; "
                            "give the table read_corpus returns")
    for name, value in (("threshold", threshold), ("min_shared", min_shared)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise ParameterError(f"{name} must be a number in (0, 1], got {value!r}")
    if isinstance(num_perm, bool) or not isinstance(num_perm, int) or num_perm < 16:
        raise ParameterError(f"num_perm must be a whole number >= 16, got {num_perm!r}")


def find_relays(
    documents: pd.DataFrame,
    *,
    threshold: float = 0.5,
    min_shared: float = 0.8,
    originals: Sequence[str] = (),
    num_perm: int = 128,
) -> pd.DataFrame:
    """Flag relayed copies: the documents table with the relay columns (see the module).

    Parameters
    ----------
    documents
        A documents table (doc_id, text; date, source and outlet_type are used when there).
    threshold
        Containment that LSH looks for when proposing candidate pairs (recall side; lower
        finds more candidates, each checked exactly).
    min_shared
        Share of the shorter text that must lie in passages the other text has too.
    originals
        Sources (values of ``source``) whose copy is the original (kept first).
    num_perm
        MinHash permutations.

    Returns
    -------
    DataFrame
        A new table: ``documents`` with relay_group, relay_of, relay_similarity and
        relay_shared (replaced if present).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["x"], "text": ["Hun Manet met Xi Jinping."]})
    >>> bool(find_relays(docs)["relay_of"].isna().all())
    True
    """
    _check(documents, threshold, min_shared, num_perm)
    docs = documents.drop(columns=[c for c in RELAY_COLUMNS if c in documents.columns])
    docs = docs.reset_index(drop=True)
    tokens = [_tokens(t) for t in docs["text"]]
    shingles = [_shingles(t) for t in tokens]
    pairs = [(i, j) for i, j in sorted(_candidates(shingles, threshold, num_perm))
             if _shared(tokens[i], tokens[j]) >= min_shared]
    key = _rank_key(docs, _is_original(docs, originals))
    group = pd.array([pd.NA] * len(docs), dtype="string")
    relay_of = pd.array([pd.NA] * len(docs), dtype="string")
    similarity = [float("nan")] * len(docs)
    shared = [float("nan")] * len(docs)
    for members in _groups(len(docs), pairs):
        canon = min(members, key=key)
        kept = [canon]
        for i in sorted(set(members) - {canon}):
            share = _shared(tokens[i], tokens[canon])
            if share >= min_shared:
                kept.append(i)
                relay_of[i] = docs.at[canon, "doc_id"]
                similarity[i] = round(_jaccard(shingles[i], shingles[canon]), 4)
                shared[i] = round(share, 4)
        if len(kept) > 1:
            for i in kept:
                group[i] = docs.at[canon, "doc_id"]
            similarity[canon], shared[canon] = 1.0, 1.0
    out = docs.assign(relay_group=group, relay_of=relay_of, relay_similarity=similarity,
                      relay_shared=shared)
    out.index = documents.index
    return out


def drop_relays(documents: pd.DataFrame, **options) -> pd.DataFrame:
    """One copy of each readout: the documents that are not relays of another.

    ``documents`` is flagged with :func:`find_relays` (``options`` are its options) unless
    it already has a ``relay_of`` column.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Hun Sen met Li Qiang. " * 4] * 2})
    >>> drop_relays(docs)["doc_id"].tolist()
    ['a']
    """
    flagged = documents if "relay_of" in documents.columns and not options else find_relays(
        documents, **options)
    return flagged[flagged["relay_of"].isna()].copy()


def _reason(docs: pd.DataFrame, members: list[int], canon: int, key) -> str:
    """Which rule chose the canonical copy among ``members``."""
    keys = {i: key(i) for i in members}
    names = ("the agency's own", "the longest", "the earliest", "the first doc_id")
    for level, name in enumerate(names):
        if sum(keys[i][:level + 1] == keys[canon][:level + 1] for i in members) == 1:
            return name
    return names[-1]


def report_relays(flagged: pd.DataFrame, *, originals: Sequence[str] = ()) -> pd.DataFrame:
    """The groups of relayed copies: one row per member, the canonical copy first.

    Columns: relay_group, doc_id, source, date, n_chars, kept (the canonical copy),
    relay_of, relay_similarity, relay_shared, rule (why the canonical copy was kept:
    ``the agency's own``, ``the longest``, ``the earliest`` or ``the first doc_id``).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Hun Sen met Li Qiang. " * 4] * 2})
    >>> report_relays(find_relays(docs))[["doc_id", "kept", "rule"]].values.tolist()
    [['a', True, 'the first doc_id'], ['b', False, 'the first doc_id']]
    """
    missing = [c for c in RELAY_COLUMNS if c not in flagged.columns]
    if missing:
        raise ContractError(f"report_relays: the table lacks {', '.join(missing)}; flag it "
                            "with find_relays first")
    docs = flagged.reset_index(drop=True)
    key = _rank_key(docs, _is_original(docs, originals))
    rows = []
    for gid, members in docs.groupby("relay_group", sort=True).groups.items():
        members = list(members)
        canon = next(i for i in members if docs.at[i, "doc_id"] == gid)
        rule = _reason(docs, members, canon, key)
        for i in sorted(members, key=lambda i: (i != canon, str(docs.at[i, "doc_id"]))):
            rows.append({"relay_group": gid, "doc_id": docs.at[i, "doc_id"],
                         "source": docs.at[i, "source"] if "source" in docs else pd.NA,
                         "date": docs.at[i, "date"] if "date" in docs else pd.NA,
                         "n_chars": len(str(docs.at[i, "text"])), "kept": i == canon,
                         "relay_of": docs.at[i, "relay_of"],
                         "relay_similarity": docs.at[i, "relay_similarity"],
                         "relay_shared": docs.at[i, "relay_shared"], "rule": rule})
    columns = ["relay_group", "doc_id", "source", "date", "n_chars", "kept", "relay_of",
               "relay_similarity", "relay_shared", "rule"]
    return pd.DataFrame(rows, columns=columns)
