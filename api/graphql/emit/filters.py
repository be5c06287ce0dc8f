"""The plan's filters (api.graphql.plan.filters) as Cypher: plain conditions, kind labels,
relationship filters aggregated back to one row per node, existential filters matched as patterns;
and sort keys."""

from __future__ import annotations

from api.graphql.emit.text import _COMPARE, _TEXT_MATCH, _prop
from api.graphql.plan.base import CompileError, Lookup
from api.graphql.plan.filters import (AllOf, AnyOf, KindIs, Named, NotOf, Prop, Related, Responsible, Where,
                                      kind_in_pattern)
from api.graphql.spec import ENTITY, all_labels
from schema.model import STR_LIST
from schema.text import store_fold


class Filters:
    def scalar_filter(self, expr: str, ptype: str, ops) -> list[str]:
        """A property's operators (plan.filters.Prop.ops) as conditions on `expr`."""
        out = []
        for op, val in ops:
            if ptype == STR_LIST:
                a = self.var("a")
                if op == "includes":
                    # folding never shortens a string (each character becomes one or two): the
                    # cheap length test spares most elements the fold (AND short-circuits)
                    needle = store_fold(val)
                    p = self.param(needle)
                    out.append(f"any({a} IN coalesce({expr}, []) WHERE size({a}) <= size({p}) AND "
                               f"{self.fold(a, needle)} = {p})")
                elif op == "contains":
                    needle = store_fold(val)
                    out.append(f"any({a} IN coalesce({expr}, []) WHERE {self.fold(a, needle)} CONTAINS "
                               f"{self.param(needle)})")
                elif op == "isEmpty":
                    out.append(f"size(coalesce({expr}, [])) {'=' if val else '>'} 0")
                continue
            if op == "isNull":
                out.append(f"{expr} IS {'' if val else 'NOT '}NULL")
            elif op in _COMPARE:
                out.append(f"{expr} {_COMPARE[op]} {self.param(list(val) if op == 'in' else val)}")
            elif op in _TEXT_MATCH:
                needle = store_fold(val)
                out.append(f"{self.fold(expr, needle)} {_TEXT_MATCH[op]} {self.param(needle)}")
        return out

    def where_expr(self, v: str, type_name: str, where: Where | None, cl: list[str] | None = None,
                   carry: list[str] | None = None, among: tuple[str, ...] | None = None) -> str | None:
        """A boolean Cypher expression over `v`; relationship filters emit chains into `cl`
        (computing counts that are appended to `carry`). `among`: the kinds `v` can be (a
        relationship's other end), when `type_name` is the Entity interface."""
        if not where:
            return None
        parts: list[str] = []
        for f in where.entries:
            if isinstance(f, AllOf):
                parts += [f"({e})" for w in f.items if (e := self.where_expr(v, type_name, w, cl, carry, among))]
            elif isinstance(f, AnyOf):
                subs = [self.where_expr(v, type_name, w, cl, carry, among) for w in f.items]
                if subs:
                    parts.append("(" + " OR ".join(f"({s or 'true'})" for s in subs) + ")")
            elif isinstance(f, NotOf):
                e = self.where_expr(v, type_name, f.item, cl, carry, among)
                if e:
                    parts.append(f"NOT ({e})")
            elif isinstance(f, KindIs):
                parts += self.kind_filter(v, type_name, f, among)
            elif isinstance(f, Prop):
                parts += self.scalar_filter(_prop(v, f.name), f.ptype, f.ops)
            elif isinstance(f, Named):
                parts.append(self.lookup_expr(v, f.name))
                labels = None if type_name == ENTITY else (type_name,)
                self.lookups.append(Lookup(self._root_idx, "named", f.name, labels, False))
            elif isinstance(f, Responsible):
                if (cl is None or carry is None) and self.backend != "neo4j":  # Neo4j's is an expression
                    raise CompileError(f"unknown filter {'responsibleMinistries'!r}", "BAD_REQUEST")
                parts.append(self.responsible_filter(v, type_name, f, cl, carry))
            else:
                parts.append(self.relation_filter(v, f, cl, carry))
        return " AND ".join(parts) if parts else None

    def kind_filter(self, v: str, type_name: str, f: KindIs, among: tuple[str, ...] | None) -> list[str]:
        """`kind: {eq, in}` as label tests, leaving out the kinds `v` cannot be: a typed node is
        its type, a relationship's other end one of its kinds. A kind it cannot be is `false`,
        not a label test Neo4j's linter flags as never matching (and the store would test)."""
        can_be = {type_name} if type_name != ENTITY else set(among or all_labels())
        parts: list[str] = []
        if f.eq:
            if f.eq not in can_be:
                parts.append("false")
            elif len(can_be) > 1:
                parts.append(f"{v}:{f.eq}")
        if f.in_ is not None:
            labels = [lb for lb in f.in_ if lb in can_be]
            if len(can_be) == 1 or set(labels) >= can_be:
                parts += [] if labels else ["false"]
            else:
                parts.append("(" + (" OR ".join(f"{v}:{lb}" for lb in labels) or "false") + ")")
        return parts

    def _label(self, label: str) -> str:
        if label not in all_labels():
            raise CompileError(f"unknown kind {label!r}")
        return label

    def evidence_where(self, r: str, where: Where | None) -> str | None:
        """An `edge:` filter (plan.filters.edge_of) on relationship `r`."""
        if not where:
            return None
        parts: list[str] = []
        for f in where.entries:
            if isinstance(f, AllOf):
                parts += [f"({e})" for w in f.items if (e := self.evidence_where(r, w))]
            elif isinstance(f, AnyOf):
                subs = [self.evidence_where(r, w) for w in f.items]
                if subs:
                    parts.append("(" + " OR ".join(f"({s or 'true'})" for s in subs) + ")")
            elif isinstance(f, NotOf):
                e = self.evidence_where(r, f.item)
                if e:
                    parts.append(f"NOT ({e})")
            elif f.name is None:
                parts += self.scalar_filter(f"type({r})", "str", f.ops)
            else:
                parts += self.scalar_filter(_prop(r, f.name), f.ptype, f.ops)
        return " AND ".join(parts) if parts else None

    def relation_filter(self, v: str, f: Related, cl: list[str] | None, carry: list[str] | None) -> str:
        """some/none/all/count over the related nodes: a chain that aggregates back to one row per `v`
        (FalkorDB), or on Neo4j an expression of `EXISTS {}`/`COUNT {}` subqueries
        (:meth:`relation_subqueries`)."""
        if self.backend == "neo4j":
            return self.relation_subqueries(v, f, cl, carry)
        if cl is None or carry is None:
            raise AssertionError("relationship filters need a chain")
        rf = f.rf
        x, r = self.var("x"), self.var("r")
        conds = [c for c in (self.evidence_where(r, f.edge),) if c]
        self.barrier(cl, carry)
        cl.append(f"OPTIONAL MATCH {rf.pattern(v, r, x)}" + self.optional_where(v, conds))
        inner = carry + [x]
        preds: dict[str, str] = {}
        for op, sub in (("some", f.some), ("none", f.none), ("all", f.all)):
            if sub is not None:
                preds[op] = self.where_expr(x, rf.target, sub, cl, inner, rf.other_labels) or "true"
        aggs: list[str] = []
        out: list[str] = []
        for op, pred in preds.items():
            k = self.var("k")
            # only whether there is such a node matters: count rows, no de-duplication
            if op == "all":
                aggs.append(f"count(CASE WHEN {x} IS NOT NULL AND NOT coalesce({pred}, false) THEN 1 END) AS {k}")
                out.append(f"{k} = 0")
            else:
                aggs.append(f"count(CASE WHEN {x} IS NOT NULL AND ({pred}) THEN 1 END) AS {k}")
                out.append(f"{k} {'>' if op == 'some' else '='} 0")
            carry.append(k)
        if f.count is not None:
            k = self.var("k")
            aggs.append(f"count(DISTINCT {x}) AS {k}")
            out += self.scalar_filter(k, "int", f.count)
            carry.append(k)
        if not aggs:  # only `edge`: some relationship with matching evidence exists
            k = self.var("k")
            aggs.append(f"count({x}) AS {k}")
            out.append(f"{k} > 0")
            carry.append(k)
        base = [c for c in carry if c not in {a.rsplit(' AS ', 1)[1] for a in aggs}]
        cl.append(f"WITH {', '.join(base + aggs)}")
        return "(" + " AND ".join(out) + ")" if out else "true"  # `count: {}` asks nothing

    def relation_subqueries(self, v: str, f: Related, cl: list[str] | None = None,
                            carry: list[str] | None = None) -> str:
        """Neo4j's form of :meth:`relation_filter`: `some` is `EXISTS { MATCH … WHERE … }`, `none`
        and `all` `NOT EXISTS {…}`, `count` `COUNT { MATCH … RETURN DISTINCT x }`, with no chain and
        no aggregation of the rows. On 1,000 synthetic documents (bench/neo4j_forms.py, 2026-12-06)
        it took, of the chain's time: all_nested 0.34-0.36, none_edge_not 0.65-0.68, count
        0.84-0.97, count_range 0.89-0.94, or 0.90-0.96, none 0.95-0.97, named_together 0.96. A
        `count` with several bounds is counted once, in a WITH of the chain where there is one
        (count_range: COUNT twice in the WHERE took 1.11 of the chain's time, once 0.92). A
        `responsibleMinistries` filter inside is an expression too on Neo4j
        (:meth:`api.graphql.emit.responsibility.Responsibility.responsible_filter`)."""
        rf = f.rf
        x, r = self.var("x"), self.var("r")
        edge = self.evidence_where(r, f.edge)
        pattern = rf.pattern(v, r, x)
        self._own_forms += 1

        def match(*conds: str | None) -> str:
            conds_ = [c for c in (edge,) + conds if c]
            return f"MATCH {pattern}" + (f" WHERE {' AND '.join(conds_)}" if conds_ else "")

        out: list[str] = []
        for op, sub in (("some", f.some), ("none", f.none), ("all", f.all)):
            if sub is None:
                continue
            pred = self.where_expr(x, rf.target, sub, among=rf.other_labels)
            if op == "some":
                out.append(f"EXISTS {{ {match(pred and f'({pred})')} }}")
            elif op == "none":
                out.append(f"NOT EXISTS {{ {match(pred and f'({pred})')} }}")
            elif pred:  # `all` with no condition holds
                out.append(f"NOT EXISTS {{ {match(f'NOT coalesce({pred}, false)')} }}")
        if f.count is not None:
            count = f"COUNT {{ {match()} RETURN DISTINCT {x} }}"
            if len(f.count) > 1 and cl is not None and carry is not None:
                k = self.var("k")
                cl.append(f"WITH {', '.join(carry)}, {count} AS {k}")
                carry.append(k)
                count = k
            out += self.scalar_filter(count, "int", f.count)
        if f.some is None and f.none is None and f.all is None and f.count is None:
            out.append(f"EXISTS {{ {match()} }}")  # only `edge`: some relationship with matching evidence
        return "(" + " AND ".join(out) + ")" if out else "true"

    # -- existential filters as patterns ---------------------------------------------------------
    def hop_steps(self, v: str, type_name: str, where: Where | None, steps: list,
                  among: tuple[str, ...] | None = None) -> list[str]:
        """A flat where (plan.filters.is_flat) on `v`: returns the plain conditions on `v` and appends
        to `steps` one (pattern, conditions, relationship type, node) per existential hop, parents
        first. `some` means a related node exists: matching the pattern (rows de-duplicated
        afterwards) says so. On Neo4j too: on 1,000 synthetic documents `WHERE EXISTS { … }` at the
        root instead of the hops' MATCH and `WITH DISTINCT` took recurring_asks 3.2 times as long,
        addressed_to_ministry 1.23, who_cites_whom 1.00, examples_by_country 0.91, named_together
        0.83; in a nested list's OPTIONAL MATCH 1.00-1.01 (measured with the patterns turned off
        in the compiler, bench/neo4j_forms.py's way, 2026-12-06)."""
        conds: list[str] = []
        for f in (where.entries if where else ()):
            if isinstance(f, AllOf):
                for w in f.items:
                    conds += self.hop_steps(v, type_name, w, steps, among)
            elif isinstance(f, Related) and f.exists_only:
                rf = f.rf
                x, r = self.var("x"), self.var("r")
                at = len(steps)
                steps.append(None)
                label, some = kind_in_pattern(rf, f.some)
                sub = self.hop_steps(x, rf.target, some, steps, (label,) if label else rf.other_labels)
                step_conds = [e for e in [self.evidence_where(r, f.edge)] + sub if e]
                steps[at] = (rf.pattern(v, r, x, label), step_conds, rf.rel.type, x)
            else:
                e = self.where_expr(v, type_name, Where((f,)), among=among)
                if e:
                    conds.append(e)
        return conds
