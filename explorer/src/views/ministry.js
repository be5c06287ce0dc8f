// A ministry: every measure it is responsible for, grouped by basis, each with the quote, the
// document and a link to the document view.
import { h } from '../dom.js';
import { gql } from '../gql.js';
import { MINISTRY_MEASURES } from '../queries.js';
import { entityHeader, viewLinks, rdfFor, entityLink, documentTextLink, kindBadge, message } from './common.js';
import { loadSchema, basisInfo } from '../schema.js';
import { entityPath } from '../kinds.js';

export async function render(root, route, ctx) {
  const variables = { id: route.id };
  const [data, schema] = await Promise.all([gql(MINISTRY_MEASURES, variables), loadSchema()]);
  const m = data.ministry;
  if (!m) return ctx.notFound(`No ministry with id “${route.id}”.`);
  root.append(entityHeader({ kind: 'Ministry', id: m.id, name: m.name, current: 'measures',
    links: viewLinks({ rdf: rdfFor('Ministry', m.id), query: MINISTRY_MEASURES, variables }) }));

  // grouped by basis, in the API's order of the bases (their labels and notes are the API's too)
  const groups = new Map(schema.bases.map((b) => [b.name, new Map()]));
  for (const r of m.responsibleFor || []) {
    if (!r.measure) continue;
    if (!groups.has(r.basis)) groups.set(r.basis, new Map());
    const g = groups.get(r.basis);
    const key = `${r.measure.kind}:${r.measure.id}:${r.via ? r.via.id : ''}`;
    if (!g.has(key)) g.set(key, r);
  }
  const total = new Set((m.responsibleFor || []).filter((r) => r.measure).map((r) => `${r.measure.kind}:${r.measure.id}`)).size;
  root.append(h('p', { class: 'lead' }, `${m.name}${m.abbreviation ? ` (${m.abbreviation})` : ''} is responsible for ${total} ${total === 1 ? 'measure' : 'measures'} in the corpus.`));
  if (!total) {
    root.append(message('No measures in the corpus are traced to this ministry.'));
  }
  const nav = h('nav', { class: 'jump', 'aria-label': 'Bases' }, h('ul', null,
    [...groups].filter(([, g]) => g.size).map(([b, g]) => h('li', null, h('a', { href: `#basis-${b}` },
      `${basisInfo(schema, b).title} (`, h('span', { class: 'count', 'data-basis': b }, String(g.size)), ')')))));
  if (total) {
    root.append(filterForm(m.responsibleFor || []));
    root.append(h('p', { class: 'filter-status', role: 'status', 'aria-live': 'polite' }));
    root.append(nav);
  }
  for (const [basis, g] of groups) {
    if (!g.size) continue;
    const b = basisInfo(schema, basis);
    root.append(h('section', { class: 'card basis', id: `basis-${basis}`, 'data-basis': basis, 'aria-labelledby': `bh-${basis}` },
      h('h2', { id: `bh-${basis}` }, `${b.title} `, h('span', { class: 'count' }, `(${g.size})`)),
      h('p', { class: 'note' }, b.text),
      h('ol', { class: 'measures' }, [...g.values()].map(measureItem))));
  }
  if (total) applyFilters(root);
  return { title: `Measures of ${m.name}` };
}

// Filters over the measures shown (kind, document, words), applied in the page: every basis keeps
// its group, its count says how many of its measures pass, and a group with none is hidden.
function filterForm(rows) {
  const kinds = [...new Set(rows.filter((r) => r.measure).map((r) => r.measure.kind))].sort();
  const docs = new Map();
  for (const r of rows) for (const e of r.evidence || []) if (e && e.document) docs.set(e.document.id, e.document.title || e.document.id);
  const select = (name, label, options) => h('label', null, `${label} `,
    h('select', { name }, [h('option', { value: '' }, 'all'), ...options.map(([v, t]) => h('option', { value: v }, t))]));
  const form = h('form', { class: 'filters', 'aria-label': 'Filter the measures', role: 'search' },
    select('kind', 'Kind', kinds.map((k) => [k, k])),
    select('document', 'Document', [...docs].sort((a, b) => a[1].localeCompare(b[1], 'nb')).map(([id, t]) => [id, t.length > 70 ? `${t.slice(0, 69)}…` : t])),
    h('label', null, 'Words ', h('input', { type: 'search', name: 'words', placeholder: 'e.g. kliniske studier', autocomplete: 'off' })));
  form.addEventListener('input', () => applyFilters(form.parentNode));
  form.addEventListener('submit', (e) => e.preventDefault());
  return form;
}

const fold = (t) => (t || '').toLocaleLowerCase('nb').normalize('NFD').replace(/[\u0300-\u036f]/g, '');

function applyFilters(root) {
  const form = root.querySelector('form.filters');
  const kind = form.elements.kind.value;
  const doc = form.elements.document.value;
  const words = fold(form.elements.words.value).split(/\s+/).filter(Boolean);
  let shown = 0;
  let all = 0;
  for (const section of root.querySelectorAll('section.basis')) {
    let n = 0;
    for (const li of section.querySelectorAll('li.measure')) {
      all += 1;
      const ok = (!kind || li.dataset.kind === kind) && (!doc || li.dataset.documents.split(' ').includes(doc))
        && words.every((w) => fold(li.textContent).includes(w));
      li.hidden = !ok;
      n += ok;
    }
    shown += n;
    section.hidden = n === 0;
    section.querySelector('h2 .count').textContent = `(${n})`;
    const jump = root.querySelector(`nav.jump .count[data-basis="${section.dataset.basis}"]`);
    if (jump) {
      jump.textContent = String(n);
      jump.closest('li').hidden = n === 0;
    }
  }
  root.querySelector('.filter-status').textContent = kind || doc || words.length
    ? `${shown} of ${all} listed measures match the filters.` : '';
}

function measureItem(r) {
  const evs = r.evidence || [];
  // the quote: the first step that comes from a document; otherwise the registry's
  const fromDoc = evs.find((e) => e && e.document) || null;
  const quoted = evs.find((e) => e && e.quote) || null;
  const reg = evs.find((e) => e && e.sourceUrl) || null;
  const ev = fromDoc || quoted;
  const docs = [...new Set(evs.filter((e) => e && e.document).map((e) => e.document.id))].join(' ');
  return h('li', { class: 'measure', 'data-kind': r.measure.kind, 'data-documents': docs },
    h('div', { class: 'measure-head' },
      kindBadge(r.measure.kind), ' ',
      entityLink(r.measure, { max: 160, icon: false }),
      r.via ? h('span', { class: 'via' }, ' via ', entityLink(r.via, { max: 60 })) : null),
    ev && ev.quote && !(r.measure.kind === 'Proposal' && ev.quote === r.measure.name)
      ? h('blockquote', { lang: 'nb' }, ev.quote) : null,
    h('p', { class: 'meta' },
      fromDoc ? ['Document: ', documentTextLink(fromDoc.document, fromDoc.start), Number.isInteger(fromDoc.page) ? ` (page ${fromDoc.page})` : '', ' · '] : null,
      reg ? [h('a', { href: reg.sourceUrl, rel: 'noopener noreferrer', class: 'ext' }, 'registry source'), ' · '] : null,
      h('a', { href: entityPath(r.measure.kind, r.measure.id, 'responsibility') }, 'responsibility chain')));
}
