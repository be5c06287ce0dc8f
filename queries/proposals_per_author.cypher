// Proposals per author (reference query for queries/proposals_per_author.graphql).
MATCH (a)-[:PROPOSES]->(p:Proposal)
RETURN labels(a)[0] AS kind, a.name AS name, count(DISTINCT p) AS count
ORDER BY count DESC, name
