"""One scan per document: the candidates of every statement, found in one pass each.

The cue analysis of a statement (:mod:`discourse.speakers.cue_analysis`) starts from the
mentions it holds: actors' aliases, capitalised runs (names), pronouns, plural pronouns,
joint subjects and descriptions. Looking for each of them statement by statement costs a
regular expression call (and its literal gate) per pattern and statement, more than the
scans themselves on short statements. :func:`scan_document` runs each of these patterns
once over the whole document, its statements' working copies joined by a separator
(``"\\x00"``) that none of the patterns can match and that every one of them sees as the
edge of a text (their boundaries are ``(?<![\\w'-])``, ``(?![\\w-])``, ``\\s`` and word
classes, never ``^``, ``$`` or ``.``), and files the hits by statement with the statement's
offsets: a :class:`Hits` per statement. The per-statement functions take their hits from it
and give what they gave scanning the statement alone (the differential tests check it on
random and real-like texts). A document in which a statement holds the separator itself is
scanned statement by statement, as before.

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> rules = read_cue_rules()["fr"]
>>> texts = ["Xi a dit.", "Il a ajouté que les deux parties..."]
>>> hits = scan_document([t.lower() for t in texts], texts, read_actors(), rules, "fr")
>>> hits[0].actors, [h[2] for h in hits[1].pronouns], [h[2] for h in hits[1].joint]
([(0, 2, 'xi')], ['il'], ['les deux parties'])
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from ..text.normalize import normalize_text
from .actors import Actors
from .cues import CueRules
from .doc_state import DocState
from .gates import document_gates
from .descriptions import descriptor_hits
from .names import _NAME_RUN

__all__ = ["Hits", "scan_document", "working_copies", "document_copies", "SEPARATOR"]

#: What joins a document's statements for its scans (no pattern matches it).
SEPARATOR = "\x00"


@dataclass(slots=True)
class Hits:
    """One statement's hits, offsets into the statement: (start, end, matched text) for
    actors' aliases, pronouns, plural pronouns and joint subjects; (start, end) for the
    capitalised runs; the descriptions as :func:`descriptor_hits` gives them."""

    actors: list = field(default_factory=list)
    runs: list = field(default_factory=list)
    pronouns: list = field(default_factory=list)
    plural: list = field(default_factory=list)
    joint: list = field(default_factory=list)
    descriptors: list = field(default_factory=list)
    rules: CueRules | None = None   # the cue rules with the statement's gates decided


def scan_document(folded: list[str], cased: list[str], actors: Actors, rules: CueRules,
                  lang: str | None) -> list[Hits] | None:
    """Every statement's :class:`Hits`, each pattern run once over the whole document.

    Parameters
    ----------
    folded, cased
        The statements' folded and cased working copies (same offsets).
    actors, rules, lang
        The actors (their alias pattern for ``lang``) and the cue rules.

    Returns
    -------
    list of Hits, or None
        None if a statement holds the separator (then scan statement by statement).
    """
    if any(SEPARATOR in t for t in folded) or any(SEPARATOR in t for t in cased):
        return None
    n = len(folded)
    if not n:
        return []
    starts, pos = [], 0
    for t in folded:
        starts.append(pos)
        pos += len(t) + 1
    starts.append(pos)   # (past the end: no hit reaches it)
    text = SEPARATOR.join(folded)
    found = {}
    for rx, slot in ((actors.alias_pattern(lang), "actors"), (rules.pronouns, "pronouns"),
                     (rules.plural_pronouns, "plural"), (rules.joint, "joint")):
        if hasattr(rx, "may_match") and not rx.anchored and not rx.may_match(text):
            continue   # a literal gate: none of the words this pattern needs
        found[slot] = _filed(getattr(rx, "regex", rx).finditer(text), starts, n, True)
    runs = _filed(_NAME_RUN.finditer(SEPARATOR.join(cased)), starts, n, False)
    lists = [found.get(k) or [[] for _ in range(n)] for k in ("actors", "pronouns", "plural",
                                                              "joint")]
    hits = [Hits(a, r, p, pl, j) for a, r, p, pl, j in zip(lists[0], runs, *lists[1:])]
    gates = document_gates(rules)
    masks = gates.masks(folded, text)
    described, gate = gates.bits.get("descriptors", 0), rules.descriptor_words
    finditer = rules.descriptor.finditer
    for i, t in enumerate(folded):   # (a literal gate first: the pattern is slow)
        if masks is not None:
            hits[i].rules = gates.rules_for(masks[i])
        if gate is None or (masks[i] & described if masks is not None else gate.may_match(t)):
            hits[i].descriptors = descriptor_hits(finditer(t))
    return hits


def _filed(matches, starts: list[int], n: int, text: bool) -> list[list]:
    """The ``matches`` of a scan of the joined statements, filed by statement (offsets into
    the statement): (start, end, matched text) if ``text``, else (start, end). The matches
    come in order, so the statement of each is found by walking ``starts`` forward."""
    out: list[list] = [[] for _ in range(n)]
    i, s, nxt = 0, 0, starts[1]
    for m in matches:
        ms, me = m.span()
        if ms >= nxt:
            i = bisect_right(starts, ms, i + 1) - 1
            s, nxt = starts[i], starts[i + 1]
        out[i].append((ms - s, me - s, m.group()) if text else (ms - s, me - s))
    return out


def working_copies(texts: list[str]) -> list[tuple[str, str, bool]]:
    """(cased, folded, same offsets) working copies of a document's statements.

    One normalisation per document, cut into statements, when that gives the same copies as
    one per statement: every statement in NFC (so the copies keep the original offsets)
    and no capital sigma (whose lower case depends on its neighbours).

    Examples
    --------
    >>> working_copies(["Xi a déclaré.", "Il a ajouté."])[0]
    ('Xi a déclaré.', 'xi a declare.', True)
    """
    joined = "\n".join(texts)
    if "Σ" not in joined and all(unicodedata.is_normalized("NFC", t) for t in texts):
        cased_all = normalize_text(joined, lower=False).norm
        folded_all = normalize_text(joined, fold_accents=True).norm
        out, pos = [], 0
        for t in texts:
            end = pos + len(t)
            out.append((cased_all[pos:end], folded_all[pos:end], True))
            pos = end + 1
        return out
    return [(normalize_text(t, lower=False).norm, normalize_text(t, fold_accents=True).norm,
             False) for t in texts]


def document_copies(texts: list[str], doc: DocState) -> list[tuple]:
    """(cased, folded, same offsets, hits) of each of a document's statements: its
    :func:`working_copies` and its :class:`Hits` (None: scan the statement alone).

    Examples
    --------
    >>> from discourse.speakers.actors import read_actors
    >>> from discourse.speakers.cues import read_cue_rules
    >>> doc = DocState(read_actors(), read_cue_rules()["en"], "en", None)
    >>> document_copies(["He said so."], doc)[0][3].pronouns
    [(0, 2, 'he')]
    """
    copies = working_copies(texts)
    hits = scan_document([c[1] for c in copies], [c[0] for c in copies], doc.actors,
                         doc.rules, doc.lang)
    return [(*c, None if hits is None else h) for c, h in zip(copies, hits or copies)]
