"""The local Neo4j (graph/neo4j_launcher/ run by graph/neo4j_local.py): the CLI against it, its
password kept out of argv, its failures as one clear line, and (slow: two JVM starts) the API
through Neo4j killed and restarted."""

from __future__ import annotations

import subprocess
import sys

import pytest

from graph import neo4j_local
from graph.errors import StoreUnavailable
from tests.test_cli import run

pytestmark = pytest.mark.skipif(neo4j_local.unavailable_reason() is not None,
                                reason=str(neo4j_local.unavailable_reason()))


def test_store_commands_against_the_local_neo4j(neo4j_store, neo4j_uri_password, tmp_path):
    uri, password = neo4j_uri_password
    env = {"HELSEGRAF_BACKEND": "neo4j", "HELSEGRAF_NEO4J_URI": uri, "HELSEGRAF_NEO4J_PASSWORD": password,
           "HELSEGRAF_DATA_DIR": str(tmp_path)}
    r = run("store", "status", env=env)
    assert r.returncode == 0, r.stderr
    assert "backend   neo4j" in r.stdout
    assert "Neo4j Kernel 5.26." in r.stdout and "community" in r.stdout
    assert f"{uri} (database neo4j)" in r.stdout
    assert "nothing to start" in run("store", "start", env=env).stdout
    wrong = run("store", "status", env=dict(env, HELSEGRAF_NEO4J_PASSWORD="not-the-password"))
    assert wrong.returncode == 1 and "refused user 'neo4j'" in wrong.stderr


def test_the_password_is_not_in_the_command_line(neo4j_store, neo4j_uri_password):
    _, password = neo4j_uri_password
    ps = subprocess.run(["ps", "-eww", "-o", "args"], capture_output=True, text=True, check=True).stdout
    launchers = [line for line in ps.splitlines() if "neo4j-launcher.jar" in line]
    assert launchers and not any(password in line for line in launchers)


@pytest.mark.parametrize("password, port, message", [
    ("short", 0, "HELSEGRAF_NEO4J_PASSWORD (8 characters or more"),
    ("long-enough-password", 70000, "PORT must be 0 (a free one) to 65535, got 70000"),
])
def test_a_launcher_failure_is_one_line(tmp_path, password, port, message):
    neo4j = neo4j_local.LocalNeo4j(tmp_path, password, port)
    try:
        with pytest.raises(StoreUnavailable, match="local Neo4j did not start: neo4j failed: ") as e:
            neo4j.start(timeout=120)
    finally:
        neo4j.stop()
    assert message in str(e.value) and "\n" not in str(e.value)
    assert not neo4j.running()


def test_make_neo4j_refuses_without_a_password(tmp_path):
    r = subprocess.run([sys.executable, "-m", "graph.neo4j_local", "--data-dir", str(tmp_path)],
                       capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, timeout=60)
    assert r.returncode == 2 and r.stderr.strip() == "error: set HELSEGRAF_NEO4J_PASSWORD (8 characters or more) first"


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_neo4j_killed_under_the_api_is_a_503_and_answers_again_after_a_restart(tmp_path):
    """Neo4j SIGKILLed while the API serves: /health and /graphql answer 503 saying Neo4j is
    unreachable; Neo4j started again on the same data and port: the same API process answers,
    with the data it had (Neo4j recovers from its transaction log)."""
    import os
    from fastapi.testclient import TestClient
    from api.app import create_app
    from loaders.pipeline import registry_batch
    from tests.conftest import make_settings
    password = os.urandom(12).hex()
    neo4j = neo4j_local.LocalNeo4j(tmp_path / "neo4j", password, _free_port())
    neo4j.start()
    try:
        settings = make_settings(tmp_path / "data", backend="neo4j", neo4j_uri=neo4j.uri, neo4j_password=password)
        with TestClient(create_app(settings)) as client:
            store = client.app.state.store
            store.setup()
            store.write(registry_batch())
            before = client.get("/health").json()
            assert before["ok"] and before["nodes"] > 100

            neo4j.process.kill()
            neo4j.process.wait()
            r = client.get("/health")
            assert r.status_code == 503 and "Neo4j unreachable" in r.json()["error"]
            r = client.post("/graphql", json={"query": "{ ministries { name } }"})
            assert r.status_code == 503 and r.json()["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"

            neo4j.start()
            r = client.get("/health")
            assert r.status_code == 200 and r.json()["nodes"] == before["nodes"]
            r = client.post("/graphql", json={"query": "{ ministries { name } }"})
            assert r.status_code == 200 and r.json()["data"]["ministries"]
    finally:
        neo4j.stop()


def test_the_driver_asks_for_no_notifications(neo4j_store, caplog):
    """A statement Neo4j would warn about (an unknown property key) logs nothing: the server
    sends no notifications (the Cypher lint gate checks the statements instead)."""
    import logging
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        # through the store's driver, so the statement stays out of the lint gate's log
        records, _, _ = neo4j_store.driver.execute_query(
            "MATCH (n:Ministry) WHERE n.noSuchPropertyKeyAnywhere = 1 RETURN n.id AS id",
            database_=neo4j_store.settings.neo4j_database)
    assert records == []
    assert not [r for r in caplog.records if r.name == "neo4j.notifications"]
