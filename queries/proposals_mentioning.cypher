// Proposals mentioning an instrument ($instrument: id, name or alias; a verified one first when
// several match), by proposal name, each with its authors and documents (by name) and the sentence
// (reference query for queries/proposals_mentioning.graphql: the same answer).
MATCH (i:Instrument)
WHERE $instrument IN ([i.id, i.name] + coalesce(i.aliases, []))
WITH i ORDER BY coalesce(i.verified, false) DESC, i.id LIMIT 1
MATCH (p:Proposal)-[r:MENTIONS]->(i)
OPTIONAL MATCH (a)-[:PROPOSES]->(p)
WITH DISTINCT p, r, a ORDER BY a.name, a.id
WITH p, r, collect(a.name) AS authors
OPTIONAL MATCH (p)-[:EXTRACTED_FROM]->(d:Document)
WITH DISTINCT p, r, authors, d ORDER BY d.name, d.id
WITH p, r, authors, collect(d.title) AS documents
OPTIONAL MATCH (src:Document {id: r.source})
RETURN p.text AS text, authors, documents,
       r.quote AS quote, r.start AS start, r.end AS end, r.page AS page, src.title AS source
ORDER BY p.name, p.id
