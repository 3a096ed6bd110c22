Page({
  data: { form: { name: 'Bob' }, agree: false, submitted: null, events: [], level: 20 },
  onInput(e) { this.setData({ events: this.data.events.concat(['input:' + e.detail.value + ':' + e.detail.cursor]) }); },
  onChange(e) { this.setData({ events: this.data.events.concat(['change:' + JSON.stringify(e.detail)]) }); },
  onSwitch(e) { this.setData({ agree: e.detail.checked }); },
  onSubmit(e) { this.setData({ submitted: e.detail.value }); },
  onReset() { this.setData({ events: this.data.events.concat(['reset']) }); },
  onColors(e) { this.setData({ colors: e.detail.value }); },
  onSize(e) { this.setData({ size: e.detail.value }); },
  onLevel(e) { this.setData({ level: e.detail.value }); },
  onPick(e) { this.setData({ city: e.detail.value }); },
  onLower(e) { this.setData({ lower: Object.keys(e.detail).sort().join(',') }); }
});
