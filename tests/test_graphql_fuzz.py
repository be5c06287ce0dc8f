"""schemathesis against the GraphQL schema: generated queries to every root field of `Query`, sent
as POST /graphql to a real `helsegraf serve` (a uvicorn subprocess, its own data dir with the
default corpus loaded, as in test_api_abuse.py).

schemathesis loads the schema by introspection (`schemathesis.graphql.from_url`) and generates, per
root field, schema-valid queries (positive: every argument, input-object filter, enum, nested
selection and inline fragment the schema allows, with arbitrary values) and schema-invalid ones
(negative: wrong argument types, missing required arguments). Each answer must be:

* never a crash of the embedded store (its pid is the same before and after each request: the API
  restarts a crashed store by itself, so the answer alone would not always show it);
* never a 5xx (a 504 is sent once more: a query that is slow only because the shared machine was
  busy answers the second time; one that is slow by itself fails);
* GraphQL over HTTP: a JSON object with `data` and/or `errors` (nothing else but `extensions`),
  the media type asked for, with `application/graphql-response+json` a 4xx carries no `data`
  and a 200 carries `data`;
* every error has a non-empty message, no Python traceback, and a request-error code (the
  client's fault: validation, a limit, a bad argument value) — never INTERNAL, STORE_ERROR,
  GRAPHQL_ERROR (a field failed during completion) or STORE_UNAVAILABLE;
* conformant to the schema by schemathesis's own GraphQL check (no null in a non-null field);
* positive cases that were executed have the root field in `data`.

And nothing writes: the store's node and relationship counts, label by label, are the same after
every generated query.

Bounded: FUZZ_POSITIVE (20) + FUZZ_NEGATIVE (5) examples per root field, about 50 root fields,
no deadline, derandomized; about a minute. HELSEGRAF_FUZZ_EXAMPLES=N runs N positive examples per
field instead (N // 4 negative), for a longer hunt.

Regressions: the first runs of this test found two server bugs, fixed in 7b06b29; their minimal
reproductions (and a few variants) are checked the same way on every run (REGRESSIONS):
* a nested field's `edge: {source: …}` filter below an empty page (`limit: 0`, or a filter that
  matches nothing) crashed the embedded FalkorDB (4.16.3): the edge filter became an Edge By Index
  Scan (r.source is indexed) from the page's null row, a null-pointer dereference (FalkorDB issue
  #1904). The API then restarted the store and re-ran the query, which crashed it again: 503 for 10 s
  (the API no longer re-runs a query the store died under);
* a relationship filter `count: {}` (or with every operator null) compiled to `WHERE ()`:
  invalid Cypher, a 500 STORE_ERROR.

schemathesis's pytest plugin (`from_fixture`) does not run under pytest 9, so the operations'
strategies are driven by hypothesis directly (as in test_api_abuse.py).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from api.graphql.schema import graphql_schema
from tests.support.server import spawned_server
from graph.embedded import EmbeddedServer

GQL = "application/graphql-response+json"
JSON = "application/json"
ROOT_FIELDS = sorted(graphql_schema().query_type.fields)

_n = int(os.environ.get("HELSEGRAF_FUZZ_EXAMPLES", "0") or 0)
FUZZ_POSITIVE = _n or 20
FUZZ_NEGATIVE = max(2, _n // 4) if _n else 5

# The client's fault: refused before execution, 4xx (or 200 with plain JSON), no data.
REQUEST_ERROR_CODES = {
    "BAD_REQUEST", "BAD_USER_INPUT", "BAD_CURSOR", "UNSUPPORTED", "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED", "DEPTH_LIMIT", "ALIAS_LIMIT", "COMPLEXITY_LIMIT", "PAGE_SIZE_LIMIT",
    "QUERY_TOO_LONG", "VARIABLES_TOO_LONG",
}
TRACEBACK = re.compile(r'Traceback \(most recent call last\)|File "[^"]+", line \d+|site-packages/')


REGRESSIONS = {  # bugs this test found (fixed): the minimal reproduction and variants
    "edge-source-filter-on-an-empty-page": '{ agencies(limit: 0) { ownedBy(edge: {source: {eq: "x"}}) { name } } }',
    "edge-source-in-on-an-empty-page": '{ ministries(limit: 0) { partsCount(edge: {source: {in: ["x"]}}) } }',
    "edge-source-lt-in-a-connection": '{ agencies(limit: 0) { ownedByConnection(edge: {source: {lt: ""}}) '
                                      '{ totalCount } } }',
    "edge-source-below-an-empty-connection": '{ agenciesConnection(first: 0) { edges { node { '
                                             'ownedBy(edge: {source: {eq: "x"}}) { name } } } } }',
    "edge-source-two-levels-down": '{ agencies(limit: 0) { ownedBy { parts(edge: {source: {eq: "x"}}) { name } } } }',
    "edge-source-no-match": '{ ministries(where: {name: {eq: "nope"}}) { parts(edge: {source: {eq: "x"}}) '
                            '{ name } } }',
    "empty-count-filter": "{ agencies(where: {ownedBy: {count: {}}}) { name } }",
    "null-count-filter": "{ agencies(where: {ownedBy: {count: {eq: null}}}) { name } }",
    "empty-count-filter-nested": "{ documentsGroupedBy(relation: cites, where: {addressedTo: {count: {}}}) "
                                 "{ count } }",
}


# -- the server ---------------------------------------------------------------------------------------------
@dataclass
class Server:
    base: str
    data_dir: Path
    http: httpx.Client
    before: dict

    def counts(self) -> dict:
        from graph.falkordb_store import FalkorDBStore
        from graph.settings import Settings
        store = FalkorDBStore(Settings(data_dir=self.data_dir))
        try:
            return store.counts()
        finally:
            store.close()

    def store_pid(self) -> int | None:
        return EmbeddedServer(self.data_dir).pid()

    def revive(self) -> None:
        """Start the embedded store again if a query crashed it (the API reconnects to it at once)."""
        embedded = EmbeddedServer(self.data_dir)
        if not embedded.running():
            embedded.start(60)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("gqlfuzz")
    with spawned_server(data_dir, log=tmp_path_factory.mktemp("log") / "serve.log") as base, \
            httpx.Client(base_url=base, trust_env=False, timeout=60) as http:
        srv = Server(base, data_dir, http, {})
        srv.before = srv.counts()
        yield srv


@pytest.fixture(scope="module")
def schema(server):
    return schemathesis.graphql.from_url(f"{server.base}/graphql", timeout=60)


@pytest.fixture(scope="module")
def operations(schema) -> dict:
    ops = {}
    for result in schema.get_all_operations():
        op = result.ok()
        ops[op.label] = op
    return ops


def test_schemathesis_generates_for_every_root_field(operations):
    """Introspection works and schemathesis sees every root field of the executor's schema."""
    assert sorted(operations) == [f"Query.{name}" for name in ROOT_FIELDS]


# -- the generated queries ----------------------------------------------------------------------------------
def post(server: Server, body: bytes, accept: str) -> httpx.Response:
    """POST /graphql; a request that crashed the embedded store fails here whatever the API answered
    (it restarts the store; the restarted store builds its indexes again in the background)."""
    pid = server.store_pid()
    r = server.http.post("/graphql", content=body, headers={"Content-Type": JSON, "Accept": accept})
    after = server.store_pid()
    if after != pid:
        server.revive()
        raise AssertionError(f"the request crashed the embedded store (pid {pid} -> {after}; HTTP "
                             f"{r.status_code} {r.text[:300]}): {body.decode()[:2000]}")
    return r


def check_response(r: httpx.Response, accept: str, root: str, positive: bool, what: str) -> str:
    """Assert a well-formed GraphQL-over-HTTP answer; returns 'data', 'partial' or an error code."""
    assert r.status_code < 500, f"{what}\n-> HTTP {r.status_code}: {r.text[:500]}"
    assert r.headers["content-type"].split(";")[0] == accept, (what, r.headers["content-type"])
    assert TRACEBACK.search(r.text) is None, f"{what}\n-> a traceback in the answer: {r.text[:500]}"
    body = r.json()
    assert isinstance(body, dict) and body and set(body) <= {"data", "errors", "extensions"}, (what, r.text[:500])
    assert "data" in body or "errors" in body, (what, body)
    errors = body.get("errors")
    if errors is not None:
        assert isinstance(errors, list) and errors, (what, body)
        for e in errors:
            assert isinstance(e.get("message"), str) and e["message"].strip(), (what, e)
            code = (e.get("extensions") or {}).get("code")
            # NOT_FOUND: a name looked up in vain, said beside the data (api.graphql.notices)
            assert code in REQUEST_ERROR_CODES or (code == "NOT_FOUND" and "data" in body and e.get("path")), \
                f"{what}\n-> a server-side error: {e}"
    if "data" not in body:  # refused before execution
        assert errors, (what, body)
        assert r.status_code == (400 if accept == GQL else 200), (what, r.status_code, body)
        return errors[0]["extensions"]["code"]
    assert r.status_code == 200, (what, r.status_code, body)
    if positive and body["data"] is not None:
        assert root in body["data"], (what, body)
    return "partial" if errors else "data"


@pytest.mark.parametrize("field", ROOT_FIELDS)
def test_generated_queries_get_well_formed_answers(field, server, operations):
    op = operations[f"Query.{field}"]
    seen: dict[str, int] = {}
    transient: list[str] = []

    def run(case, accept: str, positive: bool) -> None:
        body = json.dumps({"query": case.body}).encode()
        what = f"POST /graphql (Accept: {accept}) {case.body}"
        r = post(server, body, accept)
        if r.status_code == 504:  # slow because the machine is busy, or slow by itself?
            transient.append(case.body)
            r = post(server, body, accept)
        outcome = check_response(r, accept, field, positive, what)
        # schemathesis's own GraphQL response check (JSON object; no null in a non-null field)
        op.validate_response(r, case=case)
        seen[outcome] = seen.get(outcome, 0) + 1

    common = dict(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck),
                  print_blob=False)

    @settings(max_examples=FUZZ_POSITIVE, **common)
    @given(case=op.as_strategy(generation_mode=GenerationMode.POSITIVE), accept=st.sampled_from([GQL, JSON]))
    def positive(case, accept):
        run(case, accept, True)

    @settings(max_examples=FUZZ_NEGATIVE, **common)
    @given(case=op.as_strategy(generation_mode=GenerationMode.NEGATIVE), accept=st.sampled_from([GQL, JSON]))
    def negative(case, accept):
        run(case, accept, False)

    positive()
    executed = sum(n for k, n in seen.items() if k in ("data", "partial"))
    assert executed, f"no generated query for {field} was executed: {seen}"
    negative()
    if transient:
        print(f"{field}: {len(transient)} answer(s) 504 once, fine the second time")


# -- the bugs it found ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(REGRESSIONS))
def test_regression(name, server):
    query = REGRESSIONS[name]
    root = query.split("(")[0].strip("{ ")
    for accept in (GQL, JSON):
        r = post(server, json.dumps({"query": query}).encode(), accept)  # fails if the store crashed
        assert check_response(r, accept, root, True, query) == "data", r.text
    assert r.json()["data"][root] is not None, r.text


# -- nothing wrote --------------------------------------------------------------------------------------------
def test_the_store_is_unchanged(server):
    """After every generated query."""
    assert sum(server.before["nodes"].values()) > 100
    assert server.counts() == server.before
