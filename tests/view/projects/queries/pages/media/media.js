Page({
  data: { src: 'https://example.com/a.png', events: [] },
  record(name, e) { this.setData({ events: this.data.events.concat([[name, e.detail]]) }); },
  onLoad2(e) { this.record('load', e); },
  onError(e) { this.record('error', e); },
  onScroll(e) { this.record('scroll', e); },
  onUpper(e) { this.record('scrolltoupper', e); },
  onLower(e) { this.record('scrolltolower', e); },
  onChange(e) { this.record('change', e); },
  onFinish(e) { this.record('animationfinish', e); },
  offset() {
    return new Promise(resolve => swan.createSelectorQuery().select('.scroller').scrollOffset().exec(res => resolve(res[0])));
  }
});
