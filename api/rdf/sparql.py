"""A read-only SPARQL 1.1 endpoint over the RDF export (``GET``/``POST /sparql``).

The export (``/rdf`` as N-Quads: one named graph per source document, the registry's facts in
their own graph) is loaded into an in-memory pyoxigraph store that runs in a child process, so
that a query running past its time limit can be stopped (the process is killed and started
again for the next query: pyoxigraph has no way to interrupt a query in progress). The data is
exported again when the graph changes (api/rdf/versioning.py: the store's node and relationship
counts with the loaded documents' content hashes, read on every request by two small queries).

* Queries only (SELECT, ASK, CONSTRUCT, DESCRIBE); an update is refused with a clear message.
* The default graph is the union of all named graphs, so a plain ``?s ?p ?o`` pattern sees every
  fact; ``default-graph-uri`` / ``named-graph-uri`` (the Protocol's dataset parameters) narrow it,
  and ``GRAPH ?g { … }`` reaches one document's facts.
* Results as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (default),
  N-Triples or RDF/XML; by ``Accept`` or ``?format=``.
* Limits: ``HELSEGRAF_SPARQL_TIMEOUT`` seconds per query (then 503), and
  ``HELSEGRAF_SPARQL_MAX_RESULT_BYTES`` of serialised result (then 413). One query runs at a time.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from api.rdf.versioning import DataVersion
    from graph.settings import Settings

RESULT_MEDIA = {  # media type -> pyoxigraph QueryResultsFormat name
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_MEDIA = {  # media type -> pyoxigraph RdfFormat name
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
}
FORMAT_NAMES = {  # ?format= -> media type
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "ntriples": "application/n-triples",
    "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
}
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_LOAD_TIMEOUT = 300.0


class SparqlError(Exception):
    """A request the endpoint answers with ``status`` and a one-line ``message``."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str


# -- the child process ---------------------------------------------------------------------------
class _Capped(io.RawIOBase):
    """A write buffer that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int):
        super().__init__()
        self.buf = bytearray()
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        if len(self.buf) + len(b) > self.limit:
            raise OverflowError
        self.buf += b
        return len(b)


def _serve(conn, nquads_path: str) -> None:  # pragma: no cover - runs in the child process
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=nquads_path, format=ox.RdfFormat.N_QUADS)
    conn.send(("ready", len(store)))
    while True:
        msg = conn.recv()
        if msg is None:
            return
        try:
            conn.send(_answer(ox, store, **msg))
        except SyntaxError as e:
            conn.send(("bad", f"the query does not parse: {e}"))
        except OverflowError:
            conn.send(("too_large", msg["max_bytes"]))
        except Exception as e:  # noqa: BLE001 - reported to the client as one line
            conn.send(("bad", f"the query failed: {type(e).__name__}: {e}"))


def _answer(ox, store, query: str, result_media: str | None, graph_media: str | None,
            default_graphs: list[str], named_graphs: list[str], max_bytes: int):
    kw: dict[str, Any] = {"use_default_graph_as_union": not default_graphs}
    if default_graphs:
        kw["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        kw["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    result = store.query(query, **kw)
    out = _Capped(max_bytes)
    if isinstance(result, ox.QueryTriples):
        if graph_media is None:
            return ("not_acceptable", list(GRAPH_MEDIA))
        ox.serialize(result, out, getattr(ox.RdfFormat, GRAPH_MEDIA[graph_media]))
        return ("ok", bytes(out.buf), graph_media)
    if result_media is None:
        return ("not_acceptable", list(RESULT_MEDIA))
    result.serialize(out, getattr(ox.QueryResultsFormat, RESULT_MEDIA[result_media]))
    return ("ok", bytes(out.buf), result_media)


# -- the endpoint --------------------------------------------------------------------------------
class SparqlEndpoint:
    """Answers SPARQL queries over the current export of ``store_getter()``'s graph."""

    def __init__(self, version: "DataVersion", settings: "Settings", *, include_persons: bool = False):
        self.data_version = version
        self.store_getter = version.store_getter
        self.settings = settings
        self.include_persons = include_persons
        self._lock = threading.Lock()
        self._process = None
        self._conn = None
        self._version: Any = None
        self._path: str | None = None
        self.triples = 0
        self.restarts = 0  # child processes started (tests and logs read it)

    @property
    def timeout(self) -> float:
        return self.settings.sparql_timeout

    @property
    def max_bytes(self) -> int:
        return self.settings.sparql_max_result_bytes

    def query(self, text: str, *, result_media: str | None, graph_media: str | None,
              default_graphs: list[str] = (), named_graphs: list[str] = ()) -> Answer:
        if not text or not text.strip():
            raise SparqlError(400, "missing query: pass it as ?query=… or POST it "
                                   "(application/sparql-query or a form field 'query')")
        if _UPDATE.match(text):
            raise SparqlError(400, "this endpoint is read-only: SPARQL updates are not accepted")
        msg = {"query": text, "result_media": result_media, "graph_media": graph_media,
               "default_graphs": list(default_graphs), "named_graphs": list(named_graphs),
               "max_bytes": self.max_bytes}
        with self._lock:
            version = self.data_version.key()
            if version != self._version or self._process is None or not self._process.is_alive():
                self._start(version)
            self._conn.send(msg)
            if not self._conn.poll(self.timeout):
                self._stop()
                raise SparqlError(503, f"the query ran longer than {self.timeout:g} s and was stopped "
                                       "(HELSEGRAF_SPARQL_TIMEOUT); narrow it or add a LIMIT")
            try:
                reply = self._conn.recv()
            except EOFError:
                self._stop()
                raise SparqlError(503, "the SPARQL process stopped while running this query; "
                                       "it starts again with the next one") from None
        status = reply[0]
        if status == "ok":
            return Answer(reply[1], reply[2])
        if status == "too_large":
            raise SparqlError(413, f"the result is larger than {reply[1]} bytes "
                                   "(HELSEGRAF_SPARQL_MAX_RESULT_BYTES); add a LIMIT")
        if status == "not_acceptable":
            raise SparqlError(406, "not acceptable; this query's results are available as: " + ", ".join(reply[1]))
        raise SparqlError(400, reply[1])

    # -- the child process's life ----------------------------------------------------------------
    def _start(self, version: Any) -> None:
        self._stop()
        if version != self._version or self._path is None:
            self._export()
            self._version = version
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(child, self._path), daemon=True,
                                    name="helsegraf-sparql")
        self._process.start()
        child.close()
        self._conn = parent
        self.restarts += 1
        if not parent.poll(_LOAD_TIMEOUT):
            self._stop()
            raise SparqlError(503, "the SPARQL store did not load the export in time")
        try:
            _, self.triples = parent.recv()
        except EOFError:
            self._stop()
            raise SparqlError(503, "the SPARQL store failed to load the export") from None

    def _export(self) -> None:
        from api.rdf.export import make_exporter, stream_bytes
        from api.rdf.formats import FORMATS

        ex = make_exporter(self.store_getter(), settings=self.settings, include_persons=self.include_persons,
                           fmt=FORMATS["nquads"])
        fd, path = tempfile.mkstemp(prefix="helsegraf-sparql-", suffix=".nq")
        with os.fdopen(fd, "wb") as f:
            for chunk in stream_bytes(ex, FORMATS["nquads"]):
                f.write(chunk)
        self._discard_file()
        self._path = path

    def _stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
            self._process = None

    def _discard_file(self) -> None:
        if self._path:
            try:
                os.unlink(self._path)
            except FileNotFoundError:
                pass
            self._path = None

    def close(self) -> None:
        with self._lock:
            self._stop()
            self._discard_file()
