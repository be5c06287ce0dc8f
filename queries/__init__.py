"""Named Cypher (`*.cypher`) and the analysts' GraphQL cookbook (`*.graphql`); each cookbook query
has a hand-written reference Cypher of the same name that answers the same (the benchmarks time
the two, tests/test_graphql_cookbook.py compares them)."""


def cypher_params(name: str, v: dict, today: str) -> dict:
    """The reference query's parameters for the cookbook query's variables."""
    extra = {
        "responsibility": {"at": v.get("at"), "today": today},
        "owners_of_author_measures": {"today": today},
        "measures_of_ministry": {"today": today},
        "measures_by_basis": {"at": v.get("at"), "today": today},
        "proposals_of_ministry": {"basis": v.get("basis"), "today": today},
        "proposals_page": {"skip": 0},
    }
    return {**v, **extra.get(name, {})}
