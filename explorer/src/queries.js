// Every query the explorer sends. They are ordinary GraphQL against the public API, written to be
// read: each view's "Open in GraphiQL" link opens the exact query and variables it ran.

export const SEARCH = `
query Search($text: String!, $limit: Int) {
  search(text: $text, limit: $limit) {
    kind
    score
    field
    snippet
    node { id name kind }
  }
}`;

export const LANDING = `
query Landing {
  ministries(sort: [{ name: ASC }], limit: 40) {
    id
    name
    abbreviation
    responsibleFor(limit: 500) {
      measure { id kind }
    }
  }
  documents(sort: [{ title: ASC }], limit: 100) {
    id
    title
    date
    docType
    proposalsCount
    mentionedEntitiesCount
  }
}`;

const EVIDENCE_FIELDS = `type quote start end page method confidence source sourceUrl validFrom validTo basis
      document { id title }`;

export const MINISTRY_MEASURES = `
query MinistryMeasures($id: ID!) {
  ministry(id: $id) {
    id
    name
    nameEn
    abbreviation
    responsibleFor(limit: 1000) {
      basis
      at
      measure { id name kind }
      via { id name kind }
      path { id name kind }
      evidence {
        ${EVIDENCE_FIELDS}
      }
    }
  }
}`;

export const RESPONSIBILITY = `
query Responsibility($id: ID!, $kind: Kind!) {
  entity(id: $id, kind: $kind) {
    id
    name
    kind
    ... on Instrument { responsibleMinistries { ...Chain } }
    ... on Agency { responsibleMinistries { ...Chain } }
    ... on Proposal {
      text
      section
      intent
      modality
      extractedFromConnection(first: 5) {
        edges { node { id title } evidence { quote start end page } }
      }
      responsibleMinistries { ...Chain }
    }
  }
}

fragment Chain on Responsibility {
  basis
  explanation
  at
  ministry { id name abbreviation }
  via { id name kind }
  path { id name kind }
  evidence {
    ${EVIDENCE_FIELDS}
  }
}`;

export const DOCUMENT_TEXT = `
query DocumentText($id: ID!) {
  document(id: $id) {
    id
    name
    title
    date
    docType
    path
    sourceUrl
    text
    mentionedEntitiesConnection(first: 1000) {
      edges { node { id name kind } evidence { start end method confidence } }
    }
    authoredByConnection(first: 50) {
      edges { node { id name kind } evidence { start end method } }
    }
    addressedToConnection(first: 50) {
      edges { node { id name kind } evidence { start end method basis } }
    }
    proposalsConnection(first: 500) {
      totalCount
      edges {
        node {
          id
          name
          kind
          modality
          intent
          mentionsConnection {
            edges { node { id name kind } evidence { start end source } }
          }
          addressedToConnection {
            edges { node { id name kind } evidence { start end source basis } }
          }
          similarConnection(first: 5) {
            edges { node { id name kind extractedFrom { id title name kind } } evidence { score } }
          }
        }
        evidence { start end }
      }
    }
    hasTheme(limit: 50) { id name kind }
  }
}`;

// The schema, asked once: which properties and relationship fields each node kind has (the
// entity view builds its query from it, so it follows the API as the model grows), and the bases
// of responsibility in order, each described as `label: what it means` (the measure and ministry
// views' headings and notes: the API's words, from the rule's declaration).
export const SCHEMA = `
query ExplorerSchema {
  bases: __type(name: "ResponsibilityBasis") {
    enumValues { name description }
  }
  entity: __type(name: "Entity") {
    possibleTypes {
      name
      fields {
        name
        description
        type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
      }
    }
  }
  evidence: __type(name: "Evidence") {
    fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
  }
}`;
