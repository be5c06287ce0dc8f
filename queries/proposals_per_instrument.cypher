// Proposals per instrument they name, with the owners (reference query for
// queries/proposals_per_instrument.graphql).
MATCH (p:Proposal)-[:MENTIONS]->(i:Instrument)
WITH i, count(DISTINCT p) AS count
OPTIONAL MATCH (i)-[:OWNED_BY]->(m:Ministry)
RETURN i.name AS name, collect(m.name) AS owners, count
ORDER BY count DESC, name
