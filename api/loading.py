"""`helsegraf load`: files → loaders → GraphStore, one transaction per document.

A file that cannot be read or extracted is reported (one line naming it) and skipped; the
others still load; nothing of the failed file is written. An unchanged file (same content
hash) is skipped; a changed one replaces its own facts.
"""

from __future__ import annotations

import sys

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from graph.locks import file_lock
from graph.settings import Settings
from graph.store import GraphStore
from loaders.metadata import load_manifest
from loaders.pipeline import document_batch, document_id, registry_batch, run
from loaders.similarity import SimilarityIndex, add_similar, proposal_texts
from loaders.version import pipeline_version
from loaders.read import FORMATS, ReadError
from schema.batch import BatchError
from schema.registry import load_registry


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, one-line reason)
    warnings: list[str] = field(default_factory=list)
    nodes: int = 0
    relationships: int = 0


MANIFEST = "manifest.yaml"


def expand(paths: list[Path], report: LoadReport) -> list[Path]:
    """Files to load: folders give their supported files (sorted; others are reported as
    skipped); files are taken as given (and fail clearly if unsupported)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(x for x in p.iterdir() if x.is_file() and not x.name.startswith(".")):
                if f.suffix.lower() in FORMATS:
                    out.append(f)
                elif f.name != MANIFEST:
                    report.warnings.append(f"{f.name}: skipped, not a supported document type")
        else:
            out.append(p)
    return out


def load_files(store: GraphStore, settings: Settings, paths: list[Path], progress=None) -> LoadReport:
    report = LoadReport()
    registry = load_registry()
    files = expand(paths, report)
    with load_lock(settings):
        store.setup()
        # replace: a link the registry no longer has is removed (a store loaded by an earlier
        # version would otherwise keep answering with it)
        store.write(registry_batch(registry), replace=True)
        # a document is unchanged when its file and the extractor that read it both are
        version = pipeline_version()
        known = {r["id"]: r["sha256"] for r in store.read(
            "MATCH (d:Document) RETURN d.id AS id, d.sha256 AS sha256, d.pipelineVersion AS version")
            if r["version"] == version}
        similar: SimilarityIndex | None = None  # read on the first document that needs it
        manifests: dict[Path, dict] = {}  # one parse per folder, not one per document
        for path in files:
            if progress:
                progress(path)
            sha = _sha256(path, settings.max_file_bytes)
            if sha is not None and known.get(document_id(path)) == sha:  # before the costly extraction
                report.unchanged.append(path.name)
                continue
            try:
                if path.parent not in manifests:
                    candidate = path.parent / MANIFEST
                    manifests[path.parent] = load_manifest(candidate) if candidate.exists() else {}
                ex = run(path, registry=registry, manifest=manifests[path.parent],
                         max_bytes=settings.max_file_bytes)
                if known.get(ex.doc_id) == ex.raw.sha256:
                    report.unchanged.append(path.name)
                    continue
                batch = document_batch(ex, registry)
                similar = similar or similarity_index(store)
                texts = proposal_texts(ex)
                matches = similar.matches(ex.doc_id, texts)
                add_similar(batch, ex, matches)
                counts = store.write(batch, replace=True)
                similar.commit(ex.doc_id, texts, matches)
            except (ReadError, BatchError) as e:
                report.failed.append((str(path), str(e)))
                continue
            report.loaded.append(path.name)
            report.nodes += counts["nodes"]
            report.relationships += counts["relationships"]
            if not ex.proposals:
                report.warnings.append(f"{path.name}: no proposals found")
        stale = store.read("MATCH (d:Document) WHERE d.pipelineVersion IS NULL OR d.pipelineVersion <> $v "
                           "RETURN d.path AS path ORDER BY path", {"v": version})
        if stale:
            names = ", ".join(r["path"] or "?" for r in stale[:5]) + (" …" if len(stale) > 5 else "")
            report.warnings.append(f"{len(stale)} document(s) in the store were read by an earlier version of "
                                   f"the extractor and were not among the files given ({names}): load them "
                                   "again to bring their facts up to date")
    return report


def similarity_index(store: GraphStore) -> SimilarityIndex:
    """The proposals in the store and their similarity links, for comparing a new document with."""
    proposals = store.read("MATCH (p:Proposal)-[:EXTRACTED_FROM]->(d:Document) "
                           "RETURN p.id AS id, p.text AS text, collect(d.id) AS documents")
    links = store.read("MATCH (a:Proposal)-[r:SIMILAR_TO]->(b:Proposal) "
                       "RETURN a.id AS start, b.id AS end, r.source AS source")
    return SimilarityIndex.from_rows(proposals, links)


def _sha256(path: Path, max_bytes: int) -> str | None:
    """The content hash `read_document` records; None if the file is unreadable or too large
    (the reader then says why)."""
    try:
        if not path.is_file() or path.stat().st_size > max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def retract(store: GraphStore, settings: Settings, doc: str) -> str:
    doc_id = doc if doc.startswith("doc-") else document_id(Path(doc))
    with load_lock(settings):
        if not store.read("MATCH (d:Document {id: $id}) RETURN d.id AS id", {"id": doc_id}):
            raise BatchError(f"no document {doc!r} in the store (id {doc_id})")
        store.retract(doc_id)
    return doc_id


def load_lock(settings: Settings):
    """One load at a time per data dir: a second `helsegraf load` waits for the first."""
    return file_lock(settings.data_dir / "load.lock",
                     on_wait=lambda: print("waiting for another helsegraf load to finish…", file=sys.stderr))
