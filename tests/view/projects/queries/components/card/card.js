Component({
  properties: { title: { type: String, value: '' }, price: { type: Number, value: 0 } },
  data: { seen: [] },
  methods: {
    // The component's own query: this.createSelectorQuery() is swan.createSelectorQuery().in(this).
    measure(selector) {
      return new Promise(resolve => {
        this.createSelectorQuery().select(selector).fields({ id: true, dataset: true, size: true }).exec(resolve);
      });
    },
    watch() {
      this.createIntersectionObserver().relativeToViewport().observe('.title', res => {
        this.setData({ seen: this.data.seen.concat([res.intersectionRatio]) });
      });
    }
  }
});
