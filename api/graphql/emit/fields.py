"""A node's map: its properties, relationship lists, counts and connections, edges and evidence."""

from __future__ import annotations

import json

from graphql import SelectionSetNode

from api.graphql.emit.chain import Batch
from api.graphql.emit.text import _map, _prop
from api.graphql.plan.base import KIND_KEY, LIMIT_KEY, PAGE_KEY, Collected, CompileError
from api.graphql.plan.filters import edge_of, kind_in_pattern, split_hops, split_where, where_of
from api.graphql.plan.paging import cursor_page, offset_page, sort_of
from api.graphql.spec import ENTITY, RESPONSIBLE_LABEL, RelField, all_labels, evidence_props


class Fields:
    def node(self, v: str, type_name: str, sets: list[SelectionSetNode], cl: list[str], carry: list[str]) -> str:
        """The map for node `v` (bound, possibly null) with the selection; nested fields emit chains
        and append their result variables to `carry`."""
        fields = self.collect(type_name, sets)
        entries: list[tuple[str, str]] = []
        abstract = type_name == ENTITY
        if abstract:
            entries.append((KIND_KEY, f"labels({v})[0]"))
        # counts last: `xCount` beside the list `x` with the same filters is that list's size
        # (rel_field), no second traversal; the map's key order does not matter (completion picks keys)
        for key, c in sorted(fields.items(), key=lambda kv: kv[1].name.endswith("Count")):
            if c.name == "__typename":
                continue
            before = self._pages
            entries.append((key, self.node_field(v, type_name, c, cl, carry)))
            if self._page is not None:  # the list is on the default page: what a notice needs to tell a cut
                entries.append((PAGE_KEY + key, self._page))
                self._page_fields.add(key)
                self._page = None
                before += 1
            if self._pages != before:  # a page below (or a connection's own): a notice looks in there
                self._page_keys.add(key)
        return _map(entries)

    def node_field(self, v: str, type_name: str, c: Collected, cl: list[str], carry: list[str]) -> str:
        name = c.name
        if name == "kind":
            return f"labels({v})[0]"
        types = sorted(c.types)
        kinds_ = [self.kinds[t] for t in types]
        guard = None
        if type_name == ENTITY and set(types) != set(all_labels()):
            guard = "(" + " OR ".join(f"{v}:{t}" for t in types) + ")"
        if all(k.prop(name) for k in kinds_):
            # a field asked only on some kinds (`... on Proposal { text }`) is not read from the
            # others: another kind's property of the same name (a document's full text) is not sent
            return _prop(v, name) if guard is None else f"CASE WHEN {guard} THEN {_prop(v, name)} END"
        for suffix, mode in (("Connection", "connection"), ("Count", "count"), ("", "nodes")):
            base = name[: -len(suffix)] if suffix and name.endswith(suffix) else (name if not suffix else None)
            if base is None:
                continue
            rfs = [k.rel_field(base) for k in kinds_]
            if all(rfs):
                if len({(f.rel.type, f.direction, f.other_labels) for f in rfs}) > 1:
                    raise CompileError(f"{name!r} means different relationships on {types}", "UNSUPPORTED")
                args = self.args(types[0], c)
                return self.rel_field(v, rfs[0], mode, args, self.subsets(c), cl, carry, guard)
        if name == "responsibleMinistries":
            args = self.args(types[0], c)
            return self.responsibilities(v, types, "forward", args, self.subsets(c), cl, carry,
                                         ministry=args.get("ministry"))
        if name == "responsibleFor":
            args = self.args(RESPONSIBLE_LABEL, c)
            lst = self.responsibilities(v, [RESPONSIBLE_LABEL], "inverse", args, self.subsets(c), cl, carry)
            page = offset_page(args, self.limits)
            self._default_page(page, f"size({lst})")
            return f"({lst})[{self.param(page.lo)}..{self.param(page.hi)}]"
        if name == "responsibleForByBasis":
            return self.by_basis(v, self.args(RESPONSIBLE_LABEL, c), cl, carry)
        raise CompileError(f"field {name!r} on {type_name} cannot be compiled", "UNSUPPORTED")

    def rel_field(self, v: str, rf: RelField, mode: str, args: dict, sets: list[SelectionSetNode],
                  cl: list[str], carry: list[str], guard: str | None = None) -> str:
        c, r = self.var("c"), self.var("r")
        target = rf.target
        label, where = kind_in_pattern(rf, where_of(target, args.get("where")))
        simple, complex_ = split_where(where)
        among = (label,) if label else rf.other_labels
        conds = [e for e in (guard, self.where_expr(c, target, simple, among=among),
                             self.evidence_where(r, edge_of(args.get("edge")))) if e]
        hops, rest = split_hops(complex_)
        steps: list = []
        if hops:
            hop_conds = self.hop_steps(c, target, hops, steps, among)
            types = [rf.rel.type] + [t for _, _, t, _ in steps]
            if len(set(types)) == len(types):
                # the existential filters join the pattern: one OPTIONAL MATCH, no aggregation (with
                # distinct relationship types, the uniqueness of relationships in a MATCH changes nothing).
                # FalkorDB binds the parts of an OPTIONAL MATCH pattern that matched and leaves the rest
                # null: every hop's node must be asked to be there.
                conds += hop_conds + [e for _, sc, _, x in steps for e in sc + [f"{x} IS NOT NULL"]]
                complex_ = rest
            else:
                steps = []
        same = (v, rf.rel.type, rf.direction, guard,
                json.dumps([args.get("where"), args.get("edge")], sort_keys=True, default=str))
        if mode == "count" and same in self._node_lists:  # distinct non-null nodes: the list's size
            return f"size({self._node_lists[same]})"
        patterns = [rf.pattern(v, r, c, label)] + [pattern for pattern, _, _, _ in steps]
        if mode == "count" and self.backend == "neo4j":
            # Neo4j: a count without its list is a COUNT subquery, no chain (bench/neo4j_forms.py on
            # 1,000 synthetic documents: `counts` 0.79-0.82 of the chain's time, `filtered_counts`
            # 0.67-0.70)
            e = conds + ([self.where_expr(c, target, complex_, among=among)] if complex_ else [])
            where = f" WHERE {' AND '.join(e)}" if e else ""
            self._own_forms += 1
            return f"COUNT {{ MATCH {', '.join(patterns)}{where} RETURN DISTINCT {c} }}"
        # A list beside lists already collected for the same row is a subquery of its own: grouped
        # in the row's chain, every row it multiplies would be grouped by the lists before it too
        # (a cost that grows with the square of the rows). On FalkorDB it runs once for all rows
        # (Batch) below the root's one row. On Neo4j it runs once per row (`CALL (v) { … }`), which
        # is faster there: per row / batched on 1,000 synthetic documents (bench/neo4j_forms.py,
        # three runs) international_examples 0.63-0.95, recurring_asks 0.83-0.90, nested_siblings
        # 0.88-0.97, the others 0.97-1.08. (Inside a per-row subquery, a responsibility branch, a
        # batch declares the imported variable again when it unwinds its rows, which the scoped
        # form rejects; batched with that variable carried beside the rows instead, branch_lists
        # took 0.92-0.98 of the per-row time, measure_lists 1.01-1.03: not worth a second way to
        # batch.)
        # On Neo4j a list over an incoming relationship (the many side: themeOf, citedBy, proposals
        # of a document) below many rows is a per-row subquery even as the row's first list, as the
        # library writes every list: grouped in the row's chain, its many rows are de-duplicated,
        # sorted and collected by every variable the row carries. Per row / in the chain on 1,000
        # synthetic documents (two runs, 10-15 rounds): themes 0.74-0.80, who_cites_whom
        # 0.81-0.93, nested_siblings 0.55-0.67, the others 0.93-1.13 (within the noise). Every first
        # list per row instead: branch_lists 1.36, proposals_per_instrument 1.12 (few items each).
        many = self.backend == "neo4j" and rf.direction == "in" and v != self._one_row
        sub: Batch | str | None = None
        outer_cl, outer_carry = cl, carry
        if many or any(x in self._lists for x in carry):
            if v == self._one_row or self.backend == "neo4j":  # the root's one node: called once anyway
                sub = v
                cl, carry = [], [v]
            else:
                sub = self.batch()
                cl, carry = [sub.start(v)], [sub.j, v]
        self.barrier(cl, carry)
        if conds and not steps and v != self._one_row:
            # below many rows, the conditions pick rows after the match instead of in its WHERE:
            # FalkorDB runs an OPTIONAL MATCH with a WHERE once per row (an Apply), a plain one for
            # all rows at once (who_cites_whom 1.35 -> 1.09 ms, proposals_per_instrument 0.98 ->
            # 0.81); a failed row keeps its place, with nulls. With existential hops in the pattern,
            # or from the root's one row, the WHERE filters the pattern's many rows early: kept.
            e = " AND ".join(conds)
            c2, r2 = self.var("c"), self.var("r")
            cl.append(f"OPTIONAL MATCH {', '.join(patterns)}")
            cl.append(f"WITH {', '.join(carry)}, CASE WHEN {e} THEN {c} END AS {c2}, "
                      f"CASE WHEN {e} THEN {r} END AS {r2}")
            c, r = c2, r2
        else:
            cl.append(f"OPTIONAL MATCH {', '.join(patterns)}" + self.optional_where(v, conds))
        if steps and mode == "connection":  # one item per relationship; nodes are de-duplicated below
            cl.append(f"WITH DISTINCT {', '.join(carry + [c, r])}")
        inner = carry + [c, r]
        if complex_:
            e = self.where_expr(c, target, complex_, cl, inner, among)
            if self.backend == "neo4j":
                # the condition once: it holds EXISTS {}/COUNT {} subqueries there, and in both CASEs
                # Neo4j runs them twice (named_together on 1,000 synthetic documents: 1.21 of the
                # time with the condition bound once)
                ok = self.var("ok")
                cl.append(f"WITH {', '.join(inner)}, {e} AS {ok}")
                e = ok
            c2, r2 = self.var("c"), self.var("r")
            cl.append(f"WITH {', '.join(carry)}, CASE WHEN {e} THEN {c} END AS {c2}, "
                      f"CASE WHEN {e} THEN {r} END AS {r2}")
            c, r = c2, r2
            inner = carry + [c, r]
        if mode == "count":
            k = self.var("k")
            self.gather(f"count(DISTINCT {c})", k, cl, carry, (sub, outer_cl, outer_carry) if sub else None)
            return k
        if mode == "nodes":
            cl.append(f"WITH DISTINCT {', '.join(carry)}, {c}")
            inner = carry + [c]
        at = len(cl)
        if mode == "nodes":
            proj = self.node(c, target, sets, cl, inner)
        else:
            proj = self.edge_item(c, r, target, sets, cl, inner)
        lst = self.var("l")
        order = f"ORDER BY {self.order_by(c, sort_of(target, args.get('sort')))}"
        if mode == "nodes" and len(cl) == at:  # nothing in between: sort the distinct rows directly
            cl[-1] += f" {order}"
        else:
            cl.append(f"WITH {', '.join(inner)} {order}")
        self.gather(f"collect(CASE WHEN {c} IS NULL THEN NULL ELSE {proj} END)", lst, cl, carry,
                    (sub, outer_cl, outer_carry) if sub else None)
        self._lists.add(lst)
        if mode == "nodes":
            self._node_lists[same] = lst
            page = offset_page(args, self.limits)
            self._default_page(page, f"size({lst})")
            return f"{lst}[{self.param(page.lo)}..{self.param(page.hi)}]"
        cpage = cursor_page(args, self.limits)
        start, end = self.cursor_window(cpage, f"size({lst})")
        if cpage.default:
            self.nested_pages = True
            self._pages += 1
            return (f"{{total: size({lst}), offset: {start}, items: {lst}[{start}..{end}], "
                    f"{LIMIT_KEY}: {self.param(self.limits.default_page_size)}}}")
        return f"{{total: size({lst}), offset: {start}, items: {lst}[{start}..{end}]}}"

    def edge_item(self, c: str, r: str | None, target: str, sets: list[SelectionSetNode], cl: list[str],
                  carry: list[str]) -> str:
        """One connection item: a map per `edges` response key, each with node/evidence entries."""
        conn = self._collect_plain(sets)
        entries = []
        for key, c_edges in conn.items():
            if c_edges.name != "edges":
                continue
            sub = self._collect_plain(self.subsets(c_edges))
            inner = []
            before = self._pages
            for k2, f in sub.items():
                at = self._pages
                if f.name == "node":
                    inner.append((k2, self.node(c, target, self.subsets(f), cl, carry)))
                elif f.name == "evidence" and r is not None:
                    inner.append((k2, self.evidence(r, self.subsets(f), cl, carry)))
                if self._pages != at:
                    self._page_keys.add(k2)
            if self._pages != before:
                self._page_keys.add(key)
            entries.append((key, _map(inner)))
        return _map(entries)

    def evidence(self, r: str, sets: list[SelectionSetNode], cl: list[str], carry: list[str]) -> str:
        props = {p.name for p in evidence_props()}
        entries = []
        for key, f in self._collect_plain(sets).items():
            if f.name == "type":
                entries.append((key, f"type({r})"))
            elif f.name in props:
                entries.append((key, _prop(r, f.name)))
            elif f.name == "document":
                d = self.var("d")
                self.barrier(cl, carry)
                cl.append(f"OPTIONAL MATCH ({d}:Document) WHERE {d}.id = {_prop(r, 'source')}")
                inner = carry + [d]
                at = self._pages
                proj = self.node(d, "Document", self.subsets(f), cl, inner)
                if self._pages != at:
                    self._page_keys.add(key)
                dv = self.var("dv")
                # document ids are unique (a constraint in both stores): at most one row, no aggregation
                cl.append(f"WITH {', '.join(carry)}, CASE WHEN {d} IS NULL THEN NULL ELSE {proj} END AS {dv}")
                carry.append(dv)
                entries.append((key, dv))
        return f"CASE WHEN {r} IS NULL THEN NULL ELSE {_map(entries)} END"
