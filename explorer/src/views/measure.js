// A measure (instrument, agency or proposal): the responsibility chain from the measure to each
// responsible ministry, drawn as a path with the evidence on every step.
import { h } from '../dom.js';
import { gql } from '../gql.js';
import { RESPONSIBILITY } from '../queries.js';
import { loadSchema, basisInfo } from '../schema.js';
import { kindInfo } from '../kinds.js';
import { entityHeader, viewLinks, rdfFor, entityLink, evidenceBlock, readableRel, documentTextLink, message, intentLabel } from './common.js';

export async function render(root, route, ctx) {
  const variables = { id: route.id, kind: route.kind };
  const [data, schema] = await Promise.all([gql(RESPONSIBILITY, variables), loadSchema()]);
  const e = data.entity;
  if (!e) return ctx.notFound(`No ${kindInfo(route.kind).name.toLowerCase()} with id “${route.id}”.`);
  const chains = e.responsibleMinistries || [];
  const ownText = (e.text || e.name || '').trim();
  root.append(entityHeader({ kind: e.kind, id: e.id, name: e.name, current: 'responsibility',
    links: viewLinks({ rdf: rdfFor(e.kind, e.id), query: RESPONSIBILITY, variables }) }));

  if (e.kind === 'Proposal') {
    const src = (e.extractedFromConnection && e.extractedFromConnection.edges) || [];
    root.append(h('section', { class: 'card' },
      h('h2', null, 'The proposal ', intentLabel(e.intent)),
      h('blockquote', { lang: 'nb', class: 'proposal-text' }, e.text || e.name),
      e.section ? h('p', { class: 'meta' }, 'Under the heading ', h('q', { lang: 'nb' }, e.section)) : null,
      src.map((x) => h('p', { class: 'meta' }, 'Stated in ', documentTextLink(x.node, x.evidence && x.evidence.start),
        x.evidence && Number.isInteger(x.evidence.page) ? ` (page ${x.evidence.page})` : ''))));
  }

  // summary: each ministry once, with its bases
  const byMinistry = new Map();
  for (const c of chains) {
    const m = byMinistry.get(c.ministry.id) || { ministry: c.ministry, bases: new Set() };
    m.bases.add(c.basis);
    byMinistry.set(c.ministry.id, m);
  }
  root.append(h('section', { class: 'card', 'aria-labelledby': 'resp-h' },
    h('h2', { id: 'resp-h' }, 'Responsible ministries'),
    byMinistry.size
      ? h('ul', { class: 'plain responsible' }, [...byMinistry.values()].map((m) => h('li', null,
        entityLink({ ...m.ministry, kind: 'Ministry' }, { tab: 'measures' }),
        ' — ', [...m.bases].map((b) => basisInfo(schema, b).title.toLowerCase()).join(', '))))
      : message('No ministry is recorded as responsible for this measure.'),
    chains.length ? h('h2', { class: 'sub' }, 'Responsibility chains') : null,
    h('ol', { class: 'chains', id: 'chains' }, chains.map((c, i) => chainItem(c, i, { ownText, schema })))));
  return { title: `Responsibility: ${e.name}` };
}

// One chain: node → (relationship with evidence) → node → … → ministry.
// A quote that repeats the proposal shown above the chains is left out (the link still points to it).
// The heading is the basis's label, the note the API's explanation of the chain's path (both from
// the rule's declaration); "as of" when a step of the chain holds for a period, checked at that date.
export function chainItem(c, i, { ownText = '', schema = {} } = {}) {
  const path = c.path && c.path.length ? c.path : [c.measure, c.via, c.ministry].filter(Boolean);
  const steps = [];
  path.forEach((node, j) => {
    steps.push(h('li', { class: `step node kind-${node.kind}` }, entityLink(node, { max: node.kind === 'Proposal' ? 70 : 120 })));
    if (j < path.length - 1) {
      let ev = (c.evidence || [])[j];
      if (ev && ev.quote && ownText && ev.quote.trim() === ownText) ev = { ...ev, quote: null };
      steps.push(h('li', { class: 'step edge' },
        h('span', { class: 'rel' }, readableRel(ev && ev.type) || 'related', h('span', { class: 'arrow', 'aria-hidden': 'true' }, '')),
        ev ? evidenceBlock(ev, { compact: true }) : null));
    }
  });
  const b = basisInfo(schema, c.basis);
  const dated = (c.evidence || []).some((e) => e && (e.validFrom || e.validTo));
  return h('li', { class: 'chain', 'data-basis': c.basis },
    h('h3', null, `${i + 1}. ${b.title}: `, h('span', { lang: 'nb' }, c.ministry.name)),
    h('p', { class: 'meta' }, c.explanation || b.text, c.at && dated ? ` · as of ${c.at}` : ''),
    h('ol', { class: 'path', 'aria-label': `Path from ${path[0].name || path[0].id} to ${c.ministry.name}` }, steps));
}
