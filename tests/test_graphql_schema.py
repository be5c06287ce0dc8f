"""The GraphQL schema is generated from schema.model and cannot drift from it: every node kind,
property and relationship type (in both directions, with its evidence) appears."""

from __future__ import annotations

from graphql import GraphQLList, GraphQLNonNull, get_named_type

from api.graphql.schema import graphql_schema, sdl, strawberry_schema, strawberry_source
from api.graphql.spec import ENTITY, INVERSE_NAMES, kinds
from loaders.pipeline import search_text
from schema.text import fold
from schema.model import FLOAT, INT, LABELS, NODE_KINDS, REL_TYPES, STR_LIST

SCALAR = {INT: "Int", FLOAT: "Float", "bool": "Boolean", "str": "String"}


def test_every_node_kind_is_a_type_with_all_its_properties():
    schema = graphql_schema()
    for kind in NODE_KINDS:
        t = schema.type_map[kind.label]
        assert ENTITY in [i.name for i in t.interfaces]
        for p in kind.props:
            assert p.name in t.fields, f"{kind.label}.{p.name} missing"
            named = get_named_type(t.fields[p.name].type).name
            if p.name == "id":
                assert named == "ID" and isinstance(t.fields["id"].type, GraphQLNonNull)
            elif p.type == STR_LIST:
                assert isinstance(t.fields[p.name].type, GraphQLList) and named == "String"
            else:
                assert named == SCALAR[p.type]
        where, sort = schema.type_map[f"{kind.label}Where"], schema.type_map[f"{kind.label}Sort"]
        assert {p.name for p in kind.props} <= set(where.fields)
        assert {p.name for p in kind.props if p.type != STR_LIST} == set(sort.fields)
    query = schema.query_type.fields
    for k in kinds().values():
        for name in (k.plural, k.plural + "Connection", k.singular, k.plural + "GroupedBy"):
            assert name in query, name


def test_every_relationship_is_traversable_both_ways_with_evidence():
    schema = graphql_schema()
    for r in REL_TYPES:
        for label in r.start:
            fields = schema.type_map[label].fields
            f = next(f for f in kinds()[label].rel_fields if f.rel.type == r.type and f.direction == "out")
            for suffix in ("", "Connection", "Count"):
                assert f.name + suffix in fields, f"{label}.{f.name}{suffix}"
            expected = r.end[0] if len(r.end) == 1 else ENTITY
            assert get_named_type(fields[f.name].type).name == expected
        for label in r.end:
            fields = schema.type_map[label].fields
            f = next(f for f in kinds()[label].rel_fields if f.rel.type == r.type and f.direction == "in")
            assert f.name == INVERSE_NAMES[r.type]
            for suffix in ("", "Connection", "Count"):
                assert f.name + suffix in fields, f"{label}.{f.name}{suffix}"
        evidence = schema.type_map["Evidence"].fields
        assert {p.name for p in r.props} <= set(evidence)
    assert {"document", "quote", "start", "end", "page", "method", "confidence", "source", "type"} <= set(
        schema.type_map["Evidence"].fields)
    edge = schema.type_map["InstrumentRelEdge"].fields
    assert {"cursor", "node", "evidence"} <= set(edge)


def test_the_schema_is_strawberry_generated_and_complete():
    src = strawberry_source()
    assert "@strawberry.type" in src and "@strawberry.interface" in src
    printed = strawberry_schema().as_str()
    assert printed == sdl()
    for label in LABELS:
        assert f"type {label} implements {ENTITY}" in printed
    assert "enum Kind {" in printed and all(f"  {label}\n" in printed for label in LABELS)
    for name in ("search", "responsibility", "connection", "entities", "entity"):
        assert name in graphql_schema().query_type.fields


def test_searchtext_convention_used_for_lookups():
    """Lookups by name or alias rely on the loaders' `searchText` = folded names joined by ' | '."""
    assert search_text("SkatteFUNN", "Skattefunn-ordningen") == "skattefunn | skattefunn-ordningen"
    assert f" | {fold('NÆRINGSDEPARTEMENTET')} | " in f" | {search_text('NFD', 'Næringsdepartementet')} | "
