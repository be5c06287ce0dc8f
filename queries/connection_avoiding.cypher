// The connections between two entities ($from, $to: id, name or alias; a verified entity first)
// through no document (the cookbook's `avoidKinds: [Document]`): the shortest paths over the types
// that do not always touch a document (all but MENTIONED_IN, EXTRACTED_FROM, AUTHORED_BY), less
// those through a document still, merged and ranked as queries/connection.cypher does, with the
// evidence of each step's strongest relationship (reference query for
// queries/connection_avoiding.graphql: the same answer).
MATCH (a)
WHERE $from IN ([a.id, a.name] + coalesce(a.aliases, []))
WITH a ORDER BY coalesce(a.verified, false) DESC, a.id LIMIT 1
MATCH (b)
WHERE $to IN ([b.id, b.name] + coalesce(b.aliases, []))
WITH a, b ORDER BY coalesce(b.verified, false) DESC, b.id LIMIT 1
MATCH p = allShortestPaths((a)-[:ADDRESSED_TO|PROPOSES|MENTIONS|OWNED_BY|ADMINISTERED_BY|LOCATED_IN|AFFILIATED_WITH|PART_OF|REPLACES|HAS_THEME|SIMILAR_TO|CITES*..4]-(b))
WHERE a <> b
WITH p WHERE none(n IN nodes(p) WHERE n:Document)
WITH [n IN nodes(p) | n.id] AS key, p
WITH key, collect(DISTINCT p) AS g
UNWIND range(0, size(key) - 2) AS i
UNWIND g AS x
WITH DISTINCT key, g, i, relationships(x)[i] AS r
WITH key, g, i, r, CASE type(r) WHEN 'MENTIONED_IN' THEN 2 WHEN 'MENTIONS' THEN 1 WHEN 'EXTRACTED_FROM' THEN 1
       WHEN 'CITES' THEN 1 WHEN 'HAS_THEME' THEN 1 WHEN 'SIMILAR_TO' THEN 1 ELSE 0 END AS strength
ORDER BY key, i, strength, type(r), r.source
WITH key, g, i, collect(strength) AS strengths,
     collect({type: type(r), startId: startNode(r).id, endId: endNode(r).id, source: r.source, quote: r.quote}) AS rels
ORDER BY key, i
WITH key, g, collect(head(strengths)) AS tiers, collect(head(rels)) AS strongest
ORDER BY size([t IN tiers WHERE t = 2]), size([t IN tiers WHERE t = 1]), size(key), reduce(s = '', id IN key | s + id + '/')
LIMIT 10
RETURN size(tiers) AS length,
       ['SUBSTANTIVE', 'CONTENT', 'CO_MENTION'][reduce(m = 0, t IN tiers | CASE WHEN t > m THEN t ELSE m END)] AS strength,
       [n IN nodes(head(g)) | {kind: labels(n)[0], name: n.name}] AS nodes, strongest AS relationships
