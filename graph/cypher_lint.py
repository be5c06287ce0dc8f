"""Lint Cypher with Neo4j's own linter (npm ``@neo4j-cypher/language-support``), no server.

The schema the linter checks against is derived from :mod:`schema.model` (labels,
relationship types with their directions, property keys) plus the Neo4j 5 built-in
functions and the procedures this project may call. ``tools/lint-cypher.mjs`` runs
``lintCypherQuery(query, dbSchema)`` for every query in one ``node`` process.

Convention for ``queries/``: one named query per ``*.cypher`` file, the name is the file
stem, exactly one statement, parameters as ``$name`` (they are supplied at run time, so
"parameter not defined" is not reported).

CLI::

    python -m graph.cypher_lint                 # every queries/*.cypher
    python -m graph.cypher_lint FILE_OR_DIR...  # exit 1 on any diagnostic

Install the linter first: ``npm ci --prefix tools`` (``make tools``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from schema.model import LABELS, REL_TYPE_NAMES, REL_TYPES, property_keys

REPO_ROOT = Path(__file__).resolve().parents[1]
TOOLS_DIR = REPO_ROOT / "tools"
LINT_SCRIPT = TOOLS_DIR / "lint-cypher.mjs"
LINT_PACKAGE = TOOLS_DIR / "node_modules" / "@neo4j-cypher" / "language-support"
QUERIES_DIR = REPO_ROOT / "queries"
INSTALL_HINT = "run `make tools` (i.e. `npm ci --prefix tools`) from the repository root"

CYPHER_VERSION = "CYPHER 5"  # Neo4j 5.26 LTS speaks Cypher 5

# Procedures a query may CALL: Neo4j 5 Community built-ins that the app uses or may use.
# Signatures come from the package's Neo4j signature table; anything else (APOC, GDS,
# Enterprise admin procedures, typos) is reported as "not present in the database".
PROCEDURES: tuple[str, ...] = (
    "db.awaitIndex",
    "db.awaitIndexes",
    "db.index.fulltext.awaitEventuallyConsistentIndexRefresh",
    "db.index.fulltext.listAvailableAnalyzers",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
    "db.info",
    "db.labels",
    "db.ping",
    "db.propertyKeys",
    "db.relationshipTypes",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.schema.visualization",
    "dbms.components",
)
# Functions: every Neo4j built-in Cypher function (toLower, coalesce, size, elementId, ...);
# no APOC/GDS. Deprecated ones (``id()``) are reported as warnings.
FUNCTIONS = "builtin"


class LinterNotInstalled(RuntimeError):
    """node or tools/node_modules is missing."""


class LinterFailed(RuntimeError):
    """The node linter could not run (bad input or a crash)."""


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # error | warning | info | hint
    message: str
    line: int  # 1-based
    col: int  # 1-based

    def __str__(self) -> str:
        return f"{self.line}:{self.col} {self.severity}: {self.message}"


def schema_for_linter() -> dict:
    """The linter's dbSchema, derived from :mod:`schema.model`.

    Keys are those of the package's ``DbSchema``; ``functions``/``procedures`` are given by
    name and filled in with full Neo4j signatures by ``tools/lint-cypher.mjs``.
    """
    graph_schema = sorted(
        {(start, end, r.type) for r in REL_TYPES for start in r.start for end in r.end}
    )
    return {
        "labels": list(LABELS),
        "relationshipTypes": list(REL_TYPE_NAMES),
        "propertyKeys": list(property_keys()),
        "graphSchema": [{"from": f, "to": t, "relType": rel} for f, t, rel in graph_schema],
        "defaultLanguage": CYPHER_VERSION,
        "functions": FUNCTIONS,
        "procedures": list(PROCEDURES),
    }


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise LinterNotInstalled(
            f"the Cypher linter needs Node.js (`node` is not on PATH); then {INSTALL_HINT}"
        )
    if not (LINT_PACKAGE / "package.json").is_file():
        raise LinterNotInstalled(
            f"the Cypher linter is not installed ({LINT_PACKAGE} is missing): {INSTALL_HINT}"
        )
    return node


def lint(
    queries: Mapping[str, str], db_schema: dict | None = None, timeout: float | None = None
) -> dict[str, list[Diagnostic]]:
    """Lint named queries, in one node process per core (two at most); returns every query's
    diagnostics. ``timeout`` (seconds for each process) defaults to 300 plus 2 per query: the
    linter takes ~0.1 s a query on an idle core and several times that on a busy machine."""
    node = _node()
    if not queries:
        return {}
    schema = schema_for_linter() if db_schema is None else db_schema
    key = json.dumps(schema, sort_keys=True)
    known = _LINTED.setdefault(key, {})
    todo = sorted({cypher for cypher in queries.values() if cypher not in known})
    if todo:
        items = list(enumerate(todo))
        workers = max(1, min(2, os.cpu_count() or 1, len(items)))
        chunks = [[(str(i), q) for i, q in items[w::workers]] for w in range(workers)]
        limit = timeout if timeout is not None else 300 + 2 * max(len(c) for c in chunks)
        with ThreadPoolExecutor(workers) as pool:
            parts = list(pool.map(lambda chunk: _lint_chunk(node, chunk, schema, limit), chunks))
        for part in parts:
            for i, diags in part.items():
                known[todo[int(i)]] = diags
    return {name: list(known[cypher]) for name, cypher in queries.items()}


# What this process has linted, per linter schema: a statement is linted once however many
# callers ask (the test suite's lint tests and its session gate ask for many of the same).
_LINTED: dict[str, dict[str, list[Diagnostic]]] = {}


def _lint_chunk(node: str, items: list[tuple[str, str]], schema: dict, timeout: float
                ) -> dict[str, list[Diagnostic]]:
    request = {"queries": [{"name": name, "cypher": cypher} for name, cypher in items], "dbSchema": schema}
    proc = subprocess.run(
        [node, str(LINT_SCRIPT)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=TOOLS_DIR,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise LinterFailed(f"{LINT_SCRIPT.name} exited {proc.returncode}: {proc.stderr.strip()}")
    try:
        results = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        raise LinterFailed(f"{LINT_SCRIPT.name} printed no JSON ({e}): {proc.stdout[:500]!r}") from e
    # every diagnostic counts: no warning is accepted (FalkorDB's importing-WITH subqueries, which
    # Neo4j deprecates, are its own dialect and stay out of the lint gate: graph.dialect.subquery)
    return {r["name"]: [Diagnostic(**d) for d in r["diagnostics"]] for r in results}


def query_files(paths: Iterable[str | Path] = ()) -> list[Path]:
    """``.cypher`` files named by paths (a directory means its ``*.cypher``); default queries/."""
    files: list[Path] = []
    for p in [Path(p) for p in paths] or [QUERIES_DIR]:
        files.extend(sorted(p.glob("*.cypher")) if p.is_dir() else [p])
    return files


def load_queries(files: Iterable[Path]) -> dict[str, str]:
    """Read ``.cypher`` files as named queries (name = file stem, which must be unique)."""
    queries: dict[str, str] = {}
    seen: dict[str, Path] = {}
    for f in files:
        if f.stem in seen:
            raise ValueError(f"two queries named {f.stem!r}: {seen[f.stem]} and {f}")
        seen[f.stem] = f
        queries[f.stem] = f.read_text(encoding="utf-8")
    return queries


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if any(a in ("-h", "--help") for a in args):
        print(__doc__)
        return 0
    files = query_files(args)
    missing = [f for f in files if not f.is_file()]
    if missing:
        print(f"no such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    try:
        queries = load_queries(files)
        results = lint(queries)
    except (LinterNotInstalled, LinterFailed, ValueError) as e:
        print(f"cypher-lint: {e}", file=sys.stderr)
        return 2
    count = 0
    for f in files:
        for d in results.get(f.stem, []):
            print(f"{f}: {d}")
            count += 1
    print(f"cypher-lint: {len(files)} file(s), {count} diagnostic(s)", file=sys.stderr)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
