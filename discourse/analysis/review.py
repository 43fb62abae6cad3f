"""Review the coding in a notebook: statements, speakers and the evidence of each theme.

:func:`highlight_statements` renders coded statements as an HTML table: the statement text
with every match of the codebook marked (``<mark>``, in the theme's colour) and the
speaker, side, cue and confidence beside it. :func:`review_coding` wraps that table in
filters (side, speaker, theme, free-text search) built with ipywidgets, so a researcher can
read through the coding statement by statement; where widgets cannot work (no ipywidgets,
no live kernel, a notebook executed by papermill or nbconvert, ``static=True``) it returns
the static table instead, so executed copies of a notebook show the coding.

Offsets
    The matches table gives ``start``/``end`` as offsets into the *document*; a statement
    starts at its own ``start``, so a match is marked at ``match.start - statement.start``
    in the statement's text. A match that falls outside its statement, or whose ``matched``
    text differs from the statement's text at those offsets, is a :class:`ContractError`
    (the matches come from another run).
Escaping
    Every piece of text (statement, speaker, cue, theme ids) is HTML-escaped; the only tags
    in the output are the ones this module writes.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"stmt_id": ["d.1"], "start": [100], "text": ["Paix & coopération"],
...                       "themes": ["cooperation"]})
>>> matches = pd.DataFrame({"stmt_id": ["d.1"], "theme": ["cooperation"],
...                         "start": [107], "end": [118]})
>>> html = highlight_statements(coded, matches)
>>> "Paix &amp; <mark" in html and ">coopération</mark>" in html
True
"""

from __future__ import annotations

import html as _html
import os
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import ContractError, ParameterError
from ..schema import require_columns
from ..text.normalize import normalize_text

__all__ = ["highlight_statements", "review_coding", "theme_colours"]

#: Okabe & Ito (2008) colour-blind-safe colours, for themes the codebook gives none.
_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_NEG = ".negated"
#: Environment variable that forces the static table (set it when executing notebooks).
STATIC_ENV = "DISCOURSE_STATIC_REVIEW"
_TD = "text-align: left; vertical-align: top; padding: 3px 8px"
_TH = _TD + "; border-bottom: 1px solid #999"
_ALL = "(all)"
_NONE = "(none)"


# ----------------------------------------------------------------------------- colours
def _base_theme(theme: str) -> str:
    return theme[: -len(_NEG)] if theme.endswith(_NEG) else theme


def theme_colours(themes: Iterable[str], *, codebook=None,
                  colours: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return a hex colour for each theme id.

    ``colours`` wins, then the codebook's colour (the theme's or its nearest ancestor's),
    then the Okabe–Ito palette in the order the themes come. ``<id>.negated`` takes its
    theme's colour.

    Examples
    --------
    >>> theme_colours(["cooperation", "sovereignty"], colours={"sovereignty": "#000000"})
    {'cooperation': '#E69F00', 'sovereignty': '#000000'}
    """
    out: dict[str, str] = {}
    n = 0
    for theme in dict.fromkeys(themes):
        base = _base_theme(str(theme))
        colour = (colours or {}).get(theme) or (colours or {}).get(base)
        if colour is None and codebook is not None and base in getattr(codebook, "ids", ()):
            colour = codebook.colour_of(base)
        if colour is not None and not _HEX.fullmatch(str(colour)):
            raise ParameterError(f"colour {colour!r} of theme {theme!r} is not a hex colour "
                                 "like '#0072B2'")
        if colour is None:
            if base in out:
                colour = out[base]
            else:
                colour, n = _PALETTE[n % len(_PALETTE)], n + 1
        out[str(theme)] = colour
    return out


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _mix(hex_colours: list[str]) -> str:
    rgb = []
    for c in hex_colours:
        h = c.lstrip("#")
        h = "".join(x * 2 for x in h) if len(h) == 3 else h
        rgb.append([int(h[i:i + 2], 16) for i in (0, 2, 4)])
    mean = [round(sum(v[i] for v in rgb) / len(rgb)) for i in range(3)]
    return "#" + "".join(f"{v:02x}" for v in mean)


# ----------------------------------------------------------------------------- marking
def _mark_text(text: str, spans: list[tuple[int, int, str, bool]],
               colours: Mapping[str, str], labels: Mapping[str, str] | None = None) -> str:
    """HTML of ``text`` with each (start, end, theme, negated) span in a ``<mark>``.

    Overlapping spans are cut at every boundary, so the marks never nest: a stretch covered
    by two themes gets one mark naming both (``data-themes``), in their mixed colour.
    """
    if not spans:
        return _html.escape(text)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = _html.escape(text[a:b])
        cover = [(t, neg) for s, e, t, neg in spans if s <= a and b <= e]
        if not cover:
            out.append(piece)
            continue
        themes = list(dict.fromkeys(t for t, _ in cover))
        negated = all(neg for _, neg in cover)
        hexes = [colours[t] for t in themes]
        base = hexes[0] if len(hexes) == 1 else _mix(hexes)
        line = "dotted" if negated else ("double" if len(themes) > 1 else "solid")
        style = (f"background-color: {_rgba(base, 0.35)}; "
                 f"border-bottom: 3px {line} {hexes[-1]}; padding: 0 1px")
        named = [f"{labels[_base_theme(t)]} ({t})" if labels and _base_theme(t) in labels
                 else t for t in themes]
        label = "; ".join(named) + (" (negated)" if negated else "")
        out.append(f'<mark class="discourse-evidence" data-themes="{_html.escape(" ".join(themes))}" '
                   f'title="{_html.escape(label)}" style="{style}">{piece}</mark>')
    return "".join(out)


def _wanted(theme: str, themes: Iterable[str] | None) -> bool:
    if themes is None:
        return True
    base = _base_theme(theme)
    return any(base == t or base.startswith(t + ".") for t in themes)


def _spans_by_statement(coded: pd.DataFrame, matches: pd.DataFrame,
                        themes: Iterable[str] | None) -> dict[str, list]:
    require_columns(matches, ["stmt_id", "theme", "start", "end"],
                    where="highlight_statements (matches=)")
    require_columns(coded, ["stmt_id", "start", "text"], where="highlight_statements")
    starts = dict(zip(coded["stmt_id"], coded["start"]))
    texts = dict(zip(coded["stmt_id"], coded["text"]))
    has_matched = "matched" in matches.columns
    has_neg = "negated" in matches.columns
    spans: dict[str, list] = {}
    for i, row in enumerate(matches.itertuples(index=False)):
        sid = row.stmt_id
        if sid not in starts or not _wanted(str(row.theme), themes):
            continue
        text = texts[sid]
        base = int(starts[sid])
        s, e = int(row.start) - base, int(row.end) - base
        if not (0 <= s < e <= len(text)):
            raise ContractError(
                f"highlight_statements: match {i} ({row.theme!r}, document offsets "
                f"{row.start}-{row.end}) falls outside statement {sid!r} (document offsets "
                f"{starts[sid]}-{int(starts[sid]) + len(text)}); give the matches of the same "
                "run as the coded table")
        if has_matched and not pd.isna(row.matched) and text[s:e] != row.matched:
            raise ContractError(
                f"highlight_statements: match {i} of statement {sid!r} says {row.matched!r} "
                f"but the statement has {text[s:e]!r} at offsets {row.start}-{row.end}; give "
                "the matches of the same run as the coded table")
        negated = bool(row.negated) if has_neg and not pd.isna(row.negated) else False
        spans.setdefault(sid, []).append((s, e, str(row.theme), negated))
    return spans


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return _html.escape(str(value))


def _legend(colours: Mapping[str, str], labels: Mapping[str, str]) -> str:
    """One legend entry per colour: the theme's label, or for several themes sharing a
    colour (sub-themes inherit their parent's) their common top-level theme's."""
    by_colour: dict[str, list[str]] = {}
    for t, c in colours.items():
        by_colour.setdefault(c, []).append(_base_theme(t))
    named = {}
    for c, ids in by_colour.items():
        ids = list(dict.fromkeys(ids))
        tops = {t.split(".")[0] for t in ids}
        key = ids[0] if len(ids) == 1 else (tops.pop() if len(tops) == 1 else None)
        named[c] = labels.get(key, key) if key else ", ".join(labels.get(t, t) for t in ids)
    items = [
        f'<mark style="background-color: {_rgba(c, 0.35)}; border-bottom: 3px solid {c}; '
        f'padding: 0 4px">{_html.escape(name)}</mark>'
        for c, name in named.items()
    ]
    return ('<p class="discourse-legend">Evidence: ' + " ".join(items) + "</p>") if items else ""


def highlight_statements(
    coded: pd.DataFrame,
    matches: pd.DataFrame | None = None,
    *,
    themes: Iterable[str] | None = None,
    codebook=None,
    colours: Mapping[str, str] | None = None,
    max_rows: int | None = None,
) -> str:
    """Return an HTML table of the statements with the evidence of each theme marked.

    Parameters
    ----------
    coded
        Coded (or attributed) statements: at least stmt_id, start (document offset of the
        statement) and text; speaker_name (or speaker), side, cue, cue_text, confidence and
        themes are shown when present.
    matches
        The matches table (stmt_id, theme, start, end as document offsets; matched and
        negated used when present). Matches of statements not in ``coded`` are skipped, so
        a filtered ``coded`` can be passed with the full matches. None: nothing is marked.
    themes
        Mark only the evidence of these theme ids (and their sub-themes); None: every theme.
    codebook
        A :class:`~discourse.coding.codebook.Codebook`: theme colours and labels for the legend.
    colours
        ``{theme id: "#rrggbb"}``, overriding the codebook's colours.
    max_rows
        Show at most this many statements (a note says how many were left out).

    Returns
    -------
    str
        An HTML ``<table>`` (with a colour legend before it); every text is escaped.

    Raises
    ------
    ContractError
        If a column is missing, or a match does not fall inside its statement's text.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"stmt_id": ["d.1"], "start": [0], "text": ["<b>amitié</b>"]})
    >>> m = pd.DataFrame({"stmt_id": ["d.1"], "theme": ["friendship"], "start": [3],
    ...                   "end": [9], "matched": ["amitié"]})
    >>> html = highlight_statements(coded, m)
    >>> "&lt;b&gt;<mark" in html and "amitié</mark>&lt;/b&gt;" in html
    True
    """
    require_columns(coded, ["stmt_id", "start", "text"], where="highlight_statements")
    if themes is not None:
        themes = [themes] if isinstance(themes, str) else list(themes)
    if max_rows is not None and (not isinstance(max_rows, int) or max_rows < 0):
        raise ParameterError(f"highlight_statements: max_rows={max_rows!r} is not valid; give "
                             "a number of statements >= 0, or None for all")
    spans = {} if matches is None else _spans_by_statement(coded, matches, themes)
    seen = sorted({t for v in spans.values() for _, _, t, _ in v},
                  key=lambda t: (_order(t, codebook), t))
    colour_of = theme_colours(seen, codebook=codebook, colours=colours)
    labels = {t.id: t.label for t in getattr(codebook, "themes", ())}
    speaker_col = "speaker_name" if "speaker_name" in coded.columns else (
        "speaker" if "speaker" in coded.columns else None)
    extra = [(c, h) for c, h in ((speaker_col, "speaker"), ("side", "side"), ("cue", "cue"),
                                 ("confidence", "confidence"), ("themes", "themes"))
             if c is not None and c in coded.columns]
    head = "".join(f'<th style="{_TH}">{h}</th>'
                   for h in ["statement", *(h for _, h in extra), "text"])
    shown = coded if max_rows is None else coded.iloc[:max_rows]
    rows = []
    for rec in shown.to_dict("records"):
        cells = [f'<td style="{_TD}">{_cell(rec["stmt_id"])}</td>']
        for col, _ in extra:
            value = _cell(rec[col])
            if col == "cue" and rec.get("cue_text"):
                value = f'<span title="{_cell(rec["cue_text"])}">{value}</span>'
            if col == "themes":
                value = value.replace(";", "; ")
            cells.append(f'<td style="{_TD}">{value}</td>')
        text = _mark_text(str(rec["text"]), spans.get(rec["stmt_id"], []), colour_of, labels)
        cells.append(f'<td style="{_TD}; white-space: normal; min-width: 30em">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    note = ""
    if len(shown) < len(coded):
        note = (f'<p class="discourse-note">Showing {len(shown)} of {len(coded)} statements; '
                "filter them (side, speaker, theme, search) to see the others.</p>")
    return (_legend(colour_of, labels) + note
            + '<table class="discourse-review"><thead><tr>' + head + "</tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def _order(theme: str, codebook) -> int:
    ids = list(getattr(codebook, "ids", ()))
    base = _base_theme(theme)
    return ids.index(base) if base in ids else len(ids)


# ----------------------------------------------------------------------------- filtering
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
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of ipykernel
        return False
    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    return kernel is not None and bool(getattr(kernel, "_allow_stdin", False))


def _static(html: str):
    try:
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
        from ..coding.themes import find_matches

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
        try:
            import ipywidgets  # noqa: F401
        except ImportError:
            static = True
        else:
            static = not _live_frontend()
    if static:
        return _static(highlight_statements(coded, matches, max_rows=max_rows, **kwargs))
    try:
        import ipywidgets as w
    except ImportError as exc:
        raise ParameterError(f"{where}: static=False needs ipywidgets (pip install ipywidgets); "
                             "use static=True for the HTML table") from exc
    return _widget(w, coded, matches, max_rows, kwargs)


def _widget(w, coded, matches, max_rows, kwargs):
    theme_sets = _theme_sets(coded)
    folded = [normalize_text(str(t), lower=True, fold_accents=True, collapse_space=True).norm
              for t in coded["text"]]
    all_themes = sorted(set().union(*theme_sets), key=lambda t: (_order(t, kwargs["codebook"]), t))
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
