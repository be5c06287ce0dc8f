"""Responsibility: how a ministry is responsible for a measure, traced forward (a measure's
`responsibleMinistries`, the `responsibility` root, the filter) or inverse (a ministry's
`responsibleFor` and `responsibleForByBasis`), one subquery per branch: one branch per path of the
declaration, schema/responsibility.py."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graphql import SelectionSetNode, parse

from api.graphql.emit.text import _map, _prop
from api.graphql.plan.base import RESPONSIBLE_FILTER, Collected, Lookup, checked_at
from api.graphql.plan.filters import Responsible, Where, without
from api.graphql.spec import BASES, ENTITY, MEASURE_LABELS, RESPONSIBLE_LABEL
from schema.responsibility import DATED_BY, PATHS, BasisFrom, Path, measure_kinds, measure_label


@dataclass(frozen=True)
class Branch:
    """A path of the declaration (`path`) as the compiler writes it. `pattern` has the
    placeholders {V} (the measure), {M} (the ministry), {D} (a dated path's document), {r1}… (the
    steps' relationships) and {x}/{y} (the nodes between: x the node a proposal mentions, y a body;
    the names the compiler has always used, its Cypher is pinned); `valid`: the relationships whose
    validFrom/validTo must hold; `via`: the node the answer goes through; `nodes`: the nodes from
    measure to ministry; `rels`: the relationship of each step (the evidence); `inverse_label`: the
    measure's label when matched from the ministry's side; `starts`: the kinds of measure the path
    can start at."""

    path: Path
    pattern: str
    valid: tuple[str, ...]
    via: str | None
    nodes: tuple[str, ...]
    rels: tuple[str, ...]
    inverse_label: str | None
    starts: frozenset[str]

    @property
    def dated(self) -> bool:
        return self.path.dated

    @property
    def bases(self) -> set[str]:
        return set(self.path.bases)


def _branch(path: Path) -> Branch:
    rel = DATED_BY[0]
    pattern = f"({{D}})<-[:{rel}]-({{V}})" if path.dated else "({V})"
    nodes, rels, valid = ["v"], [], []
    for i, step in enumerate(path.steps, 1):
        r = f"r{i}"
        rels.append(r)
        if step.valid:
            valid.append(r)
        pattern += f"-[{{{r}}}:{step.type}]->"
        if i == len(path.steps):
            pattern += "({M})"
            nodes.append("m")
        else:
            n = "x" if step.type == "MENTIONS" else "y"
            if n in nodes:
                raise ValueError(f"path {path.name}: the compiler names one node between x (mentioned) and one y "
                                 "(a body); name more in api/graphql/emit/responsibility.py")
            pattern += f"({{{n}}}{':' + step.to if step.to else ''})"
            nodes.append(n)
    if len(rels) > 3:
        raise ValueError(f"path {path.name}: the compiler names three relationships r1-r3; name more there")
    via = nodes[path.via] if path.via is not None else None
    return Branch(path, pattern, tuple(valid), via, tuple(nodes), tuple(rels), measure_label(path),
                  measure_kinds(path))


BRANCHES: tuple[Branch, ...] = tuple(_branch(p) for p in PATHS)


class Responsibility:
    # -- responsibility -------------------------------------------------------------------------
    @staticmethod
    def _valid(r: str, at: str) -> str:
        """`r` holds at some time in `at` (a year, a month or a date). validFrom/validTo may be a
        year, a month or a date too; appending '~' makes a period count whole on either side:
        validTo `2013` holds at `2013-05-01`, and validFrom `2014-01-01` holds at `2014`."""
        return (f"coalesce({_prop(r, 'validFrom')}, '') <= ({at} + '~') AND "
                f"(coalesce({_prop(r, 'validTo')}, '9999') + '~') >= {at}")


    _checked_at = staticmethod(checked_at)

    BRANCHES = BRANCHES  # the declaration's paths as patterns (above)

    def _branch_match(self, b: Branch, bound: str, direction: str, at_p: str, today_p: str, wanted: set[str],
                      ministry: str | None, label: str | None = None) -> tuple[dict, str, list[str], str, str]:
        """Branch `b` as a pattern from the bound measure (forward) or ministry (inverse): (its
        variables by role, the pattern, its conditions (validity at the date, the ministry's name, a
        single basis asked for), the basis expression, the date expression). `label`: the measure's
        label from the ministry's side instead of the branch's own."""
        names = {s: self.var(s) for s in ("v", "m", "x", "y", "r1", "r2", "r3", "dd")}
        names["v" if direction == "forward" else "m"] = bound
        v, m, dd, r1 = names["v"], names["m"], names["dd"], names["r1"]
        label = label or b.inverse_label
        inverse_v = f"{v}:{label}" if label else v
        fmt = dict(names, V=v if direction == "forward" else inverse_v,
                   M=f"{m}:{RESPONSIBLE_LABEL}" if direction == "forward" else m, D=f"{dd}:{DATED_BY[1]}")
        at = (f"coalesce({at_p}, {dd}.{DATED_BY[2]}, {today_p})" if b.dated
              else f"coalesce({at_p}, {today_p})")
        conds = [self._valid(names[rv], at) for rv in b.valid]
        if ministry is not None:
            conds.append(self.lookup_expr(m, ministry))
        by = b.path.basis
        if isinstance(by, BasisFrom):
            whens = " ".join(f"WHEN '{val}' THEN '{x}'" for val, x in by.values[:-1])
            basis = f"CASE {r1}.{by.prop} {whens} ELSE '{by.values[-1][1]}' END"
            if len(b.bases & wanted) == 1:
                [value] = [val for val, x in by.values if x in wanted]
                conds.append(f"{r1}.{by.prop} = {self.param(value)}")
        else:
            basis = f"'{by}'"
        return names, b.pattern.format(**fmt), conds, basis, at

    def responsibilities(self, bound: str, types: list[str], direction: str, args: dict,
                         sets: list[SelectionSetNode], cl: list[str], carry: list[str],
                         ministry: str | None = None) -> str:
        """The Responsibility list of a measure (forward) or of a ministry (inverse): one chain per
        branch, concatenated in basis order (named, addressee, owner, agency): returns that expression.
        `ministry`: only the ministries with that id, name, alias or abbreviation (forward)."""
        wanted = set(args.get("basis") or BASES)
        at_p, today_p = self.param(self._checked_at(args.get("at"))), self.param(self.today)
        fields = self._collect_plain(sets)
        wants = {f.name for f in fields.values()}
        lists: list[str] = []  # one per branch, concatenated by the caller's expression
        for b in self.BRANCHES:
            bases = b.bases
            if not bases & wanted or (direction == "forward" and not b.starts & set(types)):
                continue  # not asked, or the model lets none of these kinds start it: always empty
            names, pattern, conds, basis, at = self._branch_match(b, bound, direction, at_p, today_p, wanted,
                                                                  ministry)
            v, m = names["v"], names["m"]
            by = b.path.basis
            # each branch is a subquery of its own: rows it multiplies do not carry the lists of
            # the branches before it (grouping by them made the cost grow with their square)
            # (once per row: batched over all rows (Batch), the lists copied in and out of the batch
            # cost more than the calls save — measures_of_ministry 1.9 -> 4.0 ms, 13 proposals' in
            # owners_of_author_measures 3.7 -> 4.3 ms)
            sub = [f"OPTIONAL MATCH {pattern}" + self.optional_where(bound, conds)]
            nodes = [names[p] for p in b.nodes]
            # one row per (measure, path): the first relationship of each step is the evidence
            group = list(dict.fromkeys([bound] + nodes))
            aggs, rels = [], []
            bv = self.var("b")
            aggs.append(f"max({basis}) AS {bv}")
            if "at" in wants:
                at_v = self.var("at")
                aggs.append(f"min({at}) AS {at_v}")
            if "evidence" in wants:
                for r in b.rels:
                    e = self.var("e")
                    aggs.append(f"head(collect({names[r]})) AS {e}")
                    rels.append(e)
            sub.append(f"WITH {', '.join(group + aggs)}")
            grouped_at = len(sub)
            inner = group + [a.rsplit(" AS ", 1)[1] for a in aggs]
            entries: list[tuple[str, str]] = []
            before = self._pages
            for key, f in fields.items():
                if f.name == "ministry":
                    entries.append((key, self.node(m, RESPONSIBLE_LABEL, self.subsets(f), sub, inner)))
                elif f.name == "measure":
                    entries.append((key, self.node(v, ENTITY, self.subsets(f), sub, inner)))
                elif f.name == "basis":
                    entries.append((key, bv))
                elif f.name == "at":
                    entries.append((key, at_v))
                elif f.name == "via":
                    via = names[b.via] if b.via else None
                    entries.append((key, self.node(via, ENTITY, self.subsets(f), sub, inner) if via else "null"))
                elif f.name == "path":
                    projs = [self.node(p, ENTITY, self.subsets(f), sub, inner) for p in nodes]
                    entries.append((key, "[" + ", ".join(projs) + "]"))
                elif f.name == "evidence":
                    projs = [self.evidence(r, self.subsets(f), sub, inner) for r in rels]
                    entries.append((key, "[" + ", ".join(projs) + "]"))
                elif f.name == "explanation":  # the declaration's words for the path (and the basis found)
                    if isinstance(by, BasisFrom):
                        whens = " ".join(f"WHEN '{x}' THEN {self.param(b.path.explain(x))}" for x in by.bases[:-1])
                        entries.append((key, f"CASE {bv} {whens} ELSE {self.param(b.path.explain(by.bases[-1]))} END"))
                    else:
                        entries.append((key, self.param(b.path.explain(by))))
            if self._pages != before:  # a nested default page below: a notice looks under these keys
                self._page_keys.update(fields)
            other = m if direction == "forward" else v
            lst = self.var("l")
            order = f"ORDER BY {bv} DESC, {_prop(other, 'name')}, {_prop(other, 'id')}"
            if b.via:  # one measure through several bodies: the same order on every store
                order += f", {_prop(names[b.via], 'name')}, {_prop(names[b.via], 'id')}"
            if len(sub) == grouped_at:  # the projection needed no clauses: sort the grouped rows directly
                sub[-1] += f" {order}"
            else:
                sub.append(f"WITH {', '.join(inner)} {order}")
            self.gather(f"collect(CASE WHEN {m} IS NULL OR {v} IS NULL THEN NULL ELSE {_map(entries)} END)",
                        lst, sub, [bound], (bound, cl, carry))
            self._lists.add(lst)
            lists.append(lst)
        return "(" + " + ".join(lists) + ")" if lists else "[]"

    def responsible_filter(self, v: str, type_name: str, flt: Responsible, cl: list[str], carry: list[str]) -> str:
        """`responsibleMinistries: {name, basis, at}` on a measure: true when the tracing of the
        field `responsibleMinistries` (the same branches) finds that ministry on one of those bases."""
        name = flt.name
        self.lookups.append(Lookup(self._root_idx, "responsibleMinistries", name, (RESPONSIBLE_LABEL,), False))
        if self.backend == "neo4j":
            return self._responsible_exists(v, type_name, flt)
        lst = self.responsibilities(v, [type_name], "forward", {"basis": flt.basis, "at": flt.at},
                                    [], cl, carry, ministry=name)
        return f"size({lst}) > 0"

    def responsible_first(self, n: str, type_name: str, where: Where | None, cl: list[str]
                          ) -> tuple[Where | None, str | None]:
        """A root list's own `responsibleMinistries` filter, answered from the ministry's side: the
        ids of the measures its `responsibleFor` holds (the same branches, inverse), collected once
        before the list's MATCH, which then asks `n.id IN` them — rather than tracing every node of
        the kind forward (the corpus's proposals for NFD: 62 -> 5 ms in the store). Returns (the rest of
        `where`, the condition on `n`)."""
        flt, rest = without(where, Responsible)
        if flt is None or type_name not in MEASURE_LABELS:
            return where, None
        self.lookups.append(Lookup(self._root_idx, RESPONSIBLE_FILTER, flt.name, (RESPONSIBLE_LABEL,), False))
        if self.backend == "neo4j":
            return rest, self._responsible_measures(n, type_name, flt, cl)
        mm, every, acc, x, y, ok = (self.var(p) for p in ("mm", "all", "acc", "x", "y", "ok"))
        cl.append(f"OPTIONAL MATCH ({mm}:{RESPONSIBLE_LABEL}) WHERE {self.lookup_expr(mm, flt.name)}")
        cl.append(f"WITH {mm}")
        lst = self.responsibilities(mm, [RESPONSIBLE_LABEL], "inverse", {"basis": flt.basis, "at": flt.at},
                                    [_basis_items()], cl, [mm])
        cl.append(f"WITH collect({lst}) AS {every}")
        cl.append(f"WITH reduce({acc} = [], {x} IN {every} | {acc} + [{y} IN {x} WHERE {y}.measure.kind = "
                  f"{self.param(type_name)} | {y}.measure.id]) AS {ok}")
        return rest, f"{_prop(n, 'id')} IN {ok}"

    def _search_ministry(self, name: str, cl: list[str]) -> tuple[str, str]:
        """`search(ministry:)`: the ministries `name` names and the measures they are responsible for
        today, on every basis (the same branches as `responsibleFor`), collected once before the hits
        are unwound. Returns the variables (ministry ids, measure keys `Kind:id`) a hit is tested
        against in api.graphql.emit.roots (the ministry itself, a measure it is responsible for, or
        a document addressed to it passes)."""
        mm, every, ids, keys, acc, x, y = (self.var(p) for p in ("mm", "all", "mids", "keys", "acc", "x", "y"))
        cl.append(f"OPTIONAL MATCH ({mm}:{RESPONSIBLE_LABEL}) WHERE {self.lookup_expr(mm, name)}")
        cl.append(f"WITH {mm}")
        lst = self.responsibilities(mm, [RESPONSIBLE_LABEL], "inverse", {}, [_basis_items()], cl, [mm])
        cl.append(f"WITH collect({mm}.id) AS {ids}, collect({lst}) AS {every}")
        cl.append(f"WITH {ids}, reduce({acc} = [], {x} IN {every} | {acc} + [{y} IN {x} | "
                  f"{y}.measure.kind + ':' + {y}.measure.id]) AS {keys}")
        return ids, keys

    def _search_ministry_exists(self, m: str, name: str) -> str:
        """Neo4j's form of :meth:`_search_ministry`: the same test on each hit `m` as an expression
        (the ministry itself, a document addressed to it, or a measure of a kind it is responsible
        for by :meth:`_responsible_exists`, today, on any basis)."""
        a = self.var("a")
        flt = Responsible(name, None, None)
        parts = [f"({m}:{RESPONSIBLE_LABEL} AND {self.lookup_expr(m, name)})",
                 f"({m}:Document AND EXISTS {{ MATCH ({m})-[:ADDRESSED_TO]->({a}:{RESPONSIBLE_LABEL}) "
                 f"WHERE {self.lookup_expr(a, name)} }})"]
        parts += [f"({m}:{label} AND {self._responsible_exists(m, label, flt)})" for label in MEASURE_LABELS]
        return " OR ".join(parts)

    def _filter_branches(self, type_name: str, flt: Responsible) -> tuple[list[Branch], set[str], str, str]:
        """The branches a `responsibleMinistries` filter on a `type_name` asks (its bases, a path that
        kind can start), the bases wanted and the date and today parameters."""
        wanted = set(flt.basis or BASES)
        at_p, today_p = self.param(self._checked_at(flt.at)), self.param(self.today)
        return [b for b in self.BRANCHES if b.bases & wanted and type_name in b.starts], wanted, at_p, today_p

    def _responsible_exists(self, v: str, type_name: str, flt: Responsible) -> str:
        """Neo4j's form of :meth:`responsible_filter`: one `EXISTS { MATCH … }` per branch, OR-ed; an
        expression, no chain, so that it can sit inside `EXISTS {}`/`COUNT {}` of a relationship
        filter or count too. (The list of responsibilities the chain builds, ordered and
        collected per row, is not needed for a yes or no: on 1,000 synthetic documents
        `responsible_below` took 10.6 s that way.)"""
        branches, wanted, at_p, today_p = self._filter_branches(type_name, flt)
        parts = []
        for b in branches:
            _, pattern, conds, _, _ = self._branch_match(b, v, "forward", at_p, today_p, wanted, flt.name)
            parts.append(f"EXISTS {{ MATCH {pattern}" + (f" WHERE {' AND '.join(conds)}" if conds else "") + " }")
        self._own_forms += 1
        return "(" + " OR ".join(parts) + ")" if parts else "false"

    def _responsible_measures(self, n: str, type_name: str, flt: Responsible, cl: list[str]) -> str | None:
        """Neo4j's form of :meth:`responsible_first`: a subquery that binds `n` once per measure of
        the kind the named ministry is responsible for (the branches from the ministry's side, a
        UNION of one MATCH each, de-duplicated), before the list's own MATCH. No list of ids: a list
        collected before the MATCH is carried on every row after it, and Neo4j counts it against
        the transaction's memory once per row kept for the sort (proposals_of_ministry on 1,000
        synthetic documents: 3.6 MB a row, over the 693 MiB default limit at 200 of its 500)."""
        branches, wanted, at_p, today_p = self._filter_branches(type_name, flt)
        if not branches:
            return "false"
        mm = self.var("mm")
        parts = []
        for b in branches:
            names, pattern, conds, _, _ = self._branch_match(b, mm, "inverse", at_p, today_p, wanted, None,
                                                             label=type_name)
            parts.append(f"MATCH {pattern}" + (f" WHERE {' AND '.join(conds)}" if conds else "")
                         + f" RETURN {names['v']} AS {n}")
        union = " UNION ".join(parts)
        cl.append(f"CALL () {{ MATCH ({mm}:{RESPONSIBLE_LABEL}) WHERE {self.lookup_expr(mm, flt.name)} "
                  f"CALL ({mm}) {{ {union} }} RETURN DISTINCT {n} }}")
        self._own_forms += 1
        return None

    def by_basis(self, m: str, args: dict, cl: list[str], carry: list[str]) -> str:
        """`responsibleForByBasis` of ministry `m`: for each basis asked for, in basis order, how many
        distinct measures (of `kinds`) the ministry's `responsibleFor` list holds on that basis."""
        lst = self.responsibilities(m, [RESPONSIBLE_LABEL], "inverse", args, [_basis_items()], cl, carry)
        wanted = set(args.get("basis") or BASES)
        b, acc, x = self.var("b"), self.var("acc"), self.var("x")
        cond = f"{x}.basis = {b}"
        if args.get("kinds") is not None:
            cond += f" AND {x}.measure.kind IN {self.param([self._label(k) for k in args['kinds']])}"
        distinct = (f"reduce({acc} = [], {x} IN {lst} | CASE WHEN {cond} AND NOT {x}.measure.id IN {acc} "
                    f"THEN {acc} + [{x}.measure.id] ELSE {acc} END)")
        return f"[{b} IN {self.param([x for x in BASES if x in wanted])} | {{basis: {b}, count: size({distinct})}}]"

    def root_responsibility(self, idx: int, c: Collected, args: dict) -> list[str]:
        n = self.var("n")
        labels = " OR ".join(f"{n}:{label}" for label in MEASURE_LABELS)
        cl = [f"MATCH ({n}) WHERE ({labels}) AND {self.lookup_expr(n, args['measure'])}",
              f"WITH {n} ORDER BY {_prop(n, 'id')}"]
        carry = [n]
        lst = self.responsibilities(n, list(MEASURE_LABELS), "forward", args, self.subsets(c), cl, carry)
        out, acc, x = self.var("all"), self.var("acc"), self.var("x")
        cl.append(f"WITH collect({lst}) AS {out}")
        cl.append(self._ret(idx, "0", f"reduce({acc} = [], {x} IN {out} | {acc} + {x})"))
        return cl

@lru_cache(maxsize=1)
def _basis_items() -> SelectionSetNode:
    """What `responsibleForByBasis` needs of each responsibility: its basis and its measure."""
    op = parse("{ basis measure { id kind } }").definitions[0]
    return op.selection_set

