// RDF resource description: one node (by label and id) with its outgoing relationships and the
// names of the nodes they point at.
MATCH (n)
WHERE labels(n)[0] = $label AND n.id = $id
OPTIONAL MATCH (n)-[r]->(m)
WITH n, collect(CASE WHEN r IS NULL THEN NULL
                     ELSE {type: type(r), endLabel: labels(m)[0], endId: m.id, endName: m.name,
                           props: properties(r)} END) AS rels
RETURN labels(n)[0] AS label,
       CASE WHEN labels(n)[0] = 'Document' THEN n {.*, text: null, searchText: null}
            ELSE n {.*, searchText: null} END AS props,
       rels
