// One page of proposals with a modality, sorted by text, with the total (reference query for
// queries/proposals_page.graphql; $skip is the page offset).
MATCH (p:Proposal)
WHERE p.modality = $modality
WITH p ORDER BY p.text
WITH collect(p) AS ps
UNWIND ps[$skip..$skip + $first] AS p
OPTIONAL MATCH (a)-[:PROPOSES]->(p)
RETURN size(ps) AS totalCount, p.text AS text, p.section AS section, collect(a.name) AS authors
ORDER BY text
