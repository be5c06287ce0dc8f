// Ministries responsible for a measure (instrument, agency or proposal; $measure: id, name or
// alias), each with its basis, the path and the evidence; ownership checked at $at, else the
// proposal's document date, else $today (reference query for queries/responsibility.graphql).
MATCH (v)
WHERE (v:Instrument OR v:Proposal OR v:Agency) AND $measure IN ([v.id, v.name] + coalesce(v.aliases, []))
OPTIONAL MATCH (v)-[r:ADDRESSED_TO]->(m:Ministry)
WITH v, collect(CASE WHEN m IS NULL THEN NULL ELSE {ministry: m.name, basis: CASE r.basis WHEN 'named' THEN 'NAMED' ELSE 'ADDRESSEE' END, path: [v.name, m.name], evidence: [{type: type(r), source: r.source, quote: r.quote}]} END) AS addressed
OPTIONAL MATCH (v)-[o:OWNED_BY]->(m:Ministry)
WHERE coalesce(o.validFrom, '') <= coalesce($at, $today) AND (coalesce(o.validTo, '9999') + '~') >= coalesce($at, $today)
WITH v, addressed, collect(CASE WHEN m IS NULL THEN NULL ELSE {ministry: m.name, basis: 'OWNER', path: [v.name, m.name], evidence: [{type: type(o), source: o.source, sourceUrl: o.sourceUrl, validFrom: o.validFrom, validTo: o.validTo}]} END) AS owned
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(v)-[r:MENTIONS]->(x)-[o:OWNED_BY]->(m:Ministry)
WHERE coalesce(o.validFrom, '') <= coalesce($at, d.date, $today) AND (coalesce(o.validTo, '9999') + '~') >= coalesce($at, d.date, $today)
WITH v, addressed, owned, collect(CASE WHEN m IS NULL THEN NULL ELSE {ministry: m.name, basis: 'OWNER', via: x.name, path: [v.name, x.name, m.name], evidence: [{type: type(r), source: r.source, quote: r.quote}, {type: type(o), source: o.source, sourceUrl: o.sourceUrl}]} END) AS ownedVia
OPTIONAL MATCH (v)-[a:ADMINISTERED_BY]->(y:Agency)-[o:OWNED_BY]->(m:Ministry)
WHERE coalesce(a.validFrom, '') <= coalesce($at, $today) AND (coalesce(a.validTo, '9999') + '~') >= coalesce($at, $today)
  AND coalesce(o.validFrom, '') <= coalesce($at, $today) AND (coalesce(o.validTo, '9999') + '~') >= coalesce($at, $today)
WITH v, addressed, owned, ownedVia, collect(CASE WHEN m IS NULL THEN NULL ELSE {ministry: m.name, basis: 'ADMINISTERING_AGENCY', via: y.name, path: [v.name, y.name, m.name], evidence: [{type: type(a), source: a.source, sourceUrl: a.sourceUrl}, {type: type(o), source: o.source, sourceUrl: o.sourceUrl}]} END) AS agency
RETURN v.name AS measure, labels(v)[0] AS kind, addressed + owned + ownedVia + agency AS ministries
ORDER BY measure
