// The connections between two entities ($from, $to: id, name or alias; a verified entity first), as
// queries/connection.cypher finds and ranks them (every type and without co-mention, paths through
// the same nodes merged, fewest co-mention steps, then content steps, then length, then node ids),
// each step with its types and every relationship between its two nodes, strongest first
// (substantive 0, content 1, co-mention 2), and the path's strength, its weakest step's
// (reference query for queries/connection_meaningful.graphql: the same answer).
MATCH (a)
WHERE $from IN ([a.id, a.name] + coalesce(a.aliases, []))
WITH a ORDER BY coalesce(a.verified, false) DESC, a.id LIMIT 1
MATCH (b)
WHERE $to IN ([b.id, b.name] + coalesce(b.aliases, []))
WITH a, b ORDER BY coalesce(b.verified, false) DESC, b.id LIMIT 1
MATCH p = allShortestPaths((a)-[*..4]-(b))
WHERE a <> b
WITH a, b, collect(p) AS ps
OPTIONAL MATCH q = allShortestPaths((a)-[:EXTRACTED_FROM|AUTHORED_BY|ADDRESSED_TO|PROPOSES|MENTIONS|OWNED_BY|ADMINISTERED_BY|LOCATED_IN|AFFILIATED_WITH|PART_OF|REPLACES|HAS_THEME|SIMILAR_TO|CITES*..4]-(b))
WITH ps, collect(q) AS qs
UNWIND ps + qs AS p
WITH [n IN nodes(p) | n.id] AS key, p
WITH key, collect(DISTINCT p) AS g
UNWIND range(0, size(key) - 2) AS i
UNWIND g AS x
WITH DISTINCT key, g, i, relationships(x)[i] AS r
WITH key, g, i, r, CASE type(r) WHEN 'MENTIONED_IN' THEN 2 WHEN 'MENTIONS' THEN 1 WHEN 'EXTRACTED_FROM' THEN 1
       WHEN 'CITES' THEN 1 WHEN 'HAS_THEME' THEN 1 WHEN 'SIMILAR_TO' THEN 1 ELSE 0 END AS strength
ORDER BY key, i, strength, type(r), r.source
WITH key, g, i, collect(strength) AS strengths, collect(DISTINCT type(r)) AS types,
     collect({type: type(r), source: r.source, quote: r.quote}) AS rels
ORDER BY key, i
WITH key, g, collect(head(strengths)) AS tiers,
     collect({types: types, strength: ['SUBSTANTIVE', 'CONTENT', 'CO_MENTION'][head(strengths)], relationships: rels}) AS steps
ORDER BY size([t IN tiers WHERE t = 2]), size([t IN tiers WHERE t = 1]), size(key), reduce(s = '', id IN key | s + id + '/')
LIMIT 10
RETURN size(tiers) AS length,
       ['SUBSTANTIVE', 'CONTENT', 'CO_MENTION'][reduce(m = 0, t IN tiers | CASE WHEN t > m THEN t ELSE m END)] AS strength,
       [n IN nodes(head(g)) | {kind: labels(n)[0], name: n.name}] AS nodes, steps
