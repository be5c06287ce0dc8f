// Proposals addressed to a ministry ($ministry: one of its aliases), newest document first (at most
// 10), each with every ministry it is addressed to (name, basis) and the sentence and its place
// (reference query for queries/addressed_to_ministry.graphql: the same answer).
MATCH (m:Ministry)
WHERE $ministry IN coalesce(m.aliases, [])
MATCH (d:Document)<-[e:EXTRACTED_FROM]-(p:Proposal)-[:ADDRESSED_TO]->(m)
WITH DISTINCT d, p, e
OPTIONAL MATCH (p)-[a:ADDRESSED_TO]->(x)
WITH d, p, e, x, a ORDER BY x.name
WITH d, p, e, collect({name: x.name, basis: a.basis}) AS addressedTo
ORDER BY p.name
WITH d, collect({text: p.text, addressedTo: addressedTo, quote: e.quote, start: e.start, end: e.end, page: e.page}) AS proposals
RETURN d.title AS title, d.date AS date, proposals
ORDER BY date DESC, title
LIMIT 10
