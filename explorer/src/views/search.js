// Search results: every hit of `search(text:)`, with its kind and the highlighted snippet.
import { h, snippet } from '../dom.js';
import { gql } from '../gql.js';
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
  const data = await gql(SEARCH, variables);
  const hits = data.search || [];
  root.append(h('p', { class: 'lead', role: 'status' }, `${hits.length}${hits.length === 50 ? '+' : ''} ${hits.length === 1 ? 'hit' : 'hits'}`));
  root.append(h('ol', { class: 'hits', id: 'hits' }, hits.map((x) => h('li', null,
    kindBadge(x.kind), ' ',
    h('a', { href: entityPath(x.kind, x.node.id), lang: 'nb', class: 'hit-name' }, x.node.name || x.node.id),
    h('p', { class: 'snippet', lang: 'nb' }, x.field && x.field !== 'name' ? h('span', { class: 'field' }, `${x.field}: `) : null, snippet(x.snippet))))));
  return { title: `Search: ${text}` };
}
