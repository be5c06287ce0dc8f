"""Complete a compiled operation's result into the GraphQL response, without graphql-core's executor.

The compiled Cypher already returns every field's value (see :mod:`api.graphql.compiler`), so
completion is only: pick each response key from the selection set, read each field the way
:func:`source_of` says (connections, edges and page info are assembled here; the executor
installs the same readers for graphql-core), and serialise leaves.
graphql-core does the same through a resolver call per field, which costs more than the query
itself on large results. A plan per (runtime type, field nodes) is built once per operation and
reused for every row and every request.

Anything off the plain path raises :class:`Fallback`, and the executor completes with
graphql-core instead: introspection, a null in a non-null position (graphql-core's error
propagation), a value it would coerce or reject, a value of an unexpected shape. The tests check
that both completions give the same response for every cookbook and test query.
"""

from __future__ import annotations

from typing import Any

from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLBoolean, GraphQLFloat, GraphQLID,
                     GraphQLIncludeDirective, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType,
                     GraphQLSchema, GraphQLSkipDirective, GraphQLString, InlineFragmentNode,
                     OperationDefinitionNode, SelectionSetNode, is_abstract_type, is_leaf_type)
from graphql.execution.values import get_directive_values

from api.graphql.compiler import KIND_KEY, connection_value, page_info

_INT_MIN, _INT_MAX = -(2 ** 31), 2 ** 31 - 1


class Fallback(Exception):
    """This result needs graphql-core's completion."""


# How a field's value is taken from its parent value: the one place that says so, for this
# completion and for graphql-core's (the executor installs `resolve` as its resolvers).
BY_KEY, TYPENAME, TOTAL, PAGE_INFO, EDGES, CURSOR, BY_NAME = range(7)


def source_of(type_name: str, field_name: str) -> int:
    """How `type_name.field_name` is read from its parent value."""
    if type_name.endswith("Connection") and field_name in ("totalCount", "pageInfo", "edges"):
        return {"totalCount": TOTAL, "pageInfo": PAGE_INFO, "edges": EDGES}[field_name]
    if type_name.endswith("Edge") and field_name == "cursor":
        return CURSOR
    if type_name == "PageInfo":
        return BY_NAME
    return BY_KEY


def resolve(how: int, source: Any, key: str, name: str) -> Any:
    """A field's value under response key `key` (field `name`) of the parent value `source`."""
    if not isinstance(source, dict):
        return None
    if how == BY_KEY:
        return source[key] if key in source else source.get(name)
    if how == TOTAL:
        return source.get("total", 0)
    if how == PAGE_INFO:
        return page_info(source)
    if how == EDGES:
        return connection_value(source, key)
    if how == CURSOR:
        return source.get("__cursor")
    return source.get(name)


def runtime_type_name(value: Any) -> str | None:
    return value.get(KIND_KEY) if isinstance(value, dict) else None


# The Python type each built-in scalar serialises to itself (Int also within 32 bits).
_AS_IS = {GraphQLString: str, GraphQLID: str, GraphQLInt: int, GraphQLFloat: float, GraphQLBoolean: bool}


def _leaf_serializer(t):
    """A function value -> serialised value; a built-in scalar's common case is returned as is."""
    exact = _AS_IS.get(t)

    def ser(v):
        if type(v) is exact and (exact is not int or _INT_MIN <= v <= _INT_MAX):
            return v
        return _serialize(t, v)
    return ser


def _serialize(t, value):
    try:
        out = t.serialize(value)
    except Exception:  # graphql-core reports a field error: let it
        raise Fallback from None
    if out is None:
        raise Fallback
    return out


class Completer:
    """Completes results for one operation (its document, variables and schema)."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 operation: OperationDefinitionNode, variables: Any):
        self.schema = schema
        self.fragments = fragments
        self.operation = operation
        self.variables = variables
        self._plans: dict[tuple, list] = {}
        self._keep: list = []  # the field nodes the plan keys refer to by id, kept alive
        self._leaf: dict[int, Any] = {}

    # -- plans ----------------------------------------------------------------------------------
    def _included(self, node) -> bool:
        if not node.directives:
            return True
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip and skip.get("if"):
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return not (include and not include.get("if"))

    def _applies(self, condition: str, runtime: GraphQLObjectType) -> bool:
        t = self.schema.get_type(condition)
        if t is runtime:
            return True
        return t is not None and is_abstract_type(t) and self.schema.is_sub_type(t, runtime)

    def _collect(self, runtime: GraphQLObjectType, sets: list[SelectionSetNode]) -> dict[str, list[FieldNode]]:
        fields: dict[str, list[FieldNode]] = {}
        visited: set[str] = set()

        def visit(ss: SelectionSetNode) -> None:
            for sel in ss.selections:
                if not self._included(sel):
                    continue
                if isinstance(sel, FieldNode):
                    fields.setdefault(sel.alias.value if sel.alias else sel.name.value, []).append(sel)
                elif isinstance(sel, InlineFragmentNode):
                    if sel.type_condition is None or self._applies(sel.type_condition.name.value, runtime):
                        visit(sel.selection_set)
                elif isinstance(sel, FragmentSpreadNode):
                    name = sel.name.value
                    if name in visited:
                        continue
                    visited.add(name)
                    frag = self.fragments.get(name)
                    if frag is not None and self._applies(frag.type_condition.name.value, runtime):
                        visit(frag.selection_set)

        for ss in sets:
            visit(ss)
        return fields

    def _plan(self, runtime: GraphQLObjectType, nodes: list[FieldNode] | None) -> list:
        """[(response key, how, field name, return type, field nodes)] for an object of `runtime` type."""
        key = (runtime.name, tuple(id(n) for n in nodes) if nodes is not None else None)
        plan = self._plans.get(key)
        if plan is not None:
            return plan
        sets = ([self.operation.selection_set] if nodes is None
                else [n.selection_set for n in nodes if n.selection_set is not None])
        tname = runtime.name
        plan = []
        for rkey, fnodes in self._collect(runtime, sets).items():
            name = fnodes[0].name.value
            if name == "__typename":
                plan.append((rkey, TYPENAME, name, None, fnodes))
                continue
            if name.startswith("__"):
                raise Fallback  # introspection
            fdef = runtime.fields.get(name)
            if fdef is None:
                raise Fallback
            plan.append((rkey, source_of(tname, name), name, fdef.type, fnodes))
        self._keep.append(nodes)
        self._plans[key] = plan
        return plan

    # -- completion -----------------------------------------------------------------------------
    def complete(self, data: dict[str, Any]) -> dict[str, Any]:
        """The response's `data` for the root value `data` (the compiled result by response key)."""
        return self._object(self.schema.query_type, None, data)

    def _object(self, runtime: GraphQLObjectType, nodes: list[FieldNode] | None, source: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        is_dict = isinstance(source, dict)
        for rkey, how, name, rtype, fnodes in self._plan(runtime, nodes):
            if how == TYPENAME:
                out[rkey] = runtime.name
                continue
            if how == BY_KEY:  # the common case, inline
                value = (source[rkey] if rkey in source else source.get(name)) if is_dict else None
            else:
                value = resolve(how, source, rkey, name)
            out[rkey] = self._value(rtype, fnodes, value)
        return out

    def _value(self, t, nodes: list[FieldNode], value: Any) -> Any:
        if isinstance(t, GraphQLNonNull):
            if value is None:
                raise Fallback  # graphql-core reports the error and nulls the nearest nullable parent
            t = t.of_type
        elif value is None:
            return None
        if isinstance(t, GraphQLList):
            if not isinstance(value, list):
                raise Fallback
            inner = t.of_type
            return [self._value(inner, nodes, v) for v in value]
        if is_leaf_type(t):
            ser = self._leaf.get(id(t))
            if ser is None:
                ser = self._leaf[id(t)] = _leaf_serializer(t)
            return ser(value)
        if is_abstract_type(t):
            name = runtime_type_name(value)
            runtime = self.schema.get_type(name) if name else None
            if not isinstance(runtime, GraphQLObjectType) or not self.schema.is_sub_type(t, runtime):
                raise Fallback
            t = runtime
        if not isinstance(value, dict):
            raise Fallback
        return self._object(t, nodes, value)
