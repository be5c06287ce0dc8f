"""The GraphQL API on a store holding a small hand-written graph: lists, filters, sorting,
pagination, connections with evidence, counts, one round trip, search, responsibility tracing,
shortest paths, protection and hostile input."""

from __future__ import annotations

import pytest

from api.graphql.executor import GraphQLExecutor
from api.graphql.protection import ProtectionLimits
from tests.test_graphql_fixtures import HOSTILE

EX = GraphQLExecutor()


class Counting:
    """A store proxy counting the calls that reach the store."""

    def __init__(self, store):
        self.store, self.calls = store, []
        self.backend = store.backend

    def read(self, cypher, params=None, **kw):
        self.calls.append(cypher)
        return self.store.read(cypher, params, **kw)

    def read_native(self, cypher, params=None, **kw):
        self.calls.append(cypher)
        return self.store.read_native(cypher, params, **kw)


def q(store, query, variables=None, executor=EX, misses=False):
    """The data of a query that must answer without errors (`misses`: but for names it looks up in vain)."""
    out = executor.execute(store, query, variables or {})
    if misses:
        assert all(e["extensions"]["code"] == "NOT_FOUND" for e in out.body.get("errors", [])), out.body
    else:
        assert "errors" not in out.body, out.body
    return out.body["data"]


def err(store, query, variables=None, executor=EX):
    out = executor.execute(store, query, variables or {})
    assert "errors" in out.body, out.body
    return out.body["errors"][0]


def names(items):
    return [i["name"] for i in items]


# -- lists, filters, sorting, pagination --------------------------------------------------------
def test_list_sorted_with_offset_pagination(gql_store):
    d = q(gql_store, "{ all: instruments { name } page: instruments(sort: [{name: DESC}], limit: 2, offset: 1) { name } }")
    assert names(d["all"]) == ["FORNY", "Pre-såkornordningen", "SkatteFUNN"]
    assert names(d["page"]) == ["Pre-såkornordningen", "FORNY"]


FILTERS = [
    ({"name": {"contains": "NAERINGS"}}, ["Nærings- og fiskeridepartementet", "Nærings- og handelsdepartementet"]),
    ({"name": {"contains": "nærings-"}}, ["Nærings- og fiskeridepartementet", "Nærings- og handelsdepartementet"]),
    ({"name": {"startsWith": "HELSE"}}, ["Helse- og omsorgsdepartementet"]),
    ({"name": {"endsWith": "DEPARTEMENTET"}, "aliases": {"includes": "kd"}}, ["Kunnskapsdepartementet"]),
    ({"aliases": {"contains": "næringsdep"}}, ["Nærings- og fiskeridepartementet"]),
    ({"abbreviation": {"in": ["HOD", "KD"]}}, ["Helse- og omsorgsdepartementet", "Kunnskapsdepartementet"]),
    ({"OR": [{"abbreviation": {"eq": "HOD"}}, {"name": {"startsWith": "fin"}}]},
     ["Finansdepartementet", "Helse- og omsorgsdepartementet"]),
    ({"NOT": {"name": {"contains": "nærings"}}, "abbreviation": {"isNull": False}},
     ["Helse- og omsorgsdepartementet", "Kunnskapsdepartementet"]),
    ({"AND": [{"name": {"contains": "departementet"}}, {"abbreviation": {"isNull": True}}]}, ["Finansdepartementet"]),
]


def test_filters(gql_store):
    """eq/in/contains/startsWith/endsWith (case- and diacritic-insensitive), lists, AND/OR/NOT —
    all in one operation (one store call)."""
    decl = ", ".join(f"$w{i}: MinistryWhere" for i in range(len(FILTERS)))
    body = " ".join(f"f{i}: ministries(where: $w{i}) {{ name }}" for i in range(len(FILTERS)))
    d = q(gql_store, f"query({decl}) {{ {body} }}", {f"w{i}": flt for i, (flt, _) in enumerate(FILTERS)})
    for i, (flt, expected) in enumerate(FILTERS):
        assert names(d[f"f{i}"]) == expected, flt


def test_numeric_and_date_ranges(gql_store):
    d = q(gql_store, """{ y: documents(where: {year: {gte: 2020}}) { title }
                          d: documents(where: {date: {lt: "2013-01-01"}}) { title } }""")
    assert [x["title"] for x in d["y"]] == ["LMIs innspill om helsenæringen"]
    assert [x["title"] for x in d["d"]] == ["NHO Helse om helsedata"]


def test_relationship_filters_some_none_all_and_edge(gql_store):
    d = q(gql_store, """{
      some: proposals(where: {mentions: {some: {kind: {eq: Instrument}}}}) { id }
      none: proposals(where: {mentions: {none: {kind: {eq: Instrument}}}}) { id }
      all: instruments(where: {ownedBy: {all: {abbreviation: {eq: "NFD"}}, count: {gte: 1}}}) { name }
      named: proposals(where: {addressedTo: {edge: {basis: {eq: "named"}}}}) { id }
      nested: documents(where: {proposals: {some: {mentions: {some: {name: {eq: "SkatteFUNN"}}}}}}) { title }
    }""")
    assert sorted(x["id"] for x in d["some"]) == ["p1", "p2"]
    assert sorted(x["id"] for x in d["none"]) == ["p3", "p4", "p5"]
    assert names(d["all"]) == ["Pre-såkornordningen"]
    assert [x["id"] for x in d["named"]] == ["p2"]
    assert d["nested"] == [{"title": "LMIs innspill om helsenæringen"}]


def test_cursor_connection_walks_every_page(gql_store):
    query = """query($after: String) { instrumentsConnection(first: 1, after: $after) {
                 totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { name } } } }"""
    seen, after = [], None
    while True:
        c = q(gql_store, query, {"after": after})["instrumentsConnection"]
        assert c["totalCount"] == 3
        seen += [e["node"]["name"] for e in c["edges"]]
        assert c["pageInfo"]["hasPreviousPage"] == (after is not None)
        assert c["edges"][-1]["cursor"] == c["pageInfo"]["endCursor"]
        if not c["pageInfo"]["hasNextPage"]:
            break
        after = c["pageInfo"]["endCursor"]
    assert seen == ["FORNY", "Pre-såkornordningen", "SkatteFUNN"]
    last = q(gql_store, "{ instrumentsConnection(last: 2) { pageInfo { hasNextPage hasPreviousPage } edges { node { name } } } }")
    assert [e["node"]["name"] for e in last["instrumentsConnection"]["edges"]] == ["Pre-såkornordningen", "SkatteFUNN"]
    assert last["instrumentsConnection"]["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True}


def test_both_directions_and_evidence(gql_store):
    d = q(gql_store, """{
      proposal(id: "p1") {
        mentions { __typename name }
        mentionsConnection { totalCount edges { node { name } evidence {
          type source quote start end page method confidence document { title date } } } }
      }
      instrument(name: "skattefunn") { mentionedBy { id } ownedByConnection { edges { node { name }
        evidence { source sourceUrl validFrom validTo document { title } } } } }
    }""")
    p = d["proposal"]
    assert p["mentions"] == [{"__typename": "Instrument", "name": "SkatteFUNN"}]
    edge = p["mentionsConnection"]["edges"][0]
    assert p["mentionsConnection"]["totalCount"] == 1
    assert edge["evidence"] == {
        "type": "MENTIONS", "source": "doc-a", "quote": "SkatteFUNN bør styrkes for næringsutvikling i helsenæringen.",
        "start": 100, "end": 160, "page": 1, "method": "pattern", "confidence": 0.95,
        "document": {"title": "LMIs innspill om helsenæringen", "date": "2021-03-01"}}
    i = d["instrument"]
    assert i["mentionedBy"] == [{"id": "p1"}]
    assert i["ownedByConnection"]["edges"][0]["evidence"] == {
        "source": "registry", "sourceUrl": "https://example.org/skattefunn", "validFrom": "2002", "validTo": None,
        "document": None}


def test_counts_and_grouped_counts(gql_store):
    d = q(gql_store, """{
      ministries(where: {abbreviation: {in: ["NFD", "HOD"]}}) { abbreviation addressedByCount
        proposals: addressedByCount(where: {kind: {eq: Proposal}}) }
      perMinistry: proposalsGroupedBy(relation: addressedTo) { node { name } count }
      perInstrument: proposalsGroupedBy(relation: mentions, relatedWhere: {kind: {eq: Instrument}}) { node { name } count }
      perAuthor: proposalsGroupedBy(relation: proposedBy) { node { name ... on Organisation { aliases } } count }
    }""")
    assert d["ministries"] == [
        {"abbreviation": "HOD", "addressedByCount": 3, "proposals": 2},
        {"abbreviation": "NFD", "addressedByCount": 4, "proposals": 3}]
    assert d["perMinistry"] == [{"node": {"name": "Nærings- og fiskeridepartementet"}, "count": 3},
                                {"node": {"name": "Helse- og omsorgsdepartementet"}, "count": 2}]
    assert d["perInstrument"] == [{"node": {"name": "FORNY"}, "count": 1}, {"node": {"name": "SkatteFUNN"}, "count": 1}]
    assert d["perAuthor"] == [{"node": {"name": "Legemiddelindustrien", "aliases": ["LMI"]}, "count": 3},
                              {"node": {"name": "NHO Helse", "aliases": []}, "count": 2}]


def test_fragments_aliases_and_directives(gql_store):
    d = q(gql_store, """
      query($skip: Boolean!) {
        a: entities(where: {kind: {in: [Instrument, Agency]}}, sort: [{name: ASC}], limit: 3) { ...E }
        b: ministry(name: "nfd") { n: name owns(limit: 1) @skip(if: $skip) { name } }
      }
      fragment E on Entity { kind name ... on Instrument { ownedBy { abbreviation } } }""", {"skip": True})
    assert d["a"] == [{"kind": "Instrument", "name": "FORNY", "ownedBy": [{"abbreviation": "NFD"}, {"abbreviation": "NHD"}]},
                      {"kind": "Agency", "name": "Innovasjon Norge"},
                      {"kind": "Agency", "name": "Investinor AS"}]
    assert d["b"] == {"n": "Nærings- og fiskeridepartementet"}


# -- one round trip --------------------------------------------------------------------------------
def test_four_level_query_is_one_store_call(gql_store):
    counting = Counting(gql_store)
    d = q(counting, """{
      documents {                                   # 1
        title
        proposals(sort: [{text: ASC}]) {            # 2
          id
          mentionsConnection { edges { evidence { quote } node {   # 3
            name
            ... on Instrument { ownedBy { name owns { name } } }   # 4, 5
          } } }
          proposedBy { name ... on Organisation { locatedIn { name } } }
        }
      }
      alias2: ministries(limit: 2) { name }
    }""")
    assert len(counting.calls) == 1
    doc_a = d["documents"][0]
    p1 = next(p for p in doc_a["proposals"] if p["id"] == "p1")
    node = p1["mentionsConnection"]["edges"][0]["node"]
    assert node == {"name": "SkatteFUNN", "ownedBy": [{"name": "Finansdepartementet", "owns": [{"name": "SkatteFUNN"}]}]}
    assert p1["proposedBy"] == [{"name": "Legemiddelindustrien", "locatedIn": [{"name": "Norge"}]}]


def test_search_and_data_are_two_store_calls(gql_store):
    counting = Counting(gql_store)
    d = q(counting, """{ s1: search(text: "skattefunn") { node { name } }
                         s2: search(text: "helsedata") { node { name } }
                         instruments { name } }""")
    assert len(counting.calls) == 2
    assert d["s1"][0]["node"]["name"] == "SkatteFUNN"


# -- search -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, first_kind, first_name, snippet_part", [
    ("skattefunn", "Instrument", "SkatteFUNN", "<mark>SkatteFUNN</mark>"),
    ("helsedata", "Theme", "Helsedata", "<mark>Helsedata</mark>"),
    ("Investinor", "Agency", "Investinor AS", "<mark>Investinor</mark>"),
])
def test_search_ranks_names_first(gql_store, text, first_kind, first_name, snippet_part):
    hits = q(gql_store, "query($t: String!) { search(text: $t) { kind score field snippet node { name } } }",
             {"t": text})["search"]
    assert hits[0]["kind"] == first_kind and hits[0]["node"]["name"] == first_name
    assert snippet_part in hits[0]["snippet"]
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_search_stems_norwegian_compounds(gql_store):
    hits = q(gql_store, '{ search(text: "næring", kinds: [Proposal]) { field snippet node { id } } }')["search"]
    assert [h["node"]["id"] for h in hits] == ["p1"]
    assert "<mark>næringsutvikling</mark>" in hits[0]["snippet"]
    hits = q(gql_store, '{ search(text: "helsedataene") { node { name } } }')["search"]
    assert "Helsedata" in [h["node"]["name"] for h in hits]


# -- responsibility ----------------------------------------------------------------------------------
RESP = """query($m: String!, $at: String) { responsibility(measure: $m, at: $at) {
  ministry { name } basis at measure { name } via { name } path { name } evidence { type source quote } } }"""


def _resp(rows):
    return [(r["ministry"]["name"], r["basis"], (r["via"] or {}).get("name")) for r in rows]


def test_responsibility_of_an_instrument(gql_store):
    rows = q(gql_store, RESP, {"m": "SkatteFUNN"})["responsibility"]
    assert _resp(rows) == [("Finansdepartementet", "OWNER", None),
                           ("Kunnskapsdepartementet", "ADMINISTERING_AGENCY", "Norges forskningsråd")]
    agency = rows[1]
    assert [n["name"] for n in agency["path"]] == ["SkatteFUNN", "Norges forskningsråd", "Kunnskapsdepartementet"]
    assert [e["type"] for e in agency["evidence"]] == ["ADMINISTERED_BY", "OWNED_BY"]


def test_responsibility_respects_validity(gql_store):
    now = q(gql_store, RESP, {"m": "FORNY"})["responsibility"]
    then = q(gql_store, RESP, {"m": "FORNY", "at": "2010-05-01"})["responsibility"]
    assert ("Nærings- og fiskeridepartementet", "OWNER", None) in _resp(now)
    assert ("Nærings- og handelsdepartementet", "OWNER", None) not in _resp(now)
    assert ("Nærings- og handelsdepartementet", "OWNER", None) in _resp(then)
    assert ("Nærings- og fiskeridepartementet", "OWNER", None) not in _resp(then)
    # pre-såkorn moved from Innovasjon Norge to Investinor in 2020
    assert _resp(q(gql_store, RESP, {"m": "Pre-såkornordningen", "at": "2023"})["responsibility"]) == [
        ("Nærings- og fiskeridepartementet", "OWNER", None),
        ("Nærings- og fiskeridepartementet", "ADMINISTERING_AGENCY", "Investinor AS")]


def test_responsibility_of_proposals_uses_the_document_date(gql_store):
    d = q(gql_store, """{ proposal(id: "p2") { responsibleMinistries { ministry { name } basis at via { name } } } }""")
    rows = d["proposal"]["responsibleMinistries"]
    # doc-b is from 2012: FORNY was NHD's then; HOD is named in the text
    assert [(r["ministry"]["name"], r["basis"]) for r in rows] == [
        ("Helse- og omsorgsdepartementet", "NAMED"),
        ("Nærings- og handelsdepartementet", "OWNER"),
        ("Kunnskapsdepartementet", "ADMINISTERING_AGENCY")]
    assert rows[1]["at"] == "2012-06-01" and rows[1]["via"] == {"name": "FORNY"}
    investinor = q(gql_store, RESP, {"m": "Investinor"})["responsibility"]
    assert _resp(investinor) == [("Nærings- og fiskeridepartementet", "OWNER", None)]


def test_measures_of_a_ministry(gql_store):
    d = q(gql_store, """{ ministry(name: "NFD") { responsibleFor { basis measure { __typename name } via { name } } } }""")
    got = {(r["basis"], r["measure"]["__typename"], r["measure"]["name"]) for r in d["ministry"]["responsibleFor"]}
    assert ("OWNER", "Instrument", "FORNY") in got
    assert ("OWNER", "Agency", "Investinor AS") in got
    assert ("ADDRESSEE", "Proposal", "SkatteFUNN bør styrkes for næringsutvikling i helsenæringen.") in got
    assert ("OWNER", "Proposal", "Investinor bør få et utvidet mandat innen helse.") in got
    assert not any(m == "SkatteFUNN" for _, _, m in got)


def test_connection_shortest_paths(gql_store):
    d = q(gql_store, """{ connection(from: "SkatteFUNN", to: "KD") { length nodes { name }
                          relationships { type startId endId evidence { source } } } }""")
    [path] = d["connection"]
    assert path["length"] == 2
    assert [n["name"] for n in path["nodes"]] == ["SkatteFUNN", "Norges forskningsråd", "Kunnskapsdepartementet"]
    assert [(r["type"], r["startId"], r["endId"]) for r in path["relationships"]] == [
        ("ADMINISTERED_BY", "skattefunn", "norges-forskningsrad"),
        ("OWNED_BY", "norges-forskningsrad", "kunnskapsdepartementet")]
    # an unknown end is an error naming it, not an empty list that reads as "no path"
    out = EX.execute(gql_store, '{ connection(from: "SkatteFUNN", to: "nothing-like-this") { length } }')
    assert out.body["data"]["connection"] == []
    [e] = out.body["errors"]
    assert e["path"] == ["connection"] and e["extensions"]["code"] == "NOT_FOUND"
    assert e["extensions"]["argument"] == "to" and "'nothing-like-this'" in e["message"]


# -- hostile input and protection -------------------------------------------------------------------
def test_hostile_strings_are_parameters(gql_store):
    before = gql_store.counts()
    for text in (HOSTILE, "'", "\\", '"', "`", "$fold", "*", "|", "%"):
        v = {"t": text}
        d = q(gql_store, """query($t: String!) {
          ministries(where: {OR: [{name: {eq: $t}}, {name: {contains: $t}}, {aliases: {includes: $t}},
                                  {id: {in: [$t]}}, {name: {startsWith: $t}}]}) { name }
          ministry(name: $t) { name }
          responsibility(measure: $t) { basis } connection(from: $t, to: $t) { length } }""", v, misses=True)
        assert d["ministries"] == [] and d["ministry"] is None and d["responsibility"] == []
        # search reads its text as the search syntax: an answer, or a syntax error saying why
        out = EX.execute(gql_store, "query($t: String!) { search(text: $t) { node { id } } }", v).body
        assert out.get("data", {}).get("search") == [] or out["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    found = q(gql_store, "query($t: String!) { proposals(where: {text: {contains: $t}}) { id } }",
              {"t": "DETACH DELETE n // 'q'"})
    assert found["proposals"] == [{"id": "p5"}]
    nul = err(gql_store, "query($t: String!) { ministries(where: {name: {eq: $t}}) { name } }", {"t": "a\x00b"})
    assert nul["extensions"]["code"] == "BAD_USER_INPUT"
    assert gql_store.counts() == before


def test_limits_give_clear_errors(gql_store):
    deep = "{ documents " + "{ proposals { extractedFrom " * 7 + "{ title" + " } }" * 7 + " } }"
    assert err(gql_store, deep)["extensions"]["code"] in ("DEPTH_LIMIT", "COMPLEXITY_LIMIT")
    small = GraphQLExecutor(ProtectionLimits(max_depth=3, max_aliases=2, max_complexity=500))
    e = err(gql_store, "{ documents { proposals { extractedFrom { title } } } }", executor=small)
    assert e["extensions"]["code"] == "DEPTH_LIMIT" and "3 levels" in e["message"]
    e = err(gql_store, "{ a: ministries { name } b: ministries { name } c: ministries { name } }", executor=small)
    assert e["extensions"]["code"] == "ALIAS_LIMIT"
    e = err(gql_store, "{ proposals(limit: 1000) { mentions { name } } }", executor=small)
    assert e["extensions"]["code"] == "COMPLEXITY_LIMIT"
    # the cost (1 + 1000 proposals' mentions + 3000 names), the limit and the widest list, named
    assert "estimated cost is 4,001" in e["message"] and "limit of 500" in e["message"]
    assert "`proposals.mentions` at 3,000 rows" in e["message"]
    e = err(gql_store, "{ proposals(limit: 5000) { id } }")
    assert e["extensions"] == {"code": "PAGE_SIZE_LIMIT", "limit": 1000, "measured": 5000}
    assert "`limit` is 5,000 on `proposals`; the page size limit is 1,000" in e["message"]
    e = err(gql_store, '{ proposalsConnection(after: "bm90LWEtY3Vyc29y") { totalCount } }')
    assert e["extensions"]["code"] == "BAD_CURSOR"


def test_a_variable_of_the_wrong_type_says_what_is_wrong(gql_store):
    """graphql-core's word on the request's own variables reaches the client (it was masked as
    "internal error", which left an analyst nothing to mend)."""
    e = err(gql_store, "query($t: String!) { ministry(name: $t) { name } }", {"t": 2020})
    assert e["extensions"]["code"] == "BAD_USER_INPUT"
    assert e["message"] == "Variable '$t' has invalid value: String cannot represent a non string value: 2020"
    e = err(gql_store, "query($n: Int!) { ministries(limit: $n) { name } }")
    assert e["message"] == "Variable '$n' has invalid value: Expected a value of non-null type 'Int!' to be provided."

def test_timeout_is_a_clear_error(gql_store):
    class Slow(Counting):
        def read(self, cypher, params=None, **kw):
            import time
            time.sleep(0.5)
            return super().read(cypher, params, **kw)

    fast = GraphQLExecutor(ProtectionLimits(timeout_seconds=0.05))
    out = fast.execute(Slow(gql_store), "{ ministries { name } }", {})
    assert out.kind == "timeout"
    assert out.body == {"errors": [{"message": "the query took longer than the limit of 0.05 s",
                                    "extensions": {"code": "TIMEOUT"}}]}


def test_introspection_needs_no_store():
    class NoStore:
        backend = "embedded"

        def read(self, *a, **k):
            raise AssertionError("introspection must not touch the store")

    d = q(NoStore(), "{ __schema { queryType { name } } __type(name: \"Proposal\") { fields { name } } }")
    assert d["__schema"]["queryType"]["name"] == "Query"
    assert "mentionsConnection" in [f["name"] for f in d["__type"]["fields"]]


# -- regressions found by the GraphQL fuzz test (tests/test_graphql_fuzz.py) ---------------------
def test_an_edge_filter_below_an_empty_page_leaves_the_store_up(gql_store):
    """FalkorDB crashed on an OPTIONAL MATCH from the null placeholder row of an empty page when
    the relationship's indexed `source` was filtered; the compiler now asks for the node first."""
    pid = getattr(getattr(gql_store, "server", None), "pid", lambda: None)()
    for query in ('{ agencies(limit: 0) { ownedBy(edge: {source: {eq: "x"}}) { name } } }',
                  '{ instrumentsConnection(first: 0) { edges { node { ownedBy(edge: {source: {in: ["registry"]}}) '
                  '{ name } } } totalCount } }',
                  '{ instruments(where: {name: {eq: "nope"}}) { ownedByCount(edge: {source: {lt: "x"}}) } }',
                  '{ documents { proposals(where: {addressedTo: {none: {}, edge: {source: {gt: "a"}}}}) { id } } }'):
        q(gql_store, query)
    if pid is not None:
        assert gql_store.server.pid() == pid  # the embedded server did not crash and restart
    total = q(gql_store, "{ instrumentsConnection(first: 0) { totalCount } }")["instrumentsConnection"]["totalCount"]
    assert total > 0


def test_an_empty_count_filter_asks_nothing(gql_store):
    everything = names(q(gql_store, "{ agencies { name } }")["agencies"])
    assert names(q(gql_store, "{ agencies(where: {ownedBy: {count: {}}}) { name } }")["agencies"]) == everything
    assert names(q(gql_store, "{ agencies(where: {ownedBy: {count: {gte: null}}}) { name } }")["agencies"]) == everything
    nested = q(gql_store, "{ documents { proposals(where: {mentions: {count: {}}}) { id } } }")["documents"]
    assert nested == q(gql_store, "{ documents { proposals { id } } }")["documents"]


def test_a_field_asked_on_one_kind_is_not_read_from_the_others(gql_store):
    """`... on Proposal { text }` in a list of documents and proposals: the documents' own `text`
    (their full text) is not fetched from the store only to be dropped."""
    fetched = []

    class Recording(Counting):
        def read(self, cypher, params=None, **kw):
            rows = super().read(cypher, params, **kw)
            fetched.extend(rows)
            return rows

    d = q(Recording(gql_store), "{ entities(where: {kind: {in: [Document, Proposal]}}, limit: 50) "
                                "{ kind ... on Proposal { text } } }")
    kinds = {e["kind"] for e in d["entities"]}
    assert kinds == {"Document", "Proposal"}
    assert all(e["text"] for e in d["entities"] if e["kind"] == "Proposal")
    assert "...full text..." not in repr(fetched)


def test_a_count_of_at_least_one_is_an_existence_filter(gql_store):
    """`count: {gte: 1}` (or `gt: 0`) selects what `some: {}` selects, and is matched as a pattern
    like it (no count per node); other counts are counted."""
    from api.graphql.compiler import Limits, compile_operation
    from graphql import parse
    from graphql.execution.values import get_variable_values

    def cypher(query):
        doc = parse(query)
        op = doc.definitions[0]
        return compile_operation(EX.schema, doc, op, get_variable_values(EX.schema, [], {}), Limits(),
                                 "2026-01-01").cypher

    some = "{ ministries(where: {addressedBy: {some: {}}}) { name } }"
    expected = names(q(gql_store, some)["ministries"])
    assert expected and len(expected) < len(q(gql_store, "{ ministries { name } }")["ministries"])
    for count in ("{gte: 1}", "{gt: 0}"):
        query = some.replace("some: {}", f"count: {count}")
        assert names(q(gql_store, query)["ministries"]) == expected
        assert "count(" not in cypher(query)
    four = "{ ministries(where: {addressedBy: {count: {gte: 4}}}) { name } }"
    assert "count(" in cypher(four)
    assert names(q(gql_store, four)["ministries"]) == ["Nærings- og fiskeridepartementet"]


def test_a_lookup_by_name_matches_whole_names_and_aliases_only(gql_store):
    """`name:` finds a node by id, name or alias, ignoring case and diacritics, but a part of a
    name is not a name (the folded-text test is a whole-segment test, not a substring test)."""
    found = q(gql_store, '{ a: instrument(name: "skattefunn") { name } b: ministry(name: "næringsdepartementet") '
                         '{ abbreviation } c: ministry(name: "NAERINGS- OG FISKERIDEPARTEMENTET") { abbreviation } '
                         'd: instrument(name: "skatte") { name } e: ministry(name: "departementet") { name } }',
              misses=True)
    assert found == {"a": {"name": "SkatteFUNN"}, "b": {"abbreviation": "NFD"}, "c": {"abbreviation": "NFD"},
                     "d": None, "e": None}


def test_compiled_gives_the_cypher_execute_runs(gql_store):
    """GraphQLExecutor.compiled (for benchmarks and tools): the Cypher and parameters `execute` sends,
    and ValueError with the errors for a request that does not compile."""
    counting = Counting(gql_store)
    query = "query($n: Int!) { ministries(limit: $n) { name } }"
    EX.execute(counting, query, {"n": 2})
    compiled = EX.compiled(query, {"n": 2})
    assert counting.calls == [compiled.cypher] and 2 in compiled.params.values()
    with pytest.raises(ValueError, match="Cannot query field 'nope'"):
        EX.compiled("{ nope }")


def test_a_kind_the_node_cannot_be_matches_nothing_without_a_label_test(gql_store):
    """`kind` filters leave out kinds a node cannot be: a relationship's other end is tested only
    for its own kinds, a kind it cannot be is `false` (not a label test Neo4j's linter flags as
    never matching), and a filter allowing every kind it can be adds no test."""
    grouped = '{ organisationsGroupedBy(relation: proposes, relatedWhere: {kind: {in: [%s]}}) { count } }'
    none = EX.compiled(grouped % "Document, Agency").cypher
    assert ":Document" not in none and ":Agency" not in none and "false" in none
    assert q(gql_store, grouped % "Document, Agency") == {"organisationsGroupedBy": []}
    assert EX.compiled(grouped % "Proposal, Agency").cypher == EX.compiled(grouped % "Proposal").cypher
    assert q(gql_store, grouped % "Proposal")["organisationsGroupedBy"]
    parts = EX.compiled('{ agencies { parts(where: {kind: {in: [Proposal, Agency]}}) { name } } }').cypher
    assert ":Proposal" not in parts and ":Agency" in parts  # parts are organisations, ministries, agencies
    whole = EX.compiled('{ agencies { parts(where: {kind: {in: [Organisation, Ministry, Agency, Proposal]}}) '
                        '{ name } } }').cypher
    assert whole == EX.compiled('{ agencies { parts { name } } }').cypher
