// The search box: a type-ahead combobox (WAI-ARIA 1.2 pattern) over GraphQL `search`.
import { h, clear, snippet, debounce, truncate } from './dom.js';
import { gqlBody, notices } from './gql.js';
import { SEARCH } from './queries.js';
import { entityPath, kindInfo } from './kinds.js';
import { kindIcon } from './views/common.js';
import { navigate } from './router.js';

export function initSearch(form) {
  const input = form.querySelector('input');
  const list = form.querySelector('[role=listbox]');
  const status = form.querySelector('.search-status');
  let hits = [];
  let active = -1;
  let controller = null;
  let lastText = '';
  let guessed = false; // the options are the closest names to a search that found nothing

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const open = () => {
    if (!hits.length) return close();
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  const setActive = (i) => {
    const opts = list.querySelectorAll('[role=option]');
    opts.forEach((o) => o.setAttribute('aria-selected', 'false'));
    active = i;
    if (i >= 0 && opts[i]) {
      opts[i].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', opts[i].id);
      opts[i].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const go = (hit) => {
    close();
    input.value = '';
    navigate(entityPath(hit.kind, hit.node.id));
  };

  const render = () => {
    clear(list);
    hits.forEach((x, i) => {
      const info = kindInfo(x.kind);
      const li = h('li', { role: 'option', id: `q-opt-${i}`, 'aria-selected': 'false', class: 'option', 'data-kind': x.kind },
        h('span', { class: 'opt-kind' }, kindIcon(x.kind), info.name),
        h('span', { class: 'opt-name', lang: 'nb' }, truncate(x.node.name || x.node.id, 90)),
        x.field && x.field !== 'name' ? h('span', { class: 'opt-snippet', lang: 'nb' }, snippet(x.snippet)) : null);
      li.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the input
      li.addEventListener('click', () => go(x));
      list.append(li);
    });
    status.textContent = !hits.length ? 'No suggestions.'
      : guessed ? `No match. Did you mean one of ${hits.length} close names? Use the up and down arrows to choose.`
        : `${hits.length} suggestions; use the up and down arrows to choose.`;
    if (guessed && hits.length) list.prepend(h('li', { role: 'presentation', class: 'did-you-mean' }, 'Did you mean'));
    open();
  };

  const lookup = debounce(async () => {
    const text = input.value.trim();
    if (text === lastText) return;
    lastText = text;
    if (controller) controller.abort();
    if (text.length < 2) {
      hits = [];
      close();
      return;
    }
    controller = new AbortController();
    form.setAttribute('aria-busy', 'true');
    try {
      const body = await gqlBody(SEARCH, { text, limit: 8 }, { signal: controller.signal });
      if (input.value.trim() !== text) return;
      hits = body.data.search || [];
      // nothing found: offer the API's closest names instead (marked as such)
      guessed = !hits.length;
      if (guessed) {
        hits = notices(body, 'NOT_FOUND').flatMap((n) => n.suggestions || [])
          .map((s) => ({ kind: s.kind, field: 'name', node: { id: s.id, name: s.name } }));
      }
      render();
    } catch (e) {
      if (e.name === 'AbortError') return;
      hits = [];
      close();
      status.textContent = `Search failed: ${e.message}`;
    } finally {
      form.removeAttribute('aria-busy');
    }
  }, 150);

  input.addEventListener('input', () => lookup());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (list.hidden) { open(); if (!hits.length) return; }
      setActive(Math.min(hits.length - 1, active + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(-1, active - 1));
    } else if (e.key === 'Enter') {
      if (!list.hidden && active >= 0 && hits[active]) {
        e.preventDefault();
        go(hits[active]);
      }
    } else if (e.key === 'Escape') {
      if (!list.hidden) { e.preventDefault(); close(); } else input.value = '';
    } else if (e.key === 'Home' || e.key === 'End') {
      // leave caret movement to the input
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 120));
  input.addEventListener('focus', () => { if (hits.length && input.value.trim() === lastText) open(); });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    close();
    navigate(`/explore/search?q=${encodeURIComponent(text)}`);
  });
}
