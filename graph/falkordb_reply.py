"""Read queries against FalkorDB, their `--compact` reply decoded in one pass into plain values.

Why this exists: falkordb-py's `Graph.ro_query` turns the reply into a `QueryResult` (one
`parse_scalar` call plus a type-function call per value, an OrderedDict per map), which
`graph.store.plain()` then walks a second time. For a GraphQL result of nested maps (32 KB of
JSON, queries/addressed_to_ministry.graphql on the corpus) that was ~1.2 ms of client decoding
(about half each) of a ~6 ms read. Here strings, numbers, booleans, nulls, arrays and maps go
straight to dict/list/str/int/float/bool/None in one recursive pass: 0.3 ms for that result (4x
less, measured medians). Everything else (nodes, edges and paths, whose labels and property names
come from falkordb-py's schema cache, refreshed on demand; points, vectors, temporal values,
unknown type codes) is handed to falkordb-py's own `parse_scalar` and then `plain()`, exactly as
before. The output is the same as `_records(graph.ro_query(...))`; tests/test_falkordb_decode.py
checks that. The query text (parameters header) is still built by falkordb-py.

The values arrive already decoded: FalkorDB's client always sets `decode_responses=True`, so
strings (and map keys) are `str` and integers are `int`.
"""

from __future__ import annotations

from typing import Any

from falkordb.exceptions import SchemaVersionMismatchException
from falkordb.graph import Graph
from falkordb.query_result import parse_scalar
from redis import ResponseError

from graph.store import plain

# Type codes of the compact result-set format (falkordb.query_result.ResultSetScalarTypes).
NULL, STRING, INTEGER, BOOLEAN, DOUBLE, ARRAY, MAP = 1, 2, 3, 4, 5, 6, 10


def ro_query(graph: Graph, cypher: str, params: dict[str, Any] | None, timeout_ms: int
             ) -> list[dict[str, Any]]:
    """GRAPH.RO_QUERY as `graph.ro_query(cypher, params, timeout=timeout_ms)` sends it, its rows
    as dicts of plain values. Raises what falkordb-py raises (redis.ResponseError,
    SchemaVersionMismatchException, connection errors)."""
    return records(graph, raw_reply(graph, cypher, params, timeout_ms))


def raw_reply(graph: Graph, cypher: str, params: dict[str, Any] | None, timeout_ms: int) -> list:
    """The `--compact` reply to GRAPH.RO_QUERY, undecoded: rows, then the statistics (which say
    "Cached execution: 1" when the plan came from the store's plan cache)."""
    query = graph._build_params_header(params) + cypher  # falkordb-py's `CYPHER k=v ...` prefix
    return graph.execute_command("GRAPH.RO_QUERY", graph.name, query, "--compact", "timeout", timeout_ms)


def records(graph: Graph, reply: list) -> list[dict[str, Any]]:
    """A `--compact` query reply -> one dict per row; errors handled as falkordb-py's QueryResult
    handles them."""
    if isinstance(reply[0], ResponseError):
        if str(reply[0]) == "version mismatch":  # the client's schema cache is stale
            graph.schema.refresh(reply[1])
            raise SchemaVersionMismatchException(reply[1])
        raise reply[0]
    if isinstance(reply[-1], ResponseError):  # a run-time error
        raise reply[-1]
    if len(reply) == 1 or not reply[0]:  # statistics only, or no columns
        return []
    header = [column[1] for column in reply[0]]
    return [dict(zip(header, [value(cell, graph) for cell in row])) for row in reply[1]]


def value(cell: list, graph: Graph) -> Any:
    """One `[type, value]` cell -> a plain value, as `plain(parse_scalar(cell, graph))` gives it."""
    kind, v = cell
    if kind == STRING or kind == INTEGER:
        return v
    if kind == MAP:  # [key, cell, key, cell, ...]; this loop beat a zip/comprehension ~2x
        d = {}
        for i in range(0, len(v), 2):
            d[v[i]] = value(v[i + 1], graph)
        return d
    if kind == ARRAY:
        return [value(item, graph) for item in v]
    if kind == NULL:
        return None
    if kind == DOUBLE:
        return float(v)
    if kind == BOOLEAN:
        return v == "true"
    return plain(parse_scalar(cell, graph))  # node, edge, path, point, vector, temporal, unknown
