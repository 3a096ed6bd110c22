// What both peer scripts share: a jsdom page whose DOM globals miniprogram-simulate uses, the
// simulator itself, a clock in milliseconds and a median.
'use strict';
const { JSDOM } = require('jsdom');

const dom = new JSDOM('<!doctype html><html><body></body></html>');
// The DOM's globals as a page has them (Node's own Event and CustomEvent are not the DOM's).
global.window = dom.window;
for (const name of ['document', 'navigator', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'TouchEvent', 'Touch']) {
  if (dom.window[name] !== undefined) global[name] = dom.window[name];
}

module.exports = {
  simulate: require('miniprogram-simulate'),
  now: () => Number(process.hrtime.bigint()) / 1e6,
  median: (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; },
  rounds: Number(process.argv[2] || 5),
  // operations per round (each script has its own default; the quick run asks for fewer)
  per: (fallback) => Number(process.argv[3] || fallback),
};
