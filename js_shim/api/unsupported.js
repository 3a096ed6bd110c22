/*
 * unsupported.js: every other documented swan API exists, so that an app calling one in passing
 * keeps running. An asynchronous one fails with "<api>:fail not supported by swan-bridge"
 * (errCode 1001, recorded like any call); a synchronous one returns an Error with that message,
 * as base library 3.140.1+ reports a Sync failure; an on.../off... listener registration does
 * nothing. The host sends the documented names (bridge/_resources.py, api_names.json).
 */
var P = shim.P;

shim.onConfigure(function (c) {
  if (c.documentedApis === undefined) return;
  var names = c.documentedApis.async;
  for (var i = 0; i < names.length; i++) {
    if (!shim.hasApi(names[i])) shim.defineApi(names[i], { family: 'unsupported', params: [] });
  }
  var sync = c.documentedApis.sync;
  for (i = 0; i < sync.length; i++) {
    if (shim.hasApi(sync[i])) continue;
    (function (name) {
      var listener = /^(on|off)[A-Z]/.test(name);
      shim.setApi(name, function () {
        shim.post(shim.record({ op: 'log', type: 'unsupported', api: name }));
        // A listener registration does nothing; another Sync API returns its failure.
        return listener ? undefined : new P.Error(name + ':fail not supported by swan-bridge');
      });
    })(sync[i]);
  }
});
