// The explorer: routes to views; every view reads the public GraphQL API only.
import { h, clear } from './dom.js';
import { startRouter, parseRoute } from './router.js';
import { initSearch } from './search.js';
import { GraphQLRequestError } from './gql.js';
import * as landing from './views/landing.js';
import * as entity from './views/entity.js';
import * as measure from './views/measure.js';
import * as ministry from './views/ministry.js';
import * as documentView from './views/document.js';
import * as search from './views/search.js';
import { MEASURE_KINDS, entityPath } from './kinds.js';

const VIEWS = {
  landing: landing.render,
  search: search.render,
  overview: entity.render,
  responsibility: (root, route, ctx) => (MEASURE_KINDS.has(route.kind) ? measure.render(root, route, ctx) : ctx.redirect(entityPath(route.kind, route.id))),
  measures: (root, route, ctx) => (route.kind === 'Ministry' ? ministry.render(root, route, ctx) : ctx.redirect(entityPath(route.kind, route.id))),
  text: (root, route, ctx) => (route.kind === 'Document' ? documentView.render(root, route, ctx) : ctx.redirect(entityPath(route.kind, route.id))),
  notfound: (root, route, ctx) => ctx.notFound(`There is no page at ${route.path}.`),
};

const viewEl = document.getElementById('view');
const announcer = document.getElementById('announcer');
const loadingEl = document.getElementById('loading');
let token = 0;
let leaving = [];

async function show(route, how) {
  if (how.hashOnly) {
    documentView.scrollToHash(route.hash);
    return;
  }
  const mine = ++token;
  for (const f of leaving) { try { f(); } catch { /* already gone */ } }
  leaving = [];
  viewEl.removeAttribute('data-view-ready');
  viewEl.setAttribute('aria-busy', 'true');
  viewEl.dataset.view = route.view;
  const root = h('div', { class: `view view-${route.view}` });
  const loading = setTimeout(() => { if (mine === token) loadingEl.hidden = false; }, 150);
  const ctx = {
    onLeave: (f) => leaving.push(f),
    notFound: (text) => {
      root.replaceChildren(h('h1', { tabindex: '-1' }, 'Not found'), h('p', null, text), h('p', null, h('a', { href: '/explore' }, 'Back to the ministries')));
      return { title: 'Not found', status: 404 };
    },
    redirect: (href) => {
      history.replaceState(null, '', href);
      return { redirected: true };
    },
  };
  let result;
  try {
    // attached but hidden until complete; `after()` runs once it is shown
    root.hidden = true;
    viewEl.append(root);
    result = await VIEWS[route.view](root, route, ctx);
    if (result && result.redirected) {
      root.remove();
      clearTimeout(loading);
      loadingEl.hidden = true;
      if (mine === token) show(parseRoute(), {});
      return;
    }
  } catch (e) {
    if (mine !== token) { root.remove(); return; }
    console.error(e);
    const msg = e instanceof GraphQLRequestError ? e.message : `Something went wrong: ${e.message}`;
    root.replaceChildren(h('h1', { tabindex: '-1' }, 'Could not load this view'), h('p', { class: 'error', role: 'alert' }, msg),
      h('p', null, h('a', { href: window.location.pathname + window.location.search }, 'Try again')));
    result = { title: 'Error', error: true };
  }
  clearTimeout(loading);
  if (mine !== token) { root.remove(); return; }
  loadingEl.hidden = true;
  for (const c of [...viewEl.children]) if (c !== root) c.remove();
  root.hidden = false;
  // work that needs the view laid out (the graph measures its container)
  if (result && result.after) {
    try { result.after(); } catch (e) { console.error(e); }
  }
  document.title = `${result && result.title ? result.title + ' · ' : ''}helsegraf explorer`;
  viewEl.removeAttribute('aria-busy');
  viewEl.dataset.viewReady = result && result.error ? 'error' : result && result.status === 404 ? 'notfound' : route.view;
  if (!how.initial) {
    const h1 = root.querySelector('h1');
    if (h1 && !route.hash) { window.scrollTo(0, 0); h1.focus({ preventScroll: true }); }
    announcer.textContent = document.title;
  }
  if (route.hash && route.view === 'text') documentView.scrollToHash(route.hash);
}

initSearch(document.getElementById('search'));
startRouter(show);
