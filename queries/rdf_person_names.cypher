// RDF export: the names of people, so that exports without people can redact them from quotes.
MATCH (p:Person)
WHERE p.name IS NOT NULL
RETURN DISTINCT p.name AS name
ORDER BY name
