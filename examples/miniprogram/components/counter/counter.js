/**
 * @file components/counter/counter.js 计数器组件
 */
const logger = require('../../behaviors/logger');

Component({
    behaviors: [logger],

    properties: {
        start: {
            type: Number,
            value: 0,
            observer(newVal, oldVal) {
                this.log(`start ${oldVal} -> ${newVal}`);
                this.setData({count: newVal});
            }
        },
        step: Number
    },

    data: {
        count: 0,
        even: true
    },

    lifetimes: {
        attached() {
            this.setData({count: this.data.start});
        }
    },

    observers: {
        'count': function (count) {
            this.setData({even: count % 2 === 0});
        }
    },

    methods: {
        increment() {
            const count = this.data.count + (this.data.step || 1);
            this.setData({count});
            this.triggerEvent('change', {count});
            return count;
        },

        reset() {
            const count = this.data.start;
            this.setData({count});
            this.log('reset');
            this.triggerEvent('change', {count});
            return count;
        }
    }
});
