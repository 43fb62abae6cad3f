"""The package's architecture rules, checked on its source (see docs/architecture.md).

- no import cycle between modules, and no import inside a function to dodge one (a lazy
  import of a heavy optional dependency is allowed, outside the package, with a comment);
- no module over 400 lines, no function over 60 lines of code;
- private names (``_x``) are not imported from another subpackage;
- language knowledge lives in ``discourse/lang/``: no other module holds a word list of a
  natural language.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from discourse.schema import COLUMNS, CUE_SPAN

PKG = Path(__file__).resolve().parents[1] / "discourse"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(PKG.rglob("*.py")):
        parts = p.relative_to(PKG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


def _resolve(module: str, node: ast.ImportFrom, is_pkg: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_pkg else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(name: str, path: Path, mods: dict[str, Path]):
    """(target module, line, at top level?, imported names) of every internal import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = _resolve(name, node, path.name == "__init__.py")
            names = [a.name for a in node.names]
            hits = [f"{target}.{n}" for n in names if f"{target}.{n}" in mods]
            if hits:
                for h in hits:
                    yield h, node.lineno, id(node) in top, []
            elif target in mods:
                yield target, node.lineno, id(node) in top, names
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name in mods:
                    yield a.name, node.lineno, id(node) in top, []


def _graph():
    mods = _modules()
    graph = defaultdict(set)
    for name, path in mods.items():
        for target, _, at_top, _ in _imports(name, path, mods):
            if at_top and target != name and not name.startswith(target + "."):
                graph[name].add(target)
    return mods, graph


def _cycles(graph) -> list[list[str]]:
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    _, graph = _graph()
    assert _cycles(graph) == []


def test_no_internal_import_inside_a_function():
    mods = _modules()
    bad = [f"{path.relative_to(PKG.parent)}:{line} imports {target}"
           for name, path in mods.items()
           for target, line, at_top, _ in _imports(name, path, mods) if not at_top]
    assert bad == []


def test_no_module_over_the_limit():
    big = {str(p.relative_to(PKG.parent)): n for p in PKG.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert big == {}


def _code_lines(node: ast.AST, source_lines: list[str]) -> int:
    body = node.body
    first = body[0]
    if isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant) \
            and isinstance(first.value.value, str):
        body = body[1:]
    if not body:
        return 0
    lines = source_lines[body[0].lineno - 1: node.end_lineno]
    return sum(1 for ln in lines if ln.strip() and not ln.strip().startswith("#"))


def test_no_function_over_the_limit():
    long = []
    for p in PKG.rglob("*.py"):
        src = p.read_text(encoding="utf-8")
        lines = src.splitlines()
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = _code_lines(node, lines)
                if n > MAX_FUNCTION_LINES:
                    long.append(f"{p.relative_to(PKG.parent)}:{node.lineno} {node.name} ({n})")
    assert long == []


def test_private_names_stay_in_their_subpackage():
    mods = _modules()
    bad = []
    for name, path in mods.items():
        for target, line, _, names in _imports(name, path, mods):
            sub_from, sub_to = name.split(".")[:2], target.split(".")[:2]
            crossing = sub_from != sub_to
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if crossing and (private or any(part.startswith("_") and part != "__init__"
                                            for part in target.split(".")[1:])):
                bad.append(f"{path.relative_to(PKG.parent)}:{line} {target} {private}")
    assert bad == []


# A word list: a literal list, tuple or set of strings, or a regular-expression alternation
# ("le|la|the"), at least three of whose items, and at least half, are words of the
# languages' data files (discourse/lang/<code>/*.yml): natural-language words, not column
# names or identifiers (a list of Stata's reserved words shares a few words with English).
# The tables' own column names (discourse.schema: "speaker", "side", "text") are identifiers
# wherever they appear, so they never count as words, though the data files use them too.
_COLUMN_NAMES = frozenset(c for cols in COLUMNS.values() for c in cols) | frozenset(CUE_SPAN)


def _vocabulary() -> frozenset[str]:
    import yaml

    words: set[str] = set()

    def walk(node):
        if isinstance(node, str):
            words.update(w for w in re.split(r"[\s,;:()]+", node.lower())
                         if re.fullmatch(r"[^\W\d_][\w'’-]*", w))
        elif isinstance(node, dict):  # keys are the files' field names, not words
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in (PKG / "lang").rglob("*.yml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return frozenset(words)


_ALTERNATION = re.compile(r"(?<=[(:|])([^\W\d_][\w']*(?:\|[^\W\d_][\w']*){2,})(?=\))")


def _word_lists(path: Path, vocabulary: frozenset[str]):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        items: list[str] = []
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = [e.value.lower() for e in node.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
            # an alternation of bare words inside a regular expression: (?:le|la|the)
            for run in _ALTERNATION.findall(node.value):
                items.extend(w.lower() for w in run.split("|"))
        hits = [w for w in items if w in vocabulary and len(w) > 1 and w not in _COLUMN_NAMES]
        if len(set(hits)) >= 3 and len(hits) * 2 >= len(items):
            yield node.lineno, sorted(set(hits))[:4]


def test_language_word_lists_live_in_lang():
    vocabulary = _vocabulary()
    bad = []
    for p in sorted(PKG.rglob("*.py")):
        if (PKG / "lang") in p.parents:
            continue
        for line, sample in _word_lists(p, vocabulary):
            bad.append(f"{p.relative_to(PKG.parent)}:{line} {sample}")
    assert bad == []


def test_the_word_list_detector_finds_word_lists(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('X = ["said", "noted", "stressed", "added"]\n'
                     'Y = r"(?:le|la|les|du)\\s+"\n'
                     'Z = ["doc_id", "stmt_id", "speaker", "side"]\n'
                     'D = ("outlet", "year", "lang", "side", "relays", "speaker")\n'
                     'V = ["side", "said", "noted", "stressed"]\n', encoding="utf-8")
    vocabulary = _vocabulary() | {"side", "speaker", "year"}
    found = [line for line, _ in _word_lists(probe, vocabulary)]
    assert found == [1, 2, 5]
