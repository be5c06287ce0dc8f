"""helsegraf vs the Neo4j GraphQL Library (the peer, bench/peer/) on the same Neo4j and the same data.

    python bench/peer_latency.py [--repeat 30] [--docs 0] [--clients 50 --seconds 30]

1. Starts a local Neo4j 5.26 (graph/neo4j_local.py, a temporary data directory), loads the corpus
   (`--docs N`: N synthetic documents from bench/make_corpus.py instead), and serves it twice:
   `helsegraf serve` with HELSEGRAF_BACKEND=neo4j (returning whole lists, as the library does:
   ALL_OF_A_LIST), and the peer (node bench/peer/server.mjs on
   typeDefs generated from schema/model.py, NODE_ENV=production). Both on 127.0.0.1, free ports.
2. Checks that both answer each cookbook question the same (bench/peer/answers.py); a question
   the peer cannot ask, or one they answer differently, is left out of the timing with the reason.
3. Latency: `--repeat` rounds; in each, every (question, side) request once, in a shuffled order
   (seeded), over one keep-alive connection per side (http.client). Medians per question and side,
   the ratio helsegraf / peer per question and its geometric mean.
4. Load: `--clients` concurrent clients for `--seconds` against each side in turn (bench/load_test.py's
   bounded loop, loopback only, every answer checked): requests/s and p50/p99.
Prints the tables as Markdown; exits 1 if a side failed under load, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import logging
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.load_test import Query, cookbook, run_load  # noqa: E402
from tests.support.server import free_port, wait_healthy  # noqa: E402
from bench.peer.answers import NOT_EXPRESSIBLE, PEER_QUERIES, differences  # noqa: E402
from bench.peer.typedefs import typedefs  # noqa: E402

PEER_DIR = REPO / "bench" / "peer"
NEO4J_USER = "neo4j"


def unavailable_reason(local_neo4j: bool = True) -> str | None:
    """Why the comparison cannot run here (no Java for a local Neo4j, no Node or no installed peer), or None."""
    from graph.neo4j_local import unavailable_reason as neo4j_reason
    if local_neo4j and (reason := neo4j_reason()):
        return reason
    if shutil.which("node") is None:
        return "no `node` on PATH for the peer"
    if not (PEER_DIR / "node_modules" / "@neo4j" / "graphql").is_dir():
        return "the peer is not installed: run `make bench-peer`"
    return None


@contextlib.contextmanager
def neo4j_for_run(workdir: Path, uri: str | None):
    """(bolt URI, password): the Neo4j at `uri` (password from HELSEGRAF_NEO4J_PASSWORD), else a
    local one started for the run in `workdir`."""
    if uri:
        password = os.environ.get("HELSEGRAF_NEO4J_PASSWORD", "")
        if not password:
            raise SystemExit("--neo4j-uri needs the password in HELSEGRAF_NEO4J_PASSWORD")
        yield uri, password
        return
    from graph.neo4j_local import LocalNeo4j
    password = os.urandom(12).hex()
    with LocalNeo4j(workdir / "neo4j", password) as neo4j:
        yield neo4j.uri, password


# helsegraf pages a list asked for without a limit at HELSEGRAF_GRAPHQL_DEFAULT_PAGE_SIZE (100); the
# library returns all of it. So that both answer the same question, helsegraf is set to return all
# too (its complexity estimate, page sizes times fields, then needs a higher limit).
ALL_OF_A_LIST = {"HELSEGRAF_GRAPHQL_DEFAULT_PAGE_SIZE": "100000", "HELSEGRAF_GRAPHQL_MAX_PAGE_SIZE": "100000",
                 "HELSEGRAF_GRAPHQL_MAX_COMPLEXITY": "1000000000"}


def helsegraf_env(uri: str, password: str, workdir: Path) -> dict[str, str]:
    return {**os.environ, "HELSEGRAF_BACKEND": "neo4j", "HELSEGRAF_NEO4J_URI": uri,
            "HELSEGRAF_NEO4J_USER": NEO4J_USER, "HELSEGRAF_NEO4J_PASSWORD": password,
            "HELSEGRAF_DATA_DIR": str(workdir / "helsegraf"), **ALL_OF_A_LIST}


def load(uri: str, password: str, workdir: Path, docs: int) -> str:
    """Set up the store and load the corpus (or `docs` synthetic documents) unless it holds proposals
    already; returns what it holds."""
    from api.loading import load_files
    from graph.neo4j_store import Neo4jStore
    from graph.settings import Settings
    settings = Settings(backend="neo4j", neo4j_uri=uri, neo4j_user=NEO4J_USER, neo4j_password=password,
                        data_dir=workdir / "helsegraf")
    corpus = settings.corpus_dir
    if docs and not _holds_proposals(settings):
        corpus = workdir / f"corpus-{docs}"
        subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), str(docs), "--out", str(corpus)],
                       check=True, stdout=subprocess.DEVNULL)
    store = Neo4jStore(settings)
    try:
        if store.counts()["nodes"].get("Proposal"):
            what = "the data it held"
        else:
            store.setup()
            load_files(store, settings, [corpus])
            what = f"{docs} synthetic documents" if docs else "the corpus"
        counts = store.counts()["nodes"]
    finally:
        store.close()
    return f"{what} ({counts.get('Document', 0)} documents, {sum(counts.values())} nodes)"


def _holds_proposals(settings) -> bool:
    from graph.neo4j_store import Neo4jStore
    store = Neo4jStore(settings)
    try:
        return bool(store.counts()["nodes"].get("Proposal"))
    finally:
        store.close()


@contextlib.contextmanager
def helsegraf_server(uri: str, password: str, workdir: Path):
    """`helsegraf serve` on the Neo4j: its base URL (its log in workdir/helsegraf.log)."""
    port = free_port()
    log = open(workdir / "helsegraf.log", "wb")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("helsegraf")), "serve", "--host", "127.0.0.1",
                             "--port", str(port)], env=helsegraf_env(uri, password, workdir),
                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, proc, timeout=60)
        yield base
    finally:
        _stop(proc)
        log.close()


@contextlib.contextmanager
def peer_server(uri: str, password: str, workdir: Path, timeout: float = 60):
    """The peer on the Neo4j: its base URL (it serves GraphQL on /graphql as on every path)."""
    defs = workdir / "peer-typedefs.graphql"
    defs.write_text(typedefs(), encoding="utf-8")
    port = free_port()
    err = open(workdir / "peer.err", "wb")
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": NEO4J_USER, "NEO4J_PASSWORD": password,
           "NODE_ENV": "production"}
    proc = subprocess.Popen(["node", str(PEER_DIR / "server.mjs"), str(defs), str(port)], env=env, cwd=PEER_DIR,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err)
    try:
        line = _ready_line(proc, timeout)
        if not line.startswith("peer ready "):
            err.flush()
            tail = (workdir / "peer.err").read_text(errors="replace").strip().splitlines()
            raise RuntimeError(f"the peer did not start: {tail[-1] if tail else line or proc.poll()}")
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)
        err.close()


def _ready_line(proc: subprocess.Popen, timeout: float) -> str:
    import selectors
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        if sel.select(timeout):
            return proc.stdout.readline().decode("utf-8", "replace").strip()
    return ""


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stdout:
        proc.stdout.close()


# The smallest question, the same text on both: one HTTP and one store round trip (not in the mean).
FLOOR = Query("floor", "{ countries(sort: [{name: ASC}], limit: 1) { name } }", {})


# -- the questions --------------------------------------------------------------------------------------
def pairs() -> list[tuple[Query, Query]]:
    """(helsegraf's query, the peer's) for every cookbook question the peer can ask; the peer's
    query gets the cookbook's variables."""
    peer = {q.name: q for q in cookbook(PEER_QUERIES)}
    out = []
    for q in cookbook():
        if q.name in peer:
            out.append((q, Query(q.name, peer[q.name].query, q.variables)))
        elif q.name not in NOT_EXPRESSIBLE:
            raise SystemExit(f"{q.name}: no peer query in {PEER_QUERIES} and no reason in NOT_EXPRESSIBLE")
    return out


def post(conn: http.client.HTTPConnection, q: Query) -> dict:
    conn.request("POST", "/graphql", json.dumps(q.body()).encode(), {"content-type": "application/json"})
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        # a GraphQL error answer (a timeout: 504, a store error: 503) is an answer that fails;
        # anything else is the server's fault
        with contextlib.suppress(ValueError):
            answer = json.loads(body)
            if isinstance(answer, dict) and answer.get("errors"):
                return answer
        raise RuntimeError(f"{q.name}: HTTP {r.status} {body[:300]!r}")
    return json.loads(body)


def _answer(conn: http.client.HTTPConnection, q: Query) -> dict:
    """`post`, with a broken connection (the server died under the query) as an answer that fails;
    the connection is opened again for the next question. A keep-alive connection the server closed
    while it was idle is tried once more on a new one first: Node closes idle connections after
    5 s, and the peer's waited that long whenever helsegraf's answer to the same question took longer
    (named_together at 1,000 documents: a BrokenPipeError that was no answer of the peer's)."""
    for attempt in (1, 2):
        try:
            return post(conn, q)
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            if attempt == 2 or not isinstance(e, (BrokenPipeError, ConnectionResetError,
                                                  http.client.RemoteDisconnected)):
                return {"errors": [{"message": f"no answer: the connection failed or was closed ({type(e).__name__})"}]}
    raise AssertionError("unreachable")


def agreement(hg: http.client.HTTPConnection, peer: http.client.HTTPConnection,
              questions: list[tuple[Query, Query]]) -> tuple[list[tuple[Query, Query]], dict[str, str]]:
    """The questions both answer the same, and why each other one is left out."""
    same, left_out = [], {}
    for ours, theirs in questions:
        a, b = _answer(hg, ours), _answer(peer, theirs)
        if "errors" in a:
            left_out[ours.name] = f"helsegraf fails on Neo4j: {str(a['errors'])[:200]}"
        elif "errors" in b:
            left_out[ours.name] = f"the peer fails: {str(b['errors'])[:200]}"
        elif diff := differences(ours.name, a["data"], b["data"]):
            left_out[ours.name] = "different answers: " + "; ".join(diff)[:300]
        else:
            same.append((ours, theirs))
    return same, left_out


IDLE_CLOSE = 4.0  # seconds idle after which a keep-alive connection is opened again before a timed request


def latency(hg_base: str, peer_base: str, questions: list[tuple[Query, Query]], repeat: int,
            seed: int = 20261204, failed: dict[str, str] | None = None) -> dict[str, dict[str, float]]:
    """Median seconds per question and side, requests interleaved in a shuffled order each round. A
    question either side fails on while timed is left out, its reason put in `failed`."""
    failed = {} if failed is None else failed
    conns = {side: http.client.HTTPConnection("127.0.0.1", int(base.rsplit(":", 1)[1]), timeout=60)
             for side, base in (("helsegraf", hg_base), ("peer", peer_base))}
    times: dict[str, dict[str, list[float]]] = {q.name: {"helsegraf": [], "peer": []} for q, _ in questions}
    questions = [*questions, (FLOOR, FLOOR)]
    times[FLOOR.name] = {"helsegraf": [], "peer": []}
    rng = random.Random(seed)
    used = {side: time.monotonic() for side in conns}

    def fresh(side: str) -> None:
        """Connect again, untimed, if the connection sat idle long enough for the server to close it
        (Node closes idle keep-alive connections after 5 s; a long run of the other side's
        requests in the shuffle leaves one that long)."""
        if time.monotonic() - used[side] > IDLE_CLOSE:
            conns[side].close()
            conns[side].connect()

    try:
        for ours, theirs in questions:  # warm both (plans, caches) before timing
            for side, q in (("helsegraf", ours), ("peer", theirs)):
                fresh(side)
                post(conns[side], q)
                used[side] = time.monotonic()
        for _ in range(repeat):
            tasks = [(side, q) for ours, theirs in questions for side, q in (("helsegraf", ours), ("peer", theirs))]
            rng.shuffle(tasks)
            for side, q in tasks:
                fresh(side)
                t0 = time.perf_counter()
                answer = post(conns[side], q)
                times[q.name][side].append(time.perf_counter() - t0)
                used[side] = time.monotonic()
                if "errors" in answer:  # e.g. a question near the 10 s limit meeting it once
                    failed.setdefault(q.name, f"{side} failed while timed: {str(answer['errors'])[:200]}")
    finally:
        for c in conns.values():
            c.close()
    return {name: {side: statistics.median(ts) for side, ts in sides.items()} for name, sides in times.items()
            if name not in failed}


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def latency_table(medians: dict[str, dict[str, float]], left_out: dict[str, str]) -> str:
    lines = ["| question | helsegraf ms | peer ms | helsegraf / peer |", "|---|---:|---:|---:|"]
    ratios = []
    for name, m in medians.items():
        r = m["helsegraf"] / m["peer"]
        if name != FLOOR.name:
            ratios.append(r)
            lines.append(f"| {name} | {m['helsegraf'] * 1e3:.2f} | {m['peer'] * 1e3:.2f} | {r:.2f} |")
    lines.append(f"| **geometric mean** | | | **{geometric_mean(ratios):.2f}** |")
    if FLOOR.name in medians:
        m = medians[FLOOR.name]
        lines.append(f"| floor: `{FLOOR.query}` | {m['helsegraf'] * 1e3:.2f} | {m['peer'] * 1e3:.2f} | "
                     f"{m['helsegraf'] / m['peer']:.2f} (not in the mean) |")
    for name, why in left_out.items():
        lines.append(f"| {name} | — | — | not compared: {why.splitlines()[0]} |")
    return "\n".join(lines)


def load_table(results: dict[str, object]) -> str:
    lines = ["| side | clients | seconds | requests/s | p50 ms | p99 ms | errors / wrong |", "|---|---:|---:|---:|---:|---:|---:|"]
    for side, r in results.items():
        lines.append(f"| {side} | {r.clients} | {r.seconds:.0f} | {r.rps:.1f} | {r.percentile(50) * 1e3:.1f} | "
                     f"{r.percentile(99) * 1e3:.1f} | {r.status_5xx + r.transport_errors} / {r.wrong} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=30, help="rounds of the latency run")
    ap.add_argument("--docs", type=int, default=0, help="load N synthetic documents instead of the corpus")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients of the load run (0: no load run)")
    ap.add_argument("--seconds", type=float, default=30, help="length of the load run against each side")
    ap.add_argument("--neo4j-uri", default=None, help="use this Neo4j (password in HELSEGRAF_NEO4J_PASSWORD; "
                                                      "loaded only if it holds no proposals) instead of a local one")
    args = ap.parse_args(argv)
    if args.repeat < 1 or args.docs < 0 or args.clients < 0 or args.seconds <= 0:
        ap.error("--repeat must be ≥ 1, --docs and --clients ≥ 0, --seconds > 0")
    if reason := unavailable_reason(local_neo4j=not args.neo4j_uri):
        print(f"peer benchmark cannot run: {reason}", file=sys.stderr)
        return 2
    questions = pairs()
    # the Neo4j driver logs every server notification (a deprecation, an unknown property) as a warning
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="helsegraf-peer-") as tmp, neo4j_for_run(Path(tmp), args.neo4j_uri) as (uri, password):
        workdir = Path(tmp)
        t0 = time.perf_counter()
        loaded = load(uri, password, workdir, args.docs)
        print(f"Neo4j {uri}: loaded {loaded} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        with helsegraf_server(uri, password, workdir) as hg, peer_server(uri, password, workdir) as peer:
            hg_conn = http.client.HTTPConnection("127.0.0.1", int(hg.rsplit(":", 1)[1]), timeout=60)
            peer_conn = http.client.HTTPConnection("127.0.0.1", int(peer.rsplit(":", 1)[1]), timeout=60)
            same, left_out = agreement(hg_conn, peer_conn, questions)
            hg_conn.close(), peer_conn.close()
            left_out.update({name: f"the peer cannot ask it: {why}" for name, why in NOT_EXPRESSIBLE.items()})
            failed_timed: dict[str, str] = {}
            medians = latency(hg, peer, same, args.repeat, failed=failed_timed)
            left_out.update(failed_timed)
            same = [(a, b) for a, b in same if a.name not in failed_timed]
            print(f"\n### Latency: {loaded}, {args.repeat} rounds, medians\n")
            print(latency_table(medians, left_out))
            failed = False
            if args.clients:
                results = {}
                for side, base, qs in (("helsegraf", hg, [a for a, _ in same]), ("peer", peer, [b for _, b in same])):
                    results[side] = asyncio.run(run_load(base, clients=args.clients, seconds=args.seconds, queries=qs))
                    failed |= not results[side].ok
                print(f"\n### Load: {args.clients} clients for {args.seconds:.0f} s each, the {len(same)} compared questions\n")
                print(load_table(results))
                for side, r in results.items():
                    for example in r.examples:
                        print(f"- {side} failed: {example}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
