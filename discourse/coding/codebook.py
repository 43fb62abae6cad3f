"""The codebook: themes, their definitions and their per-language patterns.

The codebook is the measurement instrument of a study. It is a YAML file, validated when it
is read: any error names the file, the line, the theme and the field, the bad value and the
valid ones. :func:`read_codebook` reads it (or imports a quanteda YAML, LIWC ``.dic`` or
Lexicoder ``.lc3`` dictionary, see :mod:`discourse.coding.imports`), :func:`write_codebook`
saves one, :func:`codebook_to_frame` lists its patterns as a table and
:func:`discourse.coding.appendix.write_codebook_appendix` renders it for a paper's appendix.
The data model (:class:`~discourse.coding.model.Theme`, :class:`~discourse.coding.model.Codebook`)
is in :mod:`discourse.coding.model`, the YAML text in :mod:`discourse.coding.serialize`, the
theme column names in :func:`discourse.schema.theme_column`.

The discourse codebook format
-----------------------------
::

    id: diplomacy              # identity of the instrument, recorded in every output
    version: "1.0.0"           # quote it
    title: Diplomatic discourse
    description: What the codebook measures, for whom.
    languages: [fr, en]        # optional; every pattern language must be listed
    themes:                    # in the order of the tables and charts
      - id: sovereignty        # lower-case letters, digits and '_'
        label: Sovereignty     # short name for tables and charts
        definition: ...        # for the appendix
        include: ...           # what is coded (inclusion notes)
        exclude: ...           # what is not (exclusion notes)
        examples: {fr: ["..."], en: ["..."]}
        patterns:              # per language: words, phrases, * and ? globs
          fr: [souverain*, intégrité territoriale]
          en: [sovereign*, territorial integrity]
        exclusions:            # phrases that block a match they cover
          fr: [fonds souverain*]
          en: [sovereign wealth fund*]
        negation: count        # count | exclude | separate (what a negated match does)
        colour: "#0072B2"      # optional hex colour
        themes:                # optional sub-themes, same keys, nested to any depth
          - id: territorial_integrity       # full id: sovereignty.territorial_integrity
            label: Territorial integrity
            patterns: {fr: [intégrité territoriale], en: [territorial integrity]}

Rules:

- Keys other than those above are errors (a typo would otherwise silently drop a field).
  ``id`` and ``label`` are required for every theme; ``id`` is unique; a theme needs patterns
  in at least one language unless it has sub-themes.
- Sub-themes get dotted ids, ``<parent>.<id>``, as quanteda flattens nested keys; the parent
  comes before its sub-themes in :attr:`Codebook.themes`. A sub-theme is a part of its parent:
  coding at the top level (quanteda's ``levels = 1``) credits a sub-theme's matches to the
  parent. Exclusions apply to the patterns of the theme that lists them.
- ``patterns`` maps language codes (2 or 3 letters) to lists; the key ``"*"`` (quoted, and
  also a bare list without languages) holds patterns for every language. The pattern syntax
  (globs, phrases, case, apostrophes) is documented in :mod:`discourse.coding.patterns`.
- ``negation``: ``count`` (a negated match counts like any other, e.g. "opposer ... la
  mentalité de guerre froide" is anti–Cold War framing), ``exclude`` (it does not count) or
  ``separate`` (it counts for the code ``<id>.negated``, Lexicoder's convention).
- :attr:`Codebook.sha256` is the hash of the file's bytes: with the version it identifies
  the exact instrument used for a result.

Examples
--------
>>> from discourse.coding.codebook import read_codebook
>>> from discourse.schema import theme_column
>>> cb = read_codebook()
>>> [t.id for t in cb.themes if t.parent is None]
['sovereignty', 'cooperation', 'anti_cold_war', 'friendship']
>>> cb.theme("sovereignty.territorial_integrity").patterns["fr"][0]
'intégrité* territoriale*'
>>> theme_column("sovereignty.territorial_integrity")
'theme_sovereignty__territorial_integrity'
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import CodebookError, ExportError
from ..io.files import sha256_bytes, write_atomic
from ..schema import theme_column
from .dictionaries import parse_lexicoder, parse_liwc, quanteda_codebook
from .model import Codebook, Theme
from .parse import build_codebook_fields, load_yaml
from .patterns import pattern_kind
from .serialize import format_codebook_yaml

__all__ = [
    "DEFAULT_CODEBOOK",
    "read_codebook",
    "write_codebook",
    "codebook_to_frame",
    # defined in model.py and schema.py; still importable from here for existing callers
    "Theme",
    "Codebook",
    "theme_column",
]

#: The packaged default codebook (identical to ``data/codebooks/default.yml``).
DEFAULT_CODEBOOK = Path(__file__).parents[1] / "resources" / "default_codebook.yml"

#: File extension -> format read by :func:`read_codebook`.
EXTENSIONS = {".yml": "yaml", ".yaml": "yaml", ".dic": "liwc", ".lc3": "lexicoder"}
FORMATS = ("yaml", "discourse", "quanteda", "liwc", "lexicoder")


# ----------------------------------------------------------------------------- reading
def read_codebook(
    path: str | os.PathLike | Codebook | dict | None = None,
    *,
    format: str | None = None,
    lang: str = "any",
    encoding: str = "utf-8",
) -> Codebook:
    """Read and validate a codebook.

    Parameters
    ----------
    path
        A codebook file; None for the packaged default codebook; a :class:`Codebook`
        (returned unchanged, so functions can normalise their argument with it); or a
        mapping in the discourse format (with ``themes:``) or quanteda's nested form.
    format
        ``yaml`` (discourse or quanteda YAML, told apart by a top-level ``themes:`` key),
        ``discourse``, ``quanteda``, ``liwc`` or ``lexicoder``; by default from the
        extension: ``.yml`` / ``.yaml``, ``.dic`` (LIWC), ``.lc3`` (Lexicoder).
    lang
        For imported dictionaries, which carry no language: the language code their patterns
        apply to, or ``"any"`` (every language, stored under the key ``"*"``).
    encoding
        Text encoding of the file (UTF-8, with or without BOM, by default).

    Returns
    -------
    Codebook

    Raises
    ------
    CodebookError
        If the file is missing, unreadable or malformed (the message names the line, the
        theme and the field).

    Examples
    --------
    >>> cb = read_codebook({"id": "mini", "version": "1", "themes": [
    ...     {"id": "peace", "label": "Peace", "patterns": {"en": ["peace*"]}}]})
    >>> cb.themes[0].patterns, cb.languages
    ({'en': ('peace*',)}, ('en',))
    >>> read_codebook(cb) is cb
    True
    """
    if isinstance(path, Codebook):
        return path
    if isinstance(path, dict):
        return _from_mapping(path, source="codebook (mapping)", format=format, lang=lang)
    if path is None:
        path = DEFAULT_CODEBOOK
    if not isinstance(path, (str, os.PathLike)):
        raise CodebookError(
            f"codebook: expected a file path, a Codebook, a mapping or None, "
            f"got {type(path).__name__}"
        )
    source = str(path)
    if Path(path).is_dir():
        raise CodebookError(f"{source}: is a folder; give the codebook file")
    fmt = _resolve_format(Path(path), format, source)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CodebookError(
            f"{source}: no such codebook file; check the path (None gives the default codebook)"
        ) from None
    except OSError as err:
        raise CodebookError(f"{source}: cannot be read ({err.strerror})") from None
    text = _decode(data, encoding, source)
    fields = {"sha256": sha256_bytes(data), "path": source}
    if fmt in ("liwc", "lexicoder"):
        reader = parse_liwc if fmt == "liwc" else parse_lexicoder
        return replace(reader(text, source=source, lang=lang, stem=Path(path).stem), **fields)
    tree = load_yaml(text, source)
    cb = _from_mapping(tree, source=source, format=fmt, lang=lang, stem=Path(path).stem)
    return replace(cb, **fields)


def _resolve_format(path: Path, format: str | None, source: str) -> str:
    if format is not None:
        fmt = str(format).lower()
        if fmt not in FORMATS:
            raise CodebookError(
                f"{source}: unknown codebook format {format!r}; valid formats: {', '.join(FORMATS)}"
            )
        return fmt
    ext = path.suffix.lower()
    if ext not in EXTENSIONS:
        raise CodebookError(
            f"{source}: cannot tell the codebook format from the extension {ext or '(none)'!r}; "
            f"use .yml/.yaml (discourse or quanteda), .dic (LIWC) or .lc3 (Lexicoder), "
            f"or pass format= ({', '.join(FORMATS)})"
        )
    return EXTENSIONS[ext]


def _decode(data: bytes, encoding: str, source: str) -> str:
    enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return data.decode(enc)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CodebookError(
            f"{source}: line {line}: the file is not {encoding} text; save it as UTF-8 or pass "
            "encoding= (e.g. encoding='cp1252' for an old Windows LIWC file)"
        ) from None
    except LookupError:
        raise CodebookError(f"{source}: unknown encoding {encoding!r}") from None


def _from_mapping(
    tree: Any, *, source: str, format: str | None, lang: str, stem: str = "codebook"
) -> Codebook:
    fmt = format or "yaml"
    if fmt == "yaml":
        fmt = "discourse" if isinstance(tree, dict) and "themes" in tree else "quanteda"
    if fmt == "quanteda":
        cb = quanteda_codebook(tree, source=source, lang=lang, stem=stem)
    elif fmt == "discourse":
        cb = Codebook(**build_codebook_fields(tree, source=source, default_id=stem))
    else:
        raise CodebookError(
            f"{source}: a mapping is a discourse or quanteda codebook, not {fmt!r}"
        )
    return replace(cb, sha256=sha256_bytes(format_codebook_yaml(cb).encode("utf-8")))


# ----------------------------------------------------------------------------- tables
def codebook_to_frame(codebook: Codebook | str | os.PathLike | None = None) -> pd.DataFrame:
    """List every pattern and exclusion of a codebook, one row each.

    Parameters
    ----------
    codebook
        A Codebook, a codebook file, or None for the default.

    Returns
    -------
    pandas.DataFrame
        Columns theme, label, parent, lang, pattern, kind (``word``, ``phrase``, ``glob``),
        exclusion (True for an exclusion phrase), in codebook order.

    Examples
    --------
    >>> df = codebook_to_frame()
    >>> list(df.columns)
    ['theme', 'label', 'parent', 'lang', 'pattern', 'kind', 'exclusion']
    >>> df.loc[df.pattern == "sécurité sociale", ["theme", "exclusion"]].values.tolist()
    [['sovereignty.security', True]]
    """
    cb = read_codebook(codebook)
    rows = []
    for t in cb.themes:
        for is_exclusion, table in ((False, t.patterns), (True, t.exclusions)):
            for lang, patterns in table.items():
                for p in patterns:
                    rows.append((t.id, t.label, t.parent, lang, p, pattern_kind(p), is_exclusion))
    columns = ["theme", "label", "parent", "lang", "pattern", "kind", "exclusion"]
    df = pd.DataFrame(rows, columns=columns)
    df["exclusion"] = df["exclusion"].astype(bool)
    return df


def write_codebook(
    codebook: Codebook | str | os.PathLike | dict | None,
    path: str | os.PathLike,
    *,
    overwrite: bool = False,
) -> Path:
    """Save a codebook as a discourse-format YAML file, atomically and deterministically.

    Parameters
    ----------
    codebook
        A Codebook (or anything :func:`read_codebook` accepts: an imported LIWC file
        becomes an editable discourse codebook).
    path
        The ``.yml`` / ``.yaml`` file to write.
    overwrite
        Replace an existing file (by default an existing file is an error).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "copy.yml"
    >>> _ = write_codebook(None, p)
    >>> read_codebook(p).themes == read_codebook().themes
    True
    """
    cb = read_codebook(codebook)
    target = Path(path)
    if target.suffix.lower() not in (".yml", ".yaml"):
        raise ExportError(f"{target}: a codebook is written as YAML; name the file .yml or .yaml")
    write_atomic(target, format_codebook_yaml(cb), overwrite=overwrite)
    return target
