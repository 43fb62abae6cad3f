"""Statements as HTML with the evidence of each theme marked, for reviewing the coding.

:func:`highlight_statements` renders coded statements as an HTML table: the statement text
with every match of the codebook marked (``<mark>``, in the theme's colour, the one it has
in the figures and the REFI-QDA export: :mod:`discourse.analysis.palette`) and the speaker,
side, cue and confidence beside it. :func:`discourse.analysis.review.review_coding` wraps it
in filters.

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
from collections.abc import Iterable, Mapping

import pandas as pd

from ..errors import ContractError, ParameterError
from ..schema import require_columns
from .palette import NEGATED_SUFFIX, css_rgba, mix_colours, theme_colours

__all__ = ["highlight_statements", "base_theme", "theme_order"]

_TD = "text-align: left; vertical-align: top; padding: 3px 8px"
_TH = _TD + "; border-bottom: 1px solid #999"


def base_theme(theme: str) -> str:
    """The theme of a code: ``<id>.negated`` -> ``<id>``, any other id unchanged.

    Examples
    --------
    >>> base_theme("sovereignty.negated"), base_theme("sovereignty.security")
    ('sovereignty', 'sovereignty.security')
    """
    return theme[: -len(NEGATED_SUFFIX)] if theme.endswith(NEGATED_SUFFIX) else theme


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
        base = hexes[0] if len(hexes) == 1 else mix_colours(hexes)
        line = "dotted" if negated else ("double" if len(themes) > 1 else "solid")
        style = (f"background-color: {css_rgba(base, 0.35)}; "
                 f"border-bottom: 3px {line} {hexes[-1]}; padding: 0 1px")
        named = [f"{labels[base_theme(t)]} ({t})" if labels and base_theme(t) in labels
                 else t for t in themes]
        label = "; ".join(named) + (" (negated)" if negated else "")
        out.append(f'<mark class="discourse-evidence" data-themes="{_html.escape(" ".join(themes))}" '
                   f'title="{_html.escape(label)}" style="{style}">{piece}</mark>')
    return "".join(out)


def _wanted(theme: str, themes: Iterable[str] | None) -> bool:
    if themes is None:
        return True
    base = base_theme(theme)
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
        by_colour.setdefault(c, []).append(base_theme(t))
    named = {}
    for c, ids in by_colour.items():
        ids = list(dict.fromkeys(ids))
        tops = {t.split(".")[0] for t in ids}
        key = ids[0] if len(ids) == 1 else (tops.pop() if len(tops) == 1 else None)
        named[c] = labels.get(key, key) if key else ", ".join(labels.get(t, t) for t in ids)
    items = [
        f'<mark style="background-color: {css_rgba(c, 0.35)}; border-bottom: 3px solid {c}; '
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
                  key=lambda t: (theme_order(t, codebook), t))
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


def theme_order(theme: str, codebook) -> int:
    """Position of a theme (or its negated code) in the codebook; unknown themes last.

    Examples
    --------
    >>> from discourse.coding.codebook import Codebook, Theme
    >>> cb = Codebook("c", "1", themes=(Theme("a", "A"), Theme("b", "B")))
    >>> [theme_order(t, cb) for t in ("b", "a.negated", "zzz")]
    [1, 0, 2]
    """
    ids = list(getattr(codebook, "ids", ()))
    base = base_theme(theme)
    return ids.index(base) if base in ids else len(ids)
