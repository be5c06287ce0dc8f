"""Portable Cypher built from the model (labels and types cannot be query parameters), and the
named queries kept in `queries/*.cypher`.

Nothing here takes user input into the query text: labels and types come from
`schema.model` and are checked against it; every value is a parameter.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable
from importlib import resources

from graph import dialect
from schema.batch import GraphBatch
from schema.model import LABELS, REL_TYPE_NAMES, SEARCH_SEPARATOR

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _checked(name: str, allowed: tuple[str, ...]) -> str:
    if name not in allowed:
        raise ValueError(f"{name!r} is not in the model")
    return name


def merge_nodes(label: str) -> str:
    """Properties are set; `aliases` and the parts of `searchText` accumulate (a later document
    adds the names it saw and loses none the registry or another document gave)."""
    label = _checked(label, LABELS)
    sep = SEARCH_SEPARATOR
    return (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props "
            "SET n.aliases = coalesce(n.aliases, []) + "
            "[a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])] "
            "SET n.searchText = CASE WHEN size(row.search) = 0 THEN n.searchText ELSE "
            f"reduce(s = coalesce(n.searchText, ''), t IN row.search | CASE WHEN t IN split(s, '{sep}') THEN s "
            f"WHEN s = '' THEN t ELSE s + '{sep}' + t END) END")


def merge_rels(rel_type: str, start: str, end: str, backend: str = "embedded") -> str:
    rel_type, start, end = _checked(rel_type, REL_TYPE_NAMES), _checked(start, LABELS), _checked(end, LABELS)
    if backend == "neo4j":
        return dialect.neo4j_merge_rels(rel_type, start, end)
    return (f"UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
            f"MERGE (a)-[r:{rel_type} {{source: row.source}}]->(b) SET r += row.props")


def missing_ids(label: str) -> str:
    label = _checked(label, LABELS)
    return f"UNWIND $ids AS id OPTIONAL MATCH (n:{label} {{id: id}}) WITH id, n WHERE n IS NULL RETURN id"


def delete_document_rels(rel_type: str) -> str:
    rel_type = _checked(rel_type, REL_TYPE_NAMES)
    return f"UNWIND $rows AS row MATCH ()-[r:{rel_type} {{source: row.doc}}]->() DELETE r"


DELETE_DOCUMENT = "UNWIND $rows AS row MATCH (d:Document {id: row.doc}) DETACH DELETE d"


def delete_orphans(label: str) -> str:
    """Those of the given nodes that are unverified and that no fact supports any more."""
    label = _checked(label, LABELS)
    return (f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) WHERE coalesce(n.verified, false) = false "
            "AND NOT (n)--() DELETE n")


# Relationships between proposals that hold only while both proposals are stated by some document
# (a similarity is held by the later document; the earlier one's retraction must end it too).
DELETE_UNSTATED_SIMILAR = ("UNWIND $rows AS row MATCH (p:Proposal {id: row.id})-[r:SIMILAR_TO]-() "
                           "WHERE NOT (p)-[:EXTRACTED_FROM]->() DELETE r")


def document_nodes() -> str:
    """(label, id) of both ends of every relationship a document supports: the only nodes that
    retracting or replacing the document can leave without support (found through the
    relationship-source indexes, so the cost does not grow with the graph)."""
    return " UNION ALL ".join(
        f"MATCH (a)-[r:{t} {{source: $doc}}]->(b) "
        "RETURN labels(a)[0] AS startLabel, a.id AS startId, labels(b)[0] AS endLabel, b.id AS endId"
        for t in REL_TYPE_NAMES)


def retract_statements(doc_id: str, *, keep_document: bool = False) -> list[tuple[str, dict]]:
    """Remove one document's facts; facts other documents or the registry support stay."""
    rows = {"rows": [{"doc": doc_id}]}
    out = [(delete_document_rels(t), rows) for t in REL_TYPE_NAMES]
    if not keep_document:
        out.append((DELETE_DOCUMENT, rows))
    return out


def orphan_statements(nodes: Iterable[tuple[str, str]] | None = None,
                      chunk: int = 1000) -> list[tuple[str, dict]]:
    """Delete those of `nodes` ((label, id) pairs: what a retracted or replaced document touched)
    that are unverified and no longer supported by any fact. Without `nodes`: the statement for
    every label, with no rows (what the linter checks)."""
    if nodes is None:
        return [(DELETE_UNSTATED_SIMILAR, {"rows": []})] + [
            (delete_orphans(label), {"rows": []}) for label in LABELS if label != "Document"]
    by_label: dict[str, set[str]] = {}
    for label, id_ in nodes:
        if label in LABELS and label != "Document" and id_ is not None:
            by_label.setdefault(label, set()).add(id_)
    out: list[tuple[str, dict]] = []
    if "Proposal" in by_label:  # before the orphans: those links would keep an unstated proposal
        out += _chunks(DELETE_UNSTATED_SIMILAR, [{"id": i} for i in sorted(by_label["Proposal"])], chunk)
    for label, ids in sorted(by_label.items()):
        out += _chunks(delete_orphans(label), [{"id": i} for i in sorted(ids)], chunk)
    return out


def write_statements(batch: GraphBatch, chunk: int, backend: str = "embedded") -> list[tuple[str, dict]]:
    """The batch as `UNWIND $rows ... MERGE` statements of at most `chunk` rows each:
    all nodes first (grouped by label), then relationships (grouped by type and end labels)."""
    statements: list[tuple[str, dict]] = []
    by_label: dict[str, dict[str, dict]] = {}
    for n in batch.nodes:  # a node listed twice in one batch is merged into one row
        row = by_label.setdefault(n.label, {}).setdefault(n.id, {"id": n.id, "props": {}, "aliases": [],
                                                                  "search": []})
        props = dict(n.props)
        for a in props.pop("aliases", []) or []:
            if a not in row["aliases"]:
                row["aliases"].append(a)
        for t in (props.pop("searchText", None) or "").split(SEARCH_SEPARATOR):
            if t and t not in row["search"]:
                row["search"].append(t)
        row["props"].update(props)
    for label, rows in by_label.items():
        statements += _chunks(merge_nodes(label), list(rows.values()), chunk)
    by_type: dict[tuple[str, str, str], dict[tuple, dict]] = {}
    for r in batch.rels:
        key = (r.start_id, r.end_id, r.source)
        group = by_type.setdefault((r.type, r.start_label, r.end_label), {})
        row = group.setdefault(key, {"start": r.start_id, "end": r.end_id, "source": r.source, "props": {}})
        row["props"].update(r.props)
    for (t, s, e), rows in by_type.items():
        statements += _chunks(merge_rels(t, s, e, backend), list(rows.values()), chunk)
    return statements


def _chunks(cypher: str, rows: list[dict], size: int) -> list[tuple[str, dict]]:
    return [(cypher, {"rows": rows[i:i + size]}) for i in range(0, len(rows), size)]


@lru_cache
def named_query(name: str) -> str:
    """The text of `queries/<name>.cypher`."""
    if not _NAME.match(name):
        raise KeyError(name)
    try:
        return resources.files("queries").joinpath(f"{name}.cypher").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise KeyError(name) from None


def is_query_name(text: str) -> bool:
    return bool(_NAME.match(text))
