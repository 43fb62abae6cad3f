"""Envoys and commissioners in Chinese readouts who are in no actors file: the Chinese
foreign ministry's commissioners (特派员) and the consuls and ambassadors of countries far
from Cambodia, each given the side of the country its title names (lang/zh title_countries).

Gold written by hand from data/real/CONVENTIONS.md before running the rules; every text is
made up (赵立平, 费尔南多, 罗德里戈 do not exist), each read in Simplified and in Traditional
characters (OpenCC's s2t, same offsets)."""

import pandas as pd
from opencc import OpenCC

import discourse

S2T = OpenCC("s2t")


def _speakers(text, date="2019-05-14"):
    """(speaker, side) of every statement of ``text``, the same in both scripts."""
    out = []
    for t in (text, S2T.convert(text)):
        docs = pd.DataFrame({"doc_id": ["d"], "text": [t], "lang": ["zh"], "date": [date]})
        coded = discourse.attribute_speakers(discourse.split_statements(docs))
        assert all(t[s:e] == x for s, e, x in zip(coded["start"], coded["end"], coded["text"]))
        out.append(list(zip(coded["speaker"], coded["side"].fillna(""))))
    assert out[0] == out[1]
    return out[0]


ZHAO = ("zhao_liping", "CN")            # a Chinese official: his name's usual pinyin
FERNANDO = ("zh_fei_er_nan_duo", "PT")  # a foreigner written in characters only
RODRIGO = ("zh_luo_de_li_ge", "BR")


def test_a_commissioner_and_a_consul_keep_their_own_turns_and_sides():
    text = ("外交部驻澳门公署特派员赵立平会见葡萄牙驻澳门总领事费尔南多，双方就澳葡合作交换了意见。\n\n"
            "赵立平表示，中葡关系持续发展，双方高层交往密切。\n\n"
            "外交公署愿同葡方加强沟通。\n\n"
            "费尔南多总领事表示，葡中关系处于历史最好水平。\n\n"
            "他强调，澳门在葡中关系中发挥关键作用。")
    assert _speakers(text) == [("narrator", ""), ZHAO, ZHAO, FERNANDO, FERNANDO]


def test_an_ambassador_of_a_distant_country_speaks_for_it():
    text = ("外交部驻香港特派员公署特派员赵立平会见巴西驻香港总领事罗德里戈。\n\n"
            "罗德里戈表示，巴方愿同中方深化经贸合作。\n\n"
            "赵立平指出，中方欢迎巴方参与大湾区建设。")
    assert _speakers(text) == [("narrator", ""), RODRIGO, ZHAO]
