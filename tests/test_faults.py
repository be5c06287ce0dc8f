"""Faults, on the real embedded store: the graph stays whole and the service heals.

* the loader is SIGKILLed in the middle of a load and run again: the graph equals an
  uninterrupted load (counts and a content hash over every node and relationship), and at the
  moment of the kill it held only whole documents;
* the store process dies while the API serves: the API restarts a *crashed* store by itself;
  a store *stopped* on purpose (`helsegraf store stop`) gives 503 with a message saying to run
  `helsegraf store start`, after which the same API process answers again;
* the store cannot persist (its data file cannot be written: the honest stand-in for a full or
  read-only disk, which Redis answers with MISCONF) or runs out of memory in the middle of a
  load; the data dir itself cannot be written: each is one clear line and exit code 1, the
  graph keeps only whole documents, and loading again completes it;
* two `helsegraf load` at the same time: one waits for the other (the load lock), nothing is
  loaded twice, the graph equals a single load.

The corpus is synthetic (tests/support/synthetic_corpus.py). The 200-document kill test is marked slow.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient

from api.loading import load_files
from tests.support.synthetic_corpus import make_corpus
from graph.embedded import EmbeddedServer
from graph.falkordb_store import FalkorDBStore
from tests.conftest import make_settings

HELSEGRAF = [sys.executable, "-m", "api.cli"]
FAST_DOCS = 30


# -- helpers ----------------------------------------------------------------------------------------
def snapshot(store) -> dict:
    """Counts and a content hash over every node (label, id, properties) and relationship
    (type, ends, properties), sorted: equal snapshots mean equal graphs."""
    nodes = store.read("MATCH (n) RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props")
    rels = store.read("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, "
                      "properties(r) AS props")
    rows = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in nodes + rels)
    return {"counts": store.counts(), "hash": hashlib.sha256("\n".join(rows).encode()).hexdigest()}


def facts_per_document(store) -> dict[str, int]:
    return {r["source"]: r["n"] for r in store.read(
        "MATCH ()-[r]->() WHERE r.source <> 'registry' RETURN r.source AS source, count(r) AS n")}


def documents(store) -> int:
    rows = store.read("MATCH (d:Document) RETURN count(d) AS n")
    return rows[0]["n"] if rows else 0


def assert_whole_documents(store, reference: dict) -> None:
    """Every document in the store has all of its facts (no half-written document)."""
    facts = facts_per_document(store)
    loaded = {r["id"] for r in store.read("MATCH (d:Document) RETURN d.id AS id")}
    assert set(facts) == loaded, "facts of a document whose Document node is missing, or the reverse"
    for doc, n in facts.items():
        assert n == reference["facts"][doc], f"{doc}: {n} facts, a whole load has {reference['facts'][doc]}"


def cli(env: dict, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(HELSEGRAF + list(args), env=env, capture_output=True, text=True, timeout=timeout)


def summary(stdout: str, what: str) -> int:
    m = re.search(rf"documents {what}\D+(\d+)", stdout)
    assert m, stdout
    return int(m.group(1))


def wait_for_documents(store, proc: subprocess.Popen, at_least: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = documents(store)
        if n >= at_least:
            return n
        assert proc.poll() is None, f"the load ended before {at_least} documents: {proc.stderr.read()}"
        time.sleep(0.02)
    raise AssertionError(f"fewer than {at_least} documents after {timeout}s")


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """n -> (corpus dir, reference): a synthetic corpus and its uninterrupted load's snapshot."""
    cache: dict[int, tuple[Path, dict]] = {}
    ref_dir = tmp_path_factory.mktemp("ref")

    def get(n: int) -> tuple[Path, dict]:
        if n not in cache:
            corpus = tmp_path_factory.mktemp(f"corpus{n}")
            make_corpus(n, corpus, seed=6)
            settings = make_settings(ref_dir, graph_name=f"reference_{n}")
            store = FalkorDBStore(settings)
            report = load_files(store, settings, [corpus])
            assert len(report.loaded) == n and not report.failed
            cache[n] = corpus, {**snapshot(store), "facts": facts_per_document(store)}
            store.close()
        return cache[n]

    yield get
    EmbeddedServer(ref_dir).stop()


@pytest.fixture
def data_dir(tmp_path_factory):
    """A data dir of its own (short path: unix socket limit), its server stopped afterwards."""
    path = tmp_path_factory.mktemp("f")
    yield path
    EmbeddedServer(path).stop()


def env_for(data_dir: Path) -> dict:
    return {**os.environ, "HELSEGRAF_DATA_DIR": str(data_dir)}


# -- 1. the loader killed mid-load ---------------------------------------------------------------------
@pytest.mark.parametrize("n", [FAST_DOCS, pytest.param(200, marks=pytest.mark.slow)])
def test_loader_killed_mid_load_then_rerun_equals_an_uninterrupted_load(n, corpora, data_dir):
    corpus, reference = corpora(n)
    store = FalkorDBStore(make_settings(data_dir))  # the server the CLI shares
    proc = subprocess.Popen(HELSEGRAF + ["load", str(corpus)], env=env_for(data_dir),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_documents(store, proc, n // 3)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    at_kill = documents(store)
    assert 0 < at_kill < n, "the kill should land in the middle of the load"
    assert_whole_documents(store, reference)

    again = cli(env_for(data_dir), "load", str(corpus))
    assert again.returncode == 0, again.stderr
    assert summary(again.stdout, "unchanged") >= at_kill  # what was written stays written
    assert summary(again.stdout, "loaded") + summary(again.stdout, "unchanged") == n
    got = snapshot(store)
    assert got["counts"] == reference["counts"]
    assert got["hash"] == reference["hash"]
    store.close()


# -- 2. the store dies while the API serves ------------------------------------------------------------
def _api(data_dir: Path):
    from api.app import create_app
    return TestClient(create_app(make_settings(data_dir)))


def test_api_restarts_a_crashed_store_by_itself(data_dir, monkeypatch):
    from loaders.pipeline import registry_batch
    with _api(data_dir) as client:
        store = client.app.state.store
        store.write(registry_batch())
        before = client.get("/health").json()
        assert before["ok"] and before["nodes"] > 100
        old = store.server.pid()
        os.kill(old, signal.SIGKILL)
        time.sleep(0.1)

        r = client.get("/health")  # the API restarts the crashed store and answers
        assert r.status_code == 200, r.json()
        assert r.json()["nodes"] == before["nodes"]  # the append-only file kept the data
        assert store.server.pid() not in (None, old)

        # crashing again at once: no restart storm, 503 saying when the next attempt comes
        os.kill(store.server.pid(), signal.SIGKILL)
        time.sleep(0.1)
        r = client.get("/health")
        assert r.status_code == 503 and r.json()["ok"] is False
        assert "crashed again soon after a restart; next restart attempt in" in r.json()["error"]

        # the restart itself fails: 503 saying why; it is tried again after the back-off
        store.restart_backoff = 0
        import graph.embedded
        real = graph.embedded._binaries
        monkeypatch.setattr(graph.embedded, "_binaries", lambda: ("/bin/false", real()[1]))
        r = client.get("/health")
        assert r.status_code == 503 and "crashed and could not be restarted" in r.json()["error"]
        store.restart_backoff = 60
        r = client.get("/health")
        assert r.status_code == 503 and "restarting it failed" in r.json()["error"]
        monkeypatch.setattr(graph.embedded, "_binaries", real)
        store.restart_backoff = 0
        r = client.get("/health")
        assert r.status_code == 200 and r.json()["nodes"] == before["nodes"]


def test_api_waits_for_store_start_after_a_deliberate_stop(data_dir):
    env = env_for(data_dir)
    with _api(data_dir) as client:
        nodes = client.get("/health").json()["nodes"]
        assert cli(env, "store", "stop").returncode == 0
        for _ in range(2):  # a store stopped on purpose stays stopped
            r = client.get("/health")
            assert r.status_code == 503
            assert "not running" in r.json()["error"] and "helsegraf store start" in r.json()["error"]
        assert not EmbeddedServer(data_dir).running()
        started = cli(env, "store", "start")
        assert started.returncode == 0, started.stderr
        r = client.get("/health")  # the same API process, no restart
        assert r.status_code == 200 and r.json()["nodes"] == nodes


# -- 3. the store cannot write: disk full / not writable, out of memory ----------------------------------
def _cannot_persist(conn: redis.Redis, home: Path) -> None:
    """The data file cannot be written (a directory stands where it goes): the next snapshot
    fails, and Redis refuses writes with MISCONF, as it does when the disk is full."""
    (home / "helsegraf.rdb").mkdir()
    conn.bgsave()
    deadline = time.monotonic() + 10
    while conn.info("persistence")["rdb_last_bgsave_status"] != "err":
        assert time.monotonic() < deadline, "the snapshot did not fail"
        time.sleep(0.02)


def _can_persist(conn: redis.Redis, home: Path) -> None:
    (home / "helsegraf.rdb").rmdir()
    conn.bgsave()
    deadline = time.monotonic() + 10
    while conn.info("persistence")["rdb_last_bgsave_status"] != "ok" or \
            conn.info("persistence")["rdb_bgsave_in_progress"]:
        assert time.monotonic() < deadline, "the snapshot did not succeed"
        time.sleep(0.02)


FAULTS = {
    "disk-full": (_cannot_persist, _can_persist, "cannot save to its data dir"),
    "out-of-memory": (lambda conn, home: conn.config_set("maxmemory", "1mb"),
                      lambda conn, home: conn.config_set("maxmemory", "0"), "out of memory"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_store_refusing_writes_mid_load(fault, corpora, data_dir):
    break_it, fix_it, words = FAULTS[fault]
    corpus, reference = corpora(FAST_DOCS)
    store = FalkorDBStore(make_settings(data_dir))
    conn = redis.Redis(unix_socket_path=str(store.server.socket))
    proc = subprocess.Popen(HELSEGRAF + ["load", str(corpus)], env=env_for(data_dir),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_documents(store, proc, 3)
    break_it(conn, store.server.home)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stdout
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the embedded store refuses writes") \
        and words in lines[0], stderr
    assert 3 <= documents(store) < FAST_DOCS
    assert_whole_documents(store, reference)

    fix_it(conn, store.server.home)
    again = cli(env_for(data_dir), "load", str(corpus))
    assert again.returncode == 0, again.stderr
    assert snapshot(store)["hash"] == reference["hash"]
    conn.close()
    store.close()


def test_data_dir_that_cannot_be_written_is_one_clear_line(tmp_path, corpora):
    corpus, _ = corpora(FAST_DOCS)
    blocker = tmp_path / "var"
    blocker.write_text("a file where the data dir should be")
    out = cli(env_for(blocker / "data"), "load", str(corpus), timeout=60)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith("error: data dir") and "not writable" in out.stderr \
        and "HELSEGRAF_DATA_DIR" in out.stderr


# -- 4. two loads at once ---------------------------------------------------------------------------------
def test_two_loads_at_once_one_waits_nothing_twice(corpora, data_dir):
    corpus, reference = corpora(FAST_DOCS)
    store = FalkorDBStore(make_settings(data_dir))
    env = env_for(data_dir)
    procs = [subprocess.Popen(HELSEGRAF + ["load", str(corpus)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    wait_for_documents(store, procs[0] if procs[1].poll() is None else procs[1], 1)
    assert all(p.poll() is None for p in procs), "both loads run at the same time (one of them waiting)"
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e for _, e in outs]
    loaded = sorted(summary(o, "loaded") for o, _ in outs)
    assert loaded == [0, FAST_DOCS], "the second load should have waited, then found everything loaded"
    assert sorted(summary(o, "unchanged") for o, _ in outs) == [0, FAST_DOCS]
    waited = [e for o, e in outs if summary(o, "unchanged") == FAST_DOCS]
    assert "waiting for another helsegraf load to finish" in waited[0]
    got = snapshot(store)
    assert got["counts"] == reference["counts"] and got["hash"] == reference["hash"]
    store.close()
