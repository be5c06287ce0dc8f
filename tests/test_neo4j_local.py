"""The local Neo4j (graph/neo4j_launcher/ run by graph/neo4j_local.py): the CLI against it, its
password kept out of argv, and its failures as one clear line."""

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
