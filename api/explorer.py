"""The explorer: a browser page over the public GraphQL API and the RDF endpoints.

:func:`mount` serves the page built from ``explorer/`` (``npm run build --prefix explorer`` writes
``api/static/explorer/``) at ``GET /`` and ``GET /explore``, answers every client-side route under
``/explore/...`` with the same page, and serves the bundle under ``/static/explorer/``. Nothing
is fetched from a CDN: the page works offline. The page itself only talks to ``POST /graphql``
and links to ``/rdf``, ``/id/...`` and GraphiQL, so it needs no endpoints of its own. The same
build writes GraphiQL's page and bundle (``graphiql.html``, ``graphiql.js``, ``graphiql.css``):
:mod:`api.graphql.http` serves the page at ``GET /graphql``, its assets come from here.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent / "static" / "explorer"
ASSETS_PREFIX = "/static/explorer"

# The page runs only its own bundle; it reads the API of the same origin. Cytoscape sets
# element styles from script, which `style-src 'self'` allows (only markup styles are blocked),
# but it also injects one <style> element, hence 'unsafe-inline' for styles (never for scripts).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>helsegraf explorer: not built</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>The explorer is not built</h1>
<p>Build it with <code>make explorer</code> (or <code>npm ci --prefix explorer &amp;&amp; npm run build --prefix explorer</code>),
then reload. The API itself works: <a href="/graphql">/graphql</a>, <a href="/rdf/dataset">/rdf/dataset</a>,
<a href="/health">/health</a>.</p>
</body></html>
"""


class _Assets(StaticFiles):
    """The bundle: URLs carry a content hash (``?v=``), so the files may be cached for long."""

    async def get_response(self, path, scope):
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            query = scope.get("query_string", b"")
            response.headers["Cache-Control"] = ("public, max-age=31536000, immutable" if b"v=" in query
                                                 else "no-cache")
            response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def mount(app: FastAPI, static_dir: Path | None = None) -> None:
    """Serve the explorer at ``/`` and ``/explore`` (and its client-side routes)."""
    root = Path(static_dir) if static_dir else STATIC_DIR
    # gzip for the bundles only (GraphiQL's is 1.3 MB, 0.43 MB compressed); API responses are not
    # compressed here.
    app.mount(ASSETS_PREFIX, GZipMiddleware(_Assets(directory=root, check_dir=False), minimum_size=1024),
              name="explorer-assets")

    def page() -> Response:
        index = root / "index.html"
        if not index.is_file():
            return HTMLResponse(NOT_BUILT, status_code=503, headers={"Cache-Control": "no-store"})
        return HTMLResponse(index.read_bytes(), headers=PAGE_HEADERS)

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return page()

    @app.get("/explore", include_in_schema=False)
    def explore() -> Response:
        return page()

    @app.get("/explore/{route:path}", include_in_schema=False)
    def explore_route(route: str) -> Response:
        return page()


def built_version(static_dir: Path | None = None) -> str | None:
    """The content hash of the built bundle, or None when it is not built."""
    import json
    info = (Path(static_dir) if static_dir else STATIC_DIR) / "build.json"
    try:
        return json.loads(info.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None
