"""The GraphQL compiler's Cypher passes Neo4j's own linter with no diagnostic at all, no store needed:
the Neo4j dialect of every cookbook query and of the requests reaching the forms the cookbook does
not (tests/support/compile_snapshot.py `FORMS`: subqueries inside responsibility branches, sibling
lists two levels down, aggregated relationship filters, counts), and FalkorDB's dialect wherever it
is portable (no subquery: FalkorDB's importing-WITH subqueries are deprecated on Neo4j, so a query
holding one is FalkorDB's own dialect and is run outside the lint gate, `Compiled.portable`).

The lint gate (tests/conftest.py) also lints every query the tests make a store run; this file
covers the Neo4j dialect where no Neo4j runs. `python -m tests.support.compile_snapshot --backend
neo4j --lint` does the same for the fuzz test's generated queries and recorded test requests.
"""

from __future__ import annotations

import re

import pytest

from graph.cypher_lint import lint
from tests.support.compile_snapshot import compile_all, cookbook, forms

REQUESTS = cookbook() + forms()
NEO4J = {e["id"]: e for e in compile_all(REQUESTS, "neo4j")}
FALKORDB = {e["id"]: e for e in compile_all(REQUESTS)}


def test_every_request_compiles_in_both_dialects():
    assert all(e.get("cypher") and not e.get("error") for e in NEO4J.values())
    assert all(e.get("cypher") and not e.get("error") for e in FALKORDB.values())


def test_each_dialect_writes_its_own_subqueries():
    """Neo4j: scoped `CALL (x) { … }` only, once per row (no batch: no `acc` list unwound again,
    which would declare an imported variable again inside a subquery); FalkorDB: the importing-WITH
    form. Neo4j holds a subquery wherever FalkorDB does, and more (a list over an incoming
    relationship below many rows is one there even as a row's first list), except for a
    `responsibleMinistries` filter: on Neo4j `EXISTS {}` per branch, or at a root list one
    subquery binding the measures (no per-branch lists)."""
    fewer = more = 0
    for key, e in NEO4J.items():
        f = FALKORDB[key]
        assert "CALL {" not in e["cypher"], key
        if "responsibleMinistries:" in e["query"]:
            assert e["cypher"].count("CALL (") < f["cypher"].count("CALL {"), key
            fewer += 1
        else:
            assert e["cypher"].count("CALL (") >= f["cypher"].count("CALL {"), key
            more += e["cypher"].count("CALL (") > f["cypher"].count("CALL {")
    assert fewer >= 2 and more >= 5
    assert sum(e["cypher"].count("CALL (") for e in NEO4J.values()) > 50


def test_neo4j_writes_each_subquery_expression_once():
    """An `EXISTS {}`/`COUNT {}` condition on a nested list's rows is bound to a variable before the
    CASEs that use it: written into each, Neo4j runs every copy (bench/neo4j_forms.py)."""
    found = 0
    for key, e in NEO4J.items():
        subs = re.findall(r"(?:EXISTS|COUNT) \{ MATCH [^{}]*\}", e["cypher"])
        assert len(subs) == len(set(subs)), key
        found += len(subs)
    assert found >= 10


def test_neo4j_traces_a_responsibility_filter_without_collected_lists():
    """A root list's `responsibleMinistries` filter binds its measures in one subquery, with no list
    collected before the list's MATCH (carried on every row, Neo4j counted it against the
    transaction's memory once per row kept for the sort: proposals_of_ministry at 1,000 synthetic
    documents went over the 693 MiB default); below a list it is `EXISTS {}` per branch, with no
    per-row subqueries building lists (responsible_below: 26.9 s -> 0.64 s there)."""
    root = NEO4J["cookbook:proposals_of_ministry"]["cypher"]
    m = re.search(r"\} MATCH \((n\d+):Proposal\)", root)
    assert m and root.startswith("CALL () {"), root[:300]
    assert "collect(" not in root[:m.start()] and f"RETURN DISTINCT {m.group(1)} }}" in root[:m.end()]
    below = NEO4J["forms:responsible_below"]["cypher"]
    assert "CALL (" not in below and "max(" not in below  # no branch grouped by its basis
    assert below.count("EXISTS { MATCH") == 7  # `proposals: {some:}`, and three branches in it and in the count


@pytest.fixture(scope="module")
def diagnostics() -> dict:
    queries = {f"neo4j {k}": e["cypher"] for k, e in NEO4J.items()}
    queries |= {f"falkordb {k}": e["cypher"] for k, e in FALKORDB.items() if "CALL {" not in e["cypher"]}
    return lint(queries)


@pytest.mark.parametrize("key", sorted(NEO4J))
def test_the_neo4j_dialect_passes_neo4j_lint(diagnostics, key):
    assert diagnostics[f"neo4j {key}"] == [], NEO4J[key]["cypher"]


def test_falkordbs_portable_queries_pass_neo4j_lint(diagnostics):
    portable = [k for k in diagnostics if k.startswith("falkordb ")]
    assert len(portable) > 10
    assert {k: d for k, d in diagnostics.items() if k in portable and d} == {}


class _Recorder:
    """A store that records which read a query went through (and answers nothing)."""

    def __init__(self, backend: str):
        self.backend = backend
        self.calls: list[tuple[str, str]] = []

    def read(self, cypher, params=None, *, timeout=None):
        self.calls.append(("read", cypher))
        return []

    def read_native(self, cypher, params=None, *, timeout=None):
        self.calls.append(("read_native", cypher))
        return []


@pytest.mark.parametrize("backend", ["embedded", "neo4j"])
def test_the_executor_compiles_for_the_store_and_keeps_its_dialect_out_of_the_gate(backend):
    """A query with a subquery is the store's own dialect (read_native: on FalkorDB not recorded
    for the lint gate; the Neo4j store records every statement anyway); one without is portable."""
    from api.graphql.executor import GraphQLExecutor
    ex = GraphQLExecutor()
    with_sub = next(q for q in REQUESTS if q["id"] == "cookbook:measures_of_ministry")
    plain = next(q for q in REQUESTS if q["id"] == "cookbook:proposals_per_instrument")
    first = []
    for q in (with_sub, plain):
        store = _Recorder(backend)
        ex.execute(store, q["query"], q["variables"])
        first.append(store.calls[0])  # the compiled query (then the notices' lookups of names it missed)
    (how_sub, sub_cypher), (how_plain, _) = first
    assert (how_sub, how_plain) == ("read_native", "read")
    assert ("CALL (" in sub_cypher) == (backend == "neo4j") and ("CALL {" in sub_cypher) == (backend != "neo4j")
    compiled = ex.compiled(with_sub["query"], with_sub["variables"], backend=backend)
    assert compiled.cypher == sub_cypher and not compiled.portable
