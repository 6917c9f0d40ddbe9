// The service map: the services and the streams between them, with the calls of the range on each edge,
// as the gateway computed them from the traces (GET /api/v1/service-map). Drawn as SVG in columns: a
// node's column is how many hops it is from the services nobody calls, so the request flows left to
// right (gateway, orchestrator, dns:tasks, the workers, dns:results) and the results' way back to the
// orchestrator is drawn as a curve underneath.

import { svg, h, fill } from './dom.js';
import { serviceColours } from './waterfall.js';

const NODE_W = 170;
const NODE_H = 34;
const COL_GAP = 70;
const ROW_GAP = 18;
const PAD = 12;
const BACK_EDGE_DROP = 46;

export function renderServiceMap(container, map) {
  const note = map.complete ? `from ${map.traces} traces` : `from the newest ${map.traces} traces of the range (there were more)`;
  if (map.nodes.length === 0) {
    fill(container, h('p', { class: 'note', dataset: { testid: 'service-map-empty' } }, 'No traces in this range: make a lookup.'));
    return;
  }
  const columns = columnsOf(map);
  const place = new Map();
  const height = Math.max(...columns.map((c) => c.length)) * (NODE_H + ROW_GAP) - ROW_GAP;
  columns.forEach((ids, col) => {
    const top = (height - (ids.length * (NODE_H + ROW_GAP) - ROW_GAP)) / 2;
    ids.forEach((id, row) => place.set(id, { x: PAD + col * (NODE_W + COL_GAP), y: PAD + top + row * (NODE_H + ROW_GAP) }));
  });
  const width = PAD * 2 + columns.length * NODE_W + (columns.length - 1) * COL_GAP;
  const total = height + PAD * 2 + BACK_EDGE_DROP;
  const colours = serviceColours(map.nodes.filter((n) => n.kind === 'service').map((n) => n.id));
  const drawing = svg('svg', { viewBox: `0 0 ${width} ${total}`, class: 'service-map', role: 'img',
    'aria-label': `service map, ${note}`, 'data-testid': 'service-map-svg' },
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
      orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'map-arrow' }))),
    map.edges.map((e) => edge(e, place.get(e.from), place.get(e.to), height)),
    map.nodes.map((n) => node(n, place.get(n.id), colours)));
  fill(container, h('p', { class: 'note' }, `Calls ${note}.`), drawing);
}

/** Columns of node ids: breadth-first from the nodes no edge leads to; an edge back is not followed. */
function columnsOf(map) {
  const incoming = new Set(map.edges.map((e) => e.to));
  const column = new Map(map.nodes.filter((n) => !incoming.has(n.id)).map((n) => [n.id, 0]));
  let frontier = [...column.keys()];
  while (frontier.length) {
    const next = [];
    for (const id of frontier) {
      for (const e of map.edges.filter((x) => x.from === id && !column.has(x.to))) {
        column.set(e.to, column.get(id) + 1);
        next.push(e.to);
      }
    }
    frontier = next;
  }
  for (const n of map.nodes) if (!column.has(n.id)) column.set(n.id, 0); // a cycle with no way in
  const columns = [];
  for (const n of map.nodes) (columns[column.get(n.id)] ??= []).push(n.id);
  return columns.filter(Boolean).map((ids) => ids.sort());
}

function node(n, at, colours) {
  const stream = n.kind === 'stream';
  return svg('g', { class: `map-node map-node--${n.kind}`, 'data-testid': 'map-node', 'data-node': n.id },
    svg('rect', { x: at.x, y: at.y, width: NODE_W, height: NODE_H, rx: stream ? NODE_H / 2 : 5,
      class: stream ? 'map-stream' : `map-service svc-${colours.get(n.id) ?? 0}` }),
    svg('text', { x: at.x + NODE_W / 2, y: at.y + NODE_H / 2 + 4, 'text-anchor': 'middle' }, n.id));
}

function edge(e, from, to, height) {
  const label = `${e.calls}`;
  let d;
  let labelAt;
  if (to.x > from.x) {
    const [x1, y1, x2, y2] = [from.x + NODE_W, from.y + NODE_H / 2, to.x, to.y + NODE_H / 2];
    const mid = (x1 + x2) / 2;
    d = `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2 - 2},${y2}`;
    labelAt = { x: mid, y: (y1 + y2) / 2 - 5 };
  } else {
    // back to an earlier column: under everything, into the target's bottom
    const [x1, y1, x2, y2] = [from.x + NODE_W / 2, from.y + NODE_H, to.x + NODE_W / 2, to.y + NODE_H];
    const low = PAD + height + BACK_EDGE_DROP - 8;
    d = `M${x1},${y1} C${x1},${low} ${x2},${low} ${x2},${y2 + 2}`;
    labelAt = { x: (x1 + x2) / 2, y: low - 4 };
  }
  return svg('g', { class: `map-edge map-edge--${e.kind}`, 'data-testid': 'map-edge', 'data-from': e.from,
    'data-to': e.to, 'data-calls': e.calls },
    svg('path', { d, 'marker-end': 'url(#arrow)' }),
    svg('text', { x: labelAt.x, y: labelAt.y, 'text-anchor': 'middle', class: 'map-calls' }, label),
    svg('title', {}, `${e.from} → ${e.to}: ${e.calls} (${e.kind})`));
}
