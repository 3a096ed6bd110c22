Page({
  data: { seen: [] },
  note(res) {
    this.setData({ seen: this.data.seen.concat([res]) });
  },
  relativeToScroller(options) {
    this.observer = swan.createIntersectionObserver(this, options || {});
    this.observer.relativeTo('.scroller').observe('.ball', res => this.note(res));
  },
  viewportWithMargins() {
    // The docs' form: options alone.
    this.observer = swan.createIntersectionObserver({ thresholds: [0.5, 1] });
    this.observer.relativeToViewport({ bottom: 100 }).observe('#ball', res => this.note(res));
  },
  observeWithoutRelative() {
    swan.createIntersectionObserver(this).observe('.ball', res => this.note(res));
  },
  observeTwice() {
    const o = swan.createIntersectionObserver(this).relativeToViewport();
    o.observe('.ball', () => {});
    o.observe('.ball', () => {});
  },
  stop() { this.observer.disconnect(); }
});
