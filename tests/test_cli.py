"""The command line: store commands work; errors are one clear line with a non-zero exit."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from graph.embedded import EmbeddedServer

HELSEGRAF = [sys.executable, "-m", "api.cli"]


def run(*args, env=None, data_dir=None, input=None):
    e = {k: v for k, v in os.environ.items() if not k.startswith("HELSEGRAF_")}
    e.update(env or {})
    if data_dir is not None:
        e["HELSEGRAF_DATA_DIR"] = str(data_dir)
    return subprocess.run(HELSEGRAF + list(args), env=e, capture_output=True, text=True, timeout=120,
                          input=input)


@pytest.fixture
def data_dir(tmp_path):
    yield tmp_path
    EmbeddedServer(tmp_path).stop()


def one_line_error(result) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_store_lifecycle(data_dir):
    assert "not running" in one_line_error(run("store", "status", data_dir=data_dir))
    r = run("store", "start", data_dir=data_dir)
    assert r.returncode == 0 and "started" in r.stdout
    assert "already running" in run("store", "start", data_dir=data_dir).stdout
    r = run("store", "setup", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    r = run("store", "status", data_dir=data_dir)
    assert r.returncode == 0 and "FalkorDB" in r.stdout and "nodes     0" in r.stdout
    assert "without --yes" in one_line_error(run("store", "wipe", data_dir=data_dir, input=""))
    assert run("store", "wipe", "--yes", data_dir=data_dir).returncode == 0
    r = run("store", "stop", data_dir=data_dir)
    assert r.returncode == 0 and "stopped" in r.stdout
    assert not EmbeddedServer(data_dir).running()


@pytest.mark.parametrize("env, message", [
    ({"HELSEGRAF_BACKEND": "mysql"}, "bad setting HELSEGRAF_BACKEND"),
    ({"HELSEGRAF_BACKEND": "neo4j", "HELSEGRAF_NEO4J_URI": "http://localhost:1"}, "bad HELSEGRAF_NEO4J_URI"),
    ({"HELSEGRAF_BACKEND": "neo4j", "HELSEGRAF_NEO4J_URI": "bolt://127.0.0.1:1"}, "Neo4j unreachable"),
    ({"HELSEGRAF_DATA_DIR": "/tmp/" + "x" * 120}, "socket path too long"),
    ({"HELSEGRAF_DATA_DIR": "/proc/self/nope"}, "not writable"),
])
def test_clear_one_line_failures(env, message):
    assert message in one_line_error(run("store", "start" if "DATA_DIR" in str(env) else "status", env=env))


def test_debug_shows_the_traceback():
    r = run("--debug", "store", "status", env={"HELSEGRAF_BACKEND": "neo4j",
                                                  "HELSEGRAF_NEO4J_URI": "bolt://127.0.0.1:1"})
    assert r.returncode == 1 and "Traceback" in r.stderr


def test_serve_has_host_and_port_options():
    r = run("serve", "--help")
    assert r.returncode == 0 and "--host" in r.stdout and "127.0.0.1" in r.stdout and "8000" in r.stdout


def test_query_command_runs_a_cookbook_file_with_variables(data_dir):
    """`helsegraf query --file queries/X.graphql --var name=value` prints the JSON answer; a String
    variable takes the text as written (2020 stays "2020"); errors exit 1, misuse exits 2."""
    import json
    assert run("load", data_dir=data_dir).returncode == 0
    r = run("query", "--file", "queries/responsibility.graphql", "--var", "measure=Investinor", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["data"]["responsibility"]
    assert [(x["ministry"]["name"], x["basis"]) for x in rows] == [("Nærings- og fiskeridepartementet", "OWNER")]
    r = run("query", "query($m: String!) { instrument(name: $m) { name } }", "--var", "m=2020", data_dir=data_dir)
    body = json.loads(r.stdout)  # no such instrument: null, and an error saying so (the name as a string)
    assert r.returncode == 1 and body["data"] == {"instrument": None}, r.stdout
    assert body["errors"][0]["extensions"] == {**body["errors"][0]["extensions"], "code": "NOT_FOUND", "name": "2020"}
    r = run("query", "query($n: Int!) { ministries(limit: $n) { name } }", "--var", "n=2", data_dir=data_dir)
    assert r.returncode == 0 and len(json.loads(r.stdout)["data"]["ministries"]) == 2
    r = run("query", "query($n: Int!) { ministries(limit: $n) { name } }", "--var", "n=two", data_dir=data_dir)
    assert r.returncode == 1
    assert "Int cannot represent non-integer value: 'two'" in json.loads(r.stdout)["errors"][0]["message"]
    assert run("query", "{ ministries { name } }", "--file", "queries/responsibility.graphql",
               data_dir=data_dir).returncode == 2
    assert "nope.graphql" in one_line_error(run("query", "--file", "nope.graphql", data_dir=data_dir))
