// Each cited policy document with the documents (and their authors) and proposals citing it
// (reference query for queries/who_cites_whom.graphql).
MATCH (c)-[:CITES]->(pd:PolicyDocument)
OPTIONAL MATCH (c)-[:AUTHORED_BY]->(a)
WITH pd, c, collect(a.name) AS authors
RETURN pd.name AS name, count(c) AS citedByCount,
       collect({kind: labels(c)[0], title: c.title, text: CASE WHEN c:Proposal THEN c.text END, authors: authors}) AS citedBy
ORDER BY name
