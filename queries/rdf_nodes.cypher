// RDF export: one page of nodes in (label, id) order, without their relationships.
// $labels: the kinds to export; $afterLabel, $afterId: the last node of the previous page ('' to start);
// $limit: page size. Big text (a document's full text, the full-text index field) is not read.
MATCH (n)
WHERE labels(n)[0] IN $labels
  AND (labels(n)[0] > $afterLabel OR (labels(n)[0] = $afterLabel AND n.id > $afterId))
WITH n
ORDER BY labels(n)[0], n.id
LIMIT $limit
RETURN labels(n)[0] AS label, n.id AS id,
       CASE WHEN labels(n)[0] = 'Document' THEN n {.*, text: null, searchText: null}
            ELSE n {.*, searchText: null} END AS props
ORDER BY label, id
