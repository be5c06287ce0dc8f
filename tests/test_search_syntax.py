"""The search syntax (api/graphql/search_syntax.py): the trees it parses, the errors it gives on
malformed input (through GraphQL too: BAD_USER_INPUT with where and what), the store queries the
dialect writes from a tree, and the Norwegian compound splitting the search uses."""

from __future__ import annotations

import pytest

from api.graphql.executor import GraphQLExecutor
from api.graphql.search import store_tree, word_forms
from api.graphql.search_syntax import And, Or, Phrase, SearchSyntaxError, Term, parse
from graph import dialect
from loaders.compounds import split


def _t(word, position, prefix=False):
    return Term(word, prefix, position)


def test_words_are_and_ed_by_default():
    assert parse("helsedata registre") == And((_t("helsedata", 0), _t("registre", 10)))
    assert parse("helsedata AND registre") == And((_t("helsedata", 0), _t("registre", 14)))


def test_or_binds_tighter_than_and_and_parentheses_group():
    assert parse("SkatteFUNN OR Forny") == Or((_t("skattefunn", 0), _t("forny", 14)))
    assert parse("xa xb OR xc") == And((_t("xa", 0), Or((_t("xb", 3), _t("xc", 9)))))
    assert parse("(xa xb) OR xc") == Or((And((_t("xa", 1), _t("xb", 4))), _t("xc", 11)))
    assert parse("data or and") == And((_t("data", 0), _t("or", 5), _t("and", 8)))  # lower case: words


def test_phrases_and_prefixes():
    assert parse('"kliniske studier" regist*') == And((Phrase((_t("kliniske", 1), _t("studier", 10)), 0),
                                                       _t("regist", 19, prefix=True)))
    assert parse("e-helse") == Phrase((_t("e", 0), _t("helse", 2)), 0)
    assert parse('"helse"') == _t("helse", 1)
    assert parse("xa -- yb") == And((_t("xa", 0), _t("yb", 6)))  # punctuation alone is no word


@pytest.mark.parametrize("text, position, says", [
    ('helse "kliniske studier', 6, "quote at character 7 is not closed"),
    ("helse (registre", 6, "`(` at character 7 is not closed"),
    ("helse registre)", 14, "`)` at character 15 closes no `(`"),
    ("OR helse", 0, "OR at character 1 has nothing on its left"),
    ("helse OR", 6, "OR at character 7 has nothing on its right"),
    ("helse OR OR data", 6, "OR at character 7 has nothing on its right"),
    ("(helse OR) data", 7, "OR at character 8 has nothing on its right"),
    ("helse AND", 6, "AND at character 7 has nothing on its right"),
    ("helse () data", 6, "`()` at character 7 holds no word"),
    ('""', 0, "phrase at character 1 holds no word"),
    ("re*gist", 2, "`*` at character 3 is inside a word"),
    ("helse * data", 6, "`*` at character 7 ends no word"),
    ("  -- ", 0, "holds no word"),
])
def test_malformed_input_says_what_and_where(text, position, says):
    with pytest.raises(SearchSyntaxError) as e:
        parse(text)
    assert says in str(e.value) and e.value.position == position


def test_too_many_words():
    with pytest.raises(SearchSyntaxError, match="at most 16"):
        parse(" ".join(f"w{i}" for i in range(17)))


def test_a_malformed_search_is_a_bad_user_input_error_before_any_store_call():
    class NoStore:
        backend = "embedded"

        def read(self, *a, **k):
            raise AssertionError("the store was called")

        read_native = read

    out = GraphQLExecutor().execute(NoStore(), '{ search(text: "helsedata (registre OR") { kind } }')
    [error] = out.body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "text", "position": 20}
    assert "OR at character 21 has nothing on its right" in error["message"]


def test_the_store_query_is_written_in_each_dialect():
    tree = store_tree(parse('helsedata (registre OR "kliniske studier") regist*'))
    assert dialect.fulltext_query_text("embedded", tree) == \
        "((helsedat*) ((registr*|regist*)|((klinisk*) (studi*))) (regist*))"
    assert dialect.fulltext_query_text("neo4j", tree) == \
        "((helsedat*) AND ((registr* OR regist*) OR ((klinisk*) AND (studi*))) AND (regist*))"
    # stop words are left out of the store's query (neither store indexes them), kept in the tree
    assert "og" not in dialect.fulltext_query_text("neo4j", store_tree(parse('"registre og biobanker"'))).split("*")
    assert store_tree(parse("og registre")) == ("forms", ["registr", "regist"])
    # a text the indexes cannot narrow is refused, not answered with nothing
    for text in ("og", "og OR registre", '"i og"', "e"):
        with pytest.raises(SearchSyntaxError, match="too common or short"):
            parse(text)


def test_norwegian_compounds_split_at_their_head():
    assert split("helseregistre") == ("helse", "registre")
    assert split("legemiddelindustrien") == ("legemiddel", "industrien")
    assert split("næringsutvikling") == ("nærings", "utvikling")
    assert split("samarbeid") is None  # an everyday word stays whole
    assert split("skattefunn") is None  # a head of four letters is too short to stand alone
    whole, head = word_forms("helseregistre", False)
    assert "helseregistr" in whole and {"registr", "regist"} <= set(head)
    assert word_forms("regist", True) == (("regist",), ())
