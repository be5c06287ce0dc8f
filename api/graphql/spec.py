"""The GraphQL model, derived from :mod:`schema.model` (the one source of truth).

Everything the schema generator (:mod:`api.graphql.schema`) and the Cypher compiler
(:mod:`api.graphql.compiler`) need to know about types and fields is computed here from
``NODE_KINDS`` and ``REL_TYPES``: one object type per node kind, every relationship as an
outgoing field on each start kind and an incoming field on each end kind (each as a node
list, a connection whose edges carry the evidence, and a count), list/connection/grouping
root fields per kind, filter and sort inputs per kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from schema.model import BOOL, FLOAT, INT, NODE_KINDS, REL_TYPES, STR, STR_LIST, NodeKind, Prop, RelType
from schema.responsibility import BASIS_NAMES, MEASURES, RESPONSIBLE

ENTITY = "Entity"  # the interface every node kind implements (its common properties)

# Incoming field names: how the relationship reads from its end node. A new relationship
# type without an entry here still gets a field (`<camel>Inverse`).
INVERSE_NAMES = {
    "MENTIONED_IN": "mentionedEntities",
    "EXTRACTED_FROM": "proposals",
    "AUTHORED_BY": "authored",
    "ADDRESSED_TO": "addressedBy",
    "PROPOSES": "proposedBy",
    "MENTIONS": "mentionedBy",
    "OWNED_BY": "owns",
    "ADMINISTERED_BY": "administers",
    "LOCATED_IN": "locatedHere",
    "AFFILIATED_WITH": "affiliates",
    "PART_OF": "parts",
    "HAS_THEME": "themeOf",
    "CITES": "citedBy",
    "REPLACES": "replacedBy",
    "SIMILAR_TO": "similarFrom",
}
# Outgoing field names where the relationship type's camelCase does not read well.
FIELD_NAMES = {"SIMILAR_TO": "similar"}
PLURALS = {"Person": "people"}

GQL_SCALAR = {STR: "String", INT: "Int", FLOAT: "Float", BOOL: "Boolean", STR_LIST: "[String!]"}
FILTER_FOR = {STR: "StringFilter", INT: "IntFilter", FLOAT: "FloatFilter", BOOL: "BooleanFilter",
              STR_LIST: "StringListFilter"}

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def camel(upper_snake: str) -> str:
    head, *rest = upper_snake.lower().split("_")
    return head + "".join(w.capitalize() for w in rest)


def lower_first(name: str) -> str:
    return name[0].lower() + name[1:]


def plural(label: str) -> str:
    if label in PLURALS:
        return PLURALS[label]
    base = lower_first(label)
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


@dataclass(frozen=True)
class RelField:
    """A relationship seen from one end: `(owner)-[:TYPE]->(other)` (out) or `(owner)<-[:TYPE]-(other)` (in)."""

    name: str
    rel: RelType
    direction: str  # "out" | "in"
    other_labels: tuple[str, ...]

    @property
    def target(self) -> str:
        """GraphQL type of the node at the other end: a kind, or the Entity interface."""
        return self.other_labels[0] if len(self.other_labels) == 1 else ENTITY

    def pattern(self, a: str, r: str, b: str, kind: str | None = None) -> str:
        """Cypher pattern from `a` to `b` through relationship variable `r` (identifiers are checked);
        `kind`: one of the labels `b` may have, asked for by a filter — in the pattern, the store
        starts from that label's nodes instead of scanning every node and checking its label."""
        for v in (a, r, b):
            assert _IDENT.match(v), v
        if len(self.other_labels) == 1:
            label = f":{self.other_labels[0]}"
        else:
            label = f":{kind}" if kind in self.other_labels else ""
        if self.direction == "out":
            return f"({a})-[{r}:{self.rel.type}]->({b}{label})"
        return f"({a})<-[{r}:{self.rel.type}]-({b}{label})"

    def other_label_check(self, b: str) -> str | None:
        """Predicate restricting `b` to the labels the relationship allows (for abstract targets)."""
        if len(self.other_labels) == 1 or set(self.other_labels) >= set(all_labels()):
            return None
        return "(" + " OR ".join(f"{b}:{label}" for label in self.other_labels) + ")"


@dataclass(frozen=True)
class Kind:
    label: str
    node: NodeKind
    props: tuple[Prop, ...]
    rel_fields: tuple[RelField, ...]

    @property
    def plural(self) -> str:
        return plural(self.label)

    @property
    def singular(self) -> str:
        return lower_first(self.label)

    def prop(self, name: str) -> Prop | None:
        return self._props_by_name.get(name)

    def rel_field(self, name: str) -> RelField | None:
        return self._rel_fields_by_name.get(name)

    # lookup tables for the two above (the compiler asks them for every field it compiles)
    @cached_property
    def _props_by_name(self) -> dict[str, Prop]:
        return {p.name: p for p in reversed(self.props)}  # the first of a name, as a scan finds it

    @cached_property
    def _rel_fields_by_name(self) -> dict[str, RelField]:
        return {f.name: f for f in reversed(self.rel_fields)}


@cache
def all_labels() -> tuple[str, ...]:
    return tuple(k.label for k in NODE_KINDS)


@cache
def common_props() -> tuple[Prop, ...]:
    """Properties every kind declares (with the same type): the Entity interface."""
    first = NODE_KINDS[0].props
    return tuple(p for p in first
                 if all(any(q.name == p.name and q.type == p.type for q in k.props) for k in NODE_KINDS))


@cache
def evidence_props() -> tuple[Prop, ...]:
    """Union of every relationship property (source, quote, span, ..., basis, role, validity)."""
    out: dict[str, Prop] = {}
    for r in REL_TYPES:
        for p in r.props:
            if p.name in out and out[p.name].type != p.type:
                raise ValueError(f"relationship property {p.name} has two types")
            out.setdefault(p.name, p)
    return tuple(out.values())


@lru_cache
def kinds() -> dict[str, Kind]:
    out: dict[str, Kind] = {}
    for k in NODE_KINDS:
        fields: list[RelField] = []
        for r in REL_TYPES:
            if k.label in r.start:
                fields.append(RelField(FIELD_NAMES.get(r.type, camel(r.type)), r, "out", r.end))
            if k.label in r.end:
                fields.append(RelField(INVERSE_NAMES.get(r.type, camel(r.type) + "Inverse"), r, "in", r.start))
        names = [f.name for f in fields] + [p.name for p in k.props]
        for f in fields:
            names += [f.name + "Connection", f.name + "Count"]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValueError(f"{k.label}: GraphQL field names collide: {sorted(dupes)}")
        out[k.label] = Kind(k.label, k, k.props, tuple(fields))
    return out


# Measures whose responsible ministries can be traced, who can be responsible, and why (the
# ResponsibilityBasis enum, in basis order): schema/responsibility.py declares them.
MEASURE_LABELS = MEASURES
RESPONSIBLE_LABEL = RESPONSIBLE
BASES = BASIS_NAMES
