// Search results: every hit of `search(text:)`, with its kind and the highlighted snippet.
import { h, snippet } from '../dom.js';
import { gqlBody, notices } from '../gql.js';
import { SEARCH } from '../queries.js';
import { entityPath } from '../kinds.js';
import { viewLinks, kindBadge, message } from './common.js';

export async function render(root, route) {
  const text = route.q.trim();
  const variables = { text, limit: 50 };
  root.append(h('header', { class: 'view-head' },
    h('h1', { tabindex: '-1' }, text ? `Search: “${text}”` : 'Search'),
    text ? viewLinks({ query: SEARCH, variables }) : null));
  if (!text) {
    root.append(message('Type a name, an abbreviation or words from a proposal in the search box.'));
    return { title: 'Search' };
  }
  const body = await gqlBody(SEARCH, variables);
  const hits = body.data.search || [];
  root.append(h('p', { class: 'lead', role: 'status' }, `${hits.length}${hits.length === 50 ? '+' : ''} ${hits.length === 1 ? 'hit' : 'hits'}`));
  // nothing found: the API's closest names (extensions.notices), each opening its node
  const offered = hits.length ? [] : notices(body, 'NOT_FOUND').flatMap((n) => n.suggestions || []);
  if (offered.length) {
    root.append(h('section', { class: 'did-you-mean', 'aria-label': 'Did you mean' },
      h('p', null, 'Did you mean:'),
      h('ul', null, offered.map((s) => h('li', null, kindBadge(s.kind), ' ',
        h('a', { href: entityPath(s.kind, s.id), lang: 'nb' }, s.name))))));
  }
  root.append(h('ol', { class: 'hits', id: 'hits' }, hits.map((x) => h('li', null,
    kindBadge(x.kind), ' ',
    h('a', { href: entityPath(x.kind, x.node.id), lang: 'nb', class: 'hit-name' }, x.node.name || x.node.id),
    h('p', { class: 'snippet', lang: 'nb' }, x.field && x.field !== 'name' ? h('span', { class: 'field' }, `${x.field}: `) : null, snippet(x.snippet))))));
  return { title: `Search: ${text}` };
}
