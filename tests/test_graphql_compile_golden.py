"""The Cypher every cookbook query compiles to, byte for byte (tests/data/cookbook_cypher.json).

A change of the compiler that changes the text of a cookbook query's Cypher or its parameters fails
here, so that it is a decision (measured, and the golden file rewritten with
`python -m tests.support.compile_snapshot --write-golden`), not an accident of a refactoring. The
answers themselves are checked against the corpus in tests/test_graphql_cookbook.py; this test needs
no store. (Issue 13 moved the compiler to a plan and an emitter with this file unchanged.)
"""

from __future__ import annotations

import json

import pytest

from tests.support.compile_snapshot import GOLDEN, golden

EXPECTED = json.loads(GOLDEN.read_text(encoding="utf-8"))
ACTUAL = golden()


def test_every_cookbook_query_is_in_the_golden_file():
    assert sorted(ACTUAL) == sorted(EXPECTED)
    assert all(e["cypher"] and not e["error"] for e in EXPECTED.values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cookbook_query_compiles_to_the_same_cypher(name):
    assert ACTUAL[name]["cypher"] == EXPECTED[name]["cypher"]
    assert ACTUAL[name]["params"] == EXPECTED[name]["params"]
