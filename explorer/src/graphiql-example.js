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
#
# Which ministries are responsible for
# Investinor, why (basis), through what (path),
# and on what evidence?
query Responsibility {
  responsibility(measure: "Investinor") {
    ministry { name abbreviation }
    basis
    via { kind name }
    path { kind name }
    evidence { type source quote document { title } }
  }
}
`;
