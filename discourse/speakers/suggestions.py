"""Grow an actors file from a run: the named speakers it does not hold, as a reviewable draft.

A corpus from many outlets names people the researcher's actors file does not list: each
becomes a speaker of its own, with an id made from the name as the text gives it
(``patrice_talon``; a shorter form elsewhere, ``talon``, is another id). :func:`suggest_actors`
lists them from a run's statements with their counts, the forms seen, the side the rules gave
them, an example, and the id each is probably a form of: a misspelling of an actor's alias,
or a shorter form of a fuller name (an actor's name, or another suggestion's) that the same
documents name (tokens matched with a small tolerance, sides compatible); a fuller name
found only in other documents is reported, never linked (a father and a son share names). :func:`draft_actors` writes the suggestions as an actors file
to review: one entry a person, the shorter forms folded in as aliases, the forms of actors
already in the file listed as comments. Nothing is added to the user's actors file: the
researcher copies what they accept.

Examples
--------
>>> import pandas as pd
>>> rows = [("d1", "patrice_talon", "Patrice Talon", "BJ", "Patrice Talon a salué ..."),
...         ("d1", "talon", "Talon", "BJ", "Talon a ajouté ..."),
...         ("d2", "patrice_talon", "Patrice Talon", "BJ", "Patrice Talon a dit ...")]
>>> st = pd.DataFrame(rows, columns=["doc_id", "speaker", "speaker_name", "side", "text"])
>>> st["lang"], st["start"] = "fr", 0
>>> table = suggest_actors(st)
>>> table[["id", "n_statements", "same_as"]].values.tolist()
[['patrice_talon', 2, ''], ['talon', 1, 'patrice_talon']]
>>> print(draft_actors(table).split("actors:")[1].strip().splitlines()[0])
patrice_talon:
"""

from __future__ import annotations

from difflib import SequenceMatcher

import pandas as pd
import yaml

from ..errors import ParameterError
from .actor import fold_alias
from .actors import Actors, read_actors, slug_name

__all__ = ["suggest_actors", "draft_actors", "SUGGESTION_COLUMNS"]

SUGGESTION_COLUMNS = ("id", "name", "side", "n_statements", "n_documents", "languages",
                      "forms", "same_as", "reason", "documents", "example",
                      "forms_by_language")
_NEEDED = ("doc_id", "speaker", "speaker_name", "side", "text")
_LABELS = frozenset({"narrator", "joint", "unknown"})
_EXAMPLE_CHARS = 160
_TOKEN_RATIO = 0.8


def suggest_actors(statements: pd.DataFrame, *, actors: Actors | str | None = None,
                   min_statements: int = 1) -> pd.DataFrame:
    """List the named speakers of attributed statements that the actors file does not hold.

    Parameters
    ----------
    statements
        Attributed (or coded) statements: ``doc_id``, ``speaker``, ``speaker_name``,
        ``side``, ``text`` (``lang`` and ``start`` used when present), e.g. a run's
        ``coded_statements.csv``.
    actors
        The actors file the statements were attributed with (None: the default actors).
    min_statements
        Leave out speakers with fewer statements (the links between ids are found first).

    Returns
    -------
    pandas.DataFrame
        One row a speaker id, :data:`SUGGESTION_COLUMNS`: counts, languages, the forms of
        the name seen, ``same_as`` (the actor or the suggested id this one is probably a
        form of, empty if none or several), ``reason`` (why, or the candidates when
        several), up to three documents and the first statement (cut at 160 characters).
        Sorted by statements (most first), then id.

    Raises
    ------
    ParameterError
        If a needed column is missing, or ``min_statements`` is below 1.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["d"], "speaker": ["m_wang"], "speaker_name": ["M Wang"],
    ...                    "side": ["CN"], "text": ["M Wang a promis ..."]})
    >>> wang = st.assign(speaker="wang_yi", speaker_name="Wang Yi", text="Wang Yi a dit ...")
    >>> suggest_actors(pd.concat([st, wang]))[["id", "same_as"]].values.tolist()
    [['m_wang', 'wang_yi']]
    """
    missing = [c for c in _NEEDED if c not in statements.columns]
    if missing:
        raise ParameterError(f"statements lack the column(s) {', '.join(missing)}; give "
                             "attributed statements (e.g. a run's coded_statements.csv)")
    if min_statements < 1:
        raise ParameterError(f"min_statements={min_statements}: give a number >= 1")
    known = read_actors(actors)
    st = statements.fillna({c: "" for c in ("speaker", "speaker_name", "side")})
    st = st.assign(side=st["side"].where(st["side"] != "unknown", ""))
    spoken = st[~st["speaker"].isin(_LABELS) & (st["speaker"] != "")]
    table = pd.DataFrame([_row(sid, g) for sid, g in spoken.groupby("speaker", sort=True)
                          if sid not in known], columns=[c for c in SUGGESTION_COLUMNS
                                                         if c not in ("same_as", "reason")])
    texts = st.groupby("doc_id", sort=False)["text"].agg(
        lambda t: fold_alias(" ".join(map(str, t))))
    forms = _name_forms(table, known)
    index = _by_initial(forms)
    docs_of = spoken.groupby("speaker")["doc_id"].agg(lambda d: sorted(set(map(str, d))))
    links = [_link(r, forms, index, known, [texts[d] for d in docs_of[r.id]])
             for r in table.itertuples(index=False)]
    table.insert(7, "same_as", _follow([same for same, _ in links], list(table["id"])))
    table.insert(8, "reason", [why for _, why in links])
    table = table[table["n_statements"] >= min_statements]
    return table.sort_values(["n_statements", "id"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def _row(sid: str, g: pd.DataFrame) -> dict:
    """The counts, forms, side and example of one speaker id."""
    names = g["speaker_name"].astype(str).value_counts()
    name = sorted(names.index, key=lambda n: (-names[n], n))[0]
    sides = g.loc[g["side"] != "", "side"].astype(str).value_counts()
    side = sorted(sides.index, key=lambda s: (-sides[s], s))[0] if len(sides) else ""
    order = [c for c in ("doc_id", "start") if c in g.columns]
    first = " ".join(str(g.sort_values(order, kind="stable")["text"].iloc[0]).split())
    langs = sorted(set(map(str, g["lang"]))) if "lang" in g.columns else []
    by_lang = (sorted({(str(lang), str(n)) for lang, n in zip(g["lang"], g["speaker_name"])})
               if "lang" in g.columns else [])
    return {"id": sid, "name": name, "side": side, "n_statements": len(g),
            "n_documents": g["doc_id"].nunique(), "languages": ";".join(langs),
            "forms": ";".join(sorted(names.index)),
            "forms_by_language": ";".join(f"{lang}={n}" for lang, n in by_lang),
            "documents": ";".join(sorted(set(map(str, g["doc_id"])))[:3]),
            "example": first if len(first) <= _EXAMPLE_CHARS
            else first[:_EXAMPLE_CHARS - 1] + "…"}


def _tokens(name: str) -> tuple[str, ...]:
    """The words of a name's slug, one-letter initials and honorific dots dropped."""
    return tuple(t for t in slug_name(name).split("_") if len(t) > 1)


def _same_token(a: str, b: str) -> bool:
    return a == b or (a[0] == b[0] and SequenceMatcher(None, a, b).ratio() >= _TOKEN_RATIO)


def _covers(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether every word of ``shorter`` is (nearly) a word of the longer name."""
    return (len(longer) > len(shorter) > 0
            and all(any(_same_token(s, w) for w in longer) for s in shorter))


def _name_forms(table: pd.DataFrame, known: Actors) -> list[tuple[str, str, tuple, str]]:
    """(id, side, words, folded name) of every suggested name and every actor's names."""
    forms = [(r.id, r.side, _tokens(r.name) or _tokens(r.id), fold_alias(r.name))
             for r in table.itertuples(index=False)]
    for aid in known:
        actor = known[aid]
        forms += [(aid, actor.side, _tokens(actor.name) or _tokens(aid),
                   fold_alias(actor.name))]
    return forms


def _by_initial(forms: list[tuple[str, str, tuple, str]]) -> dict[str, set[int]]:
    """Initial letter of a word -> the forms (indices) that have a word with it."""
    index: dict[str, set[int]] = {}
    for k, (_, _, words, _) in enumerate(forms):
        for w in words:
            index.setdefault(w[0], set()).add(k)
    return index


def _link(row, forms: list, index: dict, known: Actors, texts: list[str]) -> tuple[str, str]:
    """(the id ``row`` is probably a form of, why) — or ('', the candidates or '').

    Only a candidate named in one of the row's documents (its full name in their text) is
    linked; one named only elsewhere in the corpus is reported in ``why``.
    """
    near = known.near(row.name)
    if near is not None:
        return near, f"misspelt alias of the actor {near}"
    mine = _tokens(row.name) or _tokens(row.id)
    if not mine:
        return "", ""
    inside = sorted({f[0] for f in forms[len(forms) - len(known):]
                     if len(f[2]) > 1 and _contains(mine, f[2])
                     and _compatible(row.side, f[1])})
    if len(inside) == 1:
        return inside[0], f"holds the name of the actor {inside[0]} (title or honorific words)"
    shortlist = set.intersection(*(index.get(w[0], set()) for w in mine))
    hits = [k for k in sorted(shortlist) if forms[k][0] != row.id
            and _compatible(row.side, forms[k][1]) and _covers(forms[k][2], mine)]
    together = _fullest([k for k in hits if any(forms[k][3] in t for t in texts)], forms)
    if len(together) == 1:
        return together[0], f"shorter form of {together[0]}, named in the same documents"
    if together:
        return "", f"could be any of {', '.join(together)}"
    elsewhere = _fullest(hits, forms)
    return "", (f"possibly a shorter form of {' or '.join(elsewhere)}, named only in other "
                "documents (a relative, a namesake?): check" if elsewhere else "")


def _contains(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether ``name``'s words stand together, in order, among ``words`` (and are fewer)."""
    n = len(name)
    return len(words) > n and any(words[i:i + n] == name for i in range(len(words) - n + 1))


def _fullest(hits: list[int], forms: list) -> list[str]:
    """The ids of the candidate forms, less those that are shorter forms of another one."""
    keep = {forms[k][0] for k in hits
            if not any(_covers(forms[j][2], forms[k][2]) for j in hits
                       if forms[j][0] != forms[k][0])}
    return sorted(keep)


def _compatible(a: str, b: str) -> bool:
    return not a or not b or a == b


def _follow(same: list[str], ids: list[str]) -> list[str]:
    """Follow chains of suggested ids (``a`` -> ``b`` -> ``c`` gives ``c``), cycles cut."""
    to = dict(zip(ids, same))
    out = []
    for start in ids:
        seen, cur = {start}, to[start]
        while cur in to and to[cur] and to[cur] not in seen:
            seen.add(cur)
            cur = to[cur]
        out.append(cur)
    return out


def _scalar(value: str) -> str:
    """A YAML scalar for ``value``, quoted only when YAML needs it."""
    return yaml.safe_dump([value], default_flow_style=True, allow_unicode=True,
                          width=1 << 20).strip()[1:-1]


def draft_actors(suggestions: pd.DataFrame, *, source: str = "the run") -> str:
    """Write suggestions as a draft actors file (YAML text) for the researcher to review.

    Parameters
    ----------
    suggestions
        The table of :func:`suggest_actors`.
    source
        What the suggestions were found in, for the header (e.g. the run folder).

    Returns
    -------
    str
        A valid actors file (it loads with :func:`~discourse.speakers.actors.read_actors`):
        one entry a person not linked to another (``same_as`` empty), the forms of the ids
        linked to it as aliases in their documents' languages, the counts and an example as
        comments; ``side: unknown`` where the rules found no side. The forms of actors
        already in the file follow as comments. Empty text if there is nothing to suggest.

    Examples
    --------
    >>> draft_actors(pd.DataFrame(columns=SUGGESTION_COLUMNS))
    ''
    """
    rows = {r.id: r for r in suggestions.itertuples(index=False)}
    heads = [r for r in rows.values() if not r.same_as]
    folded = {h.id: [r for r in rows.values() if r.same_as == h.id] for h in heads}
    out = [f"# Named speakers found in {source} that the actors file does not hold: a DRAFT.",
           "# Check every name and side against the texts, add aliases and dated titles, and",
           "# copy the entries you accept into your actors file (discourse never edits it).",
           "# Ids linked to another one (a shorter or misspelt form) are folded into it as",
           "# aliases; check each link (see the table of suggestions, column `reason`)."]
    if heads:
        out.append("actors:")
        for h in heads:
            out += _entry(h, folded[h.id])
    elsewhere = [r for r in rows.values() if r.same_as and r.same_as not in rows]
    if elsewhere:
        out.append("# Forms of actors already in the file (add them to their aliases):")
        out += [f"#   {r.same_as}: {r.forms.replace(';', ', ')}  ({r.reason})"
                for r in sorted(elsewhere, key=lambda r: (r.same_as, r.id))]
    return "\n".join(out) + "\n" if heads or elsewhere else ""


def _entry(head, linked: list) -> list[str]:
    """The lines of one draft entry."""
    n = head.n_statements + sum(r.n_statements for r in linked)
    lines = [f"  {head.id}:",
             f"    # {n} statement(s); documents: {head.documents.replace(';', ', ')}",
             f"    # e.g. {head.example}".replace("\n", " "),
             f"    name: {_scalar(head.name)}",
             f"    side: {_scalar(head.side or 'unknown')}"
             + ("" if head.side else "  # the rules found no side: write the country code")]
    by_lang: dict[str, list[str]] = {}
    for r in [head, *linked]:
        pairs = [p.split("=", 1) for p in r.forms_by_language.split(";") if "=" in p]
        for lang, form in pairs or [("en", f) for f in r.forms.split(";") if f]:
            forms = by_lang.setdefault(lang, [])
            forms += [form] if form not in forms else []
    lines.append("    aliases:")
    lines += [f"      {lang}: [{', '.join(map(_scalar, forms))}]"
              for lang, forms in sorted(by_lang.items())]
    return lines
