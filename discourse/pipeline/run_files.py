"""The files of a run folder, named once.

Every engine writes the same files (:data:`RUN_FILES`), byte for byte; the streamed engines
write the tables of :data:`STREAM_FILES` batch by batch, the theme counts grouped as
:data:`COUNT_GROUPINGS` says.

Examples
--------
>>> from discourse.pipeline.run_files import CODED_FILE, RUN_FILES
>>> CODED_FILE in RUN_FILES
True
"""

from __future__ import annotations

__all__ = [
    "DOCUMENTS_FILE", "CODEBOOK_FILE", "CODED_FILE", "MATCHES_FILE", "COUNTS_FILE",
    "COUNTS_BY_SPEAKER_FILE", "DICTIONARY_FILES", "PROVENANCE_FILE", "FIGURE_FILES",
    "FIGURE_FORMATS", "STREAM_FILES", "RUN_FILES", "COUNT_GROUPINGS", "AMBIGUOUS_FILE",
]

DOCUMENTS_FILE = "documents.jsonl"
CODEBOOK_FILE = "codebook.yml"
CODED_FILE = "coded_statements.csv"
MATCHES_FILE = "matches.csv"
COUNTS_FILE = "theme_counts.csv"
COUNTS_BY_SPEAKER_FILE = "theme_counts_by_speaker.csv"
#: The data dictionary of the coded CSV, as CSV and as Markdown.
DICTIONARY_FILES = ("data_dictionary.csv", "data_dictionary.md")
PROVENANCE_FILE = "provenance.json"
#: The aliases shared by several actors that a document did not decide, one row per document
#: and alias (:mod:`discourse.speakers.ambiguity`): written only when there are some.
AMBIGUOUS_FILE = "ambiguous_aliases.csv"
#: Figure name (under ``figures/``) -> the theme-count table it is drawn from.
FIGURE_FILES = {"theme_shares": COUNTS_FILE, "speaker_heatmap": COUNTS_BY_SPEAKER_FILE}
#: The formats each figure is written in.
FIGURE_FORMATS = ("png", "pdf")

#: The theme-count tables of a run and their grouping columns.
COUNT_GROUPINGS = {COUNTS_FILE: ["side"], COUNTS_BY_SPEAKER_FILE: ["side", "speaker_name"]}

#: The files a streamed run writes batch by batch (the tables).
STREAM_FILES = (CODED_FILE, MATCHES_FILE, COUNTS_FILE, COUNTS_BY_SPEAKER_FILE)

#: The files a run folder holds, relative to it.
RUN_FILES = (
    DOCUMENTS_FILE,
    CODEBOOK_FILE,
    *STREAM_FILES,
    *DICTIONARY_FILES,
    PROVENANCE_FILE,
    *(f"figures/{name}.{fmt}" for name in FIGURE_FILES for fmt in FIGURE_FORMATS),
)
