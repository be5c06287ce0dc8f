"""Writing an export: N-Triples, N-Quads and JSON-LD (api.rdf.jsonld) stream page by page;
Turtle, TriG and RDF/XML are built in memory from the same quads: with pyoxigraph where they carry
RDF 1.2 triple terms (the default), with rdflib in the RDF 1.1 form (``reification="statements"``).

Which form: ``reification`` per export, else the ``HELSEGRAF_RDF_REIFICATION`` setting
(``triple-terms`` by default) for the formats that carry triple terms; JSON-LD has none, so it is
always written with ``rdf:Statement`` reification."""

from __future__ import annotations

from typing import Any, BinaryIO, Iterator

from api.rdf.dataset import contact_iri
from api.rdf.formats import FORMATS, Format, get_format
from api.rdf.graph import Exporter, RdfExportError, base_iri
from api.rdf.terms import Lit, TripleTerm, nq_line, nt_line
from schema.rdf_mapping import PREFIXES, REIFICATIONS, STATEMENTS, TRIPLE_TERMS

_FLUSH_BYTES = 1 << 16


def reification_for(fmt: Format | None, settings: Any = None, requested: str | None = None) -> str:
    """How an export in `fmt` names the facts its evidence is about: `requested` (a query parameter,
    a CLI option), else the setting; JSON-LD, which carries no triple terms, always ``statements``."""
    choice = (requested or "").strip().lower() or None
    if choice is not None and choice not in REIFICATIONS:
        raise RdfExportError(f"unknown reification {requested!r}; choose {' or '.join(REIFICATIONS)}")
    if fmt is not None and not fmt.triple_terms:
        if choice == TRIPLE_TERMS:
            raise RdfExportError(f"{fmt.title} cannot carry RDF 1.2 triple terms; use reification={STATEMENTS} "
                                 "or another format (N-Triples, N-Quads, Turtle, TriG, RDF/XML)")
        return STATEMENTS
    if choice is None:
        choice = str(getattr(settings, "rdf_reification", None) or TRIPLE_TERMS)
        if choice not in REIFICATIONS:
            raise RdfExportError(f"HELSEGRAF_RDF_REIFICATION {choice!r} must be {' or '.join(REIFICATIONS)}")
    return choice


def make_exporter(store, *, settings: Any = None, base: str | None = None, kind: str | None = None,
                  document: str | None = None, include_persons: bool = False,
                  page_size: int | None = None, fmt: Format | None = None,
                  reification: str | None = None) -> Exporter:
    settings = settings if settings is not None else getattr(store, "settings", None)
    b = base_iri(settings, base)
    contact_iri(settings)  # a bad contact URL is an error before anything is written
    mode = reification_for(fmt, settings, reification)
    if document is not None:
        document = resolve_document(store, document)
    kw = {"page_size": page_size} if page_size else {}
    return Exporter(store, base=b, kind=kind, document=document, include_persons=include_persons, settings=settings,
                    reification=mode, **kw)


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
        if type(o) is TripleTerm:
            raise RdfExportError("rdflib cannot write RDF 1.2 triple terms: export with reification=statements")
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
    quads = list(quads)
    triple_terms = any(type(q[2]) is TripleTerm for q in quads)
    if fmt.name == "jsonld":
        if triple_terms:
            raise RdfExportError("JSON-LD cannot carry RDF 1.2 triple terms: export with reification=statements")
        from api.rdf.jsonld import document_chunks
        return "".join(document_chunks(iter([quads]))).encode("utf-8")
    return serialize_oxigraph(quads, fmt) if triple_terms else serialize_rdflib(quads, fmt)


_OX_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "rdfxml": "RDF_XML"}


def serialize_oxigraph(quads, fmt: Format) -> bytes:
    """Turtle, TriG or RDF/XML 1.2 (triple terms) by pyoxigraph: the quads as sorted N-Quads
    (N-Triples for the formats without named graphs), parsed and written again with the prefixes;
    TriG's graphs each come as one block (the default graph first), subjects grouped within."""
    import pyoxigraph as ox
    if fmt.name not in _OX_FORMATS:
        raise RdfExportError(f"format {fmt.name} is not written by pyoxigraph here")
    if fmt.quads:
        lines = sorted({nq_line(q) for q in quads})
        parsed = list(ox.parse("".join(lines).encode("utf-8"), ox.RdfFormat.N_QUADS))
        # stable: within a graph the subjects stay in sorted order
        parsed.sort(key=lambda q: "" if isinstance(q.graph_name, ox.DefaultGraph) else "<" + q.graph_name.value)
    else:
        lines = sorted({nt_line(q) for q in quads})
        parsed = list(ox.parse("".join(lines).encode("utf-8"), ox.RdfFormat.N_TRIPLES))
        parsed = [q.triple for q in parsed]
    prefixes = {p: ns for p, ns in PREFIXES.items() if p != "sh"}
    return ox.serialize(parsed, format=getattr(ox.RdfFormat, _OX_FORMATS[fmt.name]), prefixes=prefixes)


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
    data = build(ex, fmt)
    out.write(data)
    return len(data)


def build(ex: Exporter, fmt: Format) -> bytes:
    """A non-streaming format (Turtle, TriG, RDF/XML) in memory, in the exporter's form."""
    if ex.reification == TRIPLE_TERMS:
        return serialize_oxigraph(ex.all_quads(), fmt)
    return serialize_rdflib(ex.all_quads(), fmt)


def export(store, out: BinaryIO, format: str = "turtle", kind: str | None = None, document: str | None = None,
           include_persons: bool = False, *, settings: Any = None, base: str | None = None,
           reification: str | None = None) -> int:
    """Export the graph (or one kind, or one source document's statements) as RDF to ``out``.

    ``format``: turtle | ntriples | nquads | trig | jsonld | rdfxml. N-Triples, N-Quads and
    JSON-LD stream page by page from the store; the others are built in memory. People are left out
    unless ``include_persons`` (and then carry only name, role and organisation). ``reification``:
    ``triple-terms`` (RDF 1.2: each fact's evidence on the reifier of its triple term) or
    ``statements`` (RDF 1.1 ``rdf:Statement``); default the setting, and always ``statements`` in
    JSON-LD. Returns the number of bytes written. Raises :class:`RdfExportError` for an unknown
    format, kind, document or reification.
    """
    fmt = get_format(format)
    if fmt is None:
        raise RdfExportError(f"unknown format {format!r}; formats: {', '.join(FORMATS)}")
    ex = make_exporter(store, settings=settings, base=base, kind=kind, document=document,
                       include_persons=include_persons, fmt=fmt, reification=reification)
    return write(ex, out, fmt)


__all__ = ["export", "make_exporter", "reification_for", "stream_bytes", "stream_lines", "serialize",
           "serialize_rdflib", "serialize_oxigraph", "build", "write", "RdfExportError", "Lit"]
