"""GraphQL over HTTP: status codes, media types, GraphiQL (self-hosted, no CDN), store down -> 503,
no stack traces, and npm graphql-http's auditServer against a real uvicorn server (every MUST,
SHOULD and MAY)."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import threading
import time

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api import explorer
from api.graphql import mount
from api.graphql.executor import GraphQLExecutor
from api.graphql.http import router
from graph.cypher_lint import TOOLS_DIR
from graph.errors import StoreError, StoreUnavailable
from tests.test_explorer import built_explorer  # noqa: F401  (fixture: builds explorer/ incl. GraphiQL)

GQL = "application/graphql-response+json"


class FakeStore:
    """Answers every compiled query with no rows (enough for HTTP-level behaviour)."""

    backend = "embedded"

    def __init__(self, error: Exception | None = None):
        self.error = error

    def read(self, cypher, params=None, **kw):
        if self.error:
            raise self.error
        return []

    def _read(self, cypher, params, **kw):
        return self.read(cypher, params)


def client(store=None, getter=None) -> TestClient:
    app = FastAPI()
    app.include_router(router(getter or (lambda: store or FakeStore()), GraphQLExecutor()))
    return TestClient(app, raise_server_exceptions=False)


def post(c, body, accept=None, ctype="application/json"):
    headers = {"content-type": ctype} if ctype else {}
    if accept:
        headers["accept"] = accept
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return c.post("/graphql", content=data, headers=headers)


def test_post_get_and_graphiql():
    c = client()
    r = post(c, {"query": "{ instruments { name } }"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json() == {"data": {"instruments": []}}
    r = post(c, {"query": "{ __typename }"}, accept=GQL)
    assert r.headers["content-type"].startswith(GQL)
    r = c.get("/graphql", params={"query": "query($n: String!) { instrument(name: $n) { name } }",
                                  "variables": json.dumps({"n": "SkatteFUNN"})})
    assert r.status_code == 200 and r.json()["data"] == {"instrument": None}
    assert [e["extensions"]["code"] for e in r.json()["errors"]] == ["NOT_FOUND"]  # said, not silent
    page = c.get("/graphql", headers={"accept": "text/html,application/xhtml+xml"})
    # GraphiQL, or (bundle not built) a page saying how to build it: test_graphiql_* below
    assert page.status_code in (200, 503) and "graphiql" in page.text.lower()


@pytest.mark.parametrize("body, accept, ctype, status", [
    ({"query": "{"}, GQL, "application/json", 400),                    # parse error
    ({"query": "{"}, "application/json", "application/json", 200),     # parse error, legacy type
    ({"query": "{ nope }"}, GQL, "application/json", 400),             # validation error
    ({"query": "query($id: ID!) { __typename }", "variables": {"id": None}}, GQL, "application/json", 400),
    ({"query": "{ __typename }"}, None, "text/plain", 415),
    ('{"query": ', None, "application/json", 400),                      # broken JSON
    ({"query": 1}, None, "application/json", 400),
    ({"query": "{ __typename }", "variables": "x"}, None, "application/json", 400),
    ({"query": "{ __typename }"}, "text/csv", "application/json", 406),
    ({"query": "{ proposals(limit: 100000) { id } }"}, GQL, "application/json", 400),
])
def test_status_codes(body, accept, ctype, status):
    r = post(client(), body, accept=accept, ctype=ctype)
    assert r.status_code == status, r.text
    out = r.json()
    assert out["errors"] and all("message" in e for e in out["errors"])
    if accept == GQL and status == 400:
        assert "data" not in out


def test_mutations_are_refused_on_get():
    r = client().get("/graphql", params={"query": "mutation { __typename }"}, headers={"accept": GQL})
    assert 400 <= r.status_code < 500


@pytest.mark.parametrize("where", ["query", "connect"])
def test_store_down_is_503_with_a_graphql_error(where):
    down = StoreUnavailable("embedded store unreachable at /tmp/x.sock: connection refused")
    if where == "query":
        c = client(FakeStore(error=down))
    else:
        def getter():
            raise down
        c = client(getter=getter)
    r = post(c, {"query": "{ ministries { name } }"})
    assert r.status_code == 503
    err = r.json()["errors"][0]
    assert err["extensions"]["code"] == "STORE_UNAVAILABLE" and "unreachable" in err["message"]


def test_internal_errors_carry_no_stack_trace():
    for error in (RuntimeError("secret internal detail"), StoreError("query failed: secret detail")):
        r = post(client(FakeStore(error=error)), {"query": "{ ministries { name } }"})
        assert r.status_code == 500
        assert "Traceback" not in r.text and "secret" not in r.text
        assert r.json()["errors"][0]["extensions"]["code"] in ("INTERNAL", "STORE_ERROR")


def test_mount_adds_the_endpoint():
    app = FastAPI()
    mount(app, lambda: FakeStore())
    r = post(TestClient(app), {"query": "{ __schema { queryType { name } } }"})
    assert r.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


# -- GraphiQL: self-hosted (built by `make explorer`), no CDN -------------------------------------------
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def site(built_explorer):  # noqa: F811
    """GraphQL with the explorer's static files, as api.app wires them."""
    app = FastAPI()
    app.include_router(router(lambda: FakeStore(), GraphQLExecutor()))
    explorer.mount(app)
    with TestClient(app) as c:
        yield c


def _urls(html: str) -> list[str]:
    return re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", html)


@pytest.mark.parametrize("params", [{}, {"q": "{ ministries { name } }", "variables": '{"x": 1}'}])
def test_graphiql_page_loads_only_local_assets(site, params):
    r = site.get("/graphql", params=params, headers={"accept": BROWSER_ACCEPT})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp and "default-src 'self'" in csp
    assert "<title>helsegraf GraphiQL</title>" in r.text and 'id="graphiql"' in r.text
    # no URL to another host anywhere in the page (strawberry's page loaded React and GraphiQL from CDNs)
    assert not re.search(r"(https?:)?//[a-z0-9]", r.text, re.I), re.findall(r"(?:https?:)?//[^\s\"'<>]+", r.text)
    urls = _urls(r.text)
    version = json.loads((explorer.STATIC_DIR / "build.json").read_text(encoding="utf-8"))["graphiql"]
    assets = {u for u in urls if u.startswith("/static/")}
    assert assets == {f"/static/explorer/{f}?v={version}" for f in ("graphiql.js", "graphiql.css", "favicon.svg")}
    assert set(urls) - assets <= {"/"}  # the rest: the <noscript> link to the explorer


def test_graphiql_assets_are_served(site):
    page = site.get("/graphql", headers={"accept": "text/html"}).text
    types = {"graphiql.js": "javascript", "graphiql.css": "text/css", "favicon.svg": "image/svg+xml"}
    for url in _urls(page):
        if not url.startswith("/static/"):
            continue
        r = site.get(url)
        name = url.split("?")[0].rsplit("/", 1)[1]
        assert r.status_code == 200, url
        assert types[name] in r.headers["content-type"], (url, r.headers["content-type"])
        assert "immutable" in r.headers["cache-control"]
        body = r.text
        assert not re.search(r"(unpkg\.com|jsdelivr\.net|cdnjs\.|esm\.sh|fonts\.googleapis)", body), url
        if name == "graphiql.js":
            assert len(r.content) > 200_000 and "graphiql" in body  # React + GraphiQL, not a loader
            assert r.headers["content-encoding"] == "gzip"  # TestClient asks for gzip and unpacks it
            raw = site.get(url, headers={"accept-encoding": "identity"})
            assert "content-encoding" not in raw.headers and raw.content == r.content


def test_graphiql_not_built_says_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.setattr(explorer, "STATIC_DIR", tmp_path / "missing")
    r = client().get("/graphql", headers={"accept": BROWSER_ACCEPT})
    assert r.status_code == 503 and r.headers["content-type"].startswith("text/html")
    assert "GraphiQL is not built" in r.text and "make explorer" in r.text
    assert "<script" not in r.text and r.headers["cache-control"] == "no-store"
    # the endpoint itself still works
    assert post(client(), {"query": "{ __typename }"}).json() == {"data": {"__typename": "Query"}}


def test_a_query_on_get_is_executed_not_graphiql(site):
    r = site.get("/graphql", params={"query": "{ __typename }"}, headers={"accept": "text/html, application/json"})
    assert r.status_code == 200 and r.json() == {"data": {"__typename": "Query"}}


# -- the graphql-http audit ----------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live_url():
    import uvicorn
    app = FastAPI()
    mount(app, lambda: FakeStore())
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 10
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/graphql"
    server.should_exit = True
    thread.join(5)


def test_graphql_http_audit_passes_everything(live_url):
    node = shutil.which("node")
    if node is None or not (TOOLS_DIR / "node_modules" / "graphql-http").is_dir():
        pytest.fail("the audit needs Node.js and `npm ci --prefix tools` (graphql-http)", pytrace=False)
    proc = subprocess.run([node, str(TOOLS_DIR / "graphql-audit.mjs"), live_url], capture_output=True, text=True,
                          timeout=120, cwd=TOOLS_DIR)
    assert proc.returncode in (0, 1), proc.stderr
    results = json.loads(proc.stdout)
    assert len(results) >= 50
    failing = [(r["id"], r["name"], r.get("reason")) for r in results if r["status"] != "ok"]
    assert failing == []


def test_an_executed_request_says_where_its_time_went(corpus_store):
    """`Server-Timing: compile;dur=…, store;dur=…, complete;dur=…` (milliseconds) on an answer the
    store gave; none on a request refused before it ran."""
    c = client(corpus_store)
    r = post(c, {"query": '{ instrument(name: "SkatteFUNN") { name ownedBy { name } } }'}, accept=GQL)
    assert r.status_code == 200 and r.json()["data"]["instrument"]["name"] == "SkatteFUNN"
    phases = dict(part.strip().split(";dur=") for part in r.headers["server-timing"].split(","))
    assert list(phases) == ["compile", "store", "complete"]
    assert all(float(ms) >= 0 for ms in phases.values()) and float(phases["store"]) > 0
    refused = post(c, {"query": "{ instrument { nope } }"}, accept=GQL)
    assert refused.status_code == 400 and "server-timing" not in refused.headers
