"""RDF formats: names, media types, file extensions, content negotiation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    title: str
    streaming: bool = False  # written page by page straight from the store
    quads: bool = False  # carries named graphs
    triple_terms: bool = True  # carries RDF 1.2 triple terms (JSON-LD 1.1 does not)
    aliases: tuple[str, ...] = ()
    other_media_types: tuple[str, ...] = ()


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", "text/turtle", "ttl", "Turtle", aliases=("ttl",), other_media_types=("application/x-turtle",)),
    Format("ntriples", "application/n-triples", "nt", "N-Triples", streaming=True, aliases=("nt", "n-triples")),
    Format("nquads", "application/n-quads", "nq", "N-Quads", streaming=True, quads=True,
           aliases=("nq", "n-quads")),
    Format("trig", "application/trig", "trig", "TriG", quads=True),
    Format("jsonld", "application/ld+json", "jsonld", "JSON-LD", streaming=True, quads=True, triple_terms=False,
           aliases=("json-ld", "json"),
           other_media_types=("application/json",)),
    Format("rdfxml", "application/rdf+xml", "rdf", "RDF/XML", aliases=("rdf", "xml", "rdf+xml", "rdf-xml"),
           other_media_types=("application/xml", "text/xml")),
)}
HTML = "text/html"
IANA = "https://www.iana.org/assignments/media-types/"


def get_format(name: str) -> Format | None:
    key = (name or "").strip().lower()
    if key in FORMATS:
        return FORMATS[key]
    for f in FORMATS.values():
        if key in f.aliases or key == f.media_type or key in f.other_media_types:
            return f
    return None


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` as (media range, q), best first; order of appearance breaks ties."""
    if not header:
        return []
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((media, q, i))
    out.sort(key=lambda t: (-t[1], t[2]))
    return [(m, q) for m, q, _ in out if q > 0]


def negotiate(header: str | None, offers: list[str], default: str) -> str | None:
    """The offered media type the client prefers (``default`` for no header or ``*/*``), or None
    when the client accepts none of the offers."""
    ranges = parse_accept(header)
    if not ranges:
        return default
    for media, _ in ranges:
        if media == "*/*":
            return default
        if media.endswith("/*"):
            major = media[:-1]
            if default.startswith(major):
                return default
            for o in offers:
                if o.startswith(major):
                    return o
            continue
        for o in offers:
            if media == o:
                return o
    return None


def media_offers(html: bool = False) -> list[str]:
    """Media types we can answer, the canonical ones of each format plus their aliases."""
    offers = [HTML] if html else []
    for f in FORMATS.values():
        offers += [f.media_type, *f.other_media_types]
    return offers


def format_for_media(media: str) -> Format | None:
    for f in FORMATS.values():
        if media == f.media_type or media in f.other_media_types:
            return f
    return None
