// GraphiQL for GET /graphql (a browser without ?query=), self-hosted: React, GraphiQL 4 (CodeMirror 5,
// no Monaco, no web workers) and its CSS are bundled by esbuild into api/static/explorer/graphiql.*;
// nothing is loaded from a CDN. Queries go to POST /graphql through gql.js, like the explorer's.
//
// The explorer's "Open this query in GraphiQL" links add ?q= (the query) and ?variables= (JSON);
// those open in a tab of their own. Without them the tabs are EXAMPLE_TABS (EXAMPLE_QUERY first).
import { createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { postGraphQL } from './gql.js';
import { EXAMPLE_QUERY, EXAMPLE_TABS } from './graphiql-example.js';

// GraphiQL's fetcher: the JSON body of POST /graphql (errors included; the API answers every
// failure with a GraphQL `errors` body). Headers from the headers editor are sent along.
async function fetcher(params, opts = {}) {
  const headers = {};
  for (const [k, v] of Object.entries(opts.headers || {})) {
    if (k.toLowerCase() !== 'content-type') headers[k] = String(v);
  }
  let res;
  try {
    res = await postGraphQL(params, { headers });
  } catch (e) {
    return { errors: [{ message: `The API could not be reached: ${e.message || e}` }] };
  }
  try {
    return await res.json();
  } catch {
    return { errors: [{ message: `The API answered ${res.status} without a GraphQL body.` }] };
  }
}

function fromUrl() {
  const p = new URLSearchParams(window.location.search);
  const query = p.get('q') || undefined;
  let variables = p.get('variables') || undefined;
  if (variables) {
    try {
      variables = JSON.stringify(JSON.parse(variables), null, 2);
    } catch {
      // leave it as given: GraphiQL shows the JSON error in the variables editor
    }
  }
  return { query, variables: query ? variables : undefined };
}

function Logo() {
  return createElement(
    'a',
    { href: '/', className: 'hg-logo', title: 'The helsegraf explorer' },
    'helsegraf',
    createElement('span', null, ' GraphiQL'),
  );
}

const { query, variables } = fromUrl();
const root = createRoot(document.getElementById('graphiql'));
root.render(
  createElement(
    StrictMode,
    null,
    createElement(
      GraphiQL,
      {
        fetcher,
        defaultQuery: EXAMPLE_QUERY,
        defaultTabs: EXAMPLE_TABS,
        query,
        variables,
        defaultEditorToolsVisibility: Boolean(variables),
        shouldPersistHeaders: false,
      },
      createElement(GraphiQL.Logo, null, createElement(Logo)),
    ),
  ),
);
