"""Theme matching in Khmer and Chinese (coding/unspaced.py)."""

import pandas as pd

import discourse
from discourse.coding.matcher import compile_codebook
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


def _negated(texts, lang, patterns, negation=True):
    cb = Codebook("d", "1", languages=(lang,), themes=(Theme("t", "T",
                                                             patterns={lang: patterns}),))
    res = compile_codebook(cb).scan(texts, lang=lang, negation=negation)
    return [(texts[t][s:e], bool(n)) for t, s, e, n in
            zip(res.text, res.start, res.end, res.negated)]


def test_chinese_negation_before_the_match_in_its_clause():
    texts = ["中方不搞阵营对抗。", "中方绝不允许对抗。", "坚定不移深化合作。", "双方坚持不干涉内政。",
             "没有人，合作。", "不断深化合作。", "這不是對抗。"]
    got = _negated(texts, "zh", ("对抗", "合作", "内政"))
    assert got == [("对抗", True), ("对抗", True), ("合作", False), ("内政", False),
                   ("合作", False), ("合作", False), ("對抗", True)]
    assert not any(n for _, n in _negated(texts[:2], "zh", ("对抗",), negation=False))


def test_khmer_negation_cue_and_opener_closer_at_word_boundaries():
    texts = ["កម្ពុជាមិនគាំទ្រ។", "គ្មានការប្រឈមមុខ។", "មិនត្រឹមតែគាំទ្រ។",
             "មិនដែលប្រឈមមុខដាក់គ្នា ហើយមិនគាំទ្រ សង្គ្រាម ទេ។"]
    got = _negated(texts, "km", ("គាំទ្រ", "ប្រឈមមុខ", "សង្គ្រាម"))
    assert got == [("គាំទ្រ", True), ("ប្រឈមមុខ", True), ("គាំទ្រ", False),
                   ("ប្រឈមមុខ", True), ("គាំទ្រ", True), ("សង្គ្រាម", True)]
