// The Traces view: find traces by service, operation, tags, duration and time, as Jaeger's search page
// does. The form's state is the URL's query string (?view=traces&service=...&min_duration=...), so a
// search can be shared and the back button returns to it. Results: the traces as points of duration
// against start time, and a table, newest first; a click on either opens that trace's waterfall.

import * as api from './api.js';
import { h, fill, byTestId } from './dom.js';
import { traceScatter } from './charts.js';
import { plural, micros } from './format.js';

/** The form's fields that travel in the URL, in the order they are written there. */
const FIELDS = ['service', 'operation', 'domain', 'status', 'location', 'errors', 'tags',
  'min_duration', 'max_duration', 'lookback', 'start', 'end', 'limit'];
const DURATION = /^\d+(\.\d+)?(ns|us|µs|ms|s|m|h)$/;
const TAG = /^[a-z0-9_.]{1,64}=\S{1,200}$/;
const DEFAULT_SERVICE = 'dns-gateway';

let navigate = null;
let shownQuery = null;
let searching = null;

export async function init(navigateTo) {
  navigate = navigateTo;
  const form = byTestId('search-form');
  form.addEventListener('submit', onSubmit);
  form.elements.lookback.addEventListener('change', showCustomRange);
  form.elements.service.addEventListener('change', () => loadOperations(form.elements.service.value, ''));
  await Promise.allSettled([loadServices(), loadLocations()]);
}

export function show(params) {
  const form = byTestId('search-form');
  writeForm(form, params);
  const query = params.toString();
  if (query === shownQuery) return; // back to the same search: its results are still there
  search(form, params);
}

export function hide() {
  searching?.abort();
}

async function loadServices() {
  const select = byTestId('search-service');
  let names = [DEFAULT_SERVICE];
  try {
    names = (await api.services()).services;
  } catch (e) {
    say(`Could not load the services (${e.message}).`);
  }
  const wanted = new URLSearchParams(location.search).get('service') || DEFAULT_SERVICE;
  fill(select, (names.includes(wanted) ? names : [wanted, ...names]).map((name) => h('option', { value: name }, name)));
  select.value = wanted;
  await loadOperations(wanted, new URLSearchParams(location.search).get('operation') || '');
}

async function loadOperations(service, wanted) {
  const select = byTestId('search-operation');
  let operations = [];
  try {
    operations = (await api.operations(service)).operations.map((o) => o.name);
  } catch {
    // the search still works without the list: "all" stays
  }
  if (wanted && !operations.includes(wanted)) operations.unshift(wanted);
  fill(select, h('option', { value: '' }, 'all'), [...new Set(operations)].sort().map((o) => h('option', { value: o }, o)));
  select.value = wanted;
}

async function loadLocations() {
  try {
    const { locations } = await api.locations();
    const select = byTestId('search-location');
    select.append(...locations.map((l) => h('option', { value: l.name }, l.name)));
    select.value = new URLSearchParams(location.search).get('location') || '';
  } catch {
    // the location filter stays at "any"; the free tags still take worker.location=...
  }
}

function onSubmit(event) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  const params = readForm(form);
  const errors = check(params);
  if (errors.length) {
    showErrors(form, errors);
    return;
  }
  navigate(`/?${params.toString()}`);
}

/** The form as the URL writes it: view=traces, then each field that is not empty or its default. */
function readForm(form) {
  const params = new URLSearchParams({ view: 'traces' });
  for (const name of FIELDS) {
    const field = form.elements[name];
    let value = field.type === 'checkbox' ? (field.checked ? '1' : '') : field.value.trim();
    if ((name === 'start' || name === 'end') && form.elements.lookback.value !== 'custom') value = '';
    if (name === 'start' || name === 'end') value = value && localToIso(value);
    if (value) params.set(name, value);
  }
  return params;
}

function writeForm(form, params) {
  for (const name of FIELDS) {
    const field = form.elements[name];
    const value = params.get(name) ?? '';
    if (field.type === 'checkbox') field.checked = value === '1';
    else if (name === 'start' || name === 'end') field.value = value ? isoToLocal(value) : '';
    else if (name === 'lookback') field.value = value || (params.get('start') ? 'custom' : '1h');
    else if (name === 'limit') field.value = value || '20';
    else if (field.tagName === 'SELECT' && value && ![...field.options].some((o) => o.value === value)) {
      field.append(h('option', { value }, value));
      field.value = value;
    } else field.value = name === 'service' ? value || DEFAULT_SERVICE : value;
  }
  showCustomRange();
}

function showCustomRange() {
  const custom = byTestId('search-lookback').value === 'custom';
  for (const label of document.querySelectorAll('[data-custom-range]')) label.hidden = !custom;
}

/** What the page can tell before asking: [{field, reason}] in the API's own field names. */
function check(params) {
  const errors = [];
  for (const name of ['min_duration', 'max_duration']) {
    const value = params.get(name);
    if (value && !DURATION.test(value)) errors.push({ field: name, reason: 'a duration such as 250ms, 1.5s or 2m' });
  }
  const tags = (params.get('tags') ?? '').split(/\s+/).filter(Boolean);
  const badTag = tags.find((t) => !TAG.test(t));
  if (badTag) errors.push({ field: 'tag', reason: `"${badTag}" is not key=value (a key of a-z, 0-9, _ and .)` });
  const limit = Number(params.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) errors.push({ field: 'limit', reason: 'a whole number from 1 to 200' });
  if (params.get('lookback') === 'custom') {
    const start = Date.parse(params.get('start') ?? '');
    const end = Date.parse(params.get('end') ?? '');
    if (Number.isNaN(start)) errors.push({ field: 'start', reason: 'choose when the range starts' });
    if (Number.isNaN(end)) errors.push({ field: 'end', reason: 'choose when the range ends' });
    if (start >= end) errors.push({ field: 'end', reason: 'the end must come after the start' });
  }
  return errors;
}

/** The URL's search as the gateway's API takes it: the page's fields become tags. */
function apiQuery(params) {
  const pairs = [['service', params.get('service') || DEFAULT_SERVICE]];
  const copy = (name) => params.get(name) && pairs.push([name, params.get(name)]);
  copy('operation');
  if (params.get('domain')) pairs.push(['tag', `dns.domain=${params.get('domain').toLowerCase()}`]);
  if (params.get('status')) pairs.push(['lookup_status', params.get('status')]);
  if (params.get('location')) pairs.push(['tag', `worker.location=${params.get('location')}`]);
  if (params.get('errors') === '1') pairs.push(['tag', 'error=true']);
  for (const tag of (params.get('tags') ?? '').split(/\s+/).filter(Boolean)) pairs.push(['tag', tag]);
  copy('min_duration');
  copy('max_duration');
  if (params.get('lookback') === 'custom' || (!params.get('lookback') && params.get('start'))) {
    copy('start');
    copy('end');
  } else {
    pairs.push(['lookback', params.get('lookback') || '1h']);
  }
  pairs.push(['limit', params.get('limit') || '20']);
  return pairs;
}

async function search(form, params) {
  searching?.abort();
  const controller = new AbortController();
  searching = controller;
  clearErrors(form);
  const errors = check(params);
  if (errors.length) {
    showErrors(form, errors);
    return;
  }
  form.setAttribute('aria-busy', 'true');
  say('Searching…');
  try {
    const answer = await api.searchTraces(apiQuery(params), controller.signal);
    shownQuery = params.toString();
    render(answer);
  } catch (e) {
    if (controller.signal.aborted) return;
    shownQuery = null;
    byTestId('search-results').hidden = true;
    if (e.fieldErrors?.length) {
      showErrors(form, e.fieldErrors);
      say('The search was rejected: see the messages at the fields.');
    } else {
      say(`The search failed: ${e.message}`);
    }
  } finally {
    form.setAttribute('aria-busy', 'false');
  }
}

function render({ traces, limit, complete, searched }) {
  const results = byTestId('search-results');
  results.hidden = traces.length === 0;
  const more = traces.length >= limit ? ` (the newest ${limit}: raise the limit for more)`
    : complete === false ? ` (among the newest ${searched} traces of the range: narrow the range for older ones)` : '';
  say(traces.length === 0 ? `No trace matches${more}.` : `${plural(traces.length, 'trace')}, newest first${more}.`);
  if (traces.length === 0) return;
  traceScatter(byTestId('traces-scatter'), traces, (t) => navigate(`/?trace=${t.trace_id}`));
  fill(byTestId('traces-table').tBodies[0], traces.map(row));
}

function row(trace) {
  const failed = trace.error_spans > 0;
  const link = h('a', { href: `/?trace=${trace.trace_id}`, class: 'mono', dataset: { testid: 'trace-link' } },
    trace.start.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1'));
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(`/?trace=${trace.trace_id}`);
  });
  return h('tr', { dataset: { testid: 'trace-row', traceId: trace.trace_id } },
    h('td', {}, link),
    h('td', { class: 'mono' }, trace.domain ?? '–'),
    h('td', {}, trace.lookup_status
      ? h('span', { class: `badge badge--${trace.lookup_status}` }, trace.lookup_status) : '–'),
    h('td', { class: 'num' }, micros(trace.duration_ms * 1000)),
    h('td', { class: 'num' }, String(trace.span_count)),
    h('td', { class: 'services', title: trace.services.join(', ') }, `${trace.services.length}: ${inOrder(trace.services).map(short).join(', ')}`),
    h('td', { class: `num${failed ? ' bad' : ''}` }, String(trace.error_spans)));
}

/** Gateway and orchestrator first, then the workers by name: the same order on every row. */
function inOrder(services) {
  const first = ['dns-gateway', 'dns-orchestrator'].filter((s) => services.includes(s));
  return [...first, ...services.filter((s) => !first.includes(s)).sort()];
}

/** A service's name without the dns- every geodig service starts with, for a narrow column. */
function short(service) {
  return service.replace(/^dns-(worker-)?/, '');
}

/** The API's field names → the form's fields that show their errors. */
const FIELD_OF = { service: 'service', operation: 'operation', tag: 'tags', min_duration: 'min_duration',
  max_duration: 'max_duration', lookback: 'lookback', start: 'start', end: 'end', limit: 'limit' };

function showErrors(form, errors) {
  const general = [];
  for (const { field, reason } of errors) {
    const input = form.elements[FIELD_OF[field] ?? ''];
    if (!input) {
      general.push(`${field}: ${reason}`);
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    const label = input.closest('label');
    const message = h('span', { class: 'field-error', dataset: { testid: `search-error-${FIELD_OF[field]}` } }, reason);
    label.append(message);
  }
  fill(byTestId('search-error'), general.join(' '));
  form.querySelector('[aria-invalid="true"]')?.focus();
}

function clearErrors(form) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const message of form.querySelectorAll('.field-error')) message.remove();
  fill(byTestId('search-error'));
}

function say(text) {
  fill(byTestId('search-status-line'), text);
}

/** datetime-local has no zone: the user's own; the URL and the API take UTC (RFC 3339). */
function localToIso(local) {
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? local : time.toISOString();
}

function isoToLocal(iso) {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return '';
  const local = new Date(time.getTime() - time.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}
