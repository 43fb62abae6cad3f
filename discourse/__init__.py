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
    ParameterError,
)

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS: dict[str, str] = {
    # the pipeline
    "run": "pipeline", "write_run": "pipeline", "read_run": "pipeline",
    "process_batch": "pipeline", "RunResult": "pipeline", "top_level": "pipeline",
    "write_run_folder": "pipeline", "RunSummary": "pipeline",
    # stages
    "read_corpus": "corpus", "iter_corpus": "corpus", "detect_language": "corpus",
    "split_statements": "statements", "split_sentences": "statements",
    "split_paragraphs": "statements",
    "tokenize_words": "tokens", "count_tokens": "tokens", "span_tokenize_words": "tokens",
    "read_actors": "actors", "Actors": "actors", "slug_name": "actors",
    "attribute_speakers": "attribution",
    "read_codebook": "codebook", "write_codebook": "codebook", "codebook_to_frame": "codebook",
    "Codebook": "codebook", "Theme": "codebook",
    "read_quanteda_yaml": "dictionaries", "read_liwc_dic": "dictionaries",
    "read_lexicoder_lc3": "dictionaries",
    "format_codebook_appendix": "appendix", "write_codebook_appendix": "appendix",
    "compile_codebook": "matcher",
    "find_matches": "coding", "code_themes": "coding", "kwic": "coding", "style_kwic": "coding",
    # analysis
    "count_themes": "tables", "count_cooccurrence": "tables", "count_over_time": "tables",
    "format_table": "tables", "write_table": "tables",
    "compare_groups": "stats", "compute_keyness": "keyness",
    "plot_theme_shares": "figures", "plot_speaker_heatmap": "figures",
    "plot_keyness": "figures", "plot_cooccurrence": "figures", "plot_over_time": "figures",
    "write_figure": "figures",
    "review_coding": "review", "highlight_statements": "review",
    # validation
    "evaluate_attribution": "evaluation", "load_attribution_gold": "evaluation",
    "gold_statements": "evaluation",
    "sample_for_coding": "validation", "write_coding_sheet": "validation",
    "read_hand_coding": "validation", "compare_coding": "validation",
    "list_disagreements": "validation", "majority_coding": "validation",
    "compute_agreement": "agreement",
    "train_theme_classifier": "supervised", "cross_validate_themes": "supervised",
    "compare_with_dictionary": "supervised", "suggest_themes": "supervised",
    # export
    "write_coded_csv": "export", "write_matches_csv": "export", "write_table_csv": "export",
    "read_table_csv": "export", "describe_columns": "export",
    "write_data_dictionary": "export", "write_parquet": "export", "write_stata": "export",
    "write_excel": "export",
    "make_provenance": "provenance", "write_provenance": "provenance",
    "write_qdpx": "refi", "write_qdc": "refi", "read_qdpx": "refi",
    "hand_coding_from_qdpx": "refi",
    # scale
    "run_streaming": "engines", "run_on_dask": "engines",
    "execute_notebooks": "notebooks",
}

__all__ = sorted(
    [*_EXPORTS, "__version__", "DiscourseError", "CorpusError", "ContractError",
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
