"""A `where` argument as a plan: one node per entry, in the request's order.

A `where` object is a :class:`Where` (its entries AND-ed); an entry is a :class:`Prop` (a property's
operators), :class:`KindIs`, :class:`Named` (a lookup by id, name or alias), :class:`Responsible`
(`responsibleMinistries`), :class:`Related` (some/none/all/count/edge over a relationship) or one of
the logical nodes :class:`AllOf`, :class:`AnyOf`, :class:`NotOf`. An `edge:` filter (evidence) is a
:class:`Where` of :class:`Prop` entries (`name` None: the relationship's type) and logical nodes.

The plan holds no Cypher and no variable names: the emitter (:mod:`api.graphql.emit.filters`)
writes each node. What the plan decides once, here:

* which entries are *relational* (:func:`is_relational`): they need the related nodes, so they
  cannot be a plain WHERE of the node's MATCH;
* which relationship filters only ask that a related node exists (:attr:`Related.exists_only`):
  those are matched as patterns, without aggregation (:func:`is_flat`);
* :func:`kind_in_pattern`: a `kind: {eq: X}` the relationship can reach becomes the pattern's
  label (the store starts from X's nodes instead of scanning every node).

To add an operator to a property filter: add it to the GraphQL filter input (api.graphql.spec)
and give it its Cypher in :meth:`api.graphql.emit.filters.Filters.scalar_filter`; the plan carries
every operator the request gives (:attr:`Prop.ops`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from api.graphql.plan.base import RESPONSIBLE_FILTER, CompileError
from api.graphql.spec import ENTITY, RelField, all_labels, common_props, evidence_props, kinds

Ops = tuple[tuple[str, Any], ...]  # (operator, value), null operators left out


@dataclass(frozen=True)
class Where:
    """One `where` object: its entries, AND-ed, in the request's order (null entries dropped)."""

    entries: tuple["Filter", ...] = ()

    def __bool__(self) -> bool:
        return bool(self.entries)


@dataclass(frozen=True)
class AllOf:
    items: tuple[Where, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Where, ...]


@dataclass(frozen=True)
class NotOf:
    item: Where


@dataclass(frozen=True)
class Prop:
    """A property's operators (`name` None: the relationship's type, for evidence)."""

    name: str | None
    ptype: str
    ops: Ops


@dataclass(frozen=True)
class KindIs:
    eq: str | None
    in_: tuple[str, ...] | None


@dataclass(frozen=True)
class Named:
    name: str


@dataclass(frozen=True)
class Responsible:
    name: str
    basis: Any
    at: str | None


@dataclass(frozen=True)
class Related:
    """some/none/all/count/edge over relationship `rf` (each of some/none/all planned on its target)."""

    rf: RelField
    edge: Where | None
    some: Where | None
    none: Where | None
    all: Where | None
    count: Ops | None
    exists_only: bool  # only that a related node (with such evidence) exists: a pattern, no aggregation


Filter = Union[AllOf, AnyOf, NotOf, Prop, KindIs, Named, Responsible, Related]


def _ops(flt: dict) -> Ops:
    return tuple((op, v) for op, v in flt.items() if v is not None)


def _label(label: str) -> str:
    if label not in all_labels():
        raise CompileError(f"unknown kind {label!r}")
    return label


def props_of(type_name: str) -> dict[str, str]:
    if type_name == ENTITY:
        return {p.name: p.type for p in common_props()}
    return {p.name: p.type for p in kinds()[type_name].props}


def where_of(type_name: str, where: dict | None) -> Where | None:
    """The plan of a `where` on nodes of `type_name` (None when not given)."""
    if where is None:
        return None
    props = props_of(type_name)
    out: list[Filter] = []
    for key, val in where.items():
        if val is None:
            continue
        if key == "AND":
            out.append(AllOf(tuple(where_of(type_name, w) for w in val)))
        elif key == "OR":
            out.append(AnyOf(tuple(where_of(type_name, w) for w in val)))
        elif key == "NOT":
            out.append(NotOf(where_of(type_name, val)))
        elif key == "kind":
            out.append(KindIs(_label(val["eq"]) if val.get("eq") else None,
                              tuple(_label(x) for x in val["in"]) if val.get("in") is not None else None))
        elif key in props:
            out.append(Prop(key, props[key], _ops(val)))
        elif key == "named":
            out.append(Named(val))
        elif key == RESPONSIBLE_FILTER:
            out.append(Responsible(val["name"], val.get("basis"), val.get("at")))
        else:
            rf = kinds()[type_name].rel_field(key) if type_name != ENTITY else None
            if rf is None:
                raise CompileError(f"unknown filter {key!r}", "BAD_REQUEST")
            out.append(_related(rf, val))
    return Where(tuple(out))


def edge_of(where: dict | None) -> Where | None:
    """The plan of an `edge:` filter (the relationship's evidence and type)."""
    if where is None:
        return None
    props = {p.name: p.type for p in evidence_props()}
    out: list[Filter] = []
    for key, val in where.items():
        if val is None:
            continue
        if key == "AND":
            out.append(AllOf(tuple(edge_of(w) for w in val)))
        elif key == "OR":
            out.append(AnyOf(tuple(edge_of(w) for w in val)))
        elif key == "NOT":
            out.append(NotOf(edge_of(val)))
        elif key == "type":
            out.append(Prop(None, "str", _ops(val)))
        else:
            out.append(Prop(key, props[key], _ops(val)))
    return Where(tuple(out))


def _related(rf: RelField, flt: dict) -> Related:
    sub = {op: where_of(rf.target, flt[op]) if flt.get(op) is not None else None for op in ("some", "none", "all")}
    node = Related(rf, edge_of(flt.get("edge")), sub["some"], sub["none"], sub["all"],
                   _ops(flt["count"]) if flt.get("count") is not None else None, False)
    ops = {k for k, x in flt.items() if x is not None}
    if "count" in ops and _asks_existence(flt["count"]):
        ops = (ops - {"count"}) | {"some"}
    exists = bool(ops) and ops <= {"some", "edge"} and is_flat(node.some)
    return Related(rf, node.edge, node.some, node.none, node.all, node.count, exists)


def _asks_existence(count: Any) -> bool:
    """`count: {gte: 1}` (or `gt: 0`) asks only that there is a related node, like `some: {}`."""
    ops = {k: x for k, x in (count or {}).items() if x is not None} if isinstance(count, dict) else None
    return ops in ({"gte": 1}, {"gt": 0})


def _inner(f: Filter | Where | None) -> tuple:
    """The filters a logical entry holds (a where's entries, AND/OR's items, NOT's item)."""
    if isinstance(f, Where):
        return tuple(f.entries)
    if isinstance(f, (AllOf, AnyOf)):
        return tuple(f.items)
    if isinstance(f, NotOf):
        return (f.item,)
    return ()


def is_relational(f: Filter | Where | None) -> bool:
    """The entry needs the related nodes (a relationship or responsibility filter, at any depth)."""
    return isinstance(f, (Related, Responsible)) or any(is_relational(e) for e in _inner(f))


def is_flat(where: Where | None) -> bool:
    """Plain conditions and existential relationship filters only (AND-ed, at any depth): a
    pattern per hop can match it, with no aggregation."""
    for e in (where.entries if where else ()):
        if not is_relational(e):
            continue
        if isinstance(e, AllOf):
            if not all(is_flat(w) for w in e.items):
                return False
        elif not (isinstance(e, Related) and e.exists_only):
            return False
    return True


def partition(where: Where | None, test) -> tuple[Where, Where]:
    """(the entries that pass `test`, the others)."""
    yes, no = [], []
    for e in (where.entries if where else ()):
        (yes if test(e) else no).append(e)
    return Where(tuple(yes)), Where(tuple(no))


def split_where(where: Where | None) -> tuple[Where, Where]:
    """(plain conditions, relational entries)."""
    complex_, simple = partition(where, is_relational)
    return simple, complex_


def split_hops(where: Where | None) -> tuple[Where, Where]:
    """(the relational entries matched as patterns, the rest)."""
    return partition(where, lambda e: is_relational(e) and is_flat(Where((e,))))


def kind_in_pattern(rf: RelField, where: Where | None) -> tuple[str | None, Where | None]:
    """(the label for the pattern's other end, the rest of `where`) when `where` asks for one kind
    the relationship can reach (`kind: {eq: X}`): the label in the pattern is the condition (and
    the store starts from X's nodes instead of scanning every node); else (None, where)."""
    kind = next((e for e in where.entries if isinstance(e, KindIs)), None) if where else None
    if kind is None or kind.eq is None or kind.eq not in rf.other_labels:
        return None, where
    rest = tuple(e for e in where.entries if not isinstance(e, KindIs))
    if kind.in_ is not None:
        rest += (KindIs(None, kind.in_),)
    return kind.eq, Where(rest)


def without(where: Where | None, kind: type) -> tuple[Any, Where | None]:
    """(the first entry of class `kind`, `where` without it)."""
    found = next((e for e in where.entries if isinstance(e, kind)), None) if where else None
    if found is None:
        return None, where
    return found, Where(tuple(e for e in where.entries if e is not found))
