// Shortest paths between two entities ($from, $to: id, name or alias; a verified entity first when
// several match): the shortest over every relationship type and the shortest that do not rest on
// co-mention (MENTIONED_IN), paths through the same nodes merged into one, ranked by their steps'
// strength (a step is as strong as its strongest relationship: substantive 0, content 1 — MENTIONS,
// EXTRACTED_FROM, CITES, HAS_THEME, SIMILAR_TO — co-mention 2): fewest co-mention steps, then fewest
// content steps, then length, then node ids; at most 10, with the evidence of each step's strongest
// relationship (reference query for queries/connection.graphql: the same answer).
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
WITH key, g, i, collect(strength) AS strengths,
     collect({type: type(r), startId: startNode(r).id, endId: endNode(r).id, source: r.source, sourceUrl: r.sourceUrl, quote: r.quote}) AS rels
ORDER BY key, i
WITH key, g, collect(head(strengths)) AS tiers, collect(head(rels)) AS strongest
ORDER BY size([t IN tiers WHERE t = 2]), size([t IN tiers WHERE t = 1]), size(key), reduce(s = '', id IN key | s + id + '/')
LIMIT 10
RETURN size(tiers) AS length,
       [n IN nodes(head(g)) | {kind: labels(n)[0], name: n.name}] AS nodes, strongest AS relationships
