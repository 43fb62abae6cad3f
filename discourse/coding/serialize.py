"""The discourse-format YAML text of a codebook (deterministic).

:func:`format_codebook_yaml` writes the text that :func:`discourse.coding.codebook.write_codebook`
saves and whose hash identifies a codebook given as a mapping; reading it back with
:func:`discourse.coding.codebook.read_codebook` gives the same themes.

Examples
--------
>>> from discourse.coding.model import Codebook, Theme
>>> cb = Codebook("mini", "1", themes=(Theme("peace", "Peace", patterns={"en": ("peace*",)}),))
>>> format_codebook_yaml(cb).splitlines()[2:4]
['id: mini', "version: '1'"]
"""

from __future__ import annotations

from typing import Any

import yaml

from .model import Codebook, Theme

__all__ = ["format_codebook_yaml"]


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, data: str):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)


def _theme_mapping(cb: Codebook, theme: Theme) -> dict:
    local = theme.id[len(theme.parent) + 1:] if theme.parent else theme.id
    node: dict[str, Any] = {"id": local, "label": theme.label}
    for key in ("definition", "include", "exclude"):
        if getattr(theme, key):
            node[key] = getattr(theme, key)
    for key in ("examples", "patterns", "exclusions"):
        value = getattr(theme, key)
        if value:
            node[key] = {lang: list(items) for lang, items in value.items()}
    node["negation"] = theme.negation
    if theme.colour:
        node["colour"] = theme.colour
    children = cb.children(theme.id)
    if children:
        node["themes"] = [_theme_mapping(cb, c) for c in children]
    return node


def format_codebook_yaml(codebook: Codebook) -> str:
    """The discourse-format YAML text of a codebook (deterministic).

    Examples
    --------
    >>> from discourse.coding.model import Codebook, Theme
    >>> cb = Codebook("mini", "1", languages=("en",),
    ...               themes=(Theme("peace", "Peace", patterns={"en": ("peace*",)}),))
    >>> print(format_codebook_yaml(cb))  # doctest: +ELLIPSIS
    # discourse codebook...
    id: mini
    version: '1'
    ...
    themes:
    - id: peace
      label: Peace
      patterns:
        en:
        - peace*
      negation: count
    <BLANKLINE>
    """
    top: dict[str, Any] = {"id": codebook.id, "version": codebook.version}
    if codebook.title:
        top["title"] = codebook.title
    if codebook.description:
        top["description"] = codebook.description
    if codebook.languages:
        top["languages"] = list(codebook.languages)
    if codebook.names:
        top["names"] = {lang: list(items) for lang, items in codebook.names.items()}
    if codebook.history:
        top["history"] = [dict(entry) for entry in codebook.history]
    top["themes"] = [_theme_mapping(codebook, t) for t in codebook.children(None)]
    body = yaml.dump(
        top, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96,
        default_flow_style=False,
    )
    header = (
        "# discourse codebook (the format is documented in discourse/codebook.py).\n"
        "# Written by discourse.write_codebook.\n"
    )
    return header + body
