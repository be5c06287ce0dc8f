"""The compiler's output: one Cypher query, its parameters, its root fields and what the notices
need; the rows it returns put back together per root field (:meth:`Compiled.shape`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from api.graphql.plan.base import LIMIT_KEY, Lookup, encode_cursor

@dataclass
class Root:
    key: str
    mode: str  # list | single | connection | value
    search: dict | None = None  # for search roots: text, kinds, window
    page: int | None = None  # a list on the default page: the query asks for one item more (see shape)



@dataclass
class Compiled:
    cypher: str
    params: dict[str, Any]
    roots: list[Root]
    lookups: list[Lookup] = field(default_factory=list)
    nested_pages: bool = False  # some nested list or connection is on the default page (notices look)
    page_keys: frozenset[str] | None = None  # the response keys leading to them (None: look everywhere)
    page_fields: frozenset[str] = frozenset()  # the keys of the nested lists on the default page
    # no subquery (graph.dialect.subquery), EXISTS {} or COUNT {}: the text both stores parse, so
    # FalkorDB's runs of it are recorded for the Neo4j lint gate too (GraphStore.read); else it is
    # the store's own dialect (GraphStore.read_native: FalkorDB's importing-WITH subqueries, which
    # Neo4j deprecates, stay out of the gate; Neo4j records every statement anyway)
    portable: bool = True

    @property
    def searches(self) -> list[tuple[str, Root]]:
        return [(r.search["param"], r) for r in self.roots if r.search]

    def shape(self, rows: list[dict], cut: list[Root] | None = None) -> dict[str, Any]:
        """Rows (k, i, v, t) -> {root response key: value}; a root list on the default page that got
        the one item more it asked for loses it and is appended to `cut`."""
        by_root: dict[int, list[dict]] = {}
        for row in rows:
            by_root.setdefault(row["k"], []).append(row)
        data: dict[str, Any] = {}
        for idx, root in enumerate(self.roots):
            rs = sorted(by_root.get(idx, []), key=lambda r: r["i"] if r["i"] is not None else -1)
            if root.mode == "list":
                data[root.key] = [r["v"] for r in rs if r["v"] is not None]
                if root.page is not None and len(data[root.key]) > root.page:
                    del data[root.key][root.page:]
                    if cut is not None:
                        cut.append(root)
            elif root.mode == "single":
                data[root.key] = rs[0]["v"] if rs else None
            elif root.mode == "value":
                data[root.key] = rs[0]["v"] if rs and rs[0]["v"] is not None else []
            else:  # connection
                meta = rs[0]["t"] if rs else {"total": 0, "offset": 0}
                data[root.key] = {"total": meta["total"], "offset": meta["offset"],
                                  "items": [r["v"] for r in rs if r["v"] is not None]}
                if root.page is not None:
                    data[root.key][LIMIT_KEY] = root.page
        return data


def connection_value(source: dict, key: str) -> list[dict]:
    """The edges of a connection value {total, offset, items}, each with its position (`__at`; its
    cursor is encoded only when asked for, see api.graphql.complete.resolve)."""
    offset = source.get("offset") or 0
    return [dict(item.get(key) or {}, __at=offset + j) for j, item in enumerate(source.get("items") or [])]


def page_info(source: dict) -> dict:
    offset, total, n = source.get("offset") or 0, source.get("total") or 0, len(source.get("items") or [])
    return {"hasNextPage": offset + n < total, "hasPreviousPage": offset > 0,
            "startCursor": encode_cursor(offset) if n else None,
            "endCursor": encode_cursor(offset + n - 1) if n else None}
