// The query GraphiQL opens with (its first tab, until the user's own tabs are stored). The build
// writes it to api/static/explorer/queries.json (GRAPHIQL_EXAMPLE) so the Python tests validate it
// against the schema; the browser test runs it and expects Nærings- og fiskeridepartementet.
export const EXAMPLE_QUERY = `# helsegraf: health-industry policy as a graph.
#
# Run: the ▶ button, or Ctrl-Enter (⌘-Enter).
# Complete fields and arguments: Ctrl-Space.
# Every type and field: Docs (book icon, left).
# Relationships carry evidence: document, quote.
# More: queries/*.graphql in the repository.
# A name that matches nothing is an error saying
# what it is instead, or the closest names; a list
# cut by the default page (100) says so under
# extensions.notices.
#
# Which ministries are responsible for
# Investinor, why (basis), through what (path),
# and on what evidence? How many measures does
# NFD answer for on each basis, and which
# proposals as owner of what they mention?
query Responsibility {
  responsibility(measure: "Investinor") {
    ministry { name abbreviation }
    basis
    via { kind name }
    path { kind name }
    evidence { type source quote document { title } }
  }
  ministry(name: "NFD") {
    responsibleForByBasis { basis count }
  }
  proposals(where: {responsibleMinistries: {name: "NFD", basis: [OWNER]}}) {
    text
    responsibleMinistries(ministry: "NFD") { basis via { name } }
  }
}
`;

// GraphiQL's further tabs (defaultTabs, also only until the user's own tabs are stored): search,
// asks repeated across documents, a connection that means something. The build writes them to
// queries.json (GRAPHIQL_TAB_2 ...), validated against the schema like the example.
export const EXAMPLE_TABS = [
  { query: EXAMPLE_QUERY },
  {
    query: `# Search: words AND by default, OR, "phrases",
# prefix*; inflections and compounds match
# (helseregistre finds registre). Documents'
# text is searched too (snippet, start, end).
# Search takes the filters lists have: kinds,
# document, author, ministry. A search that
# finds nothing offers the closest names under
# extensions.notices (try "SkateFUNN").
query Search {
  search(text: "\\"kliniske studier\\" OR helsedata", kinds: [Proposal], author: "LMI", limit: 10) {
    kind
    snippet
    node { id ... on Proposal { text intent extractedFrom { title } } }
  }
}
`,
  },
  {
    query: `# Asks repeated across documents: proposals
# with a similar proposal in another document
# (score and the words they share), and the
# themes proposals are grouped into.
query RecurringAsks {
  proposals(where: {similar: {edge: {score: {gte: 0.35}}, count: {gte: 1}}}, limit: 20) {
    text
    extractedFrom { title }
    similarConnection(edge: {score: {gte: 0.35}}) {
      edges { node { text extractedFrom { title } } evidence { score matched } }
    }
  }
  themes(limit: 10) { name }
}
`,
  },
  {
    query: `# The shortest meaningful connection: avoid
# kinds of node (here documents, so no path
# through "both named in the same document") or
# relationship types; parallel relationships
# are merged into one step.
query Connection {
  connection(from: "Legemiddelindustrien", to: "Forskningsrådet", maxLength: 4, avoidKinds: [Document]) {
    length
    strength
    nodes { kind name }
    relationships { type evidence { source quote } }
  }
}
`,
  },
];
