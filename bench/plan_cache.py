"""The embedded store's plan cache: FalkorDB's default (25 plans) vs HELSEGRAF_STORE_PLAN_CACHE, side by
side in one run.

FalkorDB parses and plans a query text it has not kept (CACHE_SIZE, least recently used out) again
on every run. The app sends more distinct texts than 25: the cookbook alone compiles to 14 portable
queries, its hand-written references are 14 more, and analysts, the explorer, the RDF export and
/health add theirs. Two stores with the default corpus, one started with CACHE_SIZE 25 and one with
the configured size, run the same texts round-robin (as a mixed workload sends them), each text on
both stores in a shuffled order; the benchmark prints the median per text on each, the ratio, and
how many runs were served from the cache ("Cached execution: 1").

Usage: python bench/plan_cache.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import datetime
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from api.graphql.executor import GraphQLExecutor  # noqa: E402
from api.loading import load_files  # noqa: E402
from queries import cypher_params  # noqa: E402
from bench.load_test import cookbook  # noqa: E402
from graph import falkordb_reply  # noqa: E402
from graph.cypher import named_query  # noqa: E402
from graph.falkordb_store import FalkorDBStore  # noqa: E402
from graph.settings import Settings  # noqa: E402

FALKORDB_DEFAULT = 25


def workload() -> list[tuple[str, str, dict]]:
    """(label, Cypher, parameters) for every cookbook query's compiled Cypher and its reference."""
    today = datetime.date.today().isoformat()
    executor = GraphQLExecutor()
    out = []
    for q in cookbook():
        compiled = executor.compiled(q.query, q.variables)
        if compiled.searches:  # the search's full-text call is not portable Cypher
            continue
        out.append((f"{q.name} (GraphQL)", compiled.cypher, compiled.params))
        out.append((f"{q.name} (reference)", named_query(q.name), cypher_params(q.name, q.variables, today)))
    return out


def run(store: FalkorDBStore, cypher: str, params: dict) -> bool:
    """One read as the app sends it; True if FalkorDB served it from its plan cache."""
    reply = falkordb_reply.raw_reply(store.graph, cypher, params, int(store.settings.query_timeout * 1000))
    return "Cached execution: 1" in reply[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    configured = Settings().store_plan_cache
    sizes = {"default": FALKORDB_DEFAULT, "configured": configured}
    with tempfile.TemporaryDirectory(prefix="helsegraf-bench-") as tmp:
        stores = {}
        for side, size in sizes.items():
            settings = Settings(data_dir=Path(tmp) / side, store_plan_cache=size)
            stores[side] = FalkorDBStore(settings)
            stores[side].setup()
            print(f"loading the corpus into the store with CACHE_SIZE {size} ...", file=sys.stderr)
            load_files(stores[side], settings, [settings.corpus_dir])
        texts = workload()
        times = {side: {label: [] for label, _, _ in texts} for side in sizes}
        cached = {side: 0 for side in sizes}
        order = random.Random(20261203)
        for _ in range(args.rounds):
            for label, cypher, params in texts:
                for side in order.sample(list(sizes), len(sizes)):
                    t0 = time.perf_counter()
                    cached[side] += run(stores[side], cypher, params)
                    times[side][label].append(time.perf_counter() - t0)
        for store in stores.values():
            store.server.stop()

    runs = args.rounds * len(texts)
    width = max(len(label) for label, _, _ in texts)
    print(f"{len(texts)} distinct query texts round-robin, {args.rounds} rounds; medians in ms")
    print(f"{'query':<{width}}  {'CACHE_SIZE ' + str(FALKORDB_DEFAULT):>14}  {'CACHE_SIZE ' + str(configured):>14}  ratio")
    ratios = []
    for label, _, _ in texts:
        d, c = (statistics.median(times[side][label]) * 1000 for side in ("default", "configured"))
        ratios.append(d / c)
        print(f"{label:<{width}}  {d:>14.2f}  {c:>14.2f}  {d / c:>4.2f}x")
    total = {side: sum(statistics.median(v) for v in times[side].values()) * 1000 for side in sizes}
    print(f"{'sum of medians':<{width}}  {total['default']:>14.2f}  {total['configured']:>14.2f}  "
          f"{total['default'] / total['configured']:>4.2f}x")
    print(f"geometric mean of the ratios: {math.exp(sum(map(math.log, ratios)) / len(ratios)):.2f}x; "
          f"served from the plan cache: {cached['default']}/{runs} with {FALKORDB_DEFAULT}, "
          f"{cached['configured']}/{runs} with {configured}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
