"""Shared fixtures: a real embedded store per test session (in a temporary data dir), a real
Neo4j (the local one where Java is, a testcontainer where a Docker engine is), and the Neo4j
lint gate over every Cypher statement the tests made the stores run."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

from graph.settings import Settings

# One log for the whole run: the controller names it, and the workers (pytest-xdist: `make test`
# runs two) inherit the name through the environment and append to it.
_CYPHER_LOG = Path(os.environ.setdefault("HELSEGRAF_TEST_CYPHER_LOG",
                                         str(Path(tempfile.gettempdir()) / f"helsegraf-cypher-{os.getpid()}.log")))


@pytest.fixture(autouse=True, scope="session")
def _verify_graphql_completion():
    """Every GraphQL response the tests produce in this process is completed both ways (the fast
    path and graphql-core's executor), and any difference fails the test."""
    from api.graphql.executor import GraphQLExecutor
    GraphQLExecutor.verify_completion = True
    yield
    GraphQLExecutor.verify_completion = False


def make_settings(data_dir: Path, **kw) -> Settings:
    return Settings(data_dir=data_dir, cypher_log=_CYPHER_LOG, **kw)


@pytest.fixture(scope="session")
def embedded_settings(tmp_path_factory) -> Settings:
    return make_settings(tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="session")
def embedded_store(embedded_settings):
    from graph.falkordb_store import FalkorDBStore
    store = FalkorDBStore(embedded_settings)
    store.setup()
    yield store
    store.close()
    store.server.stop()


def docker_unavailable_reason() -> str | None:
    try:
        import docker
        docker.from_env(timeout=3).ping()
    except Exception as e:  # no engine, no socket, no permission
        return f"no Docker engine reachable ({type(e).__name__}); Neo4j contract tests run where Docker exists"
    return None


@pytest.fixture(scope="session")
def neo4j_uri_password(tmp_path_factory):
    """A real Neo4j 5.26 for the session: the local one (graph/neo4j_local.py) where Java is,
    else a testcontainer where a Docker engine is reachable, else skip with both reasons."""
    from graph import neo4j_local
    password = os.urandom(12).hex()
    local_reason = neo4j_local.unavailable_reason()
    if local_reason is None:
        with neo4j_local.LocalNeo4j(tmp_path_factory.mktemp("neo4j-local"), password,
                                    java_options=neo4j_local.JAVA_OPTIONS + neo4j_local.QUICK_START) as neo4j:
            yield neo4j.uri, password
        return
    docker_reason = docker_unavailable_reason()
    if docker_reason:
        pytest.skip(f"{local_reason}; {docker_reason}")
    from testcontainers.neo4j import Neo4jContainer
    with Neo4jContainer("neo4j:5.26-community", password=password) as container:
        yield container.get_connection_url(), password


@pytest.fixture(scope="session")
def neo4j_store(tmp_path_factory, neo4j_uri_password):
    from graph.neo4j_store import Neo4jStore
    uri, password = neo4j_uri_password
    settings = make_settings(tmp_path_factory.mktemp("neo4j"), backend="neo4j",
                             neo4j_uri=uri, neo4j_password=password)
    store = Neo4jStore(settings)
    store.setup()
    yield store
    store.close()


@pytest.fixture(params=["embedded", "neo4j"])
def store(request):
    """Every backend: the contract tests run against each."""
    s = request.getfixturevalue(f"{request.param}_store")
    s.wipe()
    yield s
    s.wipe()


# -- stores with data, shared by several test modules (each module gets its own) -------------------
@pytest.fixture(scope="module")
def corpus_store(embedded_store, embedded_settings):
    """The embedded store holding the default corpus, loaded by the loaders."""
    from api.loading import load_files
    embedded_store.wipe()
    report = load_files(embedded_store, embedded_settings, [embedded_settings.corpus_dir])
    assert report.loaded and not report.failed, report.failed
    yield embedded_store
    embedded_store.wipe()


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def gql_store(request):
    """A store holding tests/test_graphql_fixtures.sample_batch(), once per module and backend."""
    from tests.test_graphql_fixtures import sample_batch
    s = request.getfixturevalue(f"{request.param}_store")
    s.wipe()
    s.setup()
    s.write(sample_batch())
    yield s
    s.wipe()


@pytest.fixture(scope="module")
def rdf_store(embedded_store, embedded_settings):
    """A graph of its own in the embedded store holding tests/test_rdf_export.batches()."""
    from tests.test_rdf_export import batches, open_graph
    store = open_graph(embedded_settings, "rdf_test")
    for b in batches():
        store.write(b)
    yield store
    store.wipe()
    store.close()


def pytest_sessionfinish(session, exitstatus):
    """The Neo4j lint gate: every Cypher statement the tests ran (in any worker) must pass Neo4j's
    linter; checked once, by the controller, after the workers have finished."""
    if hasattr(session.config, "workerinput") or not _CYPHER_LOG.exists():
        return
    statements = sorted({json.loads(line) for line in _CYPHER_LOG.read_text(encoding="utf-8").splitlines()})
    _CYPHER_LOG.unlink()
    if not statements or os.environ.get("HELSEGRAF_SKIP_LINT_GATE"):
        return
    from graph.cypher_lint import lint
    results = lint({f"emitted-{i}": q for i, q in enumerate(statements)})
    bad = {name: diags for name, diags in results.items() if diags}
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if bad:
        for name, diags in bad.items():
            q = statements[int(name.split("-")[1])]
            for d in diags:
                reporter.write_line(f"Cypher lint: {d} in: {q[:200]}", red=True)
        session.exitstatus = 1
    else:
        reporter.write_line(f"Cypher lint gate: {len(statements)} emitted statements pass Neo4j's linter")
