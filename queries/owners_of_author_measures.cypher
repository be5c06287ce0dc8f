// For each proposal of an author ($author) naming an instrument or agency: the ministries
// owning it directly or through the administering agency, valid at the document date
// (reference query for queries/owners_of_author_measures.graphql).
MATCH (o:Organisation)
WHERE $author IN ([o.id, o.name] + coalesce(o.aliases, []))
MATCH (o)-[:PROPOSES]->(p:Proposal)-[:MENTIONS]->(e)
WHERE e:Instrument OR e:Agency
WITH DISTINCT p
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(p)-[:MENTIONS]->(x)-[ob:OWNED_BY]->(m:Ministry)
WHERE coalesce(ob.validFrom, '') <= coalesce(d.date, $today) + '~' AND (coalesce(ob.validTo, '9999') + '~') >= coalesce(d.date, $today)
WITH p, collect(DISTINCT CASE WHEN m IS NULL THEN NULL ELSE {ministry: m.name, basis: 'OWNER', via: {kind: labels(x)[0], name: x.name}} END) AS owners
OPTIONAL MATCH (d:Document)<-[:EXTRACTED_FROM]-(p)-[:MENTIONS]->(:Instrument)-[ad:ADMINISTERED_BY]->(y:Agency)-[ob:OWNED_BY]->(m:Ministry)
WHERE coalesce(ad.validFrom, '') <= coalesce(d.date, $today) + '~' AND (coalesce(ad.validTo, '9999') + '~') >= coalesce(d.date, $today)
  AND coalesce(ob.validFrom, '') <= coalesce(d.date, $today) + '~' AND (coalesce(ob.validTo, '9999') + '~') >= coalesce(d.date, $today)
WITH p, owners, collect(DISTINCT CASE WHEN m IS NULL THEN NULL ELSE {ministry: m.name, basis: 'ADMINISTERING_AGENCY', via: {kind: 'Agency', name: y.name}} END) AS agencies
RETURN p.text AS text, owners + agencies AS ministries
ORDER BY text
