"""Every data file of the package ships in a wheel: a non-editable install (``pip install .``,
a wheel on an index) must find the language folders' word lists and the default codebook."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "discourse"


def _package_data_globs() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["setuptools"]["package-data"]["discourse"])


def _data_files() -> list[str]:
    return sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
                  if p.is_file() and p.suffix not in (".py", ".pyc")
                  and "__pycache__" not in p.parts)


def test_the_package_has_data_files():
    files = _data_files()
    assert "resources/default_codebook.yml" in files
    assert any(f.startswith("lang/zh/") for f in files)


def test_every_data_file_is_in_the_package_data():
    globs = _package_data_globs()
    missing = [f for f in _data_files() if not any(fnmatch.fnmatchcase(f, g) for g in globs)]
    assert not missing, (f"data files a wheel would leave out (add a glob to "
                         f"[tool.setuptools.package-data] in pyproject.toml): {missing}")
