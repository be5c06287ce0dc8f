"""Write throughput of GraphStore.write() on the embedded store or a local Neo4j.

1. 100,000 nodes and 200,000 relationships through write(): nodes/s and rels/s.
2. Batched (UNWIND) writes vs one query per node, side by side in one run, on the same
   sample size, in fresh graphs of the same server (on Neo4j, the one database wiped between):
   the ratio is what to read.

Usage: python bench/store_write.py [--nodes 100000] [--sample 2000] [--backend embedded|neo4j]
                                   [--neo4j-uri bolt://HOST:PORT]
(`--backend neo4j` starts a local Neo4j 5.26 from graph/neo4j_launcher/ in a temporary folder;
`--neo4j-uri` uses one already running there, its password in HELSEGRAF_NEO4J_PASSWORD, and
wipes it.)
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
    ap.add_argument("--backend", choices=("embedded", "neo4j"), default="embedded")
    ap.add_argument("--neo4j-uri", default=None, help="with --backend neo4j: this Neo4j (its password in "
                    "HELSEGRAF_NEO4J_PASSWORD; WIPED) instead of a local one started for the run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="hg-bench-") as tmp:
        data = Path(tmp)
        if args.backend == "neo4j":
            from graph.neo4j_local import local_store
            with local_store(data, args.neo4j_uri) as store:
                print(f"backend: {store.health()['version']}")
                store.wipe()  # a Neo4j given by --neo4j-uri starts empty too
                measure(args, store, store, store, between=store.wipe)  # one database: wiped between
            return
        stores = [store_for(data, f"bench_{name}") for name in ("big", "batched", "single")]
        for s in stores:
            s.setup()
        measure(args, *stores)
        for s in stores:
            s.close()
        stores[0].server.stop()


def measure(args, big, batched, single, between=lambda: None) -> None:
    """Write throughput on `big`; then the same sample of nodes batched on `batched` and one query
    per node on `single`, side by side (`between` runs before each of the two)."""
    batch = synthetic(args.nodes, 2)
    t = time.perf_counter()
    big.write(batch)
    dt = time.perf_counter() - t
    counts = big.counts()
    n, r = sum(counts["nodes"].values()), sum(counts["relationships"].values())
    print(f"write(): {n:,} nodes + {r:,} relationships in {dt:.2f}s "
          f"= {n / dt:,.0f} nodes/s, {r / dt:,.0f} relationships/s (batch size {big.settings.write_batch_size})")
    sample = synthetic(args.sample, 0, prefix="s")
    between()
    t = time.perf_counter()
    batched.write(sample)
    t_batched = time.perf_counter() - t
    batched_counts = batched.counts()
    between()
    t = time.perf_counter()
    one_by_one(single, sample)
    t_single = time.perf_counter() - t
    assert single.counts() == batched_counts
    print(f"{args.sample:,} nodes: batched UNWIND {t_batched:.3f}s ({args.sample / t_batched:,.0f} nodes/s), "
          f"one query per node {t_single:.3f}s ({args.sample / t_single:,.0f} nodes/s); "
          f"batched is {t_single / t_batched:.1f}x faster")


def one_by_one(store, sample: GraphBatch) -> None:
    """The sample's nodes, one MERGE statement (and transaction) each."""
    cypher = merge_nodes("Organisation")
    for node in sample.nodes:
        props = dict(node.props)
        aliases = props.pop("aliases", [])
        store._write_transaction([(cypher, {"rows": [{"id": node.id, "props": props, "aliases": aliases,
                                                      "search": []}]})])


if __name__ == "__main__":
    main()
