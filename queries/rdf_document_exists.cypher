// RDF export: does a document with this id exist?
MATCH (d:Document {id: $id})
RETURN d.id AS id
