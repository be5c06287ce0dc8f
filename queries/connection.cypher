// Shortest paths between two entities ($from, $to: id, name or alias) with the evidence of each
// relationship (reference query for queries/connection.graphql).
MATCH (a)
WHERE $from IN ([a.id, a.name] + coalesce(a.aliases, []))
WITH a LIMIT 1
MATCH (b)
WHERE $to IN ([b.id, b.name] + coalesce(b.aliases, []))
WITH a, b LIMIT 1
MATCH p = allShortestPaths((a)-[*..4]-(b))
RETURN length(p) AS length, [n IN nodes(p) | {kind: labels(n)[0], name: n.name}] AS nodes,
       [r IN relationships(p) | {type: type(r), startId: startNode(r).id, endId: endNode(r).id, source: r.source, sourceUrl: r.sourceUrl, quote: r.quote}] AS relationships
