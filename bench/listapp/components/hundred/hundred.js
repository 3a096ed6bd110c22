// The benchmark's call-with-setData component (swan form): each fill() sets a 100-item list;
// bench/peer/hundred holds the same for WeChat.
Component({
  data: { items: [], n: 0 },
  methods: {
    fill() {
      var items = [];
      for (var i = 0; i < 100; i++) items.push({ id: i, name: 'item ' + i + ' of fill ' + this.data.n, done: (i + this.data.n) % 2 === 0 });
      this.setData({ items: items, n: this.data.n + 1 });
    }
  }
});
