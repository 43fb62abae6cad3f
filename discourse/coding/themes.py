"""Code statements by theme with a codebook and keep the evidence: the coded and matches tables.

Two stage functions share one scan:

- :func:`find_matches` returns the *matches* table: one row per counted match, with the
  theme, the pattern, the matched text exactly as in the source, its offsets into the
  document, and whether it is negated.
- :func:`code_themes` returns the *coded* table: the input plus one 0/1 ``theme_<id>``
  column per theme, ``themes`` and ``n_matches``. Give it the matches already found
  (``matches=``) so the texts are scanned once::

      matches = find_matches(attributed, codebook=cb)
      coded = code_themes(attributed, codebook=cb, matches=matches)

:func:`discourse.coding.kwic.kwic` shows the matches of a theme, a pattern or any word in
their context (:mod:`discourse.coding.kwic`). Theme columns are named by
:func:`discourse.schema.theme_column`. The matching rules (case, accents, apostrophes, globs, phrases, boundaries, longest match,
exclusions, negation) are those of :mod:`discourse.coding.matcher`.

Levels and codes
    Sub-themes have dotted ids (``sovereignty.security``); a match of a sub-theme also codes
    its parent. ``levels`` chooses how deep the theme columns go: 1 = top-level themes only,
    2 = down to sub-themes, None = all. A match of a theme deeper than ``levels`` is reported
    (in the matches table) under its ancestor at that depth. A negated match of a theme whose
    ``negation`` is ``separate`` is reported under ``<id>.negated`` (column
    ``theme_<id>__negated``, right after the theme's); it does not code the theme or its
    parents. With ``exclude`` a negated match is dropped; with ``count`` it counts, flagged
    ``negated`` in the matches table.
Language
    A statement's language is its ``lang`` value (``fr``, ``en-GB``: the part before ``-``),
    else the ``lang=`` option, else every language of the codebook; its patterns and the
    ``"*"`` ones apply.

Examples
--------
>>> import pandas as pd
>>> from discourse.coding.model import Codebook, Theme
>>> cb = Codebook("demo", "1", themes=(
...     Theme("cooperation", "Cooperation", patterns={"fr": ("coopér*",)}),
...     Theme("friendship", "Friendship", patterns={"fr": ("amitié",)})))
>>> st = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [10],
...                    "text": ["L’amitié et la coopération."], "lang": ["fr"]})
>>> code_themes(st, codebook=cb)[["theme_cooperation", "theme_friendship", "themes",
...                               "n_matches"]]
   theme_cooperation  theme_friendship                  themes  n_matches
0                  1                 1  cooperation;friendship          2
>>> find_matches(st, codebook=cb)[["theme", "matched", "start", "end"]]
         theme      matched  start  end
0   friendship       amitié     12   18
1  cooperation  coopération     25   36
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ContractError, ParameterError
from ..schema import is_theme_column, require_columns, theme_column
from .codebook import read_codebook
from .frames import _labels, _lang_groups, _offsets, _positions, _taken, _Texts, _unique_rows
from .matcher import _chunks, compile_codebook
from .model import Codebook

__all__ = ["find_matches", "code_themes"]

_NEEDED = ("doc_id", "stmt_id", "start", "text")
_MATCH_COLUMNS = ("doc_id", "stmt_id", "theme", "pattern", "matched", "start", "end",
                  "negated", "lang", "speaker", "side")
_NEG = ".negated"


def _check_levels(levels) -> None:
    if levels is not None and (isinstance(levels, bool) or not isinstance(levels, int)
                               or levels < 1):
        raise ParameterError(
            f"levels={levels!r} is not valid; use None (every level), 1 (top-level themes "
            "only), 2 (down to sub-themes) or any int >= 1"
        )


def _report_id(theme_id: str, levels: int | None, ids: set[str]) -> str:
    """The id a match of ``theme_id`` is reported under at this depth."""
    parts = theme_id.split(".")
    if levels is None or len(parts) <= levels:
        return theme_id
    for k in range(levels, 0, -1):
        candidate = ".".join(parts[:k])
        if candidate in ids:
            return candidate
    return theme_id


def find_matches(
    statements: pd.DataFrame,
    *,
    codebook=None,
    levels: int | None = None,
    fold_accents: bool = False,
    nested_scope: str = "theme",
    negation: bool = True,
    lang: str | None = None,
    names: str = "exclude",
) -> pd.DataFrame:
    """Find the codebook's matches in statements: the evidence behind the coding.

    Parameters
    ----------
    statements
        Statements (or attributed statements): at least doc_id, stmt_id, start, text; lang,
        speaker and side are carried over when present.
    codebook
        A :class:`~discourse.coding.model.Codebook`, a codebook file, or None (the default one).
    levels
        Report matches of themes deeper than this under their ancestor (None: as they are).
    fold_accents, nested_scope
        Matching options, see :func:`discourse.coding.matcher.compile_codebook`.
    negation
        Detect negation (False: nothing is negated, every match counts).
    lang
        Language of statements without a ``lang`` value.
    names
        ``"exclude"`` (default): the words of a proper name ("the Belt and Road Forum for
        International Cooperation", the codebook's ``names:`` list and the general rule of
        :mod:`discourse.coding.names`) do not code; ``"count"``: they code like any words.

    Returns
    -------
    pandas.DataFrame
        doc_id, stmt_id, theme, pattern, matched, start, end (offsets into the document:
        ``doc_text[start:end] == matched``), negated, lang, and speaker, side when the input
        has them; one row per counted match, in statement and text order.

    Raises
    ------
    ContractError
        If a column is missing. ParameterError for a bad option.

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.coding.model import Codebook, Theme
    >>> cb = Codebook("d", "1", themes=(Theme("acw", "Anti Cold War",
    ...     patterns={"en": ("cold war mentality",)}, negation="count"),))
    >>> st = pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [0], "lang": ["en"],
    ...                    "text": ["China rejects the Cold War mentality."]})
    >>> find_matches(st, codebook=cb)[["theme", "matched", "start", "end", "negated"]]
      theme             matched  start  end  negated
    0   acw  Cold War mentality     18   36    False
    """
    where = "find_matches"
    require_columns(statements, _NEEDED, where=where)
    _check_levels(levels)
    cb = read_codebook(codebook)
    matcher = compile_codebook(cb, fold_accents=fold_accents, nested_scope=nested_scope,
                               names=names)
    starts = _offsets(statements, where)
    texts = _Texts(statements["text"])
    keys = ("row", "theme", "pattern", "start", "end", "neg")
    cols: dict[str, list] = {k: [] for k in keys}
    matched: list = []
    for lg, rows in _lang_groups(statements, lang).items():
        lens = texts.lens[rows]
        for i, j in _chunks(lens):      # a block of texts at a time: bounded memory
            raw = texts.joined(rows[i:j])
            r = matcher._scan_joined(raw, lens[i:j], lang=lg, negation=negation)
            cols["row"].append(rows[i:j][r.text])
            for key, arr in zip(keys[1:], (r.theme, r.pattern, r.start, r.end, r.negated)):
                cols[key].append(arr)
            at = (np.cumsum(lens[i:j] + 1) - lens[i:j] - 1)[r.text]
            matched.extend(map(raw.__getitem__, map(slice, (at + r.start).tolist(),
                                                    (at + r.end).tolist())))
    cat = {k: (np.concatenate(v) if v else np.zeros(0, bool if k == "neg" else np.int64))
           for k, v in cols.items()}
    if len(cols["row"]) > 1:
        # each block's matches are in row, start, end, theme, pattern order; rows differ
        order = np.argsort(cat["row"], kind="stable")
        cat = {k: v[order] for k, v in cat.items()}
        matched = list(map(matched.__getitem__, order.tolist()))
    row, th, pat, ls, le, neg = (cat[k] for k in keys)
    ids = set(matcher.theme_ids)
    report = [_report_id(t, levels, ids) for t in matcher.theme_ids]
    separate = np.array([m == "separate" for m in matcher.negation_modes], bool)
    is_sep = (separate[th] & neg) if len(th) else np.zeros(0, bool)
    nt = len(report)
    out = {
        "doc_id": _taken(statements["doc_id"], row),
        "stmt_id": _taken(statements["stmt_id"], row),
        "theme": _labels(report + [r + _NEG for r in report], th + nt * is_sep),
        "pattern": _labels([p[2] for p in matcher.patterns], pat),
        "matched": matched,
        "start": starts[row] + ls,
        "end": starts[row] + le,
        "negated": neg.astype(bool),
        "lang": (_taken(statements["lang"], row) if "lang" in statements.columns
                 else np.array([lang] * len(row), dtype=object)),
    }
    for extra in ("speaker", "side"):
        if extra in statements.columns:
            out[extra] = _taken(statements[extra], row)
    frame = pd.DataFrame(out)
    for c in ("start", "end"):
        frame[c] = frame[c].astype(np.int64)
    return frame


def _columns(cb: Codebook, levels: int | None) -> list[str]:
    """Codes with a column, in codebook order (a theme's ``.negated`` code right after it)."""
    ids = set(cb.ids)
    negs = {_report_id(t.id, levels, ids) + _NEG for t in cb.themes if t.negation == "separate"}
    out = []
    for t in cb.themes:
        if levels is None or t.id.count(".") < levels:
            out.append(t.id)
            if t.id + _NEG in negs:
                out.append(t.id + _NEG)
    return out


def code_themes(
    attributed: pd.DataFrame,
    *,
    codebook=None,
    levels: int | None = None,
    fold_accents: bool = False,
    nested_scope: str = "theme",
    negation: bool = True,
    lang: str | None = None,
    matches: pd.DataFrame | None = None,
    names: str = "exclude",
) -> pd.DataFrame:
    """Code each statement with the codebook's themes.

    Parameters
    ----------
    attributed
        Statements or attributed statements (at least doc_id, stmt_id, start, text).
    codebook, levels, fold_accents, nested_scope, negation, lang, names
        As in :func:`find_matches`; ``levels`` also chooses the theme columns (1 = top-level
        themes only, 2 = down to sub-themes, None = all).
    matches
        The matches already found by :func:`find_matches` on the same table with the same
        codebook (the texts are then not scanned again); None: found here.

    Returns
    -------
    pandas.DataFrame
        A new table: the input columns (without any previous theme_*, themes, n_matches),
        then ``theme_<id>`` int 0/1 columns in codebook order (dots in ids become ``__``),
        ``themes`` (the coded ids, sorted, joined by ``;``; ``''`` if none) and
        ``n_matches`` (counted matches in the statement).

    Raises
    ------
    ContractError
        If a column is missing, stmt_id is not unique, or ``matches`` does not fit the
        table or the codebook. ParameterError for a bad option.

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.coding.model import Codebook, Theme
    >>> cb = Codebook("d", "1", themes=(Theme("sov", "Sovereignty", patterns={"fr": ("sécurité",)}),
    ...     Theme("sov.terr", "Territory", parent="sov",
    ...           patterns={"fr": ("intégrité territoriale",)})))
    >>> st = pd.DataFrame({"doc_id": ["d", "d"], "stmt_id": ["d.1", "d.2"], "start": [0, 30],
    ...     "lang": "fr", "text": ["Son intégrité territoriale.", "Rien."]})
    >>> code_themes(st, codebook=cb, levels=1)[["stmt_id", "theme_sov", "themes"]]
      stmt_id  theme_sov themes
    0     d.1          1    sov
    1     d.2          0
    """
    where = "code_themes"
    require_columns(attributed, _NEEDED, where=where)
    _check_levels(levels)
    cb = read_codebook(codebook)
    if matches is None:
        matches = find_matches(attributed, codebook=cb, levels=levels, fold_accents=fold_accents,
                               nested_scope=nested_scope, negation=negation, lang=lang,
                               names=names)
    else:
        require_columns(matches, ["stmt_id", "theme"], where=f"{where} (matches=)")
        compile_codebook(cb, fold_accents=fold_accents, nested_scope=nested_scope,
                         names=names)  # checks
    rows = _positions(attributed["stmt_id"], matches["stmt_id"], where)
    codes = _columns(cb, levels)
    position = {c: i for i, c in enumerate(codes)}
    ids = set(cb.ids)
    if (rows < 0).any():
        bad = matches["stmt_id"][rows < 0].unique().tolist()[:3]
        raise ContractError(f"{where}: matches has stmt_id(s) not in the table: {bad}; pass "
                            "the matches found on this table")
    values = np.zeros((len(attributed), len(codes)), bool, order="F")   # contiguous columns
    code_of, uniques = pd.factorize(matches["theme"])
    for u, code in enumerate(uniques.tolist()):
        base, neg = (code[: -len(_NEG)], True) if code.endswith(_NEG) else (code, False)
        if base not in ids:
            raise ContractError(
                f"{where}: matches has theme {code!r}, which is not in codebook {cb.id!r} "
                f"(themes: {', '.join(cb.ids)}); pass the matches found with this codebook"
            )
        base = _report_id(base, levels, ids)
        if neg:
            targets = [position[base + _NEG]] if base + _NEG in position else []
        else:
            parts = base.split(".")
            chain_ = [".".join(parts[:k]) for k in range(1, len(parts) + 1)]
            targets = [position[c] for c in chain_ if c in position]
        if targets:
            values[rows[code_of == u][:, None], np.array(targets)] = True
    out = attributed.drop(columns=[c for c in attributed.columns
                                   if is_theme_column(c) or c in ("themes", "n_matches")])
    out = out.copy()
    for i, code in enumerate(codes):
        out[theme_column(code)] = values[:, i].astype(np.int64)
    by_name = sorted(range(len(codes)), key=lambda i: codes[i])
    combos, which = _unique_rows(values[:, by_name])
    labels = [";".join(codes[i] for i, on in zip(by_name, combo) if on) for combo in combos]
    out["themes"] = pd.Series(labels, dtype=object).astype(str).take(which).set_axis(out.index)
    out["n_matches"] = np.bincount(rows, minlength=len(attributed)).astype(np.int64)
    return out
