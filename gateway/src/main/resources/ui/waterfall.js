// The trace as a waterfall: one row per span in tree order (the gateway already laid it out),
// indented by depth, its bar on the trace's time axis. A row is a button: click, Enter or Space
// opens the span's details right under it. A failed span is drawn red; a span where an injected
// fault acted (its feature_flag.evaluation event) is marked with the fault, and its details say
// first why it failed: the status message, error.type, the exception and the flag that acted.

import { h, fill } from './dom.js';
import { micros, plural, attributeText } from './format.js';

const PALETTE_SIZE = 8;
/** Narrower bars would vanish; in % of the track, roughly 2 px on a phone. */
const MIN_BAR_PERCENT = 0.4;
const TICKS = [0, 0.25, 0.5, 0.75, 1];
/** The OpenTelemetry semantic conventions' names of what the error part of the details shows. */
const FLAG_EVENT = 'feature_flag.evaluation';
const EXCEPTION_EVENT = 'exception';

let selectedSpanId = null;
let shownTraceId = null;

/**
 * Colours stay the same for a service from one trace to the next: gateway and orchestrator first,
 * then every other service in name order (the workers, whatever order their spans arrived in).
 */
export function serviceColours(services) {
  const fixed = ['dns-gateway', 'dns-orchestrator'];
  const others = services.filter((s) => !fixed.includes(s)).sort();
  const colours = new Map();
  fixed.forEach((s, i) => {
    if (services.includes(s)) colours.set(s, i);
  });
  others.forEach((s, i) => colours.set(s, (fixed.length + i) % PALETTE_SIZE));
  return colours;
}

/** Draws (or redraws, while spans keep arriving) the trace into container; keeps the open details. */
export function renderTrace(container, view) {
  if (view.trace_id !== shownTraceId) {
    shownTraceId = view.trace_id;
    selectedSpanId = null;
  }
  const colours = serviceColours(view.services);
  const total = Math.max(view.duration_us, 1);
  const byId = new Map(view.spans.map((s) => [s.span_id, s]));
  const rows = view.spans.map((span) => row(span, total, colours, byId));
  // Redraws come while the user may be moving through the rows with the keyboard: keep their place.
  const focusedSpanId = document.activeElement?.closest?.('.wf-row')?.dataset.spanId;
  fill(container,
    summary(view),
    legend(view, colours),
    h('div', { class: 'waterfall', dataset: { testid: 'waterfall' } },
      axis(total),
      h('ol', { class: 'wf-rows', 'aria-label': 'spans in tree order' }, rows)));
  container.hidden = false;
  const selected = rows.find((li) => li.firstChild.dataset.spanId === selectedSpanId);
  if (selected) select(selected, byId, colours);
  rows.find((li) => li.firstChild.dataset.spanId === focusedSpanId)?.firstChild.focus();
}

function summary(view) {
  const started = view.start_time ? view.start_time.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1 UTC') : '';
  const errors = view.spans.filter((s) => s.status === 'error').length;
  // From the trace itself, unlike the banner: true of this trace whenever it is opened, whatever is on now.
  const faulted = view.spans.filter((s) => flagOf(s) !== null).length;
  return h('p', { class: 'trace-summary', dataset: { testid: 'trace-summary' } },
    h('span', {}, plural(view.services.length, 'service')),
    h('span', {}, plural(view.span_count, 'span')),
    h('span', {}, `${micros(view.duration_us)} total`),
    errors ? h('span', { class: 'is-error', dataset: { testid: 'trace-error-count' } }, plural(errors, 'error span')) : null,
    faulted ? h('span', { class: 'is-fault', dataset: { testid: 'trace-fault-count' } },
      `an injected fault acted on ${plural(faulted, 'span')}`) : null,
    started ? h('span', { class: 'muted' }, `started ${started}`) : null,
    /^https?:\/\//i.test(view.jaeger_ui_url ?? '')
      ? h('a', { href: view.jaeger_ui_url, target: '_blank', rel: 'noopener noreferrer', dataset: { testid: 'jaeger-link' } },
        'open in Jaeger UI ↗')
      : null);
}

function legend(view, colours) {
  const counts = new Map();
  for (const s of view.spans) counts.set(s.service, (counts.get(s.service) ?? 0) + 1);
  return h('ul', { class: 'legend', 'aria-label': 'services', dataset: { testid: 'trace-legend' } },
    [...colours.entries()].map(([service, colour]) => h('li', { class: `svc-${colour}`, dataset: { service } },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }),
      h('span', { class: 'mono' }, service),
      h('span', { class: 'muted num' }, String(counts.get(service) ?? 0)))));
}

function axis(total) {
  return h('div', { class: 'wf-head', 'aria-hidden': 'true' },
    h('span', { class: 'wf-head__name' }, 'span'),
    h('span', { class: 'wf-head__kind' }, 'kind'),
    h('span', { class: 'wf-axis' }, TICKS.map((t) => {
      const tick = h('span', { class: 'wf-tick' }, micros(total * t));
      tick.style.setProperty('--x', `${t * 100}%`);
      return tick;
    })));
}

function row(span, total, colours, byId) {
  const x = (span.start_offset_us / total) * 100;
  const w = Math.max((span.duration_us / total) * 100, MIN_BAR_PERCENT);
  const error = span.status === 'error';
  const flag = flagOf(span);
  const flagKey = flag ? attributeText(flag.attributes?.['feature_flag.key'] ?? 'a fault') : null;
  const dataset = { testid: 'span-row', spanId: span.span_id, spanName: span.name, service: span.service,
    kind: span.kind, status: span.status };
  if (flagKey) dataset.fault = flagKey;
  const button = h('button', {
    type: 'button',
    class: `wf-row svc-${colours.get(span.service)}${error ? ' wf-row--error' : ''}`,
    'aria-expanded': 'false',
    dataset,
  },
  h('span', { class: 'wf-name' },
    h('span', { class: 'swatch', 'aria-hidden': 'true' }),
    h('span', { class: 'wf-op' }, span.name),
    h('span', { class: 'wf-service' }, span.service),
    flagKey ? h('span', { class: 'wf-fault-mark', title: `the injected fault ${flagKey} acted here`,
      dataset: { testid: 'span-fault-mark' } }, `⚠ ${flagKey}`) : null,
    error ? h('span', { class: 'wf-error-mark', title: span.status_message ?? 'error', dataset: { testid: 'span-error-mark' } },
      'error') : null),
  h('span', { class: `kind kind--${span.kind}`, dataset: { testid: 'span-kind' } }, span.kind),
  h('span', { class: 'wf-track' },
    h('span', { class: 'wf-bar', dataset: { testid: 'span-bar' } }),
    h('span', { class: 'wf-dur num' }, micros(span.duration_us))));
  button.style.setProperty('--depth', String(span.depth));
  const track = button.lastChild;
  track.style.setProperty('--x', `${x}%`);
  track.style.setProperty('--w', `${w}%`);
  // The duration label goes after the bar; before it when the bar ends near the right edge; inside
  // it when the bar spans nearly the whole trace.
  if (x + w > 75) track.classList.add(x > 15 ? 'wf-track--label-before' : 'wf-track--label-inside');
  const li = h('li', {}, button);
  button.addEventListener('click', () => {
    if (selectedSpanId === span.span_id) {
      deselect();
    } else {
      selectedSpanId = span.span_id;
      select(li, byId, colours);
    }
  });
  return li;
}

function deselect() {
  selectedSpanId = null;
  document.getElementById('span-details')?.remove();
  for (const b of document.querySelectorAll('.wf-row[aria-expanded="true"]')) b.setAttribute('aria-expanded', 'false');
}

function select(li, byId, colours) {
  deselect();
  const button = li.firstChild;
  const span = byId.get(button.dataset.spanId);
  selectedSpanId = span.span_id;
  button.setAttribute('aria-expanded', 'true');
  button.setAttribute('aria-controls', 'span-details');
  li.append(details(span, byId, colours));
}

function details(span, byId, colours) {
  const parent = span.parent_span_id ? byId.get(span.parent_span_id) : null;
  const attributes = Object.entries(span.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return h('div', { id: 'span-details', class: `details svc-${colours.get(span.service)}`, role: 'region',
    'aria-label': `details of ${span.name}`, dataset: { testid: 'span-details' } },
  h('dl', { class: 'details__facts' },
    fact('name', span.name, 'mono'),
    fact('service', span.service, 'mono'),
    fact('kind', span.kind),
    fact('span id', span.span_id, 'mono'),
    fact('parent', span.parent_span_id
      ? `${parent ? `${parent.name} · ` : ''}${span.parent_span_id}${parent ? '' : ' (not in the trace)'}`
      : '— (root)', 'mono'),
    fact('start', `+${micros(span.start_offset_us)}`, 'num'),
    fact('duration', micros(span.duration_us), 'num'),
    fact('status', span.status_message ? `${span.status}: ${span.status_message}` : span.status,
      span.status === 'error' ? 'is-error' : '', 'span-status')),
  whyItFailed(span),
  h('h4', {}, `Attributes (${attributes.length})`),
  attributes.length === 0 ? h('p', { class: 'muted' }, 'none') : h('table', { class: 'kv', dataset: { testid: 'span-attributes' } },
    h('tbody', {}, attributes.map(([key, value]) => h('tr', {},
      h('th', { scope: 'row', class: 'mono' }, key),
      h('td', { class: 'mono' }, attributeText(value)))))),
  h('h4', {}, `Events (${span.events?.length ?? 0}${span.events_dropped ? `, and ${span.events_dropped} more not shown` : ''})`),
  (span.events?.length ?? 0) === 0 ? h('p', { class: 'muted' }, 'none') : h('ul', { class: 'events', dataset: { testid: 'span-events' } },
    span.events.map((event) => h('li', {},
      h('span', { class: 'num' }, `+${micros(event.offset_us)}`), ' ',
      h('strong', {}, event.name),
      Object.keys(event.attributes ?? {}).length === 0 ? null : h('table', { class: 'kv' },
        h('tbody', {}, Object.entries(event.attributes).map(([key, value]) => h('tr', {},
          h('th', { scope: 'row', class: 'mono' }, key),
          h('td', { class: 'mono' }, attributeText(value))))))))));
}

/**
 * Why the span failed, in one place under its status: error.type, the exception recorded and, when an injected fault
 * acted, which flag and with what result. Null for a span with none of them.
 */
function whyItFailed(span) {
  const flag = flagOf(span);
  const exception = (span.events ?? []).find((e) => e.name === EXCEPTION_EVENT) ?? null;
  const errorType = span.attributes?.['error.type'];
  if (!flag && !exception && errorType === undefined) return null;
  const flagAttributes = flag?.attributes ?? {};
  const exceptionAttributes = exception?.attributes ?? {};
  const text = (value) => (value === undefined || value === null ? null : attributeText(value));
  const exceptionText = [text(exceptionAttributes['exception.type']), text(exceptionAttributes['exception.message'])]
    .filter(Boolean).join(': ');
  return h('section', { class: 'details__why', 'aria-label': 'why it failed', dataset: { testid: 'span-error' } },
    h('h4', {}, flag ? 'Injected fault' : 'Error'),
    h('dl', { class: 'details__facts' },
      errorType !== undefined ? fact('error.type', attributeText(errorType), 'mono', 'span-error-type') : null,
      exception ? fact('exception', exceptionText || 'recorded, without a message', 'mono', 'span-exception-message') : null,
      flag ? fact('fault flag', [text(flagAttributes['feature_flag.key']) ?? '(no key)',
        text(flagAttributes['feature_flag.result.variant']), text(flagAttributes['feature_flag.result.value'])]
        .filter(Boolean).join(' · '), 'mono is-fault', 'span-fault-flag') : null));
}

/** The span's feature_flag.evaluation event: recorded only where an injected fault acted. */
function flagOf(span) {
  return (span.events ?? []).find((e) => e.name === FLAG_EVENT) ?? null;
}

function fact(term, value, cls = '', testid = null) {
  return h('div', {}, h('dt', {}, term), h('dd', { class: cls, dataset: testid ? { testid } : undefined }, value));
}
