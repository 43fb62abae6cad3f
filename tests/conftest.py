"""pytest configuration for the test suite.

tests/ui/ holds the real-browser test of the notebooks (JupyterLab + chromium + Playwright):
it is slow and needs a browser, so plain ``pytest`` does not collect it; ``make test-ui``
runs it (``python tests/ui/run_ui_test.py``).
"""

import pytest

collect_ignore = ["ui"]

SHARED_ALIAS_ACTORS = """actors:
  li_keqiang:
    name: Li Keqiang
    side: CN
    aliases: {fr: [Li Keqiang, M. Li]}
  li_qiang:
    name: Li Qiang
    side: CN
    aliases: {fr: [Li Qiang, M. Li]}
"""


@pytest.fixture
def shared_alias_actors_file(tmp_path):
    """An actors file in which ``M. Li`` names both Li Keqiang and Li Qiang (no dated titles)."""
    path = tmp_path / "actors.yml"
    path.write_text(SHARED_ALIAS_ACTORS, encoding="utf-8")
    return path
