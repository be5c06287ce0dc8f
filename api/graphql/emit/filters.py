"""`where` filters as Cypher: plain conditions, kind labels, relationship filters aggregated back to
one row per node, existential filters matched as patterns; and sort keys."""

from __future__ import annotations

from typing import Any, Callable

from api.graphql.emit.text import _COMPARE, _TEXT_MATCH, _prop
from api.graphql.plan.base import (RESPONSIBLE_FILTER, CompileError, Lookup, _asks_existence, _kind_in_pattern,
                                   fold_text)
from api.graphql.spec import ENTITY, RelField, all_labels, common_props, evidence_props
from schema.model import STR_LIST


class Filters:
    def _props_of(self, type_name: str) -> dict[str, str]:
        if type_name == ENTITY:
            return {p.name: p.type for p in common_props()}
        return {p.name: p.type for p in self.kinds[type_name].props}

    def has_rel_filter(self, type_name: str, where: dict | None) -> bool:
        if not where:
            return False
        for key, val in where.items():
            if val is None:
                continue
            if key in ("AND", "OR"):
                if any(self.has_rel_filter(type_name, w) for w in val):
                    return True
            elif key == "NOT":
                if self.has_rel_filter(type_name, val):
                    return True
            elif key == RESPONSIBLE_FILTER or (type_name != ENTITY and self.kinds[type_name].rel_field(key)):
                return True
        return False

    @staticmethod
    def _partition(where: dict | None, test: Callable[[str, Any], bool]) -> tuple[dict, dict]:
        """(the entries of `where` that pass `test`, the others), null entries dropped."""
        yes, no = {}, {}
        for key, val in (where or {}).items():
            if val is not None:
                (yes if test(key, val) else no)[key] = val
        return yes, no

    def split_where(self, type_name: str, where: dict | None) -> tuple[dict, dict]:
        """(plain conditions, relationship filters)."""
        complex_, simple = self._partition(where, lambda k, v: self.has_rel_filter(type_name, {k: v}))
        return simple, complex_

    def scalar_filter(self, expr: str, ptype: str, flt: dict) -> list[str]:
        out = []
        for op, val in flt.items():
            if val is None:
                continue
            if ptype == STR_LIST:
                a = self.var("a")
                if op == "includes":
                    # folding never shortens a string (each character becomes one or two): the
                    # cheap length test spares most elements the fold (AND short-circuits)
                    needle = fold_text(val)
                    p = self.param(needle)
                    out.append(f"any({a} IN coalesce({expr}, []) WHERE size({a}) <= size({p}) AND "
                               f"{self.fold(a, needle)} = {p})")
                elif op == "contains":
                    needle = fold_text(val)
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
                needle = fold_text(val)
                out.append(f"{self.fold(expr, needle)} {_TEXT_MATCH[op]} {self.param(needle)}")
        return out

    def where_expr(self, v: str, type_name: str, where: dict | None, cl: list[str] | None = None,
                   carry: list[str] | None = None, among: tuple[str, ...] | None = None) -> str | None:
        """A boolean Cypher expression over `v`; relationship filters emit chains into `cl`
        (computing counts that are appended to `carry`). `among`: the kinds `v` can be (a
        relationship's other end), when `type_name` is the Entity interface."""
        if not where:
            return None
        props = self._props_of(type_name)
        parts: list[str] = []
        for key, val in where.items():
            if val is None:
                continue
            if key == "AND":
                parts += [f"({e})" for w in val if (e := self.where_expr(v, type_name, w, cl, carry, among))]
            elif key == "OR":
                subs = [self.where_expr(v, type_name, w, cl, carry, among) for w in val]
                if subs:
                    parts.append("(" + " OR ".join(f"({s or 'true'})" for s in subs) + ")")
            elif key == "NOT":
                e = self.where_expr(v, type_name, val, cl, carry, among)
                if e:
                    parts.append(f"NOT ({e})")
            elif key == "kind":
                parts += self.kind_filter(v, type_name, val, among)
            elif key in props:
                parts += self.scalar_filter(_prop(v, key), props[key], val)
            elif key == "named":
                parts.append(self.lookup_expr(v, val))
                labels = None if type_name == ENTITY else (type_name,)
                self.lookups.append(Lookup(self._root_idx, "named", val, labels, False))
            elif key == RESPONSIBLE_FILTER and cl is not None and carry is not None:
                parts.append(self.responsible_filter(v, type_name, val, cl, carry))
            else:
                rf = self.kinds[type_name].rel_field(key) if type_name != ENTITY else None
                if rf is None:
                    raise CompileError(f"unknown filter {key!r}", "BAD_REQUEST")
                parts.append(self.relation_filter(v, rf, val, cl, carry))
        return " AND ".join(parts) if parts else None

    def kind_filter(self, v: str, type_name: str, val: dict, among: tuple[str, ...] | None) -> list[str]:
        """`kind: {eq, in}` as label tests, leaving out the kinds `v` cannot be: a typed node is
        its type, a relationship's other end one of its kinds. A kind it cannot be is `false`,
        not a label test Neo4j's linter flags as never matching (and the store would test)."""
        can_be = {type_name} if type_name != ENTITY else set(among or all_labels())
        parts: list[str] = []
        if val.get("eq"):
            label = self._label(val["eq"])
            if label not in can_be:
                parts.append("false")
            elif len(can_be) > 1:
                parts.append(f"{v}:{label}")
        if val.get("in") is not None:
            labels = [lb for lb in (self._label(x) for x in val["in"]) if lb in can_be]
            if len(can_be) == 1 or set(labels) >= can_be:
                parts += [] if labels else ["false"]
            else:
                parts.append("(" + (" OR ".join(f"{v}:{lb}" for lb in labels) or "false") + ")")
        return parts

    def _label(self, label: str) -> str:
        if label not in all_labels():
            raise CompileError(f"unknown kind {label!r}")
        return label

    def evidence_where(self, r: str, where: dict | None) -> str | None:
        if not where:
            return None
        props = {p.name: p.type for p in evidence_props()}
        parts: list[str] = []
        for key, val in where.items():
            if val is None:
                continue
            if key == "AND":
                parts += [f"({e})" for w in val if (e := self.evidence_where(r, w))]
            elif key == "OR":
                subs = [self.evidence_where(r, w) for w in val]
                if subs:
                    parts.append("(" + " OR ".join(f"({s or 'true'})" for s in subs) + ")")
            elif key == "NOT":
                e = self.evidence_where(r, val)
                if e:
                    parts.append(f"NOT ({e})")
            elif key == "type":
                parts += self.scalar_filter(f"type({r})", "str", val)
            else:
                parts += self.scalar_filter(_prop(r, key), props[key], val)
        return " AND ".join(parts) if parts else None

    def relation_filter(self, v: str, rf: RelField, flt: dict, cl: list[str] | None,
                        carry: list[str] | None) -> str:
        """some/none/all/count over the related nodes: a chain that aggregates back to one row per `v`."""
        if cl is None or carry is None:
            raise AssertionError("relationship filters need a chain")
        x, r = self.var("x"), self.var("r")
        conds = [c for c in (self.evidence_where(r, flt.get("edge")),) if c]
        self.barrier(cl, carry)
        cl.append(f"OPTIONAL MATCH {rf.pattern(v, r, x)}" + self.optional_where(v, conds))
        inner = carry + [x]
        preds: dict[str, str] = {}
        for op in ("some", "none", "all"):
            if flt.get(op) is not None:
                preds[op] = self.where_expr(x, rf.target, flt[op], cl, inner, rf.other_labels) or "true"
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
        if flt.get("count") is not None:
            k = self.var("k")
            aggs.append(f"count(DISTINCT {x}) AS {k}")
            out += self.scalar_filter(k, "int", flt["count"])
            carry.append(k)
        if not aggs:  # only `edge`: some relationship with matching evidence exists
            k = self.var("k")
            aggs.append(f"count({x}) AS {k}")
            out.append(f"{k} > 0")
            carry.append(k)
        base = [c for c in carry if c not in {a.rsplit(' AS ', 1)[1] for a in aggs}]
        cl.append(f"WITH {', '.join(base + aggs)}")
        return "(" + " AND ".join(out) + ")" if out else "true"  # `count: {}` asks nothing

    # -- existential filters as patterns ---------------------------------------------------------
    def _is_hop(self, type_name: str, key: str, val: Any) -> bool:
        """`key: val` of a where on `type_name` is a relationship filter asking only that some related
        node (and/or evidence) exists, where the related node's own filter is itself only plain
        conditions and such existential hops: it can be matched as a pattern, no aggregation."""
        if type_name == ENTITY or key in self._props_of(type_name) or key in ("AND", "OR", "NOT", "kind"):
            return False
        rf = self.kinds[type_name].rel_field(key)
        if rf is None or not isinstance(val, dict):
            return False
        ops = {k for k, x in val.items() if x is not None}
        if "count" in ops and _asks_existence(val["count"]):
            ops = (ops - {"count"}) | {"some"}
        return bool(ops) and ops <= {"some", "edge"} and self._flat(rf.target, val.get("some"))

    def _flat(self, type_name: str, where: dict | None) -> bool:
        """Plain conditions and existential hops only (see `_is_hop`)."""
        for key, val in (where or {}).items():
            if val is None or not self.has_rel_filter(type_name, {key: val}):
                continue
            if key == "AND":
                if not all(self._flat(type_name, w) for w in val):
                    return False
            elif not self._is_hop(type_name, key, val):
                return False
        return True

    def split_hops(self, type_name: str, where: dict | None) -> tuple[dict, dict]:
        """(the parts of `where` that `hop_steps` can match as patterns, the rest)."""
        return self._partition(where, lambda k, v: self.has_rel_filter(type_name, {k: v})
                               and self._flat(type_name, {k: v}))

    def hop_steps(self, v: str, type_name: str, where: dict | None, steps: list,
                  among: tuple[str, ...] | None = None) -> list[str]:
        """A flat where (`_flat`) on `v`: returns the plain conditions on `v` and appends to `steps`
        one (pattern, conditions, relationship type, node) per existential hop, parents first. `some`
        means a related node exists: matching the pattern (rows de-duplicated afterwards) says so."""
        conds: list[str] = []
        for key, val in (where or {}).items():
            if val is None:
                continue
            if key == "AND":
                for w in val:
                    conds += self.hop_steps(v, type_name, w, steps, among)
            elif self._is_hop(type_name, key, val):
                rf = self.kinds[type_name].rel_field(key)
                x, r = self.var("x"), self.var("r")
                at = len(steps)
                steps.append(None)
                label, some = _kind_in_pattern(rf, val.get("some"))
                sub = self.hop_steps(x, rf.target, some, steps, (label,) if label else rf.other_labels)
                step_conds = [e for e in [self.evidence_where(r, val.get("edge"))] + sub if e]
                steps[at] = (rf.pattern(v, r, x, label), step_conds, rf.rel.type, x)
            else:
                e = self.where_expr(v, type_name, {key: val}, among=among)
                if e:
                    conds.append(e)
        return conds

    def order_specs(self, v: str, type_name: str, sort: list[dict] | None) -> list[tuple[str, str]]:
        props = self._props_of(type_name)
        keys = []
        for item in sort or []:
            for name, direction in item.items():
                if direction is None:
                    continue
                if name not in props or props[name] == STR_LIST:
                    raise CompileError(f"cannot sort on {name!r}")
                keys.append((_prop(v, name), "DESC" if direction == "DESC" else "ASC"))
        if not sort:
            keys.append((_prop(v, "name"), "ASC"))
        keys.append((_prop(v, "id"), "ASC"))
        return keys

    def order_by(self, v: str, type_name: str, sort: list[dict] | None) -> str:
        return ", ".join(f"{e} {d}" for e, d in self.order_specs(v, type_name, sort))
