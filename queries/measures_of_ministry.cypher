// Measures a ministry ($ministry) is responsible for, with the basis (reference query for
// queries/measures_of_ministry.graphql); an agency that is part of another counts as owned through it.
MATCH (m:Ministry)
WHERE $ministry IN ([m.id, m.name] + coalesce(m.aliases, []))
OPTIONAL MATCH (v:Proposal)-[r:ADDRESSED_TO]->(m)
WITH m, collect(CASE WHEN v IS NULL THEN NULL ELSE {basis: CASE r.basis WHEN 'named' THEN 'NAMED' ELSE 'ADDRESSEE' END, kind: 'Proposal', measure: v.name} END) AS addressed
OPTIONAL MATCH (v)-[o:OWNED_BY]->(m)
WHERE coalesce(o.validFrom, '') <= $today + '~' AND (coalesce(o.validTo, '9999') + '~') >= $today
WITH m, addressed, collect(CASE WHEN v IS NULL THEN NULL ELSE {basis: 'OWNER', kind: labels(v)[0], measure: v.name} END) AS owned
OPTIONAL MATCH (v:Agency)-[p:PART_OF]->(y:Agency)-[o:OWNED_BY]->(m)
WHERE coalesce(p.validFrom, '') <= $today + '~' AND (coalesce(p.validTo, '9999') + '~') >= $today
  AND coalesce(o.validFrom, '') <= $today + '~' AND (coalesce(o.validTo, '9999') + '~') >= $today
WITH m, addressed, owned, collect(CASE WHEN v IS NULL THEN NULL ELSE {basis: 'OWNER', kind: 'Agency', measure: v.name, via: {kind: 'Agency', name: y.name}} END) AS partOf
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(v:Proposal)-[:MENTIONS]->(x)-[o:OWNED_BY]->(m)
WHERE coalesce(o.validFrom, '') <= coalesce(d.date, $today) + '~' AND (coalesce(o.validTo, '9999') + '~') >= coalesce(d.date, $today)
WITH m, addressed, owned, partOf, collect(DISTINCT CASE WHEN v IS NULL THEN NULL ELSE {basis: 'OWNER', kind: 'Proposal', measure: v.name, via: {kind: labels(x)[0], name: x.name}} END) AS ownedVia
OPTIONAL MATCH (v:Instrument)-[a:ADMINISTERED_BY]->(y:Agency)-[o:OWNED_BY]->(m)
WHERE coalesce(a.validFrom, '') <= $today + '~' AND (coalesce(a.validTo, '9999') + '~') >= $today
  AND coalesce(o.validFrom, '') <= $today + '~' AND (coalesce(o.validTo, '9999') + '~') >= $today
WITH m, addressed, owned, partOf, ownedVia, collect(CASE WHEN v IS NULL THEN NULL ELSE {basis: 'ADMINISTERING_AGENCY', kind: 'Instrument', measure: v.name, via: {kind: 'Agency', name: y.name}} END) AS agency
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(v:Proposal)-[:MENTIONS]->(:Instrument)-[a:ADMINISTERED_BY]->(y:Agency)-[o:OWNED_BY]->(m)
WHERE coalesce(a.validFrom, '') <= coalesce(d.date, $today) + '~' AND (coalesce(a.validTo, '9999') + '~') >= coalesce(d.date, $today)
  AND coalesce(o.validFrom, '') <= coalesce(d.date, $today) + '~' AND (coalesce(o.validTo, '9999') + '~') >= coalesce(d.date, $today)
WITH m, addressed, owned, partOf, ownedVia, agency, collect(DISTINCT CASE WHEN v IS NULL THEN NULL ELSE {basis: 'ADMINISTERING_AGENCY', kind: 'Proposal', measure: v.name, via: {kind: 'Agency', name: y.name}} END) AS agencyVia
RETURN m.name AS ministry, addressed + owned + partOf + ownedVia + agency + agencyVia AS measures
