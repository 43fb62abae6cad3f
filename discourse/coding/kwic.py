"""Key words in context: the matches of a theme, a pattern or any word, shown in their context.

:func:`kwic` finds the matches with :func:`discourse.coding.themes.find_matches` (or, for
``word=``, with a one-theme codebook made of that word) and cuts the context around each
from the statement, or from the whole document when the documents table is given;
:func:`style_kwic` renders that table with the key word highlighted in a notebook.

Examples
--------
>>> import pandas as pd
>>> st = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [0], "lang": ["en"],
...                    "text": ["Both sides reject the Cold War mentality."]})
>>> kwic(st, word="cold war", window=9)[["pre", "keyword", "post"]].values.tolist()
[['ject the ', 'Cold War', ' mentalit']]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import ContractError, ParameterError
from ..schema import require_columns
from .codebook import read_codebook
from .frames import _offsets
from .model import Codebook, Theme
from .themes import _NEEDED, find_matches

__all__ = ["kwic", "style_kwic"]


def kwic(
    coded_or_statements: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    theme: str | None = None,
    pattern: str | None = None,
    word: str | None = None,
    window: int = 40,
    codebook=None,
    fold_accents: bool = False,
    nested_scope: str = "theme",
    lang: str | None = None,
) -> pd.DataFrame:
    """Key words in context: each match of a theme, a pattern or any word, with its context.

    Parameters
    ----------
    coded_or_statements
        Statements, attributed or coded (at least doc_id, stmt_id, start, text).
    documents
        The documents table (doc_id, text): the context then runs across statement
        boundaries; without it, the context stops at the statement's edges.
    theme
        A theme id: its matches and its sub-themes' (None: every theme).
    pattern
        A pattern of the codebook, exactly as written there: the matches it made.
    word
        Any word, phrase or glob (pattern syntax), whether or not in the codebook; cannot be
        combined with ``theme`` or ``pattern``.
    window
        Characters of context on each side (white space runs shown as one space).
    codebook, fold_accents, nested_scope, lang
        As in :func:`find_matches`.

    Returns
    -------
    pandas.DataFrame
        doc_id, stmt_id, speaker (missing if the input has no speakers), pre, keyword, post,
        theme ('' for ``word=``), pattern, start, end (offsets into the document).

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [0], "lang": ["fr"],
    ...                    "text": ["Il a salué l’amitié de fer entre les deux pays."]})
    >>> kwic(st, word="amitié", window=13)[["pre", "keyword", "post"]]
                 pre keyword           post
    0  Il a salué l’  amitié   de fer entre
    """
    where = "kwic"
    require_columns(coded_or_statements, _NEEDED, where=where)
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise ParameterError(f"{where}: window={window!r} is not valid; give a number of "
                             "characters >= 0")
    df = coded_or_statements
    options = {"fold_accents": fold_accents, "nested_scope": nested_scope, "lang": lang}
    if word is not None:
        if theme is not None or pattern is not None:
            raise ParameterError(f"{where}: give word= alone, or theme= and/or pattern= "
                                 "(codebook matches), not both")
        cb = Codebook("kwic", "0", themes=(Theme("word", "word", patterns={"*": (word,)}),))
        found = find_matches(df, codebook=cb, **options)
        found["theme"] = ""
    else:
        cb = read_codebook(codebook)
        found = find_matches(df, codebook=cb, **options)
        if theme is not None:
            if theme not in cb.ids:
                raise ParameterError(f"{where}: theme={theme!r} is not in codebook {cb.id!r}; "
                                     f"themes: {', '.join(cb.ids)}")
            keep = (found["theme"] == theme) | found["theme"].str.startswith(theme + ".")
            found = found[keep]
        if pattern is not None:
            known = {p for t in cb.themes for ps in t.patterns.values() for p in ps}
            if pattern not in known:
                raise ParameterError(f"{where}: pattern={pattern!r} is not a pattern of "
                                     f"codebook {cb.id!r}; use word= to search any word")
            found = found[found["pattern"] == pattern]
    found = found.reset_index(drop=True)
    if documents is not None:
        require_columns(documents, ["doc_id", "text"], where=f"{where} (documents=)")
        doc_text = dict(zip(documents["doc_id"], documents["text"]))
        missing = sorted(set(found["doc_id"]) - set(doc_text))
        if missing:
            raise ContractError(f"{where}: documents lacks doc_id(s) {missing[:3]}")
        ctx = [doc_text[d] for d in found["doc_id"]]
        s, e = found["start"].tolist(), found["end"].tolist()
    else:
        by_id = pd.Index(df["stmt_id"])
        pos = by_id.get_indexer(found["stmt_id"])
        ctx = [df["text"].iloc[i] for i in pos]
        base = _offsets(df, where)[pos]
        s = (found["start"].to_numpy() - base).tolist()
        e = (found["end"].to_numpy() - base).tolist()
    space = re.compile(r"\s+")
    speaker = (df.set_index("stmt_id")["speaker"].reindex(found["stmt_id"]).tolist()
               if "speaker" in df.columns else [pd.NA] * len(found))
    return pd.DataFrame({
        "doc_id": found["doc_id"].tolist(),
        "stmt_id": found["stmt_id"].tolist(),
        "speaker": speaker,
        "pre": [space.sub(" ", c[max(0, a - window):a]) for c, a in zip(ctx, s)],
        "keyword": [space.sub(" ", c[a:b]) for c, a, b in zip(ctx, s, e)],
        "post": [space.sub(" ", c[b:b + window]) for c, b in zip(ctx, e)],
        "theme": found["theme"].tolist(),
        "pattern": found["pattern"].tolist(),
        "start": found["start"].astype(np.int64).to_numpy(),
        "end": found["end"].astype(np.int64).to_numpy(),
    })


def style_kwic(df: pd.DataFrame, *, colour: str = "#FFE08A"):
    """Render a :func:`kwic` table for a notebook, the key word highlighted.

    Returns
    -------
    pandas.io.formats.style.Styler
        Context right- and left-aligned around the bold, highlighted key word.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"pre": ["la "], "keyword": ["coopération"], "post": [" entre"]})
    >>> "font-weight: bold" in style_kwic(t).to_html()
    True
    """
    require_columns(df, ["pre", "keyword", "post"], where="style_kwic")
    return (
        df.style.hide(axis="index")
        .set_properties(subset=["pre"], **{"text-align": "right", "white-space": "pre"})
        .set_properties(subset=["post"], **{"text-align": "left", "white-space": "pre"})
        .set_properties(subset=["keyword"], **{"font-weight": "bold",
                                                "background-color": colour,
                                                "text-align": "center"})
    )
