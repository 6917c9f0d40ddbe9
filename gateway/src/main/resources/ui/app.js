// The page's three views and the URL that says which one shows and what it shows: / (Lookup, with
// ?trace=<id> for one trace), /?view=traces&... (Traces: the search is the query string, so a search is a
// link to share and the back button returns to it) and /?view=services&range=... (Services). Moving
// between them pushes a history entry; the back and forward buttons replay the URL.

import { byTestId } from './dom.js';
import * as lookupView from './lookup-view.js';
import * as tracesView from './traces-view.js';
import * as servicesView from './services-view.js';

const VIEWS = { lookup: lookupView, traces: tracesView, services: servicesView };
let current = null;

/** Goes to a URL of this page (a path and query string) as a link would, keeping the history. */
export function navigate(url) {
  history.pushState(null, '', url);
  route();
}

function route() {
  const params = new URLSearchParams(location.search);
  const name = Object.hasOwn(VIEWS, params.get('view')) ? params.get('view') : 'lookup';
  if (current && current !== name) VIEWS[current].hide();
  current = name;
  for (const main of document.querySelectorAll('main[data-view]')) main.hidden = main.dataset.view !== name;
  for (const link of document.querySelectorAll('[data-view-link]')) {
    if (link.dataset.viewLink === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  VIEWS[name].show(params);
}

function onViewLink(event) {
  const link = event.target.closest('a[data-view-link]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
}

async function start() {
  byTestId('views').addEventListener('click', onViewLink);
  window.addEventListener('popstate', route);
  const ready = Promise.allSettled([lookupView.init(navigate), tracesView.init(navigate), servicesView.init(navigate)]);
  route();
  await ready;
  document.documentElement.dataset.ready = 'true';
}

start();
