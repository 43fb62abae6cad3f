"""The per-document stages on a batch of documents: statements, speakers, themes.

Every stage from statements to themes depends on one document at a time, so a corpus can be
processed batch by batch (streaming, processes, Dask partitions) with the same result as in
one piece. :func:`process_batch` runs those stages; :func:`format_batch` also formats the
batch's rows as the run's CSV files will hold them and counts its themes, which is all a
streamed run needs to send back from a worker.

Examples
--------
>>> import pandas as pd
>>> from discourse.coding.codebook import read_codebook
>>> from discourse.speakers.actors import read_actors
>>> docs = pd.DataFrame({"doc_id": ["d"], "lang": ["en"],
...                      "text": ["Xi Jinping said both sides support mutual trust."]})
>>> _, _, coded, _ = process_batch(docs, actors=read_actors(), codebook=read_codebook())
>>> coded[["stmt_id", "speaker"]].values.tolist()
[['d.1', 'xi_jinping']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analysis.counts import count_themes
from ..coding.codebook import Codebook
from ..coding.themes import code_themes, find_matches
from ..io.export import format_csv
from ..io.order import order_coded, order_matches
from ..lang.unspaced import segmentation_terms
from ..speakers.actors import Actors
from ..speakers.attribution import attribute_speakers
from ..text.statements import split_statements
from .options import RunOptions
from .run_files import COUNT_GROUPINGS

__all__ = ["process_batch", "format_batch", "document_spans"]


def process_batch(
    documents: pd.DataFrame,
    *,
    actors: Actors,
    codebook: Codebook,
    options: RunOptions | None = None,
    warn_ambiguous: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Run the per-document stages on a batch of documents.

    Parameters
    ----------
    documents
        The documents table (or a batch of it).
    actors, codebook
        The actors and the codebook (objects, already read).
    options
        The coding options (``levels``, ``fold_accents``, ``nested_scope``, ``names``) and
        the attribution's ``parser`` of a :class:`~discourse.pipeline.options.RunOptions`;
        None: the defaults.
    warn_ambiguous
        As for :func:`~discourse.speakers.attribution.attribute_speakers` (False: the caller
        sums up the ambiguous aliases, ``attributed.attrs["ambiguous_aliases"]``).

    Returns
    -------
    statements, attributed, coded, matches : DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.coding.codebook import read_codebook
    >>> from discourse.speakers.actors import read_actors
    >>> docs = pd.DataFrame({"doc_id": ["d"], "lang": ["en"], "text": ["Peace. War."]})
    >>> statements, *_ = process_batch(docs, actors=read_actors(), codebook=read_codebook())
    >>> statements["stmt_id"].tolist()
    ['d.1', 'd.2']
    """
    options = options or RunOptions()
    coding = options.coding
    statements = split_statements(
        documents, terms=segmentation_terms(actors=actors, codebook=codebook))
    attributed = attribute_speakers(statements, actors=actors, parser=options.parser,
                                    warn_ambiguous=warn_ambiguous,
                                    known_people=options.known_people)
    matches = find_matches(attributed, codebook=codebook, **coding)
    coded = code_themes(attributed, codebook=codebook, matches=matches, **coding)
    return statements, attributed, coded, matches


def document_spans(body: bytes, doc_ids: np.ndarray) -> list[tuple[str, int]]:
    """(doc_id, bytes) of each document's rows in a CSV body sorted by document.

    A row ends at a line feed outside quotes (quoted fields may hold line breaks).

    Examples
    --------
    >>> document_spans(b'a,1\\na,"x\\ny"\\nb,2\\n', np.array(["a", "a", "b"]))
    [('a', 12), ('b', 4)]
    """
    if not len(doc_ids):
        return []
    b = np.frombuffer(body, np.uint8)
    quotes = np.cumsum(b == 34)
    nl = np.flatnonzero(b == 10)
    ends = nl[quotes[nl] % 2 == 0] + 1
    last = np.append(np.flatnonzero(doc_ids[1:] != doc_ids[:-1]), len(doc_ids) - 1)
    stop = ends[last]
    sizes = np.diff(np.concatenate(([0], stop)))
    return list(zip(doc_ids[last].tolist(), sizes.tolist()))


def format_batch(documents: pd.DataFrame, *, actors: Actors, codebook: Codebook,
                 options: RunOptions) -> dict:
    """Process one batch and format its rows: what a streamed run's writer needs.

    Returns
    -------
    dict
        ``n_documents``, ``n_statements``, ``n_matches``; ``coded`` and ``matches``: the
        CSV header, the body and :func:`document_spans` of the body; for each table of
        :data:`~discourse.pipeline.run_files.COUNT_GROUPINGS`, the batch's theme counts; and
        ``ambiguous``: the records of the batch's ambiguous aliases (not warned about: the
        run sums them up once).

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.coding.codebook import read_codebook
    >>> from discourse.speakers.actors import read_actors
    >>> docs = pd.DataFrame({"doc_id": ["d"], "lang": ["en"], "text": ["Peace."]})
    >>> out = format_batch(docs, actors=read_actors(), codebook=read_codebook(),
    ...                    options=RunOptions())
    >>> out["n_statements"], out["coded"][0].split(b",")[:2]
    (1, [b'doc_id', b'stmt_id'])
    """
    _, attributed, coded, matches = process_batch(documents, actors=actors, codebook=codebook,
                                                  options=options, warn_ambiguous=False)
    coded = order_coded(coded)
    matches = order_matches(matches)
    out = {"n_documents": len(documents), "n_statements": len(coded),
           "n_matches": len(matches), "ambiguous": attributed.attrs["ambiguous_aliases"]}
    for name, table in (("coded", coded), ("matches", matches)):
        head, _, body = format_csv(table).partition(b"\n")
        out[name] = (head, body, document_spans(body, table["doc_id"].astype(str).to_numpy()))
    for name, by in COUNT_GROUPINGS.items():
        out[name] = count_themes(coded, by=by, matches=matches)
    return out
