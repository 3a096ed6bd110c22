// The peer side of the benchmark's view rows: WeChat's miniprogram-simulate (on jsdom) renders,
// updates, queries and taps the 1,000-row list component of ./list. Prints one JSON object:
// the median milliseconds of each operation.
//
//   node run.js [rounds [operations per round]]
'use strict';
const path = require('path');
const { simulate, now, median, rounds, per } = require('./dom');

const id = simulate.load(path.join(__dirname, 'list', 'list'));

function rendered() {
  const comp = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  comp.attach(parent);
  return comp;
}

async function main() {
const times = { render: [], setData: [], query: [], tap: [] };
let checks = null;
for (let r = 0; r < rounds + 1; r++) {
  let t = now();
  const comp = rendered();
  const render = now() - t;

  const perRound = per(10);
  t = now();
  for (let k = 0; k < perRound; k++) comp.instance.bump((r * 131 + k * 7) % 1000);
  const setData = (now() - t) / perRound;

  t = now();
  let found = 0;
  for (let k = 0; k < perRound; k++) found = comp.querySelectorAll('.row').length;
  const query = (now() - t) / perRound;

  t = now();
  for (let k = 0; k < perRound; k++) {
    // j-component dispatches in a microtask: the handler and its setData have run after one
    comp.querySelector('#row-' + ((r * 37 + k * 11) % 1000)).dispatchEvent('tap');
    await Promise.resolve();
  }
  const tap = (now() - t) / perRound;

  if (r > 0) {  // the first round warms up
    times.render.push(render); times.setData.push(setData); times.query.push(query); times.tap.push(tap);
  }
  const last = (r * 131 + (perRound - 1) * 7) % 1000;
  checks = { rows: found, picked: comp.data.picked, changed: comp.querySelectorAll('.row')[last].dom.textContent.includes('changed') };
  comp.detach();
}
const out = {};
for (const k of Object.keys(times)) out[k] = median(times[k]);
out.checks = checks;
out.rounds = rounds;
process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
