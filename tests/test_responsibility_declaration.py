"""Responsibility has one home, schema/responsibility.py (issue 19), and everything that states it
derives from it or is checked against it: the GraphQL compiler and enum, the reference Cypher
(queries/responsibility.cypher written from it; the other reference queries that restate the rule
checked by tests/support/responsibility_check.py), the RDF export, the explorer's labels. No store
needed: the answers themselves are compared in tests/test_responsibility.py,
tests/test_graphql_cookbook.py and tests/test_rdf_corpus.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schema import responsibility as decl
from tests.support.responsibility_check import branches, check

QUERIES = Path(__file__).resolve().parents[1] / "queries"
EXPLORER = Path(__file__).resolve().parents[1] / "explorer" / "src"

# The reference queries that restate the rule, with what they answer for: (kinds of measure, bases).
RESTATED = {
    "responsibility": (decl.MEASURES, decl.BASIS_NAMES),
    "measures_of_ministry": (decl.MEASURES, decl.BASIS_NAMES),
    "measures_by_basis": (decl.MEASURES, decl.BASIS_NAMES),
    "proposals_of_ministry": (("Proposal",), decl.BASIS_NAMES),
    "owners_of_author_measures": (("Proposal",), ("OWNER", "ADMINISTERING_AGENCY")),
}


def text(name: str) -> str:
    return (QUERIES / f"{name}.cypher").read_text(encoding="utf-8")


def test_the_declaration_fits_the_model():
    assert decl.problems() == []
    assert [b.name for b in decl.BASES] == list(decl.BASIS_NAMES) == ["NAMED", "ADDRESSEE", "OWNER",
                                                                      "ADMINISTERING_AGENCY"]


def test_the_check_of_the_declaration_finds_a_broken_one(monkeypatch):
    paths = list(decl.PATHS)
    paths[1] = decl.Path("owned", "OWNER", (decl.Step("OWNED_BY", valid=True),
                                            decl.Step("CITES", "Ministry", valid=True)))
    paths[2] = decl.Path("partOf", "PROPRIETOR", paths[2].steps)
    monkeypatch.setattr(decl, "PATHS", tuple(paths))
    found = decl.problems()
    assert any("owned: the model lets no node stand" in p for p in found), found
    assert any("owned: CITES has no validFrom/validTo" in p for p in found), found
    assert any("basis is not declared" in p for p in found), found


# -- GraphQL -------------------------------------------------------------------------------------------
def test_the_compiler_and_the_graphql_enum_derive_from_it():
    from graphql import GraphQLEnumType

    from api.graphql.compiler import Compiler
    from api.graphql.schema import graphql_schema
    from api.graphql.spec import BASES, MEASURE_LABELS, RESPONSIBLE_LABEL
    assert (BASES, MEASURE_LABELS, RESPONSIBLE_LABEL) == (decl.BASIS_NAMES, decl.MEASURES, decl.RESPONSIBLE)
    assert [b.path for b in Compiler.BRANCHES] == list(decl.PATHS)
    enum = graphql_schema().type_map["ResponsibilityBasis"]
    assert isinstance(enum, GraphQLEnumType)
    assert [(name, v.description) for name, v in enum.values.items()] == [
        (b.name, f"{b.label}: {b.description}") for b in decl.BASES]


def test_the_compiler_writes_each_path_as_declared():
    from api.graphql.compiler import Compiler
    patterns = [b.pattern for b in Compiler.BRANCHES]
    assert patterns == [
        "({V})-[{r1}:ADDRESSED_TO]->({M})",
        "({V})-[{r1}:OWNED_BY]->({M})",
        "({V})-[{r1}:PART_OF]->({y}:Agency)-[{r2}:OWNED_BY]->({M})",
        "({D})<-[:EXTRACTED_FROM]-({V})-[{r1}:MENTIONS]->({x})-[{r2}:OWNED_BY]->({M})",
        "({V})-[{r1}:ADMINISTERED_BY]->({y}:Agency)-[{r2}:OWNED_BY]->({M})",
        "({D})<-[:EXTRACTED_FROM]-({V})-[{r1}:MENTIONS]->({x}:Instrument)-[{r2}:ADMINISTERED_BY]->"
        "({y}:Agency)-[{r3}:OWNED_BY]->({M})",
    ]
    assert [b.inverse_label for b in Compiler.BRANCHES] == ["Proposal", None, "Agency", None, None, None]
    assert [b.valid for b in Compiler.BRANCHES] == [(), ("r1",), ("r1", "r2"), ("r2",), ("r1", "r2"), ("r2", "r3")]


# -- the reference Cypher ------------------------------------------------------------------------------
def test_the_reference_query_is_written_from_the_declaration():
    from graph.responsibility import reference_cypher
    assert text("responsibility") == reference_cypher(), \
        "queries/responsibility.cypher is not the generator's: run python -m graph.responsibility --write"


@pytest.mark.parametrize("name", sorted(RESTATED))
def test_a_reference_query_restating_the_rule_follows_the_declaration(name):
    kinds, bases = RESTATED[name]
    found, _ = branches(text(name))
    assert found, f"{name}.cypher: no branch read"
    assert check(text(name), kinds, bases) == []


def test_every_reference_query_that_restates_the_rule_is_checked():
    """A cookbook query asking for responsibility has its reference Cypher in RESTATED."""
    asks = re.compile(r"\b(responsibility|responsibleMinistries|responsibleFor|responsibleForByBasis)\b")
    restating = {p.stem for p in QUERIES.glob("*.graphql")
                 if asks.search(re.sub(r"#.*", "", p.read_text(encoding="utf-8")))}
    assert restating == set(RESTATED)


# Drift planted in the reference queries, each found by the check.
DRIFT = [
    ("measures_of_ministry", "(coalesce(a.validTo, '9999') + '~') >= $today\n", "\n",
     "validity is not"),  # one half of a validity check dropped
    ("measures_of_ministry", "\n  AND coalesce(o.validFrom, '') <= $today + '~' AND (coalesce(o.validTo, '9999') + '~') >= $today\nWITH m, addressed, owned, collect",
     "\nWITH m, addressed, owned, collect", "validity checked on steps [0], declared on [0, 1]"),
    ("proposals_of_ministry", "(x:Instrument)-[a:ADMINISTERED_BY]", "(x:Agency)-[a:ADMINISTERED_BY]",
     "no declared path"),  # the model lets no agency be administered: not the declared path
    ("owners_of_author_measures", "basis: 'ADMINISTERING_AGENCY'", "basis: 'OWNER'",
     "answers with bases ['OWNER'], declared ['ADMINISTERING_AGENCY']"),
    ("measures_by_basis", "coalesce($at, d.date, $today) + '~'\n  AND (coalesce(o.validTo, '9999') + '~') >= "
                          "coalesce($at, d.date, $today)",
     "now + '~'\n  AND (coalesce(o.validTo, '9999') + '~') >= now", "not at the document's date"),
    ("responsibility", "CASE r1.basis WHEN 'named' THEN 'NAMED' ELSE 'ADDRESSEE' END",
     "CASE r1.basis WHEN 'addressee' THEN 'ADDRESSEE' ELSE 'NAMED' END", "the basis is not read as declared"),
    ("responsibility", "-[r1:OWNED_BY]->(m:Ministry)", "-[r1:ADMINISTERED_BY]->(m:Ministry)", "no declared path"),
]


@pytest.mark.parametrize("name, old, new, expected", DRIFT, ids=[f"{d[0]}-{i}" for i, d in enumerate(DRIFT)])
def test_the_check_finds_drift_planted_in_a_reference_query(name, old, new, expected):
    original = text(name)
    assert old in original, "the planted drift no longer applies: update it"
    kinds, bases = RESTATED[name]
    found = check(original.replace(old, new, 1), kinds, bases)
    assert any(expected in p for p in found), found


def test_the_check_finds_a_path_a_reference_query_lacks():
    """The hand-written responsibility.cypher had no block for a proposal mentioning an instrument
    administered by an agency the ministry owns (nor had the RDF export that ran it)."""
    original = text("responsibility")
    start = original.index("// agencyVia:")
    end = original.index("RETURN ")
    cut = original[:start] + original[end:].replace(" + agencyVia", "")
    assert check(cut) == ["path agencyVia (MENTIONS -> ADMINISTERED_BY -> OWNED_BY) appears 0 times, declared once"]


def test_a_changed_declaration_finds_the_reference_queries_out_of_date(monkeypatch):
    import tests.support.responsibility_check as rc
    paths = list(decl.PATHS)
    paths[1] = decl.Path("owned", "OWNER", (decl.Step("OWNED_BY", valid=False),))  # validity no longer checked
    monkeypatch.setattr(rc, "PATHS", tuple(paths))
    for name in ("measures_of_ministry", "measures_by_basis"):
        assert any("path owned: validity checked on steps [0], declared on []" in p for p in check(text(name))), name


# -- the RDF export ------------------------------------------------------------------------------------
def test_the_rdf_export_runs_the_declared_rule():
    from api.rdf.queries import responsibility_page
    from graph.responsibility import reference_cypher
    from schema.rdf_mapping import RESPONSIBILITY_BASIS, RESPONSIBILITY_EXPLANATIONS, RESPONSIBILITY_MEASURES
    assert responsibility_page() == reference_cypher(ids=True)
    assert set(RESPONSIBILITY_MEASURES) == set(decl.MEASURES)
    assert RESPONSIBILITY_BASIS.values == tuple(b.rdf for b in decl.BASES)
    assert set(RESPONSIBILITY_EXPLANATIONS) == {p.explain(b) for p in decl.PATHS for b in p.bases}
    # the ontology explains every basis the export writes
    import rdflib

    from schema.rdf_mapping import HG, ONTOLOGY_PATH
    comments = [str(c) for c in rdflib.Graph().parse(ONTOLOGY_PATH).objects(rdflib.URIRef(HG + "basis"),
                                                                            rdflib.RDFS.comment)]
    assert comments and all(b.rdf in c for b in decl.BASES for c in comments)


# -- the explorer ----------------------------------------------------------------------------------------
def test_the_explorer_has_no_copy_of_the_labels():
    """The explorer reads the bases' labels and descriptions from the GraphQL enum and each answer's
    explanation from the API (explorer/src/schema.js, views/measure.js, views/ministry.js)."""
    phrases = [b.description for b in decl.BASES] + [p.explanation for p in decl.PATHS if p.explanation]
    names = [b.label for b in decl.BASES] + list(decl.BASIS_NAMES)  # as string literals
    for path in EXPLORER.rglob("*.js"):
        if path.name.startswith("graphiql"):
            continue  # GraphiQL's example query asks for bases by name, as an analyst would
        source = path.read_text(encoding="utf-8")
        assert not [w for w in phrases if w in source], path
        assert not [w for w in names if re.search(rf"""['"`]{re.escape(w)}['"`]""", source)], path
    queries = (EXPLORER / "queries.js").read_text(encoding="utf-8")
    assert '__type(name: "ResponsibilityBasis")' in queries and "explanation" in queries
