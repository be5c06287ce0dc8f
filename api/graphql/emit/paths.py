"""`connection(from:, to:)`: the shortest paths between two nodes, compiled into the operation's
one Cypher query (portable: Neo4j 5 and FalkorDB).

* `avoid: [RelationshipType]` leaves those relationship types out of the search; `avoidKinds:
  [Kind]` leaves out every relationship type that always touches a node of those kinds (a type
  whose start or end is only such kinds: `Document` drops MENTIONED_IN, EXTRACTED_FROM,
  AUTHORED_BY), then drops the paths that still pass through one (by a type that may: a document
  ADDRESSED_TO a ministry). Both stores find shortest paths first and filter after (FalkorDB
  applies no path predicate inside allShortestPaths), so that last filter may leave fewer paths
  than a search that never entered such a node would find.
* Two searches: the shortest paths over the types allowed, and the shortest that do not rest on
  co-mention (MENTIONED_IN: both mentioned in the same document), which may be longer; so a
  meaningful path is found even when a co-mention is shorter.
* Paths through the same nodes are one path (parallel relationships merged): each step lists its
  types and every relationship between its two nodes, the strongest first.
* Ranked by meaning: by the number of co-mention steps, then of content steps (a proposal naming
  something, a document stating or citing it, a theme, a similar proposal), then length, then the
  nodes' ids. Every other type is substantive (owns, administers, proposes, addressed to, authored
  by, part of ...): :data:`STRENGTH`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from api.graphql.emit.text import _key, _map, _prop
from api.graphql.plan.base import Collected, CompileError
from api.graphql.plan.paging import check_size
from api.graphql.spec import ENTITY
from schema.model import REL_BY_TYPE, REL_TYPE_NAMES

if TYPE_CHECKING:  # pragma: no cover
    from api.graphql.compiler import Compiler

STRENGTHS = ("SUBSTANTIVE", "CONTENT", "CO_MENTION")
CONTENT_TYPES = ("MENTIONS", "EXTRACTED_FROM", "CITES", "HAS_THEME", "SIMILAR_TO")
CO_MENTION_TYPES = ("MENTIONED_IN",)
# relationship type -> 0 substantive, 1 content, 2 co-mention
STRENGTH = {t: 2 if t in CO_MENTION_TYPES else 1 if t in CONTENT_TYPES else 0 for t in REL_TYPE_NAMES}


def allowed_types(avoid: list[str] | None, avoid_kinds: list[str] | None) -> list[str]:
    """The relationship types a path may use."""
    kinds = set(avoid_kinds or ())
    out = []
    for t in REL_TYPE_NAMES:
        r = REL_BY_TYPE[t]
        if t in (avoid or ()) or set(r.start) <= kinds or set(r.end) <= kinds:
            continue
        out.append(t)
    return out


def _strength(r: str) -> str:
    cases = " ".join(f"WHEN '{t}' THEN {s}" for t, s in STRENGTH.items() if s)
    return f"CASE type({r}) {cases} ELSE 0 END"


def compile_connection(cp: "Compiler", idx: int, c: Collected, args: dict) -> list[str]:
    """The Cypher clauses of the root field, written with the compiler `cp`'s chain (its variables,
    parameters, node maps and evidence)."""
    max_len = args.get("maxLength") or 4
    if not 1 <= max_len <= cp.limits.max_path_length:
        raise CompileError(f"`maxLength` must be between 1 and {cp.limits.max_path_length}", "BAD_REQUEST")
    limit = args.get("limit") or 10
    check_size("limit", limit, cp.limits)
    types = allowed_types(args.get("avoid"), args.get("avoidKinds"))
    if not types:
        raise CompileError("`avoid` and `avoidKinds` leave no relationship type to connect through", "BAD_USER_INPUT")
    meaningful = [t for t in types if STRENGTH[t] < 2]
    a, b, p, q, ps = cp.var("a"), cp.var("b"), cp.var("p"), cp.var("q"), cp.var("ps")
    hops = f"*..{int(max_len)}"
    cl = [f"MATCH ({a}) WHERE {cp.lookup_expr(a, args['from'])}",
          f"WITH {a} ORDER BY coalesce({_prop(a, 'verified')}, false) DESC, {_prop(a, 'id')} LIMIT 1",
          f"MATCH ({b}) WHERE {cp.lookup_expr(b, args['to'])}",
          f"WITH {a}, {b} ORDER BY coalesce({_prop(b, 'verified')}, false) DESC, {_prop(b, 'id')} LIMIT 1",
          f"WITH {a}, CASE WHEN {a} = {b} THEN NULL ELSE {b} END AS {b}",
          f"OPTIONAL MATCH {p} = allShortestPaths(({a})-[:{'|'.join(types)}{hops}]-({b}))"]
    if meaningful and len(meaningful) < len(types):
        cl.append(f"WITH {a}, {b}, collect({p}) AS {ps}")
        cl.append(f"OPTIONAL MATCH {q} = allShortestPaths(({a})-[:{'|'.join(meaningful)}{hops}]-({b}))")
        qs = cp.var("qs")
        # (`WITH ps + collect(q)` is null on FalkorDB 4.16: the sum of a list and an aggregate)
        cl.append(f"WITH {ps}, collect({q}) AS {qs}")
        cl.append(f"WITH {ps} + {qs} AS {ps}")
    else:
        cl.append(f"WITH collect({p}) AS {ps}")
    cl.append(f"UNWIND {ps} AS {p}")
    if args.get("avoidKinds"):
        n = cp.var("n")
        labels = " OR ".join(f"{n}:{cp._label(k)}" for k in args["avoidKinds"])
        cl.append(f"WITH {p} WHERE none({n} IN nodes({p}) WHERE {labels})")
    # parallel relationships: the paths through the same nodes are one
    key, g, x, si, t, tiers = cp.var("key"), cp.var("g"), cp.var("x"), cp.var("si"), cp.var("t"), cp.var("tiers")
    nid, s = cp.var("n"), cp.var("s")
    cl.append(f"WITH [{nid} IN nodes({p}) | {nid}.id] AS {key}, {p}")
    cl.append(f"WITH {key}, collect(DISTINCT {p}) AS {g}")
    step_strength = _strength(f"relationships({x})[{si}]")
    cl.append(f"WITH {key}, {g}, [{si} IN range(0, size({key}) - 2) | reduce({t} = 2, {x} IN {g} | "
              f"CASE WHEN {step_strength} < {t} THEN {step_strength} ELSE {t} END)] AS {tiers}")
    cl.append(f"WITH {key}, {g}, {tiers} ORDER BY size([{t} IN {tiers} WHERE {t} = 2]), "
              f"size([{t} IN {tiers} WHERE {t} = 1]), size({key}), reduce({s} = '', {nid} IN {key} | {s} + {nid} + '/')")
    gs, ts = cp.var("gs"), cp.var("ts")
    cl.append(f"WITH collect({g})[0..{cp.param(limit)}] AS {gs}, collect({tiers})[0..{cp.param(limit)}] AS {ts}")
    pi, pn, pr = cp.var("pi"), cp.var("pn"), cp.var("pr")
    cl.append(f"UNWIND range(0, size({gs}) - 1) AS {pi}")
    cl.append(f"WITH {pi}, {gs}[{pi}] AS {g}, {ts}[{pi}] AS {tiers}")
    cl.append(f"UNWIND range(0, size({tiers})) AS {si}")
    cl.append(f"WITH {pi}, {g}, {tiers}, {si}, nodes(head({g}))[{si}] AS {pn}")
    cl.append(f"UNWIND (CASE WHEN {si} < size({tiers}) THEN [{x} IN {g} | relationships({x})[{si}]] ELSE [null] END) AS {pr}")
    cl.append(f"WITH DISTINCT {pi}, {tiers}, {si}, {pn}, {pr}")
    carry = [pi, tiers, si, pn, pr]
    fields = cp._collect_plain(cp.subsets(c))
    node_entries: list[tuple[str, str]] = []
    rel_entries: list[tuple[str, list[tuple[str, str]]]] = []  # (response key, the relationship's map)

    def rel_map(sets) -> list[tuple[str, str]]:
        out = []
        for k2, f2 in cp._collect_plain(sets).items():
            if f2.name == "type":
                out.append((k2, f"type({pr})"))
            elif f2.name == "startId":
                out.append((k2, f"startNode({pr}).id"))
            elif f2.name == "endId":
                out.append((k2, f"endNode({pr}).id"))
            elif f2.name == "evidence":
                out.append((k2, cp.evidence(pr, cp.subsets(f2), cl, carry)))
        return out

    step_fields: list[tuple[str, dict]] = []
    for k, f in fields.items():
        if f.name == "nodes":
            node_entries.append((k, cp.node(pn, ENTITY, cp.subsets(f), cl, carry)))
        elif f.name == "relationships":
            rel_entries.append((k, rel_map(cp.subsets(f))))
        elif f.name == "steps":
            step_fields.append((k, cp._collect_plain(cp.subsets(f))))
            for k2, f2 in step_fields[-1][1].items():
                if f2.name == "relationships":
                    rel_entries.append((f"{k}__{k2}", rel_map(cp.subsets(f2))))
    nm, rm, rs, rt, ty = cp.var("nm"), cp.var("rm"), cp.var("rs"), cp.var("rt"), cp.var("ty")
    rel_value = "{" + ", ".join(f"{_key(k)}: {_map(sub)}" for k, sub in rel_entries) + "}"
    cl.append(f"WITH {pi}, {tiers}, {si}, {_map(node_entries)} AS {nm}, "
              f"CASE WHEN {pr} IS NULL THEN NULL ELSE {rel_value} END AS {rm}, "
              f"CASE WHEN {pr} IS NULL THEN NULL ELSE {_strength(pr)} END AS {rt}, type({pr}) AS {ty}, "
              f"{_prop(pr, 'source')} AS {s}")
    cl.append(f"WITH {pi}, {tiers}, {si}, {nm}, {rm}, {ty}, {rt}, {s} ORDER BY {pi}, {si}, {rt}, {ty}, {s}")
    tys, ns, rss, tyss = cp.var("tys"), cp.var("ns"), cp.var("rss"), cp.var("tyss")
    cl.append(f"WITH {pi}, {tiers}, {si}, {nm}, collect({rm}) AS {rs}, collect(DISTINCT {ty}) AS {tys}")
    cl.append(f"WITH {pi}, {tiers}, {si}, {nm}, {rs}, {tys} ORDER BY {pi}, {si}")
    cl.append(f"WITH {pi}, {tiers}, collect({nm}) AS {ns}, collect({rs}) AS {rss}, collect({tys}) AS {tyss}")
    names = "['" + "', '".join(STRENGTHS) + "']"
    j, r = cp.var("j"), cp.var("r")
    entries = []
    for k, f in fields.items():
        if f.name == "length":
            entries.append((k, f"size({tiers})"))
        elif f.name == "strength":
            entries.append((k, f"{names}[reduce({t} = 0, {x} IN {tiers} | CASE WHEN {x} > {t} THEN {x} ELSE {t} END)]"))
        elif f.name == "nodes":
            entries.append((k, f"[{x} IN {ns} | {x}.{_key(k)}]"))
        elif f.name == "relationships":
            entries.append((k, f"[{x} IN {rss}[0..size({tiers})] | head({x}).{_key(k)}]"))
    for k, sub in step_fields:
        step = []
        for k2, f2 in sub.items():
            if f2.name == "types":
                step.append((k2, f"{tyss}[{j}]"))
            elif f2.name == "strength":
                step.append((k2, f"{names}[{tiers}[{j}]]"))
            elif f2.name == "relationships":
                step.append((k2, f"[{r} IN {rss}[{j}] | {r}.{_key(f'{k}__{k2}')}]"))
        entries.append((k, f"[{j} IN range(0, size({tiers}) - 1) | {_map(step)}]"))
    cl.append(cp._ret(idx, pi, _map(entries)))
    return cl


__all__ = ["compile_connection", "allowed_types", "STRENGTH", "STRENGTHS"]
