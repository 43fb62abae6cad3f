"""count_tokens_many (Arrow's RE2 count patterns of discourse.lang.counting) gives exactly the
counts of count_tokens (Python's token patterns), on hand-written cases and random texts
built from the characters the token rules treat specially."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discourse.lang.counting import SAFE
from discourse.text.tokens import count_tokens, count_tokens_many

CASES = [
    "", "l’amitié", "L'Hexagone", "qu’il", "jusqu’à", "presqu’île", "Presqu'Île du Cap",
    "l’« Hexagone »", "l’ 2024", "l’", "l’.", "d’1", "_l’ami", "__ l'a", "aujourd’hui",
    "a-t-il", "U.S.-China", "U.S.A", "e.g.x", "1,000", "1,000x", "3.5.2", "10,000.50",
    "1\u00a0000", "2024-2025", "2024abc", "abc2024-x", "x_y", "_", "1990’s", "China's",
    "ſ s İ ı K", "² ³ ¼ µ ª º", "non-ingérence sino‑cambodgienne", "‐a", "a‐", "5.", "U.S.",
    "Xi a dit qu’il viendra.", "中文 1.5 ខ្មែរ", "x\u200by", "«Oui» !", "M. Xi, l'U.E.",
]
_CHARS = (["l", "L", "d", "q", "u", "j", "s", "c", "n", "t", "p", "r", "e", "i", "î", "Î", "a",
           "é", "U", "S", ".", ",", "-", "‐", "‑", "'", "’", "ʼ", "_", " ", "\u00a0", "\u202f",
           "«", "“", '"', "0", "1", "9", "²", "ª", "\n", "!", "ſ", "K", "İ", "ı", "中", "ж",
           "\u0301", "😀"] + [chr(c) for c in SAFE[::37]])
_TEXTS = st.lists(st.one_of(st.sampled_from(_CHARS),
                            st.sampled_from(["qu’", "jusqu'", "presqu’île", "U.S.", "1,000",
                                             "3.5", "l’", "-il", "_x"])),
                  max_size=30).map("".join)


def test_hand_written_cases():
    for lang in ("fr", "en", "und", "de"):
        assert count_tokens_many(CASES, lang=lang).tolist() == \
            [count_tokens(t, lang=lang) for t in CASES], lang


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=1, max_size=20), st.sampled_from(["fr", "en", "und"]))
def test_random_texts(texts, lang):
    assert count_tokens_many(texts, lang=lang).tolist() == \
        [count_tokens(t, lang=lang) for t in texts]


def test_a_lone_surrogate_is_counted_in_python():
    texts = ["l’ami \ud800 d’un", "a b"]
    assert count_tokens_many(texts, lang="fr").tolist() == [4, 2]


def test_unspaced_languages_count_in_python():
    texts = ["中柬友谊。", "ព្រះរាជាណាចក្រកម្ពុជា"]
    for lang in ("zh", "km"):
        assert count_tokens_many(texts, lang=lang).tolist() == \
            [count_tokens(t, lang=lang) for t in texts]
