"""Limits that protect the store from expensive operations, each with a clear GraphQL error.

* query text length;
* depth (nesting of fields; introspection has its own, larger allowance so GraphiQL works);
* aliases per operation;
* complexity: every field costs 1 times the number of times it is expected to be resolved —
  the product of the page sizes of the lists above it (the `limit`/`first`/`last` given, or
  the default page size for root lists and an estimated fan-out for nested lists);
* page size: `limit`, `first`, `last` at most `max_page_size` (checked by the compiler);
* a per-request timeout (enforced by the executor around the store calls).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLInterfaceType, GraphQLList,
                     GraphQLNonNull, GraphQLObjectType, GraphQLSchema, InlineFragmentNode, OperationDefinitionNode,
                     SelectionSetNode, get_named_type)
from graphql.execution.values import get_argument_values

from graph.settings import Settings


def _default(setting: str):
    """The default of a HELSEGRAF_GRAPHQL_* setting: graph/settings.py is the one place for them."""
    return Settings.model_fields[setting].default


@dataclass(frozen=True)
class ProtectionLimits:
    max_query_chars: int = _default("graphql_max_query_chars")
    max_variables_chars: int = _default("graphql_max_variables_chars")
    max_depth: int = _default("graphql_max_depth")
    max_introspection_depth: int = 16
    max_aliases: int = _default("graphql_max_aliases")
    max_complexity: int = _default("graphql_max_complexity")
    default_page_size: int = _default("graphql_default_page_size")
    nested_fan_out: int = 3  # estimated size of a nested list without an explicit limit
    max_page_size: int = _default("graphql_max_page_size")
    timeout_seconds: float = _default("graphql_timeout")

    @classmethod
    def from_settings(cls, s: Settings) -> "ProtectionLimits":
        """The limits the HELSEGRAF_GRAPHQL_* settings set."""
        return cls(max_query_chars=s.graphql_max_query_chars, max_variables_chars=s.graphql_max_variables_chars,
                   max_depth=s.graphql_max_depth, max_aliases=s.graphql_max_aliases,
                   max_complexity=s.graphql_max_complexity, default_page_size=s.graphql_default_page_size,
                   max_page_size=s.graphql_max_page_size, timeout_seconds=s.graphql_timeout)


class LimitExceeded(Exception):
    """A limit the request goes past: the message names the limit and what was measured; so do
    `limit` and `measured` (the error's extensions)."""

    def __init__(self, message: str, code: str, limit: int | float | None = None, measured: Any = None):
        super().__init__(message)
        self.code = code
        self.limit = limit
        self.measured = measured

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, **({"limit": self.limit} if self.limit is not None else {}),
                **({"measured": self.measured} if self.measured is not None else {})}


def _is_list(t) -> bool:
    if isinstance(t, GraphQLNonNull):
        t = t.of_type
    return isinstance(t, GraphQLList)


@dataclass
class Analysis:
    depth: int = 0
    aliases: int = 0
    complexity: int = 0
    visits: int = 0
    widest: tuple[int, str] = (0, "")  # the most rows any list asks for, and its path
    deepest: tuple[int, int] = (0, 0)  # (depth, its limit) of the field nested furthest past its limit
    big_page: tuple[int, str, str] = (0, "", "")  # the largest page asked past the limit: (size, argument, path)


class _StopCounting(Exception):
    """The cost is far past the limit (or the walk too long) to be worth counting on."""


_MAX_VISITS = 100_000  # fields walked before the estimate stops (fragments can multiply a query)


def analyse(schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], op: OperationDefinitionNode,
            variables: dict[str, Any], limits: ProtectionLimits) -> Analysis:
    a = Analysis()

    def size(fdef, node: FieldNode, root: bool, connection: bool) -> int:
        try:
            args = get_argument_values(fdef, node, variables)
        except Exception:
            args = {}
        for name in ("limit", "first", "last"):
            if isinstance(args.get(name), int):
                if args[name] > limits.max_page_size and args[name] > a.big_page[0]:
                    a.big_page = (args[name], name, node.name.value)
                return max(1, args[name])
        if connection or _is_list(fdef.type):
            return limits.default_page_size if root else limits.nested_fan_out
        return 1

    def walk(ss: SelectionSetNode, parent, depth: int, mult: int, introspection: bool, root: bool,
             stack: tuple[str, ...], stack_path: tuple[str, ...] = ()) -> None:
        for sel in ss.selections:
            if isinstance(sel, FieldNode):
                name = sel.name.value
                if sel.alias:
                    a.aliases += 1
                in_intro = introspection or name.startswith("__")
                limit = limits.max_introspection_depth if in_intro else limits.max_depth
                if depth + 1 > limit and depth + 1 - limit > a.deepest[0] - a.deepest[1]:
                    a.deepest = (depth + 1, limit)
                    if depth + 1 > 4 * limit:  # measured far enough: a deeper walk only risks the stack
                        raise _StopCounting
                a.depth = max(a.depth, depth + 1)
                a.complexity += mult
                a.visits += 1
                if a.complexity > 100 * limits.max_complexity or a.visits > _MAX_VISITS:
                    raise _StopCounting
                if sel.selection_set is None or name == "__typename":
                    continue
                fields = getattr(parent, "fields", {}) if isinstance(parent, (GraphQLObjectType,
                                                                             GraphQLInterfaceType)) else {}
                fdef = fields.get(name)
                if fdef is None:  # introspection meta fields
                    walk(sel.selection_set, None, depth + 1, mult, True, False, stack)
                    continue
                named = get_named_type(fdef.type)
                if name == "edges" and getattr(parent, "name", "").endswith("Connection"):
                    factor = 1  # the connection field already counted its page
                else:
                    factor = size(fdef, sel, root, named.name.endswith("Connection"))
                path = stack_path + ((sel.alias or sel.name).value,)
                if mult * factor > a.widest[0]:
                    a.widest = (mult * factor, ".".join(path))
                walk(sel.selection_set, named, depth + 1, mult * factor, in_intro, False, stack, path)
            elif isinstance(sel, InlineFragmentNode):
                t = schema.type_map.get(sel.type_condition.name.value) if sel.type_condition else parent
                walk(sel.selection_set, t, depth, mult, introspection, root, stack, stack_path)
            elif isinstance(sel, FragmentSpreadNode):
                frag = fragments.get(sel.name.value)
                if frag is None or frag.name.value in stack:
                    continue
                t = schema.type_map.get(frag.type_condition.name.value)
                walk(frag.selection_set, t, depth, mult, introspection, root, stack + (frag.name.value,),
                     stack_path)

    try:
        walk(op.selection_set, schema.query_type, 0, 1, False, True, ())
        stopped = False
    except _StopCounting:
        stopped = True
    if a.deepest[0]:
        depth, limit = a.deepest
        at_least = "at least " if stopped else ""
        raise LimitExceeded(f"the query is nested {at_least}{depth} levels deep, deeper than the limit of {limit} "
                            "levels", "DEPTH_LIMIT", limit, depth)
    if a.big_page[0]:
        size, arg, field = a.big_page
        # the page size is the cause a too-large page also makes the cost too high for: named first
        raise LimitExceeded(f"`{arg}` is {size:,} on `{field}`; the page size limit is {limits.max_page_size:,}: "
                            "page through the list (offset, or first/after)", "PAGE_SIZE_LIMIT",
                            limits.max_page_size, size)
    if a.complexity > limits.max_complexity:
        cost = f"more than {a.complexity:,}" if stopped else f"{a.complexity:,}"
        raise LimitExceeded(
            f"the query is too complex: its estimated cost is {cost} (fields × rows they are resolved for), "
            f"above the limit of {limits.max_complexity:,}; the largest list is `{a.widest[1]}` at "
            f"{a.widest[0]:,} rows: ask for smaller pages (limit/first) or fewer nested lists",
            "COMPLEXITY_LIMIT", limits.max_complexity, a.complexity)
    if a.aliases > limits.max_aliases:
        raise LimitExceeded(f"the query uses {a.aliases} aliases; the limit is {limits.max_aliases}", "ALIAS_LIMIT",
                            limits.max_aliases, a.aliases)
    return a
