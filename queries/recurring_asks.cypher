// Proposals with a similar proposal in another document (by name, then id), each with its documents,
// the similar proposals (by name, then id) with theirs, the score and the shared words
// (reference query for queries/recurring_asks.graphql: the same answer).
MATCH (p:Proposal)-[r:SIMILAR_TO]->(:Proposal)
WHERE r.score >= $minScore
WITH DISTINCT p
OPTIONAL MATCH (p)-[:EXTRACTED_FROM]->(d:Document)
WITH p, d ORDER BY d.name, d.id
WITH p, collect(d.title) AS documents
MATCH (p)-[r:SIMILAR_TO]->(q:Proposal)
WHERE r.score >= $minScore
OPTIONAL MATCH (q)-[:EXTRACTED_FROM]->(e:Document)
WITH p, documents, r, q, e ORDER BY e.name, e.id
WITH p, documents, r, q, collect(e.title) AS otherDocuments
WITH p, documents, r, q, otherDocuments ORDER BY q.name, q.id
WITH p, documents, collect({text: q.text, documents: otherDocuments, score: r.score, matched: r.matched}) AS similar
RETURN p.text AS text, documents, similar
ORDER BY p.name, p.id
