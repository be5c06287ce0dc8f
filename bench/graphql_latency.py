"""GraphQL over HTTP vs. the hand-written Cypher, per cookbook query, side by side in one run.

For every queries/*.graphql (with the variables in its header) the benchmark measures, interleaved
request by request (in a shuffled order each round) on the same store:
1. GraphQL over HTTP: POST /graphql to a uvicorn server in a separate process (keep-alive
   connection; parse/validate cache, compile cache, store call(s), completion, JSON). The client
   is the standard library's http.client, the thinnest there is: httpx adds about 0.3 ms per
   request on the client side alone, which is not the server's latency;
2. the same answer through the hand-written reference Cypher (queries/<name>.cypher) called
   directly on the store (`search` and `search_*` have no portable Cypher: their reference is
   the full-text call plus ranking, api.graphql.search.run_searches);
3. the same reference Cypher served over HTTP by the same server process (a bench-only route,
   `POST /bench/cypher`, added to the app here: read the named query, JSON-encode the rows — the
   smallest hand-written endpoint for it, on the same transport, thread hop and JSON encoder as
   /graphql), so that the ratio shows what GraphQL itself costs over a hand-written HTTP API;
and, to show where the time goes, 4. the executor in this process without HTTP (parse/validate
cache, compile cache, store call, completion) and 5. the compiled Cypher alone. It prints the
medians, the ratios GraphQL-over-HTTP / direct reference, GraphQL-over-HTTP / reference-over-HTTP
and in-process / direct reference per query and overall (geometric mean of the ratios, and the
ratio of the summed medians), and two floors measured the same way: an HTTP round trip the
server answers without the store, and the smallest store round trip. Target ≤ 1.5×.

Usage: python bench/graphql_latency.py [--repeat 50] [--warmup 3] [--data-dir DIR] [--backend embedded|neo4j]
                                      [--neo4j-uri bolt://HOST:PORT]
Without --data-dir a temporary embedded store is created and the default corpus loaded. With
`--backend neo4j` a local Neo4j 5.26 (graph/neo4j_launcher/, `make neo4j-launcher`) is started in
a temporary folder with a random password, the corpus loaded into it, and the server and the
direct calls use it; `--neo4j-uri` uses a Neo4j already running there instead (its password in
HELSEGRAF_NEO4J_PASSWORD; the corpus is loaded only if it holds no proposals).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from api.graphql import search as search_mod  # noqa: E402
from api.graphql.executor import GraphQLExecutor  # noqa: E402
from bench.load_test import cookbook  # noqa: E402
from tests.support.server import free_port, wait_healthy  # noqa: E402
from graph.settings import Settings  # noqa: E402
from queries import cypher_params  # noqa: E402


# The server process: the app on the same embedded store, as `helsegraf serve` runs it but without
# the access log (a line per request would be measured too).
SERVER = """
import sys
from pathlib import Path
import orjson
import uvicorn
from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool
from api.app import create_app
from api.graphql import search as search_mod
from graph.settings import Settings
app = create_app(Settings(data_dir=Path(sys.argv[1])))

def reference(store, name, params):
    if name == "search" or name.startswith("search_"):
        return search_mod.run_searches(store, params["searches"], lambda c, p, portable: store.read(c, p) if portable
                                       else store.read_native(c, p))
    return store.read(name, params)

@app.post("/bench/cypher")
async def bench_cypher(request: Request) -> Response:
    body = orjson.loads(await request.body())
    rows = await run_in_threadpool(reference, app.state.store, body["name"], body["params"])
    return Response(orjson.dumps(rows, default=str), media_type="application/json")

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def is_search(name: str) -> bool:
    """A search cookbook query: no portable Cypher, its reference is the full-text call plus ranking."""
    return name == "search" or name.startswith("search_")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=3, help="calls of every side before the timed ones (caches, plans)")
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--backend", choices=("embedded", "neo4j"), default="embedded")
    ap.add_argument("--neo4j-uri", default=None, help="with --backend neo4j: this Neo4j (its password in "
                    "HELSEGRAF_NEO4J_PASSWORD; the corpus loaded if it holds no proposals) instead of a local one")
    args = ap.parse_args()
    if args.repeat < 1 or args.warmup < 0:
        ap.error("--repeat must be 1 or more and --warmup 0 or more")
    with contextlib.ExitStack() as stack:  # a local Neo4j stops even when the run fails
        return run(args, stack)


def run(args, stack: contextlib.ExitStack) -> int:
    # the stack closes in reverse: the store (a local Neo4j, or an embedded server of a temporary
    # folder) stops before the temporary folder is removed
    temporary = args.data_dir is None
    data_dir = (Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="helsegraf-bench-")))
                if temporary else args.data_dir)
    server_env = dict(os.environ)
    if args.backend == "neo4j":
        from graph.neo4j_local import local_store
        store = stack.enter_context(local_store(data_dir, args.neo4j_uri))
        settings = store.settings
        server_env.update(HELSEGRAF_BACKEND="neo4j", HELSEGRAF_NEO4J_URI=settings.neo4j_uri,
                          HELSEGRAF_NEO4J_PASSWORD=settings.neo4j_password.get_secret_value())
    else:
        settings = Settings(data_dir=data_dir)
        from graph.falkordb_store import FalkorDBStore
        store = FalkorDBStore(settings)
        if temporary:
            stack.callback(store.server.stop)
    print(f"backend: {store.health()['version']}", file=sys.stderr)
    if not store.counts()["nodes"].get("Proposal"):
        from api.loading import load_files
        print(f"loading {settings.corpus_dir} into {data_dir} ...", file=sys.stderr)
        load_files(store, settings, [settings.corpus_dir])

    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(data_dir), str(port)], cwd=REPO, env=server_env)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server, timeout=30)
    except RuntimeError as e:
        raise SystemExit(f"the GraphQL server did not start: {e}") from None
    today = datetime.date.today().isoformat()
    executor = GraphQLExecutor()

    rows = []
    order = random.Random(20261123)  # the shuffled order of the sides, the same in every run
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for q in cookbook():
        name, text, variables = q.name, q.query, q.variables
        body = json.dumps({"query": text, "variables": variables}).encode()

        def gql():
            conn.request("POST", "/graphql", body, {"content-type": "application/json",
                                                     "accept": "application/graphql-response+json"})
            r = conn.getresponse()
            raw = r.read()
            if r.status != 200:
                raise SystemExit(f"{name}: HTTP {r.status}: {raw[:500]!r}")
            out = json.loads(raw)
            if "errors" in out:
                raise SystemExit(f"{name}: {out['errors']}")
            return out

        if is_search(name):
            # the searches as the compiled query asks them (text, kinds, page), without the parsed tree
            params = {"searches": [{k: v for k, v in r.search.items() if k != "tree"}
                                   for _, r in executor.compiled(text, variables).searches]}

            def ref():
                return search_mod.run_searches(
                    store, params["searches"],
                    lambda c, p, portable: store.read(c, p) if portable else store.read_native(c, p))
        else:
            params = cypher_params(name, variables, today)

            def ref():
                return store.read(name, params)
        ref_body = json.dumps({"name": name, "params": params}).encode()

        def ref_http():
            conn.request("POST", "/bench/cypher", ref_body, {"content-type": "application/json"})
            r = conn.getresponse()
            raw = r.read()
            if r.status != 200:
                raise SystemExit(f"{name} (reference over HTTP): HTTP {r.status}: {raw[:500]!r}")
            return json.loads(raw)

        def local():
            return executor.execute(store, text, variables)

        compiled = executor.compiled(text, variables)
        for _ in range(args.warmup):  # warm up caches and plans on every side
            gql()
            ref()
            ref_http()
            local()

        def raw():
            if compiled.searches:
                return None
            return store.read(compiled.cypher, compiled.params)

        times: dict[str, list[float]] = {"http": [], "ref": [], "ref_http": [], "local": [], "raw": []}
        sides = [("http", gql), ("ref", ref), ("ref_http", ref_http), ("local", local), ("raw", raw)]
        for _ in range(args.repeat):
            # a new order each round: no side always runs right after an HTTP request (whose server
            # is still finishing it) or always first
            order.shuffle(sides)
            for label, fn in sides:
                t0 = time.perf_counter()
                fn()
                times[label].append(time.perf_counter() - t0)
        med = {k: statistics.median(v) * 1000 for k, v in times.items()}
        rows.append((name, med["http"], med["ref"], med["ref_http"], med["local"], med["raw"]))

    # The floors, measured the same way: an HTTP round trip answered without the store, and the
    # smallest store round trip.
    floor_body = json.dumps({"query": "{ __typename }"}).encode()

    def floor_http():
        conn.request("POST", "/graphql", floor_body, {"content-type": "application/json"})
        conn.getresponse().read()

    def floor_store():
        store.read("RETURN 1 AS one")

    floors: dict[str, list[float]] = {"http": [], "store": []}
    for _ in range(args.repeat * 5):
        for label, fn in (("http", floor_http), ("store", floor_store)):
            t0 = time.perf_counter()
            fn()
            floors[label].append(time.perf_counter() - t0)
    floor = {k: statistics.median(v) * 1000 for k, v in floors.items()}

    conn.close()
    server.terminate()
    server.wait(10)
    store.close()

    width = max(len(r[0]) for r in rows)
    print(f"{'query':<{width}}  {'GraphQL/HTTP ms':>15}  {'Cypher ms':>9}  {'ratio':>6}  {'Cypher/HTTP ms':>14}  "
          f"{'ratio':>6}  {'in-process ms':>13}  {'ratio':>6}  {'compiled Cypher ms':>18}")
    for name, g, c, ch, local_ms, raw_ms in rows:
        raw_s = f"{raw_ms:.2f}" if not is_search(name) else "-"
        print(f"{name:<{width}}  {g:>15.2f}  {c:>9.2f}  {g / c:>5.2f}x  {ch:>14.2f}  {g / ch:>5.2f}x  "
              f"{local_ms:>13.2f}  {local_ms / c:>5.2f}x  {raw_s:>18}")

    def geo(num: int, den: int) -> float:
        return math.exp(sum(math.log(r[num] / r[den]) for r in rows) / len(rows))

    def total(num: int, den: int) -> float:
        return sum(r[num] for r in rows) / sum(r[den] for r in rows)

    print(f"{'overall (geometric mean)':<{width}}  {'':>15}  {'':>9}  {geo(1, 2):>5.2f}x  {'':>14}  "
          f"{geo(1, 3):>5.2f}x  {'':>13}  {geo(4, 2):>5.2f}x")
    print(f"{'overall (sum of medians)':<{width}}  {sum(r[1] for r in rows):>15.2f}  {sum(r[2] for r in rows):>9.2f}  "
          f"{total(1, 2):>5.2f}x  {sum(r[3] for r in rows):>14.2f}  {total(1, 3):>5.2f}x  "
          f"{sum(r[4] for r in rows):>13.2f}  {total(4, 2):>5.2f}x")
    print(f"floors: HTTP round trip without the store ({{ __typename }}) {floor['http']:.2f} ms; "
          f"smallest store round trip (RETURN 1) {floor['store']:.2f} ms")

    def verdict(x: float) -> str:
        return "met" if x <= 1.5 else "NOT met"
    print(f"target <= 1.5x (geometric means): GraphQL over HTTP vs direct Cypher {verdict(geo(1, 2))}; "
          f"vs the same Cypher over HTTP {verdict(geo(1, 3))}; in-process vs direct Cypher {verdict(geo(4, 2))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
