// RDF dataset description: the loaded documents (the named graphs) with their dates.
MATCH (d:Document)
RETURN d.id AS id, d.title AS title, d.name AS name, d.date AS date, d.year AS year
ORDER BY id
