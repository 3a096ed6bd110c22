// The peer side of the benchmark's call row: WeChat's miniprogram-simulate (on jsdom) calls a
// method whose setData sends a 100-item list (./hundred), on a rendered and attached component.
// Prints one JSON object: the median milliseconds per call over rounds of 200 calls (or as asked).
// (Its own process: a second component loaded beside ./list renders with the list's template.)
//
//   node fill.js [rounds [calls per round]]
'use strict';
const path = require('path');
const { simulate, now, median, rounds, per } = require('./dom');
const calls = per(200);

const hundred = simulate.render(simulate.load(path.join(__dirname, 'hundred', 'hundred')));
hundred.attach(document.createElement('parent-wrapper'));
const fills = [];
for (let r = 0; r < rounds + 1; r++) {
  const t = now();
  for (let k = 0; k < calls; k++) hundred.instance.fill();
  if (r > 0) fills.push((now() - t) / calls);  // the first round warms up
}
const checks = { filled: hundred.querySelectorAll('.item').length, fills: hundred.data.n,
                 last: hundred.querySelector('.name').dom.textContent };
process.stdout.write(JSON.stringify({ fill: median(fills), checks, rounds }) + '\n');
