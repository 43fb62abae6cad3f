"""Keyness: which words one group of statements uses more (or less) than another.

:func:`compute_keyness` follows quanteda's ``textstat_keyness`` (package quanteda.textstats):
it counts the words (features) of the target and the reference statements and scores each
with :func:`discourse.analysis.keyness_scores.score_keyness` (chi-squared, G2, PMI or
Fisher's exact test; the 2 x 2 table and the corrections are explained there).

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.keyness import compute_keyness
>>> st = pd.DataFrame({"side": ["CN", "KH"], "lang": ["en", "en"],
...     "text": ["cooperation cooperation", "friendship"]})
>>> compute_keyness(st, target="CN", min_count=1)["feature"].tolist()
['cooperation', 'friendship']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import AnalysisError, ParameterError
from ..schema import require_columns
from ..text.tokens import tokenize_words
from .keyness_scores import MEASURES, check_keyness_options, score_keyness

__all__ = ["compute_keyness", "KEYNESS_COLUMNS", "SNOWBALL_LANGUAGES"]

#: Columns of the table returned by :func:`compute_keyness`.
KEYNESS_COLUMNS = ("feature", "n_target", "n_reference", "statistic", "p")

#: ISO 639-1 code -> nltk Snowball stemmer name.
SNOWBALL_LANGUAGES = {
    "ar": "arabic", "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish",
    "fr": "french", "de": "german", "hu": "hungarian", "it": "italian", "no": "norwegian",
    "nb": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish",
    "sv": "swedish",
}

_WORD = re.compile(r"\w")


# --------------------------------------------------------------------------- tokens

def _stopword_set(spec, lang: str | None, *, where: str) -> frozenset[str]:
    if spec is None:
        return frozenset()
    if isinstance(spec, str):
        code = lang if spec == "auto" else spec
        if code is None:
            return frozenset()
        # stopwordsiso is a data package: loaded on first use only
        import stopwordsiso

        if not stopwordsiso.has_lang(code):
            raise ParameterError(
                f"{where}: stopwords={spec!r}: no stop-word list for the language {code!r} in "
                "stopwordsiso; give 'fr', 'en', 'auto', a list of words, or None"
            )
        return frozenset(w.lower() for w in stopwordsiso.stopwords(code))
    return frozenset(str(w).lower().replace("\u2019", "'") for w in spec)


def _stemmer(lang: str, *, where: str):
    # nltk is slow to import and only needed with stem=True: imported on first use
    from nltk.stem.snowball import SnowballStemmer

    name = SNOWBALL_LANGUAGES.get(lang)
    if name is None:
        raise ParameterError(
            f"{where}: stem=True: no Snowball stemmer for the language {lang!r}; valid "
            f"languages: {', '.join(sorted(SNOWBALL_LANGUAGES))}"
        )
    return SnowballStemmer(name)


def _features(text: str, lang: str, stops: frozenset[str], stemmer) -> list[str]:
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
        ``"default"``, ``"yates"``, ``"williams"`` or ``"none"``; see
        :func:`discourse.analysis.keyness_scores.score_keyness`.
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
        statement counts, for :func:`discourse.analysis.figures.keyness.plot_keyness`.

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
    check_keyness_options(measure, correction)
    if lang is None and "lang" not in statements.columns:
        raise ParameterError(
            f"{where}: the table has no lang column; pass lang='fr' (or 'en'...) to say the "
            "language of the statements"
        )
    is_target, is_reference, targets, references = _sides(statements, by, target, reference,
                                                          where=where)
    langs = (
        pd.Series(lang, index=statements.index) if lang is not None
        else statements["lang"].astype("object")
    )
    counts = _count_words(statements["text"].tolist(), langs.tolist(), is_target, is_reference,
                          stopwords=stopwords, stem=stem, where=where)
    target_label = "+".join(targets)
    reference_label = "reference" if references is None else "+".join(references)
    totals = [sum(c.values()) for c in counts]
    for total, name in zip(totals, (target_label, reference_label)):
        if total == 0:
            raise AnalysisError(
                f"{where}: the {name} statements hold no word (after removing stop words); "
                "keyness needs words on both sides"
            )
    out = _scored(counts, totals, min_count=min_count, measure=measure, correction=correction)
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


def _sides(statements: pd.DataFrame, by: str, target, reference, *, where: str):
    """Which statements are the target and the reference, and their labels."""
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
    return is_target, is_reference, targets, references


def _count_words(texts: list, langs: list, is_target, is_reference, *, stopwords, stem: bool,
                 where: str) -> tuple[Counter, Counter]:
    """The word counts of the target and of the reference statements."""
    cache: dict[str | None, tuple[frozenset[str], object]] = {}
    counts = (Counter(), Counter())
    for text, lg, t, r in zip(texts, langs, is_target, is_reference):
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
    return counts


def _scored(counts, totals, *, min_count: int, measure: str, correction: str) -> pd.DataFrame:
    """The keyness table of the features seen at least ``min_count`` times."""
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
    return out.reset_index(drop=True)


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
