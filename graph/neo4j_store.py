"""The Neo4j backend: the official driver, managed transactions with the driver's retries,
reads routed to readers (bolt://, neo4j://, neo4j+s:// — a single server, a cluster or Aura)."""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (AuthError, ClientError, ConfigurationError, Neo4jError,
                              ServiceUnavailable, SessionExpired)

from graph import dialect
from graph.cypher import named_query
from graph.errors import ReadOnlyViolation, StoreError, StoreTimeout, StoreUnavailable
from graph.settings import Settings
from graph.store import GraphStore, plain


SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jStore(GraphStore):
    backend = "neo4j"

    def __init__(self, settings: Settings):
        super().__init__(settings)
        uri = settings.neo4j_uri
        if uri.split("://", 1)[0] not in SCHEMES:
            raise StoreError(f"bad HELSEGRAF_NEO4J_URI {uri!r}: use one of "
                             + ", ".join(f"{s}://" for s in SCHEMES))
        try:
            # No notifications from the server: every statement passes Neo4j's own linter in the
            # tests, and the driver otherwise logs each warning (deprecations, property keys no
            # node has yet) at length on every request (seen on ~60% of the peer benchmark's).
            self.driver = GraphDatabase.driver(
                uri, auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
                notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF)
        except (ValueError, ConfigurationError) as e:
            raise StoreError(f"bad HELSEGRAF_NEO4J_URI {uri!r}: {e}; use bolt://, neo4j:// or neo4j+s://") from None
        try:
            self.driver.verify_connectivity()
        except AuthError:
            self.driver.close()
            raise StoreError(f"Neo4j at {uri} refused user {settings.neo4j_user!r}: wrong "
                             "HELSEGRAF_NEO4J_USER / HELSEGRAF_NEO4J_PASSWORD") from None
        except (ServiceUnavailable, SessionExpired, OSError):
            self.driver.close()
            raise StoreUnavailable(f"Neo4j unreachable at {uri}: is it running? "
                                   "(`make neo4j`, or `docker compose up neo4j`)") from None

    def _session(self, mode: str):
        return self.driver.session(database=self.settings.neo4j_database, default_access_mode=mode)

    # -- port ---------------------------------------------------------------------------
    def setup(self) -> None:
        for stmt in dialect.neo4j_setup():
            self._log(stmt)
            with self._session(neo4j.WRITE_ACCESS) as s:
                self._run(lambda: s.run(stmt).consume())
        with self._session(neo4j.WRITE_ACCESS) as s:
            self._run(lambda: s.run("CALL db.awaitIndexes(300)").consume())

    def health(self) -> dict[str, Any]:
        comp = self._read(dialect.NEO4J_VERSION, {})
        counts = self.counts()
        return {
            "ok": True,
            "backend": self.backend,
            "version": " ".join(f"{c['name']} {c['version']} {c['edition']}" for c in comp),
            "location": f"{self.settings.neo4j_uri} (database {self.settings.neo4j_database})",
            "nodes": sum(counts["nodes"].values()),
            "relationships": sum(counts["relationships"].values()),
        }

    def wipe(self) -> None:
        while True:
            with self._session(neo4j.WRITE_ACCESS) as s:
                deleted = self._run(lambda: s.execute_write(
                    lambda tx: tx.run(named_query("delete_some"), limit=10_000).single()["deleted"]))
            if not deleted:
                return

    def close(self) -> None:
        self.driver.close()

    # -- hooks --------------------------------------------------------------------------
    def _read(self, cypher: str, params: dict[str, Any], *, portable: bool = True,
              timeout: float | None = None) -> list[dict[str, Any]]:
        self._log(cypher)  # Neo4j's own dialect is what the lint gate checks, so always recorded

        def work(tx):
            return [{k: plain(v) for k, v in record.items()} for record in tx.run(cypher, params)]

        with self._session(neo4j.READ_ACCESS) as s:
            return self._run(lambda: s.execute_read(
                neo4j.unit_of_work(timeout=self._timeout(timeout))(work)))

    def _write_transaction(self, statements: list[tuple[str, dict]]) -> None:
        for cypher, _ in statements:
            self._log(cypher)

        def work(tx):
            for cypher, params in statements:
                tx.run(cypher, params).consume()

        with self._session(neo4j.WRITE_ACCESS) as s:
            self._run(lambda: s.execute_write(work))

    def _run(self, fn):
        try:
            return fn()
        except ClientError as e:
            # Neo.ClientError.Transaction.TransactionTimedOut(ClientConfiguration): the transaction
            # ran past its timeout and the server stopped it (neo4j/docs-status-codes, all-errors.adoc)
            if "TransactionTimedOut" in (e.code or ""):
                raise StoreTimeout(f"the query ran out of time: {_first_line(e)}") from None
            if "Writing in read access mode" in (e.message or "") or "ForbiddenOnReadOnly" in (e.code or ""):
                raise ReadOnlyViolation("read() runs read-only queries; this query writes") from None
            raise StoreError(f"query failed: {_first_line(e)}") from None
        except (ServiceUnavailable, SessionExpired, OSError) as e:
            raise StoreUnavailable(f"Neo4j unreachable at {self.settings.neo4j_uri}: {_first_line(e)}") from None
        except Neo4jError as e:
            raise StoreError(f"Neo4j error: {_first_line(e)}") from None


def _first_line(e: BaseException) -> str:
    text = getattr(e, "message", None) or str(e) or type(e).__name__
    return text.strip().splitlines()[0]
