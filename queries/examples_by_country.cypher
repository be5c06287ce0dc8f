// International examples per country (reference query for queries/examples_by_country.graphql).
MATCH (x:InternationalExample)-[:LOCATED_IN]->(c:Country)
WITH c, x ORDER BY x.name
RETURN c.name AS country, collect(DISTINCT x.name) AS examples
ORDER BY country
