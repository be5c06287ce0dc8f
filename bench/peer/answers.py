"""The same question answered by helsegraf and by the peer, in one comparable form.

The two APIs name a few things differently (the peer's `__typename` and edge `properties` are
helsegraf's `kind` and `evidence`; grouped counts are per-kind root fields there); `shape`
turns the peer's answer into helsegraf's shape, `differences` compares the two: the same nodes,
in the same order where the question orders them (ORDERED: the list and the key it is sorted
by; ties may come in either order), as sets everywhere else.

A few fields the peer cannot give are left out of helsegraf's answer before comparing (DROPPED),
and the peer's extra fields out of its own (EXTRA); both are rows of FEATURES.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

PEER_QUERIES = Path(__file__).resolve().parent / "queries"

# Cookbook questions the peer cannot ask (FEATURES.md says why): compared by nobody.
NOT_EXPRESSIBLE = {
    "connection": "shortest paths with evidence: no path type; only a @cypher field holding the whole Cypher",
    "measures_by_basis": "counts of a ministry's measures per responsibility basis (tracing with dates and via): "
                         "only a @cypher field holding the whole Cypher",
    "connection_avoiding": "shortest paths avoiding types and kinds: no path type; only a @cypher field holding the "
                           "whole Cypher",
    "connection_meaningful": "shortest paths merged and ranked by what their links rest on: no path type; only a "
                             "@cypher field holding the whole Cypher",
    "measures_of_ministry": "responsibility tracing (dates, bases, via): only a @cypher field holding the whole Cypher",
    "owners_of_author_measures": "responsibility tracing per proposal: only a @cypher field holding the whole Cypher",
    "proposals_of_ministry": "a filter by responsibility tracing (dates, bases, via): filters are on properties and "
                             "relationships only; only a @cypher field holding the whole Cypher",
    "responsibility": "responsibility tracing with evidence: only a @cypher field holding the whole Cypher",
    "search": "one ranked full-text search over every kind with snippets: @fulltext is per type, no highlights",
    "search_compounds": "Norwegian compounds split at query time: @fulltext passes the text to Lucene as is",
    "search_documents": "a document's text with the match's snippet and offsets: @fulltext gives a score, no "
                        "snippet or position",
    "search_filtered": "search filtered by author, document or ministry over every kind: @fulltext is per type, "
                       "with the type's own where",
    "search_syntax": "one syntax over both stores (AND by default, OR, phrases, prefixes) checked the same way: "
                     "@fulltext passes Lucene's own syntax, per type",
}

# name -> (dotted path of the ordered list, the key its items are sorted by)
ORDERED: dict[str, tuple[str, Callable[[dict], object]]] = {
    "addressed_to_ministry": ("documents", lambda d: d.get("date")),
    "instrument_owners": ("instruments", lambda d: d.get("name")),
    "named_together": ("inTheSameDocument", lambda d: d.get("name")),
    "international_examples": ("internationalExamples", lambda d: d.get("name")),
    "proposals_page": ("proposalsConnection.edges", lambda e: e["node"].get("text")),
    "proposals_per_author": ("proposalsGroupedBy", lambda g: g["count"]),
    "proposals_per_instrument": ("proposalsGroupedBy", lambda g: g["count"]),
    "proposals_per_ministry": ("proposalsGroupedBy", lambda g: g["count"]),
    "themes": ("proposalsGroupedBy", lambda g: g["count"]),
    "who_cites_whom": ("policyDocuments", lambda d: d.get("name")),
}

# helsegraf fields the peer cannot give, by query: the evidence's source document (a relationship
# property cannot point at a node); the peer gives the source's id instead (EXTRA).
DROPPED = {"proposals_mentioning": ("document",)}
EXTRA = {"proposals_mentioning": ("source",)}


def _rename(value):
    """The peer's names as helsegraf's: `__typename` -> `kind`, edge `properties` -> `evidence`;
    cursors are opaque and differ by design, so they are left out on both sides."""
    if isinstance(value, list):
        return [_rename(v) for v in value]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in ("cursor", "endCursor"):
                continue
            out[{"__typename": "kind", "properties": "evidence"}.get(k, k)] = _rename(v)
        return out
    return value


def _grouped(data: dict) -> dict:
    """Per-kind root lists of {kind?, name, count, ...} as helsegraf's `proposalsGroupedBy`."""
    rows = []
    for items in data.values():
        for item in items:
            node = {k: v for k, v in item.items() if k != "count"}
            rows.append({"node": node, "count": item["count"]})
    rows.sort(key=lambda g: (-g["count"], g["node"].get("name") or ""))
    return {"proposalsGroupedBy": rows}


def shape(name: str, peer_data: dict) -> dict:
    """The peer's answer to the cookbook question `name`, in helsegraf's shape."""
    data = _rename(peer_data)
    if name.startswith("proposals_per_") or name == "themes":
        return _grouped(data)
    if name == "proposals_mentioning":
        found = data["instruments"]
        return {"instrument": found[0] if found else None}
    return data


def _without(value, keys: tuple[str, ...]):
    if isinstance(value, list):
        return [_without(v, keys) for v in value]
    if isinstance(value, dict):
        return {k: _without(v, keys) for k, v in value.items() if k not in keys}
    return value


def canonical(value):
    """Lists as sorted multisets, recursively: for comparing answers whose order is not asked for."""
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    return value


def distinct(value):
    """Lists without repeated items, on both sides: the peer lists a node once per relationship to
    it (a fact found in two documents is two relationships), helsegraf each node once, and two
    nodes may look alike in the fields asked for (two documents with one title)."""
    if isinstance(value, list):
        out, seen = [], set()
        for v in (distinct(v) for v in value):
            key = json.dumps(v, sort_keys=True)
            if key not in seen:
                seen.add(key)
                out.append(v)
        return out
    if isinstance(value, dict):
        return {k: distinct(v) for k, v in value.items()}
    return value


def _at(value, dotted: str):
    for part in dotted.split("."):
        value = value[part]
    return value


def differences(name: str, helsegraf_data: dict, peer_data: dict) -> list[str]:
    """What differs between the two answers to question `name` (empty: the same answer)."""
    ours = _rename(_without(helsegraf_data, DROPPED.get(name, ())))
    theirs = distinct(_without(shape(name, peer_data), EXTRA.get(name, ())))
    ours = distinct(ours)
    out = []
    if name in ORDERED:
        path, key = ORDERED[name]
        a, b = [key(x) for x in _at(ours, path)], [key(x) for x in _at(theirs, path)]
        if a != b:
            out.append(f"{name}: {path} in another order: {a[:8]} vs {b[:8]}")
    a, b = canonical(ours), canonical(theirs)
    if a != b:
        out.append(f"{name}: answers differ:\n  helsegraf {json.dumps(a, ensure_ascii=False)[:600]}\n"
                   f"  peer      {json.dumps(b, ensure_ascii=False)[:600]}")
    return out
