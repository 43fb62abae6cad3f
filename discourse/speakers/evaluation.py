"""Evaluation of speaker attribution against a hand-written gold standard.

:func:`read_attribution_gold` reads an evaluation set written as YAML files (one document per
file: ``id``, ``lang``, ``date``, ``source``, ``notes`` and ``paragraphs``, a list of
paragraphs, each a list of sentences ``{speaker, cue, text}``; the document text is the
sentences of a paragraph joined by one space, paragraphs joined by a blank line).
:func:`evaluate_attribution` aligns each gold sentence with the attributed statement that
overlaps it most (by character offsets, so it does not depend on the segmentation) and
reports statement-level accuracy, accuracy by language and by gold cue, a speaker × speaker
confusion table and the list of errors with their context.

Examples
--------
>>> from discourse.speakers.evaluation import read_attribution_gold, gold_statements
>>> documents, gold = read_attribution_gold("tests/data/attribution_fixtures")
>>> sorted(documents["lang"].unique())
['en', 'fr']
>>> ev = evaluate_attribution(attribute_speakers(gold_statements(documents, gold)), gold)
>>> ev.accuracy > 0.9
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .actors import Actors, slug_name
from .attribution import attribute_speakers  # noqa: F401  (used in the doctest)
from ..errors import ContractError, CorpusError
from ..schema import require_columns

__all__ = ["AttributionEvaluation", "read_attribution_gold", "gold_statements",
           "evaluate_attribution", "known_gold_ids"]

_DOC_KEYS = {"id", "lang", "date", "source", "notes", "paragraphs", "title"}
_SENT_KEYS = {"speaker", "cue", "text"}
GOLD_COLUMNS = ("doc_id", "n", "paragraph", "sentence", "start", "end", "text", "speaker",
                "cue", "lang")


def read_attribution_gold(folder: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read an attribution evaluation set: the documents and the gold sentences.

    Parameters
    ----------
    folder
        A folder of ``*.yml`` documents (``actors.yml`` is skipped).

    Returns
    -------
    documents : pandas.DataFrame
        The documents table (doc_id, text, lang, date, title, source, path).
    gold : pandas.DataFrame
        One row per gold sentence: doc_id, n (1-based in the document), paragraph, sentence,
        start, end (offsets into the document text), text, speaker, cue, lang.

    Raises
    ------
    CorpusError
        If a file is malformed (the message names the file and the field).

    Examples
    --------
    >>> docs, gold = read_attribution_gold("tests/data/attribution_fixtures")
    >>> row = gold.iloc[0]
    >>> docs.set_index("doc_id").loc[row.doc_id, "text"][row.start:row.end] == row.text
    True
    """
    root = Path(folder)
    files = sorted(p for p in root.glob("*.yml") if p.name != "actors.yml")
    if not files:
        raise CorpusError(f"{root}: no evaluation files (*.yml other than actors.yml) found")
    docs, rows = [], []
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            raise CorpusError(f"{path}: not a valid UTF-8 YAML file: {err}") from None
        if not isinstance(data, dict) or "paragraphs" not in data:
            raise CorpusError(f"{path}: expected a mapping with id, lang, date, paragraphs")
        unknown = sorted(set(data) - _DOC_KEYS)
        if unknown:
            raise CorpusError(f"{path}: unknown key(s) {', '.join(unknown)}; valid keys: "
                              f"{', '.join(sorted(_DOC_KEYS))}")
        doc_id = str(data.get("id") or path.stem)
        pieces, pos, n = [], 0, 0
        for p, par in enumerate(data["paragraphs"] or [], 1):
            if p > 1:
                pieces.append("\n\n")
                pos += 2
            if not isinstance(par, list) or not par:
                raise CorpusError(f"{path}: paragraph {p} must be a non-empty list of "
                                  "sentences {speaker, cue, text}")
            for s, sent in enumerate(par, 1):
                where = f"{path}: paragraph {p} sentence {s}"
                if not isinstance(sent, dict) or set(sent) - _SENT_KEYS or "text" not in sent \
                        or "speaker" not in sent:
                    raise CorpusError(f"{where}: expected keys speaker, cue, text; got {sent!r}")
                text = str(sent["text"])
                if s > 1:
                    pieces.append(" ")
                    pos += 1
                n += 1
                rows.append((doc_id, n, p, s, pos, pos + len(text), text,
                             str(sent["speaker"]), str(sent.get("cue") or ""),
                             str(data.get("lang") or "")))
                pieces.append(text)
                pos += len(text)
        date = data.get("date")
        docs.append({"doc_id": doc_id, "text": "".join(pieces), "lang": data.get("lang"),
                     "date": None if date is None else str(date),
                     "title": data.get("title") or "", "source": data.get("source") or "",
                     "path": str(path)})
    documents = pd.DataFrame(docs)
    if documents["doc_id"].duplicated().any():
        dup = documents.loc[documents["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise CorpusError(f"{root}: the id {dup!r} is used by two files; ids must be unique")
    return documents, pd.DataFrame(rows, columns=list(GOLD_COLUMNS))


def gold_statements(documents: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """A statements table cut exactly at the gold sentences (to evaluate attribution alone).

    Examples
    --------
    >>> docs, gold = read_attribution_gold("tests/data/attribution_fixtures")
    >>> st = gold_statements(docs, gold)
    >>> list(st.columns[:4])
    ['doc_id', 'stmt_id', 'paragraph', 'sentence']
    """
    meta = documents.set_index("doc_id")
    st = pd.DataFrame({
        "doc_id": gold["doc_id"].to_numpy(),
        "stmt_id": [f"{d}.{n}" for d, n in zip(gold["doc_id"], gold["n"])],
        "paragraph": gold["paragraph"].to_numpy(),
        "sentence": gold["sentence"].to_numpy(),
        "start": gold["start"].to_numpy(),
        "end": gold["end"].to_numpy(),
        "text": gold["text"].to_numpy(),
        "n_tokens": [len(t.split()) for t in gold["text"]],
    })
    for col in ("lang", "date", "title", "source"):
        st[col] = meta.loc[st["doc_id"], col].to_numpy()
    return st


@dataclass(frozen=True)
class AttributionEvaluation:
    """The result of :func:`evaluate_attribution`.

    Attributes
    ----------
    accuracy
        Share of gold sentences whose aligned statement has the gold speaker.
    n
        Number of gold sentences.
    aligned
        One row per gold sentence: its gold fields, the aligned stmt_id, the predicted
        speaker, cue, confidence, and ``correct``.
    by_lang, by_cue
        Accuracy (n, n_correct, accuracy) per language and per gold cue.
    cue_accuracy
        Share of gold sentences whose predicted cue equals the gold cue.
    confusion
        Gold speaker (rows) × predicted speaker (columns) counts.
    errors
        The wrong rows of ``aligned`` with the previous and next gold sentences as context.
    """

    accuracy: float
    n: int
    aligned: pd.DataFrame
    by_lang: pd.DataFrame
    by_cue: pd.DataFrame
    cue_accuracy: float
    confusion: pd.DataFrame
    errors: pd.DataFrame

    def __repr__(self) -> str:
        return f"AttributionEvaluation(accuracy={self.accuracy:.3f}, n={self.n})"


def _align(attributed: pd.DataFrame, gold: pd.DataFrame) -> np.ndarray:
    """Index (position in ``attributed``) of the statement overlapping each gold row most."""
    out = np.full(len(gold), -1, dtype=np.int64)
    att = attributed.reset_index(drop=True)
    by_doc = {d: g for d, g in att.groupby("doc_id", sort=False)}
    for d, g in gold.reset_index(drop=True).groupby("doc_id", sort=False):
        st = by_doc.get(d)
        if st is None:
            continue
        s0, e0 = st["start"].to_numpy(np.int64), st["end"].to_numpy(np.int64)
        for i, gs, ge in zip(g.index, g["start"].to_numpy(), g["end"].to_numpy()):
            overlap = np.minimum(e0, ge) - np.maximum(s0, gs)
            k = int(np.argmax(overlap))
            if overlap[k] > 0:
                out[i] = st.index[k]
    return out


def _rate(df: pd.DataFrame, by: str) -> pd.DataFrame:
    g = df.groupby(by, sort=True)["correct"]
    res = pd.DataFrame({"n": g.size(), "n_correct": g.sum().astype(int)})
    res["accuracy"] = res["n_correct"] / res["n"]
    return res.reset_index()


def evaluate_attribution(
    attributed: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    context: int = 1,
) -> AttributionEvaluation:
    """Compare attributed statements with gold speakers, sentence by sentence.

    Parameters
    ----------
    attributed
        The attributed table (:func:`discourse.attribute_speakers`) of the gold documents.
    gold
        Gold sentences with doc_id, start, end, text, speaker and optionally cue, lang (as
        returned by :func:`read_attribution_gold`).
    context
        Number of gold sentences shown before and after each error.

    Returns
    -------
    AttributionEvaluation

    Raises
    ------
    ContractError
        If a needed column is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> att = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "start": [0, 10],
    ...     "end": [9, 20], "text": ["a", "b"], "speaker": ["xi_jinping", "narrator"],
    ...     "cue": ["explicit", "narrator"], "confidence": [0.9, 0.6]})
    >>> gold = pd.DataFrame({"doc_id": "d", "start": [0, 10], "end": [9, 20],
    ...     "text": ["a", "b"], "speaker": ["xi_jinping", "hun_sen"], "cue": "explicit",
    ...     "lang": "fr"})
    >>> ev = evaluate_attribution(att, gold)
    >>> ev.accuracy, ev.errors["predicted"].tolist()
    (0.5, ['narrator'])
    """
    require_columns(attributed, ["doc_id", "stmt_id", "start", "end", "speaker", "cue"],
                    where="evaluate_attribution(attributed)")
    require_columns(gold, ["doc_id", "start", "end", "text", "speaker"],
                    where="evaluate_attribution(gold)")
    if len(gold) == 0:
        raise ContractError("evaluate_attribution: the gold table is empty")
    g = gold.reset_index(drop=True).copy()
    for col in ("cue", "lang"):
        if col not in g.columns:
            g[col] = ""
    att = attributed.reset_index(drop=True)
    idx = _align(att, g)
    found = idx >= 0
    take = lambda col, default: np.where(  # noqa: E731
        found, att[col].astype(object).to_numpy()[np.maximum(idx, 0)] if len(att) else default,
        default)
    aligned = g[["doc_id", "start", "end", "text", "lang", "speaker", "cue"]].rename(
        columns={"speaker": "gold", "cue": "gold_cue"})
    aligned["stmt_id"] = take("stmt_id", None)
    aligned["predicted"] = take("speaker", "(no statement)")
    aligned["predicted_cue"] = take("cue", "")
    aligned["cue_text"] = take("cue_text", "") if "cue_text" in att else ""
    aligned["confidence"] = (take("confidence", np.nan).astype(float)
                             if "confidence" in att else np.nan)
    aligned["correct"] = aligned["gold"].astype(str) == aligned["predicted"].astype(str)
    texts = aligned["text"].tolist()
    docs = aligned["doc_id"].tolist()

    def ctx(i: int, step: int) -> str:
        out = []
        for k in range(1, context + 1):
            j = i + step * k
            if 0 <= j < len(texts) and docs[j] == docs[i]:
                out.append(texts[j])
        return " | ".join(out[::step])

    errors = aligned.loc[~aligned["correct"]].copy()
    errors.insert(3, "before", [ctx(i, -1) for i in errors.index])
    errors.insert(5, "after", [ctx(i, 1) for i in errors.index])
    confusion = pd.crosstab(aligned["gold"].astype(str), aligned["predicted"].astype(str),
                            rownames=["gold"], colnames=["predicted"])
    return AttributionEvaluation(
        accuracy=float(aligned["correct"].mean()),
        n=len(aligned),
        aligned=aligned,
        by_lang=_rate(aligned, "lang"),
        by_cue=_rate(aligned, "gold_cue"),
        cue_accuracy=float((aligned["gold_cue"].astype(str)
                            == aligned["predicted_cue"].astype(str)).mean()),
        confusion=confusion,
        errors=errors.reset_index(drop=True),
    )


def known_gold_ids(gold_ids: pd.Series, actors: Actors) -> tuple[pd.Series, int]:
    """Read each gold id that is the slug of an actor's full Latin alias as that actor's id.

    Gold labels name a person outside the actors file by the fullest form in their document
    ("shehbaz_sharif"), so one person may have several gold ids; with the known people
    merged into ``actors`` (:func:`~discourse.speakers.known_people.with_known_people`),
    such an id is read as the person's id. The labels themselves are never changed. A slug
    shared by several actors is left as it is.

    Returns
    -------
    (pandas.Series, int)
        The gold ids, and how many were mapped.

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.known_people import with_known_people
    >>> ids, n = known_gold_ids(pd.Series(["shehbaz_sharif", "narrator"]),
    ...                         with_known_people(read_actors()))
    >>> ids.tolist(), n
    (['muhammad_shehbaz_sharif', 'narrator'], 1)
    """
    index: dict[str, set[str]] = {}
    for actor in actors.actors.values():
        for lang in ("en", "fr"):
            for alias in actor.aliases.get(lang, ()):
                if " " in alias.strip():
                    index.setdefault(slug_name(alias), set()).add(actor.id)
    mapping = {slug: next(iter(ids)) for slug, ids in index.items()
               if len(ids) == 1 and slug not in actors.actors}
    out = gold_ids.map(lambda g: mapping.get(g, g) if isinstance(g, str) else g)
    return out, int((out != gold_ids).sum())
