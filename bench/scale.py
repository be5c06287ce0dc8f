"""Scaling benchmark: load synthetic corpora of growing size into a fresh embedded store.

    python bench/scale.py [--sizes 10 100 1000] [--full] [--seed 0] [--keep DIR] [--repeat 5]
                          [--no-graphql] [--json FILE]

For each size N (10, 100, 1,000; ``--full`` adds 10,000) it generates N documents with
tests/support/synthetic_corpus.py, starts a fresh embedded store in a temporary data dir, and loads the corpus
with `api.loading.load_files` (what `helsegraf load` runs) in a child process of its own, so that
peak memory is that size's alone. It prints, per size:

* load time (wall clock), split into extraction (read → GraphBatch) and store writes;
* nodes and relationships in the graph afterwards, and graph elements written per second;
* the mean store write per document over the first and the last tenth of the documents (a write
  that grows with the size of the graph shows up here first);
* peak memory: the loader process's maximum RSS (getrusage) and the store server's (VmHWM);

and then the growth of the load time, time(10N)/time(N), which stays at or below 11 when the load
is linear (fixed start-up costs make it smaller at the small sizes).

Then, on each size's store (still running after its load), the GraphQL latency of the analyst
cookbook: `helsegraf serve` on a free loopback port (HELSEGRAF_GRAPH_NAME=scale, production
limits), and every queries/*.graphql with the variables of its `# variables:` header sent as
POST /graphql over one keep-alive connection — once to warm the parse/compile caches, then
--repeat times (default 5) timed, client side, request to parsed answer. It prints the median per
query (rows) and size (columns), the answer's size (list items and KB), and how each query's latency grows:
the exponent k in latency ~ size^k between the smallest and the largest size (k near 0: flat,
near 1: grows with the graph, above 1: faster than the graph). Any answer that is not HTTP 200 with
`data` and without `errors` is a failure: the query shows FAILED in the table, the errors are
printed, and the benchmark exits 1 (after measuring everything else). The server runs with the
production limits, HELSEGRAF_GRAPHQL_TIMEOUT (10 s) included; set it in the environment to see
how long a query that times out really takes.

The cookbook's own variables are used (HOD, NFD, LMI, SkatteFUNN → Kunnskapsdepartementet,
"data", "helsedata", "bør"): the synthetic documents are built from the same registry names and
topics (tests/support/synthetic_corpus.py), so every name is in each size's graph and most answers grow with
it. One stays empty at the small sizes: LMI (Legemiddelindustrien) authors about one synthetic
document in 175, none of the first 100 — that is what an analyst would get, the items column
shows it, and the latency is measured all the same.

Deterministic (corpora from --seed, fixed variables, fixed order) and bounded: 10, 100 and 1,000
documents, GraphQL included, take about two and a half minutes on two cores (most of it the
1,000-document load); --no-graphql skips the GraphQL part, --repeat changes the number of timed
requests per query.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

LINEAR_LIMIT = 11.0
MIN_JUDGED_SECONDS = 5.0  # growth is judged only between runs at least this long
GRAPH_NAME = "scale"


# -- the child: one load, measured ----------------------------------------------------------------
def child(corpus: Path, data_dir: Path) -> dict:
    from api.loading import load_files
    from graph.falkordb_store import FalkorDBStore
    from graph.settings import Settings

    settings = Settings(data_dir=data_dir, graph_name=GRAPH_NAME)
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
    store.close()  # the store keeps running: the parent measures GraphQL on it, then stops it
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


# -- GraphQL latency of the cookbook on the store just loaded ---------------------------------------
class GraphQLFailure(Exception):
    """A cookbook query did not answer cleanly: the benchmark finishes its table, then fails."""


def check_answer(name: str, size: int, r) -> dict:
    """The answer's `data`. Anything else — not HTTP 200, not a JSON object, GraphQL `errors`, no
    `data` — is a GraphQLFailure naming the query and the size."""
    try:
        body = r.json()
    except ValueError:
        body = None
    if r.status_code != 200 or not isinstance(body, dict) or "errors" in body or body.get("data") is None:
        raise GraphQLFailure(f"GraphQL cookbook query {name!r} failed at {size:,} documents: "
                             f"HTTP {r.status_code} {r.text[:1500]}")
    return body["data"]


def list_items(value) -> int:
    """Elements of every list in an answer, at any depth (0: nothing found)."""
    if isinstance(value, list):
        return len(value) + sum(list_items(v) for v in value)
    if isinstance(value, dict):
        return sum(list_items(v) for v in value.values())
    return 0


def graphql_latency(data_dir: Path, size: int, repeat: int, queries=None) -> dict[str, dict]:
    """`helsegraf serve` on the store in data_dir; each cookbook query once to warm up, then `repeat`
    timed requests (client side: POST to parsed answer, one keep-alive connection)."""
    from bench.load_test import cookbook
    from tests.support.server import spawned_server
    server = spawned_server(data_dir, load_corpus=False, log=data_dir / "serve.log",
                            env={"HELSEGRAF_GRAPH_NAME": GRAPH_NAME})
    try:
        with server as base:
            return time_queries(base, queries if queries is not None else cookbook(), size, repeat)
    except RuntimeError as e:  # raised by spawned_server only: the timing loop catches its own
        raise SystemExit(f"the GraphQL server did not start at {size:,} documents: {e}") from None


def time_queries(base: str, queries, size: int, repeat: int) -> dict[str, dict]:
    import httpx

    out: dict[str, dict] = {}
    with httpx.Client(base_url=base, timeout=120, trust_env=False) as http:
        for q in queries:
            body = q.body()
            try:
                data = check_answer(q.name, size, http.post("/graphql", json=body))  # warm-up
                samples = []
                for _ in range(repeat):
                    t = time.perf_counter()
                    r = http.post("/graphql", json=body)
                    check_answer(q.name, size, r)
                    samples.append((time.perf_counter() - t) * 1000)
            except (GraphQLFailure, httpx.HTTPError) as e:  # the other queries are still measured
                out[q.name] = {"error": f"{type(e).__name__}: {e}" if isinstance(e, httpx.HTTPError) else str(e)}
                print(f"       {out[q.name]['error'][:300]}", flush=True)
                continue
            out[q.name] = {"median_ms": statistics.median(samples), "samples_ms": samples,
                           "answer_bytes": len(r.content), "answer_items": list_items(data)}
    return out


def growth_exponent(t_small: float, t_big: float, n_small: int, n_big: int) -> float:
    """k in latency ~ size^k between two sizes."""
    return math.log(t_big / t_small) / math.log(n_big / n_small)


def print_graphql(results: list[dict], repeat: int) -> None:
    rows = [r for r in results if r.get("graphql")]
    if not rows:
        return
    names = list(rows[0]["graphql"])
    width = max(len(n) for n in names + ["sum of medians"])
    sizes = [r["size"] for r in rows]
    print()
    print(f"GraphQL latency of the cookbook (queries/*.graphql over HTTP), median of {repeat} (ms):")
    head = f"{'query':<{width}} " + " ".join(f"{n:>9,}" for n in sizes)
    if len(rows) > 1:
        head += f" {'k':>6}"
    print(head + "   answer: list items (KB) at each size")
    exps = {}
    for name in names:
        cells = [r["graphql"][name] for r in rows]
        line = f"{name:<{width}} " + " ".join(f"{c['median_ms']:>9.1f}" if "error" not in c else f"{'FAILED':>9}"
                                              for c in cells)
        ok = [(n, c["median_ms"]) for n, c in zip(sizes, cells) if "error" not in c]
        if len(rows) > 1:
            if len(ok) > 1:
                exps[name] = growth_exponent(ok[0][1], ok[-1][1], ok[0][0], ok[-1][0])
                line += f" {exps[name]:>6.2f}"
            else:
                line += f" {'-':>6}"
        line += "   " + " / ".join(f"{c['answer_items']:,} ({c['answer_bytes'] / 1024:.0f})" if "error" not in c
                                   else "-" for c in cells)
        print(line)
    failed = {n for r in rows for n, c in r["graphql"].items() if "error" in c}
    both = [n for n in names if n not in failed]
    sums = [sum(r["graphql"][n]["median_ms"] for n in both) for r in rows]
    label = "sum of medians" if not failed else "sum (no FAILED)"
    line = f"{label:<{width}} " + " ".join(f"{m:>9.1f}" for m in sums)
    if len(rows) > 1 and sums[0] > 0:
        line += f" {growth_exponent(sums[0], sums[-1], sizes[0], sizes[-1]):>6.2f}"
    print(line)
    if len(rows) > 1:
        flat = [n for n, k in exps.items() if k < 0.25]
        grows = [n for n, k in exps.items() if 0.25 <= k <= 1.1]
        faster = [n for n, k in exps.items() if k > 1.1]
        print(f"growth from {sizes[0]:,} to {sizes[-1]:,} documents (x{sizes[-1] / sizes[0]:g}): the cookbook in all "
              f"x{sums[-1] / sums[0]:.1f} (k = exponent in latency ~ size^k)")
        print(f"  flat (k < 0.25): {', '.join(flat) or '-'}")
        print(f"  grows with the graph, at most linearly (0.25 <= k <= 1.1): {', '.join(grows) or '-'}")
        print(f"  faster than the graph (k > 1.1): {', '.join(faster) or '-'}")
    for r in rows:
        for n, c in r["graphql"].items():
            if "error" in c:
                print(f"FAILED: {c['error'][:500]}")


# -- the parent: sizes, corpora, table ------------------------------------------------------------
def run_size(n: int, seed: int, root: Path, graphql: bool = True, repeat: int = 5) -> dict:
    from tests.support.synthetic_corpus import make_corpus  # noqa: E402 (REPO on sys.path)
    from graph.embedded import EmbeddedServer
    corpus = root / f"corpus-{n}"
    t = time.perf_counter()
    make_corpus(n, corpus, seed)
    generated = time.perf_counter() - t
    data_dir = Path(tempfile.mkdtemp(prefix="hg-scale-", dir="/tmp"))  # short: unix socket path limit
    try:
        out = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(data_dir)],
                             capture_output=True, text=True, cwd=REPO)
        if out.returncode != 0:
            raise SystemExit(f"load of {n} documents failed:\n{out.stderr[-3000:]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if graphql:
            result["graphql"] = graphql_latency(data_dir, n, repeat)
    finally:
        EmbeddedServer(data_dir).stop()  # the child leaves it running
        shutil.rmtree(data_dir, ignore_errors=True)
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
    ap.add_argument("--repeat", type=int, default=5, help="timed requests per cookbook query and size")
    ap.add_argument("--no-graphql", action="store_true", help="skip the GraphQL latency of the cookbook")
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
            r = run_size(n, args.seed, root, graphql=not args.no_graphql, repeat=max(1, args.repeat))
            results.append(r)
            elems = r["nodes"] + r["relationships"]
            print(f"{n:>6} {r['seconds']:>8.1f} {r['extract_seconds']:>9.1f} {r['write_seconds']:>8.1f} "
                  f"{r['nodes']:>8,} {r['relationships']:>9,} {elems / r['seconds']:>7,.0f} "
                  f"{r['first_tenth_write_ms']:>11.1f} / {r['last_tenth_write_ms']:<10.1f} "
                  f"{r['loader_maxrss_mb']:>9.0f} {r['store_hwm_mb'] or 0:>8.0f}", flush=True)
            if r["failed"]:
                print(f"       {r['failed']} documents failed to load")
            if r.get("graphql"):
                timed = {k: v for k, v in r["graphql"].items() if "error" not in v}
                failed = len(r["graphql"]) - len(timed)
                slowest = max(timed.items(), key=lambda kv: kv[1]["median_ms"], default=("-", {"median_ms": 0}))
                print(f"       GraphQL: {len(timed)} cookbook queries without errors" +
                      (f", {failed} FAILED" if failed else "") +
                      f", slowest {slowest[0]} {slowest[1]['median_ms']:.1f} ms", flush=True)
    print()
    worst = 0.0
    for a, b in zip(results, results[1:]):
        if a["seconds"] < MIN_JUDGED_SECONDS:  # a run of a second or two is mostly start-up and noise
            print(f"time({b['size']:,})/time({a['size']:,}) not judged: {a['size']:,} documents took "
                  f"{a['seconds']:.1f} s, under {MIN_JUDGED_SECONDS:g} s")
            continue
        ratio = b["seconds"] / a["seconds"]
        growth = b["size"] / a["size"]
        norm = ratio * 10 / growth  # as if the step were 10x
        worst = max(worst, norm)
        print(f"time({b['size']:,})/time({a['size']:,}) = {ratio:.2f}  (size x{growth:g}; "
              f"write {b['write_seconds'] / a['write_seconds']:.2f}, "
              f"extract {b['extract_seconds'] / a['extract_seconds']:.2f})")
    if len(results) > 1 and worst:
        verdict = "linear" if worst <= LINEAR_LIMIT else "NOT linear"
        print(f"worst growth per 10x: {worst:.2f} (limit {LINEAR_LIMIT:g}): {verdict}")
    print_graphql(results, max(1, args.repeat))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if worst > LINEAR_LIMIT or any("error" in c for r in results for c in r.get("graphql", {}).values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
