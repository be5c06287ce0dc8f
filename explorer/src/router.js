// Client-side routes under /explore (the server answers every /explore/... path with the page).
import { kindFromSegment } from './kinds.js';

export function parseRoute(loc = window.location) {
  const path = loc.pathname.replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(loc.search);
  if (path === '/' || path === '/explore') return { view: 'landing' };
  if (path === '/explore/search') return { view: 'search', q: params.get('q') || '' };
  const m = /^\/explore\/([a-z-]+)\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
  if (m) {
    const kind = kindFromSegment(m[1]);
    let id;
    try {
      id = decodeURIComponent(m[2]);
    } catch {
      id = m[2];
    }
    if (kind) {
      const tab = m[3] || 'overview';
      if (['overview', 'responsibility', 'measures', 'text'].includes(tab)) {
        return { view: tab, kind, id, hash: loc.hash.slice(1) };
      }
    }
  }
  return { view: 'notfound', path };
}

let onChange = () => {};

export function startRouter(handler) {
  onChange = handler;
  window.addEventListener('popstate', () => onChange(parseRoute(), { pop: true }));
  // Same-origin links to explorer routes are handled here; everything else (RDF downloads,
  // GraphiQL, external sources) is left to the browser.
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    if (!(url.pathname === '/' || url.pathname === '/explore' || url.pathname.startsWith('/explore/'))) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  onChange(parseRoute(), { initial: true });
}

export function navigate(href, { replace = false } = {}) {
  const url = new URL(href, window.location.href);
  const same = url.pathname === window.location.pathname && url.search === window.location.search;
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  if (same && url.hash) {
    onChange(parseRoute(), { hashOnly: true });
    return;
  }
  onChange(parseRoute(), {});
}
