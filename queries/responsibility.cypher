// Ministries responsible for a measure (instrument, agency or proposal; $measure: id, name or
// alias), each with its basis, the date it was checked at, the path and the evidence (with the
// document each piece comes from); ownership checked at $at, else the proposal's document date,
// else $today; a link holds if it holds at some time in that year, month or day (reference query
// for queries/responsibility.graphql: the same answer).
// Written from schema/responsibility.py by graph/responsibility.py: do not edit, run
// `python -m graph.responsibility --write` (a test keeps the two equal). One block per path, in
// basis order.
MATCH (v)
WHERE (v:Instrument OR v:Proposal OR v:Agency) AND $measure IN ([v.id, v.name] + coalesce(v.aliases, []))
WITH v, coalesce($at, $today) AS now
// addressed: NAMED if r1.basis = 'named' (the proposal names the ministry), else ADDRESSEE (the
// document the proposal comes from is addressed to the ministry)
OPTIONAL MATCH (v:Proposal)-[r1:ADDRESSED_TO]->(m:Ministry)
WITH v, now, r1, m
OPTIONAL MATCH (src1:Document {id: r1.source})
WITH v, now, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation},
       basis: CASE r1.basis WHEN 'named' THEN 'NAMED' ELSE 'ADDRESSEE' END, at: now, via: null,
       path: [{kind: labels(v)[0], name: v.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(r1), source: r1.source, sourceUrl: r1.sourceUrl, quote: r1.quote,
                   validFrom: r1.validFrom, validTo: r1.validTo, document: src1.title}]} END) AS addressed
// owned: OWNER: the ministry owns the instrument or agency
OPTIONAL MATCH (v)-[r1:OWNED_BY]->(m:Ministry)
WHERE coalesce(r1.validFrom, '') <= now + '~' AND (coalesce(r1.validTo, '9999') + '~') >= now
WITH v, now, addressed, r1, m
OPTIONAL MATCH (src1:Document {id: r1.source})
WITH v, now, addressed, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation},
       basis: 'OWNER', at: now, via: null,
       path: [{kind: labels(v)[0], name: v.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(r1), source: r1.source, sourceUrl: r1.sourceUrl, quote: r1.quote,
                   validFrom: r1.validFrom, validTo: r1.validTo, document: src1.title}]} END) AS owned
// partOf: OWNER: the ministry owns the body the agency is part of
OPTIONAL MATCH (v:Agency)-[r1:PART_OF]->(y:Agency)-[r2:OWNED_BY]->(m:Ministry)
WHERE coalesce(r1.validFrom, '') <= now + '~' AND (coalesce(r1.validTo, '9999') + '~') >= now
  AND coalesce(r2.validFrom, '') <= now + '~' AND (coalesce(r2.validTo, '9999') + '~') >= now
WITH v, now, addressed, owned, r1, y, r2, m
OPTIONAL MATCH (src1:Document {id: r1.source})
WITH v, now, addressed, owned, r1, y, r2, m, src1
OPTIONAL MATCH (src2:Document {id: r2.source})
WITH v, now, addressed, owned, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation},
       basis: 'OWNER', at: now, via: {kind: 'Agency', name: y.name},
       path: [{kind: labels(v)[0], name: v.name}, {kind: 'Agency', name: y.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(r1), source: r1.source, sourceUrl: r1.sourceUrl, quote: r1.quote,
                   validFrom: r1.validFrom, validTo: r1.validTo, document: src1.title},
                  {type: type(r2), source: r2.source, sourceUrl: r2.sourceUrl, quote: r2.quote,
                   validFrom: r2.validFrom, validTo: r2.validTo, document: src2.title}]} END) AS partOf
// ownedVia: OWNER: the proposal mentions an instrument or agency the ministry owns (at the
// document's date)
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(v)-[r1:MENTIONS]->(x)-[r2:OWNED_BY]->(m:Ministry)
WHERE coalesce(r2.validFrom, '') <= coalesce($at, d.date, $today) + '~'
  AND (coalesce(r2.validTo, '9999') + '~') >= coalesce($at, d.date, $today)
WITH v, now, addressed, owned, partOf, d, r1, x, r2, m
OPTIONAL MATCH (src1:Document {id: r1.source})
WITH v, now, addressed, owned, partOf, d, r1, x, r2, m, src1
OPTIONAL MATCH (src2:Document {id: r2.source})
WITH v, now, addressed, owned, partOf, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation},
       basis: 'OWNER', at: coalesce($at, d.date, $today), via: {kind: labels(x)[0], name: x.name},
       path: [{kind: labels(v)[0], name: v.name}, {kind: labels(x)[0], name: x.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(r1), source: r1.source, sourceUrl: r1.sourceUrl, quote: r1.quote,
                   validFrom: r1.validFrom, validTo: r1.validTo, document: src1.title},
                  {type: type(r2), source: r2.source, sourceUrl: r2.sourceUrl, quote: r2.quote,
                   validFrom: r2.validFrom, validTo: r2.validTo, document: src2.title}]} END) AS ownedVia
// agency: ADMINISTERING_AGENCY: the ministry owns the agency that administers the instrument
OPTIONAL MATCH (v)-[r1:ADMINISTERED_BY]->(y:Agency)-[r2:OWNED_BY]->(m:Ministry)
WHERE coalesce(r1.validFrom, '') <= now + '~' AND (coalesce(r1.validTo, '9999') + '~') >= now
  AND coalesce(r2.validFrom, '') <= now + '~' AND (coalesce(r2.validTo, '9999') + '~') >= now
WITH v, now, addressed, owned, partOf, ownedVia, r1, y, r2, m
OPTIONAL MATCH (src1:Document {id: r1.source})
WITH v, now, addressed, owned, partOf, ownedVia, r1, y, r2, m, src1
OPTIONAL MATCH (src2:Document {id: r2.source})
WITH v, now, addressed, owned, partOf, ownedVia, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation},
       basis: 'ADMINISTERING_AGENCY', at: now, via: {kind: 'Agency', name: y.name},
       path: [{kind: labels(v)[0], name: v.name}, {kind: 'Agency', name: y.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(r1), source: r1.source, sourceUrl: r1.sourceUrl, quote: r1.quote,
                   validFrom: r1.validFrom, validTo: r1.validTo, document: src1.title},
                  {type: type(r2), source: r2.source, sourceUrl: r2.sourceUrl, quote: r2.quote,
                   validFrom: r2.validFrom, validTo: r2.validTo, document: src2.title}]} END) AS agency
// agencyVia: ADMINISTERING_AGENCY: the proposal mentions an instrument administered by an agency
// the ministry owns (at the document's date)
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(v)-[r1:MENTIONS]->(x:Instrument)-[r2:ADMINISTERED_BY]->(y:Agency)-[r3:OWNED_BY]->(m:Ministry)
WHERE coalesce(r2.validFrom, '') <= coalesce($at, d.date, $today) + '~'
  AND (coalesce(r2.validTo, '9999') + '~') >= coalesce($at, d.date, $today)
  AND coalesce(r3.validFrom, '') <= coalesce($at, d.date, $today) + '~'
  AND (coalesce(r3.validTo, '9999') + '~') >= coalesce($at, d.date, $today)
WITH v, now, addressed, owned, partOf, ownedVia, agency, d, r1, x, r2, y, r3, m
OPTIONAL MATCH (src1:Document {id: r1.source})
WITH v, now, addressed, owned, partOf, ownedVia, agency, d, r1, x, r2, y, r3, m, src1
OPTIONAL MATCH (src2:Document {id: r2.source})
WITH v, now, addressed, owned, partOf, ownedVia, agency, d, r1, x, r2, y, r3, m, src1, src2
OPTIONAL MATCH (src3:Document {id: r3.source})
WITH v, now, addressed, owned, partOf, ownedVia, agency, collect(CASE WHEN m IS NULL THEN NULL ELSE {
       ministry: {name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation},
       basis: 'ADMINISTERING_AGENCY', at: coalesce($at, d.date, $today), via: {kind: 'Agency', name: y.name},
       path: [{kind: labels(v)[0], name: v.name}, {kind: 'Instrument', name: x.name}, {kind: 'Agency', name: y.name}, {kind: 'Ministry', name: m.name}],
       evidence: [{type: type(r1), source: r1.source, sourceUrl: r1.sourceUrl, quote: r1.quote,
                   validFrom: r1.validFrom, validTo: r1.validTo, document: src1.title},
                  {type: type(r2), source: r2.source, sourceUrl: r2.sourceUrl, quote: r2.quote,
                   validFrom: r2.validFrom, validTo: r2.validTo, document: src2.title},
                  {type: type(r3), source: r3.source, sourceUrl: r3.sourceUrl, quote: r3.quote,
                   validFrom: r3.validFrom, validTo: r3.validTo, document: src3.title}]} END) AS agencyVia
RETURN {kind: labels(v)[0], name: v.name} AS measure, addressed + owned + partOf + ownedVia + agency + agencyVia AS ministries
ORDER BY measure.name
