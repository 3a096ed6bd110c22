Page({
  data: {
    items: [{ id: 1, name: 'Tea', price: 3, hot: true }, { id: 2, name: 'Cake', price: 5 }, { id: 3, name: 'Pie', price: 4, hot: true }],
    title: 'Card',
    scrolls: [],
    upper: null
  },
  run(requests) {
    // requests: [[kind, selector, method, fields]], answered by one exec
    return new Promise(resolve => {
      const q = swan.createSelectorQuery();
      const each = [];
      requests.forEach(([kind, selector, method, fields]) => {
        const ref = kind === 'viewport' ? q.selectViewport() : q[kind](selector);
        ref[method](method === 'fields' ? fields : res => each.push(res), res => each.push(res));
      });
      q.exec(res => resolve({ res, each }));
    });
  },
  inCard(selector) {
    return new Promise(resolve => {
      swan.createSelectorQuery().in(this.selectComponent('#card')).selectAll(selector).fields({ id: true }).exec(resolve);
    });
  },
  afterSetData() {
    this.setData({ 'items[1].name': 'Scone', items: this.data.items.concat([{ id: 4, name: 'Bun', price: 6 }]) });
    return new Promise(resolve => {
      this.createSelectorQuery().selectAll('.row').fields({ dataset: true }).exec(res => resolve(res[0]));
    });
  },
  queueIsEmptied() {
    return new Promise(resolve => {
      const q = swan.createSelectorQuery();
      q.select('#leaf').fields({ id: true });
      q.exec(first => {
        q.select('#list').fields({ id: true });
        q.exec(second => resolve([first, second]));
      });
    });
  },
  firstRow() {
    return new Promise(resolve => swan.createSelectorQuery().select('.row').boundingClientRect().exec(res => resolve(res[0])));
  },
  onScroll(e) { this.setData({ scrolls: this.data.scrolls.concat([e.detail]) }); },
  onUpper(e) { this.setData({ upper: e.detail }); }
});
