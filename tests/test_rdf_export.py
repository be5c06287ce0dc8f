"""RDF export (issue 5) on a GraphBatch graph that exercises every kind, relationship type,
tricky ids and personal data: formats, independent re-parsing (pyoxigraph, pyld), IRIs,
vocabularies, provenance, SHACL, dataset description, streaming, determinism, privacy."""

from __future__ import annotations

import io
import json
import re

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF as RDFNS

from api.rdf import RdfExportError, export, queries
from api.rdf.export import make_exporter, stream_bytes, stream_lines
from api.rdf.formats import FORMATS
from api.rdf.terms import is_valid_iri, scrub
from schema.batch import GraphBatch
from schema.model import LABELS, REL_TYPE_NAMES
from schema.privacy import EMAIL
from schema.rdf_mapping import (DCAT, DCTERMS, FOAF, HG, ORG, PROV, SCHEMA, SHAPES_PATH, SKOS, VOID,
                                WIKIDATA, segment_id)

BASE = "https://w3id.org/helsegraf"  # the default base (graph.settings.Settings.base_iri)
DOC_A, DOC_B = "doc-a", "doc-b"
# Ids no IRI may break on: Norwegian letters, spaces, quotes, slashes, dot-segments, percent, emoji.
TRICKY = ["Nærings- og fiskeridepartementet", "with space", "quo\"te's", "slash/and\\back", "..", "100%",
          "🧬<>{}|^`#?"]
PERSON = "Kari Nordmann"
CONTACT = f"{PERSON}, Fagsjef, mob: 912 34 567, kari.nordmann@lmi.no, tlf 22249090"
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
              "trig": ox.RdfFormat.TRIG, "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}


def registry_batch() -> GraphBatch:
    b = GraphBatch(document="registry")
    reg = dict(verified=True, method="registry", confidence=1.0)
    b.node("Ministry", "helse-og-omsorgsdepartementet", name="Helse- og omsorgsdepartementet",
           nameEn="Ministry of Health and Care Services", abbreviation="HOD", aliases=["HOD", "Helsedepartementet"],
           wikidata="Q1754414", orgNumber="983887406", sourceUrl="https://www.regjeringen.no/no/dep/hod/id421/", **reg)
    b.node("Ministry", TRICKY[0], name=TRICKY[0], nameEn="Ministry of Trade, Industry and Fisheries",
           wikidata="Q11988546", sourceUrl="https://example.org/a b/ø?x=<1>&y=\"2\"", **reg)
    b.node("Agency", "forskningsradet", name="Norges forskningsråd", nameEn="Research Council of Norway",
           orgNumber="919809624", wikidata="Q7055338", uncertain="nothing", **reg)
    b.node("Instrument", "skattefunn", name="SkatteFUNN", aliases=["Skattefunn"], **reg)
    b.node("Country", "finland", name="Finland", nameEn="Finland", iso="FI", wikidata="Q33", **reg)
    b.node("InternationalExample", "finngen", name="FinnGen", **reg)
    b.node("PolicyDocument", "helsenaeringsmeldingen", name="Helsenæringsmeldingen", **reg)
    b.node("Organisation", "legemiddelindustrien", name="Legemiddelindustrien", aliases=["LMI"],
           orgNumber="970929614", **reg)
    ev = dict(method="registry", confidence=1.0, sourceUrl="https://www.regjeringen.no/x")
    b.rel("OWNED_BY", ("Instrument", "skattefunn"), ("Ministry", TRICKY[0]), "registry", validFrom="2014-01-01",
          validTo="2030", **ev)
    # a fact that no longer holds: SkatteFUNN under HOD until 2013 (a year as the end)
    b.rel("OWNED_BY", ("Instrument", "skattefunn"), ("Ministry", "helse-og-omsorgsdepartementet"), "registry",
          validFrom="2002-03", validTo="2013", **ev)
    b.rel("ADMINISTERED_BY", ("Instrument", "skattefunn"), ("Agency", "forskningsradet"), "registry", **ev)
    b.rel("OWNED_BY", ("Agency", "forskningsradet"), ("Ministry", TRICKY[0]), "registry", validFrom="2014-01", **ev)
    b.rel("PART_OF", ("Agency", "forskningsradet"), ("Ministry", TRICKY[0]), "registry", **ev)
    b.rel("LOCATED_IN", ("InternationalExample", "finngen"), ("Country", "finland"), "registry", **ev)
    # a merger: two earlier ministries replaced by one on the same day
    for former in ("naerings-og-handelsdepartementet", "fiskeri-og-kystdepartementet"):
        b.node("Ministry", former, name=former.replace("-", " ").capitalize(), **reg)
        b.rel("REPLACES", ("Ministry", TRICKY[0]), ("Ministry", former), "registry", date="2014-01-01",
              change="merged", **ev)
    return b


def document_batch(doc: str, *, with_person: bool = True) -> GraphBatch:
    b = GraphBatch(document=doc)
    d = ("Document", doc)
    b.node("Document", doc, name=f"Innspill {doc}", title=f"Innspill til helsenæringsmeldingen ({doc})",
           date="2023-05-01" if doc == DOC_A else "2024", year=2023, docType="consultation_input",
           sourceUrl="https://example.org/innspill.pdf", path=f"{doc}.txt", sha256="ab12345678" + "0" * 54,
           text="Hele teksten med kari.nordmann@lmi.no og 912 34 567", method="manifest", confidence=1.0)
    b.node("Theme", "helsedata", name="Helsedata", method="pattern", confidence=0.8)
    b.node("Proposal", "p-1", name="Staten bør styrke SkatteFUNN", text="Staten bør styrke SkatteFUNN for helsenæringen.",
           section="Virkemidler", modality="bør", method="pattern", confidence=0.9)
    for i, tricky in enumerate(TRICKY[1:]):
        b.node("Organisation", tricky, name=f"Org {tricky}", method="pattern", confidence=0.5, verified=False)
        b.rel("MENTIONED_IN", ("Organisation", tricky), d, doc, quote=f"Org {tricky} nevnt\x0b her.", start=i, end=i + 3,
              method="pattern", confidence=0.5)
    ev = dict(method="pattern", confidence=0.9)
    span = dict(start=100, end=150, page=2)
    lmi = ("Organisation", "legemiddelindustrien")
    p = ("Proposal", "p-1")
    b.rel("MENTIONED_IN", ("Instrument", "skattefunn"), d, doc, quote="SkatteFUNN må styrkes.", start=10, end=20,
          page=1, **ev)
    b.rel("MENTIONED_IN", lmi, d, doc, quote=f"Kontakt: {CONTACT}", start=900, end=920, **ev)
    b.rel("EXTRACTED_FROM", p, d, doc, quote="Staten bør styrke SkatteFUNN for helsenæringen.", **span, **ev)
    b.rel("AUTHORED_BY", d, lmi, doc, method="manifest", confidence=1.0)
    b.rel("ADDRESSED_TO", d, ("Ministry", "helse-og-omsorgsdepartementet"), doc, method="manifest", confidence=1.0,
          basis="addressee")
    b.rel("ADDRESSED_TO", p, ("Ministry", TRICKY[0]), doc, basis="named", quote="… SkatteFUNN …", **span, **ev)
    b.rel("PROPOSES", lmi, p, doc, method="inferred", confidence=0.7, path=[doc, "legemiddelindustrien"],
          quote="Staten bør styrke SkatteFUNN for helsenæringen.", **span)
    b.rel("MENTIONS", p, ("Instrument", "skattefunn"), doc, quote="SkatteFUNN", start=120, end=130, **ev)
    b.rel("HAS_THEME", d, ("Theme", "helsedata"), doc, **ev)
    b.rel("HAS_THEME", p, ("Theme", "helsedata"), doc, **ev)
    b.rel("CITES", d, ("PolicyDocument", "helsenaeringsmeldingen"), doc, quote="Helsenæringsmeldingen", **ev)
    b.rel("CITES", p, ("PolicyDocument", "helsenaeringsmeldingen"), doc, **ev)
    b.rel("LOCATED_IN", ("InternationalExample", "finngen"), ("Country", "finland"), doc, quote="FinnGen i Finland",
          **ev)
    if doc == DOC_B:  # a proposal of the later document asking for the same as p-1 (held by it, both ways)
        q = ("Proposal", "p-2")
        b.node("Proposal", "p-2", name="SkatteFUNN må styrkes", text="SkatteFUNN må styrkes for helsenæringen.",
               modality="må", method="pattern", confidence=0.9)
        b.rel("EXTRACTED_FROM", q, d, doc, quote="SkatteFUNN må styrkes for helsenæringen.", **span, **ev)
        for a, z in ((q, p), (p, q)):
            b.rel("SIMILAR_TO", a, z, doc, quote="SkatteFUNN må styrkes for helsenæringen.", method="inferred",
                  confidence=0.62, score=0.62, matched=["skattefunn", "helsenæringen"], path=[doc, DOC_A], **span)
    if with_person:
        person = ("Person", "kari-nordmann")
        b.node("Person", "kari-nordmann", name=PERSON, role="Fagsjef", aliases=["K. Nordmann"], verified=False,
               method="pattern", confidence=0.8)
        b.rel("AFFILIATED_WITH", person, lmi, doc, role="Fagsjef", quote=CONTACT, start=900, end=920, **ev)
        b.rel("MENTIONED_IN", person, d, doc, quote=CONTACT, start=900, end=920, **ev)
        b.rel("AUTHORED_BY", d, person, doc, method="manifest", confidence=1.0)
        b.rel("PROPOSES", person, p, doc, method="inferred", confidence=0.5, **span)
        b.rel("MENTIONS", p, person, doc, quote=CONTACT, **ev)
    return b


def batches() -> list[GraphBatch]:
    return [registry_batch(), document_batch(DOC_A), document_batch(DOC_B, with_person=False)]


def open_graph(settings, name: str):
    from graph.falkordb_store import FalkorDBStore
    store = FalkorDBStore(settings.model_copy(update={"graph_name": name}))
    store.setup()
    store.wipe()
    return store


def export_bytes(store, fmt: str = "nquads", **kw) -> bytes:
    out = io.BytesIO()
    export(store, out, fmt, **kw)
    return out.getvalue()


@pytest.fixture(scope="module")
def outputs(rdf_store) -> dict[str, bytes]:
    return {fmt: export_bytes(rdf_store, fmt) for fmt in FORMATS}


def ox_parse(data: bytes, fmt: str) -> list:
    return list(ox.parse(data, OX_FORMATS[fmt]))


RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def as_rdf11(quads) -> list:
    """pyoxigraph quads with each RDF 1.2 reifier (``?r rdf:reifies <<( s p o )>>``) written as RDF
    1.1 reification (``?r a rdf:Statement ; rdf:subject s ; rdf:predicate p ; rdf:object o``), as
    an RDF 1.1-only consumer would map it (rdflib and pyshacl read no triple terms)."""
    out = []
    for q in quads:
        if q.predicate.value == RDF_NS + "reifies" and isinstance(q.object, ox.Triple):
            t, g = q.object, q.graph_name
            out += [ox.Quad(q.subject, ox.NamedNode(RDF_NS + "type"), ox.NamedNode(RDF_NS + "Statement"), g),
                    ox.Quad(q.subject, ox.NamedNode(RDF_NS + "subject"), t.subject, g),
                    ox.Quad(q.subject, ox.NamedNode(RDF_NS + "predicate"), t.predicate, g),
                    ox.Quad(q.subject, ox.NamedNode(RDF_NS + "object"), t.object, g)]
        else:
            out.append(q)
    return out


def union(nquads: bytes) -> rdflib.Graph:
    """The union of the named graphs in rdflib, RDF 1.2 reifiers mapped to RDF 1.1 (`as_rdf11`)."""
    g = rdflib.Graph()
    for q in as_rdf11(ox.parse(nquads, ox.RdfFormat.N_QUADS)):
        g.add((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)))
    return g


def _rdflib(t):
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    if t.language or t.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(t.value, lang=t.language)
    return Literal(t.value, datatype=URIRef(t.datatype.value))


def shacl(graph: rdflib.Graph, *, entailed: bool = False) -> tuple[bool, str]:
    """pyshacl on the graph as is, or (entailed) with RDFS inference over the served ontology plus
    W3C ORG's axiom org:FormalOrganization rdfs:subClassOf org:Organization."""
    import pyshacl
    shapes = rdflib.Graph().parse(SHAPES_PATH)
    if not entailed:
        conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none", advanced=True)
        return conforms, text
    from schema.rdf_mapping import ONTOLOGY_PATH
    ont = rdflib.Graph().parse(ONTOLOGY_PATH)
    ont.add((URIRef(ORG + "FormalOrganization"), rdflib.RDFS.subClassOf, URIRef(ORG + "Organization")))
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ont, inference="rdfs", advanced=True)
    return conforms, text


def iri(label_segment: str, id_: str) -> URIRef:
    return URIRef(f"{BASE}/id/{label_segment}/{segment_id(id_)}")


# -- formats and independent checks ---------------------------------------------------------------
def test_every_format_reparses_with_pyoxigraph_to_the_same_statements(outputs):
    """The formats that carry RDF 1.2 triple terms (the default) agree exactly; JSON-LD, which has
    none, is the same data in RDF 1.1 reification."""
    nt_lines = outputs["ntriples"].decode().splitlines()
    nq_lines = outputs["nquads"].decode().splitlines()
    assert len(nt_lines) == len(set(nt_lines)) and len(nq_lines) == len(set(nq_lines))
    triples = {str(q.triple) for q in ox_parse(outputs["ntriples"], "ntriples")}
    assert len(ox_parse(outputs["ntriples"], "ntriples")) == len(nt_lines) == len(triples)
    quads = ox_parse(outputs["nquads"], "nquads")
    assert len(quads) == len(nq_lines) == len({str(q) for q in quads})
    assert any(isinstance(q.object, ox.Triple) for q in quads)  # RDF 1.2 by default
    # the union of the named graphs is the N-Triples graph
    assert {str(q.triple) for q in quads} == triples
    for fmt in ("turtle", "rdfxml"):
        assert {str(q.triple) for q in ox_parse(outputs[fmt], fmt)} == triples, fmt
    assert len(ox_parse(outputs["turtle"], "turtle")) == len(triples)
    assert {str(q) for q in ox_parse(outputs["trig"], "trig")} == {str(q) for q in quads}
    assert data_only(ox_parse(outputs["jsonld"], "jsonld")) == data_only(as_rdf11(quads))


def data_only(quads) -> set[str]:
    """The quads (or triples) as strings without the dataset's statistics (VoID counts differ with
    the form: four triples per statement in RDF 1.1, one in RDF 1.2)."""
    stats = (f"<{BASE}/rdf/dataset#class-", f"<{BASE}/rdf/dataset#property-")
    return {str(q) for q in quads if not str(q).startswith(stats) and " <http://rdfs.org/ns/void#" not in str(q)}


def test_the_rdf_1_1_option_is_the_same_data_and_rdflib_reads_it(rdf_store, outputs):
    """reification=statements: every format is the default export with each reifier written as an
    rdf:Statement (mapped here by pyoxigraph, not the project's code), and rdflib reads it."""
    old = {fmt: export_bytes(rdf_store, fmt, reification="statements") for fmt in FORMATS}
    quads = data_only(as_rdf11(ox_parse(outputs["nquads"], "nquads")))
    assert data_only(ox_parse(old["nquads"], "nquads")) == quads and len(quads) > 500
    assert not any(isinstance(q.object, ox.Triple) for q in ox_parse(old["nquads"], "nquads"))
    assert {str(q) for q in ox_parse(old["trig"], "trig")} == {str(q) for q in ox_parse(old["nquads"], "nquads")}
    assert data_only(ox_parse(old["jsonld"], "jsonld")) == quads
    triples = data_only(q.triple for q in as_rdf11(ox_parse(outputs["nquads"], "nquads")))
    for fmt in ("ntriples", "turtle", "rdfxml"):
        assert data_only(q.triple for q in ox_parse(old[fmt], fmt)) == triples, fmt
    assert len(rdflib.Graph().parse(data=old["turtle"], format="turtle")) == len(ox_parse(old["ntriples"], "ntriples"))
    assert old["jsonld"] == outputs["jsonld"]  # JSON-LD is always RDF 1.1


def test_reification_choices_and_refusals(rdf_store):
    settings = rdf_store.settings.model_copy(update={"rdf_reification": "statements"})
    assert b"rdf-syntax-ns#reifies" not in export_bytes(rdf_store, "ntriples", settings=settings)
    assert b"rdf-syntax-ns#reifies" in export_bytes(rdf_store, "ntriples", settings=settings,
                                                     reification="triple-terms")
    with pytest.raises(RdfExportError, match="JSON-LD cannot carry RDF 1.2 triple terms"):
        export_bytes(rdf_store, "jsonld", reification="triple-terms")
    with pytest.raises(RdfExportError, match="unknown reification 'rdf-star'"):
        export_bytes(rdf_store, "turtle", reification="rdf-star")


def test_jsonld_expands_with_pyld(rdf_store, outputs):
    from pyld import jsonld
    doc = json.loads(outputs["jsonld"])
    expanded = jsonld.expand(doc)
    assert expanded
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert len(set(nquads.splitlines())) == len(ox_parse(export_bytes(rdf_store, reification="statements"), "nquads"))


def test_every_iri_is_valid(outputs):
    iris = set()
    for q in ox_parse(outputs["nquads"], "nquads"):
        for t in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(t, ox.NamedNode):
                iris.add(t.value)
            elif isinstance(t, ox.Literal) and t.datatype is not None:
                iris.add(t.datatype.value)
            assert not isinstance(t, ox.BlankNode), "the export has no blank nodes"
    bad = sorted(i for i in iris if not is_valid_iri(i))
    assert not bad
    ours = {i for i in iris if i.startswith(BASE)}
    # the dataset's IRIs, and the ontology's and shapes' own (the default base is their namespace's)
    assert all(re.match(re.escape(BASE) + r"/(id/|graph/|rdf(/|\?|$)|ns(#|$)|shapes#)", i) for i in ours), ours
    # the tricky ids survive as single path segments, percent-encoded
    for t in TRICKY[1:]:
        assert str(iri("organisation", t)) in iris
    assert f"{BASE}/id/organisation/%2E%2E" in iris
    assert f"{BASE}/id/organisation/slash%2Fand%5Cback" in iris
    assert f"{BASE}/id/ministry/N%C3%A6rings-%20og%20fiskeridepartementet" in iris
    # a URL with spaces, quotes and angle brackets from data is made a valid IRI
    assert "https://example.org/a%20b/%C3%B8?x=%3C1%3E&y=%222%22" in iris


def test_unknown_format_kind_or_document_is_an_error(rdf_store):
    with pytest.raises(RdfExportError, match="unknown format"):
        export_bytes(rdf_store, "csv")
    with pytest.raises(RdfExportError, match="unknown kind"):
        export_bytes(rdf_store, "turtle", kind="Nonsense")
    with pytest.raises(RdfExportError, match="no document"):
        export_bytes(rdf_store, "turtle", document="doc-nope")
    with pytest.raises(RdfExportError, match="include-persons"):
        export_bytes(rdf_store, "turtle", kind="Person")


# -- vocabularies ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def graph(outputs) -> rdflib.Graph:
    return union(outputs["nquads"])


def test_standard_vocabularies_and_labels(graph):
    hod = iri("ministry", "helse-og-omsorgsdepartementet")
    assert (hod, RDFNS.type, URIRef(HG + "Ministry")) in graph
    assert (hod, RDFNS.type, URIRef(ORG + "FormalOrganization")) in graph
    assert (hod, RDFNS.type, URIRef(SCHEMA + "GovernmentOrganization")) in graph
    assert (hod, URIRef(SKOS + "prefLabel"), Literal("Helse- og omsorgsdepartementet", lang="nb")) in graph
    assert (hod, URIRef(SKOS + "prefLabel"), Literal("Ministry of Health and Care Services", lang="en")) in graph
    assert (hod, URIRef(SKOS + "altLabel"), Literal("HOD", lang="nb")) in graph
    lmi = iri("organisation", "legemiddelindustrien")
    assert (lmi, RDFNS.type, URIRef(ORG + "Organization")) in graph
    rcn = iri("agency", "forskningsradet")
    assert (rcn, URIRef(ORG + "subOrganizationOf"), iri("ministry", TRICKY[0])) in graph
    assert (iri("theme", "helsedata"), RDFNS.type, URIRef(SKOS + "Concept")) in graph
    assert (iri("theme", "helsedata"), URIRef(SKOS + "inScheme"), URIRef(f"{BASE}/rdf/dataset#themes")) in graph
    doc = iri("document", DOC_A)
    assert (doc, RDFNS.type, URIRef(FOAF + "Document")) in graph
    assert (doc, URIRef(DCTERMS + "title"), Literal(f"Innspill til helsenæringsmeldingen ({DOC_A})", lang="nb")) in graph
    assert (doc, URIRef(DCTERMS + "creator"), lmi) in graph
    assert (doc, URIRef(DCTERMS + "date"), Literal("2023-05-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))) in graph
    assert (doc, URIRef(DCTERMS + "source"), URIRef("https://example.org/innspill.pdf")) in graph
    p = iri("proposal", "p-1")
    # documents mention entities (schema:mentions, as proposals do); no dcterms:isReferencedBy
    assert (doc, URIRef(SCHEMA + "mentions"), iri("instrument", "skattefunn")) in graph
    assert (None, URIRef(DCTERMS + "isReferencedBy"), None) not in graph
    # a proposal is attributed to its proposer with the standard term too
    assert (lmi, URIRef(HG + "proposes"), p) in graph and (p, URIRef(PROV + "wasAttributedTo"), lmi) in graph
    assert (p, URIRef(HG + "addressedTo"), iri("ministry", TRICKY[0])) in graph
    assert (p, URIRef(PROV + "wasDerivedFrom"), doc) in graph
    assert (iri("instrument", "skattefunn"), URIRef(HG + "administeredBy"), rcn) in graph
    assert (iri("instrument", "skattefunn"), URIRef(HG + "ownedBy"), iri("ministry", TRICKY[0])) in graph
    # the full text of a document is not republished
    assert not list(graph.triples((doc, None, Literal("Hele teksten med kari.nordmann@lmi.no og 912 34 567"))))
    # every relationship type of the model appears as a predicate (people's affiliations only with people)
    from schema.rdf_mapping import REL_MAP_BY_TYPE
    preds = set(graph.predicates())
    assert {t for t in REL_TYPE_NAMES if URIRef(REL_MAP_BY_TYPE[t].predicate) not in preds} == {"AFFILIATED_WITH"}


def test_a_merger_is_one_change_event_with_both_originals(graph, outputs):
    """NFD replaces NHD and FKD: plain dcterms:replaces / isReplacedBy, and one org:ChangeEvent on the
    day with both original organisations (written once, though two facts carry it)."""
    nfd = iri("ministry", TRICKY[0])
    formers = {iri("ministry", "naerings-og-handelsdepartementet"), iri("ministry", "fiskeri-og-kystdepartementet")}
    assert set(graph.objects(nfd, URIRef(DCTERMS + "replaces"))) == formers
    assert {s for s, _, o in graph.triples((None, URIRef(DCTERMS + "isReplacedBy"), nfd))} == formers
    events = set(graph.subjects(RDFNS.type, URIRef(ORG + "ChangeEvent")))
    assert events == {URIRef(f"{nfd}#change-2014-01-01")}
    ev = next(iter(events))
    assert set(graph.objects(ev, URIRef(ORG + "originalOrganization"))) == formers
    assert list(graph.objects(ev, URIRef(ORG + "resultingOrganization"))) == [nfd]
    assert list(graph.objects(ev, URIRef(DCTERMS + "date"))) == [
        Literal("2014-01-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))]
    nq = outputs["nquads"].decode().splitlines()
    assert sum(f"<{ev}> <{RDFNS.type}>" in line for line in nq) == 1
    statements = [st for st in graph.subjects(RDFNS.predicate, URIRef(DCTERMS + "replaces"))]
    assert {str(o) for st in statements for o in graph.objects(st, URIRef(HG + "change"))} == {"merged"}


def test_same_as_wikidata_and_the_organisation_register(graph):
    hod = iri("ministry", "helse-og-omsorgsdepartementet")
    same = set(graph.objects(hod, URIRef("http://www.w3.org/2002/07/owl#sameAs")))
    assert same == {URIRef(WIKIDATA + "Q1754414")}
    assert (iri("country", "finland"), URIRef("http://www.w3.org/2002/07/owl#sameAs"), URIRef(WIKIDATA + "Q33")) in graph
    # the organisation number: an identifier, with the register's page of the entity to see
    assert (hod, URIRef(HG + "orgNumber"), Literal("983887406")) in graph
    assert (hod, URIRef(SCHEMA + "identifier"), Literal("983887406")) in graph
    assert set(graph.objects(hod, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"))) == {
        URIRef("https://data.brreg.no/enhetsregisteret/oppslag/enheter/983887406")}
    # no owl:sameAs leaves Wikidata
    assert {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/2002/07/owl#sameAs"))} and all(
        str(o).startswith(WIKIDATA) for o in graph.objects(None, URIRef("http://www.w3.org/2002/07/owl#sameAs")))


# -- provenance ------------------------------------------------------------------------------------
def test_each_document_has_its_named_graph_and_registry_facts_theirs(outputs):
    quads = ox_parse(outputs["nquads"], "nquads")
    by_graph: dict[str, set] = {}
    for q in quads:
        g = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None
        by_graph.setdefault(g, set()).add(q)
    assert {f"{BASE}/graph/document/{DOC_A}", f"{BASE}/graph/document/{DOC_B}", f"{BASE}/graph/registry",
            f"{BASE}/graph/entities", f"{BASE}/graph/responsibility", None} == set(by_graph)
    # the same fact from two sources is in both graphs (and once in N-Triples)
    located = (f"<{BASE}/id/international-example/finngen> <{SCHEMA}location> <{BASE}/id/country/finland>")
    in_graphs = {g for g, qs in by_graph.items() for q in qs if str(q.triple).startswith(located)}
    assert in_graphs == {f"{BASE}/graph/document/{DOC_A}", f"{BASE}/graph/document/{DOC_B}", f"{BASE}/graph/registry"}
    # every statement in a document's graph derives from that document
    for doc in (DOC_A, DOC_B):
        g = by_graph[f"{BASE}/graph/document/{doc}"]
        derived = {q.object.value for q in g if q.predicate.value == PROV + "wasDerivedFrom"
                   and "#s-" in q.subject.value}
        assert derived == {f"{BASE}/id/document/{doc}"}
    reg = by_graph[f"{BASE}/graph/registry"]
    assert {q.object.value for q in reg if q.predicate.value == PROV + "wasDerivedFrom"} == {
        f"{BASE}/rdf/dataset#registry"}
    assert any(q.predicate.value == PROV + "hadPrimarySource" for q in reg)


def test_every_extracted_statement_traces_to_quote_and_span(graph):
    statements = set(graph.subjects(RDFNS.type, RDFNS.Statement))
    assert statements
    # the proposal's source statement: subject, predicate, object, document, quote, span, page
    p, doc = iri("proposal", "p-1"), iri("document", DOC_A)
    [s] = [s for s in statements if (s, RDFNS.subject, p) in graph and (s, RDFNS.predicate, URIRef(PROV + "wasDerivedFrom")) in graph
           and (s, URIRef(PROV + "wasDerivedFrom"), doc) in graph]
    assert str(s).startswith(str(p) + "#s-")
    assert (s, RDFNS.object, doc) in graph
    assert (s, URIRef(HG + "quote"), Literal("Staten bør styrke SkatteFUNN for helsenæringen.", lang="nb")) in graph
    xsd_int = URIRef("http://www.w3.org/2001/XMLSchema#integer")
    assert (s, URIRef(HG + "startOffset"), Literal("100", datatype=xsd_int)) in graph
    assert (s, URIRef(HG + "endOffset"), Literal("150", datatype=xsd_int)) in graph
    assert (s, URIRef(HG + "page"), Literal("2", datatype=xsd_int)) in graph
    assert (s, URIRef(HG + "method"), Literal("pattern")) in graph
    # every direct relationship triple has a statement for each of its sources
    from schema.rdf_mapping import REL_PREDICATES
    for s_, p_, o_ in graph:
        if str(p_) in REL_PREDICATES and str(s_).startswith(BASE + "/id/") and "#" not in str(s_):
            assert any((x, RDFNS.subject, s_) in graph and (x, RDFNS.object, o_) in graph
                       for x in graph.subjects(RDFNS.predicate, p_)), (s_, p_, o_)
    # inferred statements carry their path, validity is typed
    inferred = [s for s in statements if (s, URIRef(HG + "method"), Literal("inferred")) in graph]
    assert any((s, URIRef(HG + "inferenceStep"), None) in graph for s in inferred)
    assert list(graph.triples((None, URIRef(SCHEMA + "validThrough"), Literal("2030-12-31", datatype=XSD_DATE))))


# -- current and historical facts --------------------------------------------------------------------
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def test_plain_triples_state_what_holds_today_and_tenures_keep_the_history(graph):
    sf, nfd, hod = iri("instrument", "skattefunn"), iri("ministry", TRICKY[0]), iri("ministry", "helse-og-omsorgsdepartementet")
    # today (2014-01-01 .. 2030): one owner; the ownership that ended in 2013 is no plain triple
    assert set(graph.objects(sf, URIRef(HG + "ownedBy"))) == {nfd}
    # both periods as n-ary nodes with xsd:date bounds; a year or month stands for its first / last day
    periods = {}
    for t in graph.subjects(URIRef(HG + "entity"), sf):
        if (t, RDFNS.type, URIRef(HG + "Ownership")) in graph:
            periods[graph.value(t, URIRef(HG + "organisation"))] = (
                graph.value(t, URIRef(SCHEMA + "startDate")), graph.value(t, URIRef(SCHEMA + "endDate")),
                graph.value(t, URIRef(HG + "statedStart")), graph.value(t, URIRef(HG + "statedEnd")))
    assert periods == {
        nfd: (Literal("2014-01-01", datatype=XSD_DATE), Literal("2030-12-31", datatype=XSD_DATE),
              None, Literal("2030", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear"))),
        hod: (Literal("2002-03-01", datatype=XSD_DATE), Literal("2013-12-31", datatype=XSD_DATE),
              Literal("2002-03", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")),
              Literal("2013", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")))}
    # every tenure names its sources; an undated time-bounded fact is a tenure too (open bounds)
    for t in graph.subjects(RDFNS.type, URIRef(HG + "Ownership")):
        assert (t, URIRef(PROV + "wasDerivedFrom"), None) in graph
    [adm] = graph.subjects(RDFNS.type, URIRef(HG + "Administration"))
    assert (adm, URIRef(HG + "organisation"), iri("agency", "forskningsradet")) in graph
    assert (adm, URIRef(SCHEMA + "startDate"), None) not in graph
    # the historical fact keeps its evidence as a statement (which asserts nothing)
    assert any((st, RDFNS.object, hod) in graph for st in graph.subjects(RDFNS.subject, sf))
    # validity on statements is xsd:date too: no gYear or gYearMonth anywhere but hg:stated*
    for p in (SCHEMA + "validFrom", SCHEMA + "validThrough", SCHEMA + "startDate", SCHEMA + "endDate"):
        assert {o.datatype for o in graph.objects(None, URIRef(p))} <= {XSD_DATE}, p


def test_responsibility_is_in_the_data_with_basis_path_and_evidence(graph, rdf_store):
    nfd, hod = iri("ministry", TRICKY[0]), iri("ministry", "helse-og-omsorgsdepartementet")
    p, sf, rcn = iri("proposal", "p-1"), iri("instrument", "skattefunn"), iri("agency", "forskningsradet")
    R = lambda name: URIRef(HG + name)  # noqa: E731

    def why(measure):
        out = set()
        for r in graph.subjects(R("measure"), measure):
            assert (r, RDFNS.type, R("Responsibility")) in graph
            out.add((graph.value(r, R("ministry")), str(graph.value(r, R("basis"))),
                     tuple(sorted(graph.objects(r, R("via")))), str(graph.value(r, R("checkedAt")))))
            # it rests on the statements along its path, each with its source
            steps = set(graph.objects(r, URIRef(PROV + "wasDerivedFrom")))
            assert steps and all((st, RDFNS.type, RDFNS.Statement) in graph
                                 and (st, URIRef(PROV + "wasDerivedFrom"), None) in graph for st in steps)
        return out
    # the proposal names NFD; it mentions SkatteFUNN, which NFD owned at the (first) document's date
    # (HOD's ownership had ended by then), and which Forskningsrådet, NFD's, administers (a path the
    # export lacked while it ran the hand-written reference query: issue 19)
    today = make_exporter(rdf_store).today
    assert why(p) == {(nfd, "named", (), today), (nfd, "owner", (sf,), "2023-05-01"),
                      (nfd, "administering_agency", (rcn, sf), "2023-05-01")}
    # why, in words: the declared path's explanation (schema/responsibility.py)
    said = {str(graph.value(r, rdflib.RDFS.comment)) for r in graph.subjects(R("measure"), p)}
    assert said == {"the proposal names the ministry", "the proposal mentions an instrument or agency the "
                    "ministry owns", "the proposal mentions an instrument administered by an agency the ministry owns"}
    assert why(sf) == {(nfd, "owner", (), today), (nfd, "administering_agency", (rcn,), today)}
    assert why(rcn) == {(nfd, "owner", (), today)}
    for measure in (p, sf, rcn):
        assert set(graph.objects(measure, R("responsibleMinistry"))) == {nfd}
    assert (None, R("responsibleMinistry"), hod) not in graph
    # the same answer as GraphQL's `responsibility`
    from api.graphql import run_query
    for name, measure in (("SkatteFUNN", sf), ("Norges forskningsråd", rcn), ("p-1", p)):
        body = run_query(rdf_store, "query($m: String!) { responsibility(measure: $m) { ministry { id } basis "
                                    "via { id } } }", {"m": name})
        gql = {(iri("ministry", r["ministry"]["id"]), r["basis"].lower()) for r in body["data"]["responsibility"]}
        assert gql == {(m, b) for m, b, _, _ in why(measure)}, name


@pytest.mark.parametrize("today, owners", [
    ("2013-12-31", {"helse-og-omsorgsdepartementet"}),  # the last day of the old owner
    ("2014-01-01", {TRICKY[0]}),
    ("2031-01-01", set()),  # both have ended
    ("2002-02-28", set()),  # before either began
])
def test_what_holds_depends_on_the_day(rdf_store, today, owners):
    ex = make_exporter(rdf_store, kind="instrument")
    ex.today = today
    g = union(b"".join(stream_bytes(ex, FORMATS["nquads"])))
    assert set(g.objects(iri("instrument", "skattefunn"), URIRef(HG + "ownedBy"))) == {iri("ministry", o) for o in owners}
    assert len(set(g.subjects(RDFNS.type, URIRef(HG + "Ownership")))) == 2


# -- SHACL -------------------------------------------------------------------------------------------
def test_export_conforms_to_the_shapes(graph):
    conforms, text = shacl(graph)
    assert conforms, text


def test_export_conforms_under_the_semantics_it_declares(graph):
    """With the ontology's and ORG's entailments applied (RDFS inference), the shapes still hold:
    closed shapes allow the super-properties, and a ministry inferred to be an org:Organization."""
    conforms, text = shacl(graph, entailed=True)
    assert conforms, text
    # and inference does not make everything pass: a broken graph still fails
    g = rdflib.Graph()
    for t in graph:
        g.add(t)
    g.add((iri("ministry", "helse-og-omsorgsdepartementet"), URIRef("http://example.org/phone"), Literal("1")))
    assert not shacl(g, entailed=True)[0]


def test_document_export_conforms_to_the_shapes(rdf_store):
    conforms, text = shacl(union(export_bytes(rdf_store, "nquads", document=DOC_A)))
    assert conforms, text


@pytest.mark.parametrize("breakage", [
    "extra-predicate", "missing-identifier", "confidence-out-of-range", "statement-without-source",
    "wrong-language", "two-nb-names", "person-email", "bad-orgnumber", "span-reversed", "wrong-object-class",
    "tenure-reversed", "tenure-gyear", "same-as-register",
])
def test_a_broken_graph_fails_the_shapes(graph, breakage):
    g = rdflib.Graph()
    for t in graph:
        g.add(t)
    hod = iri("ministry", "helse-og-omsorgsdepartementet")
    statements = sorted(g.subjects(RDFNS.type, RDFNS.Statement))
    with_span = next(s for s in statements if (s, URIRef(HG + "startOffset"), None) in g)
    if breakage == "extra-predicate":
        g.add((hod, URIRef("http://example.org/phone"), Literal("12345678")))
    elif breakage == "missing-identifier":
        g.remove((hod, URIRef(DCTERMS + "identifier"), None))
    elif breakage == "confidence-out-of-range":
        g.set((hod, URIRef(HG + "confidence"), Literal(1.5)))
    elif breakage == "statement-without-source":
        g.remove((statements[0], URIRef(PROV + "wasDerivedFrom"), None))
    elif breakage == "wrong-language":
        g.add((iri("theme", "helsedata"), URIRef(SKOS + "altLabel"), Literal("Health data", lang="de")))
    elif breakage == "two-nb-names":
        g.add((hod, URIRef(SKOS + "prefLabel"), Literal("Helsedepartementet", lang="nb")))
    elif breakage == "person-email":
        person = URIRef(f"{BASE}/id/person/x")
        g.add((person, RDFNS.type, URIRef(FOAF + "Person")))
        g.add((person, URIRef(FOAF + "name"), Literal("X")))
        g.add((person, URIRef(FOAF + "mbox"), URIRef("mailto:x@example.org")))
    elif breakage == "bad-orgnumber":
        g.set((hod, URIRef(HG + "orgNumber"), Literal("12345")))
    elif breakage == "span-reversed":
        g.set((with_span, URIRef(HG + "startOffset"),
               Literal(10 ** 6, datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))))
    elif breakage == "same-as-register":
        g.add((hod, URIRef("http://www.w3.org/2002/07/owl#sameAs"),
               URIRef("https://data.brreg.no/enhetsregisteret/api/enheter/983887406")))
    elif breakage in ("tenure-reversed", "tenure-gyear"):
        t = next(t for t in g.subjects(RDFNS.type, URIRef(HG + "Ownership")) if (t, URIRef(SCHEMA + "endDate"), None) in g)
        g.set((t, URIRef(SCHEMA + "startDate"), Literal("2999-01-01", datatype=XSD_DATE) if breakage == "tenure-reversed"
               else Literal("2002", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear"))))
    elif breakage == "wrong-object-class":
        g.add((iri("instrument", "skattefunn"), URIRef(HG + "ownedBy"), iri("theme", "helsedata")))
    conforms, text = shacl(g)
    assert not conforms, breakage


# -- dataset description -------------------------------------------------------------------------------
def test_dcat_and_void_description(graph, outputs):
    ds = URIRef(f"{BASE}/rdf/dataset")
    assert (ds, RDFNS.type, URIRef(DCAT + "Dataset")) in graph
    assert (ds, RDFNS.type, URIRef(VOID + "Dataset")) in graph
    for p in ("title", "description", "publisher", "license", "issued", "language", "temporal"):
        assert (ds, URIRef(DCTERMS + p), None) in graph, p
    assert (ds, URIRef(DCTERMS + "title"), None) in graph
    assert {l.language for l in graph.objects(ds, URIRef(DCTERMS + "title"))} == {"nb", "en"}
    assert (ds, URIRef(DCAT + "version"), None) in graph
    # issued: the day the export was made; the sources' dates are the temporal coverage
    import datetime
    assert graph.value(ds, URIRef(DCTERMS + "issued")) == Literal(datetime.date.today().isoformat(), datatype=XSD_DATE)
    assert (ds, URIRef(DCTERMS + "modified"), None) not in graph
    period = graph.value(ds, URIRef(DCTERMS + "temporal"))
    assert (graph.value(period, URIRef(DCAT + "startDate")), graph.value(period, URIRef(DCAT + "endDate"))) == (
        Literal("2023-05-01", datatype=XSD_DATE), Literal("2024-12-31", datatype=XSD_DATE))
    assert set(graph.objects(ds, URIRef(DCTERMS + "language"))) == {
        URIRef("http://publications.europa.eu/resource/authority/language/" + c) for c in ("NOB", "ENG")}
    dists = set(graph.objects(ds, URIRef(DCAT + "distribution")))
    media = {str(graph.value(d, URIRef(DCAT + "mediaType"))) for d in dists}
    assert media == {f"https://www.iana.org/assignments/media-types/{f.media_type}" for f in FORMATS.values()}
    # VoID statistics describe the data (the description's own triples excluded)
    triples = int(graph.value(ds, URIRef(VOID + "triples")))
    description = set(ox_parse(outputs["nquads"], "nquads"))
    default_graph = {q for q in description if isinstance(q.graph_name, ox.DefaultGraph)}
    assert triples == len(ox_parse(outputs["ntriples"], "ntriples")) - len({str(q.triple) for q in default_graph})
    n_orgs = len(set(graph.subjects(RDFNS.type, URIRef(ORG + "Organization"))))
    parts = {graph.value(p, URIRef(VOID + "class")): int(graph.value(p, URIRef(VOID + "entities")))
             for p in graph.objects(ds, URIRef(VOID + "classPartition"))}
    assert parts[URIRef(ORG + "Organization")] == n_orgs
    # every class is counted, the n-ary nodes too; the statements (RDF 1.2 reifiers) by rdf:reifies
    assert RDFNS.Statement not in parts
    props = {graph.value(p, URIRef(VOID + "property")): int(graph.value(p, URIRef(VOID + "triples")))
             for p in graph.objects(ds, URIRef(VOID + "propertyPartition"))}
    assert props[URIRef(RDF_NS + "reifies")] == len(set(graph.subjects(RDFNS.type, RDFNS.Statement))) > 20
    assert parts[URIRef(HG + "Ownership")] == 3  # SkatteFUNN by NFD and by HOD, the council by NFD
    assert int(graph.value(ds, URIRef(VOID + "classes"))) == len(parts)
    subsets = set(graph.objects(ds, URIRef(VOID + "subset")))
    assert URIRef(f"{BASE}/graph/document/{DOC_A}") in subsets
    assert (URIRef(f"{BASE}/graph/document/{DOC_A}"), URIRef(DCTERMS + "source"), iri("document", DOC_A)) in graph


def test_base_iri_comes_from_settings(rdf_store):
    settings = rdf_store.settings.model_copy()
    object.__setattr__(settings, "base_iri", "https://data.example.no/helsegraf/")
    data = export_bytes(rdf_store, "ntriples", settings=settings).decode()
    assert "<https://data.example.no/helsegraf/id/ministry/helse-og-omsorgsdepartementet>" in data
    assert "localhost" not in data
    with pytest.raises(RdfExportError):
        export_bytes(rdf_store, "ntriples", base="ftp://x y")


# -- filters --------------------------------------------------------------------------------------------
def test_kind_filter(rdf_store):
    g = union(export_bytes(rdf_store, "nquads", kind="ministry"))
    subjects = {str(s) for s in g.subjects() if str(s).startswith(BASE + "/id/")}
    assert subjects and all(s.startswith(BASE + "/id/ministry/") for s in subjects)
    assert (URIRef(f"{BASE}/rdf/dataset"), None, None) not in g  # no dataset description in a filtered export


def test_document_filter(rdf_store, outputs):
    quads = ox_parse(export_bytes(rdf_store, "nquads", document=DOC_B), "nquads")
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert f"{BASE}/graph/document/{DOC_B}" in graphs and f"{BASE}/graph/document/{DOC_A}" not in graphs
    derived = {q.object.value for q in quads if q.predicate.value == PROV + "wasDerivedFrom" and "#s-" in q.subject.value}
    assert derived == {f"{BASE}/id/document/{DOC_B}"}
    # a file name works too
    assert export_bytes(rdf_store, "nquads", document="data/corpus/b.txt") == export_bytes(rdf_store, "nquads", document=DOC_B)
    # the registry is a source like a document
    reg = ox_parse(export_bytes(rdf_store, "nquads", document="registry"), "nquads")
    assert {q.object.value for q in reg if q.predicate.value == PROV + "wasDerivedFrom"} == {
        f"{BASE}/rdf/dataset#registry"}


# -- privacy ---------------------------------------------------------------------------------------------
def test_people_are_not_exported_by_default(outputs):
    for fmt, data in outputs.items():
        text = data.decode("utf-8")
        assert "/id/person/" not in text, fmt
        assert "Nordmann" not in text, fmt  # not even inside other facts' quotes
        assert FOAF + "Person" not in text
        assert not EMAIL.search(text.replace("mailto:", "")), fmt
        assert "912 34 567" not in text and "22249090" not in text, fmt


def test_people_with_include_persons_only_by_name_role_and_organisation(rdf_store):
    g = union(export_bytes(rdf_store, "nquads", include_persons=True))
    kari = iri("person", "kari-nordmann")
    assert set(g.predicate_objects(kari)) == {
        (RDFNS.type, URIRef(FOAF + "Person")), (URIRef(FOAF + "name"), Literal(PERSON)),
        (URIRef(SCHEMA + "jobTitle"), Literal("Fagsjef")),
        (URIRef(ORG + "memberOf"), iri("organisation", "legemiddelindustrien"))}
    # nothing points at a person (but the statement of its affiliation names it as subject)
    assert {p for _, p, _ in g.triples((None, None, kari))} == {RDFNS.subject}
    for st in g.subjects(RDFNS.subject, kari):
        preds = set(g.predicates(st))
        assert URIRef(HG + "quote") not in preds
        assert (st, URIRef(HG + "role"), Literal("Fagsjef")) in g
    text = export_bytes(rdf_store, "ntriples", include_persons=True).decode()
    assert not EMAIL.search(text) and "912 34 567" not in text
    conforms, report = shacl(g)
    assert conforms, report


def test_scrub_removes_contact_details():
    assert scrub(CONTACT) == f"{PERSON}, Fagsjef, […], […], […]"
    assert scrub("Ring +47 912 34 567 eller skriv til a.b@c.no.") == "Ring […] eller skriv til […]."
    assert scrub("Budsjettet er 1 200 mill. kroner i 2024.") == "Budsjettet er 1 200 mill. kroner i 2024."


# -- streaming and determinism -------------------------------------------------------------------------------
class CountingStore:
    """A store wrapper that records how many rows each read returned."""

    def __init__(self, store):
        self.store, self.settings, self.reads = store, store.settings, []

    def read(self, query, params=None):
        rows = self.store.read(query, params)
        self.reads.append((query, len(rows)))
        return rows


def test_streaming_reads_page_by_page_and_pages_do_not_change_the_output(rdf_store, outputs):
    counting = CountingStore(rdf_store)
    ex = make_exporter(counting, page_size=3)
    lines = stream_lines(ex, FORMATS["nquads"])
    next(lines)  # lazily: the first line needs only the first page
    id_pages = {queries.id_page(label, b) for label in LABELS for b in ("neo4j", "embedded")}
    node_pages = {queries.nodes_by_id(label) for label in LABELS}
    rel_pages = {queries.rels_by_start(label) for label in LABELS} | {queries.rel_rest(label) for label in LABELS}
    assert {q for q, _ in counting.reads} <= id_pages | node_pages | {"rdf_person_names"}
    assert sum(1 for _ in lines) > 100
    pages = [n for q, n in counting.reads if q in node_pages | rel_pages]
    assert len(pages) > 20 and max(pages) <= 3
    assert max(n for q, n in counting.reads if q in id_pages) <= ex.key_page_size
    reads = {q for q, _ in counting.reads}
    assert reads & rel_pages
    assert reads & {queries.rel_rest(label) for label in LABELS}  # a start node with more than a page
    # page boundaries fall on ids with capitals, non-ASCII letters and emoji (where FalkorDB's range
    # index does not order as its `>` does); key pages of a few ids end anywhere too
    for page_size, key_page_size in ((1, 1), (1, 2), (2, 3), (3, 60), (7, 7), (1000, 20000)):
        ex = make_exporter(rdf_store, page_size=page_size)
        ex.key_page_size = key_page_size
        assert b"".join(stream_bytes(ex, FORMATS["nquads"])) == outputs["nquads"], (page_size, key_page_size)


@pytest.mark.parametrize("filters", [
    {"document": DOC_A}, {"document": DOC_B, "include_persons": True}, {"document": "registry"},
    {"kind": "organisation"}, {"kind": "document", "document": DOC_A}, {"include_persons": True},
])
def test_filtered_exports_do_not_depend_on_the_page_size(rdf_store, filters):
    whole = export_bytes(rdf_store, "nquads", **filters)
    assert whole.count(b"\n") > 20
    for page_size in (1, 2, 5):
        ex = make_exporter(rdf_store, page_size=page_size, **filters)
        assert b"".join(stream_bytes(ex, FORMATS["nquads"])) == whole, page_size


def test_a_document_export_reads_only_through_the_source_indexes(rdf_store):
    """One document's export reads its facts (per-type source indexes), never a page of every
    node of a label: its cost follows the document, not the graph."""
    counting = CountingStore(rdf_store)
    ex = make_exporter(counting, document=DOC_A, page_size=2)
    assert sum(1 for _ in stream_lines(ex, FORMATS["ntriples"])) > 20
    document_queries = {q for label in LABELS for q in (queries.document_node_page(label),
                                                        queries.document_rel_page(label)) if q}
    document_queries |= {queries.document_passages(), queries.document_text()}  # by source index, by id
    assert {q for q, _ in counting.reads} <= document_queries | {"rdf_person_names", "rdf_document_exists"}


def test_paging_statements_are_model_derived():
    for label in LABELS:
        assert f"(n:{label})" in queries.id_page(label) and "$after" in queries.id_page(label)
        assert queries.id_page(label, "neo4j") != queries.id_page(label, "embedded")
        assert f"(a:{label} {{id: id}})" in queries.rels_by_start(label)
    with pytest.raises(ValueError):
        queries.nodes_by_id("Organisation) DETACH DELETE (x")
    with pytest.raises(ValueError):
        queries.document_rel_page("NotALabel")


def test_same_graph_gives_byte_identical_sorted_ntriples(embedded_store, embedded_settings, outputs):
    other = open_graph(embedded_settings, "rdf_test_reversed")
    try:
        # the same facts written in another order, relationships reversed within each batch
        reg, *docs = batches()
        for b in [reg, *reversed(docs)]:
            b.nodes.reverse()
            b.rels.reverse()
            other.write(b)
        again = export_bytes(other, "ntriples")
        assert again == outputs["ntriples"]
        assert export_bytes(other, "nquads") == outputs["nquads"]
        lines = again.decode().splitlines()
        assert sorted(lines) == sorted(outputs["ntriples"].decode().splitlines())
    finally:
        other.wipe()
        other.close()


def test_every_label_has_resources_in_the_test_graph(graph):
    from schema.rdf_mapping import NODE_MAP_BY_LABEL
    missing = [l for l in LABELS if l != "Person" and not list(graph.subjects(RDFNS.type, URIRef(NODE_MAP_BY_LABEL[l].cls)))]
    assert missing == []


def test_passages_are_verbatim_or_only_a_position(embedded_store, embedded_settings):
    """The quoted passage's verbatim text is published only where it may be: not with contact details
    (masked in the store), a control character (a PDF page break) or, without people, a person's name;
    a passage quoted twice is one passage; a span that is not one gives none."""
    text = ("SkatteFUNN må styrkes. Kontakt ·········· i dag. Kari Nordmann mener det.\x0cNy side her. "
            "Siste setning.")
    def span(part: str) -> tuple[int, int]:
        return text.index(part), text.index(part) + len(part)

    spans = {"verbatim": span("SkatteFUNN må styrkes."), "contact": span("Kontakt ·········· i dag."),
             "person": span("Kari Nordmann mener det."), "page break": span("mener det.\x0cNy side her.")}
    store = open_graph(embedded_settings, "rdf_passages")
    try:
        b = GraphBatch(document="doc-p")
        d = ("Document", "doc-p")
        b.node("Document", "doc-p", name="P", path="p.txt", text=text, method="manifest", confidence=1.0)
        b.node("Person", "kari-nordmann", name=PERSON, method="pattern", confidence=0.8)
        for i, (what, (qs, qe)) in enumerate(spans.items()):
            b.node("Organisation", f"org-{i}", name=f"Org {i}", method="pattern", confidence=0.5)
            b.rel("MENTIONED_IN", ("Organisation", f"org-{i}"), d, "doc-p", quote=what, start=qs, end=qs + 3,
                  quoteStart=qs, quoteEnd=qe, method="pattern", confidence=0.5)
        b.node("Theme", "t", name="T", method="pattern", confidence=0.5)
        b.rel("HAS_THEME", d, ("Theme", "t"), "doc-p", quote="again", quoteStart=0, quoteEnd=spans["verbatim"][1],
              method="pattern", confidence=0.5)
        b.rel("MENTIONED_IN", ("Theme", "t"), d, "doc-p", quote="not a span", quoteStart=30, quoteEnd=30,
              method="pattern", confidence=0.5)
        store.write(b)
        q = """PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX hg: <https://w3id.org/helsegraf/ns#>
        SELECT ?start ?end ?exact (COUNT(DISTINCT ?st) AS ?quoted) WHERE {
          ?st hg:passage ?p . ?p oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
          OPTIONAL { ?p oa:hasSelector/oa:exact ?exact } } GROUP BY ?start ?end ?exact"""

        def passages(**kw):
            s = ox.Store()
            s.load(export_bytes(store, "nquads", **kw), ox.RdfFormat.N_QUADS)
            return {(int(r["start"].value), int(r["end"].value)): (r["exact"].value if r["exact"] else None,
                                                                   int(r["quoted"].value))
                    for r in s.query(q, use_default_graph_as_union=True)}

        assert passages() == {spans["verbatim"]: ("SkatteFUNN må styrkes.", 2), spans["contact"]: (None, 1),
                              spans["person"]: (None, 1), spans["page break"]: (None, 1)}
        with_people = passages(include_persons=True)
        assert with_people[spans["person"]] == ("Kari Nordmann mener det.", 1)
        assert with_people[spans["contact"]] == (None, 1) and with_people[spans["page break"]] == (None, 1)
        assert passages(document="doc-p") == passages()
        conforms, report = shacl(union(export_bytes(store, "nquads")), entailed=True)
        assert conforms, report
    finally:
        store.wipe()
        store.close()


def test_publisher_and_contact_point_come_from_settings(rdf_store):
    """HELSEGRAF_RDF_PUBLISHER names the publisher; HELSEGRAF_RDF_CONTACT (a contact page, no e-mail
    address) becomes dcat:contactPoint; without it there is none; another value is refused."""
    q = """PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>
    SELECT ?publisher ?url WHERE { ?ds a dcat:Dataset ; dcterms:publisher/foaf:name ?publisher
                                   OPTIONAL { ?ds dcat:contactPoint/vcard:hasURL ?url } }"""

    def described(**update):
        settings = rdf_store.settings.model_copy(update=update)
        s = ox.Store()
        data = export_bytes(rdf_store, "nquads", settings=settings)
        s.load(data, ox.RdfFormat.N_QUADS)
        return [(r["publisher"].value, r["url"].value if r["url"] else None)
                for r in s.query(q, use_default_graph_as_union=True)], data

    assert described()[0] == [("helsegraf", None)]
    rows, data = described(rdf_publisher="Eksempeldirektoratet", rdf_contact="https://example.no/kontakt")
    assert rows == [("Eksempeldirektoratet", "https://example.no/kontakt")]
    conforms, report = shacl(union(data))
    assert conforms, report
    with pytest.raises(RdfExportError, match="HELSEGRAF_RDF_CONTACT"):
        export_bytes(rdf_store, "nquads", settings=rdf_store.settings.model_copy(update={"rdf_contact": "post@example.no"}))


def test_an_inferred_fact_s_path_is_rdf_in_order(rdf_store, outputs):
    """hg:inferenceStep: one schema:ListItem per step with its position and node, read with
    SPARQL 1.2 (pyoxigraph) on the default export: the proposer's path is the document and the
    proposer, a similarity's the two documents, in order."""
    s = ox.Store()
    s.load(outputs["nquads"], ox.RdfFormat.N_QUADS)
    q = """PREFIX hg: <https://w3id.org/helsegraf/ns#> PREFIX schema: <https://schema.org/>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    SELECT ?st ?s ?p ?o ?n ?item WHERE { ?st rdf:reifies <<( ?s ?p ?o )>> ; hg:inferenceStep ?step .
                                     ?step a schema:ListItem ; schema:position ?n ; schema:item ?item }
    ORDER BY ?s ?p ?o ?st ?n"""
    steps: dict[tuple, list] = {}
    for r in s.query(q, use_default_graph_as_union=True):
        key = tuple(r[v].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for v in ("s", "p", "o"))
        steps.setdefault((key, r["st"].value), []).append((int(r["n"].value), r["item"].value))
    paths: dict[tuple, set] = {}
    for (key, _), path in steps.items():
        assert [n for n, _ in path] == list(range(1, len(path) + 1))
        paths.setdefault(key, set()).add(tuple(item for _, item in path))
    doc = {d: str(iri("document", d)) for d in (DOC_A, DOC_B)}
    lmi = str(iri("organisation", "legemiddelindustrien"))
    assert paths[("legemiddelindustrien", "proposes", "p-1")] == {(doc[DOC_A], lmi), (doc[DOC_B], lmi)}
    assert paths[("p-1", "similarTo", "p-2")] == {(doc[DOC_B], doc[DOC_A])}
    # the JSON string is gone
    assert b"inferencePath" not in outputs["nquads"]
    # an id that names no node the export knows keeps its id
    ex = make_exporter(rdf_store)
    st = f"{BASE}/id/proposal/p-1#s-x"
    steps = ex.inference_steps(st, [DOC_A, "nowhere"], (str(iri("proposal", "p-1")), "Proposal"),
                               (str(iri("proposal", "p-2")), "Proposal"), DOC_B, "g")
    assert (f"{st}-step-1", SCHEMA + "item", doc[DOC_A], "g") in steps
    assert [q[2].lex for q in steps if q[0] == f"{st}-step-2" and q[1] == DCTERMS + "identifier"] == ["nowhere"]
