// The lookup form: its options come from the gateway, its errors from the gateway's problem+json.

import { h, fill, byTestId } from './dom.js';
import { subnetText } from './client-subnet.js';

export function renderRecordTypes(types) {
  const defaults = new Set(types.default);
  fill(byTestId('record-type-options'), types.supported.map((type) =>
    h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'record_types', value: type, checked: defaults.has(type),
        dataset: { testid: 'record-type', recordType: type } }),
      h('span', { class: 'mono' }, type))));
}

/**
 * Every location checked: asking from everywhere is the point of the tool. Each names the network it asks
 * for (its client subnet, or "ECS off"): that is what a geo-routed name answers by.
 */
export function renderLocations(locations) {
  fill(byTestId('location-options'), locations.map((location) =>
    h('label', { class: 'check check--location' },
      h('input', { type: 'checkbox', name: 'locations', value: location.name, checked: true,
        dataset: { testid: 'location-option', location: location.name } }),
      h('span', { class: 'location-label' }, location.label || location.name),
      h('span', { class: 'mono muted' }, location.name),
      h('span', { class: 'mono muted location-resolver' }, location.resolver ?? 'resolver not configured'),
      h('span', { class: 'mono muted location-subnet', dataset: { testid: 'location-option-subnet' } }, subnetText(location)))));
}

/** The request body. A list that could not be loaded is left out: the gateway's defaults then. */
export function readRequest(form) {
  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  const body = { domain: form.elements.domain.value.trim() };
  if (form.querySelector('input[name="locations"]')) body.locations = checked('locations');
  if (form.querySelector('input[name="record_types"]')) body.record_types = checked('record_types');
  return body;
}

/** Where an error about a field is shown: the problem's field name → the form's error slot. */
const SLOTS = [
  { prefix: 'domain', slot: 'domain-error', control: () => byTestId('domain-input') },
  { prefix: 'locations', slot: 'locations-error', control: () => byTestId('locations') },
  { prefix: 'record_types', slot: 'record-types-error', control: () => byTestId('record-types') },
];

export function clearErrors() {
  for (const { slot, control } of SLOTS) {
    fill(byTestId(slot));
    control().removeAttribute('aria-invalid');
  }
  fill(byTestId('form-error'));
}

/**
 * Shows each error next to the field it names; errors about anything else, and the problem's own
 * detail when no error names a field of the form, go to the general message area.
 */
export function showErrors(apiError) {
  clearErrors();
  const general = [];
  let firstInvalid = null;
  for (const { field, reason } of apiError.fieldErrors) {
    const target = SLOTS.find((s) => field === s.prefix || field?.startsWith(`${s.prefix}[`));
    if (!target) {
      general.push(field ? `${field}: ${reason}` : reason);
      continue;
    }
    const slot = byTestId(target.slot);
    slot.append(h('span', { class: 'field-error__item' }, field === target.prefix ? reason : `${field}: ${reason}`));
    target.control().setAttribute('aria-invalid', 'true');
    firstInvalid ??= target.control();
  }
  if (general.length > 0 || firstInvalid === null) {
    fill(byTestId('form-error'), h('strong', {}, apiError.message), general.map((g) => h('span', {}, g)));
  }
  // Focus the first field to fix, so keyboard and screen-reader users land on the problem.
  (firstInvalid?.matches('input') ? firstInvalid : firstInvalid?.querySelector('input'))?.focus();
}

/**
 * aria-disabled rather than disabled: a disabled button drops the keyboard focus to the page's start,
 * and the submit handler ignores a second submit while aria-busy anyway.
 */
export function setBusy(form, busy) {
  form.setAttribute('aria-busy', String(busy));
  const button = byTestId('submit');
  button.setAttribute('aria-disabled', String(busy));
  fill(button, busy ? 'Looking up…' : 'Look up');
}
