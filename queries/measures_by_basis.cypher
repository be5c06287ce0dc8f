// How many distinct measures a ministry ($ministry: id, name or alias) is responsible for on each
// basis, all of them and the proposals alone; ownership checked at $at, else the proposal's
// document date, else $today (reference query for queries/measures_by_basis.graphql: the same answer).
MATCH (m:Ministry)
WHERE $ministry IN ([m.id, m.name] + coalesce(m.aliases, []))
WITH m, coalesce($at, $today) AS now
OPTIONAL MATCH (v:Proposal)-[r:ADDRESSED_TO]->(m)
WITH m, now, collect(CASE WHEN v IS NULL THEN NULL ELSE {basis: CASE r.basis WHEN 'named' THEN 'NAMED' ELSE 'ADDRESSEE' END, kind: 'Proposal', id: v.id} END) AS addressed
OPTIONAL MATCH (v)-[o:OWNED_BY]->(m)
WHERE coalesce(o.validFrom, '') <= now + '~' AND (coalesce(o.validTo, '9999') + '~') >= now
WITH m, now, addressed, collect(CASE WHEN v IS NULL THEN NULL ELSE {basis: 'OWNER', kind: labels(v)[0], id: v.id} END) AS owned
OPTIONAL MATCH (v:Agency)-[p:PART_OF]->(:Agency)-[o:OWNED_BY]->(m)
WHERE coalesce(p.validFrom, '') <= now + '~' AND (coalesce(p.validTo, '9999') + '~') >= now
  AND coalesce(o.validFrom, '') <= now + '~' AND (coalesce(o.validTo, '9999') + '~') >= now
WITH m, now, addressed, owned, collect(CASE WHEN v IS NULL THEN NULL ELSE {basis: 'OWNER', kind: 'Agency', id: v.id} END) AS partOf
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(v:Proposal)-[:MENTIONS]->()-[o:OWNED_BY]->(m)
WHERE coalesce(o.validFrom, '') <= coalesce($at, d.date, $today) + '~'
  AND (coalesce(o.validTo, '9999') + '~') >= coalesce($at, d.date, $today)
WITH m, now, addressed, owned, partOf, collect(CASE WHEN v IS NULL THEN NULL ELSE {basis: 'OWNER', kind: 'Proposal', id: v.id} END) AS ownedVia
OPTIONAL MATCH (v:Instrument)-[a:ADMINISTERED_BY]->(:Agency)-[o:OWNED_BY]->(m)
WHERE coalesce(a.validFrom, '') <= now + '~' AND (coalesce(a.validTo, '9999') + '~') >= now
  AND coalesce(o.validFrom, '') <= now + '~' AND (coalesce(o.validTo, '9999') + '~') >= now
WITH m, now, addressed, owned, partOf, ownedVia, collect(CASE WHEN v IS NULL THEN NULL ELSE {basis: 'ADMINISTERING_AGENCY', kind: 'Instrument', id: v.id} END) AS agency
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(v:Proposal)-[:MENTIONS]->(:Instrument)-[a:ADMINISTERED_BY]->(:Agency)-[o:OWNED_BY]->(m)
WHERE coalesce(a.validFrom, '') <= coalesce($at, d.date, $today) + '~'
  AND (coalesce(a.validTo, '9999') + '~') >= coalesce($at, d.date, $today)
  AND coalesce(o.validFrom, '') <= coalesce($at, d.date, $today) + '~'
  AND (coalesce(o.validTo, '9999') + '~') >= coalesce($at, d.date, $today)
WITH m, addressed, owned, partOf, ownedVia, agency, collect(CASE WHEN v IS NULL THEN NULL ELSE {basis: 'ADMINISTERING_AGENCY', kind: 'Proposal', id: v.id} END) AS agencyVia
WITH m, addressed + owned + partOf + ownedVia + agency + agencyVia AS measures
UNWIND ['NAMED', 'ADDRESSEE', 'OWNER', 'ADMINISTERING_AGENCY'] AS basis
RETURN m.name AS ministry, basis,
       size(reduce(ids = [], x IN measures | CASE WHEN x.basis = basis AND NOT x.id IN ids THEN ids + [x.id] ELSE ids END)) AS measures,
       size(reduce(ids = [], x IN measures | CASE WHEN x.basis = basis AND x.kind = 'Proposal' AND NOT x.id IN ids THEN ids + [x.id] ELSE ids END)) AS proposals
