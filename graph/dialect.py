"""Every difference between Neo4j and FalkorDB lives here: schema DDL, full-text procedures,
version lookup. Everything else is portable Cypher (graph/cypher.py, queries/*.cypher)."""

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


NEO4J_VERSION = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition"
NEO4J_FULLTEXT = (f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $text) YIELD node, score "
                  "RETURN node.id AS id, labels(node)[0] AS label, node.name AS name, score "
                  "ORDER BY score DESC LIMIT $limit")


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


def falkordb_fulltext_query(label: str) -> str:
    return (f"CALL db.idx.fulltext.queryNodes('{label}', $text) YIELD node, score "
            f"RETURN node.id AS id, '{label}' AS label, node.name AS name, score "
            "ORDER BY score DESC LIMIT $limit")


FALKORDB_INDEXES = "CALL db.indexes() YIELD label, properties, types RETURN label, properties, types"
FALKORDB_CONSTRAINTS = "CALL db.constraints() YIELD type, label, properties RETURN type, label, properties"
