/**
 * @file pages/poll/poll.js 订单状态：每 30 秒查询一次，最多 10 分钟
 */
const INTERVAL = 30 * 1000;
const LIMIT = 10 * 60 * 1000;

Page({
    data: {
        polls: 0,
        status: 'waiting'
    },
    onUnload() {
        clearTimeout(this.timer);
    },
    retryAfter(ms) {
        return new Promise(resolve => {
            setTimeout(() => {
                this.setData({status: 'retried'});
                resolve(this.data.status);
            }, ms);
        });
    },
    startPolling() {
        this.waited = 0;
        this.schedule();
    },
    schedule() {
        this.timer = setTimeout(() => {
            this.waited += INTERVAL;
            this.setData({polls: this.data.polls + 1});
            if (this.waited < LIMIT) {
                this.schedule();
            }
            else {
                this.setData({status: 'gave up'});
            }
        }, INTERVAL);
    }
});
