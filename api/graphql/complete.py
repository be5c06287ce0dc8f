"""Complete a compiled operation's result into the GraphQL response, without graphql-core's executor.

The compiled Cypher already returns every field's value (see :mod:`api.graphql.compiler`), so
completion is only: pick each response key from the selection set, read each field the way
:func:`source_of` says (connections, edges and page info are assembled here; the executor
installs the same readers for graphql-core), and serialise leaves.
graphql-core does the same through a resolver call per field, which costs more than the query
itself on large results.

Here each field of the operation gets a completer function, built once per operation and reused
for every row and every request: a closure that already knows whether the field is non-null, its
list nesting, its leaf's serialiser, or the completer of its object type. An object's completer
builds its plan on first use — [(response key, field name, how it is read, field completer)] from
the fields its selection collects for that runtime type — and then only walks it; an interface or
union field keeps one object completer per runtime type, chosen by the value's `__kind`.

Anything off the plain path raises :class:`Fallback`, and the executor completes with
graphql-core instead: introspection, a null in a non-null position (graphql-core's error
propagation), a value it would coerce or reject, a value of an unexpected shape. The tests check
that both completions give the same response for every cookbook and test query.
"""

from __future__ import annotations

from typing import Any, Callable

from graphql import (FieldNode, FragmentDefinitionNode, GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt,
                     GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString,
                     OperationDefinitionNode, SelectionSetNode, is_abstract_type, is_leaf_type)

from api.graphql.collect import collect_fields
from api.graphql.compiler import KIND_KEY, connection_value, encode_cursor, page_info

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
        at = source.get("__at")
        return None if at is None else encode_cursor(at)
    return source.get(name)


def runtime_type_name(value: Any) -> str | None:
    return value.get(KIND_KEY) if isinstance(value, dict) else None


# The Python type each built-in scalar serialises to itself (Int also within 32 bits).
_AS_IS = {GraphQLString: str, GraphQLID: str, GraphQLInt: int, GraphQLFloat: float, GraphQLBoolean: bool}


def _serialize(t, value):
    try:
        out = t.serialize(value)
    except Exception:  # graphql-core reports a field error: let it
        raise Fallback from None
    if out is None:
        raise Fallback
    return out


def _leaf(t, nonnull: bool):
    """A function completing a value of leaf type `t`: a built-in scalar's common case as is."""
    exact = _AS_IS.get(t)

    def complete(v):
        if type(v) is exact and (exact is not int or _INT_MIN <= v <= _INT_MAX):
            return v
        if v is None:
            if nonnull:
                raise Fallback  # graphql-core reports the error and nulls the nearest nullable parent
            return None
        return _serialize(t, v)
    return complete


class Completer:
    """Completes results for one operation (its document, variables and schema)."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 operation: OperationDefinitionNode, variables: Any):
        self.schema = schema
        self.fragments = fragments
        self.operation = operation
        self.variables = variables
        self._root: Callable[[Any], Any] | None = None

    def complete(self, data: dict[str, Any]) -> dict[str, Any]:
        """The response's `data` for the root value `data` (the compiled result by response key)."""
        if self._root is None:
            self._root = self._object(self.schema.query_type, None, True)
        return self._root(data)

    # -- selections -----------------------------------------------------------------------------
    def _applies(self, condition: str, runtime: GraphQLObjectType) -> bool:
        t = self.schema.get_type(condition)
        if t is runtime:
            return True
        return t is not None and is_abstract_type(t) and self.schema.is_sub_type(t, runtime)

    def _collect(self, runtime: GraphQLObjectType, sets: list[SelectionSetNode]) -> dict[str, list[FieldNode]]:
        return collect_fields(sets, lambda cond: cond is None or self._applies(cond, runtime), self.variables,
                              self.fragments)

    # -- completers -----------------------------------------------------------------------------
    def _plan(self, runtime: GraphQLObjectType, nodes: list[FieldNode] | None) -> list:
        """[(response key, field name, how, completer)] for an object of `runtime` type."""
        sets = ([self.operation.selection_set] if nodes is None
                else [n.selection_set for n in nodes if n.selection_set is not None])
        plan = []
        for rkey, fnodes in self._collect(runtime, sets).items():
            name = fnodes[0].name.value
            if name == "__typename":
                plan.append((rkey, name, TYPENAME, None))
                continue
            if name.startswith("__"):
                raise Fallback  # introspection
            fdef = runtime.fields.get(name)
            if fdef is None:
                raise Fallback
            plan.append((rkey, name, source_of(runtime.name, name), self._field(fdef.type, fnodes)))
        return plan

    def _field(self, t, nodes: list[FieldNode]) -> Callable[[Any], Any]:
        """A function completing a field's value of type `t` (selected by `nodes`)."""
        nonnull = isinstance(t, GraphQLNonNull)
        if nonnull:
            t = t.of_type
        if isinstance(t, GraphQLList):
            item = self._field(t.of_type, nodes)

            def complete_list(value):
                if value is None:
                    if nonnull:
                        raise Fallback
                    return None
                if not isinstance(value, list):
                    raise Fallback
                return [item(v) for v in value]
            return complete_list
        if is_leaf_type(t):
            return _leaf(t, nonnull)
        if is_abstract_type(t):
            return self._abstract(t, nodes, nonnull)
        return self._object(t, nodes, nonnull)

    def _abstract(self, t, nodes: list[FieldNode], nonnull: bool) -> Callable[[Any], Any]:
        """A function completing a value of interface or union `t`, by its runtime type's completer."""
        by_kind: dict[str, Callable[[Any], Any]] = {}

        def complete_abstract(value):
            if value is None:
                if nonnull:
                    raise Fallback
                return None
            name = runtime_type_name(value)
            complete = by_kind.get(name)
            if complete is None:
                runtime = self.schema.get_type(name) if name else None
                if not isinstance(runtime, GraphQLObjectType) or not self.schema.is_sub_type(t, runtime):
                    raise Fallback
                complete = by_kind[name] = self._object(runtime, nodes, True)
            return complete(value)
        return complete_abstract

    def _object(self, runtime: GraphQLObjectType, nodes: list[FieldNode] | None,
                nonnull: bool) -> Callable[[Any], Any]:
        """A function completing a value of object type `runtime`; its plan is built on first use."""
        tname = runtime.name
        plan = None

        def complete_object(value):
            nonlocal plan
            if value is None:
                if nonnull:
                    raise Fallback
                return None
            if not isinstance(value, dict):
                raise Fallback
            if plan is None:
                plan = self._plan(runtime, nodes)
            out = {}
            for rkey, name, how, complete in plan:
                if how == BY_KEY:  # the common case, inline
                    out[rkey] = complete(value[rkey] if rkey in value else value.get(name))
                elif how == TYPENAME:
                    out[rkey] = tname
                else:
                    out[rkey] = complete(resolve(how, value, rkey, name))
            return out
        return complete_object
