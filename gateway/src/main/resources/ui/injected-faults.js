// Which faults are injected, kept current for the whole page: the banner on answers and traces and the Faults
// view both read it. GET /api/v1/faults every 2 s while the page is visible, so a change made anywhere (another
// tab, ./geodig) shows within about 2 s; at once after a change made here. Kept cheap: one small untraced read at a
// time, none while the tab is hidden, and the listeners are called only when the answer differs from the last.

import * as api from './api.js';

const POLL_MS = 2_000;
/** After a failed read (a gateway restarting, or one without the fault API): less often, still recovering by itself. */
const RETRY_MS = 10_000;

let current = null;
let failure = null;
let shown = '';
let timer = null;
let reading = null;
/**
 * Bumped when a change starts and when it ends: a read that was under way meanwhile may carry the state from before
 * the change, and is dropped rather than flash the old setting back for two seconds.
 */
let changes = 0;
const listeners = new Set();

/**
 * Calls listener(state, error) now and whenever either changes: the last GET /api/v1/faults document (null before
 * the first, or when the gateway has no fault API), and the last read's ApiError (null after a good read).
 */
export function subscribe(listener) {
  listeners.add(listener);
  listener(current, failure);
}

export function start() {
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) stop();
    else refresh();
  });
  if (!document.hidden) refresh();
}

/** Reads the faults now (dropping a read under way), then every 2 s again while the page is visible. */
export function refresh() {
  stop();
  read();
}

/**
 * Makes a change (action: a call of api.setFault, api.clearFault or api.clearAllFaults, answering the new document),
 * publishes its answer, and reads again right after. Throws the action's ApiError for the caller to show.
 */
export async function change(action) {
  changes++;
  stop();
  try {
    const state = await action();
    publish(state, null);
    return state;
  } finally {
    changes++;
    refresh();
  }
}

/** The banner's text: the gateway's, or made from the active settings should it have none; null when all are off. */
export function bannerText(state) {
  if (!state) return null;
  if (state.banner) return state.banner;
  const active = Array.isArray(state.active) ? state.active : [];
  if (active.length === 0) return null;
  return `${active.length} ${active.length === 1 ? 'fault' : 'faults'} on: ${active.map((a) => a.summary ?? a.fault).join(', ')}`;
}

function stop() {
  clearTimeout(timer);
  timer = null;
  reading?.abort();
  reading = null;
}

async function read() {
  const controller = new AbortController();
  reading = controller;
  const changesBefore = changes;
  let next = POLL_MS;
  try {
    const state = await api.faults(controller.signal);
    if (changesBefore === changes) publish(state, null);
  } catch (e) {
    if (controller.signal.aborted) return; // stopped, or a newer read took over
    next = RETRY_MS;
    // A gateway without the fault API has no faults to show; any other failure keeps the last known state, named.
    if (changesBefore === changes) publish(e.status === 404 ? null : current, e);
  }
  if (reading !== controller) return;
  reading = null;
  if (!document.hidden) timer = setTimeout(refresh, next);
}

function publish(state, error) {
  const text = JSON.stringify([state, error?.status ?? null, error?.message ?? null]);
  if (text === shown) return;
  shown = text;
  current = state;
  failure = error;
  for (const listener of listeners) listener(current, failure);
}
