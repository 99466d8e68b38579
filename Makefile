# Everything a fresh machine needs, from Python and make alone.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install compiled run test lint typecheck pytest bench clean

# The modules setup.py compiles with mypyc: an edit to one rebuilds them before tests or a run.
COMPILED := $(addprefix facts/,types.py wordlists.py sentences.py dates.py numbers.py clauses.py entities.py attribution.py extract.py)

$(STAMP): pyproject.toml setup.py
	$(PY) -m venv $(VENV)
	# A current pip: older ones leave out a dependency of the HTML article extractor.
	$(BIN)/python -m pip install -q --upgrade pip
	# The extensions are built in place below (make compiled), not in pip's build environment.
	FACTDESK_SKIP_COMPILE=1 $(BIN)/python -m pip install -q -e '.[dev]' --config-settings editable_mode=compat
	touch $(STAMP)

install: $(STAMP) compiled

## make compiled: rebuild the compiled extraction after its sources changed (setup.py).
compiled: facts/_compiled.json

facts/_compiled.json: $(STAMP) $(COMPILED) setup.py
	$(BIN)/python setup.py -q build_ext --inplace

## make run: load the sample story into the SQLite default and start the bot
## (Slack when tokens are set, otherwise a chat in the terminal).
run: install
	$(BIN)/factdesk run

## make test: lint, type-check and run every test (SQLite and PostgreSQL).
test: lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache build facts/_compiled.json
	find . -name '*.so' -not -path './$(VENV)/*' -delete
