"""Tests of discourse.coding.appendix: the codebook rendered in Markdown and LaTeX for a paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from discourse.coding.appendix import format_codebook_appendix, latex_escape, write_codebook_appendix
from discourse.coding.codebook import read_codebook
from discourse.errors import ExportError, ParameterError

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "codebooks"

SPECIAL = {
    "id": "special", "version": "2.1",
    "title": "Tricky « text » & 100 % of_it",
    "themes": [{
        "id": "cost_share", "label": "Cost & share #1",
        "definition": "Spending > 5 % of GDP_total; l’aide {rare} ~ ^ \\ done",
        "examples": {"fr": ["« C’est 50 % » a-t-il dit."]},
        "patterns": {"fr": ["l’aide", "coût*"], "en": ["cost_share", "R&D"]},
        "exclusions": {"en": ["100 % cost"]},
        "negation": "separate",
    }],
}


def _strip_commands(tex: str) -> str:
    """The LaTeX source without its escapes and commands: what is left must be plain."""
    tex = re.sub(r"\\[&%$#_{}~^,]", "", tex)
    tex = re.sub(r"\\[A-Za-z]+\*?", "", tex)
    return tex


def test_markdown_appendix_of_the_default_codebook():
    cb = read_codebook()
    md = format_codebook_appendix(cb)
    assert "| Version | 2.6.0 |" in md
    assert f"| SHA-256 | `{cb.sha256}` |" in md
    assert "## 1. Sovereignty (`sovereignty`)" in md
    assert "### 1.1. Territorial integrity (`sovereignty.territorial_integrity`)" in md
    assert "## 3. Anti-Cold War framing (`anti_cold_war`)" in md
    assert "**Definition.** National sovereignty, independence" in md
    assert "- French (fr): `souverain*`, `indépendance`" in md
    assert "**Exclusions (phrases that block a match).**" in md
    for theme in cb.themes:
        assert f"(`{theme.id}`)" in md
        for patterns in list(theme.patterns.values()) + list(theme.exclusions.values()):
            for p in patterns:
                assert f"`{p}`" in md, (theme.id, p)
        for examples in theme.examples.values():
            for example in examples:
                assert example.replace("*", "\\*") in md
    # the sections come in codebook order
    positions = [md.index(f"(`{t.id}`)") for t in cb.themes]
    assert positions == sorted(positions)


def test_markdown_escapes_and_languages():
    md = format_codebook_appendix(read_codebook(SPECIAL))
    assert "# Codebook: Tricky « text » & 100 % of\\_it" in md
    assert "Spending \\> 5 % of GDP\\_total" in md
    assert "- English (en): `cost_share`, `R&D`" in md
    assert "counted separately, under the code cost\\_share.negated" in md
    cb = read_codebook(FIXTURES / "lexicoder.lc3")
    assert "- All languages: `abandon*`, `a lie`, `hostil*`" in format_codebook_appendix(cb)
    assert "| Version | unversioned |" in format_codebook_appendix(cb)


def test_latex_escapes_special_characters():
    tex = format_codebook_appendix(read_codebook(SPECIAL), format="latex")
    assert r"\section*{Codebook: Tricky \guillemotleft{} text \guillemotright{} \& 100 \% of\_it}" in tex
    assert (r"Spending \textgreater{} 5 \% of GDP\_total; l'aide \{rare\} \textasciitilde{} "
            r"\textasciicircum{} \textbackslash{} done") in tex
    assert r"\item[{Patterns, English (en)}] \texttt{cost\_share}, \texttt{R\&D}" in tex
    assert r"\emph{\guillemotleft{} C'est 50 \% \guillemotright{} a-t-il dit.}" in tex
    assert "’" not in tex and "«" not in tex
    body = _strip_commands("\n".join(line for line in tex.splitlines()
                                     if not line.startswith("%")))
    assert not re.search(r"[&%$#_~^\\«»]", body), body
    opened = len(re.findall(r"(?<!\\)\{", tex))
    closed = len(re.findall(r"(?<!\\)\}", tex))
    assert opened == closed


def test_latex_of_the_default_codebook_is_balanced():
    tex = format_codebook_appendix(format="latex")
    assert tex.count(r"\begin{description}") == tex.count(r"\end{description}")
    assert r"\subsubsection*{1.1. Territorial integrity (\texttt{sovereignty.territorial\_integrity})}" in tex
    assert r"\texttt{à l'aide d*}" in tex
    assert len(re.findall(r"(?<!\\)\{", tex)) == len(re.findall(r"(?<!\\)\}", tex))


def test_latex_escape():
    assert latex_escape("a&b%c$d#e_f{g}") == r"a\&b\%c\$d\#e\_f\{g\}"
    assert latex_escape("«\u00a0oui\u00a0» – l’ami…") == (
        r"\guillemotleft{}~oui~\guillemotright{} -- l'ami\ldots{}")


def test_write_appendix_formats_determinism_and_overwrite(tmp_path):
    md = write_codebook_appendix(None, tmp_path / "a.md")
    tex = write_codebook_appendix(None, tmp_path / "a.tex")
    assert md.read_text(encoding="utf-8") == format_codebook_appendix()
    assert tex.read_text(encoding="utf-8") == format_codebook_appendix(format="latex")
    other = write_codebook_appendix(FIXTURES / "mini.yml", tmp_path / "b.txt", format="latex")
    assert other.read_text(encoding="utf-8").startswith("% Codebook appendix")
    before = md.read_bytes()
    with pytest.raises(ExportError, match=r"the file exists"):
        write_codebook_appendix(FIXTURES / "mini.yml", md)
    assert md.read_bytes() == before
    write_codebook_appendix(None, md, overwrite=True)
    assert md.read_bytes() == before  # same codebook, same bytes
    with pytest.raises(ExportError, match=r"name the file \.md \(Markdown\) or \.tex"):
        write_codebook_appendix(None, tmp_path / "a.html")
    with pytest.raises(ParameterError, match=r"'html' is not an appendix format; valid "
                                             r"formats: markdown, latex"):
        format_codebook_appendix(format="html")


HISTORY = {
    "id": "hist", "version": "1.1", "languages": ["en", "fr"],
    "names": {"en": ["Boao Forum for Asia"], "fr": ["Forum de Boao pour l'Asie"]},
    "history": [
        {"version": "1.0", "date": "2025-01-02", "changes": ["First version."]},
        {"version": "1.1", "date": "2025-03-04",
         "changes": ["peace: added en patterns truce*", "Truces are peace & quiet_ness."],
         "measured": {"note": "dev part.", "dev": {"en": 0.91, "fr": 0.88}}},
    ],
    "themes": [{"id": "peace", "label": "Peace", "patterns": {"en": ["peace*", "truce*"],
                                                              "fr": ["paix"]}}],
}


def test_markdown_appendix_lists_names_rule_words_and_the_version_history():
    md = format_codebook_appendix(read_codebook(HISTORY))
    names = md.index("## Proper names")
    history = md.index("## Version history")
    assert md.index("## 1. Peace") < names < history
    assert "- English (en): `Boao Forum for Asia`" in md
    assert "- French (fr): `Forum de Boao pour l'Asie`" in md
    # the general rule's words, from discourse/lang/<code>/names.yml
    assert "**Connectors.**" in md and "`between`" in md and "`entre`" in md
    assert "**Head nouns.**" in md and "`Summit`" in md and "`Comité`" in md
    assert md[history:].split("\n")[:12] == [
        "## Version history", "",
        "### Version 1.0 (2025-01-02)", "", "- First version.", "",
        "### Version 1.1 (2025-03-04)", "", "- peace: added en patterns truce\\*",
        "- Truces are peace & quiet\\_ness.", "- Measured: note: dev part; dev: en 0.91, fr 0.88",
        ""]


def test_latex_appendix_lists_names_and_the_version_history():
    tex = format_codebook_appendix(read_codebook(HISTORY), format="latex")
    assert r"\item[{Listed names, English (en)}] \texttt{Boao Forum for Asia}" in tex
    assert r"\item[{Version 1.1 (2025-03-04)}]" in tex
    assert r"\item Truces are peace \& quiet\_ness." in tex
    assert r"\item Measured: note: dev part; dev: en 0.91, fr 0.88" in tex
    assert tex.count(r"\begin{itemize}") == tex.count(r"\end{itemize}") == 2
    assert len(re.findall(r"(?<!\\)\{", tex)) == len(re.findall(r"(?<!\\)\}", tex))


def test_default_appendix_has_its_names_and_every_version():
    cb = read_codebook()
    md = format_codebook_appendix(cb)
    for lang, names in cb.names.items():
        for name in names:
            assert f"`{name}`" in md, (lang, name)
    for entry in cb.history:
        assert f"### Version {entry['version']} ({entry['date']})" in md
    # a codebook without names in a language without the general rule has no such section
    bare = read_codebook({"id": "b", "languages": ["xx"], "themes": [
        {"id": "t", "label": "T", "patterns": {"xx": ["w"]}}]})
    assert "Proper names" not in format_codebook_appendix(bare)
    assert "Version history" not in format_codebook_appendix(bare)
