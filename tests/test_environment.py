"""environment.yml (for conda users) and pyproject.toml must name the same dependencies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$")


def _parse(req: str) -> tuple[str, str]:
    m = _REQ.match(req)
    assert m, f"cannot parse requirement {req!r}"
    return m.group(1).lower().replace("_", "-"), m.group(3).replace(" ", "")


def _pyproject() -> dict[str, str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(meta["dependencies"])
    for extra in meta.get("optional-dependencies", {}).values():
        reqs.extend(extra)
    return dict(_parse(r) for r in reqs)


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            if item.startswith("-e") or item in ("pip",) or item.startswith("python"):
                continue
            name, spec = _parse(item)
            out[name] = spec
    return out


def test_environment_names_the_pyproject_dependencies_with_the_same_versions():
    assert _environment() == _pyproject()


def test_environment_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert "-e ." in pip
    assert "conda-forge" in env["channels"]


def test_lock_file_pins_every_dependency():
    pins = set()
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            pins.add(line.split("==", 1)[0].strip().lower().replace("_", "-"))
    missing = [name for name in _pyproject() if name not in pins]
    assert not missing, f"requirements.lock lacks {missing}; run `make lock`"
