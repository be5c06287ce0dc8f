"""The explorer (issue 7): the page is built from explorer/ and served at / and /explore; its queries
are valid against the GraphQL schema; and in a real browser (Debian's Chromium driven by npm
playwright-core) it answers the analyst's questions on the default corpus. GraphiQL (GET /graphql
from a browser) is built by the same step and checked in the same browser run.

The browser test starts the API (GraphQL, RDF, explorer) with uvicorn on a free port of 127.0.0.1
over an embedded store loaded with data/corpus, and runs explorer/tests/explorer.test.mjs against
it. Screenshots of every view go to out/screenshots/explorer/ (or $HELSEGRAF_SCREENSHOT_DIR), with
checks.json listing what was checked. It skips, saying why, only where there is no Chromium
(`apt-get install -y chromium`) or no Node.js to drive it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api import explorer
from graph.settings import REPO_ROOT

EXPLORER_SRC = REPO_ROOT / "explorer"
BROWSER_SCRIPT = EXPLORER_SRC / "tests" / "explorer.test.mjs"
NFD = "Nærings- og fiskeridepartementet"


# -- build -------------------------------------------------------------------------------------
def _npm() -> str | None:
    return shutil.which("npm")


def _run(cmd: list[str], timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=EXPLORER_SRC, capture_output=True, text=True, timeout=timeout)


def _deps_installed() -> bool:
    stamp = EXPLORER_SRC / "node_modules" / ".package-lock.json"
    lock = EXPLORER_SRC / "package-lock.json"
    return stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime


@pytest.fixture(scope="session")
def built_explorer() -> Path:
    """Build the bundle (esbuild, well under a second) so the tests check the current sources;
    the npm packages are installed first when missing (`make explorer` does the same)."""
    npm = _npm()
    if npm is None:
        pytest.skip("Node.js/npm not found: the explorer cannot be built (install Node.js 20+)")
    if not _deps_installed():
        r = _run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"])
        assert r.returncode == 0, f"npm ci in explorer/ failed:\n{r.stdout}\n{r.stderr}"
    r = _run([npm, "run", "build", "--silent"], timeout=120)
    assert r.returncode == 0, f"the explorer build failed:\n{r.stdout}\n{r.stderr}"
    assert (explorer.STATIC_DIR / "index.html").is_file()
    return explorer.STATIC_DIR


# -- serving -----------------------------------------------------------------------------------
@pytest.fixture
def client(built_explorer):
    app = FastAPI()
    explorer.mount(app)
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/explore", "/explore/", "/explore/agency/investinor-as",
                                  "/explore/ministry/naerings-og-fiskeridepartementet/measures",
                                  "/explore/document/doc-x/text", "/explore/search?q=Investinor"])
def test_the_page_is_served_at_root_and_every_client_route(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    version = explorer.built_version()
    assert f'/static/explorer/app.js?v={version}' in r.text
    assert 'role="combobox"' in r.text and 'role="search"' in r.text


def test_the_bundle_is_served_and_cached_by_its_version(client):
    version = explorer.built_version()
    js = client.get(f"/static/explorer/app.js?v={version}")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert "immutable" in js.headers["cache-control"]
    css = client.get(f"/static/explorer/app.css?v={version}")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/explorer/nothing.js").status_code == 404


CDNS = ("unpkg.com", "jsdelivr.net", "cdnjs.", "esm.sh", "googleapis.com", "gstatic.com", "skypack.dev")


def test_no_cdn_everything_is_bundled(built_explorer):
    index = (built_explorer / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", index), "index.html loads something from elsewhere"
    bundle = (built_explorer / "app.js").read_text(encoding="utf-8")
    assert "cytoscape" in bundle.lower()  # the graph library is inside the bundle
    for cdn in CDNS:
        assert cdn not in bundle and cdn not in index


def test_graphiql_is_bundled_too(built_explorer):
    """GraphiQL (GET /graphql) is built beside the explorer: React (production build) and GraphiQL
    in graphiql.js, its CSS without embedded web fonts or remote URLs, no CDN anywhere."""
    page = (built_explorer / "graphiql.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "graphiql.html loads something from elsewhere"
    version = json.loads((built_explorer / "build.json").read_text(encoding="utf-8"))["graphiql"]
    assert f"/static/explorer/graphiql.js?v={version}" in page and f"/static/explorer/graphiql.css?v={version}" in page
    js = (built_explorer / "graphiql.js").read_text(encoding="utf-8")
    css = (built_explorer / "graphiql.css").read_text(encoding="utf-8")
    assert "graphiql-container" in js and "CodeMirror" in js  # GraphiQL 4 with CodeMirror 5: no Monaco
    assert "react.production" in (built_explorer / "graphiql.js.LEGAL.txt").read_text(encoding="utf-8")
    assert "react.development" not in js and "monaco" not in js.lower()
    assert "new Worker" not in js and "importScripts" not in js  # no web workers to fetch
    assert ".graphiql-container" in css and "@font-face" not in css
    assert not re.findall(r"url\((?!['\"]?data:)", css), "graphiql.css refers to a file or URL"
    for cdn in CDNS:
        assert cdn not in js and cdn not in css and cdn not in page
    assert len(js) < 2_000_000 and len(css) < 100_000, (len(js), len(css))


def test_the_page_talks_to_the_public_api_only():
    """Every request the page makes goes through gql.js to POST /graphql; other URLs are links
    (RDF downloads, GraphiQL) the browser follows."""
    sources = {p.relative_to(EXPLORER_SRC / "src").as_posix(): p.read_text(encoding="utf-8")
               for p in (EXPLORER_SRC / "src").rglob("*.js")}
    fetching = {name for name, text in sources.items() if re.search(r"\bfetch\(|XMLHttpRequest|WebSocket|EventSource", text)}
    assert fetching == {"gql.js"}
    assert re.findall(r"fetch\('([^']+)'", sources["gql.js"]) == ["/graphql"]


def test_unbuilt_explorer_says_how_to_build_it(tmp_path):
    app = FastAPI()
    explorer.mount(app, static_dir=tmp_path / "missing")
    with TestClient(app) as c:
        r = c.get("/explore/agency/x")
    assert r.status_code == 503
    assert "not built" in r.text and "make explorer" in r.text


# -- the queries against the schema ---------------------------------------------------------------
def test_every_fixed_query_is_valid_against_the_graphql_schema(built_explorer):
    """The views' queries and GraphiQL's example query (written by the build to queries.json)
    validate against the API's schema, so a schema change that breaks a page fails here, without a
    browser."""
    from graphql import parse, validate

    from api.graphql.schema import graphql_schema
    queries = json.loads((built_explorer / "queries.json").read_text(encoding="utf-8"))
    assert {"SEARCH", "LANDING", "MINISTRY_MEASURES", "RESPONSIBILITY", "DOCUMENT_TEXT", "SCHEMA",
            "GRAPHIQL_EXAMPLE"} <= set(queries)
    schema = graphql_schema()
    for name, text in queries.items():
        errors = validate(schema, parse(text))
        assert not errors, f"{name}: {[e.message for e in errors]}"


# -- in a real browser ------------------------------------------------------------------------------
def chromium_path() -> str | None:
    for candidate in (os.environ.get("HELSEGRAF_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory, built_explorer):
    """uvicorn on a free port of 127.0.0.1: the API with GraphQL, RDF and the explorer, over an
    embedded store loaded with the default corpus."""
    import uvicorn

    import api.graphql
    import api.rdf
    from api.app import create_app
    from api.loading import load_files
    from graph.falkordb_store import FalkorDBStore
    from tests.conftest import make_settings

    settings = make_settings(tmp_path_factory.mktemp("explorer-store"))
    store = FalkorDBStore(settings)
    store.setup()
    report = load_files(store, settings, [settings.corpus_dir])
    assert not report.failed, report.failed
    app = create_app(settings, store=store)
    # the lead wires these into create_app; mount whatever is not there yet
    paths = {getattr(r, "path", None) for r in app.routes}
    if "/graphql" not in paths:
        api.graphql.mount(app, lambda: store)
    if "/rdf" not in paths:
        api.rdf.mount(app, lambda: store, settings)
    if "/explore" not in paths:
        explorer.mount(app)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()
    store.server.stop()


def test_the_measure_view_answers_for_measures_only_the_registry_knows(corpus_server, built_explorer):
    """The measure view's own query (RESPONSIBILITY), over HTTP as the page sends it: an instrument
    no document names and a unit owned through its parent get their ministry, the basis and the
    registry's public source on every step (what the view draws; the browser test looks at it)."""
    import httpx
    query = json.loads((built_explorer / "queries.json").read_text(encoding="utf-8"))["RESPONSIBILITY"]

    def chains(kind: str, id_: str) -> list[dict]:
        r = httpx.post(f"{corpus_server}/graphql", json={"query": query, "variables": {"id": id_, "kind": kind}},
                       timeout=30)
        body = r.json()
        assert r.status_code == 200 and "errors" not in body, body
        return body["data"]["entity"]["responsibleMinistries"]

    hod = "Helse- og omsorgsdepartementet"
    [plan] = chains("Instrument", "nasjonal-handlingsplan-for-kliniske-studier")
    assert (plan["ministry"]["name"], plan["basis"]) == (hod, "OWNER")
    assert [e["type"] for e in plan["evidence"]] == ["OWNED_BY"]
    assert plan["evidence"][0]["sourceUrl"].startswith("https://") and plan["evidence"][0]["source"] == "registry"
    [unit] = chains("Agency", "helsedataservice")
    assert (unit["ministry"]["name"], unit["basis"], unit["via"]["name"]) == (hod, "OWNER", "Folkehelseinstituttet")
    assert [n["name"] for n in unit["path"]] == ["Helsedataservice", "Folkehelseinstituttet", hod]
    assert [e["type"] for e in unit["evidence"]] == ["PART_OF", "OWNED_BY"]
    assert all(e["sourceUrl"].startswith("https://") for e in unit["evidence"])


def screenshot_dir() -> Path:
    return Path(os.environ.get("HELSEGRAF_SCREENSHOT_DIR") or REPO_ROOT / "out" / "screenshots" / "explorer")


def test_explorer_in_a_real_browser(corpus_server, request):
    """Search "Investinor", open it, find Nærings- og fiskeridepartementet in its responsibility
    chain, open a document view and find the highlighted proposal; plus keyboard use, graph
    interaction, RDF/GraphiQL links, contrast, phone size; a screenshot of every view. Then
    GraphiQL (GET /graphql): it renders, runs its example query (button and Ctrl-Enter) and the
    explorer's "Open in GraphiQL" link, all from this origin with no console errors."""
    chromium = chromium_path()
    if chromium is None:
        pytest.skip("Chromium not found (/usr/bin/chromium): install it with `apt-get install -y chromium` "
                    "(make explorer-browser); the browser tests need it")
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js not found: playwright-core needs it to drive Chromium")
    shots = screenshot_dir()
    if shots.exists():
        shutil.rmtree(shots)
    shots.mkdir(parents=True)
    env = dict(os.environ, EXPLORER_URL=corpus_server, SCREENSHOT_DIR=str(shots), CHROMIUM=chromium)
    proc = subprocess.run([node, str(BROWSER_SCRIPT)], cwd=EXPLORER_SRC, env=env, capture_output=True,
                          text=True, timeout=600)
    checks = []
    for line in proc.stdout.splitlines():
        try:
            checks.append(json.loads(line))
        except ValueError:
            continue
    (shots / "checks.json").write_text(json.dumps(checks, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter:
        reporter.write_line(f"\nexplorer screenshots: {shots}")
    failures = [c for c in checks if c.get("check") and not c.get("ok")]
    assert proc.returncode == 0 and not failures, (
        "browser checks failed:\n" + "\n".join(f"- {c['check']}: {c['detail']}" for c in failures)
        + (f"\nstderr:\n{proc.stderr[-3000:]}" if proc.stderr.strip() else ""))
    names = {c["check"] for c in checks if c.get("ok")}
    assert f"responsibility chain of Investinor reaches {NFD}" in names
    assert "a registry-only instrument shows its ministry, basis and source" in names
    assert "Helsedataservice is owned through the body it is part of" in names
    assert "document view highlights the Investinor proposal and its entities" in names
    assert f"GraphiQL runs the example query (run button): {NFD} is responsible for Investinor" in names
    assert "GraphiQL: no request outside this origin, GraphQL by POST, no console errors" in names
    pngs = sorted(p.name for p in shots.glob("*.png"))
    assert len(pngs) >= 10 and all((shots / p).stat().st_size > 5000 for p in pngs), pngs
