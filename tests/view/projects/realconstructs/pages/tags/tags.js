Page({
  data: { id: 7, src: 'https://img.example.com/7.png', caption: 'after the photo', opened: 0, confirming: false },
  open(e) { this.setData({ opened: e.currentTarget.dataset.id }); },
  ask() { this.setData({ confirming: true }); }
});
