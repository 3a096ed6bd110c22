Page({
  data: { cards: ['A', 'B', 'C'] },
  dropMiddle() { this.setData({ cards: ['A', 'C'] }); }
});
