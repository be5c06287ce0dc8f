// Proposals per instrument they name (most first, then by name), with the owners by name
// (reference query for queries/proposals_per_instrument.graphql: the same answer).
MATCH (p:Proposal)-[:MENTIONS]->(i:Instrument)
WITH i, count(DISTINCT p) AS count
OPTIONAL MATCH (i)-[:OWNED_BY]->(m:Ministry)
WITH DISTINCT i, count, m ORDER BY m.name, m.id
RETURN i.name AS name, collect(m.name) AS owners, count
ORDER BY count DESC, name
