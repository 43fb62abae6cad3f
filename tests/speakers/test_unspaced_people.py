"""People in Chinese readouts who are not in the actors file, surnames alone, exchanges of
views, messengers and third persons inside a speaker's paragraph (speakers/unspaced*.py).

Gold written by hand from data/real/CONVENTIONS.md before running the rules; every text is
made up (the people named 阮文德, 刘建国, 宋索达, 张明华 do not exist), each checked in Simplified
and in Traditional characters (OpenCC's s2t, same offsets)."""

import pandas as pd
import pytest
from opencc import OpenCC

import discourse

S2T = OpenCC("s2t")


def _run(text, date="2024-06-24"):
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text], "lang": ["zh"], "date": [date]})
    return discourse.attribute_speakers(discourse.split_statements(docs))


def _both(text):
    """The speakers and sides of ``text`` read in Simplified and in Traditional characters."""
    out = []
    for t in (text, S2T.convert(text)):
        coded = _run(t)
        assert all(t[s:e] == x for s, e, x in zip(coded["start"], coded["end"], coded["text"]))
        out.append(list(zip(coded["speaker"], coded["side"].fillna(""))))
    assert out[0] == out[1]
    return out[0]


NARRATOR = ("narrator", "")
LIU = ("liu_jianguo", "CN")          # a Chinese official: his name's usual pinyin
NGUYEN = ("nguyen_van_duc", "VN")   # a Vietnamese named in characters: his Sino-Vietnamese
                                     # reading (readings.yml), the side of his title


def test_a_person_introduced_with_a_title_speaks_for_the_country_of_the_title():
    text = ("外交部部长助理刘建国会见越南驻华大使阮文德。\n\n"
            "刘建国表示，中越友谊源远流长。\n\n"
            "越南驻华大使阮文德指出，越方愿同中方加强合作。\n\n"
            "柬埔寨副首相兼外交大臣宋索达表示，柬方支持一个中国原则。\n\n"
            "中国驻越大使张明华说，中方愿同越方一道前进。")
    assert _both(text) == [NARRATOR, LIU, NGUYEN, ("zh_song_suo_da", "KH"),
                           ("zhang_minghua", "CN")]


def test_a_surname_alone_names_the_person_of_the_document_with_that_surname():
    text = ("外交部部长助理刘建国会见越南驻华大使阮文德。\n\n"
            "刘表示，中越传统友好源远流长。\n\n中方愿同越方一道推进合作。\n\n"
            "阮表示，越方感谢中方的支持。\n\n阮大使说，越中友谊牢不可破。\n\n"
            "刘部长助理指出，双方要加强交流。")
    assert _both(text) == [NARRATOR, LIU, LIU, NGUYEN, NGUYEN, LIU]
    # an actor named in full, then by surname: "王表示" is Wang Yi
    coded = _both("王毅会见洪森。\n\n王毅指出，中柬是铁杆朋友。\n\n洪森表示，柬方感谢中方。\n\n"
                  "王表示，中方支持柬方。")
    assert [s for s, _ in coded] == ["narrator", "wang_yi", "hun_sen", "wang_yi"]


def test_an_exchange_of_views_that_lists_topics_is_the_narrators_and_agreement_is_joint():
    text = ("王毅会见洪森。\n\n双方还讨论了基础设施、能源、经贸等领域的合作。\n\n"
            "此外，双方还就地区和国际问题交换了意见。\n\n双方就人文领域合作进行了交流。\n\n"
            "双方一致同意深化全面战略合作。\n\n双方一致认为，中柬友谊牢不可破。\n\n"
            "双方表示，将加强协调。")
    assert [s for s, _ in _both(text)] == ["narrator"] * 4 + ["joint"] * 3


def test_the_one_who_asks_a_messenger_to_convey_greetings_speaks():
    text = ("李强会见越南总理阮文德。\n\n"
            "越南总理阮文德请李强转达对习近平的诚挚问候。\n\n"
            "洪森委托王毅转达对习近平主席的亲切问候。")
    assert _both(text) == [NARRATOR, NGUYEN, ("hun_sen", "KH")]


def test_a_third_persons_act_inside_a_speakers_paragraph_goes_on_with_the_speaker():
    text = ("李强会见越南总理阮文德。\n\n李强表示，中国同越南有着深厚情谊。"
            "去年，习近平同阮富仲共同宣布构建中越命运共同体。"
            "中方愿同越方一道，推动合作。")
    assert _both(text) == [NARRATOR] + [("li_qiang", "CN")] * 3


@pytest.mark.parametrize("name, side", [("范明政", "VN"), ("西索达", "KH")])
def test_leaders_of_the_covered_countries_are_in_the_default_actors_file(name, side):
    actors = discourse.read_actors()
    hits = [a for a in actors.actors.values() if name in a.aliases.get("zh", ())]
    assert len(hits) == 1 and hits[0].side == side


def test_names_with_a_middle_dot_or_a_word_after_them_and_titles_of_another_country():
    # a name with a middle dot; "在" and "同" end a name; "马来西亚首相" is no Cambodian
    # prime minister (首相 is Hun Manet's title in the actors file)
    text = ("老挝副总理通帕·西萨万在万象会见中国驻老挝大使张明华。\n\n"
            "通帕·西萨万表示，老方感谢中方。\n\n"
            "越南总理阮文德同李强举行会谈。\n\n阮文德表示，越方愿同中方合作。\n\n"
            "马来西亚首相表示，马方支持一个中国原则。")
    coded = _both(text)
    assert coded[:4] == [NARRATOR, ("zh_tong_pa_xi_sa_wan", "LA"), NARRATOR, NGUYEN]
    assert coded[4][0] != "hun_manet"


def test_khmer_words_placed_in_a_meeting_are_the_narrators():
    # "This support was expressed during the meeting between Samdech and General Sok Dara"
    # (a made-up general): it places words already reported, rule 2 (CONVENTIONS.md)
    text = ("សម្តេចធិបតី ហ៊ុន ម៉ាណែត បានថ្លែងថា កម្ពុជាគាំទ្រចិន។"
            "ការគាំទ្រនេះធ្វើឡើងក្នុងជំនួបរវាងសម្តេចនិងឧត្តមសេនីយ៍ សុខ ដារ៉ា។")
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text], "lang": ["km"], "date": ["2023-11-08"]})
    coded = discourse.attribute_speakers(discourse.split_statements(docs))
    assert coded["speaker"].tolist() == ["hun_manet", "narrator"]


def test_a_long_dotted_name_after_a_title_in_the_subject():
    coded = _both("李强会见泰国客人。\n\n泰国总理巴蓬·西里瓦塔纳表示，泰方愿同中方合作。")
    assert coded == [NARRATOR, ("zh_ba_peng_xi_li_wa_ta_na", "TH")]
