"""Candidate terms for a theme: what the codebook misses, and what goes with its seed words.

:func:`suggest_terms` proposes terms for a theme of a codebook, each with its counts and
examples, for the researcher to accept (add it with
:func:`discourse.validation.develop.revise_codebook`) or reject. Two methods:

``keyness`` (needs a hand coding)
    The terms (words and two-word phrases, stop words left out at their edges) that are
    over-represented in the statements the hand coding gives the theme but the codebook
    misses, against the statements that neither codes (correctly uncoded): Dunning's
    log-likelihood G² on the statement counts, keeping terms more frequent among the
    missed statements. ``n_hand`` / ``n_not_hand`` count all the hand-coded statements
    holding the term with and without the theme: ``precision_if_added`` is what the term
    alone would score.
``cooccurrence`` (no hand coding needed)
    In the spirit of Watanabe's Latent Semantic Scaling and newsmap: the corpus's
    statement x term matrix (TF-IDF) is reduced by a truncated SVD (latent semantic
    analysis), each term gets a vector, and the candidates are ranked by the cosine
    similarity of their vector to the centroid of the *seed words*: the words the theme's
    patterns match in the corpus. ``n_cooccur`` counts the statements where the term
    appears with a seed word, ``n_uncoded`` those where it appears without: what adding it
    would newly code. The seed words themselves (and the words of a seed phrase) are not
    candidates.

Terms the theme's patterns already match are left out; every row has ``examples``: the term
in context in up to ``examples`` statements (missed ones for ``keyness``, uncoded ones for
``cooccurrence``). Computed with scikit-learn.

Examples
--------
>>> import pandas as pd
>>> from discourse.coding.model import Codebook, Theme
>>> cb = Codebook("m", "1", themes=(Theme("acw", "ACW", patterns={"en": ("cold war",)}),))
>>> st = pd.DataFrame({"doc_id": "d", "stmt_id": [f"d.{i}" for i in range(4)],
...     "start": [0, 100, 200, 300], "lang": "en",
...     "text": ["They reject the Cold War.", "China opposes hegemonism.",
...              "Both oppose hegemonism.", "Trade grew."]})
>>> hand = pd.DataFrame({"stmt_id": st.stmt_id, "theme_acw": [1, 1, 1, 0]})
>>> suggest_terms(st, hand, theme="acw", codebook=cb)[["term", "n_missed", "n_reference"]]
         term  n_missed  n_reference
0  hegemonism         2            0
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..coding.codebook import read_codebook
from ..coding.matcher import compile_codebook
from ..coding.themes import code_themes, find_matches
from ..errors import AnalysisError, ParameterError
from ..lang import get_language, normalize_lang, supported_languages
from ..schema import require_columns, theme_column
from .develop import reference_coding

__all__ = ["suggest_terms", "SUGGEST_METHODS"]

#: Valid values of ``method``.
SUGGEST_METHODS = ("keyness", "cooccurrence")
_COLUMNS = {
    "keyness": ["term", "n_missed", "n_reference", "share_missed", "share_reference", "g2",
                "n_hand", "n_not_hand", "precision_if_added", "examples"],
    "cooccurrence": ["term", "similarity", "n_statements", "n_cooccur", "n_uncoded",
                     "examples"],
}


def _analyzer(lang: str | None, ngrams: int):
    """Words, then n-grams up to ``ngrams`` whose first and last words are not stop words."""
    if lang in supported_languages():
        language = get_language(lang)
        token, stops = re.compile(language.token_pattern()), language.stop_words
    else:
        token, stops = re.compile(r"\w+(?:[-'’]\w+)*"), frozenset()

    def analyse(text: str) -> list[str]:
        words = [w.replace("’", "'") for w in token.findall(text.lower())]
        out = []
        for n in range(1, ngrams + 1):
            for i in range(len(words) - n + 1):
                first, last = words[i], words[i + n - 1]
                if first in stops or last in stops or not first[0].isalpha() \
                        or not last[0].isalpha() or len(last) < 2:
                    continue
                out.append(" ".join(words[i:i + n]))
        return out
    return analyse


def _g2(a, b, A, B) -> np.ndarray:
    """Dunning's log-likelihood of a 2x2 table of statement counts (term in a of A, b of B)."""
    obs = np.stack([a, A - a, b, B - b]).astype(float)
    tot = A + B
    k = a + b
    exp = np.stack([k * A / tot, (tot - k) * A / tot, k * B / tot, (tot - k) * B / tot])
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(obs > 0, obs * np.log(obs / exp), 0.0)
    return 2 * terms.sum(axis=0)


def _distinct(terms: list[str], docsets: list[frozenset]) -> list[int]:
    """Indices of the terms to keep: a term found in exactly the statements of a longer term
    that contains it ("bloc" inside "bloc confrontation") adds nothing."""
    keep = []
    for i, (t, ds) in enumerate(zip(terms, docsets)):
        shadowed = any(j != i and len(u) > len(t) and f" {t} " in f" {u} " and docsets[j] == ds
                       for j, u in enumerate(terms))
        if not shadowed:
            keep.append(i)
    return keep


def _examples(texts: list[str], rows, term: str, k: int, window: int = 40) -> str:
    rx = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, term.split())) + r"(?!\w)",
                    re.IGNORECASE)
    out = []
    for i in rows:
        m = rx.search(texts[i].replace("’", "'"))
        if m:
            t = texts[i]
            pre, post = " ".join(t[max(0, m.start() - window):m.start()].split()), \
                " ".join(t[m.end():m.end() + window].split())
            out.append(f"…{pre} [{t[m.start():m.end()]}] {post}…")
        if len(out) >= k:
            break
    return " | ".join(out)


def _known(terms: list[str], cb, theme: str, lang: str | None) -> np.ndarray:
    """Which terms the theme's patterns (or its sub-themes') already match."""
    m = compile_codebook(cb).find("\n".join(terms), lang=lang)
    ids = m["theme"].astype(str)
    m = m[(ids == theme) | ids.str.startswith(theme + ".")]
    ends = np.cumsum([len(t) + 1 for t in terms])
    hit = np.zeros(len(terms), bool)
    hit[np.searchsorted(ends, m["start"].to_numpy(), "right")] = True
    return hit


def _matrix(texts, lang, ngrams, min_count):
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(analyzer=_analyzer(lang, ngrams), binary=True, min_df=1)
    try:
        x = vec.fit_transform(texts).tocsc()
    except ValueError:       # an empty vocabulary
        return None, []
    return x, vec.get_feature_names_out().tolist()


def _keyness(st, hand, cb, theme, lang, ngrams, min_count, examples):
    coded = code_themes(st, codebook=cb, levels=1)
    ref = reference_coding(hand, themes=[theme]).set_index("stmt_id")
    col = theme_column(theme)
    gold = st["stmt_id"].map(ref[col]).to_numpy(dtype=float)
    machine = coded[col].to_numpy() == 1
    missed, reference = (gold == 1) & ~machine, (gold == 0) & ~machine
    if not missed.any():
        raise AnalysisError(f"suggest_terms: the codebook misses no hand-coded {theme!r} "
                            "statement: nothing to learn from")
    texts = st["text"].astype(str).tolist()
    x, terms = _matrix(texts, lang, ngrams, min_count)
    if not terms:
        return pd.DataFrame(columns=_COLUMNS["keyness"])
    a = np.asarray(x[missed].sum(axis=0)).ravel()
    b = np.asarray(x[reference].sum(axis=0)).ravel()
    A, B = int(missed.sum()), max(int(reference.sum()), 1)
    ok = (a >= min_count) & (a / A > b / B) & ~_known(terms, cb, theme, lang)
    idx = np.flatnonzero(ok)
    docsets = [frozenset(x[:, i].indices.tolist()) for i in idx]
    idx = idx[_distinct([terms[i] for i in idx], docsets)]
    g2 = _g2(a[idx], b[idx], A, B)
    n_hand = np.asarray(x[gold == 1].sum(axis=0)).ravel()[idx]
    n_not = np.asarray(x[gold == 0].sum(axis=0)).ravel()[idx]
    rows_missed = np.flatnonzero(missed).tolist()
    out = pd.DataFrame({
        "term": [terms[i] for i in idx], "n_missed": a[idx].astype(int),
        "n_reference": b[idx].astype(int), "share_missed": a[idx] / A,
        "share_reference": b[idx] / B, "g2": g2, "n_hand": n_hand.astype(int),
        "n_not_hand": n_not.astype(int), "precision_if_added": n_hand / (n_hand + n_not),
        "examples": [_examples(texts, rows_missed, terms[i], examples) for i in idx]})
    return out.sort_values(["g2", "n_missed", "term"], ascending=[False, False, True],
                           kind="stable")


def _cooccurrence(st, cb, theme, lang, ngrams, min_count, examples, dims, seed):
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfTransformer

    matches = find_matches(st, codebook=cb, levels=1)
    matches = matches[matches["theme"] == theme]
    texts = st["text"].astype(str).tolist()
    x, terms = _matrix(texts, lang, ngrams, min_count)
    seeds = {w.lower().replace("’", "'") for w in matches["matched"]}
    index = {t: i for i, t in enumerate(terms)}
    seed_idx = sorted({index[s] for s in seeds if s in index})
    if not seed_idx:
        raise AnalysisError(f"suggest_terms: the patterns of {theme!r} match no word of these "
                            "statements: there are no seed words to start from")
    k = max(1, min(dims, x.shape[0] - 1, x.shape[1] - 1))
    svd = TruncatedSVD(n_components=k, random_state=seed)
    svd.fit(TfidfTransformer().fit_transform(x))
    vec = svd.components_.T * svd.singular_values_
    vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
    centre = vec[seed_idx].mean(axis=0)
    sim = vec @ (centre / max(np.linalg.norm(centre), 1e-12))
    coded = st["stmt_id"].isin(set(matches["stmt_id"])).to_numpy()
    n = np.asarray(x.sum(axis=0)).ravel()
    co = np.asarray(x[coded].sum(axis=0)).ravel()
    seed_words = {w for s in seeds for w in s.split()}
    own = np.array([set(t.split()) <= seed_words for t in terms], bool)   # "cold", "war"
    idx = np.flatnonzero((n >= min_count) & ~_known(terms, cb, theme, lang) & ~own)
    uncoded_rows = np.flatnonzero(~coded).tolist()
    out = pd.DataFrame({
        "term": [terms[i] for i in idx], "similarity": sim[idx], "n_statements": n[idx].astype(int),
        "n_cooccur": co[idx].astype(int), "n_uncoded": (n[idx] - co[idx]).astype(int),
        "examples": [_examples(texts, uncoded_rows, terms[i], examples) for i in idx]})
    return out.sort_values(["similarity", "term"], ascending=[False, True], kind="stable")


def suggest_terms(statements: pd.DataFrame, hand: pd.DataFrame | None = None, *, theme: str,
                  codebook=None, method: str = "keyness", lang: str | None = None,
                  n: int = 20, min_count: int = 2, ngrams: int = 2, examples: int = 3,
                  dims: int = 100, seed: int = 0) -> pd.DataFrame:
    """Candidate terms for a theme, with their counts and examples.

    Parameters
    ----------
    statements
        Statements (doc_id, stmt_id, start, text, lang): the hand-coded sample for
        ``keyness``, any corpus for ``cooccurrence``.
    hand
        The hand coding (stmt_id, ``theme_<id>``; see
        :func:`discourse.validation.develop.reference_coding`); needed for ``keyness``.
    theme
        A top-level theme id of the codebook.
    codebook
        A codebook, a file or None (the default).
    method
        ``keyness`` or ``cooccurrence`` (see the module's docstring).
    lang
        Only the statements of this language (patterns are per language); None: the
        statements' single language, or an error when there are several.
    n
        Rows returned (the best ``n``).
    min_count
        A term must be in at least this many (missed, for ``keyness``) statements.
    ngrams
        Longest phrase, in words.
    examples
        Examples in context per term.
    dims, seed
        Dimensions and random state of the truncated SVD (``cooccurrence``).

    Returns
    -------
    pandas.DataFrame
        ``keyness``: term, n_missed, n_reference, share_missed, share_reference, g2, n_hand,
        n_not_hand, precision_if_added, examples. ``cooccurrence``: term, similarity,
        n_statements, n_cooccur, n_uncoded, examples. Best first.

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.coding.model import Codebook, Theme
    >>> cb = Codebook("m", "1", themes=(Theme("acw", "ACW", patterns={"en": ("cold war",)}),))
    >>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["a", "b", "c"], "start": 0, "lang": "en",
    ...     "text": ["They reject the Cold War and hegemonism.", "Hegemonism is over.", "Trade grew."]})
    >>> out = suggest_terms(st, theme="acw", codebook=cb, method="cooccurrence", min_count=1)
    >>> out.iloc[0].term, int(out.iloc[0].n_statements), int(out.iloc[0].n_uncoded)
    ('hegemonism', 2, 1)
    """
    where = "suggest_terms"
    require_columns(statements, ("doc_id", "stmt_id", "start", "text"), where=where)
    if method not in SUGGEST_METHODS:
        raise ParameterError(f"{where}: method={method!r} is not valid; use one of "
                             f"{', '.join(SUGGEST_METHODS)}")
    for name, value, low in (("n", n, 1), ("min_count", min_count, 1), ("ngrams", ngrams, 1),
                             ("examples", examples, 0), ("dims", dims, 1)):
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            raise ParameterError(f"{where}: {name}={value!r} is not valid; give an int >= {low}")
    cb = read_codebook(codebook)
    top = [t.id for t in cb.themes if t.parent is None]
    if theme not in top:
        raise ParameterError(f"{where}: theme={theme!r} is not a top-level theme of codebook "
                             f"{cb.id!r}; themes: {', '.join(top)}")
    st, lang = _one_language(statements, lang, where)
    if method == "keyness":
        if hand is None:
            raise ParameterError(f"{where}: method='keyness' needs the hand coding (hand=); "
                                 "method='cooccurrence' works without one")
        st = st[st["stmt_id"].isin(set(hand["stmt_id"]))].reset_index(drop=True)
        out = _keyness(st, hand, cb, theme, lang, ngrams, min_count, examples)
    else:
        out = _cooccurrence(st, cb, theme, lang, ngrams, min_count, examples, dims, seed)
    return out.head(n).reset_index(drop=True)[_COLUMNS[method]]


def _one_language(statements: pd.DataFrame, lang, where: str):
    if "lang" not in statements.columns:
        return statements.reset_index(drop=True), (normalize_lang(lang) if lang else None)
    codes = statements["lang"].map(normalize_lang)
    if lang is None:
        found = sorted(set(codes))
        if len(found) > 1:
            raise ParameterError(f"{where}: the statements are in several languages "
                                 f"({', '.join(found)}); choose one with lang= (patterns are "
                                 "per language)")
        lang = found[0] if found else None
    else:
        lang = normalize_lang(lang)
    return statements[(codes == lang).to_numpy()].reset_index(drop=True), lang
