Page({
  data: {
    level: 2, list: ['a', 'b'], people: [{name: 'Ann', age: 30}, {name: 'Bo', age: 7}],
    year: 2026, price: 1234.5, on: true, size: 12
  },
  set(data) { this.setData(data); }
});
