"""Guess a text's language: by its script first, then by the stop words of Latin-script languages.

Transparent and deterministic, with no model: Chinese (Han characters), Khmer, Thai, Lao,
Korean, Japanese kana, Cyrillic, Arabic... are told by their Unicode script when it makes up
most of the letters; Latin-script text is told among the supported languages that have stop
words (French and English) by counting the words that are stop words of one language only.

Examples
--------
>>> detect_language("Xi a déclaré que la Chine est prête à travailler avec le Cambodge.")
'fr'
>>> detect_language("Xi said that China is ready to work with Cambodia.")
'en'
>>> detect_language("习近平同柬埔寨首相洪玛奈举行会谈。")
'zh'
>>> detect_language("Xinhua")
'und'
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import UNDETERMINED, get_language, supported_languages

__all__ = ["detect_language", "detect_script", "SCRIPTS"]

#: Script -> (character class, language code when the script names one language).
SCRIPTS = {
    "han": (r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", "zh"),
    "khmer": (r"[\u1780-\u17ff\u19e0-\u19ff]", "km"),
    "thai": (r"[\u0e00-\u0e7f]", "th"),
    "lao": (r"[\u0e80-\u0eff]", "lo"),
    "hangul": (r"[\uac00-\ud7af\u1100-\u11ff]", "ko"),
    "kana": (r"[\u3040-\u30ff]", "ja"),
    "cyrillic": (r"[\u0400-\u04ff]", "ru"),
    "arabic": (r"[\u0600-\u06ff]", "ar"),
    "latin": (r"[A-Za-z\u00c0-\u024f]", None),
}
_COMPILED = {name: re.compile(rx) for name, (rx, _) in SCRIPTS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 20000


def detect_script(text: str) -> str | None:
    """The script of most of the letters of ``text`` (a key of :data:`SCRIPTS`), or None.

    Examples
    --------
    >>> detect_script("ហ៊ុន ម៉ាណែត"), detect_script("Hun Manet"), detect_script("123")
    ('khmer', 'latin', None)
    """
    sample = text[:_SAMPLE]
    counts = {name: len(rx.findall(sample)) for name, rx in _COMPILED.items()}
    # Japanese mixes kana with Han: kana decides.
    if counts["kana"] and counts["kana"] * 5 >= counts["han"]:
        counts["han"] = 0
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


@lru_cache(maxsize=1)
def _exclusive_stop_words() -> dict[str, frozenset[str]]:
    langs = {c: get_language(c).stop_words for c in supported_languages()}
    langs = {c: sw for c, sw in langs.items() if sw and SCRIPTS_OF.get(c, "latin") == "latin"}
    # Words that are stop words in two languages ("a", "on", "de"...) say nothing.
    return {c: sw - frozenset().union(*(o for d, o in langs.items() if d != c))
            for c, sw in langs.items()}


#: Language code -> its script, for the languages not written in Latin letters.
SCRIPTS_OF = {code: name for name, (_, code) in SCRIPTS.items() if code}


def detect_language(text: str, *, min_words: int = 5) -> str:
    """Guess the language of ``text``: its script, then stop words among Latin-script ones.

    Among the first 20,000 characters: when a script that names one language (Han, Khmer,
    Thai...) has the most letters, that language. Otherwise count the words that are stop
    words of one supported Latin-script language only (stopwordsiso lists, less the words
    they share); the language with more wins if it has at least 2 and at least 1.5 times the
    runner-up's count.

    Parameters
    ----------
    text
        Any text.
    min_words
        Latin-script text with fewer words than this gives ``"und"``.

    Returns
    -------
    str
        A language code, or ``"und"`` (undetermined: too short, no clear winner; give the
        language in the metadata or with ``lang=`` then).
    """
    script = detect_script(text)
    if script is None:
        return UNDETERMINED
    code = SCRIPTS[script][1]
    if code:
        return code
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE])]
    if len(words) < min_words:
        return UNDETERMINED
    counts = sorted(((sum(1 for w in words if w in sw), c)
                     for c, sw in _exclusive_stop_words().items()), reverse=True)
    if not counts:
        return UNDETERMINED
    best = counts[0][0]
    second = counts[1][0] if len(counts) > 1 else 0
    if best < 2 or best < 1.5 * second:
        return UNDETERMINED
    return counts[0][1]
