/*
 * view/layout.js: where a rendered element is and how big, as far as a view without layout can
 * say. SelectorQuery and IntersectionObserver answer from it.
 *
 * The model: an element's width and height come from its inline style (`width: 200rpx`,
 * `height: 40px`, a number is px; rpx is windowWidth / 750 px), else the component's documented
 * default (image: 300 x 225 px), else 0; `left` and `top` from its inline style, else 0. A test
 * sets any of the four on an element (`node.set_rect(...)`), and what it set wins. A scroll-view's
 * scroll offset is what the test scrolled it to, else its `scroll-top` / `scroll-left`.
 * The viewport is the device's window (getSystemInfoSync's windowWidth x windowHeight).
 */
var P = shim.P;
var V = shim.view;

var DEFAULT_SIZE = shim.record({ image: { width: 300, height: 225 } }); // component/media_image.md
var LENGTH = /^(-?(?:\d+\.?\d*|\.\d+))(px|rpx)?$/;

function windowSize() {
  var info = shim.systemInfo();
  return { width: P.Number(info.windowWidth) || 0, height: P.Number(info.windowHeight) || 0 };
}
V.windowSize = windowSize;

// The inline style as {name: value}, names lower-cased as written (`background-color`).
function styleOf(inst) {
  var out = P.ObjectCreate(null);
  var style = inst.attrs.style;
  if (typeof style !== 'string') return out;
  var parts = P.StringPrototypeSplit(style, ';');
  for (var i = 0; i < parts.length; i++) {
    var at = P.StringPrototypeIndexOf(parts[i], ':');
    if (at <= 0) continue;
    var name = P.StringPrototypeToLowerCase(P.StringPrototypeTrim(P.StringPrototypeSlice(parts[i], 0, at)));
    out[name] = P.StringPrototypeTrim(P.StringPrototypeSlice(parts[i], at + 1));
  }
  return out;
}
V.styleOf = styleOf;

// A CSS length in px, or undefined for what the model does not size (%, auto, em ...).
function px(value) {
  if (typeof value === 'number') return P.NumberIsFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  var m = P.RegExpPrototypeExec(LENGTH, P.StringPrototypeTrim(value));
  if (m === null) return undefined;
  var n = P.Number(m[1]);
  return m[2] === 'rpx' ? n * windowSize().width / 750 : n;
}

function pick(set, key, fromStyle, fallback) {
  if (set !== undefined && typeof set[key] === 'number') return set[key];
  return fromStyle !== undefined ? fromStyle : fallback;
}

// {left, top, right, bottom, width, height} of an element, in px.
V.rectOf = function (inst) {
  var style = styleOf(inst);
  var set = inst.rect;
  var size = DEFAULT_SIZE[inst.tag] || { width: 0, height: 0 };
  var width = pick(set, 'width', px(style.width), size.width);
  var height = pick(set, 'height', px(style.height), size.height);
  var left = pick(set, 'left', px(style.left), 0);
  var top = pick(set, 'top', px(style.top), 0);
  return { left: left, top: top, right: left + width, bottom: top + height, width: width, height: height };
};

// What the test set: any of left, top, width, height (numbers, px); null forgets one.
V.setRect = function (inst, given) {
  var rect = inst.rect || P.ObjectCreate(null);
  var keys = ['left', 'top', 'width', 'height'];
  for (var i = 0; i < keys.length; i++) {
    if (!P.ObjectPrototypeHasOwnProperty(given, keys[i])) continue;
    var v = given[keys[i]];
    if (v === null) delete rect[keys[i]];
    else rect[keys[i]] = P.Number(v);
  }
  inst.rect = rect;
};

// {scrollLeft, scrollTop} of an element: a scroll-view's as scrolled, else 0.
V.scrollOf = function (inst) {
  if (inst.scrolled !== undefined) return { scrollLeft: inst.scrolled.scrollLeft, scrollTop: inst.scrolled.scrollTop };
  if (inst.tag !== 'scroll-view') return { scrollLeft: 0, scrollTop: 0 };
  return { scrollLeft: px(inst.attrs['scroll-left']) || 0, scrollTop: px(inst.attrs['scroll-top']) || 0 };
};
