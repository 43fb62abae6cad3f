"""Keyness: which words one group of statements uses more (or less) than another.

:func:`compute_keyness` follows quanteda's ``textstat_keyness`` (package quanteda.textstats,
whose C++ code ``src/keyness.cpp`` computes the statistics):
for every word (feature) it builds the 2 x 2 table

==================  ===========  ===============
                    target       reference
==================  ===========  ===============
the word            a            b
every other word    c = T - a    d = R - b
==================  ===========  ===============

(T, R: the numbers of tokens of the target and reference statements) and scores it with one
of four measures, signed positive when the target uses the word more than expected
(``a > E = (a + b)(a + c) / N``) and negative otherwise, the p-value coming from the
chi-squared distribution with 1 degree of freedom applied to the absolute statistic.
:func:`score_keyness` does the arithmetic on count arrays and is what the tests check against
published values.

Examples
--------
>>> from discourse.analysis.keyness import score_keyness
>>> stat, p = score_keyness([10], [0], [10], [10], measure="lr", correction="none")
>>> round(float(stat[0]), 5)      # Dunning's G2 of the table [[10, 0], [0, 10]]
27.72589
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy.special import xlogy
from scipy.stats import chi2 as chi2_distribution
from scipy.stats import fisher_exact
from scipy.stats.contingency import odds_ratio

from ..errors import AnalysisError, ParameterError
from ..schema import require_columns

__all__ = ["compute_keyness", "score_keyness", "KEYNESS_COLUMNS", "MEASURES", "CORRECTIONS"]

#: Columns of the table returned by :func:`compute_keyness`.
KEYNESS_COLUMNS = ("feature", "n_target", "n_reference", "statistic", "p")
MEASURES = ("chi2", "lr", "pmi", "exact")
CORRECTIONS = ("default", "yates", "williams", "none")

#: ISO 639-1 code -> nltk Snowball stemmer name.
SNOWBALL_LANGUAGES = {
    "ar": "arabic", "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish",
    "fr": "french", "de": "german", "hu": "hungarian", "it": "italian", "no": "norwegian",
    "nb": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish",
    "sv": "swedish",
}

# quanteda adds this inside the logarithm of PMI so that a = 0 gives a finite value
_EPSILON = 1e-9
_WORD = re.compile(r"\w")


def _yates_applies(a, b, c, d):
    """quanteda's rule: correct only if an expected count is below 5 and |ad - bc| >= N / 2."""
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        small = (
            ((a + b) * (a + c) / n < 5) | ((a + b) * (b + d) / n < 5)
            | ((a + c) * (c + d) / n < 5) | ((c + d) * (b + d) / n < 5)
        )
    return small & (np.abs(a * d - b * c) >= n / 2)


def _williams_q(a, b, c, d):
    """Williams' (1976) divisor for a 2 x 2 table; 1 where a cell is 0 (as quanteda)."""
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    return np.where(a * b * c * d == 0, 1.0, q)


def score_keyness(
    n_target,
    n_reference,
    total_target,
    total_reference,
    *,
    measure: str = "chi2",
    correction: str = "default",
) -> tuple[np.ndarray, np.ndarray]:
    """Signed keyness statistic and p-value of each feature, from its counts.

    Parameters
    ----------
    n_target, n_reference
        Counts of each feature in the target and the reference (``a``, ``b``).
    total_target, total_reference
        Token totals of the target and the reference (``T``, ``R``), scalars or arrays.
    measure
        ``"chi2"`` (Pearson), ``"lr"`` (G2 likelihood ratio), ``"pmi"`` (pointwise mutual
        information of the word and the target, natural log) or ``"exact"`` (Fisher's exact
        test; the statistic is the conditional maximum-likelihood odds ratio, as R's
        ``fisher.test``, so it is not signed but above 1 when the target uses the word more).
    correction
        ``"default"``: Yates for chi2, Williams for lr, none for pmi/exact. ``"yates"``:
        quanteda's conditional Yates correction (applied only when an expected count is
        below 5 and |ad - bc| >= N/2; for lr, 0.5 moved between the cells as quanteda does).
        ``"williams"``: divide the statistic by Williams' q (q = 1 when a cell is 0, as
        quanteda). ``"none"``.

    Returns
    -------
    (statistic, p)
        Two float arrays. For pmi the p-value is NaN (see :func:`compute_keyness`).

    Examples
    --------
    >>> stat, p = score_keyness([3], [7], [10], [9], correction="none")
    >>> round(float(stat[0]), 4), round(float(p[0]), 4)
    (-4.3372, 0.0373)
    """
    if measure not in MEASURES:
        raise ParameterError(f"score_keyness: measure={measure!r}; valid values: {', '.join(MEASURES)}")
    if correction not in CORRECTIONS:
        raise ParameterError(
            f"score_keyness: correction={correction!r}; valid values: {', '.join(CORRECTIONS)}"
        )
    if measure in ("pmi", "exact") and correction not in ("default", "none"):
        raise ParameterError(
            f"score_keyness: correction={correction!r} does not apply to measure={measure!r} "
            "(only to chi2 and lr); use correction='default' or 'none'"
        )
    a = np.atleast_1d(np.asarray(n_target, dtype=float))
    b = np.atleast_1d(np.asarray(n_reference, dtype=float))
    c = np.asarray(total_target, dtype=float) - a
    d = np.asarray(total_reference, dtype=float) - b
    if (c < 0).any() or (d < 0).any() or (a < 0).any() or (b < 0).any():
        raise ParameterError("score_keyness: a count exceeds its total, or is negative")
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = (a + b) * (a + c) / n
    sign = np.where(a > expected, 1.0, -1.0)
    if measure == "exact":
        stat = np.empty(len(a))
        p = np.empty(len(a))
        for i, cells in enumerate(zip(a, c, b, d)):
            table = np.array(cells, dtype=np.int64).reshape(2, 2).T  # [[a, b], [c, d]]
            p[i] = fisher_exact(table).pvalue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                stat[i] = odds_ratio(table, kind="conditional").statistic
        return stat, p
    if measure == "pmi":
        with np.errstate(divide="ignore", invalid="ignore"):
            stat = np.log(a / expected + _EPSILON)
        return stat + 0.0, np.full(len(a), np.nan)
    if measure == "chi2":
        delta = np.where(
            _yates_applies(a, b, c, d) & (correction in ("default", "yates")), 0.5, 0.0
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            stat = n * (np.abs(a * d - b * c) - n * delta) ** 2 / (
                (a + b) * (c + d) * (a + c) * (b + d)
            )
        if correction == "williams":
            stat = stat / _williams_q(a, b, c, d)
    else:  # lr
        aa, bb, cc, dd = a, b, c, d
        if correction == "yates":
            delta = np.where(_yates_applies(a, b, c, d), 0.5, 0.0)
            shift = np.where(a * d - b * c > 0, -delta, delta)
            aa, bb, cc, dd = a + shift, b - shift, c - shift, d + shift
        with np.errstate(divide="ignore", invalid="ignore"):
            stat = 2 * (
                xlogy(aa, aa / ((aa + bb) * (aa + cc) / n))
                + xlogy(bb, bb / ((aa + bb) * (bb + dd) / n))
                + xlogy(cc, cc / ((aa + cc) * (cc + dd) / n))
                + xlogy(dd, dd / ((bb + dd) * (cc + dd) / n))
            )
        if correction in ("default", "williams"):
            stat = stat / _williams_q(a, b, c, d)
    stat = np.where(np.isfinite(stat), stat, 0.0) * sign + 0.0
    p = chi2_distribution.sf(np.abs(stat), 1)
    return stat, p


# --------------------------------------------------------------------------- tokens

def _stopword_set(spec, lang: str | None, *, where: str) -> frozenset[str]:
    if spec is None:
        return frozenset()
    if isinstance(spec, str):
        code = lang if spec == "auto" else spec
        if code is None:
            return frozenset()
        import stopwordsiso

        if not stopwordsiso.has_lang(code):
            raise ParameterError(
                f"{where}: stopwords={spec!r}: no stop-word list for the language {code!r} in "
                "stopwordsiso; give 'fr', 'en', 'auto', a list of words, or None"
            )
        return frozenset(w.lower() for w in stopwordsiso.stopwords(code))
    return frozenset(str(w).lower().replace("\u2019", "'") for w in spec)


def _stemmer(lang: str, *, where: str):
    from nltk.stem.snowball import SnowballStemmer

    name = SNOWBALL_LANGUAGES.get(lang)
    if name is None:
        raise ParameterError(
            f"{where}: stem=True: no Snowball stemmer for the language {lang!r}; valid "
            f"languages: {', '.join(sorted(SNOWBALL_LANGUAGES))}"
        )
    return SnowballStemmer(name)


def _features(text: str, lang: str, stops: frozenset[str], stemmer) -> list[str]:
    from ..text.tokens import tokenize_words

    out = []
    for token in tokenize_words(text, lang=lang):
        token = token if isinstance(token, str) else getattr(token, "text", str(token))
        word = token.lower().replace("\u2019", "'")
        if not _WORD.search(word):
            continue  # punctuation
        if stops and (word in stops or word.rstrip("'") in stops):
            continue
        out.append(stemmer.stem(word) if stemmer is not None else word)
    return out


def _as_values(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def compute_keyness(
    statements: pd.DataFrame,
    *,
    target: str | Sequence[str],
    by: str = "side",
    reference: str | Sequence[str] | None = None,
    measure: str = "chi2",
    correction: str = "default",
    min_count: int = 2,
    stopwords: str | Iterable[str] | None = None,
    stem: bool = False,
    lang: str | None = None,
) -> pd.DataFrame:
    """Keyness of every word of the target statements against the reference statements.

    Parameters
    ----------
    statements
        Statements, attributed or coded table (needs ``text``, the ``by`` column, and
        ``lang`` unless ``lang=`` is given).
    target
        Value(s) of ``by`` forming the target (e.g. ``"CN"``).
    by
        The grouping column (default ``"side"``; ``"speaker"``, ``"doc_id"``...).
    reference
        Value(s) of ``by`` forming the reference; None (quanteda's default) takes every
        other statement, those with a missing ``by`` value (the narrator's) included.
    measure
        ``"chi2"`` (default), ``"lr"`` (G2), ``"pmi"`` or ``"exact"`` (Fisher; slower).
    correction
        ``"default"``, ``"yates"``, ``"williams"`` or ``"none"``; see :func:`score_keyness`.
    min_count
        Report only features occurring at least this often in target and reference together.
        It filters the rows shown, not the totals: T and R count every token kept.
    stopwords
        None (keep every word), ``"fr"``/``"en"``/any ISO code of stopwordsiso, ``"auto"``
        (each statement's own language), or an iterable of words. An elided form (``l'``,
        ``qu'``) is a stop word when its letters are (``l``, ``qu``).
    stem
        Reduce words to their Snowball stem (nltk ``SnowballStemmer``) in each statement's
        language.
    lang
        Language of all statements (overrides the ``lang`` column) for tokenizing, stemming
        and ``stopwords="auto"``.

    Returns
    -------
    DataFrame
        Columns :data:`KEYNESS_COLUMNS`: ``feature`` (lower-cased word, or stem), ``n_target``,
        ``n_reference``, ``statistic``, ``p``; sorted by statistic (descending), then feature.
        ``attrs`` holds measure, correction, target and reference labels, their token and
        statement counts, for :func:`discourse.analysis.figures.plot_keyness`.

    Notes
    -----
    Tokens come from :func:`discourse.text.tokens.tokenize_words`, lower-cased, punctuation
    dropped (quanteda's ``tokens(remove_punct = TRUE)`` then ``dfm()``). Where this differs
    from quanteda's ``textstat_keyness`` (quanteda.textstats), and why:

    - ``measure="lr", correction="default"`` applies Williams' correction, as quanteda's
      documentation says; quanteda's C++ code applies its conditional Yates correction
      instead. Pass ``correction="yates"`` to reproduce quanteda's numbers.
    - G2 uses exact ``x log(x / E)`` terms (0 for an empty cell), where quanteda adds 1e-9
      inside each logarithm; the results differ by less than 1e-8.
    - For ``pmi`` the p-value is NaN: quanteda feeds the PMI itself to the chi-squared
      distribution, which has no statistical meaning.
    - A correction given for ``pmi`` or ``exact`` is an error, not a warning.
    - ``min_count`` is not a quanteda option: quanteda users trim the dfm first, which also
      shrinks T and R; here the totals keep every token, so a word's score does not depend on
      which rarer words are shown.

    Raises
    ------
    AnalysisError
        If the target or the reference holds no statement or no word ("only one side (CN) in
        the 'side' column ...").
    ParameterError
        For an unknown measure, correction, language or stop-word list.

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"side": ["CN", "KH"], "lang": ["en", "en"],
    ...     "text": ["win-win cooperation cooperation", "friendship friendship cooperation"]})
    >>> compute_keyness(st, target="CN", min_count=1, correction="none")[["feature", "n_target"]]
           feature  n_target
    0      win-win         1
    1  cooperation         2
    2   friendship         0
    """
    where = "compute_keyness"
    require_columns(statements, ["text", by], where=where)
    if measure not in MEASURES:
        raise ParameterError(f"{where}: measure={measure!r}; valid values: {', '.join(MEASURES)}")
    if not isinstance(min_count, (int, np.integer)) or min_count < 0:
        raise ParameterError(f"{where}: min_count={min_count!r} must be an integer >= 0")
    score_keyness([], [], 0, 0, measure=measure, correction=correction)  # validates options
    if lang is None and "lang" not in statements.columns:
        raise ParameterError(
            f"{where}: the table has no lang column; pass lang='fr' (or 'en'...) to say the "
            "language of the statements"
        )
    labels = statements[by].astype("object").map(lambda v: None if pd.isna(v) else str(v))
    found = sorted({v for v in labels.dropna()})
    targets = _as_values(target)
    is_target = labels.isin(targets).to_numpy()
    if reference is None:
        references = None
        is_reference = ~is_target
    else:
        references = _as_values(reference)
        overlap = sorted(set(targets) & set(references))
        if overlap:
            raise ParameterError(f"{where}: {', '.join(overlap)} is both target and reference")
        is_reference = labels.isin(references).to_numpy()
    _check_sides(is_target, is_reference, targets, references, by, found, where=where)
    langs = (
        pd.Series(lang, index=statements.index) if lang is not None
        else statements["lang"].astype("object")
    )
    cache: dict[str, tuple[frozenset[str], object]] = {}
    counts = (Counter(), Counter())
    for text, lg, t, r in zip(statements["text"].tolist(), langs.tolist(), is_target, is_reference):
        if not (t or r):
            continue
        lg = None if lg is None or pd.isna(lg) or str(lg) == "" else str(lg)
        if lg not in cache:
            stops = _stopword_set(stopwords, lg, where=where)
            stemmer = _stemmer(lg or "", where=where) if stem else None
            cache[lg] = (stops, stemmer)
        stops, stemmer = cache[lg]
        words = _features("" if pd.isna(text) else str(text), lg or "", stops, stemmer)
        counts[0 if t else 1].update(words)
    target_label = "+".join(targets)
    reference_label = "reference" if references is None else "+".join(references)
    totals = [sum(c.values()) for c in counts]
    for total, name in zip(totals, (target_label, reference_label)):
        if total == 0:
            raise AnalysisError(
                f"{where}: the {name} statements hold no word (after removing stop words); "
                "keyness needs words on both sides"
            )
    features = sorted(set(counts[0]) | set(counts[1]))
    a = np.array([counts[0][f] for f in features], dtype=np.int64)
    b = np.array([counts[1][f] for f in features], dtype=np.int64)
    keep = (a + b) >= min_count
    features = [f for f, k in zip(features, keep) if k]
    a, b = a[keep], b[keep]
    stat, p = score_keyness(a, b, totals[0], totals[1], measure=measure, correction=correction)
    out = pd.DataFrame({
        "feature": pd.Series(features, dtype=object), "n_target": a, "n_reference": b,
        "statistic": stat, "p": p,
    })
    out = out.sort_values(["statistic", "feature"], ascending=[False, True], kind="mergesort")
    out = out.reset_index(drop=True)
    effective = correction
    if correction == "default":
        effective = {"chi2": "yates", "lr": "williams"}.get(measure, "none")
    out.attrs.update({
        "measure": measure, "correction": effective, "by": by,
        "target": target_label, "reference": reference_label,
        "n_target_tokens": totals[0], "n_reference_tokens": totals[1],
        "n_target_statements": int(is_target.sum()),
        "n_reference_statements": int(is_reference.sum()),
    })
    return out


def _check_sides(is_target, is_reference, targets, references, by, found, *, where) -> None:
    noun = "side" if by == "side" else "value"
    if not is_target.any():
        if len(found) < 2:
            raise AnalysisError(
                f"{where}: only {'one' if found else 'no'} {noun}"
                f"{' (' + found[0] + ')' if found else ''} in the {by!r} column; keyness needs "
                f"two: found values {', '.join(found) or '(none)'}"
            )
        raise AnalysisError(
            f"{where}: target={'+'.join(targets)!r} is not in the {by!r} column; found values "
            f"{', '.join(found) or '(none)'}"
        )
    if not is_reference.any():
        wanted = "every other statement" if references is None else "+".join(references)
        raise AnalysisError(
            f"{where}: the reference ({wanted}) holds no statement: only one {noun} "
            f"({'+'.join(targets)}) in the {by!r} column; keyness needs two: found values "
            f"{', '.join(found) or '(none)'}"
        )
