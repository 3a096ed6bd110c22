Component({
  properties: { count: { type: Number, value: 3 } },
  data: { list: [] },
  // Fields outside data, properties and methods are the instance's own, a copy for each.
  attr: { star: { icon: 'star', color: '' } },
  colour() { return 'blue'; },
  created() {
    this.attr.star.color = this.colour();
  },
  attached() {
    var list = [];
    for (var i = 0; i < this.data.count; i++) list.push(this.attr.star);
    this.setData({ list: list });
  },
  methods: {
    dim() {
      this.attr.star.color = 'grey';
      this.setData({ 'list[0]': this.attr.star });
    }
  }
});
