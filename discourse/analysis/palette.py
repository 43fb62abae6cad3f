"""One colour per theme, everywhere: figures, the review widget and the REFI-QDA export.

A theme has the same colour in a chart, in the highlighted statements of
:func:`discourse.review_coding` and in the code tree of a ``.qdpx`` project, because all
three ask :func:`theme_colours`. The rule, in order:

1. a colour given explicitly (``colours={"cooperation": "#009E73"}``);
2. the theme's own ``colour`` in the codebook;
3. a sub-theme (``sovereignty.security``) and a negated code (``sovereignty.negated``) take
   the colour of their nearest ancestor, so a family of themes reads as one colour;
4. any other theme takes the next colour of the fixed, colour-blind-safe order
   (:data:`PALETTE`, the Okabe–Ito colours, then :data:`MORE_COLOURS`, Paul Tol's muted
   scheme, then evenly spread hues), skipping colours that step 1 or 2 already gave. With a
   codebook the order is the codebook's, whichever themes a caller draws, so a theme keeps
   its colour in a chart of two themes and in a project of ten.

Colours are written ``#RRGGBB`` (upper case). :data:`PALETTE` is also the order in which
figures colour groups (sides, speakers) when a chart's marks stand for groups, not themes.

Examples
--------
>>> from discourse.analysis.palette import theme_colours
>>> theme_colours(["sovereignty", "sovereignty.security", "cooperation"])
{'sovereignty': '#0072B2', 'sovereignty.security': '#0072B2', 'cooperation': '#D55E00'}
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..errors import ParameterError

__all__ = ["PALETTE", "MORE_COLOURS", "NEGATED_SUFFIX", "theme_colours", "normalize_colour",
           "rgb", "css_rgba", "mix_colours"]

#: Okabe & Ito (2008) colour-blind-safe colours, in the order themes and groups get them.
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow (last: faint on white)
)
#: Paul Tol's muted scheme (colour-blind safe): for themes beyond the eight of PALETTE.
MORE_COLOURS = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
)
#: Suffix of the separate code of a theme's negated matches (``negation: separate``).
NEGATED_SUFFIX = ".negated"

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_GOLDEN = 0.618033988749895


def normalize_colour(colour: Any, *, theme: str = "") -> str:
    """Return a hex colour as ``#RRGGBB`` in upper case (``#0af`` -> ``#00AAFF``).

    Raises
    ------
    ParameterError
        If ``colour`` is not a hex colour.

    Examples
    --------
    >>> normalize_colour("#0af"), normalize_colour("#cc79a7")
    ('#00AAFF', '#CC79A7')
    """
    text = str(colour)
    if not _HEX.fullmatch(text):
        about = f" of theme {theme!r}" if theme else ""
        raise ParameterError(f"colour {colour!r}{about} is not a hex colour like '#0072B2'")
    digits = text[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue values (0-255) of a hex colour.

    Examples
    --------
    >>> rgb("#0072B2")
    (0, 114, 178)
    """
    digits = normalize_colour(colour)[1:]
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def css_rgba(colour: str, alpha: float) -> str:
    """A CSS ``rgba(...)`` value of a hex colour with transparency ``alpha``.

    Examples
    --------
    >>> css_rgba("#0072B2", 0.35)
    'rgba(0, 114, 178, 0.35)'
    """
    r, g, b = rgb(colour)
    return f"rgba({r}, {g}, {b}, {alpha})"


def mix_colours(colours: Iterable[str]) -> str:
    """The mean of hex colours (where two themes' evidence overlaps).

    Examples
    --------
    >>> mix_colours(["#000000", "#FFFFFF"])
    '#808080'
    """
    values = [rgb(c) for c in colours]
    mean = [round(sum(v[i] for v in values) / len(values)) for i in range(3)]
    return "#" + "".join(f"{v:02X}" for v in mean)


def _generated() -> Iterator[str]:
    """Colours after the fixed ones: hues spread by the golden ratio (deterministic)."""
    k = 0
    while True:
        r, g, b = colorsys.hsv_to_rgb((k * _GOLDEN) % 1, 0.65, 0.85)
        yield f"#{int(r * 255):02X}{int(g * 255):02X}{int(b * 255):02X}"
        k += 1


def _fixed_order(taken: set[str]) -> Iterator[str]:
    """The fallback colours in order, without those already taken."""
    for colour in (*PALETTE, *MORE_COLOURS):
        if colour not in taken:
            yield colour
    for colour in _generated():
        if colour not in taken:
            yield colour


def _base(theme: str) -> str:
    return theme[: -len(NEGATED_SUFFIX)] if theme.endswith(NEGATED_SUFFIX) else theme


def _parents(codebook: Any) -> dict[str, str | None]:
    return {t.id: t.parent for t in getattr(codebook, "themes", ())}


def _ancestor(theme: str, known: Mapping[str, str | None]) -> str | None:
    """The nearest ancestor of ``theme`` among ``known`` (the codebook's parent, else the
    dotted prefix), or None for a root theme."""
    base = _base(theme)
    if base != theme:
        return base
    if known.get(theme):
        return known[theme]
    head = theme.rsplit(".", 1)[0] if "." in theme else None
    while head is not None and head not in known:
        head = head.rsplit(".", 1)[0] if "." in head else None
    return head


def theme_colours(
    themes: Iterable[str] | None = None,
    *,
    codebook: Any = None,
    colours: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Return the colour of each theme (see the module for the rule).

    Parameters
    ----------
    themes
        Theme ids (``<id>.negated`` codes too), in the order themes without a codebook
        colour get the fixed colours after the codebook's themes; None: the codebook's.
    codebook
        A :class:`~discourse.coding.codebook.Codebook`: its themes' colours, parents and order.
    colours
        ``{theme id: "#rrggbb"}``, overriding the codebook's colours.

    Returns
    -------
    dict
        Theme id -> ``#RRGGBB``, for every theme of ``themes`` (or of the codebook), in
        their order.

    Raises
    ------
    ParameterError
        If a colour is not a hex colour.

    Examples
    --------
    >>> theme_colours(["a", "b", "a.negated"], colours={"b": "#000"})
    {'a': '#0072B2', 'b': '#000000', 'a.negated': '#0072B2'}
    """
    parents = _parents(codebook)
    wanted = [str(t) for t in (parents if themes is None else themes)]
    everything = list(dict.fromkeys([*parents, *wanted]))
    known = {t: parents.get(t) for t in everything}
    own = {t.id: t.colour for t in getattr(codebook, "themes", ()) if t.colour}
    own.update(colours or {})
    chosen = {t: normalize_colour(c, theme=t) for t, c in own.items() if t in known}
    fallback = _fixed_order(set(chosen.values()))
    out: dict[str, str] = {}

    def colour_of(theme: str) -> str:
        if theme not in out:
            above = _ancestor(theme, known)
            if theme in chosen:
                out[theme] = chosen[theme]
            elif above is not None:
                out[theme] = colour_of(above)
            else:
                out[theme] = next(fallback)
        return out[theme]

    for theme in everything:
        colour_of(theme)
    return {t: out[t] for t in wanted}
