"""Compile a whole GraphQL operation into ONE Cypher query (plus, for `search`, one full-text call).

The arguments (filters, pages, sorts) are planned first (:mod:`api.graphql.plan`, no Cypher); the
emitter (:mod:`api.graphql.emit`) writes the Cypher. The design note, with a worked example and
where to add a filter operator or a root field, is :mod:`api.graphql.plan`'s docstring.

The approach of the Neo4j GraphQL Library, in the Cypher of the store it is compiled for
(`backend`): FalkorDB's (which lacks `CALL (x) {…}`, `EXISTS {…}`, `COUNT {…}` and evaluates nested
pattern comprehensions wrongly), or Neo4j 5's, which differs where its native forms are measured to
help or FalkorDB's are deprecated (:mod:`api.graphql.emit` lists where):

* every root field is one part of a `UNION ALL`; each part returns rows `(k, i, v, t)`:
  root-field index, row index, the value (a map shaped like the selection) and page metadata;
* nested fields become `OPTIONAL MATCH … WITH … collect(…)` chains: a relationship field of
  node `n` is `OPTIONAL MATCH (n)-[r:T]->(c)`, then `c`'s own nested fields (recursively),
  then `WITH <carried>, c ORDER BY … WITH <carried>, collect({…}) AS l` — one row per `n`
  again. Depth, aliases and fragments only add clauses, never queries. (No pattern
  comprehensions: FalkorDB runs one as a sub-plan per row, slower than the chain's one
  traversal and aggregation.) A list beside lists already collected for the same row, and each
  responsibility branch, is a subquery of its own (`graph.dialect.subquery`): grouped in the
  row's chain, its rows would be grouped by the earlier lists too, a cost that grows with the
  square of the rows. On FalkorDB, below the root's one row, a sibling list's subquery is called
  once for all rows (:class:`Batch`), not once per row (FalkorDB traverses row by row inside a
  per-row subquery: 37 µs a call, 1.6 ms for 42 proposals' documents); on Neo4j once per row;
  a count beside its list with the same filters is that list's size;
* a nested list's conditions below many rows pick rows after a plain OPTIONAL MATCH (a CASE)
  rather than in its WHERE, which FalkorDB also runs once per row; text filters fold (case,
  diacritics) only the letters the needle needs; a kind asked for is the pattern's label;
* relationship filters that only ask that related nodes exist (`some`, nested `some`s, `edge`)
  are matched as patterns — a MATCH per hop and `WITH DISTINCT` at the root, extra pattern parts
  of the nested list's OPTIONAL MATCH — with no aggregation (on both stores: Neo4j's `EXISTS {}`
  measured slower there overall); the others (`none`, `all`, `count`, under `OR`/`NOT`) aggregate
  an OPTIONAL MATCH back to one row per node on FalkorDB, and are `EXISTS {}`/`COUNT {}` on Neo4j,
  as is a count asked without its list. FalkorDB binds the matched part of an OPTIONAL MATCH
  pattern and leaves the rest null (instead of no match), so every extra part's node is required
  to be non-null;
* every value from the request is a Cypher parameter; labels, relationship types and
  property names come from the model (:mod:`api.graphql.spec`), never from the request.

The result rows are put back together in Python (:meth:`Compiled.shape`) and the response is
completed from them (:mod:`api.graphql.complete`) without a single further store call.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from graphql import FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode

from api.graphql.compiled import Compiled, Root, connection_value, page_info
from api.graphql.emit.chain import Batch, Chain
from api.graphql.emit.fields import Fields
from api.graphql.emit.filters import Filters
from api.graphql.emit.paging import Paging
from api.graphql.emit.responsibility import Responsibility
from api.graphql.emit.roots import Roots
from api.graphql.plan.base import (KIND_KEY, LIMIT_KEY, PAGE_KEY, RESPONSIBLE_FILTER, SEARCH_FILTERS,
                                   Collected, CompileError, Limits, Lookup, decode_cursor, encode_cursor, fold_pairs,
                                   parse_search)
from api.graphql.plan.selection import Selections
from api.graphql.spec import kinds


class Compiler(Roots, Fields, Filters, Responsibility, Paging, Chain, Selections):
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 variables: dict[str, Any], limits: Limits, today: str | None = None, backend: str = "embedded"):
        self.schema = schema
        self.backend = backend  # the store's dialect: "neo4j" or "embedded" (FalkorDB), graph.dialect
        self.fragments = fragments
        self.variables = variables
        self.limits = limits
        self.today = today or _dt.date.today().isoformat()
        self.params: dict[str, Any] = {}
        self._n = 0
        self._own_forms = 0  # forms only the store's dialect parses: subqueries, EXISTS {}, COUNT {} (Compiled.portable)
        self._lists: set[str] = set()  # variables holding a collected list (see rel_field)
        self._one_row: str | None = None  # the node of a root field answered by one row (root_single)
        self._node_lists: dict[tuple, str] = {}  # (node, relationship, filters) -> its collected list
        self._collected: dict[tuple, dict[str, Collected]] = {}  # see collect()
        self.kinds = kinds()
        self.lookups: list[Lookup] = []  # names looked up (api.graphql.notices explains a miss)
        self._root_idx = 0
        self._page: str | None = None  # a nested list on the default page: its {total, offset, limit} (node())
        self.nested_pages = False
        self._pages = 0  # nested default pages so far: node() and edge_item() note the keys leading to them
        self._page_keys: set[str] = set()
        self._page_fields: set[str] = set()  # keys of nested lists on the default page (PAGE_KEY entries)



def compile_operation(schema: GraphQLSchema, document, operation: OperationDefinitionNode,
                      variables: dict[str, Any], limits: Limits, today: str | None = None,
                      backend: str = "embedded") -> Compiled:
    """The Cypher of `operation` in the dialect of the store `backend` ("neo4j", or "embedded":
    FalkorDB's)."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    return Compiler(schema, fragments, variables, limits, today, backend).compile_operation(operation)



__all__ = ["KIND_KEY", "LIMIT_KEY", "PAGE_KEY", "RESPONSIBLE_FILTER", "SEARCH_FILTERS", "Batch",
           "Collected", "CompileError", "Compiled", "Compiler", "Limits", "Lookup", "Root", "compile_operation",
           "connection_value", "decode_cursor", "encode_cursor", "fold_pairs", "page_info",
           "parse_search"]
