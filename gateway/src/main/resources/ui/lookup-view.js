// The Lookup view: the form sends a lookup, the answer is drawn, then its trace is polled for and drawn
// under it. /?trace=<id> opens a trace on its own (the Traces view links there). Nothing here touches
// markup as text.

import * as api from './api.js';
import { h, fill, byTestId } from './dom.js';
import * as form from './form.js';
import { renderAnswer, describe } from './answers.js';
import { renderTrace } from './waterfall.js';
import { pollTrace, expectedServices, orphanCount } from './trace-poll.js';
import { plural } from './format.js';

const TRACE_ID = /^[0-9a-f]{32}$/;

/** location name → {label, resolver}, for the cards. */
let locationInfo = new Map();
/** Cancels the trace polling of the previous lookup when a new one starts. */
let polling = null;
/** The page's router (app.js): goes to a URL of the page, keeping the history. */
let navigate = null;
/** Bumped by every lookup and every trace opened: an answer arriving for an older one is dropped. */
let generation = 0;

/** The locations with their labels and resolvers, once: the Traces view offers them too. */
export function locationNames() {
  return [...locationInfo.keys()];
}

async function loadOptions() {
  const [types, locations] = await Promise.allSettled([api.recordTypes(), api.locations()]);
  if (types.status === 'fulfilled') {
    form.renderRecordTypes(types.value);
  } else {
    fill(byTestId('record-type-options'), h('p', { class: 'note' },
      `Could not load the record types (${types.reason.message}); a lookup asks the default ones.`));
  }
  if (locations.status === 'fulfilled') {
    locationInfo = new Map(locations.value.locations.map((l) => [l.name, l]));
    form.renderLocations(locations.value.locations);
  } else {
    // A note in place of the options, not an error slot: submitting clears those, this must stay.
    fill(byTestId('location-options'), h('p', { class: 'note' },
      `Could not load the locations (${locations.reason.message}); a lookup asks every configured location.`));
  }
}

async function onLookup(event) {
  event.preventDefault();
  const lookupForm = event.currentTarget;
  if (lookupForm.getAttribute('aria-busy') === 'true') return;
  const body = form.readRequest(lookupForm);
  const mine = ++generation;
  stopPolling();
  form.clearErrors();
  hideResults();
  form.setBusy(lookupForm, true);
  const locations = body.locations?.length ?? locationInfo.size;
  say(`Looking up ${body.domain} from ${plural(locations, 'location')}…`);
  let report;
  try {
    report = await api.lookup(body);
  } catch (e) {
    form.showErrors(e);
    say(e.fieldErrors.length > 0 ? 'The lookup was rejected: see the messages at the fields.' : `The lookup failed: ${e.message}`);
    return;
  } finally {
    form.setBusy(lookupForm, false);
  }
  if (mine !== generation) return; // a trace was opened meanwhile: that is what the user looks at now
  renderAnswer(byTestId('answer-body'), report, locationInfo);
  byTestId('answer').hidden = false;
  say(describe(report));
  if (report.trace_id) {
    history.replaceState(null, '', `?trace=${encodeURIComponent(report.trace_id)}`);
    showTrace(report.trace_id, expectedServices(report));
  }
}

function onOpenTrace(event) {
  event.preventDefault();
  const input = byTestId('open-trace-input');
  const id = input.value.trim().toLowerCase();
  const error = byTestId('open-trace-error');
  fill(error);
  input.removeAttribute('aria-invalid');
  if (!TRACE_ID.test(id)) {
    fill(error, 'A trace id is 32 hexadecimal digits.');
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  navigate(`/?trace=${id}`);
}

/** Polls for the trace and draws it each time more spans arrived; says how far along it is. */
async function showTrace(traceId, expected) {
  const section = byTestId('trace');
  const body = byTestId('trace-body');
  const progress = byTestId('trace-progress');
  fill(byTestId('trace-id'), traceId);
  fill(body);
  section.hidden = false;
  progress.dataset.state = 'waiting';
  fill(progress, 'waiting for spans…');
  const controller = new AbortController();
  polling = controller;
  let drawn = -1;
  let result;
  try {
    result = await pollTrace(traceId, {
      expected,
      signal: controller.signal,
      onUpdate: ({ view, found }) => {
        if (view && view.span_count !== drawn) {
          renderTrace(body, view);
          drawn = view.span_count;
        }
        fill(progress, expected
          ? `waiting for spans: ${found.length} of ${plural(expected.length, 'service')}`
          : `waiting for spans: ${view ? plural(view.span_count, 'span') : 'none yet'}`);
      },
    });
  } catch (e) {
    if (controller.signal.aborted) return; // a newer lookup took over
    result = { view: null, complete: false, error: e };
  }
  if (polling === controller) polling = null;
  if (result.view && result.view.span_count !== drawn) renderTrace(body, result.view);
  progress.dataset.state = result.complete ? 'complete' : 'incomplete';
  if (result.complete) {
    fill(progress, `all spans arrived: ${plural(result.view.services.length, 'service')}, ${plural(result.view.span_count, 'span')}`);
  } else if (result.view) {
    const missing = (expected ?? []).filter((s) => !result.view.services.includes(s));
    const orphans = orphanCount(result.view);
    const why = [
      ...(missing.length ? [`no spans yet from ${missing.join(', ')}`] : []),
      ...(orphans ? [`${plural(orphans, 'span')} without ${orphans === 1 ? 'its parent' : 'their parents'}`] : []),
    ];
    fill(progress, `This trace may be incomplete: spans were still arriving when the page stopped waiting${
      why.length ? ` (${why.join('; ')})` : ''}. Reload to fetch it again.`);
  } else {
    fill(progress, result.error ? `No trace: ${result.error.message}`
      : `Jaeger has no trace ${traceId} (yet). Its spans may still be on their way: reload in a moment.`);
  }
}

function stopPolling() {
  polling?.abort();
  polling = null;
}

function hideResults() {
  byTestId('answer').hidden = true;
  fill(byTestId('answer-body'));
  byTestId('trace').hidden = true;
  fill(byTestId('trace-body'));
}

function say(text) {
  fill(byTestId('lookup-status'), text);
}

/** Wires the view once; resolves when its options are loaded. */
export function init(navigateTo) {
  navigate = navigateTo;
  byTestId('lookup-form').addEventListener('submit', onLookup);
  byTestId('open-trace-form').addEventListener('submit', onOpenTrace);
  return loadOptions();
}

/** Shows what the URL asks of this view: a trace by id (?trace=), else the form as it was. */
export function show(params) {
  const traceParam = params.get('trace');
  if (!traceParam) return;
  const id = traceParam.trim().toLowerCase();
  if (id === byTestId('trace-id').textContent && !byTestId('trace').hidden) return; // already shown
  generation++;
  stopPolling();
  hideResults();
  byTestId('open-trace-input').value = traceParam;
  showTrace(id, null);
}

/** Leaving the view: nothing keeps polling for a trace nobody sees. */
export function hide() {
  stopPolling();
}
