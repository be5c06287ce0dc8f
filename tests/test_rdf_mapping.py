"""The model → RDF mapping is derived from (and checked against) schema/model.py; the shapes
file is generated from it; the ontology declares every own term in Norwegian and English."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH

from api.rdf.formats import negotiate
from api.rdf.terms import Lit, is_valid_iri, literals, nt, safe_iri
from schema.model import LABELS, NODE_KINDS
from schema.rdf_mapping import (DECIMAL, HG, NODE_MAP_BY_LABEL, NODE_MAPS, ONTOLOGY_PATH, SHAPES_PATH, label_for,
                                mapping_problems, own_terms, resource_path, segment_id, shapes_turtle)


def test_mapping_accounts_for_every_kind_property_and_relationship():
    assert mapping_problems() == []


def test_shapes_file_is_generated_from_the_mapping():
    assert SHAPES_PATH.read_text(encoding="utf-8") == shapes_turtle(), \
        "schema/shapes.ttl is stale: run `python -m schema.rdf_mapping --write-shapes`"


def test_every_class_has_a_closed_shape():
    shapes = rdflib.Graph().parse(SHAPES_PATH)
    targets = {str(o) for o in shapes.objects(None, SH.targetClass)}
    ontology = rdflib.Graph().parse(ONTOLOGY_PATH)
    classes = {str(c) for c in ontology.subjects(RDF.type, OWL.Class)}
    assert {m.cls for m in NODE_MAPS} <= targets
    assert classes <= targets
    assert "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement" in targets
    for m in NODE_MAPS:
        shape = next(shapes.subjects(SH.targetClass, rdflib.URIRef(m.cls)))
        assert shapes.value(shape, SH.closed).toPython() is True, m.label


def test_ontology_declares_every_own_term_in_norwegian_and_english():
    g = rdflib.Graph().parse(ONTOLOGY_PATH)
    declared = {str(s) for s in g.subjects(RDF.type, None) if str(s).startswith(HG)}
    assert own_terms() <= declared, sorted(own_terms() - declared)
    for term in declared:
        s = rdflib.URIRef(term)
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(s, prop)}
            assert {"nb", "en"} <= langs, (term, prop)
    assert (rdflib.URIRef("https://w3id.org/helsegraf/ns"), RDF.type, OWL.Ontology) in g


def test_every_own_property_has_a_standard_super_property_or_a_reason():
    from schema.rdf_mapping import OWN_PROPERTIES_WITHOUT_STANDARD_SUPER, STANDARD_NAMESPACES
    g = rdflib.Graph().parse(ONTOLOGY_PATH)
    props = {str(s) for t in (OWL.ObjectProperty, OWL.DatatypeProperty) for s in g.subjects(RDF.type, t)}
    assert props and own_terms() & props == own_terms() - {str(c) for c in g.subjects(RDF.type, OWL.Class)}
    for prop in sorted(props):
        supers = {str(o) for o in g.objects(rdflib.URIRef(prop), RDFS.subPropertyOf)}
        standard = {s for s in supers if s.startswith(STANDARD_NAMESPACES)}
        if prop in OWN_PROPERTIES_WITHOUT_STANDARD_SUPER:
            assert not supers, prop
        else:
            assert standard, f"{prop} has no standard super-property and no reason"
    # the mapping's record of the super-properties (the shapes allow for them) is the ontology's
    from schema.rdf_mapping import SUPER_PROPERTY
    declared = {(str(a), str(b)) for a, b in g.subject_objects(RDFS.subPropertyOf)}
    assert declared == set(SUPER_PROPERTY.items())
    # nothing declared that the export never writes
    assert props <= own_terms(), sorted(props - own_terms())


def test_every_kind_has_a_distinct_segment_and_class():
    assert {m.label for m in NODE_MAPS} == set(LABELS)
    assert len({m.segment for m in NODE_MAPS}) == len({m.cls for m in NODE_MAPS}) == len(NODE_KINDS)
    assert label_for("international-example") == label_for("InternationalExample") == "InternationalExample"
    assert label_for("MINISTRY") == "Ministry" and label_for("nonsense") is None


@pytest.mark.parametrize("id_", ["nærings- og fiskeridepartementet", "with space", "quo\"te's", "a/b", "..", ".",
                                 "100%", "🧬", "<>{}|^`#?&=", "ÆØÅ æøå", "x" * 300])
def test_resource_iris_are_valid_and_reversible(id_):
    path = resource_path("Organisation", id_)
    iri = "http://localhost:8000" + path
    assert is_valid_iri(iri), iri
    seg = path.rsplit("/", 1)[1]
    assert "/" not in seg and seg not in (".", "..")
    assert unquote(seg) == id_
    assert segment_id(id_) == seg


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a b", "https://example.org/a%20b"),
    ("https://example.org/ø?q=<1>", "https://example.org/%C3%B8?q=%3C1%3E"),
    ("https://example.org/100%", "https://example.org/100%25"),
    ("https://example.org/a%20b", "https://example.org/a%20b"),
    ("https://blåbær.no/x", "https://xn--blbr-roah.no/x"),
    ("ftp://example.org/x", None), ("not a url", None), ("https://user@host/x", None),
])
def test_urls_from_data_become_valid_iris(url, expected):
    assert safe_iri(url) == expected
    if expected:
        assert is_valid_iri(expected)


def test_literals_are_typed_and_clean():
    assert literals(DECIMAL, 0.95) == [Lit("0.95", None, "http://www.w3.org/2001/XMLSchema#decimal")]
    assert literals(DECIMAL, 1e-05)[0].lex == "0.00001"
    assert literals(DECIMAL, 1)[0].lex == "1.0"
    assert literals(DECIMAL, float("nan")) == []
    assert literals("date", "2023-02-30") == [] and literals("date", "2023-13") == []
    assert literals("date", "2023-02")[0].datatype.endswith("gYearMonth")
    assert literals("text@nb", ["a", "b"]) == [Lit("a", "nb"), Lit("b", "nb")]
    assert literals("text@nb", "a\x00b\x0bc") == [Lit("a b c", "nb")]
    assert nt(Lit('say "hi"\\\n', "nb")) == '"say \\"hi\\"\\\\\\n"@nb'


def test_content_negotiation():
    offers = ["text/html", "text/turtle", "application/ld+json", "application/n-triples"]
    assert negotiate(None, offers, "text/turtle") == "text/turtle"
    assert negotiate("*/*", offers, "text/turtle") == "text/turtle"
    assert negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", offers,
                     "text/turtle") == "text/html"
    assert negotiate("application/ld+json;q=0.5, text/turtle;q=0.9", offers, "text/turtle") == "text/turtle"
    assert negotiate("application/n-triples", offers, "text/turtle") == "application/n-triples"
    assert negotiate("image/png", offers, "text/turtle") is None
    assert negotiate("application/*", offers, "text/turtle") == "application/ld+json"


def test_person_mapping_is_name_role_and_organisation_only():
    person = NODE_MAP_BY_LABEL["Person"]
    assert {p.prop for p in person.props} == {"name", "role"}


def test_responsibility_runs_the_declared_rule_for_a_page_of_measures():
    """The export states responsibility from the declaration GraphQL uses (schema/responsibility.py):
    the query graph/responsibility.py writes from it (queries/responsibility.cypher's, for ids), the
    measures, the bases and the explanations the shapes allow."""
    from api.graphql.spec import BASES, MEASURE_LABELS, RESPONSIBLE_LABEL
    from api.rdf.queries import responsibility_page
    from graph.responsibility import reference_cypher
    from schema import responsibility
    from schema.rdf_mapping import RESPONSIBILITY_BASIS, RESPONSIBILITY_EXPLANATIONS, RESPONSIBILITY_MEASURES
    assert set(RESPONSIBILITY_MEASURES) == set(MEASURE_LABELS) == set(responsibility.MEASURES)
    assert RESPONSIBLE_LABEL == responsibility.RESPONSIBLE == "Ministry"
    assert RESPONSIBILITY_BASIS.values == tuple(b.lower() for b in BASES)
    assert set(RESPONSIBILITY_EXPLANATIONS) == {p.explain(b) for p in responsibility.PATHS for b in p.bases}
    q = responsibility_page()
    assert q == reference_cypher(ids=True)
    assert "v.id IN $ids" in q and "$measure IN" not in q
    assert "id: m.id}" in q and "id: v.id}" in q and "id: x.id}" in q and "id: y.id}" in q
    assert q.count("explanation: ") == len(responsibility.PATHS)
    shapes = SHAPES_PATH.read_text(encoding="utf-8")
    assert all(f'"{e}"@en' in shapes for e in RESPONSIBILITY_EXPLANATIONS)