"""Attribution of documents with the dependency parser where the rules are unsure.

:class:`ParsedAttributor` is the rules'
:class:`~discourse.speakers.attributor.DocumentAttributor` with one hook in its decision
path: a statement the rules find no cue in (carried on, or the narrator's by default) or
only a meeting verb in is first noted as worth parsing, then, once parsed, decided by its
grammatical subject when :func:`~discourse.speakers.parse.parsed_finding` finds a person
there. :func:`attribute_documents` runs the two passes over many documents,
with one ``nlp.pipe`` per language between them, so that the common case (a statement the
rules are sure of) is never parsed.

Examples
--------
>>> from discourse.speakers.actors import read_actors
>>> from discourse.speakers.cues import read_cue_rules
>>> from discourse.speakers.doc_state import DocState
>>> doc = DocState(read_actors(), read_cue_rules()["fr"], "fr", "2024-05-10")
>>> done = attribute_documents([([0], doc)], ["Xi a déclaré que oui."], [1], {}, False)
>>> [(r.speaker, r.cue) for _, rows, _ in done for r in rows]
[('xi_jinping', 'explicit')]
"""

from __future__ import annotations

from .attributor import _SENTENCE_END, Attribution, DocumentAttributor, cue_words
from .doc_state import DocState
from .findings import Finding
from .parse import OPENS_QUOTE, parsed_finding, worth_parsing

__all__ = ["ParsedAttributor", "attribute_documents"]


class ParsedAttributor(DocumentAttributor):
    """A document's attributor that asks the parser where the rules are unsure.

    Without ``parsed`` (the first pass) it decides as the rules do and notes in
    :attr:`unsure` the rows worth parsing; with ``parsed`` (row -> its parsed clauses) it
    lets the parsed subject decide those rows.
    """

    def __init__(self, doc: DocState, parsed: dict | None = None) -> None:
        super().__init__(doc)
        self.parsed = parsed
        self.unsure: list[int] | None = [] if parsed is None else None
        self.here: tuple = ()

    def _statement(self, text: str, par, cased: str, folded: str, same: bool, hits) -> None:
        new_par = par != self.prev_par
        self.here = (text, cased, folded, same, new_par, self.in_quote and not new_par)
        super()._statement(text, par, cased, folded, same, hits)

    def _uncued(self, f: Finding, new_par: bool, continuing_quote: bool) -> None:
        found = self._parsed(f)
        if found is None:
            super()._uncued(f, new_par, continuing_quote)
        else:
            self._cued(found, cue_words(self.here[0], found.cue_span, self.here[3]))

    def _narrated(self, f: Finding, text: str, cue_text: tuple) -> None:
        found = self._parsed(f)
        if found is None:
            super()._narrated(f, text, cue_text)
        else:
            self._cued(found, cue_words(text, found.cue_span, self.here[3]))

    def _parsed(self, f: Finding) -> Finding | None:
        """The finding the parse makes of the current statement, or None (rules' own)."""
        text, cased, folded, _, new_par, in_quote = self.here
        if (not self.rows and not _SENTENCE_END.search(text)) or not worth_parsing(
                f, folded, self.doc.rules):
            return None   # a headline stays the narrator's
        if self.unsure is not None:
            self.unsure.append(len(self.rows))
            return None
        clauses = self.parsed.get(len(self.rows))
        if not clauses:
            return None
        return parsed_finding(text, self.doc, cased, folded, f, clauses,
                              quoted=in_quote or bool(OPENS_QUOTE.match(text)),
                              in_speech=self.prev_kind == "speaker" and not new_par)


def attribute_documents(jobs: list[tuple], texts: list[str], paragraphs: list,
                        parsers: dict, always: bool) -> list[tuple]:
    """(row positions, decisions, document state) of each (row positions, fresh
    :class:`~discourse.speakers.doc_state.DocState`) job.

    Without a parser for a document's language (``parsers``: language ->
    :class:`~discourse.speakers.parse.SubjectParser`), one pass of the rules. With one, a
    first pass notes the statements the rules are unsure about (``always``: every
    statement, without that pass), one ``nlp.pipe`` per language parses them, and the
    documents where a parsed subject may decide are attributed again with the parses.
    """
    first = []
    for idx, doc in jobs:
        if doc.lang in parsers and always:
            first.append((None, doc, list(range(len(idx)))))
            continue
        att = (ParsedAttributor if doc.lang in parsers else DocumentAttributor)(doc)
        rows = att.attribute([texts[i] for i in idx], [paragraphs[i] for i in idx])
        first.append((rows, doc, getattr(att, "unsure", None)))
    parsed: dict[int, dict] = {}
    for lg, subject_parser in parsers.items():
        wanted = [(j, k) for j, (_, doc, unsure) in enumerate(first) if doc.lang == lg
                  for k in unsure or ()]
        clauses = subject_parser.parse([texts[jobs[j][0][k]] for j, k in wanted])
        for (j, k), found in zip(wanted, clauses):
            if found:
                parsed.setdefault(j, {})[k] = found
    out: list[tuple[list, list[Attribution], DocState]] = []
    for j, ((idx, _), (rows, doc, _)) in enumerate(zip(jobs, first)):
        if j in parsed or rows is None:
            doc = DocState(doc.actors, doc.rules, doc.lang, doc.date)
            rows = ParsedAttributor(doc, parsed.get(j, {})).attribute(
                [texts[i] for i in idx], [paragraphs[i] for i in idx])
        out.append((idx, rows, doc))
    return out
