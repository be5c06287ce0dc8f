// Browser tests of the explorer: Debian's Chromium driven by playwright-core against a running
// server with the default corpus loaded. Run by tests/test_explorer.py, or by hand:
//   EXPLORER_URL=http://127.0.0.1:8000 SCREENSHOT_DIR=out/screenshots node explorer/tests/explorer.test.mjs
// Prints one JSON line per check; exits 1 when a check fails.
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BASE = (process.env.EXPLORER_URL || 'http://127.0.0.1:8000').replace(/\/$/, '');
const SHOTS = resolve(process.env.SCREENSHOT_DIR || 'explorer-screenshots');
const CHROMIUM = process.env.CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
const TIMEOUT = Number(process.env.EXPLORER_TIMEOUT_MS || 20000);
const NFD = 'Nærings- og fiskeridepartementet';
const HOD = 'Helse- og omsorgsdepartementet';

const results = [];
let failed = 0;
function report(name, ok, detail = '') {
  results.push({ name, ok, detail });
  if (!ok) failed++;
  console.log(JSON.stringify({ check: name, ok, detail: String(detail).slice(0, 500) }));
}
async function check(name, fn) {
  try {
    const detail = await fn();
    report(name, true, detail || '');
  } catch (e) {
    report(name, false, e && e.message ? e.message.split('\n')[0] : String(e));
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

let graphiqlLink = null; // the explorer's "Open this query in GraphiQL" link, for the GraphiQL checks

const viewReady = (page, view) => page.waitForSelector(`#view[data-view-ready="${view}"]`, { timeout: TIMEOUT });
const shot = async (page, name, opts = {}) => {
  const path = join(SHOTS, name);
  await page.screenshot({ path, fullPage: opts.fullPage ?? false });
  report(`screenshot ${name}`, true, path);
};

// Every visible text element: its colour against the first opaque background behind it.
async function contrastProblems(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const bgOf = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a >= 0.99) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    while (walker.nextNode()) {
      const t = walker.currentNode;
      const el = t.parentElement;
      if (!el || seen.has(el) || !t.textContent.trim()) continue;
      seen.add(el);
      const cs = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (cs.visibility === 'hidden' || cs.display === 'none' || rect.width === 0 || el.closest('.sr-only,[hidden]')) continue;
      const fg = parse(cs.color);
      const bg = bgOf(el);
      const l1 = lum(fg), l2 = lum(bg);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) out.push(`${el.tagName.toLowerCase()}.${el.className} “${t.textContent.trim().slice(0, 30)}” ${ratio.toFixed(2)}:1`);
    }
    return out;
  });
}

async function main() {
  assert(CHROMIUM, 'no Chromium found (set CHROMIUM)');
  await mkdir(SHOTS, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'helsegraf-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: { width: 1280, height: 800 },
    locale: 'nb-NO',
    reducedMotion: 'reduce',
  });
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(TIMEOUT);
  const consoleErrors = [];
  const foreign = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(BASE) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  const graphqlPosts = [];
  // API calls to /graphql (opening GraphiQL, GET /graphql as a page, is not one)
  page.on('request', (r) => { if (r.url().startsWith(BASE + '/graphql') && !r.isNavigationRequest()) graphqlPosts.push(r.method()); });

  try {
    // 1. landing: ministries with their number of measures
    await check('landing lists ministries with measure counts', async () => {
      await page.goto(BASE + '/', { waitUntil: 'domcontentloaded' });
      await viewReady(page, 'landing');
      const rows = await page.locator('#ministries .bar-row').allInnerTexts();
      assert(rows.length > 0, 'no ministries listed');
      const nfd = rows.find((r) => r.includes(NFD));
      assert(nfd && /\d+ measures?/.test(nfd), `${NFD} not listed with a count: ${rows.slice(0, 3).join(' | ')}`);
      const docs = await page.locator('#documents li').count();
      assert(docs >= 5, `only ${docs} documents listed`);
      return `${rows.length} ministries with measures; NFD: ${nfd.replace(/\s+/g, ' ')}`;
    });
    await shot(page, '01-landing.png');

    // 2. keyboard: the skip link comes first, then the search box
    await check('keyboard: skip link, then search box', async () => {
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => document.activeElement.textContent.trim());
      assert(first === 'Skip to content', `first tab stop is “${first}”`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement.id);
      assert(id === 'q', `third tab stop is #${id}, not the search box`);
    });

    // 3. type-ahead: search "Investinor", choose it with the keyboard
    await check('type-ahead finds Investinor and opens it by keyboard', async () => {
      await page.locator('#q').focus();
      await page.keyboard.type('Investinor', { delay: 30 });
      await page.waitForSelector('#q-list:not([hidden]) [role=option]');
      const options = await page.locator('#q-list [role=option]').allInnerTexts();
      const i = options.findIndex((o) => /Investinor/.test(o) && /Agency|Instrument/.test(o));
      assert(i >= 0, `no Investinor agency/instrument among: ${options.join(' | ')}`);
      assert((await page.locator('#q').getAttribute('aria-expanded')) === 'true', 'combobox not expanded');
      await shot(page, '02-typeahead.png');
      for (let k = 0; k <= i; k++) await page.keyboard.press('ArrowDown');
      const activeId = await page.locator('#q').getAttribute('aria-activedescendant');
      assert(activeId === `q-opt-${i}`, `active descendant ${activeId}`);
      await page.keyboard.press('Enter');
      await viewReady(page, 'overview');
      const h1 = await page.locator('h1').innerText();
      assert(/Investinor/.test(h1), `opened “${h1}”`);
      return `${options.length} suggestions; opened ${h1} at ${new URL(page.url()).pathname}`;
    });

    // 4. entity view: properties, graph, related lists
    await check('entity view: properties, graph with nodes, related lists', async () => {
      await page.waitForSelector('#graph[data-ready="1"]');
      const nodes = Number(await page.locator('#graph').getAttribute('data-nodes'));
      assert(nodes >= 3, `graph has ${nodes} nodes`);
      assert(await page.locator('#graph canvas').count() > 0, 'no canvas drawn');
      const rel = await page.locator('.related .rel').count();
      assert(rel >= 2, `only ${rel} relationship lists`);
      const props = await page.locator('dl.props').innerText();
      assert(/aliases/i.test(props), 'no properties');
      return `${nodes} nodes, ${rel} relationship lists`;
    });
    await shot(page, '03-entity-investinor.png');

    await check('graph: mouse wheel zooms, drag pans, buttons zoom, keys select', async () => {
      const box = await page.locator('#graph').boundingBox();
      const zoom = () => page.evaluate(() => document.querySelector('#graph').cy.zoom());
      const pan = () => page.evaluate(() => document.querySelector('#graph').cy.pan());
      const z0 = await zoom();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(150);
      const z1 = await zoom();
      assert(z1 > z0, `wheel did not zoom in (${z0} -> ${z1})`);
      const p0 = await pan();
      await page.mouse.move(box.x + 12, box.y + 12);
      await page.mouse.down();
      await page.mouse.move(box.x + 80, box.y + 60, { steps: 5 });
      await page.mouse.up();
      const p1 = await pan();
      assert(p1.x !== p0.x || p1.y !== p0.y, 'drag did not pan');
      await page.getByRole('button', { name: 'Zoom out' }).click();
      assert((await zoom()) < z1, 'zoom-out button did nothing');
      await page.getByRole('button', { name: 'Fit' }).click();
      await page.locator('#graph').focus();
      await page.keyboard.press('n');
      const status = await page.locator('#graph-status').innerText();
      assert(/Enter opens it/.test(status), `no selection announced: ${status}`);
      return `zoom ${z0.toFixed(2)} → ${z1.toFixed(2)}; ${status}`;
    });

    // 5. measure view: the responsibility chain reaches NFD
    await check(`responsibility chain of Investinor reaches ${NFD}`, async () => {
      await page.getByRole('link', { name: 'Responsibility', exact: true }).click();
      await viewReady(page, 'responsibility');
      const chains = page.locator('#chains .chain');
      assert((await chains.count()) > 0, 'no chains');
      const text = await page.locator('#chains').innerText();
      assert(text.includes(NFD), `chain does not mention ${NFD}: ${text.slice(0, 200)}`);
      const steps = await page.locator('#chains .chain').first().locator('.step.node').allInnerTexts();
      assert(steps.some((s) => s.includes(NFD)), `NFD is not a step of the first chain: ${steps.join(' → ')}`);
      const evidence = await page.locator('#chains .step.edge .evidence').count();
      assert(evidence > 0, 'no evidence on the steps');
      return steps.map((s) => s.trim()).join(' → ');
    });
    await shot(page, '04-measure-investinor.png', { fullPage: true });

    // 6. links of the view: RDF downloads and GraphiQL
    await check('RDF (Turtle, JSON-LD) and GraphiQL links of the view work', async () => {
      const ttl = await page.locator('a.rdf[data-format=turtle]').getAttribute('href');
      const jsonld = await page.locator('a.rdf[data-format=jsonld]').getAttribute('href');
      const gq = await page.locator('a.graphiql').getAttribute('href');
      graphiqlLink = gq;
      const r1 = await page.request.get(BASE + ttl);
      assert(r1.ok() && /text\/turtle/.test(r1.headers()['content-type']), `Turtle link ${ttl}: ${r1.status()}`);
      assert((await r1.text()).includes('Investinor'), 'Turtle does not describe Investinor');
      const r2 = await page.request.get(BASE + jsonld);
      assert(r2.ok() && /ld\+json/.test(r2.headers()['content-type']), `JSON-LD link ${jsonld}: ${r2.status()}`);
      JSON.parse(await r2.text());
      const u = new URL(gq, BASE);
      assert(u.pathname === '/graphql' && /responsibleMinistries/.test(u.searchParams.get('q')), `GraphiQL link ${gq}`);
      // the same query over GET /graphql answers the same data
      const r3 = await page.request.post(BASE + '/graphql', { data: { query: u.searchParams.get('q'), variables: JSON.parse(u.searchParams.get('variables')) } });
      const body = await r3.json();
      assert(JSON.stringify(body.data).includes(NFD), 'the linked query does not answer NFD');
      const r4 = await page.request.get(BASE + gq, { headers: { accept: 'text/html' } });
      assert(r4.ok() && /text\/html/.test(r4.headers()['content-type']), `GraphiQL page: ${r4.status()}`);
      return `${ttl} · ${jsonld} · /graphql?q=…`;
    });

    // 7. ministry view: NFD's measures grouped by basis
    await check(`ministry view of ${NFD}: measures grouped by basis with quotes and documents`, async () => {
      await page.locator('#chains .step.node a', { hasText: NFD }).first().click();
      await viewReady(page, 'overview');
      await page.getByRole('link', { name: 'Measures', exact: true }).click();
      await viewReady(page, 'measures');
      const bases = await page.locator('section.basis').evaluateAll((els) => els.map((e) => e.dataset.basis));
      assert(bases.length >= 1, 'no basis groups');
      const items = await page.locator('section.basis .measure').count();
      const docLinks = await page.locator('section.basis .measure a.doclink').count();
      const quotes = await page.locator('section.basis .measure blockquote').count();
      assert(items > 0 && docLinks > 0 && quotes > 0, `items ${items}, document links ${docLinks}, quotes ${quotes}`);
      assert(await page.locator('section.basis .measure', { hasText: 'Investinor' }).count() > 0, 'Investinor not among NFD measures');
      return `bases ${bases.join(', ')}; ${items} measures, ${docLinks} document links, ${quotes} quotes`;
    });
    await shot(page, '05-ministry-nfd.png');

    // 7b. the ministry page's filters: kind, document, words
    await check(`ministry view filters ${NFD}'s measures by kind, document and words`, async () => {
      const visible = () => page.locator('section.basis:not([hidden]) li.measure:not([hidden])');
      const all = await visible().count();
      await page.locator('form.filters select[name=kind]').selectOption('Instrument');
      const kinds = await visible().evaluateAll((els) => els.map((e) => e.dataset.kind));
      assert(kinds.length > 0 && kinds.length < all && kinds.every((k) => k === 'Instrument'), `kinds ${kinds.join(',')} of ${all}`);
      const status = await page.locator('.filter-status').textContent();
      assert(status.startsWith(`${kinds.length} of ${all} `), `status: ${status}`);
      await page.locator('form.filters select[name=kind]').selectOption('');
      await page.locator('form.filters input[name=words]').fill('investinor');
      const texts = await visible().evaluateAll((els) => els.map((e) => e.textContent));
      assert(texts.length > 0 && texts.length < all && texts.every((t) => /investinor/i.test(t)), `${texts.length} with Investinor`);
      const counts = await page.locator('section.basis:not([hidden]) h2 .count').allTextContents();
      assert(counts.reduce((n, c) => n + Number(c.replace(/\D/g, '')), 0) === texts.length, `group counts ${counts}`);
      await page.locator('form.filters input[name=words]').fill('');
      const doc = await page.locator('form.filters select[name=document]').locator('option').nth(1).getAttribute('value');
      await page.locator('form.filters select[name=document]').selectOption(doc);
      const docs = await visible().evaluateAll((els) => els.map((e) => e.dataset.documents));
      assert(docs.length > 0 && docs.every((d) => d.split(' ').includes(doc)), `document ${doc}: ${docs.length}`);
      await page.locator('form.filters select[name=document]').selectOption('');
      assert(await visible().count() === all, 'clearing the filters shows every measure again');
      return `${all} measures; ${kinds.length} instruments; ${texts.length} with Investinor; ${docs.length} from ${doc}`;
    });

    // 8. document view: highlighted proposals and entities; click a highlight
    await check('document view highlights the Investinor proposal and its entities', async () => {
      const link = page.locator('section.basis .measure a.doclink', { hasText: 'helsenæringsmelding' }).first();
      if (await link.count()) await link.click();
      else await page.goto(BASE + '/explore/document/doc-002-6d7b3ce1091438ad/text');
      await viewReady(page, 'text');
      const proposals = page.locator('#doc-text mark.hl-Proposal');
      const n = await proposals.count();
      assert(n > 5, `only ${n} proposal highlights`);
      const inv = page.locator('#doc-text mark.hl-Proposal', { hasText: 'Investinor bør få utvidet mandat' });
      assert((await inv.count()) > 0, 'the Investinor proposal is not highlighted');
      const intent = await inv.first().getAttribute('data-intent');
      assert(intent === 'ask', `the Investinor proposal is labelled ${intent}, not ask`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, '06-document-text.png');
      await inv.first().scrollIntoViewIfNeeded();
      const kinds = await page.locator('#doc-text a.hl').evaluateAll((els) => [...new Set(els.map((e) => e.className.replace('hl ', '')))]);
      assert(kinds.length >= 3, `entity highlights of only ${kinds.join(', ')}`);
      const entityInProposal = inv.first().locator('a.hl-Agency', { hasText: 'Investinor' });
      assert((await entityInProposal.count()) > 0, 'Investinor is not highlighted inside its proposal');
      return `${n} proposals; entity kinds ${kinds.join(', ')}`;
    });
    await check('document view lists its themes and the asks other documents also make', async () => {
      const themes = await page.locator('.doc-themes li a.ent.kind-Theme').count();
      assert(themes > 0, 'no themes listed');
      const asks = page.locator('.doc-recurring > ul > li');
      const n = await asks.count();
      assert(n > 0, 'no recurring asks listed');
      const elsewhere = await asks.first().locator('li.similar a.doclink').first().getAttribute('href');
      assert(elsewhere && !elsewhere.includes('doc-002-6d7b3ce1091438ad'), `the similar ask is in ${elsewhere}, not another document`);
      const score = Number((await asks.first().locator('.score').first().textContent()).trim());
      assert(score > 0 && score <= 1, `score ${score}`);
      return `${themes} themes; ${n} asks also made elsewhere`;
    });
    await page.evaluate(() => window.scrollBy(0, -120));
    await shot(page, '07-document-proposal-highlighted.png');

    await check('clicking a highlight opens the entity; a proposal opens the proposal', async () => {
      const inv = page.locator('#doc-text mark.hl-Proposal', { hasText: 'Investinor bør få utvidet mandat' }).first();
      await inv.locator('a.pmark').click();
      await viewReady(page, 'overview');
      assert(/\/explore\/proposal\//.test(page.url()), `proposal marker opened ${page.url()}`);
      const label = await page.locator('.prop .badge.intent').innerText();
      assert(label === 'Ask', `the proposal's intent label reads “${label}”`);
      await page.goBack();
      await viewReady(page, 'text');
      await page.locator('#doc-text mark.hl-Proposal a.hl-Agency', { hasText: 'Investinor' }).first().click();
      await viewReady(page, 'overview');
      assert(/\/explore\/agency\/investinor-as$/.test(page.url()), `entity highlight opened ${page.url()}`);
      return 'proposal and entity open';
    });

    await check('graph: clicking a node moves to it', async () => {
      await page.waitForSelector('#graph[data-ready="1"]');
      const target = await page.evaluate(() => {
        const cy = document.querySelector('#graph').cy;
        cy.fit(undefined, 24);
        const n = cy.nodes().filter((x) => !x.hasClass('center') && x.data('kind') === 'Ministry')[0] || cy.nodes().not('.center')[0];
        return { ...n.renderedPosition(), kind: n.data('kind'), id: n.data('nodeId'), name: n.data('name') };
      });
      const box = await page.locator('#graph').boundingBox();
      await page.mouse.click(box.x + target.x, box.y + target.y);
      await page.waitForFunction((id) => location.pathname.endsWith('/' + encodeURIComponent(id)), target.id);
      await viewReady(page, 'overview');
      await page.waitForSelector('#graph[data-ready="1"]');
      const h1 = await page.locator('h1').innerText();
      assert(h1 === target.name, `clicked ${target.name}, opened ${h1}`);
      return `clicked ${target.kind} ${target.name} → ${new URL(page.url()).pathname}`;
    });

    await check('graph: keyboard N then Enter moves to the selected node', async () => {
      const before = page.url();
      await page.locator('#graph').focus();
      await page.keyboard.press('n');
      await page.keyboard.press('Enter');
      await page.waitForFunction((u) => location.href !== u, before);
      await viewReady(page, 'overview');
      return new URL(page.url()).pathname;
    });

    // 9. the search results page
    await check('search page lists hits with snippets', async () => {
      await page.locator('#q').fill('helsedata');
      await page.locator('#q').press('Enter');
      await viewReady(page, 'search');
      const hits = await page.locator('#hits li').count();
      assert(hits > 0, 'no hits for helsedata');
      return `${hits} hits`;
    });
    await shot(page, '08-search-results.png');

    // 9a. a search that finds nothing offers the closest names (the API's NOT_FOUND notice)
    await check('a misspelt search offers "did you mean" and opens the name chosen', async () => {
      await page.locator('#q').fill('SkateFUNN');
      await page.locator('#q').press('Enter');
      await viewReady(page, 'search');
      assert(await page.locator('#hits li').count() === 0, 'hits for SkateFUNN');
      const offered = page.locator('.did-you-mean a', { hasText: 'SkatteFUNN' });
      assert(await offered.count() === 1, 'SkatteFUNN not offered');
      await offered.click();
      await viewReady(page, 'overview');
      const heading = await page.locator('h1').first().textContent();
      assert(/SkatteFUNN/.test(heading), `opened ${heading}`);
      return `${new URL(page.url()).pathname}`;
    });

    // 9b. measures only the registry knows: the ministry, the basis and the registry's public source
    await check(`a registry-only instrument shows its ministry, basis and source`, async () => {
      await page.goto(BASE + '/explore/instrument/nasjonal-handlingsplan-for-kliniske-studier/responsibility');
      await viewReady(page, 'responsibility');
      const chain = page.locator('#chains .chain').first();
      assert(await chain.getAttribute('data-basis') === 'OWNER', `basis ${await chain.getAttribute('data-basis')}`);
      const steps = await chain.locator('.step.node').allInnerTexts();
      assert(steps.some((s) => s.includes(HOD)), `HOD is not a step: ${steps.join(' → ')}`);
      const href = await chain.locator('.step.edge .evidence a.ext').first().getAttribute('href');
      assert(/^https:\/\//.test(href || ''), `no public source link: ${href}`);
      return `${steps.map((s) => s.trim()).join(' → ')}; source ${href}`;
    });
    await check('Helsedataservice is owned through the body it is part of', async () => {
      await page.goto(BASE + '/explore/agency/helsedataservice/responsibility');
      await viewReady(page, 'responsibility');
      const chain = page.locator('#chains .chain').first();
      const text = await chain.innerText();
      assert(text.includes('owns the body the agency is part of'), `basis text: ${text.slice(0, 160)}`);
      const steps = (await chain.locator('.step.node').allInnerTexts()).map((s) => s.trim());
      assert(steps.length === 3 && steps[2].includes(HOD), `steps ${steps.join(' → ')}`);
      assert(await chain.locator('.step.edge .evidence a.ext').count() === 2, 'not every step links its source');
      return steps.join(' → ');
    });
    await shot(page, '08b-measure-part-of.png', { fullPage: true });

    await check('contrast of every visible text ≥ WCAG AA (desktop views)', async () => {
      const problems = [];
      for (const path of ['/', '/explore/agency/investinor-as', '/explore/agency/investinor-as/responsibility',
        '/explore/ministry/naerings-og-fiskeridepartementet/measures', '/explore/document/doc-002-6d7b3ce1091438ad/text']) {
        await page.goto(BASE + path);
        await page.waitForSelector('#view[data-view-ready]');
        problems.push(...(await contrastProblems(page)).map((p) => `${path}: ${p}`));
      }
      assert(!problems.length, problems.slice(0, 5).join('; '));
      return '5 views checked';
    });

    // 10. phone-sized viewport
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [name, path, view, fullPage] of [
      ['09-phone-landing.png', '/', 'landing', false],
      ['10-phone-entity.png', '/explore/agency/investinor-as', 'overview', true],
      ['11-phone-measure.png', '/explore/agency/investinor-as/responsibility', 'responsibility', true],
      ['12-phone-document.png', '/explore/document/doc-002-6d7b3ce1091438ad/text', 'text', false],
    ]) {
      await check(`phone size: ${path} fits the width`, async () => {
        await page.goto(BASE + path);
        await viewReady(page, view);
        if (view === 'overview') await page.waitForSelector('#graph[data-ready="1"]');
        const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
        assert(sw <= iw + 1, `page is ${sw}px wide in a ${iw}px viewport`);
        if (view === 'text') {
          await page.locator('#doc-text mark.hl-Proposal', { hasText: 'Investinor bør' }).first().scrollIntoViewIfNeeded();
          await page.evaluate(() => window.scrollBy(0, -150));
        }
        return `${sw}px`;
      });
      await shot(page, name, { fullPage });
    }
    await check('phone size: type-ahead opens', async () => {
      await page.locator('#q').fill('');
      await page.locator('#q').type('SkatteFUNN', { delay: 20 });
      await page.waitForSelector('#q-list:not([hidden]) [role=option]');
      return (await page.locator('#q-list [role=option]').first().innerText()).replace(/\s+/g, ' ');
    });
    await shot(page, '13-phone-typeahead.png');

    // 11. GraphiQL at GET /graphql: self-hosted (no CDN), runs the example query on the corpus
    await page.setViewportSize({ width: 1280, height: 800 });
    const gqFrom = { foreign: foreign.length, errors: consoleErrors.length, posts: graphqlPosts.length };
    const editorValue = (sel) => page.evaluate((s) => {
      const cm = document.querySelector(s);
      return cm && cm.CodeMirror ? cm.CodeMirror.getValue() : null;
    }, sel);
    const QUERY_CM = '.graphiql-query-editor .CodeMirror';
    const RESULT_CM = '.result-window .CodeMirror';
    const VARIABLES_CM = '.graphiql-editor-tool .CodeMirror';
    const waitForResult = (text, before = '') => page.waitForFunction(([s, t, b]) => {
      const cm = document.querySelector(s);
      const v = cm && cm.CodeMirror ? cm.CodeMirror.getValue() : '';
      return v !== b && v.includes(t);
    }, [RESULT_CM, text, before], { timeout: TIMEOUT });

    await check('GraphiQL (GET /graphql) renders with its editors and the example query', async () => {
      const res = await page.goto(BASE + '/graphql', { waitUntil: 'domcontentloaded' });
      assert(res.ok() && /text\/html/.test(res.headers()['content-type']), `GET /graphql: ${res.status()}`);
      const csp = res.headers()['content-security-policy'] || '';
      assert(/script-src 'self'/.test(csp) && /connect-src 'self'/.test(csp), `CSP: ${csp}`);
      await page.waitForSelector(`${QUERY_CM}`);
      await page.waitForSelector('.graphiql-execute-button');
      const q = await editorValue(QUERY_CM);
      assert(q && q.includes('responsibility(measure: "Investinor")'), `query editor holds: ${String(q).slice(0, 120)}`);
      const assets = await page.evaluate(() => [...document.querySelectorAll('script[src], link[href]')].map((e) => e.src || e.href));
      assert(assets.every((u) => u.startsWith(BASE + '/static/explorer/')), `assets: ${assets.join(', ')}`);
      return `${assets.length} local assets; example query in the editor`;
    });

    await check('GraphiQL opens with example tabs: responsibility, search, recurring asks, connection', async () => {
      const tabs = (await page.locator('.graphiql-tab-button').allTextContents()).map((t) => t.trim());
      for (const want of ['Responsibility', 'Search', 'RecurringAsks', 'Connection']) {
        assert(tabs.includes(want), `tabs: ${tabs.join(', ')}`);
      }
      const active = (await page.locator('.graphiql-tab-active .graphiql-tab-button').textContent()).trim();
      assert(active === 'Responsibility', `active tab: ${active}`);
      return tabs.join(', ');
    });

    await check(`GraphiQL runs the example query (run button): ${NFD} is responsible for Investinor`, async () => {
      const posts = graphqlPosts.length;
      await page.locator('.graphiql-execute-button').click();
      await waitForResult(NFD);
      const body = JSON.parse(await editorValue(RESULT_CM));
      assert(!body.errors, `errors: ${String(JSON.stringify(body.errors)).slice(0, 200)}`);
      const names = body.data.responsibility.map((r) => r.ministry.name);
      assert(names.includes(NFD), `ministries: ${names.join(', ')}`);
      assert(graphqlPosts.length > posts, 'no POST /graphql was made');
      return `${body.data.responsibility.length} responsibilities: ${[...new Set(names)].join(', ')}`;
    });
    await shot(page, '14-graphiql-example-query.png');

    await check('GraphiQL: Ctrl-Enter in the editor runs the query again; the schema documentation opens', async () => {
      const before = await editorValue(RESULT_CM);
      await page.evaluate((s) => document.querySelector(s).CodeMirror.setValue(
        'query SkatteFUNN { instrument(name: "SkatteFUNN") { name responsibleMinistries { ministry { name } basis } } }'), QUERY_CM);
      // GraphiQL takes the operation name from the editor a moment later (debounced): the tab title shows it
      await page.locator('.graphiql-tab-active', { hasText: 'SkatteFUNN' }).waitFor();
      await page.locator(QUERY_CM).click();
      await page.keyboard.press('Control+Enter');
      await waitForResult('SkatteFUNN', before);
      const body = JSON.parse(await editorValue(RESULT_CM));
      assert(body.data && body.data.instrument && body.data.instrument.responsibleMinistries.length > 0,
        `SkatteFUNN: ${JSON.stringify(body).slice(0, 200)}`);
      await page.getByRole('button', { name: /Documentation Explorer/i }).first().click();
      await page.waitForSelector('.graphiql-doc-explorer');
      await page.locator('.graphiql-doc-explorer a', { hasText: 'Query' }).first().click();
      await page.locator('.graphiql-doc-explorer', { hasText: 'responsibility' }).waitFor();
      return `SkatteFUNN → ${body.data.instrument.responsibleMinistries.map((r) => r.ministry.name).join(', ')}; docs list Query.responsibility`;
    });
    await shot(page, '15-graphiql-docs.png');

    await check('GraphiQL opens the explorer\'s "Open this query in GraphiQL" link with its variables, and runs it', async () => {
      let link = graphiqlLink;
      if (!link) {
        const p = new URLSearchParams({ q: 'query R($m: String!) { responsibility(measure: $m) { ministry { name } basis } }', variables: '{"m": "Investinor"}' });
        link = `/graphql?${p}`;
      }
      const u = new URL(link, BASE);
      await page.goto(BASE + u.pathname + u.search, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector(QUERY_CM);
      const q = await editorValue(QUERY_CM);
      assert(q === u.searchParams.get('q'), `query editor holds: ${String(q).slice(0, 120)}`);
      const v = await editorValue(VARIABLES_CM);
      assert(v && JSON.stringify(JSON.parse(v)) === JSON.stringify(JSON.parse(u.searchParams.get('variables'))), `variables editor holds: ${v}`);
      await page.locator('.graphiql-execute-button').click();
      await waitForResult(NFD);
      return `${u.pathname}?q=${q.trim().split('\n')[0].slice(0, 40)}… with variables ${v.replace(/\s+/g, ' ')}`;
    });
    await shot(page, '16-graphiql-explorer-link.png');

    await check('GraphiQL: no request outside this origin, GraphQL by POST, no console errors', async () => {
      const out = foreign.slice(gqFrom.foreign);
      assert(!out.length, `requests elsewhere: ${out.slice(0, 3).join(', ')}`);
      const methods = graphqlPosts.slice(gqFrom.posts);
      assert(methods.filter((m) => m === 'POST').length >= 3, `GraphQL requests: ${methods.join(', ')}`);
      const errors = consoleErrors.slice(gqFrom.errors);
      assert(!errors.length, errors.slice(0, 3).join(' | '));
      return `${methods.length} GraphQL requests (${[...new Set(methods)].join(', ')})`;
    });

    await check('only the API of this origin was used (no CDN), GraphQL by POST', async () => {
      assert(!foreign.length, `requests elsewhere: ${foreign.slice(0, 3).join(', ')}`);
      assert(graphqlPosts.length > 0 && graphqlPosts.every((m) => m === 'POST'), `GraphQL methods ${[...new Set(graphqlPosts)]}`);
      return `${graphqlPosts.length} GraphQL POSTs`;
    });
    await check('no errors in the browser console', async () => {
      assert(!consoleErrors.length, consoleErrors.slice(0, 3).join(' | '));
    });
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main()
  .catch((e) => report('run', false, e.stack || e.message))
  .finally(() => {
    console.log(JSON.stringify({ summary: true, passed: results.filter((r) => r.ok).length, failed, screenshots: SHOTS }));
    process.exit(failed ? 1 : 0);
  });
