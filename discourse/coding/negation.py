"""The negation cues of the matcher: which words negate a match, per language.

The default cues are language data, in ``discourse/lang/<code>/negation.yml``:
``cues`` (a cue before a match negates it: ``sans``, ``never``), ``openers`` and ``closers``
(``ne ... pas``: an opener before and a closer after), ``exceptions`` (phrases that hold a
cue without negating: ``sans doute``) and ``window`` (how many words may separate a cue from
the match). :func:`read_negation_cues` reads them; :func:`_check_cues` validates cues given
to :func:`discourse.coding.matcher.compile_codebook`.
"""

from __future__ import annotations

from typing import Any

from ..errors import ParameterError
from ..lang import get_language, supported_languages
from .scan import _CUE_KINDS

__all__ = ["read_negation_cues"]


def read_negation_cues() -> dict[str, dict[str, Any]]:
    """Return the default negation cues: language -> {window, cues, openers, closers, exceptions}.

    Examples
    --------
    >>> cues = read_negation_cues()
    >>> cues["fr"]["window"], "sans" in cues["fr"]["cues"], "*n't" in cues["en"]["cues"]
    (3, True, True)
    """
    data = {code: get_language(code).data("negation") for code in supported_languages()}
    return _check_cues({code: spec for code, spec in data.items() if spec},
                       "discourse/lang/<code>/negation.yml")


def _check_cues(data: Any, where: str) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict):
        raise ParameterError(f"{where}: negation cues must map language codes to settings")
    out = {}
    for lang, spec in data.items():
        spec = dict(spec or {})
        bad = set(spec) - set(_CUE_KINDS) - {"window"}
        if bad:
            raise ParameterError(
                f"{where}: language {lang!r}: unknown key(s) {', '.join(sorted(bad))}; "
                f"valid keys: window, {', '.join(_CUE_KINDS)}"
            )
        window = spec.get("window", 3)
        if not isinstance(window, int) or isinstance(window, bool) or window < 0:
            raise ParameterError(f"{where}: language {lang!r}: window must be an int >= 0, "
                                 f"got {window!r}")
        for k in _CUE_KINDS:
            for w in spec.get(k) or ():
                if not isinstance(w, str):
                    raise ParameterError(
                        f"{where}: language {lang!r}, {k}: {w!r} is not a string; quote it "
                        "(YAML reads no, yes, on, off as true/false)")
        out[str(lang)] = {"window": window,
                          **{k: tuple(spec.get(k) or ()) for k in _CUE_KINDS}}
    return out
