// Proposals mentioning an instrument ($instrument: id, name or alias), their authors, documents
// and the sentence (reference query for queries/proposals_mentioning.graphql).
MATCH (i:Instrument)
WHERE $instrument IN ([i.id, i.name] + coalesce(i.aliases, []))
MATCH (p:Proposal)-[r:MENTIONS]->(i)
OPTIONAL MATCH (a)-[:PROPOSES]->(p)
OPTIONAL MATCH (p)-[:EXTRACTED_FROM]->(d:Document)
OPTIONAL MATCH (src:Document {id: r.source})
RETURN p.text AS text, collect(DISTINCT a.name) AS authors, collect(DISTINCT d.title) AS documents,
       r.quote AS quote, r.start AS start, r.end AS end, r.page AS page, src.title AS source
ORDER BY text
