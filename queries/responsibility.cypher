// Ministries responsible for a measure (instrument, agency or proposal; $measure: id, name or
// alias), each with its basis, the date it was checked at, the path and the evidence (with the
// document each piece comes from); ownership checked at $at, else the proposal's document date,
// else $today; a link holds if it holds at some time in that year, month or day; an agency that is
// part of another is owned through it (reference query for queries/responsibility.graphql: the
// same answer).
MATCH (v)
WHERE (v:Instrument OR v:Proposal OR v:Agency) AND $measure IN ([v.id, v.name] + coalesce(v.aliases, []))
WITH v, coalesce($at, $today) AS now
OPTIONAL MATCH (v)-[r:ADDRESSED_TO]->(m:Ministry)
WITH v, now, r, m
OPTIONAL MATCH (rd:Document {id: r.source})
WITH v, now, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation},
       basis: CASE r.basis WHEN 'named' THEN 'NAMED' ELSE 'ADDRESSEE' END, at: now, via: null,
       path: [{kind: labels(v)[0], name: v.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(r), source: r.source, sourceUrl: r.sourceUrl, quote: r.quote,
                   validFrom: r.validFrom, validTo: r.validTo, document: rd.title}]} END) AS addressed
OPTIONAL MATCH (v)-[o:OWNED_BY]->(m:Ministry)
WHERE coalesce(o.validFrom, '') <= now + '~' AND (coalesce(o.validTo, '9999') + '~') >= now
WITH v, now, addressed, o, m
OPTIONAL MATCH (od:Document {id: o.source})
WITH v, now, addressed, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation}, basis: 'OWNER', at: now, via: null,
       path: [{kind: labels(v)[0], name: v.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(o), source: o.source, sourceUrl: o.sourceUrl, quote: o.quote,
                   validFrom: o.validFrom, validTo: o.validTo, document: od.title}]} END) AS owned
OPTIONAL MATCH (v:Agency)-[p:PART_OF]->(y:Agency)-[o:OWNED_BY]->(m:Ministry)
WHERE coalesce(p.validFrom, '') <= now + '~' AND (coalesce(p.validTo, '9999') + '~') >= now
  AND coalesce(o.validFrom, '') <= now + '~' AND (coalesce(o.validTo, '9999') + '~') >= now
WITH v, now, addressed, owned, p, y, o, m
OPTIONAL MATCH (pd:Document {id: p.source})
WITH v, now, addressed, owned, p, y, o, m, pd
OPTIONAL MATCH (od:Document {id: o.source})
WITH v, now, addressed, owned, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation}, basis: 'OWNER', at: now,
       via: {kind: 'Agency', name: y.name},
       path: [{kind: 'Agency', name: v.name}, {kind: 'Agency', name: y.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(p), source: p.source, sourceUrl: p.sourceUrl, quote: p.quote,
                   validFrom: p.validFrom, validTo: p.validTo, document: pd.title},
                  {type: type(o), source: o.source, sourceUrl: o.sourceUrl, quote: o.quote,
                   validFrom: o.validFrom, validTo: o.validTo, document: od.title}]} END) AS partOf
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(v)-[r:MENTIONS]->(x)-[o:OWNED_BY]->(m:Ministry)
WHERE coalesce(o.validFrom, '') <= coalesce($at, d.date, $today) + '~'
  AND (coalesce(o.validTo, '9999') + '~') >= coalesce($at, d.date, $today)
WITH v, now, addressed, owned, partOf, d, r, x, o, m
OPTIONAL MATCH (rd:Document {id: r.source})
WITH v, now, addressed, owned, partOf, d, r, x, o, m, rd
OPTIONAL MATCH (od:Document {id: o.source})
WITH v, now, addressed, owned, partOf, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation}, basis: 'OWNER',
       at: coalesce($at, d.date, $today), via: {kind: labels(x)[0], name: x.name},
       path: [{kind: labels(v)[0], name: v.name}, {kind: labels(x)[0], name: x.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(r), source: r.source, sourceUrl: r.sourceUrl, quote: r.quote,
                   validFrom: r.validFrom, validTo: r.validTo, document: rd.title},
                  {type: type(o), source: o.source, sourceUrl: o.sourceUrl, quote: o.quote,
                   validFrom: o.validFrom, validTo: o.validTo, document: od.title}]} END) AS ownedVia
OPTIONAL MATCH (v)-[a:ADMINISTERED_BY]->(y:Agency)-[o:OWNED_BY]->(m:Ministry)
WHERE coalesce(a.validFrom, '') <= now + '~' AND (coalesce(a.validTo, '9999') + '~') >= now
  AND coalesce(o.validFrom, '') <= now + '~' AND (coalesce(o.validTo, '9999') + '~') >= now
WITH v, now, addressed, owned, partOf, ownedVia, a, y, o, m
OPTIONAL MATCH (ad:Document {id: a.source})
WITH v, now, addressed, owned, partOf, ownedVia, a, y, o, m, ad
OPTIONAL MATCH (od:Document {id: o.source})
WITH v, now, addressed, owned, partOf, ownedVia, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation}, basis: 'ADMINISTERING_AGENCY',
       at: now, via: {kind: 'Agency', name: y.name},
       path: [{kind: labels(v)[0], name: v.name}, {kind: 'Agency', name: y.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(a), source: a.source, sourceUrl: a.sourceUrl, quote: a.quote,
                   validFrom: a.validFrom, validTo: a.validTo, document: ad.title},
                  {type: type(o), source: o.source, sourceUrl: o.sourceUrl, quote: o.quote,
                   validFrom: o.validFrom, validTo: o.validTo, document: od.title}]} END) AS agency
RETURN {kind: labels(v)[0], name: v.name} AS measure, addressed + owned + partOf + ownedVia + agency AS ministries
ORDER BY measure.name
