"""JSON-LD, written block by block (like N-Quads) instead of through rdflib, whose serializer puts
the default graph into a blank-node graph. Named graphs are ``{"@id": g, "@graph": [...]}``
objects; one graph may appear in several such objects (JSON-LD merges them), so nothing has
to be grouped across the whole export."""

from __future__ import annotations

import json
import re
from typing import Iterable, Iterator

from api.rdf.terms import Quad
from schema.rdf_mapping import PREFIXES, RDF_TYPE

CONTEXT = {p: ns for p, ns in PREFIXES.items() if p != "sh"}
_LOCAL = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_COMPACT_CACHE: dict[str, str] = {}


def compact(iri: str) -> str:
    c = _COMPACT_CACHE.get(iri)
    if c is None:
        c = iri
        for p, ns in CONTEXT.items():
            if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
                c = f"{p}:{iri[len(ns):]}"
                break
        if len(_COMPACT_CACHE) < 10_000:
            _COMPACT_CACHE[iri] = c
    return c


def _value(o) -> dict:
    if type(o) is str:
        return {"@id": o}
    if o.lang:
        return {"@value": o.lex, "@language": o.lang}
    if o.datatype:
        return {"@value": o.lex, "@type": compact(o.datatype)}
    return {"@value": o.lex}


def _node_objects(quads: Iterable[Quad]) -> list[dict]:
    by_subject: dict[str, dict[str, list]] = {}
    for s, p, o, _ in quads:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    nodes = []
    for s in sorted(by_subject):
        preds = by_subject[s]
        node: dict = {"@id": s}
        types = preds.pop(RDF_TYPE, None)
        if types:
            node["@type"] = sorted(compact(t) for t in types)
        for p in sorted(preds):
            node[compact(p)] = [_value(o) for o in sorted(preds[p], key=_sort_key)]
        nodes.append(node)
    return nodes


def _sort_key(o) -> tuple:
    return (0, o, "", "") if type(o) is str else (1, o.lex, o.lang or "", o.datatype or "")


def block_items(quads: Iterable[Quad]) -> list[dict]:
    """Top-level ``@graph`` entries for one block of quads (de-duplicated, deterministic order)."""
    by_graph: dict = {}
    for q in set(quads):
        by_graph.setdefault(q[3], []).append(q)
    items: list[dict] = []
    for g in sorted(by_graph, key=lambda g: (g is not None, g or "")):
        nodes = _node_objects(by_graph[g])
        if g is None:
            items += nodes
        else:
            items.append({"@id": g, "@graph": nodes})
    return items


def document_chunks(blocks: Iterator[list[Quad]]) -> Iterator[str]:
    yield '{"@context": ' + json.dumps(CONTEXT, sort_keys=True) + ',\n"@graph": ['
    sep = "\n"
    for block in blocks:
        for item in block_items(block):
            yield sep + json.dumps(item, ensure_ascii=False)
            sep = ",\n"
    yield "\n]}\n"
