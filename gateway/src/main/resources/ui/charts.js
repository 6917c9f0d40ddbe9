// Charts, drawn by uPlot (a small charting library the gateway ships as a WebJar, served from this
// origin: no CDN). Two shapes: lines over time (the Services view) and points of duration against start
// time (the Traces view, as Jaeger's search page draws them). Colours come from style.css's custom
// properties, so the charts follow the light and dark themes. uPlot writes series labels with
// textContent and styles through the CSSOM, which the Content-Security-Policy allows.

import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { h } from './dom.js';

const HEIGHT = 170;

/** A colour of style.css, by custom property name ('--svc-0', '--bad', ...). */
export function colour(property) {
  return getComputedStyle(document.documentElement).getPropertyValue(property).trim() || '#888';
}

/** Redraws a chart at its container's width whenever that changes (window resized, panel opened). */
function fitWidth(plot, container) {
  const observer = new ResizeObserver(() => {
    const width = Math.max(container.clientWidth, 200);
    if (width !== plot.width) plot.setSize({ width, height: plot.height });
  });
  observer.observe(container);
  return observer;
}

function axisColours() {
  const text = colour('--muted');
  const grid = { stroke: colour('--grid'), width: 1 };
  return { stroke: text, grid, ticks: grid };
}

/**
 * Lines over time into container (its content replaced).
 *
 * @param times epoch seconds, ascending
 * @param series [{label, values (numbers or null, one per time), colour (a custom property)}]
 * @param options {title, unit (axis label), onPick({time, value}) when the plot is clicked}
 */
export function timeChart(container, times, series, { title, unit, onPick } = {}) {
  const chart = h('div', { class: 'chart__plot' });
  container.replaceChildren(h('h3', { class: 'chart__title' }, title), chart);
  const points = series.reduce((n, s) => n + s.values.filter((v) => v !== null && v !== undefined).length, 0);
  container.dataset.points = String(points);
  container.dataset.series = series.map((s) => s.label).join(',');
  const plot = new uPlot({
    width: Math.max(container.clientWidth, 200),
    height: HEIGHT,
    // From zero; a series of zeros (no errors) still gets a scale from 0 to 1.
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    series: [{}, ...series.map((s) => ({
      label: s.label,
      stroke: colour(s.colour),
      width: 1.5,
      spanGaps: false,
      // A point on each value: a burst of lookups after a quiet spell is one value between gaps, which a
      // line alone would not show.
      points: { show: true, size: 4, fill: colour(s.colour) },
      value: (u, v) => (v === null || v === undefined ? '–' : `${round(v)}${unit ? ` ${unit}` : ''}`),
    }))],
    axes: [axisColours(), { ...axisColours(), size: 56, values: (u, ticks) => ticks.map(round) }],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
  }, [times, ...series.map((s) => s.values)], chart);
  fitWidth(plot, container);
  if (onPick) {
    container.classList.add('chart--pickable');
    // Where the click was, not where uPlot's cursor last was: a click without a move before it counts too.
    plot.over.addEventListener('click', (event) => {
      onPick({ time: plot.posToVal(event.offsetX, 'x'), value: plot.posToVal(event.offsetY, 'y') });
    });
  }
  return plot;
}

/**
 * Traces as points: start time across, duration up; failed ones (error spans, or a lookup that was not
 * a success) in the error colour. onPick(trace) when a point is clicked.
 */
export function traceScatter(container, traces, onPick) {
  const sorted = [...traces].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const failed = (t) => t.error_spans > 0 || (t.lookup_status && t.lookup_status !== 'success');
  const times = sorted.map((t) => Date.parse(t.start) / 1000);
  const ok = sorted.map((t) => (failed(t) ? null : t.duration_ms));
  const bad = sorted.map((t) => (failed(t) ? t.duration_ms : null));
  const chart = h('div', { class: 'chart__plot' });
  container.replaceChildren(chart);
  container.dataset.points = String(sorted.length);
  const pointSeries = (label, property) => ({
    label,
    stroke: colour(property),
    fill: colour(property),
    paths: () => null,
    points: { show: true, size: 8, fill: colour(property) },
    value: (u, v) => (v === null || v === undefined ? '–' : `${round(v)} ms`),
  });
  const plot = new uPlot({
    width: Math.max(container.clientWidth, 200),
    height: 200,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(max ?? 0, 1) * 1.15] } },
    series: [{}, pointSeries('traces', '--svc-0'), pointSeries('with errors or not a success', '--bad')],
    axes: [axisColours(), { ...axisColours(), size: 56, label: 'duration (ms)', values: (u, ticks) => ticks.map(round) }],
    cursor: { drag: { x: false, y: false }, points: { size: 12 } },
  }, [times, ok, bad], chart);
  fitWidth(plot, container);
  plot.over.addEventListener('click', () => {
    const idx = plot.cursor.idx;
    if (idx !== null && idx !== undefined && sorted[idx]) onPick(sorted[idx]);
  });
  return plot;
}

function round(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : abs >= 1 ? value.toFixed(2) : value.toPrecision(2);
}
