"""`helsegraf load` end to end on the real embedded store: the corpus loads; loading is
idempotent; a changed file replaces its own facts; retract keeps what others support; bad
files fail clearly while the rest load; contact details never reach the store."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from api.loading import load_files, retract
from graph.settings import REPO_ROOT

CORPUS = REPO_ROOT / "data" / "corpus"


@pytest.fixture
def store(embedded_store):
    embedded_store.wipe()
    yield embedded_store
    embedded_store.wipe()


def all_strings(store) -> list[str]:
    rows = store.read("MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p")
    out = []
    for row in rows:
        for v in row["p"].values():
            out += v if isinstance(v, list) else [v]
    return [v for v in out if isinstance(v, str)]


def test_corpus_loads_and_reloading_changes_nothing(store):
    report = load_files(store, store.settings, [CORPUS])
    assert sorted(report.loaded) == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert not report.failed
    first = store.counts()
    assert first["nodes"]["Document"] == 5 and first["nodes"]["Proposal"] > 50
    for rel in ("MENTIONED_IN", "EXTRACTED_FROM", "ADDRESSED_TO", "OWNED_BY", "MENTIONS"):
        assert first["relationships"].get(rel, 0) > 0, rel
    again = load_files(store, store.settings, [CORPUS])
    assert again.loaded == [] and len(again.unchanged) == 5
    assert store.counts() == first


def test_search_text_covers_every_name_and_alias_after_loading_the_corpus(store):
    """Documents add aliases to registry entries and to each other's entities; the folded
    full-text field must keep up with all of them, not only the last document's."""
    from loaders.pipeline import search_text
    load_files(store, store.settings, [CORPUS])
    rows = store.read("MATCH (n) WHERE n.searchText IS NOT NULL AND NOT n:Proposal "  # a proposal's is its text
                      "RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.searchText AS text")
    assert len(rows) > 100
    missing = {r["id"]: set(search_text(r["name"], *(r["aliases"] or [])).split(" | ")) - set(r["text"].split(" | "))
               for r in rows}
    assert {k: v for k, v in missing.items() if v} == {}


def test_every_extracted_fact_has_evidence_in_the_original_text(store):
    load_files(store, store.settings, [CORPUS / "002_6d7b3ce1091438ad.txt"])
    text = (CORPUS / "002_6d7b3ce1091438ad.txt").read_text(encoding="utf-8")
    rows = store.read("MATCH (a)-[r]->(b) WHERE r.source = $doc RETURN type(r) AS t, r.start AS s, r.end AS e, "
                      "r.quote AS q, r.method AS m", {"doc": "doc-002-6d7b3ce1091438ad"})
    assert rows
    for r in rows:
        assert r["m"] in ("registry", "pattern", "manifest", "inferred", "text"), r
        if r["t"] not in ("AUTHORED_BY", "ADDRESSED_TO") or r["s"] is not None:
            assert r["q"], r
        if r["s"] is not None:
            assert 0 <= r["s"] < r["e"] <= len(text)


def test_changed_file_replaces_its_own_facts(store, tmp_path):
    doc = tmp_path / "innspill.txt"
    doc.write_text("Innspill til HOD\n\nVi foreslår at SkatteFUNN-satsen økes til 25 prosent.\n\n"
                   "Regjeringen bør etablere et nasjonalt senter for kliniske studier.\n", encoding="utf-8")
    load_files(store, store.settings, [doc])
    before = {r["t"] for r in store.read("MATCH (p:Proposal) RETURN p.text AS t")}
    assert any("SkatteFUNN" in t for t in before)
    doc.write_text("Innspill til HOD\n\nVi foreslår at Investinor får mer kapital.\n\n"
                   "Regjeringen bør etablere et nasjonalt senter for kliniske studier.\n", encoding="utf-8")
    report = load_files(store, store.settings, [doc])
    assert report.loaded == ["innspill.txt"]
    after = {r["t"] for r in store.read("MATCH (p:Proposal) RETURN p.text AS t")}
    assert not any("SkatteFUNN" in t for t in after) and any("Investinor" in t for t in after)
    assert any("kliniske studier" in t for t in after)
    # the registry entry for SkatteFUNN stays, it is a curated fact
    assert store.read("MATCH (i:Instrument) WHERE i.name = 'SkatteFUNN' RETURN i.id AS id")


def test_retract_removes_one_document_only(store, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shared = "Regjeringen bør styrke SkatteFUNN for små bedrifter.\n"
    a.write_text("Innspill A\n\n" + shared + "\nVi foreslår et eget fond for Nordisk Testklynge.\n", encoding="utf-8")
    b.write_text("Innspill B\n\n" + shared, encoding="utf-8")
    load_files(store, store.settings, [a, b])
    assert retract(store, store.settings, "a.txt") == "doc-a"
    docs = {r["id"] for r in store.read("MATCH (d:Document) RETURN d.id AS id")}
    assert docs == {"doc-b"}
    texts = [r["t"] for r in store.read(
        "MATCH (p:Proposal)-[:EXTRACTED_FROM]->(:Document) RETURN p.text AS t")]
    assert any("SkatteFUNN" in t for t in texts) and not any("fond" in t for t in texts)
    assert not store.read("MATCH (p:Proposal) WHERE NOT (p)-[:EXTRACTED_FROM]->() RETURN p.id AS id")


def test_bad_files_fail_clearly_and_the_rest_loads(store, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(CORPUS / "002_6d7b3ce1091438ad.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7 not really a pdf")
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    report = load_files(store, store.settings, [folder])
    assert report.loaded == ["good.txt"]
    failed = dict(report.failed)
    assert {p.split("/")[-1] for p in failed} == {"empty.txt", "binary.txt", "corrupt.pdf"}
    for reason in failed.values():
        assert "\n" not in reason and reason.split(":")[0] in ("empty.txt", "binary.txt", "corrupt.pdf")
    assert any("sheet.xlsx" in w for w in report.warnings)
    assert {r["id"] for r in store.read("MATCH (d:Document) RETURN d.id AS id")} == {"doc-good"}


def test_no_contact_details_anywhere_after_loading_the_corpus(store):
    load_files(store, store.settings, [CORPUS])
    from schema.privacy import EMAIL, PHONE
    leaks = [s for s in all_strings(store) if EMAIL.search(s) or PHONE.search(s)]
    assert not leaks, leaks[:3]
    raw = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt"))
    assert EMAIL.search(raw) and PHONE.search(raw)  # the corpus does have some: they were masked


def test_contact_details_never_reach_the_store(store, tmp_path):
    doc = tmp_path / "brev.txt"
    doc.write_text("Innspill til NFD om helsenæringen\n\nVi foreslår at Investinor styrkes.\n\n"
                   "Med vennlig hilsen\n\nKari Nordmann\nfagdirektør, Legemiddelindustrien\n"
                   "Tlf: +47 22 33 44 55, mobil 912 34 567\nE-post: kari.nordmann@example.no\n", encoding="utf-8")
    load_files(store, store.settings, [doc])
    joined = "\n".join(all_strings(store))  # the document's own text included
    assert "Kari Nordmann" in joined and "Investinor" in joined
    assert "example.no" not in joined and "@" not in joined
    assert not re.search(r"22 33 44 55|912 34 567", joined)


def cli(*args, data_dir):
    import os
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELSEGRAF_")}
    env["HELSEGRAF_DATA_DIR"] = str(data_dir)
    return subprocess.run([sys.executable, "-m", "api.cli", *args], env=env, capture_output=True, text=True,
                          timeout=300)


def test_extract_prints_the_extraction_as_json(tmp_path):
    r = cli("extract", str(CORPUS / "004_1a21b38c3e0a84f5.txt"), data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {"document", "entities", "proposals", "relations"}
    assert data["document"]["path"] == "004_1a21b38c3e0a84f5.txt"
    names = {e["name"] for e in data["entities"]}
    assert "Helse- og omsorgsdepartementet" in names and "Nærings- og fiskeridepartementet" in names
    for e in data["entities"]:
        assert {"type", "name", "aliases", "mentions"} <= set(e) and e["mentions"]
    for p in data["proposals"]:
        assert {"text", "section", "modality", "entities"} <= set(p)
    assert not (tmp_path / "falkordb").exists()  # no store was started


def test_extract_and_load_fail_with_one_line(tmp_path):
    missing = tmp_path / "nope.pdf"
    r = cli("extract", str(missing), data_dir=tmp_path)
    assert r.returncode == 1 and r.stderr.strip() == "error: nope.pdf: file not found"
    (tmp_path / "empty.txt").write_text("")
    r = cli("load", str(tmp_path / "empty.txt"), data_dir=tmp_path)
    assert r.returncode == 1 and "failed: empty.txt: empty file" in r.stderr
    cli("store", "stop", data_dir=tmp_path)


def test_cli_load_summary_and_retract(tmp_path):
    doc = tmp_path / "innspill.txt"
    doc.write_text("Innspill til NFD\n\nVi foreslår at Investinor får mer kapital.\n", encoding="utf-8")
    data = tmp_path / "var"
    try:
        r = cli("load", str(doc), data_dir=data)
        assert r.returncode == 0, r.stderr
        assert "documents loaded" in r.stdout and "Proposal" in r.stdout
        r = cli("load", "--retract", "innspill.txt", data_dir=data)
        assert r.returncode == 0 and "retracted doc-innspill" in r.stdout
        r = cli("load", "--retract", "innspill.txt", data_dir=data)
        assert r.returncode == 1 and "no document 'innspill.txt'" in r.stderr
    finally:
        cli("store", "stop", data_dir=data)


def test_proposals_can_be_filtered_by_intent_in_graphql(store):
    """The corpus's strategy commits its author and states goals; its consultation inputs ask.
    Filtering by `intent` in GraphQL gives exactly the stored proposals of that intent."""
    from api.graphql.executor import GraphQLExecutor
    from schema.model import PROPOSAL_INTENTS

    load_files(store, store.settings, [CORPUS])
    stored = {r["intent"]: r["n"] for r in store.read("MATCH (p:Proposal) RETURN p.intent AS intent, count(p) AS n")}
    assert set(stored) == set(PROPOSAL_INTENTS)  # every proposal has one, and the corpus has all three
    ex = GraphQLExecutor()
    for intent in PROPOSAL_INTENTS:
        out = ex.execute(store, "query($i: String!) { proposals(where: {intent: {eq: $i}}, limit: 500) "
                                "{ intent text } }", {"i": intent})
        assert "errors" not in out.body, out.body
        rows = out.body["data"]["proposals"]
        assert len(rows) == stored[intent] and {r["intent"] for r in rows} == {intent}
    out = ex.execute(store, '{ proposals(where: {intent: {eq: "commitment"}}, limit: 500) { text } }', {})
    assert any(r["text"].startswith("LMI skal") for r in out.body["data"]["proposals"])


def test_a_link_removed_from_the_registry_is_gone_after_the_next_load(store, monkeypatch, tmp_path):
    import dataclasses

    import api.loading
    from schema.registry import load_registry
    doc = tmp_path / "kort.txt"
    doc.write_text("Innspill\n\nVi ber Nærings- og fiskeridepartementet styrke SkatteFUNN.\n", encoding="utf-8")
    load_files(store, store.settings, [doc])
    owners = "MATCH (:Instrument {id: 'skattefunn'})-[r:OWNED_BY]->(m) RETURN m.id AS m"
    assert store.read(owners)
    trimmed = [dataclasses.replace(e, owned_by=()) if e.id == "skattefunn" else e for e in load_registry()]
    monkeypatch.setattr(api.loading, "load_registry", lambda: trimmed)
    load_files(store, store.settings, [doc])
    assert store.read(owners) == []
    assert store.read("MATCH (i:Instrument {id: 'skattefunn'})-[:MENTIONED_IN]->(:Document) RETURN i.id AS i")


def test_a_document_read_by_an_earlier_extractor_is_read_again(store, tmp_path):
    from schema.batch import GraphBatch
    doc = tmp_path / "kort.txt"
    doc.write_text("Innspill\n\nVi ber Nærings- og fiskeridepartementet styrke SkatteFUNN.\n", encoding="utf-8")
    first = load_files(store, store.settings, [doc])
    assert first.loaded == ["kort.txt"]
    assert load_files(store, store.settings, [doc]).unchanged == ["kort.txt"]
    [row] = store.read("MATCH (d:Document) RETURN d.id AS id, d.pipelineVersion AS v")
    assert row["v"]
    old = GraphBatch(document=row["id"])
    old.node("Document", row["id"], pipelineVersion="an-earlier-version")
    store.write(old)
    other = tmp_path / "annen"
    other.mkdir()
    (other / "ny.txt").write_text("Innspill\n\nVi ber Helse- og omsorgsdepartementet styrke FORNY.\n", encoding="utf-8")
    report = load_files(store, store.settings, [other])
    assert report.loaded == ["ny.txt"]
    assert any("1 document(s) in the store were read by an earlier version" in w and "kort.txt" in w
               for w in report.warnings), report.warnings
    again = load_files(store, store.settings, [doc])
    assert again.loaded == ["kort.txt"] and not any("earlier version" in w for w in again.warnings)
    assert store.read("MATCH (d:Document {id: $id}) RETURN d.pipelineVersion AS v", {"id": row["id"]}) == [{"v": row["v"]}]
