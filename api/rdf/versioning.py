"""Validators for polling clients: ``ETag``, ``Last-Modified`` and conditional requests on the
RDF resources.

The data's version is the store's node and relationship counts with the loaded documents' ids,
content hashes and extractor versions (``queries/rdf_version.cypher``): a load, a reload of a
changed file or a retract changes it. ``Last-Modified`` is when this server first saw that version (the store
keeps no load time), so after a restart it may be later than the change: a client then fetches
once more, never too little. A representation's ``ETag`` hashes the version with what selects
the representation (format, filters, base IRI).
"""

from __future__ import annotations

import hashlib
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from typing import Any, Callable

from fastapi import Request
from fastapi.responses import Response


class DataVersion:
    """The graph's current version and when it was first seen."""

    def __init__(self, store_getter: Callable[[], Any]):
        self.store_getter = store_getter
        self._lock = threading.Lock()
        self._first_seen: dict[str, float] = {}

    def key(self) -> tuple:
        store = self.store_getter()
        counts = store.counts()
        docs = store.read("rdf_version")
        return (tuple(sorted(counts["nodes"].items())), tuple(sorted(counts["relationships"].items())),
                tuple((d["id"], d["sha256"], d["pipelineVersion"]) for d in docs))

    def current(self) -> tuple[str, float]:
        """(a digest of the version, when it was first seen as a Unix time)."""
        digest = hashlib.sha256(repr(self.key()).encode()).hexdigest()
        with self._lock:
            seen = self._first_seen.setdefault(digest, float(int(time.time())))
            if len(self._first_seen) > 64:  # keep the newest few
                for old in sorted(self._first_seen, key=self._first_seen.get)[:-8]:
                    self._first_seen.pop(old, None)
        return digest, seen


def etag(version: str, *variant: Any) -> str:
    return '"' + hashlib.sha256(repr((version, variant)).encode()).hexdigest()[:32] + '"'


def validators(tag: str, modified: float) -> dict[str, str]:
    return {"ETag": tag, "Last-Modified": formatdate(modified, usegmt=True), "Cache-Control": "no-cache"}


def not_modified(request: Request, tag: str, modified: float) -> bool:
    """RFC 9110 §13.2.2: If-None-Match first (weak comparison), else If-Modified-Since."""
    inm = request.headers.get("if-none-match")
    if inm is not None:
        if inm.strip() == "*":
            return True
        bare = tag.removeprefix("W/")
        return any(t.strip().removeprefix("W/") == bare for t in inm.split(","))
    ims = request.headers.get("if-modified-since")
    if ims:
        try:
            return int(modified) <= parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError):
            return False
    return False


def conditional(request: Request, tag: str, modified: float, make: Callable[[], Response]) -> Response:
    """304 when the client's copy is current; for HEAD the headers alone; else ``make()``'s
    response, all with the validators."""
    headers = validators(tag, modified)
    if not_modified(request, tag, modified):
        return Response(status_code=304, headers={**headers, "Vary": "Accept"})
    out = make()
    if request.method == "HEAD":  # the same headers, no body (a stream is never started)
        full = out
        out = Response(status_code=full.status_code, headers=dict(full.headers))
        if "content-length" not in full.headers:
            del out.headers["content-length"]
    if out.status_code < 300:
        out.headers.update(headers)
    return out
