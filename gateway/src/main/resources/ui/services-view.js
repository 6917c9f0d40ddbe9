// The Services view: the service map (from the traces), and per service its request rate, error % and
// latency percentiles, per location its task stream and its answers (from Prometheus, through the
// gateway's fixed queries), over a range the URL names (?view=services&range=15m). Redrawn every 15 s
// while shown. A click on a latency chart opens the Traces view on that moment.

import * as api from './api.js';
import { h, fill, byTestId } from './dom.js';
import { timeChart } from './charts.js';
import { renderServiceMap } from './service-map.js';
import { serviceColours } from './waterfall.js';

const RANGES = ['5m', '15m', '1h', '6h'];
const REFRESH_MS = 15_000;

let navigate = null;
let timer = null;
let loading = null;
let range = '15m';

export function init(navigateTo) {
  navigate = navigateTo;
  byTestId('services-range').addEventListener('change', (event) => navigate(`/?view=services&range=${event.target.value}`));
  document.addEventListener('visibilitychange', () => {
    if (!byTestId('services-view').hidden && !document.hidden) load();
  });
}

export function show(params) {
  range = RANGES.includes(params.get('range')) ? params.get('range') : '15m';
  byTestId('services-range').value = range;
  load();
}

export function hide() {
  clearTimeout(timer);
  loading?.abort();
}

async function load() {
  clearTimeout(timer);
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  fill(byTestId('services-status'), 'Loading…');
  const [map, services, locations] = await Promise.allSettled([
    api.serviceMap([['lookback', range]], controller.signal),
    api.serviceMetrics(range, controller.signal),
    api.locationMetrics(range, controller.signal),
  ]);
  if (controller.signal.aborted) return;
  const failures = [];
  show1(map, failures, 'service map', (value) => renderServiceMap(byTestId('service-map'), value));
  show1(services, failures, 'service metrics', renderServices);
  show1(locations, failures, 'location metrics', renderLocations);
  fill(byTestId('services-status'), failures.length ? failures.join(' ')
    : `Updated ${new Date().toLocaleTimeString()}; every 15 s while this view is open.`);
  byTestId('services-view').dataset.loaded = String(Date.now());
  timer = setTimeout(load, REFRESH_MS);
}

function show1(result, failures, what, render) {
  if (result.status === 'fulfilled') render(result.value);
  else failures.push(`No ${what}: ${result.reason.message}`);
}

/** uPlot's data: the series' times merged, each series' values aligned on them (null where absent). */
function aligned(seriesByLabel) {
  const times = [...new Set(seriesByLabel.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  return {
    times,
    series: seriesByLabel.map((s) => {
      const byTime = new Map(s.points.map(([t, v]) => [t, v]));
      return { label: s.label, colour: s.colour, values: times.map((t) => byTime.get(t) ?? null) };
    }),
  };
}

function chart(container, title, unit, seriesByLabel, onPick) {
  const { times, series } = aligned(seriesByLabel);
  if (times.length === 0) {
    fill(container, h('h3', { class: 'chart__title' }, title), h('p', { class: 'note' }, 'no data in this range yet'));
    container.dataset.points = '0';
    return;
  }
  timeChart(container, times, series, { title, unit, onPick });
}

function renderServices({ services, step_seconds: step }) {
  const colours = serviceColours(services.map((s) => s.service));
  const grid = byTestId('service-metrics');
  fill(grid, services.length ? [] : h('p', { class: 'note' }, 'No service has reported yet: make a lookup.'));
  for (const s of services) {
    const colour = `--svc-${colours.get(s.service)}`;
    const rate = h('div', { class: 'chart', dataset: { testid: 'chart-rate' } });
    const errors = h('div', { class: 'chart', dataset: { testid: 'chart-errors' } });
    const latency = h('div', { class: 'chart', dataset: { testid: 'chart-latency' } });
    grid.append(h('article', { class: 'metric-card', dataset: { testid: 'service-card', service: s.service } },
      h('h3', { class: 'metric-card__title' }, s.service), rate, errors, latency));
    chart(rate, 'requests / s', '/s', [{ label: 'requests', colour, points: s.request_rate }]);
    chart(errors, 'errors %', '%', [{ label: 'errors', colour: '--bad', points: s.error_percent }]);
    chart(latency, 'latency (ms)', 'ms', [
      { label: 'p50', colour: '--ok', points: s.latency_ms.p50 },
      { label: 'p95', colour: '--warn', points: s.latency_ms.p95 },
      { label: 'p99', colour: '--bad', points: s.latency_ms.p99 },
    ], ({ time, value }) => openTraces(s.service, time, step, value));
  }
}

/**
 * The traces behind a point of a latency chart: that service's, in the step around the time clicked,
 * at least as slow as the height clicked (rounded down, so the point's own traces are in).
 */
function openTraces(service, time, step, value) {
  const window = Math.max(step, 15);
  const params = new URLSearchParams({
    view: 'traces',
    service,
    lookback: 'custom',
    start: new Date((time - window) * 1000).toISOString(),
    end: new Date((time + window) * 1000).toISOString(),
    limit: '50',
  });
  if (value > 1) params.set('min_duration', `${Math.floor(value)}ms`);
  navigate(`/?${params.toString()}`);
}

function renderLocations({ locations }) {
  const grid = byTestId('location-metrics');
  fill(grid);
  for (const l of locations) {
    const stream = h('div', { class: 'chart', dataset: { testid: 'chart-stream' } });
    const answers = h('div', { class: 'chart', dataset: { testid: 'chart-answers' } });
    grid.append(h('article', { class: 'metric-card location-card', dataset: { testid: 'location-metrics-card', location: l.location } },
      h('h3', { class: 'metric-card__title' }, l.location), stream, answers));
    chart(stream, 'task stream: lag and pending', 'tasks', [
      { label: 'lag', colour: '--svc-0', points: l.stream_lag },
      { label: 'pending', colour: '--warn', points: l.pending },
    ]);
    chart(answers, 'lookups per s: answered, timed out', '/s', [
      { label: 'answered', colour: '--ok', points: l.answered_rate },
      { label: 'timed out', colour: '--bad', points: l.timed_out_rate },
    ]);
  }
}
