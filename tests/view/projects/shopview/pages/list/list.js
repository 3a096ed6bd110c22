Page({
  data: { title: 'Fruit', items: [{ id: 1, name: 'apple', price: 3 }, { id: 2, name: 'pear', price: 4 }], taps: [] },
  onLoad(query) { this.setData({ title: 'Fruit (' + this.data.items.length + ')' }); },
  rowTap(e) { this.setData({ taps: this.data.taps.concat(['row:' + e.currentTarget.dataset.itemId + ':' + e.target.id]) }); },
  buyTap(e) { this.setData({ taps: this.data.taps.concat(['buy:' + e.currentTarget.dataset.type]) }); },
  infoTap(e) { this.setData({ taps: this.data.taps.concat(['info']) }); },
  rename() { this.setData('items[1].name', 'grape'); },
  addItem() { this.pushData('items', { id: 3, name: 'kiwi', price: 5 }); },
  boom() { throw new Error('handler failed'); }
});
