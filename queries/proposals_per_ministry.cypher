// Proposals per ministry they are addressed to (reference query for proposals_per_ministry.graphql).
MATCH (p:Proposal)-[:ADDRESSED_TO]->(m)
RETURN labels(m)[0] AS kind, m.name AS name, count(DISTINCT p) AS count
ORDER BY count DESC, name
