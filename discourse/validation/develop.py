"""Developing a codebook on one's own corpus: measure, read the errors, revise, measure again.

Dictionaries taken off the shelf are rarely valid on a new corpus (van Atteveldt, van der
Velden & Boukes 2021): a researcher hand-codes a sample from the codebook's definitions
(before looking at the machine's output), then iterates:

1. :func:`measure_codebook`: precision, recall and F1 per theme (and language) of a codebook
   against the hand coding;
2. :func:`list_coding_errors`: its misses and false alarms, with the words that made each
   false alarm in context, and for each miss the theme words the proper-name rule set aside;
3. :func:`discourse.validation.suggest.suggest_terms`: candidate terms for a theme, each
   with its counts and examples, to accept or reject;
4. :func:`revise_codebook`: a new version with the accepted patterns, exclusions or names,
   its change log (and the scores measured) written into the codebook's version history;
   :func:`discourse.write_codebook` saves it; measure again.

Tune on a development part and report the scores on a part never used to revise the
codebook: scores measured on the statements the codebook was revised from are optimistic.

The hand coding is a table with ``stmt_id`` and ``theme_<id>`` 0/1 columns, one row per
statement (several coders in a long table with a ``coder`` column are reduced to their
majority with :func:`discourse.majority_coding`); themes are scored at the top level.

Examples
--------
>>> import pandas as pd
>>> from discourse.coding.model import Codebook, Theme
>>> cb = Codebook("mini", "1", themes=(Theme("acw", "ACW", patterns={"en": ("cold war",)}),))
>>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "start": [0, 40],
...     "lang": "en", "text": ["We reject the Cold War mentality.", "We oppose hegemonism."]})
>>> hand = pd.DataFrame({"stmt_id": ["d.1", "d.2"], "theme_acw": [1, 1]})
>>> measure_codebook(st, hand, codebook=cb)[["theme", "lang", "tp", "fn", "recall"]]
   theme lang  tp  fn  recall
0    acw   en   1   1     0.5
1  micro   en   1   1     0.5
>>> cb2 = revise_codebook(cb, add={"acw": {"en": ["hegemon*"]}}, version="1.1",
...                       date="2026-01-01", note="hegemonism")
>>> cb2.history[-1]["changes"]
['acw: added en patterns hegemon*', 'hegemonism']
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date as _date

import numpy as np
import pandas as pd

from ..coding.codebook import read_codebook
from ..coding.model import Codebook
from ..coding.themes import code_themes, find_matches
from ..errors import ContractError, ParameterError
from ..schema import require_columns, theme_column
from .comparison import majority_coding

__all__ = ["measure_codebook", "list_coding_errors", "revise_codebook", "reference_coding"]

_NEEDED = ("doc_id", "stmt_id", "start", "text")


def reference_coding(hand: pd.DataFrame, *, themes=None) -> pd.DataFrame:
    """One hand code per statement and theme: ``stmt_id`` + ``theme_<id>`` 0/1 columns.

    A long table with a ``coder`` column and several coders is reduced to the majority
    (:func:`discourse.majority_coding`; ties are missing and left out of the scores).

    Examples
    --------
    >>> import pandas as pd
    >>> hand = pd.DataFrame({"coder": ["a", "b", "c"], "stmt_id": "d.1", "theme_x": [1, 1, 0]})
    >>> reference_coding(hand).values.tolist()
    [['d.1', 1]]
    """
    require_columns(hand, ["stmt_id"], where="hand coding")
    if "coder" in hand.columns and hand["stmt_id"].duplicated().any():
        hand = majority_coding(hand)
    cols = [c for c in hand.columns if c.startswith("theme_")]
    if themes is not None:
        cols = [theme_column(t) if not str(t).startswith("theme_") else t for t in themes]
        missing = [c for c in cols if c not in hand.columns]
        if missing:
            raise ContractError(f"hand coding: no column {missing[0]!r}; its theme columns: "
                                f"{', '.join(c for c in hand.columns if c.startswith('theme_'))}")
    if not cols:
        raise ContractError("hand coding: no theme_<id> column; give stmt_id and one 0/1 "
                            "theme_<id> column per theme")
    if hand["stmt_id"].duplicated().any():
        raise ContractError(f"hand coding: stmt_id {hand['stmt_id'][hand['stmt_id'].duplicated()].iloc[0]!r} "
                            "appears twice; give one row per statement (or a coder column)")
    return hand[["stmt_id", *cols]].reset_index(drop=True)


def _machine(statements, codebook, names):
    require_columns(statements, _NEEDED, where="statements")
    cb = read_codebook(codebook)
    matches = find_matches(statements, codebook=cb, levels=1, names=names)
    coded = code_themes(statements, codebook=cb, levels=1, matches=matches, names=names)
    return cb, coded, matches


def _aligned(statements, hand, codebook, names):
    cb, coded, matches = _machine(statements, codebook, names)
    ref = reference_coding(hand)
    top = [theme_column(t.id) for t in cb.themes if t.parent is None]
    cols = [c for c in ref.columns[1:] if c in top]
    if not cols:
        raise ContractError(f"hand coding: none of its theme columns is a top-level theme of "
                            f"codebook {cb.id!r} ({', '.join(top)})")
    missing = ~ref["stmt_id"].isin(coded["stmt_id"])
    if missing.any():
        raise ContractError(f"hand coding: stmt_id {ref.loc[missing, 'stmt_id'].iloc[0]!r} is "
                            "not in the statements")
    both = coded.merge(ref, on="stmt_id", how="inner", suffixes=("", "_hand"))
    return cb, both, matches, cols


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else np.nan
    r = tp / (tp + fn) if tp + fn else np.nan
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else np.nan
    return p, r, f


def measure_codebook(statements: pd.DataFrame, hand: pd.DataFrame, *, codebook=None,
                     by: str | None = "lang", names: str = "exclude") -> pd.DataFrame:
    """Precision, recall and F1 of a codebook against a hand coding, per theme.

    Parameters
    ----------
    statements
        The hand-coded statements (doc_id, stmt_id, start, text, lang).
    hand
        The hand coding (see :func:`reference_coding`).
    codebook
        A codebook, a file, or None (the default).
    by
        A column of ``statements`` to score separately (default ``lang``), or None.
    names
        As in :func:`discourse.find_matches`.

    Returns
    -------
    pandas.DataFrame
        theme (and ``micro``: all themes pooled), the ``by`` column, n, n_gold, tp, fp, fn,
        precision, recall, f1 (NaN where undefined: no gold and no machine code).

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.coding.model import Codebook, Theme
    >>> cb = Codebook("m", "1", themes=(Theme("coop", "Coop", patterns={"en": ("cooperat*",)}),))
    >>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "start": 0, "lang": "en",
    ...                    "text": ["Cooperation grew.", "China helped."]})
    >>> hand = pd.DataFrame({"stmt_id": ["d.1", "d.2"], "theme_coop": [1, 1]})
    >>> measure_codebook(st, hand, codebook=cb, by=None)[["theme", "tp", "fn", "f1"]].round(3)
       theme  tp  fn     f1
    0   coop   1   1  0.667
    1  micro   1   1  0.667
    """
    if by is not None and by not in statements.columns:
        raise ParameterError(f"measure_codebook: by={by!r} is not a column of the statements "
                             f"({', '.join(map(str, statements.columns))})")
    _, both, _, cols = _aligned(statements, hand, codebook, names)
    groups = [("all", both)] if by is None else list(both.groupby(by, sort=True))
    rows = []
    for key, g in groups:
        tot = np.zeros(3, np.int64)
        for col in cols:
            ok = g[col + "_hand"].notna().to_numpy()
            gold = g.loc[ok, col + "_hand"].astype(int).to_numpy() == 1
            pred = g.loc[ok, col].astype(int).to_numpy() == 1
            c = np.array([(gold & pred).sum(), (~gold & pred).sum(), (gold & ~pred).sum()])
            tot += c
            rows.append((col[6:].replace("__", "."), key, int(ok.sum()), int(gold.sum()),
                         *c.tolist(), *_prf(*c.tolist())))
        rows.append(("micro", key, len(g), int(tot[0] + tot[2]), *tot.tolist(), *_prf(*tot)))
    out = pd.DataFrame(rows, columns=["theme", by or "group", "n", "n_gold", "tp", "fp", "fn",
                                      "precision", "recall", "f1"])
    return out if by is not None else out.drop(columns="group")


def _kwic(text: str, a: int, b: int, window: int) -> str:
    pre = " ".join(text[max(0, a - window):a].split())
    post = " ".join(text[b:b + window].split())
    return f"…{pre} [{text[a:b]}] {post}…"


def _words(matches: pd.DataFrame, sid: str, theme: str, texts, starts, window):
    m = matches[(matches["stmt_id"] == sid) & (matches["theme"] == theme)]
    evidence = "; ".join(f"{w} [{p}]" for w, p in zip(m["matched"], m["pattern"]))
    kw = " | ".join(_kwic(texts[sid], int(s) - starts[sid], int(e) - starts[sid], window)
                    for s, e in zip(m["start"], m["end"]))
    return evidence, kw


def list_coding_errors(statements: pd.DataFrame, hand: pd.DataFrame, *, codebook=None,
                       themes=None, window: int = 40) -> pd.DataFrame:
    """The codebook's misses and false alarms on a hand-coded sample, with context.

    Parameters
    ----------
    statements, hand, codebook
        As in :func:`measure_codebook`.
    themes
        Top-level theme ids to list (None: all the hand coding has).
    window
        Characters of context on each side of a word.

    Returns
    -------
    pandas.DataFrame
        stmt_id, lang (when given), theme, kind (``miss``: hand-coded, not coded by the
        codebook; ``false alarm``: the reverse), text, evidence (a false alarm's matched
        words with their pattern in brackets), kwic (those words in context), in_name (for a
        miss: theme words the proper-name rule set aside, in context; empty otherwise), in
        statement order, themes in codebook order.

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.coding.model import Codebook, Theme
    >>> cb = Codebook("m", "1", themes=(Theme("coop", "Coop", patterns={"en": ("cooperat*",)}),))
    >>> st = pd.DataFrame({"doc_id": "d", "stmt_id": ["d.1", "d.2"], "start": [0, 60],
    ...     "lang": "en", "text": ["He attended the Lancang-Mekong Cooperation meeting.",
    ...                            "China helped Cambodia."]})
    >>> hand = pd.DataFrame({"stmt_id": ["d.1", "d.2"], "theme_coop": [0, 1]})
    >>> list_coding_errors(st, hand, codebook=cb)[["stmt_id", "kind", "text"]]
      stmt_id  kind                    text
    0     d.2  miss  China helped Cambodia.
    """
    if not isinstance(window, int) or window < 0:
        raise ParameterError(f"list_coding_errors: window={window!r}; give characters >= 0")
    cb, both, matches, cols = _aligned(statements, hand, codebook, "exclude")
    if themes is not None:
        wanted = {theme_column(t) for t in themes}
        cols = [c for c in cols if c in wanted]
    named = find_matches(statements, codebook=cb, levels=1, names="count")
    set_aside = named.merge(matches[["stmt_id", "theme", "start"]], how="left",
                            indicator=True).query("_merge == 'left_only'")
    texts = dict(zip(statements["stmt_id"], statements["text"].astype(str)))
    starts = dict(zip(statements["stmt_id"], statements["start"].astype(int)))
    rows = []
    for r in both.to_dict("records"):
        for col in cols:
            h, m = r[col + "_hand"], int(r[col])
            if pd.isna(h) or int(h) == m:
                continue
            theme = col[6:].replace("__", ".")
            if m:
                evidence, kw = _words(matches, r["stmt_id"], theme, texts, starts, window)
                rows.append((r["stmt_id"], r.get("lang"), theme, "false alarm", r["text"],
                             evidence, kw, ""))
            else:
                _, aside = _words(set_aside, r["stmt_id"], theme, texts, starts, window)
                rows.append((r["stmt_id"], r.get("lang"), theme, "miss", r["text"], "", "",
                             aside))
    out = pd.DataFrame(rows, columns=["stmt_id", "lang", "theme", "kind", "text", "evidence",
                                      "kwic", "in_name"])
    return out if "lang" in statements.columns else out.drop(columns="lang")


def _edit(table: dict, items: dict) -> dict:
    out = {k: tuple(v) for k, v in table.items()}
    for lang, patterns in items.items():
        patterns = [patterns] if isinstance(patterns, str) else list(patterns)
        have = list(out.get(lang, ()))
        out[lang] = tuple(have + [p for p in patterns if p not in have])
    return out


def _describe(verb: str, what: str, edits: dict) -> list[str]:
    return [f"{theme}: {verb} {lang} {what} " + ", ".join([p] if isinstance(p, str) else p)
            for theme, by_lang in edits.items() for lang, p in by_lang.items()]


def revise_codebook(codebook, *, version: str, add: dict | None = None,
                    remove: dict | None = None, exclude: dict | None = None,
                    names: dict | None = None, note: str | list[str] | None = None,
                    measured: dict | None = None, date: str | None = None) -> Codebook:
    """A new version of a codebook, its changes written into its version history.

    Parameters
    ----------
    codebook
        The codebook to revise (a Codebook, a file, or None for the default).
    version
        The new version (it must differ from the current one).
    add, remove, exclude
        ``{theme id: {lang: [patterns]}}``: patterns to add, patterns to remove, exclusion
        phrases to add.
    names
        ``{lang: [names]}``: proper names to add to the codebook's ``names:`` list.
    note
        The researcher's reasons (one text or a list), written after the generated lines.
    measured
        Scores to record with the version (e.g. the dev micro-F1 per language).
    date
        ISO date of the version (default: today).

    Returns
    -------
    Codebook
        The revised codebook (save it with :func:`discourse.write_codebook`). Its
        ``history`` ends with ``{version, date, changes, measured}``.

    Raises
    ------
    ParameterError
        For an unchanged version, an unknown theme, or removing a pattern it does not have.

    Examples
    --------
    >>> from discourse.coding.model import Codebook, Theme
    >>> cb = Codebook("m", "1", themes=(Theme("coop", "Coop", patterns={"en": ("cooperat*",)}),))
    >>> cb2 = revise_codebook(cb, version="2", add={"coop": {"en": "help*"}}, date="2026-12-07")
    >>> cb2.theme("coop").patterns["en"], cb2.history[-1]["changes"]
    (('cooperat*', 'help*'), ['coop: added en patterns help*'])
    """
    cb = read_codebook(codebook)
    if str(version) == cb.version:
        raise ParameterError(f"revise_codebook: version={version!r} is the current version; "
                             "give the new version")
    themes = {t.id: t for t in cb.themes}
    for edits in (add, remove, exclude):
        for tid in edits or {}:
            if tid not in themes:
                raise ParameterError(f"revise_codebook: no theme {tid!r} in codebook "
                                     f"{cb.id!r}; themes: {', '.join(themes)}")
    for tid, by_lang in (remove or {}).items():
        t = themes[tid]
        pats = {k: list(v) for k, v in t.patterns.items()}
        for lang, items in by_lang.items():
            for p in [items] if isinstance(items, str) else items:
                if p not in pats.get(lang, []):
                    raise ParameterError(f"revise_codebook: theme {tid!r} has no {lang} "
                                         f"pattern {p!r}; its {lang} patterns: "
                                         f"{', '.join(pats.get(lang, [])) or 'none'}")
                pats[lang].remove(p)
        themes[tid] = replace(t, patterns={k: tuple(v) for k, v in pats.items()})
    for tid, by_lang in (add or {}).items():
        themes[tid] = replace(themes[tid], patterns=_edit(themes[tid].patterns, by_lang))
    for tid, by_lang in (exclude or {}).items():
        themes[tid] = replace(themes[tid],
                              exclusions=_edit(themes[tid].exclusions, by_lang))
    changes = (_describe("added", "patterns", add or {})
               + _describe("removed", "patterns", remove or {})
               + _describe("added", "exclusions", exclude or {})
               + [f"names: added {lang} " + ", ".join(v) for lang, v in (names or {}).items()])
    changes += [note] if isinstance(note, str) else list(note or [])
    entry = {"version": str(version), "date": date or _date.today().isoformat(),
             "changes": changes}
    if measured is not None:
        entry["measured"] = measured
    new_names = _edit(cb.names, names) if names else cb.names
    return replace(cb, version=str(version), themes=tuple(themes[t.id] for t in cb.themes),
                   names=new_names, history=tuple(cb.history) + (entry,), sha256="",
                   path=None)
