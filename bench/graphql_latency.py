"""GraphQL over HTTP vs. the hand-written Cypher, per cookbook query, side by side in one run.

For every queries/*.graphql (with the variables in its header) the benchmark measures, interleaved
request by request on the same store:
1. GraphQL over HTTP: POST /graphql to a uvicorn server in a separate process (keep-alive
   connection; parse/validate cache, compile cache, store call(s), completion, JSON). The client
   is the standard library's http.client, the thinnest there is: httpx adds about 0.3 ms per
   request on the client side alone, which is not the server's latency;
2. the same answer through the hand-written reference Cypher (queries/<name>.cypher) called
   directly on the store (`search` has no portable Cypher: its reference is the full-text call
   plus ranking, api.graphql.search.run_searches);
and, to show where the time goes, 3. the executor in this process without HTTP (parse/validate
cache, compile cache, store call, completion) and 4. the compiled Cypher alone. It prints the
medians, the ratios HTTP/reference and in-process/reference per query and overall (geometric
mean of the ratios, and the ratio of the summed medians), and two floors measured the same way:
an HTTP round trip the server answers without the store, and the smallest store round trip.
Target ≤ 1.5×.

Usage: python bench/graphql_latency.py [--repeat 50] [--data-dir DIR]
Without --data-dir a temporary embedded store is created and the default corpus loaded.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import math
import re
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
from bench.load_test import free_port, wait_healthy  # noqa: E402
from graph.settings import Settings  # noqa: E402

QUERIES = REPO / "queries"

# The server process: the app on the same embedded store, as `helsegraf serve` runs it but without
# the access log (a line per request would be measured too).
SERVER = """
import sys
from pathlib import Path
import uvicorn
from api.app import create_app
from graph.settings import Settings
app = create_app(Settings(data_dir=Path(sys.argv[1])))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def cypher_params(name: str, v: dict, today: str) -> dict:
    """The reference query's parameters for the cookbook query's variables."""
    extra = {
        "responsibility": {"at": v.get("at"), "today": today},
        "owners_of_author_measures": {"today": today},
        "measures_of_ministry": {"today": today},
        "proposals_page": {"skip": 0},
    }
    return {**v, **extra.get(name, {})}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args()

    tmp = None
    if args.data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="helsegraf-bench-")
        data_dir = Path(tmp.name)
    else:
        data_dir = args.data_dir
    settings = Settings(data_dir=data_dir)
    from graph.falkordb_store import FalkorDBStore
    store = FalkorDBStore(settings)
    if not store.counts()["nodes"].get("Proposal"):
        from api.loading import load_files
        print(f"loading {settings.corpus_dir} into {data_dir} ...", file=sys.stderr)
        load_files(store, settings, [settings.corpus_dir])

    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(data_dir), str(port)], cwd=REPO)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server, timeout=30)
    except RuntimeError as e:
        raise SystemExit(f"the GraphQL server did not start: {e}") from None
    today = datetime.date.today().isoformat()
    executor = GraphQLExecutor()

    rows = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for path in sorted(QUERIES.glob("*.graphql")):
        name = path.stem
        text = path.read_text(encoding="utf-8")
        variables = json.loads(re.search(r"^# variables: (.*)$", text, re.M).group(1))
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

        if name == "search":
            def ref():
                return search_mod.run_searches(
                    store, [{"text": variables["text"], "kinds": None, "offset": 0, "limit": 10}],
                    lambda c, p, portable: store.read(c, p) if portable else store._read(c, p, portable=False))
        else:
            params = cypher_params(name, variables, today)

            def ref():
                return store.read(name, params)

        def local():
            return executor.execute(store, text, variables)

        compiled = None
        for _ in range(3):  # warm up caches and plans on every side
            gql()
            ref()
            local()
        compiled = next(p.compiled for k, p in executor._prepared.items() if k[0] == text)

        def raw():
            if compiled.searches:
                return None
            return store.read(compiled.cypher, compiled.params)

        times: dict[str, list[float]] = {"http": [], "ref": [], "local": [], "raw": []}
        for _ in range(args.repeat):
            for label, fn in (("http", gql), ("ref", ref), ("local", local), ("raw", raw)):
                t0 = time.perf_counter()
                fn()
                times[label].append(time.perf_counter() - t0)
        med = {k: statistics.median(v) * 1000 for k, v in times.items()}
        rows.append((name, med["http"], med["ref"], med["http"] / med["ref"], med["local"], med["raw"]))

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
    print(f"{'query':<{width}}  {'GraphQL/HTTP ms':>15}  {'Cypher ms':>9}  {'ratio':>6}  "
          f"{'in-process ms':>13}  {'ratio':>6}  {'compiled Cypher ms':>18}")
    for name, g, c, ratio, local_ms, raw_ms in rows:
        raw_s = f"{raw_ms:.2f}" if name != "search" else "-"
        print(f"{name:<{width}}  {g:>15.2f}  {c:>9.2f}  {ratio:>5.2f}x  {local_ms:>13.2f}  "
              f"{local_ms / c:>5.2f}x  {raw_s:>18}")
    geo = math.exp(sum(math.log(r[3]) for r in rows) / len(rows))
    geo_local = math.exp(sum(math.log(r[4] / r[2]) for r in rows) / len(rows))
    total = sum(r[1] for r in rows) / sum(r[2] for r in rows)
    total_local = sum(r[4] for r in rows) / sum(r[2] for r in rows)
    print(f"{'overall (geometric mean)':<{width}}  {'':>15}  {'':>9}  {geo:>5.2f}x  {'':>13}  {geo_local:>5.2f}x")
    print(f"{'overall (sum of medians)':<{width}}  {sum(r[1] for r in rows):>15.2f}  "
          f"{sum(r[2] for r in rows):>9.2f}  {total:>5.2f}x  {sum(r[4] for r in rows):>13.2f}  {total_local:>5.2f}x")
    print(f"floors: HTTP round trip without the store ({{ __typename }}) {floor['http']:.2f} ms; "
          f"smallest store round trip (RETURN 1) {floor['store']:.2f} ms")
    print(f"target <= 1.5x: {'met' if geo <= 1.5 else 'NOT met'} over HTTP, "
          f"{'met' if geo_local <= 1.5 else 'NOT met'} in-process (geometric means)")
    if tmp is not None:
        store.server.stop()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
