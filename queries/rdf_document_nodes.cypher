// RDF export of one source document: one page of the nodes that are that document ($document) or
// touch one of its facts, in (label, id) order; otherwise as rdf_nodes.
MATCH (n)
WHERE labels(n)[0] IN $labels
  AND (labels(n)[0] > $afterLabel OR (labels(n)[0] = $afterLabel AND n.id > $afterId))
WITH n, size([(n)-[q]-() WHERE q.source = $document | q.source]) AS facts
WHERE facts > 0 OR (labels(n)[0] = 'Document' AND n.id = $document)
WITH n
ORDER BY labels(n)[0], n.id
LIMIT $limit
RETURN labels(n)[0] AS label, n.id AS id,
       CASE WHEN labels(n)[0] = 'Document' THEN n {.*, text: null, searchText: null}
            ELSE n {.*, searchText: null} END AS props
ORDER BY label, id
