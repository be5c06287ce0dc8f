// Pieces every view uses: kind badges and icons, entity links, evidence, the view header with
// its tabs, and the "this view as RDF / in GraphiQL" links.
import { h, truncate } from '../dom.js';
import { graphiqlHref } from '../gql.js';
import { kindInfo, entityPath, resourceRdf, hasRdf, MEASURE_KINDS, KINDS } from '../kinds.js';

const SVG = 'http://www.w3.org/2000/svg';

// The kind's shape as a small SVG, the same shapes the graph draws.
const SHAPES = {
  hexagon: 'M4 1 L12 1 L15 8 L12 15 L4 15 L1 8 Z',
  'round-rectangle': 'M4 2 H12 Q15 2 15 5 V11 Q15 14 12 14 H4 Q1 14 1 11 V5 Q1 2 4 2 Z',
  ellipse: 'M8 1.5 A6.5 6.5 0 1 1 7.99 1.5 Z',
  diamond: 'M8 0.5 L15.5 8 L8 15.5 L0.5 8 Z',
  'round-triangle': 'M8 1.5 Q9 1.5 9.6 2.6 L15 13 Q15.4 14.5 14 14.5 H2 Q0.6 14.5 1 13 L6.4 2.6 Q7 1.5 8 1.5 Z',
  rectangle: 'M1.5 2.5 H14.5 V13.5 H1.5 Z',
  rhomboid: 'M4.5 2.5 H15.5 L11.5 13.5 H0.5 Z',
  star: 'M8 0.8 L10.1 5.6 L15.3 6 L11.4 9.4 L12.6 14.6 L8 11.8 L3.4 14.6 L4.6 9.4 L0.7 6 L5.9 5.6 Z',
  octagon: 'M5 1 H11 L15 5 V11 L11 15 H5 L1 11 V5 Z',
  vee: 'M1 1.5 L8 6 L15 1.5 L8 15 Z',
  barrel: 'M3 1.5 H13 Q15.5 8 13 14.5 H3 Q0.5 8 3 1.5 Z',
};

export function kindIcon(kind, size = 14) {
  const info = kindInfo(kind);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', size);
  svg.setAttribute('height', size);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('kind-icon');
  const p = document.createElementNS(SVG, 'path');
  p.setAttribute('d', SHAPES[info.shape] || SHAPES.ellipse);
  p.setAttribute('fill', info.color);
  svg.append(p);
  return svg;
}

export function kindBadge(kind) {
  const info = kindInfo(kind);
  return h('span', { class: `badge kind-${kind}` }, kindIcon(kind, 12), info.name);
}

export function nodeLabel(node, max = 90) {
  return truncate(node.name || node.title || node.id, max);
}

export function entityLink(node, { tab = '', max = 90, hash = '', icon = true } = {}) {
  if (!node) return null;
  const info = kindInfo(node.kind);
  return h('a', {
    class: `ent kind-${node.kind}`,
    href: entityPath(node.kind, node.id, tab) + (hash ? '#' + hash : ''),
    title: `${info.name}: ${node.name || node.id}`,
  }, icon ? kindIcon(node.kind) : null, h('span', { class: 'sr-only' }, info.name + ': '), nodeLabel(node, max));
}

export function documentTextLink(doc, start, label) {
  if (!doc) return null;
  const hash = Number.isInteger(start) ? `at-${start}` : '';
  return h('a', { href: entityPath('Document', doc.id, 'text') + (hash ? '#' + hash : ''), class: 'doclink' },
    label || doc.title || doc.name || doc.id);
}

const METHOD = { registry: 'registry', pattern: 'pattern', manifest: 'manifest', inferred: 'inferred' };

export function readableRel(type) {
  return String(type || '').toLowerCase().replace(/_/g, ' ');
}

// The evidence of one relationship: the quote, where it comes from, how it was found.
export function evidenceBlock(ev, { compact = false } = {}) {
  if (!ev) return null;
  const meta = [];
  if (ev.document) {
    meta.push(h('span', null, 'from ', documentTextLink(ev.document, ev.start)));
  } else if (ev.source === 'registry') {
    meta.push(h('span', null, 'registry'));
  } else if (ev.source) {
    meta.push(h('span', null, 'source ', ev.source));
  }
  if (Number.isInteger(ev.page)) meta.push(h('span', null, `page ${ev.page}`));
  if (Number.isInteger(ev.start) && Number.isInteger(ev.end)) meta.push(h('span', null, `chars ${ev.start}–${ev.end}`));
  if (ev.method) meta.push(h('span', null, `method: ${METHOD[ev.method] || ev.method}`));
  if (typeof ev.confidence === 'number') meta.push(h('span', null, `confidence ${Math.round(ev.confidence * 100)} %`));
  if (ev.basis) meta.push(h('span', null, `basis: ${ev.basis}`));
  if (ev.validFrom || ev.validTo) meta.push(h('span', null, `valid ${ev.validFrom || '…'} – ${ev.validTo || '…'}`));
  if (ev.sourceUrl) {
    meta.push(h('a', { href: ev.sourceUrl, rel: 'noopener noreferrer', class: 'ext' }, 'public source'));
  }
  return h('div', { class: 'evidence' + (compact ? ' compact' : '') },
    ev.quote ? h('blockquote', { lang: 'nb' }, ev.quote) : null,
    meta.length ? h('p', { class: 'meta' }, meta.map((m, i) => [i ? ' · ' : '', m])) : null);
}

export function viewLinks({ rdf, query, variables }) {
  const items = [];
  if (rdf) {
    items.push(h('li', null, h('a', { href: rdf.turtle, class: 'rdf', 'data-format': 'turtle', download: '' }, 'RDF (Turtle)')));
    items.push(h('li', null, h('a', { href: rdf.jsonld, class: 'rdf', 'data-format': 'jsonld', download: '' }, 'RDF (JSON-LD)')));
  }
  if (query) {
    items.push(h('li', null, h('a', { href: graphiqlHref(query, variables), class: 'graphiql' }, 'Open this query in GraphiQL')));
  }
  return h('nav', { class: 'view-links', 'aria-label': 'This view elsewhere' }, h('ul', null, items));
}

export function rdfFor(kind, id) {
  if (!hasRdf(kind)) return null;
  return { turtle: resourceRdf(kind, id, 'turtle'), jsonld: resourceRdf(kind, id, 'jsonld') };
}

export function tabsFor(kind) {
  const tabs = [['overview', 'Overview']];
  if (MEASURE_KINDS.has(kind)) tabs.push(['responsibility', 'Responsibility']);
  if (kind === 'Ministry') tabs.push(['measures', 'Measures']);
  if (kind === 'Document') tabs.push(['text', 'Text']);
  return tabs;
}

// Header of an entity's views: kind, name, the tabs between its views, the links.
export function entityHeader({ kind, id, name, current, links }) {
  const tabs = tabsFor(kind);
  return h('header', { class: 'view-head' },
    h('p', { class: 'kicker' }, kindBadge(kind)),
    h('h1', { tabindex: '-1', lang: 'nb' }, name || id),
    tabs.length > 1
      ? h('nav', { class: 'tabs', 'aria-label': 'Views of this ' + kindInfo(kind).name.toLowerCase() },
        h('ul', null, tabs.map(([t, label]) => h('li', null,
          h('a', { href: entityPath(kind, id, t === 'overview' ? '' : t), 'aria-current': t === current ? 'page' : null }, label)))))
      : null,
    links);
}

export function legend(kinds = Object.keys(KINDS)) {
  return h('ul', { class: 'legend', 'aria-label': 'Node kinds' },
    kinds.map((k) => h('li', null, kindIcon(k), kindInfo(k).name)));
}

export function message(text, cls = 'note') {
  return h('p', { class: cls }, text);
}

// What a proposal does (the Proposal property `intent`, values declared in schema/model.py).
export const INTENT = {
  ask: { title: 'Ask', text: 'asks someone else for a measure' },
  commitment: { title: 'Commitment', text: 'the author (or the government) commits to a measure of its own' },
  goal: { title: 'Goal', text: 'states a goal' },
};

export function intentLabel(intent) {
  const i = INTENT[intent];
  return i ? h('span', { class: `badge intent intent-${intent}`, title: i.text }, i.title) : null;
}
