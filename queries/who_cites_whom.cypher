// Each cited policy document (by name) with what cites it, by name: documents with their authors
// (by name) and proposals (reference query for queries/who_cites_whom.graphql: the same answer).
MATCH (c)-[:CITES]->(pd:PolicyDocument)
WITH DISTINCT pd, c
OPTIONAL MATCH (c)-[:AUTHORED_BY]->(a)
WITH DISTINCT pd, c, a ORDER BY a.name, a.id
WITH pd, c, collect(a.name) AS authors ORDER BY c.name, c.id
RETURN pd.name AS name, count(c) AS citedByCount,
       collect({kind: labels(c)[0], title: c.title, text: CASE WHEN c:Proposal THEN c.text END, authors: authors}) AS citedBy
ORDER BY name
