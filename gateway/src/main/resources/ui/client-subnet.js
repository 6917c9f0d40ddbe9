// EDNS Client Subnet (RFC 7871) in words. Each location's worker tells the DNS servers which network its
// clients are in; the answer's scope prefix says how widely the answer holds: above 0, it was chosen for
// that network (geo-DNS at work); 0, everyone gets it; none, the server ignored the subnet. The terminal
// client (ReportPrinter) uses the same words, so the page and the terminal read alike.

/** Response codes that mean no server answered: there is no scope to speak of, so no mark. */
const UNANSWERED = new Set(['TIMEOUT', 'ERROR', 'SERVFAIL']);

/**
 * How one lookup's answer relates to the location's network: {kind, text, title}, or null when the query
 * carried no client subnet (the card says "ECS off") or no server answered.
 */
export function tailoring(lookup) {
  const ecs = lookup?.ecs;
  if (!ecs || UNANSWERED.has(lookup.rcode)) return null;
  const scope = ecs.scope_prefix;
  if (scope === null || scope === undefined) {
    return { kind: 'ignored', text: 'no ECS scope', title: 'server ignored ECS (no scope)' };
  }
  if (scope > 0) {
    return { kind: 'tailored', text: `tailored /${scope}`, title: `answer chosen for ${ecs.subnet} (scope /${scope})` };
  }
  return { kind: 'everyone', text: 'scope /0', title: 'same for everyone (scope /0)' };
}

/** The subnet a location's lookups carried, from the report itself: what was sent, not what was meant. */
export function sentSubnet(records) {
  return Object.values(records ?? {}).find((lookup) => lookup?.ecs?.subnet)?.ecs.subnet ?? null;
}

/**
 * What a location tells the DNS servers, for its card and the form's list. `sent` (from a report) wins
 * over the configuration; `info` is the location from GET /api/v1/locations. Null when nothing is known.
 */
export function subnetText(info, sent = null) {
  if (sent) return `client subnet ${sent}`;
  if (info?.ecs === false) return 'ECS off';
  if (info?.client_subnet) return `client subnet ${info.client_subnet.split(',').map((s) => s.trim()).join(', ')}`;
  return info ? 'no client subnet' : null;
}
