"""graph/falkordb_reply.py, the one-pass decoder of FalkorDB read replies, gives exactly what
falkordb-py's QueryResult followed by `plain()` gave (`_records(graph.ro_query(...))`), on the
real embedded store: parameters of every shape (hypothesis), literals, nodes, relationships,
paths, a schema that grew after the client cached it, the corpus's GraphQL and reference
queries; and `read()` still raises what it raised."""

from __future__ import annotations


import pytest
import redis
from falkordb.exceptions import SchemaVersionMismatchException
from falkordb.query_result import QueryResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redis import ResponseError

from api.graphql.executor import GraphQLExecutor
from graph import falkordb_reply
from graph.cypher import is_query_name, named_query
from graph.errors import ReadOnlyViolation, StoreError, StoreTimeout, StoreUnavailable
from graph.falkordb_store import FalkorDBStore, _records
from tests.conftest import make_settings
from tests.test_graphql_cookbook import COOKBOOK, QUERIES, reference_params, variables_of

SCRATCH = "helsegraf_decode_test"
TIMEOUT_MS = 10_000
NORWEGIAN = "Nærings- og fiskeridepartementet «blodprøver» – ÆØÅ æøå é ü\u00a0🧬"


def typed(v):
    """`v` with every type spelled out, so 1, 1.0 and True differ, as do 0.0 and -0.0 (and key
    order counts)."""
    if isinstance(v, dict):
        return ("dict", [(typed(k), typed(x)) for k, x in v.items()])
    if isinstance(v, list):
        return ("list", [typed(x) for x in v])
    if isinstance(v, float):
        return ("float", repr(v))
    return (type(v).__name__, v)


def attempt(run):
    try:
        return run()
    except Exception as e:  # both paths must fail the same way, too
        return e


def described(result):
    return ("raised", type(result).__name__, str(result)) if isinstance(result, Exception) else typed(result)


def same(graph, cypher, params=None):
    """Both decoders on the same query: the new rows (or exception), checked against the old."""
    new = attempt(lambda: falkordb_reply.ro_query(graph, cypher, params, TIMEOUT_MS))
    old = attempt(lambda: _records(graph.ro_query(cypher, params, timeout=TIMEOUT_MS)))
    assert described(new) == described(old)
    return new


@pytest.fixture(scope="module")
def scratch(embedded_store):
    """A graph of its own on the session's embedded server (the tests' main graph is untouched)."""
    graph = embedded_store.db.select_graph(SCRATCH)
    graph.query("CREATE (a:Person:Extra {id: 'a', name: $name, tags: ['x', 'ø'], n: -7, f: 0.5, ok: true}), "
                "(b:Ministry {id: 'b', name: 'Helse- og omsorgsdepartementet', nothing: []}), (c), "
                "(a)-[:OWNED_BY {source: 'registry', confidence: 0.9, path: ['p', 'q'], big: 9007199254740993}]->(b), "
                "(b)-[:EMPTY]->(c), (c)-[:SELF]->(c)", {"name": NORWEGIAN})
    yield graph
    graph.delete()


# -- parameters and literals ------------------------------------------------------------------
VALUES = [
    {"a": {"b": {"c": [1, [2, [3, {}]]]}}}, {}, [], [[]], [{}], [None], {"k": None}, [None, {"x": None, "y": [None]}],
    NORWEGIAN, "", "'single' \"double\" back\\slash \\\" \\'", "line\nbreak\r\n\ttab", "emoji 🧬👩‍🔬🇳🇴",
    0, 1, -1, 2**53 + 1, 2**63 - 1, -(2**63) + 1, 0.1, 1.0, -0.0, 0.0, 1e300, -1e-300, 1 / 3, 123456789.125,
    True, False, None, [1, "1", 1.0, True, None, {"1": 1}], {"æøå": {"ÆØÅ": "🧬"}, "key with space": 1, "@type": "x"},
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_parameters_come_back_as_before(scratch, value):
    same(scratch, "RETURN $v AS v", {"v": value})
    same(scratch, "RETURN {inner: $v, list: [$v, null, $v]} AS v, [$v] AS w, $v AS x", {"v": value})


def test_a_few_values_are_what_they_were_sent_as(scratch):
    for value in [{"a": {"b": [1, None, {}], "c": []}}, NORWEGIAN, "q\"b\\n\nx", -1, 2**63 - 1, 0.1, -0.0, 1e300, True]:
        assert typed(same(scratch, "RETURN $v AS v", {"v": value})) == typed([{"v": value}])


def test_literals_of_every_type(scratch):
    rows = same(scratch, "RETURN {a: 1, b: [1, 2.5, 'x', null, true, false], c: {}, d: [], "
                         "e: point({latitude: 1.5, longitude: 2}), f: vecf32([1.0, 2.5]), g: date('2024-01-02'), "
                         "h: localdatetime('2024-01-02T03:04:05'), i: localtime('03:04:05'), "
                         "j: duration('P1DT2H'), k: -0.0, l: 1e300, m: 'æ\\'\"'} AS v, null AS n, 7 AS i")
    assert rows[0]["v"]["e"] == {"latitude": 1.5, "longitude": 2.0} and rows[0]["n"] is None


def test_no_rows_and_no_columns(scratch):
    assert same(scratch, "UNWIND [] AS x RETURN x") == []
    assert same(scratch, "MATCH (n:Nobody) RETURN n") == []
    assert same(scratch, "MATCH (n:Nobody) RETURN count(n) AS n") == [{"n": 0}]


def test_run_time_errors_are_raised_as_before(scratch):
    assert isinstance(same(scratch, "UNWIND [1, 0] AS x RETURN 1 / x AS y"), ResponseError)
    assert isinstance(same(scratch, "RETURN toInteger(1, 2) AS y"), ResponseError)


# Any text but NUL (it ends the query text the server reads) and, in keys, backticks (see
# falkordb.helpers.stringify_param_value).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), max_size=20)
KEYS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0`"), min_size=1, max_size=8)
SCALARS = (st.none() | st.booleans() | st.integers(-(2**63) + 1, 2**63 - 1)
           | st.floats(allow_nan=False, allow_infinity=False) | TEXT)
NESTED = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=5),
                      max_leaves=40)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(value=NESTED)
def test_any_nested_parameter_comes_back_as_before(scratch, value):
    assert not isinstance(same(scratch, "RETURN $v AS v", {"v": value}), Exception)


# -- graph entities ---------------------------------------------------------------------------
def test_nodes_relationships_and_paths(scratch):
    nodes = same(scratch, "MATCH (n) RETURN n, labels(n) AS labels ORDER BY n.id")
    assert nodes[0]["n"] == {"id": "a", "name": NORWEGIAN, "tags": ["x", "ø"], "n": -7, "f": 0.5, "ok": True}
    assert nodes[-1]["n"] == {}  # no label, no properties
    rels = same(scratch, "MATCH ()-[r]->() RETURN r, type(r) AS t ORDER BY t")
    assert [r["t"] for r in rels] == ["EMPTY", "OWNED_BY", "SELF"] and rels[0]["r"] == {}
    assert rels[1]["r"] == {"source": "registry", "confidence": 0.9, "path": ["p", "q"], "big": 9007199254740993}
    paths = same(scratch, "MATCH p = (:Person)-[*1..2]->(x) RETURN p, nodes(p) AS ns, relationships(p) AS rs, "
                          "{path: p, first: nodes(p)[0], list: [x, null, 1]} AS m ORDER BY length(p)")
    assert [len(r["p"]) for r in paths] == [2, 3] and paths[0]["p"][1]["id"] == "b"
    same(scratch, "MATCH (n) WITH n ORDER BY n.id RETURN collect(n) AS all, collect({n: n, id: n.id}) AS maps")
    same(scratch, "MATCH p = (c)-[:SELF]->(c) RETURN p, [p] AS ps, {p: p} AS m")


def test_a_schema_grown_after_the_client_cached_it(embedded_store, scratch):
    """Labels, property names and relationship types are ids in the reply; falkordb-py's schema
    cache maps them to names and refreshes itself when it meets one it does not know."""
    reader = embedded_store.db.select_graph(SCRATCH)  # a client with a cache of its own
    same(reader, "MATCH (n:Person) RETURN n")
    assert "lateProp" not in reader.schema.properties
    scratch.query("CREATE (:Late {id: 'late', lateProp: 'ny æ'})-[:LATE_REL {lateRelProp: 1}]->(:Late {id: 'late2'})")
    try:
        rows = falkordb_reply.ro_query(reader, "MATCH p = (n:Late {id: 'late'})-[r]->(m) RETURN n, r, p, {n: n} AS m",
                                       None, TIMEOUT_MS)
        assert rows == [{"n": {"id": "late", "lateProp": "ny æ"}, "r": {"lateRelProp": 1},
                         "p": [{"id": "late", "lateProp": "ny æ"}, {"id": "late2"}],
                         "m": {"n": {"id": "late", "lateProp": "ny æ"}}}]
        assert "lateProp" in reader.schema.properties and "Late" in reader.schema.labels
        same(embedded_store.db.select_graph(SCRATCH), "MATCH p = (n:Late)-[r]->(m) RETURN n, r, p")
    finally:
        scratch.query("MATCH (n:Late) DETACH DELETE n")


class _Stub:
    """A graph whose schema cache records refreshes."""

    def __init__(self):
        self.schema = self
        self.refreshed: list[int] = []

    def refresh(self, version: int) -> None:
        self.refreshed.append(version)


def test_a_version_mismatch_refreshes_the_schema_and_is_raised():
    stub = _Stub()
    with pytest.raises(SchemaVersionMismatchException) as e:
        falkordb_reply.records(stub, [ResponseError("version mismatch"), 7])
    assert e.value.version == 7 and stub.refreshed == [7]
    with pytest.raises(SchemaVersionMismatchException):
        QueryResult(stub, [ResponseError("version mismatch"), 7])


def test_errors_inside_the_reply_are_raised():
    for reply in ([ResponseError("first")], [[[1, "x"]], [], ResponseError("last")]):
        with pytest.raises(ResponseError) as new:
            falkordb_reply.records(_Stub(), reply)
        with pytest.raises(ResponseError) as old:
            QueryResult(_Stub(), reply)
        assert str(new.value) == str(old.value)
    for reply in ([["Cached execution: 0"]], [[], [[]], ["Cached execution: 0"]]):  # no rows, no columns
        assert falkordb_reply.records(_Stub(), reply) == _records(QueryResult(_Stub(), reply)) == []


# -- the store: same exceptions, same answers on the corpus -----------------------------------
def test_a_read_past_its_time_limit_raises_store_timeout(embedded_store):
    slow = "UNWIND range(1, 4000) AS a UNWIND range(1, 4000) AS b WITH a, b WHERE (a * b) % 7 = 0 RETURN count(*) AS n"
    with pytest.raises(StoreTimeout):
        embedded_store.read(slow, timeout=0.05)
    assert embedded_store.read("RETURN 1 AS one") == [{"one": 1}]


def test_a_write_through_read_raises_read_only_violation(embedded_store):
    with pytest.raises(ReadOnlyViolation):
        embedded_store.read("CREATE (:Ministry {id: 'sneaky'})")
    assert embedded_store.read("MATCH (n:Ministry {id: 'sneaky'}) RETURN n") == []


def test_a_failing_read_raises_store_error(embedded_store):
    with pytest.raises(StoreError, match="Division by zero"):
        embedded_store.read("UNWIND [1, 0] AS x RETURN 1 / x AS y")


def test_a_graph_never_written_reads_empty(embedded_store, embedded_settings):
    other = FalkorDBStore(make_settings(embedded_settings.data_dir, graph_name="helsegraf_never_written"), start=False)
    try:
        assert other.read("MATCH (n) RETURN n") == []
    finally:
        other.close()


def test_a_socket_timeout_is_store_unavailable(embedded_store, monkeypatch):
    def hang(*args):
        raise redis.TimeoutError("Timeout reading from socket")
    monkeypatch.setattr(embedded_store.graph, "execute_command", hang)
    with pytest.raises(StoreUnavailable, match="did not answer in time"):
        embedded_store.read("RETURN 1 AS one")


class Comparing:
    """A store proxy that also decodes every read the old way (QueryResult + plain) and compares."""

    def __init__(self, store):
        self.store, self.reads = store, 0
        self.backend = store.backend

    def read(self, cypher, params=None, **kw):
        cypher = named_query(cypher) if is_query_name(cypher) else cypher
        self.reads += 1
        return same(self.store.graph, cypher, params or {})

    read_native = read


def test_the_corpus_queries_decode_as_before(corpus_store):
    proxy, ex = Comparing(corpus_store), GraphQLExecutor()
    for path in COOKBOOK:
        out = ex.execute(proxy, path.read_text(encoding="utf-8"), variables_of(path))
        assert "errors" not in out.body, (path.stem, out.body)
    for path in COOKBOOK:
        if (QUERIES / f"{path.stem}.cypher").exists():
            proxy.read(path.stem, reference_params(path.stem))
    proxy.read("node_counts")
    proxy.read("MATCH p = (d:Document)<-[r]-(x) RETURN d, r, x, p LIMIT 50")
    assert proxy.reads > len(COOKBOOK)
