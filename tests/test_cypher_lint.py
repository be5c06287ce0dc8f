"""The Cypher lint gate: Neo4j's own linter against the schema of schema.model.

These tests need ``tools/node_modules`` (``npm ci --prefix tools``, i.e. ``make tools``).
Without it they FAIL with that instruction: the gate must never be skipped silently.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from graph import cypher_lint
from graph.cypher_lint import (
    PROCEDURES,
    Diagnostic,
    LinterNotInstalled,
    lint,
    load_queries,
    query_files,
    schema_for_linter,
)
from schema.model import LABELS, REL_TYPE_NAMES, REL_TYPES, property_keys

# Representative queries of the shapes the app uses; each must lint clean.
GOOD = {
    "upsert_rows": """
        UNWIND $rows AS row
        MERGE (n:Organisation {id: row.id})
        SET n += row.props
    """,
    "upsert_edges": """
        UNWIND $rows AS row
        MATCH (a:Proposal {id: row.from})
        MATCH (b:Document {id: row.to})
        MERGE (a)-[r:EXTRACTED_FROM]->(b)
        SET r += row.props
    """,
    "proposal_projection": """
        MATCH (p:Proposal)
        WHERE p.id = $id
        RETURN p {
          .id, .text, .section, .modality,
          authors: [(a)-[:PROPOSES]->(p) | a {.id, .name, kind: labels(a)[0]}],
          addressedTo: [(p)-[r:ADDRESSED_TO]->(m:Ministry) | m {.id, .name, basis: r.basis}],
          mentions: [(p)-[:MENTIONS]->(e) WHERE e.verified | e {.id, .name}],
          source: head([(p)-[x:EXTRACTED_FROM]->(d:Document) | d {.id, .title, quote: x.quote}])
        } AS proposal
    """,
    "fulltext_search": """
        CALL db.index.fulltext.queryNodes('entitySearch', $q, {limit: $limit})
        YIELD node, score
        RETURN node {.id, .name, labels: labels(node)} AS hit, score
        ORDER BY score DESC
    """,
    "owned_by": """
        MATCH (i:Instrument)-[o:OWNED_BY]->(m:Ministry)
        WHERE toLower(i.name) CONTAINS toLower($text) AND coalesce(o.confidence, 1.0) >= $min
        RETURN i.id AS instrument, m.id AS ministry, size(i.aliases) AS aliases
        ORDER BY toLower(i.name)
    """,
    "count_by_label": "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label",
    "components": "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition",
    "labels": "CALL db.labels() YIELD label RETURN collect(label) AS labels",
    "await_indexes": "CALL db.awaitIndexes(300)",
    "constraint": "CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE",
    "fulltext_index": (
        "CREATE FULLTEXT INDEX entitySearch IF NOT EXISTS FOR (n:Organisation|Ministry|Agency) "
        "ON EACH [n.name, n.searchText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'norwegian'}}"
    ),
}

# Each must fail the gate; the value is a fragment of the diagnostic expected.
BAD = {
    "syntax_error": ("MATCH (n:Organisation) RETRN n", "Invalid input 'RETRN'"),
    "unknown_label": ("MATCH (n:Organisasjon) RETURN n.id", "Label Organisasjon is not present"),
    "unknown_rel_type": ("MATCH (p:Proposal)-[:PROPOSED_BY]->(o) RETURN o.id", "PROPOSED_BY is not present"),
    "unknown_property": ("MATCH (o:Organisation) RETURN o.nmae", "nmae is not present"),
    "unknown_function": ("MATCH (n:Organisation) RETURN toLowercase(n.name)", "Function toLowercase is not present"),
    "apoc_function": ("RETURN apoc.text.join(['a', 'b'], ',') AS s", "Function apoc.text.join is not present"),
    "unknown_procedure": ("CALL db.index.fulltext.queryNode('x', 'y') YIELD node RETURN node",
                          "Procedure db.index.fulltext.queryNode is not present"),
    "deprecated_function": ("MATCH (n:Organisation) RETURN id(n) AS id", "Function id is deprecated"),
    "removed_exists": ("MATCH (n:Organisation) WHERE exists(n.name) RETURN n", "no longer supported"),
    "wrong_direction": ("MATCH (m:Ministry)-[:OWNED_BY]->(i:Instrument) RETURN i.id", "has no incoming"),
    "two_statements": ("MATCH (n:Organisation) RETURN n; MATCH (m:Ministry) RETURN m", "more than one statement"),
}


@pytest.fixture(scope="module")
def linter_installed() -> None:
    try:
        cypher_lint._node()
    except LinterNotInstalled as e:
        pytest.fail(str(e), pytrace=False)


@pytest.fixture(scope="module")
def results(linter_installed) -> dict[str, list[Diagnostic]]:
    queries = dict(GOOD)
    queries.update({name: cypher for name, (cypher, _) in BAD.items()})
    return lint(queries)  # one node process for all


def _fmt(diags: list[Diagnostic]) -> str:
    return "\n".join(f"  {d}" for d in diags)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_query_passes(results, name):
    assert results[name] == [], f"{name} should lint clean:\n{_fmt(results[name])}"


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_query_fails_with_diagnostic(results, name):
    _, expected = BAD[name]
    diags = results[name]
    assert diags, f"{name}: the linter reported nothing"
    assert any(expected in d.message for d in diags), f"{name}: expected {expected!r} in:\n{_fmt(diags)}"


def test_syntax_and_unknown_function_are_errors(results):
    for name in ("syntax_error", "unknown_function", "unknown_procedure", "two_statements"):
        assert any(d.severity == "error" for d in results[name]), name


def test_diagnostic_positions_are_one_based(results):
    (d,) = [d for d in results["unknown_label"] if "Organisasjon" in d.message]
    assert (d.line, d.col) == (1, 10)


def test_map_property_reads_inside_patterns_are_not_flagged(results):
    # `row.from` inside MATCH (a {id: row.from}) reads a map, not a node (package bug work-around)
    assert results["upsert_edges"] == []


def test_all_query_files_pass(linter_installed):
    files = query_files()
    if not files:
        return  # no queries/*.cypher yet: the representative queries above stand in
    results = lint(load_queries(files))
    failures = {f.name: results[f.stem] for f in files if results[f.stem]}
    assert not failures, "queries/*.cypher must pass Neo4j's Cypher linter:\n" + "\n".join(
        f"{name}:\n{_fmt(diags)}" for name, diags in failures.items()
    )


def test_schema_is_derived_from_the_model():
    s = schema_for_linter()
    assert s["labels"] == list(LABELS)
    assert s["relationshipTypes"] == list(REL_TYPE_NAMES)
    assert s["propertyKeys"] == list(property_keys())
    assert s["defaultLanguage"] == "CYPHER 5"
    edges = {(g["from"], g["relType"], g["to"]) for g in s["graphSchema"]}
    assert edges == {(a, r.type, b) for r in REL_TYPES for a in r.start for b in r.end}
    assert s["functions"] == "builtin"
    assert set(s["procedures"]) == set(PROCEDURES)
    json.dumps(s)  # must be JSON


def test_signature_table_knows_neo4j5_builtins(linter_installed):
    out = subprocess.run(
        ["node", str(cypher_lint.LINT_SCRIPT), "--list-builtins"],
        capture_output=True, text=True, check=True, cwd=cypher_lint.TOOLS_DIR,
    ).stdout
    table = json.loads(out)
    for fn in ("toLower", "coalesce", "size", "elementId", "collect", "count", "labels", "head", "datetime"):
        assert fn in table["functions"], fn
    assert not any(f.startswith("apoc.") for f in table["functions"])
    for proc in PROCEDURES:  # every allowed procedure has a real signature
        assert proc in table["procedures"], proc


def test_unknown_allowed_procedure_is_a_usage_error(linter_installed):
    schema = schema_for_linter() | {"procedures": ["db.index.fulltext.queryNodez"]}
    with pytest.raises(cypher_lint.LinterFailed, match="queryNodez"):
        lint({"q": "RETURN 1"}, db_schema=schema)


def test_cli_exit_codes_and_output(linter_installed, tmp_path, capsys):
    good = tmp_path / "good.cypher"
    good.write_text("// a comment line\nMATCH (o:Organisation {id: $id})\nRETURN o {.id, .name} AS o\n")
    bad = tmp_path / "bad.cypher"
    bad.write_text("MATCH (o:Organisation)\nRETURN toLowercase(o.name)\n")
    assert cypher_lint.main([str(good)]) == 0
    assert cypher_lint.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}: 2:8 error: Function toLowercase is not present" in out
    assert str(good) not in out


def test_missing_node_modules_gives_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(cypher_lint, "LINT_PACKAGE", tmp_path / "node_modules" / "nope")
    with pytest.raises(LinterNotInstalled, match="make tools"):
        lint({"q": "RETURN 1"})


def test_no_warning_is_accepted_and_each_store_gets_its_own_subquery_form():
    """graph.dialect.subquery: Neo4j's scoped `CALL (n) { … }` passes the linter; FalkorDB's
    importing-WITH `CALL { WITH n … }` gets Neo4j's deprecation warning, which fails the gate like
    any diagnostic (so FalkorDB runs it as its own dialect, GraphStore.read_native)."""
    from graph import dialect
    clauses = ["RETURN n.name AS x"]
    neo4j = "MATCH (n:Organisation) " + dialect.subquery("neo4j", "n", clauses) + " RETURN x"
    falkordb = "MATCH (n:Organisation) " + dialect.subquery("embedded", "n", clauses) + " RETURN x"
    assert neo4j == "MATCH (n:Organisation) CALL (n) { RETURN n.name AS x } RETURN x"
    assert falkordb == "MATCH (n:Organisation) CALL { WITH n RETURN n.name AS x } RETURN x"
    results = lint({"neo4j": neo4j, "falkordb": falkordb})
    assert results["neo4j"] == []
    assert [(d.severity, d.message.split(".")[0]) for d in results["falkordb"]] == [
        ("warning", "CALL subquery without a variable scope clause is deprecated")]
