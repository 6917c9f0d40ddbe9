// The page's four views and the URL that says which one shows and what it shows: / (Lookup, with
// ?trace=<id> for one trace), /?view=traces&... (Traces: the search is the query string, so a search is a
// link to share and the back button returns to it), /?view=services&range=... (Services) and /?view=faults
// (the injected faults). Moving between them pushes a history entry; the back and forward buttons replay
// the URL. The injected faults are read for the whole page: every answer and trace carries a banner while
// any is on.

import { byTestId } from './dom.js';
import * as lookupView from './lookup-view.js';
import * as tracesView from './traces-view.js';
import * as servicesView from './services-view.js';
import * as faultsView from './faults-view.js';
import * as faultBanner from './fault-banner.js';
import * as injectedFaults from './injected-faults.js';

const VIEWS = { lookup: lookupView, traces: tracesView, services: servicesView, faults: faultsView };
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

/** A link to a view, in the bar of views or elsewhere (data-page-link: the banner's), moves within the page. */
function onViewLink(event) {
  const link = event.target.closest('a[data-view-link], a[data-page-link]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
}

async function start() {
  document.addEventListener('click', onViewLink);
  window.addEventListener('popstate', route);
  faultBanner.init();
  const ready = Promise.allSettled([lookupView.init(navigate), tracesView.init(navigate), servicesView.init(navigate),
    faultsView.init()]);
  injectedFaults.start();
  route();
  await ready;
  document.documentElement.dataset.ready = 'true';
}

start();
