"""The Cypher the GraphQL compiler writes for a fixed set of requests, dumped to compare two versions
of the compiler byte for byte (issue 13: the plan/emit refactor must not change a character).

The requests: every cookbook query (queries/*.graphql with its header's variables), the queries
the schemathesis fuzz test generates per root field (tests/test_graphql_fuzz.py: the same strategy,
derandomized, so the same queries on every run of the same library versions), and, with
`--recorded FILE`, the compile_operation inputs a test run recorded (one JSON object a line:
query, op (the operation's index in the document), variables, limits). Each is compiled with a
fixed `today`; the entry holds the Cypher, the parameters and the rest of `Compiled` (roots,
lookups, pages), or the error the request gets.

    python -m tests.support.compile_snapshot --out before.json [--recorded rec.jsonl] [--fuzz 60]
    python -m tests.support.compile_snapshot --requests reqs.json --out after.json   (saved with --save-requests)
    python -m tests.support.compile_snapshot --compare before.json after.json
    python -m tests.support.compile_snapshot --requests reqs.json --backend neo4j --lint   (Neo4j's
                                                              dialect, every statement through Neo4j's linter)
    python -m tests.support.compile_snapshot --write-golden   (tests/data/cookbook_cypher.json, see
                                                              tests/test_graphql_compile_golden.py)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

TODAY = "2025-06-01"  # the compile's `today` (a parameter of the responsibility branches)
REPO = Path(__file__).resolve().parents[2]


def cookbook() -> list[dict]:
    import re
    out = []
    for path in sorted((REPO / "queries").glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^# variables: (.*)$", text, re.M)
        out.append({"id": f"cookbook:{path.stem}", "query": text, "variables": json.loads(m.group(1)) if m else {}})
    return out


# Requests reaching the forms the cookbook does not: lists beside lists in a responsibility branch
# (a per-row subquery holding more subqueries: on FalkorDB a batch inside it, which declares the
# branch's imported variable again), sibling lists two levels down, relationship filters that
# aggregate (none, count, under OR), counts without their list. bench/neo4j_forms.py times them,
# tests/test_graphql_compile_lint.py lints them.
FORMS = {
    "branch_lists": """{ ministries(limit: 5) { name responsibleFor { basis measure { name
        ... on Agency { mentionedIn { name } partOf { name } ownedBy { name } } } via { name } path { name } } } }""",
    "measure_lists": """{ responsibility(measure: "Helsedirektoratet") { basis
        ministry { name owns(limit: 5) { name } addressedBy(limit: 5) { ... on Proposal { text } } } } }""",
    "nested_siblings": """{ documents { title proposals(limit: 20) { text mentions { name }
        addressedTo { name } proposedBy { name } } } }""",
    "none": """{ proposals(where: {mentions: {none: {kind: {eq: Instrument}}}}, limit: 50) { id } }""",
    "count": """{ ministries(where: {addressedBy: {count: {gte: 3}}}) { name } }""",
    "or": """{ agencies(where: {OR: [{ownedBy: {some: {name: {eq: "HOD"}}}},
        {partOf: {some: {name: {contains: "helse"}}}}]}) { name } }""",
    "counts": """{ ministries { name ownsCount addressedByCount } }""",
    "filtered_counts": """{ ministries { name ownsCount(where: {kind: {eq: Agency}, name: {contains: "helse"}})
        addressedByCount(edge: {source: {startsWith: "doc"}}) } }""",
    "all_nested": """{ documents(where: {proposals: {all: {addressedTo: {some: {kind: {in: [Ministry, Agency]}}}}}})
        { title } }""",
    "none_edge_not": """{ proposals(where: {NOT: {addressedTo: {none: {name: {contains: "helse"}}, edge: {source:
        {startsWith: "doc"}}}}}, limit: 30) { id } }""",
    "count_range": """{ instruments(where: {mentionedBy: {count: {gte: 1, lte: 2}}}) { name
        mentionedBy(where: {OR: [{addressedTo: {some: {}}}, {proposedBy: {none: {}}}]}) { ... on Proposal { id } } } }""",
    "responsible_below": """{ documents(where: {proposals: {some: {responsibleMinistries: {name: "HOD"}}}}) {
        title proposalsCount(where: {responsibleMinistries: {name: "NFD"}}) } }""",
}


def forms() -> list[dict]:
    return [{"id": f"forms:{name}", "query": q, "variables": {}} for name, q in FORMS.items()]


def fuzz(positive: int, negative: int) -> list[dict]:
    """The fuzz test's generated queries (its strategy and settings, derandomized), per root field."""
    import schemathesis
    from graphql import introspection_from_schema
    from hypothesis import HealthCheck, given, settings
    from schemathesis import GenerationMode

    from api.graphql.schema import graphql_schema

    schema = graphql_schema()
    st_schema = schemathesis.graphql.from_dict({"data": introspection_from_schema(schema)})
    ops = {r.ok().label: r.ok() for r in st_schema.get_all_operations()}
    common = dict(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck),
                  print_blob=False)
    out: list[dict] = []
    for name in sorted(schema.query_type.fields):
        op = ops[f"Query.{name}"]
        for mode, n in ((GenerationMode.POSITIVE, positive), (GenerationMode.NEGATIVE, negative)):
            bodies: list[str] = []

            @settings(max_examples=n, **common)
            @given(case=op.as_strategy(generation_mode=mode))
            def gen(case):
                bodies.append(case.body)

            gen()
            seen = set()
            for i, body in enumerate(bodies):
                if body not in seen:
                    seen.add(body)
                    out.append({"id": f"fuzz:{name}:{mode.value}:{i}", "query": body, "variables": {}})
    return out


def recorded(path: Path) -> list[dict]:
    out, seen = [], set()
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        req = json.loads(line)
        key = json.dumps(req, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append({"id": f"recorded:{i}", **req})
    return out


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, (frozenset, set)):
        return sorted(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def compiled_entry(compiled) -> dict:
    roots = []
    for r in compiled.roots:
        d = dataclasses.asdict(r)
        if d.get("search"):
            d["search"] = {k: v for k, v in d["search"].items() if k != "tree"} | {"tree": repr(d["search"].get("tree"))}
        roots.append(d)
    return {"cypher": compiled.cypher, "params": _plain(compiled.params), "roots": _plain(roots),
            "lookups": _plain(compiled.lookups), "nested_pages": compiled.nested_pages,
            "page_keys": _plain(compiled.page_keys), "page_fields": _plain(compiled.page_fields)}


def compile_all(requests: list[dict], backend: str = "embedded") -> list[dict]:
    """Each request compiled in the dialect of the store `backend` ("embedded": FalkorDB's; "neo4j")."""
    from graphql import OperationDefinitionNode, parse

    from api.graphql.compiler import CompileError, Limits, compile_operation
    from api.graphql.executor import GraphQLExecutor, Outcome
    from api.graphql.schema import graphql_schema

    ex = GraphQLExecutor()
    schema = graphql_schema()
    out = []
    for req in requests:
        entry = {"id": req["id"], "query": req["query"], "variables": req.get("variables")}
        try:
            if "limits" in req:  # a recorded compile_operation call
                doc = parse(req["query"])
                op = [d for d in doc.definitions if isinstance(d, OperationDefinitionNode)][req["op"]]
                entry |= compiled_entry(compile_operation(schema, doc, op, req["variables"], Limits(**req["limits"]),
                                                          TODAY, backend))
            else:
                prepared = ex._prepare(req["query"], req.get("variables") or {}, None, ("query",), TODAY, backend)
                if isinstance(prepared, Outcome):
                    entry["error"] = prepared.body["errors"]
                else:
                    entry |= compiled_entry(prepared.compiled)
        except CompileError as e:
            entry["error"] = [str(e), e.code]
        except Exception as e:  # noqa: BLE001 - a crash is part of the snapshot too
            entry["error"] = ["crash", type(e).__name__, str(e)]
        out.append(entry)
    return out


def compare(a: Path, b: Path) -> int:
    before = {e["id"]: e for e in json.loads(a.read_text(encoding="utf-8"))}
    after = {e["id"]: e for e in json.loads(b.read_text(encoding="utf-8"))}
    diffs = 0
    for key, e in before.items():
        f = after.get(key)
        if f is None:
            print(f"missing: {key}")
            diffs += 1
            continue
        for field in sorted(set(e) | set(f)):
            if e.get(field) != f.get(field):
                diffs += 1
                if diffs <= 20:
                    print(f"{key}: {field} differs\n  query: {e['query'][:300]!r}\n  before: {str(e.get(field))[:600]}\n"
                          f"  after:  {str(f.get(field))[:600]}")
    compiled = sum(1 for e in before.values() if "cypher" in e)
    print(f"{len(before)} requests ({compiled} compiled, {len(before) - compiled} refused): {diffs} differences")
    return 1 if diffs else 0


GOLDEN = REPO / "tests" / "data" / "cookbook_cypher.json"


def golden() -> dict[str, dict]:
    """{cookbook query name: {cypher, params}} as the compiler writes them today."""
    return {e["id"].split(":", 1)[1]: {"cypher": e.get("cypher"), "params": e.get("params"), "error": e.get("error")}
            for e in compile_all(cookbook())}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path)
    p.add_argument("--recorded", type=Path)
    p.add_argument("--fuzz", type=int, default=60, help="positive examples per root field (negative: a quarter)")
    p.add_argument("--compare", type=Path, nargs=2)
    p.add_argument("--requests", type=Path, help="compile the requests saved in this file (generating them is slow)")
    p.add_argument("--save-requests", type=Path, help="also save the requests to this file")
    p.add_argument("--write-golden", action="store_true", help=f"rewrite {GOLDEN.relative_to(REPO)}")
    p.add_argument("--backend", choices=("embedded", "neo4j"), default="embedded",
                   help="the store whose dialect to compile for (embedded: FalkorDB's)")
    p.add_argument("--lint", action="store_true", help="run every compiled query through Neo4j's linter; "
                   "exit 1 on any diagnostic")
    a = p.parse_args(argv)
    if a.write_golden:
        GOLDEN.write_text(json.dumps(golden(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    if a.compare:
        return compare(*a.compare)
    if a.requests:
        requests = json.loads(a.requests.read_text(encoding="utf-8"))
    else:
        requests = cookbook() + fuzz(a.fuzz, max(2, a.fuzz // 4)) + (recorded(a.recorded) if a.recorded else [])
    if a.save_requests:
        a.save_requests.write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
    entries = compile_all(requests, a.backend)
    if a.out:
        a.out.write_text(json.dumps(entries, ensure_ascii=False, indent=0, sort_keys=True, default=repr),
                         encoding="utf-8")
    print(f"{len(entries)} requests, {sum('cypher' in e for e in entries)} compiled ({a.backend})"
          + (f" -> {a.out}" if a.out else ""))
    return lint(entries) if a.lint else 0


def lint(entries: list[dict]) -> int:
    """Every distinct compiled query through Neo4j's linter; the diagnostics printed."""
    from graph.cypher_lint import lint as lint_cypher
    queries = {e["id"]: e["cypher"] for e in entries if e.get("cypher")}
    distinct = {q: name for name, q in queries.items()}
    results = lint_cypher({name: q for q, name in distinct.items()})
    bad = {name: diags for name, diags in results.items() if diags}
    for name, diags in sorted(bad.items())[:20]:
        print(f"{name}: {'; '.join(map(str, diags))}\n  {queries[name][:400]}")
    print(f"lint: {len(distinct)} distinct queries, {len(bad)} with diagnostics")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
