"""The GraphQL API: a schema generated from schema.model, compiled to one Cypher query per operation.

Wiring (api/app.py, api/cli.py)::

    from api.graphql import mount, run_query
    mount(app, lambda: app.state.store)          # /graphql: GET -> GraphiQL (browsers), POST/GET -> execution
    body = run_query(store, query, variables)    # {"data": ..., "errors": [...]} for `helsegraf query`

Modules: spec (the GraphQL model derived from schema.model), schema (strawberry types generated
from it), compiler (selection set -> Cypher), search (full-text + ranking + snippets),
protection (limits), executor (caching, store calls, completion), http (GraphQL over HTTP).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

__all__ = ["mount", "run_query", "get_executor", "schema_sdl"]


@lru_cache
def get_executor():
    """The process-wide executor (schema, caches, limits from HELSEGRAF_GRAPHQL_* settings)."""
    from api.graphql.executor import GraphQLExecutor
    from api.graphql.settings import limits
    return GraphQLExecutor(limits())


def mount(app, store_getter: Callable[[], Any], path: str = "/graphql") -> None:
    """Add the GraphQL endpoint to a FastAPI app; `store_getter()` returns the GraphStore."""
    from api.graphql.http import router
    app.include_router(router(store_getter, get_executor(), path))


def run_query(store, query: str, variables: dict | None = None, operation_name: str | None = None) -> dict:
    """Execute one GraphQL query against a store: the response body ({"data", "errors"})."""
    return get_executor().execute(store, query, variables or {}, operation_name).body


def schema_sdl() -> str:
    from api.graphql.schema import sdl
    return sdl()
