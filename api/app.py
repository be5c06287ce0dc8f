"""The FastAPI application: /health, /graphql, RDF (/rdf, /id/...), and the explorer page (/)."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from graph.backends import open_store
from graph.errors import StoreError
from graph.settings import Settings, get_settings
from graph.store import GraphStore


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.store = store or open_store(settings)
        try:
            yield
        finally:
            sparql = getattr(app.state, "sparql", None)
            if sparql is not None:
                sparql.close()
            if store is None:
                app.state.store.close()

    app = FastAPI(title="helsegraf", version="0.1.0", lifespan=lifespan)

    @app.get("/health")
    def health() -> JSONResponse:
        try:
            return JSONResponse(app.state.store.health())
        except StoreError as e:
            return JSONResponse({"ok": False, "error": str(e)}, status_code=503)

    from api import explorer
    from api.graphql import mount as mount_graphql
    from api.rdf import mount as mount_rdf
    mount_graphql(app, lambda: app.state.store, settings)
    mount_rdf(app, lambda: app.state.store, settings)
    explorer.mount(app)  # last: it serves / and /explore/...
    return app
