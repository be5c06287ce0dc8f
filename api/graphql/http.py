"""GraphQL over HTTP (https://graphql.github.io/graphql-over-http/), as audited by npm `graphql-http`.

* `POST /graphql` with `Content-Type: application/json` and a JSON object body
  `{query, operationName?, variables?, extensions?}`; anything else is a 4xx (415 without a
  JSON content type, 400 for a missing/unparsable body or a parameter of the wrong type).
* `GET /graphql?query=…&variables=<JSON>&operationName=…`: queries only (mutations get 405);
  a browser (`Accept: text/html`) without a query gets GraphiQL (self-hosted: the bundle built by
  `make explorer`, no CDN; `?q=` and `?variables=` open a query in it).
* Media types: `application/graphql-response+json` when the client accepts it first, else
  `application/json` (also for `*/*` or no Accept header); 406 when neither is acceptable.
* Status codes: with application/json every well-formed GraphQL request answers 200 (errors in
  the body); with application/graphql-response+json a request that fails before execution
  (parse, validation, variables, limits) answers 400 without `data`. Always: store down → 503,
  timeout → 504, internal error → 500, each with a GraphQL `errors` body and no stack trace.
* An executed request's answer says where its time went in a `Server-Timing` header
  (`compile`, `store`, `complete`, in milliseconds; compile is ~0 for a request seen before).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from api.graphql.executor import INTERNAL, OK, REQUEST_ERROR, TIMEOUT, UNAVAILABLE, GraphQLExecutor, Outcome
from graph.errors import StoreError, StoreUnavailable

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def _media_type(accept: str | None) -> str | None:
    """The response type for an Accept header (None: nothing we can produce)."""
    if not accept or not accept.strip():
        return JSON
    options = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        options.append((-q, i, media))
    for _q, _i, media in sorted(options):
        if _q == 0:
            continue
        if media == GRAPHQL_RESPONSE:
            return GRAPHQL_RESPONSE
        if media in (JSON, "*/*", "application/*"):
            return JSON
    return None


def _json(body: Any, status: int, media: str, headers: dict[str, str] | None = None) -> Response:
    """Compact UTF-8 JSON (orjson: the same bytes as the standard library's compact, non-ASCII
    output; 0.017 vs 0.29 ms for the 26 KB answer to queries/addressed_to_ministry.graphql)."""
    return Response(orjson.dumps(body, default=str), status_code=status, media_type=f"{media}; charset=utf-8",
                    headers=headers)


def _error(message: str, code: str) -> dict:
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


def status_for(outcome: Outcome, media: str) -> int:
    if outcome.kind == OK:
        return 200
    if outcome.kind == REQUEST_ERROR:
        return 400 if media == GRAPHQL_RESPONSE else 200
    return {"method_not_allowed": 405, UNAVAILABLE: 503, TIMEOUT: 504, INTERNAL: 500}.get(outcome.kind, 500)


# GraphiQL is self-hosted: `make explorer` (explorer/build.mjs) bundles React, GraphiQL and its CSS
# into api/static/explorer/ (graphiql.html, graphiql.js, graphiql.css, served under
# /static/explorer/ by api.explorer), so the page works without the internet (no CDN).
GRAPHIQL_FALLBACK = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>helsegraf GraphQL: GraphiQL is not built</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>GraphiQL is not built</h1>
<p>This URL is helsegraf's GraphQL endpoint. GraphiQL, the in-browser query editor served here, is
bundled with the explorer: build it with <code>make explorer</code> (or <code>npm ci --prefix explorer
&amp;&amp; npm run build --prefix explorer</code>), then reload.</p>
<p>The API works without it: <code>POST</code> a query to this URL with
<code>Content-Type: application/json</code>, for example</p>
<pre>curl -s http://127.0.0.1:8000/graphql -H 'Content-Type: application/json' \\
  -d '{"query": "{ responsibility(measure: \\"Investinor\\") { ministry { name } basis } }"}'</pre>
<p>or <code>helsegraf query '{ ministries { name } }'</code> on the command line.</p>
</body></html>
"""


def _graphiql_page(static_dir: Path | None = None) -> Path:
    from api.explorer import STATIC_DIR
    return (Path(static_dir) if static_dir else STATIC_DIR) / "graphiql.html"


def graphiql_html(static_dir: Path | None = None) -> str:
    """The GraphiQL page built by `make explorer` (local assets only), or a plain page saying how
    to build it."""
    try:
        return _graphiql_page(static_dir).read_text(encoding="utf-8")
    except OSError:
        return GRAPHIQL_FALLBACK


def graphiql_response(static_dir: Path | None = None) -> Response:
    """GET /graphql from a browser: GraphiQL with the explorer's security headers (same-origin
    scripts and requests only), or 503 with :data:`GRAPHIQL_FALLBACK` when it is not built."""
    from api.explorer import PAGE_HEADERS
    page = _graphiql_page(static_dir)
    if not page.is_file():
        return HTMLResponse(GRAPHIQL_FALLBACK, status_code=503, headers={"Cache-Control": "no-store"})
    return HTMLResponse(graphiql_html(static_dir), headers=PAGE_HEADERS)


def router(store_getter: Callable[[], Any], executor: GraphQLExecutor | None = None, path: str = "/graphql"
           ) -> APIRouter:
    executor = executor or GraphQLExecutor()
    r = APIRouter()

    async def run(request_params: dict[str, Any], media: str, allowed: tuple[str, ...]) -> Response:
        query = request_params.get("query")
        if not isinstance(query, str):
            return _json(_error("`query` must be a string", "BAD_REQUEST"), 400, media)
        op_name = request_params.get("operationName")
        if op_name is not None and not isinstance(op_name, str):
            return _json(_error("`operationName` must be a string", "BAD_REQUEST"), 400, media)
        variables = request_params.get("variables")
        if variables is not None and not isinstance(variables, dict):
            return _json(_error("`variables` must be a map", "BAD_REQUEST"), 400, media)
        extensions = request_params.get("extensions")
        if extensions is not None and not isinstance(extensions, dict):
            return _json(_error("`extensions` must be a map", "BAD_REQUEST"), 400, media)
        try:
            store = store_getter()
        except StoreUnavailable as e:
            return _json(_error(f"the graph store is unavailable: {e}", "STORE_UNAVAILABLE"), 503, media)
        except StoreError as e:
            return _json(_error(f"the graph store is unavailable: {e}", "STORE_UNAVAILABLE"), 503, media)
        outcome = await run_in_threadpool(executor.execute, store, query, variables, op_name,
                                          allowed_operations=allowed)
        headers = {"Allow": "POST"} if outcome.kind == "method_not_allowed" else {}
        if outcome.timings:  # where the time went, for browsers' devtools and for clients
            headers["Server-Timing"] = ", ".join(f"{phase};dur={seconds * 1000:.3f}"
                                                 for phase, seconds in outcome.timings.items())
        return _json(outcome.body, status_for(outcome, media), media, headers)

    @r.post(path)
    async def graphql_post(request: Request) -> Response:
        media = _media_type(request.headers.get("accept"))
        if media is None:
            return _json(_error(f"cannot produce any of the accepted types; use {GRAPHQL_RESPONSE} or {JSON}",
                                "NOT_ACCEPTABLE"), 406, JSON)
        ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if ctype != JSON:
            return _json(_error("POST a JSON body with Content-Type: application/json", "UNSUPPORTED_MEDIA_TYPE"),
                         415, media)
        raw = await request.body()
        limit = 4 * (executor.limits.max_query_chars + executor.limits.max_variables_chars) + 1024  # bytes
        if len(raw) > limit:
            return _json(_error(f"the request body is larger than {limit} bytes", "PAYLOAD_TOO_LARGE"), 413, media)
        if not raw.strip():
            return _json(_error("the request body is empty", "BAD_REQUEST"), 400, media)
        try:
            params = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return _json(_error("the request body is not valid JSON", "BAD_REQUEST"), 400, media)
        if not isinstance(params, dict):
            return _json(_error("the request body must be a JSON object", "BAD_REQUEST"), 400, media)
        return await run(params, media, ("query",))

    @r.get(path)
    async def graphql_get(request: Request) -> Response:
        qp = request.query_params
        accept = request.headers.get("accept") or ""
        if "query" not in qp and "text/html" in accept:
            return graphiql_response()
        media = _media_type(accept)
        if media is None:
            return _json(_error("cannot produce any of the accepted types", "NOT_ACCEPTABLE"), 406, JSON)
        params: dict[str, Any] = {"query": qp.get("query"), "operationName": qp.get("operationName")}
        for name in ("variables", "extensions"):
            if qp.get(name):
                try:
                    params[name] = json.loads(qp[name])
                except ValueError:
                    return _json(_error(f"`{name}` must be a JSON-encoded map", "BAD_REQUEST"), 400, media)
        return await run(params, media, ("query",))

    return r
