"""Keyness of rhetoric: the words each side uses, without its reporting clauses and names.

Plain keyness over whole statements is led by the reporting clause ("Xi a déclaré que", "Hun
Sen noted"): the speakers' names, titles and reporting verbs are trivially words of their
side. :func:`compute_rhetoric_keyness` counts the words of what is *said*:

1. the reporting clause is cut out of each statement (:func:`strip_reporting_clauses`): the
   cue span of the attribution stage (``cue_start``/``cue_end`` when the table has them,
   otherwise ``cue_text`` found inside the statement);
2. stop words by default: the language's stop words (stopwordsiso and the language's own
   list), every word of the actors' names, aliases and titles (the actors file) and of the
   language's title words (``name_titles``: Mr, H.E., président...), and every form of the
   language's reporting verbs (``discourse/lang/<code>/cues.yml``, or the speech verbs of
   ``attribution.yml`` for Chinese and Khmer);
3. one list per language (never pooled unless ``pooled=True``, which says so in the ``lang``
   column), since coopération and cooperation would otherwise compete;
4. a word is listed only if the side that uses it more uses it in at least ``min_readouts``
   readouts, so that one readout's vocabulary cannot dominate.

Examples
--------
>>> import pandas as pd
>>> from discourse.analysis.rhetoric import strip_reporting_clauses
>>> st = pd.DataFrame({"text": ["Xi said that peace matters."], "cue_text": ["Xi said"]})
>>> strip_reporting_clauses(st)["content"].tolist()
['  that peace matters.']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import AnalysisError, ParameterError
from ..lang import get_language, is_supported, normalize_lang
from ..schema import require_columns
from ..speakers.actors import Actors, read_actors
from ..speakers.verb_forms import verb_forms
from ..text.normalize import normalize_text
from ..text.tokens import tokenize_words
from .keyness import _sides, _stemmer
from .keyness_scores import MEASURES, check_keyness_options, score_keyness

__all__ = ["strip_reporting_clauses", "compute_rhetoric_keyness", "rhetoric_stopwords",
           "RHETORIC_COLUMNS"]

#: Columns of the table returned by :func:`compute_rhetoric_keyness`.
RHETORIC_COLUMNS = ("lang", "feature", "n_target", "n_reference", "n_readouts_target",
                    "n_readouts_reference", "statistic", "p")


def _fold(word: str) -> str:
    return normalize_text(word, fold_accents=True).norm.replace("\u2019", "'")


def _cue_span(text: str, row: dict) -> tuple[int, int] | None:
    """The reporting clause's span inside the statement's text, or None."""
    cue = row.get("cue_text")
    cue = "" if cue is None or (isinstance(cue, float) and np.isnan(cue)) else str(cue)
    start, end = row.get("cue_start"), row.get("cue_end")
    if start is not None and end is not None and not (pd.isna(start) or pd.isna(end)):
        base = int(row.get("start") or 0)
        for a, b in ((int(start) - base, int(end) - base), (int(start), int(end))):
            if 0 <= a < b <= len(text) and (not cue or text[a:b] == cue):
                return a, b
    if cue:
        at = text.find(cue)
        if at >= 0:
            return at, at + len(cue)
    return None


def strip_reporting_clauses(statements: pd.DataFrame, *, column: str = "content") -> pd.DataFrame:
    """A copy of the table with ``column``: each statement's text without its reporting clause.

    The clause is the attribution's cue span: ``cue_start``/``cue_end`` when present (offsets
    into the document, or into the statement), else the first occurrence of ``cue_text`` in
    the statement. It is replaced by one space; a statement without a cue keeps its text.

    Examples
    --------
    >>> st = pd.DataFrame({"text": ["Peace matters, he said."], "start": [100],
    ...                    "cue_text": ["he said"], "cue_start": [115], "cue_end": [122]})
    >>> strip_reporting_clauses(st)["content"].tolist()
    ['Peace matters,  .']
    """
    require_columns(statements, ["text"], where="strip_reporting_clauses")
    fields = [c for c in ("cue_text", "cue_start", "cue_end", "start") if c in statements.columns]
    out = statements.copy()
    contents = []
    for text, values in zip(out["text"].tolist(), out[fields].to_dict("records")):
        text = "" if pd.isna(text) else str(text)
        span = _cue_span(text, values)
        contents.append(text if span is None else text[:span[0]] + " " + text[span[1]:])
    out[column] = pd.Series(contents, index=out.index, dtype=object)
    return out


def _words_of(phrases: Iterable[str], lang: str) -> set[str]:
    return {_fold(w.lower()) for p in phrases for w in tokenize_words(p, lang=lang)}


def _actor_words(actors: Actors, lang: str) -> set[str]:
    phrases: list[str] = []
    for actor_id in actors:
        actor = actors[actor_id]
        phrases.append(actor.name)
        for names in actor.aliases.values():
            phrases += names
        for title in actor.titles:
            for names in title.aliases.values():
                phrases += names
    return _words_of(phrases, lang)


def _verb_words(lang: str) -> set[str]:
    """Every form of the language's reporting verbs (cues.yml; attribution.yml for the
    unspaced languages' speech verbs)."""
    if not is_supported(lang):
        return set()
    language = get_language(lang)
    verbs = language.data("cues").get("reporting_verbs") or []
    forms = verb_forms(verbs, lang, f"discourse/lang/{lang}/cues.yml")
    words = {w for role in forms.values() for form in role for w in form.split()}
    return words | _words_of(language.data("attribution").get("speech_verbs") or [], lang)


def _title_words(lang: str) -> set[str]:
    """Titles from the language's data: the abbreviated honorifics of ``name_titles`` (Mr.,
    H.E., M.; its other entries are words that may occur in a title, such as "coopération"
    in "ministre de la Coopération", not titles) and the titles of ``attribution.yml``
    (主席, សម្តេច...)."""
    if not is_supported(lang):
        return set()
    language = get_language(lang)
    honorifics = [t for t in language.data("cues").get("name_titles") or []
                  if len(str(t).split()) == 1 and str(t).endswith(".")]
    titles = honorifics + list(language.data("attribution").get("titles") or [])
    return {_fold(str(t).lower()) for t in titles}


def rhetoric_stopwords(lang: str, *, actors: Actors | str | None = None,
                       stopwords: bool = True, actor_names: bool = True,
                       reporting_verbs: bool = True) -> frozenset[str]:
    """The (case- and accent-folded) stop words of rhetoric keyness in a language.

    Examples
    --------
    >>> words = rhetoric_stopwords("en")
    >>> {"xi", "jinping", "hun", "sen", "president", "said", "stressed", "the"} <= words
    True
    """
    words: set[str] = set()
    if stopwords:
        # stopwordsiso is a data package: loaded on first use only
        import stopwordsiso

        if stopwordsiso.has_lang(lang):
            words |= {_fold(w.lower()) for w in stopwordsiso.stopwords(lang)}
        if is_supported(lang):
            words |= {_fold(str(w).lower()) for w in get_language(lang).stop_words}
    if actor_names:
        words |= _actor_words(read_actors(actors), lang) | _title_words(lang)
    if reporting_verbs:
        words |= _verb_words(lang)
    return frozenset(words)


def _features(text: str, lang: str, stops: frozenset[str], stemmer) -> list[str]:
    out = []
    for token in tokenize_words(text, lang=lang):
        word = str(token).lower().replace("\u2019", "'")
        if not any(ch.isalnum() for ch in word) or word.isdigit():
            continue
        folded = _fold(word)
        if folded in stops or folded.rstrip("'") in stops:
            continue
        out.append(stemmer.stem(word) if stemmer is not None else word)
    return out


def _count(texts, clusters, is_target, stops, lang, stemmer):
    counts = (Counter(), Counter())
    readouts = (defaultdict(set), defaultdict(set))
    for text, doc, t in zip(texts, clusters, is_target):
        side = 0 if t else 1
        words = _features(text, lang, stops, stemmer)
        counts[side].update(words)
        for w in set(words):
            readouts[side][w].add(doc)
    return counts, readouts


def _score(counts, readouts, lang_label, *, min_count, min_readouts, measure, correction):
    features = sorted(set(counts[0]) | set(counts[1]))
    a = np.array([counts[0][f] for f in features], dtype=np.int64)
    b = np.array([counts[1][f] for f in features], dtype=np.int64)
    ra = np.array([len(readouts[0][f]) for f in features], dtype=np.int64)
    rb = np.array([len(readouts[1][f]) for f in features], dtype=np.int64)
    totals = int(a.sum()), int(b.sum())
    stat, p = score_keyness(a, b, totals[0], totals[1], measure=measure, correction=correction)
    table = pd.DataFrame({"lang": lang_label, "feature": pd.Series(features, dtype=object),
                          "n_target": a, "n_reference": b, "n_readouts_target": ra,
                          "n_readouts_reference": rb, "statistic": stat, "p": p})
    # the side that uses the word more must use it in at least min_readouts readouts
    favoured = np.where(table["statistic"] >= 0, ra, rb)
    keep = ((a + b) >= min_count) & (favoured >= min_readouts)
    return table[keep], totals


def _check_options(measure, correction, min_count, min_readouts, where):
    if measure not in MEASURES:
        raise ParameterError(f"{where}: measure={measure!r}; valid values: {', '.join(MEASURES)}")
    check_keyness_options(measure, correction, where=where)
    for name, value in (("min_count", min_count), ("min_readouts", min_readouts)):
        if not isinstance(value, (int, np.integer)) or value < 0:
            raise ParameterError(f"{where}: {name}={value!r} must be an integer >= 0")


def compute_rhetoric_keyness(
    coded: pd.DataFrame,
    *,
    target: str | Sequence[str],
    reference: str | Sequence[str] | None = None,
    by: str = "side",
    actors: Actors | str | None = None,
    cluster: str = "doc_id",
    min_readouts: int = 3,
    min_count: int = 3,
    measure: str = "lr",
    correction: str = "default",
    stopwords: bool = True,
    actor_names: bool = True,
    reporting_verbs: bool = True,
    pooled: bool = False,
    stem: bool = False,
) -> pd.DataFrame:
    """Key words of the target's rhetoric against the reference's, one list per language.

    Parameters
    ----------
    coded
        Attributed or coded statements (``text``, ``lang``, ``by``, ``cluster``; ``cue_text``
        or ``cue_start``/``cue_end`` to cut the reporting clause).
    target, reference, by
        As :func:`discourse.analysis.keyness.compute_keyness` (reference None: every other
        statement).
    actors
        The actors file whose names, aliases and titles are stop words (None: the default).
    cluster
        The readout column for ``min_readouts``.
    min_readouts
        A word is listed only if the side that uses it more uses it in this many readouts.
    min_count
        ... and if it occurs this often in both sides together.
    measure, correction
        As :func:`discourse.analysis.keyness_scores.score_keyness` (default G2 with
        Williams' correction).
    stopwords, actor_names, reporting_verbs
        Which stop-word lists to apply (all by default).
    pooled
        Pool the languages into one list (``lang`` is then ``"pooled:fr+en"``).
    stem
        Snowball stems instead of words.

    Returns
    -------
    DataFrame
        Columns :data:`RHETORIC_COLUMNS`, sorted by language, then statistic (descending),
        then feature. ``attrs`` records the options, the token totals per language and the
        languages skipped (no statement of the target or of the reference).

    Raises
    ------
    AnalysisError
        If no language has statements of both the target and the reference.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "lang": "en",
    ...     "side": ["CN", "KH", "CN", "KH"], "cue_text": ["Xi said", "", "Xi said", ""],
    ...     "text": ["Xi said win-win matters.", "Friendship matters.",
    ...              "Xi said win-win grows.", "Friendship grows."]})
    >>> out = compute_rhetoric_keyness(st, target="CN", min_readouts=2, min_count=2)
    >>> out["feature"].tolist()
    ['win-win', 'friendship']
    """
    where = "compute_rhetoric_keyness"
    require_columns(coded, ["text", "lang", by, cluster], where=where)
    _check_options(measure, correction, min_count, min_readouts, where)
    is_target, is_reference, targets, references = _sides(coded, by, target, reference,
                                                          where=where)
    frame = strip_reporting_clauses(coded)
    langs = frame["lang"].map(normalize_lang)
    languages = sorted(set(langs[is_target | is_reference]))
    groups = [("pooled:" + "+".join(languages), languages)] if pooled else \
        [(lg, [lg]) for lg in languages]
    tables, totals, skipped = [], {}, []
    for label, members in groups:
        rows = (langs.isin(members).to_numpy()) & (is_target | is_reference)
        if not (is_target & rows).any() or not (is_reference & rows).any():
            skipped.append(label)
            continue
        counts = (Counter(), Counter())
        readouts = (defaultdict(set), defaultdict(set))
        for lg in members:
            sel = rows & (langs == lg).to_numpy()
            stops = rhetoric_stopwords(lg, actors=actors, stopwords=stopwords,
                                       actor_names=actor_names, reporting_verbs=reporting_verbs)
            stemmer = _stemmer(lg, where=where) if stem else None
            c, r = _count(frame["content"][sel].tolist(), frame[cluster][sel].astype(str).tolist(),
                          is_target[sel], stops, lg, stemmer)
            for side in (0, 1):
                counts[side].update(c[side])
                for w, docs in r[side].items():
                    readouts[side][w] |= docs
        table, totals[label] = _score(counts, readouts, label, min_count=min_count,
                                      min_readouts=min_readouts, measure=measure,
                                      correction=correction)
        tables.append(table)
    if not tables:
        raise AnalysisError(
            f"{where}: no language has statements of both {'+'.join(targets)} and "
            f"{'the reference' if references is None else '+'.join(references)} (languages "
            f"found: {', '.join(languages) or '(none)'}); keyness compares words within a language")
    out = pd.concat(tables, ignore_index=True)
    out = out.sort_values(["lang", "statistic", "feature"], ascending=[True, False, True],
                          kind="mergesort").reset_index(drop=True)
    out.attrs.update({"measure": measure, "target": "+".join(targets),
                      "reference": "reference" if references is None else "+".join(references),
                      "by": by, "tokens": totals, "skipped_languages": skipped,
                      "min_readouts": min_readouts, "pooled": pooled})
    return out[list(RHETORIC_COLUMNS)]
