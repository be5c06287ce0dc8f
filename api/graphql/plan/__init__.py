"""The GraphQL compiler's plan: what a request asks, decided and checked, with no Cypher in it.

Design (issue 13; after the Neo4j GraphQL Library's translator, `translate/queryAST/` in
github.com/neo4j/graphql: a factory turns the request into a tree of small typed nodes, and the
Cypher is written from the tree). Here the nodes are frozen dataclasses that hold no Cypher and no
variable names; an *emitter* (:mod:`api.graphql.emit`) walks them and writes one store's Cypher.
The import graph runs one way, plan -> emit (an import-linter contract in pyproject.toml).

Modules:

* :mod:`.base` — CompileError, Limits, cursors, the fold pairs a needle needs (`fold_pairs`; the
  fold itself is `schema.text.store_fold`), the names a request looks up (:class:`~.base.Lookup`), the keys a
  compiled answer carries;
* :mod:`.selection` — field collection: fragments, @skip/@include, per concrete type;
* :mod:`.filters` — a `where` or `edge:` filter as nodes: :class:`~.filters.Where` (entries AND-ed)
  of :class:`~.filters.Prop`, :class:`~.filters.KindIs`, :class:`~.filters.Named`,
  :class:`~.filters.Responsible`, :class:`~.filters.Related` and the logical
  :class:`~.filters.AllOf` / :class:`~.filters.AnyOf` / :class:`~.filters.NotOf`; it decides which
  entries are relational, which relationship filters are existential hops (patterns, no
  aggregation) and when a `kind` becomes the pattern's label;
* :mod:`.paging` — :class:`~.paging.OffsetPage`, :class:`~.paging.CursorPage`, :class:`~.paging.Sort`,
  checked against the limits and the model.

How a request becomes Cypher: the executor validates it, checks its limits
(api.graphql.protection) and calls :func:`api.graphql.compiler.compile_operation`. The compiler
collects the root fields (:mod:`.selection`); each root field is emitted as one part of a
`UNION ALL` (:mod:`api.graphql.emit.roots`), its nested fields as chains of OPTIONAL MATCH … WITH …
collect (:mod:`api.graphql.emit.fields`). Wherever a filter, a page or a sort is met, its
arguments are planned here first and the plan node is written by the emitter
(:mod:`api.graphql.emit.filters`, :mod:`api.graphql.emit.paging`). Root fields and relationship
fields are not plan nodes yet: the emitter still reads them from the collected selection (the
remaining step of issue 13).

Where to add …

* *a filter operator on a property* (say `matches`): add it to the filter input in
  api.graphql.spec / api.graphql.schema; :func:`.filters.where_of` already carries every operator
  given (:attr:`.filters.Prop.ops`); write its Cypher in
  :meth:`api.graphql.emit.filters.Filters.scalar_filter`;
* *a new kind of filter entry* (a key that is not a property): a node class in :mod:`.filters`,
  built in :func:`.filters.where_of`, said relational or not in :func:`.filters.is_relational`, and
  written in :meth:`api.graphql.emit.filters.Filters.where_expr`;
* *a root field*: its schema field in api.graphql.schema, then a branch in
  :meth:`api.graphql.emit.roots.Roots._root_field` returning its :class:`api.graphql.compiled.Root`
  (how its rows are shaped) and its clauses (each part returns rows `(k, i, v, t)`);
* *another store's dialect*: a second emitter beside :mod:`api.graphql.emit` (the plan does not
  change); `graph.dialect` holds the Cypher-text differences the emitters share.

Worked example — `{ proposals(where: {text: {contains: "skatt"}, mentions: {some: {kind: {eq:
Instrument}}}}) { id } }`:

1. selection: root field `proposals` (a list of Proposal), selection `{ id }`;
2. plan: `Where((Prop("text", "str", (("contains", "skatt"),)), Related(rf=mentions,
   some=Where((KindIs("Instrument", None),)), exists_only=True, …)))`; `Sort((("name", "ASC"), ("id",
   "ASC")))` (none asked); `OffsetPage(lo=0, hi=100, default=True)`. The `Prop` is plain, the
   `Related` relational but flat (existence only): a hop; its kind becomes the pattern's label;
3. emit (variables and parameters numbered in the order they are written):

       MATCH (n1:Proposal) WHERE reduce(s = toLower(n1.text), f IN $p4 | replace(s, f[0], f[1])) CONTAINS $p5
       MATCH (n1)-[r7:MENTIONS]->(x6:Instrument)
       WITH DISTINCT n1 ORDER BY n1.name ASC, n1.id ASC SKIP $p8 LIMIT $p9
       WITH collect(n1) AS pg3
       UNWIND (CASE WHEN size(pg3) = 0 THEN [null] ELSE range(0, size(pg3) - 1) END) AS i11
       WITH i11, pg3[i11] AS m10
       RETURN 0 AS k, i11 AS i, CASE WHEN m10 IS NULL THEN NULL ELSE {id: m10.id} END AS v, null AS t

   with `$p4` the fold pairs `skatt` needs (only the a-pairs), `$p5 = "skatt"`, `$p8 = 0` and
   `$p9 = 101` (one more than the default page: it tells a cut, Compiled.shape drops it).
"""
