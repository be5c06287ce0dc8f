// A document's text with every recognised entity and proposal highlighted by kind (from the
// relationships' start/end offsets into the Document's `text`); a highlight opens the entity.
// This is how an analyst audits the extractor.
import { h } from '../dom.js';
import { gql } from '../gql.js';
import { DOCUMENT_TEXT } from '../queries.js';
import { entityPath, kindInfo } from '../kinds.js';
import { navigate } from '../router.js';
import { entityHeader, viewLinks, kindIcon, entityLink, message, nodeLabel, documentTextLink } from './common.js';

export async function render(root, route, ctx) {
  const variables = { id: route.id };
  const data = await gql(DOCUMENT_TEXT, variables);
  const d = data.document;
  if (!d) return ctx.notFound(`No document with id “${route.id}”.`);
  const rdf = { turtle: `/rdf?document=${encodeURIComponent(d.id)}&format=turtle`, jsonld: `/rdf?document=${encodeURIComponent(d.id)}&format=jsonld` };
  root.append(entityHeader({ kind: 'Document', id: d.id, name: d.title || d.name, current: 'text',
    links: viewLinks({ rdf, query: DOCUMENT_TEXT, variables }) }));

  const text = Array.from(d.text || ''); // offsets count code points
  const spans = collectSpans(d, text.length);
  const counts = {};
  const seen = new Set();
  for (const s of spans) {
    const k = `${s.kind}:${s.id}`;
    if (seen.has(k)) continue;
    seen.add(k);
    counts[s.kind] = (counts[s.kind] || 0) + 1;
  }

  const body = h('div', { class: 'doc-text', id: 'doc-text', lang: 'nb' });
  if (!text.length) body.append(message('The document has no stored text.'));
  else renderText(body, text, spans);

  const toggles = h('fieldset', { class: 'toggles' },
    h('legend', null, 'Highlight'),
    Object.keys(counts).sort((a, b) => (a === 'Proposal' ? -1 : b === 'Proposal' ? 1 : a.localeCompare(b))).map((k) => {
      const box = h('input', { type: 'checkbox', checked: true, id: `t-${k}` });
      box.addEventListener('change', () => body.classList.toggle(`hide-${k}`, !box.checked));
      return h('label', { for: `t-${k}`, class: `toggle kind-${k}` }, box, kindIcon(k), ` ${kindInfo(k).plural} (${counts[k]})`);
    }));

  const people = (c) => ((d[c] && d[c].edges) || []).map((x) => x.node);
  const list = (label, nodes) => (nodes.length ? h('span', null, `${label}: `, nodes.map((n, i) => [i ? ', ' : '', entityLink(n, { max: 60 })])) : null);
  const parts = [
    d.date && `Date: ${d.date}`,
    d.docType && `Type: ${d.docType.replace(/_/g, ' ')}`,
    list('Author', people('authoredByConnection')),
    list('Addressed to', people('addressedToConnection')),
    d.path && `File: ${d.path}`,
    d.sourceUrl && h('a', { href: d.sourceUrl, rel: 'noopener noreferrer', class: 'ext' }, 'original'),
  ].filter(Boolean);
  root.append(h('p', { class: 'meta doc-meta' }, parts.map((x, i) => [i ? ' · ' : '', x])));
  root.append(h('div', { class: 'doc-grid' },
    h('aside', { class: 'card doc-side' },
      h('details', { class: 'doc-key', open: !window.matchMedia('(max-width: 900px)').matches },
        h('summary', null, 'Highlights and how to read them'),
        toggles,
        h('p', { class: 'note' }, 'Each highlight is a relationship the extractor recorded, at the characters it points to. ' +
          'Click an entity, or the ¶ before a proposal, to open it.')),
      themesBlock(d.hasTheme || []),
      recurringBlock(d)),
    h('article', { class: 'card', 'aria-label': 'Document text' }, body)));

  // clicks on a proposal's own text (not on an entity inside it) open the proposal
  body.addEventListener('click', (ev) => {
    if (ev.target.closest('a')) return;
    const mark = ev.target.closest('mark.hl-Proposal');
    if (mark && mark.dataset.href && !window.getSelection().toString()) navigate(mark.dataset.href);
  });
  if (route.hash) queueMicrotask(() => scrollToHash(route.hash));
  return { title: `Text: ${d.title || d.name}` };
}

// The document's themes (its topic headings, merged across documents), each opening the theme.
function themesBlock(themes) {
  if (!themes.length) return null;
  return h('section', { class: 'doc-themes', 'aria-label': 'Themes' },
    h('h2', null, `Themes (${themes.length})`),
    h('ul', { class: 'plain' }, themes.map((t) => h('li', null, entityLink(t, { max: 60 })))));
}

// Asks this document shares with other documents (`similar`, computed at load time): each of its
// proposals with the most similar proposal elsewhere, its document and the score.
function recurringBlock(d) {
  const rows = [];
  for (const p of (d.proposalsConnection && d.proposalsConnection.edges) || []) {
    const sim = ((p.node.similarConnection && p.node.similarConnection.edges) || [])
      .filter((e) => e.node.extractedFrom && e.node.extractedFrom.length);
    if (sim.length) rows.push({ proposal: p, sim });
  }
  if (!rows.length) return null;
  return h('section', { class: 'doc-recurring', 'aria-label': 'Asks also made elsewhere' },
    h('h2', null, `Asks also made elsewhere (${rows.length})`),
    h('ul', { class: 'plain' }, rows.map(({ proposal, sim }) => h('li', null,
      h('a', { href: `#at-${proposal.evidence ? proposal.evidence.start : ''}`, class: 'jump',
        onclick: (ev) => { ev.preventDefault(); scrollToHash(`at-${proposal.evidence.start}`); } },
      nodeLabel(proposal.node, 80)),
      h('ul', null, sim.map((e) => h('li', { class: 'similar' },
        entityLink(e.node, { max: 70 }), ' — ',
        documentTextLink(e.node.extractedFrom[0], null, truncateTitle(e.node.extractedFrom[0])),
        h('span', { class: 'score', title: 'similarity score, 0–1' }, ` ${e.evidence.score.toFixed(2)}`))))))));
}

function truncateTitle(doc) {
  const t = doc.title || doc.name || doc.id;
  return t.length > 50 ? `${t.slice(0, 49)}…` : t;
}

export function scrollToHash(hash) {
  const el = document.getElementById(hash);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.classList.add('flash');
  if (el.tabIndex < 0 && el.tagName !== 'A') el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
  setTimeout(() => el.classList.remove('flash'), 2500);
}

function collectSpans(d, len) {
  const spans = [];
  const key = new Set();
  const add = (node, ev, layer) => {
    if (!node || !ev || !Number.isInteger(ev.start) || !Number.isInteger(ev.end)) return;
    if (ev.source && ev.source !== d.id) return; // a proposal's facts from another document
    const start = Math.max(0, ev.start);
    const end = Math.min(len, ev.end);
    if (end <= start) return;
    const k = `${layer}|${node.kind}|${node.id}|${start}|${end}`;
    if (key.has(k)) return;
    key.add(k);
    spans.push({ layer, kind: node.kind, id: node.id, name: node.name, intent: node.intent, start, end });
  };
  // An addressee inherited from the document is not a mention: its span is the whole proposal.
  const mention = (x) => !(x.evidence && x.evidence.basis === 'addressee');
  for (const c of ['mentionedEntitiesConnection', 'authoredByConnection', 'addressedToConnection']) {
    for (const x of (d[c] && d[c].edges) || []) if (mention(x)) add(x.node, x.evidence, 'entity');
  }
  for (const p of (d.proposalsConnection && d.proposalsConnection.edges) || []) {
    add(p.node, p.evidence, 'proposal');
    for (const c of ['mentionsConnection', 'addressedToConnection']) {
      for (const x of (p.node[c] && p.node[c].edges) || []) if (mention(x)) add(x.node, x.evidence, 'entity');
    }
  }
  return spans;
}

// Cut the text at every span boundary; each piece is inside at most one proposal highlight and
// one entity highlight (the innermost, when entities overlap).
function renderText(body, text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const active = [];
  let si = 0;
  let curProposal = null;
  let propEl = null;
  let curEntity = null;
  let entEl = null;
  const anchored = new Set();

  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    while (si < byStart.length && byStart[si].start <= a) active.push(byStart[si++]);
    for (let j = active.length - 1; j >= 0; j--) if (active[j].end <= a) active.splice(j, 1);
    const inner = (layer) => active.filter((s) => s.layer === layer).sort((x, y) => (x.end - x.start) - (y.end - y.start))[0] || null;
    const p = inner('proposal');
    const e = inner('entity');
    const piece = text.slice(a, b).join('');

    if (p !== curProposal) {
      curProposal = p;
      curEntity = null;
      entEl = null;
      if (p) {
        const href = entityPath(p.kind, p.id);
        const what = p.intent ? ` (${p.intent})` : '';
        propEl = h('mark', { class: `hl hl-Proposal${p.intent ? ` intent-${p.intent}` : ''}`, 'data-href': href, 'data-id': p.id,
          'data-intent': p.intent || null, title: `Proposal${what}: ${p.name}` });
        if (!anchored.has(`at-${p.start}`) && p.start === a) {
          anchored.add(`at-${p.start}`);
          propEl.id = `at-${p.start}`;
        }
        if (p.start === a) {
          propEl.append(h('a', { class: 'pmark', href, 'aria-label': `Open proposal: ${p.name}` }, '¶'));
        }
        body.append(propEl);
      } else propEl = null;
    }
    const parent = propEl || body;
    if (e !== curEntity || (e && entEl && entEl.parentNode !== parent)) {
      curEntity = e;
      if (e) {
        const info = kindInfo(e.kind);
        entEl = h('a', { class: `hl hl-${e.kind}`, href: entityPath(e.kind, e.id), title: `${info.name}: ${e.name}`, 'data-id': e.id });
        if (e.start === a && !anchored.has(`at-${e.start}`)) {
          anchored.add(`at-${e.start}`);
          entEl.id = `at-${e.start}`;
        }
        parent.append(entEl);
      } else entEl = null;
    }
    (entEl || parent).append(piece);
  }
}
