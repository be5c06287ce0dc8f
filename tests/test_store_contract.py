"""The GraphStore contract: every backend passes the same suite."""

from __future__ import annotations

import pytest

from graph.errors import ReadOnlyViolation, StoreError, StoreTimeout
from schema.batch import BatchError, GraphBatch

NORWEGIAN = "Nærings- og fiskeridepartementet «blodprøver» – ÆØÅ æøå é ü\u00a0🧬 'q' \"dq\" back\\slash"


def sample_batch() -> GraphBatch:
    b = GraphBatch(document="doc-1")
    b.node("Ministry", "nfd", name=NORWEGIAN, aliases=["NFD", "Næringsdepartementet"], verified=True)
    b.node("Instrument", "skattefunn", name="SkatteFUNN", aliases=["Skattefunn"], confidence=0.9)
    b.node("Document", "doc-1", name="Innspill", title="Innspill til NFD", year=2021)
    b.rel("OWNED_BY", ("Instrument", "skattefunn"), ("Ministry", "nfd"), "registry",
          sourceUrl="https://example.org/skattefunn", validFrom="2014-01-01")
    b.rel("MENTIONED_IN", ("Instrument", "skattefunn"), ("Document", "doc-1"), "doc-1",
          quote="SkatteFUNN må styrkes", start=10, end=20, page=1, method="registry",
          confidence=0.95, path=["a", "b"])
    return b


def test_setup_is_idempotent(store):
    store.setup()
    store.setup()
    assert store.counts() == {"nodes": {}, "relationships": {}}


def test_write_twice_creates_no_duplicates(store):
    store.write(sample_batch())
    first = store.counts()
    store.write(sample_batch())
    assert store.counts() == first == {
        "nodes": {"Document": 1, "Instrument": 1, "Ministry": 1},
        "relationships": {"MENTIONED_IN": 1, "OWNED_BY": 1},
    }


def test_norwegian_text_lists_and_nulls_round_trip(store):
    store.write(sample_batch())
    [row] = store.read("MATCH (m:Ministry {id: $id}) RETURN m.name AS name, m.aliases AS aliases, "
                       "m.nameEn AS missing, m.verified AS verified", {"id": "nfd"})
    assert row == {"name": NORWEGIAN, "aliases": ["NFD", "Næringsdepartementet"], "missing": None,
                   "verified": True}


def test_aliases_accumulate_across_writes(store):
    store.write(sample_batch())
    b = GraphBatch()
    b.node("Ministry", "nfd", aliases=["NFD", "Nærings- og fiskeridep."])
    store.write(b)
    [row] = store.read("MATCH (m:Ministry {id: 'nfd'}) RETURN m.aliases AS aliases, m.name AS name")
    assert row == {"aliases": ["NFD", "Næringsdepartementet", "Nærings- og fiskeridep."], "name": NORWEGIAN}


def test_search_text_parts_accumulate_across_writes(store):
    """A later write adds the folded names it saw to `searchText` and loses none given before
    (they feed the full-text index and the case-insensitive lookup by name)."""
    first = GraphBatch()
    first.node("Agency", "nfr", name="Norges forskningsråd", searchText="norges forskningsrad | nfr")
    store.write(first)
    later = GraphBatch(document="doc-1")
    later.node("Agency", "nfr", aliases=["Forskningsrådets"], searchText="norges forskningsrad | forskningsradets")
    store.write(later)
    plain = GraphBatch()
    plain.node("Agency", "nfr", confidence=0.5)  # no searchText: unchanged
    store.write(plain)
    [row] = store.read("MATCH (a:Agency {id: 'nfr'}) RETURN a.searchText AS t")
    assert row == {"t": "norges forskningsrad | nfr | forskningsradets"}


def test_relationship_properties_round_trip(store):
    store.write(sample_batch())
    [row] = store.read("MATCH (:Instrument)-[r:MENTIONED_IN]->(d:Document) RETURN r AS r, d.year AS year")
    assert row["year"] == 2021
    assert row["r"] == {"source": "doc-1", "quote": "SkatteFUNN må styrkes", "start": 10, "end": 20,
                        "page": 1, "method": "registry", "confidence": 0.95, "path": ["a", "b"]}


def test_read_returns_plain_python_values(store):
    store.write(sample_batch())
    rows = store.read("MATCH p = (i:Instrument)-[r]->(m) RETURN i, r, m, p, labels(m) AS labels ORDER BY type(r)")
    assert len(rows) == 2

    def check(v):
        assert v is None or isinstance(v, (str, int, float, bool, list, dict)), type(v)
        if isinstance(v, dict):
            [check(x) for x in v.values()]
        if isinstance(v, list):
            [check(x) for x in v]
    check(rows)


def test_named_queries_come_from_the_queries_folder(store):
    store.write(sample_batch())
    assert {r["label"]: r["count"] for r in store.read("node_counts")} == {
        "Document": 1, "Instrument": 1, "Ministry": 1}


def test_read_is_read_only(store):
    with pytest.raises(ReadOnlyViolation):
        store.read("CREATE (:Ministry {id: 'sneaky'})")
    with pytest.raises(ReadOnlyViolation):
        store.read("MATCH (n) DETACH DELETE n")
    assert store.read("MATCH (n:Ministry {id: 'sneaky'}) RETURN n") == []


def test_a_read_past_its_time_limit_is_stopped_by_the_store(store):
    # 16 million rows streamed (seconds of work); the store itself says it stopped the query
    slow = "UNWIND range(1, 4000) AS a UNWIND range(1, 4000) AS b WITH a, b WHERE (a * b) % 7 = 0 RETURN count(*) AS n"
    with pytest.raises(StoreTimeout):
        store.read(slow, timeout=0.05)
    # the store still answers (given time enough on a busy machine: the point is that it answers)
    assert store.read("RETURN 1 AS one", timeout=30) == [{"one": 1}]


def test_hostile_values_are_parameters(store):
    hostile = "x'}) MATCH (n) DETACH DELETE n //\\"
    b = GraphBatch()
    b.node("Organisation", hostile, name=hostile)
    store.write(sample_batch())
    store.write(b)
    assert store.read("MATCH (n:Organisation {id: $id}) RETURN n.name AS name", {"id": hostile}) == [
        {"name": hostile}]
    assert sum(store.counts()["nodes"].values()) == 4


def test_ten_thousand_nodes_in_batches(store):
    b = GraphBatch()
    for i in range(10_000):
        b.node("Organisation", f"org-{i}", name=f"Organisasjon {i} æøå")
    for i in range(1, 10_000):
        b.rel("PART_OF", ("Organisation", f"org-{i}"), ("Organisation", f"org-{i // 2}"), "bulk")
    assert store.settings.write_batch_size < 10_000  # really more than one statement
    store.write(b)
    assert store.counts() == {"nodes": {"Organisation": 10_000}, "relationships": {"PART_OF": 9_999}}


def test_invalid_batch_writes_nothing(store):
    b = sample_batch()
    b.node("Organisation", "ok-1", name="fine")
    b.node("Organisation", "bad", name={"nested": "map"})
    with pytest.raises(BatchError, match="Organisation.name"):
        store.write(b)
    b = sample_batch()
    b.rel("PART_OF", ("Ministry", "nfd"), ("Ministry", "does-not-exist"), "doc-1")
    with pytest.raises(BatchError, match="does-not-exist"):
        store.write(b)
    assert store.counts() == {"nodes": {}, "relationships": {}}


def test_store_failure_mid_transaction_rolls_back(store):
    """The transaction unit itself: a statement failing in the store undoes the earlier ones."""
    from graph.cypher import write_statements
    statements = write_statements(sample_batch(), chunk=1)
    statements.append(("UNWIND $rows AS row RETURN row.x / row.zero", {"rows": [{"x": 1, "zero": 0}]}))
    with pytest.raises(StoreError):
        store._write_transaction(statements)
    assert store.counts() == {"nodes": {}, "relationships": {}}


def test_wipe(store):
    store.write(sample_batch())
    store.wipe()
    assert store.counts() == {"nodes": {}, "relationships": {}}
    store.write(sample_batch())  # still usable, schema intact
    assert sum(store.counts()["nodes"].values()) == 3


def test_health(store):
    store.write(sample_batch())
    h = store.health()
    assert h["ok"] is True and h["nodes"] == 3 and h["relationships"] == 2
    assert h["backend"] in ("embedded", "neo4j") and h["version"] and h["location"]


def _doc_batch(doc: str, names: list[str]) -> GraphBatch:
    b = GraphBatch(document=doc)
    b.node("Document", doc, name=doc)
    for n in names:
        b.node("Organisation", n, name=n, verified=False)
        b.rel("MENTIONED_IN", ("Organisation", n), ("Document", doc), doc, quote=f"{n} i {doc}")
    return b


def _registry_batch() -> GraphBatch:
    b = GraphBatch(document="registry")
    b.node("Agency", "forskningsradet", name="Norges forskningsråd", verified=True)
    b.node("Instrument", "skattefunn", name="SkatteFUNN", verified=True)
    b.rel("ADMINISTERED_BY", ("Instrument", "skattefunn"), ("Agency", "forskningsradet"), "registry")
    return b


def _mentions(store) -> set[tuple[str, str]]:
    return {(r["n"], r["d"]) for r in store.read(
        "MATCH (n)-[r:MENTIONED_IN]->(d:Document) RETURN n.id AS n, d.id AS d")}


def test_replace_swaps_a_documents_facts_in_one_write(store):
    store.write(_registry_batch())
    store.write(_doc_batch("d1", ["a", "shared"]))
    store.write(_doc_batch("d2", ["shared"]))
    store.write(_doc_batch("d1", ["shared", "c"]), replace=True)
    assert _mentions(store) == {("shared", "d1"), ("c", "d1"), ("shared", "d2")}
    ids = {r["id"] for r in store.read("MATCH (n) RETURN n.id AS id")}
    assert ids == {"d1", "d2", "shared", "c", "forskningsradet", "skattefunn"}  # "a" is gone


def test_retract_keeps_what_others_support(store):
    store.write(_registry_batch())
    store.write(_doc_batch("d1", ["only-d1", "shared"]))
    store.write(_doc_batch("d2", ["shared"]))
    b = GraphBatch(document="d1")
    b.rel("MENTIONED_IN", ("Agency", "forskningsradet"), ("Document", "d1"), "d1", quote="Forskningsrådet")
    store.write(b)
    store.retract("d1")
    assert _mentions(store) == {("shared", "d2")}
    ids = {r["id"] for r in store.read("MATCH (n) RETURN n.id AS id")}
    assert ids == {"d2", "shared", "forskningsradet", "skattefunn"}
    assert store.counts()["relationships"] == {"ADMINISTERED_BY": 1, "MENTIONED_IN": 1}
