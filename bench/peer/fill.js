// The peer side of the benchmark's call row: WeChat's miniprogram-simulate (on jsdom) calls a
// method whose setData sends a 100-item list (./hundred), on a rendered and attached component.
// Prints one JSON object: the median milliseconds per call over rounds of 200 calls.
// (Its own process: a second component loaded beside ./list renders with the list's template.)
//
//   node fill.js [rounds]
'use strict';
const path = require('path');
const { JSDOM } = require('jsdom');

const dom = new JSDOM('<!doctype html><html><body></body></html>');
global.window = dom.window;
for (const name of ['document', 'navigator', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'TouchEvent', 'Touch']) {
  if (dom.window[name] !== undefined) global[name] = dom.window[name];
}
const simulate = require('miniprogram-simulate');

const rounds = Number(process.argv[2] || 5);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const hundred = simulate.render(simulate.load(path.join(__dirname, 'hundred', 'hundred')));
hundred.attach(document.createElement('parent-wrapper'));
const fills = [];
for (let r = 0; r < rounds + 1; r++) {
  const t = now();
  for (let k = 0; k < 200; k++) hundred.instance.fill();
  if (r > 0) fills.push((now() - t) / 200);  // the first round warms up
}
const checks = { filled: hundred.querySelectorAll('.item').length, fills: hundred.data.n,
                 last: hundred.querySelector('.name').dom.textContent };
process.stdout.write(JSON.stringify({ fill: median(fills), checks, rounds }) + '\n');
