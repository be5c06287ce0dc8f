"""The embedded backend: FalkorDB over a unix socket (see graph/embedded.py for the server)."""

from __future__ import annotations

from typing import Any

import redis
from falkordb import FalkorDB

from graph import dialect
from graph.cypher import named_query
from graph.embedded import EmbeddedServer
from graph.errors import ReadOnlyViolation, StoreError, StoreUnavailable
from graph.settings import Settings
from graph.store import GraphStore, plain
from schema.model import LABELS, REL_TYPE_NAMES, SEARCHABLE_LABELS

# A write of up to this many rows goes to FalkorDB as ONE query, which FalkorDB applies
# atomically (its undo log rolls a failed query back). Larger writes are sent as one
# MULTI/EXEC block of chunk queries: isolated, but only validated up front, not rolled back.
ATOMIC_ROWS = 50_000


class FalkorDBStore(GraphStore):
    backend = "embedded"

    def __init__(self, settings: Settings, *, start: bool = True):
        super().__init__(settings)
        self.server = EmbeddedServer(settings.data_dir)
        if start:
            self.server.start(settings.store_start_timeout)
        elif not self.server.running():
            raise StoreUnavailable(f"the embedded store is not running in {self.server.home}; "
                                   "run `helsegraf store start`")
        self.db = FalkorDB(unix_socket_path=str(self.server.socket), socket_timeout=settings.query_timeout + 5)
        self.graph = self.db.select_graph(settings.graph_name)

    # -- port ---------------------------------------------------------------------------
    def setup(self) -> None:
        # FalkorDB DDL: dialect-specific, so not logged for the Neo4j lint gate.
        indexes = {(r["label"], p, t) for r in self._read(dialect.FALKORDB_INDEXES, {}, portable=False)
                   for p in r["properties"] for t in _types(r["types"], p)}
        constraints = {r["label"] for r in self._read(dialect.FALKORDB_CONSTRAINTS, {}, portable=False)
                       if r["type"] == "UNIQUE" and r["properties"] == ["id"]}
        for label in LABELS:
            if (label, "id", "RANGE") not in indexes:
                self._query(dialect.falkordb_index(label), {}, portable=False)
            if label not in constraints:
                self._command(*dialect.falkordb_constraint(self.settings.graph_name, label))
        for rel_type in REL_TYPE_NAMES:
            if (rel_type, "source", "RANGE") not in indexes:
                self._query(dialect.falkordb_rel_index(rel_type), {}, portable=False)
        for label in SEARCHABLE_LABELS:
            if (label, "name", "FULLTEXT") not in indexes:
                self._query(dialect.falkordb_fulltext(label), {}, portable=False)

    def health(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "ok": True,
            "backend": self.backend,
            "version": f"FalkorDB {self.version()}",
            "location": str(self.server.socket),
            "nodes": sum(counts["nodes"].values()),
            "relationships": sum(counts["relationships"].values()),
        }

    def version(self) -> str:
        for module in self._command("MODULE", "LIST"):
            info = dict(zip(module[::2], module[1::2]))
            if _s(info.get(b"name", info.get("name"))) == "graph":
                v = int(info.get(b"ver", info.get("ver")))
                return f"{v // 10000}.{v // 100 % 100}.{v % 100}"
        return "unknown"

    def wipe(self) -> None:
        while self.graph_exists():
            deleted = self._query(named_query("delete_some"), {"limit": 10_000})
            if not deleted or deleted[0]["deleted"] == 0:
                break

    def graph_exists(self) -> bool:
        return self.settings.graph_name in [_s(g) for g in self._command("GRAPH.LIST")]

    def close(self) -> None:
        try:
            self.db.connection.close()
        except Exception:  # closing a dead connection is not an error
            pass

    # -- hooks --------------------------------------------------------------------------
    def _read(self, cypher: str, params: dict[str, Any], *, portable: bool = True) -> list[dict[str, Any]]:
        if portable:
            self._log(cypher)
        try:
            result = self.graph.ro_query(cypher, params, timeout=int(self.settings.query_timeout * 1000))
        except redis.ResponseError as e:
            if "empty key" in str(e):
                return []  # FalkorDB creates a graph on its first write; before that it is empty
            if "read-only" in str(e):
                raise ReadOnlyViolation("read() runs read-only queries; this query writes") from None
            raise StoreError(f"query failed: {e}") from None
        except (redis.ConnectionError, redis.TimeoutError, OSError) as e:
            raise StoreUnavailable(f"embedded store unreachable at {self.server.socket}: {e}") from None
        return _records(result)

    def _write_transaction(self, statements: list[tuple[str, dict]]) -> None:
        if not statements:
            return
        if sum(len(p["rows"]) for _, p in statements) <= ATOMIC_ROWS:
            parts, params = [], {}
            for i, (cypher, p) in enumerate(statements):
                parts.append(cypher.replace("$rows", f"$rows_{i}"))
                params[f"rows_{i}"] = p["rows"]
            self._query(" WITH count(*) AS done ".join(parts), params)
            return
        pipe = self.db.connection.pipeline(transaction=True)
        for cypher, p in statements:
            self._log(cypher)
            pipe.execute_command("GRAPH.QUERY", self.settings.graph_name,
                                 _inline_params(cypher, p), "--compact")
        try:
            for reply in pipe.execute(raise_on_error=False):
                if isinstance(reply, Exception):
                    raise StoreError(f"write failed: {reply}")
        except (redis.ConnectionError, OSError) as e:
            raise StoreUnavailable(f"embedded store unreachable at {self.server.socket}: {e}") from None

    def _query(self, cypher: str, params: dict[str, Any], *, portable: bool = True) -> list[dict[str, Any]]:
        if portable:
            self._log(cypher)
        try:
            return _records(self.graph.query(cypher, params))
        except redis.ResponseError as e:
            raise StoreError(f"write failed: {e}") from None
        except (redis.ConnectionError, redis.TimeoutError, OSError) as e:
            raise StoreUnavailable(f"embedded store unreachable at {self.server.socket}: {e}") from None

    def _command(self, *args: Any) -> Any:
        try:
            return self.db.connection.execute_command(*args)
        except redis.ResponseError as e:
            raise StoreError(f"{args[0]} failed: {e}") from None
        except (redis.ConnectionError, redis.TimeoutError, OSError) as e:
            raise StoreUnavailable(f"embedded store unreachable at {self.server.socket}: {e}") from None


def _records(result: Any) -> list[dict[str, Any]]:
    header = [_s(h[1] if isinstance(h, (list, tuple)) else h) for h in (result.header or [])]
    return [dict(zip(header, (plain(v) for v in row))) for row in result.result_set]


def _inline_params(cypher: str, params: dict[str, Any]) -> str:
    from falkordb.helpers import stringify_param_value
    return "CYPHER " + " ".join(f"{k}={stringify_param_value(v)}" for k, v in params.items()) + " " + cypher


def _types(types: Any, prop: str) -> list[str]:
    if isinstance(types, dict):
        return list(types.get(prop, []))
    return list(types or [])


def _s(v: Any) -> str:
    return v.decode() if isinstance(v, bytes) else str(v)
