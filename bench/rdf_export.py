"""RDF export benchmark: the streaming N-Triples path vs. building an rdflib Graph and calling
`serialize`, and peak memory of the streaming export at 1× and 10× the corpus graph.

The corpus (data/corpus, through the real loaders, plus the registry) is written once as is
(1×) and once replicated synthetically 10 times into another graph (every id, document and
source suffixed per replica, so the 10× graph has 10 times the nodes, relationships and
statements with the same shape). Each measurement runs in a fresh child process, so peak RSS
(`ru_maxrss`) belongs to that one export; Python heap peaks come from `tracemalloc` in a
separate child run (tracing slows the export down, so it is not timed).

Targets (issue 5): streaming ≥ 2× faster than rdflib; streaming peak at 10× ≤ 1.3× peak at 1×.

Usage: python bench/rdf_export.py [--scale 10] [--page-size 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


# -- building the graphs ------------------------------------------------------------------------
def corpus_batches():
    from graph.settings import get_settings
    from loaders.pipeline import document_batch, registry_batch, run
    from schema.registry import load_registry
    settings = get_settings()
    registry = load_registry()
    out = [registry_batch(registry)]
    for path in sorted(Path(settings.corpus_dir).iterdir()):
        if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES:
            out.append(document_batch(run(path, registry=registry), registry))
    return out


def replica(batch, i: int):
    """A copy of a batch with every id (and document source) suffixed by the replica number."""
    if i == 0:
        return batch
    suffix = f"-r{i}"
    b = copy.deepcopy(batch)
    for n in b.nodes:
        n.id += suffix
    for r in b.rels:
        r.start_id += suffix
        r.end_id += suffix
        if r.source != "registry":
            r.source += suffix
    if b.document and b.document != "registry":
        b.document += suffix
    return b


def build(data_dir: Path, scale: int) -> None:
    from graph.falkordb_store import FalkorDBStore
    from graph.settings import Settings
    batches = corpus_batches()
    for k in (1, scale):
        store = FalkorDBStore(Settings(data_dir=data_dir, graph_name=f"bench_rdf_{k}x"))
        store.setup()
        store.wipe()
        t = time.perf_counter()
        for i in range(k):
            for b in batches:
                store.write(replica(b, i))
        counts = store.counts()
        n, r = sum(counts["nodes"].values()), sum(counts["relationships"].values())
        print(f"graph {k:>2}×: {n:,} nodes, {r:,} relationships (written in {time.perf_counter() - t:.1f}s)")
        store.close()


# -- one measurement (child process) ---------------------------------------------------------------
class Sink:
    def __init__(self):
        self.bytes = 0
        self.lines = 0

    def write(self, data: bytes) -> int:
        self.bytes += len(data)
        self.lines += data.count(b"\n")
        return len(data)


def rss_mib() -> float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(data_dir: str, graph: str, mode: str, page_size: int, trace: bool) -> dict:
    from api.rdf.export import make_exporter, stream_bytes
    from api.rdf.formats import FORMATS
    from graph.falkordb_store import FalkorDBStore
    from graph.settings import Settings
    import rdflib  # noqa: F401,I001  (imported before the baseline, in both modes)
    store = FalkorDBStore(Settings(data_dir=Path(data_dir), graph_name=graph), start=False)
    store.read("node_counts")
    baseline = rss_mib()
    if trace:
        import tracemalloc
        tracemalloc.start()
    sink = Sink()
    t = time.perf_counter()
    ex = make_exporter(store, page_size=page_size)
    if mode == "stream":
        for chunk in stream_bytes(ex, FORMATS["ntriples"]):
            sink.write(chunk)
    else:
        from api.rdf.export import to_rdflib
        g = to_rdflib(ex.all_quads(), dataset=False)
        sink.write(g.serialize(format="nt", encoding="utf-8"))
    seconds = time.perf_counter() - t
    out = {"statements": sink.lines, "bytes": sink.bytes, "seconds": seconds, "rss_peak_mib": rss_mib(),
           "rss_baseline_mib": baseline}
    if trace:
        import tracemalloc
        out["heap_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2 ** 20
    store.close()
    return out


def run_child(data_dir: Path, graph: str, mode: str, page_size: int, trace: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--child", str(data_dir), graph, mode, str(page_size)] + (["--trace"] if trace else [])
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- main --------------------------------------------------------------------------------------------------
def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, data_dir, graph, mode, page_size, *rest = sys.argv
        print(json.dumps(child(data_dir, graph, mode, int(page_size), "--trace" in rest)))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--page-size", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (best is reported)")
    args = ap.parse_args()

    from graph.falkordb_store import FalkorDBStore
    from graph.settings import Settings
    with tempfile.TemporaryDirectory(prefix="hg-rdf-bench-") as tmp:
        data = Path(tmp)
        server_store = FalkorDBStore(Settings(data_dir=data, graph_name="bench_rdf_1x"))
        try:
            build(data, args.scale)
            results: dict = {}
            for k in (1, args.scale):
                graph = f"bench_rdf_{k}x"
                for mode in ("stream", "rdflib"):
                    runs = [run_child(data, graph, mode, args.page_size) for _ in range(args.repeat)]
                    best = min(runs, key=lambda r: r["seconds"])
                    best["rss_peak_mib"] = max(r["rss_peak_mib"] for r in runs)
                    best["heap_peak_mib"] = run_child(data, graph, mode, args.page_size, trace=True)["heap_peak_mib"]
                    results[(k, mode)] = best
            print()
            print(f"{'graph':>6} {'path':<16} {'statements':>11} {'seconds':>8} {'statements/s':>13} "
                  f"{'peak RSS MiB':>13} {'peak heap MiB':>14}")
            for (k, mode), r in results.items():
                label = "streaming N-Tr." if mode == "stream" else "rdflib serialize"
                print(f"{k:>5}× {label:<16} {r['statements']:>11,} {r['seconds']:>8.2f} "
                      f"{r['statements'] / r['seconds']:>13,.0f} {r['rss_peak_mib']:>13.1f} {r['heap_peak_mib']:>14.1f}")
            print()
            for k in (1, args.scale):
                s, g = results[(k, "stream")], results[(k, "rdflib")]
                assert s["statements"] == g["statements"], "both paths must write the same statements"
                speedup = (s["statements"] / s["seconds"]) / (g["statements"] / g["seconds"])
                print(f"{k:>2}×: streaming is {speedup:.1f}× faster than rdflib (target ≥ 2×)")
            s1, s10 = results[(1, "stream")], results[(args.scale, "stream")]
            print(f"streaming peak RSS  {args.scale}× / 1×: {s10['rss_peak_mib'] / s1['rss_peak_mib']:.2f} "
                  f"({s10['rss_peak_mib']:.1f} / {s1['rss_peak_mib']:.1f} MiB; target ≤ 1.3)")
            print(f"streaming peak heap {args.scale}× / 1×: {s10['heap_peak_mib'] / s1['heap_peak_mib']:.2f} "
                  f"({s10['heap_peak_mib']:.1f} / {s1['heap_peak_mib']:.1f} MiB, Python allocations during the export)")
            g1, g10 = results[(1, "rdflib")], results[(args.scale, "rdflib")]
            print(f"rdflib peak RSS     {args.scale}× / 1×: {g10['rss_peak_mib'] / g1['rss_peak_mib']:.2f} "
                  f"({g10['rss_peak_mib']:.1f} / {g1['rss_peak_mib']:.1f} MiB), for comparison")
        finally:
            server_store.close()
            server_store.server.stop()


if __name__ == "__main__":
    main()
