/**
 * @file pages/index/index.js 首页：列表 + 计数器组件
 */
const app = getApp();

const PAGE_SIZE = 5;
const MAX_ITEMS = 20;
const POLL_INTERVAL = 30000;
const POLL_TIMES = 20;

Page({
    data: {
        items: [],
        loading: false,
        total: 0,
        from: '',
        userName: '',
        showCount: 0,
        lastCount: 0,
        polls: 0,
        polling: false
    },
    onLoad(query) {
        this.setData({from: query.from || 'direct', userName: app.globalData.userName || '游客'});
        this.loadMore();
    },
    onShow() {
        this.setData({showCount: this.data.showCount + 1});
    },
    onReady() {
        swan.setNavigationBarTitle({title: `首页（${this.data.total}）`});
    },
    onUnload() {
        this.stopPolling();
    },
    onPullDownRefresh() {
        this.setData({items: [], total: 0});
        this.loadMore();
        swan.stopPullDownRefresh();
    },
    onReachBottom() {
        this.loadMore();
    },
    loadMore() {
        if (this.data.loading || this.data.total >= MAX_ITEMS) {
            return 0;
        }
        this.setData({loading: true});
        for (let i = 0; i < PAGE_SIZE; i++) {
            this.addItem(`Item ${this.data.total + 1}`);
        }
        this.setData({loading: false});
        return PAGE_SIZE;
    },
    addItem(name) {
        const n = this.data.items.length;
        this.setData({['items[' + n + ']']: {name}, total: n + 1});
        return n + 1;
    },
    onAddTap() {
        return this.addItem(`Item ${this.data.total + 1}`);
    },
    onCounterChange(e) {
        this.setData({lastCount: e.detail.count});
        return e.detail.count;
    },
    // files 是 tabBar 页面：navigateTo 会失败，此时改用 switchTab（不能带参数）
    goToFiles() {
        return new Promise(resolve => swan.navigateTo({
            url: '/pages/files/files?from=index',
            success: () => resolve('navigateTo'),
            fail: () => swan.switchTab({url: '/pages/files/files', success: () => resolve('switchTab'), fail: () => resolve('')})
        }));
    },
    goUpload() {
        swan.navigateTo({url: '../upload/upload?source=home'});
    },
    // 每 30 秒轮询一次，共 20 次（不发请求，只累加 data.polls）
    startPolling() {
        if (this.pollTimer) {
            return false;
        }
        this.setData({polls: 0, polling: true});
        const tick = () => {
            this.setData({polls: this.data.polls + 1});
            if (this.data.polls >= POLL_TIMES) {
                return this.stopPolling();
            }
            this.pollTimer = setTimeout(tick, POLL_INTERVAL);
        };
        this.pollTimer = setTimeout(tick, POLL_INTERVAL);
        return true;
    },
    stopPolling() {
        clearTimeout(this.pollTimer);
        this.pollTimer = null;
        if (this.data.polling) {
            this.setData({polling: false});
        }
    }
});
