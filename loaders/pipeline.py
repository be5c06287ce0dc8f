"""read → normalise → segment → recognise → extract proposals (rules, then the learned model) → resolve → GraphBatch.

Pure functions: nothing here touches a store. `extract()` gives what `helsegraf extract`
prints; `document_batch()` the GraphBatch one document loads as; `registry_batch()` the
curated registry as a batch of its own (source "registry").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.links import Link, proposal_links
from loaders.metadata import DocumentMeta, document_metadata, load_manifest
from loaders.normalise import Normalised, normalise
from schema.privacy import redact
from loaders.proposal_model import revise
from loaders.proposals import ProposalDraft, extract_proposals
from loaders.read import RawDocument, read_document
from loaders.recognise import Entity, recognise
from loaders.segment import Segment, segment
from loaders.themes import add_themes
from loaders.version import pipeline_version
from schema.batch import GraphBatch
from schema.ids import content_hash, slug
from schema.text import fold
from schema.model import LABELS, SEARCH_SEPARATOR
from schema.registry import Entry, load_registry

DEFAULT_MAX_BYTES = 20_000_000
QUOTE_MAX = 400


@dataclass
class Extraction:
    """Everything one document yields, with spans in the original text."""

    doc_id: str
    raw: RawDocument
    norm: Normalised
    segments: list[Segment]
    meta: DocumentMeta
    entities: list[Entity]
    proposals: list[ProposalDraft]
    registry: list[Entry] = field(default_factory=list)
    links: list[list[Link]] = field(default_factory=list)  # per proposal: what it concerns, and where named

    # -- spans and evidence -------------------------------------------------------------
    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_original(start, end)

    def page(self, start: int, end: int) -> int | None:
        """Page number of a span of the normalised text (None when pages are unknown)."""
        if not self.raw.pages:
            return None
        o, _ = self.span(start, end)
        starts = [s for s, _ in self.raw.pages]
        return max(bisect.bisect_right(starts, o), 1)

    def passage(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or list item) around a span of the normalised text, as a span of the
        normalised text without the whitespace at either end."""
        text = self.norm.text
        seg = next((s for s in self.segments if s.start <= start < s.end), None)
        lo, hi = (seg.start, seg.end) if seg else (max(0, start - 150), min(len(text), end + 150))
        left = max((m.end() for m in re.finditer(r"[.!?]\s", text[lo:start])), default=0) + lo
        m = re.search(r"[.!?](\s|$)", text[end:hi])
        right = end + m.end() if m else hi
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        return left, right

    def quote(self, start: int, end: int) -> str:
        """The passage around a span (see `passage`), normalised: whitespace collapsed, contact
        details masked, at most QUOTE_MAX characters."""
        return _quote_text(self.norm.text[slice(*self.passage(start, end))])

    def evidence(self, start: int, end: int, method: str, confidence: float) -> dict[str, Any]:
        """The evidence of a fact found at a span of the normalised text: the quote (normalised),
        the span and the quoted passage's span in the original text, the page."""
        o_start, o_end = self.span(start, end)
        left, right = self.passage(start, end)
        q_start, q_end = self.span(left, right)
        return {"quote": _quote_text(self.norm.text[left:right]), "start": o_start, "end": o_end,
                "quoteStart": q_start, "quoteEnd": q_end,
                "page": self.page(start, end), "method": method, "confidence": round(confidence, 3)}


def _quote_text(text: str) -> str:
    q = " ".join(redact(text).split())
    return q if len(q) <= QUOTE_MAX else q[:QUOTE_MAX - 1] + "…"


def document_id(path: Path) -> str:
    """Stable per file name, so a changed file replaces its own facts."""
    return "doc-" + slug(path.stem)


def run(path: str | Path, *, registry: list[Entry] | None = None, manifest: dict | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    path = Path(path)
    registry = load_registry() if registry is None else registry
    if manifest is None:
        manifest = _default_manifest(path)
    raw = read_document(path, max_bytes=max_bytes)
    norm = normalise(raw.text)
    segments = segment(norm)
    meta = document_metadata(path, norm, segments, manifest)
    entities = [e for e in recognise(norm, segments, registry) if e.type in _ENTITY_LABELS]
    proposals = extract_proposals(norm, segments, doc_type=meta.doc_type, authors=meta.authors)
    proposals = revise(norm, segments, proposals, doc_type=meta.doc_type, authors=meta.authors)
    links = proposal_links(norm.text, segments, proposals, entities)
    return Extraction(document_id(path), raw, norm, segments, meta, entities, proposals, registry, links)


def _default_manifest(path: Path) -> dict:
    candidate = path.parent / "manifest.yaml"
    return load_manifest(candidate) if candidate.exists() else {}


# What recognition may produce: every node kind but the loaded document and its proposals.
_ENTITY_LABELS = tuple(label for label in LABELS if label not in ("Document", "Proposal"))


# -- the JSON of `helsegraf extract` ----------------------------------------------------------
def extract(path: str | Path, **kw) -> dict[str, Any]:
    ex = run(path, **kw)
    return to_json(ex)


def to_json(ex: Extraction) -> dict[str, Any]:
    meta = ex.meta
    addressed = _addressees(ex)
    return {
        "document": {"id": ex.doc_id, "path": ex.raw.path.name, "format": ex.raw.format,
                     "sha256": ex.raw.sha256, "title": meta.title, "authors": meta.authors,
                     "addressees": meta.addressees, "date": meta.date, "year": meta.year,
                     "type": meta.doc_type, "source_url": meta.source_url,
                     "pages": len(ex.raw.pages) if ex.raw.pages else None},
        "entities": [
            {"type": e.type, "id": e.id, "name": e.name, "aliases": e.aliases, "verified": e.verified,
             "method": e.method, "confidence": e.confidence,
             **({"country": e.country} if e.country else {}),
             **({"role": e.role} if e.role else {}),
             **({"organisation": e.organisation} if e.organisation else {}),
             "mentions": [{"surface": m.surface, **dict(zip(("start", "end"), ex.span(m.start, m.end))),
                           "page": ex.page(m.start, m.end)} for m in e.mentions]}
            for e in ex.entities],
        "proposals": [
            {"id": content_hash(p.text), "text": p.text, "section": p.section, "modality": p.modality,
             "intent": p.intent, "confidence": p.confidence, **dict(zip(("start", "end"), ex.span(p.start, p.end))),
             "page": ex.page(p.start, p.end),
             "entities": [{"type": lk.entity.type, "name": lk.entity.name, "where": lk.where,
                           "confidence": lk.confidence} for lk in ex.links[i]],
             "addressed_to": [{"name": name, "basis": basis} for name, basis in addressed[i]]}
            for i, p in enumerate(ex.proposals)],
        "relations": _relations_json(ex),
    }


def _relations_json(ex: Extraction) -> list[dict[str, Any]]:
    out = []
    for e in ex.entities:
        if e.type == "Person" and e.organisation:
            out.append({"type": "AFFILIATED_WITH", "from": e.name, "to": e.organisation, "role": e.role})
        if e.type == "InternationalExample" and e.country:
            out.append({"type": "LOCATED_IN", "from": e.name, "to": e.country})
    return out


def _addressees(ex: Extraction) -> dict[int, list[tuple[str, str]]]:
    """Per proposal, (ministry name, basis): those named in it, else the document's addressees
    (canonical names where the registry knows them)."""
    index = _RegistryIndex(ex.registry)
    doc_ministries = [getattr(index.resolve(n), "name", n) for n in ex.meta.addressees]
    out: dict[int, list[tuple[str, str]]] = {}
    for i, _ in enumerate(ex.proposals):
        named = [lk.entity.name for lk in ex.links[i] if lk.entity.type == "Ministry" and lk.where == "sentence"]
        out[i] = [(n, "named") for n in named] if named else [(n, "addressee") for n in doc_ministries]
    return out


# -- GraphBatch ---------------------------------------------------------------------------------
def document_batch(ex: Extraction, registry: list[Entry] | None = None) -> GraphBatch:
    """The document's facts, every one with evidence pointing into the original text."""
    registry = load_registry() if registry is None else registry
    index = _RegistryIndex(registry)
    b = GraphBatch(document=ex.doc_id)
    doc = ("Document", ex.doc_id)
    meta = ex.meta
    b.node("Document", ex.doc_id, name=meta.title or ex.raw.path.name, title=meta.title, date=meta.date,
           year=meta.year, docType=meta.doc_type, sourceUrl=meta.source_url, path=ex.raw.path.name,
           sha256=ex.raw.sha256, pipelineVersion=pipeline_version(), text=redact(ex.raw.text),
           method="manifest" if "manifest" in meta.method.values() else "text", confidence=1.0,
           searchText=search_text(meta.title or ex.raw.path.name, index_words(redact(ex.raw.text))))

    entity_keys: dict[int, tuple[str, str]] = {}
    for e in ex.entities:
        key = (e.type, e.id)
        entity_keys[id(e)] = key
        props = {"name": e.name, "aliases": sorted(set(e.aliases) - {e.name}), "verified": e.verified,
                 "method": e.method, "confidence": round(e.confidence, 3),
                 "searchText": search_text(e.name, *e.aliases)}
        if e.type == "Person":
            props = {"name": e.name, "role": e.role, "verified": False, "method": e.method,
                     "confidence": round(e.confidence, 3), "searchText": search_text(e.name)}
        if e.verified:  # registry facts come from the registry batch; only add the names seen here
            props = {"aliases": props["aliases"], "searchText": props["searchText"]}
        b.node(e.type, e.id, **props)
        first = e.mentions[0]
        b.rel("MENTIONED_IN", key, doc, ex.doc_id, **ex.evidence(first.start, first.end, e.method, e.confidence))
        if e.type == "InternationalExample" and e.country:
            country = index.find(e.country, "Country")
            if country:
                b.rel("LOCATED_IN", key, ("Country", country.id), ex.doc_id,
                      **ex.evidence(first.start, first.end, "pattern", 0.8))
        if e.type == "PolicyDocument":
            b.rel("CITES", doc, key, ex.doc_id, **ex.evidence(first.start, first.end, e.method, e.confidence))
        if e.type == "Person" and e.organisation:
            org = _org_key(e.organisation, index, ex, b)
            b.rel("AFFILIATED_WITH", key, org, ex.doc_id, role=e.role,
                  **ex.evidence(first.start, first.end, "pattern", 0.8))

    authors = [_org_key(a, index, ex, b) for a in meta.authors]
    for a in authors:
        b.rel("AUTHORED_BY", doc, a, ex.doc_id, method=meta.method.get("authors", "text"), confidence=1.0)
    ministries = []
    for name in meta.addressees:
        target = _org_key(name, index, ex, b, default_label="Ministry")
        ministries.append(target)
        b.rel("ADDRESSED_TO", doc, target, ex.doc_id, method=meta.method.get("addressees", "text"),
              confidence=1.0, basis="addressee")

    for i, p in enumerate(ex.proposals):
        pid = content_hash(p.text)
        key = ("Proposal", pid)
        text = redact(p.text)
        method = "learned" if p.modality == "learned" else "pattern"  # found by the model alone
        b.node("Proposal", pid, name=_short(text), text=text, section=p.section, modality=p.modality,
               intent=p.intent, method=method, confidence=round(p.confidence, 3),
               searchText=search_text(text, index_words(text)))
        ev = ex.evidence(p.start, p.end, method, p.confidence)
        ev["quote"] = " ".join(text.split())
        ev["quoteStart"], ev["quoteEnd"] = ev["start"], ev["end"]  # the quoted passage is the proposal
        b.rel("EXTRACTED_FROM", key, doc, ex.doc_id, **ev)
        for a in authors:
            b.rel("PROPOSES", a, key, ex.doc_id, **{**ev, "method": "inferred", "path": [ex.doc_id]})
        named = []
        for lk in ex.links[i]:
            e, m = lk.entity, lk.mention
            target = entity_keys[id(e)]
            # a mention in the lead-in, heading or sentence before: its quote is that line, at lower confidence
            b.rel("MENTIONS", key, target, ex.doc_id, **ex.evidence(m.start, m.end, e.method, lk.confidence))
            if lk.where != "sentence":
                continue
            if e.type == "Ministry":
                named.append(target)
                b.rel("ADDRESSED_TO", key, target, ex.doc_id, basis="named",
                      **ex.evidence(m.start, m.end, e.method, e.confidence))
            if e.type == "PolicyDocument":
                b.rel("CITES", key, target, ex.doc_id, **ex.evidence(m.start, m.end, e.method, e.confidence))
        if not named:
            for target in ministries:
                b.rel("ADDRESSED_TO", key, target, ex.doc_id, basis="addressee",
                      **{**ev, "method": "inferred", "confidence": 0.7, "path": [ex.doc_id, target[1]]})
    add_themes(b, ex)
    return b


def _forms(name: str) -> list[str]:
    """"Nærings- og fiskeridepartementet (NFD)": the whole, the name, the abbreviation."""
    m = re.fullmatch(r"\s*(.*?)\s*\(([^()]+)\)\s*", name)
    return [name, m.group(1), m.group(2)] if m else [name]


def _org_key(name: str, index: "_RegistryIndex", ex: Extraction, b: GraphBatch,
             default_label: str = "Organisation") -> tuple[str, str]:
    """A named organisation or ministry: the registry's entry, an entity of this document, or a new
    unverified node."""
    entry = index.resolve(name)
    if entry:
        return entry.kind, entry.id
    forms = _forms(name)
    folded = {fold(f) for f in forms}
    for e in ex.entities:
        if e.type in ("Organisation", "Ministry", "Agency") and folded & {fold(x) for x in [e.name, *e.aliases]}:
            return e.type, e.id
    name = forms[1] if len(forms) > 1 else name
    key = (default_label, slug(name))
    b.node(default_label, key[1], name=name, verified=False, method="manifest", confidence=0.9,
           searchText=search_text(name))
    return key


def _short(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


class _RegistryIndex:
    def __init__(self, registry: list[Entry]):
        from schema.registry import surface_forms
        self.by_form: dict[str, list[Entry]] = {}
        for e in registry:
            for form in surface_forms(e):
                self.by_form.setdefault(fold(form), []).append(e)

    def resolve(self, name: str) -> Entry | None:
        return next((e for e in map(self.find, _forms(name)) if e), None)

    def find(self, name: str, kind: str | None = None) -> Entry | None:
        for e in self.by_form.get(fold(name), []):
            if kind is None or e.kind == kind:
                return e
        return None


def search_text(*parts: str | None) -> str:
    """Folded names and aliases for the full-text index (the store's Norwegian analyser stems)."""
    seen, out = set(), []
    for p in parts:
        if p:
            f = fold(p)
            if f not in seen:
                seen.add(f)
                out.append(f)
    return SEARCH_SEPARATOR.join(out)


def index_words(text: str) -> str:
    """A text's words, folded, between single spaces: what the full-text index should see. The
    stores split words differently (RediSearch keeps `«Data`, `løsning/infrastruktur` whole, Lucene
    does not), and search (api/graphql/search.py) matches runs of letters and digits: this copy in
    `searchText` gives both stores those words."""
    return " ".join(re.findall(r"\w+", fold(text)))


def registry_batch(registry: list[Entry] | None = None) -> GraphBatch:
    """The curated registry: verified nodes and their ownership facts, each citing its URL."""
    registry = load_registry() if registry is None else registry
    ids = {(e.kind, e.name): e for e in registry}
    by_name = {e.name: e for e in registry}
    b = GraphBatch(document="registry")
    for e in registry:
        b.node(e.kind, e.id, name=e.name, nameEn=e.name_en, abbreviation=(e.abbreviations or (None,))[0],
               aliases=sorted(set(e.abbreviations) | set(e.aliases)), wikidata=e.wikidata,
               orgNumber=e.org_number, sourceUrl=e.sources[0] if e.sources else None, uncertain=e.uncertain,
               verified=True, method="registry", confidence=1.0,
               searchText=search_text(e.name, e.name_en, *e.abbreviations, *e.aliases))
    for e in registry:
        start = (e.kind, e.id)
        for rel_type, links in (("OWNED_BY", e.owned_by), ("ADMINISTERED_BY", e.administered_by),
                                ("PART_OF", e.part_of)):
            for link in links:
                target = by_name.get(link.target)
                if target is None:
                    continue
                b.rel(rel_type, start, (target.kind, target.id), "registry", method="registry", confidence=1.0,
                      sourceUrl=link.source, validFrom=link.valid_from, validTo=link.valid_to)
        for succession in e.succeeded_by:  # the successor REPLACES this one
            b.rel("REPLACES", ("Ministry", succession.target_id), start, "registry", method="registry",
                  confidence=1.0, sourceUrl=succession.source, date=succession.date, change=succession.change)
        if e.country and e.kind != "Country":
            country = ids.get(("Country", e.country))
            if country:
                b.rel("LOCATED_IN", start, ("Country", country.id), "registry", method="registry",
                      confidence=1.0, sourceUrl=e.sources[0] if e.sources else None)
    return b
