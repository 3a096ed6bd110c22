// Each handler records, in order, "<event type>:<handler>@<currentTarget's data-who>", and the
// last event it got.
Page({
  data: { name: 'Ann', agree: true },
  onLoad() { this.calls = []; this.lastEvent = null; },
  note(handler, e) {
    this.calls.push(e.type + ':' + handler + '@' + e.currentTarget.dataset.who);
    this.lastEvent = e;
  },
  outer(e) { this.note('outer', e); },
  inner(e) { this.note('inner', e); },
  capOuter(e) { this.note('capOuter', e); },
  capInner(e) { this.note('capInner', e); },
  onInput(e) { this.note('onInput', e); },
  onChange(e) { this.note('onChange', e); },
  onSubmit(e) { this.note('onSubmit', e); },
  onReset(e) { this.note('onReset', e); },
  onLongpress(e) { this.note('onLongpress', e); },
  seen() { const out = this.calls; this.calls = []; return out; },
  last() { return this.lastEvent; }
});
