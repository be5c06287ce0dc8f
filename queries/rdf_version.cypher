// SPARQL endpoint: the loaded documents and their content hashes (with the counts, the data's version).
MATCH (d:Document)
RETURN d.id AS id, d.sha256 AS sha256
ORDER BY id
