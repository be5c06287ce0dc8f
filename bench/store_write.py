"""Write throughput of GraphStore.write() on the embedded store.

1. 100,000 nodes and 200,000 relationships through write(): nodes/s and rels/s.
2. Batched (UNWIND) writes vs one query per node, side by side in one run, on the same
   sample size, in fresh graphs of the same server: the ratio is what to read.

Usage: python bench/store_write.py [--nodes 100000] [--sample 2000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from graph.cypher import merge_nodes
from graph.falkordb_store import FalkorDBStore
from graph.settings import Settings
from schema.batch import GraphBatch


def synthetic(n_nodes: int, rels_per_node: int, prefix: str = "org") -> GraphBatch:
    b = GraphBatch()
    for i in range(n_nodes):
        b.node("Organisation", f"{prefix}-{i}", name=f"Organisasjon {i} for helsenæring", aliases=[f"O{i}"],
               verified=False, confidence=0.5)
    for i in range(n_nodes):
        for k in range(1, rels_per_node + 1):
            b.rel("PART_OF", ("Organisation", f"{prefix}-{i}"), ("Organisation", f"{prefix}-{(i * 7 + k) % n_nodes}"),
                  "bench", quote="Sitat med æøå", start=i, end=i + 10, method="pattern", confidence=0.5)
    return b


def store_for(data_dir: Path, graph: str) -> FalkorDBStore:
    return FalkorDBStore(Settings(data_dir=data_dir, graph_name=graph))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=2_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="hg-bench-") as tmp:
        data = Path(tmp)
        big = store_for(data, "bench_big")
        big.setup()
        batch = synthetic(args.nodes, 2)
        t = time.perf_counter()
        big.write(batch)
        dt = time.perf_counter() - t
        counts = big.counts()
        n, r = sum(counts["nodes"].values()), sum(counts["relationships"].values())
        print(f"write(): {n:,} nodes + {r:,} relationships in {dt:.2f}s "
              f"= {n / dt:,.0f} nodes/s, {r / dt:,.0f} relationships/s (batch size {big.settings.write_batch_size})")

        # Side by side: the same sample of nodes, batched vs one query per node.
        sample = synthetic(args.sample, 0, prefix="s")
        batched = store_for(data, "bench_batched")
        batched.setup()
        single = store_for(data, "bench_single")
        single.setup()
        t = time.perf_counter()
        batched.write(sample)
        t_batched = time.perf_counter() - t
        cypher = merge_nodes("Organisation")
        t = time.perf_counter()
        for node in sample.nodes:
            props = dict(node.props)
            aliases = props.pop("aliases", [])
            single._query(cypher, {"rows": [{"id": node.id, "props": props, "aliases": aliases}]})
        t_single = time.perf_counter() - t
        assert batched.counts() == single.counts()
        print(f"{args.sample:,} nodes: batched UNWIND {t_batched:.3f}s ({args.sample / t_batched:,.0f} nodes/s), "
              f"one query per node {t_single:.3f}s ({args.sample / t_single:,.0f} nodes/s); "
              f"batched is {t_single / t_batched:.1f}x faster")
        for s in (big, batched, single):
            s.close()
        big.server.stop()


if __name__ == "__main__":
    main()
