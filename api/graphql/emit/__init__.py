"""The compiler's emitter for the portable Cypher both stores run (FalkorDB's dialect; Neo4j 5 runs
the same text): it walks the request's selection and the plan's nodes (api.graphql.plan) and writes
one Cypher query. Each optimisation lives in one place and says why in its docstring:

* batched sibling lists and per-row subqueries — :meth:`.chain.Chain.gather`, :class:`.chain.Batch`;
* a nested list's conditions as a CASE below many rows — :meth:`.fields.Fields.rel_field`;
* counts from list sizes — :meth:`.fields.Fields.rel_field` (the `same` key) and :meth:`.fields.Fields.node`;
* kind labels in the pattern — :func:`api.graphql.plan.filters.kind_in_pattern`, and
  :meth:`.filters.Filters.kind_filter` (no label test a node cannot pass);
* existential filters as patterns — :meth:`.filters.Filters.hop_steps`;
* partial folding — :meth:`.chain.Chain.fold` (:func:`api.graphql.plan.base.fold_pairs`);
* FalkorDB's null-variable and index-scan quirks — :meth:`.chain.Chain.barrier`,
  :meth:`.chain.Chain.optional_where`.

A second dialect (Neo4j-native Cypher) is a second emitter over the same plan.
"""
