/**
 * @file behaviors/track.js 曝光/点击埋点
 */
module.exports = Behavior({
    data: {
        trace: []
    },

    lifetimes: {
        attached() {
            this.setData({trace: this.data.trace.concat('track attached')});
        }
    },

    methods: {
        track(name) {
            this.setData({trace: this.data.trace.concat(name)});
            return this.data.trace.length;
        }
    }
});
