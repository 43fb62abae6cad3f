"""Review the coding in a notebook: statements, speakers and the evidence of each theme.

:func:`review_coding` wraps the highlighted statements of
:func:`discourse.analysis.highlight.highlight_statements` in filters (side, speaker, theme,
document, free-text search) built with ipywidgets, so a researcher can read through the
coding statement by statement; where widgets cannot work (no ipywidgets, no live kernel, a
notebook executed by papermill or nbconvert, ``static=True``) it returns the static table
instead, so executed copies of a notebook show the coding.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"stmt_id": ["d.1"], "start": [0], "text": ["Amitié."],
...                       "side": ["CN"], "themes": ["friendship"]})
>>> m = pd.DataFrame({"stmt_id": ["d.1"], "theme": ["friendship"], "start": [0], "end": [6]})
>>> "<mark" in review_coding(coded, matches=m, static=True).data
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..coding.themes import find_matches
from ..errors import ParameterError
from ..schema import require_columns
from ..text.normalize import normalize_text
from .highlight import highlight_statements, theme_order

__all__ = ["review_coding", "STATIC_ENV"]

#: Environment variable that forces the static table (set it when executing notebooks).
STATIC_ENV = "DISCOURSE_STATIC_REVIEW"
_ALL = "(all)"
_NONE = "(none)"


def _theme_sets(coded: pd.DataFrame) -> list[set[str]]:
    if "themes" not in coded.columns:
        return [set() for _ in range(len(coded))]
    return [set(str(v).split(";")) - {""} if not pd.isna(v) else set() for v in coded["themes"]]


def _filter(coded: pd.DataFrame, theme_sets: list[set[str]], folded: list[str], *,
            side=_ALL, speaker=_ALL, themes=(), search="") -> pd.DataFrame:
    keep = pd.Series(True, index=coded.index)
    who = "speaker_name" if "speaker_name" in coded.columns else "speaker"
    for col, value in (("side", side), (who, speaker)):
        if value != _ALL and col in coded.columns:
            keep &= coded[col].isna() if value == _NONE else (coded[col] == value).fillna(False)
    if themes:
        wanted = set(themes)
        keep &= np.array([bool(s & wanted) or (_NONE in wanted and not s)
                          for s in theme_sets], dtype=bool)
    if search.strip():
        needle = normalize_text(search.strip(), lower=True, fold_accents=True,
                                collapse_space=True).norm
        keep &= np.array([needle in f for f in folded], dtype=bool)
    return coded[keep.to_numpy(dtype=bool)]


def _options(coded: pd.DataFrame, col: str) -> list[str]:
    if col not in coded.columns:
        return [_ALL]
    values = coded[col]
    counts = values.value_counts(dropna=True)
    opts = [_ALL] + sorted(str(v) for v in counts.index)
    if values.isna().any():
        opts.append(_NONE)
    return opts


def _live_frontend() -> bool:
    """True in a kernel talking to an interactive front end (JupyterLab, Notebook, VS Code).

    papermill, nbclient and ``jupyter nbconvert --execute`` run cells with stdin disabled;
    an interactive front end enables it. ``DISCOURSE_STATIC_REVIEW=1`` forces static output.
    """
    if os.environ.get(STATIC_ENV, "").strip() not in ("", "0"):
        return False
    try:  # IPython is there in a notebook only: imported when asked
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of ipykernel
        return False
    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    return kernel is not None and bool(getattr(kernel, "_allow_stdin", False))


def _static(html: str):
    try:  # IPython is there in a notebook only: imported when asked
        from IPython.display import HTML
    except ImportError:  # pragma: no cover
        return html
    return HTML(html)


def review_coding(
    coded: pd.DataFrame,
    *,
    matches: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    codebook=None,
    colours: Mapping[str, str] | None = None,
    static: bool | None = None,
    max_rows: int = 200,
    only=None,
):
    """Return an interactive review of the coding: filters and the highlighted statements.

    Parameters
    ----------
    coded
        The coded table (stmt_id, start, text; speaker_name, side, cue, confidence, themes
        are shown and filtered on when present).
    matches
        The matches table; None with a ``codebook``: found again with
        :func:`discourse.coding.themes.find_matches`; None without one: nothing is highlighted.
    documents
        The documents table: when ``coded`` has several documents, a filter by document
        (titled from ``documents``' title column when ``coded`` lacks one).
    codebook
        The codebook: theme colours, labels and order.
    colours
        ``{theme id: "#rrggbb"}`` overriding the codebook's colours.
    static
        True: the static HTML table of every statement (up to ``max_rows``); False: the
        widgets (ParameterError if ipywidgets is missing); None: widgets in a live notebook,
        the static table otherwise (papermill, nbconvert, plain Python, no ipywidgets, or
        the environment variable ``DISCOURSE_STATIC_REVIEW=1``).
    max_rows
        Statements shown at once (a note says when more are filtered in).
    only
        Review only these statements: a table with a ``stmt_id`` column (e.g. the flags of
        :func:`discourse.validation.second_opinion.second_opinion`, in their order) or a
        list of stmt_ids; None: every statement.

    Returns
    -------
    ipywidgets.VBox or IPython.display.HTML
        The widget, or the static table (an ``HTML`` object; its ``.data`` is the HTML).

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"stmt_id": ["d.1"], "start": [0], "text": ["Amitié."],
    ...                       "side": ["CN"], "themes": ["friendship"]})
    >>> m = pd.DataFrame({"stmt_id": ["d.1"], "theme": ["friendship"], "start": [0],
    ...                   "end": [6]})
    >>> out = review_coding(coded, matches=m, static=True)
    >>> "<mark" in out.data
    True
    """
    where = "review_coding"
    require_columns(coded, ["stmt_id", "start", "text"], where=where)
    if not isinstance(max_rows, int) or isinstance(max_rows, bool) or max_rows < 1:
        raise ParameterError(f"{where}: max_rows={max_rows!r} is not valid; give a number of "
                             "statements >= 1")
    if matches is None and codebook is not None:
        matches = find_matches(coded, codebook=codebook)
    coded = coded.reset_index(drop=True)
    if only is not None:
        ids = list(dict.fromkeys(only["stmt_id"] if isinstance(only, pd.DataFrame) else only))
        coded = coded.set_index("stmt_id", drop=False).reindex(
            [i for i in ids if i in set(coded["stmt_id"])]).reset_index(drop=True)
    if documents is not None and "title" not in coded.columns and "doc_id" in coded.columns:
        require_columns(documents, ["doc_id"], where=f"{where} (documents=)")
        if "title" in documents.columns:
            coded = coded.assign(title=coded["doc_id"].map(
                dict(zip(documents["doc_id"], documents["title"]))))
    kwargs = {"codebook": codebook, "colours": colours}
    if static is None:
        try:  # ipywidgets is optional: only the interactive review needs it
            import ipywidgets  # noqa: F401
        except ImportError:
            static = True
        else:
            static = not _live_frontend()
    if static:
        return _static(highlight_statements(coded, matches, max_rows=max_rows, **kwargs))
    try:  # ipywidgets is optional: only the interactive review needs it
        import ipywidgets as w
    except ImportError as exc:
        raise ParameterError(f"{where}: static=False needs ipywidgets (pip install ipywidgets); "
                             "use static=True for the HTML table") from exc
    return _widget(w, coded, matches, max_rows, kwargs)


def _widget(w, coded, matches, max_rows, kwargs):
    theme_sets = _theme_sets(coded)
    folded = [normalize_text(str(t), lower=True, fold_accents=True, collapse_space=True).norm
              for t in coded["text"]]
    all_themes = sorted(set().union(*theme_sets), key=lambda t: (theme_order(t, kwargs["codebook"]), t))
    layout = w.Layout(width="auto")
    side = w.Dropdown(options=_options(coded, "side"), value=_ALL, description="Side",
                      layout=layout)
    who = "speaker_name" if "speaker_name" in coded.columns else "speaker"
    speaker = w.Dropdown(options=_options(coded, who), value=_ALL,
                         description="Speaker", layout=layout)
    theme = w.SelectMultiple(options=all_themes + [_NONE], value=(), description="Themes",
                             rows=min(6, len(all_themes) + 1), layout=layout)
    docs = None
    if "doc_id" in coded.columns and coded["doc_id"].nunique() > 1:
        doc_opts = [(_ALL, _ALL)] + [
            (f"{d} · {t}" if isinstance(t, str) and t else str(d), d)
            for d, t in coded.groupby("doc_id", sort=True)["title"].first().items()
        ] if "title" in coded.columns else [(_ALL, _ALL)] + [
            (str(d), d) for d in sorted(coded["doc_id"].unique())]
        docs = w.Dropdown(options=doc_opts, value=_ALL, description="Document", layout=layout)
    search = w.Text(value="", placeholder="words in the statement", description="Search",
                    continuous_update=False, layout=layout)
    count = w.HTML()
    table = w.HTML()

    def refresh(*_):
        picked = _filter(coded, theme_sets, folded, side=side.value, speaker=speaker.value,
                         themes=theme.value, search=search.value)
        if docs is not None and docs.value != _ALL:
            picked = picked[picked["doc_id"] == docs.value]
        chosen = [t for t in theme.value if t != _NONE] or None
        count.value = f"<b>{len(picked)}</b> of {len(coded)} statements"
        table.value = highlight_statements(picked, matches, themes=chosen, max_rows=max_rows,
                                           **kwargs)

    controls = [side, speaker, theme, search] + ([docs] if docs is not None else [])
    for c in controls:
        c.observe(refresh, names="value")
    refresh()
    return w.VBox([w.HBox(controls[:2] + controls[4:]), w.HBox(controls[2:4]), count, table])
