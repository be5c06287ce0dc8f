// Themes by the number of proposals under them (most first, then by name and id), with the documents
// that have them by name (reference query for queries/themes.graphql: the same answer).
MATCH (p:Proposal)-[:HAS_THEME]->(t:Theme)
WITH t, count(DISTINCT p) AS count
OPTIONAL MATCH (t)<-[:HAS_THEME]-(d:Document)
WITH t, count, d ORDER BY d.name, d.id
WITH t, count, collect(d.title) AS documents
RETURN t.name AS name, documents, count
ORDER BY count DESC, name, t.id
