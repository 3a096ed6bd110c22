Page({ data: {}, onLoad(q) { this.setData({ id: q.id }); } });
