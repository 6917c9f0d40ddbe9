// The mark on every lookup answer and every trace while a fault is injected, so that an answer or a waterfall made
// worse on purpose is never taken for the system's own (nor a screenshot of one). It says what is on now, in the
// gateway's words, and links to the Faults view; it goes when every fault is off.

import { h, fill } from './dom.js';
import * as injectedFaults from './injected-faults.js';

/** Every element marked data-fault-banner shows the banner; index.html places them on the answer and the trace. */
export function init() {
  injectedFaults.subscribe((state) => {
    const text = injectedFaults.bannerText(state);
    for (const banner of document.querySelectorAll('[data-fault-banner]')) {
      banner.hidden = !text;
      if (!text) {
        fill(banner);
        continue;
      }
      fill(banner,
        h('strong', { class: 'fault-banner__title' }, '⚠ Injected faults'),
        h('span', { class: 'fault-banner__text', dataset: { testid: 'fault-banner-text' } }, text),
        h('a', { href: '/?view=faults', dataset: { pageLink: 'faults', testid: 'fault-banner-link' } }, 'see or change them'));
    }
  });
}
