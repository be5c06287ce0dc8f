"""The compiler's emitter: it walks the request's selection and the plan's nodes (api.graphql.plan)
and writes one Cypher query in the dialect of the store it is for (`Compiler.backend`): FalkorDB's
portable Cypher, or Neo4j 5's native forms where they differ. Each optimisation lives in one place
and says why in its docstring:

* batched sibling lists and per-row subqueries — :meth:`.chain.Chain.gather`, :class:`.chain.Batch`;
* a nested list's conditions as a CASE below many rows — :meth:`.fields.Fields.rel_field`;
* counts from list sizes — :meth:`.fields.Fields.rel_field` (the `same` key) and :meth:`.fields.Fields.node`;
* kind labels in the pattern — :func:`api.graphql.plan.filters.kind_in_pattern`, and
  :meth:`.filters.Filters.kind_filter` (no label test a node cannot pass);
* existential filters as patterns — :meth:`.filters.Filters.hop_steps`;
* partial folding — :meth:`.chain.Chain.fold` (:func:`api.graphql.plan.base.fold_pairs`);
* FalkorDB's null-variable and index-scan quirks — :meth:`.chain.Chain.barrier`,
  :meth:`.chain.Chain.optional_where`.

The two dialects differ in five places, each measured on Neo4j (bench/neo4j_forms.py and the peer
benchmark, bench/peer_latency.py, on the corpus and on 1,000 synthetic documents), and the text of
each form is graph.dialect's where it is a store's syntax:

* subqueries — :func:`graph.dialect.subquery`: FalkorDB's importing-WITH `CALL { WITH x … }`,
  Neo4j's scoped `CALL (x) { … }` (the importing form is deprecated there, so no Neo4j statement
  holds it and the lint gate accepts no warning);
* sibling lists below many rows — once for all rows (:class:`.chain.Batch`) on FalkorDB, once per
  row on Neo4j, where that is faster, and there a list over an incoming relationship (the many
  side) too, even as a row's first list (:meth:`.fields.Fields.rel_field`);
* aggregated relationship filters and counts without their list — chains on FalkorDB (which has
  no `EXISTS {}` or `COUNT {}`), subquery expressions on Neo4j
  (:meth:`.filters.Filters.relation_subqueries`, :meth:`.fields.Fields.rel_field`, which binds such
  a condition to a variable before the two CASEs that use it);
* a `responsibleMinistries` filter — on FalkorDB the responsibility lists, built and tested for
  size (below a list) or collected from the ministry's side as ids (at a root list); on Neo4j
  `EXISTS {}` per branch, and at a root list one subquery binding the measures, a UNION of one
  MATCH per branch (:meth:`.responsibility.Responsibility.responsible_filter`,
  :meth:`.responsibility.Responsibility.responsible_first`): a list collected before the root's
  MATCH is counted against Neo4j's transaction memory once per row kept for the sort;
* a root `…GroupedBy` with no `where` on either end — on Neo4j one MATCH of the relationship from a
  scan of its type (`USING SCAN`), not from the root's label and its dense nodes
  (:meth:`.roots.Roots.root_grouped`).

Everything else is the same text on both stores, FalkorDB's workarounds included (the barrier WITH,
conditions as a CASE below many rows): they are not measured on Neo4j. Existential filters stay
patterns on Neo4j too (`EXISTS {}` instead was up to 3 times as slow there, and faster on few
queries: :meth:`.filters.Filters.hop_steps`).
"""
