"""The embedded backend: FalkorDB over a unix socket (see graph/embedded.py for the server)."""

from __future__ import annotations

import threading
import time
from typing import Any

import redis
from falkordb import FalkorDB

from graph import dialect, falkordb_reply
from graph.cypher import named_query
from graph.embedded import EmbeddedServer
from graph.errors import ReadOnlyViolation, StoreError, StoreTimeout, StoreUnavailable
from graph.settings import Settings
from graph.store import GraphStore, plain
from schema.model import LABELS, REL_TYPE_NAMES, SEARCHABLE_LABELS

# A write of up to this many rows goes to FalkorDB as ONE query, which FalkorDB applies
# atomically (its undo log rolls a failed query back). Larger writes are sent as one
# MULTI/EXEC block of chunk queries: isolated, but only validated up front, not rolled back.
ATOMIC_ROWS = 50_000
# A crashed server is restarted by the next read (what `helsegraf store start` does), at most
# once per this many seconds; a server stopped on purpose (`helsegraf store stop`) is not.
RESTART_BACKOFF = 10.0


class FalkorDBStore(GraphStore):
    backend = "embedded"
    restart_backoff = RESTART_BACKOFF

    def __init__(self, settings: Settings, *, start: bool = True):
        super().__init__(settings)
        self._restart_lock = threading.Lock()
        self._last_restart = float("-inf")
        self._restart_error: str | None = None
        self.server = EmbeddedServer(settings.data_dir)
        if start:
            self.server.start(settings.store_start_timeout, settings.store_plan_cache)
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
    def _read(self, cypher: str, params: dict[str, Any], *, portable: bool = True,
              timeout: float | None = None) -> list[dict[str, Any]]:
        if portable:
            self._log(cypher)
        ms = max(1, int(self._timeout(timeout) * 1000))
        try:
            return self._ro_query(cypher, params, ms)
        except (redis.ConnectionError, OSError) as e:
            if not self._recover(e):
                raise self._unavailable(e) from None
            if not _not_sent(e):  # the server went down holding this query: it may be what killed it
                raise StoreUnavailable(f"the embedded store stopped while running this query (it has been "
                                       f"restarted; log: {self.server.log_file})") from None
        try:  # the server is back (restarted after a crash, or by `helsegraf store start`)
            return self._ro_query(cypher, params, ms)
        except (redis.ConnectionError, OSError) as e:
            raise self._unavailable(e) from None

    def _ro_query(self, cypher: str, params: dict[str, Any], timeout_ms: int) -> list[dict[str, Any]]:
        """A read-only query, stopped by the server after `timeout_ms`; connection errors are left
        to the caller (redis.ConnectionError)."""
        try:
            return falkordb_reply.ro_query(self.graph, cypher, params, timeout_ms)
        except redis.ResponseError as e:
            if "empty key" in str(e):
                return []  # FalkorDB creates a graph on its first write; before that it is empty
            if "timed out" in str(e):
                raise StoreTimeout(f"the query took longer than {timeout_ms} ms; the store stopped it") from None
            if "read-only" in str(e):
                raise ReadOnlyViolation("read() runs read-only queries; this query writes") from None
            raise StoreError(f"query failed: {e}") from None
        except redis.TimeoutError as e:
            raise StoreUnavailable(f"embedded store at {self.server.socket} did not answer in time: {e}") from None

    def _recover(self, error: BaseException) -> bool:
        """True if the server answers again: restarted here because it had crashed (at most once
        per `restart_backoff` seconds), or started meanwhile by someone else. A server that was
        stopped on purpose stays stopped."""
        with self._restart_lock:
            if self.server.running():
                self._restart_error = None
                return True
            if not (self.server.crashed() or self._restart_error):  # a failed restart is still a crash
                return False
            wait = self._last_restart + self.restart_backoff - time.monotonic()
            if wait > 0:
                why = (f"restarting it failed ({self._restart_error})" if self._restart_error
                       else "it crashed again soon after a restart")
                raise StoreUnavailable(f"the embedded store crashed; {why}; next restart attempt in "
                                       f"{wait:.0f}s (log: {self.server.log_file})") from None
            self._last_restart = time.monotonic()
            try:
                self.server.start(self.settings.store_start_timeout, self.settings.store_plan_cache)
            except StoreError as e:
                self._restart_error = str(e)
                raise StoreUnavailable(f"the embedded store crashed and could not be restarted: {e}") from None
            self._restart_error = None
            return True

    def _unavailable(self, error: BaseException) -> StoreUnavailable:
        """Why the store cannot be reached, in words a user can act on."""
        if not self.server.pid_file.exists() and not self.server.socket.exists():
            return StoreUnavailable(f"embedded store unreachable: it is not running (stopped) in "
                                    f"{self.server.home}; start it with `helsegraf store start`")
        if self.server.crashed() or self._restart_error:
            return StoreUnavailable(f"embedded store unreachable: it crashed (log: {self.server.log_file}); "
                                    "start it with `helsegraf store start`")
        return StoreUnavailable(f"embedded store unreachable at {self.server.socket}: {error}")

    def _refused(self, e: redis.ResponseError, what: str) -> StoreError:
        """A write the server refuses: disk full or data dir not writable (MISCONF), out of
        memory (maxmemory) — said in words — or any other error as the server gave it."""
        msg = str(e)
        if msg.startswith("MISCONF"):
            return StoreError(f"the embedded store refuses writes: it cannot save to its data dir "
                              f"{self.server.home} (disk full or not writable?); see {self.server.log_file}")
        if isinstance(e, redis.exceptions.OutOfMemoryError) or "maxmemory" in msg:
            return StoreError("the embedded store refuses writes: it is out of memory (its maxmemory "
                              "limit is reached)")
        return StoreError(f"{what} failed: {msg}")

    def _write_transaction(self, statements: list[tuple[str, dict]]) -> None:
        if not statements:
            return
        if sum(len(p["rows"]) for _, p in statements) <= ATOMIC_ROWS:
            parts, params = [], {}
            for i, (cypher, p) in enumerate(statements):
                self._log(cypher)  # the portable statements; the glue below is FalkorDB's
                parts.append(cypher.replace("$rows", f"$rows_{i}"))
                params[f"rows_{i}"] = p["rows"]
            self._query(" WITH count(*) AS done ".join(parts), params, portable=False)
            return
        pipe = self.db.connection.pipeline(transaction=True)
        for cypher, p in statements:
            self._log(cypher)
            pipe.execute_command("GRAPH.QUERY", self.settings.graph_name,
                                 _inline_params(cypher, p), "--compact")
        try:
            for reply in pipe.execute(raise_on_error=False):
                if isinstance(reply, redis.ResponseError):
                    raise self._refused(reply, "write")
                if isinstance(reply, Exception):
                    raise StoreError(f"write failed: {reply}")
        except redis.ResponseError as e:  # EXECABORT: the block was refused as a whole
            raise self._refused(e, "write") from None
        except (redis.ConnectionError, OSError) as e:
            raise self._unavailable(e) from None

    def _query(self, cypher: str, params: dict[str, Any], *, portable: bool = True) -> list[dict[str, Any]]:
        if portable:
            self._log(cypher)
        try:
            return _records(self.graph.query(cypher, params))
        except redis.ResponseError as e:
            raise self._refused(e, "write") from None
        except redis.TimeoutError as e:
            raise StoreUnavailable(f"embedded store at {self.server.socket} did not answer in time: {e}") from None
        except (redis.ConnectionError, OSError) as e:
            raise self._unavailable(e) from None

    def _command(self, *args: Any) -> Any:
        try:
            return self.db.connection.execute_command(*args)
        except redis.ResponseError as e:
            raise self._refused(e, str(args[0])) from None
        except redis.TimeoutError as e:
            raise StoreUnavailable(f"embedded store at {self.server.socket} did not answer in time: {e}") from None
        except (redis.ConnectionError, OSError) as e:
            raise self._unavailable(e) from None


def _not_sent(error: BaseException) -> bool:
    """Whether a connection error came before the server had the query: connecting or writing
    failed (a server that was already gone), as opposed to the server going away while it ran the
    query — which may be the query's doing, so it is not run again."""
    text = str(error)
    return "connecting to" in text or "while writing to socket" in text


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
