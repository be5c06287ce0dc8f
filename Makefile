# helsegraf — `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install tools explorer explorer-browser neo4j-launcher neo4j run check test test-all bench bench-scale audit lint-cypher clean

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

# The explorer page and GraphiQL (GET /graphql): explorer/ bundled by esbuild (cytoscape.js, React
# and GraphiQL from npm, no CDN) into api/static/explorer/ (a build output, not committed).
EXPLORER_SRC := $(wildcard explorer/src/*.js explorer/src/*/*.js explorer/src/*.css explorer/src/*.html explorer/src/*.svg)
explorer/node_modules/.installed: explorer/package.json explorer/package-lock.json
	npm ci --prefix explorer --no-audit --no-fund --loglevel=error
	@touch $@
explorer: api/static/explorer/build.json
api/static/explorer/build.json: explorer/node_modules/.installed explorer/build.mjs $(EXPLORER_SRC)
	npm run build --prefix explorer --silent

# The browser for the explorer's tests: Debian's chromium (no browser downloads).
explorer-browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; } \
	  || echo "warning: could not install chromium; the explorer's browser test will be skipped"

# A local Neo4j 5.26 Community without Docker (graph/neo4j_launcher/: the embedded DBMS with Bolt,
# started by graph/neo4j_local.py): a jar and its lib/ folder, built by Maven (offline once ~/.m2
# holds the artifacts). Without Java and Maven this is a note, not a failure (the Neo4j tests then
# use a Docker engine if one is reachable, or skip with the reason).
NEO4J_LAUNCHER := graph/neo4j_launcher/target/neo4j-launcher.jar
neo4j-launcher:
	@if command -v java >/dev/null && command -v mvn >/dev/null; then $(MAKE) --no-print-directory $(NEO4J_LAUNCHER); \
	  else echo "note: no Java/Maven: the local Neo4j is not built (Neo4j tests use Docker or skip)"; fi
$(NEO4J_LAUNCHER): graph/neo4j_launcher/pom.xml $(wildcard graph/neo4j_launcher/src/main/java/helsegraf/*.java)
	cd graph/neo4j_launcher && { mvn -q -B -o package >/dev/null 2>&1 || mvn -q -B package; }
	@touch $@

# The local Neo4j in the foreground (Ctrl-C stops it): Bolt on 127.0.0.1:$(NEO4J_PORT), data in
# var/neo4j, user neo4j with the password in HELSEGRAF_NEO4J_PASSWORD (README: Production path: Neo4j).
NEO4J_PORT ?= 7687
neo4j: install neo4j-launcher
	$(BIN)/python -m graph.neo4j_local --data-dir var/neo4j --port $(NEO4J_PORT)

# Install, start the embedded store, load the default corpus, serve the API.
run: install explorer
	$(BIN)/helsegraf store start
	$(BIN)/helsegraf store setup
	$(BIN)/helsegraf load
	$(BIN)/helsegraf serve --host $(HOST) --port $(PORT)

# The code checks (pyproject.toml says which and why): ruff's rules that catch bugs (not style),
# and lint-imports' contracts: the layers (schema <- loaders, graph <- api <- bench), no cycles.
check: install
	$(BIN)/ruff check --quiet .
	$(BIN)/lint-imports --no-cache

# The checks, then the whole suite (long runs are behind the `slow` marker: `make test-all`).
# Two workers (pytest-xdist), each taking whole test files (their module fixtures load once) and
# starting its own embedded store and Neo4j; TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
test: install check tools explorer explorer-browser neo4j-launcher bench/peer/node_modules/.installed
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

test-all: install check tools explorer explorer-browser neo4j-launcher bench/peer/node_modules/.installed
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m ''

# helsegraf vs the Neo4j GraphQL Library (bench/peer/: @neo4j/graphql served by Node, pinned in its
# package-lock.json) on a local Neo4j: the same answers checked, latency ratios, throughput under
# load. Options through PEER_ARGS, e.g. make bench-peer PEER_ARGS='--docs 1000 --seconds 30'.
.PHONY: bench-peer
bench-peer: install neo4j-launcher bench/peer/node_modules/.installed
	$(BIN)/python bench/peer_latency.py $(PEER_ARGS)
bench/peer/node_modules/.installed: bench/peer/package.json bench/peer/package-lock.json
	npm ci --prefix bench/peer --no-audit --no-fund --loglevel=error
	@touch $@

# Load time, nodes/s and peak memory for 10, 100, 1,000 synthetic documents (--full adds 10,000),
# then the GraphQL latency of every cookbook query at each size.
bench-scale: install
	$(BIN)/python bench/scale.py

# Known vulnerabilities in the installed dependencies (needs the internet: OSV / PyPI advisories).
audit: install
	test -x .venv-audit/bin/pip-audit || (python3 -m venv .venv-audit && .venv-audit/bin/pip install --quiet pip-audit)
	.venv-audit/bin/pip-audit --strict --skip-editable --progress-spinner off \
	  --path "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"

lint-cypher: tools
	$(BIN)/python -m graph.cypher_lint queries/*.cypher

bench: install
	$(BIN)/python bench/store_write.py
	$(BIN)/python bench/rdf_export.py
	$(BIN)/python bench/extraction_score.py
	$(BIN)/python bench/extraction_devset.py
	$(BIN)/python bench/graphql_latency.py
	$(BIN)/python bench/plan_cache.py

clean:
	-$(BIN)/helsegraf store stop
	rm -rf $(VENV) .venv-audit tools/node_modules explorer/node_modules bench/peer/node_modules api/static/explorer var graph/neo4j_launcher/target
