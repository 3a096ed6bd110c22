var money = require('./money.sjs');
export default {
  price: function (n) { return money.sign + n.toFixed(2); },
  kinds: function () { return [typeof swan, typeof getApp, typeof getDate(0), getRegExp('a+', 'g').source].join(','); }
};
