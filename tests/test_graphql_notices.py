"""No silent empties, and responsibility where analysts filter — on the default corpus, on both
stores: a name looked up in vain is an error (a root lookup) or a notice (a filter) saying what the
name is instead or the closest names; a list cut by the default page says so; `named` matches a name,
an alias or an abbreviation as the lookups do; `responsibleMinistries` filters measures by the same
tracing as the field, and `responsibleForByBasis` counts what `responsibleFor` lists."""

from __future__ import annotations

import pytest

from api.graphql.executor import GraphQLExecutor
from api.graphql.spec import BASES

EX = GraphQLExecutor()


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def corpus(request):
    """The default corpus, loaded by the loaders, in the embedded store and in Neo4j."""
    if request.param == "embedded":
        yield request.getfixturevalue("corpus_store")
        return
    from api.loading import load_files
    store = request.getfixturevalue("neo4j_store")
    store.wipe()
    report = load_files(store, store.settings, [store.settings.corpus_dir])
    assert report.loaded and not report.failed, report.failed
    yield store
    store.wipe()


def ask(store, query: str, variables: dict | None = None):
    out = EX.execute(store, query, variables or {})
    assert "data" in out.body, out.body
    return out


def data(store, query: str, variables: dict | None = None) -> dict:
    out = ask(store, query, variables)
    assert "errors" not in out.body and "extensions" not in out.body, out.body
    return out.body["data"]


def notices(out, code: str) -> list[dict]:
    return [n for n in out.body.get("extensions", {}).get("notices", []) if n["code"] == code]


# -- names that match nothing -------------------------------------------------------------------------
def test_a_misspelt_name_is_an_error_with_the_closest_names(corpus):
    out = ask(corpus, '{ instrument(name: "SkateFUNN") { name } }')
    assert out.body["data"] == {"instrument": None}
    [e] = out.body["errors"]
    assert e["path"] == ["instrument"] and e["extensions"]["code"] == "NOT_FOUND"
    skattefunn = data(corpus, '{ instrument(name: "SkatteFUNN") { id } }')["instrument"]["id"]
    assert e["extensions"]["suggestions"][0] == {"kind": "Instrument", "name": "SkatteFUNN", "id": skattefunn,
                                                 "score": e["extensions"]["suggestions"][0]["score"]}
    assert "'SkateFUNN'" in e["message"] and "did you mean 'SkatteFUNN' (Instrument)" in e["message"]
    # the suggestion is a name the lookup finds
    assert data(corpus, '{ instrument(name: "SkatteFUNN") { name } }') == {"instrument": {"name": "SkatteFUNN"}}
    assert out.store_calls == 3  # the query, the check of the name, the names to compare it with


def test_a_search_that_finds_nothing_offers_the_closest_names(corpus):
    out = ask(corpus, '{ search(text: "SkateFUNN") { node { id } } }')
    assert out.body["data"] == {"search": []} and "errors" not in out.body
    [n] = notices(out, "NOT_FOUND")
    assert n["path"] == "search" and n["argument"] == "text" and n["name"] == "skatefunn"
    assert n["suggestions"][0]["name"] == "SkatteFUNN"
    assert "the search text matched nothing: nothing matches 'skatefunn'; did you mean 'SkatteFUNN'" in n["message"]
    # the suggestion's id opens its node, and searching its name finds it
    first = n["suggestions"][0]
    assert data(corpus, "query($id: ID!) { instrument(id: $id) { name } }", {"id": first["id"]}) == \
        {"instrument": {"name": "SkatteFUNN"}}
    assert first["id"] in [h["node"]["id"] for h in data(corpus, '{ search(text: "SkatteFUNN") { node { id } } }')["search"]]
    # a search with hits, or with nothing close, adds no suggestion of its own
    assert "extensions" not in ask(corpus, '{ search(text: "helsedata") { node { id } } }').body
    # a misspelt ministry filter is a notice naming the ministry it may mean, not a silent empty list
    out = ask(corpus, '{ search(text: "helsedata", ministry: "Helse- og omsorgsdepartementt") { node { id } } }')
    assert out.body["data"] == {"search": []}
    [n] = notices(out, "NOT_FOUND")
    assert n["argument"] == "ministry" and n["suggestions"][0]["name"] == "Helse- og omsorgsdepartementet"
    far = ask(corpus, '{ search(text: "xqzvwk") { node { id } } }')
    assert far.body["data"] == {"search": []}
    [n] = notices(far, "NOT_FOUND")
    assert n["suggestions"] == [] and "no name in the graph is close to it" in n["message"]


def test_a_name_of_another_kind_says_which_kind(corpus):
    out = ask(corpus, '{ instrument(name: "Investinor") { name } }')
    [e] = out.body["errors"]
    agency = data(corpus, '{ agency(name: "Investinor") { name } }')["agency"]["name"]
    assert e["extensions"]["matches"] == [{"kind": "Agency", "name": agency}]
    assert f"'Investinor' is an Agency ({agency})" in e["message"]
    assert out.store_calls == 2  # found as an agency: no names to compare with
    out = ask(corpus, '{ responsibility(measure: "NHO Helse") { basis } }')
    [e] = out.body["errors"]
    assert out.body["data"] == {"responsibility": []}
    assert e["extensions"]["matches"][0]["kind"] == "Organisation"
    assert e["message"].startswith("`responsibility`: no instrument, proposal or agency has")


def test_connection_names_the_unknown_end_and_tells_no_path_from_no_node(corpus):
    out = ask(corpus, '{ connection(from: "Legemiddelindustrien", to: "Forskningsraadet") { length } }')
    assert out.body["data"] == {"connection": []}
    [e] = out.body["errors"]
    assert e["extensions"]["argument"] == "to" and e["extensions"]["name"] == "Forskningsraadet"
    first = e["extensions"]["suggestions"][0]["name"]
    assert data(corpus, f'{{ agency(name: "{first}") {{ aliases }} }}')["agency"]  # Norges forskningsråd
    # two known names: paths, or a NO_PATH notice (never silence)
    for max_length in (1, 4):
        out = ask(corpus, f'{{ connection(from: "Legemiddelindustrien", to: "{first}", maxLength: {max_length}) '
                          '{ length } }')
        assert "errors" not in out.body
        assert bool(notices(out, "NO_PATH")) == (out.body["data"]["connection"] == [])
    assert notices(ask(corpus, f'{{ connection(from: "Legemiddelindustrien", to: "{first}", maxLength: 1) '
                               '{ length } }'), "NO_PATH")


def test_named_matches_a_name_an_alias_or_an_abbreviation_as_the_lookups_do(corpus):
    orgs = data(corpus, "{ organisations(limit: 1000) { id name aliases abbreviation } }")["organisations"]
    nho = next(o for o in orgs if o["name"] == "NHO Helse")
    assert "NHO Helse" not in nho["aliases"]  # the alias filter alone misses it
    assert data(corpus, '{ organisations(where: {aliases: {includes: "NHO Helse"}}) { name } }') == {"organisations": []}
    checked = 0
    for o in orgs:
        for form in {o["name"], o["name"].upper(), *o["aliases"], *([o["abbreviation"]] if o["abbreviation"] else [])}:
            listed = data(corpus, "query($n: String!) { organisations(where: {named: $n}) { id } "
                                  "organisation(name: $n) { id } }", {"n": form})
            assert o["id"] in [x["id"] for x in listed["organisations"]], form
            assert listed["organisation"]["id"] in [x["id"] for x in listed["organisations"]], form
            checked += 1
    assert checked > len(orgs)
    # a name no organisation has: a notice with the closest names
    out = ask(corpus, '{ organisations(where: {named: "NHO Helsa"}) { name } }')
    assert out.body["data"] == {"organisations": []} and "errors" not in out.body
    [n] = notices(out, "NOT_FOUND")
    assert n["path"] == "organisations" and n["argument"] == "named"
    assert {"kind": "Organisation", "name": "NHO Helse"} in [{k: s[k] for k in ("kind", "name")}
                                                            for s in n["suggestions"]]


# -- lists cut by the default page --------------------------------------------------------------------
def test_a_list_cut_by_the_default_page_says_so(corpus):
    total = data(corpus, "{ proposalsConnection(first: 1) { totalCount } }")["proposalsConnection"]["totalCount"]
    assert total > 100
    out = ask(corpus, "{ proposals { id } }")
    assert len(out.body["data"]["proposals"]) == 100
    [n] = notices(out, "PAGE_CUT")
    assert (n["path"], n["returned"], n["limit"]) == ("proposals", 100, 100) and "`limit`" in n["message"]
    assert not notices(ask(corpus, "{ proposals(limit: 1000) { id } }"), "PAGE_CUT")
    out = ask(corpus, "{ proposalsConnection { totalCount } }")
    [n] = notices(out, "PAGE_CUT")
    assert (n["path"], n["total"]) == ("proposalsConnection", total)
    # nested: the list and the connection of the organisation with the most proposals
    [top] = data(corpus, "{ proposalsGroupedBy(relation: proposedBy, limit: 1) { node { name } count } }")[
        "proposalsGroupedBy"]
    assert top["count"] > 100
    out = ask(corpus, 'query($n: String!) { organisation(name: $n) { proposes { id } proposesConnection { totalCount } '
                      'proposesCount } }', {"n": top["node"]["name"]})
    org = out.body["data"]["organisation"]
    cut = {n["path"]: n for n in notices(out, "PAGE_CUT")}
    assert set(cut) == {"organisation.proposes", "organisation.proposesConnection"}
    assert cut["organisation.proposes"]["total"] == org["proposesCount"] == org["proposesConnection"]["totalCount"]
    assert cut["organisation.proposes"]["returned"] == len(org["proposes"]) == 100
    # under a list of organisations: one notice for the path, how many of its lists were cut
    out = ask(corpus, "{ organisations(where: {proposes: {count: {gte: 1}}}) { proposes { id } } }")
    [n] = notices(out, "PAGE_CUT")
    assert n["path"] == "organisations.proposes" and n["total"] == top["count"]
    # below a connection's edges, and a ministry's responsibilities
    out = ask(corpus, "{ organisationsConnection(first: 100) { edges { node { proposes { id } } } } }")
    assert [n["path"] for n in notices(out, "PAGE_CUT")] == ["organisationsConnection.edges.node.proposes"]
    rows = len(data(corpus, '{ ministry(name: "NFD") { responsibleFor(limit: 1000) { basis } } }')["ministry"][
        "responsibleFor"])
    out = ask(corpus, '{ ministry(name: "NFD") { responsibleFor { basis } } }')
    assert [(n["path"], n["total"]) for n in notices(out, "PAGE_CUT")] == (
        [("ministry.responsibleFor", rows)] if rows > 100 else [])


# -- responsibility where analysts filter -------------------------------------------------------------
MINISTRIES = ("NFD", "HOD", "KD", "Finansdepartementet")


@pytest.mark.parametrize("basis", [None, ["OWNER"], ["ADDRESSEE", "ADMINISTERING_AGENCY"]])
def test_the_responsibility_filter_finds_what_the_ministry_answers_for(corpus, basis):
    for ministry in MINISTRIES:
        v = {"m": ministry, "b": basis}
        listed = data(corpus, "query($m: String!, $b: [ResponsibilityBasis!]) { ministry(name: $m) { "
                              "responsibleFor(limit: 1000, basis: $b) { measure { kind id } } } }", v)
        expected = {(r["measure"]["kind"], r["measure"]["id"]) for r in listed["ministry"]["responsibleFor"]}
        got = data(corpus, """query($m: String!, $b: [ResponsibilityBasis!]) {
            proposals(where: {responsibleMinistries: {name: $m, basis: $b}}, limit: 1000) { kind id }
            instruments(where: {responsibleMinistries: {name: $m, basis: $b}}, limit: 1000) { kind id }
            agencies(where: {responsibleMinistries: {name: $m, basis: $b}}, limit: 1000) { kind id } }""", v)
        assert {(x["kind"], x["id"]) for xs in got.values() for x in xs} == expected, (ministry, basis)
        # below another list, traced forward from each node: the same proposals
        nested = data(corpus, """query($m: String!, $b: [ResponsibilityBasis!]) {
            organisations(where: {proposes: {count: {gte: 1}}}, limit: 50) {
              proposes(where: {responsibleMinistries: {name: $m, basis: $b}}, limit: 500) { id } } }""", v)
        assert {("Proposal", p["id"]) for o in nested["organisations"] for p in o["proposes"]} <= expected
    assert any(data(corpus, '{ proposals(where: {responsibleMinistries: {name: "NFD"}}, limit: 1) { id } }').values())


def test_counts_by_basis_count_the_distinct_measures_listed(corpus):
    for ministry in MINISTRIES:
        d = data(corpus, """query($m: String!) { ministry(name: $m) {
            responsibleFor(limit: 1000) { basis measure { kind id } }
            all: responsibleForByBasis { basis count }
            proposals: responsibleForByBasis(kinds: [Proposal]) { basis count }
            owner: responsibleForByBasis(basis: [OWNER], kinds: [Instrument, Agency]) { basis count } } }""",
                 {"m": ministry})["ministry"]
        rows = d["responsibleFor"]

        def count(basis, kinds=None):
            return len({r["measure"]["id"] for r in rows
                        if r["basis"] == basis and (kinds is None or r["measure"]["kind"] in kinds)})
        assert d["all"] == [{"basis": b, "count": count(b)} for b in BASES]
        assert d["proposals"] == [{"basis": b, "count": count(b, {"Proposal"})} for b in BASES]
        assert d["owner"] == [{"basis": "OWNER", "count": count("OWNER", {"Instrument", "Agency"})}]
    assert sum(x["count"] for x in data(corpus, '{ ministry(name: "NFD") { responsibleForByBasis { count } } }')[
        "ministry"]["responsibleForByBasis"]) > 0


def test_every_list_of_nodes_has_a_connection_with_total_count_and_page_info():
    from graphql import GraphQLObjectType

    from api.graphql.schema import graphql_schema
    from api.graphql.spec import kinds
    schema = graphql_schema()
    connections = [t for name, t in schema.type_map.items() if name.endswith("Connection")
                   and isinstance(t, GraphQLObjectType)]
    assert connections and all({"totalCount", "pageInfo", "edges"} <= set(t.fields) for t in connections)
    for k in kinds().values():
        assert k.plural + "Connection" in schema.query_type.fields
        assert all(f.name + "Connection" in schema.type_map[k.label].fields for f in k.rel_fields)
