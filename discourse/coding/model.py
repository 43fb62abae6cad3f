"""The codebook's data model: :class:`Theme` and :class:`Codebook`.

A :class:`Codebook` is the validated, immutable form of a codebook file (see
:mod:`discourse.coding.codebook` for the file format, reading and writing); its themes are
:class:`Theme` objects, parents before their sub-themes. This module depends on nothing
else of the package but the pattern conventions, so every reader, importer and writer of
codebooks can build on it.

Examples
--------
>>> from discourse.coding.model import Codebook, Theme
>>> cb = Codebook("mini", "1", themes=(
...     Theme("peace", "Peace", patterns={"en": ("peace*",)}, colour="#0072B2"),
...     Theme("peace.talks", "Talks", patterns={"en": ("peace talks",)}, parent="peace")))
>>> cb.ids, [t.id for t in cb.children("peace")], cb.colour_of("peace.talks")
(('peace', 'peace.talks'), ['peace.talks'], '#0072B2')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import CodebookError
from .patterns import LANG_ANY

__all__ = ["Theme", "Codebook"]


@dataclass(frozen=True)
class Theme:
    """One theme of a codebook.

    Attributes
    ----------
    id
        Identifier; sub-themes have dotted ids (``sovereignty.territorial_integrity``).
    label, definition, include, exclude
        Human-readable name, definition and inclusion / exclusion notes (for the appendix).
    examples
        Language code -> example sentences.
    patterns
        Language code -> patterns (words, multi-word phrases, ``*`` / ``?`` globs); the key
        ``"*"`` holds patterns that apply to every language.
    exclusions
        Language code -> phrases that block a match of this theme where they cover it.
    negation
        What a negated match does: ``count`` (counts), ``exclude`` (does not count) or
        ``separate`` (counts for the code ``<id>.negated``).
    parent
        Dotted id of the parent theme, or None for a top-level theme.
    colour
        Hex colour for charts and QDA code trees, or None.
    """

    id: str
    label: str
    definition: str = ""
    include: str = ""
    exclude: str = ""
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclusions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    negation: str = "count"
    parent: str | None = None
    colour: str | None = None

    def patterns_for(self, lang: str) -> tuple[str, ...]:
        """Patterns of this theme for ``lang``: its own plus the ``"*"`` (every language) ones.

        Examples
        --------
        >>> Theme("t", "T", patterns={"fr": ("ami",), "*": ("ok",)}).patterns_for("fr")
        ('ami', 'ok')
        """
        return tuple(self.patterns.get(lang, ())) + tuple(self.patterns.get(LANG_ANY, ()))

    def exclusions_for(self, lang: str) -> tuple[str, ...]:
        """Exclusions of this theme for ``lang``, plus the ``"*"`` ones."""
        return tuple(self.exclusions.get(lang, ())) + tuple(self.exclusions.get(LANG_ANY, ()))


@dataclass(frozen=True)
class Codebook:
    """A validated codebook.

    Attributes
    ----------
    id, version, title, description
        Identity of the instrument, recorded in every output's provenance.
    sha256
        Hex SHA-256 of the file's bytes; for a codebook given as a mapping, of the YAML text
        :func:`write_codebook` would write (empty for one built directly in memory).
    path
        The file it was read from, or None.
    themes
        The themes, in file order (parents before their sub-themes).
    languages
        Language codes of the codebook (declared, or those of its patterns in order).
    source_format
        ``discourse``, ``quanteda``, ``liwc`` or ``lexicoder``: what it was read from.
    names
        Language code -> proper names of events, institutions and frameworks whose words do
        not code (see :mod:`discourse.coding.names`); ``"*"``: every language.
    history
        The version history, oldest first: one mapping per version with ``version``,
        ``date``, ``changes`` (list of text) and optionally ``measured`` (scores on the
        researcher's hand coding), as written by
        :func:`discourse.validation.develop.revise_codebook`.
    """

    id: str
    version: str
    themes: tuple[Theme, ...]
    title: str = ""
    description: str = ""
    sha256: str = ""
    path: str | None = None
    languages: tuple[str, ...] = ()
    source_format: str = "discourse"
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    history: tuple = ()

    def names_for(self, lang: str) -> tuple[str, ...]:
        """Listed proper names for ``lang``, plus the ``"*"`` ones."""
        return tuple(self.names.get(lang, ())) + tuple(self.names.get(LANG_ANY, ()))

    @property
    def ids(self) -> tuple[str, ...]:
        """Theme ids in codebook order."""
        return tuple(t.id for t in self.themes)

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id (CodebookError listing the ids if there is none)."""
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise CodebookError(
            f"codebook {self.id!r}: no theme {theme_id!r}; themes: {', '.join(self.ids)}"
        )

    def children(self, theme_id: str | None) -> tuple[Theme, ...]:
        """Direct sub-themes of ``theme_id`` (None: the top-level themes)."""
        return tuple(t for t in self.themes if t.parent == theme_id)

    def colour_of(self, theme_id: str) -> str | None:
        """The theme's colour, or its nearest ancestor's, or None."""
        theme: Theme | None = self.theme(theme_id)
        while theme is not None:
            if theme.colour:
                return theme.colour
            theme = self.theme(theme.parent) if theme.parent else None
        return None
