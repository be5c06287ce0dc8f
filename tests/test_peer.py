"""helsegraf and the Neo4j GraphQL Library (bench/peer/) on the same local Neo4j with the corpus:
the same answers to every cookbook question the library can ask, the differences FEATURES.md
records, and one short round of bench/peer_latency.py. Skipped where Java (the local Neo4j) or
Node and the installed peer (`make bench-peer`) are missing."""

from __future__ import annotations

import asyncio
import http.client
import json
import re

import pytest

from bench import peer_latency
from bench.load_test import Query, cookbook, run_load
from tests.support.server import free_port
from bench.peer.answers import NOT_EXPRESSIBLE, PEER_QUERIES, differences
from bench.peer.typedefs import CYPHER_FIELDS, evidence_name, typedefs
from schema.model import NODE_KINDS, REL_TYPES


def test_typedefs_cover_the_model():
    text = typedefs()
    for k in NODE_KINDS:
        block = re.search(rf"^type {k.label} @node {{\n(.*?)^}}", text, re.S | re.M)
        assert block, k.label
        for p in k.props:
            assert re.search(rf"^  {p.name}: ", block.group(1), re.M), (k.label, p.name)
    for r in REL_TYPES:
        assert f'type: "{r.type}"' in text
        block = re.search(rf"^type {evidence_name(r.type)} @relationshipProperties {{\n(.*?)^}}", text, re.S | re.M)
        assert block and all(f"  {p.name}: " in block.group(1) for p in r.props), r.type
    # a relationship to several kinds points to a union of exactly those kinds
    assert re.search(r"^union AuthoredByEnd = Organisation \| Ministry \| Agency \| Person$", text, re.M)
    assert text.count("@cypher(") == len(CYPHER_FIELDS)


class _Conn:
    """A keep-alive connection stand-in: each request raises the next error given, then answers."""

    def __init__(self, *errors: Exception):
        self.errors = list(errors)
        self.requests = 0

    def request(self, *args):
        self.requests += 1
        if self.errors:
            raise self.errors.pop(0)

    def getresponse(self):
        class R:
            status = 200

            def read(self):
                return b'{"data": {"ok": true}}'
        return R()

    def close(self):
        pass


def test_a_connection_closed_while_idle_is_tried_again_but_a_failing_server_is_not():
    q = Query("q", "{ ok }", {})
    idle = _Conn(BrokenPipeError())
    assert peer_latency._answer(idle, q) == {"data": {"ok": True}} and idle.requests == 2
    dead = _Conn(ConnectionResetError(), ConnectionResetError())
    assert "no answer" in peer_latency._answer(dead, q)["errors"][0]["message"] and dead.requests == 2
    refused = _Conn(ConnectionRefusedError())
    assert "errors" in peer_latency._answer(refused, q) and refused.requests == 1


def test_every_cookbook_question_has_a_peer_query_or_a_reason():
    peer = {q.name for q in cookbook(PEER_QUERIES)}
    ours = {q.name for q in cookbook()}
    assert peer <= ours
    assert ours - peer == set(NOT_EXPRESSIBLE)


def test_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as e:
        peer_latency.main(["--repeat", "0"])
    assert e.value.code == 2
    assert "--repeat must be" in capsys.readouterr().err


@pytest.fixture(scope="module")
def servers(tmp_path_factory, request):
    """The session's Neo4j with the corpus, served by helsegraf and by the peer: (helsegraf URL,
    peer URL). (The benchmark's own local Neo4j is the one graph/neo4j_local.py starts for every
    Neo4j test; `--neo4j-uri` is this path.)"""
    reason = peer_latency.unavailable_reason(local_neo4j=False)
    if reason:
        pytest.skip(reason)
    uri, password = request.getfixturevalue("neo4j_uri_password")
    store = request.getfixturevalue("neo4j_store")
    store.wipe()  # the benchmark loads the corpus into a Neo4j that holds no proposals
    workdir = tmp_path_factory.mktemp("peer")
    try:
        loaded = peer_latency.load(uri, password, workdir, 0)
        assert "the corpus (5 documents" in loaded
        with peer_latency.helsegraf_server(uri, password, workdir) as hg, \
                peer_latency.peer_server(uri, password, workdir) as peer:
            yield hg, peer
    finally:
        store.wipe()


def _conn(base: str) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", int(base.rsplit(":", 1)[1]), timeout=60)


def test_both_answer_the_same(servers):
    hg, peer = servers
    questions = peer_latency.pairs()
    same, left_out = peer_latency.agreement(_conn(hg), _conn(peer), questions)
    # helsegraf failing on Neo4j is issue 12's to fix (reported, not compared); any other reason fails
    wrong = {name: why for name, why in left_out.items() if not why.startswith("helsegraf fails on Neo4j")}
    assert not wrong, json.dumps(wrong, ensure_ascii=False, indent=1)
    assert len(same) + len(left_out) == len(questions) >= 10


def _answer(base: str, q: Query) -> dict:
    body = peer_latency.post(_conn(base), q)
    assert "errors" not in body, body
    return body["data"]


def _pair(question: str, **variables) -> tuple[Query, Query]:
    ours, theirs = dict((a.name, (a, b)) for a, b in peer_latency.pairs())[question]
    v = {**ours.variables, **variables}
    return Query(question, ours.query, v), Query(question, theirs.query, v)


def test_the_library_matches_aliases_exactly(servers):
    """FEATURES.md: helsegraf's `includes` ignores case and diacritics, the library's does not."""
    hg, peer = servers
    ours, theirs = _pair("addressed_to_ministry", ministry="hod")
    assert _answer(hg, ours)["documents"], "helsegraf finds HOD's proposals by 'hod'"
    assert _answer(peer, theirs)["documents"] == []
    ours, theirs = _pair("addressed_to_ministry", ministry="HOD")
    assert _answer(peer, theirs)["documents"]
    # named_together: `named` across kinds, in lower case
    ours, theirs = _pair("named_together", name="investinor")
    assert _answer(hg, ours)["inTheSameDocument"] == _answer(hg, _pair("named_together")[0])["inTheSameDocument"] != []
    assert _answer(peer, theirs)["inTheSameDocument"] == []


def test_the_library_folds_case_but_not_diacritics(servers):
    """FEATURES.md: `caseInsensitive.contains` lower-cases; helsegraf also folds diacritics (ø ~ o)."""
    hg, peer = servers
    mentioned = lambda data: sorted(p["text"] for x in data["internationalExamples"] for p in x["mentionedBy"])  # noqa: E731
    ours, theirs = _pair("international_examples", topic="DATA")
    assert mentioned(_answer(hg, ours)) == mentioned(_answer(peer, theirs)) != []
    # 'helsenæringsoppbygging' (Health Canada's example) asked for without its æ
    ours, theirs = _pair("international_examples", topic="helsenaering")
    assert any("helsenæring" in text for text in mentioned(_answer(hg, ours)))
    assert mentioned(_answer(peer, theirs)) == []


def test_one_short_round(servers):
    hg, peer = servers
    same, left_out = peer_latency.agreement(_conn(hg), _conn(peer), peer_latency.pairs())
    medians = peer_latency.latency(hg, peer, same, repeat=2)
    assert set(medians) == {q.name for q, _ in same} | {"floor"}
    assert all(0 < m["helsegraf"] < 30 and 0 < m["peer"] < 30 for m in medians.values())
    table = peer_latency.latency_table(medians, left_out)
    assert "**geometric mean**" in table and all(f"| {name} |" in table for name in medians if name != "floor")
    assert "| floor: " in table
    results = {side: asyncio.run(run_load(base, clients=2, seconds=1.5, queries=qs))
               for side, base, qs in (("helsegraf", hg, [a for a, _ in same]), ("peer", peer, [b for _, b in same]))}
    assert all(r.ok for r in results.values()), {s: r.report() for s, r in results.items()}
    assert "| peer | 2 |" in peer_latency.load_table(results)


def test_differences_sees_a_changed_answer(servers):
    """The comparison is not blind: one node less, or two swapped where the question orders, is seen."""
    hg, peer = servers
    ours, theirs = _pair("instrument_owners")
    a, b = _answer(hg, ours), _answer(peer, theirs)
    assert differences("instrument_owners", a, b) == []
    assert differences("instrument_owners", a, {"instruments": b["instruments"][1:]})
    swapped = b["instruments"][:]
    swapped[0], swapped[1] = swapped[1], swapped[0]
    assert differences("instrument_owners", a, {"instruments": swapped})


def test_the_library_lists_a_node_once_per_relationship(servers):
    """FEATURES.md: an example located in a country by two documents comes twice from the library."""
    hg, peer = servers
    ours, theirs = _pair("examples_by_country")
    names = lambda data: [[x["name"] for x in c["examples"]] for c in data["countries"]]  # noqa: E731
    assert all(len(set(n)) == len(n) for n in names(_answer(hg, ours)))
    assert any(len(set(n)) < len(n) for n in names(_answer(peer, theirs)))


def test_a_question_failing_on_one_side_is_left_out_with_its_reason(servers):
    """At 1,000 documents a question can time out on one side (a 504 with GraphQL errors) or a side
    can drop its connection: the run leaves that question out and says why, and goes on."""
    hg, peer = servers
    ours, theirs = _pair("instrument_owners")
    failing = Query("instrument_owners", "{ instruments { noSuchField } }", {})
    same, left_out = peer_latency.agreement(_conn(hg), _conn(peer), [(failing, theirs)])
    assert same == [] and left_out["instrument_owners"].startswith("helsegraf fails on Neo4j"), left_out
    closed = http.client.HTTPConnection("127.0.0.1", free_port(), timeout=5)  # nobody listens there
    same, left_out = peer_latency.agreement(_conn(hg), closed, [(ours, theirs)])
    assert same == [] and "the connection failed" in left_out["instrument_owners"], left_out
