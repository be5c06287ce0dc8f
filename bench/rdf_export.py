"""RDF export benchmark: the streaming N-Triples path (RDF 1.2 triple terms, the default, and the
RDF 1.1 form, `reification="statements"`) vs. building an rdflib Graph of the RDF 1.1 form and
calling `serialize`; peak memory of the streaming export at 1× and 10× the corpus graph; and streaming
throughput at 1×, 10× and 100×, so that linearity is visible; the size of each N-Triples export (MB).

The corpus (data/corpus, through the real loaders, plus the registry) is written once as is
(1×) and replicated synthetically k times into another graph per scale (every id, document and
source suffixed per replica, so the k× graph has k times the nodes, relationships and
statements with the same shape). Each measurement runs in a fresh child process, so peak RSS
(`ru_maxrss`) belongs to that one export; Python heap peaks come from `tracemalloc` in a
separate child run (tracing slows the export down, so it is not timed).

`--legacy` also runs the export with the paging it had before issue 5's per-label queries (one
statement over all labels, `labels(n)[0] IN $labels ... ORDER BY ... LIMIT`, which scans and
sorts the whole graph for every page), side by side, and checks both write the same bytes; for
the whole graph and for the export of one document (`--document`, default: the first corpus
document's replica 0).

Targets (issue 5): streaming ≥ 2× faster than rdflib; streaming peak at 10× ≤ 1.3× peak at 1×;
streaming statements/s at 100× within ~1.5× of 1×.

Usage: python bench/rdf_export.py [--scales 1,10,100] [--rdflib-max-scale 10] [--legacy]
                                  [--page-size 1000] [--repeat 3]
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


def build(data_dir: Path, scales: list[int]) -> str:
    """Write the graphs; returns the id of the first corpus document (replica 0)."""
    from graph.falkordb_store import FalkorDBStore
    from graph.settings import Settings
    batches = corpus_batches()
    for k in scales:
        store = FalkorDBStore(Settings(data_dir=data_dir, graph_name=f"bench_rdf_{k}x"))
        store.setup()
        store.wipe()
        t = time.perf_counter()
        for i in range(k):
            for b in batches:
                store.write(replica(b, i))
        counts = store.counts()
        n, r = sum(counts["nodes"].values()), sum(counts["relationships"].values())
        print(f"graph {k:>3}×: {n:,} nodes, {r:,} relationships (written in {time.perf_counter() - t:.1f}s)",
              flush=True)
        store.close()
    return next(b.document for b in batches if b.document and b.document != "registry")


# -- the paging before issue 5's per-label queries (for --legacy) -------------------------------------
# queries/rdf_nodes.cypher, rdf_document_nodes.cypher and rdf_relationships.cypher as they were:
# one statement over all labels, so every page scans and sorts the whole graph.
LEGACY_NODES = """MATCH (n)
WHERE labels(n)[0] IN $labels
  AND (labels(n)[0] > $afterLabel OR (labels(n)[0] = $afterLabel AND n.id > $afterId))
WITH n
ORDER BY labels(n)[0], n.id
LIMIT $limit
RETURN labels(n)[0] AS label, n.id AS id,
       CASE WHEN labels(n)[0] = 'Document' THEN n {.*, text: null, searchText: null}
            ELSE n {.*, searchText: null} END AS props
ORDER BY label, id"""
LEGACY_DOCUMENT_NODES = """MATCH (n)
WHERE labels(n)[0] IN $labels
  AND (labels(n)[0] > $afterLabel OR (labels(n)[0] = $afterLabel AND n.id > $afterId))
WITH n, size([(n)-[q]-() WHERE q.source = $document | q.source]) AS facts
WHERE facts > 0 OR (labels(n)[0] = 'Document' AND n.id = $document)
WITH n
ORDER BY labels(n)[0], n.id
LIMIT $limit
RETURN labels(n)[0] AS label, n.id AS id,
       CASE WHEN labels(n)[0] = 'Document' THEN n {.*, text: null, searchText: null}
            ELSE n {.*, searchText: null} END AS props
ORDER BY label, id"""
LEGACY_RELATIONSHIPS = """MATCH (a)-[r]->(b)
WHERE labels(a)[0] IN $labels
  AND ($document IS NULL OR r.source = $document)
  AND (labels(a)[0] > $sl OR (labels(a)[0] = $sl AND (a.id > $sid OR (a.id = $sid AND (type(r) > $t
       OR (type(r) = $t AND (labels(b)[0] > $el OR (labels(b)[0] = $el AND (b.id > $eid
       OR (b.id = $eid AND r.source > $src))))))))))
WITH a, r, b
ORDER BY labels(a)[0], a.id, type(r), labels(b)[0], b.id, r.source
LIMIT $limit
RETURN labels(a)[0] AS startLabel, a.id AS startId, type(r) AS type, labels(b)[0] AS endLabel,
       b.id AS endId, properties(r) AS props
ORDER BY startLabel, startId, type, endLabel, endId, props.source"""


def legacy_exporter(ex):
    """`ex` (an api.rdf.graph.Exporter) paging as before: the same quads, the old statements."""
    from api.rdf.graph import Exporter

    class LegacyExporter(Exporter):
        def node_rows(self):
            after_label, after_id = "", ""
            while True:
                params = {"labels": self.labels, "afterLabel": after_label, "afterId": after_id,
                          "limit": self.page_size}
                if self.document is None:
                    page = self.store.read(LEGACY_NODES, params)
                else:
                    page = self.store.read(LEGACY_DOCUMENT_NODES, {**params, "document": self.document})
                yield from page
                if len(page) < self.page_size:
                    return
                after_label, after_id = page[-1]["label"], page[-1]["id"]

        def rel_rows(self):
            key = {"sl": "", "sid": "", "t": "", "el": "", "eid": "", "src": ""}
            while True:
                page = self.store.read(LEGACY_RELATIONSHIPS, {
                    "labels": self.labels, "limit": self.page_size, "document": self.document, **key})
                yield from page
                if len(page) < self.page_size:
                    return
                last = page[-1]
                key = {"sl": last["startLabel"], "sid": last["startId"], "t": last["type"],
                       "el": last["endLabel"], "eid": last["endId"], "src": (last["props"] or {}).get("source")}

    ex.__class__ = LegacyExporter
    return ex


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


def child(data_dir: str, graph: str, mode: str, page_size: int, trace: bool, document: str | None) -> dict:
    """mode: stream (RDF 1.2) | stream11 (RDF 1.1) | legacy (the streaming export, paging as
    before) | rdflib (RDF 1.1)."""
    import hashlib
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
    digest = hashlib.sha256()
    t = time.perf_counter()
    ex = make_exporter(store, page_size=page_size, document=document, fmt=FORMATS["ntriples"],
                       reification="statements" if mode in ("stream11", "rdflib") else None)
    if mode == "legacy":
        ex = legacy_exporter(ex)
    if mode in ("stream", "stream11", "legacy"):
        for chunk in stream_bytes(ex, FORMATS["ntriples"]):
            sink.write(chunk)
            digest.update(chunk)
    else:
        from api.rdf.export import to_rdflib
        g = to_rdflib(ex.all_quads(), dataset=False)
        sink.write(g.serialize(format="nt", encoding="utf-8"))
    seconds = time.perf_counter() - t
    out = {"statements": sink.lines, "bytes": sink.bytes, "seconds": seconds, "rss_peak_mib": rss_mib(),
           "rss_baseline_mib": baseline, "sha256": digest.hexdigest()}
    if trace:
        import tracemalloc
        out["heap_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2 ** 20
    store.close()
    return out


def best_of(data_dir: Path, graph: str, mode: str, page_size: int, repeat: int, document: str | None = None) -> dict:
    runs = [run_child(data_dir, graph, mode, page_size, document=document) for _ in range(repeat)]
    assert len({r["sha256"] for r in runs}) == 1, "the same graph must give the same bytes"
    best = min(runs, key=lambda r: r["seconds"])
    best["rss_peak_mib"] = max(r["rss_peak_mib"] for r in runs)
    return best


def run_child(data_dir: Path, graph: str, mode: str, page_size: int, trace: bool = False,
              document: str | None = None) -> dict:
    cmd = ([sys.executable, __file__, "--child", str(data_dir), graph, mode, str(page_size)]
           + (["--trace"] if trace else []) + (["--document", document] if document else []))
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- main --------------------------------------------------------------------------------------------------
def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, data_dir, graph, mode, page_size, *rest = sys.argv
        document = rest[rest.index("--document") + 1] if "--document" in rest else None
        print(json.dumps(child(data_dir, graph, mode, int(page_size), "--trace" in rest, document)))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="1,10,100",
                    help="comma-separated replication factors of the corpus graph (1 is always included)")
    ap.add_argument("--rdflib-max-scale", type=int, default=10,
                    help="the rdflib comparison and the heap traces run up to this scale (they are slow)")
    ap.add_argument("--legacy", action="store_true",
                    help="also run the export paging as before issue 5's per-label queries, side by side")
    ap.add_argument("--document", default=None,
                    help="with --legacy: the document whose export is also timed (default: the first one)")
    ap.add_argument("--page-size", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (best is reported)")
    args = ap.parse_args()
    scales = sorted({1, *(int(k) for k in args.scales.split(",") if k.strip())})
    small = [k for k in scales if k <= args.rdflib_max_scale]

    from graph.falkordb_store import FalkorDBStore
    from graph.settings import Settings
    with tempfile.TemporaryDirectory(prefix="hg-rdf-bench-") as tmp:
        data = Path(tmp)
        server_store = FalkorDBStore(Settings(data_dir=data, graph_name="bench_rdf_1x"))
        try:
            document = build(data, scales)
            document = args.document or document
            modes = ["stream", "stream11"] + (["legacy"] if args.legacy else [])
            results: dict = {}
            for k in scales:
                graph = f"bench_rdf_{k}x"
                for mode in modes + (["rdflib"] if k in small else []):
                    results[(k, mode)] = best_of(data, graph, mode, args.page_size, args.repeat)
                    if k in small:
                        results[(k, mode)]["heap_peak_mib"] = run_child(
                            data, graph, mode, args.page_size, trace=True)["heap_peak_mib"]
                if args.legacy:
                    for mode in modes:
                        results[(k, mode + "-doc")] = best_of(data, graph, mode, args.page_size, args.repeat,
                                                              document=document)
            report(results, scales, small, modes, args, document)
        finally:
            server_store.close()
            server_store.server.stop()


LABELS = {"stream": "streaming N-Tr. (1.2)", "stream11": "streaming N-Tr. (1.1)", "legacy": "streaming, old paging",
          "rdflib": "rdflib serialize (1.1)", "stream-doc": "one document", "stream11-doc": "one document (1.1)",
          "legacy-doc": "one document, old paging"}


def report(results: dict, scales: list[int], small: list[int], modes: list[str], args, document: str) -> None:
    print()
    print(f"{'graph':>6} {'path':<26} {'statements':>11} {'MB':>7} {'seconds':>8} {'statements/s':>13} "
          f"{'peak RSS MiB':>13} {'peak heap MiB':>14}")
    for (k, mode), r in sorted(results.items(), key=lambda kv: (kv[0][1].endswith("-doc"), kv[0][0])):
        heap = f"{r['heap_peak_mib']:>14.1f}" if "heap_peak_mib" in r else f"{'-':>14}"
        print(f"{k:>5}× {LABELS[mode]:<26} {r['statements']:>11,} {r['bytes'] / 1e6:>7.2f} {r['seconds']:>8.2f} "
              f"{r['statements'] / r['seconds']:>13,.0f} {r['rss_peak_mib']:>13.1f} {heap}")
    print()
    for k in small:
        s, g = results[(k, "stream11")], results[(k, "rdflib")]
        assert s["statements"] == g["statements"], "both paths must write the same statements"
        speedup = (s["statements"] / s["seconds"]) / (g["statements"] / g["seconds"])
        print(f"{k:>3}×: streaming is {speedup:.1f}× faster than rdflib, RDF 1.1 both (target ≥ 2×)")
    for k in scales:
        new, old = results[(k, "stream")], results[(k, "stream11")]
        print(f"{k:>3}×: RDF 1.2 / RDF 1.1: {new['statements'] / old['statements']:.3f} of the statements, "
              f"{new['bytes'] / old['bytes']:.3f} of the bytes, {new['seconds'] / old['seconds']:.2f} of the time")
    if args.legacy:
        for k in scales:
            for mode in ("", "-doc"):
                new, old = results[(k, "stream" + mode)], results[(k, "legacy" + mode)]
                assert new["sha256"] == old["sha256"], f"{k}×{mode}: the old and the new paging must write the same bytes"
    print()
    print("linearity (streaming statements/s; the ratio is 1× / k×, target at 100× ≤ 1.5):")
    for mode in modes:
        base = results[(1, mode)]
        base_rate = base["statements"] / base["seconds"]
        cells = []
        for k in scales:
            rate = results[(k, mode)]["statements"] / results[(k, mode)]["seconds"]
            cells.append(f"{k}×: {rate:,.0f}/s ({base_rate / rate:.2f})")
        print(f"  {LABELS[mode]:<26} " + ", ".join(cells))
    if args.legacy:
        print(f"export of one document ({document}, seconds):")
        for mode in modes:
            print(f"  {LABELS[mode]:<26} " + ", ".join(f"{k}×: {results[(k, mode + '-doc')]['seconds']:.3f}s"
                                                      for k in scales))
        print("old and new paging write byte-identical output at every scale")
    if 1 in small and len(small) > 1:
        k = small[-1]
        s1, sk = results[(1, "stream")], results[(k, "stream")]
        print(f"streaming peak RSS  {k}× / 1×: {sk['rss_peak_mib'] / s1['rss_peak_mib']:.2f} "
              f"({sk['rss_peak_mib']:.1f} / {s1['rss_peak_mib']:.1f} MiB; target ≤ 1.3)")
        print(f"streaming peak heap {k}× / 1×: {sk['heap_peak_mib'] / s1['heap_peak_mib']:.2f} "
              f"({sk['heap_peak_mib']:.1f} / {s1['heap_peak_mib']:.1f} MiB, Python allocations during the export)")
        g1, gk = results[(1, "rdflib")], results[(k, "rdflib")]
        print(f"rdflib peak RSS     {k}× / 1×: {gk['rss_peak_mib'] / g1['rss_peak_mib']:.2f} "
              f"({gk['rss_peak_mib']:.1f} / {g1['rss_peak_mib']:.1f} MiB), for comparison")
    big = [k for k in scales if k not in small]
    if big:
        print("streaming peak RSS at " + ", ".join(f"{k}×: {results[(k, 'stream')]['rss_peak_mib']:.1f} MiB"
                                                   for k in scales))


if __name__ == "__main__":
    main()
