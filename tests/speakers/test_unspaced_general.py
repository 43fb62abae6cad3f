"""General classes of Chinese and Khmer news prose that the attribution rules must handle on
readouts they were never written on (speakers/unspaced*.py).

Gold written by hand from data/real/CONVENTIONS.md before running the rules; every text is
made up in the genre's usual phrasing (Xinhua and foreign-ministry readouts, the Chinese-
language press of Malaysia and Cambodia, Fresh News and AKP in Khmer). Chinese texts are
checked in Simplified and in Traditional characters (OpenCC's s2t, same offsets)."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

import discourse
from discourse.lang import get_language

S2T = OpenCC("s2t")
N, J = "narrator", "joint"


def _run(text, lang, date):
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text], "lang": [lang], "date": [date]})
    coded = discourse.attribute_speakers(discourse.split_statements(docs))
    assert all(text[s:e] == x for s, e, x in zip(coded["start"], coded["end"], coded["text"]))
    return coded["speaker"].tolist()


def _zh(text, date="2024-05-20"):
    simplified = _run(text, "zh", date)
    assert _run(S2T.convert(text), "zh", date) == simplified
    return simplified


def test_a_sentence_opening_with_a_bare_verb_goes_on_with_its_speaker():
    # "感谢中方……提供的宝贵支持": 支持 is a noun here; its clause's 中方 is no subject
    text = ("习近平会见洪玛奈。\n\n习近平指出，中柬是铁杆朋友。\n\n"
            "洪玛奈表示，柬中友谊坚如磐石。柬方坚定奉行一个中国政策。"
            "感谢中方长期以来为柬埔寨发展提供的宝贵支持。希望中方继续支持柬方。")
    assert _zh(text) == [N, "xi_jinping"] + ["hun_manet"] * 4


def test_regional_names_and_malaysian_honorifics():
    # the Chinese-language press of Malaysia writes 安华 and 马哈迪 (Xinhua: 安瓦尔, 马哈蒂尔)
    # and puts honorifics (拿督斯里, 敦) between the title and the name
    text = ("首相拿督斯里安华今日在北京与李强举行会谈。\n\n"
            "安华在会谈后的记者会上说，马中两国同意加强数码经济合作。\n\n"
            "他说，马来西亚不会在大国之间选边站。\n\n李强则表示，中方愿同马方深化合作。")
    assert _zh(text, "2023-04-01") == [N, "anwar_ibrahim", "anwar_ibrahim", "li_qiang"]
    text = "前首相敦马哈迪会见中国外长王毅。\n\n马哈迪说，马来西亚欢迎中国投资。"
    assert _zh(text, "2018-08-01") == [N, "mahathir_mohamad"]


def test_a_dated_title_followed_by_an_honorific_names_no_holder():
    # 首相 is Hun Sen's dated title in 2019; "首相拿督斯里" is another prime minister
    text = "首相拿督斯里陈明华会见中国大使。\n\n陈明华表示，两国关系良好。"
    assert "hun_sen" not in _zh(text, "2019-06-01")


def test_both_sides_signing_or_meeting_is_the_narrators():
    text = ("王毅会见布拉索昆。\n\n王毅表示，中方支持柬方。\n\n会谈后，双方共同签署了合作文件。\n\n"
            "双方一致同意加强合作。")
    assert _zh(text) == [N, "wang_yi", N, J]
    km = ("សម្តេចធិបតី ហ៊ុន ម៉ាណែត បានជួបពិភាក្សាជាមួយលោក លី ឈាំង។\n\n"
          "លោក លី ឈាំង បានមានប្រសាសន៍ថា ចិនគាំទ្រកម្ពុជា។\n\n"
          "ភាគីទាំងពីរបានឯកភាពគ្នាពង្រឹងកិច្ចសហប្រតិបត្តិការ។\n\n"
          "បន្ទាប់ពីជំនួបនោះ ភាគីទាំងពីរបានចុះហត្ថលេខាលើឯកសារកិច្ចសហប្រតិបត្តិការចំនួន៥។")
    assert _run(km, "km", "2023-09-15") == [N, "li_qiang", J, N]


def test_khmer_both_sides_in_either_order():
    km = ("សម្តេចតេជោ ហ៊ុន សែន បានជួបពិភាក្សាជាមួយលោក ស៊ី ជីនពីង។\n\n"
          "សម្តេចតេជោ ហ៊ុន សែន បានថ្លែងថា កម្ពុជាគាំទ្រចិន។\n\n"
          "ទាំងពីរភាគីក៏បានឯកភាពលើការលើកកម្ពស់ពាណិជ្ជកម្មទ្វេភាគី។")
    assert _run(km, "km", "2019-04-28") == [N, "hun_sen", J]


def test_a_bare_title_is_the_person_the_document_gave_it_to():
    # ឧបនាយករដ្ឋមន្ត្រី ("deputy prime minister") is written after Prak Sokhonn's name; the
    # bare title later is his, not the last person named
    km = ("ឯកឧត្តម ប្រាក់ សុខុន ឧបនាយករដ្ឋមន្ត្រី បានទទួលជួបឯកឧត្តម វ៉ាង វិនធាន ឯកអគ្គរាជទូតចិន។\n\n"
          "ឯកឧត្តម វ៉ាង វិនធាន បានគូសបញ្ជាក់ថា ចិនតែងតែគាំទ្រកម្ពុជា។\n\n"
          "ឯកឧត្តមឧបនាយករដ្ឋមន្ត្រី បានថ្លែងអំណរគុណចំពោះជំនួយរបស់ចិន។")
    assert _run(km, "km", "2022-03-10") == [N, "wang_wentian", "prak_sokhonn"]
    text = ("外交部部长助理刘建国会见越南副总理阮文德。\n\n刘建国表示，中方愿同越方合作。\n\n"
            "副总理表示，越方感谢中方。")
    assert _zh(text)[2] == "nguyen_van_duc"


def test_the_journalists_sourcing_is_the_narrators():
    text = ("王文天出席招待会。\n\n王文天在致辞中表示，中柬友谊源远流长。\n\n"
            "据了解，招待会吸引了约300名嘉宾。\n\n据悉，这是双方今年第三次会面。")
    assert _zh(text) == [N, "wang_wentian", N, N]


def test_a_lead_in_ending_with_a_colon_is_its_speakers_and_so_are_its_points():
    text = ("习近平同洪森举行会谈。\n\n习近平就深化中柬关系提出四点建议：\n\n"
            "第一，保持高层交往，加强战略沟通。\n\n第二，加快发展战略对接。")
    assert _zh(text, "2019-01-21") == [N] + ["xi_jinping"] * 3
    km = ("សម្តេចធិបតី ហ៊ុន ម៉ាណែត បានទទួលជួបលោក វ៉ាង យី។\n\n"
          "សម្តេចធិបតី ហ៊ុន ម៉ាណែត បានលើកឡើងនូវចំណុចសំខាន់ៗដូចខាងក្រោម៖\n\n"
          "ទី១៖ បន្តពង្រឹងទំនាក់ទំនងនយោបាយ។\n\nទី២៖ ពង្រីកពាណិជ្ជកម្មទ្វេភាគី។")
    assert _run(km, "km", "2024-04-03") == [N] + ["hun_manet"] * 3


def test_a_quotation_followed_by_its_closing_cue_is_the_cues_speaker():
    # the unit rule ends the quotation's sentence at its closing quote: "洪森说。" is a
    # statement of its own, and the quotation before it is his, not the previous speaker's
    text = ("习近平同洪森举行会谈。\n\n习近平表示，中柬是铁杆朋友。\n\n"
            "“中国是柬埔寨最可靠的朋友。”洪森说。\n\n“我们永远感谢中国。”他说。")
    assert _zh(text, "2019-01-21") == [N, "xi_jinping"] + ["hun_sen"] * 4


def test_a_khmer_name_is_the_words_after_the_honorific_not_the_titles_after_it():
    # a made-up minister (ស៊ុន ចាន់ថុល is written here without the actors file) and a
    # made-up Chinese spokeswoman: Khmer writes the titles after the name; the side is
    # the country the titles name, else Cambodia's when they name one of its ministries
    km = ("ឯកឧត្តម សុខ ចាន់ថុល ឧបនាយករដ្ឋមន្ត្រី បានជួបជាមួយលោក វ៉ាង យី។\n\n"
          "ឯកឧត្តម សុខ ចាន់ថុល ឧបនាយករដ្ឋមន្ត្រី រដ្ឋមន្ត្រីក្រសួងសាធារណការ បានថ្លែងថា "
          "កម្ពុជាស្វាគមន៍ការវិនិយោគពីចិន។\n\n"
          "លោកស្រី ម៉ៅ នីង អ្នកនាំពាក្យក្រសួងការបរទេសចិន បានថ្លែងថា ចិនគាំទ្រកម្ពុជា។\n\n"
          "ឯកឧត្តម សុខ ចាន់ថុល ក៏បានបន្តថា កម្ពុជាអរគុណចិន។\n\n"
          "ឯកឧត្តមឧបនាយករដ្ឋមន្ត្រី បានបញ្ជាក់ថា យើងជាមិត្ត។")
    docs = pd.DataFrame({"doc_id": ["d"], "text": [km], "lang": ["km"], "date": ["2023-05-01"]})
    coded = discourse.attribute_speakers(discourse.split_statements(docs))
    sok = (get_language("km").romanize("សុខ ចាន់ថុល"), "KH")   # the name, not a title
    assert list(zip(coded["speaker"], coded["side"].fillna(""))) == [
        (N, ""), sok, (get_language("km").romanize("ម៉ៅ នីង"), "CN"), sok, sok]


def test_a_vietnamese_named_in_characters_gets_the_usual_spelling_of_the_name():
    # made-up officials; Chinese writes Vietnamese names with the characters of their
    # Sino-Vietnamese syllables (范明政 is Pham Minh Chinh), so that is their id
    text = ("越南国会副主席黎文忠会见中国驻越大使张明华。\n\n黎文忠表示，越方愿同中方合作。\n\n"
            "越南外长助理陈氏秋香说，越中友谊源远流长。\n\n张明华表示，中方支持越方。")
    coded = _zh(text)
    assert coded == [N, "le_van_trung", "tran_thi_thu_huong", "zhang_minghua"]


def test_both_sides_inside_a_speakers_paragraph_go_on_with_the_speaker():
    # "双方在……相互支援", "中越两国坚持……", "ភាគីទាំងពីរអាច..." told inside a speaker's
    # paragraph are that speaker's account; "双方一致同意" stays joint
    text = ("习近平会见苏林。\n\n习近平指出，中越是好邻居。75年来，双方在斗争中相互支援。"
            "中越两国坚持和平发展，深化友好合作。两国人民友谊深厚。\n\n双方一致同意加强合作。")
    assert _zh(text, "2025-04-14") == [N] + ["xi_jinping"] * 4 + [J]
    km = ("សម្តេចធិបតី ហ៊ុន ម៉ាណែត បានជួបពិភាក្សាជាមួយលោក លី ឈាំង។\n\n"
          "លោក លី ឈាំង បានមានប្រសាសន៍ថា ចិនគាំទ្រកម្ពុជា។ "
          "ភាគីទាំងពីរអាចពង្រីកកិច្ចសហប្រតិបត្តិការលើវិស័យថាមពល។")
    assert _run(km, "km", "2023-09-15") == [N, "li_qiang", "li_qiang"]


def test_a_lead_in_marked_as_such_and_two_people_attending_are_the_narrators():
    text = ("导读：王毅：中方愿进口更多马来西亚农产品。相信两国人民会常来常往。\n\n"
            "马来西亚最高元首阿卜杜拉在吉隆坡会见王毅。\n\n"
            "王毅表示，中方愿同马方加强合作。\n\n两人将出席签字仪式，并共见记者。")
    assert _zh(text, "2022-07-12") == [N, N, N, "wang_yi", N]


def test_hong_kong_and_taiwan_press_cues():
    # "习近平指……" (said), "以中文……形容", "提醒"; "致电祝贺" is an act the narrator tells
    text = ("习近平抵达约翰内斯堡。\n\n央视新闻报道，习近平指这是他第4次访问南非。\n\n"
            "会谈后，王毅以中文“我们都是一家人”形容两国关系。\n\n"
            "习近平继当日致电祝贺后，26日再与苏林通电话。\n\n"
            "这说明两国关系的指导思想不变。")
    assert _zh(text, "2023-08-22") == [N, "xi_jinping", "wang_yi", N, N]


def test_a_name_after_a_preposition_is_no_subject():
    # "……，却在记者会上向王毅表态": Wang Yi is who is spoken to; the subject is the first
    # clause's (a Malaysian minister the text introduces with his title)
    text = ("马来西亚外交部长希沙姆丁1日与王毅在南平会谈后，却在记者会上公开向王毅表态："
            "“你永远是我的大哥！”\n\n希沙姆丁则表示，马中之间有着传统亲密关系。")
    assert _zh(text, "2021-04-01") == ["hishammuddin_hussein"] * 2


def test_a_bare_verb_opening_the_sentence_is_not_given_to_a_name_in_its_object():
    text = ("李强会见苏林。\n\n苏林表示，越方高度重视对华关系。"
            "支持国家主席习近平提出的全球倡议，期待同中方增进政治互信。")
    assert _zh(text, "2025-04-14") == [N, "to_lam", "to_lam"]


def test_a_foreign_name_transliterated_with_other_characters_is_the_same_person():
    # Taiwan's press writes 希沙慕丁 for Xinhua's 希沙姆丁 (the same pinyin, xi sha mu ding):
    # introduced with his title, he is the actor
    text = ("马来西亚外交部长希沙慕丁会见王毅。\n\n希沙慕丁表示，马中是一家人。")
    assert _zh(text, "2021-04-01") == [N, "hishammuddin_hussein"]


def test_a_name_introduced_with_its_title_and_a_date_is_known_in_its_own_sentence():
    # "马来西亚外交部长希沙慕丁1日与王毅……，却……表态": the minister (Taiwan's spelling, a
    # digit after the name) is the subject of the sentence that introduces him
    text = ("马来西亚外交部长希沙慕丁1日与王毅在南平会谈后，却在记者会上公开向王毅表态。")
    assert _zh(text, "2021-04-01") == ["hishammuddin_hussein"]


ZH_PIECES = ["习近平", "洪玛奈", "王毅", "越南总理", "范明政", "马来西亚外交部长", "希沙慕丁",
             "外交部部长助理", "刘建国", "(Chea Thyrith)", "表示", "指出", "说", "指", "强调",
             "会见", "举行会谈", "双方", "两人", "两国", "一致同意", "中方", "柬方", "愿",
             "他", "向", "请", "转达", "问候", "导读", "据悉", "：", "，", "。", "！", "“",
             "”", "「", "」", "1日", "与", "和", "共同", "合作", "的", "支持", "\n\n", " "]
KM_PIECES = ["សម្តេចធិបតី", "ហ៊ុន ម៉ាណែត", "លោក", "វ៉ាង យី", "ឯកឧត្តម", "សុខ ចាន់ថុល",
             "ឧបនាយករដ្ឋមន្ត្រី", "រដ្ឋមន្ត្រីក្រសួង", "បានថ្លែងថា", "បានមានប្រសាសន៍ថា",
             "ភាគីទាំងពីរ", "ទាំងពីរភាគី", "បានឯកភាព", "អាច", "គួរបញ្ជាក់ថា", "បានជួប",
             "ចិន", "កម្ពុជា", "៖", "។", " ", "\n\n", "ទី១", "និង", "យោងតាម"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(ZH_PIECES), max_size=40),
       st.lists(st.sampled_from(KM_PIECES), max_size=40))
def test_random_news_like_text_gets_exact_offsets_and_consistent_speakers(zh, km):
    texts = ["".join(zh), "".join(km)]
    docs = pd.DataFrame({"doc_id": ["z", "k"], "text": texts, "lang": ["zh", "km"],
                         "date": ["2024-04-09", "2024-04-09"]})
    statements = discourse.split_statements(docs)
    coded = discourse.attribute_speakers(statements)
    again = discourse.attribute_speakers(statements)
    assert coded.equals(again)                          # deterministic
    assert len(coded) == len(statements)                # nothing dropped
    for doc_id, text in zip(["z", "k"], texts):
        rows = coded[coded["doc_id"] == doc_id]
        assert all(text[s:e] == t for s, e, t in zip(rows["start"], rows["end"], rows["text"]))
    assert coded["speaker"].map(lambda s: isinstance(s, str) and s != "").all()
    assert (coded.loc[coded["speaker"] == "joint", "side"] == "joint").all()
    assert coded.loc[coded["speaker"] == "narrator", "side"].isna().all()


def test_khmer_told_someone_that_and_the_words_after_that():
    # "ឯកឧត្តមឯកអគ្គរាជទូត បានជម្រាបជូនសម្តេចធិបតីថា ចិននឹងបន្តគាំទ្រ...": the ambassador
    # told the prime minister; what follows ថា is what he said, no subject of its own
    km = ("សម្តេចធិបតី ហ៊ុន ម៉ាណែត បានអនុញ្ញាតឱ្យឯកឧត្តម វ៉ាង វិនធាន ឯកអគ្គរាជទូតចិន "
          "ចូលជួបសម្តែងការគួរសម។\n\n"
          "ឯកឧត្តមឯកអគ្គរាជទូត បានជម្រាបជូនសម្តេចធិបតីថា ចិននឹងបន្តគាំទ្រកម្ពុជា។\n\n"
          "សម្តេចធិបតីបានបញ្ជាក់ថា កម្ពុជា និងចិនជាមិត្តដែក។")
    assert _run(km, "km", "2024-06-01") == [N, "wang_wentian", "hun_manet"]
