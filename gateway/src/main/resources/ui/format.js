// Durations as an SRE reads them: three significant digits, the unit that keeps them short.

export function micros(us) {
  if (us === null || us === undefined) return '–';
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 1_000_000) return `${trim(us / 1000)} ms`;
  return `${trim(us / 1_000_000)} s`;
}

/** Whole milliseconds, as the lookup API counts them. */
export function millis(ms) {
  if (ms === null || ms === undefined) return '–';
  return ms < 1000 ? `${ms} ms` : `${trim(ms / 1000)} s`;
}

function trim(value) {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** An attribute value as text: strings as they are, anything else (numbers, arrays) as JSON. */
export function attributeText(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
