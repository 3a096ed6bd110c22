Page({
  data: { n: 1, user: 'Ann', show: true, picked: null, tags: ['x', 'y'] },
  more() { this.setData({ n: this.data.n + 1 }); },
  toggle() { this.setData({ show: !this.data.show }); },
  onPick(e) { this.setData({ picked: e.detail.title + ':' + e.detail.count + ':' + e.type + ':' + e.currentTarget.id }); },
  onReady() { this.setData({ readyCard: this.selectComponent('#first').data.cardTitle, cards: this.selectAllComponents('.card').length }); }
});
