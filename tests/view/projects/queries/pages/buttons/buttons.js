Page({
  data: { events: [], shared: null },
  record(name, e) { this.setData({ events: this.data.events.concat([[name, e.detail]]) }); },
  onTap(e) { this.record('tap', e); },
  onUserInfo(e) { this.record('getuserinfo', e); },
  onPhone(e) { this.record('getphonenumber', e); },
  onSetting(e) { this.record('opensetting', e); },
  onContact(e) { this.record('contact', e); },
  onAddress(e) { this.record('chooseaddress', e); },
  onShareAppMessage(options) {
    this.setData({ shared: options });
    return { title: 'Tea', content: 'Hot tea', path: '/pages/buttons/buttons?sku=42' };
  }
});
