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

global.swan = shim.swan;
