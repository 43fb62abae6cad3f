"""pytest configuration for the test suite.

tests/ui/ holds the real-browser test of the notebooks (JupyterLab + chromium + Playwright):
it is slow and needs a browser, so plain ``pytest`` does not collect it; ``make test-ui``
runs it (``python tests/ui/run_ui_test.py``).
"""

collect_ignore = ["ui"]
