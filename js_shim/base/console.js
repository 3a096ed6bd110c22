/*
 * console.js: console.log / info / debug / warn / error, formatted here and sent to the host.
 * Formatting never throws and never runs for ever: getters that throw, Proxies and cycles
 * print as placeholders.
 */
var P = shim.P;

function formatObject(v) {
  var seen = [];
  try {
    var out = P.JSONStringify(v, function (key, value) {
      if (typeof value === 'bigint') return P.String(value);
      if (typeof value === 'function') return '[Function: ' + (value.name || 'anonymous') + ']';
      if (typeof value === 'object' && value !== null) {
        if (P.ArrayPrototypeIndexOf(seen, value) !== -1) return '[Circular]';
        seen[seen.length] = value;
      }
      return value;
    });
    return out === undefined ? shim.safeString(v) : out;
  } catch (e) {
    return shim.safeString(v);
  }
}

function formatValue(v) {
  switch (typeof v) {
    case 'string': return v;
    case 'undefined': return 'undefined';
    case 'function': return '[Function: ' + (v.name || 'anonymous') + ']';
    case 'symbol': return shim.safeString(v);
    case 'object':
      if (v === null) return 'null';
      if (v instanceof P.Error) return shim.describeError(v).message;
      return formatObject(v);
    default: return P.String(v); // number, boolean, bigint: as JS prints them
  }
}
shim.formatValue = formatValue;

function makeConsoleMethod(level) {
  return function () {
    // One string is printed as it is (the outbox flattens it with the rest of its piece).
    if (arguments.length === 1 && typeof arguments[0] === 'string') {
      shim.postConsole(level, arguments[0]);
      return;
    }
    var parts = [];
    for (var i = 0; i < arguments.length; i++) {
      try { parts[i] = formatValue(arguments[i]); } catch (e) { parts[i] = '[unprintable value]'; }
    }
    shim.postConsole(level, P.ArrayPrototypeJoin(parts, ' '));
  };
}

global.console = {
  log: makeConsoleMethod('log'),
  info: makeConsoleMethod('info'),
  debug: makeConsoleMethod('debug'),
  warn: makeConsoleMethod('warn'),
  error: makeConsoleMethod('error')
};
shim.warn = makeConsoleMethod('warn');
