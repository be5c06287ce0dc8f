"""HTTP: GET /rdf (content negotiation, ?format=, ?kind=, ?document=), GET /rdf/dataset,
GET /rdf/ontology, /rdf/shapes, and dereferencing GET /id/{kind}/{id} as Turtle, JSON-LD or HTML."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.rdf import mount
from schema.rdf_mapping import segment_id
from tests.test_rdf_export import BASE, DOC_A, TRICKY, export_bytes


@pytest.fixture(scope="module")
def client(rdf_store):  # noqa: F811
    app = FastAPI()
    mount(app, lambda: rdf_store, rdf_store.settings)
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("accept, media, ox_format", [
    (None, "text/turtle", ox.RdfFormat.TURTLE),
    ("*/*", "text/turtle", ox.RdfFormat.TURTLE),
    ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/n-quads", "application/n-quads", ox.RdfFormat.N_QUADS),
    ("application/trig", "application/trig", ox.RdfFormat.TRIG),
    ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("text/html;q=0.9, application/n-triples;q=0.5", "application/n-triples", ox.RdfFormat.N_TRIPLES),
])
def test_rdf_content_negotiation(client, accept, media, ox_format):
    headers = {"accept": accept} if accept else {}
    r = client.get("/rdf", headers=headers)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert r.headers["vary"] == "Accept"
    assert len(list(ox.parse(r.content, ox_format))) > 100


def test_rdf_format_parameter_and_errors(client, rdf_store):
    r = client.get("/rdf?format=ntriples", headers={"accept": "text/turtle"})
    assert r.headers["content-type"].startswith("application/n-triples")
    assert r.content == export_bytes(rdf_store, "ntriples")
    assert client.get("/rdf", headers={"accept": "image/png"}).status_code == 406
    assert client.get("/rdf?format=csv").status_code == 400
    assert client.get("/rdf?kind=nonsense").status_code == 400
    assert client.get("/rdf?document=doc-nope").status_code == 404
    assert client.get("/rdf?kind=person").status_code == 400  # people are not published over HTTP


def test_reification_parameter(client, rdf_store):
    """RDF 1.2 triple terms by default; ?reification=statements gives the RDF 1.1 form (its own ETag);
    JSON-LD cannot carry triple terms; a resource's description follows the same parameter."""
    default = client.get("/rdf?format=turtle")
    assert any(isinstance(q.object, ox.Triple) for q in ox.parse(default.content, ox.RdfFormat.TURTLE))
    old = client.get("/rdf?format=turtle&reification=statements")
    assert old.status_code == 200 and old.content == export_bytes(rdf_store, "turtle", reification="statements")
    assert not any(isinstance(q.object, ox.Triple) for q in ox.parse(old.content, ox.RdfFormat.TURTLE))
    assert old.headers["etag"] != default.headers["etag"]
    r = client.get("/rdf?format=jsonld&reification=triple-terms")
    assert r.status_code == 400 and "reification=statements" in r.text and r.text.count("\n") == 1
    assert client.get("/rdf?reification=star").status_code == 400
    path = f"/id/instrument/skattefunn"
    for mode, carries in (("", True), ("&reification=statements", False)):
        r = client.get(f"{path}?format=ntriples{mode}")
        assert r.status_code == 200
        assert any(isinstance(q.object, ox.Triple) for q in ox.parse(r.content, ox.RdfFormat.N_TRIPLES)) == carries
    assert client.get(f"{path}?format=jsonld&reification=triple-terms").status_code == 400


def test_html_page_shows_an_inferred_fact_s_path_in_order(client):
    """LMI proposes p-1 because it wrote the document: the page's statement row gives the document,
    then LMI; the steps are no rows of their own."""
    page = client.get("/id/organisation/legemiddelindustrien", headers={"accept": "text/html"}).text
    assert 'id="s-' in page and "-step-" not in page  # no row, anchor or link per step
    row = next(r for r in page.split("<tr ") if "hg:proposes" in r and "hg:inferenceStep" in r)
    path = row.split("hg:inferenceStep: ", 1)[1]
    assert path.index('href="/id/document/doc-') < path.index('href="/id/organisation/legemiddelindustrien"')


def test_rdf_kind_and_document_filters(client, rdf_store):
    r = client.get("/rdf?format=nquads&kind=Ministry")
    assert r.content == export_bytes(rdf_store, "nquads", kind="Ministry")
    r = client.get(f"/rdf?format=nquads&document={DOC_A}")
    assert r.content == export_bytes(rdf_store, "nquads", document=DOC_A)
    assert f"/graph/document/{DOC_A}>".encode() in r.content


def test_dataset_description(client):
    r = client.get("/rdf/dataset", headers={"accept": "application/ld+json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    doc = json.loads(r.content)
    from pyld import jsonld
    expanded = jsonld.expand(doc)
    ds = next(n for n in expanded if n.get("@id") == f"{BASE}/rdf/dataset")
    assert "http://www.w3.org/ns/dcat#Dataset" in ds["@type"]
    assert int(ds["http://rdfs.org/ns/void#triples"][0]["@value"]) > 100
    assert len(ds["http://www.w3.org/ns/dcat#distribution"]) == 6
    # IRIs under the persistent base; the files to fetch on the host the description was asked on
    downloads = [n["http://www.w3.org/ns/dcat#downloadURL"][0]["@id"] for n in expanded
                 if "http://www.w3.org/ns/dcat#downloadURL" in n]
    assert len(downloads) == 6 and all(u.startswith("http://testserver/rdf?format=") for u in downloads), downloads
    assert ds["@id"].startswith("https://w3id.org/helsegraf/")
    ttl = client.get("/rdf/dataset").content
    assert b"dcat:Dataset" in ttl and b"void:triples" in ttl
    assert client.get("/rdf/dataset").content == ttl  # cached, deterministic


def test_ontology_and_shapes_are_served(client):
    r = client.get("/rdf/ontology")
    assert r.status_code == 200 and b"owl:Ontology" in r.content
    r = client.get("/rdf/shapes", headers={"accept": "application/n-triples"})
    assert r.status_code == 200 and b"<http://www.w3.org/ns/shacl#NodeShape>" in r.content


@pytest.mark.parametrize("id_", TRICKY[1:])
def test_tricky_ids_dereference(client, id_):
    path = f"/id/organisation/{segment_id(id_)}"
    r = client.get(path, headers={"accept": "text/turtle"})
    assert r.status_code == 200, (path, r.text)
    triples = list(ox.parse(r.content, ox.RdfFormat.TURTLE))
    subject = f"{BASE}{path}"
    assert any(t.subject.value == subject and t.object.value == f"Org {id_}" for t in triples)


def test_resource_as_turtle_jsonld_and_html(client):
    path = f"/id/ministry/{segment_id(TRICKY[0])}"
    iri = BASE + path
    ttl = client.get(path, headers={"accept": "text/turtle"})
    assert ttl.status_code == 200 and ttl.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(ttl.content, ox.RdfFormat.TURTLE))
    assert any(t.subject.value == iri and t.predicate.value.endswith("#prefLabel") for t in triples)
    # incoming links: the instrument owned by the ministry, with its name
    assert any(t.object.value == iri and t.predicate.value.endswith("#ownedBy") for t in triples)
    js = client.get(path, headers={"accept": "application/ld+json"})
    assert js.headers["content-type"].startswith("application/ld+json")
    from pyld import jsonld
    expanded = jsonld.expand(json.loads(js.content))
    assert any(n.get("@id") == iri for g in expanded for n in g.get("@graph", [g]))
    html = client.get(path, headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html")
    assert "Nærings- og fiskeridepartementet" in html.text and "<table>" in html.text
    assert 'type="text/turtle" href="?format=turtle"' in html.text  # relative: right on any host
    # the dataset's own IRIs are linked by path (they resolve on this host), others as they are
    assert 'href="/id/instrument/' in html.text and f'href="{BASE}/' not in html.text
    assert client.get(path + "?format=ntriples").headers["content-type"].startswith("application/n-triples")


def test_a_resource_page_states_only_what_holds_today(client):
    """HOD owned SkatteFUNN until 2013: its page shows no current ownership; SkatteFUNN's page
    shows the period as a tenure with its dates."""
    hod = f"{BASE}/id/ministry/helse-og-omsorgsdepartementet"
    triples = list(ox.parse(client.get("/id/ministry/helse-og-omsorgsdepartementet").content, ox.RdfFormat.TURTLE))
    assert not any(t.object.value == hod and t.predicate.value.endswith("#ownedBy") for t in triples)
    sf = list(ox.parse(client.get("/id/instrument/skattefunn").content, ox.RdfFormat.TURTLE))
    tenure = {t.subject.value for t in sf if t.predicate.value.endswith("#organisation") and t.object.value == hod}
    assert len(tenure) == 1
    assert {t.object.value for t in sf if t.subject.value in tenure and t.predicate.value == "https://schema.org/endDate"} \
        == {"2013-12-31"}
    # and who answers for it today, and why
    nfd = f"{BASE}/id/ministry/{segment_id(TRICKY[0])}"
    assert {t.object.value for t in sf if t.predicate.value.endswith("#responsibleMinistry")} == {nfd}
    assert {t.object.value for t in sf if t.predicate.value.endswith("#basis")} == {"owner", "administering_agency"}


@pytest.mark.parametrize("path", [f"/graph/document/{DOC_A}", "/graph/registry", "/graph/entities",
                                  "/graph/responsibility"])
def test_named_graph_iris_dereference_to_their_description(client, path):
    r = client.get(path, headers={"accept": "application/n-triples"})
    assert r.status_code == 200, r.text
    triples = {(t.subject.value, t.predicate.value, t.object.value) for t in ox.parse(r.content, ox.RdfFormat.N_TRIPLES)}
    g = BASE + path
    assert (g, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://rdfs.org/ns/void#Dataset") in triples
    assert (BASE + "/rdf/dataset", "http://rdfs.org/ns/void#subset", g) in triples
    assert int(next(o for s, p, o in triples if s == g and p == "http://rdfs.org/ns/void#triples")) > 0
    if path.startswith("/graph/document/"):
        assert (g, "http://purl.org/dc/terms/source", f"{BASE}/id/document/{DOC_A}") in triples
    assert client.head(path).status_code == 200
    assert client.get("/graph/document/doc-nope").status_code == 404


def test_statement_iris_dereference_to_their_subject(client):
    r = client.get("/id/proposal/p-1", headers={"accept": "application/n-triples"})
    lines = r.text.splitlines()
    statement = next(l.split(" ")[0] for l in lines if "#s-" in l.split(" ")[0])
    assert statement.startswith(f"<{BASE}/id/proposal/p-1#s-")
    assert any(l.startswith(statement) and "#quote>" in l for l in lines)
    html = client.get("/id/proposal/p-1", headers={"accept": "text/html"}).text
    assert "Staten bør styrke SkatteFUNN for helsenæringen." in html


def test_unknown_resources_and_people_are_404(client):
    assert client.get("/id/ministry/nope").status_code == 404
    assert client.get("/id/nonsense/x").status_code == 404
    assert client.get("/id/person/kari-nordmann").status_code == 404
    assert client.get("/id/ministry/helse-og-omsorgsdepartementet", headers={"accept": "image/png"}).status_code == 406
    r = client.get("/id/organisation/legemiddelindustrien", headers={"accept": "application/n-triples"})
    assert r.status_code == 200 and "/id/person/" not in r.text and "Nordmann" not in r.text


def test_people_over_http_only_when_the_operator_allows(rdf_store):
    app = FastAPI()
    settings = rdf_store.settings.model_copy(update={"base_iri": "https://data.example.no",
                                                     "rdf_include_persons": True})
    mount(app, lambda: rdf_store, settings)
    with TestClient(app) as c:
        r = c.get("/id/person/kari-nordmann", headers={"accept": "application/n-triples"})
        assert r.status_code == 200
        assert "<https://data.example.no/id/person/kari-nordmann> <http://xmlns.com/foaf/0.1/name>" in r.text
        assert "@" not in r.text.replace("@nb", "").replace("@en", "")


# -- validators for polling clients: ETag, Last-Modified, conditional GET, HEAD -----------------

@pytest.mark.parametrize("path", ["/rdf?format=nquads", "/rdf?format=turtle", "/rdf/dataset", "/rdf/ontology",
                                  "/rdf/shapes", "/id/proposal/p-1"])
def test_rdf_resources_answer_conditional_requests(client, path):
    r = client.get(path)
    assert r.status_code == 200
    tag, modified = r.headers["etag"], r.headers["last-modified"]
    assert tag.startswith('"') and r.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert client.get(path, headers={"if-none-match": f'"other", W/{tag}'}).status_code == 304
    assert client.get(path, headers={"if-modified-since": modified}).status_code == 304
    assert client.get(path, headers={"if-none-match": '"stale"'}).status_code == 200
    head = client.head(path)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == tag and head.headers["content-type"] == r.headers["content-type"]


def test_representations_have_their_own_etag(client):
    tags = {client.get("/rdf", params={"format": f}).headers["etag"] for f in ("nquads", "turtle", "jsonld")}
    tags.add(client.get("/rdf", params={"format": "nquads", "kind": "Ministry"}).headers["etag"])
    assert len(tags) == 4
    assert client.head("/id/ministry/no-such-ministry").status_code == 404
    assert client.head("/rdf?format=csv").status_code == 400


def test_etag_changes_when_the_graph_changes(client, rdf_store):  # noqa: F811
    from tests.test_rdf_export import document_batch
    r = client.get("/rdf?format=nquads")
    tag = r.headers["etag"]
    rdf_store.write(document_batch("doc-etag", with_person=False))
    try:
        fresh = client.get("/rdf?format=nquads", headers={"if-none-match": tag})
        assert fresh.status_code == 200 and fresh.headers["etag"] != tag
        assert b"doc-etag" in fresh.content
    finally:
        rdf_store.retract("doc-etag")
    assert client.get("/rdf?format=nquads", headers={"if-none-match": tag}).status_code == 304
