/*
 * timers.js: setTimeout / setInterval / clearTimeout / clearInterval. JS keeps the callbacks,
 * the host keeps the clock and says when a timer is due (__swan_timer(id)).
 */
var P = shim.P;
var timers = new P.Map();
var timerSeq = 0;

var MAX_DELAY = 2147483647; // as browsers: a longer delay overflows and fires at once

function addTimer(fn, delay, repeat, args) {
  var id = ++timerSeq;
  var ms = P.Number(delay);
  if (!(ms > 0) || ms > MAX_DELAY) ms = 0; // NaN, negative, undefined, Infinity -> 0
  P.MapPrototypeSet(timers, id, { fn: fn, args: args, repeat: repeat });
  shim.messages.timer(id, ms, repeat); // a hot path: 100k timers is a normal test suite
  return id;
}

function clearTimer(id) {
  if (P.MapPrototypeDelete(timers, id)) shim.post(shim.record({ op: 'clearTimer', id: id }));
}

function restArgs(args, from) {
  var out = [];
  for (var i = from; i < args.length; i++) out[out.length] = args[i];
  return out;
}

global.setTimeout = function setTimeout(fn, delay) { return addTimer(fn, delay, false, restArgs(arguments, 2)); };
global.setInterval = function setInterval(fn, delay) { return addTimer(fn, delay, true, restArgs(arguments, 2)); };
global.clearTimeout = function clearTimeout(id) { clearTimer(id); };
global.clearInterval = function clearInterval(id) { clearTimer(id); };
// The same for the files loaded at first use, whatever a script did to the globals by then.
shim.setTimer = global.setTimeout;
shim.clearTimer = global.clearTimeout;

shim.entry('timer', function (id) {
  var t = P.MapPrototypeGet(timers, id);
  if (t !== undefined) {
    if (!t.repeat) P.MapPrototypeDelete(timers, id);
    // String callbacks are not evaluated.
    if (typeof t.fn === 'function') shim.guard(t.fn, undefined, t.args, 'timer');
  }
  return shim.drain();
});

// For the framework: run fn(args...) as its own macrotask (setData callbacks, observers), as
// the client does after a view update, immune to scripts that replace setTimeout.
shim.later = function (fn, args, thisArg) {
  return addTimer(thisArg === undefined ? fn : function () { return P.apply(fn, thisArg, args || []); }, 0, false, args || []);
};
