"""Languages: one folder each, found by a registry.

``get_language(code)`` returns the :class:`~discourse.lang.base.Language` of a folder
``discourse/lang/<code>/``; :func:`normalize_lang` is the one place that turns what a user
or a file gives (``"FR"``, ``"fr-FR"``, ``"fra"``, ``"French"``, ``"zh-Hant"``, None) into
a code. A document in a language without a folder is *unsupported*: the stages say so
instead of treating it as English.

Adding a language = adding a folder ``discourse/lang/<code>/`` with an ``__init__.py`` that
defines one :class:`Language` subclass, and its data files (see ``docs/architecture.md``).

Examples
--------
>>> from discourse.lang import get_language, normalize_lang, supported_languages
>>> normalize_lang("fr-FR"), normalize_lang("English"), normalize_lang(None)
('fr', 'en', 'und')
>>> "fr" in supported_languages()
True
>>> get_language("fr").name
'French'
"""

from __future__ import annotations

import importlib
import pkgutil
import warnings
from functools import lru_cache

from ..errors import ParameterError, UnsupportedLanguageWarning
from .base import Language

__all__ = ["Language", "get_language", "normalize_lang", "supported_languages",
           "is_supported", "union_words", "warn_unsupported", "UNDETERMINED"]

#: The code of an undetermined language.
UNDETERMINED = "und"

# ISO 639-2/3 codes and English names of the languages discourse may meet.
_ALIASES = {
    "fra": "fr", "fre": "fr", "french": "fr", "francais": "fr", "français": "fr",
    "eng": "en", "english": "en",
    "zho": "zh", "chi": "zh", "cmn": "zh", "chinese": "zh", "zh-hans": "zh", "zh-hant": "zh",
    "khm": "km", "khmer": "km",
    "vie": "vi", "vietnamese": "vi", "lao": "lo", "tha": "th", "thai": "th",
    "undetermined": UNDETERMINED, "unknown": UNDETERMINED, "": UNDETERMINED,
}


def normalize_lang(code: object) -> str:
    """The language code of ``code``: an ISO 639-1 code, or ``"und"``.

    Examples
    --------
    >>> normalize_lang(" ZH_tw "), normalize_lang("khm"), normalize_lang(float("nan"))
    ('zh', 'km', 'und')
    """
    if not isinstance(code, str):
        return UNDETERMINED
    low = code.strip().lower().replace("_", "-")
    if low in _ALIASES:
        return _ALIASES[low]
    primary = low.split("-")[0]
    return _ALIASES.get(primary, primary) or UNDETERMINED


@lru_cache(maxsize=1)
def supported_languages() -> tuple[str, ...]:
    """Codes of the languages that have a folder, sorted."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg))


def is_supported(code: object) -> bool:
    """Whether ``code`` names a language with a folder."""
    return normalize_lang(code) in supported_languages()


@lru_cache(maxsize=None)
def _load(code: str) -> Language:
    if code == UNDETERMINED:
        return Language()
    module = importlib.import_module(f"{__name__}.{code}")
    classes = [v for v in vars(module).values()
               if isinstance(v, type) and issubclass(v, Language) and v is not Language
               and getattr(v, "code", None) == code]
    if len(classes) != 1:
        raise ParameterError(f"discourse/lang/{code}: expected one Language subclass with "
                             f"code {code!r}, found {len(classes)}")
    return classes[0]()


def get_language(code: object, *, strict: bool = True) -> Language:
    """The :class:`Language` of ``code`` (cached).

    Parameters
    ----------
    code
        A language code or name (normalised by :func:`normalize_lang`).
    strict
        If True (default) an unsupported language is an error naming the supported ones;
        if False it gets the language-neutral base :class:`Language` (code ``"und"``).

    Examples
    --------
    >>> get_language("xx", strict=False).code
    'und'
    """
    norm = normalize_lang(code)
    if norm in supported_languages() or norm == UNDETERMINED:
        return _load(norm)
    if strict:
        raise ParameterError(
            f"language {code!r} is not supported; supported: "
            f"{', '.join(supported_languages())} (add a folder discourse/lang/{norm}/)")
    return _load(UNDETERMINED)


def union_words(key: str, *, data: str = "cues") -> tuple[str, ...]:
    """The words of list ``key`` of data file ``data`` in every supported language, sorted.

    For rules that look for a grammar word whatever the document's language (a French
    quotation in an English readout keeps its "que").

    Examples
    --------
    >>> union_words("indefinite_articles")
    ('a', 'an', 'un', 'une')
    """
    words = set()
    for code in supported_languages():
        words.update(str(w) for w in get_language(code).data(data).get(key) or [])
    return tuple(sorted(words))


def warn_unsupported(unsupported: dict[str, list[str]], *, where: str) -> None:
    """Warn about documents in languages without a folder: language -> doc ids (never silent).

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_unsupported({"th": ["d1"]}, where="split_statements")
    >>> str(caught[0].message)[:51]
    'split_statements: language not supported, th: d1 (1'
    """
    if not unsupported:
        return
    parts = [f"{code}: {', '.join(ids[:10])}{' ...' if len(ids) > 10 else ''} "
             f"({len(ids)} document(s))" for code, ids in sorted(unsupported.items())]
    warnings.warn(
        f"{where}: language not supported, " + "; ".join(parts) + ". Supported: "
        f"{', '.join(supported_languages())}. Their statements are split with language-"
        "neutral rules, get speaker 'unknown' (cue_text 'unsupported language') and are not "
        "coded with another language's patterns; give the right lang, or add a folder "
        "discourse/lang/<code>/.", UnsupportedLanguageWarning, stacklevel=3)
