"""The GraphQL compiler's two dialects on Neo4j: FalkorDB's portable Cypher (what Neo4j ran before it
had its own: importing-WITH subqueries, sibling lists batched over all rows, relationship filters
and counts as aggregating chains) against Neo4j's native form (scoped `CALL (x) { … }` subqueries
once per row, `EXISTS {}`/`COUNT {}`), query by query, on the same Neo4j.

For every cookbook query (queries/*.graphql with its header's variables) and the requests reaching
the forms the cookbook does not (tests/support/compile_snapshot.py `FORMS`), both compiles are run
directly on the store, alternated in a shuffled order each round; the answers must be the same
(rows shaped per root field); the medians and the ratio native / portable are printed, with their
geometric mean. A third side, "batched", is the portable text with its subqueries in the scoped
form, where Neo4j accepts that (it rejects it wherever a batch inside a per-row subquery declares
the imported variable again): it tells the batches' worth on Neo4j apart from the syntax. Requests
whose two compiles are the same text are listed, not timed; search requests are left out (their
compiled query is the same text; the full-text call differs and is compared in
tests/test_neo4j_corpus.py).

Usage: python bench/neo4j_forms.py [--repeat 30] [--only NAME ...] [--corpus DIR]
A local Neo4j 5.26 (graph/neo4j_launcher/, `make neo4j-launcher`) is started in a temporary folder
and the corpus loaded (the default one, or DIR: e.g. the 1,000 synthetic documents of
`bench/make_corpus.py 1000`), unless HELSEGRAF_NEO4J_URI and HELSEGRAF_NEO4J_PASSWORD name a Neo4j
that holds data.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from api.graphql.executor import GraphQLExecutor  # noqa: E402
from bench.load_test import Query, cookbook  # noqa: E402
from graph.errors import StoreError  # noqa: E402
from tests.support.compile_snapshot import forms  # noqa: E402

# requests reaching the forms the cookbook does not (tests/support/compile_snapshot.py)
EXTRA = [Query(r["id"].split(":", 1)[1], r["query"], r["variables"]) for r in forms()]


def _ratio_line(name: str, a: float, b: float, c: float | None, width: int) -> str:
    batched = f"{c:>10.2f}  {b / c:>6.2f}" if c else f"{'-':>10}  {'-':>6}"
    return f"{name:<{width}}  {a:>10.2f}  {b:>10.2f}  {b / a:>6.2f}  {batched}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--corpus", type=Path, default=None, help="the folder to load (default: the corpus)")
    args = ap.parse_args()
    with contextlib.ExitStack() as stack:
        return run(args, stack)


def _store(stack: contextlib.ExitStack):
    uri, password = os.environ.get("HELSEGRAF_NEO4J_URI"), os.environ.get("HELSEGRAF_NEO4J_PASSWORD")
    if uri and password:
        from graph.neo4j_store import Neo4jStore
        from graph.settings import Settings
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="helsegraf-forms-")))
        store = Neo4jStore(Settings(data_dir=data_dir, backend="neo4j", neo4j_uri=uri, neo4j_password=password))
        stack.callback(store.close)
        return store
    from graph.neo4j_local import local_store
    data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="helsegraf-forms-")))
    return stack.enter_context(local_store(data_dir))


def run(args, stack: contextlib.ExitStack) -> int:
    store = _store(stack)
    print(f"backend: {store.health()['version']}", file=sys.stderr)
    if not store.counts()["nodes"].get("Proposal"):
        from api.loading import load_files
        corpus = args.corpus or store.settings.corpus_dir
        print(f"loading {corpus} ...", file=sys.stderr)
        t0 = time.perf_counter()
        report = load_files(store, store.settings, [corpus])
        print(f"loaded {len(report.loaded)} files ({report.nodes} nodes, {report.relationships} relationships, "
              f"{len(report.failed)} failed) in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    executor = GraphQLExecutor()
    order = random.Random(20261205)
    rows, same = [], []
    for q in cookbook() + EXTRA:
        if args.only and q.name not in args.only:
            continue
        old = executor.compiled(q.query, q.variables, backend="embedded")
        new = executor.compiled(q.query, q.variables, backend="neo4j")
        if old.searches:
            continue
        if old.cypher == new.cypher:
            same.append(q.name)
            continue
        answers = {}
        sides = {"portable": old, "native": new}
        # the portable form's batches with scoped subqueries, where Neo4j accepts that (no batch
        # inside a per-row subquery declaring the imported variable again)
        scoped = dataclasses.replace(old, cypher=re.sub(r"CALL \{ WITH (\w+) ", r"CALL (\1) { ", old.cypher))
        if scoped.cypher not in (old.cypher, new.cypher):
            sides["batched"] = scoped
        failed = []
        for label, c in list(sides.items()):
            try:
                for _ in range(3):  # warm up: plans cached
                    got = store.read_native(c.cypher, c.params)
            except StoreError as e:
                del sides[label]
                if label != "batched":  # the scoped batches are expected to fail where they shadow
                    failed.append(f"{label}: {str(e)[:120]}")
                continue
            answers[label] = json.dumps(c.shape(got), sort_keys=True, default=str)
        if failed:
            print(f"{q.name}: not timed, the store refused {'; '.join(failed)}")
            continue
        if len(set(answers.values())) > 1:
            print(f"{q.name}: the forms answer differently", file=sys.stderr)
            return 1
        times: dict[str, list[float]] = {k: [] for k in sides}
        labels = list(sides)
        for _ in range(args.repeat):
            order.shuffle(labels)
            for label in labels:
                c = sides[label]
                t0 = time.perf_counter()
                store.read_native(c.cypher, c.params)
                times[label].append(time.perf_counter() - t0)
        med = {k: statistics.median(v) * 1000 for k, v in times.items()}
        rows.append((q.name, med["portable"], med["native"], med.get("batched")))
    width = max([len(r[0]) for r in rows] + [24])
    print("ratios: native / portable, native / batched (below 1: native faster)")
    print(f"{'query':<{width}}  {'portable ms':>10}  {'native ms':>10}  {'ratio':>6}  {'batched ms':>10}  {'ratio':>6}")
    for name, a, b, c in rows:
        print(_ratio_line(name, a, b, c, width))
    if rows:
        geo = math.exp(sum(math.log(b / a) for _, a, b, _ in rows) / len(rows))
        print(f"{'geometric mean':<{width}}  {'':>10}  {'':>10}  {geo:>6.2f}")
    print(f"the same text in both dialects (not timed): {', '.join(same) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
