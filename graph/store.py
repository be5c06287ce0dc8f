"""The GraphStore port: the one small interface the loaders' output and the API go through.

Backends: `graph.falkordb_store.FalkorDBStore` (embedded, default) and
`graph.neo4j_store.Neo4jStore`; `graph.backends.open_store()` picks one from the settings.
"""

from __future__ import annotations

import json
import os
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from graph.cypher import (document_nodes, is_query_name, missing_ids, named_query, orphan_statements,
                          retract_statements, write_statements)
from graph.settings import Settings
from schema.batch import BatchError, GraphBatch


class GraphStore(ABC):
    """Setup, batched idempotent writes, read-only reads, counts, health, wipe, close."""

    backend: str

    def __init__(self, settings: Settings):
        self.settings = settings

    # -- the port -----------------------------------------------------------------------
    @abstractmethod
    def setup(self) -> None:
        """Create constraints and indexes; safe to run any number of times."""

    def write(self, batch: GraphBatch, *, replace: bool = False) -> dict[str, int]:
        """Write a batch (normally one document) in one transaction, idempotently.

        The batch is validated against the model and its relationship endpoints are checked
        first, so a bad batch raises BatchError before anything is written. With
        `replace=True` the facts an earlier version of `batch.document` left are removed in
        the same transaction (a changed file replaces its own facts).
        """
        batch.validate()
        if replace and not batch.document:
            raise BatchError("replace=True needs batch.document")
        self._check_endpoints(batch)
        chunk = self.settings.write_batch_size
        statements = write_statements(batch, chunk, self.backend)
        if replace:
            touched = self._document_nodes(batch.document) | {(n.label, n.id) for n in batch.nodes}
            statements = (retract_statements(batch.document, keep_document=True) + statements
                          + orphan_statements(touched, chunk))
        self._write_transaction(statements)
        return {"nodes": len({(n.label, n.id) for n in batch.nodes}), "relationships": len(batch.rels)}

    def retract(self, doc_id: str) -> None:
        """Remove one document's facts, keeping what other documents or the registry support."""
        touched = self._document_nodes(doc_id)
        self._write_transaction(retract_statements(doc_id)
                                + orphan_statements(touched, self.settings.write_batch_size))

    def read(self, query: str, params: dict[str, Any] | None = None, *, timeout: float | None = None
             ) -> list[dict[str, Any]]:
        """Run a read-only query — a name from queries/ or Cypher text — returning plain values.
        `timeout` (seconds, at most the store's own query timeout) is enforced by the store, which
        stops the query; it then raises StoreTimeout."""
        cypher = named_query(query) if is_query_name(query) else query
        return self._read(cypher, params or {}, timeout=timeout)

    def read_native(self, cypher: str, params: dict[str, Any] | None = None, *, timeout: float | None = None
                    ) -> list[dict[str, Any]]:
        """Run a read-only query in the backend's own dialect (graph/dialect.py builds these);
        unlike read(), FalkorDB does not record it for the Neo4j lint gate (the Neo4j store records
        every statement: its dialect is what the linter checks)."""
        return self._read(cypher, params or {}, portable=False, timeout=timeout)

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "nodes": {r["label"]: r["count"] for r in self.read("node_counts")},
            "relationships": {r["type"]: r["count"] for r in self.read("relationship_counts")},
        }

    @abstractmethod
    def health(self) -> dict[str, Any]:
        """{'ok', 'backend', 'version', 'location', 'nodes', 'relationships'}; raises if unreachable."""

    @abstractmethod
    def wipe(self) -> None:
        """Delete every node and relationship (the schema stays)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- backend hooks ------------------------------------------------------------------
    @abstractmethod
    def _read(self, cypher: str, params: dict[str, Any], *, portable: bool = True,
              timeout: float | None = None) -> list[dict[str, Any]]: ...

    def _timeout(self, timeout: float | None) -> float:
        """A read's time limit: the caller's, never more than the store's own."""
        limit = self.settings.query_timeout
        return limit if timeout is None else max(0.001, min(timeout, limit))

    @abstractmethod
    def _write_transaction(self, statements: list[tuple[str, dict]]) -> None: ...

    # -- shared helpers -----------------------------------------------------------------
    def _check_endpoints(self, batch: GraphBatch) -> None:
        in_batch = {(n.label, n.id) for n in batch.nodes}
        wanted: dict[str, set[str]] = {}
        for r in batch.rels:
            for key in ((r.start_label, r.start_id), (r.end_label, r.end_id)):
                if key not in in_batch:
                    wanted.setdefault(key[0], set()).add(key[1])
        for label, ids in wanted.items():
            missing = self._read(missing_ids(label), {"ids": sorted(ids)})
            if missing:
                raise BatchError(f"relationship to a {label} that is neither in the batch nor in the "
                                 f"store: {missing[0]['id']!r}")

    def _document_nodes(self, doc_id: str) -> set[tuple[str, str]]:
        """Nodes at either end of the document's relationships: the orphan candidates when it is
        retracted or replaced. Read before the write transaction; loads are serialised by the
        load lock, and a node a concurrent writer links meanwhile is kept (the orphan check
        itself runs inside the transaction), so the worst a race can do is leave an orphan."""
        out: set[tuple[str, str]] = set()
        for r in self._read(document_nodes(), {"doc": doc_id}):
            out.add((r["startLabel"], r["startId"]))
            out.add((r["endLabel"], r["endId"]))
        return out

    def _log(self, cypher: str) -> None:
        """Record emitted Cypher for the Neo4j lint gate (HELSEGRAF_CYPHER_LOG): one line, appended
        in one write, so that processes sharing the log (the test suite's workers) never interleave."""
        path = self.settings.cypher_log
        if path is not None:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, (json.dumps(cypher, ensure_ascii=False) + "\n").encode("utf-8"))
            finally:
                os.close(fd)


def plain(value: Any) -> Any:
    """Driver values -> dict/list/str/int/float/bool/None."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    props = getattr(value, "properties", None)  # FalkorDB Node/Edge
    if isinstance(props, dict):
        return {k: plain(v) for k, v in props.items()}
    if hasattr(value, "items") and hasattr(value, "keys"):  # neo4j Node/Relationship
        return {k: plain(v) for k, v in value.items()}
    nodes = getattr(value, "nodes", None)  # paths
    if nodes is not None:
        nodes = nodes() if callable(nodes) else nodes
        return [plain(n) for n in nodes]
    if hasattr(value, "iso_format"):  # neo4j temporal
        return value.iso_format()
    return str(value)
