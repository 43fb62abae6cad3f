"""Tests of discourse.pipeline.documents: the documents.jsonl of a run folder."""

from __future__ import annotations

import json

import pandas as pd

from discourse.pipeline.documents import format_documents_jsonl


def test_format_documents_jsonl():
    docs = pd.DataFrame({"doc_id": ["b", "a"], "text": ["L’ami « fiable »\n", "x"],
                         "date": [None, "2024-12-03"], "n": [1.5, float("nan")]})
    lines = format_documents_jsonl(docs).splitlines()
    assert [json.loads(line) for line in lines] == [
        {"date": None, "doc_id": "b", "n": 1.5, "text": "L’ami « fiable »\n"},
        {"date": "2024-12-03", "doc_id": "a", "n": None, "text": "x"},
    ]
    assert "« fiable »" in lines[0]                         # not \u-escaped
    assert format_documents_jsonl(docs.iloc[:0]) == ""
