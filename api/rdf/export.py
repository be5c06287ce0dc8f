"""Writing an export: N-Triples, N-Quads and JSON-LD (api.rdf.jsonld) stream page by page;
Turtle, TriG and RDF/XML are built with rdflib (in memory) from the same quads."""

from __future__ import annotations

from typing import Any, BinaryIO, Iterator

from api.rdf.dataset import contact_iri
from api.rdf.formats import FORMATS, Format, get_format
from api.rdf.graph import Exporter, RdfExportError, base_iri
from api.rdf.terms import Lit, nq_line, nt_line
from schema.rdf_mapping import PREFIXES

_FLUSH_BYTES = 1 << 16


def make_exporter(store, *, settings: Any = None, base: str | None = None, kind: str | None = None,
                  document: str | None = None, include_persons: bool = False,
                  page_size: int | None = None) -> Exporter:
    settings = settings if settings is not None else getattr(store, "settings", None)
    b = base_iri(settings, base)
    contact_iri(settings)  # a bad contact URL is an error before anything is written
    if document is not None:
        document = resolve_document(store, document)
    kw = {"page_size": page_size} if page_size else {}
    return Exporter(store, base=b, kind=kind, document=document, include_persons=include_persons, settings=settings,
                    **kw)


def resolve_document(store, document: str) -> str:
    """A document given as its id (``doc-…``), ``registry``, or its file name / path."""
    document = document.strip()
    if document == "registry":
        return document
    candidates = [document]
    if not document.startswith("doc-"):
        try:
            from pathlib import Path

            from schema.ids import slug
            candidates.append("doc-" + slug(Path(document).stem))  # as loaders.pipeline.document_id
        except Exception:  # pragma: no cover - a name slugify cannot take
            pass
    for c in candidates:
        if store.read("rdf_document_exists", {"id": c}):
            return c
    raise RdfExportError(f"no document {document!r} in the store")


def stream_lines(ex: Exporter, fmt: Format) -> Iterator[str]:
    """N-Triples / N-Quads lines (JSON-LD pieces), page by page: data blocks (each sorted and
    de-duplicated), then the sources and, for an unfiltered export, the dataset description."""
    if fmt.name == "jsonld":
        from api.rdf.jsonld import document_chunks
        yield from document_chunks(ex.blocks_with_trailer())
        return
    quads_mode = fmt.quads
    for lines in ex.deduped_blocks(quads_mode):
        yield from lines
    trailer = ex.trailer_quads()
    if quads_mode:
        yield from sorted({nq_line(q) for q in trailer})
    else:
        yield from sorted({nt_line(q) for q in trailer})


def stream_bytes(ex: Exporter, fmt: Format) -> Iterator[bytes]:
    """The streaming formats as chunks of about 64 KiB."""
    buf: list[str] = []
    size = 0
    for line in stream_lines(ex, fmt):
        buf.append(line)
        size += len(line)
        if size >= _FLUSH_BYTES:
            yield "".join(buf).encode("utf-8")
            buf, size = [], 0
    if buf:
        yield "".join(buf).encode("utf-8")


# -- rdflib formats ----------------------------------------------------------------------------
def to_rdflib(quads, *, dataset: bool):
    """An rdflib Dataset (named graphs kept) or Graph (their union) from quads."""
    from rdflib import Dataset, Graph, Literal, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    def obj(o):
        if type(o) is str:
            return URIRef(o)
        return Literal(o.lex, lang=o.lang, datatype=URIRef(o.datatype) if o.datatype else None)

    if dataset:
        ds = Dataset()
        graphs: dict = {}
        for s, p, o, g in quads:
            ctx = graphs.get(g)
            if ctx is None:
                ctx = graphs[g] = ds.graph(URIRef(g) if g else DATASET_DEFAULT_GRAPH_ID)
            ctx.add((URIRef(s), URIRef(p), obj(o)))
        target = ds
    else:
        target = Graph()
        for s, p, o, _ in quads:
            target.add((URIRef(s), URIRef(p), obj(o)))
    for prefix, ns in PREFIXES.items():
        if prefix != "sh":
            target.bind(prefix, ns, override=True, replace=True)
    return target


def serialize(quads, fmt: Format) -> bytes:
    """Quads (an iterable, e.g. a resource description) in any format."""
    if fmt.name == "ntriples":
        return "".join(sorted({nt_line(q) for q in quads})).encode("utf-8")
    if fmt.name == "nquads":
        return "".join(sorted({nq_line(q) for q in quads})).encode("utf-8")
    if fmt.name == "jsonld":
        from api.rdf.jsonld import document_chunks
        return "".join(document_chunks(iter([list(quads)]))).encode("utf-8")
    return serialize_rdflib(quads, fmt)


def serialize_rdflib(quads, fmt: Format) -> bytes:
    target = to_rdflib(quads, dataset=fmt.quads)
    if fmt.name == "turtle":
        return target.serialize(format="turtle", encoding="utf-8")
    if fmt.name == "trig":
        return target.serialize(format="trig", encoding="utf-8")
    if fmt.name == "rdfxml":
        return target.serialize(format="xml", encoding="utf-8")
    raise RdfExportError(f"format {fmt.name} is not an rdflib format")


def write(ex: Exporter, out: BinaryIO, fmt: Format) -> int:
    """Write the export; returns the number of bytes written."""
    n = 0
    if fmt.streaming:
        for chunk in stream_bytes(ex, fmt):
            out.write(chunk)
            n += len(chunk)
        return n
    data = serialize_rdflib(ex.all_quads(), fmt)
    out.write(data)
    return len(data)


def export(store, out: BinaryIO, format: str = "turtle", kind: str | None = None, document: str | None = None,
           include_persons: bool = False, *, settings: Any = None, base: str | None = None) -> int:
    """Export the graph (or one kind, or one source document's statements) as RDF to ``out``.

    ``format``: turtle | ntriples | nquads | trig | jsonld | rdfxml. N-Triples, N-Quads and
    JSON-LD stream page by page from the store; the others are built in memory. People are left out
    unless ``include_persons`` (and then carry only name, role and organisation). Returns the
    number of bytes written. Raises :class:`RdfExportError` for an unknown format, kind or document.
    """
    fmt = get_format(format)
    if fmt is None:
        raise RdfExportError(f"unknown format {format!r}; formats: {', '.join(FORMATS)}")
    ex = make_exporter(store, settings=settings, base=base, kind=kind, document=document,
                       include_persons=include_persons)
    return write(ex, out, fmt)


__all__ = ["export", "make_exporter", "stream_bytes", "stream_lines", "serialize", "serialize_rdflib", "write",
           "RdfExportError", "Lit"]
