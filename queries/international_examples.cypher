// International examples with their country, the proposals naming them whose text contains
// $topic, and the documents mentioning them (reference query for international_examples.graphql).
MATCH (x:InternationalExample)
OPTIONAL MATCH (x)-[:LOCATED_IN]->(c:Country)
WITH x, collect(DISTINCT c.name) AS countries
OPTIONAL MATCH (p:Proposal)-[:MENTIONS]->(x)
WHERE toLower(p.text) CONTAINS toLower($topic)
WITH x, countries, collect(DISTINCT p.text) AS proposals
OPTIONAL MATCH (x)-[:MENTIONED_IN]->(d:Document)
RETURN x.name AS name, countries, proposals, collect(DISTINCT d.title) AS documents
ORDER BY name
