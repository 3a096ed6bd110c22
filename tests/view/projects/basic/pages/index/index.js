Page({
  data: { title: 'Hello', items: [{ name: 'a' }, { name: 'b' }], count: 0 },
  onLoad() { this.setData({ title: 'Loaded' }); },
  add() { this.setData({ count: this.data.count + 1 }); },
  rowTap(e) { this.setData({ picked: e.currentTarget.dataset.name }); }
});
