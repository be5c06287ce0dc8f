"""The fields a request asks of a type: fragments resolved, @skip/@include applied, per concrete
type (an Entity's fields once per kind), and a field's arguments."""

from __future__ import annotations

from typing import Any

from graphql import SelectionSetNode
from graphql.execution.values import get_argument_values

from api.graphql.collect import collect_fields
from api.graphql.plan.base import Collected, CompileError
from api.graphql.spec import ENTITY, all_labels


class Selections:
    """Field collection for the compiler (state: `schema`, `fragments`, `variables`, `_collected`)."""

    def collect(self, type_name: str, selection_sets: list[SelectionSetNode]) -> dict[str, Collected]:
        """The fields asked of `type_name` in these selection sets, by response key. Kept for the
        compile (its variables, which @skip/@include read, do not change): the same selections are
        met again (each responsibility branch projects the same measure, ministry and evidence; an
        Entity's are walked once per kind), and recollecting them was half of compiling
        queries/responsibility.graphql. Callers only read the result."""
        memo = (type_name, tuple(map(id, selection_sets)))
        out = self._collected.get(memo)
        if out is not None:
            return out
        concrete = list(all_labels()) if type_name == ENTITY else [type_name]
        out = {}
        for t in concrete:
            seen: set[int] = set()
            for ss in selection_sets:
                self._visit(ss, type_name, t, out, seen)
        self._collected[memo] = out
        return out

    def _applies(self, condition: str | None, static_type: str, concrete: str) -> bool:
        if static_type == "_":  # a non-node object type: validation has checked the condition
            return True
        return condition is None or condition in (concrete, static_type) or (
            condition == ENTITY and concrete in all_labels())

    def _visit(self, ss: SelectionSetNode, static_type: str, concrete: str, out: dict[str, Collected],
               seen: set[int]) -> None:
        fields = collect_fields([ss], lambda cond: self._applies(cond, static_type, concrete), self.variables,
                                self.fragments)
        for key, nodes in fields.items():
            entry = out.setdefault(key, Collected(nodes[0].name.value))
            for sel in nodes:
                if entry.name != sel.name.value:
                    raise CompileError(f"response key {key!r} names two different fields", "UNSUPPORTED")
                if id(sel) not in seen:
                    seen.add(id(sel))
                    if all(n is not sel for n in entry.nodes):
                        entry.nodes.append(sel)
            entry.types.add(concrete)

    def args(self, parent_type: str, c: Collected) -> dict[str, Any]:
        gtype = self.schema.type_map[parent_type if parent_type != ENTITY or c.name in self._entity_fields()
                                     else sorted(c.types)[0]]
        fdef = gtype.fields[c.name]
        return get_argument_values(fdef, c.nodes[0], self.variables)

    def _entity_fields(self) -> set[str]:
        return set(self.schema.type_map[ENTITY].fields)

    @staticmethod
    def subsets(c: Collected) -> list[SelectionSetNode]:
        return [n.selection_set for n in c.nodes if n.selection_set is not None]

    def _collect_plain(self, sets: list[SelectionSetNode]) -> dict[str, Collected]:
        """Fields of a non-node type (connections, edges, evidence, paths): no type conditions to
        resolve except the type itself."""
        out: dict[str, Collected] = {}
        seen: set[int] = set()
        for ss in sets:
            self._visit(ss, "_", "_", out, seen)
        return out
