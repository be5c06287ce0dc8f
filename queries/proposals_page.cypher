// One page of proposals with a modality, sorted by text, with the total and each proposal's
// authors by name (reference query for queries/proposals_page.graphql: the same answer; $skip is
// the page offset).
MATCH (p:Proposal)
WHERE p.modality = $modality
WITH p ORDER BY p.text, p.id
WITH collect(p) AS ps
WITH size(ps) AS totalCount, ps[$skip..$skip + $first] AS page
UNWIND page AS p
OPTIONAL MATCH (a)-[:PROPOSES]->(p)
WITH DISTINCT totalCount, p, a ORDER BY a.name, a.id
RETURN totalCount, p.text AS text, p.section AS section, collect(a.name) AS authors
ORDER BY text
