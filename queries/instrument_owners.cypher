// Instruments by name, each with its owners over time (every OWNED_BY with its validity and source,
// by ministry name) and the bodies administering it (by name) (reference query for
// queries/instrument_owners.graphql: the same answer).
MATCH (i:Instrument)
OPTIONAL MATCH (i)-[o:OWNED_BY]->(m:Ministry)
WITH i, o, m ORDER BY m.name, m.id
WITH i, collect(CASE WHEN m IS NULL THEN NULL ELSE {name: m.name, validFrom: o.validFrom, validTo: o.validTo, sourceUrl: o.sourceUrl} END) AS owners
OPTIONAL MATCH (i)-[:ADMINISTERED_BY]->(a)
WITH DISTINCT i, owners, a ORDER BY a.name, a.id
RETURN i.name AS name, i.aliases AS aliases, owners,
       collect(CASE WHEN a IS NULL THEN NULL ELSE {kind: labels(a)[0], name: a.name} END) AS administeredBy
ORDER BY name
