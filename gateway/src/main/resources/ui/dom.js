// The only way this page creates elements. Everything shown comes from DNS servers and span
// attributes, i.e. from strangers, so text always goes through textContent and markup is never
// parsed from strings. Styles stay in style.css: the Content-Security-Policy forbids style attributes.

/**
 * h('li', {class: 'x', dataset: {location: 'us-east-1'}}, 'text', child, ...)
 * Attribute values are set with setAttribute (never a "style" or an on* handler); children are
 * nodes or strings (strings become text nodes); null/undefined/false children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'style' || name.startsWith('on')) {
      throw new Error(`h(): ${name} is not allowed, use style.css or addEventListener`);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's content with the given children (nodes or text). */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export const byTestId = (id, root = document) => root.querySelector(`[data-testid="${id}"]`);

const SVG_NS = 'http://www.w3.org/2000/svg';

/** h() for SVG elements: the same rules, in the SVG namespace. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'style' || name.startsWith('on')) throw new Error(`svg(): ${name} is not allowed`);
    el.setAttribute(name, String(value));
  }
  return append(el, children);
}
