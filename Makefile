# Everything a fresh machine needs, from Python and make alone.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	# A current pip: older ones leave out a dependency of the HTML article extractor.
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]' --config-settings editable_mode=compat
	touch $(STAMP)

install: $(STAMP)

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
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
