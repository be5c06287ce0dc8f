"""The compiler's faster code paths give the same answers as the general ones, on the default
corpus: existential relationship filters (`some`, nested `some`s, `edge` alone, within `AND`)
matched as patterns are compared with the same filters written as `NOT {none: …}`, which the
compiler keeps computing by aggregation; nested lists are aggregation chains, not pattern
comprehensions (FalkorDB runs a pattern comprehension as a sub-plan per row)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.graphql.compiler import fold_pairs
from schema.text import STORE_FOLD_TABLE as FOLD_TABLE, store_fold as fold_text
from api.graphql.executor import GraphQLExecutor

EX = GraphQLExecutor()

# (fast form, general form): the same question
PAIRS = [
    ('{ x: documents(where: {proposals: {some: {addressedTo: {some: {aliases: {includes: "hod"}}}}}}) { id } }',
     '{ x: documents(where: {NOT: {proposals: {none: {NOT: {addressedTo: {none: {aliases: {includes: "hod"}}}}}}}}) '
     '{ id } }'),
    ("{ x: documents { id proposals(where: {mentions: {some: {kind: {in: [Instrument, Agency]}}}}) { id } } }",
     "{ x: documents { id proposals(where: {NOT: {mentions: {none: {kind: {in: [Instrument, Agency]}}}}}) { id } } }"),
    ("{ x: documents { id proposalsConnection(where: {addressedTo: {some: {}}}, first: 100) "
     "{ totalCount edges { node { id } evidence { quote } } } } }",
     "{ x: documents { id proposalsConnection(where: {NOT: {addressedTo: {none: {}}}}, first: 100) "
     "{ totalCount edges { node { id } evidence { quote } } } } }"),
    ("{ x: policyDocuments(where: {citedBy: {some: {kind: {eq: Document}}}}) { id } }",
     "{ x: policyDocuments(where: {NOT: {citedBy: {none: {kind: {eq: Document}}}}}) { id } }"),
    # the same relationship type twice: one MATCH would forbid meeting a relationship again
    ("{ x: documents { id cites(where: {citedBy: {some: {kind: {eq: Proposal}}}}) { id } } }",
     "{ x: documents { id cites(where: {NOT: {citedBy: {none: {kind: {eq: Proposal}}}}}) { id } } }"),
    ("{ x: proposals(where: {extractedFrom: {some: {proposals: {some: {mentions: {some: {kind: {eq: Country}}}}}}}},"
     " limit: 1000) { id } }",
     "{ x: proposals(where: {NOT: {extractedFrom: {none: {NOT: {proposals: {none: {NOT: {mentions: "
     "{none: {kind: {eq: Country}}}}}}}}}}}, limit: 1000) { id } }"),
    ('{ x: proposals(where: {addressedTo: {edge: {basis: {eq: "named"}}}}, limit: 1000) { id } }',
     '{ x: proposals(where: {NOT: {addressedTo: {edge: {basis: {eq: "named"}}, none: {}}}}, limit: 1000) { id } }'),
    ('{ x: proposals(where: {AND: [{mentions: {some: {kind: {eq: Instrument}}}}, {text: {contains: "skatt"}}, '
     '{proposedBy: {some: {}}}]}, limit: 1000) { id } }',
     '{ x: proposals(where: {AND: [{NOT: {mentions: {none: {kind: {eq: Instrument}}}}}, {text: {contains: "skatt"}}, '
     '{NOT: {proposedBy: {none: {}}}}]}, limit: 1000) { id } }'),
    ("{ x: organisations(where: {proposes: {some: {mentions: {some: {}}}, count: {gte: 2}}}) { id proposesCount } }",
     "{ x: organisations(where: {proposes: {count: {gte: 2}}, NOT: {proposes: {none: {NOT: {mentions: {none: {}}}}}}})"
     " { id proposesCount } }"),
    ("{ x: organisations(where: {proposes: {some: {mentions: {some: {}}}}}) "
     "{ id proposes(where: {mentions: {some: {kind: {eq: Instrument}}}, addressedTo: {some: {}}}) { id } } }",
     "{ x: organisations(where: {NOT: {proposes: {none: {NOT: {mentions: {none: {}}}}}}}) "
     "{ id proposes(where: {NOT: {mentions: {none: {kind: {eq: Instrument}}}}, AND: [{NOT: {addressedTo: {none: {}}}}]})"
     " { id } } }"),
    # FalkorDB leaves the unmatched part of an OPTIONAL MATCH pattern null instead of no row
    ("{ x: documents { id c: proposalsCount(where: {mentions: {some: {}}}) } }",
     "{ x: documents { id c: proposalsCount(where: {NOT: {mentions: {none: {}}}}) } }"),
    ("{ x: documents { id proposals(where: {mentions: {some: {kind: {eq: Person}}}}) { id } } }",
     "{ x: documents { id proposals(where: {NOT: {mentions: {none: {kind: {eq: Person}}}}}) { id } } }"),
]


@pytest.mark.parametrize("fast,general", PAIRS)
def test_existential_filters_as_patterns_agree_with_aggregation(corpus_store, fast, general):
    a, b = EX.execute(corpus_store, fast).body, EX.execute(corpus_store, general).body
    assert "errors" not in a, a
    assert a == b


def test_includes_folds_longer_aliases(corpus_store):
    """The length test before folding keeps `includes` exact: folding makes strings longer
    (alias `Næringsdepartementet`, 20 characters, folds to 21)."""
    d = EX.execute(corpus_store, '{ a: ministries(where: {aliases: {includes: "NAERINGSDEPARTEMENTET"}}) { abbreviation } '
                                 'b: ministries(where: {aliases: {includes: "næringsdepartementet"}}) { abbreviation } '
                                 'c: ministries(where: {aliases: {includes: "naeringsdepartement"}}) { abbreviation } '
                                 'd: ministries(where: {aliases: {includes: "nfd"}}) { abbreviation } }').body
    assert "errors" not in d, d
    assert d["data"] == {"a": [{"abbreviation": "NFD"}], "b": [{"abbreviation": "NFD"}], "c": [],
                         "d": [{"abbreviation": "NFD"}]}


TABLE_CHARS = "".join(a for a, _ in FOLD_TABLE) + "".join(a.upper() for a, _ in FOLD_TABLE)


@given(st.text(alphabet=TABLE_CHARS + "aeiouncAEOhd -", max_size=12),
       st.text(alphabet=TABLE_CHARS + "aeiouncAEOhd -", max_size=5))
@settings(max_examples=400, deadline=None)
def test_folding_only_the_needed_pairs_changes_no_comparison(text, needle_text):
    """Text filters fold only the pairs whose replacement shares a character with the folded
    needle (`fold_pairs`): `=`, CONTAINS, STARTS WITH and ENDS WITH answer as with the whole table."""
    needle = fold_text(needle_text)
    part = text.lower()
    for a, b in fold_pairs(needle):
        part = part.replace(a, b)
    full = fold_text(text)
    assert (full == needle) == (part == needle)
    assert (needle in full) == (needle in part)
    assert full.startswith(needle) == part.startswith(needle)
    assert full.endswith(needle) == part.endswith(needle)


def test_a_needle_without_foldable_letters_is_only_lower_cased(corpus_store):
    """`includes: "KD"` needs no replacement at all (toLower only); `"Næring"` needs the pairs that
    give one of its letters (a, e, i, n), and still finds the ministry by its folded name."""
    from graphql import parse

    from api.graphql.compiler import Limits, compile_operation
    from api.graphql.schema import graphql_schema
    doc = parse('{ ministries(where: {aliases: {includes: "KD"}}) { abbreviation } }')
    c = compile_operation(graphql_schema(), doc, doc.definitions[0], {}, Limits())
    assert "reduce(" not in c.cypher and "toLower(" in c.cypher
    assert fold_pairs(fold_text("Næring")) == [["æ", "ae"], ["å", "a"], ["ä", "a"], ["é", "e"], ["è", "e"],
                                               ["ê", "e"], ["ë", "e"], ["á", "a"], ["à", "a"], ["â", "a"],
                                               ["í", "i"], ["ì", "i"], ["ñ", "n"]]
    d = EX.execute(corpus_store, '{ a: ministries(where: {aliases: {includes: "KD"}}) { abbreviation } '
                                 'b: ministries(where: {name: {startsWith: "NAERING"}}) { abbreviation } }').body
    assert d["data"]["a"] == [{"abbreviation": "KD"}]
    assert {m["abbreviation"] for m in d["data"]["b"]} >= {"NFD"}


def test_nested_lists_are_chains_and_some_filters_are_matches():
    from graphql import parse

    from api.graphql.compiler import Limits, compile_operation
    from api.graphql.schema import graphql_schema
    doc = parse("{ documents(where: {proposals: {some: {mentions: {some: {}}}}}) "
                "{ title proposals(where: {mentions: {some: {}}}) { text mentions { name } } } }")
    c = compile_operation(graphql_schema(), doc, doc.definitions[0], {}, Limits())
    assert "[(" not in c.cypher  # no pattern comprehension
    assert " MATCH (n1)<-[" in c.cypher and "WITH DISTINCT n1 ORDER BY" in c.cypher
    assert "size(collect(" not in c.cypher


# A batched subquery (api.graphql.compiler.Batch): the chain's rows collected, the subquery run once
# over all of them (its chain starts from the row number and the row's node), the rows unwound again.
BATCHED = re.compile(r"WITH collect\(\{[^}]*\}\) AS (acc\d+) CALL \{ WITH \1 UNWIND range\(0, size\(\1\) - 1\) "
                     r"AS (j\d+) WITH \2, \1\[\2\]\.(\w+) AS \3 (.*?) RETURN collect\((\w+)\) AS (ls\d+) \} "
                     r"UNWIND range\(0, size\(\1\) - 1\) AS (j\d+) WITH .*?\6\[\7\] AS \5")


def test_responsibility_branches_are_subqueries_that_carry_no_earlier_list():
    """Each basis is a branch; grouping a branch's rows by the lists of the branches before it made
    the cost grow with the square of the corpus (8 s for `measures_of_ministry` at 1,000 synthetic
    documents, 0.05 s as subqueries). A branch is called once per row (batched, copying the
    earlier branches' lists in and out of the batch cost more than it saved)."""
    from graphql import parse

    from api.graphql.compiler import Compiler, Limits, compile_operation
    from api.graphql.schema import graphql_schema
    doc = parse('{ ministry(name: "NFD") { responsibleFor(limit: 500) { basis measure { name } via { name } } } }')
    c = compile_operation(graphql_schema(), doc, doc.definitions[0], {}, Limits())
    branches = re.findall(r"CALL \{ WITH (\w+) (.*?) RETURN collect\(.*? AS (l\d+) \}", c.cypher)
    assert len(branches) == len(Compiler.BRANCHES) == 6 and {b[0] for b in branches} == {"n1"}
    lists = [b[2] for b in branches]
    for _, body, _ in branches:
        assert not any(re.search(rf"\b{lst}\b", body) for lst in lists)
    assert "(" + " + ".join(lists) + ")" in c.cypher


def test_a_list_beside_an_earlier_list_is_a_subquery_that_carries_none():
    """Sibling lists: grouping the second list's rows by the first list made the cost grow with the
    square of the rows (addressed_to_ministry timed out at 10,000 synthetic documents)."""
    from graphql import parse

    from api.graphql.compiler import Limits, compile_operation
    from api.graphql.schema import graphql_schema
    doc = parse("{ proposals { text addressedToConnection { edges { node { name } } } "
                "extractedFromConnection { edges { evidence { quote } } } mentionsCount } }")
    c = compile_operation(graphql_schema(), doc, doc.definitions[0], {}, Limits())
    first = re.search(r"collect\(.*? AS (l\d+)", c.cypher).group(1)
    subqueries = BATCHED.findall(c.cypher)
    assert len(subqueries) == 2  # the second list and the count
    assert c.cypher.count("CALL {") == 2
    for b in subqueries:
        assert not re.search(rf"\b{first}\b", b[3])


def test_below_the_roots_one_row_a_sibling_list_is_called_per_row():
    """`instrument(name:)` has one row: its second list is a plain subquery (nothing to batch)."""
    from graphql import parse

    from api.graphql.compiler import Limits, compile_operation
    from api.graphql.schema import graphql_schema
    doc = parse('{ instrument(name: "FORNY") { ownedBy { name } administeredBy { name } '
                'mentionedBy { text addressedTo { name } mentions { name } } } }')
    c = compile_operation(graphql_schema(), doc, doc.definitions[0], {}, Limits())
    assert re.search(r"CALL \{ WITH n1 OPTIONAL MATCH \(n1\)", c.cypher)  # the root's siblings
    assert len(BATCHED.findall(c.cypher)) == 1  # the proposals' second list: many rows


def test_batched_subqueries_give_every_row_its_own_list(corpus_store):
    """Rows are unwound back with their own aggregate: the same sibling lists asked in one chain
    (one list only) and beside an earlier list (a batched subquery) agree row by row."""
    alone = EX.execute(corpus_store, "{ proposals(limit: 300) { id extractedFrom { id } mentionsCount } }").body
    beside = EX.execute(corpus_store, "{ proposals(limit: 300) { id addressedTo { id } extractedFrom { id } "
                                      "mentionsCount } }").body
    assert "errors" not in alone and "errors" not in beside
    assert len(alone["data"]["proposals"]) > 100
    for a, b in zip(alone["data"]["proposals"], beside["data"]["proposals"], strict=True):
        assert a["id"] == b["id"] and a["extractedFrom"] == b["extractedFrom"]
        assert a["mentionsCount"] == b["mentionsCount"]


KIND_ASKED = [
    ("{ x: countries(where: {locatedHere: {some: {kind: {eq: InternationalExample}}}}) "
     "{ name examples: locatedHere(where: {kind: {eq: InternationalExample}}) { name } } }",
     r"\(\w+\)<-\[\w+:LOCATED_IN\]-\(\w+:InternationalExample\)"),
    ("{ x: proposalsGroupedBy(relation: mentions, relatedWhere: {kind: {eq: Instrument}}) { node { name } count } }",
     r"-\[\w+:MENTIONS\]->\(\w+:Instrument\)"),
]


@pytest.mark.parametrize("query,pattern", KIND_ASKED)
def test_a_kind_asked_for_is_the_patterns_label(corpus_store, query, pattern):
    """`kind: {eq: X}` on a relationship's other end puts the label in the pattern (the store starts
    from X's nodes, not from every node); the answer is the one `kind: {in: [X]}` gives (a
    condition only)."""
    from graphql import parse

    from api.graphql.compiler import Limits, compile_operation
    from api.graphql.schema import graphql_schema
    doc = parse(query)
    assert re.search(pattern, compile_operation(graphql_schema(), doc, doc.definitions[0], {}, Limits()).cypher)
    as_in = re.sub(r"kind: \{eq: (\w+)\}", r"kind: {in: [\1]}", query)
    a, b = EX.execute(corpus_store, query).body, EX.execute(corpus_store, as_in).body
    assert "errors" not in a and a["data"]["x"]
    assert a == b


def test_grouped_rows_carry_their_own_count_not_the_pages_counts():
    """`proposalsGroupedBy { node { … list … } count }`: each row carries its count; carrying the
    page's list of counts made every row's grouping hash the whole list."""
    from graphql import parse

    from api.graphql.compiler import Limits, compile_operation
    from api.graphql.schema import graphql_schema
    doc = parse("{ proposalsGroupedBy(relation: mentions) { node { name ... on Instrument { ownedBy { name } } } "
                "count } }")
    cypher = compile_operation(graphql_schema(), doc, doc.definitions[0], {}, Limits()).cypher
    counts = re.search(r"collect\(cnt\d+\) AS (cs\d+)", cypher).group(1)
    assert len(re.findall(rf"\b{counts}\b", cypher)) == 2  # made, then read once per row


def test_a_count_beside_its_list_is_the_lists_size(corpus_store):
    """`citedByCount` beside `citedBy` with the same filters is the list's size (one traversal);
    with other filters, or alone, it is counted; the numbers agree either way."""
    from graphql import parse

    from api.graphql.compiler import Limits, compile_operation
    from api.graphql.schema import graphql_schema

    def run(query):
        body = EX.execute(corpus_store, query).body
        assert "errors" not in body, body
        return body["data"]["x"]

    def cypher(query):
        doc = parse(query)
        return compile_operation(graphql_schema(), doc, doc.definitions[0], {}, Limits()).cypher

    beside = "{ x: policyDocuments { id citedByCount citedBy(limit: 1) { kind } } }"
    alone = "{ x: policyDocuments { id citedByCount } }"
    assert cypher(beside).count(":CITES]") == 1 and "citedByCount: size(" in cypher(beside)
    counts = {d["id"]: d["citedByCount"] for d in run(alone)}
    assert {d["id"]: d["citedByCount"] for d in run(beside)} == counts and max(counts.values()) > 1
    filtered = ("{ x: policyDocuments { id citedByCount docs: citedBy(where: {kind: {eq: Document}}) { kind } "
                "proposals: citedByCount(where: {kind: {eq: Proposal}}) } }")
    assert "citedByCount: size(" not in cypher(filtered)
    for d in run(filtered):
        assert d["citedByCount"] == counts[d["id"]] and d["proposals"] + len(d["docs"]) == counts[d["id"]]


def test_conditions_below_many_rows_pick_rows_after_the_match():
    """A filtered nested list below a list: OPTIONAL MATCH without WHERE (FalkorDB runs one with a
    WHERE once per row), the conditions in a CASE after it; from the root's one row, and with
    existential hops in the pattern, the WHERE stays (it filters the pattern's rows early)."""
    from graphql import parse

    from api.graphql.compiler import Limits, compile_operation
    from api.graphql.schema import graphql_schema

    def cypher(query):
        doc = parse(query)
        return compile_operation(graphql_schema(), doc, doc.definitions[0], {}, Limits()).cypher

    many = cypher('{ policyDocuments { citedBy { kind ... on Document { authoredBy { name } } } } }')
    assert re.search(r"OPTIONAL MATCH \(\w+\)-\[\w+:AUTHORED_BY\]->\(\w+\) WITH \w+, \w+, \w+, CASE WHEN "
                     r"\(\w+:Document\) THEN", many)
    one = cypher('{ instrument(name: "FORNY") { ownedBy(edge: {source: {eq: "registry"}}) { name } } }')
    assert re.search(r"OPTIONAL MATCH \(n1\)-\[(\w+):OWNED_BY\]->\(\w+:Ministry\) WHERE n1 IS NOT NULL AND \1\.source",
                     one)
    hops = cypher('{ documents { proposals(where: {mentions: {some: {kind: {eq: Instrument}}}}) { id } } }')
    assert re.search(r"OPTIONAL MATCH [^W]*, [^W]* WHERE ", hops)
