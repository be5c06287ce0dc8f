"""The domain model: node kinds, their properties, and relationship types.

This module is the one source of truth. Store constraints and indexes, the Cypher
write queries, the GraphQL types and the RDF mapping are derived from (or checked
against) what is declared here.

Conventions: labels PascalCase, relationship types UPPER_SNAKE, properties camelCase.
Every node has a stable ``id`` (slug of its canonical name per kind; content hash for
proposals).
"""

from __future__ import annotations

from dataclasses import dataclass

# Property value types a store can hold: scalars and homogeneous lists of scalars.
STR, INT, FLOAT, BOOL, STR_LIST = "str", "int", "float", "bool", "list[str]"


@dataclass(frozen=True)
class Prop:
    name: str
    type: str = STR
    doc: str = ""
    values: tuple[str, ...] = ()  # the allowed values, when the property is enumerated


# What became of a ministry when another took over from it (REPLACES.change).
SUCCESSION_CHANGES = ("renamed", "merged", "split", "reorganised")

# What a proposal does: asks someone for a measure, commits its author (or the government) to
# one, or states a goal.
PROPOSAL_INTENTS = ("ask", "commitment", "goal")


@dataclass(frozen=True)
class NodeKind:
    label: str
    doc: str
    props: tuple[Prop, ...] = ()
    searchable: bool = True  # part of the full-text index over names/aliases/text

    @property
    def prop_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.props)


@dataclass(frozen=True)
class RelType:
    type: str
    doc: str
    start: tuple[str, ...]
    end: tuple[str, ...]
    props: tuple[Prop, ...] = ()


SEARCH_SEPARATOR = " | "  # between the folded names in `searchText`

# -- properties shared by every node --------------------------------------------------
COMMON = (
    Prop("id", STR, "stable id: slug of the canonical name (content hash for proposals)"),
    Prop("name", STR, "canonical name, original spelling"),
    Prop("aliases", STR_LIST, "other names and abbreviations seen or registered"),
    Prop("searchText", STR, "folded names and aliases for the full-text index, joined by SEARCH_SEPARATOR; "
                            "like aliases it accumulates over writes"),
    Prop("verified", BOOL, "true when the entity is in the curated registry"),
    Prop("method", STR, "how the node was found: registry, pattern, manifest, text (the document's own text), inferred"),
    Prop("confidence", FLOAT, "0..1"),
)
REGISTRY = (
    Prop("nameEn", STR, "English name where one exists"),
    Prop("abbreviation", STR),
    Prop("wikidata", STR, "Wikidata Q-id"),
    Prop("orgNumber", STR, "Norwegian organisation number (Enhetsregisteret)"),
    Prop("sourceUrl", STR, "public URL the registry entry was verified against"),
    Prop("uncertain", STR, "what about the entry is uncertain, if anything"),
)

_ORG = ("Organisation", "Ministry", "Agency")
_ENTITY = _ORG + ("Instrument", "InternationalExample", "Country", "Person", "Theme", "PolicyDocument")

NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind("Organisation", "an association, company, hospital, university, cluster or fund",
             COMMON + REGISTRY),
    NodeKind("Ministry", "a Norwegian government ministry (departement)", COMMON + REGISTRY),
    NodeKind("Agency", "a public body: directorate, research council, state company, health authority",
             COMMON + REGISTRY),
    NodeKind("Instrument", "a named funding, tax or support scheme, programme or action plan",
             COMMON + REGISTRY),
    NodeKind("InternationalExample", "a foreign initiative cited as a model", COMMON + REGISTRY),
    NodeKind("Country", "a country", COMMON + REGISTRY + (Prop("iso", STR, "ISO 3166-1 alpha-2"),)),
    NodeKind("Person", "a person, by name and role only", COMMON + (Prop("role", STR),)),
    NodeKind("Theme", "a topic: an explicit heading or subject", COMMON),
    NodeKind("PolicyDocument", "a cited white paper, strategy, report, plan or law",
             COMMON + REGISTRY),
    NodeKind("Document", "a loaded source document", COMMON + (
        Prop("title", STR),
        Prop("date", STR, "ISO date or year, as precise as known"),
        Prop("year", INT),
        Prop("docType", STR, "consultation_input, strategy, ..."),
        Prop("sourceUrl", STR),
        Prop("path", STR, "file name in the corpus"),
        Prop("sha256", STR, "content hash of the file"),
        Prop("pipelineVersion", STR, "the extractor's version (loaders, model, registry) that read it"),
        Prop("text", STR, "the original text, for spans, the document view and full-text search"),
    )),
    NodeKind("Proposal", "a concrete measure an author asks for", COMMON + (
        Prop("text", STR, "the measure as stated"),
        Prop("section", STR, "the heading it stands under"),
        Prop("modality", STR, "bør, må, skal, foreslår, ..."),
        Prop("intent", STR, "what the proposal does: ask (of someone else), commitment (the author's or the "
                            "government's own), goal", values=PROPOSAL_INTENTS),
    )),
)

# Relationship properties: the evidence every fact carries.
EVIDENCE = (
    Prop("source", STR, "document id, or 'registry' for curated facts"),
    Prop("quote", STR, "the sentence the fact comes from"),
    Prop("start", INT, "character offset in the original text"),
    Prop("end", INT, "character offset in the original text (exclusive)"),
    Prop("quoteStart", INT, "character offset in the original text where the quoted passage starts"),
    Prop("quoteEnd", INT, "character offset in the original text where the quoted passage ends (exclusive)"),
    Prop("page", INT, "page number where known"),
    Prop("method", STR, "registry, pattern, manifest, text, inferred"),
    Prop("confidence", FLOAT),
    Prop("sourceUrl", STR, "public URL for registry facts"),
    Prop("path", STR_LIST, "for inferred facts: the ids the inference went through"),
)
VALIDITY = (Prop("validFrom", STR, "ISO date"), Prop("validTo", STR, "ISO date"))
# What a theme or a similarity was recognised by (explainable, deterministic matches).
MATCHED = Prop("matched", STR_LIST, "the words the theme or the similarity was recognised by")

REL_TYPES: tuple[RelType, ...] = (
    RelType("MENTIONED_IN", "an entity is mentioned in a document", _ENTITY, ("Document",), EVIDENCE),
    RelType("EXTRACTED_FROM", "a proposal is stated in a document", ("Proposal",), ("Document",),
            EVIDENCE),
    RelType("AUTHORED_BY", "a document's author", ("Document",), _ORG + ("Person",), EVIDENCE),
    RelType("ADDRESSED_TO", "a document or proposal addressed to a ministry or body",
            ("Document", "Proposal"), _ORG, EVIDENCE + (Prop("basis", STR, "named or addressee"),)),
    RelType("PROPOSES", "an author proposes a measure", _ORG + ("Person",), ("Proposal",), EVIDENCE),
    RelType("MENTIONS", "a proposal names an entity", ("Proposal",), _ENTITY, EVIDENCE),
    RelType("OWNED_BY", "an instrument or agency is owned by a ministry", ("Instrument", "Agency"),
            ("Ministry",), EVIDENCE + VALIDITY),
    RelType("ADMINISTERED_BY", "an instrument is administered by an agency or organisation",
            ("Instrument",), ("Agency", "Organisation"), EVIDENCE + VALIDITY),
    RelType("LOCATED_IN", "an example, body, instrument or foreign document belongs to a country",
            ("InternationalExample", "Organisation", "Agency", "Instrument", "PolicyDocument"), ("Country",),
            EVIDENCE),
    RelType("AFFILIATED_WITH", "a person's organisation and role", ("Person",), _ORG,
            EVIDENCE + (Prop("role", STR),)),
    RelType("PART_OF", "an organisation belongs to a larger one", _ORG, _ORG, EVIDENCE + VALIDITY),
    RelType("REPLACES", "a ministry took over from an earlier one (renamed, merged, split or reorganised)",
            ("Ministry",), ("Ministry",), EVIDENCE + (
                Prop("date", STR, "ISO date the change took effect"),
                Prop("change", STR, "what became of the earlier ministry", values=SUCCESSION_CHANGES))),
    RelType("HAS_THEME", "a document or proposal is about a theme", ("Document", "Proposal"),
            ("Theme",), EVIDENCE + (MATCHED,)),
    RelType("SIMILAR_TO", "a proposal asks for the same as one in another document (stored both ways; "
            "source: the document loaded later)", ("Proposal",), ("Proposal",),
            EVIDENCE + (Prop("score", FLOAT, "similarity of the two proposals, 0..1"), MATCHED)),
    RelType("CITES", "a document cites a report, strategy or law", ("Document", "Proposal"),
            ("PolicyDocument",), EVIDENCE),
)

NODE_BY_LABEL = {k.label: k for k in NODE_KINDS}
REL_BY_TYPE = {r.type: r for r in REL_TYPES}
LABELS = tuple(NODE_BY_LABEL)
REL_TYPE_NAMES = tuple(REL_BY_TYPE)
SEARCHABLE_LABELS = tuple(k.label for k in NODE_KINDS if k.searchable)
# Properties the full-text index covers (each label has those it declares).
FULLTEXT_PROPS = ("name", "searchText", "text")


def property_keys() -> tuple[str, ...]:
    keys = {p.name for k in NODE_KINDS for p in k.props} | {p.name for r in REL_TYPES for p in r.props}
    return tuple(sorted(keys))
