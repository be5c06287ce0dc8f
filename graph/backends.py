"""Which store the settings ask for: the backends import the port (graph/store.py), and only this
module imports the backends."""

from __future__ import annotations

from graph.settings import Settings, get_settings
from graph.store import GraphStore


def open_store(settings: Settings | None = None, *, start: bool = True) -> GraphStore:
    """The configured store; the embedded server is started on demand unless start=False."""
    settings = settings or get_settings()
    if settings.backend == "neo4j":
        from graph.neo4j_store import Neo4jStore
        return Neo4jStore(settings)
    from graph.falkordb_store import FalkorDBStore
    return FalkorDBStore(settings, start=start)
