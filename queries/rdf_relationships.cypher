// RDF export: one page of relationships in (start label, start id, type, end label, end id, source)
// order — the relationship's identity — keyed on the last one of the previous page ($sl, $sid, $t,
// $el, $eid, $src; '' to start). $labels: kinds of the start node; $document: only relationships
// with this source (null: all).
MATCH (a)-[r]->(b)
WHERE labels(a)[0] IN $labels
  AND ($document IS NULL OR r.source = $document)
  AND (labels(a)[0] > $sl OR (labels(a)[0] = $sl AND (a.id > $sid OR (a.id = $sid AND (type(r) > $t
       OR (type(r) = $t AND (labels(b)[0] > $el OR (labels(b)[0] = $el AND (b.id > $eid
       OR (b.id = $eid AND r.source > $src))))))))))
WITH a, r, b
ORDER BY labels(a)[0], a.id, type(r), labels(b)[0], b.id, r.source
LIMIT $limit
RETURN labels(a)[0] AS startLabel, a.id AS startId, type(r) AS type, labels(b)[0] AS endLabel,
       b.id AS endId, properties(r) AS props
ORDER BY startLabel, startId, type, endLabel, endId, props.source
