// The Faults view (/?view=faults): every failure geodig can inject, what it does, and its setting in each location, as
// a grid of faults × locations (the orchestrator's fault, which acts on every lookup, in one cell across them). A cell
// switches its fault on or off there and sets how often it acts and its parameter (a delay, a record type). The state
// is the gateway's (injected-faults.js reads it every 2 s): a cell shows what is on, not what was last clicked. A
// problem is shown at the field the gateway names; while the gateway does not let the page change faults, the
// controls are disabled and a sentence says why and how to allow it.

import * as api from './api.js';
import { h, fill, byTestId } from './dom.js';
import * as injectedFaults from './injected-faults.js';
import { plural } from './format.js';

/** What a cell offers before its fault is ever switched on: every lookup, a delay one can see in the waterfall. */
const DEFAULTS = { rate_percent: '100', delay_ms: '1000' };
/** The fields a cell has an error slot for; anything else the gateway names goes to the cell's own message. */
const FIELDS = ['rate_percent', 'delay_ms', 'record_type'];
/** Until the gateway's list arrives: the record types a lookup asks by default. */
const FALLBACK_RECORD_TYPES = ['A', 'AAAA', 'MX', 'TXT', 'NS'];

/** Why the controls are disabled, and how to enable them, for each state of the gateway's control but "enabled". */
const CONTROL_NOTES = {
  disabled: () => ['Changing faults is switched off on this gateway, so these settings can be read here but not changed. ',
    h('code', {}, './geodig up'), ' starts the gateway with fault control on, listening on loopback only.'],
  unavailable: () => ['The gateway cannot read or write the fault flags just now, so faults cannot be changed here. ',
    h('code', {}, './geodig up'), ' sets up the flag file and turns fault control on, on loopback.'],
};

let recordTypes = FALLBACK_RECORD_TYPES;
/** The faults, locations and record types the grid was built for: it is rebuilt only when they change. */
let gridKey = null;
/** "fault|location" (location empty for the orchestrator's) → {form, fault, location, active, dirty, busy}. */
let cells = new Map();
let latest = null;
/** Makes the ids that tie a cell's fields to their error slots unique. */
let cellCount = 0;

export async function init() {
  byTestId('faults-clear-all').addEventListener('click', onClearAll);
  injectedFaults.subscribe(render);
  try {
    const supported = (await api.recordTypes()).supported;
    if (Array.isArray(supported) && supported.length > 0) {
      recordTypes = supported;
      render(latest, null);
    }
  } catch {
    // the fallback list stays; the gateway still checks the type
  }
}

/** Showing the view reads the faults at once rather than at the next 2 s tick. */
export function show() {
  injectedFaults.refresh();
}

export function hide() {
  // Nothing of its own to stop: the faults are read for the banner anyway.
}

function render(state, error) {
  latest = state;
  const view = byTestId('faults-view');
  if (!state) {
    gridKey = null;
    cells = new Map();
    fill(byTestId('faults-grid'));
    view.dataset.control = 'none';
    byTestId('faults-controls').disabled = true;
    showControlNote(null);
    say(!error ? 'Reading the faults…'
      : error.status === 404 ? 'This gateway has no fault API: faults cannot be injected through it.'
        : `Could not read the faults: ${error.message}`);
    return;
  }
  const faults = Array.isArray(state.faults) ? state.faults : [];
  const locations = Array.isArray(state.locations) ? state.locations : [];
  const key = JSON.stringify([faults.map((f) => [f.fault, f.per_location, f.parameter, f.description]), locations, recordTypes]);
  if (key !== gridKey) {
    gridKey = key;
    build(faults, locations);
  }
  view.dataset.control = state.control;
  byTestId('faults-controls').disabled = state.control !== 'enabled';
  showControlNote(state.control);
  for (const cell of cells.values()) update(cell, activeSetting(state, cell));
  const active = Array.isArray(state.active) ? state.active.length : 0;
  say(`${active === 0 ? 'No fault is on.' : `${plural(active, 'fault')} on.`}${
    error ? ` The last read failed (${error.message}): this is what was on before.` : ' Checked every 2 s while this page is open.'}`);
}

function showControlNote(control) {
  const note = byTestId('faults-control-note');
  const text = Object.hasOwn(CONTROL_NOTES, control ?? '') ? CONTROL_NOTES[control]() : null;
  note.hidden = !text;
  note.dataset.control = control ?? '';
  fill(note, text ?? []);
}

function build(faults, locations) {
  cells = new Map();
  const table = h('table', { class: 'faults-grid', dataset: { testid: 'faults-table' } },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'fault'),
      locations.map((location) => h('th', { scope: 'col', class: 'mono' }, location)))),
    h('tbody', {}, faults.map((fault) => h('tr', { dataset: { testid: 'fault-row', fault: fault.fault } },
      h('th', { scope: 'row', class: 'fault-name' },
        h('span', { class: 'mono fault-name__key' }, fault.fault),
        h('span', { class: 'fault-name__what' }, fault.description ?? ''),
        fault.per_location ? null : h('span', { class: 'muted fault-name__where' }, 'in the orchestrator, on every lookup')),
      fault.per_location
        ? locations.map((location) => h('td', { dataset: { location } }, cellForm(fault, location)))
        : h('td', { colspan: Math.max(1, locations.length) }, cellForm(fault, null))))));
  fill(byTestId('faults-grid'), table);
}

function cellForm(fault, location) {
  const n = ++cellCount;
  const where = location ?? 'the orchestrator';
  const errorId = (field) => `fault-${n}-${field}-error`;
  const errorSlot = (field) => h('span', { id: errorId(field), class: 'field-error fault-field__error',
    dataset: { testid: `fault-error-${field}` } });
  const number = (field, label, unit, limits) => h('label', { class: 'fault-field' },
    h('span', { class: 'fault-field__label' }, label),
    h('input', { type: 'number', name: field, class: 'mono', step: 1, ...limits, value: DEFAULTS[field],
      'aria-label': `${fault.fault} in ${where}: ${label} (${unit})`, 'aria-describedby': errorId(field),
      dataset: { testid: field === 'rate_percent' ? 'fault-rate' : 'fault-delay' } }),
    h('span', { class: 'muted' }, unit));
  const form = h('form', { class: 'fault-cell', novalidate: true, 'aria-label': `${fault.fault} in ${where}`,
    dataset: { testid: 'fault-cell', fault: fault.fault, location: location ?? '', state: 'off' } },
  h('label', { class: 'fault-switch' },
    h('input', { type: 'checkbox', name: 'on', 'aria-label': `${fault.fault} in ${where}: on`, dataset: { testid: 'fault-toggle' } }),
    h('span', { class: 'fault-state', dataset: { testid: 'fault-state' } }, 'off')),
  h('div', { class: 'fault-fields' },
    number('rate_percent', 'rate', '%', { min: 1, max: 100 }),
    errorSlot('rate_percent'),
    fault.parameter === 'delay_ms' ? [number('delay_ms', 'delay', 'ms', { min: 1 }), errorSlot('delay_ms')] : null,
    fault.parameter === 'record_type' ? [
      h('label', { class: 'fault-field' }, h('span', { class: 'fault-field__label' }, 'type'),
        h('select', { name: 'record_type', class: 'mono', 'aria-label': `${fault.fault} in ${where}: record type`,
          'aria-describedby': errorId('record_type'), dataset: { testid: 'fault-record-type' } },
        recordTypes.map((type) => h('option', { value: type }, type)))),
      errorSlot('record_type')] : null,
    h('button', { type: 'submit', class: 'button button--small', dataset: { testid: 'fault-apply' } }, 'Switch on')),
  h('p', { class: 'field-error fault-cell__error', role: 'alert', dataset: { testid: 'fault-cell-error' } }));

  const cell = { form, fault, location, active: null, dirty: false, busy: false };
  form.addEventListener('input', (event) => {
    if (event.target.name !== 'on') cell.dirty = true;
  });
  form.addEventListener('change', (event) => {
    if (event.target.name === 'on') onToggle(cell, event.target.checked);
    else cell.dirty = true;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    switchOn(cell);
  });
  cells.set(`${fault.fault}|${location ?? ''}`, cell);
  return form;
}

function activeSetting(state, cell) {
  const active = Array.isArray(state?.active) ? state.active : [];
  return active.find((a) => a.fault === cell.fault.fault && (a.location ?? null) === cell.location) ?? null;
}

/** Shows the gateway's setting in the cell; the fields follow it unless the user has edited them and not yet set them. */
function update(cell, active) {
  cell.active = active;
  const on = active !== null;
  const { elements } = cell.form;
  cell.form.dataset.state = on ? 'on' : 'off';
  cell.form.classList.toggle('fault-cell--on', on);
  if (!cell.busy) elements.on.checked = on;
  const state = cell.form.querySelector('.fault-state');
  fill(state, on ? describe(active) : 'off');
  if (on && active.summary) state.title = active.summary;
  else state.removeAttribute('title');
  fill(cell.form.querySelector('[data-testid="fault-apply"]'), on ? 'Update' : 'Switch on');
  if (!on || cell.dirty) return;
  elements.rate_percent.value = String(active.rate_percent ?? DEFAULTS.rate_percent);
  if (elements.delay_ms && active.delay_ms) elements.delay_ms.value = String(active.delay_ms);
  const select = elements.record_type;
  if (select && active.record_type) {
    if (![...select.options].some((o) => o.value === active.record_type)) {
      select.append(h('option', { value: active.record_type }, active.record_type));
    }
    select.value = active.record_type;
  }
}

function describe(active) {
  return [`on · ${active.rate_percent} %`,
    active.delay_ms ? `+${active.delay_ms} ms` : null,
    active.record_type ?? null].filter(Boolean).join(' · ');
}

function onToggle(cell, checked) {
  if (cell.busy) {
    cell.form.elements.on.checked = !checked;
    return;
  }
  if (checked) switchOn(cell);
  else act(cell, () => api.clearFault(cell.fault.fault, cell.location));
}

function switchOn(cell) {
  if (cell.busy) return;
  clearErrors(cell);
  const { body, errors } = readCell(cell);
  if (errors.length > 0) {
    showErrors(cell, errors, null);
    update(cell, cell.active); // a switch flipped on by a click goes back to what the gateway has
    return;
  }
  act(cell, () => api.setFault(cell.fault.fault, body));
}

async function act(cell, action) {
  clearErrors(cell);
  setBusy(cell, true);
  try {
    await injectedFaults.change(action);
    cell.dirty = false;
  } catch (e) {
    showErrors(cell, e.fieldErrors ?? [], e);
  } finally {
    setBusy(cell, false);
    update(cell, activeSetting(latest, cell));
  }
}

/** The PUT body, and what the page can already tell is wrong with it ([{field, reason}] in the API's names). */
function readCell(cell) {
  const { elements } = cell.form;
  const errors = [];
  const body = {};
  if (cell.location !== null) body.location = cell.location;
  body.rate_percent = wholeNumber(elements.rate_percent.value);
  if (body.rate_percent === null || body.rate_percent < 1 || body.rate_percent > 100) {
    errors.push({ field: 'rate_percent', reason: 'a whole number from 1 to 100 (percent of lookups)' });
  }
  if (cell.fault.parameter === 'delay_ms') {
    body.delay_ms = wholeNumber(elements.delay_ms.value);
    if (body.delay_ms === null || body.delay_ms < 1) errors.push({ field: 'delay_ms', reason: 'a whole number of milliseconds, 1 or more' });
  }
  if (cell.fault.parameter === 'record_type') {
    body.record_type = elements.record_type.value;
    if (!body.record_type) errors.push({ field: 'record_type', reason: 'choose a record type' });
  }
  return { body, errors };
}

function wholeNumber(text) {
  const value = Number(String(text).trim());
  return String(text).trim() !== '' && Number.isInteger(value) ? value : null;
}

function setBusy(cell, busy) {
  cell.busy = busy;
  cell.form.setAttribute('aria-busy', String(busy));
}

function clearErrors(cell) {
  for (const slot of cell.form.querySelectorAll('.field-error')) fill(slot);
  for (const field of cell.form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
}

/** Each error at the field it names; the rest, and the gateway's own words when no field is named, in the cell. */
function showErrors(cell, fieldErrors, apiError) {
  const general = [];
  let first = null;
  for (const { field, reason } of fieldErrors) {
    const control = FIELDS.includes(field) ? cell.form.elements[field] : null;
    if (!control) {
      general.push(field ? `${field}: ${reason}` : reason);
      continue;
    }
    cell.form.querySelector(`[data-testid="fault-error-${field}"]`).append(h('span', {}, reason));
    control.setAttribute('aria-invalid', 'true');
    first ??= control;
  }
  if (general.length > 0 || (first === null && apiError)) {
    fill(cell.form.querySelector('[data-testid="fault-cell-error"]'),
      apiError ? h('strong', {}, apiError.message) : null, general.map((g) => h('span', {}, g)));
  }
  first?.focus();
}

async function onClearAll(event) {
  const button = event.currentTarget;
  if (button.getAttribute('aria-busy') === 'true') return;
  fill(byTestId('faults-error'));
  button.setAttribute('aria-busy', 'true');
  try {
    await injectedFaults.change(() => api.clearAllFaults());
    for (const cell of cells.values()) {
      cell.dirty = false;
      clearErrors(cell);
    }
  } catch (e) {
    fill(byTestId('faults-error'), h('strong', {}, e.message), (e.fieldErrors ?? []).map((f) => h('span', {}, `${f.field}: ${f.reason}`)));
  } finally {
    button.setAttribute('aria-busy', 'false');
  }
}

function say(text) {
  fill(byTestId('faults-status'), text);
}
