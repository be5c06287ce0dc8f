// RDF resource description: relationships pointing at one node (by label and id), at most $limit.
MATCH (m)-[r]->(n)
WHERE labels(n)[0] = $label AND n.id = $id
RETURN type(r) AS type, labels(m)[0] AS startLabel, m.id AS startId, m.name AS startName,
       r.source AS source
ORDER BY type, startLabel, startId, source
LIMIT $limit
