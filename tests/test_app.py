"""The API process: health reports the store; a store that is down gives 503."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app


def test_health_reports_the_store(embedded_store):
    with TestClient(create_app(embedded_store.settings, store=embedded_store)) as client:
        r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["ok"] is True and body["backend"] == "embedded" and body["version"].startswith("FalkorDB")
    assert isinstance(body["nodes"], int)


def test_health_is_503_when_the_store_is_down(tmp_path):
    from graph.falkordb_store import FalkorDBStore
    from tests.conftest import make_settings
    store = FalkorDBStore(make_settings(tmp_path))
    store.server.stop()  # the real server goes away under a running API
    with TestClient(create_app(store.settings, store=store)) as client:
        r = client.get("/health")
    assert r.status_code == 503
    assert r.json()["ok"] is False and "unreachable" in r.json()["error"]
