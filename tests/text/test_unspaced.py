"""Chinese and Khmer in the text stage: statements tile the text with exact offsets (a property
test on random text), sentence ends, words, matching copies, the unsupported-language warning."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import discourse
from discourse.errors import UnsupportedLanguageWarning
from discourse.lang import get_language

ZH_CHARS = "习近平強調中柬友誼合作。！？，“”「」『』 \n說明稱讚雙方"
KM_CHARS = "ចិនកម្ពុជាហ៊ុនសែន្តា៖។៕?! \nបាននិយាយថាភាគីទាំងពីរ"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ZH_CHARS, max_size=80), st.text(alphabet=KM_CHARS, max_size=80))
def test_statements_tile_random_chinese_and_khmer_text(zh, km):
    docs = pd.DataFrame({"doc_id": ["z", "k"], "text": [zh, km], "lang": ["zh", "km"]})
    out = discourse.split_statements(docs)
    for doc_id, text in (("z", zh), ("k", km)):
        rows = out[out["doc_id"] == doc_id]
        spans = list(zip(rows["start"], rows["end"]))
        assert all(text[s:e] == t for (s, e), t in zip(spans, rows["text"]))
        # in order, not overlapping, and every visible character in exactly one statement
        assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
        inside = {k for s, e in spans for k in range(s, e)}
        assert {k for k, ch in enumerate(text) if not ch.isspace()} <= inside
        assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)
        lang = get_language(doc_id == "z" and "zh" or "km")
        for s, e in lang.span_tokenize(text):
            assert 0 <= s < e <= len(text)
        assert len(lang.match_form(text)) == len(text)
    discourse.attribute_speakers(out)


def test_chinese_sentences_keep_closing_quotes_and_do_not_need_spaces():
    t = "王毅说：“中方愿意。”洪森说，好！双方同意？是的"
    sents = [t[s:e] for s, e in discourse.split_sentences(t, lang="zh")]
    assert sents == ["王毅说：“中方愿意。”", "洪森说，好！", "双方同意？", "是的"]


def test_khmer_sentences_colon_is_not_an_end_and_etc_holds():
    t = "លោកបានថ្លែងថា៖ ល្អ។ សៀវភៅ ប៊ិច។ល។ និងទៀត៕ ភាគីទាំងពីរ"
    sents = [t[s:e] for s, e in discourse.split_sentences(t, lang="km")]
    assert sents == ["លោកបានថ្លែងថា៖ ល្អ។", "សៀវភៅ ប៊ិច។ល។ និងទៀត៕", "ភាគីទាំងពីរ"]


def test_words_keep_terms_whole_with_offsets():
    zh = get_language("zh")
    t = "習近平強調兩國是命運共同體"
    words = [t[s:e] for s, e in zh.span_tokenize(t)]
    assert "命運共同體" in words and "習近平" in words
    km = get_language("km")
    t = "សម្តេចតេជោ ហ៊ុន សែន បាននិយាយ"
    words = [t[s:e] for s, e in km.span_tokenize(t, terms=frozenset({"ហ៊ុន សែន"}))]
    assert "ហ៊ុន សែន" in words
    assert discourse.count_tokens("中柬友谊", lang="zh") == 2


def test_matching_copies_and_khmer_boundaries():
    zh, km = get_language("zh"), get_language("km")
    assert zh.match_form("洪瑪奈") == "洪玛奈"
    assert km.match_form("សម្ដេច") == "សម្តេច"                     # coeng DA = coeng TA
    assert km.match_form("ស្រ្តី") == "ស្ត្រី"                       # subscript order
    assert not km.is_boundary("ចិន្តា", 3) and km.is_boundary("ចិន កម្ពុជា", 3)


def test_unsupported_language_is_never_silent():
    docs = pd.DataFrame({"doc_id": ["t1"], "text": ["นายกรัฐมนตรีกล่าวว่า ความร่วมมือ"],
                         "lang": ["th"]})
    with pytest.warns(UnsupportedLanguageWarning, match=r"th: t1.*Supported: en, fr, km, zh"):
        st_ = discourse.split_statements(docs)
    att = discourse.attribute_speakers(st_)
    assert att["speaker"].tolist() == ["unknown"]
    assert att["cue_text"].tolist() == ["unsupported language th"]


# A user's own names and codebook phrases: kept whole in segmentation on the run path.
USER_ACTORS = """
actors:
  chea_thyrith:
    name: Chea Thyrith
    side: KH
    aliases:
      zh: [谢天龙]
      km: [ជា ធីរិទ្ធ]
"""
USER_CODEBOOK = """
id: user
version: "1"
languages: [zh]
themes:
  - id: cooperation
    label: Cooperation
    definition: Joint work.
    patterns:
      zh: [高质量共建*]
"""


def test_split_statements_keeps_a_users_terms_whole():
    docs = pd.DataFrame({"doc_id": ["z", "k"], "lang": ["zh", "km"],
                         "text": ["谢天龙强调全天候铁杆友谊。", "លោក ជា ធីរិទ្ធ បាននិយាយ។"]})
    plain = discourse.split_statements(docs)
    kept = discourse.split_statements(docs, terms={"zh": ["谢天龙"], "km": ["ជា ធីរិទ្ធ"]})
    # 谢天龙 强调 全天候 铁杆 友谊; លោក | ជា ធីរិទ្ធ | បាន និយាយ
    assert kept["n_tokens"].tolist() == [5, 4]
    assert (plain["n_tokens"] > kept["n_tokens"]).all()      # without them, the names are cut
    zh = get_language("zh")
    text = docs["text"][0]
    assert [text[s:e] for s, e in zh.span_tokenize(text, terms=frozenset({"谢天龙"}))] == [
        "谢天龙", "强调", "全天候", "铁杆", "友谊"]
    # Traditional text, terms written in Simplified characters
    trad = "謝天龍強調全天候鐵桿友誼。"
    assert [trad[s:e] for s, e in zh.span_tokenize(trad, terms=frozenset({"谢天龙"}))][0] == \
        "謝天龍"
    with pytest.raises(discourse.errors.ParameterError, match="terms must map language codes"):
        discourse.split_statements(docs, terms=["谢天龙"])
    with pytest.raises(discourse.errors.ParameterError, match="terms"):
        discourse.split_statements(docs, terms={"zh": "谢天龙"})


def test_a_run_keeps_the_users_actors_and_codebook_terms_whole(tmp_path):
    from discourse.lang.unspaced import segmentation_terms
    from discourse.pipeline.batch import process_batch

    (tmp_path / "actors.yml").write_text(USER_ACTORS, encoding="utf-8")
    (tmp_path / "codebook.yml").write_text(USER_CODEBOOK, encoding="utf-8")
    actors = discourse.read_actors(tmp_path / "actors.yml")
    codebook = discourse.read_codebook(tmp_path / "codebook.yml")
    terms = segmentation_terms(actors=actors, codebook=codebook)
    assert terms["zh"] == {"谢天龙", "高质量共建"} and terms["km"] == {"ជា ធីរិទ្ធ"}
    docs = pd.DataFrame({"doc_id": ["z"], "lang": ["zh"], "date": ["2024-05-01"],
                         "text": ["谢天龙表示，高质量共建成果丰硕。"]})
    statements, attributed, coded, _ = process_batch(docs, actors=actors, codebook=codebook)
    # 谢天龙 表示 高质量共建 成果 丰硕
    assert statements["n_tokens"].tolist() == [5]
    assert discourse.split_statements(docs)["n_tokens"].tolist() != [5]
    assert attributed["speaker"].tolist() == ["chea_thyrith"]
    assert coded["theme_cooperation"].tolist() == [1]
    out = discourse.run(docs, actors=tmp_path / "actors.yml", codebook=tmp_path / "codebook.yml")
    assert out.coded["n_tokens"].tolist() == [5]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=KM_CHARS + "abc 12០១", max_size=120))
def test_khmer_words_are_khmercuts_words_with_offsets(text):
    import khmercut

    from discourse.lang.km.cut import khmercut_spans

    spans = khmercut_spans(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == khmercut.tokenize(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))    # they tile the text
