"""One settings object (graph/settings.py): every setting the code reads is defined there, and
create_app(settings) hands its settings to GraphQL and RDF, set through the real class (the
environment's HELSEGRAF_* variables or its arguments)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.graphql.protection import ProtectionLimits
from graph.settings import REPO_ROOT, Settings

# `settings.name`, `self.settings.name`, `s.graphql_…` (a Settings bound to s) and
# getattr(settings, "name", …) in the product code.
_READS = re.compile(r"\bsettings\.(?!py\b)([a-z_]+)\b|getattr\((?:self\.)?settings, \"([a-z_]+)\"|\bs\.((?:graphql|rdf|sparql)_[a-z_]+)")


def test_every_setting_the_code_reads_is_defined():
    read = set()
    for package in ("api", "graph", "loaders", "schema"):
        for path in (REPO_ROOT / package).rglob("*.py"):
            for m in _READS.finditer(path.read_text(encoding="utf-8")):
                read.add(next(g for g in m.groups() if g))
    assert {"rdf_include_persons", "graphql_max_depth", "sparql_timeout", "rdf_license"} <= read
    assert not {name for name in read if not hasattr(Settings, name) and name not in Settings.model_fields}


def test_graphql_limits_come_from_the_settings_given_to_create_app(embedded_store):
    deep = "{ instruments { ownedByConnection { edges { node { name } } } } }"
    strict = embedded_store.settings.model_copy(update={"graphql_max_depth": 2, "graphql_max_page_size": 5})
    with TestClient(create_app(strict, store=embedded_store)) as client:
        r = client.post("/graphql", json={"query": deep})
        assert r.json()["errors"][0]["message"] == "the query is nested 5 levels deep, deeper than the limit of 2 levels"
        r = client.post("/graphql", json={"query": "{ ministries(limit: 6) { name } }"})
        assert "the page size limit is 5" in r.json()["errors"][0]["message"]
    with TestClient(create_app(embedded_store.settings, store=embedded_store)) as client:
        r = client.post("/graphql", json={"query": deep})
        assert "errors" not in r.json() and "data" in r.json()


def test_limits_from_the_environment(monkeypatch):
    monkeypatch.setenv("HELSEGRAF_GRAPHQL_MAX_ALIASES", "3")
    monkeypatch.setenv("HELSEGRAF_GRAPHQL_TIMEOUT", "2.5")
    limits = ProtectionLimits.from_settings(Settings())
    assert (limits.max_aliases, limits.timeout_seconds) == (3, 2.5)
    assert ProtectionLimits.from_settings(Settings(_env_file=None, graphql_max_depth=4)).max_depth == 4


@pytest.mark.parametrize("value, status", [(None, 404), ("false", 404), ("true", 200), ("1", 200)])
def test_people_over_http_follow_HELSEGRAF_RDF_INCLUDE_PERSONS(rdf_store, monkeypatch, value, status):
    """End to end: the environment, Settings(), create_app(settings) opening its own store."""
    monkeypatch.delenv("HELSEGRAF_RDF_INCLUDE_PERSONS", raising=False)
    if value is not None:
        monkeypatch.setenv("HELSEGRAF_RDF_INCLUDE_PERSONS", value)
    monkeypatch.setenv("HELSEGRAF_DATA_DIR", str(rdf_store.settings.data_dir))
    monkeypatch.setenv("HELSEGRAF_GRAPH_NAME", rdf_store.settings.graph_name)
    with TestClient(create_app(Settings())) as client:
        r = client.get("/id/person/kari-nordmann", headers={"accept": "application/n-triples"})
        assert r.status_code == status
        if status == 200:
            assert '<http://xmlns.com/foaf/0.1/name> "Kari Nordmann"' in r.text


def test_the_dataset_description_states_the_configured_licence_and_publisher(rdf_store):
    settings = rdf_store.settings.model_copy(update={"rdf_license": "https://data.norge.no/nlod/no/2.0",
                                                      "rdf_publisher": "Testforlaget"})
    with TestClient(create_app(settings)) as client:
        text = client.get("/rdf/dataset?format=ntriples").text
    assert "<https://data.norge.no/nlod/no/2.0>" in text and '"Testforlaget"' in text
    assert "creativecommons" not in text
    with TestClient(create_app(rdf_store.settings)) as client:
        text = client.get("/rdf/dataset?format=ntriples").text
    assert "<https://creativecommons.org/licenses/by/4.0/>" in text and '"helsegraf"' in text
