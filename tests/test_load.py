"""The load test (bench/load_test.py) against a real `helsegraf serve` (a uvicorn subprocess on a
free loopback port, HELSEGRAF_DATA_DIR a temporary dir where the default corpus was loaded):
concurrent clients send the cookbook queries and every answer must equal the reference answer.

* in `make test`: 10 clients for 5 s — zero 5xx, zero wrong answers, zero transport errors;
* `-m slow`: the full run, 50 clients for 60 s, same assertions;
* the generator refuses any URL that is not loopback, and stops by itself.
"""

from __future__ import annotations

import asyncio

import pytest

from bench.load_test import cookbook, require_loopback, run_load
from tests.support.server import spawned_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with spawned_server(tmp_path_factory.mktemp("load"), log=tmp_path_factory.mktemp("log") / "serve.log") as url:
        yield url


def test_an_idle_connection_is_kept_open_longer_than_uvicorns_five_seconds(server):
    """A pooled connection reused after 6 s idle still answers: the server does not close it
    under the client (`helsegraf serve --keep-alive`, default 75 s; uvicorn's own is 5 s)."""
    import http.client
    import time
    host, port = server.rsplit("//", 1)[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", "/health")
    first = conn.getresponse()
    first.read()
    sock = conn.sock
    time.sleep(6)
    conn.request("GET", "/health")
    second = conn.getresponse()
    second.read()
    assert first.status == second.status == 200
    assert conn.sock is sock  # the same socket: not reconnected behind our back


def _check(result) -> None:
    print(result.report())
    assert result.requests > 0
    assert result.status_5xx == 0, result.examples
    assert result.wrong == 0, result.examples
    assert result.transport_errors == 0, result.examples
    assert all(n > 0 for n in result.per_query.values()), result.per_query  # every query in the mix


def test_short_load_zero_5xx_zero_wrong_answers(server):
    result = asyncio.run(run_load(server, clients=10, seconds=5))
    _check(result)
    assert result.seconds < 5 + 30  # bounded: stops by itself
    assert len(result.per_query) == len(cookbook()) >= 12


@pytest.mark.slow
def test_full_load_50_clients_60_seconds(server):
    _check(asyncio.run(run_load(server, clients=50, seconds=60)))


def test_request_budget_bounds_the_run(server):
    result = asyncio.run(run_load(server, clients=4, seconds=30, max_requests=20))
    assert result.requests == 20 and result.seconds < 30
    assert result.ok, result.examples


@pytest.mark.parametrize("url", ["http://10.1.2.3:8000", "http://example.org/", "http://0.0.0.0:8000",
                                 "http://[2001:db8::1]:8000", "ftp://127.0.0.1/"])
def test_refuses_anything_but_loopback(url):
    with pytest.raises(ValueError):
        require_loopback(url)
    with pytest.raises(ValueError):
        asyncio.run(run_load(url, clients=1, seconds=1))


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://127.9.9.9:1/", "http://localhost:8000",
                                 "http://[::1]:8000"])
def test_accepts_loopback(url):
    assert require_loopback(url) == url.rstrip("/")
