"""The GraphQL API: a schema generated from schema.model, compiled to one Cypher query per operation.

Wiring (api/app.py, api/cli.py)::

    from api.graphql import mount, run_query
    mount(app, lambda: app.state.store, settings)  # /graphql: GET -> GraphiQL (browsers), POST/GET -> execution
    body = run_query(store, query, variables, settings=settings)  # {"data", "errors"} for `helsegraf query`

Modules: spec (the GraphQL model derived from schema.model), schema (strawberry types generated
from it), compiler (selection set -> Cypher), paths (`connection`: avoidance, merging, ranking),
search_syntax (the search text's syntax), search (full-text + ranking + snippets),
protection (limits), executor (caching, store calls, completion), http (GraphQL over HTTP).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from api.graphql.executor import GraphQLExecutor
    from api.graphql.protection import ProtectionLimits
    from graph.settings import Settings

__all__ = ["mount", "run_query", "get_executor", "schema_sdl"]


@lru_cache
def _executor(limits: "ProtectionLimits") -> "GraphQLExecutor":
    from api.graphql.executor import GraphQLExecutor
    return GraphQLExecutor(limits)


def get_executor(settings: "Settings | None" = None) -> "GraphQLExecutor":
    """The executor (schema, caches) for the settings' HELSEGRAF_GRAPHQL_* limits (default: the
    environment's); one per distinct set of limits in a process."""
    from api.graphql.protection import ProtectionLimits
    from graph.settings import get_settings
    return _executor(ProtectionLimits.from_settings(settings or get_settings()))


def mount(app, store_getter: Callable[[], Any], settings: "Settings | None" = None, path: str = "/graphql") -> None:
    """Add the GraphQL endpoint to a FastAPI app; `store_getter()` returns the GraphStore."""
    from api.graphql.http import router
    app.include_router(router(store_getter, get_executor(settings), path))


def run_query(store, query: str, variables: dict | None = None, operation_name: str | None = None,
              settings: "Settings | None" = None) -> dict:
    """Execute one GraphQL query against a store: the response body ({"data", "errors"})."""
    return get_executor(settings).execute(store, query, variables or {}, operation_name).body


def schema_sdl() -> str:
    from api.graphql.schema import sdl
    return sdl()
