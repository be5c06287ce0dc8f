// The public GraphQL API over HTTP (POST /graphql), and the links that reopen a query in GraphiQL.

export class GraphQLRequestError extends Error {
  constructor(message, { status, errors } = {}) {
    super(message);
    this.status = status;
    this.errors = errors || [];
  }
}

// The one request both pages make: POST /graphql with a JSON body {query, variables,
// operationName?}; the fetch Response. (GraphiQL's fetcher uses it too, with its headers editor's
// headers; Content-Type stays application/json.)
export function postGraphQL(params, { signal, headers } = {}) {
  return fetch('/graphql', {
    method: 'POST',
    headers: {
      Accept: 'application/graphql-response+json, application/json;q=0.9',
      ...headers,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(params),
    signal,
  });
}

export async function gql(query, variables = {}, options = {}) {
  return (await gqlBody(query, variables, options)).data;
}

// The notices of an answer (extensions.notices: a name that matched nothing, with the closest
// names; a list cut by the default page) with the given code.
export function notices(body, code) {
  return ((body.extensions || {}).notices || []).filter((n) => n.code === code);
}

// The whole GraphQL response body {data, extensions}: errors throw as in gql().
export async function gqlBody(query, variables = {}, { signal } = {}) {
  let res;
  try {
    res = await postGraphQL({ query, variables }, { signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new GraphQLRequestError('The API could not be reached.');
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    throw new GraphQLRequestError(`The API answered ${res.status} without a GraphQL body.`, { status: res.status });
  }
  if (body.errors && body.errors.length) {
    const msg = body.errors.map((e) => e.message).join('; ');
    throw new GraphQLRequestError(msg, { status: res.status, errors: body.errors });
  }
  if (!res.ok) throw new GraphQLRequestError(`The API answered ${res.status}.`, { status: res.status });
  return body;
}

// GraphiQL (GET /graphql from a browser) opens with ?q= (the query) and ?variables= filled in.
// (`?query=` would make GET /graphql execute the query and answer JSON, as GraphQL over HTTP says.)
export function graphiqlHref(query, variables) {
  const params = new URLSearchParams({ q: query.trim() });
  if (variables && Object.keys(variables).length) params.set('variables', JSON.stringify(variables, null, 2));
  return `/graphql?${params.toString()}`;
}
