"""The embedded FalkorDB server: unix socket only, persistence, sharing, crash recovery."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from graph.embedded import EmbeddedServer
from graph.errors import StoreError, StoreUnavailable
from graph.falkordb_store import FalkorDBStore
from schema.batch import GraphBatch
from tests.conftest import make_settings

HELSEGRAF = [sys.executable, "-m", "api.cli"]


@pytest.fixture
def data_dir(tmp_path):
    yield tmp_path
    EmbeddedServer(tmp_path).stop()


def _batch() -> GraphBatch:
    b = GraphBatch()
    b.node("Agency", "forskningsradet", name="Norges forskningsråd", aliases=["Forskningsrådet"])
    return b


def _listening_tcp_inodes() -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":  # LISTEN
                inodes.add(fields[9])
    return inodes


def test_listens_on_unix_socket_only(data_dir):
    store = FalkorDBStore(make_settings(data_dir))
    pid = store.server.pid()
    assert pid and store.server.socket.is_socket()
    sockets = {os.readlink(f"/proc/{pid}/fd/{fd}")[8:-1] for fd in os.listdir(f"/proc/{pid}/fd")
               if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")}
    assert sockets, "server holds no sockets at all?"
    assert not sockets & _listening_tcp_inodes(), "the embedded store opened a TCP port"
    assert oct(store.server.socket.stat().st_mode)[-3:] == "700"
    store.close()


def test_data_survives_a_restart(data_dir):
    settings = make_settings(data_dir)
    store = FalkorDBStore(settings)
    store.setup()
    store.write(_batch())
    store.close()
    assert store.server.stop() is True
    assert not store.server.running() and not store.server.socket.exists()
    again = FalkorDBStore(settings)
    assert again.counts()["nodes"] == {"Agency": 1}
    again.close()


def test_second_process_shares_the_server(data_dir):
    store = FalkorDBStore(make_settings(data_dir))
    store.write(_batch())
    pid = store.server.pid()
    env = {**os.environ, "HELSEGRAF_DATA_DIR": str(data_dir)}
    out = subprocess.run(HELSEGRAF + ["store", "status"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "embedded" in out.stdout and "FalkorDB" in out.stdout and str(store.server.socket) in out.stdout
    assert "Agency" in out.stdout and "nodes     1" in out.stdout
    assert store.server.pid() == pid  # the same server, not a second one
    store.close()


def test_start_is_shared_not_duplicated(data_dir):
    server = EmbeddedServer(data_dir)
    assert server.start() is True
    assert server.start() is False


def test_crashed_server_is_detected_and_replaced(data_dir):
    settings = make_settings(data_dir)
    store = FalkorDBStore(settings)
    store.write(_batch())
    store.close()
    import time
    time.sleep(1.5)  # let appendfsync everysec flush
    old = store.server.pid()
    os.kill(old, signal.SIGKILL)
    import time
    time.sleep(0.2)
    assert store.server.socket.exists() and store.server.pid_file.exists()  # stale leftovers
    again = FalkorDBStore(settings)
    assert again.server.pid() != old
    assert again.counts()["nodes"] == {"Agency": 1}  # the append-only file kept the write
    again.close()


def test_a_query_the_server_dies_under_is_not_run_again(data_dir):
    """A crash while the server holds a query may be that query's doing: the store is restarted
    (other queries work again) but that query is answered with StoreUnavailable, not re-run. A
    server that was already gone when a query came is restarted and the query runs."""
    import threading
    import time
    store = FalkorDBStore(make_settings(data_dir))
    store.write(_batch())
    slow = "UNWIND range(1, 6000) AS a UNWIND range(1, 6000) AS b WITH a, b WHERE (a * b) % 7 = 0 RETURN count(*) AS n"
    seen: list[BaseException] = []
    worker = threading.Thread(target=lambda: seen.append(_raises(lambda: store.read(slow))))
    worker.start()
    time.sleep(0.5)  # the query is running
    first = store.server.pid()
    os.kill(first, signal.SIGKILL)
    worker.join(30)
    assert isinstance(seen[0], StoreUnavailable) and "while running this query" in str(seen[0])
    second = store.server.pid()
    assert second not in (None, first)  # restarted once, and not killed again by a re-run
    assert store.counts()["nodes"] == {"Agency": 1}

    store.restart_backoff = 0
    os.kill(second, signal.SIGKILL)  # gone before the next query: restarted, and the query runs
    time.sleep(0.2)
    assert store.read("MATCH (n:Agency) RETURN count(n) AS n") == [{"n": 1}]
    assert store.server.pid() not in (None, second)
    store.close()


def _raises(fn) -> BaseException | None:
    try:
        fn()
    except BaseException as e:  # noqa: BLE001 — the test inspects it
        return e
    return None


def test_stale_pid_file_of_a_foreign_process_is_ignored(data_dir):
    server = EmbeddedServer(data_dir)
    server.home.mkdir(parents=True)
    server.pid_file.write_text(f"{os.getpid()}\n")  # alive, but not a redis-server
    server.socket.write_text("")  # a leftover file where the socket should be
    assert server.pid() is None
    assert server.start() is True and server.running()


def test_not_running_without_start(data_dir):
    with pytest.raises(StoreUnavailable, match="helsegraf store start"):
        FalkorDBStore(make_settings(data_dir), start=False)


def test_socket_path_too_long(tmp_path):
    deep = tmp_path / ("d" * 100)
    with pytest.raises(StoreError, match="socket path too long.*HELSEGRAF_DATA_DIR"):
        EmbeddedServer(deep).start()


def test_data_dir_not_writable(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="not writable.*HELSEGRAF_DATA_DIR"):
        EmbeddedServer(blocker / "sub").start()


def test_plan_cache_size_comes_from_the_settings(data_dir):
    """HELSEGRAF_STORE_PLAN_CACHE reaches FalkorDB's CACHE_SIZE (its own default, 25, is fewer plans
    than the distinct queries the app sends: each one then parsed and planned again)."""
    store = FalkorDBStore(make_settings(data_dir, store_plan_cache=77))
    try:
        assert store.db.connection.execute_command("GRAPH.CONFIG", "GET", "CACHE_SIZE") == ["CACHE_SIZE", 77]
        store.write(_batch())
        for _ in range(2):  # the second run of the same text is served from the cache
            reply = store.db.connection.execute_command("GRAPH.RO_QUERY", store.settings.graph_name,
                                                        "RETURN 1 AS one", "--compact")
        assert "Cached execution: 1" in reply[-1]
    finally:
        store.close()


def test_the_plan_cache_benchmark_runs():
    """bench/plan_cache.py, two rounds: every text timed on both stores with its ratio, and the cache
    counts show the difference (28 texts round-robin never hit an LRU of 25; they do the configured one)."""
    import re
    out = subprocess.run([sys.executable, "bench/plan_cache.py", "--rounds", "2"], capture_output=True, text=True,
                         timeout=300, cwd=Path(__file__).resolve().parents[1])
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [line for line in out.stdout.splitlines() if re.search(r"\((GraphQL|reference)\)\s.*\d\.\d\dx$", line)]
    assert len(rows) >= 26, out.stdout
    m = re.search(r"served from the plan cache: (\d+)/(\d+) with 25, (\d+)/(\d+) with", out.stdout)
    assert m, out.stdout
    small, runs, large = int(m[1]), int(m[2]), int(m[3])
    assert small == 0 and large >= runs // 2, out.stdout
