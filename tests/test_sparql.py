"""The read-only SPARQL endpoint (/sparql) on the loaded corpus: the SPARQL 1.1 Protocol (GET,
POST form, POST application/sparql-query), result formats, refusals, limits, and answers that
agree with an independent SPARQL engine (pyoxigraph) run on the downloaded export."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.rdf import mount
from tests.test_rdf_export import export_bytes, open_graph

PREFIXES = """PREFIX hg: <https://w3id.org/helsegraf/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
PER_PREDICATE = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"


@pytest.fixture(scope="module")
def corpus_graph(embedded_settings):
    from api.loading import load_files
    store = open_graph(embedded_settings, "sparql_test")
    report = load_files(store, store.settings, [embedded_settings.corpus_dir])
    assert report.loaded and not report.failed, report.failed
    yield store
    store.wipe()
    store.close()


def make_client(store, **settings):
    app = FastAPI()
    mount(app, lambda: store, store.settings.model_copy(update=settings))
    return app, TestClient(app)


@pytest.fixture(scope="module")
def client(corpus_graph):
    app, c = make_client(corpus_graph)
    with c:
        yield c
    app.state.sparql.close()


@pytest.fixture(scope="module")
def independent(corpus_graph):
    """The downloaded export in pyoxigraph: what a partner would query offline."""
    store = ox.Store()
    store.load(export_bytes(corpus_graph, "nquads"), ox.RdfFormat.N_QUADS)
    return store


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.text
    data = response.json()
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def offline(store, query: str) -> list[dict]:
    res = store.query(query, use_default_graph_as_union=True)
    return [{v.value: sol[v].value for v in res.variables if sol[v] is not None} for sol in res]


def test_select_agrees_with_pyoxigraph_on_the_export(client, independent):
    got = rows(client.get("/sparql", params={"query": PER_PREDICATE}))
    assert got == offline(independent, PER_PREDICATE)
    assert len(got) > 20 and sum(int(r["n"]) for r in got) > 5000


@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_the_protocol_s_three_ways_to_send_a_query(client, how):
    q = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?m a hg:Ministry }"
    if how == "get":
        r = client.get("/sparql", params={"query": q})
    elif how == "form":
        r = client.post("/sparql", data={"query": q})
    else:
        r = client.post("/sparql", content=q.encode(), headers={"content-type": "application/sparql-query"})
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert int(rows(r)[0]["n"]) >= 10


def test_result_formats_by_accept_and_format(client):
    q = PREFIXES + "SELECT ?m WHERE { ?m a hg:Ministry } ORDER BY ?m LIMIT 3"
    as_json = [r["m"] for r in rows(client.get("/sparql", params={"query": q}))]
    r = client.get("/sparql", params={"query": q}, headers={"accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert [row["m"] for row in csv.DictReader(io.StringIO(r.text))] == as_json
    r = client.get("/sparql", params={"query": q, "format": "tsv"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    assert [line.strip("<>") for line in r.text.splitlines()[1:]] == as_json
    r = client.get("/sparql", params={"query": q}, headers={"accept": "application/sparql-results+xml"})
    parsed = ox.parse_query_results(r.content, ox.QueryResultsFormat.XML)
    assert [s["m"].value for s in parsed] == as_json
    r = client.get("/sparql", params={"query": q}, headers={"accept": "application/json"})
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    ask = client.get("/sparql", params={"query": PREFIXES + "ASK { ?m a hg:Ministry }"})
    assert ask.json() == {"head": {}, "boolean": True}


def test_construct_gives_rdf(client, independent):
    q = PREFIXES + "CONSTRUCT { ?m skos:prefLabel ?l } WHERE { ?m a hg:Ministry ; skos:prefLabel ?l }"
    r = client.get("/sparql", params={"query": q})
    assert r.headers["content-type"].startswith("text/turtle")
    got = {(t.subject.value, t.object.value) for t in ox.parse(r.content, ox.RdfFormat.TURTLE)}
    want = {(t.subject.value, t.object.value) for t in independent.query(q, use_default_graph_as_union=True)}
    assert got == want and got
    r = client.get("/sparql", params={"query": q, "format": "ntriples"})
    assert len(list(ox.parse(r.content, ox.RdfFormat.N_TRIPLES))) == len(got)
    r = client.get("/sparql", params={"query": q}, headers={"accept": "text/csv"})
    assert r.status_code == 406 and "text/turtle" in r.text


def test_named_graphs_are_the_documents(client):
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    graphs = [r["g"] for r in rows(client.get("/sparql", params={"query": q}))]
    assert len(graphs) >= 6  # five documents and the registry
    one = graphs[0]
    everything = rows(client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}))
    only = rows(client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                              "default-graph-uri": one}))
    assert 0 < int(only[0]["n"]) < int(everything[0]["n"])


@pytest.mark.parametrize("request_kw, status, message", [
    ({"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, 400, "read-only"),
    ({"params": {"query": "PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }"}}, 400, "read-only"),
    ({"params": {"update": "CLEAR ALL"}}, 400, "read-only"),
    ({"params": {"query": "SELECT ?s WHERE { ?s ?p }"}}, 400, "does not parse"),
    ({"params": {}}, 400, "missing query"),
    ({"params": {"query": "ASK {}", "format": "png"}}, 400, "unknown format"),
])
def test_refusals_are_one_clear_line(client, request_kw, status, message):
    r = client.get("/sparql", **request_kw)
    assert r.status_code == status
    assert message in r.text and r.text.count("\n") == 1


def test_post_of_another_media_type_is_refused(client):
    r = client.post("/sparql", content=b"{}", headers={"content-type": "application/json"})
    assert r.status_code == 415


def test_a_long_query_is_stopped_and_the_next_one_answers(corpus_graph):
    app, c = make_client(corpus_graph, sparql_timeout=1.0)
    with c:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        t0 = time.monotonic()
        r = c.get("/sparql", params={"query": slow})
        assert r.status_code == 503 and "longer than 1 s" in r.text
        assert time.monotonic() - t0 < 30
        started = app.state.sparql.restarts
        assert rows(c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}))
        assert app.state.sparql.restarts == started + 1
    app.state.sparql.close()


def test_a_large_result_is_refused(corpus_graph):
    app, c = make_client(corpus_graph, sparql_max_result_bytes=5000)
    with c:
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert r.status_code == 413 and "LIMIT" in r.text
        assert rows(c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"}))
    app.state.sparql.close()


def test_answers_follow_the_graph_after_a_load(corpus_graph, client, tmp_path):
    from api.loading import load_files
    q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = int(rows(client.get("/sparql", params={"query": q}))[0]["n"])
    doc = tmp_path / "ny-uttalelse.txt"
    doc.write_text("Innspill fra Testforeningen\n\nVi ber Helse- og omsorgsdepartementet styrke "
                   "SkatteFUNN for kliniske studier.\n", encoding="utf-8")
    report = load_files(corpus_graph, corpus_graph.settings, [doc])
    assert report.loaded, report.failed
    try:
        assert int(rows(client.get("/sparql", params={"query": q}))[0]["n"]) == before + 1
    finally:
        from api.loading import retract
        retract(corpus_graph, corpus_graph.settings, str(doc))
    assert int(rows(client.get("/sparql", params={"query": q}))[0]["n"]) == before


def readme_queries() -> list[str]:
    from pathlib import Path
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```sparql\n")[1:]]


def test_the_readme_s_example_queries_answer(corpus_graph, client, independent):
    """The README's partner queries, on the endpoint and on the downloaded export."""
    owner_today, owners, successions, per_proposer, provenance, responsibility = readme_queries()
    got = rows(client.get("/sparql", params={"query": owner_today}))
    assert got == offline(independent, owner_today) == [{"ministry": "Nærings- og fiskeridepartementet"}]

    got = rows(client.get("/sparql", params={"query": owners}))
    assert got == offline(independent, owners)
    periods = [(r["ministry"], r.get("from"), r.get("until")) for r in got]
    assert periods == [("Nærings- og handelsdepartementet", "2008-01-01", "2013-12-31"),
                       ("Nærings- og fiskeridepartementet", "2014-01-01", None)]
    assert all(r["source"].startswith("https://") for r in got)

    got = rows(client.get("/sparql", params={"query": successions}))
    assert got == offline(independent, successions)
    assert [(r["ministry"], r["predecessor"], r["day"], r["change"]) for r in got] == [
        ("Helse- og omsorgsdepartementet", "Helsedepartementet", "2004-10-01", "renamed"),
        ("Helse- og omsorgsdepartementet", "Sosialdepartementet", "2004-10-01", "reorganised"),
        ("Nærings- og fiskeridepartementet", "Fiskeri- og kystdepartementet", "2014-01-01", "merged"),
        ("Nærings- og fiskeridepartementet", "Nærings- og handelsdepartementet", "2014-01-01", "merged")]

    got = rows(client.get("/sparql", params={"query": per_proposer}))
    assert got == offline(independent, per_proposer)
    assert {r["proposer"] for r in got} >= {"Legemiddelindustrien", "NHO Helse"}
    assert all(int(r["proposals"]) > 0 for r in got)

    got = rows(client.get("/sparql", params={"query": provenance}))
    assert got == offline(independent, provenance) and got
    corpus = Path(__file__).resolve().parents[1] / "data" / "corpus"
    for r in got:
        text = (corpus / r["file"]).read_bytes().decode("utf-8")
        assert text[int(r["start"]):int(r["end"])].lower() == "skattefunn", r
        assert text[int(r["from"]):int(r["to"])] == r["exact"] and int(r["from"]) <= int(r["start"]), r

    got = rows(client.get("/sparql", params={"query": responsibility}))
    assert got == offline(independent, responsibility)
    # the same ministries and bases as GraphQL's `responsibility`
    from api.graphql import run_query
    body = run_query(corpus_graph, "{ responsibility(measure: \"SkatteFUNN\") { ministry { name } basis } }")
    want = {(r["ministry"]["name"], r["basis"].lower()) for r in body["data"]["responsibility"]}
    assert want and {(r["ministry"], r["basis"]) for r in got} == want
    assert any(r["basis"] == "administering_agency" and r.get("via") == "Norges forskningsråd" for r in got)


def test_identity_claims_on_the_corpus(independent):
    """No owl:sameAs leaves Wikidata; organisation numbers are identifiers with the register's page."""
    q = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
    ASK { ?s owl:sameAs ?o FILTER(!STRSTARTS(STR(?o), "http://www.wikidata.org/entity/Q")) }"""
    assert not bool(independent.query(q, use_default_graph_as_union=True))
    q = """PREFIX hg: <https://w3id.org/helsegraf/ns#>
    PREFIX schema: <https://schema.org/>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?s ?nr ?page WHERE { ?s hg:orgNumber ?nr ; schema:identifier ?nr ; rdfs:seeAlso ?page }"""
    got = offline(independent, q)
    assert len(got) >= 10
    assert all(r["page"] == "https://data.brreg.no/enhetsregisteret/oppslag/enheter/" + r["nr"] for r in got)


PASSAGES = """PREFIX hg: <https://w3id.org/helsegraf/ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?passage ?file ?sha ?start ?end ?exact WHERE {
  ?passage a oa:SpecificResource ; oa:hasSource ?doc ; oa:hasSelector ?position .
  ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?doc hg:fileName ?file ; hg:sha256 ?sha .
  OPTIONAL { ?passage oa:hasSelector ?quote . ?quote a oa:TextQuoteSelector ; oa:exact ?exact }
} ORDER BY ?file ?start ?end"""


def test_every_quote_selector_is_verbatim_at_its_position_in_the_file(client, independent):
    """A partner's check of the provenance: each quoted passage's oa:exact is the source file's text at
    its oa:TextPositionSelector offsets (the file's bytes match hg:sha256; a UTF-8 .txt file is read as
    it is, line ends kept), on the endpoint and on the downloaded export."""
    import hashlib
    got = rows(client.get("/sparql", params={"query": PASSAGES}))
    assert got == offline(independent, PASSAGES)
    assert len(got) > 100
    corpus = Path(__file__).resolve().parents[1] / "data" / "corpus"
    texts = {}
    for r in got:
        if r["file"] not in texts:
            data = (corpus / r["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == r["sha"]
            texts[r["file"]] = data.decode("utf-8")
        assert "exact" in r, r  # no passage of the corpus has contact details, control characters or people
        assert texts[r["file"]][int(r["start"]):int(r["end"])] == r["exact"], r
    # hg:quote stays the normalised text (ligatures restored, hyphens joined): not all of it is in the file
    quotes = offline(independent, """PREFIX hg: <https://w3id.org/helsegraf/ns#>
        SELECT ?quote ?file WHERE { ?st hg:quote ?quote ; hg:passage/<http://www.w3.org/ns/oa#hasSource> ?doc .
                                    ?doc hg:fileName ?file }""")
    assert any(" ".join(r["quote"].split()).rstrip("…") not in " ".join(texts[r["file"]].split()) for r in quotes)


def test_statements_share_their_passages(independent):
    """One passage per document and span, however many statements quote it; every statement with a
    quote points at exactly one."""
    q = """PREFIX hg: <https://w3id.org/helsegraf/ns#>
    SELECT (COUNT(?st) AS ?statements) (COUNT(DISTINCT ?p) AS ?passages) WHERE { ?st hg:passage ?p }"""
    counts = offline(independent, q)[0]
    assert int(counts["statements"]) > 1.5 * int(counts["passages"]) > 100
    q = """PREFIX hg: <https://w3id.org/helsegraf/ns#>
    SELECT ?st (COUNT(?p) AS ?n) WHERE { ?st hg:quote ?q OPTIONAL { ?st hg:passage ?p } } GROUP BY ?st HAVING (?n != 1)"""
    assert offline(independent, q) == []


def test_a_succession_chain_is_one_property_path(independent):
    """A partner follows the successions back: HOD's line to 2002 (Helsedepartementet, and before it
    the split Sosial- og helsedepartementet), with no project code."""
    q = """PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT DISTINCT ?earlier WHERE {
      ?hod skos:altLabel "HOD"@nb ; dcterms:replaces+ ?e . ?e skos:prefLabel ?earlier FILTER(lang(?earlier) = "nb")
    } ORDER BY ?earlier"""
    assert [r["earlier"] for r in offline(independent, q)] == [
        "Helsedepartementet", "Sosial- og helsedepartementet", "Sosialdepartementet"]
    q = """PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?now WHERE { ?m skos:prefLabel "Sosial- og helsedepartementet"@nb ; dcterms:isReplacedBy+ ?n .
                        ?n skos:prefLabel ?now FILTER(lang(?now) = "nb") FILTER NOT EXISTS { ?n dcterms:isReplacedBy ?x } }"""
    assert {r["now"] for r in offline(independent, q)} == {"Helse- og omsorgsdepartementet"}
