"""HTTP: ``GET /rdf`` (the export, content-negotiated), ``GET /rdf/dataset`` (DCAT + VoID),
``GET /rdf/ontology``, ``GET /rdf/shapes``, ``GET /id/{kind}/{id}`` (a resource's
description as Turtle, JSON-LD, ... or a readable HTML page, by ``Accept``) and ``GET``/``POST
/sparql`` (a read-only SPARQL 1.1 endpoint over the export, see api/rdf/sparql.py)."""

from __future__ import annotations

import hashlib
import html
import threading
from typing import Any, Callable
from urllib.parse import parse_qs, unquote

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.rdf import queries
from api.rdf.export import build, make_exporter, reification_for, serialize, stream_bytes
from api.rdf.formats import FORMATS, HTML, Format, format_for_media, get_format, media_offers, negotiate
from api.rdf.graph import Exporter, RdfExportError, base_iri
from api.rdf.sparql import FORMAT_NAMES, GRAPH_MEDIA, RESULT_MEDIA, SparqlEndpoint, SparqlError
from api.rdf.versioning import DataVersion, conditional, etag
from api.rdf.terms import Lit
from graph.settings import Settings, get_settings
from schema.rdf_mapping import (DCTERMS, FOAF, HG, NODE_MAP_BY_SEGMENT, ONTOLOGY_PATH, PREFIXES, PROV, RDF,
                                RDF_TYPE, RESPONSIBILITY_MEASURES, SHAPES_PATH, SKOS, STATEMENTS, STEP_ITEM,
                                STEP_POSITION)

INCOMING_LIMIT = 2000
_VARY = {"Vary": "Accept"}


class _NotAcceptable(Exception):
    pass


def _include_persons(settings: Settings) -> bool:
    """People are served over HTTP only when the operator turns it on (HELSEGRAF_RDF_INCLUDE_PERSONS)."""
    return settings.rdf_include_persons


def choose(request: Request, format: str | None, *, html_ok: bool = False) -> Format | str:
    """The format a request asks for: ``?format=`` first, then ``Accept``; HTML only where offered."""
    if format:
        if html_ok and format.lower() == "html":
            return HTML
        f = get_format(format)
        if f is None:
            raise RdfExportError(f"unknown format {format!r}; formats: {', '.join(FORMATS)}"
                                 + (", html" if html_ok else ""))
        return f
    media = negotiate(request.headers.get("accept"), media_offers(html=html_ok), FORMATS["turtle"].media_type)
    if media is None:
        raise _NotAcceptable()
    if media == HTML:
        return HTML
    return format_for_media(media) or FORMATS["turtle"]


def _chosen(request: Request, format: str | None, *, html_ok: bool = False) -> Format | str | Response:
    """:func:`choose`, or the error response when the request names no format we serve."""
    try:
        return choose(request, format, html_ok=html_ok)
    except _NotAcceptable:
        return _not_acceptable(html_ok=html_ok)
    except RdfExportError as e:
        return _error(400, str(e))


def _content_type(fmt: Format) -> str:
    return f"{fmt.media_type}; charset=utf-8"


def _serialize(quads: list, fmt: Format) -> bytes:
    return serialize(quads, fmt)


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def _not_acceptable(html_ok: bool = False) -> PlainTextResponse:
    types = ", ".join(([HTML] if html_ok else []) + [f.media_type for f in FORMATS.values()])
    return _error(406, f"not acceptable; this resource is available as: {types}")


def mount(app: FastAPI, store_getter: Callable[[], Any], settings: Settings | None = None) -> None:
    """Add the RDF routes to ``app``; ``store_getter()`` returns the GraphStore to read from;
    ``settings`` default to the environment's."""
    settings = settings or get_settings()
    description_cache: dict = {}
    cache_lock = threading.Lock()
    version = DataVersion(store_getter)
    sparql = app.state.sparql = SparqlEndpoint(version, settings, include_persons=_include_persons(settings))

    @app.api_route("/sparql", methods=["GET", "POST"], tags=["rdf"],
                   summary="Read-only SPARQL 1.1 endpoint over the export (GET ?query=, POST form or "
                           "application/sparql-query)")
    async def sparql_endpoint(request: Request) -> Response:
        params = parse_qs(request.url.query, keep_blank_values=True)
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = (await request.body()).decode("utf-8", errors="replace")
            if ctype == "application/sparql-query":
                params["query"] = [body]
            elif ctype == "application/x-www-form-urlencoded":
                for k, v in parse_qs(body, keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
            else:
                return _error(415, "POST a query as application/sparql-query or as the form field 'query' "
                                   "(application/x-www-form-urlencoded)")
        if "update" in params:
            return _error(400, "this endpoint is read-only: SPARQL updates are not accepted")
        queries_given = params.get("query", [])
        if len(queries_given) > 1:
            return _error(400, "give one query")
        fmt = (params.get("format") or params.get("output") or [None])[0]
        if fmt is not None:
            media = FORMAT_NAMES.get(fmt.lower()) or (fmt if fmt in RESULT_MEDIA or fmt in GRAPH_MEDIA else None)
            if media is None:
                return _error(400, f"unknown format {fmt!r}; formats: {', '.join(FORMAT_NAMES)}")
            result_media = media if media in RESULT_MEDIA else None
            graph_media = media if media in GRAPH_MEDIA else None
        else:
            accept = request.headers.get("accept")
            if accept and "application/json" in accept and "sparql-results" not in accept:
                accept = accept.replace("application/json", "application/sparql-results+json")
            result_media = negotiate(accept, list(RESULT_MEDIA), "application/sparql-results+json")
            graph_media = negotiate(accept, list(GRAPH_MEDIA), "text/turtle")
        try:
            answer = await run_in_threadpool(
                sparql.query, queries_given[0] if queries_given else "",
                result_media=result_media, graph_media=graph_media,
                default_graphs=params.get("default-graph-uri", []),
                named_graphs=params.get("named-graph-uri", []))
        except SparqlError as e:
            return _error(e.status, e.message)
        return Response(answer.body, media_type=f"{answer.media_type}; charset=utf-8",
                        headers={**_VARY, "Cache-Control": "no-store"})

    @app.api_route("/rdf", methods=["GET", "HEAD"], tags=["rdf"],
                   summary="The graph as RDF (content negotiation or ?format=)")
    def rdf(request: Request, format: str | None = None, kind: str | None = None,
            document: str | None = None, reification: str | None = None) -> Response:
        fmt = _chosen(request, format)
        if isinstance(fmt, Response):
            return fmt
        try:
            ex = make_exporter(store_getter(), settings=settings, kind=kind, document=document,
                               include_persons=_include_persons(settings), fmt=fmt, reification=reification)
        except RdfExportError as e:
            return _error(404 if document and "no document" in str(e) else 400, str(e))
        headers = dict(_VARY)
        name = "helsegraf" + (f"-{ex.kind}" if kind else "") + (f"-{ex.document}" if document else "")
        headers["Content-Disposition"] = f'inline; filename="{_safe_filename(name)}.{fmt.extension}"'

        def make() -> Response:
            if fmt.streaming:
                return StreamingResponse(stream_bytes(ex, fmt), media_type=_content_type(fmt), headers=headers)
            return Response(build(ex, fmt), media_type=_content_type(fmt), headers=headers)
        digest, modified = version.current()
        return conditional(request, etag(digest, fmt.name, ex.kind, ex.document, ex.base, ex.reification), modified,
                           make)

    @app.api_route("/rdf/dataset", methods=["GET", "HEAD"], tags=["rdf"],
                   summary="DCAT + VoID description of the dataset")
    def dataset(request: Request, format: str | None = None) -> Response:
        fmt = _chosen(request, format)
        if isinstance(fmt, Response):
            return fmt
        store = store_getter()
        digest, modified = version.current()
        here = _served_at(request)
        return conditional(request, etag(digest, fmt.name, base_iri(settings), here), modified, lambda: Response(
            _serialize(_description(store, digest, here, description_cache, cache_lock), fmt),
            media_type=_content_type(fmt),
            headers=dict(_VARY)))

    @app.api_route("/graph/{rest:path}", methods=["GET", "HEAD"], tags=["rdf"],
                   summary="A named graph's description (VoID: its source, its size, the dataset)")
    def named_graph(request: Request, rest: str, format: str | None = None) -> Response:
        fmt = _chosen(request, format)
        if isinstance(fmt, Response):
            return fmt
        raw = request.scope.get("raw_path")
        path = raw.decode("latin-1").split("?", 1)[0] if isinstance(raw, (bytes, bytearray)) else request.url.path
        graph = base_iri(settings) + path[path.find("/graph/"):]
        store = store_getter()
        digest, modified = version.current()

        def make() -> Response:
            quads = _description(store, digest, _served_at(request), description_cache, cache_lock)
            mine = [q for q in quads if q[0] == graph or q[2] == graph]
            if not any(q[0] == graph for q in mine):
                return _error(404, f"no named graph {graph}")
            return Response(_serialize(mine, fmt), media_type=_content_type(fmt), headers=dict(_VARY))
        return conditional(request, etag(digest, fmt.name, graph, _served_at(request)), modified, make)

    @app.api_route("/rdf/ontology", methods=["GET", "HEAD"], tags=["rdf"],
                   summary="The helsegraf OWL ontology (own terms)")
    def ontology(request: Request, format: str | None = None) -> Response:
        return _static(request, format, ONTOLOGY_PATH)

    @app.api_route("/rdf/shapes", methods=["GET", "HEAD"], tags=["rdf"],
                   summary="The SHACL shapes the export conforms to")
    def shapes(request: Request, format: str | None = None) -> Response:
        return _static(request, format, SHAPES_PATH)

    @app.api_route("/id/{kind}/{rest:path}", methods=["GET", "HEAD"], tags=["rdf"],
                   summary="A resource's description (Turtle, JSON-LD, HTML, ...)")
    def resource(request: Request, kind: str, rest: str, format: str | None = None,
                 reification: str | None = None) -> Response:
        km = NODE_MAP_BY_SEGMENT.get(kind)
        if km is None:
            return _error(404, f"no such kind {kind!r}")
        id_ = _id_from_raw_path(request, kind, rest)
        include_persons = _include_persons(settings)
        if km.label == "Person" and not include_persons:
            return _error(404, "people are not published")
        fmt = _chosen(request, format, html_ok=True)
        if isinstance(fmt, Response):
            return fmt
        try:  # the HTML page reads the RDF 1.1 form (each statement's predicate and object)
            mode = STATEMENTS if fmt == HTML else reification_for(fmt, settings, reification)
        except RdfExportError as e:
            return _error(400, str(e))
        store = store_getter()
        ex = Exporter(store, base=base_iri(settings), include_persons=include_persons, reification=mode)
        digest, modified = version.current()
        tag = etag(digest, "html" if fmt == HTML else fmt.name, km.label, id_, ex.base, mode)

        def make() -> Response:
            quads = describe(ex, km.label, id_)
            if quads is None:
                return _error(404, f"no {km.label} with id {id_!r}")
            if fmt == HTML:
                return Response(render_html(ex, km.label, id_, quads), media_type="text/html; charset=utf-8",
                                headers=dict(_VARY))
            return Response(_serialize(quads, fmt), media_type=_content_type(fmt), headers=dict(_VARY))
        return conditional(request, tag, modified, make)

    def _description(store, digest: str, served_at: str, cache: dict, lock: threading.Lock) -> list:
        """DCAT + VoID, its download links on this server (`served_at`): statistics need a pass
        over the data, so the result is cached until the data's version (``digest``,
        api/rdf/versioning.py) changes."""
        key = (base_iri(settings), digest, served_at)
        with lock:
            if key in cache:
                return cache[key]
        ex = make_exporter(store, settings=settings, include_persons=_include_persons(settings))
        for _ in ex.deduped_blocks(False):
            pass
        quads = ex.sources_quads() + ex.description_quads(served_at)
        with lock:
            if len(cache) > 8:  # a few hosts (localhost, a proxy's name) per data version
                cache.clear()
            cache[key] = quads
        return quads


def _served_at(request: Request) -> str:
    """This server's own address as the client reached it (scheme, host, root path)."""
    return str(request.base_url).rstrip("/")


def _static(request: Request, format: str | None, path) -> Response:
    fmt = _chosen(request, format)
    if isinstance(fmt, Response):
        return fmt
    text = path.read_text(encoding="utf-8")

    def make() -> Response:
        if fmt.name == "turtle":
            return Response(text, media_type=_content_type(fmt), headers=dict(_VARY))
        import rdflib
        g = rdflib.Graph().parse(data=text, format="turtle")
        target = {"ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "rdfxml": "xml"}[fmt.name]
        return Response(g.serialize(format=target, encoding="utf-8"), media_type=_content_type(fmt),
                        headers=dict(_VARY))
    return conditional(request, etag(hashlib.sha256(text.encode()).hexdigest(), fmt.name), path.stat().st_mtime, make)


def _safe_filename(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)[:120]


def _id_from_raw_path(request: Request, kind: str, rest: str) -> str:
    """The id exactly as percent-encoded in the request (so %2F, %25 and %2E survive routing)."""
    raw = request.scope.get("raw_path")
    if isinstance(raw, (bytes, bytearray)):
        raw_s = raw.decode("latin-1").split("?", 1)[0]
        marker = f"/id/{kind}/"
        i = raw_s.find(marker)
        if i >= 0:
            return unquote(raw_s[i + len(marker):], encoding="utf-8", errors="surrogateescape")
    return rest


def describe(ex: Exporter, label: str, id_: str) -> list | None:
    """The quads describing one resource: its description, its outgoing statements with their
    evidence, the relationships pointing at it, and the names of its neighbours."""
    rows = ex.store.read(queries.resource(label), {"id": id_})
    if not rows:
        return None
    row = rows[0]
    s = ex.iri(label, id_)
    quads = ex.node_block(label, row["props"], row["rels"])
    objects = ({q[2] for q in quads if q[0] == s and type(q[2]) is str}
               | {q[0] for q in quads if q[2] == s and "#" not in q[0]})  # neighbours, either direction
    for rel in row["rels"]:
        o = ex.iri(rel["endLabel"], rel["endId"]) if rel.get("endLabel") and rel.get("endId") else None
        if o in objects:
            quads += _name_quads(o, rel["endLabel"], rel.get("endName"))
    for inc in ex.store.read(queries.incoming(label), {"id": id_, "limit": INCOMING_LIMIT}):
        start = ex.iri(inc["startLabel"], inc["startId"])
        rel = {"type": inc["type"], "endLabel": label, "endId": id_,
               "props": {"source": inc["source"], "validFrom": inc.get("validFrom"), "validTo": inc.get("validTo")}}
        st = ex.statement(start, inc["startLabel"], rel)
        direct = [q for q in st if "#" not in q[0]]  # the direct triples (resources), if they hold today
        if st:
            quads += direct  # its evidence (and tenure) is described with its subject
            quads += _name_quads(start, inc["startLabel"], inc.get("startName"))
    if label in RESPONSIBILITY_MEASURES:  # the ministries responsible for a measure, and why
        for r in ex.store.read(queries.responsibility_page(), {"ids": [id_], "at": None, "today": ex.today}):
            if r["measure"].get("kind") == label and r["measure"].get("id") == id_:
                quads += ex.responsibility(label, id_, r["ministries"])
    quads += ex.sources_quads()
    return quads


def _name_quads(iri: str, label: str, name: Any) -> list:
    if not isinstance(name, str) or not name.strip():
        return []
    from api.rdf.terms import scrub
    if label == "Person":
        return [(iri, FOAF + "name", Lit(scrub(name)), None)]
    return [(iri, SKOS + "prefLabel", Lit(scrub(name), "nb"), None)]


# -- HTML ---------------------------------------------------------------------------------------------
def _qname(iri: str) -> str:
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{p}:{iri[len(ns):]}"
    return iri


def render_html(ex: Exporter, label: str, id_: str, quads: list) -> str:
    s = ex.iri(label, id_)
    e = html.escape
    names: dict[str, str] = {}
    for q in quads:
        if q[1] in (SKOS + "prefLabel", FOAF + "name", DCTERMS + "title") and isinstance(q[2], Lit) \
                and q[2].lang in (None, "nb"):
            names.setdefault(q[0], q[2].lex)
    title = names.get(s, id_)

    def term(o) -> str:
        if type(o) is str:
            text = names.get(o) or _qname(o)
            # the dataset's own IRIs by path, so the page's links work on whatever host serves it
            href = o[len(ex.base):] if o.startswith(ex.base + "/") else o
            return f'<a href="{e(href)}">{e(text)}</a>'
        suffix = f' <small>@{e(o.lang)}</small>' if o.lang else ""
        return f"{e(o.lex)}{suffix}"

    own = sorted((q for q in quads if q[0] == s), key=lambda q: (_qname(q[1]), str(q[2])))
    statements: dict[str, dict[str, list]] = {}
    for q in quads:
        if q[0].startswith(s + "#s-") and "-step-" not in q[0]:  # statements, not their inference steps
            statements.setdefault(q[0], {}).setdefault(q[1], []).append(q[2])
    steps: dict[str, dict[str, dict]] = {}  # statement -> step -> its properties
    for q in quads:
        if q[0].startswith(s + "#s-") and "-step-" in q[0]:
            steps.setdefault(q[0].rsplit("-step-", 1)[0], {}).setdefault(q[0], {})[q[1]] = q[2]
    incoming = sorted({(q[0], q[1]) for q in quads if type(q[2]) is str and q[2] == s and q[0] != s
                       and not q[0].startswith(s + "#") and q[1] != RDF + "object"})

    rows = "".join(f"<tr><th>{e(_qname(q[1]))}</th><td>{term(q[2])}</td></tr>" for q in own)
    st_rows = []
    for st_iri, props in sorted(statements.items(), key=lambda kv: (_qname(str(kv[1].get(RDF + "predicate", [""])[0])), kv[0])):
        pred = props.get(RDF + "predicate", [""])[0]
        obj = props.get(RDF + "object", [""])[0]
        src = props.get(PROV + "wasDerivedFrom", [""])[0]
        quote = next((o.lex for p, vals in props.items() if p.endswith("#quote") for o in vals), "")
        span = [o.lex for p in (HG + "startOffset", HG + "endOffset") for o in props.get(p, [])]
        shown = {RDF_TYPE, RDF + "subject", RDF + "predicate", RDF + "object", PROV + "wasDerivedFrom",
                 HG + "quote", HG + "startOffset", HG + "endOffset", HG + "inferenceStep"}
        extra = ", ".join(f"{e(_qname(p))}: {', '.join(term(v) for v in vals)}" for p, vals in sorted(props.items())
                          if p not in shown)
        path = sorted(steps.get(st_iri, {}).values(), key=lambda st: int(getattr(st.get(STEP_POSITION), "lex", 0)))
        if path:  # an inferred fact's path, in order
            extra += (", " if extra else "") + "hg:inferenceStep: " + " → ".join(
                term(st[STEP_ITEM]) if STEP_ITEM in st else e(str(getattr(st.get(DCTERMS + "identifier"), "lex", "")))
                for st in path)
        st_rows.append(
            f'<tr id="{e(st_iri.rsplit("#", 1)[1])}"><td>{e(_qname(pred))}</td><td>{term(obj)}</td>'
            f"<td>{term(src) if src else ''}</td><td>{e(quote)}</td>"
            f"<td>{e('–'.join(span))}</td><td>{extra}</td></tr>")
    inc_rows = "".join(f"<tr><td>{term(subj)}</td><td>{e(_qname(pred))}</td></tr>" for subj, pred in incoming)
    alternates = "".join(
        f'<link rel="alternate" type="{e(f.media_type)}" href="?format={f.name}">' for f in FORMATS.values())
    links = " · ".join(f'<a href="?format={f.name}">{e(f.title)}</a>' for f in FORMATS.values())
    return f"""<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>{e(title)} · helsegraf</title>{alternates}
<style>body{{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse;width:100%;margin-bottom:2rem}}th,td{{text-align:left;vertical-align:top;
border-bottom:1px solid #ddd;padding:.3rem .5rem}}th{{width:14rem;font-weight:600}}code{{word-break:break-all}}</style>
</head><body>
<p><small>{e(label)}</small></p>
<h1>{e(title)}</h1>
<p><code>{e(s)}</code></p>
<p>Last ned / download: {links}</p>
<h2>Beskrivelse / description</h2>
<table>{rows}</table>
<h2>Utsagn med kilde / statements with their source</h2>
<table><tr><th>predikat</th><th>objekt</th><th>kilde</th><th>sitat</th><th>tegn</th><th>mer</th></tr>{''.join(st_rows)}</table>
<h2>Lenker hit / links here</h2>
<table>{inc_rows}</table>
</body></html>
"""
