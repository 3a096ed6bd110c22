/*
 * view/events.js: what handlers an event on a rendered node calls, in order, and with what
 * event object, as the swan client builds them.
 *
 * Bindings are attributes: bind<type>, catch<type>, capture-bind:<type>, capture-catch:<type>,
 * each with or without the colon. Only the touch family and the transition / animation events
 * bubble; for them the capture listeners run first, from the root down to the target, then the
 * bubbling ones from the target up. `catch` stops bubbling; `capture-catch` stops everything
 * after it. A component event (change, input, submit, ...) reaches only the target's own
 * bindings. A disabled form control runs none of its own touch or tap handlers.
 *
 * Event object: touch events {type, timeStamp, target, currentTarget, detail (tap: {x, y}),
 * touches, changedTouches}; others {type, timeStamp, target, currentTarget, detail}. target and
 * currentTarget are {id, tagName, offsetLeft, offsetTop, dataset}: `id` is the id attribute, or a
 * generated one ("_" + node id) as swan's components report; `tagName` the element's tag (swan
 * docs, view_incident.md); dataset follows the documented rule (the name after data- lower-cased,
 * then -x becomes X) and keeps bound types.
 */
var P = shim.P;
var V = shim.view;

var BUBBLES = { tap: 1, longtap: 1, longpress: 1, touchstart: 1, touchmove: 1, touchcancel: 1, touchend: 1, touchforcechange: 1,
  transitionend: 1, animationstart: 1, animationiteration: 1, animationend: 1 };
var TOUCH = { tap: 1, longtap: 1, longpress: 1, touchstart: 1, touchmove: 1, touchcancel: 1, touchend: 1, touchforcechange: 1 };
var DISABLEABLE = { button: 1, input: 1, checkbox: 1, picker: 1, radio: 1, slider: 1, textarea: 1, 'switch': 1 };
var BINDING = /^(capture-)?(bind|catch):?([A-Za-z][\w-]*)$/;

// {capture, catch, type} of a binding attribute's name, or null.
function binding(name) {
  var m = BINDING.exec(name);
  return m === null ? null : { capture: m[1] !== undefined, stop: m[2] === 'catch', type: m[3] };
}
V.binding = binding;

function datasetKey(name) {
  return P.StringPrototypeReplace(P.StringPrototypeToLowerCase(P.StringPrototypeSlice(name, 5)), /-([a-z0-9])/g, function (_, c) {
    return P.StringPrototypeToUpperCase(c);
  });
}

function dataset(inst) {
  var out = {};
  var names = P.ObjectKeys(inst.attrs);
  for (var i = 0; i < names.length; i++) {
    if (P.StringPrototypeSlice(names[i], 0, 5) === 'data-' && names[i].length > 5) out[datasetKey(names[i])] = inst.attrs[names[i]];
  }
  return out;
}
V.dataset = dataset;
V.flag = flag;
V.disabled = disabled;

function describe(inst) {
  var id = inst.attrs.id;
  return { id: id === undefined || id === null || id === '' ? '_' + inst.id : id, tagName: inst.tag, offsetLeft: 0, offsetTop: 0, dataset: dataset(inst) };
}
V.describe = describe;

// Truthiness of a boolean attribute as swan's components read it (boolCast): "false" and ""
// (a binding that gave an empty string) are false; a bare attribute is `true`.
function flag(v) {
  return !(v === 'false' || v === '' || v === false || v === null || v === undefined || v === 0);
}

function disabled(inst) {
  return DISABLEABLE[inst.tag] === 1 && P.ObjectPrototypeHasOwnProperty(inst.attrs, 'disabled') && flag(inst.attrs.disabled);
}

// The elements from the target up to (not including) the view's root.
function ancestry(inst) {
  var out = [];
  for (var cur = inst; cur !== null && cur.id !== 0; cur = cur.parent) if (cur.k === 'el') out[out.length] = cur;
  return out;
}

function handlersOf(inst, type) {
  var out = [];
  var names = P.ObjectKeys(inst.attrs);
  for (var i = 0; i < names.length; i++) {
    var b = binding(names[i]);
    if (b === null || b.type !== type) continue;
    var handler = inst.attrs[names[i]];
    if (typeof handler !== 'string' || handler === '') continue;
    out[out.length] = { capture: b.capture, stop: b.stop, handler: handler };
  }
  return out;
}

// opts: {x, y, timeStamp, detail (undefined: the default for the type)}.
V.dispatch = function (view, id, type, opts) {
  var target = view.nodes[id];
  if (target === undefined || target.k !== 'el') return null;
  opts = opts || {};
  var x = typeof opts.x === 'number' ? opts.x : 0;
  var y = typeof opts.y === 'number' ? opts.y : 0;
  var timeStamp = typeof opts.timeStamp === 'number' ? P.MathFloor(opts.timeStamp) : 0;
  var touch = TOUCH[type] === 1;
  var detail = opts.detail;
  if (detail === undefined && type === 'tap') detail = { x: x, y: y };
  var path = BUBBLES[type] === 1 ? ancestry(target) : [target];
  var targetInfo = describe(target);
  var calls = [];
  function call(inst, h, phase) {
    if (touch && disabled(inst)) return;
    var event = { type: type, timeStamp: timeStamp, target: targetInfo, currentTarget: describe(inst) };
    if (detail !== undefined) event.detail = detail;
    if (touch) {
      var t = { identifier: 0, pageX: x, pageY: y, clientX: x, clientY: y, force: 1, x: x, y: y };
      event.touches = type === 'touchend' || type === 'touchcancel' ? [] : [t];
      event.changedTouches = [t];
    }
    var rec = { node: inst.id, handler: h.handler, phase: phase, stop: h.stop, event: event };
    P.ObjectDefineProperty(rec, 'owner', { value: inst.o }); // the view whose page or component handles it
    calls[calls.length] = rec;
  }
  var i, j, hs;
  for (i = path.length - 1; i >= 0; i--) {
    hs = handlersOf(path[i], type);
    for (j = 0; j < hs.length; j++) {
      if (!hs[j].capture) continue;
      call(path[i], hs[j], 'capture');
      if (hs[j].stop) return calls;
    }
  }
  for (i = 0; i < path.length; i++) {
    hs = handlersOf(path[i], type);
    var stopped = false;
    for (j = 0; j < hs.length; j++) {
      if (hs[j].capture) continue;
      call(path[i], hs[j], 'bubble');
      if (hs[j].stop && !(touch && disabled(path[i]))) stopped = true;
    }
    if (stopped) break;
  }
  return calls;
};
