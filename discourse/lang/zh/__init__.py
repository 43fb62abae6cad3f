"""Chinese: sentences at 。！？, words by jieba, Traditional characters matched as Simplified.

- **Sentences** end at ``。！？`` (and ``!?``), with the closing quotes and brackets that
  follow (``”」』）``) kept in the sentence; a mark followed by a comma (``好！”，他说``)
  does not end one. No space is needed after the mark.
- **Words**: jieba's segmentation (its dictionary loads on first use and is cached by jieba
  in the temporary folder), run on the Simplified working copy, with a user dictionary kept
  whole: this folder's ``lexicon.yml`` (diplomatic formulas), the ``zh`` names of the
  packaged actors file and the ``zh`` patterns of the default codebook, and the caller's
  ``terms`` (the aliases and phrases of the user's own files). Offsets are offsets into the original text.
- **Traditional characters**: :meth:`Chinese.match_form` converts them to Simplified with
  OpenCC's character table, one character for one (習近平 → 习近平), so matches and cues
  found in the copy have the original offsets.
- The attribution cues are data, in ``attribution.yml``; stop words come from stopwordsiso.

Examples
--------
>>> from discourse.lang import get_language
>>> zh = get_language("zh")
>>> zh.match_form("習近平強調，鞏固中柬友誼。")
'习近平强调，巩固中柬友谊。'
>>> t = "習近平強調，中柬是命運共同體。"
>>> [t[s:e] for s, e in zh.span_tokenize(t)][:3]
['習近平', '強調', '中柬']
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

from pypinyin import lazy_pinyin

from ..base import Language
from ..unspaced import Segmenter, cached_form, default_terms, sentence_spans

__all__ = ["Chinese"]

MARKS = "。！？!?"
CLOSERS = "”」』）)】\"’》"
_LOCK = threading.Lock()


class Chinese(Language):
    """Chinese (see the module docstring)."""

    code = "zh"
    name = "Chinese"
    unspaced = True

    def sentence_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Sentences of ``text[start:end]``.

        Examples
        --------
        >>> t = "习近平表示：“中方愿意。”洪森说，好！双方同意。"
        >>> [t[s:e] for s, e in Chinese().sentence_spans(t, 0, len(t))]
        ['习近平表示：“中方愿意。”', '洪森说，好！', '双方同意。']
        """
        return sentence_spans(text, start, end, MARKS, CLOSERS)

    def match_form(self, text: str) -> str:
        """``text`` with Traditional characters as Simplified and Latin letters in lower
        case, of the same length (one character for one; kept for the texts last asked)."""
        return _form(text)

    def is_boundary(self, text: str, pos: int) -> bool:
        """Whether a word may start or end at ``pos``: anywhere next to a Chinese character
        (words are not written apart), between letters or digits never."""
        if pos <= 0 or pos >= len(text):
            return True
        a, b = text[pos - 1], text[pos]
        return not (a.isascii() and b.isascii() and a.isalnum() and b.isalnum())

    def romanize(self, name: str, *, native: bool = False, side: str | None = None) -> str:
        """An ASCII id for a person's name written in Chinese characters: ``zh_`` and the
        pinyin of its Simplified characters, syllable by syllable (pypinyin; a surname's own
        reading from ``surnames.yml``: 曾 is *zeng*, 单 *shan*); Latin letters and digits kept.
        Traditional and Simplified spellings give the same id. Add the people your readouts
        name to the actors file to get their usual Latin spelling.

        ``native=True`` (a Chinese person's own name) gives that usual spelling instead:
        the surname, then the given name in one word, no prefix (刘劲松: ``liu_jinsong``).

        Examples
        --------
        >>> Chinese().romanize("谢天龙"), Chinese().romanize("謝天龍"), Chinese().romanize("曾庆红")
        ('zh_xie_tian_long', 'zh_xie_tian_long', 'zh_zeng_qing_hong')
        >>> Chinese().romanize("劉勁松", native=True), Chinese().romanize("曾庆红", native=True)
        ('liu_jinsong', 'zeng_qinghong')

        ``side``: a person of a country whose names Chinese writes with their own readings
        of the characters (``readings.yml``: Vietnam's Sino-Vietnamese syllables) gets
        those: 黎怀忠 of ``VN`` is ``le_hoai_trung``.

        >>> Chinese().romanize("黎怀忠", side="VN"), Chinese().romanize("王庭惠", side="VN")
        ('le_hoai_trung', 'vuong_dinh_hue')
        """
        form = self.match_form(name)
        readings = _readings().get(side or "")
        if readings and re.fullmatch(r"[^\W\d_a-z]{2,5}", form) and all(c in readings
                                                                        for c in form):
            return "_".join(readings[c] for c in form)
        if native and re.fullmatch(r"[^\W\d_a-z]{2,4}", form):
            surname, skip = _surname(form[:2])
            if not skip:
                surname, skip = _pinyin(form[:1]), 1
            return "_".join(surname + ["".join(_pinyin(c)[0] for c in form[skip:])])
        first = re.search(r"[^\W\d_a-z]", form)
        syllables = []
        if first is not None:
            surname, skip = _surname(form[first.start():first.start() + 2])
            syllables = re.findall(r"[a-z0-9]+", form[:first.start()]) + surname
            form = form[first.start() + skip:]
        for part in re.findall(r"[a-z0-9]+|[^\W\d_]+", form):
            syllables += [part] if part.isascii() else _pinyin(part)
        return "_".join(["zh"] + [s for s in syllables if s])

    def span_tokenize(self, text: str, start: int = 0, end: int | None = None, *,
                      terms: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
        return _segmenter(self, frozenset(terms)).spans(text, start, end)


def _surname(head: str) -> tuple[list[str], int]:
    """The pinyin of a name's surname (compound first) and how many characters it takes."""
    table = _surnames()
    if head in table["compound"]:
        return [table["compound"][head]], 2
    if head[:1] in table["single"]:
        return [table["single"][head[:1]]], 1
    return [], 0


@lru_cache(maxsize=1)
def _surnames() -> dict:
    return Chinese().data("surnames")


@lru_cache(maxsize=1)
def _readings() -> dict:
    """Side -> {character: reading} (``readings.yml``)."""
    return {str(k): {str(c): str(r) for c, r in v.items()}
            for k, v in (Chinese().data("readings") or {}).items()}


def _pinyin(chars: str) -> list[str]:
    """Toneless pinyin, one syllable a character; a character without a reading keeps its
    code point in hexadecimal."""
    return [p if p.isascii() and p.isalnum() else f"{ord(c):x}"
            for c, p in zip(chars, lazy_pinyin(chars, errors=lambda s: [f"{ord(c):x}" for c in s]))]


def _jieba_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    piece = text[s:e]
    return [(s + a, s + b) for _, a, b in _tokenizer().tokenize(piece, HMM=True)]


_STATE: dict = {}


def _tokenizer():
    """jieba's tokenizer, initialised once (its dictionary is cached by jieba on disk)."""
    with _LOCK:
        if "jieba" not in _STATE:
            import jieba  # heavy: loaded on first use only

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            tk.initialize()
            _STATE["jieba"] = tk
        return _STATE["jieba"]


@lru_cache(maxsize=32)
def _segmenter(lang: Chinese, terms: frozenset[str]) -> Segmenter:
    """jieba with the folder's lexicon, the packaged names and phrases and ``terms`` kept
    whole: one per set of terms (a run's actors and codebook give one)."""
    words = frozenset(str(w) for w in lang.data("lexicon").get("words") or [])
    return Segmenter(_form, words | default_terms(lang.code) | terms, _jieba_spans)


def _translate(text: str) -> str:
    return text.translate(_char_table())


_form = cached_form(_translate)


def _char_table() -> dict[int, str]:
    """Traditional -> Simplified, character by character (OpenCC's table), plus lower case
    for the letters whose lower case is one character (a ``str.translate`` table)."""
    if "table" not in _STATE:
        from opencc import OpenCC  # loaded on first use only

        conv = OpenCC("t2s")
        table = {}
        for cp in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) + \
                list(range(0xF900, 0xFB00)):
            ch = chr(cp)
            out = conv.convert(ch)
            if out != ch and len(out) == 1:
                table[cp] = out
        for cp in range(0x41, 0x250):
            ch = chr(cp)
            if ch.lower() != ch and len(ch.lower()) == 1:
                table[cp] = ch.lower()
        _STATE["table"] = table
    return _STATE["table"]
