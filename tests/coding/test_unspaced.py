"""Theme matching in Khmer and Chinese (coding/unspaced.py)."""

import pandas as pd

import discourse
from discourse.coding.model import Codebook, Theme


def test_khmer_china_does_not_match_inside_a_cluster():
    cb = Codebook("d", "1", languages=("km",), themes=(Theme("cn", "China",
                                                              patterns={"km": ("ចិន",)}),))
    m = discourse.find_matches(pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [0],
                                             "lang": ["km"], "text": ["ចិន្តា និង ចិន"]}),
                               codebook=cb)
    assert m[["start", "end"]].values.tolist() == [[11, 14]]


def test_traditional_text_matches_simplified_patterns_with_original_offsets():
    cb = Codebook("d", "1", languages=("zh",), themes=(Theme("coop", "Cooperation",
                                                              patterns={"zh": ("合作伙伴",)}),))
    text = "全面戰略合作夥伴關係"
    m = discourse.find_matches(pd.DataFrame({"doc_id": ["d"], "stmt_id": ["d.1"], "start": [10],
                                             "lang": ["zh-Hant"], "text": [text]}), codebook=cb)
    assert m[["matched", "start", "end"]].values.tolist() == [["合作夥伴", 14, 18]]
