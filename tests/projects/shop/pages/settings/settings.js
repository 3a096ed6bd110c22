/**
 * @file pages/settings/settings.js 设置：功能模块按需加载
 */
Page({
    data: {
        features: []
    },
    loadFeature(name) {
        const feature = require('../../features/' + name);
        this.setData({features: this.data.features.concat(feature.name)});
        return feature.discount(100);
    }
});
