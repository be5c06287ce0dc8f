// GET / : the ministries with the number of measures each is responsible for, and the documents.
import { h } from '../dom.js';
import { gql } from '../gql.js';
import { LANDING } from '../queries.js';
import { loadSchema } from '../schema.js';
import { entityPath } from '../kinds.js';
import { viewLinks, kindIcon, legend } from './common.js';

const RESPONSIBLE_PAGE = 500; // responsibleFor(limit:) in LANDING

export async function render(root) {
  const [data, schema] = await Promise.all([gql(LANDING), loadSchema()]);
  const ministries = data.ministries.map((m) => {
    const measures = new Map();
    for (const r of m.responsibleFor || []) {
      if (r.measure) measures.set(`${r.measure.kind}:${r.measure.id}`, r.measure.kind);
    }
    const byKind = {};
    for (const k of measures.values()) byKind[k] = (byKind[k] || 0) + 1;
    // a full page means there may be more than we asked for
    const capped = (m.responsibleFor || []).length >= RESPONSIBLE_PAGE;
    return { ...m, count: measures.size, byKind, capped };
  });
  ministries.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'nb'));
  const max = Math.max(1, ...ministries.map((m) => m.count));
  const withMeasures = ministries.filter((m) => m.count > 0);
  const without = ministries.filter((m) => m.count === 0);

  const row = (m) => h('li', { class: 'bar-row' },
    h('a', { href: entityPath('Ministry', m.id, 'measures'), class: 'bar-link' },
      h('span', { class: 'bar-name', lang: 'nb' }, kindIcon('Ministry'), m.name, m.abbreviation ? ` (${m.abbreviation})` : ''),
      h('span', { class: 'bar-track', 'aria-hidden': 'true' },
        h('span', { class: 'bar', style: { width: `${(100 * m.count) / max}%` } })),
      h('span', { class: 'bar-count' }, `${m.capped ? '≥ ' : ''}${m.count} ${m.count === 1 ? 'measure' : 'measures'}`),
      h('span', { class: 'bar-detail' }, breakdown(m.byKind))));

  root.append(
    h('header', { class: 'view-head' },
      h('h1', { tabindex: '-1' }, 'Who owns which measure?'),
      h('p', { class: 'lead' },
        'Policy submissions to Norwegian ministries, as a graph: the measures organisations ask for, the ' +
        'instruments and agencies they name, and the ministry responsible for each — every claim linked to the ' +
        'sentence it comes from. Search above, or start from a ministry or a document.'),
      viewLinks({ rdf: { turtle: '/rdf?kind=Ministry&format=turtle', jsonld: '/rdf?kind=Ministry&format=jsonld' }, query: LANDING })),
    h('div', { class: 'landing-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'min-h' },
        h('h2', { id: 'min-h' }, 'Ministries by number of measures'),
        h('p', { class: 'note' }, 'A measure (proposal, instrument or agency) counts once per ministry, whatever the basis: ' +
          `${schema.bases.map((b) => b.title.toLowerCase()).join(', ')}.`),
        h('ol', { class: 'bars', id: 'ministries' }, withMeasures.map(row)),
        without.length
          ? h('details', { class: 'without' },
            h('summary', null, `${without.length} ministries with no measures in the corpus`),
            h('ul', { class: 'plain' }, without.map((m) => h('li', null,
              h('a', { href: entityPath('Ministry', m.id), lang: 'nb' }, m.name)))))
          : null),
      h('section', { class: 'card', 'aria-labelledby': 'doc-h' },
        h('h2', { id: 'doc-h' }, 'Documents'),
        h('ul', { class: 'docs', id: 'documents' }, data.documents.map((d) => h('li', null,
          h('a', { href: entityPath('Document', d.id, 'text'), lang: 'nb', class: 'doc-title' }, kindIcon('Document'), d.title || d.id),
          h('span', { class: 'meta' }, [d.date, d.docType && d.docType.replace(/_/g, ' '),
            `${d.proposalsCount} proposals`, `${d.mentionedEntitiesCount} entities`].filter(Boolean).join(' · '))))),
        h('h2', null, 'Legend'),
        legend())));
  return { title: 'Ministries and measures' };
}

function breakdown(byKind) {
  const names = { Proposal: ['proposal', 'proposals'], Instrument: ['instrument', 'instruments'], Agency: ['agency', 'agencies'] };
  return Object.entries(byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} ${(names[k] || [k, k])[n === 1 ? 0 : 1]}`)
    .join(', ');
}
