// International examples by name, each with its countries, the proposals naming it whose text
// contains $topic, and the documents mentioning it, each list by name (reference query for
// queries/international_examples.graphql: the same answer on the corpus; GraphQL's `contains` also
// ignores diacritics, which this lower-casing does not).
MATCH (x:InternationalExample)
OPTIONAL MATCH (x)-[:LOCATED_IN]->(c:Country)
WITH DISTINCT x, c ORDER BY c.name, c.id
WITH x, collect(c.name) AS countries
OPTIONAL MATCH (p:Proposal)-[:MENTIONS]->(x)
WHERE toLower(p.text) CONTAINS toLower($topic)
WITH DISTINCT x, countries, p ORDER BY p.name, p.id
WITH x, countries, collect(p.text) AS proposals
OPTIONAL MATCH (x)-[:MENTIONED_IN]->(d:Document)
WITH DISTINCT x, countries, proposals, d ORDER BY d.name, d.id
RETURN x.name AS name, countries, proposals, collect(d.title) AS documents
ORDER BY name
