// Spans reach Jaeger through batching collectors, so a trace fetched right after its lookup is
// missing (404) or partial for a second or so. This polls, backing off, within a fixed bound.

import * as api from './api.js';

const FIRST_DELAY_MS = 300;
const MAX_DELAY_MS = 2_000;
const BOUND_MS = 10_000;

/**
 * Polls GET /api/v1/traces/{id} until the trace looks complete or BOUND_MS has passed.
 *
 * Complete means: every expected service has spans, no span waits for its parent, and the span count
 * stopped growing. Each service exports on its own schedule, so a service's last spans (a worker's
 * XACK) may come one batch after its first, and a child may arrive before its parent (the orchestrator's
 * outermost spans end last and can reach Jaeger after the workers' spans). Without expected services (a
 * trace opened by id) the first condition is left out.
 *
 * @param expected service names the trace must hold, or null when unknown
 * @param onUpdate called with {view, found, expected} after every answer, view null on a 404
 * @returns {view, complete, error}: the last trace seen (null if none), and the last error if the
 *   bound passed without a trace
 */
export async function pollTrace(traceId, { expected = null, onUpdate = () => {}, signal } = {}) {
  const started = performance.now();
  let delay = FIRST_DELAY_MS;
  let view = null;
  let previousCount = -1;
  let error = null;
  for (;;) {
    try {
      view = await api.trace(traceId, signal);
      error = null;
    } catch (e) {
      if (signal?.aborted) throw e;
      // 404 is "not there yet"; a 5xx (Jaeger restarting) may pass too. A 400 never will.
      if (e.status === 400) return { view: null, complete: false, error: e };
      error = e.status === 404 ? null : e;
    }
    const found = view ? (expected ?? view.services).filter((s) => view.services.includes(s)) : [];
    onUpdate({ view, found, expected });
    if (view) {
      const everyService = !expected || found.length === expected.length;
      if (everyService && orphanCount(view) === 0 && view.span_count === previousCount) {
        return { view, complete: true, error: null };
      }
      previousCount = view.span_count;
    }
    if (performance.now() - started + delay > BOUND_MS) return { view, complete: false, error };
    await sleep(delay, signal);
    delay = Math.min(delay * 1.5, MAX_DELAY_MS);
  }
}

/** How many spans wait for a parent that has not arrived: the layout makes each a root of its own. */
export function orphanCount(view) {
  return view.spans.filter((span) => span.depth === 0 && span.parent_span_id).length;
}

/** The services a lookup's trace must hold: the gateway, the orchestrator, every worker that answered. */
export function expectedServices(report) {
  const workers = Object.entries(report.results ?? {})
    .filter(([, result]) => result.status !== 'timeout')
    .map(([location]) => `dns-worker-${location}`);
  return ['dns-gateway', 'dns-orchestrator', ...workers];
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
