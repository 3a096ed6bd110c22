// The benchmark's call-with-setData component (WeChat form): each fill() sets a 100-item list;
// bench/listapp/components/hundred holds the same in swan.
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
