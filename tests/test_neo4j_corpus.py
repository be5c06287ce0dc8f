"""The same answers on both stores: the default corpus loaded by the loaders into the embedded
FalkorDB and into a real Neo4j 5.26; every cookbook query (search with the Norwegian full-text
analyser, responsibility, connection, keyset paging, grouped counts ...) answered through GraphQL on
each and compared, the reference Cypher agreeing with GraphQL on Neo4j too, and the RDF export
giving the same statements."""

from __future__ import annotations

import pytest

import re

from tests.test_graphql_cookbook import AS_REFERENCE_ROWS, COOKBOOK, QUERIES, SEARCHES, reference_params, run, variables_of
from tests.support.compile_snapshot import FORMS
from tests.test_rdf_export import export_bytes, open_graph


def _load_corpus(store):
    from api.loading import load_files
    store.wipe()
    report = load_files(store, store.settings, [store.settings.corpus_dir])
    assert report.loaded and not report.failed, report.failed
    return report


@pytest.fixture(scope="module")
def neo4j_corpus(neo4j_store):
    _load_corpus(neo4j_store)
    yield neo4j_store
    neo4j_store.wipe()


@pytest.fixture(scope="module")
def embedded_corpus(embedded_store, embedded_settings):
    store = open_graph(embedded_settings, "neo4j_compare")  # its own graph: other modules wipe theirs
    _load_corpus(store)
    yield store
    store.wipe()
    store.close()


def test_both_stores_hold_the_same_graph(neo4j_corpus, embedded_corpus):
    counts = neo4j_corpus.counts()
    assert counts == embedded_corpus.counts()
    assert sum(counts["nodes"].values()) > 100 and sum(counts["relationships"].values()) > 100


@pytest.mark.parametrize("path", COOKBOOK, ids=lambda p: p.stem)
def test_cookbook_query_answers_the_same_on_neo4j(neo4j_corpus, embedded_corpus, path):
    on_neo4j = run(neo4j_corpus, path.stem)
    assert on_neo4j == run(embedded_corpus, path.stem)
    assert any(v not in (None, [], {}) for v in on_neo4j.values()), f"{path.stem}: empty on both, nothing compared"


@pytest.mark.parametrize("name", sorted(FORMS))
def test_each_dialects_own_forms_answer_the_same(neo4j_corpus, embedded_corpus, name):
    """The requests whose Cypher differs most between the dialects (tests/support/compile_snapshot.py
    `FORMS`): subqueries in responsibility branches (FalkorDB: batches in them; Neo4j: scoped, once
    per row), aggregated relationship filters and counts (Neo4j: `EXISTS {}`/`COUNT {}`)."""
    from api.graphql import run_query
    on_neo4j = run_query(neo4j_corpus, FORMS[name])
    assert "errors" not in on_neo4j, on_neo4j
    assert on_neo4j == run_query(embedded_corpus, FORMS[name])
    assert any(v not in (None, [], {}) for v in on_neo4j["data"].values()), f"{name}: empty on both"


def _all_hits(store, text: str) -> list[dict]:
    """Every hit of the cookbook's search selection (limit raised past the candidates), in rank order
    with the score: the ranking does not use the stores' own relevance scores (graph/dialect.py,
    "Search scores"), so the hits, their order and scores are the same on both."""
    from api.graphql import run_query
    query = (QUERIES / "search.graphql").read_text(encoding="utf-8")
    assert "limit: 10" in query
    got = run_query(store, query.replace("limit: 10", "limit: 100"), {"text": text})
    assert "errors" not in got, got
    return got["data"]["search"]


@pytest.mark.parametrize("text", ["helsedata", "næringen", "helsedataene", "legemidler", "SkatteFUNN Forny"])
def test_search_finds_the_same_hits_on_both_stores(neo4j_corpus, embedded_corpus, text):
    """The cookbook's search on Neo4j's Lucene index with the `norwegian` analyser and on FalkorDB's
    RediSearch with its Norwegian stemmer: inflected forms find the same nodes, fields, snippets."""
    hits = _all_hits(neo4j_corpus, text)
    assert hits, f"Neo4j found nothing for {text!r}"
    assert hits == _all_hits(embedded_corpus, text)


def _every_hit(store, path, **override) -> list[dict]:
    """Every hit of a search cookbook query (its limit raised past the hits), in rank order."""
    from api.graphql import run_query
    query = re.sub(r"limit: \d+", "limit: 100", path.read_text(encoding="utf-8"))
    got = run_query(store, query, {**variables_of(path), **override})
    assert "errors" not in got, got
    assert len(got["data"]["search"]) < 100
    return got["data"]["search"]


@pytest.mark.parametrize("name", sorted(SEARCHES - {"search"}))
def test_search_cookbook_finds_the_same_on_both_stores(neo4j_corpus, embedded_corpus, name):
    """The search syntax, compounds, documents' text (snippets and offsets) and the filters: the same
    hits in the same order on Lucene and on RediSearch, past the cookbook's page too."""
    hits = _every_hit(neo4j_corpus, QUERIES / f"{name}.graphql")
    assert hits, f"Neo4j found nothing for {name}"
    assert hits == _every_hit(embedded_corpus, QUERIES / f"{name}.graphql")


@pytest.mark.parametrize("text", ["helsedata registre", "helsedata OR registre", '"kliniske studier" regist*',
                                  "(SkatteFUNN OR Forny) Forskningsrådet", "helseregistre", "legemiddelindustrien",
                                  '"helseregistre og biobanker"'])
def test_search_syntax_finds_the_same_on_both_stores(neo4j_corpus, embedded_corpus, text):
    path = QUERIES / "search_compounds.graphql"
    hits = _every_hit(neo4j_corpus, path, text=text)
    assert hits, f"Neo4j found nothing for {text!r}"
    assert hits == _every_hit(embedded_corpus, path, text=text)


@pytest.mark.parametrize("args", ['document: "Innspill til NFD om helsenæringsmelding"', 'ministry: "HOD"',
                                  'author: "NHO Helse", kinds: [Proposal, Document]'])
def test_search_filters_find_the_same_on_both_stores(neo4j_corpus, embedded_corpus, args):
    from api.graphql import run_query
    query = f'{{ search(text: "helse* OR kliniske", {args}, limit: 100) {{ kind score snippet start end node {{ id }} }} }}'
    on_neo4j = run_query(neo4j_corpus, query)
    assert "errors" not in on_neo4j and on_neo4j["data"]["search"], on_neo4j
    assert on_neo4j == run_query(embedded_corpus, query)


@pytest.mark.parametrize("name", sorted(AS_REFERENCE_ROWS))
def test_reference_cypher_agrees_with_graphql_on_neo4j(neo4j_corpus, name):
    """queries/<name>.cypher (the benchmark's hand-written side) answers on Neo4j what GraphQL does."""
    expected = AS_REFERENCE_ROWS[name](run(neo4j_corpus, name))
    assert expected
    assert neo4j_corpus.read(name, reference_params(name)) == expected


def test_rdf_export_is_the_same_on_both_stores(neo4j_corpus, embedded_corpus):
    on_neo4j = sorted(export_bytes(neo4j_corpus, "nquads").splitlines())
    assert len(on_neo4j) > 1000
    assert on_neo4j == sorted(export_bytes(embedded_corpus, "nquads").splitlines())


# -- the fuzz test's generated queries -------------------------------------------------------------------------
GENERATED_PER_FIELD = 4  # positive examples per root field: 196 queries (24 find something), seconds per store


def _generated_queries() -> list[tuple[str, str]]:
    """A fixed sample (derandomized) of the schema-valid queries tests/test_graphql_fuzz.py sends:
    (root field, query) for every root field but `search`, whose two full-text engines rank ties
    differently (compared by hit set above)."""
    import schemathesis
    from graphql import introspection_from_schema
    from hypothesis import HealthCheck, given, settings
    from schemathesis import GenerationMode

    from api.graphql.schema import graphql_schema
    schema = schemathesis.graphql.from_dict(introspection_from_schema(graphql_schema()))
    out: list[tuple[str, str]] = []

    def sample(field: str, strategy) -> None:
        @settings(max_examples=GENERATED_PER_FIELD, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck), print_blob=False)
        @given(case=strategy)
        def collect(case):
            out.append((field, case.body))
        collect()

    for result in schema.get_all_operations():
        op = result.ok()
        field = op.label.split(".", 1)[1]
        if field != "search":
            sample(field, op.as_strategy(generation_mode=GenerationMode.POSITIVE))
    return out


def _answer(store, query: str) -> dict:
    """The answer with each error reduced to its code and message (locations and paths are the same
    by construction; the message says which limit or value, so it is compared too)."""
    from api.graphql import run_query
    body = run_query(store, query)
    errors = [(e.get("extensions", {}).get("code"), e.get("message")) for e in body.get("errors", ())]
    return {"data": body.get("data"), "errors": errors}


def test_generated_queries_answer_the_same_on_both_stores(neo4j_corpus, embedded_corpus):
    queries = _generated_queries()
    assert len({field for field, _ in queries}) >= 40 and len(queries) >= 150
    differ, with_data = [], 0
    for field, query in queries:
        a, b = _answer(neo4j_corpus, query), _answer(embedded_corpus, query)
        if a != b:
            differ.append(f"{query}\n  neo4j    {str(a)[:400]}\n  embedded {str(b)[:400]}")
        with_data += bool(a["data"] and any(v not in (None, [], {}, 0) for v in a["data"].values()))
    assert not differ, f"{len(differ)} of {len(queries)} differ:\n" + "\n".join(differ[:5])
    assert with_data >= 20, f"only {with_data} generated queries found anything: nothing much compared"


# -- the explorer's queries -------------------------------------------------------------------------------------
EXPLORER_VARIABLES = {  # a document, a ministry and a measure of the default corpus; SEARCH is ranked (above)
    "DOCUMENT_TEXT": {"id": "doc-002-6d7b3ce1091438ad"},
    "LANDING": {},
    "MINISTRY_MEASURES": {"id": "naerings-og-fiskeridepartementet"},
    "RESPONSIBILITY": {"id": "skattefunn", "kind": "Instrument"},
    "SCHEMA": {},
    "GRAPHIQL_EXAMPLE": {},
}


@pytest.mark.parametrize("name", sorted(EXPLORER_VARIABLES))
def test_the_explorers_queries_answer_the_same_on_both_stores(neo4j_corpus, embedded_corpus, name):
    """The pages' fixed queries (written by `make explorer` to api/static/explorer/queries.json):
    the document text with nested proposals, their similar asks and themes, the ministry's measures,
    a measure's responsibility chain. Found a Neo4j-only failure once (a rewrite of the subquery form
    that Neo4j rejected for the document page)."""
    import json

    from api.graphql import run_query
    from graph.settings import REPO_ROOT
    built = REPO_ROOT / "api" / "static" / "explorer" / "queries.json"
    assert built.exists(), "the explorer is not built: run `make explorer`"
    query = json.loads(built.read_text(encoding="utf-8"))[name]
    on_neo4j = run_query(neo4j_corpus, query, EXPLORER_VARIABLES[name])
    assert "errors" not in on_neo4j, on_neo4j["errors"]
    assert any(v not in (None, [], {}) for v in on_neo4j["data"].values()), f"{name}: nothing compared"
    assert on_neo4j == run_query(embedded_corpus, query, EXPLORER_VARIABLES[name])
