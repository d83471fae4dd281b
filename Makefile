# The two commands of the README's quickstart:
#   make site   install into .venv, build the site from the bundled catalog and serve it
#   make test   install what the tests need (Chromium included, where it can) and run them all
# CI runs `make test` on a clean clone (.ci/run).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: site test install tools lint typecheck unit unit-fast clean

site: install
	$(BIN)/cl-survey serve

test: install tools lint typecheck unit

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it: no browser download) and
# pandoc, whose citeproc reads the citation exports back.
tools:
	@sh scripts/install-test-tools

lint: install
	$(BIN)/ruff check cl_survey tests benchmarks
	$(BIN)/ruff format --check cl_survey tests benchmarks

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

# Everything but the tests marked slow (those that build a site or a wheel): for quick loops.
unit-fast: install
	$(BIN)/pytest -m "not slow"

clean:
	rm -rf $(VENV) _site .pytest_cache .mypy_cache .ruff_cache
