/*
 * globals.js: the last file loaded. Puts `swan` on the global object, and lets the host define
 * globals (SwanRuntime(globals=...), --global) through __swan_configure.
 */
shim.onConfigure(function (c) {
  if (c.globals !== undefined) {
    var names = shim.P.ObjectKeys(c.globals);
    for (var i = 0; i < names.length; i++) global[names[i]] = c.globals[names[i]];
  }
});

// swan.nextTick(fn): fn runs after the current code, as its own macrotask (swan docs,
// custom_component.md: "like setTimeout").
shim.setApi('nextTick', function nextTick(fn) { // setApi: swan.canIUse('nextTick') is true
  if (typeof fn !== 'function') throw new shim.P.TypeError('swan.nextTick: the argument must be a function');
  shim.later(fn, []);
});

global.swan = shim.swan;
