"""The RDF export of the default corpus (data/corpus, loaded through the real loaders): conforms
to the SHACL shapes, re-parses with pyoxigraph to the same statement counts, JSON-LD expands
with pyld, every IRI is valid, no personal data leaves."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from api.rdf.terms import is_valid_iri
from schema.privacy import EMAIL, PHONE
from tests.test_rdf_export import as_rdf11, data_only, export_bytes, open_graph, shacl, union


@pytest.fixture(scope="module")
def corpus_store(embedded_store, embedded_settings):
    from api.loading import load_files
    store = open_graph(embedded_settings, "rdf_corpus")
    report = load_files(store, store.settings, [store.settings.corpus_dir])
    assert report.loaded and not report.failed, report.failed
    yield store
    store.wipe()
    store.close()


@pytest.fixture(scope="module")
def corpus(corpus_store) -> dict[str, bytes]:
    out = {fmt: export_bytes(corpus_store, fmt) for fmt in ("nquads", "ntriples", "turtle", "jsonld", "trig")}
    out["nquads-rdf11"] = export_bytes(corpus_store, "nquads", reification="statements")
    return out


def test_full_corpus_export_conforms_to_the_shapes(corpus):
    conforms, report = shacl(union(corpus["nquads"]))
    assert conforms, report[:5000]


def test_full_corpus_export_conforms_under_rdfs_inference(corpus):
    """With the served ontology's and ORG's entailments (RDFS inference): 116 + 24 violations
    before issue 17's changes, none now."""
    conforms, report = shacl(union(corpus["nquads"]), entailed=True)
    assert conforms, report[:5000]


def test_corpus_export_with_people_conforms_too(corpus_store):
    conforms, report = shacl(union(export_bytes(corpus_store, "nquads", include_persons=True)))
    assert conforms, report[:5000]


def test_corpus_reparses_with_pyoxigraph_to_the_same_counts(corpus):
    nt = list(ox.parse(corpus["ntriples"], ox.RdfFormat.N_TRIPLES))
    nq = list(ox.parse(corpus["nquads"], ox.RdfFormat.N_QUADS))
    ttl = list(ox.parse(corpus["turtle"], ox.RdfFormat.TURTLE))
    trig = list(ox.parse(corpus["trig"], ox.RdfFormat.TRIG))
    assert len(nt) == corpus["ntriples"].count(b"\n") == len(ttl) == len({str(q.triple) for q in nq})
    assert len(nq) == corpus["nquads"].count(b"\n") == len(trig)
    assert len(nt) > 5000
    graphs = {q.graph_name.value for q in nq if isinstance(q.graph_name, ox.NamedNode)}
    assert sum(g.startswith("https://w3id.org/helsegraf/graph/document/") for g in graphs) == 5
    assert "https://w3id.org/helsegraf/graph/registry" in graphs


def test_corpus_jsonld_expands_with_pyld(corpus):
    from pyld import jsonld
    doc = json.loads(corpus["jsonld"])
    assert jsonld.expand(doc)
    assert len(list(ox.parse(corpus["jsonld"], ox.RdfFormat.JSON_LD))) == corpus["nquads-rdf11"].count(b"\n")


def test_corpus_rdf12_export_is_the_rdf11_one_with_triple_terms(corpus):
    """The default (RDF 1.2) export, each reifier mapped to an rdf:Statement by pyoxigraph, is the
    RDF 1.1 option's data; the 1.2 form is the leaner (one triple per statement instead of four)."""
    new = list(ox.parse(corpus["nquads"], ox.RdfFormat.N_QUADS))
    old = list(ox.parse(corpus["nquads-rdf11"], ox.RdfFormat.N_QUADS))
    reifiers = [q for q in new if isinstance(q.object, ox.Triple)]
    assert len(reifiers) > 1000 and all(q.predicate.value.endswith("#reifies") for q in reifiers)
    assert data_only(as_rdf11(new)) == data_only(old)
    assert len(data_only(old)) - len(data_only(new)) == 3 * len(reifiers)
    assert len(corpus["nquads"]) < len(corpus["nquads-rdf11"])


def test_corpus_iris_are_valid_and_personal_data_stays_out(corpus):
    text = corpus["nquads"].decode("utf-8")
    for q in ox.parse(corpus["nquads"], ox.RdfFormat.N_QUADS):
        for t in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(t, ox.NamedNode):
                assert is_valid_iri(t.value), t.value
    assert "/id/person/" not in text
    # free text (names, titles, quotes, proposals; identifiers and hashes are not free text)
    literals = [q.object.value for q in ox.parse(corpus["nquads"], ox.RdfFormat.N_QUADS)
                if isinstance(q.object, ox.Literal) and q.object.language]
    assert not [l for l in literals if EMAIL.search(l)]
    assert not [l for l in literals if PHONE.search(l)]


def test_rdf_responsibility_is_graphql_for_every_measure(corpus, corpus_store):
    """Issue 19: the export states responsibility from the declaration GraphQL uses
    (schema/responsibility.py): for every proposal, instrument and agency of the corpus, the same
    ministries on the same bases through the same nodes, with the same explanation, as GraphQL's
    `responsibleMinistries` answers; the plain hg:responsibleMinistry triples are those ministries."""
    from api.graphql import run_query
    from api.rdf.graph import DEFAULT_BASE_IRI
    from schema.rdf_mapping import HG, RDFS, resource_path

    iri = lambda kind, id_: DEFAULT_BASE_IRI + resource_path(kind, id_)  # noqa: E731
    fields = "id responsibleMinistries { ministry { id } basis explanation path { id kind } }"
    gql, plain_gql = set(), set()
    for kind, key in (("Proposal", "proposals"), ("Instrument", "instruments"), ("Agency", "agencies")):
        body = run_query(corpus_store, "{ %s(limit: 1000) { %s } }" % (key, fields))
        assert "errors" not in body, body["errors"]
        assert len(body["data"][key]) < 1000
        for m in body["data"][key]:
            for r in m["responsibleMinistries"]:
                vias = frozenset(iri(n["kind"], n["id"]) for n in r["path"][1:-1])
                gql.add((iri(kind, m["id"]), iri("Ministry", r["ministry"]["id"]), r["basis"].lower(), vias,
                         r["explanation"]))
                plain_gql.add((iri(kind, m["id"]), iri("Ministry", r["ministry"]["id"])))
    quads = list(ox.parse(corpus["nquads"], ox.RdfFormat.N_QUADS))
    by_node: dict[str, dict] = {}
    plain_rdf = set()
    for q in quads:
        s, p = q.subject.value if isinstance(q.subject, ox.NamedNode) else None, q.predicate.value
        if p == HG + "responsibleMinistry":
            plain_rdf.add((s, q.object.value))
        elif s and "#r-" in s and p in (HG + "measure", HG + "ministry", HG + "basis", HG + "via", RDFS + "comment"):
            by_node.setdefault(s, {}).setdefault(p, set()).add(q.object.value)
    rdf = {(next(iter(d[HG + "measure"])), next(iter(d[HG + "ministry"])), next(iter(d[HG + "basis"])),
            frozenset(d.get(HG + "via", ())), next(iter(d[RDFS + "comment"]))) for d in by_node.values()}
    proposals = {x for x in gql if "/id/proposal/" in x[0]}
    assert len(proposals) > 50 and {x[2] for x in proposals} >= {"named", "addressee", "owner"}
    assert rdf == gql, (sorted(rdf - gql)[:5], sorted(gql - rdf)[:5])
    assert plain_rdf == plain_gql
