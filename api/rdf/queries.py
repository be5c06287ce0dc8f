"""The RDF export's paging Cypher, built from the model: one statement per label (labels and
relationship types cannot be query parameters), so no page scans or sorts the whole graph.

* `id_page(label)`: the next ids of a label after ``$after``, in the store's order — a key
  page, many data pages long. On Neo4j the id's range index yields them in order from
  ``$after`` (no sort, stops at ``$limit``); on FalkorDB, whose range index cannot be used for
  strings (see `graph.dialect.id_after`), each key page is one scan of that label, so a key page is long
  (`api.rdf.graph.KEY_PAGES` data pages) and there are few of them.
* `nodes_by_id(label)`: a data page of nodes, by index seeks on their ids.
* `rels_by_start(label)`: the outgoing relationships of a page of start nodes (index seeks), in
  the export's order (start id, type, end label, end id, source), at most ``$limit`` rows. Start
  nodes without relationships give one row with a null ``type``; the last start node of a full
  page may be cut off, and `rel_rest(label)` continues it.
* `document_node_page(label)` / `document_rel_page(label)`: the same for the export of one
  source (``$document``): found through the per-type relationship-source indexes (one pattern
  per relationship type the model allows at that label), so a page costs what the document
  has, not what the graph has.

Nothing here takes user input into the query text: labels come from `schema.model` and are
checked against it (as in `graph.cypher`); every value is a parameter. All statements are
portable Neo4j 5 Cypher that FalkorDB runs, except the id predicate the dialect gives each backend
(tests/test_dialect_lint.py lints them per label).
"""

from __future__ import annotations

from functools import lru_cache

from graph import dialect
from schema.model import LABELS, NODE_BY_LABEL, REL_TYPES

# Big text the export never reads: the full-text index field, and a document's full text.
_NOT_READ = {"Document": ("text", "searchText")}
_NOT_READ_DEFAULT = ("searchText",)


def _checked(label: str) -> str:
    if label not in LABELS:
        raise ValueError(f"{label!r} is not in the model")
    return label


def _props(var: str, label: str) -> str:
    """The node's properties as a map, without the big text (set to null, as `n {.*, x: null}`)."""
    skip = [p for p in _NOT_READ.get(label, _NOT_READ_DEFAULT) if p in NODE_BY_LABEL[label].prop_names]
    return f"{var} {{.*{''.join(f', {p}: null' for p in skip)}}}"


def out_types(label: str) -> tuple[str, ...]:
    """Relationship types the model allows to start at `label`."""
    return tuple(rt.type for rt in REL_TYPES if label in rt.start)


def in_types(label: str) -> tuple[str, ...]:
    """Relationship types the model allows to end at `label`."""
    return tuple(rt.type for rt in REL_TYPES if label in rt.end)


_REL_ORDER = "a.id, type(r), labels(b)[0], b.id, r.source"
_REL_RETURN = ("RETURN a.id AS startId, type(r) AS type, labels(b)[0] AS endLabel, b.id AS endId, "
               "properties(r) AS props ORDER BY startId, type, endLabel, endId, props.source")


def _key_after(t: str, el: str, eid: str, src: str) -> str:
    """After ($t, $el, $eid, $src) within one start node, in the export's order."""
    return (f"({t} > $t OR ({t} = $t AND ({el} > $el OR ({el} = $el "
            f"AND ({eid} > $eid OR ({eid} = $eid AND {src} > $src))))))")


_AFTER_KEY = _key_after("type(r)", "labels(b)[0]", "b.id", "r.source")


@lru_cache
def id_page(label: str, backend: str = "embedded") -> str:
    """The next ids of a label in the store's order: $after, the last id of the previous key
    page ('' to start); $limit: how many. The `>` is the backend's (graph/dialect.py)."""
    label = _checked(label)
    return f"MATCH (n:{label}) WHERE {dialect.id_after(backend, 'n')} RETURN n.id AS id ORDER BY id LIMIT $limit"


@lru_cache
def nodes_by_id(label: str) -> str:
    """The nodes of a label with the ids $ids (index seeks), in id order."""
    label = _checked(label)
    return (f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) "
            f"RETURN n.id AS id, {_props('n', label)} AS props ORDER BY id")


@lru_cache
def rels_by_start(label: str) -> str:
    """The outgoing relationships of the start nodes $ids (index seeks), at most $limit rows in
    the export's order; a start node without any gives one row with a null type."""
    label = _checked(label)
    return (f"UNWIND $ids AS id MATCH (a:{label} {{id: id}}) "
            f"OPTIONAL MATCH (a)-[r]->(b) WITH a, r, b ORDER BY {_REL_ORDER} LIMIT $limit " + _REL_RETURN)


@lru_cache
def rel_rest(label: str) -> str:
    """The rest of one start node's relationships ($sid), after ($t, $el, $eid, $src)."""
    label = _checked(label)
    return (f"MATCH (a:{label} {{id: $sid}})-[r]->(b) WHERE {_AFTER_KEY} "
            f"WITH a, r, b ORDER BY {_REL_ORDER} LIMIT $limit " + _REL_RETURN)


# One source's facts are found through the per-type relationship-source indexes: one pattern
# comprehension per relationship type the model allows at the label, concatenated. Portable:
# FalkorDB has no `CALL () { … UNION … }` and Neo4j deprecates `CALL { … }` without a scope
# clause. Each comprehension has its own variable names (FalkorDB mixes up same-named variables
# of different comprehensions in one expression) and yields plain values; the label is tested
# afterwards: a planner given `(n:Label)-[r:T {source: …}]->()` may start from the label instead
# of the index (FalkorDB does).
@lru_cache
def document_node_page(label: str) -> str | None:
    """The nodes of `label` that touch a relationship with source $document (or are that
    document), after $after, at most $limit; None when the model gives `label` no relationship."""
    label = _checked(label)
    patterns = [f"(m{{i}})-[:{t} {{{{source: doc}}}}]->()" for t in out_types(label)]
    patterns += [f"()-[:{t} {{{{source: doc}}}}]->(m{{i}})" for t in in_types(label)]
    parts = [p.format(i=i) + f" | [labels(m{i})[0], m{i}.id]" for i, p in enumerate(patterns)]
    parts = [f"[{p}]" for p in parts]
    if not parts:
        return None
    if label == "Document":  # the document itself, even without facts
        parts.append("[['Document', doc]]")
    return (f"WITH $document AS doc WITH {' + '.join(parts)} AS keys UNWIND keys AS k "
            f"WITH DISTINCT k WHERE k[0] = '{label}' AND k[1] > $after "
            f"WITH k[1] AS id ORDER BY id LIMIT $limit MATCH (n:{label} {{id: id}}) "
            f"RETURN n.id AS id, {_props('n', label)} AS props ORDER BY id")


def _document_rel(i: int, rel_type: str) -> str:
    a, r, b = f"a{i}", f"r{i}", f"b{i}"
    return (f"[({a})-[{r}:{rel_type} {{source: doc}}]->({b}) | {{startLabel: labels({a})[0], startId: {a}.id, "
            f"type: type({r}), endLabel: labels({b})[0], endId: {b}.id, source: {r}.source, props: properties({r})}}]")


@lru_cache
def document_rel_page(label: str) -> str | None:
    """The relationships with source $document starting at `label`, after ($sid, $t, $el,
    $eid, $src) in the export's order, at most $limit; None when the model has none."""
    label = _checked(label)
    if not out_types(label):
        return None
    rels = " + ".join(_document_rel(i, t) for i, t in enumerate(out_types(label)))
    after = _key_after("x.type", "x.endLabel", "x.endId", "x.source")
    return (f"WITH $document AS doc WITH {rels} AS rels UNWIND rels AS x "
            f"WITH x WHERE x.startLabel = '{label}' AND (x.startId > $sid OR (x.startId = $sid AND {after})) "
            "WITH x ORDER BY x.startId, x.type, x.endLabel, x.endId, x.source LIMIT $limit "
            "RETURN x.startId AS startId, x.type AS type, x.endLabel AS endLabel, x.endId AS endId, "
            "x.props AS props ORDER BY startId, type, endLabel, endId, props.source")


@lru_cache
def document_passages() -> str:
    """The quoted passages' spans of the statements with source $document (through the per-type
    relationship-source indexes), with the kinds at both ends, distinct."""
    parts = []
    for i, rt in enumerate(REL_TYPES):
        if "quoteStart" in {p.name for p in rt.props}:
            a, r, b = f"a{i}", f"r{i}", f"b{i}"
            parts.append(f"[({a})-[{r}:{rt.type} {{source: doc}}]->({b}) WHERE {r}.quoteStart IS NOT NULL | "
                         f"[labels({a})[0], labels({b})[0], {r}.quoteStart, {r}.quoteEnd]]")
    return (f"WITH $document AS doc WITH {' + '.join(parts)} AS spans UNWIND spans AS s WITH DISTINCT s "
            "RETURN s[0] AS startLabel, s[1] AS endLabel, s[2] AS start, s[3] AS end")


def document_text() -> str:
    """A document's text (what the passages' offsets point into)."""
    return "MATCH (d:Document {id: $id}) RETURN d.text AS text"


def statements() -> dict[str, str]:
    """Every statement this module can generate, by name (what the lint test checks)."""
    out: dict[str, str] = {"rdf-document-passages": document_passages(), "rdf-document-text": document_text()}
    for label in LABELS:
        out[f"rdf-id-page-{label}-indexed"] = id_page(label, True)
        out[f"rdf-id-page-{label}"] = id_page(label, False)
        out[f"rdf-nodes-by-id-{label}"] = nodes_by_id(label)
        out[f"rdf-rels-by-start-{label}"] = rels_by_start(label)
        out[f"rdf-rel-rest-{label}"] = rel_rest(label)
        out[f"rdf-resource-{label}"] = resource(label)
        out[f"rdf-incoming-{label}"] = incoming(label)
        for name, q in ((f"rdf-document-node-page-{label}", document_node_page(label)),
                        (f"rdf-document-rel-page-{label}", document_rel_page(label))):
            if q is not None:
                out[name] = q
    return out


@lru_cache
def resource(label: str) -> str:
    """One node, by id, with its outgoing relationships and the names of their targets."""
    label = _checked(label)
    return (f"MATCH (n:{label} {{id: $id}}) OPTIONAL MATCH (n)-[r]->(m) "
            "WITH n, collect(CASE WHEN r IS NULL THEN NULL ELSE {type: type(r), endLabel: labels(m)[0], "
            "endId: m.id, endName: m.name, props: properties(r)} END) AS rels "
            f"RETURN '{label}' AS label, {_props('n', label)} AS props, rels")


@lru_cache
def incoming(label: str) -> str:
    """Relationships pointing at one node, by id, at most $limit, in a stable order."""
    label = _checked(label)
    return (f"MATCH (m)-[r]->(n:{label} {{id: $id}}) "
            "RETURN type(r) AS type, labels(m)[0] AS startLabel, m.id AS startId, m.name AS startName, "
            "r.source AS source, r.validFrom AS validFrom, r.validTo AS validTo "
            "ORDER BY type, startLabel, startId, source LIMIT $limit")


# -- responsibility ------------------------------------------------------------------------------
# The ministries responsible for a measure, as GraphQL's `responsibility` gives them: the export
# does not restate the rule. It runs the reference query written from the rule's declaration
# (schema/responsibility.py, by graph/responsibility.py; the GraphQL compiler writes its Cypher from
# the same declaration) for a page of measures at once, every node the answer names with its id
# (for its IRI).
@lru_cache
def responsibility_page() -> str:
    """The responsibility of the measures whose ids are ``$ids`` (with ``$at`` and ``$today``)."""
    from graph.responsibility import reference_cypher
    return reference_cypher(ids=True)
