"""Imports of the dictionaries researchers already have: quanteda YAML, LIWC, Lexicoder.

Each reader returns a :class:`~discourse.coding.model.Codebook` that codes statements like a
discourse codebook; :func:`discourse.coding.codebook.write_codebook` then saves it in the discourse
format, where definitions, examples and per-language patterns can be added.
:func:`discourse.coding.codebook.read_codebook` reads these formats too, for the extensions
``.dic`` (LIWC) and ``.lc3`` (Lexicoder), and for a ``.yml`` file without a top-level
``themes:`` key (quanteda); the parsers are in :mod:`discourse.coding.dictionaries`.

Formats
-------
quanteda YAML
    A mapping of keys to lists of patterns; a key may hold a mapping of sub-keys instead,
    and quanteda's ``as.yaml`` writes a parent's own patterns under the sub-key ``__``::

        economy:
          __: [econom*]
          taxation: [tax*, fiscal]
          growth: [growth, grow*]
        friendship: [friend*, ironclad]

LIWC ``.dic``
    A category legend between two lines holding only ``%`` (``<id><TAB><name>``, optionally a
    ``(description)``, and a parent id as a third field or a deeper indentation with tabs, as
    in LIWC2015 legends), then one term per line followed by its category ids::

        %
        1	social	(Social processes)
        2	friend	1
        %
        friend*	1	2
        ally	2

    LIWC2007 conditional entries (``<of>`` lines, ``(02 134)`` parentheticals) are not
    supported: ``<of>`` lines are skipped and parentheticals removed, each with a warning
    naming the line, as quanteda does. Categories with no terms are dropped with a warning.

Lexicoder ``.lc3``
    A line ``+KEY`` opens a category; the following lines are its patterns::

        +NEGATIVE
        abandon*
        +POSITIVE
        ability*

Keys become theme ids in lower case with accents removed and other characters replaced by
``_`` (``Positive Emotion`` -> ``positive_emotion``); the original key is the label. Nested
keys get dotted ids (``economy.taxation``). These formats carry no language: the ``lang``
argument gives it, and the default ``"any"`` stores the patterns under the key ``"*"``, which
applies them to statements of every language. Malformed files raise
:class:`~discourse.errors.CodebookError` naming the line.

Examples
--------
>>> import tempfile, pathlib
>>> from discourse.coding.imports import read_lexicoder_lc3
>>> p = pathlib.Path(tempfile.mkdtemp()) / "mini.lc3"
>>> _ = p.write_text("+PEACE\\npeace*\\nharmony\\n+WAR\\nwar\\n", encoding="utf-8")
>>> cb = read_lexicoder_lc3(p)
>>> [(t.id, t.label, t.patterns) for t in cb.themes]
[('peace', 'PEACE', {'*': ('peace*', 'harmony')}), ('war', 'WAR', {'*': ('war',)})]
"""

from __future__ import annotations

import os

from .codebook import read_codebook
from .model import Codebook

__all__ = ["read_quanteda_yaml", "read_liwc_dic", "read_lexicoder_lc3"]


# ----------------------------------------------------------------------------- public
def read_quanteda_yaml(
    path: str | os.PathLike, *, lang: str = "any", encoding: str = "utf-8"
) -> Codebook:
    """Import a quanteda dictionary saved as YAML (``as.yaml(dict)`` in R).

    Parameters
    ----------
    path
        The ``.yml`` / ``.yaml`` file.
    lang
        Language code the patterns apply to, or ``"any"`` (every language).
    encoding
        Text encoding of the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "q.yml"
    >>> _ = p.write_text("economy:\\n  taxation: [tax*]\\n  growth: [growth]\\n")
    >>> [t.id for t in read_quanteda_yaml(p, lang="en").themes]
    ['economy', 'economy.taxation', 'economy.growth']
    """
    return read_codebook(path, format="quanteda", lang=lang, encoding=encoding)


def read_liwc_dic(
    path: str | os.PathLike, *, lang: str = "any", encoding: str = "utf-8"
) -> Codebook:
    """Import a LIWC dictionary (``.dic``: ``%``-delimited category legend, then terms).

    Parameters
    ----------
    path
        The ``.dic`` file.
    lang
        Language code the terms apply to, or ``"any"`` (every language).
    encoding
        Text encoding (old LIWC files may need ``"cp1252"``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "d.dic"
    >>> _ = p.write_text("%\\n1\\tsocial\\n2\\tfriend\\t1\\n%\\nally\\t2\\nfriend*\\t1\\t2\\n")
    >>> [(t.id, t.patterns["*"]) for t in read_liwc_dic(p).themes]
    [('social', ('friend*',)), ('social.friend', ('ally', 'friend*'))]
    """
    return read_codebook(path, format="liwc", lang=lang, encoding=encoding)


def read_lexicoder_lc3(
    path: str | os.PathLike, *, lang: str = "any", encoding: str = "utf-8"
) -> Codebook:
    """Import a Lexicoder dictionary (``.lc3``: ``+KEY`` lines, then one pattern a line).

    Parameters
    ----------
    path
        The ``.lc3`` file.
    lang
        Language code the patterns apply to, or ``"any"`` (every language).
    encoding
        Text encoding of the file.
    """
    return read_codebook(path, format="lexicoder", lang=lang, encoding=encoding)
