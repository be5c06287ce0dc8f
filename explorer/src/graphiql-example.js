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
