"""RDF export of the graph: formats, stable IRIs, provenance, SHACL, DCAT/VoID.

Entry points for the app and the CLI:

* :func:`export` — ``export(store, out, format, kind=None, document=None, include_persons=False)``
* :func:`mount` — ``mount(app, store_getter, settings)`` adds ``GET /rdf``, ``GET /rdf/dataset``,
  ``GET /rdf/ontology``, ``GET /rdf/shapes`` and ``GET /id/{kind}/{id}``.
"""

from __future__ import annotations

from api.rdf.export import export
from api.rdf.formats import FORMATS
from api.rdf.graph import RdfExportError

FORMAT_NAMES = tuple(FORMATS)


def mount(app, store_getter, settings=None) -> None:
    from api.rdf.web import mount as _mount
    _mount(app, store_getter, settings)


__all__ = ["export", "mount", "RdfExportError", "FORMAT_NAMES"]
