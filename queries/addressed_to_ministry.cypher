// Proposals addressed to a ministry ($ministry: id, name or alias), newest document first, with
// the sentence and its place (reference query for queries/addressed_to_ministry.graphql).
MATCH (m:Ministry)
WHERE $ministry IN ([m.id, m.name] + coalesce(m.aliases, []))
MATCH (p:Proposal)-[a:ADDRESSED_TO]->(m)
MATCH (p)-[e:EXTRACTED_FROM]->(d:Document)
WITH d, p, collect(a.basis) AS bases, e
ORDER BY p.text
RETURN d.title AS title, d.date AS date,
       collect({text: p.text, basis: bases, quote: e.quote, start: e.start, end: e.end, page: e.page}) AS proposals
ORDER BY date DESC, title
