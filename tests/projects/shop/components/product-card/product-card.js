/**
 * @file components/product-card/product-card.js 商品卡片
 */
const track = require('../../behaviors/track');

Component({
    behaviors: [track],

    properties: {
        title: String,
        price: {
            type: Number,
            value: 100,
            observer(newVal, oldVal) {
                this.setData({priceChanges: this.data.priceChanges.concat([[newVal, oldVal, this.data.price]])});
            }
        },
        stock: {
            type: Number,
            value: 10,
            observer: 'onStockChange'
        },
        tags: Array,
        soldOut: Boolean,
        extra: Object,
        anything: null
    },

    data: {
        count: 1,
        total: 0,
        priceChanges: [],
        observerRuns: 0
    },

    observers: {
        'price, count': function (price, count) {
            this.setData({total: price * count, observerRuns: this.data.observerRuns + 1});
        }
    },

    attached() {
        this.setData({trace: this.data.trace.concat('card attached')});
    },

    methods: {
        onStockChange(newVal, oldVal) {
            console.log('stock ' + oldVal + ' -> ' + newVal);
        },
        setCount(count) {
            this.setData({count});
            return this.data.total;
        },
        setBoth(price, count) {
            this.setData({price, count});
            return this.data.observerRuns;
        },
        addToCart() {
            this.track('add');
            this.triggerEvent('add', {title: this.data.title, count: this.data.count});
        }
    }
});
