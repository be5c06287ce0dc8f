"""The model → RDF mapping: which class each node kind becomes, which predicate each property
and relationship type becomes, how literals are typed, and what a partner may rely on.

Derived from :mod:`schema.model` (the one source of truth) and checked against it by
tests/test_rdf_mapping.py: every label, relationship type and property is either mapped
here or excluded with a reason. The SHACL shapes in ``schema/shapes.ttl`` are generated
from this module (``python -m schema.rdf_mapping --write-shapes``); a test fails when the
file and the generator drift apart. Own terms live in ``schema/ontology.ttl``.

IRIs (the base comes from the ``HELSEGRAF_BASE_IRI`` setting):

* resources      ``{base}/id/{segment}/{pct(id)}`` (``segment`` per kind, e.g. ``ministry``)
* statements     ``{subject IRI}#s-{hash}`` — one per relationship (start, type, end, source),
                 carrying the evidence (quote, span, page, ...): by default the RDF 1.2 reifier
                 of the fact (``rdf:reifies <<( s p o )>>``), as an option (``reification=
                 statements``, for RDF 1.1 consumers) a reified ``rdf:Statement``
* inference      ``{statement IRI}-step-{n}`` — step n (from 1) of an inferred fact's path: a
                 ``schema:ListItem`` with ``schema:position`` and ``schema:item`` (the node)
* passages       ``{document IRI}#passage-{start}-{end}`` — the quoted passage of a source (an
                 ``oa:SpecificResource``) with its selectors ``#position-{start}-{end}`` and
                 ``#quote-{start}-{end}``, shared by every statement that quotes it
* change events  ``{ministry IRI}#change-{date}`` — the ``org:ChangeEvent`` that resulted in a
                 ministry on a day (renamed, merged, split or reorganised), with its original ministries
* tenures        ``{subject IRI}#t-{hash}`` — one per time-bounded fact (start, type, end, validity):
                 an n-ary ``hg:Ownership`` / ``hg:Administration`` / ``hg:Subordination`` with
                 ``xsd:date`` bounds; the plain triple is written only while the fact holds today
* named graphs   ``{base}/graph/document/{pct(doc id)}``, ``{base}/graph/registry``,
                 ``{base}/graph/entities`` (descriptions of extracted, unverified entities),
                 ``{base}/graph/responsibility`` (responsible ministries, derived by the rules)
* the dataset    ``{base}/rdf/dataset`` (DCAT + VoID); ``#registry``, ``#themes``,
                 ``#publisher``, ``#contact`` and ``#{format}`` distributions are fragments of it.

Only the standard library and schema.* may be imported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from schema.model import NODE_BY_LABEL, NODE_KINDS, REL_BY_TYPE, REL_TYPES, SUCCESSION_CHANGES
from schema import responsibility

# -- namespaces ------------------------------------------------------------------------------
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
OA = "http://www.w3.org/ns/oa#"
VCARD = "http://www.w3.org/2006/vcard/ns#"
# Own terms: a fixed namespace, independent of where an instance is deployed.
HG = "https://w3id.org/helsegraf/ns#"
ONTOLOGY_IRI = "https://w3id.org/helsegraf/ns"
WIKIDATA = "http://www.wikidata.org/entity/"
# The organisation register's human-readable page of an entity (rdfs:seeAlso; the API's JSON at
# .../api/enheter/{nr} is a response about the entity, not the entity, so no owl:sameAs).
BRREG = "https://data.brreg.no/enhetsregisteret/oppslag/enheter/"

PREFIXES: dict[str, str] = {
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "sh": SH, "org": ORG, "skos": SKOS,
    "dcterms": DCTERMS, "prov": PROV, "schema": SCHEMA, "foaf": FOAF, "dcat": DCAT, "void": VOID,
    "oa": OA, "vcard": VCARD, "hg": HG, "wd": WIKIDATA,
}
# Vocabularies the export uses (void:vocabulary).
VOCABULARIES = (ORG, SKOS, DCTERMS, PROV, SCHEMA, FOAF, DCAT, VOID, OWL, OA, HG)

RDF_TYPE = RDF + "type"
LANG_NB, LANG_EN = "nb", "en"

# -- literal kinds -------------------------------------------------------------------------
# How a property value becomes RDF:
LANG_NB_TEXT = "text@nb"  # rdf:langString tagged nb
LANG_EN_TEXT = "text@en"  # rdf:langString tagged en
STRING = "string"  # xsd:string
INTEGER = "integer"  # xsd:integer
DECIMAL = "decimal"  # xsd:decimal (lexical forms survive every syntax, unlike xsd:double)
BOOLEAN = "boolean"  # xsd:boolean
DATE = "date"  # xsd:date, xsd:gYearMonth or xsd:gYear by the value's precision
START_DATE = "date-start"  # xsd:date; a coarser value is its first day (2008 -> 2008-01-01)
END_DATE = "date-end"  # xsd:date; a coarser value is its last day (2013 -> 2013-12-31)
YEAR = "year"  # an integer year as xsd:gYear
IRI = "iri"  # an http(s) URL as an IRI
WIKIDATA_ID = "wikidata"  # a Q-id as a Wikidata entity IRI
ORG_NUMBER = "orgnr"  # a nine-digit organisation number as its Enhetsregisteret page (rdfs:seeAlso)
JSON_LIST = "json"  # a list of strings as one JSON-array string (order matters)

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
QID_RE = re.compile(r"^Q[1-9]\d*$")
ORGNR_RE = re.compile(r"^\d{9}$")


@dataclass(frozen=True)
class PropMap:
    """One model property → one predicate (``kind`` says how the value is written)."""

    prop: str
    predicate: str
    kind: str
    max_count: int | None = 1  # None: many (lists, or several values sharing a predicate)
    min_count: int = 0
    pattern: str | None = None
    values: tuple[str, ...] = ()  # allowed values (sh:in), if closed
    min_inclusive: float | None = None
    max_inclusive: float | None = None


@dataclass(frozen=True)
class KindMap:
    label: str
    segment: str  # the IRI path segment: {base}/id/{segment}/{id}
    cls: str  # the primary class; SHACL shapes target it
    extra_classes: tuple[str, ...] = ()
    props: tuple[PropMap, ...] = ()
    excluded: dict[str, str] = field(default_factory=dict)  # model prop -> why it is not exported
    graph: str = "entities"  # default named graph of the description: entities | registry | document


@dataclass(frozen=True)
class RelMap:
    """One relationship type → one predicate. ``inverse``: the triple is written from the end to
    the start (``?doc schema:mentions ?entity`` for an entity MENTIONED_IN a document), as is its
    statement's rdf:subject / rdf:object. ``also_inverse``: a standard predicate written in the
    other direction as well (``?proposal prov:wasAttributedTo ?author`` beside ``hg:proposes``)."""

    type: str
    predicate: str
    inverse: bool = False
    also_inverse: str | None = None


# -- node properties -----------------------------------------------------------------------
METHODS_PATTERN = r"^[a-z][a-z_]*$"
_ID = PropMap("id", DCTERMS + "identifier", STRING, min_count=1)
_NAME = PropMap("name", SKOS + "prefLabel", LANG_NB_TEXT)
_ALIASES = PropMap("aliases", SKOS + "altLabel", LANG_NB_TEXT, max_count=None)
_VERIFIED = PropMap("verified", HG + "verified", BOOLEAN)
_METHOD = PropMap("method", HG + "method", STRING, pattern=METHODS_PATTERN)
_CONFIDENCE = PropMap("confidence", HG + "confidence", DECIMAL, min_inclusive=0, max_inclusive=1)
COMMON_MAP = (_ID, _NAME, _ALIASES, _VERIFIED, _METHOD, _CONFIDENCE)
REGISTRY_MAP = (
    PropMap("nameEn", SKOS + "prefLabel", LANG_EN_TEXT),
    PropMap("abbreviation", HG + "abbreviation", STRING),
    PropMap("wikidata", OWL + "sameAs", WIKIDATA_ID, max_count=None),
    PropMap("orgNumber", HG + "orgNumber", STRING, pattern=r"^[0-9]{9}$"),
    PropMap("orgNumber", SCHEMA + "identifier", STRING, pattern=r"^[0-9]{9}$"),
    PropMap("sourceUrl", DCTERMS + "source", IRI),
    PropMap("uncertain", SKOS + "editorialNote", STRING),
)
# orgNumber is written three times: as hg:orgNumber (what it is), as schema:identifier (the
# standard term) and as rdfs:seeAlso the register's page of the entity. owl:sameAs only to Wikidata.
ORG_NUMBER_SEE_ALSO = PropMap("orgNumber", RDFS + "seeAlso", ORG_NUMBER, max_count=None)
SAME_AS_PATTERN = r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$"
SEE_ALSO_PATTERN = r"^https://data\.brreg\.no/enhetsregisteret/oppslag/enheter/[0-9]{9}$"
_SEARCH = {"searchText": "internal: folded text for the full-text index"}


def _values(label: str, prop: str) -> tuple[str, ...]:
    """The allowed values schema.model declares for an enumerated property (sh:in)."""
    return next(p.values for p in NODE_BY_LABEL[label].props if p.name == prop)
_ORG_EXTRA = (ORG + "FormalOrganization", SCHEMA + "GovernmentOrganization")

NODE_MAPS: tuple[KindMap, ...] = (
    KindMap("Organisation", "organisation", ORG + "Organization", (SCHEMA + "Organization",),
            COMMON_MAP + REGISTRY_MAP, _SEARCH),
    KindMap("Ministry", "ministry", HG + "Ministry", _ORG_EXTRA, COMMON_MAP + REGISTRY_MAP, _SEARCH),
    KindMap("Agency", "agency", HG + "Agency", _ORG_EXTRA, COMMON_MAP + REGISTRY_MAP, _SEARCH),
    KindMap("Instrument", "instrument", HG + "Instrument", (), COMMON_MAP + REGISTRY_MAP, _SEARCH),
    KindMap("InternationalExample", "international-example", HG + "InternationalExample", (),
            COMMON_MAP + REGISTRY_MAP, _SEARCH),
    KindMap("Country", "country", SCHEMA + "Country", (), COMMON_MAP + REGISTRY_MAP + (
        PropMap("iso", HG + "isoCode", STRING, pattern=r"^[A-Z]{2}$"),), _SEARCH),
    # People: by name, role and organisation only (and only with include_persons).
    KindMap("Person", "person", FOAF + "Person", (), (
        PropMap("name", FOAF + "name", STRING, min_count=1),
        PropMap("role", SCHEMA + "jobTitle", STRING),
    ), {"id": "privacy: a person is exported by name, role and organisation only",
        "aliases": "privacy", "verified": "privacy", "method": "privacy", "confidence": "privacy",
        **_SEARCH}),
    KindMap("Theme", "theme", SKOS + "Concept", (), COMMON_MAP, _SEARCH),
    KindMap("PolicyDocument", "policy-document", HG + "PolicyDocument", (SCHEMA + "CreativeWork",),
            COMMON_MAP + REGISTRY_MAP, _SEARCH),
    KindMap("Document", "document", FOAF + "Document", (PROV + "Entity",), COMMON_MAP + (
        PropMap("title", DCTERMS + "title", LANG_NB_TEXT),
        PropMap("date", DCTERMS + "date", DATE),
        PropMap("year", DCTERMS + "issued", YEAR),
        PropMap("docType", HG + "documentType", STRING),
        PropMap("sourceUrl", DCTERMS + "source", IRI),
        PropMap("path", HG + "fileName", STRING),
        PropMap("sha256", HG + "sha256", STRING, pattern=r"^[0-9a-f]{64}$"),
    ), {"text": "the full original text is not republished; quotes and spans point into it",
        "pipelineVersion": "bookkeeping for reloads (which extractor version read the file), not a fact",
        **_SEARCH}, graph="document"),
    KindMap("Proposal", "proposal", HG + "Proposal", (), COMMON_MAP + (
        PropMap("text", SCHEMA + "text", LANG_NB_TEXT),
        PropMap("section", HG + "section", LANG_NB_TEXT),
        PropMap("modality", HG + "modality", STRING),
        PropMap("intent", HG + "intent", STRING, values=_values("Proposal", "intent")),
    ), _SEARCH),
)
NODE_MAP_BY_LABEL = {k.label: k for k in NODE_MAPS}
NODE_MAP_BY_SEGMENT = {k.segment: k for k in NODE_MAPS}
LABEL_BY_CLASS = {k.cls: k.label for k in NODE_MAPS}

# Extra constant triples (predicate, object IRI relative to the dataset IRI) per kind.
THEME_SCHEME_FRAGMENT = "themes"
REGISTRY_FRAGMENT = "registry"
PUBLISHER_FRAGMENT = "publisher"
CONTACT_FRAGMENT = "contact"

# -- relationships -------------------------------------------------------------------------
REL_MAPS: tuple[RelMap, ...] = (
    RelMap("MENTIONED_IN", SCHEMA + "mentions", inverse=True),
    RelMap("EXTRACTED_FROM", PROV + "wasDerivedFrom"),
    RelMap("AUTHORED_BY", DCTERMS + "creator"),
    RelMap("ADDRESSED_TO", HG + "addressedTo"),
    RelMap("PROPOSES", HG + "proposes", also_inverse=PROV + "wasAttributedTo"),
    RelMap("MENTIONS", SCHEMA + "mentions"),
    RelMap("OWNED_BY", HG + "ownedBy"),
    RelMap("ADMINISTERED_BY", HG + "administeredBy"),
    RelMap("LOCATED_IN", SCHEMA + "location"),
    RelMap("AFFILIATED_WITH", ORG + "memberOf"),
    RelMap("PART_OF", ORG + "subOrganizationOf"),
    RelMap("HAS_THEME", DCTERMS + "subject"),
    RelMap("CITES", DCTERMS + "references"),
    RelMap("REPLACES", DCTERMS + "replaces", also_inverse=DCTERMS + "isReplacedBy"),
    RelMap("SIMILAR_TO", HG + "similarTo"),
)
REL_MAP_BY_TYPE = {r.type: r for r in REL_MAPS}
REL_PREDICATES = tuple(dict.fromkeys(r.predicate for r in REL_MAPS))

# Evidence on a relationship → properties of its reified rdf:Statement.
STATEMENT_PROPS: tuple[PropMap, ...] = (
    PropMap("source", PROV + "wasDerivedFrom", IRI, min_count=1),
    PropMap("quote", HG + "quote", LANG_NB_TEXT),
    PropMap("start", HG + "startOffset", INTEGER, min_inclusive=0),
    PropMap("end", HG + "endOffset", INTEGER, min_inclusive=0),
    PropMap("page", HG + "page", INTEGER, min_inclusive=1),
    PropMap("method", HG + "method", STRING, pattern=METHODS_PATTERN),
    PropMap("confidence", HG + "confidence", DECIMAL, min_inclusive=0, max_inclusive=1),
    PropMap("sourceUrl", PROV + "hadPrimarySource", IRI),
    PropMap("validFrom", SCHEMA + "validFrom", START_DATE),
    PropMap("validTo", SCHEMA + "validThrough", END_DATE),
    PropMap("basis", HG + "basis", STRING, values=("named", "addressee")),
    PropMap("role", HG + "role", STRING),
    PropMap("date", DCTERMS + "date", START_DATE),
    PropMap("change", HG + "change", STRING, values=SUCCESSION_CHANGES),
    PropMap("score", HG + "similarityScore", DECIMAL, min_inclusive=0, max_inclusive=1),
    PropMap("matched", HG + "matchedWords", JSON_LIST),
)
STATEMENT_PROP_BY_NAME = {p.prop: p for p in STATEMENT_PROPS}

# How a fact's evidence names the fact. RDF 1.2 (the default for the syntaxes that carry triple
# terms: N-Triples, N-Quads, Turtle, TriG, RDF/XML): the statement IRI is a reifier,
# ``st rdf:reifies <<( s p o )>>``. RDF 1.1 (``reification=statements``, and always in JSON-LD,
# which has no triple terms): ``st a rdf:Statement ; rdf:subject s ; rdf:predicate p ;
# rdf:object o``. The two are the same data otherwise: the one is the other with those four
# triples and that one exchanged (tests/test_rdf_reification.py checks it on the corpus).
TRIPLE_TERMS, STATEMENTS = "triple-terms", "statements"
REIFICATIONS = (TRIPLE_TERMS, STATEMENTS)
REIFIES = RDF + "reifies"
EVIDENCE = HG + "Evidence"  # the class of both (rdfs:domain of the evidence properties; not written)

# An inferred fact's path (the model's `path`: the ids the inference went through, in order) as
# RDF: one step per id, {statement IRI}-step-{n}, a schema:ListItem with its position (from 1) and
# the node (schema:item); an id the export cannot resolve to a node keeps it as dcterms:identifier.
INFERENCE_PATH_PROP = "path"
INFERENCE_STEP = HG + "inferenceStep"
LIST_ITEM, STEP_POSITION, STEP_ITEM = SCHEMA + "ListItem", SCHEMA + "position", SCHEMA + "item"
# The quoted passage's span (quoteStart, quoteEnd) is not a property of the statement: the statement
# points (hg:passage) at the passage, one Web Annotation oa:SpecificResource per document and span,
# shared by every statement quoting it, with an oa:TextPositionSelector (oa:start, oa:end) and an
# oa:TextQuoteSelector (oa:exact: the verbatim text of the source at that span).
PASSAGE_PROPS = ("quoteStart", "quoteEnd")
PASSAGE = HG + "passage"
SPECIFIC_RESOURCE, TEXT_QUOTE_SELECTOR, TEXT_POSITION_SELECTOR = (
    OA + "SpecificResource", OA + "TextQuoteSelector", OA + "TextPositionSelector")
HAS_SOURCE, HAS_SELECTOR, EXACT, OA_START, OA_END = (
    OA + "hasSource", OA + "hasSelector", OA + "exact", OA + "start", OA + "end")
# Time-bounded facts (relationship types that carry validFrom/validTo in the model) are also
# written as one n-ary node per fact: the class per type, the two parties, the bounds.
TENURE_CLASS: dict[str, str] = {
    "OWNED_BY": HG + "Ownership",
    "ADMINISTERED_BY": HG + "Administration",
    "PART_OF": HG + "Subordination",
}
TENURE = HG + "Tenure"  # their common superclass (not written; targeted by the shape for inference)
TENURE_ENTITY = HG + "entity"  # the one owned / administered / subordinate (the relationship's start)
TENURE_ORGANISATION = HG + "organisation"  # the owner / administrator / parent (its end)
TENURE_START, TENURE_END = SCHEMA + "startDate", SCHEMA + "endDate"  # xsd:date, inclusive
# The bound as the source states it, when coarser than a day (xsd:gYear or xsd:gYearMonth).
TENURE_STATED_START, TENURE_STATED_END = HG + "statedStart", HG + "statedEnd"
TENURE_PROPS: tuple[PropMap, ...] = (
    PropMap("validFrom", TENURE_START, START_DATE),
    PropMap("validTo", TENURE_END, END_DATE),
    PropMap("validFrom", TENURE_STATED_START, DATE),
    PropMap("validTo", TENURE_STATED_END, DATE),
    PropMap("source", PROV + "wasDerivedFrom", IRI, min_count=1, max_count=None),
    PropMap("sourceUrl", PROV + "hadPrimarySource", IRI, max_count=None),
)

# A ministry's successions (REPLACES, from the successor): besides the plain dcterms:replaces, one
# W3C ORG change event per resulting ministry and day, shared by the ministries it took over from
# (a merger is one event with several original organisations).
CHANGE_EVENT = ORG + "ChangeEvent"
CHANGE_ORIGINAL, CHANGE_RESULTING = ORG + "originalOrganization", ORG + "resultingOrganization"
CHANGE_DATE = DCTERMS + "date"  # xsd:date: the day the change took effect

# On relationships that involve a person, only these evidence properties are exported.
PERSON_STATEMENT_PROPS = ("source", "start", "end", "page", "method", "confidence", "role")
# Relationship types a person may appear in when persons are exported at all.
PERSON_REL_TYPES = ("AFFILIATED_WITH",)


# Responsibility (the answer GraphQL's `responsibility` gives, by the rule schema/responsibility.py
# declares): a plain triple per measure and ministry, and one n-ary node per (measure, ministry,
# basis, path) with the evidence statements it rests on. The measures in the export's order.
RESPONSIBILITY_MEASURES = tuple(sorted(responsibility.MEASURES))
RESPONSIBLE_MINISTRY = HG + "responsibleMinistry"
RESPONSIBILITY = HG + "Responsibility"
RESPONSIBILITY_MEASURE, RESPONSIBILITY_MINISTRY = HG + "measure", HG + "ministry"
RESPONSIBILITY_BASIS = PropMap("basis", HG + "basis", STRING, min_count=1,
                               values=tuple(b.rdf for b in responsibility.BASES))
RESPONSIBILITY_AT = PropMap("at", HG + "checkedAt", DATE, min_count=1)
# why, in words: the declaration's explanation of the path (and basis) the answer was found on
RESPONSIBILITY_EXPLANATION = PropMap("explanation", RDFS + "comment", LANG_EN_TEXT, min_count=1)
RESPONSIBILITY_EXPLANATIONS = tuple(dict.fromkeys(p.explain(b) for p in responsibility.PATHS for b in p.bases))
RESPONSIBILITY_VIA = HG + "via"  # the nodes between measure and ministry (an instrument, an agency)
RESPONSIBILITY_GRAPH_PATH = "/graph/responsibility"

# The super-property of each own property, as schema/ontology.ttl declares it (a test keeps the two
# equal). Under RDFS entailment a node also has the super-properties of its properties, so the
# closed shapes ignore them (and the standard properties' own supers, below).
SUPER_PROPERTY: dict[str, str] = {
    HG + "abbreviation": SCHEMA + "alternateName",
    HG + "addressedTo": SCHEMA + "recipient",
    HG + "administeredBy": SCHEMA + "provider",
    HG + "documentType": SCHEMA + "genre",
    HG + "entity": DCTERMS + "relation",
    HG + "isoCode": SCHEMA + "identifier",
    HG + "measure": DCTERMS + "relation",
    HG + "ministry": DCTERMS + "relation",
    HG + "orgNumber": SCHEMA + "identifier",
    HG + "organisation": DCTERMS + "relation",
    HG + "ownedBy": PROV + "wasInfluencedBy",
    HG + "page": SCHEMA + "pagination",
    HG + "proposes": DCTERMS + "relation",
    HG + "responsibleMinistry": PROV + "wasInfluencedBy",
    HG + "role": SCHEMA + "roleName",
    HG + "section": SCHEMA + "articleSection",
    HG + "similarTo": DCTERMS + "relation",
    HG + "via": DCTERMS + "relation",
}
# Entailments of the standard vocabularies the shapes allow for: sub-properties (SKOS, ORG, FOAF
# as they declare them) and ORG's org:FormalOrganization rdfs:subClassOf org:Organization.
STANDARD_SUPER_PROPERTY: dict[str, str] = {
    SKOS + "prefLabel": RDFS + "label", SKOS + "altLabel": RDFS + "label",
    ORG + "subOrganizationOf": ORG + "transitiveSubOrganizationOf",
    FOAF + "name": RDFS + "label",
}
STANDARD_SUPER_CLASS: dict[str, str] = {ORG + "FormalOrganization": ORG + "Organization"}

# Own properties with no rdfs:subPropertyOf in schema/ontology.ttl, and why: every other own
# property has a super-property in ORG, schema.org, DCTERMS, PROV or SKOS (a test checks both).
OWN_PROPERTIES_WITHOUT_STANDARD_SUPER: dict[str, str] = {
    HG + "verified": "no standard term says 'in the curated registry'",
    HG + "method": "the extraction method; PROV would need an activity per fact",
    HG + "confidence": "no standard confidence score in these vocabularies",
    HG + "quote": "the Web Annotation oa:exact is the nearest (rdfs:seeAlso), outside these vocabularies",
    HG + "startOffset": "oa:start is the nearest (rdfs:seeAlso), outside these vocabularies",
    HG + "endOffset": "oa:end is the nearest (rdfs:seeAlso), outside these vocabularies",
    HG + "inferenceStep": "a step of an inferred fact's path (a schema:ListItem); schema:itemListElement "
                          "is the nearest (rdfs:seeAlso), but its domain is a schema:ItemList",
    HG + "passage": "oa:hasTarget is the nearest (rdfs:seeAlso), but its domain is oa:Annotation",
    HG + "similarityScore": "how alike two proposals are; no standard score in these vocabularies",
    HG + "matchedWords": "the words a theme or a similarity was recognised by; no standard term",
    HG + "basis": "why a proposal counts as addressed to a body, or a ministry responsible; no standard term",
    HG + "checkedAt": "the day a responsibility was checked at; no standard term",
    HG + "modality": "the modal verb of a proposal; no standard term",
    HG + "intent": "what a proposal does (ask, commitment, goal); no standard term",
    HG + "fileName": "the file name in the corpus; no standard term",
    HG + "sha256": "a digest; the nearest (spdx:checksum) is outside these vocabularies",
    HG + "statedStart": "a second start would break schema:startDate's one xsd:date (rdfs:seeAlso)",
    HG + "statedEnd": "a second end would break schema:endDate's one xsd:date (rdfs:seeAlso)",
    HG + "change": "what became of a ministry (renamed, merged, split, reorganised); ORG has no such term",
}
STANDARD_NAMESPACES = (ORG, SCHEMA, DCTERMS, PROV, SKOS)


# -- IRIs ------------------------------------------------------------------------------------
def segment_id(id_: str) -> str:
    """An id as one IRI path segment: every byte but unreserved ASCII percent-encoded; ``.``
    and ``..`` encoded too, so no client resolves them as dot-segments."""
    s = quote(id_, safe="")
    if s in (".", ".."):
        s = s.replace(".", "%2E")
    return s


def resource_path(label: str, id_: str) -> str:
    """``/id/{segment}/{pct(id)}`` — append to the base IRI."""
    return f"/id/{NODE_MAP_BY_LABEL[label].segment}/{segment_id(id_)}"


def document_graph_path(doc_id: str) -> str:
    return "/graph/registry" if doc_id == "registry" else f"/graph/document/{segment_id(doc_id)}"


ENTITIES_GRAPH_PATH = "/graph/entities"
DATASET_PATH = "/rdf/dataset"


def label_for(kind: str) -> str | None:
    """A label from a kind as a user writes it: ``Ministry``, ``ministry``,
    ``international-example`` or ``InternationalExample`` (case-insensitive)."""
    k = kind.strip()
    if k in NODE_MAP_BY_LABEL:
        return k
    if k.lower() in NODE_MAP_BY_SEGMENT:
        return NODE_MAP_BY_SEGMENT[k.lower()].label
    folded = k.lower().replace("-", "").replace("_", "")
    for m in NODE_MAPS:
        if m.label.lower() == folded:
            return m.label
    return None


# -- checks against the model ------------------------------------------------------------------
def mapping_problems() -> list[str]:
    """Everything in the model this mapping does not account for (empty when in sync)."""
    problems = []
    for kind in NODE_KINDS:
        m = NODE_MAP_BY_LABEL.get(kind.label)
        if m is None:
            problems.append(f"node kind {kind.label} is not mapped")
            continue
        mapped = {p.prop for p in m.props}
        for prop in kind.prop_names:
            if prop not in mapped and prop not in m.excluded:
                problems.append(f"{kind.label}.{prop} is neither mapped nor excluded")
        for prop in mapped | set(m.excluded):
            if prop not in kind.prop_names:
                problems.append(f"{kind.label}.{prop} is mapped but not in the model")
        for p in kind.props:
            pm = next((x for x in m.props if x.prop == p.name), None)
            if pm is not None and p.values and tuple(pm.values) != tuple(p.values):
                problems.append(f"{kind.label}.{p.name}: sh:in values differ from the model's")
    for label in NODE_MAP_BY_LABEL:
        if label not in NODE_BY_LABEL:
            problems.append(f"mapped kind {label} is not in the model")
    for rt in REL_TYPES:
        if rt.type not in REL_MAP_BY_TYPE:
            problems.append(f"relationship type {rt.type} is not mapped")
        for prop in rt.props:
            if prop.name not in STATEMENT_PROP_BY_NAME and prop.name not in PASSAGE_PROPS \
                    and prop.name != INFERENCE_PATH_PROP:
                problems.append(f"{rt.type}.{prop.name} has no statement property")
    for t in REL_MAP_BY_TYPE:
        if t not in REL_BY_TYPE:
            problems.append(f"mapped relationship type {t} is not in the model")
    for rt in REL_TYPES:
        timed = any(p.name in ("validFrom", "validTo") for p in rt.props)
        if timed != (rt.type in TENURE_CLASS):
            problems.append(f"relationship type {rt.type}: time-bounded in the model "
                            f"{'but' if timed else 'not, yet'} has {'no' if timed else 'a'} tenure class")
    for a in REL_MAPS:
        for b in REL_MAPS:
            if a.type < b.type and a.predicate == b.predicate and (
                    (REL_BY_TYPE[a.type].start, REL_BY_TYPE[a.type].end)[a.inverse]
                    == (REL_BY_TYPE[b.type].start, REL_BY_TYPE[b.type].end)[b.inverse]):
                problems.append(f"{a.type} and {b.type} share a predicate and its subjects' kinds")
    if len(NODE_MAP_BY_SEGMENT) != len(NODE_MAPS) or len(LABEL_BY_CLASS) != len(NODE_MAPS):
        problems.append("two kinds share a segment or a primary class")
    return problems


def own_terms() -> set[str]:
    """Every hg: term the mapping uses (the ontology must declare each)."""
    terms = set()
    for m in NODE_MAPS:
        terms |= {t for t in (m.cls, *m.extra_classes) if t.startswith(HG)}
        terms |= {p.predicate for p in m.props if p.predicate.startswith(HG)}
    terms |= {p for r in REL_MAPS for p in (r.predicate, r.also_inverse) if p and p.startswith(HG)}
    terms |= {p.predicate for p in STATEMENT_PROPS if p.predicate.startswith(HG)}
    terms |= {c for c in (TENURE, *TENURE_CLASS.values()) if c.startswith(HG)}
    terms |= {p.predicate for p in TENURE_PROPS if p.predicate.startswith(HG)}
    terms |= {t for t in (TENURE_ENTITY, TENURE_ORGANISATION) if t.startswith(HG)}
    terms |= {PASSAGE, INFERENCE_STEP, EVIDENCE}
    terms |= {RESPONSIBLE_MINISTRY, RESPONSIBILITY, RESPONSIBILITY_MEASURE, RESPONSIBILITY_MINISTRY,
              RESPONSIBILITY_BASIS.predicate, RESPONSIBILITY_AT.predicate, RESPONSIBILITY_VIA}
    return terms


def rel_predicates_for(label: str, *, include_persons: bool = True) -> list[tuple[str, str, tuple[str, ...]]]:
    """(predicate, relationship type, object labels) for every relationship triple a node of
    ``label`` may be the subject of (inverse predicates included)."""
    out = []
    for rt in REL_TYPES:
        rm = REL_MAP_BY_TYPE[rt.type]
        for subjects, objects, predicate in ((rt.start, rt.end, None if rm.inverse else rm.predicate),
                                             (rt.end, rt.start, rm.predicate if rm.inverse else rm.also_inverse)):
            if predicate is None or label not in subjects:
                continue
            if label == "Person" and rt.type not in PERSON_REL_TYPES:
                continue
            ends = objects
            if not include_persons or rt.type not in PERSON_REL_TYPES:
                ends = tuple(e for e in ends if e != "Person")
            if ends:
                out.append((predicate, rt.type, ends))
    return out


# -- SHACL shapes (generated) --------------------------------------------------------------------
SHAPES_PATH = Path(__file__).with_name("shapes.ttl")
ONTOLOGY_PATH = Path(__file__).with_name("ontology.ttl")
SHAPES_NS = "https://w3id.org/helsegraf/shapes#"

_XSD_BY_KIND = {STRING: "xsd:string", INTEGER: "xsd:integer", DECIMAL: "xsd:decimal",
                BOOLEAN: "xsd:boolean", JSON_LIST: "xsd:string", YEAR: "xsd:gYear"}


def _q(iri: str) -> str:
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and re.match(r"^[A-Za-z][A-Za-z0-9_-]*$", iri[len(ns):]):
            return f"{p}:{iri[len(ns):]}"
    return f"<{iri}>"


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _value_constraints(p: PropMap, *, extra: list[str] | None = None) -> list[str]:
    c = list(extra or [])
    if p.kind in (LANG_NB_TEXT, LANG_EN_TEXT):
        c += ["sh:datatype rdf:langString",
              f"sh:languageIn ( {_lit(LANG_NB if p.kind == LANG_NB_TEXT else LANG_EN)} )"]
    elif p.kind == DATE:
        c.append("sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYearMonth ] [ sh:datatype xsd:gYear ] )")
    elif p.kind in (START_DATE, END_DATE):
        c.append("sh:datatype xsd:date")
    elif p.kind in (IRI, WIKIDATA_ID, ORG_NUMBER):
        c += ["sh:nodeKind sh:IRI", r'sh:pattern "^https?://"']
    else:
        c.append(f"sh:datatype {_XSD_BY_KIND[p.kind]}")
    if p.pattern and p.kind not in (IRI, WIKIDATA_ID, ORG_NUMBER):
        c.append(f"sh:pattern {_lit(p.pattern)}")
    if p.values:
        c.append("sh:in ( " + " ".join(_lit(v) for v in p.values) + " )")
    if p.min_inclusive is not None:
        c.append(f"sh:minInclusive {_num(p.min_inclusive)}")
    if p.max_inclusive is not None:
        c.append(f"sh:maxInclusive {_num(p.max_inclusive)}")
    return c


def _property(path: str, constraints: list[str], min_count: int, max_count: int | None,
              name: str | None = None) -> str:
    lines = [f"sh:path {_q(path)}"]
    if name:
        lines.append(f"sh:name {_lit(name)}")
    if min_count:
        lines.append(f"sh:minCount {min_count}")
    if max_count is not None:
        lines.append(f"sh:maxCount {max_count}")
    lines += constraints
    return "    sh:property [\n        " + " ;\n        ".join(lines) + "\n    ]"


def _class_alternatives(labels: tuple[str, ...]) -> str:
    classes = [NODE_MAP_BY_LABEL[l].cls for l in labels]
    if len(classes) == 1:
        return f"sh:class {_q(classes[0])}"
    return "sh:or ( " + " ".join(f"[ sh:class {_q(c)} ]" for c in classes) + " )"


def _node_shape(m: KindMap) -> str:
    props: list[str] = []
    by_pred: dict[str, list[PropMap]] = {}
    for p in m.props:
        by_pred.setdefault(p.predicate, []).append(p)
    if m.label in ("Organisation", "Ministry", "Agency", "Instrument", "InternationalExample", "Country",
                   "PolicyDocument"):
        by_pred.setdefault(RDFS + "seeAlso", []).append(ORG_NUMBER_SEE_ALSO)
    for pred, plist in by_pred.items():
        if pred == SKOS + "prefLabel":  # nb and en names share the predicate: one per language
            props.append(_property(pred, ["sh:datatype rdf:langString", 'sh:languageIn ( "nb" "en" )',
                                          "sh:uniqueLang true"], 1 if m.label != "Person" else 0, None,
                                   "name (nb) / nameEn (en)"))
            continue
        if pred == OWL + "sameAs":
            props.append(_property(pred, ["sh:nodeKind sh:IRI", f"sh:pattern {_lit(SAME_AS_PATTERN)}"], 0,
                                   None, "the Wikidata entity"))
            continue
        if pred == RDFS + "seeAlso":
            props.append(_property(pred, ["sh:nodeKind sh:IRI", f"sh:pattern {_lit(SEE_ALSO_PATTERN)}"], 0, 1,
                                   "the organisation register's page"))
            continue
        p = plist[0]
        subs = sorted(_q(q) for q in by_pred if q != pred and pred in _supers(q))
        if subs:  # under entailment it also holds its sub-properties' values: only their common kind
            props.append(_property(pred, [f"sh:datatype {_XSD_BY_KIND[p.kind]}"], p.min_count, None,
                                   f"{p.prop}, and by entailment {', '.join(subs)}"))
            continue
        props.append(_property(pred, _value_constraints(p), p.min_count, p.max_count, p.prop))
    if m.label == "Theme":
        props.append(_property(SKOS + "inScheme", ["sh:nodeKind sh:IRI", "sh:class skos:ConceptScheme"], 1, 1,
                               "the theme scheme"))
    rels: dict[str, tuple[list[str], list[str]]] = {}  # predicate -> (types, object labels)
    for predicate, rtype, ends in rel_predicates_for(m.label):
        types, labels = rels.setdefault(predicate, ([], []))
        types.append(rtype)
        labels += [e for e in ends if e not in labels]
    if m.label in RESPONSIBILITY_MEASURES:
        rels[RESPONSIBLE_MINISTRY] = (["responsibility"], ["Ministry"])
    for predicate, (types, labels) in rels.items():
        props.append(_property(predicate, ["sh:nodeKind sh:IRI", _class_alternatives(tuple(labels))], 0, None,
                               " / ".join(types)))
    ignored = " ".join(_q(p) for p in _ignored(m, [pred for pred in by_pred] + list(rels)))
    head = (f"shapes:{m.label}Shape a sh:NodeShape ;\n    sh:targetClass {_q(m.cls)} ;\n"
            f"    rdfs:label {_lit(m.label)} ;\n    rdfs:comment {_lit(NODE_BY_LABEL[m.label].doc)}@en ;\n"
            f"    sh:closed true ;\n    sh:ignoredProperties ( {ignored} ) ;\n")
    return head + " ;\n".join(props) + " .\n"


def _supers(predicate: str) -> list[str]:
    out, seen = [], {predicate}
    while True:
        predicate = SUPER_PROPERTY.get(predicate) or STANDARD_SUPER_PROPERTY.get(predicate)
        if predicate is None or predicate in seen:
            return out
        seen.add(predicate)
        out.append(predicate)


def _classes_of(m: KindMap) -> set[str]:
    """The classes a node of kind `m` has, with the standard subclass axioms the shapes allow for."""
    classes = {m.cls, *m.extra_classes}
    return classes | {STANDARD_SUPER_CLASS[c] for c in classes if c in STANDARD_SUPER_CLASS}


def _ignored(m: KindMap, allowed: list[str]) -> list[str]:
    """A closed shape ignores rdf:type, the super-properties of what it allows, and what the kinds
    whose nodes it also targets under entailment (an hg:Ministry is an org:Organization) may have
    (their own shapes check those)."""
    own = set(allowed)
    extra = [p for p in allowed for p in _supers(p)]
    for other in NODE_MAPS:
        if other is not m and m.cls in _classes_of(other):
            preds = [p.predicate for p in other.props] + [pr for pr, _, _ in rel_predicates_for(other.label)]
            if other.label in RESPONSIBILITY_MEASURES:
                preds.append(RESPONSIBLE_MINISTRY)
            if other.label in ("Organisation", "Ministry", "Agency", "Instrument", "InternationalExample",
                               "Country", "PolicyDocument"):
                preds.append(RDFS + "seeAlso")
            extra += [q for p in preds for q in (p, *_supers(p))]
    return [RDF_TYPE] + sorted({p for p in extra if p not in own and p != RDF_TYPE})


def _statement_shape() -> str:
    preds = " ".join(_q(p) for p in REL_PREDICATES)
    props = [
        _property(RDF + "subject", ["sh:nodeKind sh:IRI"], 1, 1, "subject"),
        _property(RDF + "predicate", [f"sh:in ( {preds} )"], 1, 1, "predicate"),
        _property(RDF + "object", ["sh:nodeKind sh:IRI"], 1, 1, "object"),
    ]
    for p in STATEMENT_PROPS:
        extra = []
        if p.prop == "source":
            extra = ["sh:or ( [ sh:class foaf:Document ] [ sh:class prov:Entity ] )"]
        if p.prop == "start":
            extra = ["sh:lessThanOrEquals hg:endOffset"]
        props.append(_property(p.predicate, _value_constraints(p, extra=extra), p.min_count, p.max_count, p.prop))
    props.append(_property(PASSAGE, ["sh:nodeKind sh:IRI", "sh:class oa:SpecificResource"], 0, 1,
                           "the quoted passage"))
    props.append(_property(INFERENCE_STEP, ["sh:nodeKind sh:IRI", "sh:class schema:ListItem"], 0, None,
                           "the steps of an inferred fact's path"))
    return ("shapes:StatementShape a sh:NodeShape ;\n    sh:targetClass rdf:Statement ;\n"
            '    rdfs:label "Statement" ;\n'
            '    rdfs:comment "A relationship of the graph with its evidence from one source: source document, '
            'quote, character span, page, method, confidence, validity (RDF 1.1 reification; in RDF 1.2 the '
            'same node is the reifier of the fact\'s triple term, rdf:reifies, instead of its rdf:subject, '
            'rdf:predicate and rdf:object)."@en ;\n'
            + _closed([RDF + "subject", RDF + "predicate", RDF + "object", *(p.predicate for p in STATEMENT_PROPS),
                       PASSAGE, INFERENCE_STEP])
            + " ;\n".join(props) + " .\n")


def _closed(allowed: list[str]) -> str:
    """Closed, ignoring rdf:type and the super-properties of what is allowed (RDFS entailment)."""
    ignored = [RDF_TYPE] + sorted({q for p in allowed for q in _supers(p)} - set(allowed) - {RDF_TYPE})
    return f"    sh:closed true ;\n    sh:ignoredProperties ( {' '.join(_q(p) for p in ignored)} ) ;\n"


def _tenure_shape() -> str:
    """One shape for the tenure nodes of every time-bounded relationship type."""
    starts = tuple(l for t in TENURE_CLASS for l in REL_BY_TYPE[t].start)
    ends = tuple(l for t in TENURE_CLASS for l in REL_BY_TYPE[t].end)
    props = [
        _property(TENURE_ENTITY, ["sh:nodeKind sh:IRI", _class_alternatives(tuple(dict.fromkeys(starts)))], 1, 1,
                  "the one owned, administered or subordinate"),
        _property(TENURE_ORGANISATION, ["sh:nodeKind sh:IRI", _class_alternatives(tuple(dict.fromkeys(ends)))],
                  1, 1, "the owner, administrator or parent"),
    ]
    for p in TENURE_PROPS:
        extra = ["sh:lessThanOrEquals schema:endDate"] if p.predicate == TENURE_START else []
        if p.kind == DATE:
            extra = ["sh:or ( [ sh:datatype xsd:gYearMonth ] [ sh:datatype xsd:gYear ] )"]
            props.append(_property(p.predicate, extra, 0, 1, p.prop + " as stated"))
            continue
        props.append(_property(p.predicate, _value_constraints(p, extra=extra), p.min_count, p.max_count, p.prop))
    targets = " , ".join(_q(c) for c in (TENURE, *TENURE_CLASS.values()))
    return ("shapes:TenureShape a sh:NodeShape ;\n"
            f"    sh:targetClass {targets} ;\n"
            '    rdfs:label "Tenure" ;\n'
            '    rdfs:comment "A time-bounded fact as an n-ary node: who owns, administers or contains whom, '
            'from when until when (xsd:date, inclusive), on what sources."@en ;\n'
            + _closed([TENURE_ENTITY, TENURE_ORGANISATION, *(p.predicate for p in TENURE_PROPS)])
            + " ;\n".join(props) + " .\n")


def _change_event_shape() -> str:
    starts = _class_alternatives(REL_BY_TYPE["REPLACES"].start)
    props = [
        _property(CHANGE_RESULTING, ["sh:nodeKind sh:IRI", starts], 1, 1, "the ministry that resulted"),
        _property(CHANGE_ORIGINAL, ["sh:nodeKind sh:IRI", _class_alternatives(REL_BY_TYPE["REPLACES"].end)], 1, None,
                  "the ministries it took over from"),
        _property(CHANGE_DATE, ["sh:datatype xsd:date"], 1, 1, "the day the change took effect"),
        _property(PROV + "wasDerivedFrom", ["sh:nodeKind sh:IRI"], 1, None, "the sources"),
        _property(PROV + "hadPrimarySource", ["sh:nodeKind sh:IRI"], 0, None, "the pages that say so"),
    ]
    return ("shapes:ChangeEventShape a sh:NodeShape ;\n    sh:targetClass org:ChangeEvent ;\n"
            '    rdfs:label "Change event (W3C ORG)" ;\n'
            '    rdfs:comment "A ministry renamed, merged, split or reorganised into another on a day: the '
            'original and resulting ministries, the day (xsd:date), the sources."@en ;\n'
            + _closed([CHANGE_RESULTING, CHANGE_ORIGINAL, CHANGE_DATE, PROV + "wasDerivedFrom",
                       PROV + "hadPrimarySource"])
            + " ;\n".join(props) + " .\n")


def _responsibility_shape() -> str:
    props = [
        _property(RESPONSIBILITY_MEASURE, ["sh:nodeKind sh:IRI", _class_alternatives(RESPONSIBILITY_MEASURES)], 1, 1,
                  "the measure"),
        _property(RESPONSIBILITY_MINISTRY, ["sh:nodeKind sh:IRI", "sh:class hg:Ministry"], 1, 1, "the ministry"),
        _property(RESPONSIBILITY_BASIS.predicate, _value_constraints(RESPONSIBILITY_BASIS), 1, 1, "basis"),
        _property(RESPONSIBILITY_AT.predicate, _value_constraints(RESPONSIBILITY_AT), 1, 1, "checked at"),
        _property(RESPONSIBILITY_EXPLANATION.predicate, _value_constraints(RESPONSIBILITY_EXPLANATION) + [
            "sh:in ( " + " ".join(f"{_lit(e)}@{LANG_EN}" for e in RESPONSIBILITY_EXPLANATIONS) + " )"], 1, 1,
            "why, in words"),
        _property(RESPONSIBILITY_VIA, ["sh:nodeKind sh:IRI"], 0, None, "the nodes between"),
        _property(PROV + "wasDerivedFrom", ["sh:nodeKind sh:IRI", "sh:class rdf:Statement"], 1, None,
                  "the statements along the path"),
    ]
    return ("shapes:ResponsibilityShape a sh:NodeShape ;\n    sh:targetClass hg:Responsibility ;\n"
            '    rdfs:label "Responsibility" ;\n'
            '    rdfs:comment "Why a ministry is responsible for a measure: the basis, why in words (the rule\'s '
            'explanation of the path), the nodes between, the day it was checked at and the statements it rests '
            'on (schema/responsibility.py declares the bases, paths and explanations)."@en ;\n'
            + _closed([RESPONSIBILITY_MEASURE, RESPONSIBILITY_MINISTRY, RESPONSIBILITY_BASIS.predicate,
                       RESPONSIBILITY_AT.predicate, RESPONSIBILITY_EXPLANATION.predicate, RESPONSIBILITY_VIA,
                       PROV + "wasDerivedFrom"])
            + " ;\n".join(props) + " .\n")


_STATIC_SHAPES = '''
shapes:EvidenceShape a sh:NodeShape ;
    sh:targetClass hg:Evidence ;
    rdfs:label "Evidence of a fact" ;
    rdfs:comment "A statement node (hg:Evidence by the domain of its properties): it names its fact either as the reifier of an RDF 1.2 triple term or as an RDF 1.1 rdf:Statement, and derives from one source."@en ;
    sh:xone ( [ sh:path rdf:reifies ; sh:minCount 1 ; sh:maxCount 1 ]
              [ sh:path rdf:subject ; sh:minCount 1 ; sh:maxCount 1 ] ) ;
    sh:property [ sh:path prov:wasDerivedFrom ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] .

shapes:InferenceStepShape a sh:NodeShape ;
    sh:targetClass schema:ListItem ;
    rdfs:label "Step of an inference path" ;
    rdfs:comment "One step (from 1, in order) of the path an inferred fact was derived through: the node, or its id where the export has no node for it."@en ;
    sh:closed true ;
    sh:ignoredProperties ( rdf:type ) ;
    sh:property [ sh:path schema:position ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ;
                  sh:minInclusive 1 ] ;
    sh:property [ sh:path schema:item ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path dcterms:identifier ; sh:maxCount 1 ; sh:datatype xsd:string ] ;
    sh:xone ( [ sh:path schema:item ; sh:minCount 1 ] [ sh:path dcterms:identifier ; sh:minCount 1 ] ) .

shapes:PassageShape a sh:NodeShape ;
    sh:targetClass oa:SpecificResource ;
    rdfs:label "Quoted passage (Web Annotation)" ;
    rdfs:comment "A passage of a source document that statements quote: the document and the passage's selectors."@en ;
    sh:closed true ;
    sh:ignoredProperties ( rdf:type ) ;
    sh:property [ sh:path oa:hasSource ; sh:minCount 1 ; sh:maxCount 1 ; sh:class foaf:Document ] ;
    sh:property [ sh:path oa:hasSelector ; sh:minCount 1 ; sh:maxCount 2 ; sh:nodeKind sh:IRI ;
                  sh:or ( [ sh:class oa:TextPositionSelector ] [ sh:class oa:TextQuoteSelector ] ) ] ;
    sh:property [ sh:path oa:hasSelector ; sh:qualifiedValueShape [ sh:class oa:TextPositionSelector ] ;
                  sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1 ] .

shapes:TextPositionSelectorShape a sh:NodeShape ;
    sh:targetClass oa:TextPositionSelector ;
    rdfs:label "Position of a passage" ;
    rdfs:comment "Character offsets (Unicode code points, from 0, end exclusive) of the passage in the text the loader read from the file."@en ;
    sh:closed true ;
    sh:ignoredProperties ( rdf:type ) ;
    sh:property [ sh:path oa:start ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:nonNegativeInteger ;
                  sh:lessThanOrEquals oa:end ] ;
    sh:property [ sh:path oa:end ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:nonNegativeInteger ] .

shapes:TextQuoteSelectorShape a sh:NodeShape ;
    sh:targetClass oa:TextQuoteSelector ;
    rdfs:label "Verbatim text of a passage" ;
    rdfs:comment "The passage exactly as it stands in the text the loader read from the file."@en ;
    sh:closed true ;
    sh:ignoredProperties ( rdf:type ) ;
    sh:property [ sh:path oa:exact ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ; sh:minLength 1 ] .

shapes:DatasetShape a sh:NodeShape ;
    sh:targetClass dcat:Dataset ;
    rdfs:label "Dataset (DCAT)" ;
    sh:property [ sh:path dcterms:title ; sh:minCount 1 ; sh:datatype rdf:langString ; sh:uniqueLang true ] ;
    sh:property [ sh:path dcterms:description ; sh:minCount 1 ; sh:datatype rdf:langString ; sh:uniqueLang true ] ;
    sh:property [ sh:path dcterms:publisher ; sh:minCount 1 ; sh:maxCount 1 ; sh:class foaf:Agent ] ;
    sh:property [ sh:path dcterms:license ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path dcat:version ; sh:maxCount 1 ; sh:datatype xsd:string ] ;
    sh:property [ sh:path dcterms:issued ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:date ] ;
    sh:property [ sh:path dcterms:modified ; sh:maxCount 0 ] ;
    sh:property [ sh:path dcterms:language ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path dcterms:temporal ; sh:maxCount 1 ; sh:node shapes:PeriodShape ] ;
    sh:property [ sh:path dcat:distribution ; sh:minCount 1 ; sh:class dcat:Distribution ] ;
    sh:property [ sh:path dcat:contactPoint ; sh:maxCount 1 ; sh:class vcard:Kind ; sh:node shapes:ContactShape ] .

shapes:ContactShape a sh:NodeShape ;
    rdfs:label "Contact point (vCard)" ;
    sh:property [ sh:path vcard:fn ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ] ;
    sh:property [ sh:path vcard:hasURL ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ;
                  sh:pattern "^https?://" ] .

shapes:PeriodShape a sh:NodeShape ;
    sh:property [ sh:path dcat:startDate ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:date ;
                  sh:lessThanOrEquals dcat:endDate ] ;
    sh:property [ sh:path dcat:endDate ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:date ] .

shapes:VoidDatasetShape a sh:NodeShape ;
    sh:targetClass void:Dataset ;
    rdfs:label "Dataset statistics (VoID)" ;
    sh:property [ sh:path void:triples ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0 ] ;
    sh:property [ sh:path void:entities ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0 ] ;
    sh:property [ sh:path void:classes ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0 ] ;
    sh:property [ sh:path void:properties ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0 ] ;
    sh:property [ sh:path void:classPartition ; sh:node shapes:ClassPartitionShape ] ;
    sh:property [ sh:path void:propertyPartition ; sh:node shapes:PropertyPartitionShape ] ;
    sh:property [ sh:path void:subset ; sh:class void:Dataset ] .

shapes:ClassPartitionShape a sh:NodeShape ;
    sh:property [ sh:path void:class ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path void:entities ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ] .

shapes:PropertyPartitionShape a sh:NodeShape ;
    sh:property [ sh:path void:property ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path void:triples ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ] .

shapes:DistributionShape a sh:NodeShape ;
    sh:targetClass dcat:Distribution ;
    rdfs:label "Distribution (DCAT)" ;
    sh:property [ sh:path dcat:downloadURL ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path dcat:accessURL ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path dcat:mediaType ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ;
                  sh:pattern "^https://www\\\\.iana\\\\.org/assignments/media-types/" ] ;
    sh:property [ sh:path dcterms:format ; sh:minCount 1 ; sh:datatype xsd:string ] ;
    sh:property [ sh:path dcterms:title ; sh:minCount 1 ] .

shapes:AgentShape a sh:NodeShape ;
    sh:targetClass foaf:Agent ;
    rdfs:label "Publisher" ;
    sh:property [ sh:path foaf:name ; sh:minCount 1 ] .

shapes:ConceptSchemeShape a sh:NodeShape ;
    sh:targetClass skos:ConceptScheme ;
    rdfs:label "Concept scheme" ;
    sh:property [ sh:path skos:prefLabel ; sh:minCount 1 ; sh:datatype rdf:langString ; sh:uniqueLang true ] .

shapes:SourceShape a sh:NodeShape ;
    sh:targetClass prov:Entity ;
    rdfs:label "Source (document or registry)" ;
    sh:property [ sh:path dcterms:title ; sh:datatype rdf:langString ] .
'''


def shapes_turtle() -> str:
    """The SHACL shapes, generated from this mapping and the model."""
    head = ["# SHACL shapes for the helsegraf RDF export.",
            "# GENERATED from schema/rdf_mapping.py and schema/model.py — do not edit by hand:",
            "#   python -m schema.rdf_mapping --write-shapes",
            "# One closed node shape per class of the model (a description may use only the mapped",
            "# predicates), one for the reified statements that carry the evidence, and shapes for",
            "# the DCAT/VoID dataset description.", ""]
    prefixes = dict(PREFIXES, shapes=SHAPES_NS)
    head += [f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items()]
    head += ["", f"<{SHAPES_NS[:-1]}> a owl:Ontology ;",
             '    rdfs:label "helsegraf SHACL-former"@nb, "helsegraf SHACL shapes"@en ;',
             f"    owl:imports <{ONTOLOGY_IRI}> .", ""]
    body = [_node_shape(m) for m in NODE_MAPS] + [_statement_shape(), _tenure_shape(), _change_event_shape(),
                                                   _responsibility_shape(),
                                                   _STATIC_SHAPES]
    return "\n".join(head) + "\n" + "\n".join(body)


def main(argv: list[str] | None = None) -> int:
    import sys
    args = sys.argv[1:] if argv is None else argv
    if args == ["--write-shapes"]:
        SHAPES_PATH.write_text(shapes_turtle(), encoding="utf-8")
        print(f"wrote {SHAPES_PATH}")
        return 0
    if args == ["--check"]:
        problems = mapping_problems()
        for p in problems:
            print(p)
        return 1 if problems else 0
    print("usage: python -m schema.rdf_mapping --write-shapes | --check")
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
