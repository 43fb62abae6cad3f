# discourse — set-up, reproduction and tests. `make reproduce` and `make test` are all a
# newcomer needs; both create .venv/ and install the pinned dependencies on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= data/processed

.PHONY: install reproduce test test-ui lab lock clean corpus

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10) and "discourse needs Python >= 3.10" or 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.lock
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name discourse --display-name "Python (discourse)" >/dev/null
	touch $(STAMP)

reproduce: install
	$(BIN)/discourse run data/raw --out $(OUT)
	$(BIN)/discourse notebooks --out $(OUT)/notebooks

corpus: install  ## rebuild the real readouts' texts from their live addresses (data/real/fetched/)
	$(BIN)/discourse corpus fetch data/real/recipe.csv --out data/real/fetched

test: install
	$(BIN)/python -m pytest -q

test-ui: install  ## the notebooks in JupyterLab in a real browser; screenshots in $(OUT)/screenshots
	$(BIN)/python -c 'import playwright' 2>/dev/null || $(BIN)/python -m pip install --disable-pip-version-check -q "playwright>=1.45"
	$(BIN)/python tests/ui/run_ui_test.py --out $(OUT)

lab: install
	$(BIN)/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/01-sample-readout.ipynb

lock:  # regenerate requirements.lock (needs uv: pip install uv); valid for Python 3.10+
	$(PYTHON) -m uv pip compile pyproject.toml --extra test --extra ui --extra bench --extra parser --universal --python-version 3.10 --quiet -o requirements.lock

clean:
	rm -rf $(OUT)
