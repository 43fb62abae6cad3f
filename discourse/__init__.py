"""discourse: computational discourse analysis of diplomatic statements.

Read a corpus of readouts, split it into statements with exact offsets, attribute each
statement to its speaker and side, code it by theme with an editable codebook (keeping the
evidence), and compare, validate and export the results. Every stage takes the previous
stage's DataFrame and returns a new one::

    import discourse
    result = discourse.run("data/raw")          # or stage by stage:
    documents = discourse.read_corpus("data/raw")
    statements = discourse.split_statements(documents)
    attributed = discourse.attribute_speakers(statements)
    coded = discourse.code_themes(attributed)

The public names are loaded on first use, so ``import discourse`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import (
    ActorsError,
    AnalysisError,
    CodebookError,
    ContractError,
    CorpusError,
    DiscourseError,
    ExportError,
    HandCodingError,
    OutletsError,
    ParameterError,
)

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS: dict[str, str] = {
    # the pipeline
    "run": "pipeline.runner", "write_run": "pipeline.folder", "read_run": "pipeline.folder",
    "RunResult": "pipeline.runner", "top_level": "analysis.counts",
    "write_run_folder": "pipeline.folder", "RunSummary": "pipeline.folder",
    # stages
    "read_corpus": "corpus.reader", "iter_corpus": "corpus.reader", "detect_language": "lang.detect",
    "split_statements": "text.statements", "split_sentences": "text.statements",
    "split_paragraphs": "text.statements",
    "tokenize_words": "text.tokens", "count_tokens": "text.tokens", "span_tokenize_words": "text.tokens",
    "read_actors": "speakers.actors", "Actors": "speakers.actors", "slug_name": "speakers.actors",
    "attribute_speakers": "speakers.attribution",
    "suggest_actors": "speakers.suggestions", "draft_actors": "speakers.suggestions",
    "read_codebook": "coding.codebook", "write_codebook": "coding.codebook", "codebook_to_frame": "coding.codebook",
    "Codebook": "coding.model", "Theme": "coding.model",
    "read_quanteda_yaml": "coding.imports", "read_liwc_dic": "coding.imports",
    "read_lexicoder_lc3": "coding.imports",
    "format_codebook_appendix": "coding.appendix", "write_codebook_appendix": "coding.appendix",
    "compile_codebook": "coding.matcher",
    "find_matches": "coding.themes", "code_themes": "coding.themes", "kwic": "coding.kwic", "style_kwic": "coding.kwic",
    # analysis
    "count_themes": "analysis.counts", "count_cooccurrence": "analysis.cooccurrence", "count_over_time": "analysis.time",
    "format_table": "analysis.formatting", "write_table": "analysis.formatting",
    "compare_groups": "analysis.stats", "compute_keyness": "analysis.keyness",
    "compare_clustered": "analysis.clustered", "compare_reporting": "analysis.reporting",
    "pool_small_groups": "analysis.reporting", "compute_rhetoric_keyness": "analysis.rhetoric",
    "strip_reporting_clauses": "analysis.rhetoric", "read_outlets": "analysis.outlets",
    "assign_outlets": "analysis.outlets", "plot_comparison": "analysis.figures.comparison",
    "plot_theme_shares": "analysis.figures.shares", "plot_speaker_heatmap": "analysis.figures.heatmap",
    "plot_keyness": "analysis.figures.keyness", "plot_cooccurrence": "analysis.figures.cooccurrence", "plot_over_time": "analysis.figures.time",
    "write_figure": "analysis.figures.writer",
    "review_coding": "analysis.review", "highlight_statements": "analysis.highlight",
    # validation
    "evaluate_attribution": "speakers.evaluation", "read_attribution_gold": "speakers.evaluation",
    "gold_statements": "speakers.evaluation",
    "sample_for_coding": "validation.sampling", "write_coding_sheet": "validation.sheets",
    "read_hand_coding": "validation.reading", "compare_coding": "validation.comparison",
    "list_disagreements": "validation.comparison", "majority_coding": "validation.comparison",
    "compute_agreement": "validation.agreement",
    "train_theme_classifier": "validation.supervised", "cross_validate_themes": "validation.supervised",
    "compare_with_dictionary": "validation.supervised", "suggest_themes": "validation.supervised",
    "measure_codebook": "validation.develop", "list_coding_errors": "validation.develop",
    "revise_codebook": "validation.develop", "suggest_terms": "validation.suggest",
    "second_opinion": "validation.second_opinion",
    "evaluate_second_opinion": "validation.second_opinion", "find_names": "coding.names",
    # export
    "write_coded_csv": "io.export", "write_matches_csv": "io.export", "write_table_csv": "io.export",
    "read_table_csv": "io.export", "describe_columns": "io.datadict",
    "write_data_dictionary": "io.datadict", "write_parquet": "io.formats", "write_stata": "io.formats",
    "write_excel": "io.formats",
    "make_provenance": "io.provenance", "write_provenance": "io.provenance",
    "write_qdpx": "io.refi.writer", "write_qdc": "io.refi.writer", "read_qdpx": "io.refi.reader",
    "hand_coding_from_qdpx": "io.refi.reader",
    # scale
    "run_streaming": "pipeline.streaming", "run_on_dask": "pipeline.dask",
    "execute_notebooks": "pipeline.notebooks",
}

__all__ = sorted(
    [*_EXPORTS, "__version__", "DiscourseError", "CorpusError", "ContractError", "OutletsError",
     "ParameterError", "ActorsError", "CodebookError", "HandCodingError", "AnalysisError",
     "ExportError"]
)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'discourse' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
