Component({
  properties: { days: { type: Array, value: [] }, month: { type: Number, value: 0 } },
  methods: {
    dayClk(e) {
      this.triggerEvent('dayclick', { value: e.currentTarget.dataset.value });
    }
  }
});
