// Proposals a ministry ($ministry: id, name or alias) is responsible for, each with its documents,
// authors and the bases (with the body between) it answers for it on: named in it or addressed,
// owner of an instrument or agency it mentions, owner of the agency administering an instrument it
// mentions, ownership checked at the document's date, else $today; $basis: only these bases (null:
// all) (reference query for queries/proposals_of_ministry.graphql: the same answer).
MATCH (m:Ministry)
WHERE $ministry IN ([m.id, m.name] + coalesce(m.aliases, []))
OPTIONAL MATCH (v:Proposal)-[r:ADDRESSED_TO]->(m)
WHERE coalesce(CASE r.basis WHEN 'named' THEN 'NAMED' ELSE 'ADDRESSEE' END IN $basis, true)
WITH m, v, max(CASE r.basis WHEN 'named' THEN 'NAMED' ELSE 'ADDRESSEE' END) AS basis
WITH m, collect(CASE WHEN v IS NULL THEN NULL
                     ELSE {id: v.id, o: 0, basis: basis, via: null, vn: '', vi: ''} END) AS addressed
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(v:Proposal)-[:MENTIONS]->(x)-[o:OWNED_BY]->(m)
WHERE coalesce(o.validFrom, '') <= coalesce(d.date, $today) + '~'
  AND (coalesce(o.validTo, '9999') + '~') >= coalesce(d.date, $today)
  AND coalesce('OWNER' IN $basis, true)
WITH m, addressed, collect(DISTINCT CASE WHEN v IS NULL THEN NULL
                     ELSE {id: v.id, o: 1, basis: 'OWNER', via: {name: x.name}, vn: x.name, vi: x.id} END) AS owned
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(v:Proposal)-[:MENTIONS]->(x:Instrument)-[a:ADMINISTERED_BY]->(y:Agency)-[o:OWNED_BY]->(m)
WHERE coalesce(a.validFrom, '') <= coalesce(d.date, $today) + '~'
  AND (coalesce(a.validTo, '9999') + '~') >= coalesce(d.date, $today)
  AND coalesce(o.validFrom, '') <= coalesce(d.date, $today) + '~'
  AND (coalesce(o.validTo, '9999') + '~') >= coalesce(d.date, $today)
  AND coalesce('ADMINISTERING_AGENCY' IN $basis, true)
WITH addressed, owned, collect(DISTINCT CASE WHEN v IS NULL THEN NULL
                     ELSE {id: v.id, o: 2, basis: 'ADMINISTERING_AGENCY', via: {name: y.name}, vn: y.name, vi: y.id,
                           x: x.id} END) AS agency
UNWIND addressed + owned + agency AS b
WITH b ORDER BY b.o, b.vn, b.vi
WITH b.id AS id, collect({basis: b.basis, via: b.via}) AS responsibleMinistries
MATCH (v:Proposal {id: id})
OPTIONAL MATCH (v)-[:EXTRACTED_FROM]->(d:Document)
WITH DISTINCT v, responsibleMinistries, d ORDER BY d.name, d.id
WITH v, responsibleMinistries, collect(d.title) AS documents
OPTIONAL MATCH (v)<-[:PROPOSES]-(a)
WITH DISTINCT v, responsibleMinistries, documents, a ORDER BY a.name, a.id
WITH v, responsibleMinistries, documents, collect(a.name) AS authors
RETURN v.text AS text, documents, authors, responsibleMinistries
ORDER BY v.name, v.id
