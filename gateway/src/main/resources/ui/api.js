// The gateway's API (same origin). Every call is bounded by a timeout, and every failure becomes an
// ApiError carrying the RFC 9457 problem when there is one, so callers show a message, never nothing.

/** The gateway gives the orchestrator 10 s; a little more here so its own 504 arrives first. */
const LOOKUP_TIMEOUT_MS = 15_000;
const READ_TIMEOUT_MS = 6_000;

export class ApiError extends Error {
  /**
   * @param message what to tell the user
   * @param status the HTTP status, 0 for a network failure or a timeout
   * @param problem the problem+json body, if the gateway sent one
   */
  constructor(message, status = 0, problem = null) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  /** [{field, reason}] from the problem, for inline errors next to the fields. */
  get fieldErrors() {
    return Array.isArray(this.problem?.errors) ? this.problem.errors : [];
  }
}

/**
 * A W3C traceparent with the sampled flag off. The page's own reads (its options, and the trace it
 * polls while spans arrive) carry one, so the gateway's agent records none of their spans: looking at
 * a trace does not make traces (docs/adr/0003). Lookups carry none: they are what traces are for.
 */
function unsampledTraceparent() {
  const randomHex = (length) => {
    const bytes = crypto.getRandomValues(new Uint8Array(length));
    bytes[0] |= 1; // never the all-zero id, which W3C Trace Context calls invalid
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  };
  return `00-${randomHex(16)}-${randomHex(8)}-00`;
}

async function request(method, path, { body, timeoutMs = READ_TIMEOUT_MS, signal, untraced = false } = {}) {
  const timeout = AbortSignal.timeout(timeoutMs);
  const init = {
    method,
    headers: { Accept: 'application/json, application/problem+json' },
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  };
  if (untraced) init.headers.traceparent = unsampledTraceparent();
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (signal?.aborted) throw e; // the caller cancelled: not an error to show
    if (timeout.aborted) {
      throw new ApiError(`No answer from the gateway within ${timeoutMs / 1000} s.`);
    }
    throw new ApiError('The gateway could not be reached (network error). Is it running?');
  }
  const payload = await readJson(response);
  if (response.ok) {
    if (payload === null) throw new ApiError(`The gateway's answer to ${path} was not JSON.`, response.status);
    return payload;
  }
  const problem = payload && typeof payload === 'object' ? payload : null;
  const message = problem?.detail || problem?.title || `The gateway answered HTTP ${response.status}.`;
  throw new ApiError(message, response.status, problem);
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export const recordTypes = () => request('GET', '/api/v1/record-types', { untraced: true });

export const locations = () => request('GET', '/api/v1/locations', { untraced: true });

export const lookup = (body) =>
  request('POST', '/api/v1/dns/lookup', { body, timeoutMs: LOOKUP_TIMEOUT_MS });

export const trace = (traceId, signal) =>
  request('GET', `/api/v1/traces/${encodeURIComponent(traceId)}`, { signal, untraced: true });

// ---- exploring what the system recorded (Traces and Services views); all reads, all untraced ----

/** GET path?query, query given as [name, value] pairs (a name may repeat, e.g. tag). */
const read = (path, pairs = [], signal) => {
  const query = new URLSearchParams(pairs).toString();
  return request('GET', query ? `${path}?${query}` : path, { signal, untraced: true });
};

export const services = () => read('/api/v1/services');

export const operations = (service) => read(`/api/v1/services/${encodeURIComponent(service)}/operations`);

export const searchTraces = (pairs, signal) => read('/api/v1/traces', pairs, signal);

export const serviceMap = (pairs, signal) => read('/api/v1/service-map', pairs, signal);

export const serviceMetrics = (range, signal) => read('/api/v1/metrics/services', [['range', range]], signal);

export const locationMetrics = (range, signal) => read('/api/v1/metrics/locations', [['range', range]], signal);

// ---- injected faults (the Faults view, the banner); untraced like the page's reads: setting a fault is not a lookup ----

/** The faults, their settings, whether they may be changed, and the banner's text: polled every 2 s. */
export const faults = (signal) => request('GET', '/api/v1/faults', { signal, untraced: true });

/** Switches a fault on, or changes its setting: body {location, rate_percent, delay_ms, record_type}. */
export const setFault = (fault, body) =>
  request('PUT', `/api/v1/faults/${encodeURIComponent(fault)}`, { body, untraced: true });

/** Switches a fault off in one location (location null: the orchestrator's fault, which has none). */
export const clearFault = (fault, location) => request('DELETE', location
  ? `/api/v1/faults/${encodeURIComponent(fault)}?${new URLSearchParams({ location })}`
  : `/api/v1/faults/${encodeURIComponent(fault)}`, { untraced: true });

export const clearAllFaults = () => request('DELETE', '/api/v1/faults', { untraced: true });
