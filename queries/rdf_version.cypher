// RDF validators and the SPARQL endpoint: the loaded documents, their content hashes and the
// extractor version that read them (with the counts, the data's version).
MATCH (d:Document)
RETURN d.id AS id, d.sha256 AS sha256, d.pipelineVersion AS pipelineVersion
ORDER BY id
