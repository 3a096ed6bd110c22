/**
 * @file packageA/pages/promo/promo.js 分包里的活动页
 */
Page({
    data: {
        campaign: ''
    },
    onLoad(query) {
        this.setData({campaign: query.campaign || 'none'});
    }
});
