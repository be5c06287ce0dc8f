"""Root fields: each one part of the operation's `UNION ALL`, returning rows (k, i, v, t)."""

from __future__ import annotations

from graphql import OperationDefinitionNode
from graphql.execution.values import get_argument_values

from api.graphql.compiled import Compiled, Root
from api.graphql.emit.paths import compile_connection
from api.graphql.emit.text import _map, _prop
from api.graphql import search_syntax
from api.graphql.plan.base import SEARCH_FILTER_ARGS, SEARCH_FILTERS, Collected, CompileError, Lookup, parse_search
from api.graphql.plan.filters import Where, kind_in_pattern, split_hops, split_where, where_of
from api.graphql.plan.paging import cursor_page, offset_page, sort_of
from api.graphql.spec import ENTITY, MEASURE_LABELS, RESPONSIBLE_LABEL, Kind
from schema.model import SEARCHABLE_LABELS


class Roots:
    def compile_operation(self, op: OperationDefinitionNode) -> Compiled:
        if op.operation.value != "query":
            raise CompileError(f"only queries are supported, not {op.operation.value}", "UNSUPPORTED")
        roots: list[Root] = []
        parts: list[str] = []
        query_type = self.schema.query_type.name
        fields: dict[str, Collected] = {}
        seen: set[int] = set()
        self._visit(op.selection_set, query_type, query_type, fields, seen)
        for key, c in fields.items():
            if c.name.startswith("__"):
                continue  # introspection: answered by graphql-core from the schema
            root, clauses = self.root_field(key, c, len(roots))
            roots.append(root)
            parts.append(" ".join(clauses))
        cypher = " UNION ALL ".join(parts) if parts else ""
        # the keys are noted where node maps and edges are built; search hits and paths are built
        # elsewhere: with those, a notice looks through the whole answer
        keys = None if any(r.search or fields[r.key].name == "connection" for r in roots) else frozenset(self._page_keys)
        return Compiled(cypher, self.params, roots, self.lookups, self.nested_pages, keys,
                        frozenset(self._page_fields), portable=not self._own_forms)

    def root_field(self, key: str, c: Collected, idx: int) -> tuple[Root, list[str]]:
        args = get_argument_values(self.schema.query_type.fields[c.name], c.nodes[0], self.variables)
        self._root_idx = idx
        root, clauses = self._root_field(key, c, idx, args)
        name = c.name
        single = next((k.label for k in self.kinds.values() if name == k.singular), ENTITY if name == "entity" else None)
        if single and args.get("name") is not None:
            label = single if single != ENTITY else args.get("kind")
            self.lookups.append(Lookup(idx, "name", args["name"], (label,) if label else None, True))
        elif name == "responsibility":
            self.lookups.append(Lookup(idx, "measure", args["measure"], MEASURE_LABELS, True))
        elif name == "connection":
            self.lookups += [Lookup(idx, a, args[a], None, True) for a in ("from", "to")]
        elif root.search and not any(args.get(f) is not None for f in SEARCH_FILTER_ARGS):
            # a search that finds nothing offers the closest names (api.graphql.notices); with a
            # filter, the text may well match and the filter not (the filter's own lookup explains)
            words = " ".join(t.word for t in search_syntax.terms(root.search["tree"]))
            self.lookups.append(Lookup(idx, "text", words, None, False))
        if root.mode in ("list", "connection") and not root.search and not any(
                args.get(a) is not None for a in ("limit", "first", "last")) and name not in ("connection",):
            root.page = self.limits.default_page_size
        return root, clauses

    def _root_field(self, key: str, c: Collected, idx: int, args: dict) -> tuple[Root, list[str]]:
        name = c.name
        for k in self.kinds.values():
            if name == k.plural:
                return Root(key, "list"), self.root_list(idx, k.label, c, args, connection=False)
            if name == k.plural + "Connection":
                return Root(key, "connection"), self.root_list(idx, k.label, c, args, connection=True)
            if name == k.singular:
                return Root(key, "single"), self.root_single(idx, k.label, c, args)
            if name == k.plural + "GroupedBy":
                return Root(key, "list"), self.root_grouped(idx, k, c, args)
        if name == "entities":
            return Root(key, "list"), self.root_list(idx, ENTITY, c, args, connection=False)
        if name == "entity":
            return Root(key, "single"), self.root_single(idx, ENTITY, c, args, label=args.get("kind"))
        if name == "search":
            self._n += 1
            param = f"$s{self._n}"
            window = self._search_window(args)
            filtered = any(args.get(f) is not None for f in SEARCH_FILTER_ARGS)
            root = Root(key, "list", search={"param": param[1:], "text": args["text"], "tree": parse_search(args["text"]),
                                             "kinds": args.get("kinds"),
                                             **({"offset": 0, "limit": None} if filtered else window)})
            return root, self.root_search(idx, c, param, args if filtered else None, window)
        if name == "responsibility":
            return Root(key, "value"), self.root_responsibility(idx, c, args)
        if name == "connection":
            return Root(key, "list"), self.root_connection(idx, c, args)
        raise CompileError(f"field {name!r} cannot be compiled", "UNSUPPORTED")

    def _match_root(self, n: str, type_name: str, where: Where | None, cl: list[str]) -> None:
        where, first = self.responsible_first(n, type_name, where, cl)
        simple, complex_ = split_where(where)
        hops, complex_ = split_hops(complex_)
        label = "" if type_name == ENTITY else f":{type_name}"
        steps: list = []
        conds = [e for e in [first, self.where_expr(n, type_name, simple)] + self.hop_steps(n, type_name, hops, steps)
                 if e]
        cl.append(f"MATCH ({n}{label})" + (f" WHERE {' AND '.join(conds)}" if conds else ""))
        if steps:
            # one MATCH per hop (a relationship may be met again, as the nested filters allow)
            for pattern, step_conds, _, _ in steps:
                cl.append(f"MATCH {pattern}" + (f" WHERE {' AND '.join(step_conds)}" if step_conds else ""))
            cl.append(f"WITH DISTINCT {n}")
        if complex_:
            carry = [n]
            e2 = self.where_expr(n, type_name, complex_, cl, carry)
            cl.append(f"WITH {n} WHERE {e2}")

    def root_list(self, idx: int, type_name: str, c: Collected, args: dict, connection: bool) -> list[str]:
        n, a, pg = self.var("n"), self.var("a"), self.var("pg")
        cl: list[str] = []
        self._match_root(n, type_name, where_of(type_name, args.get("where")), cl)
        order = self.order_by(n, sort_of(type_name, args.get("sort")))
        if not connection:
            page = offset_page(args, self.limits)
            # on the default page, one item more says whether the page cut the list (Compiled.shape)
            window = f"ORDER BY {order} SKIP {self.param(page.lo)} LIMIT {self.param(page.hi - page.lo + page.one_more)}"
            if cl[-1] == f"WITH DISTINCT {n}":
                cl[-1] += f" {window}"
            else:
                cl.append(f"WITH {n} {window}")
            cl.append(f"WITH collect({n}) AS {pg}")
            keep: list[str] = []
            meta = "null"
        else:
            if cl[-1] == f"WITH DISTINCT {n}":
                cl[-1] += f" ORDER BY {order}"
            else:
                cl.append(f"WITH {n} ORDER BY {order}")
            cl.append(f"WITH collect({n}) AS {a}")
            t, o = self.var("t"), self.var("o")
            start, end = self.cursor_window(cursor_page(args, self.limits), f"size({a})")
            cl.append(f"WITH size({a}) AS {t}, {start} AS {o}, {a}[{start}..{end}] AS {pg}")
            keep = [t, o]
            meta = f"{{total: {t}, offset: {o}}}"
        m = self.var("m")
        i = self._unwind_page(pg, keep, m, cl)
        carry = keep + [i, m]
        if connection:
            proj = self.edge_item(m, None, type_name, self.subsets(c), cl, carry)
        else:
            proj = self.node(m, type_name, self.subsets(c), cl, carry)
        cl.append(self._ret(idx, i, f"CASE WHEN {m} IS NULL THEN NULL ELSE {proj} END", meta))
        return cl

    def root_single(self, idx: int, type_name: str, c: Collected, args: dict, label: str | None = None) -> list[str]:
        n = self.var("n")
        label = f":{self._label(label)}" if label else ("" if type_name == ENTITY else f":{type_name}")
        conds = []
        if args.get("id") is not None:
            conds.append(f"{_prop(n, 'id')} = {self.param(args['id'])}")
        if args.get("name") is not None:
            conds.append(self.lookup_expr(n, args["name"]))
        if not conds:
            raise CompileError("give `id` or `name`", "BAD_REQUEST")
        cl = [f"MATCH ({n}{label}) WHERE {' AND '.join(conds)}",
              f"WITH {n} ORDER BY coalesce({_prop(n, 'verified')}, false) DESC, {_prop(n, 'id')} LIMIT 1"]
        carry = [n]
        self._one_row = n
        proj = self.node(n, type_name, self.subsets(c), cl, carry)
        cl.append(self._ret(idx, "0", proj))
        return cl

    def root_grouped(self, idx: int, k: Kind, c: Collected, args: dict) -> list[str]:
        rf = k.rel_field(args["relation"])
        if rf is None:
            raise CompileError(f"{k.label} has no relation {args['relation']!r}")
        n, r, g = self.var("n"), self.var("r"), self.var("g")
        cl: list[str] = []
        where = where_of(k.label, args.get("where"))
        if self.backend == "neo4j" and where is None and where_of(ENTITY, args.get("relatedWhere")) is None:
            # Neo4j, nothing to narrow either end: every relationship of the type, from a scan of
            # the type (a hint: the planner starts from the label, and proposals are dense nodes, their
            # SIMILAR_TO links many). On 1,000 synthetic documents: proposals_per_ministry 0.29 of
            # the time of the label scan and expand (316,348 -> 29,610 db hits), proposals_per_author
            # 0.67, themes 0.98 (most of its time is in the documents below).
            cl.append(f"MATCH {rf.pattern(n, r, g, None)} USING SCAN {r}:{rf.rel.type} WHERE {n}:{k.label}")
            self._own_forms += 1
        else:
            self._match_root(n, k.label, where, cl)
            label, related = kind_in_pattern(rf, where_of(ENTITY, args.get("relatedWhere")))
            conds = [e for e in (self.where_expr(g, ENTITY, related, among=(label,) if label else rf.other_labels),)
                     if e]
            cl.append(f"MATCH {rf.pattern(n, r, g, label)}" + (f" WHERE {' AND '.join(conds)}" if conds else ""))
        cnt = self.var("cnt")
        page = offset_page(args, self.limits)
        cl.append(f"WITH {g}, count(DISTINCT {n}) AS {cnt}")
        cl.append(f"WITH {g}, {cnt} ORDER BY {cnt} DESC, {_prop(g, 'name')}, {_prop(g, 'id')} "
                  f"SKIP {self.param(page.lo)} LIMIT {self.param(page.hi - page.lo + page.one_more)}")
        gs, cs = self.var("gs"), self.var("cs")
        cl.append(f"WITH collect({g}) AS {gs}, collect({cnt}) AS {cs}")
        m, count = self.var("m"), self.var("cnt")
        # each row carries its own count, not the page's list of counts (rows are grouped by what
        # they carry)
        i = self._unwind_page(gs, [], m, cl, beside={count: cs})
        carry = [i, m, count]
        entries = []
        for key, f in self._collect_plain(self.subsets(c)).items():
            if f.name == "node":
                entries.append((key, self.node(m, ENTITY, self.subsets(f), cl, carry)))
            elif f.name == "count":
                entries.append((key, count))
        cl.append(self._ret(idx, i, f"CASE WHEN {m} IS NULL THEN NULL ELSE {_map(entries)} END"))
        return cl

    def _search_window(self, args: dict) -> dict:
        limit = args.get("limit")
        if limit is not None and limit > self.limits.max_search_hits:
            raise CompileError(f"`limit` is {limit}; search returns at most {self.limits.max_search_hits} hits",
                               "PAGE_SIZE_LIMIT")
        page = offset_page({"limit": limit if limit is not None else 20, "offset": args.get("offset")}, self.limits)
        return {"offset": page.lo, "limit": page.hi - page.lo}

    def root_search(self, idx: int, c: Collected, hits_param: str, filters: dict | None = None,
                    window: dict | None = None) -> list[str]:
        """Hits come from the full-text call (api.graphql.search), ranked, as parallel parameters
        `<p>_label`, `<p>_id`, `<p>_score`, `<p>_field`, `<p>_snippet`, `<p>_start`, `<p>_end` (lists
        of scalars are far cheaper to send than maps); one indexed lookup per searchable label finds
        each node. With `filters` (document, author, ministry) every ranked candidate comes, and the
        filters, then the page, are applied here."""
        base = hits_param[1:]
        cl: list[str] = []
        by_ministry = filters.get("ministry") if filters else None
        if by_ministry:  # a misspelt ministry gets its notice (api.graphql.notices)
            self.lookups.append(Lookup(self._root_idx, "ministry", by_ministry, (RESPONSIBLE_LABEL,), False))
        # FalkorDB: the ministry's measures collected once before the hits; Neo4j: a test per hit
        # (a list carried on every row counts against its transaction memory once per row)
        ministry = self._search_ministry(by_ministry, cl) if by_ministry and self.backend != "neo4j" else None
        keep = "".join(f", {v}" for v in ministry or ())
        i = self.var("i")
        cl.append(f"UNWIND range(0, size(${base}_id) - 1) AS {i}")
        m = self.var("m")
        for j, label in enumerate(SEARCHABLE_LABELS):
            x = self.var("x")
            if j == 0:
                cl.append(f"OPTIONAL MATCH ({x}:{label}) WHERE ${base}_label[{i}] = '{label}' AND {x}.id = ${base}_id[{i}]")
            else:
                cl.append(f"OPTIONAL MATCH ({x}:{label}) WHERE {m} IS NULL AND ${base}_label[{i}] = '{label}' "
                          f"AND {x}.id = ${base}_id[{i}]")
            cl.append(f"WITH {i}, " + (f"{x} AS {m}" if j == 0 else f"coalesce({m}, {x}) AS {m}") + keep)
        if ministry:
            ids, keys = ministry
            a, n = self.var("f"), self.var("fc")
            cl.append(f"OPTIONAL MATCH ({m})-[:ADDRESSED_TO]->({a}:{RESPONSIBLE_LABEL}) WHERE {m}:Document AND {a}.id IN {ids}")
            cl.append(f"WITH {i}, {m}, count({a}) AS {n}, {ids}, {keys} WHERE {n} > 0 OR ({m}:{RESPONSIBLE_LABEL} "
                      f"AND {m}.id IN {ids}) OR (labels({m})[0] + ':' + {m}.id) IN {keys}")
        elif by_ministry:
            cl.append(f"WITH {i}, {m} WHERE {self._search_ministry_exists(m, by_ministry)}")
        if filters:
            self._search_filters(i, m, filters, window, cl)
        carry = [i, m]
        entries = []
        for key, f in self._collect_plain(self.subsets(c)).items():
            if f.name == "node":
                entries.append((key, self.node(m, ENTITY, self.subsets(f), cl, carry)))
            elif f.name == "kind":
                entries.append((key, f"labels({m})[0]"))
            elif f.name in ("score", "field", "snippet", "start", "end"):
                entries.append((key, f"${base}_{f.name}[{i}]"))
        cl.append(self._ret(idx, i, f"CASE WHEN {m} IS NULL THEN NULL ELSE {_map(entries)} END"))
        return cl

    def _search_filters(self, i: str, m: str, filters: dict, window: dict, cl: list[str]) -> None:
        """Keep the hits (in rank order `i`) that pass each filter, then the page: a node passes
        `document` when it is that document or is stated or mentioned in it, `author` when that
        document is by the author (each by id, name or alias); `ministry` is applied before
        (root_search)."""
        for arg, pattern in SEARCH_FILTERS.items():
            if filters.get(arg) is None:
                continue
            x, n = self.var("f"), self.var("fc")
            cl.append(f"OPTIONAL MATCH {pattern.format(m=m, x=x)} WHERE {self.lookup_expr(x, filters[arg])}")
            cl.append(f"WITH {i}, {m}, count({x}) AS {n} WHERE {n} > 0")
        cl.append(f"WITH {i}, {m} ORDER BY {i} SKIP {self.param(window['offset'])} "
                  f"LIMIT {self.param(window['limit'])}")

    # -- shortest paths ----------------------------------------------------------------------------
    def root_connection(self, idx: int, c: Collected, args: dict) -> list[str]:
        return compile_connection(self, idx, c, args)  # avoidance, merging, ranking: api/graphql/emit/paths.py
