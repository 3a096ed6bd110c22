Page({
  data: {
    article: { headimg: '' },
    dates: ['2020-01-01', '2020-01-02'],
    days: [{ day: 1, state: 1 }, { day: 2, state: 0 }],
    picked: null
  },
  // The component's event as swan hands it over: the detail's keys at the top as well.
  onDayClick({ value, type, detail }) {
    this.setData({ picked: { day: value.day, type: type, same: detail.value === value } });
  }
});
