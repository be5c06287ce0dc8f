"""Scaling benchmark: load synthetic corpora of growing size into a fresh embedded store.

    python bench/scale.py [--sizes 10 100 1000] [--full] [--seed 0] [--keep DIR]

For each size N (10, 100, 1,000; ``--full`` adds 10,000) it generates N documents with
bench/make_corpus.py, starts a fresh embedded store in a temporary data dir, and loads the corpus
with `api.loading.load_files` (what `helsegraf load` runs) in a child process of its own, so that
peak memory is that size's alone. It prints, per size:

* load time (wall clock), split into extraction (read → GraphBatch) and store writes;
* nodes and relationships in the graph afterwards, and graph elements written per second;
* the mean store write per document over the first and the last tenth of the documents (a write
  that grows with the size of the graph shows up here first);
* peak memory: the loader process's maximum RSS (getrusage) and the store server's (VmHWM);

and then the growth of the load time, time(10N)/time(N), which stays at or below 11 when the load
is linear (fixed start-up costs make it smaller at the small sizes).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

LINEAR_LIMIT = 11.0


# -- the child: one load, measured ----------------------------------------------------------------
def child(corpus: Path, data_dir: Path) -> dict:
    from api.loading import load_files
    from graph.falkordb_store import FalkorDBStore
    from graph.settings import Settings

    settings = Settings(data_dir=data_dir, graph_name="scale")
    store = FalkorDBStore(settings)
    writes: list[float] = []
    write = store.write

    def timed_write(batch, **kw):
        t = time.perf_counter()
        try:
            return write(batch, **kw)
        finally:
            writes.append(time.perf_counter() - t)

    store.write = timed_write  # type: ignore[method-assign]
    t0 = time.perf_counter()
    report = load_files(store, settings, [corpus])
    total = time.perf_counter() - t0
    counts = store.counts()
    server_hwm = _vm_hwm(store.server.pid())
    store.close()
    store.server.stop()
    doc_writes = writes[1:]  # the first write is the registry batch
    tenth = max(1, len(doc_writes) // 10)
    return {
        "documents": len(report.loaded), "failed": len(report.failed), "seconds": total,
        "write_seconds": sum(writes), "extract_seconds": total - sum(writes),
        "first_tenth_write_ms": 1000 * sum(doc_writes[:tenth]) / tenth,
        "last_tenth_write_ms": 1000 * sum(doc_writes[-tenth:]) / tenth,
        "nodes": sum(counts["nodes"].values()), "relationships": sum(counts["relationships"].values()),
        "counts": counts,
        "loader_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "store_hwm_mb": server_hwm,
    }


def _vm_hwm(pid: int | None) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


# -- the parent: sizes, corpora, table ------------------------------------------------------------
def run_size(n: int, seed: int, root: Path) -> dict:
    from bench.make_corpus import make_corpus  # noqa: E402 (REPO on sys.path)
    corpus = root / f"corpus-{n}"
    t = time.perf_counter()
    make_corpus(n, corpus, seed)
    generated = time.perf_counter() - t
    data_dir = Path(tempfile.mkdtemp(prefix="hg-scale-", dir="/tmp"))  # short: unix socket path limit
    try:
        out = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(data_dir)],
                             capture_output=True, text=True, cwd=REPO)
    finally:
        from graph.embedded import EmbeddedServer
        EmbeddedServer(data_dir).stop()  # already stopped unless the child failed
        shutil.rmtree(data_dir, ignore_errors=True)
    if out.returncode != 0:
        raise SystemExit(f"load of {n} documents failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["size"] = n
    result["generate_seconds"] = generated
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--full", action="store_true", help="add 10,000 documents (about 20 minutes)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, default=None, help="keep the generated corpora in this folder")
    ap.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    ap.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    sizes = sorted(set(args.sizes + ([10_000] if args.full else [])))
    results = []
    with tempfile.TemporaryDirectory(prefix="hg-scale-corpus-") as tmp:
        root = args.keep or Path(tmp)
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start "
              "(other processes on the machine slow every figure down)", flush=True)
        print(f"{'docs':>6} {'load s':>8} {'extract s':>9} {'write s':>8} {'nodes':>8} {'rels':>9} "
              f"{'elem/s':>7} {'write ms first/last 10%':>24} {'loader MB':>9} {'store MB':>8}", flush=True)
        for n in sizes:
            r = run_size(n, args.seed, root)
            results.append(r)
            elems = r["nodes"] + r["relationships"]
            print(f"{n:>6} {r['seconds']:>8.1f} {r['extract_seconds']:>9.1f} {r['write_seconds']:>8.1f} "
                  f"{r['nodes']:>8,} {r['relationships']:>9,} {elems / r['seconds']:>7,.0f} "
                  f"{r['first_tenth_write_ms']:>11.1f} / {r['last_tenth_write_ms']:<10.1f} "
                  f"{r['loader_maxrss_mb']:>9.0f} {r['store_hwm_mb'] or 0:>8.0f}", flush=True)
            if r["failed"]:
                print(f"       {r['failed']} documents failed to load")
    print()
    worst = 0.0
    for a, b in zip(results, results[1:]):
        ratio = b["seconds"] / a["seconds"]
        growth = b["size"] / a["size"]
        norm = ratio * 10 / growth  # as if the step were 10x
        worst = max(worst, norm)
        print(f"time({b['size']:,})/time({a['size']:,}) = {ratio:.2f}  (size x{growth:g}; "
              f"write {b['write_seconds'] / a['write_seconds']:.2f}, "
              f"extract {b['extract_seconds'] / a['extract_seconds']:.2f})")
    if len(results) > 1:
        verdict = "linear" if worst <= LINEAR_LIMIT else "NOT linear"
        print(f"worst growth per 10x: {worst:.2f} (limit {LINEAR_LIMIT:g}): {verdict}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if worst > LINEAR_LIMIT:
        sys.exit(1)


if __name__ == "__main__":
    main()
