"""The document's one-pass scan finds what the statement-by-statement scans found.

Differential tests: :func:`discourse.speakers.doc_scan.scan_document` against each pattern
run on each statement alone, and the whole attribution with the document's scan against
the attribution that scans statement by statement (``analyse_statement(..., hits=None)``,
the path before the scan), on random texts made of the pieces the patterns look for and on
the self-written evaluation sets.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from unittest import mock

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.speakers import attributor
from discourse.speakers.actors import read_actors
from discourse.speakers.attribution import attribute_speakers
from discourse.speakers.cues import read_cue_rules
from discourse.speakers.descriptions import descriptor_hits
from discourse.speakers.doc_scan import SEPARATOR, document_copies, scan_document, \
    working_copies
from discourse.speakers.doc_state import DocState
from discourse.speakers.evaluation import read_attribution_gold
from discourse.speakers.gates import GATED, document_gates
from discourse.speakers.names import _NAME_RUN
from discourse.text.statements import split_statements

ROOT = Path(__file__).resolve().parents[2]
ACTORS = read_actors()
RULES = read_cue_rules()

#: Pieces of readouts: aliases, names, titles, pronouns, joint subjects, descriptions, the
#: characters at the patterns' edges (hyphen, apostrophe, blanks, newline), accents, capitals.
_PIECES = ["Xi", "Xi Jinping", "Hun Manet", "Hun", "Sen", "M. Xi", "Wang Yi", "Li", "il",
           "Il", "elle", "ils", "he", "He", "she", "they", "les deux parties", "both sides",
           "the two leaders", "le ministre", "Le ministre chinois", "the Chinese minister",
           "son homologue", "his counterpart", "Président", "President", "Premier ministre",
           "a déclaré", "said", "a-t-il ajouté", ", he said", "et", "and", ",", ".", " ",
           "  ", "\n", "-", "'", "’", "é", "É", "Wang Wentian", "Sok", "Vanna", "de la",
           "of", "ſ", "İ", "«", "»", "(", ")", "Xinhua", "x", "Ü"]


def _per_statement(cased: str, folded: str, rules, lang: str) -> dict:
    """What each pattern finds in one statement alone (the path before the scan)."""
    def triples(rx):
        return [(m.start(), m.end(), m.group()) for m in rx.finditer(folded)]
    gate = rules.descriptor_words
    return {"actors": triples(ACTORS.alias_pattern(lang)), "pronouns": triples(rules.pronouns),
            "plural": triples(rules.plural_pronouns), "joint": triples(rules.joint),
            "runs": [m.span() for m in _NAME_RUN.finditer(cased)],
            "descriptors": descriptor_hits(rules.descriptor.finditer(folded))
            if gate is None or gate.may_match(folded) else []}


def _check_hits(texts: list[str], lang: str) -> None:
    rules = RULES[lang]
    copies = working_copies(texts)
    hits = scan_document([c[1] for c in copies], [c[0] for c in copies], ACTORS, rules, lang)
    assert hits is not None and len(hits) == len(texts)
    for (cased, folded, _), h in zip(copies, hits):
        want = _per_statement(cased, folded, rules, lang)
        got = {k: getattr(h, k) for k in want}
        assert got == want, (cased, got, want)


def _without_scan(texts, doc):
    return [(*c, None) for c in working_copies(texts)]


def _attribute(st: pd.DataFrame, scan: bool, **kw) -> pd.DataFrame:
    """The attribution with the document's scan, or scanning statement by statement."""
    with mock.patch.object(attributor, "document_copies",
                           document_copies if scan else _without_scan), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return attribute_speakers(st, **kw)


_statement = st.lists(st.sampled_from(_PIECES), min_size=0, max_size=14).map("".join)


@pytest.mark.parametrize("lang", ["fr", "en"])
@settings(max_examples=200, deadline=None, derandomize=True)
@given(texts=st.lists(_statement, min_size=1, max_size=6))
def test_scan_finds_what_each_statement_scan_finds(lang, texts):
    _check_hits(texts, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
@settings(max_examples=100, deadline=None, derandomize=True)
@given(texts=st.lists(_statement, min_size=1, max_size=8), pars=st.lists(
    st.integers(1, 3), min_size=8, max_size=8))
def test_attribution_with_the_scan_is_the_attribution_without_it(lang, texts, pars):
    paragraphs = sorted(pars[:len(texts)])
    rows = {}
    for scan in (False, True):
        doc = DocState(ACTORS, RULES[lang], lang, "2024-12-03")
        with mock.patch.object(attributor, "document_copies",
                               document_copies if scan else _without_scan):
            rows[scan] = attributor.attribute_document(texts, paragraphs, doc)
    assert rows[True] == rows[False]


def test_a_statement_holding_the_separator_is_scanned_alone():
    texts = ["Xi a dit" + SEPARATOR + "que oui.", "Il a ajouté."]
    copies = working_copies(texts)
    assert scan_document([c[1] for c in copies], [c[0] for c in copies], ACTORS, RULES["fr"],
                         "fr") is None
    doc = DocState(ACTORS, RULES["fr"], "fr", None)
    assert [c[3] for c in document_copies(texts, doc)] == [None, None]


def test_hits_of_a_readout_are_filed_by_statement():
    texts = ["Hier, Xi Jinping a déclaré que la paix compte.",
             "Il a ajouté que les deux parties coopéreront, a-t-il dit."]
    rules = RULES["fr"]
    copies = working_copies(texts)
    first, second = scan_document([c[1] for c in copies], [c[0] for c in copies], ACTORS,
                                  rules, "fr")
    assert [texts[0][s:e] for s, e, _ in first.actors] == ["Xi Jinping"]
    assert [texts[1][s:e] for s, e, _ in second.pronouns] == ["Il"]   # ("-il" of "a-t-il": no)
    assert [texts[1][s:e] for s, e, _ in second.joint] == ["les deux parties"]
    assert first.pronouns == [] and second.actors == []


@pytest.mark.parametrize("folder", ["attribution", "attribution_heldout",
                                    "attribution_blind"])
def test_evaluation_sets_give_the_same_attribution(folder):
    path = ROOT / "tests" / "data" / folder
    documents, _ = read_attribution_gold(path)
    st = split_statements(documents)
    actors = path / "actors.yml" if (path / "actors.yml").exists() else None
    old, new = _attribute(st, False, actors=actors), _attribute(st, True, actors=actors)
    assert len(new) == len(st) > 100
    pd.testing.assert_frame_equal(old, new)


#: Pieces with the gated patterns' literals (narrator markers, background, speech, inverted
#: pronoun cues) and the letters the regex engine's case folding treats specially.
_GATE_PIECES = _PIECES + ["xinhua", "/", "(photo", "photo", "©", "is held", "en 2019",
                          "depuis 1953", "selon", "a-t-elle", "ont-ils", "has said", "said",
                          "he added", "ı", "ſ", "İ", "k", "(left)", "est prevue", "pour 2030"]
_gate_statement = st.lists(st.sampled_from(_GATE_PIECES), max_size=14).map("".join)


@pytest.mark.parametrize("lang", ["fr", "en"])
@settings(max_examples=200, deadline=None, derandomize=True)
@given(texts=st.lists(_gate_statement, min_size=1, max_size=6), base=st.integers(0, 8))
def test_decided_gates_search_as_the_gated_patterns(lang, texts, base):
    rules = RULES[lang]
    gates = document_gates(rules)
    folded = [c[1] for c in working_copies(texts)]
    masks = gates.masks(folded, SEPARATOR.join(folded))
    if masks is None:   # a folded copy not in lower case: statement by statement
        assert any(t != t.lower() for t in folded)
        return
    for t, mask in zip(folded, masks):
        decided = gates.rules_for(mask)
        for name in GATED:
            want, got = getattr(rules, name), getattr(decided, name)
            assert [m.span() for m in got.finditer(t, base)] == \
                [m.span() for m in want.finditer(t, base)], (name, t)
            a, b = got.search(t, base), want.search(t, base)
            assert (a and a.span()) == (b and b.span()), (name, t)
        assert bool(mask & gates.bits["descriptors"]) or not \
            rules.descriptor_words.may_match(t)


def test_gates_of_a_document_are_filed_by_statement():
    gates = document_gates(RULES["en"])
    folded = ["he said so.", "(xinhua/li)", "the minister spoke."]
    masks = gates.masks(folded, SEPARATOR.join(folded))
    marker, described = gates.bits["markers"], gates.bits["descriptors"]
    assert [bool(m & marker) for m in masks] == [False, True, False]
    assert [bool(m & described) for m in masks] == [False, False, True]


#: Pieces around the patterns that look back from a name: commas, blanks of every kind,
#: hyphens, the words of past roles, long runs.
_BACK_PIECES = ["l'ancien ", "former ", "ex-", "ex ", "feu ", "late", "ancienne", " ", "  ",
                "\n", "\t", "\xa0", "\u2003", "-", ",", ";", ":", "le ministre", "x" * 30,
                "premier", "minister of ", "d'", "de la ", "the ", "et ", "and ", "wang yi",
                "M.", "Premier ministre ", "Lao ", "to ", "Cambodia ", "ambassador "]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(parts=st.lists(st.sampled_from(_BACK_PIECES), max_size=20), cut=st.integers(0, 400))
def test_looking_back_in_a_window_is_looking_back_from_the_start(parts, cut):
    from discourse.speakers import doc_state, names
    text = "".join(parts)
    at = min(cut, len(text))
    a = doc_state._APPOSITION_BEFORE.search(text, 0, at)
    b = doc_state.apposition_before(text, at)
    assert (a and (a.span(), a.group(1))) == (b and (b.span(), b.group(1)))
    assert bool(doc_state._FORMER_BEFORE.search(text, 0, at)) == \
        doc_state.former_before(text, at)
    for lang in ("fr", "en"):
        rules = RULES[lang]
        assert names.title_start(text.lower(), at, rules, text) == _title_start_whole(
            text.lower(), at, rules, text)


def _title_start_whole(folded, start, rules, cased):
    """title_start as it was: one walk over the 120 characters before the name."""
    from discourse.speakers import names
    pos, _ = names._title_walk(list(names._WORD.finditer(folded, max(0, start - 120), start)),
                               folded, start, rules, cased)
    while True:
        w = names._PREPOSITION.match(folded, pos, start)
        if not w:
            return pos
        pos = w.end()
