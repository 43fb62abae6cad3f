"""Code statements by theme with a codebook, keep the evidence, show key words in context.

Two stage functions share one scan:

- :func:`find_matches` returns the *matches* table: one row per counted match, with the
  theme, the pattern, the matched text exactly as in the source, its offsets into the
  document, and whether it is negated.
- :func:`code_themes` returns the *coded* table: the input plus one 0/1 ``theme_<id>``
  column per theme, ``themes`` and ``n_matches``. Give it the matches already found
  (``matches=``) so the texts are scanned once::

      matches = find_matches(attributed, codebook=cb)
      coded = code_themes(attributed, codebook=cb, matches=matches)

:func:`kwic` shows the matches of a theme, a pattern or any word in their context, and
:func:`style_kwic` renders that table with the key word highlighted in a notebook. The
matching rules (case, accents, apostrophes, globs, phrases, boundaries, longest match,
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
>>> from discourse.coding.codebook import Codebook, Theme
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

import re

import numpy as np
import pandas as pd

from .codebook import Codebook, Theme
from ..errors import ContractError, ParameterError
from .matcher import _SEP, _chunks, _lang_key, compile_codebook
from ..schema import require_columns

__all__ = ["find_matches", "code_themes", "kwic", "style_kwic"]

_NEEDED = ("doc_id", "stmt_id", "start", "text")
_MATCH_COLUMNS = ("doc_id", "stmt_id", "theme", "pattern", "matched", "start", "end",
                  "negated", "lang", "speaker", "side")
_NEG = ".negated"


def _resolve_codebook(codebook) -> Codebook:
    if isinstance(codebook, Codebook):
        return codebook
    from .codebook import read_codebook

    return read_codebook(codebook)


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


def _lang_groups(df: pd.DataFrame, lang: str | None) -> dict:
    """Language key -> row positions (a statement's ``lang``, else ``lang=``)."""
    default = _lang_key(lang)
    if "lang" not in df.columns:
        return {default: np.arange(len(df), dtype=np.int64)}
    codes, uniques = pd.factorize(df["lang"], use_na_sentinel=True)
    keys = [_lang_key(v) or default for v in uniques] + [default]   # last: missing values
    names = list(dict.fromkeys(keys))
    key_code = np.array([names.index(k) for k in keys], np.int64)[codes]
    order = np.argsort(key_code, kind="stable")
    bounds = np.searchsorted(key_code[order], np.arange(len(names) + 1))
    return {k: order[bounds[i]:bounds[i + 1]] for i, k in enumerate(names)
            if bounds[i + 1] > bounds[i]}


def _inferred_str():
    """The dtype pandas gives a column built from Python strings (``str`` or object)."""
    return pd.Series(np.array(["a"], dtype=object)).dtype


def _texts(col: pd.Series) -> list:
    """The statement texts as a list of str (missing or non-text values: '')."""
    if isinstance(col.dtype, pd.StringDtype):
        return (col.fillna("") if col.hasnans else col).to_numpy(dtype=object).tolist()
    return [t if isinstance(t, str) else "" for t in col.tolist()]


class _Texts:
    """The statement texts, joined by the matcher's separator a block of rows at a time.

    Texts held by pyarrow are joined there (no Python str per statement); others are read
    once as a list. Missing values are empty texts.
    """

    def __init__(self, col: pd.Series):
        self.arrow = None
        if _arrow_text(col):
            import pyarrow as pa
            import pyarrow.compute as pc

            arr = pa.array(col.array)
            if isinstance(arr, pa.ChunkedArray):
                arr = arr.combine_chunks()
            if arr.null_count:
                arr = pc.fill_null(arr, "")
            self.arrow = arr.cast(pa.large_string())
            self.lens = np.asarray(pc.utf8_length(self.arrow).to_numpy(zero_copy_only=False),
                                   np.int64)
        else:
            self.texts = _texts(col)
            self.lens = np.fromiter(map(len, self.texts), np.int64, len(self.texts))

    def joined(self, rows: np.ndarray) -> str:
        """The texts of these rows joined by the separator."""
        if self.arrow is None:
            return _SEP.join([self.texts[i] for i in rows.tolist()])
        import pyarrow as pa
        import pyarrow.compute as pc

        part = self.arrow.take(pa.array(rows))
        lists = pa.LargeListArray.from_arrays(pa.array([0, len(part)], pa.int64()), part)
        return pc.binary_join(lists, pa.scalar(_SEP, pa.large_string()))[0].as_py()


def _arrow_text(col: pd.Series) -> bool:
    """Whether a column's strings are held by pyarrow (texts joined there, see :class:`_Texts`)."""
    return isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow"


def _taken(col: pd.Series, row: np.ndarray):
    """``col.to_numpy()[row]``, as pandas stores it in a new frame (taken fast if it can)."""
    inferred = _inferred_str()
    if (len(row) and isinstance(col.dtype, pd.StringDtype)
            and isinstance(inferred, pd.StringDtype) and not col.hasnans):
        return col.array.take(row).astype(inferred, copy=False)
    return col.to_numpy()[row]


def _labels(values: list, index: np.ndarray):
    """``[values[i] for i in index]`` (strings) as a column, built once per value."""
    inferred = _inferred_str()
    if len(index) and isinstance(inferred, pd.StringDtype):
        return pd.array(np.array(values, dtype=object), dtype=inferred).take(index)
    return np.array(values, dtype=object)[index]


def _offsets(df: pd.DataFrame, where: str) -> np.ndarray:
    start = pd.to_numeric(df["start"], errors="coerce")
    if start.isna().any():
        bad = df.loc[start.isna(), "stmt_id"].tolist()[:3]
        raise ContractError(
            f"{where}: the column start has missing or non-numeric values (stmt_id {bad}); "
            "it must hold each statement's offset in its document (see split_statements)"
        )
    return start.to_numpy(dtype=np.int64)


def find_matches(
    statements: pd.DataFrame,
    *,
    codebook=None,
    levels: int | None = None,
    fold_accents: bool = False,
    nested_scope: str = "theme",
    negation: bool = True,
    lang: str | None = None,
) -> pd.DataFrame:
    """Find the codebook's matches in statements: the evidence behind the coding.

    Parameters
    ----------
    statements
        Statements (or attributed statements): at least doc_id, stmt_id, start, text; lang,
        speaker and side are carried over when present.
    codebook
        A :class:`~discourse.coding.codebook.Codebook`, a codebook file, or None (the default one).
    levels
        Report matches of themes deeper than this under their ancestor (None: as they are).
    fold_accents, nested_scope
        Matching options, see :func:`discourse.coding.matcher.compile_codebook`.
    negation
        Detect negation (False: nothing is negated, every match counts).
    lang
        Language of statements without a ``lang`` value.

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
    >>> from discourse.coding.codebook import Codebook, Theme
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
    cb = _resolve_codebook(codebook)
    matcher = compile_codebook(cb, fold_accents=fold_accents, nested_scope=nested_scope)
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
) -> pd.DataFrame:
    """Code each statement with the codebook's themes.

    Parameters
    ----------
    attributed
        Statements or attributed statements (at least doc_id, stmt_id, start, text).
    codebook, levels, fold_accents, nested_scope, negation, lang
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
    >>> from discourse.coding.codebook import Codebook, Theme
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
    cb = _resolve_codebook(codebook)
    if matches is None:
        matches = find_matches(attributed, codebook=cb, levels=levels, fold_accents=fold_accents,
                               nested_scope=nested_scope, negation=negation, lang=lang)
    else:
        require_columns(matches, ["stmt_id", "theme"], where=f"{where} (matches=)")
        compile_codebook(cb, fold_accents=fold_accents, nested_scope=nested_scope)  # checks
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
                                   if c.startswith("theme_") or c in ("themes", "n_matches")])
    out = out.copy()
    for i, code in enumerate(codes):
        out["theme_" + code.replace(".", "__")] = values[:, i].astype(np.int64)
    by_name = sorted(range(len(codes)), key=lambda i: codes[i])
    combos, which = _unique_rows(values[:, by_name])
    labels = [";".join(codes[i] for i, on in zip(by_name, combo) if on) for combo in combos]
    out["themes"] = pd.Series(labels, dtype=object).astype(str).take(which).set_axis(out.index)
    out["n_matches"] = np.bincount(rows, minlength=len(attributed)).astype(np.int64)
    return out


def _positions(stmt_ids: pd.Series, wanted: pd.Series, where: str) -> np.ndarray:
    """Position of each wanted stmt_id in stmt_ids (-1 if absent); stmt_ids must be unique."""
    n = len(stmt_ids)
    if not (stmt_ids.hasnans or wanted.hasnans):     # one hashing pass over both
        codes, _ = pd.factorize(pd.concat([stmt_ids, wanted], ignore_index=True))
        if np.array_equal(codes[:n], np.arange(n)):  # codes follow first appearance: unique
            pos = codes[n:].astype(np.int64)
            pos[pos >= n] = -1
            return pos
    stmt = pd.Index(stmt_ids)
    if not stmt.is_unique:
        dup = stmt[stmt.duplicated()].unique().tolist()[:3]
        raise ContractError(f"{where}: stmt_id must be unique; repeated: {dup}")
    return stmt.get_indexer(wanted)


def _unique_rows(flags: np.ndarray) -> tuple[list, np.ndarray]:
    """The distinct rows of a boolean matrix (as lists of bool) and each row's one."""
    n, width = flags.shape
    if not width:
        return [[]], np.zeros(n, np.int64)
    packed = np.packbits(flags, axis=1, bitorder="little")
    if width <= 16:             # a row is a number < 2**16: count them
        key = packed[:, 0].astype(np.int64)
        if width > 8:
            key |= packed[:, 1].astype(np.int64) << 8
        present = np.flatnonzero(np.bincount(key, minlength=1 << width))
        which = np.zeros(1 << width, np.int64)
        which[present] = np.arange(len(present))
        bits = (present[:, None] >> np.arange(width)) & 1
        return bits.astype(bool).tolist(), which[key]
    size = -(-packed.shape[1] // 8) * 8
    keys = np.ascontiguousarray(np.pad(packed, ((0, 0), (0, size - packed.shape[1]))))
    keys = keys.view("<u8")
    _, first, which = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return flags[first].tolist(), np.asarray(which).reshape(-1)


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
        cb = _resolve_codebook(codebook)
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
