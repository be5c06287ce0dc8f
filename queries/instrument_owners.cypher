// Instruments with their owners over time and administrators (reference query for
// queries/instrument_owners.graphql).
MATCH (i:Instrument)
OPTIONAL MATCH (i)-[o:OWNED_BY]->(m:Ministry)
WITH i, collect(CASE WHEN m IS NULL THEN NULL ELSE {name: m.name, validFrom: o.validFrom, validTo: o.validTo, sourceUrl: o.sourceUrl} END) AS owners
OPTIONAL MATCH (i)-[:ADMINISTERED_BY]->(a)
RETURN i.name AS name, i.aliases AS aliases, owners, collect({kind: labels(a)[0], name: a.name}) AS administeredBy
ORDER BY name
