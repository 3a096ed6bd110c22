/*
 * animation.js: swan.createAnimation(options) and its Animation (api/show/createanimation_*.md).
 *
 * Nothing moves: an Animation only describes steps, and `export()` gives them as data for an
 * element's `animation` attribute (through setData), in the shape
 *   {actions: [{animates: [{type, args}], option: {transition: {duration, timingFunction, delay},
 *    transformOrigin}}]}
 * Style methods are {type: "style", args: [css property, value]} (a number is px for the lengths);
 * transforms are {type: <method>, args: [...]}. Each step holds every command given so far, the
 * last call of a method (of a style property) winning, in the order they were first given: what
 * the element looks like at the end of that step. export() empties the list of steps.
 */
var P = shim.P;

var DEFAULTS = { duration: 400, timingFunction: 'linear', delay: 0, transformOrigin: '50% 50% 0' };

function length(v) { return typeof v === 'number' ? v + 'px' : v; }
function or(v, d) { return v === undefined ? d : v; }

function Animation(options) {
  options = options !== null && typeof options === 'object' ? options : {};
  var state = {
    option: {
      duration: or(options.duration, DEFAULTS.duration), timingFunction: or(options.timingFunction, DEFAULTS.timingFunction),
      delay: or(options.delay, DEFAULTS.delay), transformOrigin: or(options.transformOrigin, DEFAULTS.transformOrigin)
    },
    actions: [],
    keys: [], // the commands given so far, in first-given order
    current: P.ObjectCreate(null) // key -> {type, args}
  };
  P.ObjectDefineProperty(this, '_state', { value: state });
}

function add(animation, key, type, args) {
  var state = animation._state;
  if (state.current[key] === undefined) state.keys[state.keys.length] = key;
  state.current[key] = { type: type, args: args };
  return animation;
}

var methods = {
  step: function (options) {
    var state = this._state;
    var o = options !== null && typeof options === 'object' ? options : {};
    var animates = [];
    for (var i = 0; i < state.keys.length; i++) {
      var a = state.current[state.keys[i]];
      animates[i] = { type: a.type, args: P.ArrayPrototypeSlice(a.args) };
    }
    state.actions[state.actions.length] = {
      animates: animates,
      option: {
        transition: { duration: or(o.duration, state.option.duration), timingFunction: or(o.timingFunction, state.option.timingFunction),
          delay: or(o.delay, state.option.delay) },
        transformOrigin: or(o.transformOrigin, state.option.transformOrigin)
      }
    };
    return this;
  },
  'export': function () {
    var state = this._state;
    var actions = state.actions;
    state.actions = [];
    return { actions: actions };
  }
};

// Style methods: the CSS property each sets, and whether a number means px.
var STYLES = [['opacity', 'opacity', false], ['backgroundColor', 'background-color', false], ['width', 'width', true],
  ['height', 'height', true], ['top', 'top', true], ['left', 'left', true], ['bottom', 'bottom', true], ['right', 'right', true]];
for (var s = 0; s < STYLES.length; s++) {
  (function (name, property, px) {
    methods[name] = function (value) { return add(this, 'style.' + property, 'style', [property, px ? length(value) : value]); };
  })(STYLES[s][0], STYLES[s][1], STYLES[s][2]);
}

// Transform methods: their arguments' defaults (the identity); scale(sx) is scale(sx, sx).
var TRANSFORMS = [
  ['rotate', [0]], ['rotate3d', [0, 0, 0, 0]], ['rotateX', [0]], ['rotateY', [0]], ['rotateZ', [0]],
  ['scale', [1, null]], ['scale3d', [1, 1, 1]], ['scaleX', [1]], ['scaleY', [1]], ['scaleZ', [1]],
  ['skew', [0, 0]], ['skewX', [0]], ['skewY', [0]],
  ['translate', [0, 0]], ['translate3d', [0, 0, 0]], ['translateX', [0]], ['translateY', [0]], ['translateZ', [0]],
  ['matrix', [1, 0, 0, 1, 0, 0]], ['matrix3d', [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]]
];
for (var t = 0; t < TRANSFORMS.length; t++) {
  (function (name, defaults) {
    methods[name] = function () {
      var args = [];
      for (var i = 0; i < defaults.length; i++) args[i] = arguments[i] === undefined ? defaults[i] : arguments[i];
      if (name === 'scale' && args[1] === null) args[1] = args[0];
      return add(this, name, name, args);
    };
  })(TRANSFORMS[t][0], TRANSFORMS[t][1]);
}

var names = P.ObjectKeys(methods);
for (var n = 0; n < names.length; n++) {
  P.ObjectDefineProperty(Animation.prototype, names[n], { value: methods[names[n]], writable: true, configurable: true });
}

shim.setApi('createAnimation', function createAnimation(options) { return new Animation(options); });
