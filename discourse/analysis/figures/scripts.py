"""Labels in scripts the figure font lacks: Chinese characters and Khmer.

discourse draws with DejaVu Sans, which matplotlib ships, so every machine draws the same
Latin glyphs; it has no Chinese characters and no Khmer. When a font for those scripts is
installed (Noto Sans CJK, WenQuanYi, Noto Sans Khmer, Khmer OS...: e.g. Debian's
``fonts-noto-cjk`` and ``fonts-khmeros``), :func:`fallback_fonts` adds it behind DejaVu Sans
and the labels are drawn as written. When none is, :func:`drawable_label` writes the label's
Chinese or Khmer words in Latin letters (pinyin, the Khmer romanisation of
``discourse/lang/km``) rather than drawing empty boxes, and warns once
(:class:`~discourse.errors.MissingFontWarning`, naming the fonts to install). The tables keep
the text as written.

Examples
--------
>>> drawable_label("CN / Xi Jinping (n = 3)")
'CN / Xi Jinping (n = 3)'
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from matplotlib import font_manager

from ...errors import MissingFontWarning
from ...lang import get_language

__all__ = ["SCRIPT_FONTS", "fallback_fonts", "drawable_label"]

#: Font families that draw each script, by preference; the first installed one is used.
SCRIPT_FONTS = {
    "zh": ("Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans SC", "Noto Sans TC",
           "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
           "WenQuanYi Micro Hei", "AR PL UMing CN", "Droid Sans Fallback",
           "PingFang SC", "Heiti SC", "STHeiti", "Microsoft YaHei", "SimHei"),
    "km": ("Noto Sans Khmer", "Noto Serif Khmer", "Khmer OS", "Khmer OS System",
           "Khmer OS Content", "Hanuman", "Battambang", "Khmer Sangam MN", "Khmer UI",
           "Leelawadee UI"),
}
_SCRIPT_RUNS = {
    "zh": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"),
    "km": re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]+(?:\s+[\u1780-\u17ff\u19e0-\u19ff]+)*"),
}
_PACKAGES = {"zh": "fonts-noto-cjk", "km": "fonts-khmeros"}


@lru_cache(maxsize=1)
def _installed() -> dict[str, str | None]:
    """Script -> the first installed font family that draws it (None if none)."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    return {script: next((f for f in fonts if f in names), None)
            for script, fonts in SCRIPT_FONTS.items()}


def fallback_fonts() -> list[str]:
    """The installed fonts for Chinese and Khmer, to put behind DejaVu Sans.

    Examples
    --------
    >>> isinstance(fallback_fonts(), list)
    True
    """
    return [f for f in _installed().values() if f]


def drawable_label(text: str) -> str:
    """``text`` with its Chinese or Khmer words in Latin letters when no font draws them.

    Examples
    --------
    >>> label = drawable_label("KH / ហ៊ុន ម៉ាណែត")
    >>> label in ("KH / ហ៊ុន ម៉ាណែត", "KH / hon manaet")
    True
    """
    for script, runs in _SCRIPT_RUNS.items():
        if _installed()[script] or not runs.search(text):
            continue
        _warn_once(script)
        lang = get_language(script)
        text = runs.sub(lambda m: _latin(lang.romanize(m.group()), script), text)
    return text


def _latin(romanized: str, script: str) -> str:
    """A romanised id as words (``zh_xue_lei_nuo`` -> ``xue lei nuo``)."""
    prefix = f"{script}_"
    word = romanized[len(prefix):] if romanized.startswith(prefix) else romanized
    return word.replace("_", " ").strip() or "?"


@lru_cache(maxsize=None)
def _warn_once(script: str) -> None:
    name = {"zh": "Chinese characters", "km": "Khmer"}[script]
    warnings.warn(f"figures: no font that draws {name} is installed ({', '.join(SCRIPT_FONTS[script][:3])}"
                  f"...; on Debian or Ubuntu: apt install {_PACKAGES[script]}); labels in "
                  f"{name} are written in Latin letters, the tables keep them as written",
                  MissingFontWarning, stacklevel=3)
