// Organisations named together with an entity ($name: its id, name or alias): those named in the
// same proposal as it, with those proposals, then those named in the same document, with those
// documents; each part by name, each list by name (reference query for
// queries/named_together.graphql: the same answer on the corpus; GraphQL's `named` also matches
// case- and diacritic-insensitively, which these exact comparisons do not).
MATCH (x) WHERE x.id = $name OR x.name = $name OR $name IN coalesce(x.aliases, [])
MATCH (o:Organisation)<-[:MENTIONS]-(p:Proposal)-[:MENTIONS]->(x)
WITH DISTINCT o, p ORDER BY p.name, p.id
WITH o, collect(p.text) AS items
RETURN 'proposal' AS together, o.name AS name, items
ORDER BY name
UNION ALL
MATCH (x) WHERE x.id = $name OR x.name = $name OR $name IN coalesce(x.aliases, [])
MATCH (o:Organisation)-[:MENTIONED_IN]->(d:Document)<-[:MENTIONED_IN]-(x)
WITH DISTINCT o, d ORDER BY d.name, d.id
WITH o, collect(d.title) AS items
RETURN 'document' AS together, o.name AS name, items
ORDER BY name
