"""A bounded load test of `helsegraf serve`: N concurrent clients for T seconds, each sending
the analyst cookbook (queries/*.graphql, with the variables of its `# variables:` header) as
POST /graphql, every answer checked against a reference answer fetched once per query before
the run (status 200, no `errors`, the same `data`: zero wrong answers).

    .venv/bin/python bench/load_test.py                         # against http://127.0.0.1:8000
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:9000 --clients 50 --seconds 60
    .venv/bin/python bench/load_test.py --spawn                  # starts its own server (temp data dir,
                                                                 # default corpus loaded), then stops it

Loopback only: any URL whose host is not 127.0.0.0/8, ::1 or `localhost` is refused.
Bounded: at most --seconds of sending (plus one request timeout to drain), at most --max-requests
requests in all. Prints requests/s, p50/p99 latency, 5xx, wrong answers and transport errors;
exits 1 if there was any 5xx, wrong answer or transport error.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.support.server import spawned_server  # noqa: E402

QUERIES = REPO_ROOT / "queries"
MAX_CLIENTS = 1000
MAX_SECONDS = 3600


# -- the cookbook ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Query:
    name: str
    query: str
    variables: dict

    def body(self) -> dict:
        return {"query": self.query, "variables": self.variables}


def cookbook(directory: Path = QUERIES) -> list[Query]:
    out = []
    for path in sorted(directory.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^# variables: (.*)$", text, re.M)
        out.append(Query(path.stem, text, json.loads(m.group(1)) if m else {}))
    if not out:
        raise SystemExit(f"no *.graphql queries in {directory}")
    return out


# -- loopback only -----------------------------------------------------------------------------------------
def require_loopback(url: str) -> str:
    """The URL without a trailing slash, or ValueError when it does not point at this machine."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname
    if host != "localhost":
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            raise ValueError(f"refusing {url!r}: the load test runs against loopback only "
                             "(127.0.0.0/8, ::1, localhost)") from None
        if not ip.is_loopback:
            raise ValueError(f"refusing {url!r}: {host} is not a loopback address")
    return url.rstrip("/")


# -- the run -----------------------------------------------------------------------------------------------
@dataclass
class Result:
    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, of every completed request
    status_5xx: int = 0
    wrong: int = 0
    transport_errors: int = 0
    per_query: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)  # the first few failures, for the report

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        s = sorted(self.latencies)
        return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]

    @property
    def ok(self) -> bool:
        return self.requests > 0 and not (self.status_5xx or self.wrong or self.transport_errors)

    def note(self, text: str) -> None:
        if len(self.examples) < 5:
            self.examples.append(text[:300])

    def report(self) -> str:
        return (f"{self.clients} clients, {self.seconds:.1f} s: {self.requests} requests, "
                f"{self.rps:.1f} req/s, p50 {self.percentile(50) * 1000:.1f} ms, "
                f"p99 {self.percentile(99) * 1000:.1f} ms, 5xx {self.status_5xx}, "
                f"wrong answers {self.wrong}, transport errors {self.transport_errors}")


def _client(clients: int, timeout: float) -> httpx.AsyncClient:
    # trust_env=False: never through a proxy from the environment
    return httpx.AsyncClient(timeout=timeout, trust_env=False,
                             limits=httpx.Limits(max_connections=clients, max_keepalive_connections=clients))


async def references(base: str, queries: list[Query], timeout: float = 30) -> dict[str, dict]:
    """The reference `data` of every query, fetched once (each must answer 200 without errors)."""
    refs = {}
    async with _client(1, timeout) as http:
        for q in queries:
            r = await http.post(f"{base}/graphql", json=q.body())
            body = r.json()
            if r.status_code != 200 or "errors" in body or body.get("data") is None:
                raise RuntimeError(f"reference answer for {q.name}: HTTP {r.status_code} {str(body)[:300]}")
            refs[q.name] = body["data"]
    return refs


async def run_load(url: str, clients: int = 50, seconds: float = 60, max_requests: int = 2_000_000,
                   timeout: float = 30, queries: list[Query] | None = None) -> Result:
    base = require_loopback(url)
    if not 1 <= clients <= MAX_CLIENTS:
        raise ValueError(f"clients must be 1..{MAX_CLIENTS}")
    if not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"seconds must be in (0, {MAX_SECONDS}]")
    queries = queries or cookbook()
    refs = await references(base, queries, timeout)
    result = Result(clients=clients, per_query={q.name: 0 for q in queries})
    budget = [max_requests]
    start = time.perf_counter()
    deadline = start + seconds

    async def client(i: int, http: httpx.AsyncClient) -> None:
        n = i  # each client walks the cookbook from its own offset: an even mix
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            q = queries[n % len(queries)]
            n += 1
            t0 = time.perf_counter()
            try:
                r = await http.post(f"{base}/graphql", json=q.body())
                body = r.content
            except httpx.HTTPError as e:
                result.transport_errors += 1
                result.note(f"{q.name}: {type(e).__name__}: {e}")
                continue
            result.latencies.append(time.perf_counter() - t0)
            result.per_query[q.name] += 1
            if r.status_code >= 500:
                result.status_5xx += 1
                result.note(f"{q.name}: HTTP {r.status_code} {body[:200]!r}")
                continue
            try:
                parsed = json.loads(body)
            except ValueError:
                parsed = None
            if r.status_code != 200 or not isinstance(parsed, dict) or "errors" in parsed \
                    or parsed.get("data") != refs[q.name]:
                result.wrong += 1
                result.note(f"{q.name}: HTTP {r.status_code} {body[:200]!r}")

    async with _client(clients, timeout) as http:
        tasks = [asyncio.create_task(client(i, http)) for i in range(clients)]
        try:
            # hard bound: the run's time plus one request timeout to drain the last requests
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + timeout + 5)
        except asyncio.TimeoutError:
            result.transport_errors += 1
            result.note("the run did not finish within its time bound")
    result.seconds = time.perf_counter() - start
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8000", help="the server (loopback only)")
    ap.add_argument("--spawn", action="store_true", help="start a server of its own (ignores --url)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--max-requests", type=int, default=2_000_000)
    ap.add_argument("--timeout", type=float, default=30, help="per request, seconds")
    args = ap.parse_args(argv)

    def go(url: str) -> Result:
        return asyncio.run(run_load(url, args.clients, args.seconds, args.max_requests, args.timeout))

    try:
        if args.spawn:
            with spawned_server() as url:
                result = go(url)
        else:
            result = go(args.url)
    except (ValueError, RuntimeError, httpx.HTTPError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(result.report())
    print("per query: " + ", ".join(f"{k} {v}" for k, v in result.per_query.items()))
    for ex in result.examples:
        print(f"  failure: {ex}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
