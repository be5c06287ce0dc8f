"""GraphQL over HTTP: status codes, media types, GraphiQL, store down -> 503, no stack traces,
and npm graphql-http's auditServer against a real uvicorn server (every MUST, SHOULD and MAY)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.graphql import mount
from api.graphql.executor import GraphQLExecutor
from api.graphql.http import router
from graph.cypher_lint import TOOLS_DIR
from graph.errors import StoreError, StoreUnavailable

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
    assert r.status_code == 200 and r.json() == {"data": {"instrument": None}}
    page = c.get("/graphql", headers={"accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


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
