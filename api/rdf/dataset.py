"""The dataset description: DCAT (title, description, publisher and contact point, licence, version, issued,
modified, one distribution per format) and VoID (statistics gathered while streaming, one
subset per named graph), in the default graph. The exporter (api/rdf/graph.py) uses this module;
this module imports the exporter only for its type hints."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any

from api.rdf.formats import FORMATS, IANA
from api.rdf.terms import XSD_DATE, XSD_INTEGER, Lit, Quad, bound_date, date_literal, safe_iri
from graph.settings import Settings
from schema.rdf_mapping import (CONTACT_FRAGMENT, DCAT, DCTERMS, FOAF, OWL, PREFIXES, PROV, PUBLISHER_FRAGMENT,
                                RDF_TYPE, SKOS, VCARD, VOCABULARIES, VOID)

if TYPE_CHECKING:
    from api.rdf.graph import Exporter

DEFAULT_LICENSE = Settings.model_fields["rdf_license"].default  # for an exporter without settings
# The EU's language authority (DCAT-AP): the data is in Norwegian Bokmål, names also in English.
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
DEFAULT_PUBLISHER = Settings.model_fields["rdf_publisher"].default
TITLE = {"nb": "helsegraf: kunnskapsgraf over norsk helsenæringspolitikk",
         "en": "helsegraf: a knowledge graph of Norwegian health-industry policy"}
DESCRIPTION = {
    "nb": ("Organisasjoner, departementer, etater, forslag, virkemidler og internasjonale eksempler fra "
           "høringsinnspill og strategier, med kilde (dokument, sitat og tegnposisjoner) for hvert utsagn. "
           "Hvert kildedokument har sin egen navngitte graf; fakta fra det kuraterte registeret har sin."),
    "en": ("Organisations, ministries, agencies, proposals, instruments and international examples from "
           "consultation submissions and strategies, with the source (document, quote and character span) "
           "of every statement. Each source document has its own named graph; curated registry facts have theirs."),
}
KEYWORDS = {"nb": ("helsenæring", "næringspolitikk", "høringsinnspill", "virkemidler"),
            "en": ("health industry", "industrial policy", "consultation", "policy instruments")}


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("helsegraf")
    except Exception:  # not installed as a distribution
        return "0.1.0"


def sources_quads(ex: "Exporter") -> list[Quad]:
    reg, themes = ex.registry_source, ex.theme_scheme
    return [
        (reg, RDF_TYPE, PROV + "Entity", None),
        (reg, DCTERMS + "title", Lit("Kuratert referanseregister", "nb"), None),
        (reg, DCTERMS + "title", Lit("Curated reference registry", "en"), None),
        (reg, DCTERMS + "description", Lit(
            "Departementer, etater, virkemidler og internasjonale eksempler med offentlige kilder; "
            "hvert faktum oppgir nettadressen det er kontrollert mot (prov:hadPrimarySource).", "nb"), None),
        (reg, DCTERMS + "description", Lit(
            "Ministries, agencies, instruments and international examples with public sources; every "
            "fact gives the URL it was checked against (prov:hadPrimarySource).", "en"), None),
        (themes, RDF_TYPE, SKOS + "ConceptScheme", None),
        (themes, SKOS + "prefLabel", Lit("Temaer", "nb"), None),
        (themes, SKOS + "prefLabel", Lit("Themes", "en"), None),
    ]


def _fragment(kind: str, iri: str) -> str:
    for p, ns in PREFIXES.items():
        local = iri[len(ns):]
        if iri.startswith(ns) and re.match(r"^[A-Za-z][A-Za-z0-9_-]*$", local):
            return f"{kind}-{p}-{local}"
    return f"{kind}-{hashlib.sha1(iri.encode()).hexdigest()[:12]}"


class RdfExportError(ValueError):
    """A request the export cannot serve (unknown kind or document, bad base IRI, ...)."""


def count_lit(n: int) -> Lit:
    return Lit(str(int(n)), None, XSD_INTEGER)


def contact_iri(settings: Any) -> str | None:
    """The configured contact page (``HELSEGRAF_RDF_CONTACT``) as an IRI, None when unset; an
    error when it is not an http(s) URL."""
    url = getattr(settings, "rdf_contact", None)
    if url is None or not str(url).strip():
        return None
    iri = safe_iri(str(url))
    if iri is None:
        raise RdfExportError(f"HELSEGRAF_RDF_CONTACT {url!r} must be an http(s) URL (a contact page)")
    return iri


def description_quads(ex: "Exporter", served_at: str | None = None) -> list[Quad]:
    settings = ex.settings
    ds, base, st = ex.dataset, ex.base, ex.stats
    # where the files can be fetched: the serving host when served (the persistent base resolves
    # there only once its redirect is registered), else the base
    at = (served_at or base).rstrip("/")
    license_iri = getattr(settings, "rdf_license", None) or DEFAULT_LICENSE
    publisher_name = getattr(settings, "rdf_publisher", None) or DEFAULT_PUBLISHER
    publisher = f"{ds}#{PUBLISHER_FRAGMENT}"
    contact = contact_iri(settings)
    q: list[Quad] = [
        (ds, RDF_TYPE, DCAT + "Dataset", None),
        (ds, RDF_TYPE, VOID + "Dataset", None),
        (ds, DCTERMS + "publisher", publisher, None),
        (publisher, RDF_TYPE, FOAF + "Agent", None),
        (publisher, FOAF + "name", Lit(publisher_name), None),
        *([(ds, DCAT + "contactPoint", f"{ds}#{CONTACT_FRAGMENT}", None),
           (f"{ds}#{CONTACT_FRAGMENT}", RDF_TYPE, VCARD + "Kind", None),
           (f"{ds}#{CONTACT_FRAGMENT}", VCARD + "fn", Lit(publisher_name), None),
           (f"{ds}#{CONTACT_FRAGMENT}", VCARD + "hasURL", contact, None)] if contact else []),
        (ds, DCTERMS + "license", license_iri, None),
        (ds, DCAT + "version", Lit(_version()), None),
        (ds, OWL + "versionInfo", Lit(_version()), None),
        (ds, DCTERMS + "conformsTo", base + "/rdf/shapes", None),
        (ds, VOID + "uriSpace", Lit(base + "/id/"), None),
        (ds, VOID + "dataDump", at + "/rdf?format=ntriples", None),
        (ds, VOID + "triples", count_lit(st.triples), None),
        (ds, VOID + "entities", count_lit(st.entities), None),
        (ds, VOID + "classes", count_lit(len(st.classes)), None),
        (ds, VOID + "properties", count_lit(len(st.properties)), None),
    ]
    for lang in ("nb", "en"):
        q.append((ds, DCTERMS + "title", Lit(TITLE[lang], lang), None))
        q.append((ds, DCTERMS + "description", Lit(DESCRIPTION[lang], lang), None))
        q += [(ds, DCAT + "keyword", Lit(k, lang), None) for k in KEYWORDS[lang]]
    q += [(ds, VOID + "vocabulary", v.rstrip("#/") if v.endswith("#") else v, None) for v in VOCABULARIES]

    # issued: the day this export was made (exports of one graph on one day are byte-identical);
    # the sources' dates are the temporal coverage, from the earliest to the latest document
    q.append((ds, DCTERMS + "issued", Lit(ex.today, None, XSD_DATE), None))
    q += [(ds, DCTERMS + "language", LANGUAGE + code, None) for code in ("NOB", "ENG")]
    dates = sorted(d for d in (_doc_date(r) for r in ex.store.read("rdf_documents", {})) if d)
    if dates:
        period = f"{ds}#temporal"
        q += [(ds, DCTERMS + "temporal", period, None), (period, RDF_TYPE, DCTERMS + "PeriodOfTime", None),
              (period, DCAT + "startDate", Lit(bound_date(dates[0], end=False), None, XSD_DATE), None),
              (period, DCAT + "endDate", Lit(bound_date(dates[-1], end=True), None, XSD_DATE), None)]

    for cls, n in sorted(st.classes.items()):
        part = f"{ds}#{_fragment('class', cls)}"
        q += [(ds, VOID + "classPartition", part, None), (part, VOID + "class", cls, None),
              (part, VOID + "entities", count_lit(n), None)]
    for prop, n in sorted(st.properties.items()):
        part = f"{ds}#{_fragment('property', prop)}"
        q += [(ds, VOID + "propertyPartition", part, None), (part, VOID + "property", prop, None),
              (part, VOID + "triples", count_lit(n), None)]
    for graph, n in sorted(st.graphs.items()):
        q += [(ds, VOID + "subset", graph, None), (graph, RDF_TYPE, VOID + "Dataset", None),
              (graph, VOID + "triples", count_lit(n), None)]
        if graph.startswith(base + "/graph/document/"):
            doc = base + "/id/document/" + graph[len(base + "/graph/document/"):]
            q.append((graph, DCTERMS + "source", doc, None))
        elif graph == base + "/graph/registry":
            q.append((graph, DCTERMS + "source", ex.registry_source, None))

    for f in FORMATS.values():
        dist = f"{ds}#{f.name}"
        url = f"{at}/rdf?format={f.name}"
        q += [(ds, DCAT + "distribution", dist, None),
              (dist, RDF_TYPE, DCAT + "Distribution", None),
              (dist, DCTERMS + "title", Lit(f.title), None),
              (dist, DCAT + "downloadURL", url, None),
              (dist, DCAT + "accessURL", at + "/rdf", None),
              (dist, DCAT + "mediaType", IANA + f.media_type, None),
              (dist, DCTERMS + "format", Lit(f.media_type), None),
              (dist, DCTERMS + "license", license_iri, None)]
    return q


def _doc_date(row: dict) -> str | None:
    d = row.get("date")
    if isinstance(d, str) and date_literal(d):
        return d
    y = row.get("year")
    if isinstance(y, int) and 1000 <= y <= 9999:
        return f"{y:04d}"
    return None
