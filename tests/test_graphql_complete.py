"""The fast completion (api.graphql.complete) on its own: it answers without falling back where it
should (and as graphql-core would), and raises Fallback wherever graphql-core has to answer."""

from __future__ import annotations

import json

import pytest
from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse
from graphql.execution.values import get_variable_values

from api.graphql.complete import Completer, Fallback
from api.graphql.executor import GraphQLExecutor

EX = GraphQLExecutor()


def both(query: str, data: dict, variables: dict | None = None):
    """(the fast completion of `data`, or Fallback; graphql-core's response body for it)."""
    doc = parse(query)
    op = next(d for d in doc.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)}
    completer = Completer(EX.schema, fragments, op,
                          get_variable_values(EX.schema, op.variable_definitions or [], variables or {}))
    core = EX._complete(doc, data, variables or {}, None)
    try:
        fast = completer.complete(data)
    except Fallback:
        fast = Fallback
    return fast, core


def same(fast, core) -> None:
    assert "errors" not in core, core
    assert json.dumps(fast) == json.dumps(core["data"])  # key order and 1 vs 1.0 count


# -- hand-made results on the real schema ---------------------------------------------------------
def test_leaves_nulls_and_aliases():
    q = "{ agency(id: \"x\") { id a: name b: name kind confidence mentionedInCount aliases verified } nothing: entity { id } }"
    data = {"agency": {"id": "x", "a": "A", "b": None, "kind": "Agency", "confidence": 1,
                       "mentionedInCount": 3, "aliases": None, "verified": True},
            "nothing": None}
    fast, core = both(q, data)
    same(fast, core)
    assert fast["agency"]["confidence"] == 1.0 and isinstance(fast["agency"]["confidence"], float)


def test_abstract_values_by_runtime_type_with_fragments_and_typename():
    q = """{ entities { __typename kind ... on Instrument { ownedBy { abbreviation } } ...E } }
           fragment E on Entity { name ... on Agency { aliases } }"""
    doc = parse(q)
    completer = Completer(EX.schema, {d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)},
                          doc.definitions[0], {})
    results = [
        {"entities": [{"__kind": "Instrument", "kind": "Instrument", "name": "FORNY", "ownedBy": [{"abbreviation": "NFD"}]},
                      {"__kind": "Agency", "kind": "Agency", "name": "Innovasjon Norge", "aliases": ["IN"]}]},
        {"entities": [{"__kind": "Agency", "kind": "Agency", "name": "Investinor", "aliases": None},
                      {"__kind": "Ministry", "kind": "Ministry", "name": "NFD"}]},
    ]
    for data in results * 2:  # the per-runtime-type completers are built once, then reused
        same(completer.complete(data), EX._complete(doc, data, {}, None))


@pytest.mark.parametrize("a", [True, False])
@pytest.mark.parametrize("b", [True, False])
def test_skip_and_include_with_variables(a, b):
    q = """query($a: Boolean!, $b: Boolean!) {
             agency { id @include(if: $a) name @skip(if: $b) kind @include(if: $a) @skip(if: $b) ... on Agency @skip(if: $a) { verified } } }"""
    data = {"agency": {"id": "x", "name": "X", "kind": "Agency", "verified": False}}
    fast, core = both(q, data, {"a": a, "b": b})
    same(fast, core)


FALLBACKS = {
    "non-null leaf is null": ("{ agency { id } }", {"agency": {"id": None}}),
    "Int beyond 32 bits": ("{ agency { mentionedInCount } }", {"agency": {"mentionedInCount": 2 ** 31}}),
    "enum value unknown": ("{ agency { kind } }", {"agency": {"kind": "Bogus"}}),
    "null item in a non-null list": ("{ agencies { name } }", {"agencies": [{"name": "a"}, None]}),
    "non-null list is null": ("{ agencies { name } }", {"agencies": None}),
    "object where a list is due": ("{ agencies { name } }", {"agencies": {"name": "a"}}),
    "string where an object is due": ("{ agency { name } }", {"agency": "a"}),
    "unknown runtime type": ("{ entity { name } }", {"entity": {"__kind": "Bogus", "name": "a"}}),
    "no runtime type": ("{ entity { name } }", {"entity": {"name": "a"}}),
    "runtime type outside the interface": ("{ entity { name } }", {"entity": {"__kind": "PageInfo", "name": "a"}}),
    "introspection": ("{ __schema { queryType { name } } }", {}),
    "introspection by type": ("{ __type(name: \"Agency\") { name } }", {}),
}


@pytest.mark.parametrize("query,data", FALLBACKS.values(), ids=FALLBACKS.keys())
def test_what_graphql_core_must_answer_falls_back(query, data):
    fast, _ = both(query, data)
    assert fast is Fallback


# -- results from the store -----------------------------------------------------------------------
@pytest.mark.parametrize("query,variables", [
    ("""{ instrumentsConnection(sort: [{name: ASC}], first: 2) {
           totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
           edges { cursor node { name kind } } } }""", {}),
    ("""query($skip: Boolean!) {
          a: entities(where: {kind: {in: [Instrument, Agency]}}, sort: [{name: ASC}], limit: 3) { __typename ...E }
          b: ministry(name: "nfd") { n: name owns(limit: 1) @skip(if: $skip) { name } }
        }
        fragment E on Entity { kind name ... on Instrument { ownedBy { abbreviation } } }""", {"skip": False}),
    ("""{ ministry(name: "nfd") { ownsConnection { edges { node { name } evidence { quote } } } } }""", {}),
])
def test_store_results_complete_without_fallback(gql_store, query, variables):
    ex = GraphQLExecutor()
    out = ex.execute(gql_store, query, variables)
    assert "errors" not in out.body, out.body
    (prepared,) = ex._prepared.values()
    data = prepared.compiled.shape(gql_store.read(prepared.compiled.cypher, prepared.compiled.params))
    assert json.dumps(prepared.completer.complete(data)) == json.dumps(out.body["data"])
