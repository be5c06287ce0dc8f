# helsegraf — `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install tools run test test-all bench lint-cypher clean

# Python environment with the dev extras; re-installed when pyproject.toml changes.
install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

# Neo4j's Cypher linter (npm), pinned in tools/package-lock.json.
tools: tools/node_modules/.installed
tools/node_modules/.installed: tools/package.json tools/package-lock.json
	npm ci --prefix tools --no-audit --no-fund --loglevel=error
	@touch $@

# Install, start the embedded store, load the default corpus, serve the API.
run: install
	$(BIN)/helsegraf store start
	$(BIN)/helsegraf store setup
	$(BIN)/helsegraf load
	$(BIN)/helsegraf serve --host $(HOST) --port $(PORT)

# The whole suite (long runs are behind the `slow` marker: `make test-all`).
test: install tools
	$(BIN)/python -m pytest

test-all: install tools
	$(BIN)/python -m pytest -m ''

lint-cypher: tools
	$(BIN)/python -m graph.cypher_lint queries/*.cypher

bench: install
	$(BIN)/python bench/store_write.py
	$(BIN)/python bench/rdf_export.py
	$(BIN)/python bench/extraction_score.py

clean:
	-$(BIN)/helsegraf store stop
	rm -rf $(VENV) tools/node_modules var
