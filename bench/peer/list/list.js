// The benchmark's 1,000-row list component (WeChat form); bench/listapp holds the same in swan.
function makeRows() {
  var rows = [];
  for (var i = 0; i < 1000; i++) rows.push({ id: i, name: 'row ' + i, price: i % 50 });
  return rows;
}

Component({
  data: { rows: makeRows(), picked: -1, n: 0 },
  methods: {
    bump(i) {
      this.setData({ ['rows[' + i + '].name']: 'changed ' + this.data.n, n: this.data.n + 1 });
    },
    pick(e) {
      this.setData({ picked: e.currentTarget.dataset.id });
    }
  }
});
