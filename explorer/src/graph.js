// The neighbourhood graph (cytoscape.js): pan and zoom with mouse, touch or keys; click a node
// (or select it with the keyboard and press Enter) to move to it; colour and shape by kind.
import cytoscape from 'cytoscape';
import { kindInfo, KINDS } from './kinds.js';
import { truncate } from './dom.js';
import { readableRel } from './views/common.js';

const MAX_NEIGHBOURS = 40;

function label(node) {
  const max = node.kind === 'Proposal' ? 38 : 34;
  return truncate(node.name || node.title || node.id, max);
}

// Pick at most MAX_NEIGHBOURS neighbours, taking them in turn from each relationship so every
// kind of relationship shows.
function pick(groups) {
  const queues = groups.map((g) => g.edges.slice());
  const picked = [];
  const seen = new Set();
  let progress = true;
  while (picked.length < MAX_NEIGHBOURS && progress) {
    progress = false;
    for (let i = 0; i < queues.length && picked.length < MAX_NEIGHBOURS; i++) {
      const e = queues[i].shift();
      if (!e) continue;
      progress = true;
      picked.push({ ...e, group: groups[i] });
      seen.add(`${e.node.kind}:${e.node.id}`);
    }
  }
  return { picked, nodes: seen.size };
}

function styles() {
  const s = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 12,
        'min-zoomed-font-size': 7, // crowded and zoomed out: labels appear as you zoom in
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        color: '#1a1a1a',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': 130,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': 2,
        width: 26,
        height: 26,
        'border-width': 1.5,
        'border-color': '#ffffff',
      },
    },
    {
      selector: 'node.center',
      style: { width: 46, height: 46, 'font-size': 13, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#111', 'z-index': 10 },
    },
    {
      selector: 'node:selected, node.kbd',
      style: { 'border-width': 4, 'border-color': '#000', 'overlay-color': '#ffbf00', 'overlay-opacity': 0.35, 'overlay-padding': 6, 'z-index': 20 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': '#8c8c8c',
        'target-arrow-color': '#8c8c8c',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-size': 10,
        color: '#333',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': 1,
        'min-zoomed-font-size': 7,
      },
    },
    {
      selector: 'edge:selected',
      style: { width: 3, 'line-color': '#111', 'target-arrow-color': '#111', color: '#000' },
    },
  ];
  for (const [k, info] of Object.entries(KINDS)) {
    s.push({ selector: `node[kind = "${k}"]`, style: { 'background-color': info.color, shape: info.shape } });
  }
  return s;
}

/**
 * Draw `center` and its neighbours into `container`.
 * groups: [{ field, relType, direction, edges: [{ node, evidence }] }]
 * onOpen(node): move to a node; onSelect(text, data): announce / show what is selected.
 */
export function drawNeighbourhood(container, center, groups, { onOpen, onSelect } = {}) {
  const { picked, nodes: shownNodes } = pick(groups);
  const elements = [];
  const centerKey = `${center.kind}:${center.id}`;
  elements.push({ data: { id: centerKey, label: label(center), kind: center.kind, nodeId: center.id, name: center.name }, classes: 'center' });
  const added = new Set([centerKey]);
  const edgeKeys = new Set();
  for (const e of picked) {
    const key = `${e.node.kind}:${e.node.id}`;
    if (!added.has(key)) {
      added.add(key);
      elements.push({ data: { id: key, label: label(e.node), kind: e.node.kind, nodeId: e.node.id, name: e.node.name } });
    }
    const type = (e.evidence && e.evidence.type) || e.group.relType || e.group.field;
    const out = e.group.direction !== 'in';
    const [source, target] = out ? [centerKey, key] : [key, centerKey];
    const ek = `${source}|${type}|${target}`;
    if (edgeKeys.has(ek) || key === centerKey) continue;
    edgeKeys.add(ek);
    elements.push({ data: { id: ek, source, target, label: readableRel(type), type, quote: e.evidence && e.evidence.quote } });
  }

  const many = added.size > 22;
  const cy = cytoscape({
    container,
    elements,
    style: styles(),
    minZoom: 0.2,
    maxZoom: 3,
    boxSelectionEnabled: false,
    layout: {
      name: 'concentric',
      animate: false,
      fit: true,
      padding: 24,
      minNodeSpacing: many ? 22 : 70,
      startAngle: (3 / 2) * Math.PI,
      // the centre in the middle; when crowded, proposals and documents on an outer ring
      concentric: (n) => (n.hasClass('center') ? 3 : many && ['Proposal', 'Document'].includes(n.data('kind')) ? 1 : 2),
      levelWidth: () => 1,
    },
  });
  cy.nodes().ungrabify();
  // few nodes: do not blow them up to fill the box
  if (cy.zoom() > 1.1) {
    cy.zoom(1.1);
    cy.center();
  }

  cy.on('tap', 'node', (evt) => {
    const n = evt.target;
    if (n.hasClass('center')) return;
    onOpen && onOpen({ kind: n.data('kind'), id: n.data('nodeId'), name: n.data('name') });
  });
  cy.on('tap', 'edge', (evt) => {
    const d = evt.target.data();
    onSelect && onSelect(`${readableRel(d.type)}${d.quote ? ': “' + d.quote + '”' : ''}`, d);
  });
  cy.on('mouseover', 'node', () => { container.style.cursor = 'pointer'; });
  cy.on('mouseout', 'node', () => { container.style.cursor = ''; });

  // Keyboard: arrows pan, + and - zoom, 0 fits, N / P (or Tab inside the graph is left alone)
  // step through the nodes, Enter opens the one selected.
  const order = cy.nodes().not('.center').sort((a, b) => a.data('label').localeCompare(b.data('label'), 'nb'));
  let cursor = -1;
  const select = (i) => {
    cy.nodes().removeClass('kbd');
    cursor = (i + order.length) % order.length;
    const n = order[cursor];
    n.addClass('kbd');
    if (!n.renderedBoundingBox || !isVisible(cy, n)) cy.center(n);
    const info = kindInfo(n.data('kind'));
    onSelect && onSelect(`${info.name}: ${n.data('name')} (${cursor + 1} of ${order.length}). Enter opens it.`, n.data());
  };
  container.addEventListener('keydown', (e) => {
    const step = 60;
    let handled = true;
    switch (e.key) {
      case 'ArrowLeft': cy.panBy({ x: step, y: 0 }); break;
      case 'ArrowRight': cy.panBy({ x: -step, y: 0 }); break;
      case 'ArrowUp': cy.panBy({ x: 0, y: step }); break;
      case 'ArrowDown': cy.panBy({ x: 0, y: -step }); break;
      case '+': case '=': zoomBy(cy, 1.25); break;
      case '-': case '_': zoomBy(cy, 0.8); break;
      case '0': cy.fit(undefined, 24); break;
      case 'n': case 'N': if (order.length) select(cursor + 1); break;
      case 'p': case 'P': if (order.length) select(cursor - 1); break;
      case 'Enter':
        if (cursor >= 0) {
          const n = order[cursor];
          onOpen && onOpen({ kind: n.data('kind'), id: n.data('nodeId'), name: n.data('name') });
        } else handled = false;
        break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  });

  return { cy, shownNodes, total: groups.reduce((s, g) => s + g.edges.length, 0) };
}

function isVisible(cy, n) {
  const bb = n.renderedBoundingBox();
  return bb.x1 >= 0 && bb.y1 >= 0 && bb.x2 <= cy.width() && bb.y2 <= cy.height();
}

export function zoomBy(cy, factor) {
  cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}
