Component({
  properties: {
    cardTitle: { type: String, value: 'untitled' },
    count: { type: Number, value: 0, observer(n, o) { this.setData({ doubled: n * 2, seen: this.data.seen.concat([o + '->' + n]) }); } },
    tags: { type: Array, value: [] }
  },
  data: { doubled: 0, seen: [], lifecycle: [] },
  lifetimes: {
    created() { getApp().globalData.log = (getApp().globalData.log || []).concat(['created:' + this.properties.cardTitle]); },
    attached() { getApp().globalData.log = getApp().globalData.log.concat(['attached:' + this.data.cardTitle]); },
    ready() { getApp().globalData.log = getApp().globalData.log.concat(['ready:' + this.data.cardTitle]); },
    detached() { getApp().globalData.log = getApp().globalData.log.concat(['detached:' + this.data.cardTitle]); }
  },
  pageLifetimes: {
    show() { getApp().globalData.log = getApp().globalData.log.concat(['show:' + this.data.cardTitle]); },
    hide() { getApp().globalData.log = getApp().globalData.log.concat(['hide:' + this.data.cardTitle]); }
  },
  methods: {
    pick() { this.triggerEvent('pick', { title: this.data.cardTitle, count: this.data.count }); },
    hello() { return 'hello from ' + this.data.cardTitle; },
    badgeLabel() { return this.selectComponent('badge').data.label; }
  }
});
