"""Every Cypher string the code can generate passes Neo4j's own linter: the Neo4j dialect
(DDL, full-text, version), the model-derived write/retract statements for every label and
relationship type, and the RDF export's paging statements for every label — including combinations
the tests' data never exercises."""

from __future__ import annotations

from api.rdf import queries as rdf_queries
from graph import cypher, dialect
from graph.cypher_lint import lint
from schema.model import LABELS, REL_TYPES


def generated() -> dict[str, str]:
    out = {f"neo4j-setup-{i}": q for i, q in enumerate(dialect.neo4j_setup())}
    out["neo4j-version"] = dialect.NEO4J_VERSION
    out["neo4j-fulltext"] = dialect.fulltext_union("neo4j", [(0, ("Organisation",)), (1, ("Proposal",))], 50)[0]
    for label in LABELS:
        out[f"merge-{label}"] = cypher.merge_nodes(label)
        out[f"missing-{label}"] = cypher.missing_ids(label)
    for rt in REL_TYPES:
        for s in rt.start:
            for e in rt.end:
                out[f"rel-{rt.type}-{s}-{e}"] = cypher.merge_rels(rt.type, s, e)
                out[f"rel-neo4j-{rt.type}-{s}-{e}"] = cypher.merge_rels(rt.type, s, e, "neo4j")
    for i, (q, _) in enumerate(cypher.retract_statements("d") + cypher.orphan_statements()):
        out[f"retract-{i}"] = q
    out.update(rdf_queries.statements())  # the RDF export's paging statements, for every label
    return out


def test_every_generated_statement_passes_neo4j_lint():
    queries = generated()
    assert len(queries) > 100
    bad = {name: diags for name, diags in lint(queries).items() if diags}
    assert not bad, "\n".join(f"{n}: {d} :: {queries[n]}" for n, ds in bad.items() for d in ds)


def test_falkordb_only_ddl_would_fail_the_gate():
    """The FalkorDB full-text procedure is not Neo4j's: it must stay out of portable code."""
    results = lint({"falkordb": dialect.falkordb_fulltext("Organisation")})
    assert results["falkordb"], "expected Neo4j's linter to reject FalkorDB's procedure"
