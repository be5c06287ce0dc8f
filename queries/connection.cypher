// Shortest paths between two entities ($from, $to: id, name or alias; a verified entity first when
// several match) with the evidence of each relationship; at most 10 paths, in the order of their
// node ids (reference query for queries/connection.graphql: the same answer).
MATCH (a)
WHERE $from IN ([a.id, a.name] + coalesce(a.aliases, []))
WITH a ORDER BY coalesce(a.verified, false) DESC, a.id LIMIT 1
MATCH (b)
WHERE $to IN ([b.id, b.name] + coalesce(b.aliases, []))
WITH a, b ORDER BY coalesce(b.verified, false) DESC, b.id LIMIT 1
MATCH p = allShortestPaths((a)-[*..4]-(b))
WHERE a <> b
WITH p ORDER BY reduce(s = '', n IN nodes(p) | s + n.id + '/') LIMIT 10
RETURN length(p) AS length, [n IN nodes(p) | {kind: labels(n)[0], name: n.name}] AS nodes,
       [r IN relationships(p) | {type: type(r), startId: startNode(r).id, endId: endNode(r).id, source: r.source, sourceUrl: r.sourceUrl, quote: r.quote}] AS relationships
