# Two commands on a fresh machine: `make serve` and `make test`. Each makes the virtual
# environment it needs (pinned by constraints.txt) the first time.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
NPM ?= npm
NODE_TOOLS := tests/browser/node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-fast lint fmt schema bench clean

# The first run (and a run after pyproject.toml or constraints.txt changed) installs the pinned
# packages: a minute or so, with pip's progress shown. pip itself first: the one Python's venv
# bundles may be too old to read the pinned packages' metadata (see constraints.txt).
$(STAMP): pyproject.toml constraints.txt
	@echo "Installing the pinned packages into $(VENV) (first run, or pyproject.toml/constraints.txt changed; about a minute)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt pip
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -c constraints.txt -e '.[dev]'
	@touch $(STAMP)
	@echo "$(VENV) is ready."

# The browser tests' Node tools (axe-core, vnu-jar, Lighthouse) as the lock file pins them.
# --ignore-scripts: vnu-jar's install script would download a Java runtime; the system's runs it.
# Without npm (a machine without Node), the tests that need these tools skip (and fail in CI).
$(NODE_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	@if command -v $(firstword $(NPM)) >/dev/null 2>&1; then \
	  $(NPM) ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error \
	  && touch $(NODE_TOOLS); \
	else \
	  echo "npm not found: the axe, Nu HTML Checker and Lighthouse tests will be skipped"; \
	fi

# A busy port stops `mkdocs serve` with one line naming it (the plugin checks it before the
# server starts); choose another with `make serve ADDR=127.0.0.1:8001`.
serve: $(STAMP)  ## build the site and serve it with live reload (site_url path: /mkdocs-briefings/)
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr $(ADDR)  # --dirty: rebuild only what an edit affects

build: $(STAMP)  ## build the site into site/, failing on any problem
	$(BIN)/mkdocs build --strict

test: lint build $(NODE_TOOLS)  ## lint, type-check, build --strict, then every test (browser included)
	$(BIN)/python -m pytest

test-fast: $(STAMP)  ## the inner loop: the tests that need no browser and are not marked slow
	$(BIN)/python -m pytest -m "not browser and not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

schema: $(STAMP)  ## refresh docs/schema/*.json from the models
	$(BIN)/python -m mkdocs_briefings.schema docs/schema --force

bench: $(STAMP)  ## plugin vs hand-written Markdown at N=1000
	$(BIN)/python bench/run.py --n 1000

clean:
	rm -rf site $(VENV) .pytest_cache .ruff_cache .mypy_cache
