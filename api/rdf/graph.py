"""The graph as RDF quads, read from the store page by page.

`Exporter.blocks()` yields one block of quads per node description (in its named graph) and
one per relationship and source: the direct triple, the evidence on the fact's statement node
(the reifier of the fact's RDF 1.2 triple term, ``rdf:reifies``, or with ``reification=
"statements"`` a reified RDF 1.1 ``rdf:Statement``), an inferred fact's path as numbered steps
and, for a time-bounded fact, its n-ary tenure node (all in the named graph of the
relationship's source). The direct triple states what holds today: a time-bounded fact whose
validity has ended (or not yet begun) is written only as its tenure and its statement. The
sources of one fact are adjacent in key order, so de-duplicating within a run of blocks of one
fact de-duplicates the whole export, and memory stays bounded by a page whatever the size of
the graph.

An unfiltered export then gives, per measure, the ministries responsible for it (the rule
schema/responsibility.py declares, as the Cypher graph/responsibility.py writes from it, a page of
measures at a time). The dataset
description (DCAT + VoID, with statistics gathered while streaming) comes last.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

from api.rdf import queries
from api.rdf.dataset import RdfExportError, description_quads, sources_quads
from api.rdf.terms import (REDACTED, Lit, Quad, TripleTerm, bound_date, clean, is_valid_iri, literals, nq_line,
                           nt_line, scrub)
from graph.settings import Settings
from schema.privacy import MASK
from schema.model import LABELS
from schema.rdf_mapping import (BRREG, CHANGE_DATE, CHANGE_EVENT, CHANGE_ORIGINAL, CHANGE_RESULTING, DATASET_PATH,
                                DATE, DCTERMS, ENTITIES_GRAPH_PATH, EXACT, HAS_SELECTOR, HAS_SOURCE,
                                INFERENCE_PATH_PROP, INFERENCE_STEP, IRI, LIST_ITEM, NODE_MAP_BY_LABEL, REIFICATIONS,
                                REIFIES, STEP_ITEM, STEP_POSITION, TRIPLE_TERMS,
                                OA_END, OA_START, ORGNR_RE, PASSAGE, PERSON_REL_TYPES, PERSON_STATEMENT_PROPS,
                                PROV, QID_RE, RDF, RDFS, RDF_TYPE, REGISTRY_FRAGMENT, REL_MAP_BY_TYPE,
                                RESPONSIBILITY, RESPONSIBILITY_AT, RESPONSIBILITY_BASIS, RESPONSIBILITY_EXPLANATION,
                                RESPONSIBILITY_GRAPH_PATH,
                                RESPONSIBILITY_MEASURE, RESPONSIBILITY_MEASURES, RESPONSIBILITY_MINISTRY,
                                RESPONSIBILITY_VIA, RESPONSIBLE_MINISTRY, SKOS, SPECIFIC_RESOURCE, START_DATE,
                                STATEMENT_PROPS, STRING, TENURE_CLASS, TENURE_ENTITY, TENURE_ORGANISATION,
                                TENURE_PROPS, TEXT_POSITION_SELECTOR, TEXT_QUOTE_SELECTOR, THEME_SCHEME_FRAGMENT,
                                WIKIDATA, WIKIDATA_ID, XSD, document_graph_path, label_for, resource_path)

DEFAULT_BASE_IRI = Settings.model_fields["base_iri"].default  # for an exporter without settings
XSD_NON_NEGATIVE = XSD + "nonNegativeInteger"
SUCCESSION = "REPLACES"  # a ministry's successor REPLACES it
PAGE_SIZE = 1000  # rows per read; memory is bounded by a page
KEY_PAGES = 20  # data pages per key page (a read of ids only: the next ids of a label, in order)
# Free-text properties that are scrubbed of e-mail addresses and phone numbers.
SCRUB_PROPS = frozenset({"name", "aliases", "nameEn", "title", "text", "section", "quote", "role", "uncertain"})


def base_iri(settings: Any = None, override: str | None = None) -> str:
    """The configured base (``HELSEGRAF_BASE_IRI``), without a trailing slash, checked."""
    base = override or getattr(settings, "base_iri", None) or DEFAULT_BASE_IRI
    base = str(base).strip().rstrip("/")
    if not base.startswith(("http://", "https://")) or "#" in base or "?" in base or not is_valid_iri(base):
        raise RdfExportError(f"HELSEGRAF_BASE_IRI {base!r} must be an absolute http(s) IRI without query or fragment")
    return base


@dataclass
class Stats:
    """VoID statistics, gathered while streaming (bounded: per class, predicate and graph)."""

    triples: int = 0
    quads: int = 0
    entities: int = 0
    classes: Counter = field(default_factory=Counter)
    properties: Counter = field(default_factory=Counter)
    graphs: Counter = field(default_factory=Counter)  # graph IRI -> quads

    def add_block(self, quads: list[Quad], triples: set, resource: bool) -> None:
        self.entities += resource
        self.triples += len(triples)
        self.quads += len(quads)
        for s, p, o in triples:
            self.properties[p] += 1
            if p == RDF_TYPE:  # every typed node: resources, statements, tenures, responsibilities
                self.classes[o] += 1
        for q in set(quads):
            if q[3] is not None:
                self.graphs[q[3]] += 1


class Exporter:
    """Quads of the graph (or of one kind / one source document) from a GraphStore."""

    def __init__(self, store, *, base: str, kind: str | None = None, document: str | None = None,
                 include_persons: bool = False, page_size: int = PAGE_SIZE, today: str | None = None,
                 settings: Any = None, reification: str = TRIPLE_TERMS):
        if reification not in REIFICATIONS:
            raise RdfExportError(f"unknown reification {reification!r}; choose {' or '.join(REIFICATIONS)}")
        self.reification = reification
        self.store = store
        # The day "holds today" is judged on (ISO date): time-bounded facts are direct triples
        # only while today lies within their validity.
        self.today = today or _dt.date.today().isoformat()
        self.base = base
        self.include_persons = include_persons
        self.page_size = page_size
        self.key_page_size = KEY_PAGES * page_size
        self.document = document
        self.backend = getattr(store, "backend", "embedded")
        labels = [l for l in LABELS if include_persons or l != "Person"]
        if kind is not None:
            label = label_for(kind)
            if label is None:
                raise RdfExportError(f"unknown kind {kind!r}; kinds: {', '.join(LABELS)}")
            if label == "Person" and not include_persons:
                raise RdfExportError("people are exported only with --include-persons")
            labels = [label]
        self.labels = sorted(labels)
        self.kind = kind
        self.stats = Stats()
        self.settings = settings if settings is not None else getattr(store, "settings", None)
        self.dataset = base + DATASET_PATH
        self.registry_source = f"{self.dataset}#{REGISTRY_FRAGMENT}"
        self.theme_scheme = f"{self.dataset}#{THEME_SCHEME_FRAGMENT}"
        self.entities_graph = base + ENTITIES_GRAPH_PATH
        self.responsibility_graph = base + RESPONSIBILITY_GRAPH_PATH
        self._redact: Any = False  # a regex of people's names (exports without people), built lazily
        self._documents: dict[str, bool] = {}  # inference-path ids looked up as documents

    def redact(self, text: str) -> str:
        """Without people in the export, their names are redacted from free text (quotes) too."""
        if self.include_persons:
            return text
        if self._redact is False:
            names = sorted({r["name"].strip() for r in self.store.read("rdf_person_names", {})
                            if isinstance(r.get("name"), str) and len(r["name"].strip()) >= 3},
                           key=lambda n: (-len(n), n))
            self._redact = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)") \
                if names else None
        return self._redact.sub(REDACTED, text) if self._redact is not None else text

    # -- IRIs ----------------------------------------------------------------------------------
    def iri(self, label: str, id_: str) -> str:
        return self.base + resource_path(label, id_)

    def source_iri(self, source: str) -> str:
        return self.registry_source if source == "registry" else self.iri("Document", source)

    def graph_iri(self, source: str) -> str:
        return self.base + document_graph_path(source)

    # -- paging ----------------------------------------------------------------------------------
    # Model-derived statements per label (api/rdf/queries.py): the label's ids come a key page at
    # a time in the store's order (Neo4j: read in order from its id index; FalkorDB: one scan of
    # that label per key page, see queries._after), and each data page is fetched by index seeks
    # on its ids; one document's export starts from the relationship-source indexes. No read
    # scans or sorts the whole graph. Labels are visited in sorted order and every page is in the
    # store's order, so the order is (label, id) as before, whatever the page sizes.
    def _key_pages(self, label: str) -> Iterator[list[str]]:
        """The label's ids in the store's order, `key_page_size` at a time."""
        cypher, after = queries.id_page(label, self.backend), ""
        while True:
            ids = [r["id"] for r in self.store.read(cypher, {"after": after, "limit": self.key_page_size})]
            if ids:
                yield ids
            if len(ids) < self.key_page_size:
                return
            after = _advanced(after, ids[-1])

    def node_rows(self) -> Iterator[dict]:
        """Nodes page by page, per label in id order."""
        for label in self.labels:
            if self.document is None:
                cypher = queries.nodes_by_id(label)
                for keys in self._key_pages(label):
                    for i in range(0, len(keys), self.page_size):
                        for row in self.store.read(cypher, {"ids": keys[i:i + self.page_size]}):
                            yield {"label": label, **row}
                continue
            cypher = queries.document_node_page(label)
            if cypher is None:
                continue
            after = ""
            while True:
                page = self.store.read(cypher, {"after": after, "limit": self.page_size, "document": self.document})
                for row in page:
                    yield {"label": label, **row}
                if len(page) < self.page_size:
                    break
                after = _advanced(after, page[-1]["id"])

    def rel_rows(self) -> Iterator[dict]:
        """Outgoing relationships per start label, in (start id, type, end label, end id, source)
        order — the relationship's identity."""
        for label in self.labels:
            rows = self._label_rels(label) if self.document is None else self._document_rels(label)
            for row in rows:
                yield {"startLabel": label, **row}

    def _label_rels(self, label: str) -> Iterator[dict]:
        """Pages of start nodes expanded to at most a page of relationships; a start node cut off
        at the end of a page is finished before the next page starts after it. `nodes` (how many
        start nodes a page expands) follows how many the previous page needed, so a page does
        not expand many more relationships than it returns."""
        page_q, rest_q = queries.rels_by_start(label), queries.rel_rest(label)
        nodes = self.page_size
        for keys in self._key_pages(label):
            i = 0
            while i < len(keys):
                ids = keys[i:i + nodes]
                page = self.store.read(page_q, {"ids": ids, "limit": self.page_size})
                yield from (r for r in page if r["type"] is not None)
                if len(page) < self.page_size:  # every one of `ids` is complete
                    i += len(ids)
                    nodes = min(self.page_size, 2 * nodes)
                    continue
                last = page[-1]
                if last["type"] is not None:  # the last start node may be cut off: finish it
                    key = last
                    while True:
                        rest = self.store.read(rest_q, {"sid": last["startId"], **_after_key(key),
                                                        "limit": self.page_size})
                        yield from rest
                        if len(rest) < self.page_size:
                            break
                        key = rest[-1]
                covered = ids.index(last["startId"]) + 1
                i += covered
                nodes = min(self.page_size, 2 * covered)

    def _document_rels(self, label: str) -> Iterator[dict]:
        """One source's relationships starting at `label`, keyed on their identity."""
        cypher = queries.document_rel_page(label)
        if cypher is None:
            return
        key = {"sid": "", "t": "", "el": "", "eid": "", "src": ""}
        while True:
            page = self.store.read(cypher, {"document": self.document, "limit": self.page_size, **key})
            yield from page
            if len(page) < self.page_size:
                return
            key = {"sid": page[-1]["startId"], **_after_key(page[-1])}

    def blocks(self) -> Iterator[tuple[list[Quad], set, bool]]:
        """(quads, distinct triples, is a resource) per node description and per relationship, in
        key order. The same fact from two sources is two quads (two named graphs) but one triple:
        its sources are adjacent in key order, so comparing with the previous one de-duplicates
        the triples without remembering anything else."""
        for row in self.node_rows():
            quads = self.node_quads(row["label"], row["props"])
            if quads:
                yield quads, {(q[0], q[1], q[2]) for q in quads}, True
        fact, seen, seen_quads = None, set(), set()  # the previous block's fact (start, type, end), its triples
        for row in self.rel_rows():
            label = row["startLabel"]
            if label not in NODE_MAP_BY_LABEL or not row.get("startId"):
                continue
            s = self.iri(label, row["startId"])
            quads = self.statement(s, label, {"type": row["type"], "endLabel": row["endLabel"],
                                              "endId": row["endId"], "props": row["props"]})
            if not quads:
                continue
            # a fact's sources are adjacent; a successor's REPLACES facts share its change events
            key = (s, row["type"]) if row["type"] == SUCCESSION else (s, row["type"], row["endLabel"], row["endId"])
            if key != fact:
                fact, seen, seen_quads = key, set(), set()
            quads = [q for q in quads if (q[0], q[1], q[2], q[3]) not in seen_quads]
            seen_quads |= set(quads)
            triples = {(q[0], q[1], q[2]) for q in quads} - seen
            seen |= triples
            yield quads, triples, False
        yield from self.passage_blocks()
        if self.unfiltered:
            yield from self.responsibility_blocks()

    # -- quoted passages ------------------------------------------------------------------------------
    def passage_blocks(self) -> Iterator[tuple[list[Quad], set, bool]]:
        """Per document (one at a time: its text and the spans its statements quote): the quoted
        passages, each an oa:SpecificResource with its position and, where it may be published,
        its verbatim text. A passage is written once, however many statements quote it."""
        if self.document == "registry":
            return
        pages = [[self.document]] if self.document is not None else self._key_pages("Document")
        spans_q, text_q = queries.document_passages(), queries.document_text()
        for ids in pages:
            for doc in ids:
                spans = sorted({(r["start"], r["end"]) for r in self.store.read(spans_q, {"document": doc})
                                if self._quoted_here(r)})
                if not spans:
                    continue
                rows = self.store.read(text_q, {"id": doc})
                quads = self.passage_quads(doc, rows[0]["text"] if rows else None, spans)
                yield quads, {(q[0], q[1], q[2]) for q in quads}, False

    def _quoted_here(self, row: dict) -> bool:
        """A passage span of a statement this export writes (its start kind, no person)."""
        return (row["startLabel"] in self.labels and "Person" not in (row["startLabel"], row["endLabel"])
                and _offsets(row["start"], row["end"]))

    def passage_iri(self, source: str, props: dict) -> str | None:
        start, end = props.get("quoteStart"), props.get("quoteEnd")
        if source == "registry" or not _offsets(start, end):
            return None
        return f"{self.iri('Document', source)}#passage-{start}-{end}"

    def passage_quads(self, doc: str, text: str | None, spans: list[tuple[int, int]]) -> list[Quad]:
        d, g = self.iri("Document", doc), self.graph_iri(doc)
        out: list[Quad] = []
        for start, end in spans:
            p, pos, quote = (f"{d}#{part}-{start}-{end}" for part in ("passage", "position", "quote"))
            out += [(p, RDF_TYPE, SPECIFIC_RESOURCE, g), (p, HAS_SOURCE, d, g), (p, HAS_SELECTOR, pos, g),
                    (pos, RDF_TYPE, TEXT_POSITION_SELECTOR, g),
                    (pos, OA_START, Lit(str(start), None, XSD_NON_NEGATIVE), g),
                    (pos, OA_END, Lit(str(end), None, XSD_NON_NEGATIVE), g)]
            exact = self.verbatim(text, start, end)
            if exact is not None:
                out += [(p, HAS_SELECTOR, quote, g), (quote, RDF_TYPE, TEXT_QUOTE_SELECTOR, g),
                        (quote, EXACT, Lit(exact, None, None), g)]
        return out

    def verbatim(self, text: str | None, start: int, end: int) -> str | None:
        """The text of the source at [start, end), or None where it may not be published as is:
        contact details (masked in the store), characters no RDF syntax carries, people's names
        in an export without people."""
        if not isinstance(text, str) or end > len(text) or start >= end:
            return None
        exact = text[start:end]
        if MASK in exact or clean(exact) != exact or scrub(exact) != exact or self.redact(exact) != exact:
            return None
        return exact

    # -- responsibility ------------------------------------------------------------------------------
    def responsibility_blocks(self) -> Iterator[tuple[list[Quad], set, bool]]:
        """Per measure (key pages of each measure label, a data page at a time): the ministries
        responsible for it, by the declared rule (`queries.responsibility_page`; checked today, or
        at the proposal's document date)."""
        cypher = queries.responsibility_page()
        for label in RESPONSIBILITY_MEASURES:
            for keys in self._key_pages(label):
                for i in range(0, len(keys), self.page_size):
                    rows = self.store.read(cypher, {"ids": keys[i:i + self.page_size], "at": None,
                                                    "today": self.today})
                    for row in sorted(rows, key=lambda r: str(r["measure"].get("id"))):
                        if row["measure"].get("kind") != label or not row["ministries"]:
                            continue
                        quads = self.responsibility(label, row["measure"]["id"], row["ministries"])
                        if quads:
                            yield quads, {(q[0], q[1], q[2]) for q in quads}, False

    def responsibility(self, label: str, id_: str, ministries: list[dict]) -> list[Quad]:
        s, g = self.iri(label, id_), self.responsibility_graph
        out: list[Quad] = []
        # one node per basis and path (as GraphQL groups them): the earliest day it was checked at
        first_at: dict[tuple, str] = {}
        for r in ministries:
            if isinstance(r.get("at"), str):
                key = _responsibility_key(r)
                first_at[key] = min(first_at.get(key, r["at"]), r["at"])
        for r in ministries:
            path = r.get("path") or []
            evidence = r.get("evidence") or []
            if len(path) < 2 or not all(n.get("kind") in NODE_MAP_BY_LABEL and n.get("id") for n in path):
                continue
            m = self.iri("Ministry", path[-1]["id"])
            basis = str(r.get("basis", "")).lower()
            key = _responsibility_key(r)
            node = f"{s}#r-{_statement_hash(*key)}"
            at = first_at.get(key)
            out += [(s, RESPONSIBLE_MINISTRY, m, g), (node, RDF_TYPE, RESPONSIBILITY, g),
                    (node, RESPONSIBILITY_MEASURE, s, g), (node, RESPONSIBILITY_MINISTRY, m, g)]
            out += [(node, RESPONSIBILITY_BASIS.predicate, o, g) for o in literals(STRING, basis)]
            out += [(node, RESPONSIBILITY_AT.predicate, o, g) for o in literals(DATE, at)]
            out += [(node, RESPONSIBILITY_EXPLANATION.predicate, o, g)
                    for o in literals(RESPONSIBILITY_EXPLANATION.kind, r.get("explanation"))]
            out += [(node, RESPONSIBILITY_VIA, self.iri(n["kind"], n["id"]), g) for n in path[1:-1]]
            # the statement of each step: evidence i is the relationship from path[i] to path[i + 1]
            for a, b, e in zip(path, path[1:], evidence):
                if isinstance(e, dict) and isinstance(e.get("type"), str) and isinstance(e.get("source"), str):
                    st = f"{self.iri(a['kind'], a['id'])}#s-{_statement_hash(e['type'], b['kind'], b['id'], e['source'])}"
                    out.append((node, PROV + "wasDerivedFrom", st, g))
        return list(dict.fromkeys(out))  # the plain triple once, whatever the number of bases

    # -- one node ---------------------------------------------------------------------------------
    def node_graph(self, label: str, props: dict) -> str:
        if label == "Document":
            return self.graph_iri(props["id"])
        if props.get("verified") is True or props.get("method") == "registry":
            return self.graph_iri("registry")
        return self.entities_graph

    def node_block(self, label: str, props: dict, rels: list[dict]) -> list[Quad]:
        """A node's description and its outgoing statements (a resource's dereferenced view)."""
        out = self.node_quads(label, props)
        if not out:
            return out
        s = self.iri(label, props["id"])
        for rel in sorted(rels, key=_rel_key):
            out += self.statement(s, label, rel)
        return out

    def node_quads(self, label: str, props: dict) -> list[Quad]:
        """A node's description (in its named graph)."""
        km = NODE_MAP_BY_LABEL.get(label)
        id_ = props.get("id")
        if km is None or not isinstance(id_, str) or not id_:
            return []
        if label == "Person" and not self.include_persons:
            return []
        s = self.iri(label, id_)
        g = self.node_graph(label, props)
        out: list[Quad] = [(s, RDF_TYPE, km.cls, g)]
        out += [(s, RDF_TYPE, c, g) for c in km.extra_classes]
        for pm in km.props:
            value = props.get(pm.prop)
            if value is None:
                continue
            if pm.kind == WIKIDATA_ID:
                if isinstance(value, str) and QID_RE.match(value):
                    out.append((s, pm.predicate, WIKIDATA + value, g))
                continue
            for o in literals(pm.kind, value, scrub_text=pm.prop in SCRUB_PROPS):
                if type(o) is Lit and pm.prop in SCRUB_PROPS:
                    o = self._redacted(o)
                    if o is None:
                        continue
                out.append((s, pm.predicate, o, g))
            if pm.prop == "orgNumber" and isinstance(value, str) and ORGNR_RE.match(value):
                out.append((s, RDFS + "seeAlso", BRREG + value, g))
        if label == "Theme":
            out.append((s, SKOS + "inScheme", self.theme_scheme, g))
        return out

    def statement(self, s: str, label: str, rel: dict) -> list[Quad]:
        rtype, end_label, end_id = rel.get("type"), rel.get("endLabel"), rel.get("endId")
        rm = REL_MAP_BY_TYPE.get(rtype)
        props = rel.get("props") or {}
        source = props.get("source")
        if rm is None or end_label not in NODE_MAP_BY_LABEL or not end_id or not isinstance(source, str):
            return []
        person = "Person" in (label, end_label)
        if person and (not self.include_persons or rtype not in PERSON_REL_TYPES
                       or (label == "Person") == (end_label == "Person")):
            return []
        o = self.iri(end_label, end_id)
        g = self.graph_iri(source)
        st = f"{s}#s-{_statement_hash(rtype, end_label, end_id, source)}"
        subj, obj_ = (o, s) if rm.inverse else (s, o)
        out: list[Quad] = []
        if self.holds_today(rtype, props):
            out.append((subj, rm.predicate, obj_, g))
            if rm.also_inverse:
                out.append((obj_, rm.also_inverse, subj, g))
        passage = None if person else self.passage_iri(source, props)
        if passage is not None:
            out.append((st, PASSAGE, passage, g))
        if self.reification == TRIPLE_TERMS:  # RDF 1.2: the statement is the fact's reifier
            out.append((st, REIFIES, TripleTerm(subj, rm.predicate, obj_), g))
        else:  # RDF 1.1 reification
            out += [(st, RDF_TYPE, RDF + "Statement", g), (st, RDF + "subject", subj, g),
                    (st, RDF + "predicate", rm.predicate, g), (st, RDF + "object", obj_, g)]
        out.append((st, PROV + "wasDerivedFrom", self.source_iri(source), g))
        for pm in STATEMENT_PROPS:
            if pm.prop == "source" or (person and pm.prop not in PERSON_STATEMENT_PROPS):
                continue
            value = props.get(pm.prop)
            if value is None:
                continue
            for obj in literals(pm.kind, value, scrub_text=pm.prop in SCRUB_PROPS):
                if type(obj) is Lit and pm.prop in SCRUB_PROPS:
                    obj = self._redacted(obj)
                    if obj is None:
                        continue
                out.append((st, pm.predicate, obj, g))
        if not person:
            out += self.inference_steps(st, props.get(INFERENCE_PATH_PROP), (s, label), (o, end_label), source, g)
        if rtype in TENURE_CLASS:
            out += self.tenure(s, rtype, end_label, end_id, o, props, g)
        if rtype == SUCCESSION:
            out += self.change_event(s, o, props, g)
        return out

    def inference_steps(self, st: str, path: Any, start: tuple[str, str], end: tuple[str, str], source: str,
                        g: str) -> list[Quad]:
        """An inferred fact's path (the ids the inference went through, in order) as numbered steps:
        ``st hg:inferenceStep <st-step-n>``, each a schema:ListItem with schema:position n and the
        node as schema:item. An id is the fact's source document, one of its two ends, or another
        document; one that is none of these keeps its id (dcterms:identifier)."""
        if isinstance(path, str):
            path = [path]
        if not isinstance(path, (list, tuple)):
            return []
        out: list[Quad] = []
        for n, id_ in enumerate(path, start=1):
            if not isinstance(id_, str) or not id_:
                continue
            step = f"{st}-step-{n}"
            node = self.path_node(id_, start, end, source)
            out += [(st, INFERENCE_STEP, step, g), (step, RDF_TYPE, LIST_ITEM, g),
                    (step, STEP_POSITION, Lit(str(n), None, XSD + "integer"), g)]
            if node is not None:
                out.append((step, STEP_ITEM, node, g))
            else:
                out += [(step, DCTERMS + "identifier", lit, g) for lit in literals(STRING, id_, scrub_text=True)]
        return out

    def path_node(self, id_: str, start: tuple[str, str], end: tuple[str, str], source: str) -> str | None:
        """The IRI of the node an inference-path id names: the source document, the fact's start or
        end (given as (IRI, label)), or another document in the store; else None."""
        if id_ == source and source != "registry":
            return self.iri("Document", id_)
        for iri, label in (end, start):
            if self.iri(label, id_) == iri:
                return iri
        known = self._documents.get(id_)
        if known is None:
            known = bool(self.store.read("rdf_document_exists", {"id": id_}))
            if len(self._documents) < 100_000:
                self._documents[id_] = known
        return self.iri("Document", id_) if known else None

    def change_event(self, successor: str, original: str, props: dict, g: str) -> list[Quad]:
        """The org:ChangeEvent that resulted in `successor` on the succession's day: one per resulting
        ministry and day, so the ministries merged into one share it (their REPLACES facts start at
        the successor and are adjacent, see `blocks`)."""
        day = literals(START_DATE, props.get("date"))
        if not day:
            return []
        ev = f"{successor}#change-{day[0].lex}"
        out: list[Quad] = [(ev, RDF_TYPE, CHANGE_EVENT, g), (ev, CHANGE_RESULTING, successor, g),
                           (ev, CHANGE_ORIGINAL, original, g), (ev, CHANGE_DATE, day[0], g),
                           (ev, PROV + "wasDerivedFrom", self.source_iri(props["source"]), g)]
        out += [(ev, PROV + "hadPrimarySource", iri, g) for iri in literals(IRI, props.get("sourceUrl"))]
        return out

    def holds_today(self, rtype: str, props: dict) -> bool:
        """A fact holds today unless it is time-bounded and today is outside its validity."""
        if rtype not in TENURE_CLASS:
            return True
        start = bound_date(props.get("validFrom"), end=False)
        end = bound_date(props.get("validTo"), end=True)
        return (start is None or start <= self.today) and (end is None or self.today <= end)

    def tenure(self, s: str, rtype: str, end_label: str, end_id: str, o: str, props: dict, g: str) -> list[Quad]:
        """The n-ary node of a time-bounded fact: one per (start, type, end, validity), shared by
        the sources that state it (each adds its own provenance)."""
        t = f"{s}#t-{_statement_hash(rtype, end_label, end_id, str(props.get('validFrom')), str(props.get('validTo')))}"
        out: list[Quad] = [(t, RDF_TYPE, TENURE_CLASS[rtype], g), (t, TENURE_ENTITY, s, g),
                           (t, TENURE_ORGANISATION, o, g)]
        for pm in TENURE_PROPS:
            value = props.get(pm.prop)
            if pm.prop == "source":
                value = self.source_iri(value)
            if pm.kind == DATE and isinstance(value, str) and len(value) == 10:
                continue  # the stated bound is kept only where it is coarser than a day
            out += [(t, pm.predicate, obj, g) for obj in literals(pm.kind, value)]
        return out

    def _redacted(self, lit: Lit) -> Lit | None:
        text = self.redact(lit.lex)
        if text is lit.lex or text == lit.lex:
            return lit
        return Lit(text, lit.lang, lit.datatype) if text.strip() else None

    # -- whole export --------------------------------------------------------------------------------
    def counted_blocks(self) -> Iterator[tuple[list[Quad], set]]:
        """`blocks()`, gathering the VoID statistics on the way."""
        for quads, triples, resource in self.blocks():
            self.stats.add_block(quads, triples, resource)
            yield quads, triples

    def blocks_with_trailer(self) -> Iterator[list[Quad]]:
        """The quads block by block, then the trailer (sources, description) as one last block."""
        for quads, _ in self.counted_blocks():
            yield quads
        yield self.trailer_quads()

    def deduped_blocks(self, quads_mode: bool) -> Iterator[list[str]]:
        """Sorted, de-duplicated N-Triples (or N-Quads) lines per block; gathers the statistics."""
        for quads, triples in self.counted_blocks():
            if quads_mode:
                yield sorted({nq_line(q) for q in quads})
            else:
                yield sorted(nt_line((t[0], t[1], t[2], None)) for t in triples)

    def sources_quads(self) -> list[Quad]:
        """The registry source and the theme scheme: referenced by statements and themes, so every
        export (filtered ones too) describes them."""
        return sources_quads(self)

    def description_quads(self, served_at: str | None = None) -> list[Quad]:
        """DCAT + VoID (call after the data has been streamed: it reports the statistics);
        `served_at`: the server's own address for the download links (default: the base)."""
        return description_quads(self, served_at)

    @property
    def unfiltered(self) -> bool:
        return self.kind is None and self.document is None

    def trailer_quads(self) -> list[Quad]:
        quads = self.sources_quads()
        if self.unfiltered:
            quads += self.description_quads()
        return quads

    def all_quads(self) -> Iterator[Quad]:
        """Every quad of the export (data blocks, then sources and the description)."""
        for block in self.blocks_with_trailer():
            yield from block


def _advanced(after: str, last: Any) -> str:
    """The next page's key; a store that pages by its own order but returns the same key again
    (a `>` that disagrees with its ORDER BY) would otherwise repeat a page for ever."""
    if not isinstance(last, str) or last == after:
        raise RdfExportError(f"the store's paging did not advance past {after!r}")
    return last


def _offsets(start: Any, end: Any) -> bool:
    """Two character offsets of a non-empty span."""
    return all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in (start, end)) and start < end


def _after_key(row: dict) -> dict:
    """The paging key of a relationship row within its start node."""
    return {"t": row["type"], "el": row["endLabel"], "eid": row["endId"], "src": (row["props"] or {}).get("source")}


def _rel_key(rel: dict) -> tuple:
    props = rel.get("props") or {}
    return (str(rel.get("type")), str(rel.get("endLabel")), str(rel.get("endId")), str(props.get("source")))


def _responsibility_key(r: dict) -> tuple[str, ...]:
    """A responsibility's identity: its basis and the path (kind/id of each node)."""
    return (str(r.get("basis", "")).lower(), *(f"{n.get('kind')}/{n.get('id')}" for n in r.get("path") or []))


def _statement_hash(*parts: str) -> str:
    key = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha1(key).hexdigest()[:16]
