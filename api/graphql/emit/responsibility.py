"""Responsibility: how a ministry is responsible for a measure, traced forward (a measure's
`responsibleMinistries`, the `responsibility` root, the filter) or inverse (a ministry's
`responsibleFor` and `responsibleForByBasis`), one subquery per branch."""

from __future__ import annotations

import re
from functools import lru_cache

from graphql import SelectionSetNode, parse

from api.graphql.emit.text import _map, _prop
from api.graphql.plan.base import RESPONSIBLE_FILTER, Collected, Lookup, checked_at
from api.graphql.plan.filters import Responsible, Where, without
from api.graphql.spec import BASES, ENTITY, MEASURE_LABELS, RESPONSIBLE_LABEL
from schema.model import REL_TYPES


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

    # How a ministry {M} is responsible for a measure {V} (an Instrument, Proposal or Agency). The
    # model fixes which kinds each relationship connects, so the patterns need few labels: only
    # proposals are ADDRESSED_TO a ministry or EXTRACTED_FROM a document {D} (whose date ownership is
    # checked at), only instruments and agencies are OWNED_BY one, only instruments ADMINISTERED_BY.
    # An agency that is PART_OF another (a unit of it, or one of a group) is owned through it: the
    # ministry owning the parent at that date is its OWNER, via the parent (one step; among the
    # measures only agencies are PART_OF anything).
    # `valid`: relationships whose validFrom/validTo must hold; `path`: the nodes from measure to
    # ministry; `rels`: the relationship along it (the evidence). Branches come in basis order.
    BRANCHES = (
        dict(basis=None, pattern="({V})-[{r1}:ADDRESSED_TO]->({M})", inverse_label="Proposal", valid=(),
             via=None, path=("v", "m"), rels=("r1",), dated=False),
        dict(basis="OWNER", pattern="({V})-[{r1}:OWNED_BY]->({M})", inverse_label=None, valid=("r1",),
             via=None, path=("v", "m"), rels=("r1",), dated=False),
        dict(basis="OWNER", pattern="({V})-[{r1}:PART_OF]->({y}:Agency)-[{r2}:OWNED_BY]->({M})", inverse_label="Agency",
             valid=("r1", "r2"), via="y", path=("v", "y", "m"), rels=("r1", "r2"), dated=False),
        dict(basis="OWNER", pattern="({D})<-[:EXTRACTED_FROM]-({V})-[{r1}:MENTIONS]->({x})-[{r2}:OWNED_BY]->({M})",
             inverse_label=None, valid=("r2",), via="x", path=("v", "x", "m"), rels=("r1", "r2"), dated=True),
        dict(basis="ADMINISTERING_AGENCY", pattern="({V})-[{r1}:ADMINISTERED_BY]->({y}:Agency)-[{r2}:OWNED_BY]->({M})",
             inverse_label=None, valid=("r1", "r2"), via="y", path=("v", "y", "m"), rels=("r1", "r2"), dated=False),
        dict(basis="ADMINISTERING_AGENCY",
             pattern="({D})<-[:EXTRACTED_FROM]-({V})-[{r1}:MENTIONS]->({x}:Instrument)-[{r2}:ADMINISTERED_BY]->"
                     "({y}:Agency)-[{r3}:OWNED_BY]->({M})",
             inverse_label=None, valid=("r2", "r3"), via="y", path=("v", "x", "y", "m"), rels=("r1", "r2", "r3"),
             dated=True),
    )

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
            bases = {"NAMED", "ADDRESSEE"} if b["basis"] is None else {b["basis"]}
            if not bases & wanted or (direction == "forward" and not _branch_starts(b["pattern"]) & set(types)):
                continue  # not asked, or the model lets none of these kinds start it: always empty
            names = {s: self.var(s) for s in ("v", "m", "x", "y", "r1", "r2", "r3", "dd")}
            names["v" if direction == "forward" else "m"] = bound
            v, m, dd, r1 = names["v"], names["m"], names["dd"], names["r1"]
            inverse_v = f"{v}:{b['inverse_label']}" if b["inverse_label"] else v
            fmt = dict(names, V=v if direction == "forward" else inverse_v,
                       M=f"{m}:{RESPONSIBLE_LABEL}" if direction == "forward" else m, D=f"{dd}:Document")
            at = f"coalesce({at_p}, {dd}.date, {today_p})" if b["dated"] else f"coalesce({at_p}, {today_p})"
            conds = [self._valid(names[rv], at) for rv in b["valid"]]
            if ministry is not None:
                conds.append(self.lookup_expr(m, ministry))
            if b["basis"] is None:
                basis = f"CASE {r1}.basis WHEN 'named' THEN 'NAMED' ELSE 'ADDRESSEE' END"
                if len(bases & wanted) == 1:
                    conds.append(f"{r1}.basis = {self.param('named' if 'NAMED' in wanted else 'addressee')}")
            else:
                basis = f"'{b['basis']}'"
            # each branch is a subquery of its own: rows it multiplies do not carry the lists of
            # the branches before it (grouping by them made the cost grow with their square)
            # (once per row: batched over all rows (Batch), the lists copied in and out of the batch
            # cost more than the calls save — measures_of_ministry 1.9 -> 4.0 ms, 13 proposals' in
            # owners_of_author_measures 3.7 -> 4.3 ms)
            sub = [f"OPTIONAL MATCH {b['pattern'].format(**fmt)}" + self.optional_where(bound, conds)]
            nodes = [names[p] for p in b["path"]]
            # one row per (measure, path): the first relationship of each step is the evidence
            group = list(dict.fromkeys([bound] + nodes))
            aggs, rels = [], []
            bv = self.var("b")
            aggs.append(f"max({basis}) AS {bv}")
            if "at" in wants:
                at_v = self.var("at")
                aggs.append(f"min({at}) AS {at_v}")
            if "evidence" in wants:
                for r in b["rels"]:
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
                    via = names[b["via"]] if b["via"] else None
                    entries.append((key, self.node(via, ENTITY, self.subsets(f), sub, inner) if via else "null"))
                elif f.name == "path":
                    projs = [self.node(p, ENTITY, self.subsets(f), sub, inner) for p in nodes]
                    entries.append((key, "[" + ", ".join(projs) + "]"))
                elif f.name == "evidence":
                    projs = [self.evidence(r, self.subsets(f), sub, inner) for r in rels]
                    entries.append((key, "[" + ", ".join(projs) + "]"))
            if self._pages != before:  # a nested default page below: a notice looks under these keys
                self._page_keys.update(fields)
            other = m if direction == "forward" else v
            lst = self.var("l")
            order = f"ORDER BY {bv} DESC, {_prop(other, 'name')}, {_prop(other, 'id')}"
            if b["via"]:  # one measure through several bodies: the same order on every store
                order += f", {_prop(names[b['via']], 'name')}, {_prop(names[b['via']], 'id')}"
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
        mm, every, acc, x, y, ok = (self.var(p) for p in ("mm", "all", "acc", "x", "y", "ok"))
        cl.append(f"OPTIONAL MATCH ({mm}:{RESPONSIBLE_LABEL}) WHERE {self.lookup_expr(mm, flt.name)}")
        cl.append(f"WITH {mm}")
        lst = self.responsibilities(mm, [RESPONSIBLE_LABEL], "inverse", {"basis": flt.basis, "at": flt.at},
                                    [_basis_items()], cl, [mm])
        cl.append(f"WITH collect({lst}) AS {every}")
        cl.append(f"WITH reduce({acc} = [], {x} IN {every} | {acc} + [{y} IN {x} WHERE {y}.measure.kind = "
                  f"{self.param(type_name)} | {y}.measure.id]) AS {ok}")
        return rest, f"{_prop(n, 'id')} IN {ok}"

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

@lru_cache(maxsize=None)
def _branch_starts(pattern: str) -> frozenset[str]:
    """The kinds a responsibility branch's measure {V} can be: those the model lets start its first
    relationship (a proposal is never OWNED_BY anything: forward from proposals, 3 of 6 branches)."""
    rel = re.search(r"\(\{V\}\)-\[\{r1\}:(\w+)\]", pattern)
    return frozenset(next(r.start for r in REL_TYPES if r.type == rel.group(1))) if rel else frozenset(MEASURE_LABELS)


@lru_cache(maxsize=1)
def _basis_items() -> SelectionSetNode:
    """What `responsibleForByBasis` needs of each responsibility: its basis and its measure."""
    op = parse("{ basis measure { id kind } }").definitions[0]
    return op.selection_set

