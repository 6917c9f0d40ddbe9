// The lookup's answer: a summary, whether the locations agree per record type, one card per location.
// Every DNS value is rendered as text: a TXT record may hold "<script>" and must be shown, not run.

import { h, fill } from './dom.js';
import { millis, plural } from './format.js';
import { tailoring, sentSubnet, subnetText } from './client-subnet.js';

const VERDICT_TEXT = { same: 'same everywhere', differ: 'differs', incomplete: 'incomplete' };
/**
 * Differing answers mean two different things: each location got the answer chosen for its network
 * (geo-DNS doing its job), or the servers disagree (what a propagation check is looking for).
 */
const DIFFER_TAILORED = 'differs — tailored by location';
const DIFFER_NOT_TAILORED = 'differs — not tailored';
/** What an answer without records means, for people who do not read rcodes every day. */
const RCODE_TEXT = {
  NODATA: 'no records of this type',
  NXDOMAIN: 'the name does not exist',
  SERVFAIL: 'the server failed',
  REFUSED: 'the server refused',
  TIMEOUT: 'no answer from the resolver',
};
/** Longer values (TXT, mostly) may break anywhere; addresses stay whole. */
const LONG_VALUE = 40;

/** @param labels location name → {label, resolver, client_subnet, ecs} from GET /api/v1/locations */
export function renderAnswer(section, report, labels) {
  fill(section,
    summary(report),
    h('h2', { class: 'section-title', id: 'agreement-title' }, 'Agreement across locations'),
    agreement(report),
    h('h2', { class: 'section-title' }, 'Answers per location'),
    h('div', { class: 'cards' },
      Object.entries(report.results ?? {}).map(([name, result]) =>
        locationCard(name, result, report.record_types ?? [], labels.get(name)))));
  section.hidden = false;
}

function summary(report) {
  const traceId = report.trace_id;
  return h('dl', { class: 'summary', dataset: { testid: 'answer-summary' } },
    item('domain', h('span', { class: 'mono', dataset: { testid: 'answer-domain' } }, report.domain)),
    item('status', badge(report.status, 'answer-status')),
    item('duration', h('span', { class: 'num' }, millis(report.duration_ms))),
    item('locations', String(Object.keys(report.results ?? {}).length)),
    item('trace', traceId
      ? h('a', { class: 'mono', href: `?trace=${encodeURIComponent(traceId)}`, dataset: { testid: 'answer-trace-id' } }, traceId)
      : h('span', { class: 'muted' }, 'not traced')));
}

function item(term, ...value) {
  return h('div', { class: 'summary__item' }, h('dt', {}, term), h('dd', {}, ...value));
}

function badge(status, testid) {
  return h('span', { class: `badge badge--${status}`, dataset: { testid } }, status);
}

function agreement(report) {
  const rows = (report.agreement ?? []).map((a) =>
    h('tr', { class: `agreement agreement--${a.verdict}`, dataset: { testid: 'agreement-row', recordType: a.record_type } },
      h('th', { scope: 'row', class: 'mono' }, a.record_type),
      h('td', {}, h('span', { class: `verdict verdict--${a.verdict}${a.verdict === 'differ' && a.tailored ? ' verdict--tailored' : ''}`,
        dataset: { testid: 'agreement-verdict', verdict: a.verdict, tailored: String(a.tailored === true) } },
      verdictText(a))),
      h('td', {}, groupList(a))));
  return h('table', { class: 'agreement-table', 'aria-labelledby': 'agreement-title', dataset: { testid: 'agreement' } },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'type'), h('th', { scope: 'col' }, 'verdict'),
      h('th', { scope: 'col' }, 'who got what'))),
    h('tbody', {}, rows));
}

function verdictText(a) {
  if (a.verdict === 'differ') return a.tailored === true ? DIFFER_TAILORED : DIFFER_NOT_TAILORED;
  return VERDICT_TEXT[a.verdict] ?? a.verdict;
}

/** For "same" one line; for "differ" a line per distinct answer with the locations that got it. */
function groupList(a) {
  const lines = a.groups.map((g) => h('li', { class: 'group', dataset: { testid: 'agreement-group' } },
    h('span', { class: 'group__where' }, a.verdict === 'same' ? 'all' : g.locations.join(', ')),
    h('span', { class: 'group__what' }, outcome(g.rcode, g.answers))));
  if (a.missing.length > 0) {
    lines.push(h('li', { class: 'group group--missing' },
      h('span', { class: 'group__where' }, a.missing.join(', ')),
      h('span', { class: 'group__what muted' }, 'no answer (timed out)')));
  }
  return h('ul', { class: 'groups' }, lines);
}

function outcome(rcode, answers) {
  if (rcode === 'NOERROR' && answers.length > 0) {
    return answers.map((v) => value(v, 'agreement-value'));
  }
  return h('span', { class: `rcode rcode--${rcode}` }, rcode === 'NODATA' ? 'NODATA (no records)' : rcode);
}

function value(text, testid) {
  return h('span', { class: `value mono${text.length > LONG_VALUE ? ' value--long' : ''}`, dataset: { testid } }, text);
}

function locationCard(name, result, recordTypes, info) {
  const timedOut = result.status === 'timeout';
  const subnet = subnetText(info, sentSubnet(result.records));
  return h('article', { class: `card card--${result.status}`, 'aria-label': `${name}: ${result.status}`,
    dataset: { testid: 'location-card', location: name } },
  h('header', { class: 'card__head' },
    h('div', { class: 'card__title' },
      h('h3', {}, info?.label ?? name),
      h('span', { class: 'mono muted' }, info?.label && info.label !== name ? name : '', info?.resolver ? ` · ${info.resolver}` : ''),
      subnet ? h('span', { class: 'mono muted card__subnet', dataset: { testid: 'location-subnet' } }, subnet) : null),
    h('div', { class: 'card__meta' },
      badge(result.status, 'location-status'),
      h('span', { class: 'num muted', title: 'processing time in the worker' },
        result.processing_time_ms === null || result.processing_time_ms === undefined
          ? '' : millis(result.processing_time_ms)))),
  result.error
    ? h('p', { class: 'card__error', dataset: { testid: 'location-error' } }, result.error)
    : null,
  timedOut && Object.keys(result.records ?? {}).length === 0
    ? h('p', { class: 'muted card__empty' }, 'No records: this location did not answer in time.')
    : recordTable(result.records ?? {}, recordTypes));
}

function recordTable(records, recordTypes) {
  // The requested order first, then anything else the worker sent.
  const types = [...recordTypes, ...Object.keys(records).filter((t) => !recordTypes.includes(t))];
  return h('table', { class: 'records' },
    h('thead', { class: 'visually-hidden' }, h('tr', {},
      h('th', { scope: 'col' }, 'type'), h('th', { scope: 'col' }, 'rcode and ECS scope'), h('th', { scope: 'col' }, 'answers and TTLs'))),
    h('tbody', {}, types.map((type) => recordRow(type, records[type]))));
}

function recordRow(type, lookup) {
  if (!lookup) {
    return h('tr', { dataset: { testid: 'record', recordType: type } },
      h('th', { scope: 'row', class: 'mono' }, type), h('td', { class: 'muted', colspan: 2 }, 'no outcome'));
  }
  const answers = lookup.answers ?? [];
  return h('tr', { dataset: { testid: 'record', recordType: type } },
    h('th', { scope: 'row', class: 'mono' }, type),
    h('td', { class: 'records__rcode' },
      h('span', { class: `rcode rcode--${lookup.rcode}`, dataset: { testid: 'rcode' } }, lookup.rcode),
      ecsMark(tailoring(lookup))),
    h('td', {},
      answers.length > 0
        ? h('ul', { class: 'answers' }, answers.map((a) => h('li', {},
          value(a.value, 'answer-value'),
          h('span', { class: 'ttl num muted', title: 'TTL in seconds' }, `${a.ttl}s`))))
        : h('span', { class: 'muted' }, lookup.error ?? RCODE_TEXT[lookup.rcode] ?? '—'),
      answers.length > 0 && lookup.error ? h('p', { class: 'card__error' }, lookup.error) : null));
}

/** Whether this answer was chosen for the location's network: text in the mark, the reading in its title. */
function ecsMark(mark) {
  if (!mark) return null;
  return h('span', { class: `ecs ecs--${mark.kind}`, title: mark.title, dataset: { testid: 'answer-ecs', ecs: mark.kind } },
    mark.text);
}

export function describe(report) {
  const locations = Object.values(report.results ?? {});
  const timedOut = locations.filter((r) => r.status === 'timeout').length;
  return `Looked up ${report.domain} from ${plural(locations.length, 'location')} in ${millis(report.duration_ms)}: `
    + `${report.status}${timedOut ? `, ${timedOut} timed out` : ''}.`;
}
