/**
 * @file behaviors/logger.js 给组件加上一个简单的日志：data.logs
 */
module.exports = Behavior({
    data: {
        logs: []
    },

    attached() {
        this.log('attached');
    },

    methods: {
        log(message) {
            const logs = this.data.logs.concat(String(message));
            this.setData({logs});
            return logs.length;
        }
    }
});
