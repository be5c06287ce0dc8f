// An entity: its properties, its neighbourhood as a graph, and the related nodes as lists.
import { h, clear, truncate } from '../dom.js';
import { gql } from '../gql.js';
import { loadSchema, entityQuery } from '../schema.js';
import { drawNeighbourhood, zoomBy } from '../graph.js';
import { navigate } from '../router.js';
import { entityPath, kindInfo } from '../kinds.js';
import { entityHeader, viewLinks, rdfFor, entityLink, evidenceBlock, legend, message, intentLabel } from './common.js';

const FIRST = 50;

function humanize(field) {
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function propValue(name, value) {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length ? value.join(' · ') : null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (name === 'confidence' && typeof value === 'number') return `${Math.round(value * 100)} %`;
  if (name === 'sourceUrl' && /^https?:\/\//.test(value)) return h('a', { href: value, rel: 'noopener noreferrer', class: 'ext' }, value);
  if (name === 'wikidata' && /^Q\d+$/.test(value)) return h('a', { href: `https://www.wikidata.org/wiki/${value}`, rel: 'noopener noreferrer', class: 'ext' }, value);
  if (name === 'orgNumber' && /^\d{9}$/.test(value)) return h('a', { href: `https://data.brreg.no/enhetsregisteret/oppslag/enheter/${value}`, rel: 'noopener noreferrer', class: 'ext' }, value);
  return String(value);
}

export async function render(root, route, ctx) {
  const schema = await loadSchema();
  const kind = route.kind;
  const query = entityQuery(schema, kind, { first: FIRST });
  const variables = { id: route.id, kind };
  const data = await gql(query, variables);
  const e = data.entity;
  if (!e) return ctx.notFound(`No ${kindInfo(kind).name.toLowerCase()} with id “${route.id}”.`);
  const rels = schema.kinds[kind].rels
    .map((r) => ({ ...r, conn: e[r.connection] }))
    .filter((r) => r.conn && r.conn.edges.length);

  root.append(entityHeader({ kind, id: e.id, name: e.name, current: 'overview', links: viewLinks({ rdf: rdfFor(kind, e.id), query, variables }) }));

  // properties
  const rows = [];
  for (const p of schema.kinds[kind].props) {
    if (p === 'name') continue;
    const v = p === 'intent' && kind === 'Proposal' ? intentLabel(e[p]) || propValue(p, e[p]) : propValue(p, e[p]);
    if (v !== null) rows.push(h('div', { class: 'prop' }, h('dt', null, humanize(p)), h('dd', { lang: ['text', 'section', 'title', 'aliases'].includes(p) ? 'nb' : null }, v)));
  }

  // graph
  const graphBox = h('div', {
    class: 'graph',
    id: 'graph',
    tabindex: '0',
    role: 'application',
    'aria-roledescription': 'graph',
    'aria-label': `Neighbourhood of ${e.name}`,
    'aria-describedby': 'graph-help',
  });
  const status = h('p', { class: 'graph-status', 'aria-live': 'polite', id: 'graph-status' }, 'Click a node to move to it; click a line to see its evidence.');
  const zoomIn = h('button', { type: 'button', 'aria-label': 'Zoom in' }, '+');
  const zoomOut = h('button', { type: 'button', 'aria-label': 'Zoom out' }, '−');
  const fit = h('button', { type: 'button' }, 'Fit');
  const kindsShown = [...new Set([kind, ...rels.flatMap((r) => r.conn.edges.map((x) => x.node.kind))])];
  const graphSection = h('section', { class: 'card graph-card', 'aria-labelledby': 'graph-h' },
    h('div', { class: 'graph-head' },
      h('h2', { id: 'graph-h' }, 'Neighbourhood'),
      h('div', { class: 'graph-tools', role: 'group', 'aria-label': 'Graph controls' }, zoomIn, zoomOut, fit)),
    graphBox,
    status,
    h('p', { class: 'note', id: 'graph-help' }, 'Keys in the graph: arrows pan, + and − zoom, 0 fits, N and P step through the nodes, Enter opens the selected node. Every node is also listed under “Related”.'),
    legend(kindsShown));

  // related lists
  const related = h('section', { class: 'card related', 'aria-labelledby': 'rel-h' },
    h('h2', { id: 'rel-h' }, 'Related'),
    rels.length ? rels.map((r) => relationList(r, e, kind, schema)) : message('No relationships.'));

  root.append(h('div', { class: 'entity-grid' },
    h('div', { class: 'entity-main' },
      graphSection,
      rows.length ? h('section', { class: 'card', 'aria-labelledby': 'props-h' }, h('h2', { id: 'props-h' }, 'Properties'), h('dl', { class: 'props' }, rows)) : null),
    related));

  const groups = rels.map((r) => ({ field: r.field, relType: r.relType, direction: r.direction, edges: r.conn.edges }));
  const after = () => {
    const g = drawNeighbourhood(graphBox, e, groups, {
      onOpen: (n) => navigate(entityPath(n.kind, n.id)),
      onSelect: (text) => { status.textContent = text; },
    });
    zoomIn.addEventListener('click', () => zoomBy(g.cy, 1.25));
    zoomOut.addEventListener('click', () => zoomBy(g.cy, 0.8));
    fit.addEventListener('click', () => g.cy.fit(undefined, 24));
    if (g.shownNodes < g.total) status.textContent = `Showing ${g.shownNodes} of ${g.total} related nodes (zoom in for their names); all are listed under “Related”.`;
    graphBox.dataset.nodes = String(g.cy.nodes().length);
    graphBox.dataset.edges = String(g.cy.edges().length);
    graphBox.cy = g.cy; // for scripts and tests: the cytoscape instance
    graphBox.dataset.ready = '1';
    ctx.onLeave(() => g.cy.destroy());
  };
  return { title: `${e.name} · ${kindInfo(kind).name}`, after };
}

function relationList(r, entity, kind, schema) {
  const arrow = r.relType ? (r.direction === 'in' ? `← ${r.relType}` : `${r.relType} →`) : '';
  const list = h('ul', { class: 'rel-list' });
  const fill = (edges) => {
    clear(list);
    for (const x of edges) {
      const ev = x.evidence;
      const hasEvidence = ev && (ev.quote || ev.sourceUrl || ev.document);
      list.append(h('li', null,
        entityLink(x.node, { max: 110 }),
        hasEvidence
          ? h('details', { class: 'ev' }, h('summary', null, 'evidence', ev.method ? ` (${ev.method})` : ''), evidenceBlock(ev, { compact: true }))
          : null));
    }
  };
  fill(r.conn.edges);
  const more = r.conn.totalCount > r.conn.edges.length
    ? h('button', { type: 'button', class: 'more' }, `Show all ${r.conn.totalCount}`)
    : null;
  if (more) {
    more.addEventListener('click', async () => {
      more.disabled = true;
      more.textContent = 'Loading…';
      try {
        const q = entityQuery(schema, kind, { first: 1000, only: r.field });
        const d = await gql(q, { id: entity.id, kind });
        fill(d.entity[r.connection].edges);
        more.remove();
      } catch (err) {
        more.disabled = false;
        more.textContent = `Could not load: ${truncate(err.message, 80)}`;
      }
    });
  }
  return h('section', { class: 'rel', 'data-field': r.field },
    h('h3', null, humanize(r.field), ' ', h('span', { class: 'count' }, `(${r.conn.totalCount})`), arrow ? h('span', { class: 'reltype' }, arrow) : null),
    list,
    more);
}
